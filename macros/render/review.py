"""A page's review status, derived from the records it shows and its own prose.

"Last reviewed" is the oldest review date among them, "next review" the earliest
due date, and the stage the least advanced one: a page is only as current and as
checked as its weakest part.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from markupsafe import Markup

from ..fmt import long_date
from ..i18n import t
from ..markup import html
from ..models import STAGE_ORDER, Review, Stage

# A stage's tag is `status.stage.<stage>`; the same stage in words for patients and families (patient
# pages show no coloured tag) is `status.stage_plain.<stage>` (macros/locales/<language>/status.yml).


@dataclass(frozen=True)
class ReviewSummary:
    last_reviewed: datetime.date
    next_review: datetime.date
    stage: Stage
    records: int  # how many reviewed records (and prose blocks) the summary covers

    def as_meta(self) -> dict[str, str]:
        """Plain values for templates (page furniture, print footer, embeds)."""
        return {
            "last_reviewed": self.last_reviewed.isoformat(),
            "last_reviewed_text": long_date(self.last_reviewed),
            "next_review": self.next_review.isoformat(),
            "next_review_text": long_date(self.next_review),
            "stage": self.stage.value,
            "stage_label": t(f"status.stage.{self.stage.value}"),
            "stage_plain": t(f"status.stage_plain.{self.stage.value}"),
        }


def summarise(reviews: list[Review]) -> ReviewSummary | None:
    if not reviews:
        return None
    return ReviewSummary(
        last_reviewed=min(r.reviewed_on for r in reviews),
        next_review=min(r.next_review for r in reviews),
        stage=min((r.stage for r in reviews), key=STAGE_ORDER.__getitem__),
        records=len(reviews),
    )


def status_line(summary: ReviewSummary, about_href: str, plain: bool = False) -> Markup:
    """The line under a page title; `about_href` is the final URL of the page explaining review status.

    `plain`: in words for patients and families ("checked by our editors on ..."), without the stage tag.
    """
    return html("review_status.html", s=summary.as_meta(), about_href=about_href, plain=plain)
