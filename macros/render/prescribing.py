"""Prescribing page: dose-modification rules by setting side by side, and the label facts of
`prescribing.yml` (specific populations, pharmacokinetics, preparation...), every row cited
with its own status."""

from __future__ import annotations

from markupsafe import Markup

from ..guide import Guide
from ..i18n import t
from ..markup import html, md, table
from ..models import DoseModification, Fact, PrescribingSection, Status
from ..pagecontext import PageContext


def status_text(ctx: PageContext, status: Status, what: str) -> Markup:
    """Every status in words, verified included: on this page a reader checks row by row."""
    return html("status_checked.html") if status == Status.verified else ctx.badge(status, what)


def rules_table(guide: Guide, mod: DoseModification, ctx: PageContext) -> Markup:
    rows = []
    for rule in mod.rules:
        status = mod.rule_status(rule)
        rows.append({"when": rule.when, "action": rule.action, "note": rule.note, "status": status.value,
                     "cite": ctx.cite(mod.reference), "status_text": status_text(ctx, status, f"{mod.topic}: {rule.when}")})
    setting = mod.setting or ""
    label = guide.setting_label(mod.setting) if mod.setting else mod.applies_to
    return html("rules_table.html", caption=f"{mod.topic}: {label}", setting=setting, rows=rows)


def _groups(mods: list[DoseModification]) -> list[list[DoseModification]]:
    """Rule sets in data order; those sharing a group together, where the first of them stands."""
    out: list[list[DoseModification]] = []
    index: dict[str, int] = {}
    for mod in mods:
        if mod.group is None:
            out.append([mod])
        elif mod.group in index:
            out[index[mod.group]].append(mod)
        else:
            index[mod.group] = len(out)
            out.append([mod])
    return out


def dose_modifications(guide: Guide, ctx: PageContext) -> Markup:
    """Each finding's rules, the settings side by side: in the order the rule sets are listed in safety.yml,
    then any setting without one (as site.yml lists them), which says so."""
    mods = list(guide.dose_modifications)
    ctx.shows(*mods)
    out = []
    for members in _groups(mods):
        first = members[0]
        columns: list[dict[str, object]]
        if first.group is None:
            columns = [{"label": guide.setting_label(first.setting) if first.setting else t("safety.all_settings"),
                        "applies_to": first.applies_to, "table": rules_table(guide, first, ctx), "note": first.note}]
        else:
            columns = []
            listed = [m.setting for m in members if m.setting]
            order = listed + [s.id for s in guide.site.settings if s.id not in listed]
            for setting in order:
                mod = next((m for m in members if m.setting == setting), None)
                columns.append({"label": guide.setting_label(setting), "applies_to": mod.applies_to if mod else "",
                                "table": rules_table(guide, mod, ctx) if mod else None, "note": mod.note if mod else ""})
        out.append(md("section.md", level=3, title=first.topic, anchor=f"rules-{first.group or first.id}",
                      blocks=[html("side_by_side.html", columns=columns)]))
    return Markup("\n").join(out)


def _facts(ctx: PageContext, facts: list[Fact]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for fact in facts:
        statements = [{"source": s.source, "text": s.text, "status": s.status.value, "cite": ctx.cite(s.reference),
                       "status_text": status_text(ctx, s.status, f"{fact.topic} ({s.source})")}
                      for s in fact.statements]
        out.append({"id": fact.id, "topic": fact.topic, "note": fact.note, "statements": statements})
    return out


def section(guide: Guide, ctx: PageContext, sec: PrescribingSection) -> Markup:
    ctx.shows(sec)
    return html("statements_table.html", caption=sec.title, id=f"facts-{sec.id}", prefix="fact-", facts=_facts(ctx, sec.facts))


def differences(guide: Guide, ctx: PageContext) -> Markup:
    """Every fact on which the sources disagree, from whichever section holds it."""
    sections = [s for s in (guide.prescribing.sections if guide.prescribing else []) if any(f.sources_differ for f in s.facts)]
    ctx.shows(*sections)
    facts = [f for s in sections for f in s.facts if f.sources_differ]
    return html("statements_table.html", caption=t("safety.differences"), id="facts-differences", prefix="differ-",
                facts=_facts(ctx, facts))


def monitoring(guide: Guide, ctx: PageContext) -> Markup:
    """The monitoring schedule with each row's citation and status."""
    if guide.monitoring:
        ctx.shows(guide.safety)
    rows = [[m.what, m.when, Markup(" ").join([ctx.cite(m.reference),
                                               status_text(ctx, m.status, t("safety.monitoring.badge", what=m.what))])]
            for m in guide.monitoring]
    columns = [t("safety.monitoring.what"), t("safety.monitoring.when"), t("safety.monitoring.reference")]
    return table(t("safety.monitoring.schedule"), columns, rows, class_="monitoring-schedule")
