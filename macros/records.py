"""Every reviewed record of a guide, with a stable key and a name a reader recognises.

Review status and the change log talk about records ("the trial record ALPHA",
"the adverse-event table ..."), not about Python objects. This module is the one
place that knows which parts of the data carry a `review` and what to call them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .guide import Guide
from .models import Review


@dataclass(frozen=True)
class RecordRef:
    key: str  # e.g. "trial:alpha", "ae-table:alpha-grade3"
    kind: str  # what sort of record, for readers: "trial", "adverse-event table", ...
    label: str  # its name: the trial name, the table title...
    file: str  # data file it lives in, relative to the data folder
    review: Review
    record_id: int  # id() of the record object, to match what a page showed (see PageContext.shows)


def _refs(guide: Guide) -> list[RecordRef]:
    out: list[RecordRef] = []

    def add(key: str, kind: str, label: str, file: str, record) -> None:
        out.append(RecordRef(key, kind, label, file, record.review, id(record)))

    for t in guide.trials.values():
        add(f"trial:{t.id}", "trial", t.name, f"trials/{t.id}.yml", t)
    add("drug", "drug facts", guide.drug.name, "drug.yml", guide.drug)
    if guide.safety:
        add("safety", "safety (monitoring)", "Monitoring", "safety.yml", guide.safety)
    for table in guide.ae_tables:
        add(f"ae-table:{table.id}", "adverse-event table", table.title, "safety.yml", table)
    for warning in guide.warnings:
        add(f"warning:{warning.id}", "warning", warning.title, "safety.yml", warning)
    for mod in guide.dose_modifications:
        add(f"dose-modification:{mod.id}", "dose-modification rule", mod.topic, "safety.yml", mod)
    if guide.sequencing:
        add("sequencing", "treatment sequencing", "Pathways, guideline positions and timeline", "sequencing.yml",
            guide.sequencing)
    if guide.glossary:
        add("glossary", "glossary", "Glossary", "glossary.yml", guide.glossary)
    p = guide.patient
    for pr in p.results:
        add(f"patient-result:{pr.id}", "patient wording of a result", pr.id, "patient.yml", pr)
    for se in p.side_effects:
        add(f"patient-side-effect:{se.id}", "patient wording of a side effect", se.id, "patient.yml", se)
    for gd in p.guidance:
        add(f"guidance:{gd.id}", "warning signs for patients", gd.effect, "patient.yml", gd)
    seen = set()
    for ref_id, review in guide.reference_reviews.items():
        file = guide.sources.get(f"ref:{ref_id}")
        name = file.name if file else "references"
        if name not in seen:
            seen.add(name)
            out.append(RecordRef(f"references:{name}", "reference list", name, f"references/{name}", review, id(review)))
    return out


def records(guide: Guide) -> tuple[RecordRef, ...]:
    """All reviewed records, listed once per loaded guide (the guide is immutable)."""
    return guide.derived("records", lambda: tuple(_refs(guide)))
