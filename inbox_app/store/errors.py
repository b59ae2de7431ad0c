"""What the store refuses, each with a message a person can act on."""


class StoreError(Exception):
    """Base for refusals the command line and the window show as one sentence."""


class NotFound(StoreError):
    pass


class StaleEdit(StoreError):
    """The conversation changed since it was read; the edit would overwrite someone's work."""


class AlreadyTaken(StoreError):
    """A claim lost the race: someone else holds the conversation, or none is left."""


class SchemaTooNew(StoreError):
    """The store was written by a newer version of the app."""


class NotAStore(StoreError):
    """The file is not an inbox_app store."""
