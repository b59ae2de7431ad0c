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


@pytest.fixture(scope="session")
def pg_demo_template(pg_databases):
    """The demo shop on the throwaway PostgreSQL server, built once per session."""
    name = pg_databases.migrated()
    store = open_store(pg_databases.make_url(name))
    try:
        demo.fill(store)
    finally:
        store.close()
    return name


@pytest.fixture
def pg_demo_location(pg_databases, pg_demo_template) -> str:
    """A copy of the demo shop in a PostgreSQL database of this test's own."""
    name = pg_databases.copy_of(pg_demo_template)
    yield pg_databases.make_url(name)
    pg_databases.drop(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def team_location(request, demo_location) -> str:
    """The demo shop on either engine: a SQLite file, or a shared PostgreSQL database."""
    if request.param == "sqlite":
        return demo_location
    return request.getfixturevalue("pg_demo_location")


@pytest.fixture
def march_location(db_path) -> str:
    """March 2026: Ann writes twice (answered once, by Maya, after an hour), Bo calls, Cat
    posts on Mastodon; Ann also wrote in February."""
    from inbox_app.store import open_store
    from tests.store.helpers import msg

    store = open_store(db_path)
    store.set_setting("business_name", "Harbour Lane Coffee")
    store.add_staff("Maya")
    store.save_messages([
        msg("e0", email="ann@x.org", author="Ann Lee", at="2026-02-10T09:00:00Z"),
        msg("e1", email="ann@x.org", author="Ann Lee", thread="t1", at="2026-03-02T09:00:00Z"),
        msg("r1", "Sorted", direction="out", staff="Maya", thread="t1",
            at="2026-03-02T10:00:00Z"),
        msg("e2", email="ann@x.org", author="Ann Lee", at="2026-03-09T09:00:00Z"),
        msg("p1", kind="phone", phone="+1 207 555 0100", author="Bo Berg",
            at="2026-03-03T09:00:00Z"),
        msg("m1", kind="mastodon", handle="@cat@mastodon.social", author="Cat Cole",
            at="2026-03-04T09:00:00Z"),
    ])
    store.close()
    return str(db_path)


@pytest.fixture
def accounts_dialog(qtbot, store, db_path):
    """File → Accounts on an empty store, shown, its first read done."""
    from inbox_app.gui.accounts_dialog import AccountsDialog
    from inbox_app.gui.jobs import Jobs

    jobs = Jobs(str(db_path))
    made = AccountsDialog(jobs, staff=None)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: jobs.pending == 0)
    yield made
    jobs.wait()


@pytest.fixture
def empty_location(tmp_path) -> str:
    """A new, empty store file's location, for a window on only what a test puts there."""
    from inbox_app.store import open_store

    path = str(tmp_path / "empty.db")
    open_store(path).close()
    return path


@pytest.fixture
def demo_store(demo_location):
    store = open_store(demo_location)
    yield store
    store.close()


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    from inbox_app.gui.held_reply import HOLD_KEY

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(HOLD_KEY, 0)  # replies go out at once, unless a test makes them wait
    return settings


def settle(qtbot, window, timeout: int = 15000) -> None:
    """Waits until every store job the window started has reported."""
    qtbot.waitUntil(lambda: window.jobs.pending == 0 and not window.poller.running,
                    timeout=timeout)


def email_view(make_window, settings, qtbot, hold_seconds: float):
    """A window on the Email view whose replies wait `hold_seconds` before going out."""
    from inbox_app.gui.held_reply import HOLD_KEY

    settings.setValue(HOLD_KEY, hold_seconds)
    window = make_window()
    window.select_key("kind:email")
    settle(qtbot, window)
    return window


def replies_saying(store, conversation_id: int, text: str) -> list:
    return [m for m in store.messages(conversation_id)
            if m.direction == "out" and m.text == text]


@pytest.fixture
def demo_jobs(demo_location):
    """The workers a dialog runs its store calls on, over the demo store."""
    from inbox_app.gui.jobs import Jobs

    made = Jobs(demo_location)
    yield made
    made.wait()


@pytest.fixture
def open_rules_dialog(qtbot, demo_jobs):
    """Opens the rules dialog on the demo store, its rules read."""
    from inbox_app.gui.rules_dialog import RulesDialog

    def open_it():
        dialog = RulesDialog(demo_jobs, staff="Maya Okafor")
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.loaded and demo_jobs.pending == 0, timeout=15000)
        return dialog

    return open_it


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
        settle(qtbot, window)  # no job may report to a window that is gone
        window.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def active(window, qtbot):
    """The window focused on its queue, as keys reach it when a person types."""
    window.activateWindow()
    window.ui.queueView.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def current(window) -> int | None:
    """The conversation current in the queue."""
    from inbox_app.gui.models.queue_model import QueueRole

    return window.ui.queueView.currentIndex().data(QueueRole.CONVERSATION_ID)


@pytest.fixture
def sender():
    """Email replies go to this list instead of a mail server; a text saying "fail" is
    refused the way a server refuses a recipient."""
    from inbox_app import replies
    from inbox_app.replies import SendError, Sent

    sent = []

    def send(store, outgoing):
        if "fail" in outgoing.text:
            raise SendError("The mail server refused the recipient.")
        sent.append(outgoing)
        return Sent(external_id=f"<sent-{outgoing.message_id}@shop>")

    previous = replies._SENDERS.get("email")
    replies.register_sender("email", send)
    yield sent
    if previous is None:
        replies._SENDERS.pop("email", None)
    else:
        replies._SENDERS["email"] = previous


@pytest.fixture
def dashboard_on(qtbot):
    """`dashboard_on(location)`: the Insights page on a store, shown at a size its charts
    fit, shut down (its count's thread ended) after the test."""
    from inbox_app.gui.dashboard import DashboardView

    made = []

    def show(location: str):
        widget = DashboardView(location)
        qtbot.addWidget(widget)
        widget.resize(1100, 900)
        widget.show()
        made.append(widget)
        return widget

    yield show
    for widget in made:
        widget.shutdown()
