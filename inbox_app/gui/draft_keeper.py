"""Where a conversation's draft goes, and where it waits when the store will not take it.

Drafts are saved in the store as they are typed. While the store cannot be reached, or
when it refuses one (a full disk, a lock held too long), the draft goes to a file on
this computer (`LocalDrafts`); one the file cannot take either stays in memory. Both are
tried again regularly and before the window closes, and a copy on this computer never
comes back over newer text.

A reply that went out while the store would not record it is kept on this computer by
`replies` (`unrecorded_replies`): its draft in the store is that very text, so it is not
shown as a draft to send again, and the keeper records it once the store takes writes
(at start, every time a draft is saved, and when kept drafts are tried again).
"""

from __future__ import annotations

from collections.abc import Callable

from inbox_app.gui.jobs import Jobs
from inbox_app.gui.local_drafts import LocalDrafts
from inbox_app.replies import record_unrecorded
from inbox_app.store import DiskFull, Store, StoreBusy, StoreError, StoreUnavailable
from inbox_app.unrecorded_replies import UnrecordedReply, unrecorded_replies

DraftKey = tuple[int, str | None]  # (conversation, staff)

KEPT_LOCALLY = "Draft kept on this computer until the store is back."
RECORDED_LATE = "Your reply is recorded in the store now."


def why_not_saved(error: Exception | None) -> str:
    if error is None or isinstance(error, StoreUnavailable):
        return "the store cannot be reached"
    if isinstance(error, DiskFull):
        return "the disk is full"
    if isinstance(error, StoreBusy):
        return "another program holds the store busy"
    return "the store could not save it"


def joined(first: str, then: str) -> str:
    """`first`, then `then` below it when it says something else."""
    if not then.strip() or then.strip() == first.strip():
        return first
    return f"{first}\n\n{then}"


class DraftKeeper:
    """Saves drafts in the background and keeps the ones the store did not take.

    `report(key, text, problem)` is told what became of a draft that could not be saved
    in the store, in the composer's words; the composer shows it when the draft is the
    one on screen.
    """

    def __init__(self, jobs: Jobs, report: Callable[[DraftKey, str, bool], None]):
        self.jobs = jobs
        self.report = report
        self.local_drafts: LocalDrafts | None = None
        # Drafts neither the store nor this computer's file took.
        self.unsaved: dict[DraftKey, str] = {}
        # Saves not answered yet: (their number, their text).
        self._in_flight: dict[DraftKey, tuple[int, str]] = {}
        self._save_count = 0
        # When this window last put a draft in this computer's file: the save count then.
        self._kept_at: dict[DraftKey, int] = {}
        # The save count when a reply went unrecorded, and the newest save the store took:
        # a draft saved after the reply is newer than it, and shown.
        self._sent_at: dict[DraftKey, int] = {}
        self._last_saved: dict[DraftKey, int] = {}
        self._recording = False
        self.record_sent_replies()  # left by the last session, if any

    def kept(self, key: DraftKey) -> str | None:
        """The draft this window kept back from the store, if any: newer than the store's.
        "" while a reply that went is not recorded: the store's draft is that reply."""
        text = self.unsaved.get(key)
        if text is None and self.local_drafts is not None:
            text = self.local_drafts.get(*key)
        if text is None and self._store_draft_is_a_sent_reply(key):
            text = ""
        return text

    def _store_draft_is_a_sent_reply(self, key: DraftKey) -> bool:
        """The store's draft may be a reply that went while the store would not record it
        (recorded since, its draft cleared then, a load may have read it before): true
        until a draft saved here since says otherwise."""
        since = self._sent_at.get(key)
        if since is None:
            if self.unrecorded(key) is None:
                return False
            since = 0  # left by an earlier session: any save in this one is newer
        return self._last_saved.get(key, 0) <= since

    def unrecorded(self, key: DraftKey, text: str | None = None) -> UnrecordedReply | None:
        """The reply (with `text`: that one) this computer sent in the conversation, as
        this person, that the store has not recorded yet."""
        for reply in unrecorded_replies(self.jobs.location):
            if (reply.conversation_id, reply.staff) == key and (
                    text is None or text.strip() in {draft.strip() for draft in reply.drafts}):
                return reply
        return None

    def record_sent_replies(self) -> None:
        """Records in the store, from the pool, the replies that went while it would not
        record them; quiet while it still will not (they are tried again)."""
        waiting = unrecorded_replies(self.jobs.location)
        if self._recording or not waiting:
            return
        self._recording = True

        def recorded(message_ids: list[int]) -> None:
            self._recording = False
            for reply in waiting:
                if reply.message_id in message_ids:
                    key = (reply.conversation_id, reply.staff)
                    self._sent_at.setdefault(key, 0)
                    self.report(key, RECORDED_LATE, False)

        def failed(error: Exception) -> None:
            self._recording = False
            if not isinstance(error, StoreError):
                self.jobs.failed.emit(error, "")

        self.jobs.run(lambda store: record_unrecorded(store, wait=True), recorded, failed)

    def save(self, key: DraftKey, text: str, *, quiet: bool = False) -> None:
        """Saves in the store from the pool; `quiet` when the refusal was said before."""
        # Saves run side by side in the pool: only the newest one's outcome counts.
        self._save_count += 1
        number = self._save_count
        self._in_flight[key] = (number, text)

        def answered() -> bool:
            if self._in_flight.get(key, (0, ""))[0] != number:
                return False
            del self._in_flight[key]
            return True

        def saved(_result: object) -> None:
            if answered():
                self._saved(key, text, number)

        def failed(error: Exception) -> None:
            if not quiet and not isinstance(error, StoreUnavailable):
                self.jobs.failed.emit(error, "")
            if answered():
                self.keep_locally(key, text, error)

        conversation_id, staff = key
        self.jobs.run(lambda store: store.save_draft(conversation_id, staff, text), saved,
                      failed)

    def drop_save(self, key: DraftKey, text: str) -> None:
        """Forgets a save of `text` under way: its answer must not bring `text` back (the
        reply it was went out)."""
        if self._in_flight.get(key, (0, ""))[1] == text:
            del self._in_flight[key]

    def to_retry(self) -> dict[DraftKey, str]:
        """The drafts kept back from the store and not being saved right now. Asked
        regularly while the store answers: replies it did not record are tried too."""
        self.record_sent_replies()
        kept = dict(self.unsaved)
        if self.local_drafts is not None:
            for key in list(self._kept_at):
                text = self.local_drafts.get(*key)
                if text is None:  # saved meanwhile (the store came back)
                    del self._kept_at[key]
                else:
                    kept.setdefault(key, text)
        return {key: text for key, text in kept.items() if key not in self._in_flight}

    def take_pending(self) -> dict[DraftKey, str]:
        """The drafts the store has not taken: kept back, or saves not answered yet, whose
        answers no longer count (the caller saves them again)."""
        pending = {**self.unsaved, **{key: text for key, (_n, text) in self._in_flight.items()}}
        self._in_flight.clear()
        return pending

    def save_all_and_wait(self, drafts: dict[DraftKey, str],
                          returned: set[DraftKey]) -> dict[DraftKey, str]:
        """Saves `drafts` and waits for the answer (before the window closes, when no
        report would reach anyone, or the store is restored). A `returned` draft (a reply
        that did not go out) goes before what the store holds. Returns the drafts nothing
        could keep."""
        if not drafts:
            return {}

        def work(store: Store) -> None:
            for (conversation_id, staff), text in drafts.items():
                if (conversation_id, staff) in returned:
                    text = joined(text, store.draft(conversation_id, staff))
                store.save_draft(conversation_id, staff, text)

        job = self.jobs.run(work, failed=lambda _error: None)  # read below, not reported
        self.jobs.wait()
        if job.error is None:
            for key, text in drafts.items():
                self._saved(key, text, self._save_count + 1)
            return {}
        return self.keep_all_locally(drafts, job.error)

    def keep_all_locally(self, drafts: dict[DraftKey, str],
                         error: Exception | None = None) -> dict[DraftKey, str]:
        """Keeps drafts on this computer (the store is out of reach); returns the ones
        nothing could keep."""
        for key, text in drafts.items():
            self.keep_locally(key, text, error)
        return dict(self.unsaved)

    def keep_locally(self, key: DraftKey, text: str, error: Exception | None) -> None:
        """`error`: why the store did not take the draft (None: it cannot be reached).
        The status bar has the store's whole sentence; the report says it short."""
        unreachable = error is None or isinstance(error, StoreUnavailable)
        try:
            if self.local_drafts is None:
                raise OSError("there is no place for drafts on this computer")
            self.local_drafts.put(*key, text)
            self._kept_at[key] = self._save_count
        except OSError as local_error:
            self.unsaved[key] = text
            local = local_error.strerror or str(local_error)
            self.report(key, f"Draft not saved: {why_not_saved(error)}, and this computer"
                        f" could not keep it either ({local}). It stays here and is tried"
                        " again regularly.", True)
            return
        self.unsaved.pop(key, None)
        self.report(key, KEPT_LOCALLY if unreachable else
                    f"Draft not saved in the store: {why_not_saved(error)}. Kept on this"
                    " computer and tried again regularly.", not unreachable)

    def sent(self, key: DraftKey, text: str) -> None:
        """A reply or note with `text` was stored: its copy on this computer is done. One
        that went but could not be recorded says so, after the composer's own word."""
        if self.local_drafts is not None and (self.local_drafts.get(*key) or "").strip() == text:
            self.local_drafts.discard(*key)
        if self.unrecorded(key, text) is not None:  # the composer says so
            self._sent_at[key] = self._save_count

    def _saved(self, key: DraftKey, text: str, number: int) -> None:
        """The store took save `number`. A copy on this computer put before that save
        began is older than its text (the composer opened with it, then was typed in):
        forgotten, or it would come back over the newer text."""
        self._last_saved[key] = max(number, self._last_saved.get(key, 0))
        if self.unsaved.get(key) == text:
            del self.unsaved[key]
        if self.local_drafts is not None and self._kept_at.get(key, 0) < number:
            self._kept_at.pop(key, None)
            self.local_drafts.discard(*key)
        self.record_sent_replies()  # it takes writes again
