"""Pydantic models: the single definition of what `data/` may hold.

Every model is frozen and forbids unknown keys, so a typo in a data file is an
error, never a silently ignored field. Numbers that a reader sees are `Decimal`
(the YAML loader keeps the digits as written), so 0.50 stays "0.50".

The models are content-agnostic: nothing here knows which drug a guide is about.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .text import InlineMarkdown, OptionalText, PlainText


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
# An endpoint kind's id may keep its usual capitals ("PFS", "iDFS"): ids are never shown, abbreviations are.
KindId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]  # a non-empty string that is not shown as text (an identifier)
Percent = Annotated[Decimal, Field(ge=0, le=100)]
# A P value as published: "0.0006", "<0.001", "<.0001", "=0.007 (nominal)" is not allowed;
# qualifiers go in the result's note.
PValue = Annotated[str, StringConstraints(pattern=r"^(<|>|≤)?\s?0?\.\d+$|^\d(\.\d+)?\s?[×x]\s?10[⁻-]\d+$")]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD and reject impossible calendar dates."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real calendar date ({err})") from None
    return value


PartialDate = Annotated[str, AfterValidator(check_partial_date)]


class Status(str, Enum):
    """How far a value has been checked (see the evidence sheets' status table)."""

    verified = "verified"  # seen word for word in the primary source
    verified_secondary = "verified-secondary"  # seen in a review/guideline that cites the primary
    unverified = "unverified"  # believed, not seen: shown only with a visible warning


class Stage(str, Enum):
    """Editorial stage of a record (and, derived, of a page: its least advanced record)."""

    draft = "draft"  # entered from the evidence, not yet checked by a second person
    reviewed = "reviewed"  # a second person checked it against the source
    approved = "approved"  # signed off for publication by a clinical editor


STAGE_ORDER = MappingProxyType({Stage.draft: 0, Stage.reviewed: 1, Stage.approved: 2})


class Change(Model):
    """One entry of a record's history: what changed, when and why."""

    date: datetime.date
    kind: Literal["added", "updated", "corrected", "reviewed"]
    summary: PlainText


class Review(Model):
    """Who last checked a record against its source, when, and when it is next due."""

    stage: Stage
    reviewed_by: PlainText
    reviewed_on: datetime.date
    next_review: datetime.date
    history: list[Change] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Review:
        if self.next_review <= self.reviewed_on:
            raise ValueError(f"next_review ({self.next_review}) must be after reviewed_on ({self.reviewed_on})")
        for i, change in enumerate(self.history):
            if change.date > self.reviewed_on:
                raise ValueError(f"history[{i}].date ({change.date}) is after reviewed_on ({self.reviewed_on})")
        return self


class Reviewed(Model):
    """Mixin for a record that a reviewer signs off as a whole."""

    review: Review


class IdStatus(str, Enum):
    confirmed = "confirmed"
    code_only = "code-only"  # seen only in other projects' files; usable for a link, flagged
    unverified = "unverified"


class Checked(Model):
    """Mixin for anything carrying a figure: its status and where it was checked."""

    status: Status
    checked_against: list[PlainText] = Field(
        default_factory=list, description="Evidence-sheet source ids, e.g. 'metastatic:S2a'"
    )


# --------------------------------------------------------------------------- references


class Person(Model):
    family: PlainText
    given: OptionalText = ""
    suffix: OptionalText = Field(default="", description="a name suffix as published, e.g. 'III' or 'Jr'")


class Identifier(Model):
    value: NonEmpty
    status: IdStatus = IdStatus.confirmed


class Reference(Model):
    """A source, shaped like CSL-JSON so a CSL processor can format it."""

    id: Id
    type: Literal["article-journal", "report", "legislation", "webpage", "paper-conference", "dataset"]
    authors: list[Person] = Field(default_factory=list)
    et_al: bool = False
    author_organisation: OptionalText = ""
    title: PlainText
    container_title: OptionalText = ""
    year: int | None = Field(default=None, ge=1900, le=2100)
    issued: PartialDate | None = None
    volume: OptionalText = ""
    issue: OptionalText = ""
    page: OptionalText = ""
    doi: Identifier | None = None
    pmid: Identifier | None = None
    nct: Identifier | None = None
    url: str = ""
    note: OptionalText = ""
    citation_status: Status = Status.verified
    checked_against: list[PlainText] = Field(default_factory=list)


    @field_validator("doi")
    @classmethod
    def _doi_shape(cls, v: Identifier | None) -> Identifier | None:
        if v is not None and not re.match(r"^10\.\d{4,9}/\S+$", v.value):
            raise ValueError(f"expected a bare DOI such as 10.1056/NEJMoa1209124, got {v.value!r}")
        return v

    @field_validator("pmid")
    @classmethod
    def _pmid_shape(cls, v: Identifier | None) -> Identifier | None:
        if v is not None and not re.match(r"^\d{1,9}$", v.value):
            raise ValueError(f"expected a numeric PubMed id, got {v.value!r}")
        return v

    @field_validator("nct")
    @classmethod
    def _nct_shape(cls, v: Identifier | None) -> Identifier | None:
        if v is not None and not re.match(r"^NCT\d{8}$", v.value):
            raise ValueError(f"expected a ClinicalTrials.gov id such as NCT00829166, got {v.value!r}")
        return v

    @field_validator("url")
    @classmethod
    def _canonical_url(cls, v: str) -> str:
        # Links go to canonical addresses only; mirrors must never reach the site.
        # NCI's own PDQ summaries and SEER statistics have no DOI or PubMed record: their NCI addresses are canonical.
        allowed = ("https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/", "https://clinicaltrials.gov/",
                   "https://www.cancer.gov/publications/pdq/", "https://seer.cancer.gov/statfacts/")
        if v and not v.startswith(allowed):
            raise ValueError(f"expected a canonical address starting with one of {', '.join(allowed)}; got {v!r}")
        return v


class ReferenceFile(Reviewed):
    references: list[Reference]


# --------------------------------------------------------------------------- trials


class Role(str, Enum):
    """How a trial relates to the guide's drug."""

    subject = "subject"  # the drug is the experimental treatment (or the only one)
    comparator = "comparator"  # the drug is the control arm
    backbone = "backbone"  # the drug is in both arms (e.g. drug + X vs drug + placebo)
    context = "context"  # the drug is not studied; the trial shapes sequencing


class Arm(Model):
    id: Id
    label: PlainText
    regimen: PlainText
    n: int | None = Field(default=None, ge=1)
    contains_subject_drug: bool = False


class FollowUp(Model):
    value: Decimal = Field(gt=0)
    unit: Literal["months", "years"]
    arm: Id | None = None


class Analysis(Model):
    id: Id
    kind: Literal["primary", "interim", "final", "updated", "long-term", "descriptive", "exploratory"]
    label: PlainText
    reference: Id
    data_cutoff: PartialDate | None = None
    median_follow_up: list[FollowUp] = Field(default_factory=list)
    note: OptionalText = ""



class Statistic(str, Enum):
    median = "median"  # time-to-event median
    rate = "rate"  # percentage of patients (landmark rate, response rate, pCR...)
    counted = "count"  # number of patients with the event, when the source gives no percentage


class ArmValue(Model):
    value: Decimal | None = None
    not_reached: bool = False
    ci: tuple[Decimal, Decimal] | None = None
    events: int | None = Field(default=None, ge=0)
    of: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_value(self) -> ArmValue:
        if self.value is None and not self.not_reached:
            raise ValueError("expected either 'value' or 'not_reached: true'")
        if self.ci and self.ci[0] > self.ci[1]:
            raise ValueError(f"confidence interval bounds reversed: lower {self.ci[0]} > upper {self.ci[1]}")
        if self.ci and self.value is not None and not self.ci[0] <= self.value <= self.ci[1]:
            raise ValueError(f"value {self.value} lies outside its own interval {self.ci[0]}–{self.ci[1]}")
        return self


class Comparison(Model):
    measure: Literal["HR", "OR", "difference"]
    value: Decimal
    ci: tuple[Decimal, Decimal] | None = None
    ci_level: Decimal = Decimal("95")
    p: PValue | None = None
    p_note: OptionalText = ""
    stratified: bool | None = None
    arms: tuple[Id, Id] | None = Field(default=None, description="experimental, control")

    @model_validator(mode="after")
    def _inside_ci(self) -> Comparison:
        if self.ci:
            low, high = self.ci
            if low > high:
                raise ValueError(f"confidence interval bounds reversed: lower {low} > upper {high}")
            if not low <= self.value <= high:
                raise ValueError(f"{self.measure} {self.value} lies outside its own interval {low}–{high}")
        return self


class Result(Checked):
    id: Id
    endpoint: PlainText
    kind: KindId | None = Field(
        default=None, description="the endpoint kind, an id from site.yml endpoint_kinds; leave out when none fits")
    analysis: Id
    primary_endpoint: bool = False
    statistic: Statistic | None = None
    timepoint: OptionalText = ""
    arms: dict[Id, ArmValue] = Field(default_factory=dict)
    comparison: Comparison | None = None
    comparisons: list[Comparison] = Field(default_factory=list)
    subgroup: bool = Field(
        default=False, description="a result in a subset of the patients (a subgroup) reported within an analysis of "
                                   "the whole trial; levels of evidence count it as a subset analysis")
    topics: list[Id] = Field(
        default_factory=list, description="ids of site.yml topics this result belongs to (topic_results() gathers them)")
    reference: Id
    note: OptionalText = ""

    @model_validator(mode="after")
    def _shape(self) -> Result:
        if self.arms and self.statistic is None:
            raise ValueError("expected 'statistic' (median, rate or count) when arm values are given")
        if self.statistic == Statistic.counted:
            for arm, v in self.arms.items():
                if v.value is not None and v.value != v.value.to_integral_value():
                    raise ValueError(f"arms.{arm}.value: a count of patients is a whole number, got {v.value}")
        if self.statistic == Statistic.rate:
            for arm, v in self.arms.items():
                if v.value is not None and not Decimal(0) <= v.value <= Decimal(100):
                    raise ValueError(f"arms.{arm}.value: a percentage must be within 0–100, got {v.value}")
        if not self.arms and self.comparison is None and not self.comparisons:
            raise ValueError("expected arm values, a comparison, or both")
        return self

    @property
    def all_comparisons(self) -> list[Comparison]:
        return ([self.comparison] if self.comparison else []) + list(self.comparisons)


class BaselineFigure(Checked):
    """How many of a trial's patients had a characteristic when they entered it, as published
    (the share whose disease had spread to one organ, for example)."""

    id: Id
    characteristic: PlainText = Field(description="what the patients had at entry, e.g. 'Liver metastases at entry'")
    percent: Percent | None = Field(default=None, description="the published percentage, never computed here")
    count: int | None = Field(default=None, ge=0)
    of: int | None = Field(default=None, ge=1, description="the number the count or percentage is out of, when published")
    topics: list[Id] = Field(default_factory=list, description="ids of site.yml topics this figure belongs to")
    reference: Id
    note: OptionalText = ""

    @model_validator(mode="after")
    def _figure(self) -> BaselineFigure:
        if self.percent is None and self.count is None:
            raise ValueError("expected percent, count or both")
        if self.count is not None and self.of is not None and self.count > self.of:
            raise ValueError(f"count {self.count} is larger than the number it is out of ({self.of})")
        return self


class Registry(Model):
    nct: str | None = Field(default=None, pattern=r"^NCT\d{8}$")
    other_ids: list[PlainText] = Field(default_factory=list)


class Trial(Reviewed):
    id: Id
    name: PlainText
    title: PlainText = Field(description="one line saying what was compared")
    registry: Registry = Registry()
    phase: Literal["I", "II", "III", "IIIb", "II/III"]
    design: PlainText
    randomisation_ratio: str | None = Field(default=None, pattern=r"^\d+(:\d+)+$")
    blinding: Literal["open-label", "double-blind", "partly blinded", "single-arm"] | None = None
    setting: Id = Field(description="an id from site.yml settings")
    line: PlainText = Field(description="line of therapy or treatment phase, e.g. 'second line'")
    role: Role
    population: PlainText
    n_randomised: int | None = Field(default=None, ge=1)
    n_enrolled: int | None = Field(default=None, ge=1)
    n_note: OptionalText = ""
    baseline: list[BaselineFigure] = Field(default_factory=list, description="published figures on the patients at entry")
    arms: list[Arm] = Field(min_length=1)
    comparator: OptionalText = ""
    primary_endpoint: PlainText
    analyses: list[Analysis] = Field(min_length=1)
    results: list[Result] = Field(default_factory=list)
    what_it_changed: InlineMarkdown
    references: list[Id] = Field(min_length=1)
    status: Status
    status_note: OptionalText = ""

    @property
    def randomised(self) -> bool:
        return self.randomisation_ratio is not None or (self.n_randomised is not None and len(self.arms) > 1)


# --------------------------------------------------------------------------- safety


class AEValue(Model):
    all_grades: Percent | None = None
    grade3plus: Percent | None = None
    patients: Percent | None = Field(
        default=None, description="share of patients, for rows that are not graded (serious events, composites)"
    )

    @model_validator(mode="after")
    def _something(self) -> AEValue:
        if self.all_grades is None and self.grade3plus is None and self.patients is None:
            raise ValueError("expected all_grades, grade3plus or patients")
        return self


class AERow(Model):
    term: PlainText
    values: dict[Id, AEValue]
    note: OptionalText = ""


class AETable(Checked, Reviewed):
    id: Id
    trial: Id
    analysis: Id
    title: PlainText
    basis: PlainText = Field(description="what the figures are, as the source defines them")
    rows: list[AERow] = Field(min_length=1)
    reference: Id
    note: OptionalText = ""


class Rule(Model):
    when: PlainText
    action: PlainText
    status: Status | None = Field(
        default=None, description="this rule's own status, when it differs from its rule set's (a row seen only in part)"
    )
    checked_against: list[PlainText] = Field(default_factory=list, description="where this rule was checked, if not the set's sources")
    note: OptionalText = ""


class DoseModification(Checked, Reviewed):
    id: Id
    topic: PlainText
    applies_to: PlainText
    setting: Id | None = Field(
        default=None, description="the setting these rules are for (an id from site.yml settings); leave out when they apply to every setting")
    group: Id | None = Field(
        default=None, description="rule sets for the same finding in different settings share a group and are shown side by side"
    )
    rules: list[Rule] = Field(min_length=1)
    reference: Id
    note: OptionalText = ""

    def rule_status(self, rule: Rule) -> Status:
        return rule.status or self.status


class Warning_(Checked, Reviewed):
    id: Id
    title: PlainText
    text: InlineMarkdown
    boxed: bool = False
    reference: Id


class Monitoring(Checked):
    what: PlainText
    when: PlainText
    reference: Id
    plain: OptionalText = Field(
        default="", description="the same check in everyday words, for patient pages; leave empty to keep it off them"
    )


class Safety(Reviewed):
    """`review` covers the monitoring list; tables, warnings and rules carry their own. Optional in a pack."""

    adverse_event_tables: list[AETable] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    dose_modifications: list[DoseModification] = Field(default_factory=list)
    monitoring: list[Monitoring] = Field(default_factory=list)


# --------------------------------------------------------------------------- drug


class Component(Checked):
    # Free text, not a list of antibody-drug-conjugate parts: a small molecule, a vaccine or a
    # biosimilar names its own parts ("active substance", "adjuvant").
    role: PlainText = Field(description="what part of the medicine this is, e.g. 'antibody', 'payload', 'active substance'")
    name: PlainText
    description: PlainText
    value: Decimal | None = None
    references: list[Id] = Field(min_length=1)


class MechanismStep(Checked):
    id: Id
    title: PlainText
    text: PlainText
    references: list[Id] = Field(min_length=1)


class Approval(Checked):
    date: PartialDate
    region: PlainText
    indication: PlainText
    references: list[Id] = Field(min_length=1)



class DoseLevel(Model):
    label: PlainText
    dose: Decimal = Field(gt=0)


class Infusion(Model):
    which: PlainText
    minutes: int = Field(gt=0)
    observe_minutes: int = Field(gt=0)
    condition: OptionalText = ""


class Duration(Model):
    setting: Id = Field(description="an id from site.yml settings")
    text: PlainText
    cycles: int | None = Field(default=None, ge=1)
    plain: PlainText = Field(description="the same fact in everyday words, for patient pages")


class Dosing(Checked):
    """How the medicine is given: by infusion, injection or mouth; infusion times and dose levels only where they apply."""

    dose: Decimal = Field(gt=0)
    unit: PlainText
    route: PlainText = Field(description="how it is given, as the dose sentence says it: 'intravenous infusion', 'injection under the skin', 'mouth'")
    cycle_days: int = Field(gt=0, description="days from one dose to the next (1: every day)")
    max_dose_note: OptionalText = ""
    infusions: list[Infusion] = Field(default_factory=list, description="infusion and observation times (infusions only)")
    dose_levels: list[DoseLevel] = Field(default_factory=list, description="dose-reduction levels, if the label gives them")
    dose_level_rule: OptionalText = ""
    durations: list[Duration] = Field(default_factory=list)
    administration: list[PlainText] = Field(default_factory=list)
    missed_dose: PlainText
    references: list[Id] = Field(min_length=1)


class Pronunciation(Checked):
    name: PlainText
    say: PlainText = Field(description="sounds-like spelling, stressed syllable in capitals")
    note: OptionalText = ""


class SharePart(Model):
    """One published part of a share that a source reports in parts (a subtype, say)."""

    label: PlainText
    percent: Percent


class ShareEstimate(Checked):
    """One source's figure for how common the drug's target is: a percentage or a range, as published."""

    id: Id
    source: PlainText = Field(description="who gives the figure, as clinician pages show it")
    plain_source: OptionalText = Field(
        default="", description="the same source in everyday words for patient pages ('US cancer registry data'); "
                                "leave empty to keep the figure off them")
    percent: Percent | None = Field(default=None, description="one figure, as published (or the sum of its published parts)")
    low: Percent | None = Field(default=None, description="a published range: its lower end")
    high: Percent | None = Field(default=None, description="a published range: its upper end")
    approximate: bool = Field(default=False, description="the source says 'approximately' or 'about'")
    parts: list[SharePart] = Field(default_factory=list, description="published parts that add up to `percent`")
    counts: PlainText = Field(description="what the figure is a share of, in the source's terms")
    references: list[Id] = Field(min_length=1)
    note: OptionalText = ""

    @model_validator(mode="after")
    def _one_figure(self) -> ShareEstimate:
        ranged = self.low is not None or self.high is not None
        if (self.percent is None) == (not ranged):
            raise ValueError("expected either 'percent' or a range ('low' and 'high'), not both")
        if ranged and (self.low is None or self.high is None or self.low >= self.high):
            raise ValueError("a range needs 'low' below 'high'")
        if self.parts and self.percent is not None and sum(p.percent for p in self.parts) != self.percent:
            total = sum(p.percent for p in self.parts)
            raise ValueError(f"the parts add up to {total}, not to percent {self.percent}")
        if self.parts and self.percent is None:
            raise ValueError("parts need the 'percent' they add up to")
        return self


class TargetShare(Model):
    """How common the drug's target is in the disease (how many cases of the disease carry it),
    by source: sources count differently, so each figure keeps its own."""

    what: PlainText = Field(description="what the figures measure, as a heading: 'Cancers that carry the target'")
    plain_what: PlainText = Field(description="the end of the patient sentence after 'out of every 100': "
                                              "'cancers carry the target'")
    estimates: list[ShareEstimate] = Field(min_length=1)


class Drug(Reviewed):
    name: PlainText
    short_name: PlainText
    brand_names: list[PlainText]
    aliases: list[PlainText]
    drug_class: PlainText
    not_to_be_confused_with: OptionalText = ""
    pronunciations: list[Pronunciation] = Field(default_factory=list)
    components: list[Component]
    mechanism: list[MechanismStep] = Field(min_length=1)
    mechanism_notes: list[MechanismStep] = Field(default_factory=list)
    approvals: list[Approval]
    dosing: Dosing
    boxed_warning_summary: OptionalText = Field(default="", description="leave out when the medicine has no boxed warning")
    target_share: TargetShare | None = Field(default=None, description="how common the drug's target is, by source")
    references: list[Id] = Field(default_factory=list)


# --------------------------------------------------------------------------- prescribing

MONTHS_SLOT = "{months}"


class Statement(Checked):
    """What one source says on a topic: a label, a leaflet, a study. Sources that differ each get one."""

    source: PlainText = Field(description="whose statement, as a reader should see it: 'US label', 'EU package leaflet'")
    text: PlainText
    reference: Id
    months_after_last_dose: int | None = Field(
        default=None, ge=1, description="a period after the last dose that patient pages tell (the text must give it too)"
    )
    plain: OptionalText = Field(
        default="", description="the same statement in everyday words for patient pages; {months} marks where the period goes"
    )

    @model_validator(mode="after")
    def _period_once(self) -> Statement:
        # That the text gives the period too ('7 months', '7 meses') depends on the guide's language:
        # the loader checks it (_check_prescribing).
        months = self.months_after_last_dose
        if self.plain and (MONTHS_SLOT in self.plain) != (months is not None):
            raise ValueError("plain needs {months} exactly when months_after_last_dose is given (the number is filled in from it)")
        return self


class Fact(Model):
    id: Id
    topic: PlainText
    statements: list[Statement] = Field(min_length=1)
    sources_differ: bool = Field(default=False, description="the sources disagree: the fact is also listed among the differences")
    note: OptionalText = ""

    @model_validator(mode="after")
    def _differ_needs_two(self) -> Fact:
        if self.sources_differ and len({s.source for s in self.statements}) < 2:
            raise ValueError("sources_differ needs statements from at least two sources")
        return self


class PrescribingSection(Reviewed):
    """One section of the prescribing page (specific populations, pharmacokinetics, preparation...)."""

    id: Id
    title: PlainText
    facts: list[Fact] = Field(min_length=1)


class Prescribing(Reviewed):
    """`prescribing.yml`: label facts a prescriber or pharmacist needs, by section. Optional in a pack."""

    sections: list[PrescribingSection] = Field(default_factory=list)


# --------------------------------------------------------------------------- sequencing


class RegulatoryAction(Checked):
    """One regulator's dated action on a pathway option: who did what, when, and for what."""

    authority: PlainText = Field(description="the regulator, e.g. 'US FDA', 'European Commission'")
    action: Literal["approved", "breakthrough therapy designation"]
    date: PartialDate
    scope: PlainText = Field(description="what the action is for, in our words")
    reference: Id
    note: OptionalText = Field(default="", description="how the action was seen, e.g. 'news report; the notice itself was not seen'")


class GuidelineStatement(Checked):
    """What one guideline (body and year) says about a pathway option, and how it ranks it."""

    body: PlainText
    year: int | None = Field(default=None, ge=1990, le=2100, description="leave out when the sources do not give it")
    stance: Literal["preferred", "recommended", "listed", "replaced"] = Field(
        description="preferred: ranked first; recommended: should be offered; listed: one of several options; "
                    "replaced: the guideline says to use something else instead")
    wording: PlainText = Field(description="what the guideline says about this option, in our words")
    reference: Id


class Option(Checked):
    """A treatment choice at a step. Its status is not typed in: the label shown is derived
    (`macros/standing.py`) from the dated regulatory actions and guideline statements below."""

    name: PlainText
    text: InlineMarkdown
    trials: list[Id] = Field(default_factory=list)
    references: list[Id] = Field(default_factory=list)
    regulatory: list[RegulatoryAction] = Field(default_factory=list)
    guidelines: list[GuidelineStatement] = Field(default_factory=list)
    guideline_gap: OptionalText = Field(
        default="", description="what the sources could not verify about guideline adoption; "
                                "when given, the label says the guidelines' position is not verified")
    checked_on: datetime.date = Field(description="when these facts were last checked against the sources")


class Step(Model):
    id: Id
    title: PlainText
    text: InlineMarkdown
    options: list[Option] = Field(default_factory=list)
    # Where the step sits in the pathway diagram: by default after the step listed before it.
    follows: Id | None = Field(default=None, description="the earlier step this one comes after, when not the one listed just before it")
    separate_start: bool = Field(default=False, description="a starting point of its own: no step leads to it")

    @model_validator(mode="after")
    def _one_place(self) -> Step:
        if self.follows and self.separate_start:
            raise ValueError("expected either 'follows' or 'separate_start: true', not both")
        return self


class Pathway(Model):
    id: Id
    setting: Id = Field(description="an id from site.yml settings")
    title: PlainText
    steps: list[Step] = Field(min_length=1)


class GuidelinePosition(Checked):
    id: Id
    body: PlainText
    year: int | None = Field(default=None, ge=1990, le=2100, description="leave out when the sources do not give it")
    setting: Id = Field(description="an id from site.yml settings")
    statement: PlainText
    reference: Id


class TimelineEvent(Checked):
    """A dated event. Events are listed by date; a date known only to its year (or month) covers a
    period and is listed at the start of it, before the more precise dates in that period, unless
    `after` names the dated event of that period it is known to follow (`guide.timeline_in_order`)."""

    id: Id | None = Field(default=None, description="needed only when another event names it in 'after'")
    date: PartialDate
    after: Id | None = Field(
        default=None, description="the id of a more precisely dated event within this event's year (or month) that "
                                  "this one came after, when the sources say so; it is then listed right after it")
    text: PlainText
    references: list[Id] = Field(min_length=1)



class Sequencing(Reviewed):
    """Treatment pathways, guideline positions and a dated timeline. Optional in a pack."""

    current_as_of: PartialDate
    pathways: list[Pathway] = Field(default_factory=list)
    guidelines: list[GuidelinePosition] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)



# --------------------------------------------------------------------------- glossary


class Term(Model):
    id: Id
    term: PlainText
    abbreviation: OptionalText = ""
    clinician: PlainText
    plain: PlainText
    patient: bool = Field(default=False, description="also in the short patient glossary (A-Z, plain words only), "
                          "whose terms are the ones explained in tooltips on patient pages")


class Glossary(Reviewed):
    """Terms with a clinician and a plain definition. Optional in a pack."""

    terms: list[Term] = Field(min_length=1)


# --------------------------------------------------------------------------- patient pages


class PlainResult(Reviewed):
    """A trial result as patient pages tell it: the figures come from the trial record."""

    id: Id
    trial: Id
    result: Id
    who: PlainText = Field(description="who took part, in everyday words")
    outcome: PlainText = Field(
        description="rate: what the counted people had ('were alive with no sign of the cancer coming back'); "
        "median: the words before the time ('had their cancer grow or spread within')"
    )
    arms: tuple[Id, Id] | None = Field(
        default=None, description="which two arms to compare, first as the sentence leads; default: the result's comparison"
    )
    arm_names: dict[Id, PlainText] = Field(default_factory=dict, description="everyday names where the arm label is not")
    caveat: OptionalText = Field(default="", description="what the number leaves out (early results, harms), in everyday words")


class PlainSideEffect(Reviewed):
    """One adverse-event row told as 'about N out of 100 people'."""

    id: Id
    table: Id
    term: PlainText = Field(description="the row's term, exactly as in the adverse-event table")
    column: Literal["all_grades", "grade3plus", "patients"]
    what: PlainText = Field(description="what the counted people had, in everyday words")
    arm_names: dict[Id, PlainText] = Field(default_factory=dict)


class Urgency(str, Enum):
    emergency = "emergency"  # call the local emergency number
    now = "now"  # call the care team straight away, day or night
    same_day = "same-day"  # call the care team today
    next_visit = "next-visit"  # mention it at the next appointment


class Sign(Model):
    text: PlainText
    urgency: Urgency


class Guidance(Checked, Reviewed):
    """What a patient should look out for with one side effect, and how soon to act."""

    id: Id
    effect: PlainText
    explanation: InlineMarkdown
    signs: list[Sign] = Field(min_length=1)
    warning: Id | None = Field(default=None, description="the safety warning this guidance belongs to")
    references: list[Id] = Field(default_factory=list)
    status_note: OptionalText = ""


class Patient(Reviewed):
    results: list[PlainResult] = Field(default_factory=list)
    side_effects: list[PlainSideEffect] = Field(default_factory=list)
    guidance: list[Guidance] = Field(default_factory=list)


# --------------------------------------------------------------------------- self-check quizzes


class SignRef(Model):
    guidance: Id = Field(description="a guidance record of patient.yml")
    sign: int = Field(ge=1, description="which of its signs, counting from 1")


class QuizQuestion(Model):
    """One question, named by the record it is made from: the question, its right answer and the
    other answers are rendered from the data, so a quiz never disagrees with the pages. Exactly one
    of the fields is given."""

    primary_result: Id | None = Field(default=None, description="a trial id: what its primary endpoint showed; "
                                      "the other answers are the primary results of the other trials")
    dose_level: PlainText | None = Field(default=None, description="a dose level's label in drug.yml: its dose; "
                                         "the other answers are the other levels' doses")
    urgency: SignRef | None = Field(default=None, description="a warning sign: how soon to act on it; "
                                    "the other answers are the other urgency levels")

    @model_validator(mode="after")
    def _one_kind(self) -> QuizQuestion:
        given = [k for k in ("primary_result", "dose_level", "urgency") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"expected exactly one of primary_result, dose_level, urgency; got {given or 'none'}")
        return self


class Quiz(Model):
    id: Id
    page: str = Field(pattern=r"^[A-Za-z0-9_./-]+\.md$", description="the page it ends, as a path in docs/ (the last page of a module)")
    questions: list[QuizQuestion] = Field(min_length=1)


class Quizzes(Model):
    """`quiz.yml`: self-check questions at the end of modules. Optional in a pack."""

    pass_mark: int = Field(ge=0, le=100, description="percentage of right answers that passes, reported to a "
                           "learning platform as passed or failed")
    quizzes: list[Quiz] = Field(min_length=1)


# --------------------------------------------------------------------------- site


class LicenceTerms(Model):
    name: PlainText
    url: str = ""


class Licences(Model):
    """Under what terms the pack's content and the engine's code may be reused (footer, embeds, cite box)."""

    content: LicenceTerms | None = None
    code: LicenceTerms | None = None
    page: str = Field(default="", description="page of the pack explaining reuse and licences")


Audience = Literal["patient", "clinician"]

# MkDocs nav entries: "page.md", {"Title": "page.md"} or {"Section": [entries...]}.
NavItem = Annotated[str | dict[str, Any], Field(union_mode="left_to_right")]


class Door(Model):
    """One of the home page's doors: a reader says who they are and goes to their landing page."""

    audience: Audience
    page: str = Field(description="source path of the audience's landing page, e.g. 'patients/index.md'")
    label: PlainText = Field(description="what the reader says, e.g. 'I am a patient or family member'")
    note: OptionalText = Field(default="", description="one short line under the label: what they will find")


class Setting(Model):
    """A setting the pack's trials, pathways and rules belong to (a disease stage, a treatment aim)."""

    id: Id
    label: PlainText = Field(description="how the setting is named on pages, e.g. 'Early disease'")
    short_label: OptionalText = Field(default="", description="a shorter name for table columns; default: label")

    @property
    def column_label(self) -> str:
        return self.short_label or self.label


class EndpointKind(Model):
    """A kind of endpoint the pack's results are grouped by (overall survival, time to first flare...)."""

    id: KindId
    label: PlainText = Field(description="its full name, e.g. 'Progression-free survival'")
    abbreviation: OptionalText = Field(default="", description="what tables and figures show, e.g. 'PFS'; default: label")
    hazard_ratio: bool = Field(description="whether a hazard ratio applies (a time-to-event endpoint)")
    evidence_class: Literal["survival", "event", "response"] | None = Field(
        default=None, description="where it sits in the NCI PDQ levels of evidence: overall survival, an event-based "
                                  "surrogate or tumour response; leave out when it has no place there")

    @property
    def short(self) -> str:
        return self.abbreviation or self.label


class Topic(Model):
    """A clinical question that results and baseline figures of many trials are gathered under
    (spread to one organ, older patients): results name it in `topics`, topic_results() shows them."""

    id: Id
    label: PlainText


class Site(Model):
    """Facts about the guide itself (not the drug): used in page furniture."""

    title: PlainText
    description: OptionalText = ""
    content_current_as_of: PartialDate
    subject_arm_label: PlainText = Field(description="short label of the guide's drug in tables")
    settings: list[Setting] = Field(min_length=1, description="the settings, in the order pages show them")
    endpoint_kinds: list[EndpointKind] = Field(default_factory=list, description="the kinds of endpoint results may name")
    topics: list[Topic] = Field(default_factory=list, description="the topics results and baseline figures may name")
    audience_labels: dict[Audience, PlainText] = Field(
        default_factory=dict,
        description="the two sides of the audience switch; default: the engine's words in the guide's language "
                    "(page.audience.patient, page.audience.clinician)",
    )
    trial_pages_counterpart: str = Field(
        default="", description="patient page that tells the trials' results (the switch target of every trial page)"
    )
    editorial_page: str = Field(default="", description="page explaining sources, checking and review status")
    evidence_levels_page: str = Field(
        default="", description="page explaining the levels of evidence (evidence_levels()); the level column of "
                                "trial pages and the trials overview links its heading to it")
    doors: list[Door] = Field(default_factory=list, description="the home page's doors, one per audience (audience_doors())")
    nav: list[NavItem] = Field(default_factory=list, description="MkDocs nav: 'Title: page.md' entries and sections")
    licence: Licences | None = None
    language: str = Field(default="en", pattern=r"^[a-z]{2}$", description=(
        "the language of the guide (ISO 639-1, e.g. 'en', 'es'): the engine's own words, dates, decimal signs "
        "and the theme follow it; the engine ships strings for English and Spanish (macros/locales/)"))
    strings: dict[str, PlainText | dict[Literal["zero", "one", "two", "few", "many", "other"], PlainText]] = Field(
        default_factory=dict, description=(
            "the pack's own wording for any of the engine's strings, by key (e.g. 'trial.heading.design': 'Study design'); "
            "keys and {placeholders} as in macros/locales/<language>/"))

    @model_validator(mode="after")
    def _unique_ids(self) -> Site:
        for field, ids in (("settings", [s.id for s in self.settings]), ("endpoint_kinds", [k.id for k in self.endpoint_kinds]),
                           ("topics", [t.id for t in self.topics])):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            if dup:
                raise ValueError(f"{field}: duplicate id {dup[0]!r}")
        return self



# --------------------------------------------------------------------------- page front matter


class PageMeta(BaseModel):
    """The front-matter keys the engine reads; MkDocs and the theme own any others."""

    model_config = ConfigDict(extra="allow", frozen=True)

    audience: Literal["patient", "clinician"] | None = None
    counterpart: str | None = Field(default=None, description="source path of the same topic for the other audience")
    review: Review | None = Field(default=None, description="review of the page's own prose")
    search_keywords: list[PlainText] = Field(
        default_factory=list, description="everyday words readers search with that the page may not use "
        "('tired', 'Herceptin'): indexed for search, never shown")
    sheet: bool = Field(default=False, description="a one-page print sheet (e.g. warning signs for the fridge): "
                        "`make pdf` prints it on its own and fails if it takes more than one page; it needs no counterpart")

    @model_validator(mode="after")
    def _pairs(self) -> PageMeta:
        if self.sheet and self.audience is None:
            raise ValueError("a sheet names its 'audience'")
        if not self.sheet and (self.audience is None) != (self.counterpart is None):
            raise ValueError("expected both 'audience' and 'counterpart', or neither")
        return self
