"""MkDocs event handlers for reuse and publication (loaded through `reuse/hooks.py`).

- on_config: the project version for the footer; in an offline build, the local
  iframe-worker shim for file:// search (before Material's offline plugin adds an unpkg one);
- on_files: the data downloads, the embed pages drawn from data and from pages marked
  `embed: true`, and (offline) the shim itself, copied from node_modules;
- on_env: embed pages for figures registered while pages rendered; the citation record of
  embed pages is taken out of the references catalogue (they are copies); embed/index.json;
- on_page_context: the per-page furniture (cite box, embed snippets, print footer, JSON-LD);
- on_post_page: links in embed pages open outside the iframe;
- on_post_build: pages.json, the nav with each page's audience and file, for `make pdf` and
  `make scorm`.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from material.plugins.offline.plugin import OfflinePlugin
from mkdocs.commands.build import _populate_page
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from .. import build_state
from ..config import guide_for
from . import downloads, embeds
from .furniture import Licence, SiteInfo, for_page, url_of
from .reviewed import last_reviewed
from .version import project_version

# The shim that lets Material's search worker run from file:// (see /work/shared/TOOLING.md):
# pinned in package.json, copied into offline builds so no page asks unpkg.com for it.
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
SHIM_LICENCE = Path("node_modules/iframe-worker/LICENSE")
SHIM_DEST = "assets/vendor/iframe-worker/shim.js"
SHIM_LICENCE_DEST = "assets/vendor/iframe-worker/LICENSE.txt"
PAGES_JSON = "pages.json"


@dataclass
class _Build:
    info: SiteInfo | None = None
    nav: Navigation | None = None
    cited: dict[str, list[str]] = field(default_factory=dict)  # page source -> reference ids, in citation order


_build = _Build()


def _offline(config) -> bool:
    return any(isinstance(p, OfflinePlugin) and p.config.enabled for p in config.plugins.values())


def _licence(raw, where: str) -> Licence | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise PluginError(f"data/site.yml → licence.{where}: expected a mapping with a 'name' (and an optional 'url')")
    return Licence(raw["name"], raw.get("url"))


def _site_info(config, guide) -> SiteInfo:
    licence = config.extra.get("licence") or {}
    return SiteInfo(
        title=guide.site.title, description=config.site_description or "", site_url=config.site_url or "",
        version=config.extra["guide_version"], language=config.theme.get("language") or "en",
        use_directory_urls=config.use_directory_urls,
        content_licence=_licence(licence.get("content"), "content"), code_licence=_licence(licence.get("code"), "code"),
        licence_page=licence.get("page"),
    )


# Runs before Material's offline plugin (priority 0): it adds the unpkg.com shim unless a
# polyfill naming iframe-worker is already listed.
@event_priority(100)
def on_config(config):
    embeds.start()
    global _build
    _build = _Build()
    config.extra["guide_version"] = project_version()
    if _offline(config):
        polyfills = list(config.extra.get("polyfills") or [])
        if SHIM_DEST not in polyfills:
            polyfills.append(SHIM_DEST)
        config.extra["polyfills"] = polyfills
    return config


def on_files(files: Files, config) -> Files:
    guide = guide_for(config)
    info = _build.info = _site_info(config, guide)
    if info.licence_page and files.get_file_from_path(info.licence_page) is None:
        raise PluginError(f"data/site.yml → licence.page: {info.licence_page!r} is not a page in {config.docs_dir}")
    if _offline(config):
        _add_shim(files, config)
    licence = info.content_licence.name if info.content_licence else ""
    for path, content in downloads.files(guide, info.version, licence).items():
        files.append(File.generated(config, path, content=content))

    registry = embeds.current()

    def add(embed: embeds.Embed, source: str) -> None:
        if files.get_file_from_path(embed.src) is not None:
            raise PluginError(f"{embed.src}: the embed page of {embed.full_src} would replace a page with the same name")
        registry.add(embed)
        files.append(File.generated(config, embed.src, content=source, inclusion=InclusionLevel.NOT_IN_NAV))

    for embed in embeds.data_embeds(guide):
        if embed.kind == "trial-summary":
            add(embed, embeds.trial_summary_source(embed, embed.key))
        else:
            add(embed, embeds.ae_table_source(embed, embed.key))
    for file in list(files.documentation_pages()):
        body, meta = get_data(file.content_string)
        if wants_embed(meta, file.src_uri):
            embed = embeds.page_embed(file.src_uri, _title(meta, body, file.src_uri))
            add(embed, embeds.page_copy_source(embed, meta, body))
    # Written in on_env, once figure embeds are known; a file now so pages may link to it.
    files.append(File.generated(config, embeds.INDEX, content="{}\n"))
    return files


def wants_embed(meta: dict, src: str) -> bool:
    """The page's `embed:` front matter, which must be a plain true or false."""
    wanted = meta.get("embed", False)
    if wanted is not True and wanted is not False:
        raise PluginError(f"{src} → front matter 'embed': expected true or false, got {wanted!r}")
    return wanted


def _title(meta: dict, body: str, src: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return heading.group(1) if heading else src


def _add_shim(files: Files, config) -> None:
    base = Path(config.config_file_path).resolve().parent
    for source, dest in ((SHIM_SOURCE, SHIM_DEST), (SHIM_LICENCE, SHIM_LICENCE_DEST)):
        path = base / source
        if not path.is_file():
            raise PluginError(f"offline build: {path} not found; install the pinned Node tools with `npm ci` "
                              "(`make offline` does this)")
        files.append(File.generated(config, dest, abs_src_path=str(path)))


def on_nav(nav: Navigation, config, files: Files) -> Navigation:
    _build.nav = nav
    return nav


def on_env(env, config, files: Files):
    guide = guide_for(config)
    registry = embeds.current()
    _add_figure_embeds(registry, files, config)
    # Embed pages are copies: their citations stay on them, but the references catalogue lists
    # only full pages. Keep what each page cited (for its JSON-LD) before dropping the copies.
    citations = build_state.current().registry
    _build.cited = {src: list(p.order) for src, p in citations.pages.items()}
    for src in registry.embeds:
        citations.reset_page(src)
    info = _build.info
    assert info is not None
    sources = {e.src for e in registry.embeds.values()} | {e.full_src for e in registry.embeds.values()}
    index = files.get_file_from_path(embeds.INDEX)
    index.content_string = embeds.index_json(
        registry, {s: url_of(s, info) for s in sources}, info.site_url,
        {"site": info.title, "version": info.version},
        {e.src: last_reviewed(e.full_src, guide) for e in registry.embeds.values()},
    )
    return env


_FIGURE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # the shape of ids in the data (models.Id)


def _add_figure_embeds(registry: embeds.EmbedRegistry, files: Files, config) -> None:
    by_id: dict[str, list[embeds.FigureEmbed]] = {}
    for fig in registry.figures:
        if fig.page_src in registry.embeds:
            continue  # the same figure seen again on an embed copy of its page
        by_id.setdefault(fig.figure_id, []).append(fig)
    for figure_id, figs in by_id.items():
        first = figs[0]
        if not _FIGURE_ID.fullmatch(figure_id):
            raise PluginError(f"{first.page_src}: figure id {figure_id!r} registered for embedding must be lower case "
                              "letters, digits and hyphens")
        embed = embeds.figure_embed(first)
        embed = embeds.Embed(embed.kind, embed.key, embed.title, embed.src, embed.full_src,
                             tuple(dict.fromkeys(f.page_src for f in figs)), embed.height)
        registry.add(embed)
        file = File.generated(config, embed.src, content=embeds.figure_source(embed, first),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        Page(None, file, config)
        # MkDocs has converted every other page by now (on_env comes after); convert this one
        # the same way so it is built with the rest. Private in MkDocs 1.6.1, which is pinned.
        _populate_page(file.page, config, files)


def on_page_context(context, page: Page, config, nav):
    guide = guide_for(config)
    src = page.file.src_uri
    context["reuse"] = for_page(
        src=src, page_url=page.url, title=_heading(page), meta=page.meta, is_home=page.is_homepage,
        guide=guide, info=_build.info, registry=embeds.current(),
        cited=[guide.references[r] for r in _build.cited.get(src, [])],
    )
    return context


def _heading(page: Page) -> str:
    """The page's own title (its h1) rather than its label in the nav ("Overview")."""
    first = next(iter(page.toc), None)
    if first is not None and first.level == 1:
        return html.unescape(first.title)
    return page.title or page.file.src_uri


# An <a> with an href that is not an in-page fragment and no target yet.
_OUTSIDE_LINK = re.compile(r'<a (?![^>]*\btarget=)([^>]*\bhref="(?!#)[^"]*")')


def on_post_page(output: str, page: Page, config) -> str:
    # Inside an iframe a followed link would replace the embed with a full page squeezed into
    # the frame: open links (except jumps within the embed) in a new tab instead.
    if page.file.src_uri in embeds.current().embeds:
        return _OUTSIDE_LINK.sub(r'<a target="_blank" rel="noopener" \1', output)
    return output


def on_post_build(config) -> None:
    info = _build.info
    nav = _build.nav
    if info is None or nav is None:
        return
    doc = {
        "site": info.title,
        "slug": slug(info.title),
        "version": info.version,
        "site_url": info.site_url or None,
        "content_licence": info.content_licence.name if info.content_licence else None,
        "nav": [_nav_item(item) for item in nav.items],
    }
    Path(config.site_dir, PAGES_JSON).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _nav_item(item) -> dict:
    if isinstance(item, Section):
        return {"title": item.title, "children": [_nav_item(child) for child in item.children]}
    if isinstance(item, Page):
        return {"title": item.title, "src": item.file.src_uri, "url": item.url, "file": item.file.dest_uri,
                "audience": str((item.meta or {}).get("audience") or "clinician")}
    return {"title": item.title, "link": item.url}


def slug(title: str) -> str:
    """File-name form of the site title: 'Examplumab Test Guide' -> 'examplumab-test-guide'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
