"""Plain-language numbers for patient pages, derived from the published figures.

One rounding rule for the whole site, stated on the patient pages (see `rule()`):
a percentage becomes a whole number of people out of 100, a median in months
becomes the nearest half month, both rounded half up (42.6% -> 43; 5.3 -> 5.5). Whole
months would stretch gaps: 9.6 vs 6.4 months would read as 10 vs 6.
A rate above 0 that would round to 0 is "fewer than 1", and one below 100 that
would round to 100 is "more than 99", so rounding never turns "some" into "none"
or "most" into "all". Icon arrays, sentences and tests all use these functions,
so a patient sentence and its picture cannot disagree with the clinician table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .i18n import t


def rule() -> str:
    """The rounding rule in the build's language (`patient.rounding_rule`). Its examples are made-up
    numbers that show the rule; they are not results of any study."""
    return t("patient.rounding_rule")


@dataclass(frozen=True)
class OutOf100:
    """A rate as people out of 100: `people` is what an icon array fills in."""

    percent: Decimal
    people: int
    qualifier: str = ""  # "", "fewer than", "more than" (which words to use, not the words)

    @property
    def words(self) -> str:
        """'about 88', 'fewer than 1', 'more than 99', 'none', 'all' (in the build's language)."""
        if self.qualifier == "fewer than":
            return t("patient.fewer_than", n=1)
        if self.qualifier == "more than":
            return t("patient.more_than", n=self.people)
        if self.percent == 0:
            return t("patient.none")
        if self.percent == 100:
            return t("patient.all")
        # "about" even for a whole percentage: trial rates are estimates, often rounded already
        return t("patient.about", n=self.people)


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def out_of_100(percent: Decimal) -> OutOf100:
    """88.3 -> about 88 out of 100; 0.2 -> fewer than 1; 99.7 -> more than 99."""
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValueError(f"a percentage must be within 0–100, got {percent}")
    people = _half_up(percent)
    if people == 0 and percent > 0:
        return OutOf100(percent, 0, "fewer than")
    if people == 100 and percent < 100:
        return OutOf100(percent, 99, "more than")
    return OutOf100(percent, people)


def months(value: Decimal) -> Decimal:
    """A median in months, rounded half up to the nearest half month (9.6 -> 9.5, 9.8 -> 10, 0.1 -> 0.5)."""
    halves = max(1, _half_up(value * 2))
    return Decimal(halves) / 2


def months_words(value: Decimal) -> str:
    """'about 9 and a half months', 'about 10 months', 'about half a month'."""
    m = months(value)
    whole, half = int(m), m != int(m)
    if whole == 0:
        return t("patient.months.half")
    return t("patient.months.and_half" if half else "patient.months.whole", count=whole)
