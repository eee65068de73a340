"""The whole data set as one JSON document, and a JSON Schema for it generated from the models.

`GuideData` wraps every data file in one model (the same models the loader validates
with), so `guide.json` can be read back with `GuideData.model_validate_json` and checked
with `guide.schema.json` by any JSON Schema validator.

Figures (`Decimal` in the models) are written as JSON strings holding the published digits
("0.50", not 0.5); the schema says `"type": "string"` for them. A JSON number could not keep
a trailing zero through most JSON readers.
"""

from __future__ import annotations

import json

from pydantic import Field

from .. import evidence_levels
from ..guide import Guide
from ..models import Drug, Glossary, Model, Reference, Safety, Sequencing, Site, Trial

SCHEMA_FILE = "guide.schema.json"


class ResultLevel(Model):
    """The level of evidence of one result, computed from its trial's design and its endpoint
    (`evidence_levels.level`); never typed into the data, so it is carried beside the trials."""

    trial: str = Field(description="the trial's id")
    result: str = Field(description="the result's id within the trial")
    level: str | None = Field(description="NCI PDQ level, e.g. 'A1' or 'B4'; null when the design or the end point "
                                          "has no place in the scheme (not classified)")
    meaning: str = Field(description="what the level means for this result, in words")


class GuideData(Model):
    """Every data file of a guide: site.yml, drug.yml, references/*.yml, trials/*.yml, safety.yml,
    sequencing.yml and glossary.yml."""

    site: Site
    drug: Drug
    references: list[Reference] = Field(description="every source, from references/*.yml")
    trials: list[Trial] = Field(description="one entry per trials/<id>.yml")
    safety: Safety | None = Field(description="safety.yml; null when the pack has none")
    sequencing: Sequencing | None = Field(description="sequencing.yml; null when the pack has none")
    glossary: Glossary | None = Field(description="glossary.yml; null when the pack has none")
    levels_of_evidence: list[ResultLevel] = Field(
        default_factory=list, description="the computed level of evidence of every trial result (empty when the "
                                          "pack's endpoint kinds have no place in the scheme)")


def guide_data(guide: Guide) -> GuideData:
    return GuideData(
        site=guide.site, drug=guide.drug, references=list(guide.references.values()),
        trials=list(guide.trials.values()), safety=guide.safety, sequencing=guide.sequencing,
        glossary=guide.glossary, levels_of_evidence=_levels(guide),
    )


def _levels(guide: Guide) -> list[ResultLevel]:
    if not guide.uses_evidence_levels:
        return []
    out = []
    for trial in guide.trials.values():
        for result in trial.results:
            kind = guide.endpoint_kind(result.kind)
            out.append(ResultLevel(trial=trial.id, result=result.id, level=evidence_levels.level(trial, result, kind),
                                   meaning=evidence_levels.meaning(trial, result, kind)))
    return out


def guide_json(guide: Guide) -> str:
    return guide_data(guide).model_dump_json(indent=1) + "\n"


def guide_schema(title: str) -> str:
    schema = GuideData.model_json_schema(mode="serialization")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_FILE,
        "title": title,
        **{k: v for k, v in schema.items() if k != "title"},
    }
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"
