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


# ------------------------------------------------------------------ answers to what patients ask

# landing-page link -> words its answer must contain (each answer one tap from the landing page)
ANSWERS = {
    "how-it-is-given.md#treatment-day": ["blood test", "first visit", "ask how long to plan for"],
    "how-it-is-given.md#how-often-and-for-how-long": ["less than a year"],
    "how-it-is-given.md#heart-scans": ["echocardiogram", "MUGA", "every 3 months"],
    "how-it-is-given.md#alongside": ["radiotherapy", "hormone tablets", "at the same time"],
    "how-it-is-given.md#other-medicines": ["warfarin", "aspirin", "ketoconazole", "clarithromycin",
                                           "Grapefruit", "herbal remedies"],
    "how-it-is-given.md#vaccines": ["live", "measles"],
    "how-it-is-given.md#dental-work": ["dental work", "dentist"],
    "how-it-is-given.md#alcohol": ["alcohol", "Ask your team"],
    "side-effects.md#hair": ["hair loss", "out of 100"],
    "side-effects.md#fever": ["37.5°C", "100.4°F"],
    "side-effects.md#how-often-side-effects-happened-in-the-studies": [
        "tiredness", "feeling sick", "constipation", "joint pain", "nosebleeds"],
    "study-results.md#what-destiny-breast05-means": ["T-DXd", "question you could ask"],
    "questions.md#more-help": ["Breast Cancer Now", "Cancer Research UK", "cost"],
}


def _section(page: BeautifulSoup, anchor: str) -> str:
    """Text of a heading's section: the heading and everything up to the next heading of its level or above."""
    heading = page.find(id=anchor)
    assert heading is not None and heading.name in {"h2", "h3"}, anchor
    level = int(heading.name[1])
    parts = [heading.get_text(" ")]
    for el in heading.find_next_siblings():
        if el.name in {f"h{n}" for n in range(1, level + 1)}:
            break
        parts.append(el.get_text(" "))
    return " ".join(" ".join(parts).split())


def test_each_answer_is_on_a_patient_page_one_tap_from_the_landing_page(real_site: Path) -> None:
    landing = real_site / "patients" / "index.html"
    hrefs = {a["href"] for a in _soup(landing).select("article ul li a")}
    for answer, words in ANSWERS.items():
        page, _, anchor = answer.partition("#")
        href = f"{page.removesuffix('.md')}/#{anchor}"
        assert href in hrefs, f"the landing page does not ask for {answer}"
        text = _section(_soup(landing.parent / page.removesuffix(".md") / "index.html"), anchor)
        for word in words:
            assert word.lower() in text.lower(), f"{answer}: no {word!r} in {text[:200]!r}"


def test_fever_advice_names_each_source_and_its_threshold_and_says_to_call_now(real_site: Path) -> None:
    page = _soup(real_site / "patients" / "side-effects" / "index.html")
    fever = page.find(id="fever")
    items = fever.find_next_sibling("ul").select("li")
    said = {li.get_text(" ", strip=True): li.select("a[href*='#ref-'], sup a, a.citation") for li in items}
    for source, threshold in (("Cancer Research UK", "37.5°C"), ("National Cancer Institute", "100.5°F"),
                              ("Centers for Disease Control and Prevention", "100.4°F")):
        line = next((t for t in said if source in t), None)
        assert line is not None and threshold in line, (source, list(said))
        assert said[line], f"{source}: not cited"
    text = _section(page, "fever")
    assert "Use the number your own team gives you" in text and "____" in text
    # the warning-sign list puts a temperature under "day or night", never "the same day" without a number
    now = _section(page, "now")
    assert "temperature at or above the number your team gave you" in now
    assert "fever" not in _section(page, "same-day").lower().replace("fever, chills", "")


def test_new_side_effect_numbers_are_rendered_through_the_rounding_rule(real_site: Path, guide) -> None:
    page = _soup(real_site / "patients" / "side-effects" / "index.html")
    sources = {s["data-source"] for s in page.select("span.plain-number")}
    for se in guide.patient.side_effects:
        assert f"ae:{se.table}:{se.column}:{se.term}" in sources, se.id
    felt = {se.id for se in guide.patient.side_effects}
    assert {"katherine-felt-tired", "emilia-nosebleeds", "emilia-joints", "emilia-hair"} <= felt


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


# ------------------------------------------------------------------ status in words a patient understands


def test_patient_pages_give_their_status_in_plain_words(real_site: Path) -> None:
    for html in _patient_pages(real_site):
        status = _soup(html).select_one("article .review-status")
        text = " ".join(status.get_text(" ").split())
        assert text.startswith("Checked by our editors on "), (html, text)
        assert "Next check due by" in text and not status.select(".review-status__stage"), html
    clinician = _soup(real_site / "safety" / "index.html").select_one("article .review-status")
    assert clinician.select_one(".review-status__stage") and "Last reviewed" in clinician.get_text()


def test_unverified_advice_is_marked_in_plain_words_and_never_on_the_emergency_list(real_site: Path) -> None:
    page = _soup(real_site / "patients" / "side-effects" / "index.html")
    notice = page.select_one(".unverified-notice")
    assert notice is not None and "still being checked" in notice.get_text().lower(), "never hidden"
    assert "primary source" not in page.select_one("article").get_text()
    tags = page.select(".status--unverified")
    assert tags and all(t.get_text() == "Still being checked" and "status--plain" in t["class"] for t in tags)
    emergency = page.find(id="emergency")
    between = []
    for el in emergency.find_next_siblings():
        if el.name in {"h2", "h3"}:
            break
        between.append(el)
    assert between and not any(el.select(".status") for el in between), "no tag on the emergency list"


# ------------------------------------------------------------------ reuse furniture and print


def test_patient_pages_fold_reuse_furniture_into_one_disclosure(real_site: Path) -> None:
    for html in _patient_pages(real_site):
        article = _soup(html).select_one("article")
        folded = article.select("details.share-reuse")
        assert len(folded) == 1 and folded[0].summary.get_text(strip=True) == "Share or reuse this page", html
        assert folded[0].select_one(".cite-box"), html
        outside = [el for el in article.select(".cite-box, .embed-snippets") if not el.find_parent("details", class_="share-reuse")]
        assert not outside, html
    assert _soup(real_site / "safety" / "index.html").select_one("article > .cite-box"), "clinician pages keep theirs open"


def test_print_styles_keep_lists_whole_and_drop_the_switch_and_reuse(real_site: Path) -> None:
    # The engine's stylesheets are served as one content-hashed file (macros/assets.py), without
    # their comments; the print rules are the last part of it.
    from macros.assets import without_comments

    (merged,) = [p for p in (real_site / "assets").glob("guide.*.css")]
    css = (Path(__file__).resolve().parents[1] / "macros" / "theme" / "assets" / "print.css").read_text()
    served = merged.read_text()
    assert without_comments(css) in served, "the print stylesheet is part of the file pages link"
    assert "/*" not in served.replace("/* assets/", ""), "comments stay in the source files"
    media = css[css.index("@media print"):]
    hidden = media[:media.index("display: none")]
    for selector in (".audience-switch", ".share-reuse", ".embed-snippets"):
        assert selector in hidden, selector
    assert "ul, .md-typeset ol, .md-typeset li { break-inside: avoid; }" in media


# ------------------------------------------------------------------ search that knows the audience

RESULT_LABELS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
  path: new URL(li.querySelector('a').href).pathname,
  label: (li.querySelector('.md-tag') || {}).textContent || ''}))"""


def _search(page, query: str) -> list[dict]:
    """Type a query; the results once they have stopped changing (searched, rendered and sorted)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    before: list[dict] = []
    for _ in range(50):
        page.wait_for_timeout(200)
        now = page.evaluate(RESULT_LABELS)
        if now and now == before:
            return now
        before = now
    raise AssertionError(f"{query!r}: the results kept changing: {before}")


@pytest.mark.browser
def test_search_in_patient_mode_labels_results_and_puts_patient_pages_first(browser, served, guide):
    patient_label, clinician_label = guide.audience_labels["patient"], guide.audience_labels["clinician"]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(served + "references/", wait_until="load")  # a page for no one audience
        page.evaluate("localStorage.setItem('guide-audience', 'patient')")
        page.reload(wait_until="load")
        results = _search(page, "liver")
        labels = [r["label"] for r in results]
        assert results[0]["path"].startswith("/patients/") and labels[0] == patient_label, results[:3]
        assert clinician_label in labels, "professional pages are found too, and say so"
        last_patient = max(i for i, label in enumerate(labels) if label == patient_label)
        assert all(label == patient_label for label in labels[: last_patient + 1]), labels
        from axe_playwright_python.sync_playwright import Axe

        found = Axe().run(page, context=".md-search-result .md-tags", options={  # the labels (Material's own result text is not ours)
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]})
        assert not found.response["violations"], [(v["id"], v["nodes"][0]["target"]) for v in found.response["violations"]]
        # everyday words reach the patient page that answers them
        for query, expected in (("hair", "side-effects"), ("tired", "side-effects"), ("sick", "side-effects"),
                                ("pregnant", "how-it-is-given"), ("Kadcyla", "what-it-is"),
                                ("Herceptin", "what-it-is")):
            results = _search(page, query)
            assert results and results[0]["path"] == f"/patients/{expected}/", (query, results[:3])
    finally:
        ctx.close()


# ------------------------------------------------------------------ the patient glossary


def test_patient_glossary_is_short_a_to_z_with_jump_links_and_gives_the_patient_tooltips(real_site: Path, guide) -> None:
    chosen = [t for t in guide.glossary.terms if t.patient]
    assert 10 <= len(chosen) < len(guide.glossary.terms) / 2, "a short list, not the clinician glossary"
    page = _soup(real_site / "patients" / "words" / "index.html")
    article = page.select_one("article")
    # every chosen term, and only those, A to Z, each with its plain words and never the clinician's
    terms = [h["id"] for h in article.select("h3[id]")]
    assert terms == [t.id for t in sorted(chosen, key=lambda t: t.term.lower())]
    text = " ".join(article.get_text(" ").split())
    for t in guide.glossary.terms:
        assert (" ".join(t.plain.split()) in text) == t.patient, t.id
        assert " ".join(t.clinician.split()) not in text, t.id
    # a jump link to each letter, and each letter heading holds the terms that start with it
    letters = [a["href"] for a in article.select(".glossary-letters a")]
    headings = article.select("h2[id^='letter-']")
    assert letters == [f"#{h['id']}" for h in headings] and len(letters) >= 5
    for h in headings:
        starts = {t.term[0].upper() for t in chosen if any(s.get("id") == t.id for s in h.find_all_next("h3", limit=50)
                                                          if s.find_previous("h2") is h)}
        assert starts == {h.get_text(strip=True).rstrip("¶").strip()}, h["id"]
    # the clinician glossary keeps every term
    assert len(_soup(real_site / "glossary" / "index.html").select("article h2[id]")) >= len(guide.glossary.terms)
    # tooltips on patient pages explain the patient glossary's words only; other pages keep them all
    allowed = {" ".join(t.plain.split()) for t in chosen} | {" ".join(f"{t.term}: {t.plain}".split()) for t in chosen}
    for html in _patient_pages(real_site):
        for abbr in _soup(html).select("article abbr[title]"):
            assert " ".join(abbr["title"].split()) in allowed, (html, abbr.get_text(), abbr["title"][:40])
    others = {t.abbreviation for t in guide.glossary.terms if not t.patient and t.abbreviation}
    assert others & {abbr.get_text() for abbr in _soup(real_site / "glossary" / "index.html").select("article abbr")}
