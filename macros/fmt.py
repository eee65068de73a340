"""Formatting of figures as published: never rounds, never drops a trailing zero.

`Decimal` values arrive with the digits the author typed (see `yamlio`), so
`str()` is the published form. These helpers only add words and punctuation.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import MappingProxyType

from .models import ArmValue, Comparison, Result, Statistic

DASH = "\u2013"  # en dash for ranges, as in medical typesetting
MONTHS = MappingProxyType({
    "01": "January", "02": "February", "03": "March", "04": "April", "05": "May", "06": "June",
    "07": "July", "08": "August", "09": "September", "10": "October", "11": "November", "12": "December",
})


def num(value: Decimal | int) -> str:
    """A figure exactly as written: Decimal('0.50') -> '0.50'."""
    return str(value)


def count(n: int) -> str:
    """Patient counts: 1,486 (medical journals separate thousands from 1,000)."""
    return f"{n:,}"


def ci(bounds: tuple[Decimal, Decimal] | None, level: Decimal = Decimal(95)) -> str:
    if not bounds:
        return ""
    return f"{num(level)}% CI {num(bounds[0])}{DASH}{num(bounds[1])}"


def p_value(p: str | None) -> str:
    if not p:
        return ""
    p = p.replace(" ", "")
    return f"P{p}" if p[0] in "<>≤" else f"P={p}"


def comparison(comp: Comparison) -> str:
    """'HR 0.65 (95% CI 0.55–0.77); P<0.0001'"""
    label = {"HR": "HR", "OR": "OR", "difference": "difference"}[comp.measure]
    value = num(comp.value) + (" percentage points" if comp.measure == "difference" else "")
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
        text = "not reached"
    elif statistic == Statistic.rate:
        text = f"{num(v.value)}%"  # type: ignore[arg-type]
    elif statistic == Statistic.median:
        text = f"{num(v.value)} months"  # type: ignore[arg-type]
    elif statistic == Statistic.counted:
        text = f"{num(v.value)} patients"  # type: ignore[arg-type]
    else:
        text = num(v.value)  # type: ignore[arg-type]
    if v.ci:
        text += f" ({num(v.ci[0])}{DASH}{num(v.ci[1])})"
    if v.events is not None and v.of is not None:
        text += f"; {count(v.events)}/{count(v.of)}" if statistic == Statistic.rate else f"; {count(v.events)} events in {count(v.of)}"
    return text


def headline(result: Result, arm_order: list[str], arm_labels: dict[str, str] | None = None) -> str:
    """One line for overview tables: 'median 9.6 vs 6.4 months; HR 0.65 (95% CI 0.55–0.77); P<0.0001'.

    With more than two arms a bare 'a vs b vs c' cannot be read against several
    hazard ratios, so each value is then named by its arm.
    """
    parts = []
    shown_arms = [a for a in arm_order if a in result.arms]
    unit = {Statistic.median: " months", Statistic.counted: " patients"}.get(result.statistic, "")  # type: ignore[arg-type]

    def one(v: ArmValue) -> str:
        if v.not_reached:
            return "not reached"
        return f"{num(v.value)}%" if result.statistic == Statistic.rate else num(v.value)  # type: ignore[arg-type]

    if shown_arms:
        if len(shown_arms) > 2 and arm_labels:
            text = "; ".join(f"{arm_labels[a]} {one(result.arms[a])}{unit}" for a in shown_arms)
        else:
            text = " vs ".join(one(result.arms[a]) for a in shown_arms) + unit
        if result.statistic == Statistic.median:
            text = f"median {text}"
        if result.timepoint:
            text = f"{result.timepoint}: {text}"
        parts.append(text)
    for comp in result.all_comparisons:
        label = ""
        if comp.arms and arm_labels and len(result.all_comparisons) > 1:
            label = f" ({arm_labels[comp.arms[0]]} vs {arm_labels[comp.arms[1]]})"
        parts.append(comparison(comp) + label)
    return "; ".join(parts)


def date(value: str) -> str:
    """'2012-07-31' -> '31 July 2012'; '2014-12' -> 'December 2014'; '2013' -> '2013'."""
    bits = value.split("-")
    if len(bits) == 1:
        return bits[0]
    month = MONTHS[bits[1]]
    return f"{month} {bits[0]}" if len(bits) == 2 else f"{int(bits[2])} {month} {bits[0]}"


def long_date(d: datetime.date) -> str:
    """A full date in words: '29 November 2026'."""
    return f"{d.day} {MONTHS[f'{d.month:02d}']} {d.year}"


# The one rule for absolute differences, stated wherever one is shown.
DIFFERENCE_RULE = ("Absolute differences are computed here from the two published percentages (the first arm "
                   "minus the second) and are not rounded: they keep the decimals of the figures they come from.")


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
    return f"{shown} percentage points" + (f" at {timepoint}" if timepoint else "")
