"""The data downloads: CSV and JSON of the trials, efficacy and adverse-event tables, the whole
data set as JSON and its JSON Schema. Built from the loaded guide, added to the site as files.

CSV: UTF-8 with a byte-order mark (so spreadsheet programs read "≥" and "–" correctly), one
header row; figures are the published strings, yes/no fields `true`/`false`, missing values empty.
JSON: `{"dataset", "title", "version", "content_current_as_of", "licence", "columns", "rows"}`;
figures are strings with the published digits, counts numbers, missing values `null`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..guide import Guide
from ..i18n import t
from . import dataset, tables

FOLDER = "downloads"


@dataclass(frozen=True)
class Table:
    name: str  # file stem: downloads/<name>.csv and .json
    columns: Sequence[str]
    rows: Callable[[Guide], list[tables.Row]]

    @property
    def title(self) -> str:
        """What the table holds, in the build's language (reuse.downloads.<name>)."""
        return t("reuse.downloads." + self.name.replace("-", "_"))


TABLES = MappingProxyType({
    "trials": Table("trials", tables.TRIAL_COLUMNS, tables.trials),
    "efficacy": Table("efficacy", tables.EFFICACY_COLUMNS, tables.efficacy),
    "adverse-events": Table("adverse-events", tables.ADVERSE_EVENT_COLUMNS, tables.adverse_events),
})
GUIDE_JSON = f"{FOLDER}/guide.json"
SCHEMA_JSON = f"{FOLDER}/{dataset.SCHEMA_FILE}"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def to_csv(columns: Sequence[str], rows: list[tables.Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return "\ufeff" + out.getvalue()


def to_json(table: Table, rows: list[tables.Row], about: dict[str, str]) -> str:
    doc = {"dataset": table.name, "title": table.title, **about, "columns": table.columns, "rows": rows}
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def files(guide: Guide, version: str, licence: str) -> dict[str, str]:
    """Every download as {path in the site: content}."""
    about = {"version": version, "content_current_as_of": guide.site.content_current_as_of, "licence": licence}
    out: dict[str, str] = {}
    for table in TABLES.values():
        rows = table.rows(guide)
        out[f"{FOLDER}/{table.name}.csv"] = to_csv(table.columns, rows)
        out[f"{FOLDER}/{table.name}.json"] = to_json(table, rows, about)
    out[GUIDE_JSON] = dataset.guide_json(guide)
    out[SCHEMA_JSON] = dataset.guide_schema(t("reuse.downloads.schema", site=guide.site.title))
    return out
