"""The monthly summary's figures: store queries in, plain frozen objects out.

`compute_figures` is the one function every renderer (JSON, CSV, HTML, PDF) and
the dashboard call. The store does the counting in SQL; this module turns the
counts into the figures defined in issue 8 (see the README section "Insights
and the monthly summary"). `as_json` is the command line's JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inbox_app.core import metrics
from inbox_app.core.kinds import FAMILIES, FAMILY_OF_KIND, KINDS
from inbox_app.core.metrics import Period, Week
from inbox_app.core.timeutil import now
from inbox_app.store.spellings import staff_reading_key

TOP_CUSTOMERS = 10


@dataclass(frozen=True, slots=True)
class Durations:
    """Median and p90 (nearest rank) in seconds over `count` conversations."""

    median: float | None
    p90: float | None
    count: int
    unanswered: int = 0
    histogram: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Mood:
    """Sentiment of `messages` inbound messages: mean VADER compound, share ≤ −0.05."""

    messages: int
    mean_compound: float | None
    negative_share: float | None


@dataclass(frozen=True, slots=True)
class WeekFigures:
    week: Week
    inbound: dict[str, int]
    mood: Mood

    @property
    def total(self) -> int:
        return sum(self.inbound.values())


@dataclass(frozen=True, slots=True)
class TopCustomer:
    customer: int
    name: str
    inbound: int
    influence: int | None
    value: float | None


@dataclass(frozen=True, slots=True)
class ValuableCustomer:
    """A customer of known value who wrote in the period: what they sent and how it felt."""

    customer: int
    name: str
    value: float
    inbound: int
    mean_compound: float | None
    waiting: int  # their conversations waiting for an answer when the summary was made


@dataclass(frozen=True, slots=True)
class StaffFigures:
    name: str
    replies: int
    closed: int
    first_response_median_s: float | None
    first_responses: int
    open_followups: int
    overdue: int


@dataclass(frozen=True)
class Figures:
    period: Period
    generated_at: int
    business_name: str
    inbound: dict[str, int]
    by_kind: dict[str, int]
    ratios: dict[str, float | None]
    first_response: Durations
    resolution: Durations
    sentiment: Mood
    sentiment_by_family: dict[str, Mood]
    weeks: list[WeekFigures]
    customers: dict[str, int]
    top_customers: list[TopCustomer]
    top20_customers: int
    top20_share: float | None
    mentions: dict[str, int]
    share_of_conversation: float | None
    staff: list[StaffFigures] = field(default_factory=list)
    valuable_customers: list[ValuableCustomer] = field(default_factory=list)
    currency: str = ""  # as the shop writes it before amounts (the `currency` setting)


def _mood(rows: list[dict[str, Any]]) -> Mood:
    messages = sum(row["messages"] for row in rows)
    scored = sum(row["scored"] for row in rows)
    compound = sum(row["compound_sum"] or 0.0 for row in rows)
    negative = sum(row["negative"] for row in rows)
    return Mood(messages, metrics.mean_compound(compound, scored),
                metrics.ratio(negative, messages))


def _durations(sorted_seconds: list[int], unanswered: int = 0) -> Durations:
    return Durations(
        median=metrics.median(sorted_seconds),
        p90=metrics.p90(sorted_seconds),
        count=len(sorted_seconds),
        unanswered=unanswered,
        histogram=tuple(metrics.histogram(sorted_seconds)),
    )


def compute_figures(
    store, period: Period, *, now_at: int | None = None, top: int = TOP_CUSTOMERS
) -> Figures:
    """Every figure of the summary for `period`.

    Open follow-ups and overdue ones are as of `now_at` (default: now), since
    assignments are current state, not history.
    """
    as_of = now() if now_at is None else now_at
    weeks = metrics.weeks(period)
    rows = store.inbound_summary(period.start, period.end, [w.start for w in weeks[1:]])

    by_kind = {kind: 0 for kind in KINDS}
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["messages"]
    inbound = {family: 0 for family in FAMILIES}
    for kind, count in by_kind.items():
        inbound[FAMILY_OF_KIND.get(kind, "social")] += count
    inbound["total"] = sum(by_kind.values())
    ratios = {
        "phone_to_social": metrics.ratio(inbound["phone"], inbound["social"]),
        "email_to_social": metrics.ratio(inbound["email"], inbound["social"]),
    }

    sentiment = _mood(rows)
    by_family = {
        family: _mood([r for r in rows if FAMILY_OF_KIND.get(r["kind"], "social") == family])
        for family in FAMILIES
    }
    week_figures = []
    for index, week in enumerate(weeks):
        week_rows = [r for r in rows if r["bucket"] == index]
        counts = {family: 0 for family in FAMILIES}
        for row in week_rows:
            counts[FAMILY_OF_KIND.get(row["kind"], "social")] += row["messages"]
        week_figures.append(WeekFigures(week, counts, _mood(week_rows)))

    responses = store.first_responses(period.start, period.end)
    answered = sorted(r["first_out"] - r["first_in"] for r in responses if r["first_out"] is not None)
    first_response = _durations(answered, unanswered=len(responses) - len(answered))
    resolution = _durations(store.resolution_times(period.start, period.end))

    activity = store.customer_activity(period.start, period.end)
    customers = {
        "active": activity["active"],
        "new": activity["new"],
        "returning": activity["active"] - activity["new"],
    }
    candidates = store.top_customers(period.start, period.end, top)
    candidates.sort(key=lambda r: (-r["inbound"], (r["name"] or "").casefold(), r["name"] or "",
                                   r["customer"]))
    top_customers = [
        TopCustomer(r["customer"], r["name"] or "", r["inbound"], r["influence"], r["value"])
        for r in candidates[:top]
    ]
    top20 = metrics.top_count(customers["active"])
    top20_inbound = store.top_customers_inbound(period.start, period.end, top20)

    worth = store.valuable_customers(period.start, period.end, top)
    worth.sort(key=lambda r: (-r["value"], (r["name"] or "").casefold(), r["name"] or "",
                              r["customer"]))
    valuable = [
        ValuableCustomer(r["customer"], r["name"] or "", r["value"], r["inbound"],
                         metrics.mean_compound(r["compound_sum"], r["scored"]), r["waiting"])
        for r in worth[:top]
    ]

    mentions = store.mention_counts(period.start, period.end)

    firsts_by_staff: dict[str, list[int]] = {}
    for r in responses:
        if r["first_out"] is not None and r["staff"]:
            firsts_by_staff.setdefault(r["staff"], []).append(r["first_out"] - r["first_in"])
    activity_rows = {row["name"]: row for row in store.staff_activity(period.start, period.end,
                                                                        as_of)}
    for name in firsts_by_staff:
        activity_rows.setdefault(name, {"name": name, "replies": 0, "closed": 0,
                                        "open_followups": 0, "overdue": 0})
    staff = [
        StaffFigures(
            name=name,
            replies=row["replies"],
            closed=row["closed"],
            first_response_median_s=metrics.median(sorted(firsts_by_staff.get(name, []))),
            first_responses=len(firsts_by_staff.get(name, [])),
            open_followups=row["open_followups"],
            overdue=row["overdue"],
        )
        for name, row in sorted(activity_rows.items(),
                                key=lambda item: staff_reading_key(item[0]))
    ]

    return Figures(
        period=period,
        generated_at=as_of,
        business_name=store.get_setting("business_name") or "",
        currency=store.get_setting("currency") or "",
        inbound=inbound,
        by_kind=by_kind,
        ratios=ratios,
        first_response=first_response,
        resolution=resolution,
        sentiment=sentiment,
        sentiment_by_family=by_family,
        weeks=week_figures,
        customers=customers,
        top_customers=top_customers,
        top20_customers=top20,
        top20_share=metrics.ratio(top20_inbound, inbound["total"]),
        mentions=mentions,
        share_of_conversation=metrics.ratio(
            mentions["brand"], mentions["brand"] + mentions["competitor"]
        ),
        staff=staff,
        valuable_customers=valuable,
    )


def as_json(figures: Figures) -> dict[str, Any]:
    """The command line's JSON: exactly the keys issue 8 lists, numbers unrounded."""
    return {
        "month": figures.period.label,
        "inbound": dict(figures.inbound),
        "by_kind": dict(figures.by_kind),
        "ratios": dict(figures.ratios),
        "first_response_s": {
            "median": figures.first_response.median,
            "p90": figures.first_response.p90,
            "count": figures.first_response.count,
            "unanswered": figures.first_response.unanswered,
        },
        "resolution_s": {
            "median": figures.resolution.median,
            "p90": figures.resolution.p90,
            "count": figures.resolution.count,
        },
        "sentiment": {
            "mean_compound": figures.sentiment.mean_compound,
            "negative_share": figures.sentiment.negative_share,
            "by_family": {
                family: {"mean_compound": mood.mean_compound,
                         "negative_share": mood.negative_share}
                for family, mood in figures.sentiment_by_family.items()
            },
        },
        "customers": dict(figures.customers),
        "top_customers": [
            {"customer": c.customer, "name": c.name, "inbound": c.inbound}
            for c in figures.top_customers
        ],
        "top20_share": figures.top20_share,
        "share_of_conversation": figures.share_of_conversation,
        "staff": [
            {
                "name": s.name,
                "replies": s.replies,
                "closed": s.closed,
                "first_response_median_s": s.first_response_median_s,
                "open_followups": s.open_followups,
                "overdue": s.overdue,
            }
            for s in figures.staff
        ],
        "valuable_customers": [
            {"customer": c.customer, "name": c.name, "value": c.value, "inbound": c.inbound,
             "mean_compound": c.mean_compound, "waiting": c.waiting}
            for c in figures.valuable_customers
        ],
        "currency": figures.currency,
    }
