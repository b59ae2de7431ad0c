"""The store: the only code that writes SQL or knows which database engine it talks to."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from inbox_app import APP_NAME
from inbox_app.store.accounts import AccountsMixin
from inbox_app.store.aggregates import AggregatesMixin
from inbox_app.store.bulk import BulkMixin
from inbox_app.store.conversations import ConversationMixin
from inbox_app.store.customers import CustomerMixin
from inbox_app.store.errors import (
    AlreadyTaken,
    NotAStore,
    NotFound,
    SchemaTooNew,
    StaleEdit,
    StoreError,
)
from inbox_app.store.ingest import IngestMixin
from inbox_app.store.metrics import MetricsMixin
from inbox_app.store.overview import OverviewMixin
from inbox_app.store.queue import FILTERS, ORDERS, QueueMixin, QueueQuery
from inbox_app.store.settings import SettingsMixin
from inbox_app.store.sqlite import SqliteEngine

__all__ = [
    "FILTERS", "ORDERS", "AlreadyTaken", "NotAStore", "NotFound", "QueueQuery", "SchemaTooNew",
    "StaleEdit", "Store", "StoreError", "SqliteStore", "data_dir", "default_location",
    "open_store",
]

DB_ENV = "INBOX_APP_DB"


class Store(
    SettingsMixin, AccountsMixin, CustomerMixin, ConversationMixin, IngestMixin, AggregatesMixin,
    QueueMixin,
    MetricsMixin,
    BulkMixin, OverviewMixin,
):
    """Everything the app can ask of its data, whatever the engine."""


class SqliteStore(SqliteEngine, Store):
    pass


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_location() -> str:
    return os.environ.get(DB_ENV) or str(data_dir() / "inbox.db")


def open_store(location: str | Path | None = None, *, create: bool = True) -> Store:
    """Opens (creating and migrating) the store at a path, `sqlite:PATH` or `:memory:`."""
    target = str(location) if location is not None else default_location()
    if target.startswith("sqlite:"):
        target = target[len("sqlite:") :]
    if target == ":memory:":
        return SqliteStore(None)
    return SqliteStore(Path(target).expanduser(), create=create)
