"""The demo shop keeps the hours of the computer it runs on: a person in New York or Sydney
trying the demo sees customers writing in the shop's day, staff answering in it and
follow-ups due at 17:00 — their 17:00 — across a change of summer time too, with quieter
weekends. It was the shop's day in UTC: calls at 3 a.m. in New York, follow-ups due at
4 a.m. in Sydney."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import pytest

from inbox_app import demo

ZONES = ("America/New_York", "Australia/Sydney", "Europe/Berlin", "Asia/Kolkata")
OPENS, CLOSES = 8, 19  # the demo shop's day


def local_moment(*fields: int) -> int:
    return int(datetime(*fields).astimezone().timestamp())


def local_hour(epoch: int) -> float:
    moment = datetime.fromtimestamp(epoch)
    return moment.hour + moment.minute / 60


def inbound(plans: list[dict]) -> list[dict]:
    """What customers wrote (reviews and mentions are the public's, not customers')."""
    return [message for plan in plans for message in plan["messages"]
            if message.get("direction") != "out" and message["kind"] != "feed"]


@pytest.mark.parametrize("zone", ZONES)
def test_customers_write_and_staff_answer_in_the_shops_local_day(local_zone, zone):
    local_zone(zone)
    plans = demo.generate(7, now_at=local_moment(2026, 6, 17, 15, 0))

    written = [local_hour(message["at"]) for message in inbound(plans)]
    assert len(written) > 500
    assert all(OPENS <= hour < CLOSES for hour in written), sorted(written)[:3]
    answered = [local_hour(message["at"]) for plan in plans for message in plan["messages"]
                if message.get("direction") == "out"]
    closed = [local_hour(plan["close"][1]) for plan in plans if plan["close"]]
    assert answered and closed
    assert all(OPENS <= hour < CLOSES for hour in answered + closed)
    posted = [local_hour(plan["messages"][0]["at"]) for plan in plans
              if plan["messages"][0]["kind"] == "feed"]
    assert all(hour >= 6 for hour in posted)  # nobody is up posting reviews at 3 a.m.


@pytest.mark.parametrize("zone", ZONES)
def test_follow_ups_are_due_at_five_and_snoozes_end_at_nine_local_time(local_zone, zone):
    local_zone(zone)
    now_at = local_moment(2026, 6, 17, 8, 0)
    plans = [plan for seed in (1, 2, 3, 7) for plan in demo.generate(seed, now_at=now_at)]

    due = [datetime.fromtimestamp(plan["due"]) for plan in plans if plan["due"]]
    snoozed = [datetime.fromtimestamp(plan["snooze"]) for plan in plans if plan["snooze"]]
    assert due and snoozed
    assert {(moment.hour, moment.minute) for moment in due} == {(17, 0)}
    assert {(moment.hour, moment.minute) for moment in snoozed} == {(9, 0)}
    # Due from two days ago to four days on, by the local calendar: at 8 a.m. in Sydney
    # "today" is not yet UTC's today.
    days = {(moment.date() - datetime(2026, 6, 17).date()).days for moment in due}
    assert days <= {-2, -1, 0, 1, 2, 4} and 0 in days


def test_a_demo_across_a_change_of_summer_time_keeps_the_clock(local_zone):
    """New York's clocks went forward on Sunday 8 March 2026 and back on 2 November 2025:
    six months to Monday 9 March hold both. Every time is the wall clock's, on either side
    (a day counted as 24 hours would put the follow-ups of last week at 16:00 or 18:00)."""
    local_zone("America/New_York")
    now_at = local_moment(2026, 3, 9, 11, 0)
    plans = [plan for seed in (1, 2, 3, 7) for plan in demo.generate(seed, now_at=now_at)]

    due = [datetime.fromtimestamp(plan["due"]) for plan in plans if plan["due"]]
    assert {moment.utcoffset() is None for moment in due}  # naive local wall-clock times
    assert {moment.date().isoformat() for moment in due} & {"2026-03-06", "2026-03-07"}
    assert {(moment.hour, moment.minute) for moment in due} == {(17, 0)}
    changed = [message["at"] for message in inbound(plans)
               if datetime.fromtimestamp(message["at"]).date().isoformat()
               in ("2025-11-02", "2025-11-03", "2026-03-08", "2026-03-09")]
    every = [local_hour(message["at"]) for message in inbound(plans)]
    assert changed and all(OPENS <= hour < CLOSES for hour in every)


def test_weekends_are_quieter_than_weekdays(local_zone):
    local_zone("America/New_York")
    plans = demo.generate(7, now_at=local_moment(2026, 6, 17, 15, 0))

    first_messages = Counter(datetime.fromtimestamp(plan["messages"][0]["at"]).weekday()
                             for plan in plans if plan["messages"][0]["kind"] != "feed")
    per_weekday = sum(first_messages[day] for day in range(5)) / 5
    per_weekend_day = (first_messages[5] + first_messages[6]) / 2
    assert per_weekend_day < 0.7 * per_weekday, first_messages


def test_the_same_seed_zone_and_hour_give_the_same_demo(local_zone, monkeypatch):
    """Kolkata is 5:30 ahead of UTC: 15:05 and 15:55 there are one hour on its clock and
    two of UTC's; the demo is the same all that local hour."""
    local_zone("Asia/Kolkata")
    early, late = local_moment(2026, 6, 17, 15, 5), local_moment(2026, 6, 17, 15, 55)

    assert demo.demo_now(early) == demo.demo_now(late) == local_moment(2026, 6, 17, 15, 0)
    assert demo.generate(5, demo.demo_now(early)) == demo.generate(5, demo.demo_now(late))


def test_the_demo_command_fills_the_shop_in_the_computers_hours(run_cli, local_zone):
    """`inbox-app demo` in Sydney at 8 a.m.: the customers' messages the queue lists were
    written in Sydney's daytime, and some follow-ups are due today."""
    local_zone("Australia/Sydney")
    now_at = local_moment(2026, 6, 17, 8, 30)
    code, _, err = run_cli("demo", "--seed", "3", "--now",
                           datetime.fromtimestamp(now_at).astimezone().isoformat())
    assert code == 0, err

    code, out, _ = run_cli("queue", "--filter", "all", "--limit", "2000", "--json")
    rows = [row for row in json.loads(out) if row["kind"] != "feed"]
    assert len(rows) > 500
    written = [datetime.fromisoformat(row["last_at"]).astimezone() for row in rows]
    assert all(OPENS <= moment.hour < CLOSES for moment in written)
    code, out, _ = run_cli("queue", "--filter", "due", "--limit", "500", "--json")
    due = [datetime.fromisoformat(row["due_at"]).astimezone() for row in json.loads(out)]
    assert due and {(moment.hour, moment.minute) for moment in due} == {(17, 0)}
