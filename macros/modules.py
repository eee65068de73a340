"""The nav's modules: the units a learning platform takes one at a time (`make scorm` packs each as
a SCO that reports completion on its last page) and that a self-check quiz ends.

A top-level section of pages is one module; a top-level section holding subsections gives one
module per entry (a page, or a subsection with all its pages). Single top-level pages (home,
references) belong to no module. The nav is the one `pages.json` holds: dicts with a `title` and
either `children` or a page (`src` in docs/, `file` in the site); links to other sites have neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavModule:
    title: str
    pages: tuple[dict[str, Any], ...]  # its pages' nav entries, in nav order


def nav_modules(nav: list[dict[str, Any]]) -> list[NavModule]:
    def pages(entry: dict[str, Any]) -> list[dict[str, Any]]:
        if "children" in entry:
            return [p for child in entry["children"] for p in pages(child)]
        return [entry] if "file" in entry else []

    out: list[NavModule] = []
    for top in nav:
        if "children" not in top:
            continue
        parts = top["children"] if any("children" in c for c in top["children"]) else [top]
        for part in parts:
            found = pages(part)
            if found:
                out.append(NavModule(part["title"], tuple(found)))
    return out


def quiz_page_problem(nav: list[dict[str, Any]], page_src: str) -> str | None:
    """Why a quiz may not end the page `page_src` (a path in docs/), or None when it is the last page
    of its module: a quiz anywhere else comes after the platform was told the module is complete."""
    for module in nav_modules(nav):
        srcs = [p["src"] for p in module.pages]
        if page_src in srcs:
            if srcs[-1] == page_src:
                return None
            return (f"{page_src!r} is not the last page of its module {module.title!r} (that is {srcs[-1]!r}): "
                    "a learning platform would be told the module is complete before the quiz is reached")
    return f"{page_src!r} is in no module of the nav (a section of site.yml's nav): the quiz would end no module"
