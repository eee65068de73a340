"""Glossary page and the abbreviation definitions that become tooltips on every page."""

from __future__ import annotations

from ..loader import Guide
from ..pagecontext import PageContext


def glossary(guide: Guide, ctx: PageContext, plain_only: bool = False) -> str:
    """Every term as a heading (so each has a link target): the clinician definition with the
    plain one after it, or (`plain_only`, for patient pages) the plain one alone."""
    ctx.shows(guide.glossary)
    out = []
    for t in sorted(guide.glossary.terms, key=lambda t: t.term.lower()):
        abbr = f" ({t.abbreviation})" if t.abbreviation else ""
        out.append(f"## {t.term}{abbr} {{ #{t.id} }}\n")
        if plain_only:
            out.append(f"{t.plain}\n")
        else:
            out.append(f"{t.clinician}\n")
            out.append(f"*In plain words:* {t.plain}\n")
    return "\n".join(out)


def abbreviations(guide: Guide, audience: str | None = None) -> str:
    """Markdown `abbr` definitions; Material shows them as tooltips wherever the text appears.

    Every page explains the abbreviations. Patient pages also explain the terms themselves
    ("Thrombocytopenia", "adjuvant therapy"), so a medical word that has to stay in plain
    text still carries its everyday meaning.
    """
    lines = []
    for t in guide.glossary.terms:
        title = f"{t.term}: {t.plain}".replace("]", ")").replace("\n", " ")
        if t.abbreviation:
            lines.append(f"*[{t.abbreviation}]: {title}")
        if audience == "patient" and not any(ch in t.term for ch in "()/[]"):
            for form in dict.fromkeys([t.term, t.term.lower()]):
                lines.append(f"*[{form}]: {t.plain}".replace("\n", " "))
    return "\n".join(lines)
