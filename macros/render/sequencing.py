"""Treatment sequencing: pathways with their options, guideline positions, dated timeline."""

from __future__ import annotations

from ..loader import Guide
from ..models import Setting
from ..pagecontext import PageContext, trial_src
from . import fmt
from .templates import badge as _badge

POSITION_LABEL = {"preferred": "Preferred", "option": "Option", "historical": "Historical", "under study": "Under study"}



def pathway(guide: Guide, ctx: PageContext, setting: Setting) -> str:
    ctx.shows(guide.sequencing)
    out = []
    for path in guide.sequencing.pathways:
        if path.setting != setting:
            continue
        for i, step in enumerate(path.steps, start=1):
            out.append(f"### Step {i}: {step.title} {{ #{step.id} }}\n")
            out.append(step.text + "\n")
            for opt in step.options:
                trials = ", ".join(f"[{guide.trials[t].name}]({ctx.link(trial_src(t))})" for t in opt.trials)
                evidence = f" Evidence: {trials}." if trials else ""
                refs = f" {ctx.cite(*opt.references)}" if opt.references else ""
                out.append(
                    f"- **{opt.name}** <span class=\"position position--{opt.position.replace(' ', '-')}\">"
                    f"{POSITION_LABEL[opt.position]}</span> {opt.text}{evidence}{refs} {_badge(ctx, opt.status, opt.name)}"
                )
            out.append("")
    return "\n".join(out)


def guidelines(guide: Guide, ctx: PageContext, setting: Setting | None = None) -> str:
    ctx.shows(guide.sequencing)
    rows = []
    for g in sorted(guide.sequencing.guidelines, key=lambda g: (g.setting.value, -(g.year or 0), g.body)):
        if setting and g.setting != setting:
            continue
        rows.append(f"| {g.body} | {g.year or 'not recorded'} | {g.setting.value.capitalize()} | {g.statement.replace('|', '/')} {ctx.cite(g.reference)} {_badge(ctx, g.status, g.body)} |")
    return "| Guideline | Year | Setting | What it says |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n"


def timeline(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.sequencing)
    items = sorted(guide.sequencing.timeline, key=lambda e: e.date)
    return "\n".join(
        f"- **{fmt.date(e.date)}**: {e.text} {ctx.cite(*e.references)} {_badge(ctx, e.status, e.text)}" for e in items
    ) + "\n"


def current_as_of(guide: Guide) -> str:
    return fmt.date(guide.sequencing.current_as_of)
