"""What every figure shares: palette, font stack, text measuring and wrapping, the SVG frame.

Layout is computed here in Python (coordinates, wrapped lines); the markup lives in
Jinja templates under `macros/templates/figures/`. Numbers that a reader sees are
passed to the templates as the published strings (`fmt.num`), never as floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .. import fmt, i18n

# System fonts only: nothing may be fetched to draw a figure.
FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Okabe–Ito colours for the two things a figure compares, plus greys. Contrast on white:
# text colours >= 4.5:1, graphical colours >= 3:1 (WCAG 1.4.3 / 1.4.11). Colour never
# carries meaning alone: every coloured mark is also labelled, filled/hatched or outlined.
TEXT = "#1a1a1a"  # 17.4:1
MUTED = "#4d4d4d"  # 8.5:1, secondary text
AXIS = "#595959"  # 7.0:1, axes and connectors
EMPTY = "#8c8c8c"  # 3.4:1, outlines of empty marks
GRID = "#d9d9d9"  # decorative gridlines only (carry no information)
SUBJECT = "#0072b2"  # Okabe–Ito blue, 5.2:1: the guide's drug
OTHER = "#d55e00"  # Okabe–Ito vermillion, 3.8:1: the comparison (graphics only, never text)
SUBJECT_TINT = "#e8f2f9"
OTHER_TINT = "#fcefe6"
NEUTRAL_TINT = "#f4f4f4"
LINK = "#1f4e79"  # 9.4:1, matches the site's link-like badges

# Text sizes in viewBox units. Narrow figures are 400 wide and shown about 330 px wide on a
# 360 px phone, so 14 becomes about 11.5 px there (and 13 about 10.7 px, the smallest used).
SIZE = 14
SMALL = 13
HEADING = 16
LINE = 17.5  # line height for SIZE text

NARROW = 400  # viewBox width of figures designed to be read on a 360 px phone
WIDE = 640  # viewBox width of a desktop variant: about the width of the content column

# Advance widths as a fraction of the font size, measured in Chromium for DejaVu Sans (the
# system sans-serif on the build and test machines, and wider than the usual Windows and macOS
# faces): wrapping by these widths fits here and has room to spare elsewhere.
_WIDTHS_BY_SIZE = (
    (0.28, "'ijl"), (0.29, "IJ"), (0.3, "."), (0.32, " ,·"), (0.34, "/:;\\|"), (0.35, "f"), (0.36, "-"),
    (0.39, "()[]t"), (0.4, "!"), (0.41, "r"), (0.46, '"'), (0.5, "*_`–"), (0.52, "s"), (0.53, "?z"),
    (0.55, "c"), (0.56, "L"), (0.58, "Fk"), (0.59, "vxy"), (0.6, "P"), (0.61, "TYao"), (0.62, "e"),
    (0.63, "ESbdghnpqu"), (0.64, "$0123456789{}"), (0.66, "K"), (0.68, "AV"), (0.69, "BRXZ"), (0.7, "C"),
    (0.73, "U"), (0.75, "HN"), (0.77, "D"), (0.78, "&G"), (0.79, "OQ"), (0.82, "w"),
    (0.84, "#+<=>^~±×←→≤≥"), (0.86, "M"), (0.95, "%"), (0.97, "m"), (0.99, "W"), (1.0, "@—"),
)
_WIDTHS = MappingProxyType({ch: w for w, chars in _WIDTHS_BY_SIZE for ch in chars})
BOLD = 1.14  # DejaVu Sans Bold against Book, averaged over the letters


def char_width(ch: str) -> float:
    if ch in _WIDTHS:
        return _WIDTHS[ch]
    return 0.72 if ch.isupper() else 0.64  # accented letters and other symbols: a little generous


def text_width(text: str, size: float = SIZE, bold: bool = False) -> float:
    """Estimated rendered width of one line of text, in viewBox units."""
    return sum(char_width(c) for c in text) * size * (BOLD if bold else 1.0)


def wrap(text: str, width: float, size: float = SIZE, bold: bool = False) -> list[str]:
    """Greedy word wrap to `width`; a single word longer than the line stays whole."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def coord(value: float) -> str:
    """A coordinate with at most one decimal: keeps the SVG small and diffs readable."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class LogScale:
    """Maps a ratio to x on a log axis from `low` to `high` (both > 0)."""

    low: float
    high: float
    x0: float
    x1: float

    def __call__(self, value: float) -> float:
        span = math.log(self.high) - math.log(self.low)
        return self.x0 + (math.log(value) - math.log(self.low)) / span * (self.x1 - self.x0)


@dataclass(frozen=True)
class LinearScale:
    high: float
    x0: float
    x1: float

    def __call__(self, value: float) -> float:
        return self.x0 + value / self.high * (self.x1 - self.x0)


@dataclass(frozen=True)
class Figure:
    """One drawn figure: its SVG and what a reader needs around it.

    `key` names the downloadable file (`figures/<key>.svg`) and prefixes every id
    inside the SVG, so several figures can share a page without clashing ids.
    """

    key: str
    kind: str  # figure type, e.g. "forest-plot": a CSS hook and what tests select on
    title: str  # <title>, also the visible heading inside the SVG
    desc: str  # <desc>: the figure's content in one or two sentences
    width: float
    height: float
    body: Markup
    interactive: bool = False  # holds links: a group of elements rather than one image
    variant: str = ""  # "wide" / "narrow" when a figure comes in two layouts

    @property
    def id(self) -> str:
        return f"fig-{self.key}" + (f"-{self.variant}" if self.variant else "")

    def svg(self) -> Markup:
        return render_svg("frame.svg", fig=self, font=FONT_STACK, text=TEXT, size=SIZE)

    def standalone(self) -> str:
        """The same SVG as a file of its own: XML declaration, namespace, no outside references."""
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + str(self.svg()) + "\n"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates/figures"),
        autoescape=True,  # every template here is SVG/HTML: data text must never become markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["c"] = coord
    env.filters.update(num=fmt.num, count=fmt.count, ci=fmt.ci)
    # The engine's words in the build's language (macros/locales/<language>/figure.yml).
    env.globals.update(t=i18n.t, tm=i18n.tm)
    return env


def render_svg(name: str, **context: object) -> Markup:
    """Render an SVG partial. Blank lines are dropped: inside Markdown they would end the HTML block."""
    out = _env().get_template(name).render(**context)
    return Markup("\n".join(line for line in out.splitlines() if line.strip()))


@dataclass(frozen=True)
class Text:
    """One line of SVG text, positioned; `anchor` is the SVG text-anchor."""

    x: float
    y: float
    text: str
    size: float = SIZE
    bold: bool = False
    fill: str = TEXT
    anchor: str = "start"
    italic: bool = False
    halo: bool = False  # a white outline under the glyphs, so lines crossing the text do not cut it


def text_block(text: str, x: float, y: float, width: float, size: float = SIZE, bold: bool = False,
               fill: str = TEXT, line: float | None = None, italic: bool = False,
               halo: bool = False) -> tuple[list[Text], float]:
    """Wrap `text` into lines starting at baseline `y`; returns the lines and the next free baseline."""
    step = line or round(size * 1.25, 1)
    lines = [Text(x, y + i * step, t, size, bold, fill, italic=italic, halo=halo)
             for i, t in enumerate(wrap(text, width, size, bold))]
    return lines, y + len(lines) * step
