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
from ..markup import html, md, table
from ..records import RecordRef, records

KIND_LABEL = MappingProxyType({"added": "Added", "updated": "Updated", "corrected": "Corrected", "reviewed": "Reviewed"})


def change_log(guide: Guide) -> Markup:
    groups: dict[tuple[datetime.date, str, str], list[RecordRef]] = defaultdict(list)
    for ref in records(guide):
        for change in ref.review.history:
            groups[(change.date, change.kind, change.summary)].append(ref)
    changes = []
    for (date, kind, summary), refs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=True):
        changes.append({
            "date": date, "kind": kind, "kind_label": KIND_LABEL[kind].lower(), "count": len(refs),
            "what": "record" if len(refs) == 1 else "records", "summary": summary,
            "records": html("change_records.html", refs=sorted(refs, key=lambda r: (r.kind, r.label.lower()))),
        })
    return md("change_log.md", changes=changes)


def review_schedule(guide: Guide) -> Markup:
    """When each record is next due for review, earliest first: what reviewers pick up next."""
    rows = []
    for ref in sorted(records(guide), key=lambda r: (r.review.next_review, r.kind, r.label.lower())):
        r = ref.review
        rows.append([fmt.long_date(r.next_review), f"{ref.label} ({ref.kind})", r.stage.value,
                     fmt.long_date(r.reviewed_on), r.reviewed_by])
    return table("Review schedule", ["Next review due", "Record", "Stage", "Last reviewed", "By"], rows,
                 class_="review-schedule")
