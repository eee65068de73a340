"""What changed: the content change log and the review schedule, generated from `review` blocks.

Entries that share a date, a kind and a reason are one change made to many records
(for example, the first entry of a whole evidence base), so they are listed together.
Which pages show each record is only known once every page has rendered; the log
leaves a placeholder per record that the build fills with links (`pagefinish.fill_shown_on`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from types import MappingProxyType

from markupsafe import Markup

from .. import fmt
from ..guide import Guide
from ..i18n import t, tm
from ..markup import html, md, table
from ..records import RecordRef, records
from ..text import md_escape

# A record's kind as `records.py` names it -> its words in changes.yml (`changes.record_kind.*`).
RECORD_KIND = MappingProxyType({
    "trial": "trial", "drug facts": "drug", "safety (monitoring)": "safety", "adverse-event table": "ae_table",
    "warning": "warning", "dose-modification rule": "dose_modification", "treatment sequencing": "sequencing",
    "glossary": "glossary", "patient wording of a result": "patient_result",
    "patient wording of a side effect": "patient_side_effect", "warning signs for patients": "guidance",
    "reference list": "references",
})


def kind_words(kind: str) -> str:
    """A record's kind in the build's language (a kind not listed above as records.py names it)."""
    key = RECORD_KIND.get(kind)
    return t(f"changes.record_kind.{key}") if key else kind


def change_log(guide: Guide) -> Markup:
    groups: dict[tuple[datetime.date, str, str], list[RecordRef]] = defaultdict(list)
    for ref in records(guide):
        for change in ref.review.history:
            groups[(change.date, change.kind, change.summary)].append(ref)
    changes = []
    for (date, kind, summary), refs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=True):
        # Markup, each part escaped for Markdown: the heading's own punctuation stays as written.
        heading = tm("changes.heading", date=md_escape(fmt.long_date(date)), kind=md_escape(t(f"changes.kind.{kind}")),
                     records=md_escape(t("changes.records", count=len(refs))))
        shown = [{"key": r.key, "label": r.label, "kind": kind_words(r.kind), "file": r.file}
                 for r in sorted(refs, key=lambda r: (r.kind, r.label.lower()))]
        changes.append({"date": date, "kind": kind, "heading": heading, "summary": summary,
                        "records": html("change_records.html", refs=shown)})
    return md("change_log.md", changes=changes)


def review_schedule(guide: Guide) -> Markup:
    """When each record is next due for review, earliest first: what reviewers pick up next."""
    rows = []
    for ref in sorted(records(guide), key=lambda r: (r.review.next_review, r.kind, r.label.lower())):
        r = ref.review
        rows.append([fmt.long_date(r.next_review), t("changes.record", label=ref.label, kind=kind_words(ref.kind)),
                     t(f"changes.stage.{r.stage.value}"), fmt.long_date(r.reviewed_on), r.reviewed_by])
    columns = [t(f"changes.schedule.{c}") for c in ("next", "record", "stage", "last", "by")]
    return table(t("changes.schedule.caption"), columns, rows, class_="review-schedule")
