"""A pathway option's status is derived from its dated, sourced facts, never typed in.

The label shown in the pathway list, the diagram and its text version comes from who approved
the option and when, and which guideline (and year) says what; an option checked before the
pathway's "current as of" date makes the build warn, and a strict build fail.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest

from macros import check, standing
from macros.models import Option, Sequencing
from macros.yamlio import read_yaml

from .conftest import MINIPACK, build, parsed

BARE = {"preferred", "option", "options", "historical", "under study", "recommended", "approved"}


def _option(**facts: Any) -> Option:
    return Option.model_validate({"name": "X", "text": "t", "status": "verified", "checked_on": "2026-01-10", **facts})


def _statement(body: str, year: int | None, stance: str) -> dict[str, Any]:
    out: dict[str, Any] = {"body": body, "stance": stance, "wording": "w", "reference": "r", "status": "verified"}
    return out | ({"year": year} if year else {})


FDA = {"authority": "US FDA", "action": "approved", "date": "2026-05-15", "scope": "s", "reference": "r",
       "status": "verified-secondary"}
BTD = FDA | {"action": "breakthrough therapy designation", "date": "2025-12-22"}


@pytest.mark.parametrize("facts, label, kind", [
    ({"regulatory": [BTD, FDA], "guideline_gap": "none found"},
     "Approved: US FDA, 15 May 2026 · guideline adoption not verified", "current"),
    ({"regulatory": [BTD]}, "Breakthrough therapy designation: US FDA, 22 December 2025", "trial-only"),
    ({"guidelines": [_statement("ASCO", 2018, "recommended"), _statement("ASCO", 2022, "replaced")]},
     "Replaced: ASCO 2022", "replaced"),
    ({"guidelines": [_statement("ASCO", 2022, "recommended"), _statement("NICE", None, "recommended")]},
     "Recommended: ASCO 2022, NICE (year not recorded)", "recommended"),
    ({"guidelines": [_statement("ASCO", 2022, "recommended")], "guideline_gap": "predates a later trial"},
     "Recommended: ASCO 2022 · current guideline ranking not verified", "current"),
    ({"guidelines": [_statement("ASCO", 2022, "listed")]}, "Listed as an option: ASCO 2022", "current"),
    ({"trials": ["a"]}, "Trial evidence only; no approval recorded · no guideline statement recorded", "trial-only"),
    ({"trials": ["a"], "guideline_gap": "none found"},
     "Trial evidence only; no approval recorded · guideline adoption not verified", "trial-only"),
])
def test_label_and_standing_follow_from_the_facts(facts, label, kind):
    opt = _option(**facts)
    assert standing.label(opt) == label
    assert standing.standing(opt).value == kind


def test_no_option_of_the_guide_is_labelled_by_a_bare_status(guide):
    for path in guide.sequencing.pathways:
        for step in path.steps:
            for opt in step.options:
                label = standing.label(opt)
                assert label.lower() not in BARE, (opt.name, label)
                assert opt.checked_on >= datetime.date(2026, 11, 1), opt.name  # current as of November 2026


def _options(guide, step_id: str) -> dict[str, Option]:
    return {o.name: o for p in guide.sequencing.pathways for s in p.steps if s.id == step_id for o in s.options}


def test_residual_disease_and_first_line_show_regulators_and_guidelines(guide):
    residual = {name: standing.label(o) for name, o in _options(guide, "residual-disease").items()}
    assert residual["Adjuvant T-DM1"] == (
        "Approved: US FDA, 3 May 2019; EU, 18 December 2019 · Recommended: ASCO 2021, ESMO 2019, "
        "NICE (year not recorded) · current guideline ranking not verified")
    tdxd = next(v for k, v in residual.items() if k.startswith("Adjuvant trastuzumab deruxtecan"))
    assert tdxd == "Approved: US FDA, 15 May 2026 · guideline adoption not verified"
    first = {name: standing.label(o) for name, o in _options(guide, "first-line").items()}
    assert first["Trastuzumab deruxtecan (T-DXd) + pertuzumab"] == (
        "Approved: US FDA, 15 December 2025 · guideline adoption not verified")
    assert first["Trastuzumab + pertuzumab + a taxane (THP)"] == (
        "Recommended: ASCO 2022 · current guideline ranking not verified")


def test_sequencing_page_shows_each_derived_label_and_its_facts(real_site, guide):
    soup = parsed(real_site / "sequencing" / "index.html")
    shown = [s.get_text() for s in soup.select(".pathway-options .standing")]
    options = [o for p in guide.sequencing.pathways for s in p.steps for o in s.options]
    assert shown == [standing.label(o) for o in options]
    facts = soup.select(".option-facts")
    assert len(facts) == len(options)
    assert all(f.find_all("li")[-1].get_text().startswith("Checked against the sources on ") for f in facts)
    text = soup.get_text(" ")
    assert "Breakthrough therapy designation for" in text  # a designation stays in the facts, not the label


def _stale_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    seq = pack / "data" / "sequencing.yml"
    seq.write_text(seq.read_text().replace("current_as_of: 2026-01", "current_as_of: 2026-02"))
    return pack


def test_a_status_checked_before_current_as_of_warns(tmp_path, capsys):
    pack = _stale_pack(tmp_path)
    seq = Sequencing.model_validate({k: v for k, v in read_yaml(pack / "data" / "sequencing.yml").items()
                                     if not k.startswith("$")})
    messages = standing.stale(seq)
    assert len(messages) == 2 and "options[0].checked_on: 'Examplumab' was checked on 2026-01-10" in messages[0]
    assert "February 2026" in messages[0]
    assert check.main([str(pack / "data")]) == 0  # a warning, not a data error
    assert "warning: sequencing.yml → pathways[0].steps[0].options[0].checked_on" in capsys.readouterr().err


def test_a_stale_status_fails_the_strict_build(tmp_path):
    done = build(tmp_path / "site", _stale_pack(tmp_path))
    assert not done.ok
    assert "WARNING: guide: sequencing.yml → pathways[0].steps[0].options[0].checked_on" in done.output, done.output
