"""A module's self-check quiz (quiz.yml) at the end of its last page: each question a fieldset with
its legend, answers as radio buttons, feedback and the result in a live region (assets/quiz.js).
The words of the questions are the engine's; everything they ask about comes from the records."""

from __future__ import annotations

from markupsafe import Markup

from ..guide import Guide
from ..markup import html, md
from ..models import Quiz, Urgency
from ..quiz import Question, questions
from .patient import URGENCY

TITLE = "Check what you have read"


def _text(q: Question) -> str:
    if q.kind == "primary_result":
        return f"{q.subject}: what did the primary endpoint ({q.detail}) show?"
    if q.kind == "dose_level":
        return f"What is the dose at the level \u201c{q.subject}\u201d?"
    return f"\u201c{q.subject}\u201d: what should the person do?"


def _option(q: Question, option: str) -> str:
    return URGENCY[Urgency(option)][1] if q.kind == "urgency" else option


def quiz(guide: Guide, item: Quiz) -> str:
    """The quiz as a Markdown heading (in the page's table of contents) and one HTML block."""
    assert guide.quiz is not None
    shown = [{"text": _text(q), "options": [_option(q, o) for o in q.options], "answer": q.answer}
             for q in questions(guide, item)]
    form = html("quiz.html", id=item.id, pass_mark=guide.quiz.pass_mark, questions=shown)
    heading = md("section.md", level=2, title=TITLE, anchor=f"quiz-{item.id}", blocks=[])
    return str(heading).rstrip() + "\n\n" + str(Markup(form)) + "\n"
