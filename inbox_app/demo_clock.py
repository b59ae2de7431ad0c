"""The demo shop's clock: its day by this computer's local time (customers write 8–19,
quieter at weekends, follow-ups due at 17:00), built from the calendar so the shop keeps
its hours on the days the clocks change. A part of demo.py, kept apart so that module
stays readable."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from inbox_app.core.timeutil import local, now

DAY = 86400
HISTORY_DAYS = 182
# The shop's day by the computer's clock: customers write and staff answer in it.
OPENS, CLOSES = 8, 19
DUE_HOUR, SNOOZE_HOUR = 17, 9  # follow-ups due by the end of the working day; snoozes end at 9
# Reviews and mentions are the public's, posted from breakfast to bedtime.
POSTED_FROM, POSTED_UNTIL = 7, 23
WEEKEND_KEPT = 0.45  # of the messages first drawn for a Saturday or Sunday: weekends are quieter


def demo_now(at: int | None = None) -> int:
    """The demo's "now": the start of the current hour on this computer's clock, so a seed
    gives the same store all hour long (an hour of the local clock, also where it is not
    UTC's: Kolkata's 15:00 to 16:00) while the newest messages are still minutes old."""
    moment = local(now() if at is None else at)
    return int(moment.replace(minute=0, second=0, microsecond=0).timestamp())


def at_hour(day: date, hour: int, seconds: int = 0) -> int:
    """`hour` o'clock on `day` by the local clock, plus `seconds` on that clock: built from
    the calendar, so on the days the clocks change the shop keeps its hours (counting
    86,400 s a day put them an hour off) and no time falls in the skipped hour."""
    wall_clock = datetime(day.year, day.month, day.day, hour) + timedelta(seconds=seconds)
    return int(wall_clock.astimezone().timestamp())


def earlier_day_if_ahead(day: date, hour: int, seconds: int, now_at: int) -> int:
    """The moment at `seconds` past `hour` on `day`, or at that clock time on the latest
    earlier day when it is still to come: today's afternoon, drawn in the morning, is
    yesterday's afternoon (the newest messages stay in the shop's day, not before dawn)."""
    at = at_hour(day, hour, seconds)
    while at > now_at - 60:
        day -= timedelta(days=1)
        at = at_hour(day, hour, seconds)
    return at


def written_at(rng: random.Random, first_day: date, now_at: int) -> int:
    """When a customer wrote: a day of the history, recent ones likelier (the shop is
    growing), a time of the shop's day; weekends are quieter (most of a weekend's messages
    come on the Friday or the Monday). As many draws whatever the calendar says, so the
    customers and their stories are the same in any zone, on any day."""
    day = first_day + timedelta(days=int(rng.random() ** 0.7 * (HISTORY_DAYS + 1)))
    seconds = rng.randrange(OPENS * 3600, CLOSES * 3600)
    on_weekdays = rng.random() >= WEEKEND_KEPT
    if day.weekday() >= 5 and on_weekdays:
        day += timedelta(days=-1 if day.weekday() == 5 else 1)
    return earlier_day_if_ahead(day, 0, seconds, now_at)


def in_shop_hours(rng: random.Random, moment: int, *, first_thing: bool = False) -> int:
    """`moment`, or a time of the shop's next day when it falls outside the shop's day:
    staff answer and close in it, and customers write back in it. `first_thing`: soon
    after opening (last night's messages are answered first)."""
    clock = local(moment)
    if OPENS <= clock.hour < CLOSES:
        return moment
    day = clock.date() + timedelta(days=1 if clock.hour >= CLOSES else 0)
    later = rng.randrange(5 * 60, 90 * 60) if first_thing else rng.randrange(
        (CLOSES - OPENS) * 3600)
    return at_hour(day, OPENS, later)
