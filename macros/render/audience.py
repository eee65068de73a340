"""The switch between a topic's patient page and its clinician page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from ..markup import html

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
