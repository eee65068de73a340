"""Glossary page and the abbreviation definitions that become tooltips on every page."""

from __future__ import annotations

from markupsafe import Markup

from ..guide import Guide
from ..markup import join, md, paragraph
from ..pagecontext import PageContext


def glossary(guide: Guide, ctx: PageContext, plain_only: bool = False) -> Markup:
    """Every term as a heading (so each has a link target): the clinician definition with the
    plain one after it, or (`plain_only`, for patient pages) the plain one alone."""
    if guide.glossary:
        ctx.shows(guide.glossary)
    out = []
    for t in sorted(guide.terms, key=lambda t: t.term.lower()):
        title = t.term + (f" ({t.abbreviation})" if t.abbreviation else "")
        if plain_only:
            blocks = [paragraph(t.plain)]
        else:
            blocks = [paragraph(t.clinician), paragraph(join(Markup("<em>In plain words:</em>"), t.plain))]
        out.append(md("section.md", level=2, title=title, anchor=t.id, blocks=blocks))
    return Markup("\n").join(out)


# Python-Markdown's abbr syntax: "*[TERM]: title". A term or a title with these characters
# could end the definition early or start another; such a term simply gets no tooltip.
_UNSAFE_TERM = frozenset("[]()/\n*")


def abbreviations(guide: Guide, audience: str | None = None) -> str:
    """Markdown `abbr` definitions; Material shows them as tooltips wherever the text appears.

    Every page explains the abbreviations. Patient pages also explain the terms themselves
    ("Thrombocytopenia", "adjuvant therapy"), so a medical word that has to stay in plain
    text still carries its everyday meaning. The title goes into an HTML attribute, which
    Python-Markdown escapes.
    """
    lines = []
    for t in guide.terms:
        title = " ".join(f"{t.term}: {t.plain}".split())
        if t.abbreviation and not _UNSAFE_TERM & set(t.abbreviation):
            lines.append(f"*[{t.abbreviation}]: {title}")
        if audience == "patient" and not _UNSAFE_TERM & set(t.term):
            for form in dict.fromkeys([t.term, t.term.lower()]):
                lines.append(f"*[{form}]: {' '.join(t.plain.split())}")
    return "\n".join(lines)
