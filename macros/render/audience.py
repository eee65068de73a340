"""The switch between a topic's patient page and its clinician page."""

from __future__ import annotations

from .templates import render

ORDER = ("patient", "clinician")


def switch(labels: dict[str, str], current: str, counterpart_link: str) -> str:
    """Two links at the top of the page; the current side is marked, not linked.

    Plain links, so the switch works without JavaScript; `assets/audience.js` only adds
    the optional "remember my choice".
    """
    sides = [
        {"audience": side, "label": labels[side], "current": side == current, "link": counterpart_link}
        for side in ORDER
    ]
    return str(render("audience_switch.html", audience=current, sides=sides))
