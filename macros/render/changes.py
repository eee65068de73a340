"""What changed: the content change log and the review schedule, generated from `review` blocks.

Entries that share a date, a kind and a reason are one change made to many records
(for example, the first entry of a whole evidence base), so they are listed together.
Which pages show each record is only known once every page has rendered; the log
leaves a placeholder per record that `events.on_post_page` fills with links.
"""

from __future__ import annotations

from collections import defaultdict

from markupsafe import escape

from ..loader import Guide
from ..records import RecordRef, records
from .review import long_date

KIND_LABEL = {"added": "Added", "updated": "Updated", "corrected": "Corrected", "reviewed": "Reviewed"}


def _record_line(ref: RecordRef) -> str:
    return (f'<li data-record="{ref.key}"><strong>{escape(ref.label)}</strong> ({ref.kind}; <code>{ref.file}</code>) '
            f'<span class="shown-on" data-shown-on="{ref.key}"></span></li>')


def change_log(guide: Guide) -> str:
    groups: dict[tuple, list[RecordRef]] = defaultdict(list)
    for ref in records(guide):
        for change in ref.review.history:
            groups[(change.date, change.kind, change.summary)].append(ref)
    if not groups:
        return "No changes are recorded yet.\n"
    out = []
    for (date, kind, summary), refs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=True):
        what = "record" if len(refs) == 1 else "records"
        out.append(f'<section class="change" data-date="{date.isoformat()}" data-kind="{kind}" markdown>\n')
        out.append(f"### {long_date(date)}: {KIND_LABEL[kind].lower()}, {len(refs)} {what} {{ #change-{date.isoformat()}-{kind}-{len(out)} }}\n")
        out.append(f"{summary}\n")
        out.append('<details markdown><summary>Which records</summary>\n\n<ul class="change-records">\n'
                   + "\n".join(_record_line(r) for r in sorted(refs, key=lambda r: (r.kind, r.label.lower())))
                   + "\n</ul>\n\n</details>\n")
        out.append("</section>\n")
    return "\n".join(out)


def review_schedule(guide: Guide) -> str:
    """When each record is next due for review, earliest first: what reviewers pick up next."""
    rows = []
    for ref in sorted(records(guide), key=lambda r: (r.review.next_review, r.kind, r.label.lower())):
        r = ref.review
        rows.append(f"| {long_date(r.next_review)} | {ref.label.replace('|', '/')} ({ref.kind}) | {r.stage.value} | "
                    f"{long_date(r.reviewed_on)} | {r.reviewed_by} |")
    head = "| Next review due | Record | Stage | Last reviewed | By |\n| --- | --- | --- | --- | --- |\n"
    return head + "\n".join(rows) + "\n"
