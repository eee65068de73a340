"""Treatment pathway diagram: the steps of one pathway, the options at each step, and their evidence.

Steps come in the order of `sequencing.yml`; each follows the step listed before it
unless it names another (`follows`) or is a starting point of its own
(`separate_start`). A step with several next steps branches: the next steps are
indented under it. Each option shows its status as derived from its dated facts
(`macros/standing.py`): the label in words (who approved it and when, which guideline
and year says what) and its category by the style of its outline (thick, plain, dashed
or dotted), never by colour alone; it links to the page of every trial it names. The
pathway's `current_as_of` date is printed in the figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from .. import fmt
from ..guide import Guide, trial_src
from ..i18n import t
from ..models import Option, Pathway, Setting, Step
from ..standing import Standing, label, standing
from . import svg
from .svg import AXIS, LINK, MUTED, NARROW, NEUTRAL_TINT, Figure, Text, text_block

KIND = "pathway"
PAD = 8
INDENT = 24  # each branch level, and options under their step
RAIL = 10  # connector distance from a box's left edge

# (outline colour, width, dash pattern) per derived standing; the colours pass 4.5:1 as text on white.
STYLE = MappingProxyType({
    Standing.recommended.value: ("#0b5d1e", 3.0, ""),
    Standing.current.value: ("#1f4e79", 1.5, ""),
    Standing.trial_only.value: ("#6b3e00", 1.5, "6 3"),
    Standing.replaced.value: ("#595959", 1.5, "2 3"),
})
# What each outline style means, for the legend: figure.pathway.legend.<standing> (figure.yml).
LEGEND = MappingProxyType({k: "figure.pathway.legend." + k.replace("-", "_") for k in STYLE})


@dataclass(frozen=True)
class Link:
    text: str
    href: str | None  # None: plain text


@dataclass(frozen=True)
class LinkLine:
    x: float
    y: float
    parts: list[Link]


@dataclass(frozen=True)
class OptionBox:
    option: Option
    x: float
    y: float
    w: float
    h: float
    lines: list[Text]
    evidence: list[LinkLine]
    standing: str
    colour: str
    stroke_width: float
    dash: str

    @property
    def mid(self) -> float:
        return self.y + 16


@dataclass(frozen=True)
class StepBox:
    step: Step
    number: int
    x: float
    y: float
    w: float
    h: float
    lines: list[Text]
    options: list[OptionBox]
    parent: str | None
    separate: bool

    @property
    def rail(self) -> float:
        return self.x + RAIL

    @property
    def bottom(self) -> float:
        return self.y + self.h


def parents(path: Pathway) -> dict[str, str | None]:
    """step id -> the step it follows (None for a starting point)."""
    out: dict[str, str | None] = {}
    previous = None
    for step in path.steps:
        out[step.id] = None if step.separate_start else (step.follows or previous)
        previous = step.id
    return out


def _wrap_links(parts: list[Link], x: float, y: float, width: float, size: float, line: float) -> tuple[list[LinkLine], float]:
    """Wrap a run of plain and linked words; a link is never split across lines."""
    lines: list[LinkLine] = []
    current: list[Link] = []
    used = 0.0
    for part in parts:
        w = svg.text_width(part.text, size)
        if current and used + w > width:
            lines.append(LinkLine(x, y + len(lines) * line, current))
            current, used = [], 0.0
        current.append(part)
        used += w
    if current:
        lines.append(LinkLine(x, y + len(lines) * line, current))
    return lines, y + len(lines) * line


def _option(guide: Guide, option: Option, x: float, y: float, w: float, href: Callable[[str], str]) -> OptionBox:
    kind = standing(option).value
    colour, stroke_width, dash = STYLE[kind]
    tag, after = text_block(label(option), x + 10, y + 19, w - 20, svg.SMALL, bold=True, fill=colour, line=16)
    name, after = text_block(option.name, x + 10, after + 1, w - 20, svg.SIZE, line=17)
    evidence: list[LinkLine] = []
    if option.trials:
        # The sentence around the links is the message's ("Evidence: {trials}"), split at its placeholder.
        before, _, rest = t("figure.pathway.evidence", trials="\0").partition("\0")
        parts = [Link(before, None)] if before else []
        for i, trial_id in enumerate(option.trials):
            parts.append(Link(guide.trials[trial_id].name, href(trial_src(trial_id))))
            if i < len(option.trials) - 1:
                parts.append(Link(", ", None))
        if rest:
            parts.append(Link(rest, None))
        evidence, after = _wrap_links(parts, x + 10, after + 1, w - 20, svg.SMALL, 16)
    return OptionBox(option, x, y, w, after - y - 5, [*tag, *name], evidence, kind, colour, stroke_width, dash)


def pathway_diagram(guide: Guide, path: Pathway, href: Callable[[str], str]) -> Figure:
    """`href(src)` gives the link to a page (by its source path) from wherever this SVG is shown."""
    parent_of = parents(path)
    children: dict[str, list[str]] = {}
    for step_id, parent in parent_of.items():
        if parent:
            children.setdefault(parent, []).append(step_id)
    depth: dict[str, int] = {}
    for step in path.steps:
        parent = parent_of[step.id]
        if parent is None:
            depth[step.id] = 0
        else:  # a chain stays in line; the branches of a fork are indented under it
            depth[step.id] = depth[parent] + (1 if len(children[parent]) > 1 else 0)

    title = path.title
    title_lines, y = text_block(title, PAD, 24, NARROW - 2 * PAD, svg.HEADING, bold=True)
    y += 4
    boxes: list[StepBox] = []
    for number, step in enumerate(path.steps, start=1):
        separate = parent_of[step.id] is None and bool(boxes)
        y += 30 if separate else (22 if boxes else 0)
        x = PAD + depth[step.id] * INDENT
        w = NARROW - PAD - x
        label = Text(x + 10, y + 18, t("figure.pathway.step", number=number), svg.SMALL, fill=MUTED)
        heading, after = text_block(step.title, x + 10, y + 18 + 17, w - 20, svg.SIZE, bold=True, line=17)
        box_h = after - y - 5
        options = []
        oy = y + box_h + 8
        for option in step.options:
            box = _option(guide, option, x + INDENT, oy, w - INDENT, href)
            options.append(box)
            oy = box.y + box.h + 8
        boxes.append(StepBox(step, number, x, y, w, box_h, [label, *heading], options, parent_of[step.id], separate))
        y = oy - 8
    by_id = {b.step.id: b for b in boxes}

    y += 30
    legend = []
    for i, kind in enumerate(STYLE):  # one per row: the legend's words are long
        legend.append((kind, PAD, y + i * 26))
    y += len(STYLE) * 26 + 6
    dated = Text(PAD, y + 4, t("figure.pathway.current_as_of", date=_as_of(guide)), svg.SMALL, bold=True)
    height = y + 14
    body = svg.render_svg(
        "pathway.svg", title_lines=title_lines, steps=boxes, by_id=by_id, legend=legend, styles=STYLE,
        labels={kind: t(key) for kind, key in LEGEND.items()}, dated=dated, axis=AXIS, tint=NEUTRAL_TINT, link=LINK, small=svg.SMALL,
    )
    return Figure(f"pathway-{path.id}", KIND, title, _desc(guide, path), NARROW, height, body, interactive=True)


def _desc(guide: Guide, path: Pathway) -> str:
    steps = []
    for number, step in enumerate(path.steps, start=1):
        options = "; ".join(f"{o.name} ({label(o)})" for o in step.options)
        steps.append(t("figure.pathway.step_words_options", number=number, title=step.title, options=options) if options
                     else t("figure.pathway.step_words", number=number, title=step.title))
    return t("figure.pathway.desc", date=_as_of(guide), steps=". ".join(steps))


def _as_of(guide: Guide) -> str:
    """The date the pathways are current as of (a guide with pathways has a sequencing.yml)."""
    return fmt.date(guide.sequencing.current_as_of) if guide.sequencing else ""


def pathways_for(guide: Guide, setting: Setting) -> list[Pathway]:
    return [p for p in guide.pathways if p.setting == setting.id]
