"""Drug facts: components, mechanism steps, approvals, dosing."""

from __future__ import annotations

from markupsafe import Markup

from .. import fmt
from ..guide import Guide
from ..i18n import t
from ..markup import html, join, paragraph, table
from ..pagecontext import PageContext


def names(guide: Guide) -> str:
    d = guide.drug
    return ", ".join([d.name, d.short_name, *d.aliases, *d.brand_names])


def components(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    rows = []
    for c in guide.drug.components:
        value = f" {fmt.num(c.value)}" if c.value is not None else ""
        rows.append([c.role.capitalize(), f"{c.name}{value}",
                     join(c.description, ctx.cite(*c.references), ctx.badge(c.status, c.name))])
    columns = [t("drug.components.part"), t("drug.components.what"), t("drug.components.notes")]
    return table(t("drug.components.caption", drug=guide.drug.short_name), columns, rows, class_="components")


def _step(title: str, text: str, cite: Markup, badge: Markup) -> Markup:
    return join(Markup("<strong>%s.</strong>") % title, text, cite, badge)


def mechanism(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    items = [_step(s.title, s.text, ctx.cite(*s.references), ctx.badge(s.status, s.title)) for s in guide.drug.mechanism]
    return html("list.html", tag="ol", class_="mechanism-steps", items=items, ids=[f"step-{s.id}" for s in guide.drug.mechanism])


def mechanism_notes(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    items = [_step(s.title, s.text, ctx.cite(*s.references), ctx.badge(s.status, s.title)) for s in guide.drug.mechanism_notes]
    return html("list.html", tag="ul", class_="mechanism-notes", items=items, ids=None) if items else Markup("")


def approvals(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    rows = [[fmt.date(a.date), a.region, join(a.indication, ctx.cite(*a.references), ctx.badge(a.status, a.indication))]
            for a in sorted(guide.drug.approvals, key=lambda a: a.date)]
    columns = [t("drug.approvals.date"), t("drug.approvals.where"), t("drug.approvals.indication")]
    return table(t("drug.approvals.caption"), columns, rows, class_="approvals")


def dosing(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    d = guide.drug.dosing
    cite = ctx.cite(*d.references)
    dose = t("drug.dose_text", dose=fmt.num(d.dose), unit=d.unit, route=d.route, interval=_interval(d.cycle_days, cycles=bool(d.infusions)))
    out = [paragraph(join(Markup("<strong>%s</strong>") % t("drug.dose"), dose,
                          d.max_dose_note, cite, ctx.badge(d.status, "dosing")))]

    def part(heading: str, block: Markup) -> None:
        """A heading and its block, or nothing when the block is empty (an injection has no infusion times)."""
        if block:
            out.extend([paragraph(Markup("<strong>%s</strong>") % heading), block])

    infusions = t("drug.infusions.heading")
    part(infusions, table(infusions, [t("drug.infusions.infusion"), t("drug.infusions.time"), t("drug.infusions.observe")], [
        [i.which + (f" ({i.condition})" if i.condition else ""), t("drug.infusions.minutes", minutes=i.minutes),
         t("drug.infusions.at_least", minutes=i.observe_minutes)] for i in d.infusions], class_="infusions"))
    levels = t("drug.levels.heading")
    part(levels, table(levels, [t("drug.levels.level"), t("drug.levels.dose")],
                       [[lv.label, f"{fmt.num(lv.dose)} {d.unit}"] for lv in d.dose_levels], class_="dose-levels"))
    if d.dose_level_rule:
        out.append(paragraph(d.dose_level_rule))
    part(t("drug.durations"), html("list.html", tag="ul", class_="durations", ids=None, items=[
        f"{guide.setting_label(x.setting)}: {x.text}" + (" " + t("drug.cycles", count=x.cycles) if x.cycles else "")
        for x in d.durations]))
    part(t("drug.giving_infusion") if d.infusions else t("drug.how_given"),
         html("list.html", tag="ul", class_="administration", ids=None, items=list(d.administration)))
    out.append(paragraph(join(Markup("<strong>%s</strong>") % t("drug.missed"), d.missed_dose)))
    return Markup("\n\n").join(out)


def _interval(days: int, cycles: bool) -> str:
    """'every 21 days (3-week cycle)' for treatment given in cycles of infusions, 'every 2 weeks' for
    an injection, 'every day' or 'every 10 days'."""
    if days == 1:
        return t("drug.interval.day")
    if days % 7 == 0:
        if cycles:
            return t("drug.interval.weeks", days=days, weeks=days // 7)
        return t("drug.interval.every_weeks", count=days // 7)
    return t("drug.interval.days", days=days)
