"""A closed conversation keeps its follow-up date (reopened, it has it again), but its card
must not call for one: in Closed, Everything or a search, a conversation answered and
closed last week showed a red "Overdue" forever — while "Due & overdue", rightly, did not
list it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from inbox_app.core.models import QueueRow
from inbox_app.core.timeutil import now
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.queue_model import Column, QueueModel, QueueRole

DAY = 86400


def row(conversation_id: int, status: str, due_at: int) -> QueueRow:
    return QueueRow(conversation_id=conversation_id, customer_id=1, customer_name="Ann Lee",
                    kind="email", account="Shop mail", status=status, assignee="Maya Okafor",
                    due_at=due_at, snoozed_until=None, last_at=now() - 5 * DAY,
                    awaiting_since=None, preview="Where is my order?", subject="",
                    sentiment=None, unread=False, priority=0, message_count=1, influence=None,
                    version=1)


def test_a_closed_card_shows_no_follow_up_alarm(qtmodeltester, db_path):
    jobs = Jobs(str(db_path))
    try:
        model = QueueModel(jobs)
        overdue, today = row(1, "closed", now() - 3 * DAY), row(2, "closed", now() + 60)
        model.beginResetModel()
        model._rows = [overdue, today, replace(overdue, conversation_id=3, status="open")]
        model.endResetModel()
        qtmodeltester.check(model)

        for closed in (0, 1):
            index = model.index(closed, 0)
            assert index.data(QueueRole.DUE_STATE) is None
            assert model.index(closed, Column.DUE).data() == ""
            spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
            assert "overdue" not in spoken and "due today" not in spoken
            assert spoken.endswith("closed")
        assert model.index(2, 0).data(QueueRole.DUE_STATE) == "overdue"
        assert model.index(2, Column.DUE).data() == "overdue 3.0 d"
    finally:
        jobs.wait()

