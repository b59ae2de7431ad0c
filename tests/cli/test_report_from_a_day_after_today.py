"""`report --from` without `--to` runs to today; a first day after today said "The range
ends (2026-12-07) before it starts (2027-01-05)", a date the person never typed."""

from __future__ import annotations

import argparse
from datetime import date

import pytest

from inbox_app.cli_common import UserError
from inbox_app.cli_store import report_period

TODAY = date(2026, 12, 7)


def asked(**given) -> argparse.Namespace:
    return argparse.Namespace(**{"month": None, "date_from": None, "date_to": None, **given})


def test_a_first_day_after_today_says_so_in_the_words_typed():
    with pytest.raises(UserError) as refused:
        report_period(asked(date_from="2027-01-05"), today=TODAY)
    assert str(refused.value) == "--from 2027-01-05 is after today (2026-12-07); give --to as well."


def test_a_range_to_today_and_a_future_range_given_whole_still_work():
    assert report_period(asked(date_from="2026-12-01"), today=TODAY).last == TODAY
    future = report_period(asked(date_from="2027-01-05", date_to="2027-01-09"), today=TODAY)
    assert (future.first, future.last) == (date(2027, 1, 5), date(2027, 1, 9))


def test_a_range_given_backwards_is_still_named_as_typed():
    with pytest.raises(UserError, match=r"ends \(2026-11-01\) before it starts \(2026-11-30\)"):
        report_period(asked(date_from="2026-11-30", date_to="2026-11-01"), today=TODAY)
