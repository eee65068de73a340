"""Reference lists: the per-page list of cited sources and the site-wide catalogue."""

from __future__ import annotations

from markupsafe import Markup

from .. import bibliography
from ..citations import PageCitations
from ..markup import html
from ..models import Reference, Status


def page_list(citations: PageCitations, refs: dict[str, Reference], formatted: dict[str, Markup], catalogue_url: str) -> Markup:
    entries = []
    for n, ref_id in enumerate(citations.order, start=1):
        ref = refs[ref_id]
        entries.append({
            "n": n, "id": ref_id, "html": formatted[ref_id], "links": bibliography.links(ref),
            "uses": citations.uses[ref_id], "unverified": ref.citation_status == Status.unverified,
        })
    return html("page_references.html", entries=entries, catalogue_url=catalogue_url)


def sort_key(ref: Reference) -> tuple[str, int, str]:
    first = ref.authors[0].family if ref.authors else ref.author_organisation or ref.title
    return (first.lower(), ref.year or 0, ref.title.lower())


def catalogue(refs: dict[str, Reference], formatted: dict[str, Markup]) -> Markup:
    """Every source, alphabetical, with a placeholder the build fills with the pages citing it."""
    entries = [
        {"id": r.id, "html": formatted[r.id], "links": bibliography.links(r),
         "unverified": r.citation_status == Status.unverified, "checked": r.checked_against}
        for r in sorted(refs.values(), key=sort_key)
    ]
    return html("catalogue.html", entries=entries)
