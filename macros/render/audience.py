"""The switch between a topic's patient page and its clinician page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from ..guide import Guide
from ..i18n import t
from ..markup import html, md
from ..pagecontext import PageContext

ORDER = ("patient", "clinician")


def switch(labels: Mapping[Any, str], current: str, counterpart_href: str) -> Markup:
    """Two links at the top of the page; the current side is marked, not linked.

    Plain links, so the switch works without JavaScript; `assets/audience.js` only adds
    the optional "remember my choice".
    """
    sides = [
        {"audience": side, "label": labels[side], "current": side == current, "href": counterpart_href}
        for side in ORDER
    ]
    return html("audience_switch.html", audience=current, sides=sides)


def doors(guide: Guide, ctx: PageContext) -> Markup:
    """The home page's doors: one large link per audience to its landing page (site.yml `doors`).

    Markdown links (MkDocs checks and rewrites them); `assets/audience.js` adds "remember my
    choice" and, on the first page of a visit, takes a reader who asked to be remembered
    through their door.
    """
    items = [{"audience": d.audience, "label": d.label, "note": d.note, "href": ctx.link(d.page)}
             for d in guide.site.doors]
    return md("audience_doors.md", doors=items, heading=t("page.doors_heading")) if items else Markup("")
