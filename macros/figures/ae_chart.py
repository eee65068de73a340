"""Side-effect comparison chart: grouped bars for one adverse-event table of a two-arm comparison.

One chart per table, never mixing tables: each table is one analysis with one
definition of its figures (`basis`). Bars are percentages of patients as published,
labelled with their value; a value the source does not give is written "not
reported", never drawn as a zero bar. The arm with the guide's drug comes first,
solid blue; the other is hatched vermillion, so the two differ in greyscale as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import fmt
from ..errors import GuideError
from ..guide import Guide
from ..i18n import t
from ..models import AERow, AETable, Arm, Trial
from . import svg
from .svg import (
    AXIS,
    GRID,
    MUTED,
    NARROW,
    OTHER,
    SUBJECT,
    Figure,
    LinearScale,
    Text,
    text_block,
)

KIND = "adverse-events"
MAX_ROWS = 8
# The measures a table may give, in the order they are drawn, with the key of their label (figure.yml).
MEASURES = tuple((m, f"figure.ae.measure.{m}") for m in ("all_grades", "grade3plus", "patients"))
# Axis ends to choose from, each with its tick step.
AXIS_ENDS = ((10, 2), (20, 5), (30, 10), (40, 10), (50, 10), (60, 20), (80, 20), (100, 25))
PAD = 8
X0 = 98  # where bars start: room for the measure label on the left
X1 = NARROW - 58  # where a 100% bar would end: room for its value label
BAR = 13
GAP = 3


def table_arms(trial: Trial, table: AETable) -> list[Arm]:
    """The arms the table gives values for; the ones with the guide's drug first, then in trial order."""
    used = {arm for row in table.rows for arm in row.values}
    arms = [a for a in trial.arms if a.id in used]
    return sorted(arms, key=lambda a: not a.contains_subject_drug)


def charted_tables(guide: Guide, trial: Trial) -> list[AETable]:
    """Tables of a randomised trial that compare exactly two arms."""
    if not trial.randomised:
        return []
    return [t for t in guide.ae_tables if t.trial == trial.id and len(table_arms(trial, t)) == 2]


def shown_rows(table: AETable) -> list[AERow]:
    """All rows in table order, or the MAX_ROWS most frequent ones (by their largest value)."""
    if len(table.rows) <= MAX_ROWS:
        return list(table.rows)

    def largest(row: AERow) -> Decimal:
        return max(v for value in row.values.values() for v in value.model_dump().values() if v is not None)

    keep = sorted(table.rows, key=largest, reverse=True)[:MAX_ROWS]
    return [r for r in table.rows if r in keep]


@dataclass(frozen=True)
class Bar:
    arm: Arm
    first: bool  # first arm: solid; second: hatched
    measure: str
    value: Decimal | None
    x: float
    y: float
    w: float
    label: Text


@dataclass(frozen=True)
class RowLayout:
    row: AERow
    lines: list[Text]
    measure_labels: list[Text]
    bars: list[Bar]


def _axis_end(top: Decimal) -> tuple[int, int]:
    return next(((end, step) for end, step in AXIS_ENDS if top <= end), AXIS_ENDS[-1])


def ae_chart(guide: Guide, table_id: str) -> Figure:
    table = next((t for t in guide.ae_tables if t.id == table_id), None)
    if table is None:
        raise GuideError(f"ae_chart: unknown adverse-event table {table_id!r} (expected an id in safety.yml)")
    trial = guide.trials[table.trial]
    arms = table_arms(trial, table)
    if len(arms) != 2:
        raise GuideError(f"ae_chart: table {table_id!r} gives values for {len(arms)} arm(s); a chart compares two")
    key = f"adverse-events-{table.id}"
    fig_id = f"fig-{key}"
    rows = shown_rows(table)
    values = [v for r in rows for value in r.values.values() for v in value.model_dump().values() if v is not None]
    end, step = _axis_end(max(values))
    scale = LinearScale(end, X0, X1)

    title = f"{trial.name}: {table.title}"
    title_lines, y = text_block(title, PAD, 24, NARROW - 2 * PAD, svg.HEADING, bold=True)
    legend: list[tuple[Arm, bool, float, list[Text]]] = []
    y += 4
    for i, arm in enumerate(arms):
        lines, after = text_block(arm.label, PAD + 26, y + 10, NARROW - 2 * PAD - 26, svg.SIZE)
        legend.append((arm, i == 0, y - 2, lines))
        y = after + 2
    y += 6
    grid_top = y
    laid: list[RowLayout] = []
    for row in rows:
        lines, y = text_block(row.term, PAD, y + 14, NARROW - 2 * PAD, svg.SMALL, bold=True, line=16, halo=True)
        y -= 10  # bars start just under the last line of the term
        measure_labels: list[Text] = []
        bars: list[Bar] = []
        for measure, label in MEASURES:
            if all(getattr(v, measure) is None for v in row.values.values()):
                continue
            # centred on its pair of bars
            measure_labels.append(Text(PAD, y + BAR + GAP / 2 + 4, t(label), svg.SMALL,
                                       fill=MUTED))
            for i, arm in enumerate(arms):
                value = row.values.get(arm.id)
                number = getattr(value, measure) if value is not None else None
                if number is None:
                    text = Text(X0 + 4, y + BAR - 2, t("figure.ae.not_reported"), svg.SMALL, fill=MUTED, italic=True,
                                halo=True)
                    width = 0.0
                else:
                    width = scale(float(number)) - X0
                    text = Text(X0 + width + 5, y + BAR - 2, t("figure.percent", value=fmt.num(number)), svg.SMALL,
                                halo=True)
                bars.append(Bar(arm, i == 0, measure, number, X0, y, width, text))
                y += BAR + GAP
            y += 5
        laid.append(RowLayout(row, lines, measure_labels, bars))
        y += 8
    axis_y = y + 4
    ticks = [(scale(v), f"{v}%", t("figure.percent", value=fmt.count(v))) for v in range(0, end + 1, step)]
    axis_label = Text((X0 + X1) / 2, axis_y + 36, t("figure.ae.axis"), svg.SMALL, fill=MUTED, anchor="middle")
    height = axis_y + 48

    body = svg.render_svg(
        "ae_chart.svg", fig_id=fig_id, title_lines=title_lines, legend=legend, rows=laid, grid_top=grid_top,
        axis_y=axis_y, ticks=ticks, x0=X0, x1=X1, axis_label=axis_label, axis=AXIS, grid=GRID,
        subject=SUBJECT, other=OTHER, bar=BAR, small=svg.SMALL,
    )
    return Figure(key, KIND, title, _desc(trial, table, arms, rows), NARROW, height, body)


def _desc(trial: Trial, table: AETable, arms: list[Arm], rows: list[AERow]) -> str:
    parts = []
    for row in rows:
        for measure, _ in MEASURES:
            if all(getattr(v, measure) is None for v in row.values.values()):
                continue
            vals = []
            for arm in arms:
                value = row.values.get(arm.id)
                number = getattr(value, measure) if value is not None else None
                vals.append(t("figure.ae.arm_value", arm=arm.label, value=fmt.num(number)) if number is not None
                            else t("figure.ae.arm_not_reported", arm=arm.label))
            parts.append(t("figure.ae.row_words", term=row.term, measure=t(f"figure.ae.measure_in_text.{measure}"),
                           values=", ".join(vals)))
    more = (t("figure.ae.more_rows", shown=fmt.count(MAX_ROWS), total=fmt.count(len(table.rows)))
            if len(rows) < len(table.rows) else "")
    return t("figure.ae.desc", first=arms[0].label, second=arms[1].label, trial=trial.name, table=table.title,
             basis=table.basis.rstrip("."), more=more, rows="; ".join(parts))
