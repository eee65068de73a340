"""The clinician reference read from the built site: timeline order, reference metadata, levels of
evidence linked to their explanation and carried in the downloads, the brain-metastases table and
the HER2-positive share."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from macros.guide import timeline_in_order
from macros.models import TimelineEvent


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _event(date: str, text: str, **more: str) -> TimelineEvent:
    return TimelineEvent(date=date, text=text, references=["x"], status="verified", **more)  # type: ignore[arg-type]


def test_a_year_only_date_sorts_at_the_start_of_its_year_unless_it_names_what_it_followed() -> None:
    events = [
        _event("2022", "guideline update", after="trial-published"),
        _event("2022-05-01", "approval"),
        _event("2022-03-24", "trial published", id="trial-published"),
        _event("2022", "year-only, nothing known"),
        _event("2021-12", "congress"),
    ]
    order = [e.text for e in timeline_in_order(events)]
    assert order == ["congress", "year-only, nothing known", "trial published", "guideline update", "approval"]


def test_destiny_breast03_publication_comes_before_the_asco_update_it_led_to(real_site: Path) -> None:
    items = [li.get_text(" ", strip=True) for li in soup(real_site / "sequencing" / "index.html").select("ul.timeline > li")]
    db03 = next(i for i, text in enumerate(items) if text.startswith("24 March 2022"))
    asco = next(i for i, text in enumerate(items) if "After DESTINY-Breast03, the ASCO guideline update" in text)
    assert "DESTINY-Breast03 is published" in items[db03]
    assert db03 < asco
    dates = [text.split(":")[0] for text in items]
    assert dates == sorted(dates, key=lambda d: d[-4:]), "the timeline runs by year"


def test_name_suffixes_and_an_author_list_known_only_as_et_al(real_site: Path) -> None:
    catalogue = soup(real_site / "references" / "index.html")

    def entry(ref_id: str) -> str:
        return catalogue.find("li", id=ref_id).get_text(" ", strip=True)

    assert entry("burris2011").startswith("Burris HA III, Rugo HS, Vukelja SJ, et al.")
    assert entry("geyer2025").startswith("Geyer CE Jr, Untch M, Huang CS, et al.")
    assert entry("perez2019").startswith("Perez, et al.")


def _levels_json(real_site: Path) -> dict[tuple[str, str], str | None]:
    data = json.loads((real_site / "downloads" / "guide.json").read_text(encoding="utf-8"))
    return {(e["trial"], e["result"]): e["level"] for e in data["levels_of_evidence"]}


def test_guide_json_carries_the_level_shown_for_every_result(real_site: Path, guide) -> None:
    levels = _levels_json(real_site)
    assert set(levels) == {(t.id, r.id) for t in guide.trials.values() for r in t.results}
    assert levels[("emilia", "os-interim-2")] == "A1" and levels[("emilia", "pfs-age-65-plus")] == "B4"
    assert levels[("kamilla", "pfs")] == "C2"
    shown = 0
    for trial in guide.trials.values():
        page = soup(real_site / "trials" / trial.id / "index.html")
        for row in page.select("table.results tr[data-result]"):
            cell = row.select_one('td[data-field="level"]').get_text(strip=True)
            expected = levels[(trial.id, row["data-result"])]
            assert cell == (expected or "not classified"), f"{trial.id}/{row['data-result']}"
            shown += 1
    assert shown == len(levels)


def test_level_column_headings_link_to_the_explanation(real_site: Path) -> None:
    target = (real_site / "levels-of-evidence").resolve()
    checked = 0
    for page_path in [real_site / "trials" / "index.html", real_site / "trials" / "emilia" / "index.html"]:
        page = soup(page_path)
        headings = [th for th in page.select("table th[scope=col]") if "Level of evidence" in th.get_text()]
        assert headings, page_path
        for th in headings:
            link = th.find("a")
            assert link is not None, f"{page_path}: level heading without a link"
            assert (page_path.parent / link["href"]).resolve() == target
            checked += 1
    assert (target / "index.html").exists() and checked >= 3


def test_brain_metastases_page_gathers_every_tagged_result_as_its_trial_page_shows_it(real_site: Path, guide) -> None:
    page_path = real_site / "brain-metastases" / "index.html"
    page = soup(page_path)
    tagged = [(t, r) for t in guide.trials.values() for r in t.results if "brain-metastases" in r.topics]
    assert {t.id for t, _ in tagged} >= {"her2climb", "katherine", "destiny-breast05"}
    rows = page.select("table.topic-results tbody tr")
    assert len(rows) == len(tagged)
    for trial, result in tagged:
        row = page.select_one(f"tr#topic-result-{trial.id}-{result.id}")
        assert row is not None, f"{trial.id}/{result.id} missing from the brain-metastases page"
        link = row.find("a")
        assert (page_path.parent / link["href"]).resolve() == (real_site / "trials" / trial.id).resolve()
        trial_row = soup(real_site / "trials" / trial.id / "index.html").select_one(f"tr#result-{result.id}")
        cells = row.find_all(["th", "td"])
        figures, level = cells[3].get_text(" ", strip=True), cells[4].get_text(strip=True)
        for arm_cell in trial_row.select("td[data-arm]"):
            if arm_cell.select_one(".na"):
                continue
            assert arm_cell.get_text(strip=True) in figures, f"{trial.id}/{result.id}: {arm_cell.get_text()} not in {figures}"
        for comp in trial_row.select("span.comparison"):
            assert comp.get_text(strip=True).split(" (")[0] in figures
        assert level == trial_row.select_one('td[data-field="level"]').get_text(strip=True)
        assert any(a.label in cells[1].get_text() for a in trial.analyses if a.id == result.analysis)
    # The discrepancy in the 1-year figure names both sources.
    note = page.select_one("tr#topic-result-her2climb-pfs-1y-brain-metastases").get_text(" ", strip=True)
    assert "24.9%" in note and "25.9%" in note and "DocWire" in note and "OncLive" in note
    caution = page.select_one(".admonition.warning")
    assert caution is not None and "compare" in caution.get_text()


def test_brain_metastases_at_entry_are_shown_on_the_trial_pages_too(real_site: Path, guide) -> None:
    page = soup(real_site / "brain-metastases" / "index.html")
    rows = page.select("table.topic-baseline tbody tr")
    figures = [(t, b) for t in guide.trials.values() for b in t.baseline if "brain-metastases" in b.topics]
    assert {t.id for t, _ in figures} >= {"kamilla", "her2climb-02", "her2climb"} and len(rows) == len(figures)
    texts = [row.get_text(" ", strip=True) for row in rows]
    assert any("398 of 2,002 (19.9%)" in text for text in texts)
    for trial, figure in figures:
        trial_page = soup(real_site / "trials" / trial.id / "index.html").select_one("ul.baseline").get_text(" ", strip=True)
        assert figure.characteristic in trial_page
        assert any(figure.characteristic in text and text.split(figure.characteristic)[1].split()[0] in trial_page
                   for text in texts)


def test_the_brain_metastases_page_is_in_the_clinician_nav(real_site: Path) -> None:
    nav = soup(real_site / "sequencing" / "index.html").select("nav.md-nav a.md-nav__link")
    assert any(a.get_text(strip=True) == "Brain metastases" for a in nav)


def test_her2_share_by_source_on_the_clinician_page_and_in_plain_words(real_site: Path, guide) -> None:
    from macros.plain_numbers import out_of_100

    share = guide.drug.target_share
    rows = soup(real_site / "mechanism" / "index.html").select("table#target-share tbody tr")
    assert [r.find("th").get_text(strip=True) for r in rows] == [e.source for e in share.estimates]
    seer = next(r for r in rows if r.find("th").get_text(strip=True).startswith("US population registry"))
    assert seer.find_all("td")[0].get_text(" ", strip=True).startswith("13.6% (HR-positive/HER2-positive 9.6%;")
    patient = soup(real_site / "patients" / "what-it-is" / "index.html")
    told = [e for e in share.estimates if e.plain_source]
    assert {e.id for e in told} == {"seer-2017-2021", "reviews-15-20"}
    text = patient.get_text(" ", strip=True)
    for est in told:
        # the patient number is the clinician figure through the one rounding rule, and names its source
        n = out_of_100(est.percent).words if est.percent is not None else f"about {est.low} to {est.high}"
        assert f"According to {est.plain_source}, {n} out of every 100 breast cancers are HER2" in text.replace(" -positive", "-positive")
    assert "about 14 out of every 100" in text
