"""The engine's own stylesheets as one file, named by its content.

Each stylesheet a page links in <head> blocks its first paint until it has arrived; on a phone
every extra request costs a round trip. The theme keeps its CSS in small files by concern
(guide.css, reuse.css, print.css); the build links one file made from them, in their order, named
by a hash of its content so that a host or a service worker may cache it for good. Comments stay
in the source files and are left out of the bundle: they say why, to authors, and are a third of
its size (the stylesheets hold no string or URL containing a comment's opening).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

BUNDLE_DIR = "assets"
BUNDLE_STEM = "guide"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
BLANK_LINES = re.compile(r"\n\s*\n+")


def without_comments(css: str) -> str:
    return BLANK_LINES.sub("\n", COMMENT.sub("", css)).strip()


def bundle_css(parts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """(path, content) pairs in link order -> (bundle path, bundle content)."""
    content = "\n".join(f"/* {path} */\n{without_comments(text)}\n" for path, text in parts)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:10]
    return f"{BUNDLE_DIR}/{BUNDLE_STEM}.{digest}.css", content
