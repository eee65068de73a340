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

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import build_state
from .config import guide_for
from .figures import embed as figure_embed
from .figures import files as figure_files
from .pages import trial_page_source, trials_nav
from .pagecontext import trial_src
from .render import fmt

OVERVIEW_SRC = "trials/index.md"
CATALOGUE_SRC = "references.md"


def on_config(config):
    guide = guide_for(config)
    # `mkdocs serve` rebuilds when the evidence or the engine changes, not only the prose.
    # Added here rather than in mkdocs.yml because the data folder can come from GUIDE_DATA.
    for path in (str(guide.data_dir), str(Path(__file__).resolve().parent)):
        if path not in config.watch:
            config.watch.append(path)
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
    for trial in guide.trials.values():
        files.append(File.generated(config, trial_src(trial.id), content=trial_page_source(trial.id, trial.name)))
    return files


_CITED_ON = re.compile(r'<div class="cited-on" data-cited-on="([a-z0-9-]+)"></div>')


def on_post_page(output: str, page, config) -> str:
    ctx = build_state.current().pages.get(page.file.src_uri)
    if ctx and ctx.deferred:
        try:
            output = figure_embed.fill(output, ctx.deferred, page.file.src_uri)
        except ValueError as err:
            raise PluginError(str(err)) from None
    if page.file.src_uri != CATALOGUE_SRC:
        return output
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


def on_post_build(config) -> None:
    pages = build_state.current().pages.values()
    try:
        figure_files.write(figure_files.collect(pages), Path(config.site_dir))
    except ValueError as err:
        raise PluginError(str(err)) from None
