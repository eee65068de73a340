"""mkdocs-macros entry points: `define_env` registers macros, nothing else.

Each macro resolves the page being rendered to a `PageContext` and hands the
work to a pure render function in `render/`. Page-level additions (the
reference list, the unverified-value notice, glossary tooltips) happen in
`on_post_page_macros`, after every macro on the page has run.
"""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import build_state
from .config import guide_for
from .models import Role, Setting
from .pagecontext import PageContext
from .render import drug, glossary, references, safety, sequencing, trials
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
    env.macro(lambda: glossary.glossary(guide), "glossary")
    env.macro(lambda: references.catalogue(guide.references, state.formatted), "reference_catalogue")
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
    ctx = state.pages.get(env.page.file.src_uri)
    markdown = env.markdown
    if ctx and ctx.unverified:
        markdown = _insert_after_title(markdown, _unverified_notice(len(ctx.unverified)))
    if ctx and ctx.citations.order:
        catalogue = File(CATALOGUE_SRC, "", "", env.conf["use_directory_urls"]).url
        url = get_relative_url(catalogue, env.page.url)
        markdown += "\n\n## References { #references }\n\n" + references.page_list(ctx.citations, state.guide.references, state.formatted, url) + "\n"
    abbreviations = glossary.abbreviations(state.guide)
    if abbreviations:
        markdown += "\n\n" + abbreviations + "\n"
    env.markdown = markdown


def _unverified_notice(n: int) -> str:
    what = "one value" if n == 1 else f"{n} values"
    return (
        '!!! warning "Not yet verified"\n\n'
        f"    This page shows {what} not yet verified against the primary source. "
        "Each one is marked where it appears.\n"
    )


def _insert_after_title(markdown: str, block: str) -> str:
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: i + 1] + ["", block] + lines[i + 1 :])
    return block + "\n" + markdown
