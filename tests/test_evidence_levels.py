"""Every result carries a level of evidence computed from its trial record (PDQ's scheme):
on trial pages, in the trials overview and in the efficacy download, with a page explaining it."""

from __future__ import annotations

import csv
import io

import pytest

from macros import evidence_levels
from macros.guide import primary_result

from .conftest import parsed


@pytest.mark.parametrize("trial_id, result_id, level", [
    ("emilia", "os-interim-2", "A1"),  # randomised, overall survival
    ("emilia", "pfs", "B1"),  # randomised, progression-free survival
    ("katherine", "idfs-hr", "B1"),  # invasive disease-free survival counts as disease-free survival
    ("emilia", "orr", "B3"),  # randomised, tumour response
    ("emilia", "pfs-age-65-plus", "B4"),  # a subgroup of a randomised trial drops one design category
    ("tdm4374g", "orr", "C3"),  # single arm: a case series
    ("tdm4374g", "pfs", "C2"),
    ("tdm4374g", "cbr", None),  # clinical benefit rate has no place in the scheme
    ("emilia", "dor", None),  # nor has duration of response
])
def test_level_follows_from_design_and_end_point(guide, trial_id, result_id, level):
    trial = guide.trials[trial_id]
    result = next(r for r in trial.results if r.id == result_id)
    assert evidence_levels.level(trial, result, guide.endpoint_kind(result.kind)) == level


def test_trial_pages_show_each_results_level(real_site, guide):
    checked = 0
    for trial in guide.trials.values():
        soup = parsed(real_site / "trials" / trial.id / "index.html")
        for result in trial.results:
            cell = soup.select_one(f"tr#result-{result.id} td[data-field='level']")
            assert cell is not None, (trial.id, result.id)
            assert cell.get_text() == (evidence_levels.level(trial, result, guide.endpoint_kind(result.kind)) or "not classified")
            checked += 1
    assert checked > 100


def test_overview_and_download_carry_the_level(real_site, guide):
    soup = parsed(real_site / "trials" / "index.html")
    for trial in guide.trials.values():
        link = soup.select_one(f"table.trials-overview a[href$='{trial.id}/']")
        if link is None:
            continue
        result = primary_result(trial)
        expected = (evidence_levels.level(trial, result, guide.endpoint_kind(result.kind)) if result else None) or "not classified"
        assert link.find_parent("tr").find_all("td")[-1].get_text() == expected, trial.id
    rows = list(csv.DictReader(io.StringIO((real_site / "downloads" / "efficacy.csv").read_text(encoding="utf-8-sig"))))
    by_result = {(r["trial_id"], r["result_id"]): r["level_of_evidence"] for r in rows}
    for trial in guide.trials.values():
        for result in trial.results:
            assert by_result[(trial.id, result.id)] == (evidence_levels.level(trial, result, guide.endpoint_kind(result.kind)) or "")


def test_levels_page_explains_every_level_it_can_compute(real_site):
    soup = parsed(real_site / "levels-of-evidence" / "index.html")
    shown = [tr.find("th").get_text() for tr in soup.select("table.evidence-levels tbody tr")]
    assert shown == [*evidence_levels.MEANING, "not classified"]
    assert soup.select_one("a[href='https://www.cancer.gov/publications/pdq/levels-evidence/treatment']") is not None
