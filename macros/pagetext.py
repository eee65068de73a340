"""Checking the macro calls in a page's text, and finding where in the page a call is.

Before mkdocs-macros renders a page, `check` parses it with Jinja and reports, with the
line number, every name that is neither a macro, a filter nor a variable ("did you mean
..."), and any template syntax error. While it renders, `current_line` finds the page line
of the macro call being run, for messages about its arguments.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from types import FrameType

from jinja2 import Environment, TemplateSyntaxError, nodes

from .errors import PageProblem, suggest

# Names Jinja itself provides inside every template.
JINJA_NAMES = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop", "super", "self",
                         "varargs", "kwargs", "caller", "true", "false", "none", "True", "False", "None"})


def check(src: str, text: str, line_offset: int, names: Iterable[str], filters: Iterable[str]) -> list[PageProblem]:
    """Problems in the template syntax and names of one page (`text` without front matter)."""
    if "{" not in text:
        return []
    known = set(names) | JINJA_NAMES
    known_filters = set(filters)
    try:
        tree = Environment().parse(text)
    except TemplateSyntaxError as err:
        return [PageProblem(src, (err.lineno or 0) + line_offset or None, f"template syntax: {err.message}")]
    problems: list[PageProblem] = []
    defined = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for node in tree.find_all(nodes.Name):
        if node.ctx != "load" or node.name in known or node.name in defined:
            continue
        what = "macro" if _called(tree, node) else "name"
        problems.append(PageProblem(src, node.lineno + line_offset,
                                    f"unknown {what} {node.name!r}{suggest(node.name, known - JINJA_NAMES)}"))
    for flt in tree.find_all(nodes.Filter):
        if flt.name not in known_filters:
            problems.append(PageProblem(src, flt.lineno + line_offset,
                                        f"unknown filter {flt.name!r}{suggest(flt.name, known_filters)}"))
    return problems


def _called(tree: nodes.Template, name: nodes.Name) -> bool:
    return any(call.node is name for call in tree.find_all(nodes.Call))


def current_line(depth: int = 2) -> int | None:
    """Line, in the template being rendered, of the call that is running now (None outside a template)."""
    frame: FrameType | None = sys._getframe(depth)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return int(template.get_corresponding_lineno(frame.f_lineno))
        frame = frame.f_back
    return None


def front_matter_lines(source: str, body: str) -> int:
    """How many lines of the page file come before `body` (its front matter, blank lines)."""
    if body and source.endswith(body):
        return source[: len(source) - len(body)].count("\n")
    return 0
