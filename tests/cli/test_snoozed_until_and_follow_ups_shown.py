"""What a script and a person read of a snooze and a follow-up. `queue --json` and `show
--json` had no key for when a snooze ends; `show` said "snoozed" without until when; and
a follow-up date kept when its person left the staff list (`staff remove` keeps it) was
never shown, since `show` printed it only beside an assignee."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from inbox_app.core.timeutil import iso, local, now
from tests.cli.conftest import ANN_ASKS


@pytest.fixture
def shop(imported):
    return imported(ANN_ASKS)


def in_three_days_at_nine() -> int:
    day = datetime.fromtimestamp(now() + 3 * 86400).astimezone()
    return int(day.replace(hour=9, minute=0, second=0, microsecond=0).timestamp())


def test_snoozed_until_is_a_key_and_said_with_its_time(shop):
    until = in_three_days_at_nine()
    assert shop("snooze", "1", local(until).strftime("%Y-%m-%d 09:00"))[0] == 0

    (row,) = json.loads(shop("queue", "--filter", "snoozed", "--json")[1])
    assert row["snoozed_until"] == iso(until)
    shown = json.loads(shop("show", "1", "--json")[1])
    assert shown["snoozed_until"] == iso(until)

    first = shop("show", "1")[1].splitlines()[0]
    assert first == f"#1 Ann Lee · email · snoozed until {local(until):%a} 09:00"


def test_not_snoozed_is_null(shop):
    (row,) = json.loads(shop("queue", "--json")[1])
    assert row["snoozed_until"] is None
    assert json.loads(shop("show", "1", "--json")[1])["snoozed_until"] is None
    assert shop("show", "1")[1].splitlines()[0] == "#1 Ann Lee · email · open"


def test_a_follow_up_outliving_its_person_is_shown(shop):
    assert shop("staff", "add", "Theo Brandt")[0] == 0
    assert shop("assign", "1", "Theo Brandt", "--due", "tomorrow")[0] == 0
    assert shop("staff", "remove", "Theo Brandt")[0] == 0
    first = shop("show", "1")[1].splitlines()[0]
    assert first.startswith("#1 Ann Lee · email · open · unassigned, due ")
