"""Figures on pages: each figure type as the Markup a macro or a page render puts in the Markdown.

The drawing comes from `macros.figures.<type>`; this module adds the caption, the
text alternative and the download link (`figures.embed.block`).
"""

from __future__ import annotations

from markupsafe import Markup

from ..figures import embed, forest
from ..figures.svg import render_svg
from ..loader import Guide
from ..models import Setting
from ..pagecontext import PageContext


def forest_plot(guide: Guide, ctx: PageContext, trial_id: str | None = None, settings: list[str] | None = None) -> Markup:
    order = [Setting(s) for s in settings] if settings else None
    wide, narrow, chosen = forest.forest_plot(guide, order, trial_id)
    if trial_id:
        caption = (f"The hazard ratio of {guide.trials[trial_id].name}'s main endpoint on the axis shared by every trial "
                   "in the guide (log scale); the results tables below give it with its P value.")
    else:
        caption = (f"Main-endpoint hazard ratio of each randomised trial of {guide.drug.short_name}, as first reported, "
                   "on a log scale. Each row names the arms in the order the hazard ratio is expressed: below 1 favours "
                   "the first-named arm.")
    alternative = render_svg("forest_table.html", caption=wide.title, rows=chosen.rows, omitted=chosen.omitted)
    return embed.block(ctx, [wide, narrow], caption, alternative)
