"""A queue row's follow-up date as its tooltip and Due column say it: one passed must read
as overdue, never as a weekday, which reads as one to come."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inbox_app.core.models import QueueRow
from inbox_app.core.timeutil import now
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.models.queue_model import Column, QueueModel

DAY = 86400


def row_due(due_at: int) -> QueueRow:
    return QueueRow(conversation_id=1, customer_id=1, customer_name="Ann Lee", kind="email",
                    account="Shop mail", status="open", assignee="Maya Okafor", due_at=due_at,
                    snoozed_until=None, last_at=now() - 5 * DAY, awaiting_since=None,
                    preview="Where is my order?", subject="", sentiment=None, unread=False,
                    priority=0, message_count=1, influence=None, version=1)


def test_a_follow_up_date_passed_reads_as_overdue(qtmodeltester, db_path):
    jobs = Jobs(str(db_path))
    try:
        model = QueueModel(jobs)
        model.beginResetModel()
        model._rows = [row_due(now() - 3 * DAY)]
        model.endResetModel()
        qtmodeltester.check(model)
        tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert "Follow up: overdue 3.0 d" in tooltip.splitlines()
        assert model.index(0, Column.DUE).data() == "overdue 3.0 d"
    finally:
        jobs.wait()
