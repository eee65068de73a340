"""The level of evidence of a result, computed from its trial's design and its endpoint.

The scheme is the National Cancer Institute's PDQ "Levels of Evidence for Adult and
Pediatric Cancer Treatment Studies" (health professional version, summation of levels as
revised 3 August 2023): the strength of the study design and the strength of the end point
together give a level from A1 (strongest) to D. Only what the data records is used:

- design: a randomised trial (`Trial.randomised`); a subset analysis of one (an analysis of
  kind `exploratory`, which in the data is a subgroup or exploratory analysis), which PDQ
  places one design category lower, with nonrandomised controlled trials; a trial with a
  single arm, which is a case series in PDQ's terms (its patients are selected, not
  consecutive). A nonrandomised trial with several arms is not classified: whether it had a
  planned comparison of efficacy is not recorded.
- end point: overall survival; event-based surrogates (event-free, relapse-free,
  disease-free and progression-free survival, with invasive disease-free survival counted
  as disease-free and distant recurrence-free as relapse-free survival); tumour response
  (objective response rate, with pathological complete response counted as a response).
  Other end points (clinical benefit rate, duration of response, toxicity and the like) have
  no place in the scheme and are left unclassified, never forced into one.
"""

from __future__ import annotations

from types import MappingProxyType

from .i18n import t
from .labels import Words
from .models import EndpointKind, Result, Trial

RANDOMISED, SUBSET, CASE_SERIES = "randomised", "subset", "case-series"
# Where an end point sits is the pack's to say: each of its endpoint kinds (site.yml) may name
# its `evidence_class`, one of these.
SURVIVAL, EVENT, RESPONSE = "survival", "event", "response"

_LEVEL = MappingProxyType({
    (RANDOMISED, SURVIVAL): "A1", (RANDOMISED, EVENT): "B1", (RANDOMISED, RESPONSE): "B3",
    (SUBSET, SURVIVAL): "B4", (SUBSET, EVENT): "B4", (SUBSET, RESPONSE): "B4",
    (CASE_SERIES, SURVIVAL): "C1", (CASE_SERIES, EVENT): "C2", (CASE_SERIES, RESPONSE): "C3",
})

# Each level this engine can compute, in our words (the page explaining the scheme shows these;
# the words are `evidence.level.<code>` in macros/locales/<language>/evidence.yml).
MEANING = Words({code: f"evidence.level.{code}" for code in ("A1", "B1", "B3", "B4", "C1", "C2", "C3")})


def not_classified() -> str:
    """What a table shows for a result with no place in the scheme."""
    return t("trial.results.not_classified")


def design(trial: Trial, result: Result) -> str | None:
    if trial.randomised:
        analysis = next(a for a in trial.analyses if a.id == result.analysis)
        return SUBSET if analysis.kind == "exploratory" else RANDOMISED
    if len(trial.arms) == 1:
        return CASE_SERIES
    return None


def level(trial: Trial, result: Result, kind: EndpointKind | None) -> str | None:
    """'A1', 'B1', ... or None when the design or the end point (`kind`, the result's) has no place in the scheme."""
    d, e = design(trial, result), kind.evidence_class if kind else None
    return _LEVEL[(d, e)] if d and e else None


def meaning(trial: Trial, result: Result, kind: EndpointKind | None) -> str:
    code = level(trial, result, kind)
    return MEANING[code] if code else t("evidence.no_place_pdq")
