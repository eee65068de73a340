"""The levels-of-evidence scheme as the engine applies it: the levels it computes, and which
end points count as what (from `macros/evidence_levels.py`, so page and computation agree)."""

from __future__ import annotations

from markupsafe import Markup

from .. import evidence_levels as el
from ..guide import Guide
from ..i18n import t
from ..markup import table


def levels() -> Markup:
    rows = [[code, meaning] for code, meaning in el.MEANING.items()]
    rows.append([el.not_classified(), t("evidence.no_place")])
    return table(t("evidence.levels.caption"), [t("evidence.levels.level"), t("evidence.levels.design")], rows,
                 class_="evidence-levels")


def endpoints(guide: Guide) -> Markup:
    """The pack's endpoint kinds that have a place in the scheme, in the order site.yml lists them."""
    rows = [[k.short, t(f"evidence.group.{k.evidence_class}")] for k in guide.site.endpoint_kinds if k.evidence_class]
    return table(t("evidence.endpoints.caption"), [t("evidence.endpoints.endpoint"), t("evidence.endpoints.counted")],
                 rows, class_="evidence-endpoints")
