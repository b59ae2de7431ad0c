"""Opening a conversation asks the draft keeper whether the store's draft there is a reply
that went while the store would not record it. It asked the file of such replies on the
disk, on the UI thread, for every conversation opened; now the file is read once and again
only when it changes."""

from __future__ import annotations

import pytest

from inbox_app.gui.draft_keeper import DraftKeeper
from inbox_app.gui.jobs import Jobs
from inbox_app.store import open_store
from inbox_app.unrecorded_replies import UnrecordedReply, _keep_unrecorded
from tests.gui.conftest import STAFF
from tests.test_unrecorded_replies_read_when_changed import (
    garble_keeping_how_it_stands,
    kept_file,
)

pytestmark = pytest.mark.sqlite_only


def test_opening_conversations_does_not_read_the_kept_replies_again(qtbot, demo_location):
    store = open_store(demo_location)
    try:
        conversations = [row["id"] for row in store.db.query(
            "select id from conversations order by id limit 20")]
    finally:
        store.close()
    jobs = Jobs(demo_location)
    try:
        keeper = DraftKeeper(jobs, lambda key, text, problem: None)
        sent_in = (conversations[0], STAFF)
        _keep_unrecorded(demo_location, UnrecordedReply(
            10_000_001, sent_in[0], STAFF, "Your refund went out.",
            drafts=("Your refund went out.",)))
        assert keeper.kept(sent_in) == ""  # the store's draft is that reply: not shown

        garble_keeping_how_it_stands(kept_file())

        for conversation in conversations:  # the person opens one after another
            expected = "" if (conversation, STAFF) == sent_in else None
            assert keeper.kept((conversation, STAFF)) == expected
        assert keeper.unrecorded(sent_in, "Your refund went out.") is not None
    finally:
        jobs.close()
