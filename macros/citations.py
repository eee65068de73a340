"""Per-page citation numbering and the site-wide record of who cites what.

Numbers are assigned in order of first use on each page. Every use gets its own
anchor (`cite-<n>-<k>`), so a reference entry can link back to each place it is
cited. The registry lives for one build; MkDocs converts every page's Markdown
before it renders any template, so by `on_post_page` it is complete and the
references page can list, for each source, the pages that cite it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from .errors import UnknownName
from .markup import html
from .models import Reference


@dataclass
class PageCitations:
    page: str  # source path, for messages
    url: str  # page URL relative to the site root
    title: str
    order: list[str] = field(default_factory=list)
    uses: dict[str, int] = field(default_factory=dict)

    def number(self, ref_id: str) -> int:
        if ref_id not in self.uses:
            self.order.append(ref_id)
            self.uses[ref_id] = 0
        return self.order.index(ref_id) + 1


@dataclass
class CitationRegistry:
    references: dict[str, Reference]
    pages: dict[str, PageCitations] = field(default_factory=dict)

    def page(self, src: str, url: str, title: str) -> PageCitations:
        if src not in self.pages:
            self.pages[src] = PageCitations(src, url, title)
        return self.pages[src]

    def cite(self, page: PageCitations, ids: tuple[str, ...]) -> Markup:
        marks = []
        for ref_id in ids:
            if ref_id not in self.references:
                raise UnknownName("reference id", ref_id, self.references)
            n = page.number(ref_id)
            page.uses[ref_id] += 1
            marks.append({"n": n, "anchor": f"cite-{n}-{page.uses[ref_id]}"})
        return html("cite.html", marks=marks)

    def cited_on(self, ref_id: str) -> list[PageCitations]:
        return [p for p in self.pages.values() if ref_id in p.uses]

    def reset_page(self, src: str) -> None:
        """`mkdocs serve` re-renders pages; start each render from scratch."""
        self.pages.pop(src, None)
