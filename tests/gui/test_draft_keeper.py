"""The draft keeper on its own: a real store, a real file on this computer, real pool jobs."""

from __future__ import annotations

import errno

import pytest

from inbox_app.gui.draft_keeper import KEPT_LOCALLY, DraftKeeper, joined
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.local_drafts import LocalDrafts
from inbox_app.store import DiskFull, SqliteStore, open_store
from tests.gui.conftest import STAFF
from tests.gui.test_draft_faults import stored_draft

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def keeper(qtbot, demo_location, tmp_path):
    jobs = Jobs(demo_location)
    reports: list[tuple] = []
    keeper = DraftKeeper(jobs, lambda key, text, problem: reports.append((key, text, problem)))
    keeper.local_drafts = LocalDrafts(tmp_path / "local", demo_location)
    keeper.reports = reports
    yield keeper
    jobs.close()


@pytest.fixture
def conversation_ids(demo_location) -> list[int]:
    store = open_store(demo_location)
    try:
        return [row["id"] for row in store.db.query(
            "select id from conversations order by id limit 3")]
    finally:
        store.close()


def finish(qtbot, keeper) -> None:
    qtbot.waitUntil(lambda: keeper.jobs.pending == 0, timeout=10000)


def test_a_save_reaches_the_store_and_forgets_the_older_copy_on_this_computer(
        qtbot, keeper, conversation_ids, demo_location):
    key = (conversation_ids[0], STAFF)
    keeper.keep_locally(key, "first words", None)
    assert keeper.local_drafts.get(*key) == "first words"
    assert keeper.reports == [(key, KEPT_LOCALLY, False)]

    keeper.save(key, "first words, and more")
    finish(qtbot, keeper)

    assert stored_draft(demo_location, key[0]) == "first words, and more"
    assert keeper.local_drafts.get(*key) is None
    assert keeper.kept(key) is None


def test_a_copy_kept_after_a_save_began_is_not_forgotten_by_that_save(
        qtbot, keeper, conversation_ids):
    key = (conversation_ids[0], STAFF)
    keeper.save(key, "older")
    keeper.keep_locally(key, "newer, typed while the store was away", None)
    finish(qtbot, keeper)

    assert keeper.kept(key) == "newer, typed while the store was away"
    assert keeper.to_retry() == {key: "newer, typed while the store was away"}


def test_a_draft_being_saved_is_not_tried_again_until_answered(qtbot, keeper,
                                                               conversation_ids,
                                                               demo_location):
    key = (conversation_ids[1], STAFF)
    keeper.unsaved[key] = "Hello there"  # refused earlier, kept in memory
    keeper.save(key, "Hello there")
    assert keeper.to_retry() == {}
    finish(qtbot, keeper)
    assert keeper.to_retry() == {} and keeper.unsaved == {}
    assert stored_draft(demo_location, key[0]) == "Hello there"


def test_a_refused_save_is_kept_here_and_said_once_in_the_composers_words(
        qtbot, keeper, conversation_ids, monkeypatch):
    key = (conversation_ids[0], STAFF)
    shown: list = []
    keeper.jobs.failed.connect(lambda error, _text: shown.append(error))

    def refuse(self, *args):
        raise DiskFull("The disk holding the store is full.")

    monkeypatch.setattr(SqliteStore, "save_draft", refuse)
    keeper.save(key, "Your parcel left today.")
    finish(qtbot, keeper)
    keeper.save(key, "Your parcel left today!", quiet=True)
    finish(qtbot, keeper)

    assert len(shown) == 1 and isinstance(shown[0], DiskFull)  # the quiet retry says nothing
    assert keeper.kept(key) == "Your parcel left today!"
    assert keeper.reports[-1] == (key, "Draft not saved in the store: the disk is full. Kept"
                                  " on this computer and tried again regularly.", True)


def test_when_this_computer_cannot_keep_it_either_it_stays_in_memory(
        keeper, conversation_ids, monkeypatch):
    key = (conversation_ids[0], STAFF)

    def no_space(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keeper.local_drafts, "put", no_space)
    unsaved = keeper.keep_all_locally({key: "Kept somewhere"})

    assert unsaved == {key: "Kept somewhere"} == keeper.unsaved
    assert keeper.kept(key) == "Kept somewhere"
    assert keeper.reports[-1] == (key, "Draft not saved: the store cannot be reached, and"
                                  " this computer could not keep it either (No space left"
                                  " on device). It stays here and is tried again regularly.",
                                  True)


def test_save_all_and_wait_puts_a_returned_reply_before_the_stored_draft(
        qtbot, keeper, conversation_ids, demo_location):
    returned, typed = (conversation_ids[0], STAFF), (conversation_ids[1], STAFF)
    keeper.save(returned, "Typed after the reply was taken back")
    finish(qtbot, keeper)
    keeper.keep_locally(typed, "an older copy", None)

    left = keeper.save_all_and_wait(
        {returned: "The reply", typed: "typed last"}, {returned})

    assert left == {}
    assert stored_draft(demo_location, returned[0]) == joined(
        "The reply", "Typed after the reply was taken back")
    assert stored_draft(demo_location, typed[0]) == "typed last"
    assert keeper.local_drafts.get(*typed) is None


def test_a_reply_that_went_out_takes_its_copy_on_this_computer_and_its_save_with_it(
        keeper, conversation_ids):
    key = (conversation_ids[2], STAFF)
    keeper.keep_locally(key, "See you Tuesday", None)
    keeper.sent(key, "See you Tuesday")
    assert keeper.local_drafts.get(*key) is None

    keeper.keep_locally(key, "Something newer", None)
    keeper.sent(key, "See you Tuesday")
    assert keeper.local_drafts.get(*key) == "Something newer"

    keeper.save(key, "The reply")
    keeper.drop_save(key, "The reply")
    assert keeper.take_pending() == {}
