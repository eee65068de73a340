"""Scaffold a new data record with every field, a comment on each and placeholders.

    python -m macros.scaffold trial <id> [--pack <folder>]

writes `<pack>/data/trials/<id>.yml`. Every `FILL-ME` left in the file stops the build
with the field's path, so a half-filled scaffold can never reach the site.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

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
    next_review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) else today + datetime.timedelta(days=365)
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


def main(argv: list[str]) -> int:
    args = list(argv)
    pack = Path(".")
    if "--pack" in args:
        i = args.index("--pack")
        pack = Path(args[i + 1])
        del args[i : i + 2]
    if len(args) != 2 or args[0] != "trial":
        print("usage: python -m macros.scaffold trial <id> [--pack <folder>]", file=sys.stderr)
        return 2
    path = trial(pack, args[1])
    print(f"wrote {path}: replace every FILL-ME, then run make check-data")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
