"""A call written to the minute (`3/2/2026 9:15`) is the call of that number and direction
stored at any second of that minute, :00 to :59, and no other: not the minute before or
after, not the other direction, not another number (both engines: the look-up is the
store's)."""

from __future__ import annotations

import pytest

from inbox_app.sources.call_log import import_call_csv

pytestmark = pytest.mark.both_engines

HEADER = "Start Time,From,To,Direction,Duration\n"
SHOP = "+12075550100"
ANN = "+12075550142"


def calls(tmp_path, name: str, *rows: tuple[str, str, str]) -> str:
    """A Twilio-like list of (time, customer number, direction) rows."""
    path = tmp_path / name
    path.write_text(HEADER + "".join(
        f"{time},{number if direction == 'inbound' else SHOP},"
        f"{SHOP if direction == 'inbound' else number},{direction},30\n"
        for time, number, direction in rows), encoding="utf-8")
    return str(path)


def imported(store, path: str) -> tuple[int, int]:
    summary = import_call_csv(store, path)
    assert summary.errors == []
    return summary.imported, summary.duplicates


@pytest.fixture
def shop(store):
    store.set_setting("phone_region", "US")
    return store


@pytest.mark.parametrize("second", ["00", "01", "30", "59"])
def test_a_call_stored_at_any_second_of_the_minute_is_the_call_written_to_it(
        shop, tmp_path, second):
    assert imported(shop, calls(tmp_path, "seconds.csv",
                                (f"2026-03-02 09:15:{second}", ANN, "inbound"))) == (1, 0)
    assert imported(shop, calls(tmp_path, "minute.csv",
                                ("3/2/2026 9:15", ANN, "inbound"))) == (0, 1)


@pytest.mark.parametrize("stored", [
    ("2026-03-02 09:14:59", ANN, "inbound"),   # the minute before
    ("2026-03-02 09:16:00", ANN, "inbound"),   # the next minute
    ("2026-03-02 09:15:30", ANN, "outbound"),  # the other direction
    ("2026-03-02 09:15:30", "+12075550199", "inbound"),  # another number
])
def test_a_call_outside_the_minute_or_of_another_call_is_not_matched(shop, tmp_path, stored):
    assert imported(shop, calls(tmp_path, "seconds.csv", stored)) == (1, 0)
    assert imported(shop, calls(tmp_path, "minute.csv",
                                ("3/2/2026 9:15", ANN, "inbound"))) == (1, 0)


@pytest.mark.parametrize(("written", "matched"), [
    ("2026-03-02 09:15:00", True), ("2026-03-02 09:15:59", True),
    ("2026-03-02 09:16:00", False), ("2026-03-02 09:14:59", False),
])
def test_a_call_with_seconds_is_the_one_stored_to_its_minute(shop, tmp_path, written,
                                                              matched):
    assert imported(shop, calls(tmp_path, "minute.csv",
                                ("3/2/2026 9:15", ANN, "inbound"))) == (1, 0)
    assert imported(shop, calls(tmp_path, "seconds.csv", (written, ANN, "inbound"))) == (
        (0, 1) if matched else (1, 0))


def test_many_calls_written_to_the_minute_find_theirs_in_one_import(shop, tmp_path):
    minutes = [f"2026-03-02 {9 + n // 60:02d}:{n % 60:02d}" for n in range(0, 240, 2)]
    assert imported(shop, calls(tmp_path, "seconds.csv", *(
        (f"{minute}:{(7 * n) % 60:02d}", ANN, "inbound")
        for n, minute in enumerate(minutes)))) == (len(minutes), 0)
    assert imported(shop, calls(tmp_path, "minute.csv", *(
        (minute, ANN, "inbound") for minute in minutes),
        ("2026-03-02 08:00", ANN, "inbound"))) == (1, len(minutes))
