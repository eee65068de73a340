"""Formatting of figures as published: never rounds, never drops a trailing zero.

`Decimal` values arrive with the digits the author typed (see `yamlio`), so
`str()` is the published form. These helpers only add words and punctuation, in the
build's language (`i18n`): its words, its decimal sign ('0,50' in Spanish) and its dates.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from .i18n import current, t
from .models import ArmValue, Comparison, Result, Statistic

DASH = "\u2013"  # en dash for ranges, as in medical typesetting


def num(value: Decimal | int) -> str:
    """A figure exactly as written: Decimal('0.50') -> '0.50' ('0,50' in a language with a decimal comma)."""
    return current().decimal(str(value))


def count(n: int) -> str:
    """Patient counts: 1,486 (medical journals separate thousands from 1,000; 1.486 in Spanish)."""
    return current().integer(n)


def ci(bounds: tuple[Decimal, Decimal] | None, level: Decimal = Decimal(95)) -> str:
    if not bounds:
        return ""
    return t("fmt.ci", level=num(level), low=num(bounds[0]), high=num(bounds[1]))


def p_value(p: str | None) -> str:
    """'<0.0001' -> 'P<0.0001'; '0.005' -> 'P=0.005' ('P=0,005' with a decimal comma)."""
    if not p:
        return ""
    p = current().decimal(p.replace(" ", ""))
    return f"P{p}" if p[0] in "<>≤" else f"P={p}"


def comparison(comp: Comparison) -> str:
    """'HR 0.65 (95% CI 0.55–0.77); P<0.0001'"""
    label = t({"HR": "fmt.hr", "OR": "fmt.or", "difference": "fmt.difference"}[comp.measure])
    value = t("fmt.percentage_points", value=num(comp.value)) if comp.measure == "difference" else num(comp.value)
    text = f"{label} {value}"
    if comp.ci:
        text += f" ({ci(comp.ci, comp.ci_level)})"
    if comp.p:
        text += f"; {p_value(comp.p)}"
    if comp.p_note:
        text += f" ({comp.p_note})"
    return text


def arm_value(v: ArmValue, statistic: Statistic | None) -> str:
    """'9.6 months', '43.6% (173/397)', 'not reached', with the CI when published."""
    if v.not_reached:
        text = t("fmt.not_reached")
    elif statistic == Statistic.rate:
        text = f"{num(v.value)}%"  # type: ignore[arg-type]
    elif statistic == Statistic.median:
        text = t("fmt.months", value=num(v.value))  # type: ignore[arg-type]
    else:
        text = num(v.value)  # type: ignore[arg-type]
    if v.ci:
        text += f" ({num(v.ci[0])}{DASH}{num(v.ci[1])})"
    if v.events is not None and v.of is not None:
        text += f"; {count(v.events)}/{count(v.of)}" if statistic == Statistic.rate else "; " + t("fmt.events_in", events=count(v.events), of=count(v.of))
    return text


def headline(result: Result, arm_order: list[str], arm_labels: dict[str, str] | None = None) -> str:
    """One line for overview tables: 'median 9.6 vs 6.4 months; HR 0.65 (95% CI 0.55–0.77); P<0.0001'.

    With more than two arms a bare 'a vs b vs c' cannot be read against several
    hazard ratios, so each value is then named by its arm.
    """
    parts = []
    shown_arms = [a for a in arm_order if a in result.arms]
    unit = " " + t("fmt.months_unit") if result.statistic == Statistic.median else ""
    versus = f" {t('fmt.versus')} "

    def one(v: ArmValue) -> str:
        if v.not_reached:
            return t("fmt.not_reached")
        return f"{num(v.value)}%" if result.statistic == Statistic.rate else num(v.value)  # type: ignore[arg-type]

    if shown_arms:
        if len(shown_arms) > 2 and arm_labels:
            text = "; ".join(f"{arm_labels[a]} {one(result.arms[a])}{unit}" for a in shown_arms)
        else:
            text = versus.join(one(result.arms[a]) for a in shown_arms) + unit
        if result.statistic == Statistic.median:
            text = t("fmt.median", text=text)
        if result.timepoint:
            text = t("fmt.at_timepoint", timepoint=result.timepoint, text=text)
        parts.append(text)
    for comp in result.all_comparisons:
        label = ""
        if comp.arms and arm_labels and len(result.all_comparisons) > 1:
            label = f" ({arm_labels[comp.arms[0]]} {t('fmt.versus')} {arm_labels[comp.arms[1]]})"
        parts.append(comparison(comp) + label)
    return "; ".join(parts)


def date(value: str) -> str:
    """'2012-07-31' -> '31 July 2012'; '2014-12' -> 'December 2014'; '2013' -> '2013'."""
    return current().date(value)


def long_date(d: datetime.date) -> str:
    """A full date in words: '29 November 2026'."""
    return current().long_date(d)


def difference_rule() -> str:
    """The one rule for absolute differences, stated wherever one is shown."""
    return t("fmt.difference_rule")


def absolute_difference(result: Result, arms: tuple[str, str]) -> Decimal | None:
    """Percentage points between two arms' published rates of one result (same time point); None when
    the result is not a rate or either rate is missing. Never derived from a hazard ratio."""
    if result.statistic != Statistic.rate:
        return None
    a, b = result.arms.get(arms[0]), result.arms.get(arms[1])
    if a is None or b is None or a.value is None or b.value is None:
        return None
    return a.value - b.value


def difference(points: Decimal, timepoint: str) -> str:
    """'11.3 percentage points at 3 years'; a negative difference with a minus sign: '−2.0 percentage points'."""
    shown = f"\u2212{num(-points)}" if points < 0 else num(points)
    return t("fmt.points_at", points=shown, timepoint=timepoint) if timepoint else t("fmt.points", points=shown)
