"""The snooze menu's and the Assign dialog's ready-made times keep their clock time on the
Saturday the clocks go back: "Tomorrow morning" was 8:00, "Tomorrow" in Assign 16:00,
days being added to a time that kept Saturday's summer offset."""

from __future__ import annotations

from datetime import datetime

import pytest

from inbox_app.gui import dialogs

# Saturday 24 October 2026, 10:00 in Berlin (CEST); the clocks go back the next night.
SATURDAY = int(datetime.fromisoformat("2026-10-24T10:00:00+02:00").timestamp())


def clock(epoch: int) -> tuple[str, int, int]:
    shown = datetime.fromtimestamp(epoch)
    return shown.strftime("%a %d %b"), shown.hour, shown.minute


def test_snooze_presets_keep_their_clock_time(berlin):
    presets = dict(dialogs.snooze_presets(SATURDAY))
    assert clock(presets["Tomorrow morning"]) == ("Sun 25 Oct", 9, 0)
    assert clock(presets["Next Monday"]) == ("Mon 26 Oct", 9, 0)
    assert clock(presets["In a week"]) == ("Sat 31 Oct", 9, 0)
    assert clock(presets["In a month"]) == ("Mon 23 Nov", 9, 0)
    assert clock(presets["This evening (18:00)"]) == ("Sat 24 Oct", 18, 0)
    assert presets["In 3 hours"] == SATURDAY + 3 * 3600  # hours are hours


@pytest.mark.parametrize(("button", "expected"), [
    ("tomorrowButton", ("Sun 25 Oct", 17, 0)), ("nextWeekButton", ("Sat 31 Oct", 17, 0))])
def test_the_assign_dialogs_follow_ups_keep_their_clock_time(
        berlin, qtbot, monkeypatch, button, expected):
    monkeypatch.setattr(dialogs, "now", lambda: SATURDAY)
    dialog = dialogs.AssignDialog(["Maya"], None, "Maya", None)
    qtbot.addWidget(dialog)
    getattr(dialog.ui, button).click()
    assert clock(dialog.due_at) == expected
