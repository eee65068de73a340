"""Glossary page and the abbreviation definitions that become tooltips on every page."""

from __future__ import annotations

from markupsafe import Markup

from ..guide import Guide
from ..i18n import t
from ..markup import join, md, paragraph
from ..models import Term
from ..pagecontext import PageContext


def glossary(guide: Guide, ctx: PageContext) -> Markup:
    """Every term as a heading (so each has a link target): the clinician definition with the
    plain one after it."""
    if guide.glossary:
        ctx.shows(guide.glossary)
    out = []
    in_plain_words = Markup("<em>%s</em>") % t("glossary.in_plain_words")
    for term in sorted(guide.terms, key=lambda term: term.term.lower()):
        title = term.term + (f" ({term.abbreviation})" if term.abbreviation else "")
        blocks = [paragraph(term.clinician), paragraph(join(in_plain_words, term.plain))]
        out.append(md("section.md", level=2, title=title, anchor=term.id, blocks=blocks))
    return Markup("\n").join(out)


def patient_glossary(guide: Guide, ctx: PageContext) -> Markup:
    """The short patient glossary: the terms marked `patient`, A to Z in plain words, under one
    heading per first letter, with a line of jump links to the letters."""
    if guide.glossary:
        ctx.shows(guide.glossary)
    letters: dict[str, list[Markup]] = {}
    for term in sorted(patient_terms(guide), key=lambda term: term.term.lower()):
        title = term.term + (f" ({term.abbreviation})" if term.abbreviation else "")
        letter = term.term[:1].upper() if term.term[:1].isalpha() else "#"
        letters.setdefault(letter, []).append(md("section.md", level=3, title=title, anchor=term.id, blocks=[paragraph(term.plain)]))
    out = []
    for letter, sections in letters.items():
        anchor = f"letter-{letter.lower()}" if letter != "#" else "letter-other"
        out.append({"name": letter, "anchor": anchor,
                    "section": md("section.md", level=2, title=letter, anchor=anchor, blocks=sections)})
    return md("glossary_az.md", letters=out)


def patient_terms(guide: Guide) -> list[Term]:
    return [t for t in guide.terms if t.patient]


# Python-Markdown's abbr syntax: "*[TERM]: title". A term or a title with these characters
# could end the definition early or start another; such a term simply gets no tooltip.
_UNSAFE_TERM = frozenset("[]()/\n*")


def abbreviations(guide: Guide, audience: str | None = None) -> str:
    """Markdown `abbr` definitions; Material shows them as tooltips wherever the text appears.

    Every page explains the abbreviations (patient pages: those of the patient glossary's terms).
    Patient pages also explain the terms themselves
    ("Thrombocytopenia", "adjuvant therapy"), so a medical word that has to stay in plain
    text still carries its everyday meaning. The title goes into an HTML attribute, which
    Python-Markdown escapes.
    """
    lines = []
    # Patient pages explain the patient glossary's terms (and their abbreviations) only.
    terms = patient_terms(guide) if audience == "patient" else guide.terms
    for term in terms:
        title = " ".join(f"{term.term}: {term.plain}".split())
        if term.abbreviation and not _UNSAFE_TERM & set(term.abbreviation):
            lines.append(f"*[{term.abbreviation}]: {title}")
        if audience == "patient" and not _UNSAFE_TERM & set(term.term):
            for form in dict.fromkeys([term.term, term.term.lower()]):
                lines.append(f"*[{form}]: {' '.join(term.plain.split())}")
    return "\n".join(lines)
