"""Scaffold a new data record, or a whole new content pack.

    python -m macros.scaffold trial <id> [--pack <folder>]

writes `<pack>/data/trials/<id>.yml` with every field, a comment on each and placeholders.
Every `FILL-ME` left in the file stops the build with the field's path, so a half-filled
scaffold can never reach the site.

    python -m macros.scaffold pack <folder> --name "<medicine>"

writes a minimal pack (`make new-pack`): site.yml, drug.yml, patient.yml, one trial, one
reference file, a home page, a patient page and its clinician counterpart, the reference
catalogue and the editorial page. It builds strictly as it is; its content is marked as an
example everywhere, and its figures are `unverified`, so every page says so and a
publication build (`REQUIRE_VERIFIED=1`) refuses them until they are replaced.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from types import MappingProxyType

from jinja2 import Environment, PackageLoader, StrictUndefined

from .schemas import modeline
from .yamlio import YamlError, read_yaml

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def trial(pack: Path, trial_id: str, today: datetime.date | None = None) -> Path:
    if not ID.match(trial_id):
        raise SystemExit(f"trial id {trial_id!r}: use lower-case letters, digits and dashes (e.g. alpha-2)")
    path = pack / "data" / "trials" / f"{trial_id}.yml"
    if path.exists():
        raise SystemExit(f"{path} already exists; edit it instead")
    today = today or datetime.date.today()
    next_review = _next_review(today)
    # A YAML file, not markup: no escaping; the values are an id and dates we made.
    env = Environment(loader=PackageLoader("macros", "templates"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    settings, kinds = _pack_ids(pack)
    text = env.get_template("scaffold/trial.yml").render(
        id=trial_id, today=today.isoformat(), next_review=next_review.isoformat(), modeline=modeline(path, "trial"),
        settings=settings, kinds=kinds)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


PACK_TEMPLATES = "scaffold/pack/"
# The schema each data file of a new pack is checked against (its editor modeline).
_SCHEMA_OF = MappingProxyType({
    "data/site.yml": "site", "data/drug.yml": "drug", "data/patient.yml": "patient",
    "data/trials/example-trial.yml": "trial", "data/references/example.yml": "references"})


def _yaml_string(value: str) -> str:
    """A YAML scalar for any text: a JSON string is a valid double-quoted YAML string."""
    return json.dumps(value, ensure_ascii=False)


def new_pack(folder: Path, name: str, today: datetime.date | None = None) -> list[Path]:
    """Write a minimal content pack for the medicine `name` into `folder` (new or empty); return its files."""
    name = " ".join(name.split())
    if not name:
        raise SystemExit('the medicine\'s name is empty: make new-pack DIR=<folder> NAME="<medicine>"')
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is not empty; a new pack goes into a new or empty folder")
    today = today or datetime.date.today()
    # A YAML or Markdown file, not HTML: no autoescape. The name only ever goes into YAML, through
    # `q`; the pages show it through macros ({{ guide_title }}, drug_names()), which escape it.
    env = Environment(loader=PackageLoader("macros", "templates"), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["q"] = _yaml_string
    values = {
        "name": name, "today": today.isoformat(), "next_review": _next_review(today).isoformat(),
        "month": today.strftime("%Y-%m"), "year": today.year,
        "modelines": {rel: modeline(folder / rel, kind) for rel, kind in _SCHEMA_OF.items()},
    }
    written = []
    for template in env.list_templates(filter_func=lambda n: n.startswith(PACK_TEMPLATES)):
        rel = template.removeprefix(PACK_TEMPLATES)
        if Path(rel).name.startswith("_"):
            continue  # a partial (the pages' front matter)
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(env.get_template(template).render(**values), encoding="utf-8")
        written.append(path)
    return written


def _next_review(today: datetime.date) -> datetime.date:
    return today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today + datetime.timedelta(days=365)


def _pack_ids(pack: Path) -> tuple[list[str], list[str]]:
    """The pack's setting and endpoint-kind ids (site.yml), for the scaffold's values and comments."""
    try:
        site = read_yaml(pack / "data" / "site.yml")
    except (OSError, YamlError):
        return [], []
    if not isinstance(site, dict):
        return [], []

    def ids(key: str) -> list[str]:
        items = site.get(key)
        return [str(x["id"]) for x in items if isinstance(x, dict) and "id" in x] if isinstance(items, list) else []

    return ids("settings"), ids("endpoint_kinds")


USAGE = ("usage: python -m macros.scaffold trial <id> [--pack <folder>]\n"
         '       python -m macros.scaffold pack <folder> --name "<medicine>"')


def main(argv: list[str]) -> int:
    args = list(argv)
    if args[:1] == ["pack"]:
        if len(args) != 4 or args[2] != "--name":
            print(USAGE, file=sys.stderr)
            return 2
        folder = Path(args[1])
        files = new_pack(folder, args[3])
        print(f"wrote a new pack in {folder} ({len(files)} files): PACK={folder} make site builds it as it is; "
              "replace the example content (marked 'example' and 'unverified'), then run PACK=... make check-data")
        return 0
    pack = Path(".")
    if "--pack" in args:
        i = args.index("--pack")
        pack = Path(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2 or args[0] != "trial":
        print(USAGE, file=sys.stderr)
        return 2
    path = trial(pack, args[1])
    print(f"wrote {path}: replace every FILL-ME, then run make check-data")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
