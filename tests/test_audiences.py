"""Two audiences from one source: patient numbers, the audience switch, readability, review status.

Everything here reads the HTML a reader gets from a real build: the real site for the
patient pages, and the small fictional pack where a test needs data it controls.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import textstat
from bs4 import BeautifulSoup

from macros.loader import load_guide
from macros.plain_numbers import months, months_words, out_of_100

from .conftest import DATA, MINIPACK, build, run_build

MAX_GRADE = 8.0


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _page(site: Path, src: str) -> Path:
    """Built file of a source path: 'patients/side-effects.md' -> site/patients/side-effects/index.html."""
    stem = src.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def _is_embed(path: Path) -> bool:
    return any(part == "embed" or part.endswith("-embed") for part in path.parts)


def _pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if not _is_embed(p)]


def _resolve(page: Path, href: str) -> tuple[Path, str]:
    target, _, anchor = href.partition("#")
    path = (page.parent / target).resolve()
    return (path / "index.html" if path.is_dir() else path), anchor


def _nav_items(site: Path) -> list[dict]:
    """Every page of pages.json's nav (what `make pdf` reads)."""
    out: list[dict] = []
    todo = list(json.loads((site / "pages.json").read_text(encoding="utf-8"))["nav"])
    while todo:
        item = todo.pop(0)
        todo[:0] = item.get("children", [])
        if "file" in item:
            out.append(item)
    return out


def _patient_pages(site: Path) -> list[Path]:
    return [p for p in sorted((site / "patients").rglob("index.html")) if not _is_embed(p)]


# ------------------------------------------------------------------ patient numbers = clinician data


def _published(guide, trial_id: str, source: str, arm: str) -> Decimal:
    kind, _, rest = source.partition(":")
    if kind == "result":
        result = next(r for r in guide.trials[trial_id].results if r.id == rest)
        return result.arms[arm].value
    table_id, column, term = rest.split(":", 2)
    table = next(t for t in guide.safety.adverse_event_tables if t.id == table_id)
    row = next(r for r in table.rows if r.term == term)
    return getattr(row.values[arm], column)


def test_patient_numbers_equal_the_clinician_data_after_rounding(real_site: Path, guide) -> None:
    spans = []
    for html in sorted(_patient_pages(real_site)):
        spans += [(html, s) for s in _soup(html).select("span.plain-number")]
    assert len(spans) >= 2 * (len(guide.patient.results) + len(guide.patient.side_effects))
    for html, span in spans:
        trial, source, arm = span["data-trial"], span["data-source"], span["data-arm"]
        published = _published(guide, trial, source, arm)
        # the span says which figure it tells, and that figure is the one in data/, digits and all
        assert span["data-published"] == str(published), (html, source, arm)
        words = span.get_text()
        if span["data-statistic"] == "rate":
            expected = out_of_100(published).words
            assert words.lower() == ("no one" if expected == "none" else expected), (source, arm, words)
        else:
            assert words == months_words(published), (source, arm, words)
        # and the clinician page it links to shows the same published figure
        link = span.find_parent(["p", "li"]).find_next("a", string=lambda s: s and ("Full figures" in s or "Details" in s))
        target, anchor = _resolve(html, link["href"])
        cell_host = _soup(target).find(id=anchor)
        assert cell_host is not None, f"{link['href']} has no #{anchor}"
        if source.startswith("ae:"):
            column = source.split(":")[2]
            cells = cell_host.select(f'td[data-arm="{arm}"][data-grade="{column}"]')
            assert any(c.get_text(strip=True) == f"{published}%" for c in cells), (source, arm)
        else:
            cell = cell_host.select_one(f'td[data-arm="{arm}"]')
            unit = "%" if span["data-statistic"] == "rate" else " months"
            assert cell.get_text(" ", strip=True).startswith(f"{published}{unit}"), (source, cell.get_text())


def test_every_patient_sentence_names_the_comparison_and_links_to_the_detail(real_site: Path, guide) -> None:
    page = _soup(_page(real_site, "patients/study-results.md"))
    assert len(guide.patient.results) >= 3, "the real data tells several results in plain words"
    for pr in guide.patient.results:
        sentence = page.select_one(f'p.plain-result[data-plain="{pr.id}"]')
        assert sentence is not None, f"patient result {pr.id} not on the page"
        assert len(sentence.select("span.plain-number")) == 2, "a sentence gives both groups"
        assert "For people who had" in sentence.get_text(), "the comparison group is named"
        detail = sentence.find_next_sibling("p")
        assert detail.select_one(f'a[href*="trials/{pr.trial}/#result-{pr.result}"]'), f"{pr.id}: no link to the clinician row"


def test_rounding_rule_is_stated_where_numbers_are_shown(real_site: Path) -> None:
    for src in ("patients/study-results.md", "patients/side-effects.md", "editorial.md"):
        assert "rounded to the nearest whole" in _page(real_site, src).read_text(), src


# ------------------------------------------------------------------ the audience switch


def test_every_topic_has_both_versions_and_the_switch_links_them(real_site: Path) -> None:
    switches = {}
    for html in _pages(real_site):
        nav = _soup(html).select_one("nav.audience-switch")
        if nav is not None:
            switches[html] = nav
    patient_pages = [p for p in switches if "patients" in p.parts]
    assert len(patient_pages) >= 7, "the patient section has its topic pages"
    # A one-page print sheet (front matter `sheet: true`) has no counterpart, so no switch.
    sheets = {real_site / p["file"] for p in _nav_items(real_site) if p.get("sheet")}
    assert sheets, "the warning signs sheet is in the nav"
    assert {p.name for p in _patient_pages(real_site)} and all(
        p in switches for p in _patient_pages(real_site) if p not in sheets
    ), "every patient page has a switch"
    assert not sheets & set(switches), "a sheet has no switch"
    for html, nav in switches.items():
        current = nav.select_one('[aria-current="page"]')
        links = nav.select("a.audience-switch__item")
        assert current is not None and len(links) == 1, f"{html}: expected one current side and one link"
        assert current["data-audience"] == nav["data-audience"] != links[0]["data-audience"]
        target, _ = _resolve(html, links[0]["href"])
        assert target in switches, f"{html}: switch goes to {target}, which has no switch back"
        back = switches[target].select_one("a.audience-switch__item")
        if "trials" in html.parts and html.parent.name != "trials":
            continue  # every trial page switches to the one patient results page, which switches to the overview
        back_target, _ = _resolve(target, back["href"])
        assert back_target == html, f"{html} -> {target} -> {back_target}: the pair must point at each other"


def test_trial_pages_switch_to_their_patient_summary(real_site: Path, guide) -> None:
    for pr in guide.patient.results:
        nav = _soup(_page(real_site, f"trials/{pr.trial}.md")).select_one("nav.audience-switch")
        assert nav.select_one("a")["href"].endswith(f"patients/study-results/#{pr.trial}")


def test_switch_is_plain_links_that_work_without_javascript(real_site: Path) -> None:
    nav = _soup(_page(real_site, "safety.md")).select_one("nav.audience-switch")
    link = nav.select_one("a")
    assert link["href"] == "../patients/side-effects/"
    assert not nav.select("input"), "the remember box is added by the script, so no dead control without JS"


def test_a_one_sided_counterpart_stops_the_build(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    page = pack / "docs" / "dosing.md"
    page.write_text(page.read_text().replace("counterpart: patients/how-given.md", "counterpart: patients/words.md", 1))
    done = build(tmp_path / "site", pack)
    assert not done.ok
    assert "dosing.md" in done.output and "front matter → counterpart" in done.output and "must point at each other" in done.output


# ------------------------------------------------------------------ readability


def _main_text(html: Path) -> str:
    """Running text a patient reads: paragraphs and list items, without page furniture and tables."""
    article = _soup(html).select_one("article")
    for selector in (".audience-switch", ".review-status", ".unverified-notice", ".reference-list", "table", ".cite-box",
                     ".embed-snippets", ".figure-data", ".figure-download",
                     "h1, h2, h3, h4", ".status", ".plain-source", "#references"):
        for el in article.select(selector):
            el.decompose()
    blocks = [el.get_text(" ", strip=True) for el in article.find_all(["p", "li"]) if not el.find(["p", "li"])]
    return "\n".join(b for b in blocks if b)


def test_patient_pages_read_at_grade_8_or_lower(real_site: Path) -> None:
    pages = sorted(_patient_pages(real_site))
    assert len(pages) >= 7
    grades = {}
    for html in pages:
        text = _main_text(html)
        assert textstat.lexicon_count(text) > 100, f"{html}: too little text measured; is the extraction right?"
        grades[html.parent.name] = textstat.flesch_kincaid_grade(text)
    print("\nFlesch–Kincaid grade of each patient page (limit 8):")
    for name, grade in grades.items():
        print(f"  {grade:4.1f}  patients/{name}/")
    too_hard = {k: v for k, v in grades.items() if v > MAX_GRADE}
    assert not too_hard, f"patient pages above grade {MAX_GRADE}: {too_hard}"


def test_medical_terms_on_patient_pages_carry_plain_tooltips(real_site: Path, guide) -> None:
    plain = {t.term: t.plain for t in guide.glossary.terms}
    titles = {a.get_text(): a["title"] for a in _soup(_page(real_site, "patients/what-it-is.md")).select("article abbr")}
    assert "HER2" in titles and titles["HER2-positive"] == plain["HER2-positive"]


# ------------------------------------------------------------------ review status and the unverified notice


def test_every_page_shows_its_review_status(real_site: Path) -> None:
    for html in _pages(real_site):
        status = _soup(html).select_one("article .review-status")
        assert status is not None, f"{html}: no review status"
        assert status["data-stage"] in {"draft", "reviewed", "approved"}
        assert status["data-last-reviewed"] < status["data-next-review"]


def test_review_status_is_the_oldest_and_least_advanced_of_what_the_page_shows(mini_site: Path) -> None:
    # ALPHA's page shows the trial (approved, reviewed 2025-03-01, due 2026-09-01), its adverse-event
    # table (reviewed, 2026-01-10, due 2026-07-10) and its reference (approved, 2026-01-10, due 2027-01-10).
    status = _soup(_page(mini_site, "trials/alpha.md")).select_one(".review-status")
    assert (status["data-last-reviewed"], status["data-next-review"], status["data-stage"]) == ("2025-03-01", "2026-07-10", "reviewed")
    assert "1 March 2025" in status.get_text() and "10 July 2026" in status.get_text()
    beta = _soup(_page(mini_site, "trials/beta.md")).select_one(".review-status")
    assert beta["data-last-reviewed"] == "2026-01-10"


def test_unverified_notice_renders_from_the_data(mini_site: Path, real_site: Path) -> None:
    alpha = _soup(_page(mini_site, "trials/alpha.md"))
    assert alpha.select_one(".unverified-notice"), "ALPHA shows an unverified ORR"
    assert alpha.select_one(".status--unverified")
    assert not _soup(_page(mini_site, "trials/beta.md")).select_one(".unverified-notice")
    # the patient sentence of the same unverified result is marked too
    assert _soup(_page(mini_site, "patients/results.md")).select_one('[data-plain="alpha-orr"] .status--unverified')
    side_effects = _soup(_page(real_site, "patients/side-effects.md"))
    assert side_effects.select_one(".unverified-notice"), "the editors' warning signs are not yet verified"


def test_publication_switch_fails_while_an_unverified_value_is_shown(tmp_path: Path) -> None:
    # `REQUIRE_VERIFIED=1 make site`, as README gives it: the command fails and writes nothing
    site = tmp_path / "site"
    done = run_build(site, MINIPACK, REQUIRE_VERIFIED="1")
    assert done.returncode != 0
    assert "ALPHA: Objective response rate" in done.stdout + done.stderr
    assert not site.exists()
    # the same pack with that one value verified publishes
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    alpha = pack / "data" / "trials" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("    reference: doe2020\n    status: unverified", "    reference: doe2020\n    status: verified"))
    published = build(tmp_path / "published", pack, REQUIRE_VERIFIED="1")
    assert published.ok, published.output
    # without the switch, the real data (with its unverified warning signs) still builds for review
    assert load_guide(DATA)


@pytest.mark.parametrize("percent, words", [
    ("88.3", "about 88"), ("77.0", "about 77"), ("12.5", "about 13"), ("2.4", "about 2"),
    ("0.2", "fewer than 1"), ("99.7", "more than 99"), ("0", "none"), ("100", "all"),
    ("42.6", "about 43"),  # the example in the stated rule
])
def test_rounding_rule_out_of_100(percent: str, words: str) -> None:
    assert out_of_100(Decimal(percent)).words == words


@pytest.mark.parametrize("value, half, words", [
    ("9.6", "9.5", "about 9 and a half months"), ("6.4", "6.5", "about 6 and a half months"),
    ("9.8", "10", "about 10 months"), ("30.9", "31", "about 31 months"), ("5.3", "5.5", "about 5 and a half months"),
    ("0.1", "0.5", "about half a month"), ("1.1", "1", "about 1 month"),
])
def test_rounding_rule_months(value: str, half: str, words: str) -> None:
    assert months(Decimal(value)) == Decimal(half)
    assert months_words(Decimal(value)) == words


def test_lists_from_data_keep_one_item_per_record(real_site: Path, guide) -> None:
    """A list rendered from records has one item per record (a template that ate a line end once merged them)."""
    given = _soup(_page(real_site, "patients/how-it-is-given.md"))
    items = [li.get_text(" ", strip=True) for li in given.select("article li")]
    for duration in guide.drug.dosing.durations:
        label = guide.setting_label(duration.setting)
        assert sum(t.startswith(label) for t in items) == 1, f"{label}: {items}"
    side = _soup(_page(real_site, "patients/side-effects.md"))
    texts = [li.get_text(" ", strip=True) for li in side.select("article li")]
    for g in guide.patient.guidance:
        assert sum(t.startswith(f"{g.effect}.") for t in texts) == 1, f"{g.effect}: one list item each"
