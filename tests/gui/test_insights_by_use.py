"""The Insights page as a shop owner uses it: while a big import or poll keeps changing the
store, in a narrow window, with nobody in the period, and when saving the summary."""

from __future__ import annotations

import json
import threading

import pytest
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QFileDialog, QLabel

import inbox_app.gui.dashboard as dashboard_module
import inbox_app.gui.dashboard_parts as dashboard_parts
from inbox_app.core.metrics import month_period

MARCH = month_period("2026-03")


def show_march(qtbot, view):
    with qtbot.waitSignal(view.figures_ready, timeout=20000) as blocker:
        view.set_period(MARCH)
    return blocker.args[0]


# While the store keeps changing


class _SlowCount:
    """compute_figures whose every call waits until the test lets it go (`release(n)`: the
    n-th call, from 1), and that counts its calls."""

    def __init__(self, monkeypatch):
        self.calls = 0
        self._gates = [threading.Event() for _ in range(20)]
        real = dashboard_parts.compute_figures

        def counting(store, period, **kwargs):
            self.calls += 1
            self._gates[self.calls - 1].wait(timeout=30)
            return real(store, period, **kwargs)

        monkeypatch.setattr(dashboard_parts, "compute_figures", counting)

    def release(self, call: int | None = None) -> None:
        for index, gate in enumerate(self._gates, start=1):
            if call is None or index == call:
                gate.set()


def test_counts_asked_for_while_one_runs_are_not_queued_one_after_another(
        qtbot, dashboard_on, march_location, monkeypatch):
    """A big import tells the page every couple of seconds that the store changed; a count
    of a year takes longer than that. Each count asked for while one runs used to wait its
    turn, so the page kept counting for minutes after the import ended: only the latest of
    the waiting ones is worth counting."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    slow = _SlowCount(monkeypatch)
    for _ in range(6):  # six changes arrive while the first count runs
        view.refresh()
    qtbot.waitUntil(lambda: slow.calls == 1, timeout=10000)
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        slow.release()
    assert view.shutdown()
    # the one already running (if the pool had begun it), and the latest asked for
    assert slow.calls <= 2


def test_a_count_of_the_same_period_that_ends_during_a_long_import_is_shown(
        qtbot, dashboard_on, march_location, monkeypatch):
    """While changes keep coming, a finished count of the period on screen is shown even if
    a newer one has been asked for: otherwise the page says "Counting…" for as long as the
    import lasts."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    slow = _SlowCount(monkeypatch)
    view.refresh()
    qtbot.waitUntil(lambda: slow.calls == 1, timeout=10000)
    view.refresh()  # the store changed again while counting
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        slow.release(1)  # the second count is still under way
    assert view.figures.period == MARCH and view.ui.statusLabel.text() != "Counting…"
    slow.release()
    assert view.shutdown()


def test_a_count_of_a_period_no_longer_chosen_is_never_shown(
        qtbot, dashboard_on, march_location, monkeypatch):
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    slow = _SlowCount(monkeypatch)
    view.set_period(month_period("2026-02"))
    qtbot.waitUntil(lambda: slow.calls == 1, timeout=10000)
    shown = []
    view.figures_ready.connect(lambda figures: shown.append(figures.period))
    view.set_period(MARCH)
    slow.release()
    qtbot.waitUntil(lambda: shown == [MARCH], timeout=20000)
    assert view.shutdown() and shown == [MARCH]


# How the page looks


def _lines(label) -> list[str]:
    """The lines a word-wrapped label shows its text in, at its width."""
    text = QLabel.text(label)  # what is on screen
    layout = QTextLayout(text, label.font())
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(label.contentsRect().width())
    layout.endLayout()
    return [text[layout.lineAt(i).textStart():][:layout.lineAt(i).textLength()].strip()
            for i in range(layout.lineCount())]


def test_a_card_note_wraps_between_its_parts_never_inside_one(qtbot):
    """On a laptop screen the cards are narrow: "email 80 · social 66 · phone" with "61" on
    the next line reads as if phone had no number."""
    note = "email 80 · social 66 · phone 61"
    card = dashboard_parts.Card()
    qtbot.addWidget(card)
    card.show_card("Inbound messages", "207", note)
    card.setFixedWidth(190)
    card.show()
    qtbot.waitExposed(card)
    lines = [line.replace("\u00a0", " ") for line in _lines(card.note)]
    assert len(lines) > 1  # narrow enough to wrap
    for line in lines:
        shown = [part.strip(" ·") for part in line.split(" · ") if part.strip(" ·")]
        assert set(shown) <= set(note.split(" · ")), lines


def test_the_cards_of_a_row_are_one_height(qtbot, dashboard_on, march_location):
    """A card whose note fits on one line stood shorter than its neighbours, and lower
    (seen at whatever width wraps one note of a row and not another)."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    for width in range(640, 1400, 40):
        view.resize(width, 900)
        qtbot.wait(20)
        rows: dict[int, list] = {}
        for card in view._cards:
            row = view.ui.cardsLayout.getItemPosition(view.ui.cardsLayout.indexOf(card))[0]
            rows.setdefault(row, []).append(card)
        for row in rows.values():
            assert len({card.height() for card in row}) == 1, (width, [c.height() for c in row])
            assert len({card.y() for card in row}) == 1


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_cards_stand_out_from_the_page_in_either_theme(qtbot, dashboard_on, march_location, mode):
    """In the dark theme the cards took the page's own colour: their numbers floated on the
    page with nothing to show which note belongs to which number."""
    from PySide6.QtWidgets import QApplication

    from inbox_app.gui import theme

    app = QApplication.instance()
    theme.apply(app, mode)
    try:
        view = dashboard_on(march_location)
        show_march(qtbot, view)
        card = view._cards[0]
        image = view.grab().toImage()
        inside = card.mapTo(view, card.rect().center()).x() + card.width() // 2 - 4
        row = card.mapTo(view, card.rect().center()).y()
        page = image.pixelColor(card.mapTo(view, card.rect().topLeft()).x() - 4, row)
        filled = image.pixelColor(inside, row)
        assert abs(page.lightness() - filled.lightness()) >= 6, (page.name(), filled.name())
    finally:
        theme.apply(app, "light")


def test_a_narrow_page_shows_its_charts_one_under_another(qtbot, dashboard_on, march_location):
    """Side by side in a narrow window, the charts cut their titles and week labels short
    ("Channel mix: messages per social messa…", "1 N…")."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    views = [view.ui.ratioView, view.ui.volumeView, view.ui.responseView,
             view.ui.sentimentView]
    assert len({chart.x() for chart in views}) == 2  # wide: two columns
    view.resize(700, 900)
    qtbot.waitUntil(lambda: len({chart.x() for chart in views}) == 1, timeout=5000)
    assert sorted(chart.y() for chart in views) == [chart.y() for chart in views]
    view.resize(1300, 900)
    qtbot.waitUntil(lambda: len({chart.x() for chart in views}) == 2, timeout=5000)


def test_a_period_nobody_wrote_in_says_so_instead_of_empty_tables(qtbot, dashboard_on,
                                                                   march_location):
    view = dashboard_on(march_location)
    with qtbot.waitSignal(view.figures_ready, timeout=20000):
        view.set_period(month_period("2025-01"))
    assert view.ui.customersTable.isHidden()
    assert "No customer wrote in the period" in view.ui.customersLabel.text()
    show_march(qtbot, view)
    assert not view.ui.customersTable.isHidden() and view.ui.customersLabel.isHidden()


# Saving the summary


@pytest.mark.parametrize("typed, chosen_filter, written, kind", [
    ("march.json", "pdf", "march.json", "json"),
    ("march.zip", "pdf", "march.zip", "zip"),
    ("march", "json", "march.json", "json"),
    ("march.csv", "csv", "march.csv.zip", "zip"),
    ("march.pdf", "json", "march.pdf", "pdf"),
])
def test_a_file_name_typed_with_its_extension_gets_that_format(
        qtbot, dashboard_on, march_location, tmp_path, monkeypatch, typed, chosen_filter, written,
        kind):
    """The save dialog opens on PDF; a person who types "march.json" wants JSON in
    march.json, not a PDF named march.json.pdf."""
    view = dashboard_on(march_location)
    show_march(qtbot, view)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *args, **kwargs: (str(tmp_path / typed),
                                 dashboard_module.EXPORT_FILTERS[chosen_filter])))
    with qtbot.waitSignal(view.export_finished, timeout=20000) as blocker:
        view.ui.exportButton.click()
    assert blocker.args[0] == str(tmp_path / written)
    content = (tmp_path / written).read_bytes()
    if kind == "json":
        assert json.loads(content)["month"] == "2026-03"
    elif kind == "zip":
        assert content.startswith(b"PK")
    else:
        assert content.startswith(b"%PDF")


def test_the_period_heading_is_a_heading_in_the_window(qtbot, make_window, march_location):
    """In the window (its stylesheet applied) the heading "March 2026 · 1 Mar 2026 – 31 Mar
    2026" came out in the body text's size and weight."""
    from PySide6.QtWidgets import QApplication

    from inbox_app.gui import theme

    theme.apply(QApplication.instance(), "light")  # as the app does before its window opens
    window = make_window(march_location)
    window.select_key("insights")
    dashboard = window.dashboard
    show_march(qtbot, dashboard)
    heading = dashboard.ui.titleLabel.fontInfo()
    body = dashboard.ui.footnoteLabel.fontInfo()
    assert heading.pixelSize() >= body.pixelSize() * 1.3 and heading.bold()
    number = dashboard._cards[0].number.fontInfo()
    assert number.pixelSize() >= body.pixelSize() * 1.5 and number.bold()
    dashboard.shutdown()
