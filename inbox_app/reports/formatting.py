"""How figures read in a report people look at (HTML, PDF, the dashboard).

The machine formats (JSON, CSV) keep numbers as they are; these helpers are
for eyes: thousands separators, `2.4 : 1`, `26 %`, `1.4 h`, and a dash for a
figure that does not exist (no social messages → no ratio).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from inbox_app.core import amounts
from inbox_app.core.metrics import REFERENCE_RATIOS, range_period
from inbox_app.core.timeutil import duration

if TYPE_CHECKING:
    from inbox_app.reports.figures import Figures, Mood, WeekFigures

DASH = "–"
MOST_BARS = 27  # a chart of more weeks shows months, of more months years (half a year fits)


def count(value: int | None) -> str:
    return DASH if value is None else f"{value:,}"


def ratio(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f} : 1"


def percent(value: float | None) -> str:
    if value is None:
        return DASH
    shown = value * 100
    return f"{shown:.0f} %" if shown >= 10 or shown == 0 else f"{shown:.1f} %"


def compound(value: float | None) -> str:
    """A VADER compound as a signed number: `+0.24`, `−0.31`; one that rounds to zero is
    `+0.00`, never `−0.00` (a month of mostly neutral messages read as a bad one)."""
    if value is None:
        return DASH
    shown = round(value, 2) or 0.0  # −0.0 is falsy: it becomes 0.0
    return f"{shown:+.2f}".replace("-", "−")


def seconds(value: float | None) -> str:
    return DASH if value is None else duration(value)


def money(value: float | None, currency: str = "") -> str:
    return DASH if value is None else amounts.money(value, currency)


def mood_word(value: float | None) -> str:
    """A plain word for a mean compound, with VADER's usual ±0.05 thresholds."""
    if value is None:
        return "no messages"
    if value >= 0.05:
        return "positive"
    if value <= -0.05:
        return "negative"
    return "neutral"


def _customers(number: int) -> str:
    return f"{number:,} customer{'' if number == 1 else 's'}"


def headline_cards(figures: Figures) -> list[tuple[str, str, str]]:
    """The headline numbers as (label, number, note) — shared by HTML and PDF."""
    inbound, response, resolution = figures.inbound, figures.first_response, figures.resolution
    customers = figures.customers
    return [
        ("Inbound messages", count(inbound["total"]),
         f"email {inbound['email']:,} · social {inbound['social']:,} · phone {inbound['phone']:,}"),
        ("First response, median", seconds(response.median),
         f"90 % within {seconds(response.p90)} · {response.unanswered:,} without reply"
         if response.count else f"{response.unanswered:,} without reply"),
        ("Resolution, median", seconds(resolution.median),
         f"90 % within {seconds(resolution.p90)} · {resolution.count:,} closed"
         if resolution.count else "none closed"),
        ("Sentiment", compound(figures.sentiment.mean_compound),
         f"{mood_word(figures.sentiment.mean_compound)} on average · "
         f"{percent(figures.sentiment.negative_share)} negative"
         if figures.sentiment.messages else "no customer messages"),
        ("Active customers", count(customers["active"]),
         f"{customers['new']:,} new · {customers['returning']:,} returning"),
        ("Top 20 % of customers", percent(figures.top20_share),
         f"of all messages · from {_customers(figures.top20_customers)}"),
        ("Share of conversation", percent(figures.share_of_conversation),
         f"{figures.mentions['brand']:,} brand · {figures.mentions['competitor']:,} competitor"
         " mentions"),
        ("Phone : social", ratio(figures.ratios["phone_to_social"]),
         f"email : social {ratio(figures.ratios['email_to_social'])}"),
    ]


RATIO_NAMES = {"phone_to_social": ("phone", "Phone : social"),
               "email_to_social": ("email", "Email : social")}


def ratio_verdict(key: str, value: float | None) -> str:
    """Where a channel ratio stands against the survey's strategic and informal companies."""
    strategic = REFERENCE_RATIOS["strategic"][key]
    informal = REFERENCE_RATIOS["informal"][key]
    label = RATIO_NAMES[key][1]
    if value is None:
        return f"{label}: no social messages, so no ratio."
    if value <= strategic:
        place = f"at or below the strategic companies' {strategic:g} : 1"
    elif value < informal:
        place = f"between strategic ({strategic:g} : 1) and informal ({informal:g} : 1) companies"
    else:
        place = f"at or above the informal companies' {informal:g} : 1"
    return f"{label} {ratio(value)} — {place}."


def speed_sentences(figures: Figures) -> str:
    """First response and resolution in a few plain sentences, also when there is no data."""
    response, resolution = figures.first_response, figures.resolution
    started = response.count + response.unanswered
    if not started:
        first = "No conversation started in the period."
    elif not response.count:
        first = ("The one conversation that started in the period has no reply yet."
                 if started == 1 else
                 f"None of the {started:,} conversations that started in the period has a "
                 "reply yet.")
    else:
        answered = f"{response.count:,} {'was' if response.count == 1 else 'were'} answered"
        waiting = (f"{response.unanswered:,} "
                   f"{'has' if response.unanswered == 1 else 'have'} no reply yet")
        first = (f"Conversations that started in the period got a first reply in "
                 f"{seconds(response.median)} (median); 90 % within {seconds(response.p90)}. "
                 f"{answered}, {waiting}.")
    if not resolution.count:
        second = "No conversation was closed in the period."
    else:
        second = (f"Closed conversations took {seconds(resolution.median)} (median) from the "
                  f"customer's first message, 90 % within {seconds(resolution.p90)} "
                  f"({resolution.count:,} closed).")
    return f"{first} {second}"


def mood_sentence(figures: Figures) -> str:
    mood = figures.sentiment
    if not mood.messages:
        return "No customer messages in the period."
    return (f"Mean VADER compound {compound(mood.mean_compound)} "
            f"({mood_word(mood.mean_compound)}); {percent(mood.negative_share)} of inbound "
            "messages were negative (compound ≤ −0.05).")


def customers_sentence(figures: Figures) -> str:
    customers = figures.customers
    if not customers["active"]:
        text = "No customer wrote in the period."
    else:
        text = (f"{_customers(customers['active'])} wrote in the period: {customers['new']:,} "
                f"for the first time and {customers['returning']:,} returning. The top 20 % "
                f"({_customers(figures.top20_customers)}) sent {percent(figures.top20_share)} of "
                "all messages.")
    if figures.share_of_conversation is None:
        return text + " There were no brand or competitor mentions."
    return (text + " Share of conversation (brand mentions among brand and competitor "
            f"mentions): {percent(figures.share_of_conversation)}.")


def valuable_sentence(figures: Figures) -> str:
    """Whether the customers the shop earns most from wrote, and whether they wait."""
    valuable = figures.valuable_customers
    if not valuable:
        return ("No customer of known value wrote in the period (a customer's value comes "
                "from your shop system's customer list: File → Import customer list…).")
    waiting = [c for c in valuable if c.waiting]
    unhappy = [c for c in valuable if c.mean_compound is not None and c.mean_compound <= -0.05]
    if len(valuable) == 1:  # not "The 1 customer of highest value…: 1 sounded unhappy"
        parts = (["they sounded unhappy on average"] if unhappy else []) + (
            ["are waiting for an answer now" if unhappy else "they are waiting for an answer now"]
            if waiting else [])
        text = "One customer of known value wrote in the period"
        return text + (": " + " and ".join(parts) + "." if parts else ".")
    text = f"The {len(valuable)} customers of highest value who wrote in the period"
    parts = []
    if unhappy:
        parts.append(f"{len(unhappy)} sounded unhappy on average")
    if waiting:
        parts.append(f"{len(waiting)} {'is' if len(waiting) == 1 else 'are'} waiting for an "
                     "answer now")
    return text + (": " + " and ".join(parts) + "." if parts else ".")


def so_far(figures: Figures) -> Figures:
    """The figures without the weeks that had not begun when they were counted: the
    charts of the month under way end at this week instead of four empty ones."""
    begun = [week for week in figures.weeks if week.week.start <= figures.generated_at]
    if not begun or len(begun) == len(figures.weeks):
        return figures
    return replace(figures, weeks=begun)


def period_heading(figures: Figures) -> str:
    """`March 2026 · 1 Mar 2026 – 31 Mar 2026`; for a period still under way, up to the
    day it was counted: `December 2026 · 1–6 December 2026 so far` (a month on its last day
    too: it is over only at midnight)."""
    period = figures.period
    today = date.fromtimestamp(figures.generated_at)
    if period.first <= today < period.last or (period.is_month and today == period.last):
        return f"{period.title}  ·  {range_period(period.first, today).title} so far"
    return (f"{period.title}  ·  {period.first.day} {period.first:%b %Y} – "
            f"{period.last.day} {period.last:%b %Y}")


@dataclass(frozen=True)
class Bar:
    """One bar of the volume and sentiment charts: a week, or a month or year of them."""

    label: str
    inbound: dict[str, int]
    mood: Mood

    @property
    def total(self) -> int:
        return sum(self.inbound.values())


def chart_bars(figures: Figures) -> tuple[str, list[Bar]]:
    """The period's weeks as bars ("week", bars), up to this week for a month under way;
    a long range (a year, `--from 2000-01-01`) as months or years, so the bars can be
    seen: 1,400 weeks drew an empty chart. A week belongs to the month of its first day."""
    weeks = so_far(figures).weeks
    bars = [Bar(week.week.label, dict(week.inbound), week.mood) for week in weeks]
    if len(bars) <= MOST_BARS:
        return "week", bars
    months = _grouped(weeks, lambda day: day.strftime("%b %Y"))
    if len(months) <= MOST_BARS:
        return "month", months
    return "year", _grouped(weeks, lambda day: str(day.year))


def _grouped(weeks: list[WeekFigures], label_of) -> list[Bar]:
    from inbox_app.reports.figures import Mood

    groups: dict[str, list[WeekFigures]] = {}
    for week in weeks:
        groups.setdefault(label_of(week.week.first), []).append(week)
    bars = []
    for label, members in groups.items():
        inbound = {family: sum(w.inbound[family] for w in members) for family in members[0].inbound}
        scored = [w.mood for w in members if w.mood.messages and w.mood.mean_compound is not None]
        messages = sum(mood.messages for mood in scored)
        mean = sum(m.mean_compound * m.messages for m in scored) / messages if messages else None
        negative = (sum((m.negative_share or 0.0) * m.messages for m in scored) / messages
                    if messages else None)
        bars.append(Bar(label, inbound, Mood(sum(w.mood.messages for w in members), mean,
                                             negative)))
    return bars
