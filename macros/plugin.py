"""The guide as a MkDocs plugin: loads the content pack once per build and adapts the core to MkDocs.

Registered as `guide` through the `mkdocs.plugins` entry point (pyproject.toml), and listed
before `macros` in mkdocs.yml. The plugin object owns one `BuildSession` per build (made in
`on_config`); every event hands its work to the session and only translates between MkDocs'
objects and the session's plain values. Errors an author can fix (data, front matter, macro
calls) become one `PluginError` listing them all: no traceback.

Event order, and why:
- on_config (priority 100): before Material's offline plugin (which adds a CDN search shim
  unless one is listed) and before mkdocs-macros' on_config (which calls `define_env`).
- on_page_markdown: before mkdocs-macros renders a page (priority 100), the page's context is
  started and its text checked; after (priority -100), the page gets its furniture.
- on_env: every page's Markdown is rendered: figure embeds are known, page problems complete.
"""

from __future__ import annotations

import html
import json
import re
from contextvars import Token
from pathlib import Path
from typing import Any

from material.plugins.offline.plugin import OfflinePlugin
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from mkdocs.utils.templates import TemplateContext

from . import assets, i18n, modules, pagemeta, pagetext, webapp
from .config import GuideConfig
from .errors import DataError, PageTextError, Problem
from .fmt import date as format_date
from .guide import OVERVIEW_SRC
from .i18n import Strings
from .loader import load_guide
from .pages import site_nav, theme_title, trials_nav
from .reuse import embeds
from .reuse.version import project_version
from .session import BuildSession, Settings
from .standing import stale

log = get_plugin_logger("guide")

SHIM_DEST = "assets/vendor/iframe-worker/shim.js"
SHIM_LICENCE_DEST = "assets/vendor/iframe-worker/LICENSE.txt"
PAGES_JSON = "pages.json"
# An <a> with an href that is not an in-page fragment and no target yet.
_OUTSIDE_LINK = re.compile(r'<a (?![^>]*\btarget=)([^>]*\bhref="(?!#)[^"]*")')


class GuidePlugin(BasePlugin[GuideConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: BuildSession | None = None
        self.pack: Path | None = None
        self.nav: Navigation | None = None
        self.command = "build"
        self._language: Token[Strings | None] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command  # "serve" never gets a service worker: it would keep stale pages

    # ------------------------------------------------------------------ config and files

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        pack = (root / self.config.pack).resolve() if self.config.pack else root
        missing = [p for p in (pack / "data", pack / "docs") if not p.is_dir()]
        if missing:
            raise PluginError(f"content pack {pack}: expected the folders data/ and docs/; "
                              f"missing {', '.join(str(m) for m in missing)}")
        try:
            guide = load_guide(pack / "data")  # the one read of the data files in a build
        except DataError as err:
            raise PluginError(str(err)) from None
        self.pack = pack
        # The engine's words, dates and decimal signs in the pack's language for this build
        # (i18n: ambient like a locale, reset when the build ends); the theme speaks it too.
        self._end_language()
        self._language = i18n.activate(guide.strings)
        config.theme["language"] = guide.site.language
        # A pathway option's status is a dated fact: one checked before the pathway's "current as
        # of" date may be out of date. A warning, so a --strict build fails until it is checked.
        for message in stale(guide.sequencing):
            log.warning(message)
        # `mkdocs serve` rebuilds when the evidence or the engine changes, not only the prose.
        for path in (str(pack / "data"), str(pack / "docs"), str(Path(__file__).resolve().parent)):
            if path not in config.watch:
                config.watch.append(path)
        # The content pack names the guide and lays out its nav; mkdocs.yml holds only the engine.
        # Titles go to the theme, which prints them unescaped: escape them here (pages.theme_title).
        config.docs_dir = str(pack / "docs")
        config.site_name = theme_title(guide.site.title)
        if guide.site.description:
            config.site_description = theme_title(guide.site.description)
        nav = site_nav(guide.site.nav) if guide.site.nav else config.nav
        config.nav = self._expand_trials(nav, guide) if nav else nav
        config.extra["guide_version"] = project_version()
        config.extra["content_current_as_of"] = format_date(guide.site.content_current_as_of)
        # For the search (partials/search.html, assets/search-audience.js): which result label is whose.
        config.extra["audience_labels"] = dict(guide.audience_labels)
        if guide.site.licence:
            config.extra["licence"] = guide.site.licence.model_dump(exclude_none=True, exclude_defaults=True)
        self._set_offline(config)
        config.extra["web_app"] = self._web_app()
        self.session = BuildSession(guide, Settings(
            use_directory_urls=config.use_directory_urls, site_url=config.site_url or "",
            version=config.extra["guide_version"], language=config.theme.get("language") or "en",
            description=config.site_description or "",
        ))
        return config

    def _set_offline(self, config: MkDocsConfig) -> None:
        """One switch for the offline build: Material's offline plugin follows ours."""
        for plugin in config.plugins.values():
            if isinstance(plugin, OfflinePlugin):
                plugin.config.enabled = self.config.offline
        if self.config.offline:
            # What Material's offline plugin will also set, later: the session needs it now, for the
            # links it writes into raw HTML.
            config.use_directory_urls = False
            # Listed before Material's offline plugin runs, so it adds no unpkg.com shim.
            polyfills = list(config.extra.get("polyfills") or [])
            if SHIM_DEST not in polyfills:
                polyfills.append(SHIM_DEST)
            config.extra["polyfills"] = polyfills

    def _expand_trials(self, nav: list[Any], guide: Any) -> list[Any]:
        """Replace the nav entry that points at the trials overview with the full trials section."""
        out: list[Any] = []
        for item in nav:
            if isinstance(item, dict):
                ((title, value),) = item.items()
                if value == OVERVIEW_SRC:
                    out.append({title: trials_nav(guide, OVERVIEW_SRC)})
                    continue
                if isinstance(value, list):
                    out.append({title: self._expand_trials(value, guide)})
                    continue
            out.append(item)
        return out

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        session = self._session()
        for src, content in session.trial_pages().items():
            files.append(File.generated(config, src, content=content))
        generated = session.trial_page_meta()
        written = {f.src_uri: Path(f.abs_src_path) for f in files.documentation_pages()
                   if f.src_uri not in generated and f.abs_src_path}
        try:
            session.page_meta = pagemeta.check(written, generated)
        except DataError as err:
            raise PluginError(str(err)) from None
        quizzes = session.guide.quiz.quizzes if session.guide.quiz else []
        for quiz in quizzes:
            if files.get_file_from_path(quiz.page) is None:
                raise PluginError(f"data/quiz.yml → quiz {quiz.id!r}: page {quiz.page!r} is not a page in {config.docs_dir}")
        licence_page = session.info.licence_page
        if licence_page and files.get_file_from_path(licence_page) is None:
            raise PluginError(f"data/site.yml → licence.page: {licence_page!r} is not a page in {config.docs_dir}")
        levels_page = session.guide.site.evidence_levels_page
        if levels_page and files.get_file_from_path(levels_page) is None:
            raise PluginError(f"data/site.yml → evidence_levels_page: {levels_page!r} is not a page in {config.docs_dir}")
        if self.config.offline:
            self._add_shim(files, config)
        if self._web_app():
            info = session.info
            files.append(File.generated(config, webapp.MANIFEST, content=webapp.manifest(
                info.title, info.description, info.language)))
            files.append(File.generated(config, webapp.REGISTER, content=webapp.register_script()))
            icon = files.get_file_from_path(webapp.ICON)
            if icon is None:
                raise PluginError(f"the web app's icon {webapp.ICON} is missing from the theme and the pack's docs/")
            try:
                for path, png in webapp.png_icons(icon.content_bytes).items():
                    files.append(File.generated(config, path, content=png))
            except RuntimeError as err:
                raise PluginError(str(err)) from None
        self._bundle_css(files, config)
        for path, content in session.downloads().items():
            files.append(File.generated(config, path, content=content))
        for embed, source in session.data_embed_pages():
            self._add_embed(files, config, embed, source)
        for file in list(files.documentation_pages()):
            body, meta = get_data(file.content_string)
            if _wants_embed(meta, file.src_uri):
                embed = embeds.page_embed(file.src_uri, _title(meta, body, file.src_uri))
                self._add_embed(files, config, embed, embeds.page_copy_source(embed, meta, body))
        # Written in on_env, once figure embeds are known; a file now so pages may link to it.
        files.append(File.generated(config, embeds.INDEX, content="{}\n"))
        return files

    def _add_embed(self, files: Files, config: MkDocsConfig, embed: embeds.Embed, source: str) -> File:
        if files.get_file_from_path(embed.src) is not None:
            raise PluginError(f"{embed.src}: the embed page of {embed.full_src} would replace a page with the same name")
        try:
            self._session().embeds.add(embed)
        except ValueError as err:
            raise PluginError(str(err)) from None
        file = File.generated(config, embed.src, content=source, inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        return file

    def _bundle_css(self, files: Files, config: MkDocsConfig) -> None:
        """The theme's own stylesheets (extra_css found among the site's files) become one file."""
        found = [(path, file) for path in config.extra_css
                 if isinstance(path, str) and (file := files.get_file_from_path(path)) is not None]
        if len(found) < 2:
            return
        dest, content = assets.bundle_css([(path, file.content_string) for path, file in found])
        for _, file in found:
            files.remove(file)
        files.append(File.generated(config, dest, content=content))
        merged = {path for path, _ in found}
        rest = [path for path in config.extra_css if path not in merged]
        config.extra_css = [dest, *rest]

    def _add_shim(self, files: Files, config: MkDocsConfig) -> None:
        shim = Path(config.config_file_path).resolve().parent / self.config.search_shim
        licence = shim.parent.parent / "LICENSE"
        for source, dest in ((shim, SHIM_DEST), (licence, SHIM_LICENCE_DEST)):
            if not source.is_file():
                raise PluginError(f"offline build: {source} not found; install the pinned Node tools with `npm ci` "
                                  "(`make offline` does this)")
            files.append(File.generated(config, dest, abs_src_path=str(source)))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        guide = self._session().guide
        if guide.quiz is not None:
            # A module's SCO reports completion on its last page: a quiz must be there, or the
            # platform would hear "completed" before the learner reached it.
            tree = [_nav_item(item) for item in nav.items]
            for i, quiz in enumerate(guide.quiz.quizzes):
                problem = modules.quiz_page_problem(tree, quiz.page)
                if problem:
                    raise PluginError(str(Problem(guide.data_dir / "quiz.yml", f"quizzes[{i}].page", problem)))
        return nav

    # ------------------------------------------------------------------ pages

    @event_priority(100)
    def _start_page(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        session = self._session()
        src = page.file.src_uri
        offset = pagetext.front_matter_lines(page.file.content_string, markdown)
        session.begin_page(src, page.url, html.unescape(page.title or src), page.meta, line_offset=offset,
                           defer_figures=True)
        if page.meta.get("render_macros") is False:
            return markdown
        macros = config.plugins.get("macros")
        names = set(session.macros.functions) | set(session.macros.variables) | set(page.meta)
        filters = set(session.macros.filters)
        if macros is not None:
            names |= set(macros.variables) | set(macros.macros)
            filters |= set(macros.filters) | set(macros.env.filters)
        problems = pagetext.check(src, markdown, offset, names, filters)
        if problems:
            session.problems += problems
            return ""  # the build stops in on_env; mkdocs-macros must not trip over the same mistake
        return markdown

    @event_priority(-100)
    def _finish_page(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        session = self._session()
        out, status = session.finish_markdown(page.file.src_uri, markdown, page.meta,
                                              html.unescape(page.title or page.file.src_uri))
        if status is not None:
            page.meta["review_status"] = status
        ctx = session.pages.get(page.file.src_uri)
        page.meta["page_scripts"] = sorted(ctx.scripts) if ctx is not None else []
        return out

    on_page_markdown = CombinedEvent(_start_page, _finish_page)

    @event_priority(100)  # before anything reads the page's HTML (search indexes it in on_page_context)
    def on_page_content(self, html_text: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._session().fill_blocks(page.file.src_uri, html_text)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        session = self._session()
        # The theme's own words (macros/theme/: main.html, embed.html, partials) in the pack's
        # language: the same `t`/`tm` as the engine's templates, as globals of MkDocs' theme
        # environment, which renders those files and is not ours. They read the strings made
        # current in on_config, so they need no copy in config.extra and follow a pack's overrides.
        # MkDocs' environment does not autoescape: partials write `t(...) | e`, and `tm(...)` (Markup)
        # for a message with links in it.
        env.globals.update(t=i18n.t, tm=i18n.tm)
        for embed, source in session.figure_embed_pages():
            file = self._add_embed(files, config, embed, source)
            page = Page(None, file, config)
            # MkDocs has converted every other page by now (on_env comes after); convert this one
            # the same way so it is built with the rest. Private in MkDocs 1.6.1, which is pinned.
            _populate_page(page, config, files)
        if session.problems:
            raise PluginError(str(PageTextError(session.problems)))
        session.drop_embed_citations()
        index = files.get_file_from_path(embeds.INDEX)
        if index is not None:
            index.content_string = session.embed_index()
        for path, content in session.oembed_files().items():
            files.append(File.generated(config, path, content=content))
        return env

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        first = next(iter(page.toc), None)  # the page's own h1 rather than its nav label ("Overview")
        title = html.unescape(first.title) if first is not None and first.level == 1 else html.unescape(page.title or page.file.src_uri)
        furniture = self._session().furniture(page.file.src_uri, page.url, title, page.meta, page.is_homepage)
        context["reuse"] = furniture  # type: ignore[typeddict-unknown-key]
        self._search_fields(page, config)
        return context

    def _search_fields(self, page: Page, config: MkDocsConfig) -> None:
        """Add the page's audience label and hidden keywords to its entry in Material's search index.

        Material's search plugin, listed first in mkdocs.yml, has just indexed this page in its own
        on_page_context; its index is written (and copied for the offline build) after every page.
        Only the page's own entry (no '#') gets them: the label shows once per result.
        """
        fields = self._session().search_fields(page.file.src_uri, page.meta)
        if not fields:
            return
        for plugin in config.plugins.values():
            if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
                for entry in reversed(plugin.search_index.entries):
                    if entry.get("location") == page.url:
                        entry.update(fields)
                        break

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        session = self._session()
        try:
            output = session.fill_html(page.file.src_uri, page.url, output)
        except ValueError as err:
            raise PluginError(str(err)) from None
        if page.file.src_uri in session.embeds.embeds:
            # Inside an iframe a followed link would replace the embed with a full page squeezed into
            # the frame: open links (except jumps within the embed) in a new tab instead.
            output = _OUTSIDE_LINK.sub(r'<a target="_blank" rel="noopener" \1', output)
        return output

    def _web_app(self) -> bool:
        """Manifest and service worker: the online site only (a service worker needs http(s))."""
        return bool(self.config.service_worker) and not self.config.offline and self.command != "serve"

    # Last: the service worker lists files other plugins write in on_post_build (search's index).
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        session = self._session()
        if self.config.require_verified:
            shown = session.publication_problems()
            if shown:
                lines = "\n".join(f"  - {line}" for line in shown)
                raise PluginError(
                    f"require_verified is set (REQUIRE_VERIFIED) and {len(shown)} page(s) show values not yet verified "
                    f"against the primary source:\n{lines}\nVerify them (status: verified) or remove them before publishing.")
        try:
            for key, content in sorted(session.figure_files().items()):
                path = Path(config.site_dir, "figures", f"{key}.svg")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
        except ValueError as err:
            raise PluginError(str(err)) from None
        if self.nav is not None:
            self._write_pages_json(config, session)
        if self._web_app():
            self._write_service_worker(config, session)
        self._end_language()

    def on_build_error(self, *, error: Exception) -> None:
        self._end_language()

    def _end_language(self) -> None:
        if self._language is not None:
            i18n.deactivate(self._language)
            self._language = None

    def _write_service_worker(self, config: MkDocsConfig, session: BuildSession) -> None:
        """Workbox's service worker over the written site: precaches the home page, the patient pages
        and the assets; the cache names carry the version, so a release never mixes with another."""
        pages = [p for p in self.nav.pages if p.is_homepage or (p.meta or {}).get("audience") == "patient"] \
            if self.nav else []
        info = session.info
        try:
            log.info(webapp.generate_service_worker(Path(config.site_dir), [p.file.dest_uri for p in pages],
                                                    f"{slug(info.title)}-{info.version}"))
        except RuntimeError as err:
            raise PluginError(str(err)) from None

    def _write_pages_json(self, config: MkDocsConfig, session: BuildSession) -> None:
        """pages.json: the nav with each page's audience and file, for `make pdf` and `make scorm`."""
        info = session.info
        doc = {
            "site": info.title, "slug": slug(info.title), "version": info.version, "site_url": info.site_url or None,
            "content_licence": info.content_licence.name if info.content_licence else None,
            # The release commands run after the build: they write their own words (README, package
            # titles, PDF footer) in this language, with the pack's wording of them (release.site).
            "language": info.language, "strings": _release_wording(session.guide.strings),
            "nav": [_nav_item(item) for item in self.nav.items] if self.nav else [],
        }
        Path(config.site_dir, PAGES_JSON).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def _session(self) -> BuildSession:
        if self.session is None:
            raise PluginError("the guide plugin has not been configured (on_config did not run)")
        return self.session


def _release_wording(strings: Strings) -> dict[str, Any]:
    """The release messages the pack words differently from the engine (site.yml `strings:`)."""
    engine = i18n.engine_strings(strings.language).messages
    return {key: message if isinstance(message, str) else dict(message)
            for key, message in strings.messages.items() if key.startswith("release.") and message != engine[key]}


def _nav_item(item: Any) -> dict[str, Any]:
    title = html.unescape(item.title or "")  # titles were escaped for the theme; pages.json holds the words
    if isinstance(item, Section):
        return {"title": title, "children": [_nav_item(child) for child in item.children]}
    if isinstance(item, Page):
        return {"title": title, "src": item.file.src_uri, "url": item.url, "file": item.file.dest_uri,
                "audience": str((item.meta or {}).get("audience") or "clinician"),
                "sheet": (item.meta or {}).get("sheet") is True}
    return {"title": title, "link": item.url}


def _wants_embed(meta: dict[str, Any], src: str) -> bool:
    """The page's `embed:` front matter, which must be a plain true or false."""
    wanted = meta.get("embed", False)
    if wanted is not True and wanted is not False:
        raise PluginError(f"{src} → front matter 'embed': expected true or false, got {wanted!r}")
    return bool(wanted)


def _title(meta: dict[str, Any], body: str, src: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return heading.group(1) if heading else src


def slug(title: str) -> str:
    """File-name form of the site title: 'Examplumab Test Guide' -> 'examplumab-test-guide'."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
