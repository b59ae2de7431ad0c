"""The queue's heading — the view's name, how many conversations it holds and the order
combo — reads whole in a 1,024-pixel window and in the narrowest the window goes, light and
dark, at the design's 10 pt and on a 14 pt desktop.

The three shared one row: at 1,024 px it read "Mine 9 conver…", at 14 pt "Mine …", and a
longer name ("Due & overdue") ran under the combo. Now the count shortens to its number
(the sentence in its tooltip and for a screen reader) and, where even that does not fit,
the combo goes to a line of its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel

from inbox_app.gui import theme
from tests.gui.conftest import settle
from tests.gui.sidebar_names import with_app_font


def shown_text(label) -> str:
    """What the label draws (ElidingLabel.text() is always its whole text)."""
    return QLabel.text(label)


def rect_in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def assert_heading_reads_whole(window) -> None:
    ui = window.ui
    title, count, order = ui.viewTitle, ui.countLabel, ui.orderCombo
    pane = ui.queuePane
    assert shown_text(title) == title.text()
    total = window.queue_model.total
    assert shown_text(count) in (count.text(), f"{total:,}")
    if shown_text(count) != count.text():
        assert count.toolTip() == count.text()
        assert count.accessibleName() == count.text()
    assert order.width() >= order.sizeHint().width()
    rects = [rect_in(widget, pane) for widget in (title, count, order)]
    for rect in rects:
        assert pane.rect().contains(rect), (rect, pane.rect())
    for number, rect in enumerate(rects):
        for other in rects[number + 1:]:
            assert not rect.intersects(other), (rects, [shown_text(title), shown_text(count)])
    # The words are drawn within their labels, not cut at the right.
    assert title.fontMetrics().horizontalAdvance(shown_text(title)) <= title.contentsRect().width()
    assert count.fontMetrics().horizontalAdvance(shown_text(count)) <= count.contentsRect().width()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("point_size", [10.0, 14.0])
def test_the_heading_reads_whole_at_1024_and_at_the_narrowest(request, make_window, qtbot,
                                                              point_size, mode):
    with_app_font(request, point_size)
    theme.apply(QApplication.instance(), mode)
    window = make_window()
    for key in ("view:mine", "view:due", "view:all"):
        window.select_key(key)
        settle(qtbot, window)
        narrowest = window.minimumSizeHint().width()  # 1,065 px at 14 pt
        for width in sorted({max(1024, narrowest), narrowest}):
            window.resize(width, 768)
            qtbot.waitUntil(lambda width=width: window.width() == width)
            settle(qtbot, window)
            QApplication.processEvents()
            assert_heading_reads_whole(window)


def test_a_wide_queue_keeps_the_whole_sentence_on_one_line(make_window, qtbot):
    window = make_window()
    window.resize(1440, 900)
    settle(qtbot, window)
    QApplication.processEvents()
    ui = window.ui
    assert shown_text(ui.countLabel) == ui.countLabel.text()
    assert ui.orderCombo.geometry().center().y() == pytest.approx(
        ui.viewTitle.geometry().center().y(), abs=4)


def test_a_search_count_shortens_to_its_number(make_window, qtbot):
    window = make_window()
    window.resize(1024, 768)
    window.ui.searchEdit.setText("coffee")
    window.apply_query()
    settle(qtbot, window)
    QApplication.processEvents()
    count = window.ui.countLabel
    assert "matching “coffee”" in count.text()
    assert shown_text(count) == f"{window.queue_model.total:,}"
    assert count.toolTip() == count.text()
    assert_heading_reads_whole(window)


def test_a_long_tag_name_is_cut_in_the_heading_not_widening_the_queue(make_window, qtbot,
                                                                       demo_location):
    from inbox_app.store import QueueQuery, open_store

    name = "Competitor: the roastery that opened on the high street beside the station"
    store = open_store(demo_location)
    try:
        first = store.queue_ids(QueueQuery(filter="open"))[0]
        store.label(first, name)
    finally:
        store.close()
    window = make_window()
    window.resize(1024, 768)
    window.select_key(f"tag:{name}")
    settle(qtbot, window)
    QApplication.processEvents()
    ui = window.ui
    assert ui.viewTitle.text().endswith("…")  # cut at 48 characters, as before
    assert ui.viewTitle.toolTip() == name
    assert ui.queuePane.width() < 300
    assert shown_text(ui.viewTitle).endswith("…")
    assert ui.orderCombo.width() >= ui.orderCombo.sizeHint().width()
    assert ui.queuePane.rect().contains(rect_in(ui.orderCombo, ui.queuePane))


@pytest.mark.parametrize(("room", "expected"), [
    (400, (1, False)),  # Mine 9 conversations  Priority
    (200, (1, True)),   # Mine 9  Priority
    (160, (2, False)),  # Mine 9 conversations / Priority
    (90, (2, True)),    # Mine 9 / Priority
    (20, (2, True)),    # nothing fits: the title is cut
])
def test_the_fewest_lines_then_the_longest_count(room, expected):
    from inbox_app.gui.widgets import heading_lines

    assert heading_lines(room, title=40, count=100, short_count=10, order=120, gap=8) == expected
