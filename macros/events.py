"""MkDocs event handlers (registered through `hooks.py`).

- on_config: validate the data before anything is written, expose page furniture
  values, and put the generated trial pages into the nav;
- on_files: add one generated page per trial;
- on_post_page: put each page's figures in place of their placeholders; fill the
  references catalogue with the pages citing each source (every page's Markdown has
  been rendered by then, so the registry is complete);
- on_post_build: write the downloadable SVG of every figure the pages showed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from markupsafe import escape
from mkdocs.utils import get_relative_url

from . import build_state, pagemeta
from .config import docs_dir, guide_for
from .errors import DataError
from .figures import embed as figure_embed
from .figures import files as figure_files
from .models import PageMeta
from .pages import trial_page_source, trials_nav
from .records import records
from .pagecontext import trial_src
from .render import fmt

OVERVIEW_SRC = "trials/index.md"
CATALOGUE_SRC = "references.md"


def on_config(config):
    guide = guide_for(config)
    # `mkdocs serve` rebuilds when the evidence or the engine changes, not only the prose.
    # Added here rather than in mkdocs.yml because the pack can come from PACK.
    for path in (str(guide.data_dir), str(docs_dir(config)), str(Path(__file__).resolve().parent)):
        if path not in config.watch:
            config.watch.append(path)
    # The content pack names the guide and lays out its nav; mkdocs.yml holds only the engine.
    config.docs_dir = str(docs_dir(config))
    config.site_name = guide.site.title
    config.site_description = guide.site.description or config.site_description
    if guide.site.nav:
        config.nav = guide.site.nav
    if guide.site.licence:
        config.extra["licence"] = guide.site.licence.model_dump(exclude_none=True, exclude_defaults=True)
    config.extra["content_current_as_of"] = fmt.date(guide.site.content_current_as_of)
    config.nav = _expand_trials(config.nav, guide) if config.nav else config.nav
    return config


def _expand_trials(nav: list, guide) -> list:
    """Replace the nav entry that points at the trials overview with the full trials section."""
    out = []
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if value == OVERVIEW_SRC:
                out.append({title: trials_nav(guide, OVERVIEW_SRC)})
                continue
            if isinstance(value, list):
                out.append({title: _expand_trials(value, guide)})
                continue
        out.append(item)
    return out


def on_files(files: Files, config) -> Files:
    guide = guide_for(config)
    generated: dict[str, PageMeta] = {}
    featured = {pr.trial for pr in guide.patient.results}
    for trial in guide.trials.values():
        src = trial_src(trial.id)
        files.append(File.generated(config, src, content=trial_page_source(trial.id, trial.name)))
        if guide.site.trial_pages_counterpart:
            anchor = f"#{trial.id}" if trial.id in featured else ""
            generated[src] = PageMeta(audience="clinician", counterpart=guide.site.trial_pages_counterpart + anchor)
    written = {f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages() if f.src_uri not in generated and f.abs_src_path}
    try:
        build_state.current().page_meta = pagemeta.check(written, generated)
    except DataError as err:
        raise PluginError(str(err)) from None
    return files


def on_post_build(config) -> None:
    """Publication switch, then the figures' SVG files.

    With REQUIRE_VERIFIED=1 the build fails while any page shows an unverified value.
    """
    _require_verified()
    pages = build_state.current().pages.values()
    try:
        figure_files.write(figure_files.collect(pages), Path(config.site_dir))
    except ValueError as err:
        raise PluginError(str(err)) from None


def _require_verified() -> None:
    if os.environ.get("REQUIRE_VERIFIED", "") not in ("", "0"):
        shown = build_state.current().unverified
        if shown:
            lines = "\n".join(f"  - {page}: {', '.join(values)}" for page, values in sorted(shown.items()))
            raise PluginError(
                f"REQUIRE_VERIFIED is set and {len(shown)} page(s) show values not yet verified against the "
                f"primary source:\n{lines}\nVerify them (status: verified) or remove them before publishing."
            )


_CITED_ON = re.compile(r'<div class="cited-on" data-cited-on="([a-z0-9-]+)"></div>')


def on_post_page(output: str, page, config) -> str:
    ctx = build_state.current().pages.get(page.file.src_uri)
    if ctx and ctx.deferred:
        try:
            output = figure_embed.fill(output, ctx.deferred, page.file.src_uri)
        except ValueError as err:
            raise PluginError(str(err)) from None
    # Every page's Markdown has been rendered by now, so "cited on" and "shown on" are complete.
    if 'data-cited-on="' in output:
        output = _fill_cited_on(output, page)
    if 'data-shown-on="' in output:
        output = _fill_shown_on(output, page)
    return output


def _fill_cited_on(output: str, page) -> str:
    registry = build_state.current().registry

    def fill(match: re.Match) -> str:
        ref_id = match.group(1)
        citing = registry.cited_on(ref_id)
        if not citing:
            return '<div class="cited-on">Not cited on any page yet.</div>'
        links = ", ".join(
            f'<a href="{get_relative_url(p.url, page.url)}">{p.title}</a>'
            for p in sorted(citing, key=lambda p: p.title.lower())
        )
        return f'<div class="cited-on" data-cited-on="{ref_id}">Cited on: {links}</div>'

    return _CITED_ON.sub(fill, output)


_SHOWN_ON = re.compile(r'<span class="shown-on" data-shown-on="([^"]+)"></span>')


def _fill_shown_on(output: str, page) -> str:
    state = build_state.current()
    by_key = {r.key: r.record_id for r in records(state.guide)}

    def fill(match: re.Match) -> str:
        key = match.group(1)
        pages = sorted((t, u) for t, u, ids in state.shown_on.values() if by_key.get(key) in ids)
        if not pages:
            return '<span class="shown-on">not shown on any page</span>'
        links = ", ".join(f'<a href="{get_relative_url(u, page.url)}">{escape(t)}</a>' for t, u in pages)
        return f'<span class="shown-on" data-shown-on="{key}">shown on {links}</span>'

    return _SHOWN_ON.sub(fill, output)
