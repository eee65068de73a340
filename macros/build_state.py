"""State that lives for one MkDocs build and is shared by the macros and the hooks.

mkdocs-macros calls module-level `on_*_page_macros(env)` functions and MkDocs
calls hook functions; neither passes our own objects along, so the loaded guide
and the citation registry of the build in progress sit here. `start()` is called
from `define_env` at the beginning of every build (and every `serve` rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from .bibliography import format_all

from .citations import CitationRegistry
from .loader import Guide
from .models import PageMeta
from .pagecontext import PageContext


@dataclass
class BuildState:
    guide: Guide
    registry: CitationRegistry
    formatted: dict[str, Markup]  # AMA-formatted entry of every reference, made once per build
    pages: dict[str, PageContext] = field(default_factory=dict)
    page_meta: dict[str, PageMeta] = field(default_factory=dict)  # checked front matter, by source path
    unverified: dict[str, list[str]] = field(default_factory=dict)  # page title -> unverified values shown
    shown_on: dict[str, tuple[str, str, set[int]]] = field(default_factory=dict)  # src -> (title, url, record ids)


_current: BuildState | None = None


def start(guide: Guide) -> BuildState:
    global _current
    _current = BuildState(guide, CitationRegistry(guide.references), format_all(guide.references))
    return _current


def current() -> BuildState:
    if _current is None:
        raise RuntimeError("no build in progress: define_env has not run")
    return _current
