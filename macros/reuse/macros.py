"""The reuse macros, registered from `plugin.define_env` with one call.

- `trial_summary(trial_id)` and `adverse_event_table(table_id)`: the content of the
  generated embed pages (see `embeds.py`);
- `download_links("trials", "efficacy", ...)`: a "download the data" list for a page.
"""

from __future__ import annotations

from collections.abc import Callable

from ..loader import Guide
from ..pagecontext import PageContext
from ..render import embeds as render_embeds
from . import downloads

ALL = "guide"  # the name for the whole data set and its schema


def download_list(names: tuple[str, ...], ctx: PageContext) -> str:
    """Markdown list of links to the named downloads (table names from `downloads.TABLES`, or "guide")."""
    lines = []
    for name in names:
        if name == ALL:
            lines.append(
                f"- **The whole data set**: [JSON]({ctx.link(downloads.GUIDE_JSON)}), described by its "
                f"[JSON Schema]({ctx.link(downloads.SCHEMA_JSON)})"
            )
            continue
        if name not in downloads.TABLES:
            raise ValueError(f"download_links: unknown table {name!r} (expected one of {sorted(downloads.TABLES)} or {ALL!r})")
        table = downloads.TABLES[name]
        base = f"{downloads.FOLDER}/{table.name}"
        lines.append(f"- **{table.title}**: [CSV]({ctx.link(base + '.csv')}) · [JSON]({ctx.link(base + '.json')})")
    return "\n".join(lines) + "\n"


def register(env, guide: Guide, ctx: Callable[[], PageContext]) -> None:
    tables = {t.id: t for t in guide.safety.adverse_event_tables}
    env.macro(lambda trial_id: render_embeds.trial_summary(guide, guide.trials[trial_id], ctx()), "trial_summary")
    env.macro(lambda table_id: render_embeds.adverse_event_table(guide, tables[table_id], ctx()), "adverse_event_table")
    env.macro(lambda *names: download_list(names, ctx()), "download_links")
