"""Drug facts: components, mechanism steps, approvals, dosing."""

from __future__ import annotations

from ..loader import Guide

from ..pagecontext import PageContext
from . import fmt
from .templates import badge as _badge



def names(guide: Guide) -> str:
    d = guide.drug
    return ", ".join([d.name, d.short_name, *d.aliases, *d.brand_names])


def components(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.drug)
    rows = []
    for c in guide.drug.components:
        value = f" {fmt.num(c.value)}" if c.value is not None else ""
        rows.append(f"| {c.role.capitalize()} | {c.name}{value} | {c.description} {ctx.cite(*c.references)} {_badge(ctx, c.status, c.name)} |")
    return "| Part | What it is | Notes |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n"


def mechanism(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.drug)
    steps = "\n".join(
        f"{i}. **{s.title}.** {s.text} {ctx.cite(*s.references)} {_badge(ctx, s.status, s.title)}"
        for i, s in enumerate(guide.drug.mechanism, start=1)
    )
    return steps + "\n"


def mechanism_notes(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.drug)
    return "\n".join(
        f"- **{s.title}.** {s.text} {ctx.cite(*s.references)} {_badge(ctx, s.status, s.title)}" for s in guide.drug.mechanism_notes
    ) + "\n"


def approvals(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.drug)
    rows = "\n".join(
        f"| {fmt.date(a.date)} | {a.region} | {a.indication} {ctx.cite(*a.references)} {_badge(ctx, a.status, a.indication)} |"
        for a in sorted(guide.drug.approvals, key=lambda a: a.date)
    )
    return "| Date | Where | Indication |\n| --- | --- | --- |\n" + rows + "\n"


def dosing(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.drug)
    d = guide.drug.dosing
    cite = ctx.cite(*d.references)
    out = [
        f"**Dose:** {fmt.num(d.dose)} {d.unit} by {d.route}, every {d.cycle_days} days ({d.cycle_days // 7}-week cycle). "
        f"{d.max_dose_note} {cite} {_badge(ctx, d.status, 'dosing')}\n",
        "**Infusion times**\n",
        "| Infusion | Infusion time | Observation afterwards |\n| --- | --- | --- |\n" + "\n".join(
            f"| {i.which}{(' (' + i.condition + ')') if i.condition else ''} | {i.minutes} minutes | at least {i.observe_minutes} minutes |"
            for i in d.infusions) + "\n",
        "**Dose-reduction levels**\n",
        "| Level | Dose |\n| --- | --- |\n" + "\n".join(f"| {lv.label} | {fmt.num(lv.dose)} {d.unit} |" for lv in d.dose_levels) + "\n",
        d.dose_level_rule + "\n",
        "**How long treatment lasts**\n",
        "\n".join(f"- {guide.site.setting_labels[x.setting]}: {x.text}" + (f" {x.cycles} cycles in all." if x.cycles else "")
                  for x in d.durations) + "\n",
        "**Giving the infusion**\n",
        "\n".join(f"- {item}" for item in d.administration) + "\n",
        f"**Missed or delayed dose:** {d.missed_dose}\n",
    ]
    preg = guide.drug.pregnancy
    if preg:
        out.append(f"**Contraception:** effective contraception during treatment and for "
                   f"{preg.contraception_months_after_last_dose} months after the last dose. "
                   f"{ctx.cite(*preg.references)} {_badge(ctx, preg.status, 'contraception period')}\n")
    return "\n".join(out)
