"""Authoring tools: the data files' JSON Schemas, the trial scaffold, and the engine's content-agnosticism."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from macros import schemas
from macros.errors import DataError
from macros.loader import load_guide
from macros.models import Trial
from macros.scaffold import trial as scaffold_trial
from macros.yamlio import read_yaml

from .conftest import DATA, MINIPACK, ROOT


def _jsonable(value):
    """What an editor's YAML parser hands the schema: plain numbers, strings, lists, mappings."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = (schemas.SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    import json

    return jsonschema.Draft202012Validator(json.loads(schema))


def test_committed_schemas_match_the_models(tmp_path: Path) -> None:
    schemas.write(tmp_path)
    for name in schemas.KINDS:
        committed = (schemas.SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert (tmp_path / f"{name}.schema.json").read_text(encoding="utf-8") == committed, (
            f"{name}.schema.json is out of date: run `make schemas`")
    for file_name in schemas.reference_pages():
        committed = (schemas.SCHEMA_DIR / file_name).read_text(encoding="utf-8")
        assert (tmp_path / file_name).read_text(encoding="utf-8") == committed, f"{file_name} is out of date: run `make schemas`"


def test_data_model_reference_lists_every_field_with_its_text_kind() -> None:
    trial = (schemas.SCHEMA_DIR / "trial.md").read_text(encoding="utf-8")
    for field in schemas.KINDS["trial"][0].model_fields:
        assert f"| `{field}` |" in trial, f"trial.md lacks {field}"
    assert "| `what_it_changed` | inline Markdown | yes | inline Markdown |" in trial
    assert "| `name` | plain text | yes | plain text |" in trial
    index = (schemas.SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    assert all(f"[{name}]({name}.md)" in index for name in schemas.KINDS)


@pytest.mark.parametrize("data_dir", [DATA, MINIPACK / "data"], ids=["t-dm1 pack", "test pack"])
def test_schemas_validate_every_data_file(data_dir: Path) -> None:
    files = schemas.files_of(data_dir)
    assert len(files) >= 8
    for path, name in files:
        errors = sorted(_validator(name).iter_errors(_jsonable(read_yaml(path))), key=str)
        assert not errors, f"{path}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("data_dir", [DATA, MINIPACK / "data"], ids=["t-dm1 pack", "test pack"])
def test_every_data_file_names_its_schema_for_editors(data_dir: Path) -> None:
    for path, name in schemas.files_of(data_dir):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schemas.modeline(path, name), f"{path}: first line should be {schemas.modeline(path, name)!r}; run `make schemas`"
        target = (path.parent / first.removeprefix(schemas.MODELINE)).resolve()
        assert target.is_file(), f"{path}: schema {target} does not exist"


def test_schema_rejects_a_bad_trial() -> None:
    bad = _jsonable(read_yaml(MINIPACK / "data" / "trials" / "alpha.yml"))
    bad["phase"] = "IV"  # not a phase the model allows
    bad["colour"] = "red"  # unknown key: editors flag typos as the build does
    del bad["primary_endpoint"]
    messages = [e.message for e in _validator("trial").iter_errors(bad)]
    assert any("'IV' is not one of" in m for m in messages), messages
    assert any("'colour' was unexpected" in m for m in messages), messages
    assert any("'primary_endpoint' is a required property" in m for m in messages), messages


# ------------------------------------------------------------------ the scaffold

FILLS = {
    "name": "GAMMA", "title": "Examplumab versus comparator in a second fictional setting",
    "nct": "NCT00000003", "design": "Randomised, open-label trial", "line": "Second line",
    "population": "Adults with the fictional disease after one treatment", "n_randomised": "200",
    "label": "Arm", "regimen": "A fictional regimen every 3 weeks", "n": "100", "comparator": "Comparator",
    "primary_endpoint": "Progression-free survival", "reference": "doe2020", "data_cutoff": "2020-01-31",
    "endpoint": "Progression-free survival", "experimental": "{value: 9.5}", "control": "{value: 6.1}",
    "value": "0.60", "ci": "[0.45, 0.80]", "p": '"<0.001"', "what_it_changed": "It is fictional and changed nothing.",
    "references": "[doe2020]", "reviewed_by": "Test reviewer", "summary": "Scaffolded in a test.",
}


def _fill(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if "FILL-ME" in line and not line.lstrip().startswith("#"):
            key = line.split(":", 1)[0].strip().lstrip("- ").strip()
            head = line.split(":", 1)[0]
            out.append(f"{head}: {FILLS[key]}")
        else:
            out.append(line)
    return "\n".join(out)


def test_scaffolded_trial_validates_once_its_placeholders_are_filled(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINIPACK, pack)
    path = scaffold_trial(pack, "gamma")
    with pytest.raises(DataError) as unfilled:
        load_guide(pack / "data")
    message = str(unfilled.value)
    assert "gamma.yml → name: placeholder 'FILL-ME' not filled in" in message
    # each unfilled value is one problem, not also a type or pattern error of the same field
    fields = [p.field for p in unfilled.value.problems]
    assert len(fields) == len(set(fields)), [f for f in fields if fields.count(f) > 1]
    assert "n_randomised" in fields and "(got 'FILL-ME')" not in message
    path.write_text(_fill(path.read_text()))
    guide = load_guide(pack / "data")
    gamma = guide.trials["gamma"]
    assert gamma.results[0].comparison.value == Decimal("0.60")
    # the editor's schema agrees with the loader
    assert not list(_validator("trial").iter_errors(_jsonable(read_yaml(path))))


def _field_names(model) -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(name)
        for arg in _models_in(info.annotation):
            names |= _field_names(arg)
    return names


def _models_in(annotation) -> list:
    from typing import get_args

    from pydantic import BaseModel

    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in get_args(annotation):
        found += _models_in(arg)
    return found


def test_scaffold_shows_every_field_of_a_trial(tmp_path: Path) -> None:
    text = scaffold_trial(tmp_path, "gamma").read_text()
    keys = set(re.findall(r"^[#\s-]*([a-z_]+):", text, flags=re.M)) | set(re.findall(r"[{,]\s*([a-z_]+):", text))
    missing = _field_names(Trial) - keys
    # ArmValue fields other than `value` and `not_reached` are named in the comment on the arms block
    missing -= {"events", "of"} if "events:, of:" in text else set()
    assert not missing, f"the scaffold does not show: {sorted(missing)}"


# ------------------------------------------------------------------ the engine knows no drug


def _content_names() -> set[str]:
    """Names that belong to the T-DM1 pack: drug names, brands, aliases and trial names."""
    guide = load_guide(DATA)
    d = guide.drug
    names = {d.name, d.short_name, *d.brand_names, *d.aliases, *(t.name for t in guide.trials.values())}
    names |= {"HER2", "breast"}
    return {n for n in names if len(n) >= 4}


def test_engine_names_no_drug_or_trial_of_the_content_pack() -> None:
    names = _content_names()
    assert {"T-DM1", "KATHERINE", "Kadcyla"} <= names
    engine = [p for p in (ROOT / "macros").rglob("*") if p.is_file() and p.suffix in {".py", ".html", ".yml", ".json", ".js", ".css"}]
    engine += [p for p in (ROOT / "macros" / "theme").rglob("*") if p.is_file()]
    hits = []
    for path in engine:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        hits += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.lower() in text]
    assert not hits, "the engine must not know the content:\n" + "\n".join(sorted(hits))
