"""A module's self-check quiz (quiz.yml) at the end of its last page: each question a fieldset with
its legend, answers as radio buttons, feedback and the result in a live region (assets/quiz.js).
The words of the questions are the engine's; everything they ask about comes from the records."""

from __future__ import annotations

from markupsafe import Markup

from ..guide import Guide
from ..i18n import t
from ..markup import html, md
from ..models import Quiz, Status, Urgency
from ..pagecontext import PageContext
from ..quiz import Question, questions
from .patient import URGENCY


def title() -> str:
    """The quiz's heading, in the build's language."""
    return t("quiz.title")


def _text(q: Question) -> str:
    if q.kind == "primary_result":
        return t("quiz.primary_result", trial=q.subject, endpoint=q.detail)
    if q.kind == "dose_level":
        return t("quiz.dose_level", level=q.subject)
    return t("quiz.urgency", sign=q.subject)


def _option(q: Question, option: str) -> str:
    return URGENCY[Urgency(option)][1] if q.kind == "urgency" else option


def _mark(ctx: PageContext, status: Status, what: str) -> Markup:
    """A value not yet verified carries its status, as everywhere (in everyday words on patient
    pages), and counts in the page's notice; a quiz marks nothing else."""
    if status != Status.unverified:
        return Markup("")
    return ctx.badge(status, what, plain=ctx.audience == "patient")


def quiz(guide: Guide, item: Quiz, ctx: PageContext) -> str:
    """The quiz as a Markdown heading (in the page's table of contents) and one HTML block.

    Answers from different records (the trials' primary results) each carry their own status;
    when every answer comes from the question's record, or is a fixed word, the question carries
    it, so that no mark singles out the right answer."""
    assert guide.quiz is not None
    shown = []
    for q in questions(guide, item):
        marks = [_mark(ctx, status, what) for status, what in q.option_status]
        shown.append({"text": _text(q), "options": [_option(q, o) for o in q.options], "answer": q.answer,
                      "mark": Markup("") if q.option_status else _mark(ctx, q.status, q.what),
                      "marks": marks or [Markup("")] * len(q.options)})
    form = html("quiz.html", id=item.id, pass_mark=guide.quiz.pass_mark, questions=shown)
    heading = md("section.md", level=2, title=title(), anchor=f"quiz-{item.id}", blocks=[])
    return str(heading).rstrip() + "\n\n" + str(Markup(form)) + "\n"
