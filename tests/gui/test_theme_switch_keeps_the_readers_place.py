"""Switching the theme (or the system turning dark at dusk) while reading a long thread
keeps the reader's place. The thread was shown again as if just opened: at its latest
message, far from where the reader was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractSlider, QApplication

from inbox_app.gui import theme
from inbox_app.gui.theme import colors
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


@pytest.fixture
def light_again():
    yield
    theme.apply(QApplication.instance(), "light")  # as the other tests expect it


def test_the_dark_theme_keeps_the_readers_place(make_window, long_thread, qtbot, light_again):
    window = make_window(long_thread)
    browser = window.conversation.ui.threadBrowser
    bar = browser.verticalScrollBar()
    for _ in range(3):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)
    place = bar.value()
    assert 0 < place < bar.maximum()

    window.state.set_theme("dark")
    settle(qtbot, window)

    assert colors()["text"].lower() in browser.toHtml().lower()  # shown in the dark colours
    assert bar.value() == place
