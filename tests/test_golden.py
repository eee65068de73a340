"""Golden tests for the render functions: data in, Markdown/HTML out, reviewed as diffs.

Run `UPDATE_GOLDEN=1 pytest tests/test_golden.py` after an intended change and review
the diff of tests/golden/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.bibliography import format_all
from macros.citations import CitationRegistry
from macros.loader import load_guide
from macros.models import Role
from macros.pagecontext import PageContext
from macros.render import drug, glossary, patient, prescribing, references, safety, sequencing, topics, trials

from .conftest import MINIPACK_DATA

GOLDEN = Path(__file__).parent / "golden"


def _ctx(guide, src: str) -> PageContext:
    registry = CitationRegistry(guide.references)
    return PageContext(src, registry, registry.page(src, src.replace(".md", "/"), src))


def _with_references(guide, ctx: PageContext, body: str) -> str:
    refs = references.page_list(ctx.citations, guide.references, format_all(guide.references), "../references/")
    # str() first: adding text to Markup would escape the text (the golden files would show escaped HTML)
    return str(body) + "\n<!-- references -->\n" + str(refs) + "\n"


RENDERS = {
    "trial_page.md": ("trials/alpha.md", lambda g, c: trials.page(g, g.trials["alpha"], c)),
    "trial_page_single_arm.md": ("trials/beta.md", lambda g, c: trials.page(g, g.trials["beta"], c)),
    "trials_overview.md": ("trials/index.md", lambda g, c: trials.overview(g, c, g.setting("metastatic"), (Role.subject,))),
    "safety.md": ("safety.md", lambda g, c: "\n".join([safety.boxed_warnings(g, c), safety.warnings(g, c), safety.dose_modifications(g, c), safety.monitoring(g, c)])),
    "drug.md": ("mechanism.md", lambda g, c: "\n".join([drug.components(g, c), drug.mechanism(g, c), drug.approvals(g, c), drug.dosing(g, c), drug.target_share(g, c)])),
    "sequencing.md": ("sequencing.md", lambda g, c: "\n".join([sequencing.pathway(g, c, g.setting("metastatic")), sequencing.guidelines(g, c), sequencing.timeline(g, c)])),
    "topics.md": ("topic.md", lambda g, c: "\n".join([topics.baseline_table(g, c, g.topic("organ-spread")),
                                                    topics.results_table(g, c, g.topic("organ-spread"))])),
    "glossary.md": ("glossary.md", lambda g, c: str(glossary.glossary(g, c)) + "\n" + glossary.abbreviations(g)),
    "patient_results.md": ("patients/study-results.md", lambda g, c: patient.results(g, c, g.setting("metastatic"))),
    "patient_side_effects.md": ("patients/side-effects.md", lambda g, c: "\n".join([
        patient.what_to_do(g, c), patient.about_side_effects(g, c), patient.side_effects(g, c, g.setting("metastatic"))])),
    "patient_dosing.md": ("patients/how-it-is-given.md", lambda g, c: patient.dosing(g, c)),
    "patient_target_share.md": ("patients/about.md", lambda g, c: patient.plain_target_share(g, c)),
    "prescribing.md": ("prescribing.md", lambda g, c: "\n".join([
        prescribing.dose_modifications(g, c), prescribing.section(g, c, g.prescribing_section("populations")),
        prescribing.monitoring(g, c), prescribing.differences(g, c)])),
    "patient_prescribing.md": ("patients/how-given.md", lambda g, c: "\n".join([
        patient.plain_monitoring(g, c), patient.plain_fact(g, c, "contraception")])),
    "patient_words.md": ("patients/words.md", lambda g, c: str(patient.words(g, c)) + "\n" + glossary.abbreviations(g, "patient")),
}


@pytest.mark.parametrize("name", RENDERS, ids=list(RENDERS))
def test_render_matches_golden(name: str) -> None:
    guide = load_guide(MINIPACK_DATA)
    src, render = RENDERS[name]
    ctx = _ctx(guide, src)
    out = _with_references(guide, ctx, render(guide, ctx))
    assert "&lt;table" not in out and "&lt;div" not in out, "markup was escaped twice on its way to the golden file"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")


def test_unverified_result_is_flagged() -> None:
    guide = load_guide(MINIPACK_DATA)
    ctx = _ctx(guide, "trials/alpha.md")
    trials.page(guide, guide.trials["alpha"], ctx)
    assert ctx.unverified == ["ALPHA: Objective response rate"]
