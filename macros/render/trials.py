"""Trials: the overview table and one page per trial."""

from __future__ import annotations

from ..loader import Guide
from ..models import AETable, Result, Role, Setting, Status, Trial
from ..pagecontext import PageContext, trial_src
from . import figures, fmt
from .templates import render

ROLE_LABEL = {
    Role.subject: "studied as the experimental treatment",
    Role.comparator: "the control (comparator) arm",
    Role.backbone: "given in every arm",
    Role.context: "not studied; shapes the treatment sequence",
}


def primary_result(trial: Trial) -> Result | None:
    """The first primary-endpoint result of the earliest analysis that reports one."""
    for analysis in trial.analyses:
        for result in trial.results:
            if result.analysis == analysis.id and result.primary_endpoint:
                return result
    return None


def _esc(text: str) -> str:
    # Table cells are Markdown: a literal pipe would split the cell.
    return text.replace("|", "\\|")


def overview(guide: Guide, ctx: PageContext, setting: Setting, roles: tuple[Role, ...]) -> str:
    """Markdown table of trials in one setting: what was compared and the primary result."""
    rows = []
    for trial in guide.trials.values():
        if trial.setting != setting or trial.role not in roles:
            continue
        ctx.shows(trial)
        result = primary_result(trial)
        if result is not None:
            arm_order = _arm_order(trial, result)
            figure = f"{result.kind}: {fmt.headline(result, arm_order, {a.id: a.label for a in trial.arms})} {ctx.cite(result.reference)}"
            if result.status == Status.unverified:
                ctx.flag_unverified(f"{trial.name} {result.endpoint}")
                figure += " " + render("status_badge.html", status=result.status.value)
        else:
            figure = "see trial page"
        n = fmt.count(trial.n_randomised) if trial.n_randomised else f"{fmt.count(trial.n_enrolled or 0)} (single arm)" if len(trial.arms) == 1 else fmt.count(trial.n_enrolled or 0)
        arms = " vs ".join(a.label for a in trial.arms)
        rows.append(
            f"| [{trial.name}]({ctx.link(trial_src(trial.id))}) | {_esc(trial.line)} | {trial.phase} | {n} "
            f"| {_esc(arms)} | {_esc(figure)} |"
        )
    if not rows:
        return ""
    head = "| Trial | Line / setting | Phase | Patients | Arms | Primary endpoint result |\n| --- | --- | --- | --- | --- | --- |"
    return head + "\n" + "\n".join(rows) + "\n"


def _arm_order(trial: Trial, result: Result) -> list[str]:
    """Arms in the order of the primary comparison (experimental first), else as listed."""
    comps = result.all_comparisons
    if comps and comps[0].arms:
        first = list(comps[0].arms)
        return first + [a.id for a in trial.arms if a.id not in first and a.id in result.arms]
    return [a.id for a in trial.arms]


def page(guide: Guide, trial: Trial, ctx: PageContext) -> str:
    """The whole Markdown of one trial page."""
    ctx.shows(trial)
    out = [f"# {trial.name}\n", f"*{trial.title}*\n"]
    if trial.status == Status.unverified or trial.status_note:
        out.append(render("status_badge.html", status=trial.status.value) + (f" {trial.status_note}" if trial.status_note else "") + "\n")
    out.append("## Design\n")
    facts = [
        ("Registry", ", ".join(
            ([f"[{trial.registry.nct}](https://clinicaltrials.gov/study/{trial.registry.nct})"] if trial.registry.nct else [])
            + list(trial.registry.other_ids)) or "not recorded"),
        ("Phase", trial.phase),
        ("Design", trial.design + (f"; randomised {trial.randomisation_ratio}" if trial.randomisation_ratio else "")),
        ("Setting", f"{guide.site.setting_labels[trial.setting]}; {trial.line}"),
        ("Role of the guide's drug", ROLE_LABEL[trial.role]),
        ("Population", trial.population),
        ("Patients", _patients(trial)),
        ("Primary endpoint", trial.primary_endpoint),
    ]
    out.append("| Item | Detail |\n| --- | --- |\n" + "\n".join(f"| {k} | {_esc(v)} |" for k, v in facts) + "\n")
    out.append("### Arms\n")
    out.append("| Arm | Treatment | Patients |\n| --- | --- | --- |\n" + "\n".join(
        f"| {_esc(a.label)} | {_esc(a.regimen)} | {fmt.count(a.n) if a.n else 'not reported'} |" for a in trial.arms) + "\n")
    out += figures.design_blocks(guide, trial, ctx)

    out.append("## Results\n")
    out += figures.forest_blocks(guide, trial, ctx)
    if not trial.results:
        out.append("No efficacy results are recorded for this trial.\n")
    arm_labels = {a.id: a.label for a in trial.arms}
    for analysis in trial.analyses:
        results = [r for r in trial.results if r.analysis == analysis.id]
        if not results:
            continue
        out.append(f"### {analysis.label}\n")
        details = []
        if analysis.data_cutoff:
            details.append(f"Data cut-off: {fmt.date(analysis.data_cutoff)}.")
        if analysis.median_follow_up:
            follow = "; ".join(
                f"{fmt.num(f.value)} {f.unit}" + (f" ({arm_labels[f.arm]})" if f.arm else "") for f in analysis.median_follow_up
            )
            details.append(f"Median follow-up: {follow}.")
        if analysis.note:
            details.append(analysis.note.rstrip(".") + ".")
        details.append(f"Source: {ctx.cite(analysis.reference)}")
        out.append(" ".join(details) + "\n")
        rows = []
        for r in results:
            if r.status == Status.unverified:
                ctx.flag_unverified(f"{trial.name}: {r.endpoint}")
            rows.append({"result": r, "cite": ctx.cite(r.reference)})
        arms = [a for a in trial.arms if any(a.id in r.arms for r in results)] or list(trial.arms)
        out.append(str(render(
            "results_table.html", caption=f"{trial.name}: {analysis.label}", analysis_id=analysis.id,
            arms=arms, rows=rows, arm_labels=arm_labels,
        )) + "\n")

    tables = [t for t in guide.safety.adverse_event_tables if t.trial == trial.id]
    out.append("## Safety highlights\n")
    if tables:
        for table in tables:
            out += figures.ae_chart_blocks(guide, trial, table.id, ctx)
            out.append(ae_table(trial, table, ctx) + "\n")
    else:
        out.append("No adverse-event figures for this trial are recorded in the evidence base.\n")
    out.append(f"See [Safety]({ctx.link('safety.md')}) for the warnings, dose modifications and monitoring that apply to every setting.\n")

    out.append("## What it changed\n")
    out.append(trial.what_it_changed + "\n")
    cited = " ".join(str(ctx.cite(ref_id)) for ref_id in trial.references)
    out.append(f"Main publications and records: {cited}\n")
    return "\n".join(out)


def _patients(trial: Trial) -> str:
    parts = []
    if trial.n_randomised:
        parts.append(f"{fmt.count(trial.n_randomised)} randomised")
    if trial.n_enrolled:
        parts.append(f"{fmt.count(trial.n_enrolled)} enrolled")
    if trial.n_note:
        parts.append(trial.n_note)
    return "; ".join(parts)


def ae_table(trial: Trial, table: AETable, ctx: PageContext) -> str:
    ctx.shows(table)
    if table.status == Status.unverified:
        ctx.flag_unverified(f"{trial.name}: {table.title}")
    arm_ids = {arm for row in table.rows for arm in row.values}
    arms = [a for a in trial.arms if a.id in arm_ids]
    columns = [
        (key, label)
        for key, label in (("all_grades", "All grades"), ("grade3plus", "Grade ≥3"), ("patients", "Patients"))
        if any(getattr(v, key) is not None for row in table.rows for v in row.values.values())
    ]
    caption = f"{trial.name}: {table.title}"
    values = [
        {"term": row.term, "note": row.note, "cells": {arm: v.model_dump() for arm, v in row.values.items()}}
        for row in table.rows
    ]
    return str(render(
        "ae_table.html", caption=caption, table={"id": table.id, "rows": values, "basis": table.basis.rstrip("."),
                                                 "status": table.status, "note": table.note},
        arms=arms, columns=columns, cite=ctx.cite(table.reference),
    ))
