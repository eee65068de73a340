"""Front matter of the hand-written pages: read and checked before any page renders.

Every topic page names its audience and its counterpart for the other audience,
and every hand-written page carries the review of its own prose. Checking all of
them up front (in `on_files`) gives one list of problems, each naming the page and
the key, instead of a broken switch discovered by a reader.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .errors import DataError, Problem, from_validation_error
from .models import PageMeta

# A page's front matter, as MkDocs reads it (mkdocs.utils.meta): a YAML block between --- lines.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def read(path: Path) -> dict[str, Any]:
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        return {}
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        raise DataError([Problem(path, "front matter", f"not valid YAML ({err})")]) from None
    return meta if isinstance(meta, dict) else {}


def check(pages: dict[str, Path], generated: dict[str, PageMeta]) -> dict[str, PageMeta]:
    """Validate the front matter of `pages` (src path -> file); return every page's metadata.

    `generated` holds the metadata of pages made by the build (trial pages): they take part
    in the counterpart checks but have no file of their own.
    """
    problems: list[Problem] = []
    metas: dict[str, PageMeta] = dict(generated)
    for src, path in sorted(pages.items()):
        try:
            meta = PageMeta.model_validate(read(path))
        except ValidationError as err:
            problems.extend(from_validation_error(path, err, prefix="front matter"))
            continue
        if meta.review is None:
            problems.append(Problem(path, "front matter → review", "expected a review block (stage, reviewed_by, reviewed_on, next_review) for the page's own text"))
        metas[src] = meta
    for src, meta in metas.items():
        if meta.counterpart is None or src in generated:
            continue
        where = pages[src]
        target = meta.counterpart.split("#")[0]
        other = metas.get(target)
        if other is None:
            problems.append(Problem(where, "front matter → counterpart", f"no page {target!r} in the docs (expected a source path such as 'patients/side-effects.md')"))
        elif other.audience == meta.audience or other.audience is None:
            problems.append(Problem(where, "front matter → counterpart", f"{target!r} must be written for the other audience (its audience is {other.audience!r})"))
        elif target not in generated and (other.counterpart or "").split("#")[0] != src:
            problems.append(Problem(where, "front matter → counterpart", f"{target!r} names {other.counterpart!r} as its counterpart, not this page; the two must point at each other"))
    if problems:
        raise DataError(problems)
    return metas
