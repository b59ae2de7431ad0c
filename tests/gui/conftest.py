"""GUI fixtures: a demo store built once per session and copied per test, and a
main window on it with settings in a file of the test's own."""

from __future__ import annotations

import shutil

import pytest

from inbox_app import demo
from inbox_app.store import open_store

STAFF = "Maya Okafor"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path)
    demo.fill(store)
    store.close()
    return path


@pytest.fixture
def demo_location(demo_template, tmp_path) -> str:
    target = tmp_path / "inbox.db"
    shutil.copy(demo_template, target)
    return str(target)


@pytest.fixture
def demo_store(demo_location):
    store = open_store(demo_location)
    yield store
    store.close()


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def settle(qtbot, window, timeout: int = 15000) -> None:
    """Waits until every store job the window started has reported."""
    qtbot.waitUntil(lambda: window.jobs.pending == 0 and not window.poller.running,
                    timeout=timeout)


@pytest.fixture
def make_window(qtbot, demo_location, settings):
    made = []

    def make(location: str | None = None, *, staff: str | None = STAFF, poll_fn=None):
        from inbox_app.gui.main_window import MainWindow

        window = MainWindow(location or demo_location, staff=staff, settings=settings,
                            poll_fn=poll_fn, theme_mode="light")
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.queue_ready, timeout=15000):
            window.show()
        settle(qtbot, window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()
