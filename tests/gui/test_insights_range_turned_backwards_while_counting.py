"""The owner picks a range on the Insights page, and while a big store is still counting it
drags "from" past "to". The page says the range ends before it starts; the count of the
range no longer chosen must not then replace that sentence with "Counted at …" and show
figures the edits no longer ask for."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

import inbox_app.gui.dashboard_parts as dashboard_parts
from inbox_app.core.metrics import month_period, range_period

MARCH = month_period("2026-03")


def test_a_count_finishing_after_the_range_turned_backwards_is_not_shown(
        qtbot, dashboard_on, march_location, monkeypatch):
    view = dashboard_on(march_location)
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        view.set_period(MARCH)

    started, release = threading.Event(), threading.Event()
    real = dashboard_parts.compute_figures

    def slow(store, period, **kwargs):
        started.set()
        release.wait(timeout=30)
        return real(store, period, **kwargs)

    monkeypatch.setattr(dashboard_parts, "compute_figures", slow)
    view.set_period(range_period("2026-03-01", "2026-03-10"))
    qtbot.waitUntil(started.is_set, timeout=10000)
    view.ui.fromEdit.setDate(view.ui.toEdit.date().addDays(3))
    view.refresh()  # what the range edit's timer does
    refused = view.ui.statusLabel.text()
    assert "before it starts" in refused

    shown = []
    view.figures_ready.connect(shown.append)
    release.set()
    assert view.shutdown()
    QApplication.processEvents()  # delivers the finished count's signal, queued meanwhile
    assert shown == []
    assert view.ui.statusLabel.text() == refused
    assert view.figures.period == MARCH
