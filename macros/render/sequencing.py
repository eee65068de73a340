"""Treatment sequencing: pathways with their options, guideline positions, dated timeline."""

from __future__ import annotations

from markupsafe import Markup

from .. import fmt, standing
from ..guide import Guide, trial_src
from ..i18n import t, tm
from ..markup import html, join, md, paragraph, table
from ..models import Option, Setting
from ..pagecontext import PageContext
from ..text import inline_html


def _facts(ctx: PageContext, opt: Option) -> Markup:
    """The dated facts the option's label is derived from, each with its source and status."""
    items = []
    for a in opt.regulatory:
        when = t("sequencing.authority_date", authority=a.authority, date=fmt.date(a.date))
        items.append(join(Markup("<strong>%s:</strong>") % when,
                          t(f"sequencing.action_for.{standing.ACTIONS[a.action]}", scope=a.scope), a.note,
                          ctx.cite(a.reference), ctx.badge(a.status, f"{opt.name}: {a.authority}")))
    for s in opt.guidelines:
        items.append(join(Markup("<strong>%s</strong>") % standing.guideline_name(s),
                          t(f"sequencing.stance_says.{s.stance}"), s.wording,
                          ctx.cite(s.reference), ctx.badge(s.status, f"{opt.name}: {s.body}")))
    if opt.guideline_gap:
        items.append(join(Markup("<strong>%s</strong>") % t("sequencing.not_verified"), opt.guideline_gap))
    items.append(join(t("sequencing.checked_on", date=fmt.long_date(opt.checked_on))))
    return html("list.html", tag="ul", class_="option-facts", ids=None, items=items)


def _option(guide: Guide, ctx: PageContext, opt: Option) -> Markup:
    trials = join(*(html("link.html", href=ctx.href(trial_src(tr)), text=guide.trials[tr].name) for tr in opt.trials), sep=", ")
    status = html("standing.html", kind=standing.standing(opt).value, label=standing.label(opt))
    return join(
        Markup("<strong>%s</strong>") % opt.name, status, inline_html(opt.text),
        tm("sequencing.evidence", trials=trials) if opt.trials else "",
        ctx.cite(*opt.references) if opt.references else "", ctx.badge(opt.status, opt.name),
        _facts(ctx, opt),
    )


def pathway(guide: Guide, ctx: PageContext, setting: Setting) -> Markup:
    ctx.shows(guide.sequencing)
    out = []
    for path in guide.pathways:
        if path.setting != setting.id:
            continue
        for i, step in enumerate(path.steps, start=1):
            blocks = [paragraph(inline_html(step.text))]
            if step.options:
                blocks.append(html("list.html", tag="ul", class_="pathway-options", ids=None,
                                   items=[_option(guide, ctx, opt) for opt in step.options]))
            out.append(md("section.md", level=3, title=t("sequencing.step", n=i, title=step.title), anchor=step.id, blocks=blocks))
    return Markup("\n").join(out)


def guidelines(guide: Guide, ctx: PageContext, setting: Setting | None = None) -> Markup:
    ctx.shows(guide.sequencing)
    rows = []
    # Sorted by the setting column as shown (its short label), then newest first.
    for g in sorted(guide.guideline_positions, key=lambda g: (guide.setting(g.setting).column_label, -(g.year or 0), g.body)):
        if setting and g.setting != setting.id:
            continue
        rows.append([g.body, str(g.year) if g.year else t("sequencing.guidelines.not_recorded"), guide.setting(g.setting).column_label,
                     join(g.statement, ctx.cite(g.reference), ctx.badge(g.status, g.body))])
    columns = [t(f"sequencing.guidelines.{c}") for c in ("guideline", "year", "setting", "says")]
    return table(t("sequencing.guidelines.caption"), columns, rows, class_="guidelines")


def timeline(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.sequencing)
    items = [join(Markup("<strong>%s</strong>:") % fmt.date(e.date), e.text, ctx.cite(*e.references), ctx.badge(e.status, e.text))
             for e in sorted(guide.timeline, key=lambda e: e.date)]
    return html("list.html", tag="ul", class_="timeline", ids=None, items=items)


def current_as_of(guide: Guide) -> str:
    return fmt.date(guide.sequencing.current_as_of) if guide.sequencing else ""
