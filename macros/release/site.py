"""What the release tools read about a built site: its pages.json."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import i18n

PAGES_JSON = "pages.json"


@dataclass(frozen=True)
class NavPage:
    title: str
    src: str
    file: str  # the page's HTML file, relative to the site folder
    audience: str
    section: tuple[str, ...]  # titles of the nav sections it sits in
    sheet: bool = False  # a one-page print sheet (front matter `sheet: true`)


@dataclass(frozen=True)
class BuiltSite:
    folder: Path
    site: str
    slug: str
    version: str
    content_licence: str | None
    nav: list[dict]
    language: str = i18n.DEFAULT_LANGUAGE
    # The pack's own wording of the release messages (site.yml `strings:`), as the build applied it.
    wording: Mapping[str, str | Mapping[str, str]] = field(default_factory=dict)

    def strings(self) -> i18n.Strings:
        """The engine's strings in the site's language: what the packages' own words are written in
        (`with i18n.using(site.strings()):`), since they are made after the build, outside it."""
        return i18n.engine_strings(self.language).with_overrides(self.wording)

    def pages(self) -> list[NavPage]:
        """Every page in the nav, in nav order."""
        out: list[NavPage] = []

        def walk(items: list[dict], section: tuple[str, ...]) -> None:
            for item in items:
                if "children" in item:
                    walk(item["children"], section + (item["title"],))
                elif "file" in item:
                    out.append(NavPage(item["title"], item["src"], item["file"], item["audience"], section,
                                       bool(item.get("sheet", False))))

        walk(self.nav, ())
        return out

    def artefact(self, kind: str, suffix: str) -> str:
        """'examplumab-test-guide-offline-0.1.0.zip'"""
        return f"{self.slug}-{kind}-{self.version}{suffix}"


def read_site(folder: Path) -> BuiltSite:
    path = folder / PAGES_JSON
    if not path.is_file():
        raise SystemExit(f"{path} not found: build the site first (make site, or make offline)")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return BuiltSite(folder, doc["site"], doc["slug"], doc["version"], doc.get("content_licence"), doc["nav"],
                     doc.get("language") or i18n.DEFAULT_LANGUAGE, doc.get("strings") or {})
