"""When the content of a page was last reviewed: one function, so one place to change.

For now every page is as current as the whole evidence base (`content_current_as_of` in
data/site.yml). The review-status work (issue 4: per-record review dates) will replace
the body of `last_reviewed` with the date of the page's own records; callers stay as they are.
"""

from __future__ import annotations

from ..loader import Guide


def last_reviewed(page_src: str, guide: Guide) -> str:
    """ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the content of `page_src` was last reviewed."""
    del page_src  # not used until per-record review dates exist
    return guide.site.content_current_as_of
