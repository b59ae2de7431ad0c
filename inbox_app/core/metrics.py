"""The arithmetic of the monthly summary: periods, weeks, percentiles, ratios.

Pure functions, no I/O. Periods are local-time calendar days, held as epoch
seconds [start, end) so the store can compare them with message times. Nearest
rank percentiles and "top 20 %" counts are done in integer arithmetic so that
0.9 × 70 is 63, not 63.00000000000001 rounded up to 64.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from inbox_app.core.models import NEGATIVE_AT

__all__ = [
    "NEGATIVE_AT", "REFERENCE_RATIOS", "RESPONSE_BUCKETS", "Period", "PeriodError", "Week",
    "histogram", "mean_compound", "median", "month_period", "nearest_rank", "p90",
    "range_period", "ratio", "top_count", "weeks",
]


class PeriodError(ValueError):
    """A month or date range a person typed that cannot be used."""


@dataclass(frozen=True, slots=True)
class Period:
    """Local calendar days first..last inclusive, as epoch seconds [start, end)."""

    first: date
    last: date
    start: int
    end: int
    is_month: bool

    @property
    def label(self) -> str:
        """`2026-03` for a month, `2026-03-01/2026-03-15` (ISO 8601 interval) otherwise."""
        if self.is_month:
            return f"{self.first.year:04d}-{self.first.month:02d}"
        return f"{self.first.isoformat()}/{self.last.isoformat()}"

    @property
    def title(self) -> str:
        """How a person reads it: `March 2026`, `1–15 March 2026`, `28 Feb – 3 Mar 2026`."""
        if self.is_month:
            return self.first.strftime("%B %Y")
        if self.first == self.last:
            return f"{self.first.day} {self.first.strftime('%B %Y')}"
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first.day}–{self.last.day} {self.last.strftime('%B %Y')}"
        if self.first.year == self.last.year:
            return (f"{self.first.day} {self.first.strftime('%b')} – "
                    f"{self.last.day} {self.last.strftime('%b %Y')}")
        return (f"{self.first.day} {self.first.strftime('%b %Y')} – "
                f"{self.last.day} {self.last.strftime('%b %Y')}")


def _midnight(day: date) -> int:
    """Local midnight at the start of `day`, as epoch seconds."""
    return int(datetime.combine(day, time()).astimezone().timestamp())


def month_period(text: str) -> Period:
    """`YYYY-MM` as the local-time month."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PeriodError(f"{text!r} is not a month (write it as YYYY-MM, e.g. 2026-03)")
    year, month = int(match.group(1)), int(match.group(2))
    if year < 1970:
        raise PeriodError(f"{text!r} is too long ago")
    if year >= 2100:
        raise PeriodError(f"{text!r} is too far ahead")
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), _midnight(first), _midnight(following),
                  True)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise PeriodError(f"{text!r} is not a date (write it as YYYY-MM-DD)") from None


def range_period(first: date | str, last: date | str) -> Period:
    """The local days `first` to `last`, both included."""
    first_day = parse_day(first) if isinstance(first, str) else first
    last_day = parse_day(last) if isinstance(last, str) else last
    if last_day < first_day:
        raise PeriodError(f"the range ends ({last_day}) before it starts ({first_day})")
    if first_day.year < 1970:
        raise PeriodError(f"{first_day} is too long ago")
    if last_day.year >= 2100:
        raise PeriodError(f"{last_day} is too far ahead")
    return Period(first_day, last_day, _midnight(first_day),
                  _midnight(last_day + timedelta(days=1)), False)


def previous_month(today: date) -> Period:
    """The last complete month before `today`: what a month-end summary is about."""
    last = today.replace(day=1) - timedelta(days=1)
    return month_period(f"{last.year:04d}-{last.month:02d}")


@dataclass(frozen=True, slots=True)
class Week:
    """A week of a period: Monday to Sunday, local time, cut to the period's edges."""

    first: date
    last: date
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"{self.first.day} {self.first.strftime('%b')}"


def weeks(period: Period) -> list[Week]:
    """The period's weeks in order; the first and last may be shorter than seven days."""
    result = []
    day = period.first
    while day <= period.last:
        next_monday = day + timedelta(days=7 - day.weekday())
        following = min(next_monday, period.last + timedelta(days=1))
        last = following - timedelta(days=1)
        result.append(Week(day, last, _midnight(day), _midnight(following)))
        day = following
    return result


# Statistics


def median(values: Sequence[float]) -> float | None:
    """statistics.median, or None for no values."""
    return statistics.median(values) if values else None


def nearest_rank(sorted_values: Sequence[float], percent: int) -> float | None:
    """The ⌈percent/100 · n⌉-th smallest value (nearest-rank percentile) of sorted values."""
    if not sorted_values:
        return None
    rank = -(-percent * len(sorted_values) // 100)
    return sorted_values[max(rank, 1) - 1]


def p90(sorted_values: Sequence[float]) -> float | None:
    return nearest_rank(sorted_values, 90)


COMPOUND_PLACES = 4  # VADER gives every compound score to four decimal places


def mean_compound(total: float | None, count: int) -> float | None:
    """The mean of `count` VADER compounds from their sum, the same whichever order they
    were added in.

    Each compound has four decimal places, so their exact sum has too; a float sum is off
    in its last bits by the order the engine added them (SQLite and PostgreSQL differ), and
    the mean then differed in its last digits between engines. Rounding the sum to four
    places gives back the exact sum (as a float), and the mean stays unrounded.
    """
    if not count or total is None:
        return None
    return round(total, COMPOUND_PLACES) / count


def ratio(numerator: int | float, denominator: int | float) -> float | None:
    """numerator ÷ denominator, or None when there is nothing to divide by."""
    return None if not denominator else numerator / denominator


def top_count(active: int) -> int:
    """How many customers are "the top 20 %": ⌈0.2 · active⌉."""
    return -(-active // 5)


# Reference lines for the channel mix (phone:social, email:social), from the survey in SPEC.
REFERENCE_RATIOS = {
    "strategic": {"phone_to_social": 2.0, "email_to_social": 1.5},
    "informal": {"phone_to_social": 4.0, "email_to_social": 3.0},
}

MINUTE, HOUR, DAY = 60, 3600, 86400

# First-response distribution: (label, upper bound in seconds, exclusive; None = no bound).
RESPONSE_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("0–15 min", 15 * MINUTE),
    ("15–60 min", HOUR),
    ("1–4 h", 4 * HOUR),
    ("4–24 h", DAY),
    ("1–3 days", 3 * DAY),
    ("3+ days", None),
)


def histogram(durations: Sequence[float]) -> list[tuple[str, int]]:
    """How many durations fall into each of RESPONSE_BUCKETS."""
    counts = [0] * len(RESPONSE_BUCKETS)
    for value in durations:
        for index, (_, upper) in enumerate(RESPONSE_BUCKETS):
            if upper is None or value < upper:
                counts[index] += 1
                break
    return [(label, count) for (label, _), count in zip(RESPONSE_BUCKETS, counts, strict=True)]
