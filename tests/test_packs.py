"""A generator, not one site: the second content pack builds a complete guide of its own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.loader import load_guide

from .conftest import DATA, FLAREPACK, MINIPACK_DATA, SPANISHPACK


def pack_names(data: Path, *more: str) -> set[str]:
    """A pack's own names (drug, brands, aliases, trials, title and these), of 4 letters or more."""
    guide = load_guide(data)
    d = guide.drug
    names = {d.name, d.short_name, *d.brand_names, *d.aliases, *(t.name for t in guide.trials.values()),
             guide.site.title, *more}
    return {n for n in names if len(n) >= 4}


def _t_dm1_names() -> set[str]:
    return pack_names(DATA, "HER2")


def test_second_pack_builds_every_page_of_its_nav(mini_site: Path) -> None:
    guide = load_guide(MINIPACK_DATA)

    def sources(nav) -> list[str]:
        out = []
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            out += sources(value) if isinstance(value, list) else [value]
        return out

    for src in sources(guide.site.nav) + [f"trials/{t}.md" for t in guide.trials]:
        stem = src.removesuffix(".md").removesuffix("index").rstrip("/")
        html = mini_site / stem / "index.html" if stem else mini_site / "index.html"
        assert html.is_file(), f"{src} was not built"


def test_second_pack_pages_show_its_own_data(mini_site: Path) -> None:
    guide = load_guide(MINIPACK_DATA)
    home = BeautifulSoup((mini_site / "index.html").read_text(), "lxml")
    assert home.title.get_text().endswith(guide.site.title)
    alpha = (mini_site / "trials" / "alpha" / "index.html").read_text()
    assert "HR 0.50 (95% CI 0.39–0.64); P&lt;0.001" in alpha
    patient = BeautifulSoup((mini_site / "patients" / "results" / "index.html").read_text(), "lxml")
    assert patient.select_one('[data-plain="alpha-pfs"]') is not None
    assert "Examplumab" in (mini_site / "mechanism" / "index.html").read_text()


def names_in_site(site: Path, names: set[str]) -> list[str]:
    """'page: name' for each of these names (whole words, any case) found in a built site's content files."""
    patterns = {n: re.compile(rf"(?<![\w-]){re.escape(n)}(?![\w-])", re.IGNORECASE) for n in names}
    hits = []
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        # Material's own bundles (search language support has word lists) are not content
        if path.suffix not in {".html", ".json", ".js", ".xml", ".txt", ".css", ".svg", ".csv"} or rel.startswith(
                ("assets/javascripts/", "assets/stylesheets/")):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{rel}: {n}" for n, pattern in patterns.items() if pattern.search(text)]
    return hits


def test_second_pack_contains_nothing_of_the_t_dm1_guide(mini_site: Path) -> None:
    names = _t_dm1_names()
    assert {"T-DM1", "KATHERINE", "Kadcyla", "trastuzumab emtansine"} <= names
    hits = names_in_site(mini_site, names)
    assert not hits, "the test pack's site shows T-DM1 content:\n" + "\n".join(sorted(hits)[:40])


# Each other pack's built site (a session fixture) and its names.
OTHER_PACKS = {
    "real_site": _t_dm1_names,
    "mini_site": lambda: pack_names(MINIPACK_DATA),
    "flare_site": lambda: pack_names(FLAREPACK / "data", "Velmoor"),
}


@pytest.mark.parametrize("other", sorted(OTHER_PACKS))
def test_the_spanish_pack_and_each_other_pack_share_no_name(other: str, spanish_site: Path,
                                                             request: pytest.FixtureRequest) -> None:
    other_site: Path = request.getfixturevalue(other)
    hits = names_in_site(spanish_site, OTHER_PACKS[other]())
    assert not hits, f"the Spanish pack's site shows {other}'s names:\n" + "\n".join(sorted(hits)[:40])
    names = pack_names(SPANISHPACK / "data", "Quillén")
    assert {"dorselimod", "Dorsavel", "SOLANA", "BRISA", "Quillén"} <= names
    hits = names_in_site(other_site, names)
    assert not hits, f"{other} shows the Spanish pack's names:\n" + "\n".join(sorted(hits)[:40])
