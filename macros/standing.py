"""Where a pathway option stands, derived from its dated facts; never typed in as a bare label.

An option carries who approved it and when (`regulatory`), what each guideline says about it
and in which year (`guidelines`), what could not be verified (`guideline_gap`) and when all
that was last checked (`checked_on`). From those facts this module derives

- `label(option)`: the words shown in the pathway list, the diagram and its text version,
  e.g. "Approved: US FDA, 15 May 2026 · guideline adoption not verified";
- `standing(option)`: one of four categories that the diagram draws as an outline style;
- `stale(sequencing)`: the options whose facts were checked before the pathway's
  "current as of" date, for the build to warn about.

Only the latest statement of each guideline body counts (a 2022 update replaces the 2018
text); a statement without a year counts as the oldest of its body.
"""

from __future__ import annotations

import datetime
from enum import Enum
from types import MappingProxyType

from . import fmt
from .models import GuidelineStatement, Option, RegulatoryAction, Sequencing


class Standing(str, Enum):
    recommended = "recommended"  # a guideline's latest statement prefers or recommends it; nothing unverified
    current = "current"  # approved, or listed or recommended with its current ranking not verified
    trial_only = "trial-only"  # no approval and no guideline statement recorded
    replaced = "replaced"  # the latest statements say to use something else instead


# What each category means, for the diagram's legend; also the order of the legend.
STANDING_LEGEND = MappingProxyType({
    Standing.recommended: "Recommended by a guideline",
    Standing.current: "Approved or listed; ranking not verified",
    Standing.trial_only: "Trial evidence only",
    Standing.replaced: "Replaced in a guideline",
})

STANCE_LABEL = MappingProxyType({
    "preferred": "Preferred", "recommended": "Recommended", "listed": "Listed as an option", "replaced": "Replaced",
})
ACTION_LABEL = MappingProxyType({
    "approved": "Approved", "breakthrough therapy designation": "Breakthrough therapy designation",
})
SEP = " · "


def latest_statements(option: Option) -> list[GuidelineStatement]:
    """Each guideline body's latest statement, in the order the bodies are first listed."""
    latest: dict[str, GuidelineStatement] = {}
    for s in option.guidelines:
        held = latest.get(s.body)
        if held is None or (s.year or 0) >= (held.year or 0):
            latest[s.body] = s
    return list(latest.values())


def shown_actions(option: Option) -> list[RegulatoryAction]:
    """Approvals, and designations from an authority that has not (yet) approved the option."""
    approved_by = {a.authority for a in option.regulatory if a.action == "approved"}
    return [a for a in option.regulatory if a.action == "approved" or a.authority not in approved_by]


def standing(option: Option) -> Standing:
    stances = {s.stance for s in latest_statements(option)}
    if stances & {"preferred", "recommended"} and not option.guideline_gap:
        return Standing.recommended
    if stances & {"preferred", "recommended", "listed"} or any(a.action == "approved" for a in option.regulatory):
        return Standing.current
    if "replaced" in stances:
        return Standing.replaced
    return Standing.trial_only


def guideline_name(s: GuidelineStatement) -> str:
    return f"{s.body} {s.year}" if s.year else f"{s.body} (year not recorded)"


def label(option: Option) -> str:
    """The option's status in words, every part dated and attributed."""
    parts = []
    for action in ACTION_LABEL:
        by = [f"{a.authority}, {fmt.date(a.date)}" for a in shown_actions(option) if a.action == action]
        if by:
            parts.append(f"{ACTION_LABEL[action]}: {'; '.join(by)}")
    latest = latest_statements(option)
    for stance, words in STANCE_LABEL.items():
        names = [guideline_name(s) for s in latest if s.stance == stance]
        if names:
            parts.append(f"{words}: {', '.join(names)}")
    if not parts:  # neither an approval nor a guideline statement: say so, not a bare "under study"
        parts.append("Trial evidence only; no approval recorded" if option.trials else "No approval recorded")
        if not option.guideline_gap:
            parts.append("no guideline statement recorded")
    if option.guideline_gap:
        parts.append("current guideline ranking not verified" if latest else "guideline adoption not verified")
    text = SEP.join(parts)
    return text[0].upper() + text[1:]


def _period_start(partial: str) -> datetime.date:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD period."""
    bits = [int(b) for b in partial.split("-")]
    return datetime.date(bits[0], bits[1] if len(bits) > 1 else 1, bits[2] if len(bits) > 2 else 1)


def stale(sequencing: Sequencing | None) -> list[str]:
    """One message per option whose facts were checked before the period `current_as_of` names."""
    if sequencing is None:
        return []
    since = _period_start(sequencing.current_as_of)
    out = []
    for i, path in enumerate(sequencing.pathways):
        for j, step in enumerate(path.steps):
            for k, opt in enumerate(step.options):
                if opt.checked_on < since:
                    out.append(
                        f"sequencing.yml → pathways[{i}].steps[{j}].options[{k}].checked_on: {opt.name!r} was checked "
                        f"on {opt.checked_on.isoformat()}, before the pathway's current-as-of date "
                        f"({fmt.date(sequencing.current_as_of)}); check its approvals and guideline statements again"
                    )
    return out
