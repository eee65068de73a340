"""Each kind of data mistake stops the build with a message naming file, field and expectation."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.errors import DataError
from macros.loader import load_guide

from .conftest import MINIPACK, build, run_build


def _edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data / rel
        text = path.read_text()
        assert old in text, f"fixture no longer contains {old!r}"
        path.write_text(text.replace(old, new, 1))
    return apply


def _add(rel: str, text: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / rel).write_text(text)
    return apply


REVIEW = "review: {stage: draft, reviewed_by: T, reviewed_on: 2026-01-01, next_review: 2026-06-01}\n"

CASES = {
    "unknown field": (_edit("trials/alpha.yml", "phase: III", "phase: III\ncolour: red"),
                      ["alpha.yml", "colour", "unknown field"]),
    "duplicate reference id": (_add("references/more.yml", "references:\n  - {id: doe2020, type: report, title: Again}\n" + REVIEW),
                               ["more.yml", "references[0].id", "duplicate reference id 'doe2020'"]),
    "duplicate trial id": (_edit("trials/beta.yml", "id: beta", "id: alpha"),
                           ["beta.yml", "id", "match the file name"]),
    "dangling reference": (_edit("trials/alpha.yml", "    reference: doe2020\n    status: verified", "    reference: nosuch\n    status: verified"),
                           ["alpha.yml", "results[0].reference", "unknown reference id 'nosuch'"]),
    "HR outside its CI": (_edit("trials/alpha.yml", "value: 0.50, ci: [0.39, 0.64]", "value: 0.70, ci: [0.39, 0.64]"),
                          ["alpha.yml", "results[0].comparison", "HR 0.70 lies outside its own interval 0.39–0.64"]),
    "CI bounds reversed": (_edit("trials/alpha.yml", "ci: [0.39, 0.64]", "ci: [0.64, 0.39]"),
                           ["alpha.yml", "results[0].comparison", "bounds reversed"]),
    "percentage above 100": (_edit("trials/alpha.yml", "value: 77.0", "value: 177.0"),
                             ["alpha.yml", "results[1]", "within 0–100", "177.0"]),
    "adverse-event percentage above 100": (_edit("safety.yml", "grade3plus: 2.0", "grade3plus: 200.0"),
                                           ["safety.yml", "adverse_event_tables[0].rows[0].values.exa.grade3plus", "less than or equal to 100"]),
    "arm sizes do not add up": (_edit("trials/alpha.yml", "n_randomised: 200", "n_randomised: 201"),
                                ["alpha.yml", "n_randomised", "arms add up to 200 (100 + 100) but n_randomised is 201"]),
    "impossible date": (_edit("trials/alpha.yml", "data_cutoff: 2019-06-30", "data_cutoff: 2019-02-30"),
                        ["alpha.yml", "analyses[0].data_cutoff", "not a real calendar date"]),
    "malformed date": (_edit("drug.yml", "date: 2021-03-15", "date: 15/03/2021"),
                       ["drug.yml", "approvals[0].date", "YYYY, YYYY-MM or YYYY-MM-DD"]),
    "unknown trial in safety": (_edit("safety.yml", "trial: alpha", "trial: gamma"),
                                ["safety.yml", "adverse_event_tables[0].trial", "unknown trial id 'gamma'"]),
    "timeline event after an unknown event": (
        _edit("sequencing.yml", "  - {date: 2021-03, text:", "  - {date: \"2021\", after: launch, text: Later.,"
              " references: [label], status: verified}\n  - {date: 2021-03, text:"),
        ["sequencing.yml", "timeline[0].after", "unknown event id 'launch'"]),
    "timeline event after an event outside its year": (
        _edit("sequencing.yml", "  - {date: 2021-03, text:", "  - {date: \"2020\", after: launch, text: Later.,"
              " references: [label], status: verified}\n  - {id: launch, date: 2021-03, text:"),
        ["sequencing.yml", "timeline[0].after", "not a more precise date within this event's 2020"]),
    "unknown topic on a result": (_edit("trials/alpha.yml", "    topics: [organ-spread]\n    reference: doe2020\n    note:",
                                        "    topics: [organ-sprad]\n    reference: doe2020\n    note:"),
                                  ["alpha.yml", "results[2].topics[0]", "unknown topic 'organ-sprad'", "organ-spread"]),
    "baseline count above its denominator": (_edit("trials/alpha.yml", "count: 30, percent: 15.0, of: 200", "count: 300, percent: 15.0, of: 200"),
                                             ["alpha.yml", "baseline[0]", "count 300 is larger than the number it is out of (200)"]),
    "a count of patients with decimals": (_edit("trials/alpha.yml", "exa: {value: 3}", "exa: {value: 3.5}"),
                                          ["alpha.yml", "results[3]", "a count of patients is a whole number"]),
    "share parts that do not add up": (_edit("drug.yml", "percent: 12.5,", "percent: 12.0,"),
                                       ["drug.yml", "target_share.estimates[0]", "the parts add up to 12.5, not to percent 12.0"]),
    "unknown arm in a result": (_edit("trials/alpha.yml", "      pbo: {value: 6.0}", "      plc: {value: 6.0}"),
                                ["alpha.yml", "results[0].arms.plc", "unknown arm 'plc'"]),
    "unknown trial in sequencing": (_edit("sequencing.yml", "trials: [alpha]", "trials: [omega]"),
                                    ["sequencing.yml", "pathways[0].steps[0].options[0].trials[0]", "unknown trial id 'omega'"]),
    "key written twice": (_edit("trials/alpha.yml", "phase: III", "phase: III\nphase: II"),
                          ["alpha.yml", "'phase' appears twice"]),
    "not YAML": (_edit("glossary.yml", "terms:", "terms: [unclosed"), ["glossary.yml", "not valid YAML"]),
    "mirror link": (_add("references/mirror.yml", "references:\n  - {id: m1, type: report, title: T, url: 'http://mirror.example/1'}\n"),
                    ["mirror.yml", "references[0].url", "canonical address"]),
    "missing required field": (_edit("trials/beta.yml", "primary_endpoint: Objective response rate\n", ""),
                               ["beta.yml", "primary_endpoint", "required field is missing"]),
    # the pack's settings and endpoint kinds (site.yml)
    "unknown setting": (_edit("trials/alpha.yml", "setting: metastatic", "setting: flare"),
                        ["alpha.yml", "setting", "unknown setting 'flare'", "metastatic, early"]),
    "unknown setting in a pathway": (_edit("sequencing.yml", "setting: metastatic", "setting: late"),
                                     ["sequencing.yml", "pathways[0].setting", "unknown setting 'late'"]),
    "unknown endpoint kind": (_edit("trials/alpha.yml", "kind: PFS", "kind: TTF"),
                              ["alpha.yml", "results[0].kind", "unknown endpoint kind 'TTF'", "PFS, ORR"]),
    "hazard ratio on a kind without one": (_edit("site.yml", "abbreviation: PFS, hazard_ratio: true", "abbreviation: PFS, hazard_ratio: false"),
                                           ["alpha.yml", "results[0].kind", "is not one a hazard ratio applies to"]),
    "duplicate setting id": (_edit("site.yml", "{id: early,", "{id: metastatic,"),
                             ["site.yml", "settings: duplicate id 'metastatic'"]),
    # review status
    "missing review": (_edit("trials/beta.yml", "review:\n  stage: approved", "reviewed:\n  stage: approved"),
                       ["beta.yml", "review", "required field is missing"]),
    "next review before last review": (_edit("trials/alpha.yml", "next_review: 2026-09-01", "next_review: 2024-09-01"),
                                       ["alpha.yml", "review", "next_review (2024-09-01) must be after reviewed_on (2025-03-01)"]),
    "unknown review stage": (_edit("trials/alpha.yml", "stage: approved", "stage: signed"),
                             ["alpha.yml", "review.stage", "'draft', 'reviewed' or 'approved'"]),
    # patient pages
    "patient sentence for a missing result": (_edit("patient.yml", "result: pfs", "result: os"),
                                              ["patient.yml", "results[0].result", "unknown result 'os' of trial 'alpha'"]),
    "median without a place for the time": (_edit("patient.yml", "lived for {months} or longer before the disease grew", "lived longer"),
                                            ["patient.yml", "results[0].outcome", "a median needs {months}"]),
    "side effect row not in the table": (_edit("patient.yml", "term: Fatigue", "term: Tiredness"),
                                         ["patient.yml", "side_effects[0].term", "no row 'Tiredness' in table 'alpha-g3'"]),
    "side effect with one arm only": (_edit("patient.yml", "column: all_grades", "column: patients"),
                                      ["patient.yml", "side_effects[0].column", "a comparison needs two"]),
    "unknown urgency": (_edit("patient.yml", "urgency: same-day", "urgency: soon"),
                        ["patient.yml", "guidance[0].signs[0].urgency", "'now', 'same-day' or 'next-visit'"]),
}


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the test content pack (data/ and docs/) that a case may spoil."""
    copy = tmp_path / "pack"
    shutil.copytree(MINIPACK, copy)
    return copy


def test_fixture_pack_is_valid(pack: Path) -> None:
    load_guide(pack / "data")  # the bad cases below each differ from this by one mistake


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_is_named(pack: Path, case: str) -> None:
    mutate, expected = CASES[case]
    mutate(pack / "data")
    with pytest.raises(DataError) as caught:
        load_guide(pack / "data")
    message = str(caught.value)
    for fragment in expected:
        assert fragment in message, f"{fragment!r} missing from:\n{message}"


@pytest.mark.parametrize("case", ["HR outside its CI", "arm sizes do not add up", "dangling reference"])
def test_build_stops_and_writes_nothing(pack: Path, tmp_path: Path, case: str) -> None:
    mutate, expected = CASES[case]
    mutate(pack / "data")
    site = tmp_path / "site"
    done = build(site, pack)
    assert not done.ok
    for fragment in expected:
        assert fragment in done.output
    assert "Traceback" not in done.output
    assert not site.exists(), "a data mistake stops the build before anything is written"


def test_failed_build_keeps_previous_site(pack: Path, tmp_path: Path) -> None:
    """`make site` builds into a staging folder: a failed build leaves the last good site as it was."""
    site = tmp_path / "site"
    assert run_build(site, pack).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    CASES["percentage above 100"][0](pack / "data")
    failed = run_build(site, pack)
    assert failed.returncode != 0 and "Traceback" not in failed.stderr + failed.stdout
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")], "staging folder left behind"


def test_unknown_citation_in_a_page_fails_the_build(pack: Path, tmp_path: Path) -> None:
    page = pack / "docs" / "mechanism.md"
    page.write_text(page.read_text() + '\nA claim.{{ cite("no-such-source") }}\n')
    done = build(tmp_path / "site", pack)
    assert not done.ok
    assert "mechanism.md, line" in done.output and "unknown reference id 'no-such-source'" in done.output


def test_a_pack_without_docs_is_named(pack: Path, tmp_path: Path) -> None:
    shutil.rmtree(pack / "docs")
    done = build(tmp_path / "site", pack)
    assert not done.ok
    assert "expected the folders data/ and docs/" in done.output
