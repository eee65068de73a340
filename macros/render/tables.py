"""The two tables of trial figures, shared by trial pages, the safety page, embeds and figures:
efficacy results of one analysis, and one adverse-event table."""

from __future__ import annotations

from markupsafe import Markup

from .. import evidence_levels, fmt
from ..guide import Guide, arm_labels
from ..i18n import t
from ..markup import html
from ..models import AETable, Result, Status, Trial
from ..pagecontext import PageContext


def results_table(guide: Guide, trial: Trial, analysis_id: str, results: list[Result], ctx: PageContext,
                  caption: str) -> Markup:
    rows = []
    for r in results:
        if r.status == Status.unverified:
            ctx.flag_unverified(f"{trial.name}: {r.endpoint}")
        kind = guide.endpoint_kind(r.kind)
        rows.append({"result": r, "cite": ctx.cite(r.reference), "level": evidence_levels.level(trial, r, kind),
                     "meaning": evidence_levels.meaning(trial, r, kind), "difference": _difference(trial, r)})
    arms = [a for a in trial.arms if any(a.id in r.arms for r in results)] or list(trial.arms)
    return html("results_table.html", caption=caption, analysis_id=analysis_id, arms=arms, rows=rows,
                arm_labels=arm_labels(trial), levels=guide.uses_evidence_levels)


def has_difference(trial: Trial) -> bool:
    """Whether any result of the trial shows an absolute difference (its page then states the rule)."""
    return any(_difference(trial, r) for r in trial.results)


def _difference(trial: Trial, result: Result) -> str | None:
    """'Drug A minus placebo: 11.3 percentage points at 3 years' for a two-arm rate result."""
    pair = next((c.arms for c in result.all_comparisons if c.arms), None)
    if pair is None:
        with_rates = [a.id for a in trial.arms if a.id in result.arms]
        if len(with_rates) != 2:
            return None
        pair = (with_rates[0], with_rates[1])
    points = fmt.absolute_difference(result, pair)
    if points is None:
        return None
    labels = arm_labels(trial)
    return t("trial.results.minus", first=labels[pair[0]], second=labels[pair[1]],
             difference=fmt.difference(points, result.timepoint))


def ae_table(trial: Trial, table: AETable, ctx: PageContext) -> Markup:
    ctx.shows(table)
    if table.status == Status.unverified:
        ctx.flag_unverified(f"{trial.name}: {table.title}")
    arm_ids = {arm for row in table.rows for arm in row.values}
    arms = [a for a in trial.arms if a.id in arm_ids]
    columns = [
        (key, label)
        for key, label in ((k, t(f"trial.ae.{k}")) for k in ("all_grades", "grade3plus", "patients"))
        if any(getattr(v, key) is not None for row in table.rows for v in row.values.values())
    ]
    values = [
        {"term": row.term, "note": row.note, "cells": {arm: v.model_dump() for arm, v in row.values.items()}}
        for row in table.rows
    ]
    return html(
        "ae_table.html", caption=f"{trial.name}: {table.title}",
        table={"id": table.id, "rows": values, "basis": table.basis.rstrip("."), "status": table.status, "note": table.note},
        arms=arms, columns=columns, cite=ctx.cite(table.reference),
    )

