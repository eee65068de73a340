"""One build of a guide, without MkDocs: everything the build makes from the loaded guide.

`BuildSession` is created by the plugin in `on_config` (once per build and per `serve`
rebuild) and owns the build's state: citations, page contexts, page problems, embeds,
figures, the pages' review summaries. Its methods are the engine's core, each a function
of the guide and a page's path to plain text:

- the generated pages (trial pages, data embeds, figure embeds, downloads);
- `begin_page` / `finish_markdown`: a page's context, then what goes around its content
  (audience switch, review status, unverified notice, references, abbreviations);
- `fill_html`: what only the finished HTML can take (figures, "cited on", "shown on");
- `furniture`: what the theme shows around a page (cite box, embed codes, JSON-LD).

The plugin (`plugin.py`) only adapts these to MkDocs events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from pydantic import ValidationError

from . import rawblocks
from .bibliography import format_all
from .citations import CitationRegistry, PageCitations
from .errors import PageProblem, from_validation_error
from .figures import embed as figure_embed
from .figures import files as figure_files
from .guide import CATALOGUE_SRC, Guide, trial_src
from .i18n import t, tm
from .macrotable import MacroTable
from .markup import html
from .models import PageMeta
from .pagecontext import FigureEmbed, PageContext
from .pages import trial_page_source
from .quiz import quiz_for_page
from .quiz import records as quiz_records
from .records import records
from .render import audience, glossary, references, review
from .render.quiz import quiz as render_quiz
from .reuse import downloads, embeds
from .reuse.furniture import Licence, SiteInfo, for_page
from .text import md_escape
from .urls import page_url, relative_url


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about the site around the guide (from the MkDocs config)."""

    use_directory_urls: bool = True
    site_url: str = ""
    version: str = "0"
    language: str = "en"
    description: str = ""


@dataclass
class PageState:
    """What the build keeps about a page once its Markdown is finished."""

    title: str
    url: str
    summary: review.ReviewSummary | None
    shown: set[int] = field(default_factory=set)


class BuildSession:
    def __init__(self, guide: Guide, settings: Settings) -> None:
        self.guide = guide
        self.settings = settings
        self.registry = CitationRegistry(guide.references)
        self.formatted = format_all(guide.references)  # AMA entry of every reference, once per build
        self.pages: dict[str, PageContext] = {}
        self.finished: dict[str, PageState] = {}
        self.page_meta: dict[str, PageMeta] = {}
        self.problems: list[PageProblem] = []
        self.unverified: dict[str, list[str]] = {}  # page title -> unverified values it shows
        self.embeds = embeds.EmbedRegistry()
        self.cited: dict[str, list[str]] = {}  # page -> reference ids, kept when embed copies leave the catalogue
        self.current: PageContext | None = None
        self.line_offset = 0
        self.info = _site_info(guide, settings)
        self.macros = MacroTable(self)
        # Inverse indexes for fill_html, made on first use (after every page's Markdown).
        self._citing_index: dict[str, list[PageCitations]] | None = None
        self._record_ids: dict[str, int] | None = None

    # ------------------------------------------------------------------ generated files

    def trial_pages(self) -> dict[str, str]:
        """src -> Markdown of the page of every trial record."""
        return {trial_src(t.id): trial_page_source(t.id, t.name) for t in self.guide.trials.values()}

    def trial_page_meta(self) -> dict[str, PageMeta]:
        """Front matter of the trial pages as the counterpart checks see it."""
        counterpart = self.guide.site.trial_pages_counterpart
        if not counterpart:
            return {}
        featured = {pr.trial for pr in self.guide.patient.results}
        return {trial_src(t.id): PageMeta(audience="clinician", counterpart=counterpart + (f"#{t.id}" if t.id in featured else ""))
                for t in self.guide.trials.values()}

    def downloads(self) -> dict[str, str]:
        licence = self.info.content_licence.name if self.info.content_licence else ""
        return downloads.files(self.guide, self.info.version, licence)

    def data_embed_pages(self) -> list[tuple[embeds.Embed, str]]:
        out = []
        for embed in embeds.data_embeds(self.guide):
            if embed.kind == "trial-summary":
                out.append((embed, embeds.trial_summary_source(embed, embed.key)))
            else:
                out.append((embed, embeds.ae_table_source(embed, embed.key)))
        return out

    def figure_embed_pages(self) -> list[tuple[embeds.Embed, str]]:
        """Embed pages of the figures the full pages offered while they rendered (after every page)."""
        by_key: dict[str, list[FigureEmbed]] = {}
        for src, ctx in self.pages.items():
            if src in self.embeds.embeds:
                continue  # the same figure seen again on an embed copy of its page
            for fig in ctx.figure_embeds:
                by_key.setdefault(fig.key, []).append(fig)
        out = []
        for figs in by_key.values():
            embed = embeds.figure_embed(figs[0], tuple(dict.fromkeys(f.page_src for f in figs)))
            out.append((embed, embeds.figure_source(embed, figs[0])))
        return out

    def figure_files(self) -> dict[str, str]:
        """figures/<key>.svg of every figure a page showed (raises ValueError if two differ)."""
        return figure_files.collect(self.pages.values())

    # ------------------------------------------------------------------ one page

    def page(self) -> PageContext:
        """The page being rendered (for the macros)."""
        if self.current is None:
            raise RuntimeError("no page is being rendered")
        return self.current

    def begin_page(self, src: str, url: str, title: str, raw_meta: Mapping[str, Any], line_offset: int = 0,
                   defer_figures: bool = False) -> PageContext:
        # `mkdocs serve` renders a page again on every change: start its citations afresh.
        self.registry.reset_page(src)
        self.problems = [p for p in self.problems if p.page != src]
        citations: PageCitations = self.registry.page(src, url, title or src)
        ctx = PageContext(src, self.registry, citations, use_directory_urls=self.settings.use_directory_urls,
                          defer_figures=defer_figures)
        self.pages[src] = ctx
        self.current = ctx
        self.line_offset = line_offset
        return ctx

    def problem(self, line: int | None, message: str) -> Markup:
        """Keep a mistake in the current page's text; the call renders as nothing."""
        src = self.current.src if self.current else "(no page)"
        self.problems.append(PageProblem(src, line + self.line_offset if line else None, message))
        return Markup("")

    def meta_of(self, src: str, raw_meta: Mapping[str, Any]) -> PageMeta | None:
        meta = self.page_meta.get(src)
        if meta is not None:
            return meta
        try:  # a page made during the build (an embed copy): not checked up front
            return PageMeta.model_validate(raw_meta or {})
        except ValidationError as err:
            for p in from_validation_error(src, err, prefix="front matter"):  # type: ignore[arg-type]
                self.problems.append(PageProblem(src, None, f"{p.field}: {p.message}"))
            return None

    def finish_markdown(self, src: str, markdown: str, raw_meta: Mapping[str, Any], title: str) -> tuple[str, dict[str, str] | None]:
        """The page's Markdown with what goes around its content; also its review status (for the theme)."""
        ctx = self.pages[src]
        self.current = None
        meta = self.meta_of(src, raw_meta)
        ctx.audience = meta.audience if meta else None
        # Embed copies are bare pages inside someone else's site: no switch, no status line.
        bare = raw_meta.get("template") == embeds.TEMPLATE
        if meta and meta.review:
            ctx.shows_review(meta.review)
        item = quiz_for_page(self.guide, src) if not bare else None
        # Rendered before the notices: a value not yet verified in the quiz counts in them.
        quiz_markdown = render_quiz(self.guide, item, ctx) if item is not None else ""
        if item is not None:
            ctx.shows(*quiz_records(self.guide, item))
        for ref_id in ctx.citations.order:
            ctx.shows_review(self.guide.reference_reviews[ref_id])
        summary = review.summarise(ctx.reviews)
        self.finished[src] = PageState(title or src, ctx.url, summary, set(ctx.shown))
        if summary is None:
            if not bare:
                self.problems.append(PageProblem(src, None, "nothing on this page carries a review; add a 'review' "
                                                 "block to its front matter"))
            return rawblocks.stash(markdown, ctx.html_blocks), None
        below_title: list[Markup] = []
        editorial = self.guide.site.editorial_page
        if not bare:
            about = ctx.href(editorial, "review-status") if editorial and editorial != src else ""
            below_title.append(review.status_line(summary, about, plain=ctx.audience == "patient"))
        if ctx.unverified:
            below_title.append(_unverified_notice(len(ctx.unverified), plain=ctx.audience == "patient"))
            self.unverified[title or src] = list(ctx.unverified)
        if below_title:
            markdown = _insert_after_title(markdown, "\n\n".join(str(b) for b in below_title))
        if meta and meta.audience and meta.counterpart and not bare:
            target, _, anchor = meta.counterpart.partition("#")
            markdown = _insert_before_title(markdown, str(audience.switch(
                self.guide.audience_labels, meta.audience, ctx.href(target, anchor))))
        if quiz_markdown:
            markdown += "\n\n" + quiz_markdown
            ctx.scripts.add("assets/quiz.js")
        if ctx.citations.order:
            catalogue = relative_url(page_url(CATALOGUE_SRC, self.settings.use_directory_urls), ctx.url)
            # str(): adding Markup to the page's text would escape the whole page
            markdown += (f"\n\n## {md_escape(t('references.heading'))} {{ #references }}\n\n"
                         + str(references.page_list(ctx.citations, self.guide.references, self.formatted, catalogue)) + "\n")
        abbreviations = glossary.abbreviations(self.guide, ctx.audience)
        if abbreviations:
            markdown += "\n\n" + abbreviations + "\n"
        return rawblocks.stash(markdown, ctx.html_blocks), summary.as_meta()

    # ------------------------------------------------------------------ after every page

    def drop_embed_citations(self) -> None:
        """Embed pages are copies: their citations stay on them, but the references catalogue lists
        only full pages. What each page cited is kept first, for its JSON-LD."""
        self.cited = {src: list(p.order) for src, p in self.registry.pages.items()}
        for src in self.embeds.embeds:
            self.registry.reset_page(src)

    def reviewed_iso(self, src: str) -> str:
        """ISO date the content of a page was last reviewed; the guide's date for pages showing no record."""
        state = self.finished.get(src)
        if state is not None and state.summary is not None:
            return state.summary.last_reviewed.isoformat()
        return self.guide.site.content_current_as_of

    def embed_index(self) -> str:
        registry = self.embeds
        sources = {e.src for e in registry.embeds.values()} | {e.full_src for e in registry.embeds.values()}
        return embeds.index_json(
            registry, {s: page_url(s, self.settings.use_directory_urls) for s in sources}, self.info.site_url,
            {"site": self.info.title, "version": self.info.version},
            {e.src: self.reviewed_iso(e.full_src) for e in registry.embeds.values()},
        )

    def oembed_files(self) -> dict[str, str]:
        """`<embed page>/oembed.json` of every embed: its iframe code, title, provider and size."""
        info = self.info
        provider_url = embeds.address("", info.site_url) if info.site_url else ""
        return {
            embeds.oembed_src(e): embeds.oembed_json(
                e, embeds.address(page_url(e.src, self.settings.use_directory_urls), info.site_url), info.title, provider_url)
            for e in self.embeds.embeds.values()
        }

    def search_fields(self, src: str, raw_meta: Mapping[str, Any]) -> dict[str, Any]:
        """What a page's entry in the search index gets besides its title and text: the label of its
        audience (the search shows it on the result) and its hidden keywords (`search_keywords`)."""
        meta = self.meta_of(src, raw_meta)
        out: dict[str, Any] = {}
        if meta and meta.audience:
            out["tags"] = [self.guide.audience_labels[meta.audience]]
        if meta and meta.search_keywords:
            out["keywords"] = " ".join(meta.search_keywords)
        return out

    def furniture(self, src: str, url: str, title: str, meta: Mapping[str, Any], is_home: bool) -> dict[str, Any]:
        embed = self.embeds.embeds.get(src)
        return for_page(
            src=src, page_url=url, title=title, meta=meta, is_home=is_home, guide=self.guide, info=self.info,
            registry=self.embeds, cited=[self.guide.references[r] for r in self.cited.get(src, [])],
            reviewed=self.reviewed_iso(embed.full_src if embed else src),
        )

    def fill_blocks(self, src: str, html_text: str) -> str:
        """The converted page with its raw HTML blocks back in place (before search and theme see it)."""
        ctx = self.pages.get(src)
        return rawblocks.fill(html_text, ctx.html_blocks) if ctx is not None else html_text

    def fill_html(self, src: str, url: str, output: str) -> str:
        """Put in what only the finished HTML can take: figures, the pages citing each source, the pages
        showing each record. Every page's Markdown has been rendered by now."""
        ctx = self.pages.get(src)
        if ctx is not None and ctx.deferred:
            output = figure_embed.fill(output, ctx.deferred, src)
        if 'data-cited-on="' in output:
            output = _CITED_ON.sub(lambda m: self._cited_on(m.group(1), url), output)
        if 'data-shown-on="' in output:
            output = _SHOWN_ON.sub(lambda m: self._shown_on(m.group(1), url), output)
        return output

    def _cited_on(self, ref_id: str, url: str) -> str:
        citing = self._citing().get(ref_id, [])
        if not citing:
            return str(Markup('<div class="cited-on">%s</div>') % t("references.cited_on_none"))
        links = Markup(", ").join(html("link.html", href=relative_url(p.url, url), text=p.title)
                                  for p in sorted(citing, key=lambda p: p.title.lower()))
        return str(Markup('<div class="cited-on" data-cited-on="%s">%s</div>') % (ref_id, tm("references.cited_on", pages=links)))

    def _citing(self) -> dict[str, list[PageCitations]]:
        if self._citing_index is None:
            index: dict[str, list[PageCitations]] = {}
            for p in self.registry.pages.values():
                for ref_id in p.uses:
                    index.setdefault(ref_id, []).append(p)
            self._citing_index = index
        return self._citing_index

    def _shown_on(self, key: str, url: str) -> str:
        if self._record_ids is None:
            self._record_ids = {r.key: r.record_id for r in records(self.guide)}
        record = self._record_ids.get(key)
        pages = sorted((s.title, s.url) for s in self.finished.values() if record in s.shown)
        if not pages:
            return str(Markup('<span class="shown-on">%s</span>') % t("changes.shown_on_none"))
        links = Markup(", ").join(html("link.html", href=relative_url(u, url), text=t) for t, u in pages)
        return str(Markup('<span class="shown-on" data-shown-on="%s">%s</span>') % (key, tm("changes.shown_on", pages=links)))

    def publication_problems(self) -> list[str]:
        """Pages showing values not yet verified against their primary source, for the publication switch."""
        return [f"{page}: {', '.join(values)}" for page, values in sorted(self.unverified.items())]


_CITED_ON = re.compile(r'<div class="cited-on" data-cited-on="([a-z0-9-]+)"></div>')
_SHOWN_ON = re.compile(r'<span class="shown-on" data-shown-on="([^"]+)"></span>')


def _site_info(guide: Guide, settings: Settings) -> SiteInfo:
    lic = guide.site.licence
    return SiteInfo(
        title=guide.site.title, description=guide.site.description or settings.description,
        site_url=settings.site_url, version=settings.version, language=settings.language,
        use_directory_urls=settings.use_directory_urls,
        content_licence=Licence(lic.content.name, lic.content.url or None) if lic and lic.content else None,
        code_licence=Licence(lic.code.name, lic.code.url or None) if lic and lic.code else None,
        licence_page=lic.page or None if lic else None,
    )


def _unverified_notice(n: int, plain: bool = False) -> Markup:
    """The notice at the top of a page showing unverified values; `plain` words it for patients."""
    if plain:
        body = html("paragraph.html", text=t("status.notice.plain"), class_="")
        return html("admonition.html", kind="note", extra_class="unverified-notice", title=t("status.notice.plain_title"),
                    body=body)
    body = html("paragraph.html", text=t("status.notice.values", count=n), class_="")
    return html("admonition.html", kind="warning", extra_class="unverified-notice", title=t("status.notice.title"), body=body)


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
            return "\n".join(lines[: i + 1] + ["", block, ""] + lines[i + 1:])
    return block + "\n\n" + markdown

