"""Patient pages: the same records as the clinician pages, told in everyday words.

Every number here is computed from a published figure by `plain_numbers` (the one
rounding rule), wrapped in a span that carries the published value, and followed
by a link to the clinician detail. Nothing in this module invents a figure.

Sentences stay Markdown (so the glossary's plain-language tooltips reach their words);
every piece of data text in them goes through `md_escape`, and the number spans are
HTML from an autoescaped template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

from markupsafe import Markup

from .. import fmt
from ..errors import UnknownName
from ..guide import PRESCRIBING_SRC, Guide, analysis_of, plain_result_arms, result_of, trial_src
from ..i18n import t, tm
from ..markup import html, md, table
from ..models import MONTHS_SLOT, Guidance, PlainResult, PlainSideEffect, Setting, Sign, Statistic, Status, Trial, Urgency
from ..pagecontext import PageContext
from ..plain_numbers import OutOf100, months_words, out_of_100, rule
from ..text import inline_md, md_escape
from . import figures, glossary


def badge(ctx: PageContext, status: Status, what: str) -> Markup:
    """Patient pages mark only what is not yet verified; "checked in a secondary source" is clinician detail."""
    return ctx.badge(status, what, plain=True) if status == Status.unverified else Markup("")


# How soon to act -> (the anchor of its group, what to do in the build's language, `patient.urgency.*`).
_URGENCY_ANCHOR = MappingProxyType({
    Urgency.emergency: "emergency", Urgency.now: "now", Urgency.same_day: "same-day", Urgency.next_visit: "next-visit",
})


class _Urgency(Mapping[Urgency, tuple[str, str]]):
    """Looked up at each use, so the words are those of the build under way."""

    def __getitem__(self, urgency: Urgency) -> tuple[str, str]:
        anchor = _URGENCY_ANCHOR[urgency]
        return anchor, t(f"patient.urgency.{anchor.replace('-', '_')}")

    def __iter__(self) -> Iterator[Urgency]:
        return iter(_URGENCY_ANCHOR)

    def __len__(self) -> int:
        return len(_URGENCY_ANCHOR)


URGENCY = _Urgency()


def _arm_name(trial: Trial, names: dict[str, str], arm_id: str) -> str:
    return names.get(arm_id) or next(a.label for a in trial.arms if a.id == arm_id)


def _number(trial: Trial, source: str, arm: str, published: Decimal, statistic: str, words: str) -> Markup:
    """The plain number, carrying the published figure it came from (tests compare the two)."""
    return html("number.html", trial=trial.id, source=source, arm=arm, published=fmt.num(published),
                statistic=statistic, words=words)


def _words(o: OutOf100) -> str:
    return t("patient.no_one") if o.percent == 0 else o.words


def _first(o: OutOf100, span: Markup, arm: str, outcome: Markup, timepoint: str = "") -> Markup:
    """'About 16 out of 100 people who had X had Y.', or 'No one who had X had Y.' when nobody had it."""
    key = ("patient.first_after" if timepoint else "patient.first") + ("_none" if o.percent == 0 else "")
    return _cap(tm(key, who=span, arm=md_escape(arm), outcome=outcome, timepoint=md_escape(timepoint)))


def _then(o: OutOf100, arm: str, span: Markup, key: str) -> Markup:
    """The comparison group's sentence: 'For people who had X, it was about 12 out of 100.'"""
    return tm(key + ("_none" if o.percent == 0 else ""), arm=md_escape(arm), who=span)


def _cap(text: Markup) -> Markup:
    # A sentence may open with the number span: capitalise its first visible letter.
    if not text.startswith("<"):
        return Markup(text[:1].upper() + text[1:])
    head, sep, rest = str(text).partition('">')
    return Markup(head + sep + rest[:1].upper() + rest[1:])


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
        text = (_first(a, span_a, name_a, md_escape(pr.outcome), result.timepoint) + Markup(" ")
                + _then(b, name_b, span_b, "patient.then"))
    else:
        span_a = _number(trial, source, first, va, "median", months_words(va))
        span_b = _number(trial, source, second, vb, "median", months_words(vb))
        # The outcome's "{months}" slot takes the number; the words around it stay escaped text.
        before, _, after = pr.outcome.partition("{months}")
        outcome = md_escape(before) + span_a + md_escape(after)
        text = tm("patient.median", arm=md_escape(name_a), outcome=outcome, other=md_escape(name_b), months=span_b)
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
        out.append(md("section.md", level=3, title=t("patient.study_heading", trial=trial.name), anchor=trial.id, blocks=blocks))
    return Markup("\n").join(out)


def side_effects(guide: Guide, ctx: PageContext, setting: Setting) -> Markup:
    """'About N out of 100 people who had X had Y, compared with M out of 100 who had Z', by trial."""
    by_trial: dict[str, list[Markup]] = {}
    for se in guide.patient.side_effects:
        trial = guide.trials[guide.ae_table(se.table).trial]
        if trial.setting == setting.id:
            by_trial.setdefault(trial.id, []).append(side_effect_line(guide, ctx, se))
    return md("plain_side_effects.md", groups=[
        {"intro": _in_study(guide.trials[trial_id], ctx), "lines": lines} for trial_id, lines in by_trial.items()])


def side_effect(guide: Guide, ctx: PageContext, se_id: str) -> Markup:
    """One side effect told on its own, with its study named: for an answer to one question."""
    se = next((s for s in guide.patient.side_effects if s.id == se_id), None)
    if se is None:
        raise UnknownName("patient side effect", se_id, [s.id for s in guide.patient.side_effects])
    trial = guide.trials[guide.ae_table(se.table).trial]
    return md("plain_side_effects.md", groups=[{"intro": _in_study(trial, ctx), "lines": [side_effect_line(guide, ctx, se)]}])


def _in_study(trial: Trial, ctx: PageContext) -> Markup:
    """'In the [ALPHA study](link):' over a trial's side effects."""
    link = Markup("[%s](%s)") % (md_escape(t("patient.study_link", trial=trial.name)), Markup(ctx.link(trial_src(trial.id))))
    return tm("patient.in_study", study=link)


def _details(href: str) -> Markup:
    """' [Details](link)' after a sentence: the clinician detail it comes from."""
    return Markup(" [%s](%s)") % (md_escape(t("patient.details")), Markup(href))


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
    line = (_first(a, span_a, _arm_name(trial, se.arm_names, first), md_escape(se.what)) + Markup(" ")
            + _then(b, _arm_name(trial, se.arm_names, second), span_b, "patient.then_with")
            + _details(detail))
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
    interval = t("patient.dosing.interval", every=every(guide))
    rows = [[i.which, t("patient.dosing.about_minutes", minutes=i.minutes), t("patient.dosing.at_least", minutes=i.observe_minutes)]
            for i in d.infusions]
    durations = [{"label": guide.setting_label(x.setting), "plain": x.plain,
                  "cycles": t("patient.dosing.in_all", cycles=x.cycles, interval=interval) if x.cycles else ""}
                 for x in d.durations]
    return md("plain_dosing.md", interval=interval, badge=badge(ctx, d.status, "dosing"), durations=durations,
              table=table(t("patient.dosing.caption"),
                          [t("patient.dosing.which"), t("patient.dosing.how_long"), t("patient.dosing.stay")],
                          rows, class_="plain-dosing", row_headers=True))


def plain_fact(guide: Guide, ctx: PageContext, fact_id: str, listed: bool = False) -> Markup:
    """A prescribing fact in everyday words: each source's `plain` sentence, the period filled in
    from its record, then a link to the clinician detail. Empty when no statement has plain words.
    `listed` gives one list item per source, each with its citation (sources that differ, such as
    fever thresholds, read best side by side)."""
    section, fact = guide.fact(fact_id)
    ctx.shows(section)
    sentences = []
    for st in fact.statements:
        if not st.plain:
            continue
        # Escape the whole sentence, then put the period where its (escaped) slot is.
        text = md_escape(st.plain)
        if st.months_after_last_dose is not None:
            months = t("patient.months_after", count=st.months_after_last_dose)
            text = Markup(text.replace(md_escape(MONTHS_SLOT), md_escape(months)))
        flag = badge(ctx, st.status, f"{fact.topic} ({st.source})")
        if listed:
            flag = Markup(" ").join(f for f in (flag, ctx.cite(st.reference)) if f)
        sentences.append(text + (Markup(" ") + flag if flag else Markup("")))
    if not sentences:
        return Markup("")
    details = _details(ctx.link(PRESCRIBING_SRC, f"fact-{fact.id}"))
    if listed:
        return md("plain_list.md", items=sentences) + Markup("\n") + details.lstrip()
    return Markup(" ").join(sentences) + details


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
        return t("patient.every.day") if days == 1 else t("patient.every.week")
    return t("patient.every.weeks", n=days // 7) if days % 7 == 0 else t("patient.every.days", n=days)


def pronunciations(guide: Guide, ctx: PageContext) -> Markup:
    ctx.shows(guide.drug)
    rows = [[p.name, Markup("<strong>%s</strong>") % p.say + (f" ({p.note})" if p.note else "")
             + (Markup(" ") + badge(ctx, p.status, "how to say " + p.name))]
            for p in guide.drug.pronunciations]
    if not rows:
        return Markup("")
    return html("table.html", caption=t("patient.say.caption"), columns=[t("patient.say.name"), t("patient.say.say")], rows=rows,
                class_="pronunciations", row_headers=True, id="", row_ids=None)


def words(guide: Guide, ctx: PageContext) -> Markup:
    """The short patient glossary (terms marked `patient`), A to Z in everyday words."""
    return glossary.patient_glossary(guide, ctx)


def rounding_rule() -> Markup:
    return md_escape(rule())
