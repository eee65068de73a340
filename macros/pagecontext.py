"""What a render function may ask of the page it is rendering into.

Render functions stay pure with respect to MkDocs: they get a `PageContext`
(cite, link, flag an unverified value) rather than the MkDocs page object, so
golden tests can call them with a context made in a few lines.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from markupsafe import Markup

from .citations import CitationRegistry, PageCitations
from .models import Review


@dataclass
class PageContext:
    src: str  # source path of the page, e.g. "trials/alpha.md"
    registry: CitationRegistry
    citations: PageCitations
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

    def cite(self, *ids: str) -> Markup:
        return self.registry.cite(self.citations, ids)

    def link(self, target_src: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to another source file."""
        rel = posixpath.relpath(target_src, posixpath.dirname(self.src) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def flag_unverified(self, what: str) -> None:
        if what not in self.unverified:  # the same value shown twice is one value to verify
            self.unverified.append(what)

    def shows_review(self, review: Review) -> None:
        """A review block that is not part of one record (a reference file's, a page's prose)."""
        self.shown.add(id(review))
        if review not in self.reviews:
            self.reviews.append(review)

    def shows(self, *records) -> None:
        """Note that the page shows these records, so its review status covers them."""
        for record in records:
            review = getattr(record, "review", None)
            if review is None:
                continue
            self.shown.add(id(record))
            if review not in self.reviews:
                self.reviews.append(review)


def trial_src(trial_id: str) -> str:
    return f"trials/{trial_id}.md"
