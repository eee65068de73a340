"""The two template environments: HTML partials and Markdown fragments, both escaping data.

- `html(name, ...)` renders `macros/templates/<name>` with Jinja's autoescape: every value
  that is not already `Markup` is HTML-escaped.
- `md(name, ...)` renders a Markdown fragment (`templates/md/*.md`): every value that is not
  `Markup` goes through `text.md_escape`, so data text cannot become Markdown syntax either.
  HTML made by `html()` is `Markup` and passes through.

Blank lines are dropped from HTML partials: inside Markdown a blank line would end the
HTML block (Markdown templates keep theirs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from types import MappingProxyType

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import fmt, i18n
from .models import Status
from .text import inline_html, md_escape

_ANCHOR = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def anchor(value: str) -> Markup:
    """An element id made from record ids (lower case, digits, hyphens): safe as it is in either language."""
    if not _ANCHOR.match(value):
        raise ValueError(f"not an anchor id: {value!r}")
    return Markup(value)


FILTERS = MappingProxyType({
    "num": fmt.num, "count": fmt.count, "date": fmt.date, "ci": fmt.ci, "p": fmt.p_value,
    "comparison": fmt.comparison, "arm_value": fmt.arm_value, "long_date": fmt.long_date,
    "inline": inline_html, "md": md_escape, "anchor": anchor,
})


def _finalize_markdown(value: object) -> object:
    if value is None:
        return ""
    return value if isinstance(value, Markup) else md_escape(str(value))


@cache
def _environment(kind: str) -> Environment:
    """One environment per output language, made once (templates are compiled once per process)."""
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=kind == "html",
        finalize=_finalize_markdown if kind == "md" else None,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    # The engine's words in the build's language: {{ t("trial.design") }} (i18n).
    env.globals.update(t=i18n.t, tm=i18n.tm)
    return env


def html(name: str, **context: object) -> Markup:
    out = _environment("html").get_template(name).render(**context)
    return Markup("\n".join(line for line in out.splitlines() if line.strip()))


def md(name: str, **context: object) -> Markup:
    return Markup(_environment("md").get_template(f"md/{name}").render(**context))


def badge_markup(status: Status, plain: bool = False) -> Markup:
    """A value's status tag; `plain` words it for patients ("Still being checked")."""
    return html("status_badge.html", status=status.value, plain=plain)


def table(caption: str, columns: Sequence[str], rows: Sequence[Sequence[object]], class_: str = "data-table",
          row_headers: bool = True, id: str = "", row_ids: list[str] | None = None) -> Markup:
    """A data table through `table.html`: every cell escaped unless it is already Markup; no rows, no table."""
    if not rows:
        return Markup("")
    return html("table.html", caption=caption, columns=columns, rows=rows, class_=class_,
                row_headers=row_headers, id=id, row_ids=row_ids)


def paragraph(text: object, class_: str = "") -> Markup:
    return html("paragraph.html", text=text, class_=class_)


def or_else(section: Markup, none: str = "") -> Markup:
    """A section as rendered, or, when it shows nothing, the pack's sentence for that (`none`), or nothing."""
    if str(section).strip() or not none:
        return section
    return paragraph(none, class_="empty-section")


def join(*parts: object, sep: str = " ") -> Markup:
    """Escape each text part and join them (Markup parts stay as they are); empty parts are left out."""
    return Markup(sep).join(p if isinstance(p, Markup) else str(p) for p in parts if p)
