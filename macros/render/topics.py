"""A topic across trials (spread to one organ, say): every result and baseline figure that names it,
gathered into two tables with each trial linked, each analysis named and each figure as published."""

from __future__ import annotations

from markupsafe import Markup

from .. import evidence_levels, fmt
from ..guide import Guide, analysis_of, arm_labels, trial_src
from ..i18n import t
from ..markup import html, join, table
from ..models import BaselineFigure, Result, Status, Topic, Trial
from ..pagecontext import PageContext
from .tables import levels_href


def _trials(guide: Guide) -> list[Trial]:
    """Trials in the order pages show settings, then as the guide lists them."""
    order = {s.id: i for i, s in enumerate(guide.site.settings)}
    return sorted(guide.trials.values(), key=lambda t: order.get(t.setting, len(order)))


def _trial_link(ctx: PageContext, trial: Trial) -> Markup:
    return html("link.html", href=ctx.href(trial_src(trial.id)), text=trial.name)


def _source(ctx: PageContext, trial: Trial, what: str, reference: str, status: Status, note: str) -> Markup:
    cell = join(ctx.cite(reference), ctx.badge(status, f"{trial.name}: {what}"))
    return join(cell, Markup('<br><span class="note">%s</span>') % note) if note else cell


def baseline_figure(figure: BaselineFigure) -> str:
    """'398 of 2,002 (19.9%)', '44.1%', '174 of 291', as published (a percentage is never computed)."""
    parts = []
    if figure.count is not None:
        parts.append(t("topics.count_of", n=fmt.count(figure.count), of=fmt.count(figure.of)) if figure.of
                     else fmt.count(figure.count))
    if figure.percent is not None:
        percent = f"{fmt.num(figure.percent)}%"
        parts.append(f"({percent})" if parts else t("topics.count_of", n=percent, of=fmt.count(figure.of)) if figure.of else percent)
    return " ".join(parts)


def _figures(trial: Trial, result: Result) -> Markup:
    """Each arm's value named by its arm, then each comparison: the figures as published."""
    labels = arm_labels(trial)
    lines = [f"{labels[a.id]}: {fmt.arm_value(result.arms[a.id], result.statistic)}" for a in trial.arms if a.id in result.arms]
    for comp in result.all_comparisons:
        # The pair is named when the arm values above cannot tell it (no values, or more than two arms).
        named = comp.arms and (len(trial.arms) > 2 or not result.arms)
        pair = f" ({labels[comp.arms[0]]} {t('fmt.versus')} {labels[comp.arms[1]]})" if named and comp.arms else ""
        lines.append(fmt.comparison(comp) + pair)
    return join(*lines, sep=Markup("<br>"))


def baseline_table(guide: Guide, ctx: PageContext, topic: Topic) -> Markup:
    rows = []
    for trial in _trials(guide):
        for figure in trial.baseline:
            if topic.id not in figure.topics:
                continue
            ctx.shows(trial)
            rows.append([_trial_link(ctx, trial), figure.characteristic, baseline_figure(figure),
                         _source(ctx, trial, figure.characteristic, figure.reference, figure.status, figure.note)])
    return table(t("topics.baseline_caption", topic=topic.label),
                 [t("topics.trial"), t("topics.characteristic"), t("topics.patients"), t("topics.source")],
                 rows, class_="topic-baseline", id=f"topic-{topic.id}-baseline")


def results_table(guide: Guide, ctx: PageContext, topic: Topic) -> Markup:
    rows, row_ids = [], []
    for trial in _trials(guide):
        for result in trial.results:
            if topic.id not in result.topics:
                continue
            ctx.shows(trial)
            kind = guide.endpoint_kind(result.kind)
            code = evidence_levels.level(trial, result, kind)
            level = (Markup('<span class="level" title="%s">%s</span>') % (evidence_levels.meaning(trial, result, kind), code) if code
                     else Markup('<span class="na">%s</span>') % evidence_levels.not_classified())
            endpoint = result.endpoint + (f" ({result.timepoint})" if result.timepoint else "")
            row = [_trial_link(ctx, trial), analysis_of(trial, result.analysis).label, endpoint, _figures(trial, result)]
            if guide.uses_evidence_levels:
                row.append(level)
            row.append(_source(ctx, trial, result.endpoint, result.reference, result.status, result.note))
            rows.append(row)
            row_ids.append(f"topic-result-{trial.id}-{result.id}")
    columns: list[str] = [t("topics.trial"), t("topics.analysis"), t("topics.endpoint"), t("topics.figures")]
    if guide.uses_evidence_levels:
        href = levels_href(guide, ctx)
        columns.append(html("link.html", href=href, text=t("trial.results.level")) if href else t("trial.results.level"))
    columns.append(t("topics.source"))
    return table(t("topics.results_caption", topic=topic.label), columns, rows, class_="topic-results", id=f"topic-{topic.id}-results",
                 row_ids=row_ids)


