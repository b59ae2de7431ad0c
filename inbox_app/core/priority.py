"""The priority rule: who should be answered first.

A conversation's priority is a moment in time, "when it became urgent": the queue
sorts it ascending. Because it does not depend on the clock, the store keeps it
in an indexed column and the ordering costs nothing at read time, yet an overdue
follow-up or a customer waiting since yesterday still rises above a fresh one.

- unanswered: urgent from the moment the customer started waiting;
- answered (nothing waiting): in a band below every unanswered conversation,
  ordered among themselves by last activity (a follow-up date still lifts one);
- negative: moved earlier by up to two days, more for angrier messages;
- influential (followers): moved earlier by up to a day, on a log scale;
- a follow-up due date: urgent at the due date at the latest;
- closed: in a band below every open one, the most recently active first, so a view
  that shows closed conversations too (Everything, a search) leads with the live ones.
"""

from __future__ import annotations

import math

from inbox_app.core.models import NEGATIVE_AT

HOUR = 3600
DAY = 24 * HOUR
ANSWERED_BAND = 100 * 365 * DAY
CLOSED_BAND = 4 * ANSWERED_BAND  # less any moment: still above every answered one
NEGATIVE_LEAD_MAX = 2 * DAY
INFLUENCE_LEAD_PER_DECADE = 4 * HOUR
INFLUENCE_LEAD_MAX = DAY


def negative_lead(compound: float | None) -> int:
    if compound is None or compound > NEGATIVE_AT:
        return 0
    return round(NEGATIVE_LEAD_MAX * min(1.0, -compound))


def influence_lead(followers: int | None) -> int:
    if not followers or followers <= 0:
        return 0
    return min(INFLUENCE_LEAD_MAX, round(math.log10(followers + 1) * INFLUENCE_LEAD_PER_DECADE))


def priority_at(
    *,
    last_at: int,
    awaiting_since: int | None,
    last_compound: float | None,
    influence: int | None,
    due_at: int | None,
    closed: bool = False,
) -> int:
    """The moment this conversation became urgent; smaller sorts first."""
    if closed:
        return CLOSED_BAND - last_at
    if awaiting_since is not None:
        moment = awaiting_since - negative_lead(last_compound) - influence_lead(influence)
    else:
        moment = last_at + ANSWERED_BAND
    if due_at is not None:
        moment = min(moment, due_at)
    return moment
