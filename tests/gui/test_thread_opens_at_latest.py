"""A long thread opens at its latest message and stays there as Qt lays it out; a reader
who scrolled up keeps their place when it is shown again. It opened at its oldest
message: the scroll bar's range was still empty when the view moved to its end."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSlider

from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.store.helpers import msg


@pytest.fixture
def long_thread(tmp_path) -> str:
    path = tmp_path / "long.db"
    store = open_store(path)
    store.save_messages([
        msg(str(number), f"Message {number}. " + "About the order and its parcel. " * 30,
            email="ann@example.org", thread="order-1", at=1_780_000_000 + number * 60)
        for number in range(40)])
    store.close()
    return str(path)


def scroll_bar(window):
    return window.conversation.ui.threadBrowser.verticalScrollBar()


def test_a_long_thread_opens_at_its_latest_message(make_window, long_thread, qtbot):
    window = make_window(long_thread)
    bar = scroll_bar(window)
    assert bar.maximum() > 0
    assert bar.value() == bar.maximum()

    window.resize(window.width() - 300, window.height())  # the thread grows taller
    settle(qtbot, window)
    assert bar.value() == bar.maximum()


def test_a_reader_who_scrolled_up_keeps_their_place(make_window, long_thread, qtbot):
    window = make_window(long_thread)
    bar = scroll_bar(window)
    bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
    bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
    place = bar.value()
    assert 0 < place < bar.maximum()
    window.conversation._render(keep_scroll=True)  # as after a label, a note, a reply's status
    settle(qtbot, window)
    assert bar.value() == place

    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)  # back at the latest
    window.conversation._render(keep_scroll=True)
    settle(qtbot, window)
    assert bar.value() == bar.maximum()
