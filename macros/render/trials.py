"""Trials: the overview table and one page per trial."""

from __future__ import annotations

from markupsafe import Markup, escape

from .. import evidence_levels, fmt
from ..guide import Guide, arm_labels, primary_result, trial_src
from ..i18n import t, tm
from ..labels import role_label
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
            figure = Markup(escape(t("trial.overview.see_page")))
        level = (evidence_levels.level(trial, result, guide.endpoint_kind(result.kind)) if result else None) or evidence_levels.not_classified()
        link = html("link.html", href=ctx.href(trial_src(trial.id)), text=trial.name)
        rows.append([link, trial.line, trial.phase, _n(trial), arms_text(trial), figure, level])
    if not rows:
        return Markup("")
    columns = [t(f"trial.overview.{c}") for c in ("trial", "line", "phase", "patients", "arms", "result", "level")]
    if not guide.uses_evidence_levels:  # the pack's endpoints have no place in the (cancer) PDQ scheme
        columns, rows = columns[:-1], [row[:-1] for row in rows]
    return table(t("trial.overview.caption", setting=setting.label), columns, rows,
                 class_="trials-overview", id=f"trials-{setting.id}" + ("-context" if Role.context in roles else ""))


def _n(trial: Trial) -> str:
    if trial.n_randomised:
        return fmt.count(trial.n_randomised)
    if len(trial.arms) == 1:
        return t("trial.overview.single_arm", n=fmt.count(trial.n_enrolled or 0))
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
    return join(*links, sep=", ") or Markup(escape(t("trial.not_recorded")))


def page(guide: Guide, trial: Trial, ctx: PageContext) -> Markup:
    """The whole Markdown of one trial page."""
    ctx.shows(trial)
    design = (t("trial.facts.randomised", design=trial.design, ratio=trial.randomisation_ratio)
              if trial.randomisation_ratio else trial.design)
    facts = [
        (t("trial.facts.registry"), _registry(trial)),
        (t("trial.facts.phase"), trial.phase),
        (t("trial.facts.design"), design),
        (t("trial.facts.setting"), f"{guide.setting_label(trial.setting)}; {trial.line}"),
        (t("trial.facts.role"), role_label(trial.role.value)),
        (t("trial.facts.population"), trial.population),
        (t("trial.facts.patients"), _patients(trial)),
        (t("trial.facts.primary_endpoint"), trial.primary_endpoint),
    ]
    arms = table(t("trial.arms.caption", trial=trial.name), [t("trial.arms.arm"), t("trial.arms.treatment"), t("trial.arms.patients")],
                 [[a.label, a.regimen, fmt.count(a.n) if a.n else t("trial.arms.not_reported")] for a in trial.arms],
                 class_="arms")
    labels = arm_labels(trial)
    analyses = []
    for analysis in trial.analyses:
        results = [r for r in trial.results if r.analysis == analysis.id]
        if not results:
            continue
        details: list[object] = []
        if analysis.data_cutoff:
            details.append(t("trial.data_cutoff", date=fmt.date(analysis.data_cutoff)))
        if analysis.median_follow_up:
            follow = "; ".join(
                t(f"fmt.{f.unit}", value=fmt.num(f.value)) + (f" ({labels[f.arm]})" if f.arm else "") for f in analysis.median_follow_up
            )
            details.append(t("trial.follow_up", follow=follow))
        if analysis.note:
            details.append(analysis.note.rstrip(".") + ".")
        details.append(join(t("trial.source"), ctx.cite(analysis.reference)))
        analyses.append({
            "label": analysis.label,
            "details": paragraph(join(*details), "analysis-details"),
            "table": results_table(guide, trial, analysis.id, results, ctx, f"{trial.name}: {analysis.label}"),
        })
    safety: list[Markup] = []
    tables = [tbl for tbl in guide.ae_tables if tbl.trial == trial.id]
    for tbl in tables:
        safety += figures.ae_chart_blocks(guide, trial, tbl.id, ctx)
        safety.append(ae_table(trial, tbl, ctx))
    if not tables:
        safety.append(paragraph(t("trial.no_ae")))
    safety_link = paragraph(tm("trial.safety_link", link=html("link.html", href=ctx.href("safety.md"),
                                                                 text=t("trial.safety_link_text"))))
    cited = join(*(ctx.cite(ref_id) for ref_id in trial.references))
    return md(
        "trial_page.md", trial=trial, intro=_intro(trial, ctx),
        facts=html("facts_table.html", caption=t("trial.facts.caption", trial=trial.name),
                   head=(t("trial.facts.item"), t("trial.facts.detail")), rows=facts, id=""),
        arms=arms, design_figures=figures.design_blocks(guide, trial, ctx), forest=figures.forest_blocks(guide, trial, ctx),
        analyses=analyses, no_results=paragraph(t("trial.no_results")),
        difference_rule=paragraph(fmt.difference_rule(), "difference-rule") if has_difference(trial) else None,
        safety=safety, safety_link=safety_link,
        changed=paragraph(inline_html(trial.what_it_changed)),
        publications=paragraph(join(t("trial.publications"), cited)),
    )


def patient_counts(trial: Trial) -> list[str]:
    """'1,486 randomised', '200 enrolled': the counts a trial records, in words (trial page and summary)."""
    parts = []
    if trial.n_randomised:
        parts.append(t("trial.facts.n_randomised", n=fmt.count(trial.n_randomised)))
    if trial.n_enrolled:
        parts.append(t("trial.facts.n_enrolled", n=fmt.count(trial.n_enrolled)))
    return parts


def arms_text(trial: Trial) -> str:
    """'Drug A vs Drug B': the arms' labels, as the comparison is read."""
    return f" {t('fmt.versus')} ".join(a.label for a in trial.arms)


def _patients(trial: Trial) -> str:
    parts = patient_counts(trial)
    if trial.n_note:
        parts.append(trial.n_note)
    return "; ".join(parts)
