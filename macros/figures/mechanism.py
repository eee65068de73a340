"""Mechanism diagram: the drug's mechanism steps in order, then the notes that run alongside them.

Steps and notes come from `drug.yml` (`mechanism`, `mechanism_notes`), each with its
title and text, so the downloaded file explains itself. The engine does not know what
any step is; it draws a numbered chain, so a different drug gets its own steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..guide import Guide
from ..i18n import t
from ..models import MechanismStep
from . import svg
from .svg import AXIS, MUTED, NARROW, NEUTRAL_TINT, SUBJECT, Figure, Text, text_block

KIND = "mechanism"
PAD = 8
NODE_X = 22
BOX_X = 46


@dataclass(frozen=True)
class StepBox:
    step: MechanismStep
    number: int
    x: float
    y: float
    w: float
    h: float
    lines: list[Text]

    @property
    def node_y(self) -> float:
        return self.y + 21


def _box(step: MechanismStep, number: int, x: float, y: float, w: float) -> StepBox:
    title, after = text_block(step.title, x + 10, y + 21, w - 20, svg.SIZE, bold=True)
    body, after = text_block(step.text, x + 10, after + 1, w - 20, svg.SMALL, line=16.5)
    return StepBox(step, number, x, y, w, after - y - 6, title + body)


def mechanism_diagram(guide: Guide) -> Figure:
    drug = guide.drug
    title = t("figure.mechanism.title", drug=drug.short_name)
    title_lines, y = text_block(title, PAD, 24, NARROW - 2 * PAD, svg.HEADING, bold=True)
    steps = []
    y += 2
    for i, step in enumerate(drug.mechanism, start=1):
        box = _box(step, i, BOX_X, y, NARROW - PAD - BOX_X)
        steps.append(box)
        y = box.y + box.h + 16
    notes_heading = None
    notes = []
    if drug.mechanism_notes:
        y += 14
        notes_heading = Text(PAD, y, t("figure.mechanism.alongside"), svg.SMALL, bold=True, fill=MUTED)
        y += 8
        for note in drug.mechanism_notes:
            box = _box(note, 0, PAD, y, NARROW - 2 * PAD)
            notes.append(box)
            y = box.y + box.h + 10
    height = y + 2
    body = svg.render_svg("mechanism.svg", title_lines=title_lines, steps=steps, notes_heading=notes_heading,
                          notes=notes, node_x=NODE_X, axis=AXIS, node=SUBJECT, tint=NEUTRAL_TINT)
    desc = (t("figure.mechanism.desc", count=len(steps), steps="; ".join(f"{s.number}. {s.step.title}" for s in steps))
            + (t("figure.mechanism.desc_notes", notes="; ".join(n.step.title for n in notes)) if notes else ""))
    return Figure("mechanism", KIND, title, desc, NARROW, height, body)
