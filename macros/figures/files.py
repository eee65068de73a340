"""The downloadable copy of every figure shown: `figures/<key>.svg` in the built site.

Files are written after the build from what the pages actually showed (each
`PageContext` records its figures), so every download link has its file and no
file exists that no page offers.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..pagecontext import PageContext
from .embed import FOLDER


def collect(pages: Iterable[PageContext]) -> dict[str, str]:
    """key -> standalone SVG over all pages; the same key must mean the same drawing everywhere."""
    found: dict[str, tuple[str, str]] = {}
    for ctx in pages:
        for key, content in ctx.figures.items():
            if key in found and found[key][1] != content:
                raise ValueError(f"figure {key!r} differs between {found[key][0]} and {ctx.src}")
            found.setdefault(key, (ctx.src, content))
    return {key: content for key, (_, content) in found.items()}


def write(figures: dict[str, str], site_dir: Path) -> list[Path]:
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for key, content in sorted(figures.items()):
        path = folder / f"{key}.svg"
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
