"""Content of the embed pages that are drawn from data: a trial summary and one adverse-event table.

Each is a short, self-contained page (its own heading, the figures with their citations)
meant to be shown inside an iframe on another site; the embed template adds the
"from <site>, reviewed <date>, licence" footer.
"""

from __future__ import annotations

from ..loader import Guide
from ..models import AETable, Status, Trial
from ..pagecontext import PageContext
from . import fmt
from .templates import render
from .trials import ae_table, primary_result


def trial_summary(guide: Guide, trial: Trial, ctx: PageContext) -> str:
    """Heading, design facts, the analysis that reports the primary endpoint, and what the trial changed."""
    ctx.shows(trial)
    out = [f"# {trial.name}\n", f"*{trial.title}*\n"]
    counts = []
    if trial.n_randomised:
        counts.append(f"{fmt.count(trial.n_randomised)} randomised")
    if trial.n_enrolled:
        counts.append(f"{fmt.count(trial.n_enrolled)} enrolled")
    patients = "; ".join(counts) or "not recorded"
    facts = [
        ("Phase", trial.phase),
        ("Setting", f"{guide.site.setting_labels[trial.setting]}; {trial.line}"),
        ("Patients", patients),
        ("Arms", " vs ".join(a.label for a in trial.arms)),
        ("Primary endpoint", trial.primary_endpoint),
    ]
    out.append("| Item | Detail |\n| --- | --- |\n" + "\n".join(f"| {k} | {v.replace('|', '/')} |" for k, v in facts) + "\n")
    result = primary_result(trial)
    if result is not None:
        analysis = next(a for a in trial.analyses if a.id == result.analysis)
        results = [r for r in trial.results if r.analysis == analysis.id]
        rows = []
        for r in results:
            if r.status == Status.unverified:
                ctx.flag_unverified(f"{trial.name}: {r.endpoint}")
            rows.append({"result": r, "cite": ctx.cite(r.reference)})
        cutoff = f" Data cut-off: {fmt.date(analysis.data_cutoff)}." if analysis.data_cutoff else ""
        out.append(f"## {analysis.label}\n")
        out.append(f"Source: {ctx.cite(analysis.reference)}{cutoff}\n")
        arms = [a for a in trial.arms if any(a.id in r.arms for r in results)] or list(trial.arms)
        out.append(str(render(
            "results_table.html", caption=f"{trial.name}: {analysis.label}", analysis_id=analysis.id,
            arms=arms, rows=rows, arm_labels={a.id: a.label for a in trial.arms},
        )) + "\n")
    out.append("## What it changed\n")
    out.append(trial.what_it_changed + "\n")
    return "\n".join(out)


def adverse_event_table(guide: Guide, table: AETable, ctx: PageContext) -> str:
    trial = guide.trials[table.trial]
    return f"# {trial.name}: {table.title}\n\n{ae_table(trial, table, ctx)}\n"
