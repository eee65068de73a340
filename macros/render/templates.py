"""The Jinja environment for markup partials in `macros/templates/`."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import fmt


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=fmt.num, count=fmt.count, date=fmt.date, ci=fmt.ci, p=fmt.p_value)
    env.filters["comparison"] = fmt.comparison
    env.filters["arm_value"] = fmt.arm_value
    return env


def render(name: str, **context: object) -> Markup:
    """Render a partial. Blank lines are dropped: inside Markdown a blank line would end the HTML block."""
    html = _env().get_template(name).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def badge(ctx, status, what: str) -> str:
    """The status badge for a value; an unverified one also puts the notice on its page."""
    if status.value == "unverified":
        ctx.flag_unverified(what)
    return str(render("status_badge.html", status=status.value))
