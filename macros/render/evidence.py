"""The levels-of-evidence scheme as the engine applies it: the levels it computes, and which
end points count as what (from `macros/evidence_levels.py`, so page and computation agree)."""

from __future__ import annotations

from types import MappingProxyType

from markupsafe import Markup

from .. import evidence_levels as el
from ..guide import Guide
from ..markup import table

_GROUP_WORDS = MappingProxyType(
    {el.SURVIVAL: "overall survival", el.EVENT: "event-based surrogate", el.RESPONSE: "tumour response"})


def levels() -> Markup:
    rows = [[code, meaning] for code, meaning in el.MEANING.items()]
    rows.append([el.NOT_CLASSIFIED, "the design or the end point has no place in the scheme"])
    return table("Levels of evidence computed on this site", ["Level", "Study design and end point"], rows,
                 class_="evidence-levels")


def endpoints(guide: Guide) -> Markup:
    """The pack's endpoint kinds that have a place in the scheme, in the order site.yml lists them."""
    rows = [[k.short, _GROUP_WORDS[k.evidence_class]] for k in guide.site.endpoint_kinds if k.evidence_class]
    return table("End points and where they sit in the scheme", ["End point (as recorded)", "Counted as"], rows,
                 class_="evidence-endpoints")
