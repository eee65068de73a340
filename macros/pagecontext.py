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


@dataclass
class PageContext:
    src: str  # source path of the page, e.g. "trials/emilia.md"
    registry: CitationRegistry
    citations: PageCitations
    unverified: list[str] = field(default_factory=list)
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
        self.unverified.append(what)


def trial_src(trial_id: str) -> str:
    return f"trials/{trial_id}.md"
