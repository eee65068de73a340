"""One place where problems in the data become messages for the author.

Every problem names the file, the field path inside it and what was expected.
The loader collects all problems of a build before failing, so an author fixes
a batch at a time rather than one per build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    file: Path
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" → {self.field}" if self.field else "")
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when `data/` does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the data files:\n{lines}")


def field_path(loc: tuple[str | int, ...]) -> str:
    """('arms', 1, 'n') -> 'arms[1].n'"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def from_validation_error(file: Path, err: ValidationError, prefix: str = "") -> list[Problem]:
    problems = []
    for item in err.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        path = field_path(loc)
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field (not part of the data model; check the spelling)"
        elif item["type"] == "missing":
            message = "required field is missing"
        elif "input" in item and item["type"] not in ("model_type",):
            shown = repr(item["input"])
            if len(shown) <= 60:
                message += f" (got {shown})"
        problems.append(Problem(file, path, message))
    return problems
