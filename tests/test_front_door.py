"""The patient's front door: the home page's two doors, the landing pages, and the answers
to what patients ask, read from the real site's built HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.tools.common import serve

from .test_audiences import _patient_pages, _resolve


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_home_page_opens_with_two_doors_to_the_landing_pages(real_site: Path) -> None:
    home = real_site / "index.html"
    article = _soup(home).select_one("article")
    doors = article.select("nav.audience-doors a.audience-door")
    assert [d["data-audience"] for d in doors] == ["patient", "clinician"]
    assert doors[0].get_text().startswith("I am a patient or family member")
    assert doors[1].get_text().startswith("I am a health professional")
    # the doors come first, straight after the title, its status line and one sentence: on a phone's first screen
    before = [el for el in article.find_all(["p", "div", "nav", "h2", "ul", "table"], recursive=False)]
    assert before.index(article.select_one("nav.audience-doors")) <= 2, [e.name for e in before[:4]]
    for door in doors:
        target, _ = _resolve(home, door["href"])
        assert target.exists(), door["href"]
        switch = _soup(target).select_one("nav.audience-switch")
        assert switch is not None and switch["data-audience"] == door["data-audience"], target
    assert not article.select("input"), "the remember box is added by the script"


def test_patient_landing_page_asks_every_patient_page_as_a_question(real_site: Path) -> None:
    landing = real_site / "patients" / "index.html"
    links = _soup(landing).select("article ul li a")
    assert len(links) >= 10
    reached = set()
    for link in links:
        assert link.get_text().rstrip().endswith("?"), f"not a question: {link.get_text()!r}"
        target, anchor = _resolve(landing, link["href"])
        assert target.exists(), link["href"]
        if anchor:
            assert _soup(target).find(id=anchor) is not None, f"{link['href']}: no #{anchor}"
        reached.add(target)
    others = [p for p in _patient_pages(real_site) if p != landing]
    assert others and all(p in reached for p in others), "every patient page is one tap from the landing page"


def test_the_nav_leads_to_both_landing_pages(real_site: Path) -> None:
    hrefs = [a["href"] for a in _soup(real_site / "index.html").select("nav.md-nav--primary a.md-nav__link[href]")]
    assert "patients/" in hrefs and "professionals/" in hrefs, hrefs


# ------------------------------------------------------------------ in a browser


@pytest.fixture(scope="module")
def served(real_site: Path):
    with serve(real_site) as url:
        yield url


@pytest.mark.browser
def test_home_doors_on_a_phone_and_the_remembered_choice(browser, served):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        home = ctx.new_page()
        home.goto(served, wait_until="load")
        # both doors are on the first screen of a phone
        for name in ("I am a patient or family member", "I am a health professional"):
            box = home.get_by_role("link", name=name).bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, (name, box)
        # without the box ticked, a door does not store a choice
        home.get_by_role("link", name="I am a patient or family member").click()
        home.wait_for_url("**/patients/")
        assert home.evaluate("localStorage.getItem('guide-audience')") is None
        home.go_back(wait_until="load")
        home.get_by_label("Remember my choice on this device").check()
        home.get_by_role("link", name="I am a patient or family member").click()
        home.wait_for_url("**/patients/")
        assert home.evaluate("localStorage.getItem('guide-audience')") == "patient"

        # a new visit that opens the home page goes through the remembered door
        later = ctx.new_page()
        later.goto(served, wait_until="load")
        later.wait_for_url("**/patients/")
        # within that visit the home page stays reachable, and unticking forgets the choice
        later.goto(served, wait_until="load")
        assert later.url == served
        later.get_by_label("Remember my choice on this device").uncheck()
        assert later.evaluate("localStorage.getItem('guide-audience')") is None
    finally:
        ctx.close()
