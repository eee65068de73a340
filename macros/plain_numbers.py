"""Plain-language numbers for patient pages, derived from the published figures.

One rounding rule for the whole site, stated on the patient pages (see RULE):
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

# The examples are made-up numbers that show the rule; they are not results of any study.
RULE = (
    "We turn each percentage into a number of people out of 100, rounded to the nearest whole "
    "person. For example, a result of 42.6% is shown as about 43 out of 100. A result above 0% "
    "that would round to 0 is shown as fewer than 1 out of 100. Times are rounded to the nearest "
    "half month, so 5.3 months is shown as about 5 and a half months."
)


@dataclass(frozen=True)
class OutOf100:
    """A rate as people out of 100: `people` is what an icon array fills in."""

    percent: Decimal
    people: int
    qualifier: str = ""  # "", "fewer than", "more than"

    @property
    def words(self) -> str:
        """'about 88', 'fewer than 1', 'more than 99', 'none', 'all'."""
        if self.qualifier:
            return f"{self.qualifier} {self.people if self.qualifier == 'more than' else 1}"
        if self.percent == 0:
            return "none"
        if self.percent == 100:
            return "all"
        # "about" even for a whole percentage: trial rates are estimates, often rounded already
        return f"about {self.people}"


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
        return "about half a month"
    unit = "month" if whole == 1 and not half else "months"
    return f"about {whole}{' and a half' if half else ''} {unit}"
