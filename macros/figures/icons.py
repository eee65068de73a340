"""Icon arrays: a rate result as 100 people per arm, the guide's drug against its comparator.

The number of filled figures is `plain_numbers.out_of_100(percent).people`, the same
rounding the plain-language sentences use, so a picture and its sentence cannot
disagree. "Fewer than 1" draws no filled figure and says so; "more than 99" draws 99.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import fmt
from ..errors import GuideError
from ..guide import Guide
from ..i18n import t
from ..models import Arm, Result, Statistic, Trial
from ..plain_numbers import OutOf100, out_of_100
from . import svg
from .svg import EMPTY, MUTED, NARROW, OTHER, SUBJECT, Figure, Text, text_block

KIND = "icon-array"
PAD = 8
CELL = 18
PANEL = 10 * CELL  # ten figures a row
GAP = NARROW - 2 * PAD - 2 * PANEL


@dataclass(frozen=True)
class Group:
    arm: Arm
    percent: str  # as published
    out: OutOf100
    colour: str
    x: float
    lines: list[Text]
    icons: Sequence[tuple[float, float, bool]]  # x, y of each cell; filled or not


def compared_arms(trial: Trial, result: Result) -> tuple[Arm, Arm]:
    """The arm with the guide's drug and the one without it; anything else is an error naming the result."""
    where = f"icon_array: result {result.id!r} of {trial.name}"
    if result.statistic != Statistic.rate:
        raise GuideError(f"{where} is not a rate (a percentage of patients), so it cannot be drawn out of 100")
    given = [a for a in trial.arms if a.id in result.arms and result.arms[a.id].value is not None]
    subject = [a for a in given if a.contains_subject_drug]
    other = [a for a in given if not a.contains_subject_drug]
    if len(subject) != 1 or len(other) != 1:
        raise GuideError(f"{where}: expected values for one arm with the guide's drug and one without it; "
                         f"got {[a.id for a in subject]} with and {[a.id for a in other]} without")
    return subject[0], other[0]


def find(guide: Guide, trial_id: str, result_id: str) -> tuple[Trial, Result]:
    trial = guide.trials.get(trial_id)
    if trial is None:
        raise GuideError(f"icon_array: unknown trial id {trial_id!r} (expected a file in trials/)")
    result = next((r for r in trial.results if r.id == result_id), None)
    if result is None:
        raise GuideError(f"icon_array: {trial.name} has no result {result_id!r} (expected one of {[r.id for r in trial.results]})")
    return trial, result


def heading(result: Result) -> str:
    time = result.timepoint if result.timepoint and result.timepoint not in result.endpoint else ""
    return result.endpoint + (f", {time}" if time else "")


def icon_array(guide: Guide, trial_id: str, result_id: str) -> Figure:
    trial, result = find(guide, trial_id, result_id)
    arms = compared_arms(trial, result)
    title = f"{trial.name}: {heading(result)}"
    title_lines, y = text_block(title, PAD, 24, NARROW - 2 * PAD, svg.HEADING, bold=True)
    sub, y = text_block(t("figure.icons.subtitle"), PAD, y, NARROW - 2 * PAD, svg.SMALL, fill=MUTED)
    title_lines += sub
    y += 10
    label_blocks = [text_block(arm.label, PAD + i * (PANEL + GAP), y, PANEL, svg.SIZE, bold=True)
                    for i, arm in enumerate(arms)]
    y = max(after for _, after in label_blocks)
    groups = []
    for i, arm in enumerate(arms):
        value = result.arms[arm.id].value
        assert value is not None  # checked in compared_arms
        out = out_of_100(value)
        x = PAD + i * (PANEL + GAP)
        words = Text(x, y, t("figure.icons.out_of_100", people=out.words), svg.SIZE)
        top = y + 10
        icons = [(x + (k % 10) * CELL, top + (k // 10) * CELL, k < out.people) for k in range(100)]
        groups.append(Group(arm, fmt.num(value), out, SUBJECT if i == 0 else OTHER, x,
                            label_blocks[i][0] + [words], icons))
    y = y + 10 + 10 * CELL + 24
    legend = [Text(PAD + 26, y, t("figure.icons.counted"), svg.SMALL),
              Text(PAD + 26, y + 22, t("figure.icons.not_counted"), svg.SMALL)]
    height = y + 34
    key = f"icon-array-{trial.id}-{result.id}"
    body = svg.render_svg("icons.svg", fig_id=f"fig-{key}", title_lines=title_lines, groups=groups, legend=legend, cell=CELL,
                          empty=EMPTY, legend_colour=svg.TEXT, pad=PAD)
    desc = t("figure.icons.desc", heading=heading(result), trial=trial.name, groups="; ".join(
        t("figure.icons.group_words", arm=g.arm.label, people=g.out.words, percent=g.percent) for g in groups))
    return Figure(key, KIND, title, desc, NARROW, height, body)


def eligible(guide: Guide) -> list[tuple[str, str]]:
    """Every (trial id, result id) an icon array can be drawn for."""
    found = []
    for trial in guide.trials.values():
        for result in trial.results:
            try:
                compared_arms(trial, result)
            except GuideError:
                continue
            found.append((trial.id, result.id))
    return found
