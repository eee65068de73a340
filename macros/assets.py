"""The engine's own stylesheets as one file, named by its content.

Each stylesheet a page links in <head> blocks its first paint until it has arrived; on a phone
every extra request costs a round trip. The theme keeps its CSS in small files by concern
(guide.css, reuse.css, print.css); the build links one file made from them, in their order, named
by a hash of its content so that a host or a service worker may cache it for good.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

BUNDLE_DIR = "assets"
BUNDLE_STEM = "guide"


def bundle_css(parts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """(path, content) pairs in link order -> (bundle path, bundle content)."""
    content = "\n".join(f"/* {path} */\n{text.strip()}\n" for path, text in parts)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return f"{BUNDLE_DIR}/{BUNDLE_STEM}.{digest}.css", content
