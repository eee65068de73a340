"""A guide for a medicine that is not a cancer drug: an injection for a fictional chronic
inflammatory disease (tests/fixtures/flarepack), with its own settings and endpoint kinds, no
boxed warning, no pathway, no glossary, no sequencing or prescribing file. It builds strictly,
shows its settings and endpoint kinds by their labels, and shows no empty section."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from macros.loader import load_guide

from .conftest import DATA, FLAREPACK, parsed
from .test_packs import _t_dm1_names, names_in_site

HEADINGS = ("h1", "h2", "h3", "h4")


def _article(site: Path, page: str) -> Tag:
    html = site / page / "index.html" if page else site / "index.html"
    article = parsed(html).select_one("article")
    assert article is not None, page
    return article


def _pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if "embed" not in p.relative_to(site).parts[:1]]


def _csv(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "downloads" / name).read_text(encoding="utf-8-sig"))))


def test_pack_has_no_safety_rules_sequencing_or_glossary() -> None:
    data = FLAREPACK / "data"
    assert not (data / "sequencing.yml").exists() and not (data / "glossary.yml").exists()
    guide = load_guide(data)
    assert guide.sequencing is None and guide.glossary is None and guide.safety is not None
    assert not any(w.boxed for w in guide.warnings) and not guide.monitoring and not guide.dose_modifications
    assert not guide.drug.dosing.infusions and not guide.drug.dosing.dose_levels and not guide.drug.boxed_warning_summary


def test_settings_show_by_label_in_nav_tables_and_downloads(flare_site: Path) -> None:
    guide = load_guide(FLAREPACK / "data")
    labels = [s.label for s in guide.site.settings]
    assert labels == ["Flare prevention", "Treating an active flare"]
    nav = [a.get_text(" ", strip=True) for a in parsed(flare_site / "index.html").select("nav.md-nav label, nav.md-nav a")]
    for label in labels:
        assert label in nav, f"trials nav group {label!r} missing from {nav}"
    overview = _article(flare_site, "trials")
    captions = [c.get_text(strip=True) for c in overview.select("table.trials-overview caption")]
    assert captions == [f"Trials: {label}" for label in labels]
    assert _article(flare_site, "trials/lantern").find(string="Flare prevention; After two or more flares a year")
    assert {r["setting"] for r in _csv(flare_site, "trials.csv")} == set(labels)


def test_endpoint_kinds_show_by_label_never_other_or_an_id(flare_site: Path) -> None:
    overview = _article(flare_site, "trials")
    cells = [td.get_text(" ", strip=True) for td in overview.select("table.trials-overview td")]
    assert any(c.startswith("TTFF: median 14.2 vs 8.9 months; HR 0.58") for c in cells), cells
    assert any(c.startswith("Remission at week 12: 61.0%") for c in cells), cells
    forest = overview.select_one("svg[data-figure='forest-plot']")
    assert forest is not None and "LANTERN · TTFF" in forest.get_text(" ")
    kinds = {r["result_id"]: r["endpoint_kind"] for r in _csv(flare_site, "efficacy.csv")}
    assert kinds == {"ttff": "Time to first flare", "remission": "Remission at week 12"}
    for page in _pages(flare_site):
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text(" ")
        rel = page.relative_to(flare_site)
        assert " · other" not in text and "other:" not in text, rel
        for raw in ("flare-prevention", "active-flare", "ttff"):
            assert raw not in text, f"{rel}: shows the raw id {raw!r}"


def test_no_cancer_evidence_scheme_where_no_endpoint_has_a_place_in_it(flare_site: Path) -> None:
    """The PDQ levels are a cancer scheme: a pack whose endpoint kinds have no evidence_class shows no level column."""
    for page in ("trials", "trials/lantern", "trials/beacon"):
        article = _article(flare_site, page)
        assert "PDQ" not in article.get_text() and not article.select("[data-field='level']"), page


def _empty_sections(article: Tag) -> list[str]:
    """Empty boxes, tables without rows, lists without items, and headings with nothing under them."""
    out = []
    for table in article.select("table"):
        if not table.select("tbody tr"):
            out.append(f"table without rows: {table.get('class')}")
    for lst in article.select("ul, ol"):
        if not lst.find("li"):
            out.append(f"list without items: {lst.get('class')}")
    for box in article.select("div.admonition"):
        if not [c for c in box.children if isinstance(c, Tag) and "admonition-title" not in (c.get("class") or [])]:
            out.append(f"empty box: {box.get_text(strip=True)}")
    for heading in article.find_all(HEADINGS[1:]):
        after = heading.find_next_sibling()
        if after is None or (after.name in HEADINGS and after.name <= heading.name):
            out.append(f"nothing under heading {heading.get_text(strip=True)!r}")
    return out


def empty_sections_in(site: Path) -> list[str]:
    """Every empty box, table, list or heading on the built pages of a pack (shared by the pack tests)."""
    problems = []
    for page in _pages(site):
        article = parsed(page).select_one("article")
        if article is not None:
            problems += [f"{page.relative_to(site)}: {p}" for p in _empty_sections(article)]
    return problems


def test_no_page_shows_an_empty_section(flare_site: Path) -> None:
    problems = empty_sections_in(flare_site)
    assert not problems, "\n".join(problems)


def test_missing_sections_show_nothing_or_the_packs_sentence(flare_site: Path) -> None:
    safety = _article(flare_site, "safety")
    assert not safety.select("div.admonition.danger"), "no boxed warning: no red box"
    assert safety.find("p", class_="empty-section").get_text(strip=True) == \
        "The label sets no routine monitoring for this medicine."
    given = _article(flare_site, "patients/how-given")
    assert given.find("p", class_="empty-section").get_text(strip=True) == \
        "You do not need regular blood tests for this medicine."
    dosing = _article(flare_site, "dosing").get_text(" ", strip=True)
    # an injection every 28 days is "every 4 weeks": only infusions given in cycles speak of a cycle
    assert "150 mg by injection under the skin, every 4 weeks" in dosing
    for absent in ("Infusion times", "Dose-reduction levels", "Giving the infusion", "cycle"):
        assert absent not in dosing


def test_no_t_dm1_word_in_the_pack_and_no_pack_word_in_the_t_dm1_site(flare_site: Path, real_site: Path) -> None:
    hits = names_in_site(flare_site, _t_dm1_names())
    assert not hits, "the non-cancer pack's site shows T-DM1 content:\n" + "\n".join(sorted(hits)[:40])
    guide = load_guide(FLAREPACK / "data")
    d = guide.drug
    names = {d.name, d.short_name, *d.brand_names, *(t.name for t in guide.trials.values()), "Velmoor", guide.site.title}
    assert {"tessarimab", "LANTERN", "Tessivo"} <= names
    hits = names_in_site(real_site, names)
    assert not hits, "the T-DM1 site shows the fictional pack's content:\n" + "\n".join(sorted(hits)[:40])
    assert load_guide(DATA).site.settings[0].id == "metastatic"  # the T-DM1 pack keeps its own settings
