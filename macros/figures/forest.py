"""Forest plot: the hazard ratio of each randomised trial's main endpoint, on a log scale.

Which result is "main" is decided by `render.trials.primary_result` (the first
primary-endpoint result of the earliest analysis reporting one); a trial is plotted
when the guide's drug is in it (role subject, comparator or backbone), it is
randomised, and that result has a hazard ratio with a confidence interval. Each row
is drawn exactly as published: the arm order of the hazard ratio is the data's
(HR < 1 favours the first-named arm) and the interval keeps its own level (a 97.5%
interval is labelled so). A hazard ratio whose arm order is not recorded cannot be
placed either side of 1 honestly; it is listed under the plot instead.

Every forest plot in a build shares one axis, so a row on a trial page sits where it
sits on the overview.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import fmt
from ..errors import GuideError
from ..guide import Guide, primary_result
from ..i18n import t
from ..models import Analysis, Comparison, Result, Role, Setting, Trial
from . import svg
from .svg import (
    AXIS,
    MUTED,
    NARROW,
    SUBJECT,
    WIDE,
    Figure,
    LogScale,
    Text,
    text_block,
)

ROLES = (Role.subject, Role.comparator, Role.backbone)
# Axis ticks to choose from; the axis spans the smallest range of these that holds every interval.
TICKS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20)
KIND = "forest-plot"


@dataclass(frozen=True)
class Row:
    trial: Trial
    result: Result
    analysis: Analysis
    hr: Comparison
    first: str  # label of the first-named arm: HR < 1 favours it
    second: str
    endpoint: str  # the endpoint as tables show it: its kind's abbreviation, or the result's own name

    @property
    def heading(self) -> str:
        return f"{self.trial.name} · {self.endpoint}"

    @property
    def arms(self) -> str:
        return t("figure.forest.arms", first=self.first, second=self.second)

    @property
    def estimate(self) -> str:
        """'0.65 (0.55–0.77)': the figures as published."""
        low, high = self.hr.ci  # type: ignore[misc]
        return f"{fmt.num(self.hr.value)} ({fmt.num(low)}{fmt.DASH}{fmt.num(high)})"

    @property
    def analysis_line(self) -> str:
        if self.hr.ci_level == 95:
            return self.analysis.label
        return t("figure.forest.ci_level", analysis=self.analysis.label, level=fmt.num(self.hr.ci_level))

    @property
    def words(self) -> str:
        return t("figure.forest.row_words", heading=self.heading, arms=self.arms, value=fmt.num(self.hr.value),
                 ci=fmt.ci(self.hr.ci, self.hr.ci_level))


@dataclass(frozen=True)
class Selection:
    rows: list[Row]
    omitted: list[str]  # sentences naming hazard ratios that cannot be placed


def select(guide: Guide, trial_id: str | None = None) -> Selection:
    rows: list[Row] = []
    omitted: list[str] = []
    for trial in [guide.trials[trial_id]] if trial_id else guide.trials.values():
        if trial.role not in ROLES or not trial.randomised:
            continue
        result = primary_result(trial)
        if result is None:
            continue
        labels = {a.id: a.label for a in trial.arms}
        analysis = next(a for a in trial.analyses if a.id == result.analysis)
        for hr in result.all_comparisons:
            if hr.measure != "HR" or hr.ci is None:
                continue
            if hr.arms is None:
                omitted.append(t("figure.forest.not_plotted", trial=trial.name, endpoint=guide.endpoint_short(result),
                                 value=fmt.num(hr.value), ci=fmt.ci(hr.ci, hr.ci_level)))
                continue
            rows.append(Row(trial, result, analysis, hr, labels[hr.arms[0]], labels[hr.arms[1]],
                            guide.endpoint_short(result)))
    return Selection(rows, omitted)


def shared_axis(guide: Guide) -> tuple[float, float]:
    """The axis of every forest plot in a build, worked out once per loaded guide.

    Each trial page draws its own row on this axis; finding it means looking at every
    trial, which repeated on every trial page made large guides build quadratically.
    """
    def compute() -> tuple[float, float]:
        rows = select(guide).rows
        if not rows:
            raise GuideError("forest_plot: no trial has a main-endpoint hazard ratio with a confidence interval and arm order")
        return axis_range(rows)

    return guide.derived("forest-axis", compute)


def axis_range(rows: list[Row]) -> tuple[float, float]:
    """The narrowest pair of ticks that holds every interval and the line of no effect."""
    low = min([float(r.hr.ci[0]) for r in rows] + [1.0])  # type: ignore[index]
    high = max([float(r.hr.ci[1]) for r in rows] + [1.0])  # type: ignore[index]
    start = max((t for t in TICKS if t <= low), default=TICKS[0])
    end = min((t for t in TICKS if t >= high), default=TICKS[-1])
    if start == 1:
        start = 0.5
    if end == 1:
        end = 2
    return start, end


@dataclass(frozen=True)
class RowLayout:
    row: Row
    lines: list[Text]
    estimate: Text
    y: float  # y of the interval line
    lo: float
    hi: float
    x: float


@dataclass(frozen=True)
class GroupLayout:
    header: Text | None
    rows: list[RowLayout]


def _favours(x_one: float, y: float, width: float, pad: float, size: float) -> tuple[list[Text], float]:
    """The two 'favours' labels either side of the line of no effect; one line when both fit."""
    left_text, right_text = t("figure.forest.favours_first"), t("figure.forest.favours_second")
    left_w, right_w = svg.text_width(left_text, size), svg.text_width(right_text, size)
    if x_one - 6 - left_w >= pad and x_one + 6 + right_w <= width - pad:
        return [Text(x_one - 6, y, left_text, size, anchor="end"), Text(x_one + 6, y, right_text, size)], y + 8
    left = Text(max(x_one - 6, pad + left_w), y, left_text, size, anchor="end")
    right = Text(min(x_one + 6, width - pad - right_w), y + size + 4, right_text, size)
    return [left, right], y + size + 12


def _tick(value: float) -> str:
    """A tick's value as an attribute (data-tick): the same in every language."""
    return f"{value:g}"


def _tick_label(value: float) -> str:
    """A tick as the reader sees it: 0.5 in English, 0,5 in Spanish."""
    return fmt.num(Decimal(_tick(value)))


def _figure(guide: Guide, key: str, title: str, groups: list[tuple[str | None, list[Row]]], omitted: list[str],
            variant: str) -> Figure:
    width = WIDE if variant == "wide" else NARROW
    pad = 8
    # The wide layout is shown at about its own size on a desktop; the narrow one shrinks on a phone.
    size, small, line = (13, 12, 16) if variant == "wide" else (svg.SIZE, svg.SMALL, svg.LINE)
    if variant == "wide":
        label_w, x0, x1 = 292.0, 306.0, 486.0
    else:
        label_w, x0, x1 = width - 2 * pad, 20.0, width - 20.0
    low, high = shared_axis(guide)
    scale = LogScale(low, high, x0, x1)

    title_lines, y = text_block(title, pad, 24, width - 2 * pad, svg.HEADING, bold=True)
    y += 4
    header_texts: list[Text] = []
    if variant == "wide":
        header_texts = [Text((x0 + x1) / 2, y, t("figure.forest.axis"), small, fill=MUTED, anchor="middle"),
                        Text(width - pad, y, t("figure.forest.estimate_header"), small, fill=MUTED, anchor="end")]
        y += 14
    top = y - 6
    laid: list[GroupLayout] = []
    for label, rows in groups:
        header = None
        if label:
            y += 10 if not laid else 26
            header = Text(pad, y, label, size + 1, bold=True)
            y += 10
        row_layouts = []
        for row in rows:
            y += 18
            first = Text(pad, y, row.heading, size, bold=True)
            estimate = Text(width - pad, y, row.estimate, size, anchor="end")
            arms, after = text_block(row.arms, pad, y + line, label_w, size, line=line)
            analysis, after = text_block(row.analysis_line, pad, after, label_w, small, fill=MUTED, line=line - 1)
            if variant == "wide":
                line_y = y - 4
                y = after - line + 7
            else:
                line_y = after - 2
                y = line_y + 4
            lo, hi = row.hr.ci  # type: ignore[misc]
            row_layouts.append(RowLayout(row, [first, *arms, *analysis], estimate, line_y,
                                         scale(float(lo)), scale(float(hi)), scale(float(row.hr.value))))
        laid.append(GroupLayout(header, row_layouts))
    y += 14
    axis_y = y
    ticks = [(scale(v), _tick(v), _tick_label(v)) for v in TICKS if low <= v <= high]
    y += 32
    favours, y = _favours(scale(1.0), y, width, pad, small)
    notes, y = text_block(t("figure.forest.legend"), pad, y + 14, width - 2 * pad, small, fill=MUTED, line=line - 1)
    for sentence in omitted:
        more, y = text_block(sentence, pad, y + 4, width - 2 * pad, small, fill=MUTED, line=line - 1)
        notes += more
    height = y + 4
    body = svg.render_svg(
        "forest.svg", title_lines=title_lines, headers=header_texts, groups=laid, scale_one=scale(1.0),
        top=top, axis_y=axis_y, x0=x0, x1=x1, ticks=ticks, favours=favours, notes=notes,
        marker=SUBJECT, axis=AXIS, muted=MUTED, small=small, variant=variant,
    )
    count = sum(len(rows) for _, rows in groups)
    desc = t("figure.forest.desc", count=count, low=_tick_label(low), high=_tick_label(high),
             rows="; ".join(r.words for _, rows in groups for r in rows))
    return Figure(key, KIND, title, desc, width, height, body, variant=variant)


def forest_plot(guide: Guide, settings: list[Setting] | None = None, trial_id: str | None = None) -> tuple[Figure, Figure, Selection]:
    """The overview (grouped by setting) or one trial's rows; returns the wide and narrow layouts."""
    shared_axis(guide)  # fails early, naming the problem, when no trial has a hazard ratio to plot
    chosen = select(guide, trial_id)
    if trial_id:
        trial = guide.trials[trial_id]
        if not chosen.rows:
            raise GuideError(f"forest_plot: trial {trial_id!r} has no main-endpoint hazard ratio to plot")
        key = f"forest-plot-{trial_id}"
        title = t("figure.forest.title_trial", trial=trial.name)
        groups: list[tuple[str | None, list[Row]]] = [(None, chosen.rows)]
    else:
        order = settings or guide.site.settings  # as in the trials nav
        key = "forest-plot" if settings is None else "forest-plot-" + "-".join(s.id for s in order)
        title = t("figure.forest.title")
        groups = [(s.label, [r for r in chosen.rows if r.trial.setting == s.id]) for s in order]
        groups = [(label, rows) for label, rows in groups if rows]
    wide = _figure(guide, key, title, groups, chosen.omitted, "wide")
    narrow = _figure(guide, key, title, groups, chosen.omitted, "narrow")
    return wide, narrow, chosen


def has_row(guide: Guide, trial_id: str) -> bool:
    return bool(select(guide, trial_id).rows)
