"""Generated page sources: one Markdown page per trial record, the nav entries for them, and
the front matter of every page the engine writes.

Titles of generated pages come from data and are read by the theme, which prints them
without escaping (nav, `<title>`): `theme_title` escapes them for HTML, and writes braces
as character references so mkdocs-macros never sees template syntax in a title.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

import yaml

from .guide import Guide, trial_src
from .i18n import t
from .models import Role, Trial


def theme_title(title: str) -> str:
    """A data title as the theme will print it: HTML-escaped, braces as character references."""
    return html.escape(" ".join(title.split()), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter written by a YAML library: quotes, colons and newlines in values are safe."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def trial_page_source(trial_id: str, title: str) -> str:
    """The page only calls the macro, so the trial renders with the page's own citations."""
    return front_matter({"title": theme_title(title)}) + f'{{{{ trial_page("{trial_id}") }}}}\n'


def _in_setting(setting_id: str, trial: Trial) -> bool:
    return trial.setting == setting_id and trial.role != Role.context


def trials_nav(guide: Guide, overview_src: str) -> list[dict[str, Any]]:
    """Nav for the trials section: overview, then trials grouped by setting (titles escaped for the theme)."""
    groups: list[tuple[str, Callable[[Trial], bool]]] = [
        (s.label, functools.partial(_in_setting, s.id)) for s in guide.site.settings]
    groups.append((t("page.nav_context"), lambda trial: trial.role == Role.context))
    nav: list[dict[str, Any]] = [{theme_title(t("page.nav_overview")): overview_src}]
    for label, keep in groups:
        items = [{theme_title(trial.name): trial_src(trial.id)} for trial in guide.trials.values() if keep(trial)]
        if items:
            nav.append({theme_title(label): items})
    return nav


def site_nav(items: list[Any]) -> list[Any]:
    """The pack's nav (site.yml) with every title escaped for the theme."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            out.append({theme_title(str(k)): site_nav(v) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out
