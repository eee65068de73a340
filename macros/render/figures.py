"""Figures on pages: each figure type as the Markup a macro or a page render puts in the Markdown.

The drawing comes from `macros.figures.<type>`; this module adds the caption, the
text alternative and the download link (`figures.embed.block`).
"""

from __future__ import annotations

from markupsafe import Markup

from .. import fmt, standing
from ..figures import ae_chart as ae_figure
from ..figures import embed, forest, icons, mechanism, pathway, schema
from ..figures.svg import render_svg
from ..guide import Guide, trial_src
from ..models import Setting, Trial
from ..pagecontext import PageContext
from ..plain_numbers import out_of_100
from .tables import ae_table


def forest_plot(guide: Guide, ctx: PageContext, trial_id: str | None = None, settings: list[Setting] | None = None) -> Markup:
    wide, narrow, chosen = forest.forest_plot(guide, settings, trial_id)
    if trial_id:
        caption = (f"The hazard ratio of {guide.trials[trial_id].name}'s main endpoint on the axis shared by every trial "
                   "in the guide (log scale); the results tables below give it with its P value.")
    else:
        caption = (f"Main-endpoint hazard ratio of each randomised trial of {guide.drug.short_name}, as first reported, "
                   "on a log scale. Each row names the arms in the order the hazard ratio is expressed: below 1 favours "
                   "the first-named arm.")
    alternative = render_svg("forest_table.html", caption=wide.title, rows=chosen.rows, omitted=chosen.omitted)
    return embed.block(ctx, [wide, narrow], caption, alternative)


def trial_schema(guide: Guide, ctx: PageContext, trial_id: str, with_table: bool = True) -> Markup:
    """The design schema; on a trial page the design and arms tables above it are its text version."""
    fig = schema.trial_schema(guide, trial_id)
    trial = guide.trials[trial_id]
    if with_table:
        caption = f"Design of {trial.name}, drawn from its trial record."
        alternative = render_svg("schema_table.html", trial=trial, caption=fig.title,
                                 randomisation=schema.randomisation_words(trial))
    else:
        caption = f"Design of {trial.name}: the same facts as the design and arms tables above."
        alternative = None
    return embed.block(ctx, [fig], caption, alternative)


def ae_chart(guide: Guide, ctx: PageContext, table_id: str, with_table: bool = True) -> Markup:
    """The side-effect chart of one table; on a trial page the table itself follows the chart."""
    fig = ae_figure.ae_chart(guide, table_id)
    table = guide.ae_table(table_id)
    trial = guide.trials[table.trial]
    shown = ae_figure.shown_rows(table)
    subset = (f" The {len(shown)} most frequent of its {len(table.rows)} rows are shown." if len(shown) < len(table.rows) else "")
    if with_table:
        caption = f"{table.basis.rstrip('.')}.{subset}"
        alternative = ae_table(trial, table, ctx)
    else:
        caption = f"{table.basis.rstrip('.')}.{subset} The table below gives the same figures, with notes on each row."
        alternative = None
    return embed.block(ctx, [fig], caption, alternative)


def mechanism_diagram(guide: Guide, ctx: PageContext, with_table: bool = True) -> Markup:
    """The mechanism steps as a diagram; on the mechanism page the step list below is its text version."""
    fig = mechanism.mechanism_diagram(guide)
    if with_table:
        caption = f"How {guide.drug.short_name} works, step by step."
        alternative = render_svg("mechanism_list.html", steps=guide.drug.mechanism, notes=guide.drug.mechanism_notes)
    else:
        caption = (f"How {guide.drug.short_name} works, step by step: the same steps and notes as the lists "
                   "on this page, where each has its sources.")
        alternative = None
    return embed.block(ctx, [fig], caption, alternative)


def pathway_diagram(guide: Guide, ctx: PageContext, setting: Setting, with_table: bool = True) -> Markup:
    """One diagram per pathway of the setting; on the sequencing page the steps that follow are its text version."""
    blocks = []
    on_page = embed.linker(ctx.url, ctx.use_directory_urls)
    paths = pathway.pathways_for(guide, setting)
    if not paths or guide.sequencing is None:
        return Markup("")
    date = fmt.date(guide.sequencing.current_as_of)
    for path in paths:
        fig = pathway.pathway_diagram(guide, path, on_page)
        in_file = pathway.pathway_diagram(guide, path, embed.linker(embed.file_url(fig.key), ctx.use_directory_urls))
        if with_table:
            caption = f"{path.title}: steps and options, current as of {date}. Each option links to the trials behind it."
            alternative = render_svg("pathway_list.html", path=path, label=standing.label, trials=guide.trials,
                                     href=on_page, trial_src=trial_src, date=date)
        else:
            caption = (f"{path.title}: steps and options, current as of {date}. Each option links to the trials "
                       "behind it; the text below describes the same steps and options, with their sources.")
            alternative = None
        blocks.append(embed.block(ctx, [fig], caption, alternative, standalone=in_file.standalone()))
    return Markup("\n".join(blocks))  # no pathway for the setting: nothing, as with the text pathway


def icon_array(guide: Guide, ctx: PageContext, trial_id: str, result_id: str) -> Markup:
    """A rate result as 100 people per arm, for plain-language pages; counts follow `plain_numbers`."""
    fig = icons.icon_array(guide, trial_id, result_id)
    trial, result = icons.find(guide, trial_id, result_id)
    arms = icons.compared_arms(trial, result)
    values = {arm.id: result.arms[arm.id].value for arm in arms}
    rows = [(arm, fmt.num(v), out_of_100(v)) for arm in arms if (v := values[arm.id]) is not None]
    caption = (f"{icons.heading(result)} in {trial.name}: "
               + ", ".join(f"{out.words} out of 100 with {arm.label} ({percent}%)" for arm, percent, out in rows)
               + ". Percentages are rounded to whole people.")
    alternative = render_svg("icons_table.html", caption=fig.title, rows=rows)
    return embed.block(ctx, [fig], caption, alternative)


# ---------------------------------------------------------------- on trial pages
# Each returns a list of Markdown blocks (empty when the figure does not apply), so the
# trial page can add them without leaving blank blocks behind.


def design_blocks(guide: Guide, trial: Trial, ctx: PageContext) -> list[Markup]:
    if not trial.randomised or len(trial.arms) < 2:
        return []
    return [trial_schema(guide, ctx, trial.id, with_table=False)]


def forest_blocks(guide: Guide, trial: Trial, ctx: PageContext) -> list[Markup]:
    if not forest.has_row(guide, trial.id):
        return []
    return [forest_plot(guide, ctx, trial.id)]


def ae_chart_blocks(guide: Guide, trial: Trial, table_id: str, ctx: PageContext) -> list[Markup]:
    if table_id not in {t.id for t in ae_figure.charted_tables(guide, trial)}:
        return []
    return [ae_chart(guide, ctx, table_id, with_table=False)]
