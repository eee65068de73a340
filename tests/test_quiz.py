"""Self-check quizzes from the data (quiz.yml): each question, its right answer and the other
answers come from records, so a quiz agrees with the pages; questions are fieldsets with legends,
the result is said in a live region. Inside a SCORM module the score goes to the platform
(tests/test_scorm_browser.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import fmt
from macros.errors import DataError
from macros.guide import primary_result
from macros.loader import load_guide
from macros.models import Quiz, QuizQuestion, Status
from macros.quiz import question, questions
from macros.render.patient import URGENCY
from macros.tools.common import serve

from .conftest import DATA, MINIPACK, MINIPACK_DATA, build, parsed


def test_every_question_is_answered_by_its_record(guide) -> None:
    assert guide.quiz is not None and guide.quiz.quizzes
    for quiz in guide.quiz.quizzes:
        for q, asked in zip(quiz.questions, questions(guide, quiz), strict=True):
            right = asked.options[asked.answer]
            if q.dose_level is not None:
                level = next(lv for lv in guide.drug.dosing.dose_levels if lv.label == q.dose_level)
                assert right == f"{level.dose} {guide.drug.dosing.unit}"
            elif q.urgency is not None:
                sign = next(g for g in guide.patient.guidance if g.id == q.urgency.guidance).signs[q.urgency.sign - 1]
                assert asked.subject == sign.text and right == sign.urgency.value
            assert len(set(asked.options)) == len(asked.options) >= 2


def test_a_primary_result_is_asked_against_the_other_trials_results(guide) -> None:
    asked = question(guide, QuizQuestion(primary_result="emilia"))
    result = primary_result(guide.trials["emilia"])
    assert result is not None and asked.options[asked.answer] == fmt.comparison(result.all_comparisons[0])
    others = {fmt.comparison(r.all_comparisons[0]) for t in guide.trials.values() if t.id != "emilia"
              and (r := primary_result(t)) is not None and r.all_comparisons}
    assert 2 <= len(asked.options) <= 4 and set(asked.options) - {asked.options[asked.answer]} <= others


@pytest.mark.parametrize(("line", "message"), [
    ("  - dose_level: Third reduction\n", "no dose level 'Third reduction'"),
    ("  - urgency: {guidance: nosuch, sign: 1}\n", "no guidance 'nosuch'"),
    ("  - urgency: {guidance: liver, sign: 9}\n", "has 2 signs, not 9"),
    ("  - primary_result: beta\n", "has no primary-endpoint result with a comparison"),
    ("  - {dose_level: First reduction, urgency: {guidance: liver, sign: 1}}\n", "exactly one of"),
])
def test_a_question_naming_no_usable_record_stops_the_load(tmp_path: Path, line: str, message: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIPACK_DATA, data)
    quiz = data / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("      - dose_level: First reduction\n",
                                                             "      - dose_level: First reduction\n    " + line))
    with pytest.raises(DataError) as err:
        load_guide(data)
    assert "quiz.yml" in str(err.value) and message in str(err.value), str(err.value)


@pytest.mark.parametrize(("page", "message"), [
    ("patients/about.md", "'patients/about.md' is not the last page of its module 'For patients' (that is 'patients/words.md')"),
    ("index.md", "'index.md' is in no module of the nav"),
])
def test_a_quiz_that_does_not_end_its_module_stops_the_build(tmp_path: Path, page: str, message: str) -> None:
    # a module's SCO reports completion on its last page: a quiz before it would come too late
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    quiz = pack / "data" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("page: patients/words.md", f"page: {page}", 1))
    done = build(tmp_path / "site", pack)
    assert not done.ok
    assert "quiz.yml → quizzes[0].page: " + message in done.output, done.output


def test_the_quiz_ends_its_page_as_fieldsets_with_a_live_result(real_site: Path, guide) -> None:
    assert guide.quiz is not None
    for quiz in guide.quiz.quizzes:
        page = real_site / quiz.page.removesuffix(".md").removesuffix("index") / "index.html"
        soup = parsed(page)
        form = soup.select_one(f'form[data-quiz="{quiz.id}"]')
        assert form is not None and form["data-pass-mark"] == str(guide.quiz.pass_mark), page
        assert soup.find(id=form["aria-labelledby"]).name == "h2"
        fieldsets = form.select("fieldset")
        assert len(fieldsets) == len(quiz.questions)
        for fieldset, asked in zip(fieldsets, questions(guide, quiz), strict=True):
            assert fieldset.legend is not None and asked.subject in fieldset.legend.get_text()
            # a question asked from a record not yet verified says so, as the record does elsewhere
            marked = fieldset.legend.select_one(".status--unverified") is not None
            assert marked == (asked.status == Status.unverified), (page, asked.subject)
            if marked:
                assert soup.select_one(".unverified-notice") is not None, page
            labels = [label.get_text() for label in fieldset.select("label")]
            right = asked.options[asked.answer]
            assert labels[int(fieldset["data-answer"])] == (URGENCY[right][1] if asked.kind == "urgency" else right)
            for radio in fieldset.select("input[type=radio]"):
                assert fieldset.select_one(f'label[for="{radio["id"]}"]') is not None
        assert form.select_one('[role="status"]') is not None


@pytest.mark.browser
def test_the_quiz_works_from_the_keyboard_and_says_the_result(browser, real_site: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with serve(real_site) as url:
        page = browser.new_page()
        try:
            page.goto(url + "safety/", wait_until="load")
            form = page.locator("form.guide-quiz__form")
            questions_ = form.locator("fieldset")
            # the first question answered right, the others left: Tab to the radio group, arrows choose
            answer = int(questions_.nth(0).get_attribute("data-answer") or "0")
            questions_.nth(0).locator("input").first.focus()
            for _ in range(answer):
                page.keyboard.press("ArrowDown")
            form.locator("button[type=submit]").focus()
            page.keyboard.press("Enter")
            total = questions_.count()
            expected = f"You answered 1 of {total} questions correctly ({round(100 / total)}%)."
            assert form.locator('[role="status"]').inner_text() == expected
            assert questions_.nth(0).locator(".guide-quiz__feedback").inner_text() == "Right."
            assert questions_.nth(1).locator(".guide-quiz__feedback").inner_text().startswith("Not answered. The answer is: ")
            found = Axe().run(page, context={"include": [["form.guide-quiz__form"]]},
                              options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            assert not found.response["violations"], [(v["id"], n["target"], n.get("failureSummary")) for v in found.response["violations"] for n in v["nodes"]]
        finally:
            page.close()


def test_answers_from_records_not_yet_verified_are_marked(tmp_path: Path) -> None:
    # EMILIA's primary result and the dosing record made unverified: the EMILIA answer among the
    # primary results carries the mark (the others do not); a dose question, whose answers all come
    # from the dosing record, carries it on the question, so no mark singles out the right answer.
    from macros.citations import CitationRegistry
    from macros.pagecontext import PageContext
    from macros.render.quiz import quiz as render_quiz

    def _ctx(guide, src: str) -> PageContext:
        registry = CitationRegistry(guide.references)
        return PageContext(src, registry, registry.page(src, src.replace(".md", "/"), src))

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    trial = data / "trials" / "emilia.yml"
    trial.write_text(trial.read_text(encoding="utf-8").replace(
        '    status: verified\n    checked_against: ["metastatic:S1", "metastatic:S2a"]',
        '    status: unverified\n    checked_against: ["metastatic:S1", "metastatic:S2a"]', 1), encoding="utf-8")
    drug = data / "drug.yml"
    lines = drug.read_text(encoding="utf-8").splitlines(keepends=True)
    dosing = lines.index("dosing:\n")
    status = next(i for i in range(dosing, len(lines)) if lines[i] == "  status: verified\n")
    lines[status] = "  status: unverified\n"
    drug.write_text("".join(lines), encoding="utf-8")
    guide = load_guide(data)
    emilia = primary_result(guide.trials["emilia"])
    assert emilia is not None and emilia.status == Status.unverified and guide.drug.dosing.status == Status.unverified

    item = Quiz(id="check", page="safety.md",
                questions=[QuizQuestion(primary_result="emilia"), QuizQuestion(dose_level="First dose reduction")])
    ctx = _ctx(guide, "safety.md")
    form = BeautifulSoup(render_quiz(guide, item, ctx), "html.parser")
    first, second = form.select("fieldset")
    right = fmt.comparison(emilia.all_comparisons[0])
    for option in first.select(".guide-quiz__option"):
        assert (option.select_one(".status--unverified") is not None) == (option.label.get_text() == right), option
    assert first.legend.select_one(".status") is None
    assert second.legend.select_one(".status--unverified") is not None
    assert not second.select(".guide-quiz__option .status")
    assert ctx.unverified == [f"EMILIA: {emilia.endpoint}", "dosing"]
    # on a patient page, in everyday words
    patient_ctx = _ctx(guide, "patients/words.md")
    patient_ctx.audience = "patient"
    form = BeautifulSoup(render_quiz(guide, item, patient_ctx), "html.parser")
    assert form.select_one("legend .status--plain").get_text() == "Still being checked"


def test_the_records_a_quiz_shows_count_in_its_pages_review_status(guide) -> None:
    from macros.quiz import records

    assert guide.quiz is not None
    safety = next(q for q in guide.quiz.quizzes if q.id == "safety")
    shown = records(guide, safety)
    assert guide.drug in shown and any(getattr(r, "id", None) == "lungs" for r in shown)
