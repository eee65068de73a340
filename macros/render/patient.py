"""Patient pages: the same records as the clinician pages, told in everyday words.

Every number here is computed from a published figure by `plain_numbers` (the one
rounding rule), wrapped in a span that carries the published value, and followed
by a link to the clinician detail. Nothing in this module invents a figure.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..loader import Guide, plain_result_arms
from ..models import Guidance, PlainResult, Setting, Statistic, Status, Trial, Urgency
from ..pagecontext import PageContext, trial_src
from ..plain_numbers import RULE, months_words, out_of_100
from . import figures, glossary
from .templates import badge as _status_badge


def badge(ctx: PageContext, status: Status, what: str) -> str:
    """Patient pages mark only what is not yet verified; "checked in a secondary source" is clinician detail."""
    return _status_badge(ctx, status, what) if status == Status.unverified else ""

URGENCY = {
    Urgency.emergency: ("emergency", "Call your local emergency number now"),
    Urgency.now: ("now", "Call your care team now, day or night"),
    Urgency.same_day: ("same-day", "Call your care team the same day"),
    Urgency.next_visit: ("next-visit", "Tell your care team at your next visit"),
}


def _arm_name(trial: Trial, names: dict[str, str], arm_id: str) -> str:
    return names.get(arm_id) or next(a.label for a in trial.arms if a.id == arm_id)


def _number(trial: Trial, source: str, arm: str, published, statistic: str, words: str) -> str:
    """The plain number, carrying the published figure it came from (tests compare the two)."""
    return (
        f'<span class="plain-number" data-trial="{trial.id}" data-source="{escape(source)}" data-arm="{arm}" '
        f'data-published="{published}" data-statistic="{statistic}">{escape(words)}</span>'
    )


def _words(o) -> str:
    return "no one" if o.percent == 0 else o.words


def _who(o, span: str) -> str:
    """'about 16 out of 100 people', or just 'no one' when nobody had it."""
    return span if o.percent == 0 else f"{span} out of 100 people"


def _then(o, name: str, span: str, lead: str) -> str:
    """The comparison group's half of the sentence."""
    return f"{lead} {name}, no one did." if o.percent == 0 else f"{lead} {name}, it was {span} out of 100."


def _cap(text: str) -> str:
    # The number span may open a sentence: capitalise its first visible letter.
    head, sep, rest = text.partition('">')
    return head + sep + rest[:1].upper() + rest[1:] if sep else text[:1].upper() + text[1:]


def result_sentences(guide: Guide, ctx: PageContext, pr: PlainResult) -> str:
    trial = guide.trials[pr.trial]
    result = next(r for r in trial.results if r.id == pr.result)
    first, second = plain_result_arms(trial, pr, result)  # type: ignore[misc]  # checked by the loader
    name_a, name_b = (_arm_name(trial, pr.arm_names, a) for a in (first, second))
    va, vb = result.arms[first].value, result.arms[second].value
    source = f"result:{result.id}"
    if result.statistic == Statistic.rate:
        a, b = out_of_100(va), out_of_100(vb)  # type: ignore[arg-type]
        span_a = _number(trial, source, first, va, "rate", _words(a))
        span_b = _number(trial, source, second, vb, "rate", _words(b))
        who = _who(a, span_a)
        lead = f"After {result.timepoint}, {who}" if result.timepoint else _cap(who)
        text = f"{lead} who had {name_a} {pr.outcome}. " + _then(b, name_b, span_b, "For people who had")
    else:
        span_a = _number(trial, source, first, va, "median", months_words(va))  # type: ignore[arg-type]
        span_b = _number(trial, source, second, vb, "median", months_words(vb))  # type: ignore[arg-type]
        text = (f"Half of the people who had {name_a} {pr.outcome.format(months=span_a)}. "
                f"For people who had {name_b}, it was {span_b}.")
    if result.status == Status.unverified:
        text += " " + badge(ctx, result.status, f"{trial.name}: {result.endpoint}")
    analysis = next(a for a in trial.analyses if a.id == result.analysis)
    year = guide.references[analysis.reference].year
    when = f"Results published in {year}. " if year else ""
    if pr.caveat:
        text += f" {pr.caveat}"
    detail = f"[Full figures for health professionals]({ctx.link(trial_src(trial.id), f'result-{result.id}')})"
    return f"{text}\n{{ .plain-result data-plain='{pr.id}' }}\n\n{when}{detail}\n{{ .plain-source }}\n"


def results(guide: Guide, ctx: PageContext, setting: Setting) -> str:
    """Each key result of one setting, grouped by trial under a heading anchored by trial id."""
    out = []
    by_trial: dict[str, list[PlainResult]] = {}
    for pr in guide.patient.results:
        if guide.trials[pr.trial].setting == setting:
            by_trial.setdefault(pr.trial, []).append(pr)
    for trial_id, items in by_trial.items():
        trial = guide.trials[trial_id]
        ctx.shows(trial, *items)
        out.append(f"### The {trial.name} study {{ #{trial.id} }}\n")
        for pr in items:
            out.append(f"{pr.who}\n")
            out.append(result_sentences(guide, ctx, pr))
            result = next(r for r in trial.results if r.id == pr.result)
            if result.statistic == Statistic.rate:
                # the same published rates, drawn as 100 people per group
                out.append(str(figures.icon_array(guide, ctx, trial.id, result.id)) + "\n")
    return "\n".join(out)


def side_effects(guide: Guide, ctx: PageContext, setting: Setting) -> str:
    """'About N out of 100 people who had X had Y, compared with M out of 100 who had Z', by trial."""
    tables = {t.id: t for t in guide.safety.adverse_event_tables}
    by_trial: dict[str, list[str]] = {}
    for se in guide.patient.side_effects:
        table = tables[se.table]
        trial = guide.trials[table.trial]
        if trial.setting != setting:
            continue
        ctx.shows(table, se)
        row = next(r for r in table.rows if r.term == se.term)
        arms = [a.id for a in sorted(trial.arms, key=lambda a: not a.contains_subject_drug)
                if a.id in row.values and getattr(row.values[a.id], se.column) is not None]
        first, second = arms[0], arms[1]
        va, vb = getattr(row.values[first], se.column), getattr(row.values[second], se.column)
        source = f"ae:{table.id}:{se.column}:{se.term}"
        a, b = out_of_100(va), out_of_100(vb)
        span_a = _number(trial, source, first, va, "rate", _words(a))
        span_b = _number(trial, source, second, vb, "rate", _words(b))
        line = (f"- {_cap(_who(a, span_a))} who had {_arm_name(trial, se.arm_names, first)} {se.what}. "
                + _then(b, _arm_name(trial, se.arm_names, second), span_b, "With")
                + f" [Details]({ctx.link(trial_src(trial.id), f'ae-{table.id}')})")
        if table.status == Status.unverified:
            line += " " + badge(ctx, table.status, f"{trial.name}: {table.title}")
        by_trial.setdefault(trial.id, []).append(line)
    out = []
    for trial_id, lines in by_trial.items():
        trial = guide.trials[trial_id]
        out.append(f"In the [{trial.name} study]({ctx.link(trial_src(trial.id))}):\n")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def what_to_do(guide: Guide, ctx: PageContext) -> str:
    """Warning signs grouped by how soon to act; then what each side effect is."""
    items = guide.patient.guidance
    ctx.shows(*items)
    out = []
    for urgency, (anchor, heading) in URGENCY.items():
        signs = [(g, s) for g in items for s in g.signs if s.urgency == urgency]
        if not signs:
            continue
        flags = [badge(ctx, g.status, g.effect) for g in {g.id: g for g, _ in signs}.values()]
        status = next((f for f in flags if f), "")
        out.append(f"### {heading} {{ #{anchor} }}\n")
        if status:
            out.append(f"{status}\n")
        out.append("\n".join(f"- **{g.effect}:** {s.text}." for g, s in signs) + "\n")
    return "\n".join(out)


def about_side_effects(guide: Guide, ctx: PageContext) -> str:
    out = []
    for g in guide.patient.guidance:
        ctx.shows(g)
        link = f" [What the label says]({ctx.link('safety.md', f'warning-{g.warning}')})" if g.warning and _has_anchor(guide, g) else ""
        out.append(f"- **{g.effect}.** {g.explanation}{link} {badge(ctx, g.status, g.effect)}")
    return "\n".join(out) + "\n"


def _has_anchor(guide: Guide, g: Guidance) -> bool:
    return any(w.id == g.warning for w in guide.safety.warnings)


def dosing(guide: Guide, ctx: PageContext) -> str:
    d = guide.drug.dosing
    ctx.shows(guide.drug)
    interval = f"every {every(guide)}"
    out = [f"You have a treatment {interval}. {badge(ctx, d.status, 'dosing')}\n"]
    out.append("| Which drip | How long the drip takes | How long you stay afterwards |\n| --- | --- | --- |\n" + "\n".join(
        f"| {i.which} | about {i.minutes} minutes | at least {i.observe_minutes} minutes |" for i in d.infusions) + "\n")
    lines = []
    for x in d.durations:
        text = f"- **{guide.site.setting_labels[x.setting]}:** {x.plain}"
        if x.cycles:
            text += f" That is {x.cycles} treatments in all, one {interval}."
        lines.append(text)
    out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def contraception(guide: Guide, ctx: PageContext) -> str:
    """'for 7 months after the last treatment', from the drug record; empty when not recorded."""
    preg = guide.drug.pregnancy
    if preg is None:
        return ""
    ctx.shows(guide.drug)
    months = preg.contraception_months_after_last_dose
    return f"for {months} months after the last treatment {badge(ctx, preg.status, 'contraception period')}".rstrip()


def every(guide: Guide) -> str:
    """The time between treatments in everyday units: '3 weeks' (or days when not whole weeks)."""
    d = guide.drug.dosing
    return f"{d.cycle_days // 7} weeks" if d.cycle_days % 7 == 0 else f"{d.cycle_days} days"


def pronunciations(guide: Guide, ctx: PageContext) -> str:
    ctx.shows(guide.drug)
    rows = "\n".join(
        f"| {p.name} | **{p.say}**{(' (' + p.note + ')') if p.note else ''} {badge(ctx, p.status, 'how to say ' + p.name)} |"
        for p in guide.drug.pronunciations
    )
    return "| Name | Say it like this |\n| --- | --- |\n" + rows + "\n" if rows else ""


def words(guide: Guide, ctx: PageContext) -> str:
    """The glossary in everyday words."""
    return glossary.glossary(guide, ctx, plain_only=True)


def rounding_rule() -> Markup:
    return Markup(escape(RULE))
