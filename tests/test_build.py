"""The real site, built with MkDocs, checked from the HTML a reader gets."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from macros import fmt
from macros.models import Status

CANONICAL_HOSTS = {"doi.org", "pubmed.ncbi.nlm.nih.gov", "clinicaltrials.gov", "www.cancer.gov", "seer.cancer.gov"}  # NCI: PDQ summaries, SEER statistics


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def article(page: BeautifulSoup):
    return page.select_one("article.md-content__inner")


def test_a_page_for_every_trial(real_site: Path, guide) -> None:
    for trial_id, trial in guide.trials.items():
        page = real_site / "trials" / trial_id / "index.html"
        assert page.exists(), f"no page for trial {trial_id}"
        assert article(soup(page)).h1.get_text(strip=True).rstrip("¶") == trial.name


def test_trial_pages_show_primary_endpoint_figures_exactly(real_site: Path, guide) -> None:
    checked = 0
    for trial_id, trial in guide.trials.items():
        page = soup(real_site / "trials" / trial_id / "index.html")
        for result in trial.results:
            if not result.primary_endpoint:
                continue
            row = page.select_one(f'table[data-analysis="{result.analysis}"] tr[data-result="{result.id}"]')
            assert row is not None, f"{trial_id}: row for {result.id} missing"
            for arm_id, value in result.arms.items():
                cell = row.select_one(f'td[data-arm="{arm_id}"]').get_text()
                expected = "not reached" if value.not_reached else str(value.value)
                assert expected in cell, f"{trial_id} {result.id} {arm_id}: {expected!r} not in {cell!r}"
                if value.ci:
                    assert f"{value.ci[0]}–{value.ci[1]}" in cell
            comparison = row.select_one('td[data-field="comparison"]').get_text()
            for comp in result.all_comparisons:
                assert fmt.comparison(comp) in comparison, f"{trial_id} {result.id}: {fmt.comparison(comp)!r} not in {comparison!r}"
            checked += 1
    assert checked >= len(guide.trials) - 2, "most trials should have a primary-endpoint result"


def test_figures_keep_published_decimals(real_site: Path) -> None:
    text = article(soup(real_site / "trials" / "katherine" / "index.html")).get_text()
    # KATHERINE's primary IDFS: the trailing zeros are part of the published figure.
    assert "0.50 (95% CI 0.39–0.64)" in text
    assert "77.0%" in text


def test_every_citation_links_to_an_entry_and_back(real_site: Path) -> None:
    total = 0
    for path in pages(real_site):
        page = soup(path)
        ids = {el.get("id") for el in page.select("[id]")}
        for link in page.select("sup.cite a"):
            target = link["href"].lstrip("#")
            assert target in ids, f"{path}: citation {link['href']} has no entry"
            entry = page.find(id=target)
            backs = {a["href"].lstrip("#") for a in entry.select(".backlinks a")}
            assert link["id"] in backs, f"{path}: entry {target} does not link back to {link['id']}"
            total += 1
        for entry in page.select(".reference-list li"):
            for back in entry.select(".backlinks a"):
                assert back["href"].lstrip("#") in ids, f"{path}: back-link {back['href']} goes nowhere"
    assert total > 100


def test_references_page_lists_each_source_with_citing_pages(real_site: Path, guide) -> None:
    catalogue_path = real_site / "references" / "index.html"
    catalogue = soup(catalogue_path)
    citing: dict[str, set[Path]] = {}
    for path in pages(real_site):
        page = soup(path)
        if page.select_one("footer.embed-footer"):
            continue  # embed pages are copies of content; the catalogue lists the full pages
        for link in page.select(".reference-list a.ref-catalogue"):
            ref_id = link["href"].split("#")[1]
            citing.setdefault(ref_id, set()).add(path.resolve())
    for ref_id in guide.references:
        entry = catalogue.find("li", id=ref_id)
        assert entry is not None, f"references page lacks {ref_id}"
        listed = {(catalogue_path.parent / a["href"]).resolve() / "index.html" if a["href"].endswith("/") else (catalogue_path.parent / a["href"]).resolve()
                  for a in entry.select(".cited-on a")}
        assert listed == citing.get(ref_id, set()), f"{ref_id}: cited-on list differs from the pages citing it"


def test_references_use_canonical_links_only(real_site: Path) -> None:
    for path in pages(real_site):
        for a in soup(path).select("article a[href^='http']"):
            host = urlparse(a["href"]).hostname
            assert host in CANONICAL_HOSTS, f"{path}: non-canonical external link {a['href']}"


def test_no_unrendered_template_syntax(real_site: Path) -> None:
    for path in pages(real_site):
        text = article(soup(path)).get_text()
        assert "{{" not in text and "{%" not in text, f"{path} has unrendered template syntax"


def test_unverified_values_carry_a_visible_notice(real_site: Path, mini_site: Path, guide) -> None:
    from macros.loader import load_guide

    from .conftest import MINIPACK_DATA

    checked = 0
    for site, data in ((real_site, guide), (mini_site, load_guide(MINIPACK_DATA))):
        for trial_id, trial in data.trials.items():
            unverified = [r for r in trial.results if r.status == Status.unverified]
            page = soup(site / "trials" / trial_id / "index.html")
            notice = page.select_one(".admonition.warning.unverified-notice")
            if not unverified:
                continue
            assert notice is not None and "not yet verified" in notice.get_text(), f"{trial_id}: no notice"
            for r in unverified:
                row = page.select_one(f'tr[data-result="{r.id}"]')
                assert "Not yet verified against the primary source" in row.get_text()
                checked += 1
    assert checked >= 1, "the test pack has an unverified result (ALPHA's ORR): this check must see it"


@pytest.mark.parametrize("slug", ["mechanism", "dosing", "trials", "safety", "sequencing", "references", "glossary"])
def test_main_pages_exist(real_site: Path, slug: str) -> None:
    page = soup(real_site / slug / "index.html")
    assert article(page).h1 is not None
    assert "Content current as of" in page.get_text()


def test_glossary_abbreviations_in_page_prose_carry_their_definition(real_site: Path, guide) -> None:
    """Every glossary abbreviation in the prose of a hand-written page is a tooltip with its definition."""
    import re

    from .conftest import ROOT

    defined = {t.abbreviation: " ".join(f"{t.term}: {t.plain}".split()) for t in guide.glossary.terms if t.abbreviation}
    plain = {" ".join(t.plain.split()) for t in guide.glossary.terms} | set(defined.values())
    checked = 0
    for md in sorted((ROOT / "docs").rglob("*.md")):
        text = md.read_text(encoding="utf-8").split("---", 2)[-1]
        prose = " ".join(line for line in text.splitlines()
                         if line.strip() and not line.lstrip().startswith(("{{", "<", "|", "#", "!!!", "*[", "```", "{ ")))
        prose = re.sub(r"\{\{.*?\}\}|\([^()\s]*\.md[^)]*\)", " ", prose)
        used = {a for a in defined if re.search(rf"(?<!\w){re.escape(a)}(?!\w)", prose)}
        if not used:
            continue
        stem = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        html = real_site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")
        titles = {a.get_text(): " ".join(a.get("title", "").split()) for a in soup(html).select("article abbr")}
        for abbreviation in used:
            # On patient pages a longer term ("HER2-positive") may carry the tooltip of its own plain definition.
            covering = [t for text, t in titles.items() if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", text)]
            assert titles.get(abbreviation) == defined[abbreviation] or (covering and all(t in plain for t in covering)), \
                f"{md.name}: {abbreviation} has no tooltip with its definition"
            checked += 1
    assert checked >= 3, f"only {checked} abbreviations checked: is the prose extraction right?"


def test_absolute_differences_are_the_published_rates_subtracted(real_site: Path, guide) -> None:
    from decimal import Decimal

    page = soup(real_site / "trials" / "katherine" / "index.html")
    idfs = page.select_one('tr[data-result="idfs"] [data-field="absolute-difference"]').get_text()
    assert "T-DM1 minus Trastuzumab: 11.3 percentage points at 3 years" in idfs  # 88.3% vs 77.0%
    assert page.select_one(".difference-rule"), "the page states how differences are computed"
    checked = 0
    for trial_id, trial in guide.trials.items():
        html = soup(real_site / "trials" / trial_id / "index.html")
        for cell in html.select('[data-field="absolute-difference"]'):
            result = next(r for r in trial.results if r.id == cell.find_parent("tr")["data-result"])
            labels = {a.label: a.id for a in trial.arms}
            text = cell.get_text().removeprefix("Absolute difference (").rstrip(")")
            names, _, rest = text.partition(": ")
            first, _, second = names.partition(" minus ")
            shown = Decimal(rest.split(" ")[0].replace("\u2212", "-"))
            assert shown == result.arms[labels[first]].value - result.arms[labels[second]].value, (trial_id, result.id)
            assert result.statistic.value == "rate", "never from a median or a hazard ratio"
            checked += 1
    assert checked >= 5
