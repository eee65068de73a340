"""A generator, not one site: the second content pack builds a complete guide of its own."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from macros.loader import load_guide

from .conftest import DATA, MINIPACK_DATA


def _t_dm1_names() -> set[str]:
    guide = load_guide(DATA)
    d = guide.drug
    names = {d.name, d.short_name, *d.brand_names, *d.aliases, *(t.name for t in guide.trials.values()), "HER2", guide.site.title}
    return {n for n in names if len(n) >= 4}


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
