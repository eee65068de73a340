"""Trial design schema: population → randomisation (ratio) → arms with their regimens → primary endpoint.

Drawn for randomised trials only. Every word comes from the trial record: the
population, the ratio and blinding, each arm's label, regimen (with its doses as
written) and size, and the primary endpoint. Arms that contain the guide's drug get
a thick blue outline, named in a legend, so they stand out without colour too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import fmt
from ..errors import GuideError
from ..guide import Guide
from ..models import Arm, Trial
from . import svg
from .svg import (
    AXIS,
    MUTED,
    NARROW,
    NEUTRAL_TINT,
    SUBJECT,
    SUBJECT_TINT,
    Figure,
    Text,
    text_block,
)

KIND = "trial-design"
PAD = 8
R_X = 30  # x of the randomisation node and the rail down to the arms
ARM_X = 58
MERGE_X = NARROW - 16  # rail that joins the arms to the endpoint


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    lines: list[Text]
    fill: str
    stroke: str
    stroke_width: float
    arm: Arm | None = None

    @property
    def mid(self) -> float:
        return self.y + self.h / 2


def _box(x: float, y: float, w: float, parts: Sequence[tuple[str, float, bool, str]], fill: str, stroke: str,
         stroke_width: float, arm: Arm | None = None) -> Box:
    """A box holding wrapped paragraphs; each part is (text, size, bold, colour)."""
    lines: list[Text] = []
    baseline = y + 20
    for text, size, bold, colour in parts:
        block, baseline = text_block(text, x + 10, baseline, w - 20, size, bold, colour, line=size * 1.3)
        lines += block
        baseline += 2
    return Box(x, y, w, baseline - y - 6, lines, fill, stroke, stroke_width, arm)


def randomisation_words(trial: Trial) -> str:
    ratio = f"Randomised {trial.randomisation_ratio}" if trial.randomisation_ratio else "Randomised (ratio not stated)"
    return ratio + (f", {trial.blinding}" if trial.blinding else "")


def trial_schema(guide: Guide, trial_id: str) -> Figure:
    trial = guide.trials.get(trial_id)
    if trial is None:
        raise GuideError(f"trial_schema: unknown trial id {trial_id!r} (expected a file in trials/)")
    if not trial.randomised or len(trial.arms) < 2:
        raise GuideError(f"trial_schema: {trial.name} is not a randomised trial with two or more arms")
    subject_label = guide.site.subject_arm_label
    title = f"{trial.name}: trial design"
    title_lines, y = text_block(title, PAD, 24, NARROW - 2 * PAD, svg.HEADING, bold=True)

    population_parts = [("Population", svg.SMALL, True, MUTED), (trial.population, svg.SIZE, False, svg.TEXT)]
    if trial.n_randomised:
        population_parts.append((f"{fmt.count(trial.n_randomised)} randomised", svg.SIZE, True, svg.TEXT))
    population = _box(PAD, y, NARROW - 2 * PAD, population_parts, NEUTRAL_TINT, AXIS, 1.25)
    y = population.y + population.h + 34
    r_y = y  # centre of the randomisation node
    r_words = Text(R_X + 24, r_y + 5, randomisation_words(trial), svg.SIZE, bold=True)
    y = r_y + 30

    arms: list[Box] = []
    for arm in trial.arms:
        parts = [(arm.label, svg.SIZE, True, svg.TEXT), (arm.regimen, svg.SMALL, False, svg.TEXT),
                 (f"n = {fmt.count(arm.n)}" if arm.n else "Number of patients not reported", svg.SMALL, False, MUTED)]
        own = arm.contains_subject_drug
        box = _box(ARM_X, y, MERGE_X - 12 - ARM_X, parts, SUBJECT_TINT if own else "#ffffff",
                   SUBJECT if own else AXIS, 3 if own else 1.25, arm)
        arms.append(box)
        y = box.y + box.h + 12
    y += 22
    endpoint = _box(PAD, y, NARROW - 2 * PAD, [("Primary endpoint", svg.SMALL, True, MUTED),
                                               (trial.primary_endpoint, svg.SIZE, False, svg.TEXT)],
                    NEUTRAL_TINT, AXIS, 1.25)
    y = endpoint.y + endpoint.h
    legend = None
    if any(a.contains_subject_drug for a in trial.arms):
        y += 26
        legend = Text(PAD + 34, y, f"Arm that includes {subject_label}", svg.SMALL)
        y += 4
    height = y + 10

    body = svg.render_svg(
        "schema.svg", title_lines=title_lines, population=population, arms=arms, endpoint=endpoint,
        r_x=R_X, r_y=r_y, r_words=r_words, merge_x=MERGE_X, legend=legend, axis=AXIS,
        subject=SUBJECT, subject_tint=SUBJECT_TINT, pad=PAD,
    )
    arm_words = "; ".join(
        f"{a.label}: {a.regimen}" + (f" ({fmt.count(a.n)} patients)" if a.n else "") for a in trial.arms
    )
    n = f"{fmt.count(trial.n_randomised)} patients " if trial.n_randomised else "Patients "
    desc = (f"Trial design of {trial.name}. Population: {trial.population}. {n}were "
            f"{randomisation_words(trial).lower()} to {len(trial.arms)} arms. {arm_words}. "
            f"Primary endpoint: {trial.primary_endpoint}.")
    return Figure(f"design-{trial.id}", KIND, title, desc, NARROW, height, body)
