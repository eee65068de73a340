"""Self-check questions made from data records (quiz.yml names the records; nothing here is typed
in by an author): the question, its right answer and the other answers, taken from sibling records
of the same kind, so a quiz can never disagree with the pages that show the same records.

Plain values only: `render/quiz.py` turns them into markup (and urgency levels into their words).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import fmt
from .guide import Guide, primary_result
from .models import Quiz, QuizQuestion, Status, Trial, Urgency

MAX_OPTIONS = 4


class QuizError(ValueError):
    """A question that names no record, or one with nothing to tell it apart from: for the loader."""


@dataclass(frozen=True)
class Question:
    kind: str  # "primary_result", "dose_level" or "urgency" (then the options are Urgency values)
    subject: str  # what the question is about: a trial's name, a dose level's label, a sign's words
    detail: str  # a trial's primary endpoint; empty for the other kinds
    options: tuple[str, ...]
    answer: int  # index of the right option
    # How far the record the question is asked from (its right answer) has been checked, and the
    # value's name in the page's list of unverified values.
    status: Status
    what: str
    # For answers taken from different records (the trials' primary results): each answer's own
    # (status, name); empty when every answer comes from the question's record or is a fixed word.
    option_status: tuple[tuple[Status, str], ...] = ()


def _primary_text(trial: Trial) -> str | None:
    result = primary_result(trial)
    comparisons = result.all_comparisons if result else []
    return fmt.comparison(comparisons[0]) if comparisons else None


def _options(right: str, others: list[str]) -> tuple[tuple[str, ...], int]:
    """The right answer and up to three others (first in data order, no repeats), in a stable order."""
    chosen: list[str] = []
    for other in others:
        if other != right and other not in chosen:
            chosen.append(other)
        if len(chosen) == MAX_OPTIONS - 1:
            break
    options = tuple(sorted([right, *chosen]))
    return options, options.index(right)


def question(guide: Guide, q: QuizQuestion) -> Question:
    if q.primary_result is not None:
        trial = guide.trials.get(q.primary_result)
        if trial is None:
            raise QuizError(f"primary_result: no trial {q.primary_result!r}")
        right = _primary_text(trial)
        result = primary_result(trial)
        if right is None or result is None:
            raise QuizError(f"primary_result: trial {trial.id!r} has no primary-endpoint result with a comparison")
        checked: dict[str, tuple[Status, str]] = {right: (result.status, f"{trial.name}: {result.endpoint}")}
        others: list[str] = []
        for other in guide.trials.values():
            text, other_result = _primary_text(other), primary_result(other)
            if other.id != trial.id and text and other_result:
                others.append(text)
                checked.setdefault(text, (other_result.status, f"{other.name}: {other_result.endpoint}"))
        options, answer = _options(right, others)
        kind, subject, detail = "primary_result", trial.name, result.endpoint
        status, what = checked[right]
        option_status = tuple(checked[o] for o in options)
    elif q.dose_level is not None:
        dosing = guide.drug.dosing
        levels = {lv.label: f"{fmt.num(lv.dose)} {dosing.unit}" for lv in dosing.dose_levels}
        if q.dose_level not in levels:
            raise QuizError(f"dose_level: no dose level {q.dose_level!r} in drug.yml (levels: {', '.join(levels)})")
        options, answer = _options(levels[q.dose_level], list(levels.values()))
        kind, subject, detail = "dose_level", q.dose_level, ""
        status, what, option_status = dosing.status, "dosing", ()
    else:
        assert q.urgency is not None
        guidance = next((g for g in guide.patient.guidance if g.id == q.urgency.guidance), None)
        if guidance is None:
            raise QuizError(f"urgency: no guidance {q.urgency.guidance!r} in patient.yml")
        if q.urgency.sign > len(guidance.signs):
            raise QuizError(f"urgency: guidance {guidance.id!r} has {len(guidance.signs)} signs, not {q.urgency.sign}")
        sign = guidance.signs[q.urgency.sign - 1]
        urgencies = [u.value for u in Urgency]  # in order of urgency, as the pages list them
        options, answer = tuple(urgencies), urgencies.index(sign.urgency.value)
        kind, subject, detail = "urgency", sign.text, ""
        status, what, option_status = guidance.status, guidance.effect, ()
    if len(options) < 2:
        raise QuizError(f"{kind}: no other record of the same kind to offer as another answer")
    return Question(kind, subject, detail, options, answer, status, what, option_status)


def questions(guide: Guide, quiz: Quiz) -> list[Question]:
    return [question(guide, q) for q in quiz.questions]


def records(guide: Guide, quiz: Quiz) -> list[object]:
    """The records a quiz shows (its questions' and their answers'), for the page's review status."""
    out: list[object] = []
    for q in quiz.questions:
        if q.primary_result is not None:
            out += list(guide.trials.values())  # the other answers are the other trials' results
        elif q.dose_level is not None:
            out.append(guide.drug)
        elif q.urgency is not None:
            out += [g for g in guide.patient.guidance if g.id == q.urgency.guidance]
    return out


def quiz_for_page(guide: Guide, src: str) -> Quiz | None:
    if guide.quiz is None:
        return None
    return next((q for q in guide.quiz.quizzes if q.page == src), None)
