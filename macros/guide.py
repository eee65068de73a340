"""The loaded guide and the lookups that render, figures and reuse all need.

`Guide` is what `loader.load_guide` returns: every validated record of a content pack,
frozen. The functions here answer the questions several parts of the engine ask (which
result is a trial's main one, which two arms a patient sentence compares, where a
trial's page lives), so those parts never import each other to ask them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import UnknownName
from .i18n import Strings, engine_strings
from .models import (
    AETable,
    Analysis,
    DoseModification,
    Drug,
    EndpointKind,
    Fact,
    Glossary,
    GuidelinePosition,
    Monitoring,
    Pathway,
    Patient,
    PlainResult,
    Prescribing,
    PrescribingSection,
    Quizzes,
    Reference,
    Result,
    Review,
    Safety,
    Sequencing,
    Setting,
    Site,
    Term,
    TimelineEvent,
    Trial,
    Warning_,
)

# Source paths of the pages the engine itself links to or generates.
OVERVIEW_SRC = "trials/index.md"
CATALOGUE_SRC = "references.md"
SAFETY_SRC = "safety.md"
PRESCRIBING_SRC = "prescribing.md"  # where patient pages link for a prescribing fact's detail


def trial_src(trial_id: str) -> str:
    """Source path of a trial's generated page."""
    return f"trials/{trial_id}.md"


T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Guide:
    data_dir: Path
    site: Site
    drug: Drug
    references: dict[str, Reference]
    trials: dict[str, Trial]
    # safety.yml, sequencing.yml and glossary.yml are optional: a pack without one shows none of its sections
    safety: Safety | None
    sequencing: Sequencing | None
    glossary: Glossary | None
    patient: Patient
    # prescribing.yml, when the pack has one (label facts for prescribers and pharmacists)
    prescribing: Prescribing | None = None
    # quiz.yml, when the pack has one (self-check questions at the end of modules)
    quiz: Quizzes | None = None
    # the review of the file each reference came from: a page citing it shows that record
    reference_reviews: dict[str, Review] = field(default_factory=dict)
    # where each record came from ("trial:<id>", "ref:<id>"), for messages raised after loading
    sources: dict[str, Path] = field(default_factory=dict)
    # Values derived from the whole guide (the forest plots' shared axis, the list of reviewed
    # records), worked out once per loaded guide by `derived`. A guide lives for one build.
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]  # type: ignore[no-any-return,unused-ignore]

    @property
    def strings(self) -> Strings:
        """The engine's words in the pack's language, with the pack's own wording where it sets some."""
        return self.derived("strings", lambda: engine_strings(self.site.language).with_overrides(self.site.strings))

    @property
    def audience_labels(self) -> dict[str, str]:
        """The audience switch's two sides: the pack's words, else the engine's in the guide's language."""
        return {a: self.site.audience_labels.get(a) or self.strings.t(f"page.audience.{a}")
                for a in ("patient", "clinician")}

    # The optional files' records, empty when the pack has no such file.
    @property
    def ae_tables(self) -> list[AETable]:
        return self.safety.adverse_event_tables if self.safety else []

    @property
    def warnings(self) -> list[Warning_]:
        return self.safety.warnings if self.safety else []

    @property
    def dose_modifications(self) -> list[DoseModification]:
        return self.safety.dose_modifications if self.safety else []

    @property
    def monitoring(self) -> list[Monitoring]:
        return self.safety.monitoring if self.safety else []

    @property
    def pathways(self) -> list[Pathway]:
        return self.sequencing.pathways if self.sequencing else []

    @property
    def guideline_positions(self) -> list[GuidelinePosition]:
        return self.sequencing.guidelines if self.sequencing else []

    @property
    def timeline(self) -> list[TimelineEvent]:
        return self.sequencing.timeline if self.sequencing else []

    @property
    def terms(self) -> list[Term]:
        return self.glossary.terms if self.glossary else []

    # The pack's settings and endpoint kinds (site.yml): pages show their labels, never their ids.
    def setting(self, setting_id: str) -> Setting:
        for s in self.site.settings:
            if s.id == setting_id:
                return s
        raise UnknownName("setting", setting_id, (s.id for s in self.site.settings))

    def setting_label(self, setting_id: str) -> str:
        return self.setting(setting_id).label

    @property
    def uses_evidence_levels(self) -> bool:
        """Whether any endpoint kind has a place in the levels of evidence: if none, tables leave the column out."""
        return any(k.evidence_class for k in self.site.endpoint_kinds)

    def endpoint_kind(self, kind_id: str | None) -> EndpointKind | None:
        return next((k for k in self.site.endpoint_kinds if k.id == kind_id), None)

    def endpoint_short(self, result: Result) -> str:
        """What a table or figure calls a result's endpoint: its kind's abbreviation (or label), else its own name."""
        kind = self.endpoint_kind(result.kind)
        return kind.short if kind else result.endpoint

    # Lookups by id that an author may get wrong in a page: each names the nearest valid ids.
    def trial(self, trial_id: str) -> Trial:
        if trial_id not in self.trials:
            raise UnknownName("trial id", trial_id, self.trials)
        return self.trials[trial_id]

    def reference(self, ref_id: str) -> Reference:
        if ref_id not in self.references:
            raise UnknownName("reference id", ref_id, self.references)
        return self.references[ref_id]

    def ae_table(self, table_id: str) -> AETable:
        for table in self.ae_tables:
            if table.id == table_id:
                return table
        raise UnknownName("adverse-event table", table_id, (t.id for t in self.ae_tables))

    def prescribing_section(self, section_id: str) -> PrescribingSection:
        sections = self.prescribing.sections if self.prescribing else []
        for section in sections:
            if section.id == section_id:
                return section
        raise UnknownName("prescribing section", section_id, (s.id for s in sections))

    def fact(self, fact_id: str) -> tuple[PrescribingSection, Fact]:
        """A fact of prescribing.yml by id, with the section (the reviewed record) it belongs to."""
        sections = self.prescribing.sections if self.prescribing else []
        for section in sections:
            for fact in section.facts:
                if fact.id == fact_id:
                    return section, fact
        raise UnknownName("prescribing fact", fact_id, (f.id for s in sections for f in s.facts))


def result_of(trial: Trial, result_id: str) -> Result:
    for result in trial.results:
        if result.id == result_id:
            return result
    raise UnknownName(f"result of {trial.name}", result_id, (r.id for r in trial.results))


def analysis_of(trial: Trial, analysis_id: str) -> Analysis:
    """The analysis a result or table belongs to (the loader has checked that it exists)."""
    return next(a for a in trial.analyses if a.id == analysis_id)


def arm_labels(trial: Trial) -> dict[str, str]:
    return {a.id: a.label for a in trial.arms}


def primary_result(trial: Trial) -> Result | None:
    """The first primary-endpoint result of the earliest analysis that reports one."""
    for analysis in trial.analyses:
        for result in trial.results:
            if result.analysis == analysis.id and result.primary_endpoint:
                return result
    return None


def plain_result_arms(trial: Trial, pr: PlainResult, result: Result) -> tuple[str, str] | None:
    """The two arms a patient sentence compares: as set in the data, else the result's first comparison."""
    if pr.arms:
        return pr.arms
    for comp in result.all_comparisons:
        if comp.arms:
            return comp.arms
    with_values = [a.id for a in trial.arms if a.id in result.arms]
    return (with_values[0], with_values[1]) if len(with_values) == 2 else None

