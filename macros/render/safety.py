"""Safety page: adverse events across trials, warnings, dose modifications, monitoring."""

from __future__ import annotations

from markupsafe import Markup

from ..guide import Guide, trial_src
from ..i18n import t
from ..markup import html, join, md, paragraph, table
from ..models import Warning_
from ..pagecontext import PageContext
from ..text import inline_html
from .tables import ae_table


def _warning(w: Warning_, ctx: PageContext) -> Markup:
    return join(Markup("<strong>%s.</strong>") % w.title, inline_html(w.text), ctx.cite(w.reference),
                ctx.badge(w.status, w.title))


def boxed_warnings(guide: Guide, ctx: PageContext) -> Markup:
    items = [w for w in guide.warnings if w.boxed]
    if not items:
        return Markup("")  # no boxed warning: no empty red box
    ctx.shows(*items)
    body = html("list.html", tag="ul", class_="boxed-warnings", items=[_warning(w, ctx) for w in items],
                ids=[f"warning-{w.id}" for w in items])
    return html("admonition.html", kind="danger", extra_class="", title=t("safety.boxed"), body=body)


def warnings(guide: Guide, ctx: PageContext) -> Markup:
    items = [w for w in guide.warnings if not w.boxed]
    ctx.shows(*items)
    return html("list.html", tag="ul", class_="warnings", items=[_warning(w, ctx) for w in items],
                ids=[f"warning-{w.id}" for w in items])


def adverse_events(guide: Guide, ctx: PageContext) -> Markup:
    """Every adverse-event table, grouped by trial, each labelled with what its figures are."""
    out = []
    for trial in guide.trials.values():
        tables = [tbl for tbl in guide.ae_tables if tbl.trial == trial.id]
        if not tables:
            continue
        intro = paragraph(join(html("link.html", href=ctx.href(trial_src(trial.id)), text=t("safety.trial_page", trial=trial.name)),
                               Markup(": "), f"{trial.title}.", sep=""))
        out.append(md("section.md", level=3, title=trial.name, anchor="", blocks=[intro, *(ae_table(trial, tbl, ctx) for tbl in tables)]))
    return Markup("\n").join(out)


def dose_modifications(guide: Guide, ctx: PageContext) -> Markup:
    out = []
    ctx.shows(*guide.dose_modifications)
    for mod in guide.dose_modifications:
        blocks = [
            paragraph(join(t("safety.applies_to", what=mod.applies_to), ctx.cite(mod.reference), ctx.badge(mod.status, mod.topic))),
            table(mod.topic, [t("safety.when"), t("safety.what_to_do")],
                  [[r.when, join(r.action, r.note, ctx.badge(r.status, f"{mod.topic}: {r.when}") if r.status else "")]
                   for r in mod.rules], class_="dose-modification", row_headers=False),
        ]
        if mod.note:
            blocks.append(paragraph(mod.note))
        out.append(md("section.md", level=3, title=mod.topic, anchor=f"dose-{mod.id}", blocks=blocks))
    return Markup("\n").join(out)


def monitoring(guide: Guide, ctx: PageContext) -> Markup:
    if guide.monitoring:
        ctx.shows(guide.safety)  # the monitoring list has no review of its own: the file's covers it
    rows = [[m.what, join(m.when, ctx.cite(m.reference), ctx.badge(m.status, t("safety.monitoring.badge", what=m.what)))]
            for m in guide.monitoring]
    return table(t("safety.monitoring.caption"), [t("safety.monitoring.what"), t("safety.monitoring.when")], rows,
                 class_="monitoring")
