"""Trials: the overview table and one page per trial."""

from __future__ import annotations

from markupsafe import Markup

from .. import evidence_levels, fmt
from ..guide import Guide, arm_labels, primary_result, trial_src
from ..labels import ROLE_LABEL
from ..markup import html, join, md, paragraph, table
from ..models import Result, Role, Setting, Status, Trial
from ..pagecontext import PageContext
from ..text import inline_html
from . import figures
from .tables import ae_table, has_difference, results_table


def overview(guide: Guide, ctx: PageContext, setting: Setting, roles: tuple[Role, ...]) -> Markup:
    """Table of trials in one setting: what was compared and the primary result."""
    rows = []
    for trial in guide.trials.values():
        if trial.setting != setting.id or trial.role not in roles:
            continue
        ctx.shows(trial)
        result = primary_result(trial)
        if result is not None:
            headline = f"{guide.endpoint_short(result)}: {fmt.headline(result, _arm_order(trial, result), arm_labels(trial))}"
            figure = join(headline, ctx.cite(result.reference))
            if result.status == Status.unverified:
                figure = join(figure, ctx.badge(result.status, f"{trial.name} {result.endpoint}"))
        else:
            figure = Markup("see trial page")
        level = (evidence_levels.level(trial, result, guide.endpoint_kind(result.kind)) if result else None) or evidence_levels.NOT_CLASSIFIED
        link = html("link.html", href=ctx.href(trial_src(trial.id)), text=trial.name)
        rows.append([link, trial.line, trial.phase, _n(trial), " vs ".join(a.label for a in trial.arms), figure, level])
    if not rows:
        return Markup("")
    columns = ["Trial", "Line / setting", "Phase", "Patients", "Arms", "Primary endpoint result", "Level of evidence (PDQ)"]
    if not guide.uses_evidence_levels:  # the pack's endpoints have no place in the (cancer) PDQ scheme
        columns, rows = columns[:-1], [row[:-1] for row in rows]
    return table(f"Trials: {setting.label}", columns, rows,
                 class_="trials-overview", id=f"trials-{setting.id}" + ("-context" if Role.context in roles else ""))


def _n(trial: Trial) -> str:
    if trial.n_randomised:
        return fmt.count(trial.n_randomised)
    if len(trial.arms) == 1:
        return f"{fmt.count(trial.n_enrolled or 0)} (single arm)"
    return fmt.count(trial.n_enrolled or 0)


def _arm_order(trial: Trial, result: Result) -> list[str]:
    """Arms in the order of the primary comparison (experimental first), else as listed."""
    comps = result.all_comparisons
    if comps and comps[0].arms:
        first = list(comps[0].arms)
        return first + [a.id for a in trial.arms if a.id not in first and a.id in result.arms]
    return [a.id for a in trial.arms]


def _intro(trial: Trial, ctx: PageContext) -> Markup:
    parts = [html("paragraph.html", text=Markup("<em>%s</em>") % trial.title, class_="trial-title")]
    if trial.status == Status.unverified or trial.status_note:
        parts.append(paragraph(join(ctx.badge(trial.status, trial.name), trial.status_note), "trial-status"))
    return Markup("\n").join(parts)


def _registry(trial: Trial) -> Markup:
    links: list[str | Markup] = []
    if trial.registry.nct:
        links.append(html("link.html", href=f"https://clinicaltrials.gov/study/{trial.registry.nct}", text=trial.registry.nct))
    links += list(trial.registry.other_ids)
    return join(*links, sep=", ") or Markup("not recorded")


def page(guide: Guide, trial: Trial, ctx: PageContext) -> Markup:
    """The whole Markdown of one trial page."""
    ctx.shows(trial)
    facts = [
        ("Registry", _registry(trial)),
        ("Phase", trial.phase),
        ("Design", trial.design + (f"; randomised {trial.randomisation_ratio}" if trial.randomisation_ratio else "")),
        ("Setting", f"{guide.setting_label(trial.setting)}; {trial.line}"),
        ("Role of the guide's drug", ROLE_LABEL[trial.role.value]),
        ("Population", trial.population),
        ("Patients", _patients(trial)),
        ("Primary endpoint", trial.primary_endpoint),
    ]
    arms = table(f"{trial.name}: arms", ["Arm", "Treatment", "Patients"],
                 [[a.label, a.regimen, fmt.count(a.n) if a.n else "not reported"] for a in trial.arms], class_="arms")
    labels = arm_labels(trial)
    analyses = []
    for analysis in trial.analyses:
        results = [r for r in trial.results if r.analysis == analysis.id]
        if not results:
            continue
        details: list[object] = []
        if analysis.data_cutoff:
            details.append(f"Data cut-off: {fmt.date(analysis.data_cutoff)}.")
        if analysis.median_follow_up:
            follow = "; ".join(
                f"{fmt.num(f.value)} {f.unit}" + (f" ({labels[f.arm]})" if f.arm else "") for f in analysis.median_follow_up
            )
            details.append(f"Median follow-up: {follow}.")
        if analysis.note:
            details.append(analysis.note.rstrip(".") + ".")
        details.append(join("Source:", ctx.cite(analysis.reference)))
        analyses.append({
            "label": analysis.label,
            "details": paragraph(join(*details), "analysis-details"),
            "table": results_table(guide, trial, analysis.id, results, ctx, f"{trial.name}: {analysis.label}"),
        })
    safety: list[Markup] = []
    tables = [t for t in guide.ae_tables if t.trial == trial.id]
    for t in tables:
        safety += figures.ae_chart_blocks(guide, trial, t.id, ctx)
        safety.append(ae_table(trial, t, ctx))
    if not tables:
        safety.append(paragraph("No adverse-event figures for this trial are recorded in the evidence base."))
    safety_link = paragraph(join(
        "See", html("link.html", href=ctx.href("safety.md"), text="Safety"),
        "for the warnings, dose modifications and monitoring that apply to every setting."))
    cited = join(*(ctx.cite(ref_id) for ref_id in trial.references))
    return md(
        "trial_page.md", trial=trial, intro=_intro(trial, ctx),
        facts=html("facts_table.html", caption=f"{trial.name}: design", head=("Item", "Detail"), rows=facts, id=""),
        arms=arms, design_figures=figures.design_blocks(guide, trial, ctx), forest=figures.forest_blocks(guide, trial, ctx),
        analyses=analyses, no_results=paragraph("No efficacy results are recorded for this trial."),
        difference_rule=paragraph(fmt.difference_rule(), "difference-rule") if has_difference(trial) else None,
        safety=safety, safety_link=safety_link,
        changed=paragraph(inline_html(trial.what_it_changed)),
        publications=paragraph(join("Main publications and records:", cited)),
    )


def _patients(trial: Trial) -> str:
    parts = []
    if trial.n_randomised:
        parts.append(f"{fmt.count(trial.n_randomised)} randomised")
    if trial.n_enrolled:
        parts.append(f"{fmt.count(trial.n_enrolled)} enrolled")
    if trial.n_note:
        parts.append(trial.n_note)
    return "; ".join(parts)
