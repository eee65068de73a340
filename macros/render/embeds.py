"""Content of the embed pages that are drawn from data: a trial summary and one adverse-event table.

Each is a short, self-contained page (its own heading, the figures with their citations)
meant to be shown inside an iframe on another site; the embed template adds the
"from <site>, reviewed <date>, licence" footer.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import fmt
from ..guide import Guide, analysis_of, primary_result
from ..i18n import t
from ..markup import html, join, md, paragraph
from ..models import AETable, Trial
from ..pagecontext import PageContext
from ..text import inline_html
from .tables import ae_table, results_table
from .trials import arms_text, patient_counts


def trial_summary(guide: Guide, trial: Trial, ctx: PageContext) -> Markup:
    """Heading, design facts, the analysis that reports the primary endpoint, and what the trial changed."""
    ctx.shows(trial)
    facts = [
        (t("trial.facts.phase"), trial.phase),
        (t("trial.facts.setting"), f"{guide.setting_label(trial.setting)}; {trial.line}"),
        (t("trial.facts.patients"), "; ".join(patient_counts(trial)) or t("trial.not_recorded")),
        (t("trial.facts.arms"), arms_text(trial)),
        (t("trial.facts.primary_endpoint"), trial.primary_endpoint),
    ]
    result = primary_result(trial)
    analysis = source = table = None
    if result is not None:
        analysis = analysis_of(trial, result.analysis)
        results = [r for r in trial.results if r.analysis == analysis.id]
        cutoff = t("trial.data_cutoff", date=fmt.date(analysis.data_cutoff)) if analysis.data_cutoff else ""
        source = paragraph(join(t("trial.source"), ctx.cite(analysis.reference), cutoff))
        table = results_table(guide, trial, analysis.id, results, ctx, f"{trial.name}: {analysis.label}")
    return md("trial_summary.md", trial=trial,
              intro=html("paragraph.html", text=Markup("<em>%s</em>") % trial.title, class_="trial-title"),
              facts=html("facts_table.html", caption=t("trial.facts.summary_caption", trial=trial.name),
                         head=(t("trial.facts.item"), t("trial.facts.detail")), rows=facts, id=""),
              analysis=analysis, source=source, table=table, changed=paragraph(inline_html(trial.what_it_changed)))


def adverse_event_table(guide: Guide, table: AETable, ctx: PageContext) -> Markup:
    trial = guide.trials[table.trial]
    return md("section.md", level=1, title=f"{trial.name}: {table.title}", anchor="", blocks=[ae_table(trial, table, ctx)])
