"""When the content of a page was last reviewed: one function, so one place to change.

The review status of a page (the oldest review date of everything it shows; see
`render/review.py`) is put in the page's metadata while its Markdown renders. Pages made
outside that path (embed copies, generated figure pages) fall back to the date the whole
content is current as of.
"""

from __future__ import annotations

from ..loader import Guide
from ..render import review


def last_reviewed(page_src: str, guide: Guide, page=None) -> str:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the content of `page_src` was last reviewed."""
    status = (getattr(page, "meta", None) or {}).get("review_status") if page is not None else None
    if status:
        return status["last_reviewed"]
    from .. import build_state

    try:
        shown = build_state.current().pages.get(page_src)
    except RuntimeError:
        shown = None
    summary = review.summarise(shown.reviews) if shown is not None else None
    if summary is not None:
        return summary.last_reviewed.isoformat()
    return guide.site.content_current_as_of
