"""mkdocs-macros entry points: `define_env` registers macros, nothing else.

Each macro resolves the page being rendered to a `PageContext` and hands the
work to a pure render function in `render/`. Page-level additions (the
reference list, the unverified-value notice, glossary tooltips) happen in
`on_post_page_macros`, after every macro on the page has run.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from pydantic import ValidationError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import build_state
from .config import guide_for
from .models import PageMeta, Role, Setting
from .pagecontext import PageContext
from .render import audience, changes, drug, glossary, patient, references, review, safety, sequencing, trials
from .reuse import macros as reuse_macros
from .render import figures

CATALOGUE_SRC = "references.md"


def _context(env) -> PageContext:
    state = build_state.current()
    page = env.page
    src = page.file.src_uri
    if src not in state.pages:
        citations = state.registry.page(src, page.url, page.title or src)
        state.pages[src] = PageContext(src, state.registry, citations, defer_figures=True)
    return state.pages[src]


def define_env(env) -> None:
    guide = guide_for(env.conf)
    state = build_state.start(guide)

    def ctx() -> PageContext:
        return _context(env)

    @env.macro
    def cite(*ids: str):
        """Superscript citation(s), numbered in order of first use on this page."""
        return ctx().cite(*ids)

    @env.macro
    def trial_page(trial_id: str) -> str:
        return trials.page(guide, guide.trials[trial_id], ctx())

    @env.macro
    def trials_table(setting: str, context_trials: bool = False) -> str:
        roles = (Role.context,) if context_trials else (Role.subject, Role.comparator, Role.backbone)
        return trials.overview(guide, ctx(), Setting(setting), roles)

    @env.macro
    def trial_link(trial_id: str) -> str:
        t = guide.trials[trial_id]
        return f"[{t.name}]({ctx().link(f'trials/{t.id}.md')})"

    @env.macro
    def trial_count() -> int:
        return len(guide.trials)

    @env.macro
    def drug_names() -> str:
        return drug.names(guide)

    env.macro(lambda: drug.components(guide, ctx()), "drug_components")
    env.macro(lambda: drug.mechanism(guide, ctx()), "mechanism_steps")
    env.macro(lambda: drug.mechanism_notes(guide, ctx()), "mechanism_notes")
    env.macro(lambda: drug.approvals(guide, ctx()), "approvals_table")
    env.macro(lambda: drug.dosing(guide, ctx()), "dosing")
    env.macro(lambda: safety.boxed_warnings(guide, ctx()), "boxed_warnings")
    env.macro(lambda: safety.warnings(guide, ctx()), "warnings")
    env.macro(lambda: safety.adverse_events(guide, ctx()), "adverse_events")
    env.macro(lambda: safety.dose_modifications(guide, ctx()), "dose_modifications")
    env.macro(lambda: safety.monitoring(guide, ctx()), "monitoring")
    env.macro(lambda setting: sequencing.pathway(guide, ctx(), Setting(setting)), "pathway")
    env.macro(lambda setting=None: sequencing.guidelines(guide, ctx(), Setting(setting) if setting else None), "guidelines")
    env.macro(lambda: sequencing.timeline(guide, ctx()), "timeline")
    env.macro(lambda: sequencing.current_as_of(guide), "sequencing_current_as_of")
    env.macro(lambda: glossary.glossary(guide, ctx()), "glossary")
    env.macro(lambda: references.catalogue(guide.references, state.formatted), "reference_catalogue")

    # Patient pages: the same records in everyday words (see render/patient.py).
    env.macro(lambda setting: patient.results(guide, ctx(), Setting(setting)), "plain_results")
    env.macro(lambda setting: patient.side_effects(guide, ctx(), Setting(setting)), "plain_side_effects")
    env.macro(lambda: patient.what_to_do(guide, ctx()), "what_to_do")
    env.macro(lambda: patient.about_side_effects(guide, ctx()), "about_side_effects")
    env.macro(lambda: patient.dosing(guide, ctx()), "plain_dosing")
    env.macro(lambda: patient.every(guide), "treatment_interval")
    env.macro(lambda: patient.contraception(guide, ctx()), "contraception_period")
    env.macro(lambda: patient.pronunciations(guide, ctx()), "pronunciations")
    env.macro(lambda: patient.words(guide, ctx()), "plain_glossary")
    env.macro(patient.rounding_rule, "rounding_rule")
    env.macro(lambda: changes.change_log(guide), "change_log")
    env.macro(lambda: changes.review_schedule(guide), "review_schedule")
    reuse_macros.register(env, guide, ctx)  # embed content and download links
    env.macro(lambda trial_id=None, settings=None: figures.forest_plot(guide, ctx(), trial_id, settings), "forest_plot")
    env.macro(lambda trial_id, with_table=True: figures.trial_schema(guide, ctx(), trial_id, with_table), "trial_schema")
    env.macro(lambda table_id, with_table=True: figures.ae_chart(guide, ctx(), table_id, with_table), "ae_chart")
    env.macro(lambda with_table=True: figures.mechanism_diagram(guide, ctx(), with_table), "mechanism_diagram")
    env.macro(lambda setting, with_table=True: figures.pathway_diagram(
        guide, ctx(), setting, env.conf["use_directory_urls"], with_table), "pathway_diagram")
    env.macro(lambda trial_id, result_id: figures.icon_array(guide, ctx(), trial_id, result_id), "icon_array")
    env.variables["guide_title"] = guide.site.title
    env.variables["_state"] = state  # keeps the state visible to debugging tools (`macros_info`)


def on_pre_page_macros(env) -> None:
    # `mkdocs serve` renders a page again on every change: start its citations afresh.
    state = build_state.current()
    src = env.page.file.src_uri
    state.pages.pop(src, None)
    state.registry.reset_page(src)


def on_post_page_macros(env) -> None:
    state = build_state.current()
    page = env.page
    src = page.file.src_uri
    ctx = _context(env)
    meta = state.page_meta.get(src) or _page_meta(src, page.meta)
    ctx.audience = meta.audience if meta else None
    # Embed copies (see reuse/) are bare pages inside someone else's site: no switch, no status line;
    # their footer carries the review date.
    bare = page.meta.get("template") == "embed.html"
    markdown = env.markdown

    # Review status: the page's own prose plus every record it showed, including its sources.
    if meta and meta.review:
        ctx.reviews.append(meta.review)
    for ref_id in ctx.citations.order:
        ctx.shows_review(state.guide.reference_reviews[ref_id])
    summary = review.summarise(ctx.reviews)
    if summary is None and bare:
        return  # a figure's embed page: its footer takes the review date of the page the figure is on
    if summary is None:
        raise PluginError(f"{src}: nothing on this page carries a review; add a 'review' block to its front matter")
    page.meta["review_status"] = summary.as_meta()
    state.shown_on[src] = (page.title or src, page.url, set(ctx.shown))
    editorial = state.guide.site.editorial_page
    below_title = [review.status_line(summary, ctx.link(editorial, "review-status") if editorial and editorial != src else "")]
    if ctx.unverified:
        below_title.append(_unverified_notice(len(ctx.unverified)))
        state.unverified[page.title or src] = list(ctx.unverified)
    if bare:
        below_title = below_title[1:]
    if below_title:
        markdown = _insert_after_title(markdown, "\n\n".join(below_title))
    if meta and meta.audience and meta.counterpart and not bare:
        switch = audience.switch(state.guide.site.audience_labels, meta.audience, ctx.link(meta.counterpart.split("#")[0], meta.counterpart.partition("#")[2]))
        markdown = _insert_before_title(markdown, switch)

    if ctx.citations.order:
        catalogue = File(CATALOGUE_SRC, "", "", env.conf["use_directory_urls"]).url
        url = get_relative_url(catalogue, page.url)
        markdown += "\n\n## References { #references }\n\n" + references.page_list(ctx.citations, state.guide.references, state.formatted, url) + "\n"
    abbreviations = glossary.abbreviations(state.guide, ctx.audience)
    if abbreviations:
        markdown += "\n\n" + abbreviations + "\n"
    env.markdown = markdown


def _page_meta(src: str, raw: dict) -> PageMeta | None:
    """Front matter of a page made during the build (not checked up front in `on_files`)."""
    try:
        return PageMeta.model_validate(raw or {})
    except ValidationError as err:
        raise PluginError(f"{src}: front matter: {err}") from None


def _unverified_notice(n: int) -> str:
    what = "one value" if n == 1 else f"{n} values"
    return (
        '!!! warning unverified-notice "Not yet verified"\n\n'
        f"    This page shows {what} not yet verified against the primary source. "
        "Each one is marked where it appears.\n"
    )


def _insert_before_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[:i] + [block, ""] + lines[i:])
    return block + "\n\n" + markdown


def _insert_after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", block] + lines[i + 1 :])
    return block + "\n" + markdown
