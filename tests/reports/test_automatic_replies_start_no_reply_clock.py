"""An out-of-office reply, a read receipt or a newsletter waits for no answer (README: they
"wake nothing"), so the summary's reply clocks never start at one: the shop's first
response and resolution time run from what the customer wrote, and a newsletter nobody
answers is not a conversation "without reply"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import as_json, compute_figures
from tests.store.helpers import msg

MARCH = month_period("2026-03")
AS_OF = t("2026-04-10T10:00:00Z")


def automatic(item, auto: str):
    return replace(item, meta={"auto": auto})


@pytest.mark.both_engines
def test_reply_times_run_from_what_the_customer_wrote(store):
    """Maya writes to Ann on 5 March 10:00; Ann's out-of-office answers at 10:05. Ann really
    writes on 10 March 10:00 and Maya answers at 11:00, then closes at 12:00: one hour to
    the first response and two to resolution, not five days from the out-of-office. A
    supplier's newsletter on 6 March is no conversation waiting for a reply."""
    store.save_messages([
        msg("shipped", "Your order shipped", thread="T", direction="out", staff="Maya",
            at="2026-03-05T10:00:00Z"),
        automatic(msg("away", "I am out of the office until Monday", thread="T",
                      email="ann@x.org", author="Ann", at="2026-03-05T10:05:00Z"),
                  "auto-reply"),
        automatic(msg("news", "Our spring range is here", email="news@supplier.example",
                      author="Supplier news", at="2026-03-06T10:00:00Z"), "bulk"),
        msg("asks", "Thanks, when will it arrive?", thread="T", email="ann@x.org",
            author="Ann", at="2026-03-10T10:00:00Z"),
        msg("answer", "Tomorrow", thread="T", direction="out", staff="Maya",
            at="2026-03-10T11:00:00Z"),
    ])
    conversation = store.conversation_ids_for_threads(["T"])["T"]
    store.close_conversation(conversation, staff="Maya", at=t("2026-03-10T12:00:00Z"))

    got = as_json(compute_figures(store, MARCH, now_at=AS_OF))

    assert got["first_response_s"] == {"median": 3600, "p90": 3600, "count": 1,
                                       "unanswered": 0}
    assert got["resolution_s"] == {"median": 7200, "p90": 7200, "count": 1}
    assert [(s["name"], s["first_response_median_s"]) for s in got["staff"]] == [("Maya", 3600)]


def test_a_conversation_of_automatic_messages_only_has_no_resolution_time(store):
    """The shop writes first, a read receipt comes back, the shop closes it: nobody wrote to
    the shop, so there is nothing to time (as for a conversation of replies only)."""
    store.save_messages([
        msg("offer", "Our autumn offer", thread="R", direction="out", staff="Maya",
            at="2026-03-03T09:00:00Z"),
        automatic(msg("receipt", "Read: Our autumn offer", thread="R", email="bo@x.org",
                      author="Bo", at="2026-03-03T09:30:00Z"), "read-receipt"),
    ])
    conversation = store.conversation_ids_for_threads(["R"])["R"]
    store.close_conversation(conversation, staff="Maya", at=t("2026-03-04T09:00:00Z"))

    got = as_json(compute_figures(store, MARCH, now_at=AS_OF))

    assert got["first_response_s"]["count"] + got["first_response_s"]["unanswered"] == 0
    assert got["resolution_s"] == {"median": None, "p90": None, "count": 0}
