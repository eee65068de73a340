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
from .i18n import t
from .labels import Words
from .models import GuidelineStatement, Option, RegulatoryAction, Sequencing


class Standing(str, Enum):
    recommended = "recommended"  # a guideline's latest statement prefers or recommends it; nothing unverified
    current = "current"  # approved, or listed or recommended with its current ranking not verified
    trial_only = "trial-only"  # no approval and no guideline statement recorded
    replaced = "replaced"  # the latest statements say to use something else instead


# What each category means, for the diagram's legend; also the order of the legend. The words are
# in macros/locales/<language>/sequencing.yml, looked up at each use (labels.Words).
STANDING_LEGEND = Words({
    Standing.recommended: "sequencing.standing.recommended",
    Standing.current: "sequencing.standing.current",
    Standing.trial_only: "sequencing.standing.trial_only",
    Standing.replaced: "sequencing.standing.replaced",
})

# Guideline stances in the order a status line names them; each has its phrases (`sequencing.stance_by.<stance>`, ...).
STANCES = ("preferred", "recommended", "listed", "replaced")
# A regulatory action as the data names it -> the name of its phrases (`sequencing.action_by.<name>`, ...).
ACTIONS = MappingProxyType({"approved": "approved", "breakthrough therapy designation": "breakthrough"})


def separator() -> str:
    """Between the parts of an option's status line: ' · '."""
    return t("sequencing.separator")


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
    return (t("sequencing.guideline_year", body=s.body, year=s.year) if s.year
            else t("sequencing.guideline_no_year", body=s.body))


def label(option: Option) -> str:
    """The option's status in words, every part dated and attributed."""
    parts = []
    for action, name in ACTIONS.items():
        by = [t("sequencing.authority_date", authority=a.authority, date=fmt.date(a.date))
              for a in shown_actions(option) if a.action == action]
        if by:
            parts.append(t(f"sequencing.action_by.{name}", by="; ".join(by)))
    latest = latest_statements(option)
    for stance in STANCES:
        names = [guideline_name(s) for s in latest if s.stance == stance]
        if names:
            parts.append(t(f"sequencing.stance_by.{stance}", names=", ".join(names)))
    if not parts:  # neither an approval nor a guideline statement: say so, not a bare "under study"
        parts.append(t("sequencing.trial_only") if option.trials else t("sequencing.no_approval"))
        if not option.guideline_gap:
            parts.append(t("sequencing.no_guideline"))
    if option.guideline_gap:
        parts.append(t("sequencing.ranking_not_verified") if latest else t("sequencing.adoption_not_verified"))
    text = separator().join(parts)
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
