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
from ..i18n import t
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


def _blinding(trial: Trial) -> str:
    """', open-label' after the randomisation, in the build's language; '' when not recorded."""
    if not trial.blinding:
        return ""
    return ", " + t("figure.schema.blinding." + trial.blinding.replace("-", "_").replace(" ", "_"))


def randomisation_words(trial: Trial) -> str:
    """'Randomised 1:1, open-label': the design box's heading and the text version's row."""
    ratio = (t("figure.schema.randomised_ratio", ratio=trial.randomisation_ratio) if trial.randomisation_ratio
             else t("figure.schema.randomised_no_ratio"))
    return ratio + _blinding(trial)


def _randomised_how(trial: Trial) -> str:
    """The same inside a sentence: '... were randomised 1:1, open-label to 2 arms'."""
    ratio = (t("figure.schema.how_ratio", ratio=trial.randomisation_ratio) if trial.randomisation_ratio
             else t("figure.schema.how_no_ratio"))
    return ratio + _blinding(trial)


def trial_schema(guide: Guide, trial_id: str) -> Figure:
    trial = guide.trials.get(trial_id)
    if trial is None:
        raise GuideError(f"trial_schema: unknown trial id {trial_id!r} (expected a file in trials/)")
    if not trial.randomised or len(trial.arms) < 2:
        raise GuideError(f"trial_schema: {trial.name} is not a randomised trial with two or more arms")
    subject_label = guide.site.subject_arm_label
    title = t("figure.schema.title", trial=trial.name)
    title_lines, y = text_block(title, PAD, 24, NARROW - 2 * PAD, svg.HEADING, bold=True)

    population_parts = [(t("figure.schema.population"), svg.SMALL, True, MUTED), (trial.population, svg.SIZE, False, svg.TEXT)]
    if trial.n_randomised:
        population_parts.append((t("figure.schema.randomised_n", n=fmt.count(trial.n_randomised)), svg.SIZE, True, svg.TEXT))
    population = _box(PAD, y, NARROW - 2 * PAD, population_parts, NEUTRAL_TINT, AXIS, 1.25)
    y = population.y + population.h + 34
    r_y = y  # centre of the randomisation node
    r_words = Text(R_X + 24, r_y + 5, randomisation_words(trial), svg.SIZE, bold=True)
    y = r_y + 30

    arms: list[Box] = []
    for arm in trial.arms:
        parts = [(arm.label, svg.SIZE, True, svg.TEXT), (arm.regimen, svg.SMALL, False, svg.TEXT),
                 (t("figure.schema.arm_n", n=fmt.count(arm.n)) if arm.n else t("figure.schema.arm_n_missing"),
                  svg.SMALL, False, MUTED)]
        own = arm.contains_subject_drug
        box = _box(ARM_X, y, MERGE_X - 12 - ARM_X, parts, SUBJECT_TINT if own else "#ffffff",
                   SUBJECT if own else AXIS, 3 if own else 1.25, arm)
        arms.append(box)
        y = box.y + box.h + 12
    y += 22
    endpoint = _box(PAD, y, NARROW - 2 * PAD, [(t("figure.schema.primary_endpoint"), svg.SMALL, True, MUTED),
                                               (trial.primary_endpoint, svg.SIZE, False, svg.TEXT)],
                    NEUTRAL_TINT, AXIS, 1.25)
    y = endpoint.y + endpoint.h
    legend = None
    if any(a.contains_subject_drug for a in trial.arms):
        y += 26
        legend = Text(PAD + 34, y, t("figure.schema.legend", subject=subject_label), svg.SMALL)
        y += 4
    height = y + 10

    body = svg.render_svg(
        "schema.svg", title_lines=title_lines, population=population, arms=arms, endpoint=endpoint,
        r_x=R_X, r_y=r_y, r_words=r_words, merge_x=MERGE_X, legend=legend, axis=AXIS,
        subject=SUBJECT, subject_tint=SUBJECT_TINT, pad=PAD,
    )
    arm_words = "; ".join(
        t("figure.schema.arm_words_n", arm=a.label, regimen=a.regimen, n=fmt.count(a.n)) if a.n
        else t("figure.schema.arm_words", arm=a.label, regimen=a.regimen) for a in trial.arms
    )
    key, n = ("figure.schema.desc_n", fmt.count(trial.n_randomised)) if trial.n_randomised else ("figure.schema.desc", "")
    desc = t(key, trial=trial.name, population=trial.population, n=n, how=_randomised_how(trial),
             arms=fmt.count(len(trial.arms)), arm_words=arm_words, endpoint=trial.primary_endpoint)
    return Figure(f"design-{trial.id}", KIND, title, desc, NARROW, height, body)
