"""The macros a page may call, bound to one build: `{{ trial_page("alpha") }}` and the rest.

Each macro checks its arguments against the guide (unknown ids get "did you mean"),
then hands the work to a pure render function with the page's `PageContext`. An
author's mistake does not stop the page half-way: the call renders as nothing, and the
problem (page, line, what is wrong) is kept for the build to report, all at once.

The same table serves mkdocs-macros (`define_env` registers it) and `render_text`, which
renders a page's text with plain Jinja, without MkDocs.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from .errors import GuideError, UnknownName
from .guide import OVERVIEW_SRC, Guide, trial_src
from .i18n import t, tm
from .markup import or_else
from .models import Role, Setting
from .pagecontext import PageContext
from .pagetext import current_line
from .plain_numbers import rule
from .render import (
    audience,
    changes,
    drug,
    embeds,
    evidence,
    figures,
    glossary,
    patient,
    prescribing,
    references,
    safety,
    sequencing,
    trials,
)
from .reuse import downloads
from .text import md_escape

ALL_DOWNLOADS = "guide"  # the name for the whole data set and its schema


def _heading_level(value: object) -> int:
    for level in (2, 3):
        if value == level:
            return level
    raise GuideError(f"level must be 2 or 3, not {value!r}")


def _with_script(page: PageContext, script: str, out: Markup) -> Markup:
    """Note that the page needs a script of its own (see PageContext.scripts), and return its markup."""
    page.scripts.add(script)
    return out


class Host(Protocol):
    """What the macros need from the build that owns them (`session.BuildSession`)."""

    guide: Guide
    formatted: dict[str, Markup]
    current: PageContext | None
    macros: MacroTable

    def page(self) -> PageContext: ...

    def problem(self, line: int | None, message: str) -> Markup: ...

    def begin_page(self, src: str, url: str, title: str, raw_meta: Mapping[str, Any], line_offset: int = 0,
                   defer_figures: bool = False) -> PageContext: ...


class MacroTable:
    """Name -> macro for one build. `functions` is what mkdocs-macros registers."""

    def __init__(self, session: Host) -> None:
        self.session = session
        self.functions: dict[str, Callable[..., Any]] = {}
        self.filters: dict[str, Callable[..., Any]] = {"md": md_escape}
        g = session.guide
        # Page text is Markdown: a value from the data goes in escaped (text.md_escape).
        self.variables: dict[str, Any] = {"guide_title": md_escape(g.site.title)}
        ctx = session.page

        def trial(trial_id: str) -> Any:
            return g.trial(trial_id)

        def _setting(setting_id: str) -> Setting:
            return g.setting(setting_id)

        # A macro that shows a section which may be empty takes `none`: the sentence the pack shows instead
        # (left out, an empty section shows nothing, never an empty box or table).
        macros: dict[str, Callable[..., Any]] = {
            "cite": lambda *ids: ctx().cite(*ids),
            "trial_page": lambda trial_id: trials.page(g, trial(trial_id), ctx()),
            "trials_table": lambda setting, context_trials=False: trials.overview(
                g, ctx(), _setting(setting),
                (Role.context,) if context_trials else (Role.subject, Role.comparator, Role.backbone)),
            "trial_link": lambda trial_id: Markup("[%s](%s)") % (md_escape(trial(trial_id).name),
                                                                Markup(ctx().link(trial_src(trial_id)))),
            "trial_count": lambda: len(g.trials),
            "drug_names": lambda: drug.names(g),
            "drug_components": lambda: drug.components(g, ctx()),
            "mechanism_steps": lambda: drug.mechanism(g, ctx()),
            "mechanism_notes": lambda: drug.mechanism_notes(g, ctx()),
            "approvals_table": lambda: drug.approvals(g, ctx()),
            "dosing": lambda: drug.dosing(g, ctx()),
            "boxed_warnings": lambda none="": or_else(safety.boxed_warnings(g, ctx()), none),
            "warnings": lambda none="": or_else(safety.warnings(g, ctx()), none),
            "adverse_events": lambda none="": or_else(safety.adverse_events(g, ctx()), none),
            "dose_modifications": lambda none="": or_else(safety.dose_modifications(g, ctx()), none),
            "monitoring": lambda none="": or_else(safety.monitoring(g, ctx()), none),
            # Prescribing page (render/prescribing.py).
            "dose_rules_by_setting": lambda none="": or_else(prescribing.dose_modifications(g, ctx()), none),
            "prescribing_section": lambda section_id: prescribing.section(g, ctx(), g.prescribing_section(section_id)),
            "monitoring_schedule": lambda none="": or_else(prescribing.monitoring(g, ctx()), none),
            "source_differences": lambda: prescribing.differences(g, ctx()),
            "pathway": lambda setting, none="": or_else(sequencing.pathway(g, ctx(), _setting(setting)), none),
            "guidelines": lambda setting=None, none="": or_else(
                sequencing.guidelines(g, ctx(), _setting(setting) if setting else None), none),
            "timeline": lambda none="": or_else(sequencing.timeline(g, ctx()), none),
            "sequencing_current_as_of": lambda: sequencing.current_as_of(g),
            "evidence_levels": lambda: evidence.levels(),
            "evidence_endpoints": lambda: evidence.endpoints(g),
            "glossary": lambda none="": or_else(glossary.glossary(g, ctx()), none),
            "reference_catalogue": lambda: references.catalogue(g.references, session.formatted),
            # Patient pages: the same records in everyday words (render/patient.py).
            "plain_results": lambda setting: patient.results(g, ctx(), _setting(setting)),
            "plain_side_effects": lambda setting: patient.side_effects(g, ctx(), _setting(setting)),
            "plain_side_effect": lambda side_effect_id: patient.side_effect(g, ctx(), side_effect_id),
            "what_to_do": lambda level=3, by_effect=False: patient.what_to_do(g, ctx(), _heading_level(level),
                                                                           by_effect is True),
            "about_side_effects": lambda: patient.about_side_effects(g, ctx()),
            "plain_dosing": lambda: patient.dosing(g, ctx()),
            "treatment_interval": lambda: patient.every(g),
            "plain_fact": lambda fact_id, listed=False: patient.plain_fact(g, ctx(), fact_id, listed),
            "plain_monitoring": lambda none="", only="", skip="": or_else(patient.plain_monitoring(g, ctx(), only, skip), none),
            "pronunciations": lambda: patient.pronunciations(g, ctx()),
            "plain_glossary": lambda none="": or_else(patient.words(g, ctx()), none),
            "rounding_rule": lambda: md_escape(rule()),
            "audience_doors": lambda: audience.doors(g, ctx()),
            "change_log": lambda: _with_script(ctx(), "assets/changes.js", changes.change_log(g)),
            "review_schedule": lambda: changes.review_schedule(g),
            # Embed pages and downloads (reuse/).
            "trial_summary": lambda trial_id: embeds.trial_summary(g, trial(trial_id), ctx()),
            "adverse_event_table": lambda table_id: embeds.adverse_event_table(g, g.ae_table(table_id), ctx()),
            "download_links": lambda *names: download_list(names, ctx()),
            # Figures drawn from the data (figures/).
            "forest_plot": lambda trial_id=None, settings=None: figures.forest_plot(
                g, ctx(), trial(trial_id).id if trial_id else None,
                [_setting(s) for s in settings] if settings else None),
            "trial_schema": lambda trial_id, with_table=True: figures.trial_schema(g, ctx(), trial(trial_id).id, with_table),
            "ae_chart": lambda table_id, with_table=True: figures.ae_chart(g, ctx(), g.ae_table(table_id).id, with_table),
            "mechanism_diagram": lambda with_table=True: figures.mechanism_diagram(g, ctx(), with_table),
            "pathway_diagram": lambda setting, with_table=True: figures.pathway_diagram(
                g, ctx(), _setting(setting), with_table),
            "icon_array": lambda trial_id, result_id: figures.icon_array(g, ctx(), trial(trial_id).id, result_id),
        }
        for name, fn in macros.items():
            self.functions[name] = self._checked(name, fn)

    def _checked(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """The macro as pages call it: wrong arguments and unknown ids become page problems."""
        session = self.session
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                signature.bind(*args, **kwargs)
            except TypeError as err:
                return session.problem(current_line(), f"wrong arguments for {name}{signature}: {err}")
            try:
                out = fn(*args, **kwargs)
            except GuideError as err:
                return session.problem(current_line(), f"{name}(...): {err}")
            # Markup was made by a template; any other text is data, and goes into the page as text.
            return out if isinstance(out, Markup) or not isinstance(out, str) else md_escape(out)

        return call


def download_list(names: tuple[str, ...], ctx: Any) -> Markup:
    """Markdown list of links to the named downloads (table names from `downloads.TABLES`, or "guide")."""
    lines = []
    for name in names:
        if name == ALL_DOWNLOADS:
            links = tm("page.downloads_all_links", json=Markup("[JSON](%s)") % Markup(ctx.link(downloads.GUIDE_JSON)),
                       schema=Markup("[JSON Schema](%s)") % Markup(ctx.link(downloads.SCHEMA_JSON)))
            lines.append(Markup("- **%s**: %s") % (md_escape(t("page.downloads_all")), links))
            continue
        if name not in downloads.TABLES:
            raise UnknownName("download", name, [*downloads.TABLES, ALL_DOWNLOADS])
        table = downloads.TABLES[name]
        base = f"{downloads.FOLDER}/{table.name}"
        lines.append(Markup("- **%s**: [CSV](%s) · [JSON](%s)")
                     % (md_escape(table.title), Markup(ctx.link(base + ".csv")), Markup(ctx.link(base + ".json"))))
    return Markup("\n").join(lines) + Markup("\n")


def render_text(session: Host, src: str, text: str, url: str = "", title: str = "") -> str:
    """A page's text with its macro calls rendered by plain Jinja, without MkDocs (tests, other builders)."""
    session.begin_page(src, url or src, title or src, {})
    env = Environment(undefined=StrictUndefined)
    env.globals.update(session.macros.functions)
    env.globals.update(session.macros.variables)
    env.filters.update(session.macros.filters)
    return env.from_string(text).render()


__all__ = ["MacroTable", "render_text", "download_list", "OVERVIEW_SRC"]
