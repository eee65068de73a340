"""The trials, efficacy and adverse-event tables as flat rows, for CSV and JSON downloads.

Pure functions from the loaded `Guide` to lists of dicts whose keys are the column names.
Figures stay the strings they were published as (`Decimal("0.50")` -> `"0.50"`); counts are
ints, yes/no fields bools, missing values `None`. `downloads.py` decides how each type is
written in CSV and JSON.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from .. import evidence_levels
from ..guide import Guide
from ..models import Comparison, Result, Statistic, Trial

Row = dict[str, str | int | bool | None]

TRIAL_COLUMNS = (
    "trial_id", "name", "title", "nct", "other_ids", "phase", "design", "randomisation_ratio", "blinding",
    "setting", "line", "role", "population", "n_randomised", "n_enrolled", "arms", "arm_sizes",
    "primary_endpoint", "status",
)

EFFICACY_COLUMNS = (
    "trial_id", "trial_name", "analysis_id", "analysis", "data_cutoff", "result_id", "endpoint", "endpoint_kind",
    "level_of_evidence", "primary_endpoint", "timepoint", "row", "arm_id", "arm", "statistic", "value", "unit", "not_reached",
    "ci_lower", "ci_upper", "events", "denominator", "measure", "comparison", "ci_level", "p", "p_note", "stratified",
    "reference", "status", "note",
)

ADVERSE_EVENT_COLUMNS = (
    "table_id", "trial_id", "trial_name", "analysis_id", "analysis", "data_cutoff", "title", "basis", "term",
    "term_note", "arm_id", "arm", "all_grades", "grade3plus", "patients", "reference", "status",
)

UNIT = MappingProxyType({Statistic.median: "months", Statistic.rate: "%", Statistic.counted: "patients"})


def _s(value: Decimal | None) -> str | None:
    """A figure as published; str(Decimal) keeps every digit the author typed."""
    return None if value is None else str(value)


def trials(guide: Guide) -> list[Row]:
    return [
        {
            "trial_id": t.id, "name": t.name, "title": t.title, "nct": t.registry.nct,
            "other_ids": " | ".join(t.registry.other_ids) or None, "phase": t.phase, "design": t.design,
            "randomisation_ratio": t.randomisation_ratio, "blinding": t.blinding, "setting": guide.setting_label(t.setting),
            "line": t.line, "role": t.role.value, "population": t.population, "n_randomised": t.n_randomised,
            "n_enrolled": t.n_enrolled, "arms": " | ".join(a.label for a in t.arms),
            "arm_sizes": " | ".join("" if a.n is None else str(a.n) for a in t.arms),
            "primary_endpoint": t.primary_endpoint, "status": t.status.value,
        }
        for t in guide.trials.values()
    ]


def efficacy(guide: Guide) -> list[Row]:
    """One row per arm value and one per comparison of every result."""
    rows: list[Row] = []
    for trial in guide.trials.values():
        analyses = {a.id: a for a in trial.analyses}
        labels = {a.id: a.label for a in trial.arms}
        for result in trial.results:
            analysis = analyses[result.analysis]
            kind = guide.endpoint_kind(result.kind)
            common: Row = {
                "trial_id": trial.id, "trial_name": trial.name, "analysis_id": analysis.id, "analysis": analysis.label,
                "data_cutoff": analysis.data_cutoff, "result_id": result.id, "endpoint": result.endpoint,
                "endpoint_kind": kind.label if kind else None, "level_of_evidence": evidence_levels.level(trial, result, kind),
                "primary_endpoint": result.primary_endpoint,
                "timepoint": result.timepoint or None,
            }
            tail: Row = {"reference": result.reference, "status": result.status.value, "note": result.note or None}
            for arm_id, v in result.arms.items():
                rows.append(_blank() | common | {
                    "row": "arm", "arm_id": arm_id, "arm": labels[arm_id],
                    "statistic": result.statistic.value if result.statistic else None,
                    "value": _s(v.value), "unit": UNIT.get(result.statistic) if v.value is not None and result.statistic else None,
                    "not_reached": v.not_reached, "ci_lower": _s(v.ci[0]) if v.ci else None,
                    "ci_upper": _s(v.ci[1]) if v.ci else None, "events": v.events, "denominator": v.of,
                } | tail)
            for comp in result.all_comparisons:
                rows.append(_blank() | common | _comparison(comp, labels, result) | tail)
    return rows


def _comparison(comp: Comparison, labels: dict[str, str], result: Result) -> Row:
    return {
        "row": "comparison", "measure": comp.measure, "value": _s(comp.value),
        "unit": "percentage points" if comp.measure == "difference" else None,
        "comparison": f"{labels[comp.arms[0]]} vs {labels[comp.arms[1]]}" if comp.arms else None,
        "ci_lower": _s(comp.ci[0]) if comp.ci else None, "ci_upper": _s(comp.ci[1]) if comp.ci else None,
        "ci_level": _s(comp.ci_level) if comp.ci else None, "p": comp.p, "p_note": comp.p_note or None,
        "stratified": comp.stratified,
    }


def _blank() -> Row:
    return dict.fromkeys(EFFICACY_COLUMNS)


def adverse_events(guide: Guide) -> list[Row]:
    """One row per event term and arm of every adverse-event table."""
    rows: list[Row] = []
    for table in guide.ae_tables:
        trial: Trial = guide.trials[table.trial]
        analysis = next(a for a in trial.analyses if a.id == table.analysis)
        labels = {a.id: a.label for a in trial.arms}
        for row in table.rows:
            for arm_id, v in row.values.items():
                rows.append({
                    "table_id": table.id, "trial_id": trial.id, "trial_name": trial.name, "analysis_id": analysis.id,
                    "analysis": analysis.label, "data_cutoff": analysis.data_cutoff, "title": table.title,
                    "basis": table.basis, "term": row.term, "term_note": row.note or None, "arm_id": arm_id,
                    "arm": labels[arm_id], "all_grades": _s(v.all_grades), "grade3plus": _s(v.grade3plus),
                    "patients": _s(v.patients), "reference": table.reference, "status": table.status.value,
                })
    return rows
