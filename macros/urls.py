"""Page addresses, computed the way MkDocs computes them, without importing MkDocs.

The engine's core (render, figures, reuse) links pages by their source path
("trials/alpha.md"); where the link lands in raw HTML, which MkDocs does not rewrite,
these functions make it the final relative URL. `tests/test_urls.py` checks them against
MkDocs' own functions.
"""

from __future__ import annotations

import posixpath


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """URL of a source file relative to the site root: 'trials/alpha.md' -> 'trials/alpha/'."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    if use_directory_urls:
        return f"{stem}/"
    return f"{stem}.html"


def relative_url(url: str, other: str) -> str:
    """`url` (relative to the site root) as seen from the page at `other` (MkDocs' get_relative_url)."""
    if other != ".":
        parts = posixpath.split(other)
        other = parts[0] if "." in parts[1] else other
    rel = posixpath.relpath("/" + url, "/" + other)
    return rel + "/" if url.endswith("/") else rel


def href(target_src: str, from_url: str, use_directory_urls: bool = True, anchor: str = "") -> str:
    """A link from the page at `from_url` to the page `target_src`, with an optional anchor."""
    out = relative_url(page_url(target_src, use_directory_urls), from_url)
    return out + (f"#{anchor}" if anchor else "")
