"""Safety page: adverse events across trials, warnings, dose modifications, monitoring."""

from __future__ import annotations

from ..loader import Guide

from ..pagecontext import PageContext, trial_src
from .templates import badge as _badge
from .trials import ae_table



def boxed_warnings(guide: Guide, ctx: PageContext) -> str:
    items = [w for w in guide.safety.warnings if w.boxed]
    ctx.shows(*items)
    body = "\n".join(f"    - <span id=\"warning-{w.id}\"></span>**{w.title}.** {w.text} {ctx.cite(w.reference)} {_badge(ctx, w.status, w.title)}" for w in items)
    return f'!!! danger "Boxed warnings"\n\n{body}\n'


def warnings(guide: Guide, ctx: PageContext) -> str:
    items = [w for w in guide.safety.warnings if not w.boxed]
    ctx.shows(*items)
    return "\n".join(f"- <span id=\"warning-{w.id}\"></span>**{w.title}.** {w.text} {ctx.cite(w.reference)} {_badge(ctx, w.status, w.title)}" for w in items) + "\n"


def adverse_events(guide: Guide, ctx: PageContext) -> str:
    """Every adverse-event table, grouped by trial, each labelled with what its figures are."""
    out = []
    for trial in guide.trials.values():
        tables = [t for t in guide.safety.adverse_event_tables if t.trial == trial.id]
        if not tables:
            continue
        out.append(f"### {trial.name}\n")
        out.append(f"[{trial.name} trial page]({ctx.link(trial_src(trial.id))}): {trial.title}.\n")
        for table in tables:
            out.append(ae_table(trial, table, ctx) + "\n")
    return "\n".join(out)


def dose_modifications(guide: Guide, ctx: PageContext) -> str:
    out = []
    ctx.shows(*guide.safety.dose_modifications)
    for mod in guide.safety.dose_modifications:
        out.append(f"### {mod.topic}\n")
        out.append(f"Applies to: {mod.applies_to}. {ctx.cite(mod.reference)} {_badge(ctx, mod.status, mod.topic)}\n")
        out.append("| When | What to do |\n| --- | --- |\n" + "\n".join(
            f"| {r.when.replace('|', '/')} | {r.action.replace('|', '/')} |" for r in mod.rules) + "\n")
        if mod.note:
            out.append(mod.note + "\n")
    return "\n".join(out)


def monitoring(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.safety)  # the monitoring list has no review of its own: the file's covers it
    rows = "\n".join(f"| {m.what} | {m.when} {ctx.cite(m.reference)} |" for m in guide.safety.monitoring)
    return "| What | When |\n| --- | --- |\n" + rows + "\n"
