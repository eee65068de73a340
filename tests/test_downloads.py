"""The data downloads of the built site: they parse, match data/ figure for figure, and are linked."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from macros.reuse.dataset import GuideData, guide_data


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff"), f"{path.name}: no byte-order mark (spreadsheets would garble ≥ and –)"
    return list(csv.DictReader(io.StringIO(text[1:])))


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def cell(value) -> str:
    """How a JSON value is written in the CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_trials_table_has_every_trial(real_site: Path, guide) -> None:
    rows = read_csv(real_site / "downloads" / "trials.csv")
    assert [r["trial_id"] for r in rows] == list(guide.trials)
    for row in rows:
        trial = guide.trials[row["trial_id"]]
        assert row["name"] == trial.name
        assert row["nct"] == (trial.registry.nct or "")
        assert row["phase"] == trial.phase
        assert row["n_randomised"] == ("" if trial.n_randomised is None else str(trial.n_randomised))
        assert row["arms"].split(" | ") == [a.label for a in trial.arms]


def test_efficacy_table_has_every_figure_as_published(real_site: Path, guide) -> None:
    rows = read_csv(real_site / "downloads" / "efficacy.csv")
    expected = sum(len(r.arms) + len(r.all_comparisons) for t in guide.trials.values() for r in t.results)
    assert len(rows) == expected
    by_result: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in rows:
        by_result.setdefault((row["trial_id"], row["result_id"]), []).append(row)
    for trial in guide.trials.values():
        cutoffs = {a.id: a.data_cutoff or "" for a in trial.analyses}
        for result in trial.results:
            got = by_result[(trial.id, result.id)]
            arm_rows = {r["arm_id"]: r for r in got if r["row"] == "arm"}
            assert set(arm_rows) == set(result.arms), f"{trial.id}/{result.id}"
            for arm_id, v in result.arms.items():
                row = arm_rows[arm_id]
                assert row["value"] == ("" if v.value is None else str(v.value)), f"{trial.id}/{result.id}/{arm_id}"
                assert row["not_reached"] == ("true" if v.not_reached else "false")
                assert (row["ci_lower"], row["ci_upper"]) == ((str(v.ci[0]), str(v.ci[1])) if v.ci else ("", ""))
                assert row["events"] == ("" if v.events is None else str(v.events))
                assert row["analysis_id"] == result.analysis and row["data_cutoff"] == cutoffs[result.analysis]
                assert row["reference"] == result.reference and row["status"] == result.status.value
            comps = [r for r in got if r["row"] == "comparison"]
            assert len(comps) == len(result.all_comparisons)
            for row, comp in zip(comps, result.all_comparisons):
                assert (row["measure"], row["value"], row["p"]) == (comp.measure, str(comp.value), comp.p or "")
                assert (row["ci_lower"], row["ci_upper"]) == ((str(comp.ci[0]), str(comp.ci[1])) if comp.ci else ("", ""))
    # KATHERINE's primary IDFS hazard ratio and rate: the trailing zeros are part of the figures.
    # The hazard ratio covers the whole follow-up; the rates are the 3-year landmark: two results.
    hr = by_result[("katherine", "idfs-hr")]
    assert [r["value"] for r in hr if r["row"] == "comparison"] == ["0.50"]
    idfs = by_result[("katherine", "idfs")]
    assert "77.0" in [r["value"] for r in idfs if r["row"] == "arm"]


def test_adverse_event_table_has_every_cell(real_site: Path, guide) -> None:
    rows = read_csv(real_site / "downloads" / "adverse-events.csv")
    assert len(rows) == sum(len(r.values) for t in guide.safety.adverse_event_tables for r in t.rows)
    lookup = {(r["table_id"], r["term"], r["arm_id"]): r for r in rows}
    for table in guide.safety.adverse_event_tables:
        for ae in table.rows:
            for arm_id, v in ae.values.items():
                row = lookup[(table.id, ae.term, arm_id)]
                for col in ("all_grades", "grade3plus", "patients"):
                    value = getattr(v, col)
                    assert row[col] == ("" if value is None else str(value)), f"{table.id}/{ae.term}/{arm_id}/{col}"
                assert row["trial_id"] == table.trial and row["basis"] == table.basis


@pytest.mark.parametrize("name", ["trials", "efficacy", "adverse-events"])
def test_json_table_holds_the_same_rows_as_the_csv(real_site: Path, name: str) -> None:
    doc = read_json(real_site / "downloads" / f"{name}.json")
    rows = read_csv(real_site / "downloads" / f"{name}.csv")
    assert doc["dataset"] == name and doc["version"] and doc["licence"] and doc["content_current_as_of"]
    assert list(rows[0].keys()) == doc["columns"]
    assert len(doc["rows"]) == len(rows)
    for from_json, from_csv in zip(doc["rows"], rows):
        assert {k: cell(v) for k, v in from_json.items()} == from_csv
    for row in doc["rows"]:
        for key in ("value", "ci_lower", "grade3plus"):
            # figures are strings with their published digits, never JSON numbers
            assert row.get(key) is None or isinstance(row[key], str)


def test_whole_data_set_reads_back_and_follows_its_schema(real_site: Path, guide) -> None:
    raw = (real_site / "downloads" / "guide.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    schema = read_json(real_site / "downloads" / "guide.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert GuideData.model_validate(data) == guide_data(guide)
    assert '"0.50"' in raw
    # The schema really constrains figures: a number where a published string belongs is rejected.
    broken = copy.deepcopy(data)
    first = next(t for t in broken["trials"] if t["results"] and t["results"][0]["comparison"])
    first["results"][0]["comparison"]["value"] = 0.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


@pytest.mark.parametrize("page, expected", [
    ("trials/index.html", {"trials.csv", "trials.json", "efficacy.csv", "efficacy.json"}),
    ("safety/index.html", {"adverse-events.csv", "adverse-events.json"}),
    ("references/index.html", {"guide.json", "guide.schema.json", "efficacy.csv"}),
])
def test_pages_link_their_downloads(real_site: Path, page: str, expected: set[str]) -> None:
    path = real_site / page
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    links = {a["href"] for a in soup.select("article a[href*='downloads/']")}
    names = {href.rsplit("/", 1)[1] for href in links}
    assert expected <= names, f"{page}: links {sorted(names)}"
    for href in links:
        assert (path.parent / href).resolve().is_file(), f"{page}: {href} does not resolve"
