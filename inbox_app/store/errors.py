"""What the store refuses, each with a message a person can act on."""


class StoreError(Exception):
    """Base for refusals the command line and the window show as one sentence."""


class NotFound(StoreError):
    pass


class UndoNotPossible(StoreError):
    """What a merge or split moved has gone on since (or it was undone already): nothing
    was changed, and trying again will not help."""


class StaleEdit(StoreError):
    """The conversation changed since it was read; the edit would overwrite someone's work.

    For a single conversation the store says what happened from its history, so the window
    can put it its own way: `change` is the latest change without its subject ("was closed
    by Theo Brandt 2 minutes ago"), None when the history does not tell; `by` the colleague
    who made it, None when no colleague did (a poll, a rule, the clock, or yourself
    elsewhere).
    """

    def __init__(self, message: str, *, conversation_id: int | None = None,
                 change: str | None = None, by: str | None = None):
        super().__init__(message)
        self.conversation_id = conversation_id
        self.change = change
        self.by = by


class AlreadyTaken(StoreError):
    """A claim lost the race: someone else holds the conversation, or none is left."""


class SchemaTooNew(StoreError):
    """The store was written by a newer version of the app."""


class NotAStore(StoreError):
    """The file is not an inbox_app store."""


class StoreDamaged(NotAStore):
    """The file is a SQLite database whose pages are broken (a disk fault, a copy cut short).

    `location` is the damaged store and `newest_backup` the latest automatic backup beside
    it, if there is one, which `inbox_app.backup.restore` can put in its place (the damaged
    file is kept).
    """

    def __init__(self, message: str, location=None, newest_backup=None):
        super().__init__(message)
        self.location = location
        self.newest_backup = newest_backup


class DiskFull(StoreError):
    """The disk holding the store is full; the change was rolled back whole."""


class StoreBusy(StoreError):
    """Another program held the store's write lock longer than the app waits; nothing changed."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (the shared server is down or the network is gone).

    Nothing was changed; the same call works again once the server is back.
    """


class Conflict(StoreError):
    """Another computer changed the same rows at the same moment; nothing was saved."""


class AccountBusy(StoreError):
    """Another poller (on this or another computer) is reading this account right now."""
