"""Read a pack's `data/`, validate it against the models and cross-check it.

`load_guide(data_dir)` returns a frozen `Guide` or raises `DataError` listing
every problem (file, field path, what was expected). The plugin calls it once per
build, in `on_config`; nothing else reads the data files.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem, from_validation_error
from .guide import Guide, plain_result_arms
from .i18n import Strings, StringsError, languages
from .models import (
    Drug,
    Glossary,
    Patient,
    Prescribing,
    Quizzes,
    Reference,
    ReferenceFile,
    Review,
    Safety,
    Sequencing,
    Site,
    Statistic,
    Trial,
)
from .quiz import QuizError, question
from .yamlio import YamlError, read_yaml

M = TypeVar("M", bound=BaseModel)

# Data files a pack may leave out: it then shows none of their sections.
OPTIONAL_FILES = frozenset({"safety.yml", "sequencing.yml", "glossary.yml", "prescribing.yml", "quiz.yml"})


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: Path, where: str, message: str) -> None:
        self.problems.append(Problem(file, where, message))

    def parse(self, path: Path, model: type[M]) -> M | None:
        try:
            raw = read_yaml(path)
        except YamlError as err:
            self.add(path, "", err.message)
            return None
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            self.add(path, "", f"expected a mapping of fields at the top level, got {type(raw).__name__}")
            return None
        raw.pop("$schema", None)  # editor hint, not data
        unfilled = _placeholders(raw)
        for where in unfilled:
            self.add(path, where, f"placeholder {PLACEHOLDER!r} not filled in (see the comment above it)")
        try:
            return model.model_validate(raw)
        except ValidationError as err:
            # A placeholder is one problem: not also "not a number" or "does not match the pattern".
            self.problems.extend(p for p in from_validation_error(path, err, model=model) if p.field not in unfilled)
            return None


PLACEHOLDER = "FILL-ME"  # what `python -m macros.scaffold` leaves for the author to replace


def _placeholders(value, where: str = "") -> list[str]:
    """Field paths still holding the scaffold's placeholder."""
    if isinstance(value, str):
        return [where or "(top level)"] if PLACEHOLDER in value else []
    if isinstance(value, dict):
        return [w for k, v in value.items() for w in _placeholders(v, f"{where}.{k}" if where else str(k))]
    if isinstance(value, list):
        return [w for i, v in enumerate(value) for w in _placeholders(v, f"{where}[{i}]")]
    return []


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yml")) + sorted(p for p in folder.glob("*.yaml"))


def _load(data_dir: Path) -> Guide:
    c = _Collector()
    if not data_dir.is_dir():
        raise DataError([Problem(data_dir, "", "data folder not found")])

    def required(name: str) -> Path:
        path = data_dir / name
        if not path.exists():
            c.add(path, "", "required data file is missing")
        return path

    site = c.parse(p, Site) if (p := required("site.yml")).exists() else None
    drug = c.parse(p, Drug) if (p := required("drug.yml")).exists() else None
    patient = c.parse(p, Patient) if (p := required("patient.yml")).exists() else None
    # Optional: a pack without adverse-event tables and warnings, pathways, glossary or label details
    # for prescribers simply shows none of those sections.
    def optional(name: str, model: type[M]) -> M | None:
        assert name in OPTIONAL_FILES
        return c.parse(p, model) if (p := data_dir / name).exists() else None

    safety = optional("safety.yml", Safety)
    sequencing = optional("sequencing.yml", Sequencing)
    glossary = optional("glossary.yml", Glossary)
    prescribing = optional("prescribing.yml", Prescribing)
    # Optional: self-check questions at the end of modules.
    quiz = optional("quiz.yml", Quizzes)

    references: dict[str, Reference] = {}
    reference_reviews: dict[str, Review] = {}
    ref_files: dict[str, Path] = {}
    ref_dir = data_dir / "references"
    if not ref_dir.is_dir() or not _yaml_files(ref_dir):
        c.add(ref_dir, "", "expected a folder of reference files (references/*.yml)")
    for path in _yaml_files(ref_dir) if ref_dir.is_dir() else []:
        parsed = c.parse(path, ReferenceFile)
        if parsed is None:
            continue
        for i, ref in enumerate(parsed.references):
            if ref.id in references:
                c.add(path, f"references[{i}].id", f"duplicate reference id {ref.id!r} (already defined in {ref_files[ref.id]})")
                continue
            references[ref.id] = ref
            reference_reviews[ref.id] = parsed.review
            ref_files[ref.id] = path

    trials: dict[str, Trial] = {}
    trial_files: dict[str, Path] = {}
    trial_dir = data_dir / "trials"
    if not trial_dir.is_dir() or not _yaml_files(trial_dir):
        c.add(trial_dir, "", "expected a folder of trial files (trials/<id>.yml)")
    for path in _yaml_files(trial_dir) if trial_dir.is_dir() else []:
        trial = c.parse(path, Trial)
        if trial is None:
            continue
        if trial.id != path.stem:
            c.add(path, "id", f"expected the trial id to match the file name {path.stem!r}, got {trial.id!r}")
        if trial.id in trials:
            c.add(path, "id", f"duplicate trial id {trial.id!r} (already defined in {trial_files[trial.id]})")
            continue
        trials[trial.id] = trial
        trial_files[trial.id] = path

    if c.problems:
        raise DataError(c.problems)
    assert site and drug and patient  # for the type checker

    guide = Guide(
        data_dir=data_dir,
        site=site,
        drug=drug,
        references=references,
        trials=trials,
        safety=safety,
        sequencing=sequencing,
        glossary=glossary,
        patient=patient,
        prescribing=prescribing,
        quiz=quiz,
        reference_reviews=reference_reviews,
        sources={**{f"trial:{k}": v for k, v in trial_files.items()}, **{f"ref:{k}": v for k, v in ref_files.items()}},
    )
    _cross_check(guide, trial_files, c)
    if c.problems:
        raise DataError(c.problems)
    return guide


def _duplicates(ids: list[str]) -> list[str]:
    return [k for k, n in Counter(ids).items() if n > 1]


def _cross_check(g: Guide, trial_files: dict[str, Path], c: _Collector) -> None:
    """Rules that span records: ids that must exist, ids that must be unique, sums that must add up."""
    refs = g.references
    d = g.data_dir

    def need_ref(file: Path, where: str, ref_id: str) -> None:
        if ref_id not in refs:
            c.add(file, where, f"unknown reference id {ref_id!r} (expected one defined in references/*.yml)")

    try:
        g.strings  # noqa: B018 -- the language exists and the pack's own wording fits the engine's strings
    except StringsError as err:
        c.add(d / "site.yml", "strings" if g.site.language in languages() else "language", str(err))

    settings = [s.id for s in g.site.settings]

    def need_setting(file: Path, where: str, setting_id: str | None) -> None:
        if setting_id is not None and setting_id not in settings:
            c.add(file, where, f"unknown setting {setting_id!r} (expected one of the settings in site.yml: {', '.join(settings)})")

    kinds = {k.id: k for k in g.site.endpoint_kinds}
    topics = [t.id for t in g.site.topics]

    def need_topic(file: Path, where: str, topic_id: str) -> None:
        if topic_id not in topics:
            c.add(file, where, f"unknown topic {topic_id!r} (expected one of the topics in site.yml: {', '.join(topics) or 'none declared'})")

    for tid, t in g.trials.items():
        f = trial_files[tid]
        arm_ids = [a.id for a in t.arms]
        analysis_ids = [a.id for a in t.analyses]
        for dup in _duplicates(arm_ids):
            c.add(f, "arms", f"duplicate arm id {dup!r}")
        for dup in _duplicates(analysis_ids):
            c.add(f, "analyses", f"duplicate analysis id {dup!r}")
        for dup in _duplicates([r.id for r in t.results]):
            c.add(f, "results", f"duplicate result id {dup!r}")
        for i, ref_id in enumerate(t.references):
            need_ref(f, f"references[{i}]", ref_id)
        for i, a in enumerate(t.analyses):
            need_ref(f, f"analyses[{i}].reference", a.reference)
            for j, fu in enumerate(a.median_follow_up):
                if fu.arm and fu.arm not in arm_ids:
                    c.add(f, f"analyses[{i}].median_follow_up[{j}].arm", f"unknown arm {fu.arm!r} (expected one of {arm_ids})")
        arm_ns = [a.n for a in t.arms]
        if t.n_randomised is not None and all(n is not None for n in arm_ns) and len(t.arms) > 1:
            total = sum(n for n in arm_ns if n is not None)
            if total != t.n_randomised:
                c.add(f, "n_randomised", f"arms add up to {total} ({' + '.join(str(n) for n in arm_ns)}) but n_randomised is {t.n_randomised}")
        if t.n_randomised is None and t.n_enrolled is None:
            c.add(f, "n_randomised", "expected n_randomised (randomised trials) or n_enrolled (single-arm studies)")
        need_setting(f, "setting", t.setting)
        for dup in _duplicates([b.id for b in t.baseline]):
            c.add(f, "baseline", f"duplicate baseline figure id {dup!r}")
        for i, b in enumerate(t.baseline):
            need_ref(f, f"baseline[{i}].reference", b.reference)
            for j, topic in enumerate(b.topics):
                need_topic(f, f"baseline[{i}].topics[{j}]", topic)
        for i, r in enumerate(t.results):
            where = f"results[{i}]"
            for j, topic in enumerate(r.topics):
                need_topic(f, f"{where}.topics[{j}]", topic)
            kind = kinds.get(r.kind) if r.kind else None
            if r.kind and kind is None:
                valid = ", ".join(kinds) or "none declared"
                c.add(f, f"{where}.kind", f"unknown endpoint kind {r.kind!r} (expected one of the endpoint_kinds in site.yml: {valid})")
            if kind and not kind.hazard_ratio and any(comp.measure == "HR" for comp in r.all_comparisons):
                c.add(f, f"{where}.kind", f"a hazard ratio is given, but endpoint kind {r.kind!r} ({kind.label}) "
                                          "is not one a hazard ratio applies to (hazard_ratio: false in site.yml)")
            if r.analysis not in analysis_ids:
                c.add(f, f"{where}.analysis", f"unknown analysis {r.analysis!r} (expected one of {analysis_ids})")
            need_ref(f, f"{where}.reference", r.reference)
            for arm in r.arms:
                if arm not in arm_ids:
                    c.add(f, f"{where}.arms.{arm}", f"unknown arm {arm!r} (expected one of {arm_ids})")
            for j, comp in enumerate(r.all_comparisons):
                for arm in comp.arms or ():
                    if arm not in arm_ids:
                        c.add(f, f"{where}.comparison.arms" if j == 0 and r.comparison else f"{where}.comparisons.arms", f"unknown arm {arm!r} (expected one of {arm_ids})")

    safety_file = d / "safety.yml"
    for dup in _duplicates([t.id for t in g.ae_tables]):
        c.add(safety_file, "adverse_event_tables", f"duplicate table id {dup!r}")
    for i, table in enumerate(g.ae_tables):
        where = f"adverse_event_tables[{i}]"
        need_ref(safety_file, f"{where}.reference", table.reference)
        trial = g.trials.get(table.trial)
        if trial is None:
            c.add(safety_file, f"{where}.trial", f"unknown trial id {table.trial!r} (expected a file in trials/)")
            continue
        if table.analysis not in [a.id for a in trial.analyses]:
            c.add(safety_file, f"{where}.analysis", f"unknown analysis {table.analysis!r} of trial {trial.id!r}")
        arm_ids = [a.id for a in trial.arms]
        for j, row in enumerate(table.rows):
            for arm in row.values:
                if arm not in arm_ids:
                    c.add(safety_file, f"{where}.rows[{j}].values.{arm}", f"unknown arm {arm!r} of trial {trial.id!r} (expected one of {arm_ids})")
    for group in ("warnings", "dose_modifications", "monitoring"):
        items = getattr(g, group)
        if group != "monitoring":
            for dup in _duplicates([x.id for x in items]):
                c.add(safety_file, group, f"duplicate id {dup!r}")
        for i, item in enumerate(items):
            need_ref(safety_file, f"{group}[{i}].reference", item.reference)
    for i, mod in enumerate(g.dose_modifications):
        need_setting(safety_file, f"dose_modifications[{i}].setting", mod.setting)

    _check_dose_groups(g, c)
    _check_prescribing(g, c)
    _check_quiz(g, c)

    drug_file = d / "drug.yml"
    for i, ref_id in enumerate(g.drug.references):
        need_ref(drug_file, f"references[{i}]", ref_id)
    for group in ("components", "mechanism", "mechanism_notes", "approvals"):
        for i, item in enumerate(getattr(g.drug, group)):
            for j, ref_id in enumerate(item.references):
                need_ref(drug_file, f"{group}[{i}].references[{j}]", ref_id)
    share = g.drug.target_share
    for i, est in enumerate(share.estimates if share else []):
        for j, ref_id in enumerate(est.references):
            need_ref(drug_file, f"target_share.estimates[{i}].references[{j}]", ref_id)
    for dup in _duplicates([s.id for s in g.drug.mechanism]):
        c.add(drug_file, "mechanism", f"duplicate step id {dup!r}")
    for j, ref_id in enumerate(g.drug.dosing.references):
        need_ref(drug_file, f"dosing.references[{j}]", ref_id)
    for j, duration in enumerate(g.drug.dosing.durations):
        need_setting(drug_file, f"dosing.durations[{j}].setting", duration.setting)

    seq_file = d / "sequencing.yml"
    for i, path in enumerate(g.pathways):
        need_setting(seq_file, f"pathways[{i}].setting", path.setting)
        for j, step in enumerate(path.steps):
            for k, opt in enumerate(step.options):
                where = f"pathways[{i}].steps[{j}].options[{k}]"
                for m, tid in enumerate(opt.trials):
                    if tid not in g.trials:
                        c.add(seq_file, f"{where}.trials[{m}]", f"unknown trial id {tid!r} (expected a file in trials/)")
                for m, ref_id in enumerate(opt.references):
                    need_ref(seq_file, f"{where}.references[{m}]", ref_id)
                for m, action in enumerate(opt.regulatory):
                    need_ref(seq_file, f"{where}.regulatory[{m}].reference", action.reference)
                for m, statement in enumerate(opt.guidelines):
                    need_ref(seq_file, f"{where}.guidelines[{m}].reference", statement.reference)
    for dup in _duplicates([s.id for p in g.pathways for s in p.steps]):
        c.add(seq_file, "pathways", f"duplicate step id {dup!r}")
    for i, path in enumerate(g.pathways):
        earlier: list[str] = []
        for j, step in enumerate(path.steps):
            if step.follows and step.follows not in earlier:
                c.add(seq_file, f"pathways[{i}].steps[{j}].follows",
                      f"unknown step {step.follows!r} (expected one listed before it in the same pathway: {earlier})")
            earlier.append(step.id)
    for i, gl in enumerate(g.guideline_positions):
        need_ref(seq_file, f"guidelines[{i}].reference", gl.reference)
        need_setting(seq_file, f"guidelines[{i}].setting", gl.setting)
    for i, ev in enumerate(g.timeline):
        for j, ref_id in enumerate(ev.references):
            need_ref(seq_file, f"timeline[{i}].references[{j}]", ref_id)
    events = {ev.id: ev for ev in g.timeline if ev.id}
    for dup in _duplicates([ev.id for ev in g.timeline if ev.id]):
        c.add(seq_file, "timeline", f"duplicate event id {dup!r}")
    for i, ev in enumerate(g.timeline):
        if ev.after is None:
            continue
        anchor = events.get(ev.after)
        if anchor is None:
            c.add(seq_file, f"timeline[{i}].after", f"unknown event id {ev.after!r} (expected one of {sorted(events)})")
        elif not anchor.date.startswith(ev.date + "-"):
            c.add(seq_file, f"timeline[{i}].after", f"event {ev.after!r} ({anchor.date}) is not a more precise date "
                                                    f"within this event's {ev.date}: 'after' only places an event within its own period")

    gl_file = d / "glossary.yml"
    for dup in _duplicates([t.id for t in g.terms]):
        c.add(gl_file, "terms", f"duplicate term id {dup!r}")

    _check_patient(g, c)


def _check_dose_groups(g: Guide, c: _Collector) -> None:
    """Rule sets shown side by side: one per setting in a group, and a setting for each."""
    f = g.data_dir / "safety.yml"
    seen: dict[tuple[str, str], str] = {}
    for i, mod in enumerate(g.dose_modifications):
        if mod.group is None:
            continue
        if mod.setting is None:
            c.add(f, f"dose_modifications[{i}].setting", f"a rule set in group {mod.group!r} needs the setting it is for")
            continue
        key = (mod.group, mod.setting)
        if key in seen:
            c.add(f, f"dose_modifications[{i}].group",
                  f"group {mod.group!r} already has a rule set for {mod.setting} ({seen[key]!r})")
        seen[key] = mod.id


def _check_quiz(g: Guide, c: _Collector) -> None:
    """Every question names a record that exists and that has something to ask (and to tell apart)."""
    if g.quiz is None:
        return
    f = g.data_dir / "quiz.yml"
    for dup in _duplicates([q.id for q in g.quiz.quizzes]):
        c.add(f, "quizzes", f"duplicate quiz id {dup!r}")
    for dup in _duplicates([q.page for q in g.quiz.quizzes]):
        c.add(f, "quizzes", f"two quizzes end the page {dup!r}")
    for i, quiz in enumerate(g.quiz.quizzes):
        for j, q in enumerate(quiz.questions):
            try:
                question(g, q)
            except QuizError as err:
                c.add(f, f"quizzes[{i}].questions[{j}]", str(err))


def _check_prescribing(g: Guide, c: _Collector) -> None:
    if g.prescribing is None:
        return
    f = g.data_dir / "prescribing.yml"
    for dup in _duplicates([s.id for s in g.prescribing.sections]):
        c.add(f, "sections", f"duplicate section id {dup!r}")
    for dup in _duplicates([x.id for s in g.prescribing.sections for x in s.facts]):
        c.add(f, "sections", f"duplicate fact id {dup!r} (fact ids are unique across sections)")
    try:
        strings: Strings | None = g.strings
    except StringsError:
        strings = None  # already reported against site.yml; the period check needs the language's words
    for i, section in enumerate(g.prescribing.sections):
        for j, fact in enumerate(section.facts):
            for k, st in enumerate(fact.statements):
                where = f"sections[{i}].facts[{j}].statements[{k}]"
                if st.reference not in g.references:
                    c.add(f, f"{where}.reference",
                          f"unknown reference id {st.reference!r} (expected one defined in references/*.yml)")
                if st.months_after_last_dose is not None and strings is not None:
                    period = strings.t("fmt.months", value=st.months_after_last_dose)
                    if period not in st.text:
                        c.add(f, f"{where}.text", f"text must give the period it records ({period!r}, "
                                                   "as months_after_last_dose says)")


def _check_patient(g: Guide, c: _Collector) -> None:
    """Patient sentences must point at figures that exist and that a sentence can carry."""
    f = g.data_dir / "patient.yml"
    for group in ("results", "side_effects", "guidance"):
        for dup in _duplicates([x.id for x in getattr(g.patient, group)]):
            c.add(f, group, f"duplicate id {dup!r}")
    for i, pr in enumerate(g.patient.results):
        where = f"results[{i}]"
        trial = g.trials.get(pr.trial)
        if trial is None:
            c.add(f, f"{where}.trial", f"unknown trial id {pr.trial!r} (expected a file in trials/)")
            continue
        result = next((r for r in trial.results if r.id == pr.result), None)
        if result is None:
            c.add(f, f"{where}.result", f"unknown result {pr.result!r} of trial {trial.id!r} (expected one of {[r.id for r in trial.results]})")
            continue
        if result.statistic not in (Statistic.rate, Statistic.median):
            c.add(f, f"{where}.result", f"result {pr.result!r} has no rate or median to tell as a plain number")
            continue
        has_slot = "{months}" in pr.outcome
        if result.statistic == Statistic.median and not has_slot:
            c.add(f, f"{where}.outcome", "a median needs {months} in the outcome, where the time goes (e.g. 'lived for {months} or longer')")
        if result.statistic == Statistic.rate and has_slot:
            c.add(f, f"{where}.outcome", f"result {pr.result!r} is a rate (people out of 100); remove {{months}} from the outcome")
        arms = plain_result_arms(trial, pr, result)
        if arms is None:
            c.add(f, f"{where}.arms", "expected two arms to compare (the result has no two-arm comparison; set arms: [first, second])")
            continue
        for arm in arms:
            v = result.arms.get(arm)
            if v is None or v.value is None:
                c.add(f, f"{where}.arms", f"result {pr.result!r} has no published value for arm {arm!r}")
        arm_ids = [a.id for a in trial.arms]
        for arm in pr.arm_names:
            if arm not in arm_ids:
                c.add(f, f"{where}.arm_names.{arm}", f"unknown arm {arm!r} (expected one of {arm_ids})")
    tables = {t.id: t for t in g.ae_tables}
    for i, se in enumerate(g.patient.side_effects):
        where = f"side_effects[{i}]"
        table = tables.get(se.table)
        if table is None:
            c.add(f, f"{where}.table", f"unknown adverse-event table {se.table!r} (expected an id in safety.yml)")
            continue
        row = next((r for r in table.rows if r.term == se.term), None)
        if row is None:
            c.add(f, f"{where}.term", f"no row {se.term!r} in table {se.table!r} (expected one of {[r.term for r in table.rows]})")
            continue
        given = [arm for arm, v in row.values.items() if getattr(v, se.column) is not None]
        if len(given) < 2:
            c.add(f, f"{where}.column", f"row {se.term!r} has a {se.column} value for {len(given)} arm(s); a comparison needs two")
    warnings = {w.id for w in g.warnings}
    for i, gd in enumerate(g.patient.guidance):
        if gd.warning and gd.warning not in warnings:
            c.add(f, f"guidance[{i}].warning", f"unknown warning {gd.warning!r} (expected an id in safety.yml warnings)")
        for j, ref_id in enumerate(gd.references):
            if ref_id not in g.references:
                c.add(f, f"guidance[{i}].references[{j}]", f"unknown reference id {ref_id!r} (expected one defined in references/*.yml)")


def load_guide(data_dir: Path) -> Guide:
    """Load and validate a data folder."""
    return _load(data_dir.resolve())
