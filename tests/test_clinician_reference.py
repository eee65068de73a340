"""The clinician reference read from the built site: timeline order, reference metadata, levels of
evidence linked to their explanation and carried in the downloads, the brain-metastases table and
the HER2-positive share."""

from __future__ import annotations

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
