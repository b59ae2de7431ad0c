"""What a screen reader says after a row's name: the queue's and the left bar's tooltips
hold what their rows do not show — a follow-up date that is not today, when a snooze ends,
the mood's score, an account's last success and next check — and a person who cannot
hover never heard it. Qt reads it from the model's AccessibleDescriptionRole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from inbox_app.core.models import QueueRow
from inbox_app.core.timeutil import now
from inbox_app.gui.models.queue_model import QueueModel
from inbox_app.gui.models.sidebar_model import SidebarModel, build_entries
from inbox_app.store import QueueQuery

DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole
DAY = 86400


def queue_row(conversation_id: int, **changes) -> QueueRow:
    fields = dict(conversation_id=conversation_id, customer_id=1, customer_name="Ann Lee",
                  kind="email", account="Shop mail", status="open", assignee=None,
                  due_at=None, snoozed_until=None, last_at=now() - 600, awaiting_since=None,
                  preview="Where is my order?", subject="Order A-1041", sentiment=None,
                  unread=True, priority=0, message_count=1, influence=None, version=1)
    fields.update(changes)
    return QueueRow(**fields)


class ShownRows:
    """Jobs that answer at once with these rows, as the store would."""

    def __init__(self, rows: list[QueueRow]):
        self.rows = rows

    def queue(self, _query):
        return self.rows

    def queue_count(self, _query):
        return len(self.rows)

    def run(self, work, done, _failed):
        done(work(self))


def queue_model_of(qtmodeltester, rows: list[QueueRow]) -> QueueModel:
    model = QueueModel(ShownRows(rows))
    model.set_query(QueueQuery())
    qtmodeltester.check(model)
    return model


def test_a_queue_row_describes_what_its_card_leaves_out(qtmodeltester):
    later = now() + 3 * DAY
    model = queue_model_of(qtmodeltester, [
        queue_row(1, assignee="Priya Raman", due_at=later, sentiment=-0.62),
        queue_row(2, status="snoozed", snoozed_until=now() + 2 * DAY),
    ])
    due_later = model.index(0, 0).data(DESCRIPTION)
    assert "Follow up" in due_later and "-0.62" in due_later
    assert "Ann Lee" not in due_later  # the name was just said
    assert "Snoozed until" in model.index(1, 0).data(DESCRIPTION)
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Ann Lee")


def test_a_quiet_row_has_no_description_to_read(qtmodeltester):
    model = queue_model_of(qtmodeltester, [queue_row(1)])
    assert not model.index(0, 0).data(DESCRIPTION)


def test_an_accounts_health_is_described_in_the_left_bar(qtmodeltester):
    account = {"name": "Shop mail", "kind": "email", "enabled": 1,
               "last_success_at": now() - 300, "last_error": None, "next_poll_at": now() + 60}
    model = SidebarModel()
    model.set_entries(build_entries({"account:Shop mail": 2}, [], [account]))
    qtmodeltester.check(model)
    described = model.index(model.row_of("account:Shop mail")).data(DESCRIPTION)
    assert "Last success" in described and "Next poll" in described
    assert not model.index(model.row_of("view:open")).data(DESCRIPTION)


def test_the_reader_gets_the_description_from_the_queue_itself(window):
    view = window.ui.queueView
    face = QAccessible.queryAccessibleInterface(view)
    for number in range(window.queue_model.rowCount()):
        wanted = window.queue_model.index(number, 0).data(DESCRIPTION)
        if wanted:
            assert face.child(number).text(QAccessible.Text.Description) == wanted
            return
    raise AssertionError("no row of the demo queue has a description")


def test_a_snoozed_rows_tip_says_until_when_with_the_time():
    """`relative` said "Snoozed until in 3 h", or "until Tue" with no time."""
    from inbox_app.core.timeutil import local

    until = now() + 3 * 86400
    row = queue_row(1, status="snoozed", snoozed_until=until)
    assert QueueModel._tooltip(row).splitlines()[-1] == (
        f"Snoozed until {local(until):%a %H:%M}")
