"""What a render function may ask of the page it is rendering into.

Render functions stay pure with respect to MkDocs: they get a `PageContext` (cite,
link, flag an unverified value, note a figure) rather than the MkDocs page object, so
golden tests can call them with a context made in a few lines. Everything a page
collects while it renders (citations, review blocks, figures, figure embeds,
unverified values) is kept here, for the page's finishing touches and for the build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from markupsafe import Markup

from .citations import CitationRegistry, PageCitations
from .markup import badge_markup
from .models import Review, Status
from .urls import href as page_href


@dataclass(frozen=True)
class FigureEmbed:
    """A figure a page offers as an embed (`embed/figures/<key>/`): the build makes its page."""

    page_src: str
    key: str
    title: str
    html: str  # the figure's self-contained markup, links relative to the embed page
    height: int


@dataclass
class PageContext:
    src: str  # source path of the page, e.g. "trials/alpha.md"
    registry: CitationRegistry
    citations: PageCitations
    use_directory_urls: bool = True
    unverified: list[str] = field(default_factory=list)
    audience: str | None = None  # "patient" or "clinician", from the page's front matter
    reviews: list[Review] = field(default_factory=list)  # of every record the page shows
    shown: set[int] = field(default_factory=set)  # id() of each record shown, for the change log's links
    # key -> standalone SVG of each figure shown on the page; written to figures/ after the build
    figures: dict[str, str] = field(default_factory=dict)
    # Real builds set this: figures then wait in `deferred` behind a placeholder until the page's
    # HTML is final (figures/embed.py says why).
    defer_figures: bool = False
    deferred: dict[str, str] = field(default_factory=dict)
    figure_embeds: list[FigureEmbed] = field(default_factory=list)
    # Raw HTML blocks taken out of the Markdown before conversion (rawblocks.py), by placeholder number.
    html_blocks: list[str] = field(default_factory=list)
    # Scripts only this page needs (a quiz, the change log's filter), loaded after the theme's.
    scripts: set[str] = field(default_factory=set)

    @property
    def url(self) -> str:
        return self.citations.url

    def cite(self, *ids: str) -> Markup:
        return self.registry.cite(self.citations, ids)

    def link(self, target_src: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to another source file (MkDocs rewrites it)."""
        rel = posixpath.relpath(target_src, posixpath.dirname(self.src) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def href(self, target_src: str, anchor: str = "") -> str:
        """Final relative URL to another page, for links inside raw HTML (which MkDocs does not rewrite)."""
        return page_href(target_src, self.url, self.use_directory_urls, anchor)

    def badge(self, status: Status, what: str, plain: bool = False) -> Markup:
        """The status badge for a value; an unverified one also puts the notice on its page."""
        if status == Status.unverified:
            self.flag_unverified(what)
        return badge_markup(status, plain)

    def flag_unverified(self, what: str) -> None:
        if what not in self.unverified:  # the same value shown twice is one value to verify
            self.unverified.append(what)

    def shows_review(self, review: Review) -> None:
        """A review block that is not part of one record (a reference file's, a page's prose)."""
        self.shown.add(id(review))
        if review not in self.reviews:
            self.reviews.append(review)

    def shows(self, *records: object) -> None:
        """Note that the page shows these records, so its review status covers them."""
        for record in records:
            review = getattr(record, "review", None)
            if review is None:
                continue
            self.shown.add(id(record))
            if review not in self.reviews:
                self.reviews.append(review)
