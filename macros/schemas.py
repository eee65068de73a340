"""JSON Schemas for every kind of data file, generated from the models.

Editors that understand JSON Schema (VS Code with the YAML extension, JetBrains IDEs,
Neovim with yaml-language-server) validate and complete a data file as it is typed when
the file's first line names its schema:

    # yaml-language-server: $schema=../../macros/schemas/trial.schema.json

`python -m macros.schemas` rewrites the schema files from the models;
`python -m macros.schemas --annotate <pack>` puts (or corrects) that first line in every
data file of a content pack. Tests fail when either is out of date.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel

from .models import (
    Drug,
    Glossary,
    Patient,
    Prescribing,
    Quizzes,
    ReferenceFile,
    Safety,
    Sequencing,
    Site,
    Trial,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
MODELINE = "# yaml-language-server: $schema="

# schema name -> (model, which files of a data folder it describes)
KINDS: Mapping[str, tuple[type[BaseModel], str]] = MappingProxyType({
    "site": (Site, "site.yml"),
    "drug": (Drug, "drug.yml"),
    "safety": (Safety, "safety.yml"),
    "sequencing": (Sequencing, "sequencing.yml"),
    "glossary": (Glossary, "glossary.yml"),
    "patient": (Patient, "patient.yml"),
    "prescribing": (Prescribing, "prescribing.yml"),
    "quiz": (Quizzes, "quiz.yml"),
    "trial": (Trial, "trials/*.yml"),
    "references": (ReferenceFile, "references/*.yml"),
})


def schema(name: str) -> dict:
    model, pattern = KINDS[name]
    out = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        "title": f"{out.get('title', name)} ({pattern})",
        **{k: v for k, v in out.items() if k != "title"},
    }


def render(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def reference_pages() -> dict[str, str]:
    """The data-model reference (file name -> Markdown), generated from the same schemas."""
    from . import datamodel  # imports yamlio only; kept apart because only `make schemas` needs it

    pages = {f"{name}.md": datamodel.page(name, schema(name), pattern) for name, (_, pattern) in KINDS.items()}
    from .loader import OPTIONAL_FILES

    pages["README.md"] = datamodel.index({name: (pattern, list(schema(name).get("required", [])), pattern in OPTIONAL_FILES)
                                          for name, (_, pattern) in KINDS.items()})
    return pages


def write(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in KINDS:
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    for file_name, text in reference_pages().items():
        path = folder / file_name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def files_of(data_dir: Path) -> list[tuple[Path, str]]:
    """Every data file of a data folder with the name of the schema that describes it."""
    out = []
    for name, (_, pattern) in KINDS.items():
        out += [(p, name) for p in sorted(data_dir.glob(pattern))]
    return out


def modeline(path: Path, name: str) -> str:
    rel = os.path.relpath(SCHEMA_DIR / f"{name}.schema.json", path.parent)
    return f"{MODELINE}{Path(rel).as_posix()}"


def annotate(data_dir: Path) -> list[Path]:
    """Put the schema modeline first in every data file (replacing a stale one); return files changed."""
    changed = []
    for path, name in files_of(data_dir):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        want = modeline(path, name)
        if lines and lines[0].startswith(MODELINE):
            if lines[0] == want:
                continue
            lines[0] = want
        else:
            lines.insert(0, want)
        path.write_text("\n".join(lines), encoding="utf-8")
        changed.append(path)
    return changed


def main(argv: list[str]) -> int:
    if argv[:1] == ["--annotate"]:
        for pack in argv[1:] or ["."]:
            for path in annotate(Path(pack) / "data"):
                print(f"annotated {path}")
        return 0
    for path in write():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
