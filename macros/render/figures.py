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
from ..i18n import t
from ..models import Setting, Trial
from ..pagecontext import PageContext
from ..plain_numbers import out_of_100
from .tables import ae_table


def forest_plot(guide: Guide, ctx: PageContext, trial_id: str | None = None, settings: list[Setting] | None = None) -> Markup:
    wide, narrow, chosen = forest.forest_plot(guide, settings, trial_id)
    if trial_id:
        caption = t("captions.forest_trial", trial=guide.trials[trial_id].name)
    else:
        caption = t("captions.forest", drug=guide.drug.short_name)
    alternative = render_svg("forest_table.html", caption=wide.title, rows=chosen.rows, omitted=chosen.omitted)
    return embed.block(ctx, [wide, narrow], caption, alternative)


def trial_schema(guide: Guide, ctx: PageContext, trial_id: str, with_table: bool = True) -> Markup:
    """The design schema; on a trial page the design and arms tables above it are its text version."""
    fig = schema.trial_schema(guide, trial_id)
    trial = guide.trials[trial_id]
    if with_table:
        caption = t("captions.schema_with_table", trial=trial.name)
        alternative = render_svg("schema_table.html", trial=trial, caption=fig.title,
                                 randomisation=schema.randomisation_words(trial))
    else:
        caption = t("captions.schema", trial=trial.name)
        alternative = None
    return embed.block(ctx, [fig], caption, alternative)


def ae_chart(guide: Guide, ctx: PageContext, table_id: str, with_table: bool = True) -> Markup:
    """The side-effect chart of one table; on a trial page the table itself follows the chart."""
    fig = ae_figure.ae_chart(guide, table_id)
    table = guide.ae_table(table_id)
    trial = guide.trials[table.trial]
    shown = ae_figure.shown_rows(table)
    subset = (" " + t("captions.ae_subset", shown=fmt.count(len(shown)), rows=fmt.count(len(table.rows)))
              if len(shown) < len(table.rows) else "")
    if with_table:
        caption = f"{table.basis.rstrip('.')}.{subset}"
        alternative = ae_table(trial, table, ctx)
    else:
        caption = f"{table.basis.rstrip('.')}.{subset} {t('captions.ae_below')}"
        alternative = None
    return embed.block(ctx, [fig], caption, alternative)


def mechanism_diagram(guide: Guide, ctx: PageContext, with_table: bool = True) -> Markup:
    """The mechanism steps as a diagram; on the mechanism page the step list below is its text version."""
    fig = mechanism.mechanism_diagram(guide)
    if with_table:
        caption = t("captions.mechanism_with_table", drug=guide.drug.short_name)
        alternative = render_svg("mechanism_list.html", steps=guide.drug.mechanism, notes=guide.drug.mechanism_notes)
    else:
        caption = t("captions.mechanism", drug=guide.drug.short_name)
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
            caption = t("captions.pathway_with_table", title=path.title, date=date)
            alternative = render_svg("pathway_list.html", path=path, label=standing.label, trials=guide.trials,
                                     href=on_page, trial_src=trial_src, date=date)
        else:
            caption = t("captions.pathway", title=path.title, date=date)
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
    groups = ", ".join(t("captions.icons_group", who=out.words, arm=arm.label, percent=percent) for arm, percent, out in rows)
    caption = t("captions.icons", heading=icons.heading(result), trial=trial.name, groups=groups)
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
