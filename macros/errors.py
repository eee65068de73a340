"""One place where an author's mistakes become messages: in data files and in page text.

Every data problem names the file, the field path inside it and what was expected; the
loader collects all problems before failing, so an author fixes a batch at a time.
A mistake in a page's text (an unknown macro, an unknown id, a wrong argument) names
the page, the line and the nearest valid names. The plugin turns these into MkDocs
errors at one boundary; no Python traceback reaches the author.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError


def suggest(name: str, valid: Iterable[str], n: int = 3) -> str:
    """' (did you mean 'alpha-2'?)' or ' (expected one of ...)' for a short list, else ''."""
    options = sorted(set(valid))
    close = difflib.get_close_matches(name, options, n=n, cutoff=0.6)
    if close:
        return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
    if 0 < len(options) <= 8:
        return f" (expected one of {', '.join(repr(o) for o in options)})"
    return ""


class GuideError(ValueError):
    """A mistake an author can fix (an unknown id, an impossible figure request), said in one line."""


class UnknownName(GuideError):
    """An id, name or option that does not exist, with the nearest valid ones."""

    def __init__(self, what: str, name: str, valid: Iterable[str]) -> None:
        self.what = what
        self.name = name
        super().__init__(f"unknown {what} {name!r}{suggest(str(name), valid)}")


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


@dataclass(frozen=True)
class PageProblem:
    page: str  # source path in docs/, or a generated page's path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.page}" + (f", line {self.line}" if self.line else "") + f": {self.message}"


class PageTextError(Exception):
    """Mistakes in pages' text (macro calls), every one of the build."""

    def __init__(self, problems: list[PageProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the pages' text:\n{lines}")


def field_path(loc: tuple[str | int, ...]) -> str:
    """('arms', 1, 'n') -> 'arms[1].n'"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class inside an annotation such as `list[Arm] | None`, if there is exactly one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    found = [m for arg in typing.get_args(annotation) if (m := _model_in(arg)) is not None]
    if origin in (typing.Union, types.UnionType, list, tuple, dict) and len(found) == 1:
        return found[0]
    return None


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names a mapping at `loc` (inside a `model` document) may have; [] when unknown."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue  # an item of a list: same model
        field = current.model_fields.get(part)
        if field is None:
            continue  # a dict key (an arm id...): the value's model follows
        current = _model_in(field.annotation)
    return list(current.model_fields) if current is not None else []


def from_validation_error(file: Path, err: ValidationError, prefix: str = "",
                          model: type[BaseModel] | None = None) -> list[Problem]:
    problems = []
    for item in err.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        path = field_path(loc)
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            valid = fields_at(model, loc[:-1]) if model is not None else []
            hint = suggest(str(loc[-1]), valid) if valid else ""
            message = "unknown field (not part of the data model; check the spelling)" + hint
        elif item["type"] == "missing":
            message = "required field is missing"
        elif "input" in item and item["type"] not in ("model_type",):
            shown = repr(item["input"])
            if len(shown) <= 60:
                message += f" (got {shown})"
        problems.append(Problem(file, path, message))
    return problems
