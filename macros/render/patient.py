"""Patient pages: the same records as the clinician pages, told in everyday words.

Every number here is computed from a published figure by `plain_numbers` (the one
rounding rule), wrapped in a span that carries the published value, and followed
by a link to the clinician detail. Nothing in this module invents a figure.

Sentences stay Markdown (so the glossary's plain-language tooltips reach their words);
every piece of data text in them goes through `md_escape`, and the number spans are
HTML from an autoescaped template.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from markupsafe import Markup

from .. import fmt
from ..errors import UnknownName
from ..guide import PRESCRIBING_SRC, Guide, analysis_of, plain_result_arms, result_of, trial_src
from ..i18n import t
from ..markup import html, md, table
from ..models import MONTHS_SLOT, Guidance, PlainResult, PlainSideEffect, Setting, Sign, Statistic, Status, Trial, Urgency
from ..pagecontext import PageContext
from ..plain_numbers import RULE, OutOf100, months_words, out_of_100
from ..text import inline_md, md_escape
from . import figures, glossary


def badge(ctx: PageContext, status: Status, what: str) -> Markup:
    """Patient pages mark only what is not yet verified; "checked in a secondary source" is clinician detail."""
    return ctx.badge(status, what, plain=True) if status == Status.unverified else Markup("")


URGENCY = MappingProxyType({
    Urgency.emergency: ("emergency", "Call your local emergency number now"),
    Urgency.now: ("now", "Call your care team now, day or night"),
    Urgency.same_day: ("same-day", "Call your care team the same day"),
    Urgency.next_visit: ("next-visit", "Tell your care team at your next visit"),
})


def _arm_name(trial: Trial, names: dict[str, str], arm_id: str) -> str:
    return names.get(arm_id) or next(a.label for a in trial.arms if a.id == arm_id)


def _number(trial: Trial, source: str, arm: str, published: Decimal, statistic: str, words: str) -> Markup:
    """The plain number, carrying the published figure it came from (tests compare the two)."""
    return html("number.html", trial=trial.id, source=source, arm=arm, published=fmt.num(published),
                statistic=statistic, words=words)


def _words(o: OutOf100) -> str:
    return "no one" if o.percent == 0 else o.words


def _who(o: OutOf100, span: Markup) -> Markup:
    """'about 16 out of 100 people', or just 'no one' when nobody had it."""
    return span if o.percent == 0 else span + Markup(" out of 100 people")


def _then(o: OutOf100, name: str, span: Markup, lead: str) -> Markup:
    """The comparison group's half of the sentence."""
    if o.percent == 0:
        return Markup("%s %s, no one did.") % (Markup(lead), md_escape(name))
    return Markup("%s %s, it was %s out of 100.") % (Markup(lead), md_escape(name), span)


def _cap(text: Markup) -> Markup:
    # The number span may open a sentence: capitalise its first visible letter.
    head, sep, rest = str(text).partition('">')
    return Markup(head + sep + rest[:1].upper() + rest[1:] if sep else text[:1].upper() + text[1:])


def result_sentence(guide: Guide, ctx: PageContext, pr: PlainResult) -> Markup:
    trial = guide.trials[pr.trial]
    result = result_of(trial, pr.result)
    arms = plain_result_arms(trial, pr, result)
    assert arms is not None  # checked by the loader
    first, second = arms
    name_a, name_b = (_arm_name(trial, pr.arm_names, a) for a in (first, second))
    va, vb = result.arms[first].value, result.arms[second].value
    assert va is not None and vb is not None  # checked by the loader
    source = f"result:{result.id}"
    if result.statistic == Statistic.rate:
        a, b = out_of_100(va), out_of_100(vb)
        span_a = _number(trial, source, first, va, "rate", _words(a))
        span_b = _number(trial, source, second, vb, "rate", _words(b))
        who = _who(a, span_a)
        lead = Markup("After %s, %s") % (md_escape(result.timepoint), who) if result.timepoint else _cap(who)
        text = (Markup("%s who had %s %s. ") % (lead, md_escape(name_a), md_escape(pr.outcome))
                + _then(b, name_b, span_b, "For people who had"))
    else:
        span_a = _number(trial, source, first, va, "median", months_words(va))
        span_b = _number(trial, source, second, vb, "median", months_words(vb))
        # The outcome's "{months}" slot takes the number; the words around it stay escaped text.
        before, _, after = pr.outcome.partition("{months}")
        outcome = md_escape(before) + span_a + md_escape(after)
        text = (Markup("Half of the people who had %s %s. For people who had %s, it was %s.")
                % (md_escape(name_a), outcome, md_escape(name_b), span_b))
    if result.status == Status.unverified:
        text += Markup(" ") + badge(ctx, result.status, f"{trial.name}: {result.endpoint}")
    if pr.caveat:
        text += Markup(" ") + md_escape(pr.caveat)
    return text


def results(guide: Guide, ctx: PageContext, setting: Setting) -> Markup:
    """Each key result of one setting, grouped by trial under a heading anchored by trial id."""
    out = []
    by_trial: dict[str, list[PlainResult]] = {}
    for pr in guide.patient.results:
        if guide.trials[pr.trial].setting == setting.id:
            by_trial.setdefault(pr.trial, []).append(pr)
    for trial_id, items in by_trial.items():
        trial = guide.trials[trial_id]
        ctx.shows(trial, *items)
        blocks = []
        for pr in items:
            result = result_of(trial, pr.result)
            year = guide.references[analysis_of(trial, result.analysis).reference].year
            figure = figures.icon_array(guide, ctx, trial.id, result.id) if result.statistic == Statistic.rate else None
            blocks.append(md("plain_result.md", who=pr.who, sentence=result_sentence(guide, ctx, pr), id=pr.id,
                             year=year, detail=ctx.link(trial_src(trial.id), f"result-{result.id}"), figure=figure))
        out.append(md("section.md", level=3, title=f"The {trial.name} study", anchor=trial.id, blocks=blocks))
    return Markup("\n").join(out)


def side_effects(guide: Guide, ctx: PageContext, setting: Setting) -> Markup:
    """'About N out of 100 people who had X had Y, compared with M out of 100 who had Z', by trial."""
    by_trial: dict[str, list[Markup]] = {}
    for se in guide.patient.side_effects:
        trial = guide.trials[guide.ae_table(se.table).trial]
        if trial.setting == setting.id:
            by_trial.setdefault(trial.id, []).append(side_effect_line(guide, ctx, se))
    return md("plain_side_effects.md", groups=[
        {"name": guide.trials[t].name, "link": ctx.link(trial_src(t)), "lines": lines} for t, lines in by_trial.items()])


def side_effect(guide: Guide, ctx: PageContext, se_id: str) -> Markup:
    """One side effect told on its own, with its study named: for an answer to one question."""
    se = next((s for s in guide.patient.side_effects if s.id == se_id), None)
    if se is None:
        raise UnknownName("patient side effect", se_id, [s.id for s in guide.patient.side_effects])
    trial = guide.trials[guide.ae_table(se.table).trial]
    return md("plain_side_effects.md", groups=[
        {"name": trial.name, "link": ctx.link(trial_src(trial.id)), "lines": [side_effect_line(guide, ctx, se)]}])


def side_effect_line(guide: Guide, ctx: PageContext, se: PlainSideEffect) -> Markup:
    table = guide.ae_table(se.table)
    trial = guide.trials[table.trial]
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
    detail = ctx.link(trial_src(trial.id), f"ae-{table.id}")
    line = (Markup("%s who had %s %s. ") % (_cap(_who(a, span_a)), md_escape(_arm_name(trial, se.arm_names, first)),
                                            md_escape(se.what))
            + _then(b, _arm_name(trial, se.arm_names, second), span_b, "With")
            + Markup(" [Details](%s)") % Markup(detail))
    if table.status == Status.unverified:
        line += Markup(" ") + badge(ctx, table.status, f"{trial.name}: {table.title}")
    return line


def what_to_do(guide: Guide, ctx: PageContext, level: int = 3, by_effect: bool = False) -> Markup:
    """Warning signs grouped by how soon to act, each group under a heading of `level` (2 on a page of
    its own, such as the fridge sheet; 3 under the side-effects page's section). `by_effect` gives one
    line per side effect in each group, its signs joined by semicolons (the one-page sheet)."""
    items = guide.patient.guidance
    ctx.shows(*items)
    groups = []
    for urgency, (anchor, heading) in URGENCY.items():
        signs = [(g, s) for g in items for s in g.signs if s.urgency == urgency]
        if not signs:
            continue
        flags = [badge(ctx, g.status, g.effect) for g in {g.id: g for g, _ in signs}.values()]
        # No tag on the emergency list: in an emergency nothing should make a reader hesitate. The
        # page's notice still says that some of its advice is being checked, and each topic below is marked.
        status = "" if urgency == Urgency.emergency else next((f for f in flags if f), "")
        groups.append({"anchor": anchor, "heading": heading, "status": status,
                       "signs": _by_effect(signs) if by_effect else [{"effect": g.effect, "text": s.text} for g, s in signs]})
    return md("what_to_do.md", groups=groups, level=level)


def _by_effect(signs: list[tuple[Guidance, Sign]]) -> list[dict[str, str]]:
    texts: dict[str, list[str]] = {}
    for g, s in signs:
        texts.setdefault(g.effect, []).append(s.text)
    return [{"effect": effect, "text": "; ".join(t[:1].lower() + t[1:] if i else t for i, t in enumerate(ts))}
            for effect, ts in texts.items()]


def about_side_effects(guide: Guide, ctx: PageContext) -> Markup:
    items = []
    for g in guide.patient.guidance:
        ctx.shows(g)
        link = ""
        if g.warning and any(w.id == g.warning for w in guide.warnings):
            link = ctx.link("safety.md", f"warning-{g.warning}")
        items.append({"effect": g.effect, "explanation": inline_md(g.explanation), "link": link,
                      "badge": badge(ctx, g.status, g.effect)})
    return md("about_side_effects.md", items=items)


def dosing(guide: Guide, ctx: PageContext) -> Markup:
    d = guide.drug.dosing
    ctx.shows(guide.drug)
    interval = f"every {every(guide)}"
    rows = [[i.which, f"about {i.minutes} minutes", f"at least {i.observe_minutes} minutes"] for i in d.infusions]
    durations = [{"label": guide.setting_label(x.setting), "plain": x.plain,
                  "cycles": f"That is {x.cycles} treatments in all, one {interval}." if x.cycles else ""}
                 for x in d.durations]
    return md("plain_dosing.md", interval=interval, badge=badge(ctx, d.status, "dosing"), durations=durations,
              table=table("How long each drip takes",
                          ["Which drip", "How long the drip takes", "How long you stay afterwards"],
                          rows, class_="plain-dosing", row_headers=True))


def plain_fact(guide: Guide, ctx: PageContext, fact_id: str) -> Markup:
    """A prescribing fact in everyday words: each source's `plain` sentence, the period filled in
    from its record, then a link to the clinician detail. Empty when no statement has plain words."""
    section, fact = guide.fact(fact_id)
    ctx.shows(section)
    sentences = []
    for st in fact.statements:
        if not st.plain:
            continue
        # Escape the whole sentence, then put the period where its (escaped) slot is.
        text = md_escape(st.plain)
        if st.months_after_last_dose is not None:
            text = Markup(text.replace(md_escape(MONTHS_SLOT), Markup("%d months") % st.months_after_last_dose))
        flag = badge(ctx, st.status, f"{fact.topic} ({st.source})")
        sentences.append(text + (Markup(" ") + flag if flag else Markup("")))
    if not sentences:
        return Markup("")
    return Markup(" ").join(sentences) + Markup(" [Details](%s)") % Markup(ctx.link(PRESCRIBING_SRC, f"fact-{fact.id}"))


def plain_monitoring(guide: Guide, ctx: PageContext, only: str = "", skip: str = "") -> Markup:
    """The monitoring schedule's checks that have everyday words, as a list. `only` / `skip` keep or leave out
    the checks whose `what` contains that text (a page may tell one check, such as heart scans, on its own)."""
    for word in (only, skip):
        if word and not any(word in m.what for m in guide.monitoring if m.plain):
            raise UnknownName("monitoring check", word, (m.what for m in guide.monitoring if m.plain))
    items = []
    for m in guide.monitoring:
        if m.plain and (not only or only in m.what) and not (skip and skip in m.what):
            flag = badge(ctx, m.status, f"Monitoring: {m.what}")
            items.append(md_escape(m.plain) + (Markup(" ") + flag if flag else Markup("")))
    if not items:
        return Markup("")
    ctx.shows(guide.safety)
    return md("plain_list.md", items=items)


def every(guide: Guide) -> str:
    """The time between treatments in everyday units: '3 weeks', 'week', 'day' (or days when not whole weeks)."""
    days = guide.drug.dosing.cycle_days
    if days in (1, 7):
        return "day" if days == 1 else "week"
    return f"{days // 7} weeks" if days % 7 == 0 else f"{days} days"


def pronunciations(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    rows = [[p.name, Markup("<strong>%s</strong>") % p.say + (f" ({p.note})" if p.note else "")
             + (Markup(" ") + badge(ctx, p.status, "how to say " + p.name))]
            for p in guide.drug.pronunciations]
    if not rows:
        return Markup("")
    return html("table.html", caption="How to say the names", columns=["Name", "Say it like this"], rows=rows,
                class_="pronunciations", row_headers=True, id="", row_ids=None)


def words(guide: Guide, ctx: PageContext) -> Markup:
    """The short patient glossary (terms marked `patient`), A to Z in everyday words."""
    return glossary.patient_glossary(guide, ctx)


def rounding_rule() -> Markup:
    return md_escape(RULE)


def plain_target_share(guide: Guide, ctx: PageContext) -> Markup:
    """How common the drug's target is, in everyday words, one sentence per source that patient pages tell,
    each naming its source ('According to US cancer registry data, about 14 out of every 100 ...')."""
    share = guide.drug.target_share
    estimates = [e for e in share.estimates if e.plain_source] if share else []
    if not share or not estimates:
        return Markup("")
    ctx.shows(guide.drug)
    items = []
    for est in estimates:
        if est.percent is not None:
            n = _words(out_of_100(est.percent))
        else:
            n = t("share.plain_range", low=out_of_100(est.low).people, high=out_of_100(est.high).people)  # type: ignore[arg-type]
            n = t("share.plain_about", value=n) if est.approximate else n
        sentence = md_escape(t("share.plain_sentence", source=est.plain_source, n=n, what=share.plain_what))
        flag = badge(ctx, est.status, f"{share.what} ({est.source})")
        items.append(sentence + Markup(" ") + ctx.cite(*est.references) + (Markup(" ") + flag if flag else Markup("")))
    return md("plain_list.md", items=items)
