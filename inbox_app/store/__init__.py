"""The store: the only code that writes SQL or knows which database engine it talks to."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_path

from inbox_app import APP_NAME
from inbox_app.store.accounts import AccountsMixin
from inbox_app.store.aggregates import AggregatesMixin
from inbox_app.store.base import AccountLock, Change, Listener
from inbox_app.store.bulk import BulkMixin
from inbox_app.store.conversation_merge import ConversationMergeMixin
from inbox_app.store.conversations import ConversationMixin
from inbox_app.store.customer_merge import CustomerMergeMixin
from inbox_app.store.customers import CustomerMixin
from inbox_app.store.errors import (
    AccountBusy,
    AlreadyTaken,
    Conflict,
    DiskFull,
    NotAStore,
    NotFound,
    SchemaTooNew,
    StaleEdit,
    StoreBusy,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
    UndoNotPossible,
)
from inbox_app.store.ingest import IngestMixin
from inbox_app.store.metrics import MetricsMixin
from inbox_app.store.notes import NotesMixin
from inbox_app.store.outbound import OutboundMixin
from inbox_app.store.overview import OverviewMixin
from inbox_app.store.queue import FILTERS, ORDERS, QueueMixin, QueueQuery
from inbox_app.store.rules import RulesMixin
from inbox_app.store.settings import SettingsMixin
from inbox_app.store.sqlite import SqliteEngine
from inbox_app.store.team import TeamMixin
from inbox_app.store.watch_scan import WatchScanMixin

__all__ = [
    "FILTERS", "ORDERS", "AccountBusy", "AccountLock", "AlreadyTaken", "Change", "Conflict",
    "DiskFull", "Listener", "NotAStore", "NotFound", "QueueQuery", "SchemaTooNew",
    "StaleEdit", "Store", "StoreBusy", "StoreDamaged", "StoreError", "StoreUnavailable",
    "SqliteStore", "UndoNotPossible", "data_dir", "default_location", "display_location", "is_postgres",
    "open_store", "ping_location",
]

DB_ENV = "INBOX_APP_DB"
# libpq's "host=… dbname=… password=…" form, which --db does not take (a path or a URL)
KEYWORD_SETTINGS = re.compile(r"(?:^|\s)(?:host|hostaddr|dbname|user|password|port)\s*=")


class Store(
    SettingsMixin, AccountsMixin, CustomerMixin, CustomerMergeMixin, ConversationMixin,
    OutboundMixin, ConversationMergeMixin,
    NotesMixin, IngestMixin,
    AggregatesMixin,
    QueueMixin,
    MetricsMixin,
    BulkMixin, OverviewMixin,
    TeamMixin, RulesMixin, WatchScanMixin,
):
    """Everything the app can ask of its data, whatever the engine."""


class SqliteStore(SqliteEngine, Store):
    pass


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_location() -> str:
    return os.environ.get(DB_ENV) or str(data_dir() / "inbox.db")


def is_postgres(location: str | Path | None) -> bool:
    """True for a `postgresql://…` (or `postgres://…`) address: team mode."""
    return str(location or "").startswith(("postgresql://", "postgres://"))


def display_location(location: str | Path | None) -> str:
    """Where the store is, fit to show a person: a PostgreSQL address without its password
    (in the URL or its query), a file's path as given."""
    target = str(location) if location is not None else default_location()
    if is_postgres(target):
        from inbox_app.store.pg_connect import display_url

        return display_url(target)
    return target.removeprefix("sqlite:")


def ping_location(location: str | Path | None = None) -> None:
    """Checks the store at `location` can be reached, on a connection of its own (safe from
    any thread); raises StoreUnavailable when it cannot."""
    target = str(location) if location is not None else default_location()
    if is_postgres(target):
        from inbox_app.store.pg_connect import ping_url

        ping_url(target)
        return
    target = target.removeprefix("sqlite:")
    if target != ":memory:":
        from inbox_app.store.sqlite import ping_path

        ping_path(str(Path(target).expanduser()))


def open_store(location: str | Path | None = None, *, create: bool = True) -> Store:
    """Opens (creating and migrating) the store at a path, `sqlite:PATH`, `:memory:`, or a
    shared PostgreSQL database `postgresql://user@host:port/dbname` (team mode)."""
    target = str(location) if location is not None else default_location()
    if is_postgres(target):
        from inbox_app.store.postgres import PostgresStore

        return PostgresStore(target, create=create)
    if KEYWORD_SETTINGS.search(target):
        shown = re.sub(r"(?i)\bpassword\s*=\s*('[^']*'|\S+)", "password=…", target)
        raise StoreError(f"{shown} looks like PostgreSQL connection settings; give them as an"
                         " address: postgresql://user@host:port/dbname.")
    if target.startswith("sqlite:"):
        target = target[len("sqlite:") :]
    if target == ":memory:":
        return SqliteStore(None)
    return SqliteStore(Path(target).expanduser(), create=create)


_READERS: dict[str, Store] = {}


def stored_keys(location: str, items: list) -> set[tuple[str, str, str]]:
    """Which of `items` a SQLite store already holds, asked from an import's worker
    process: one connection per process and store, kept for the next chunk."""
    reader = _READERS.get(location)
    if reader is None:
        reader = _READERS[location] = open_store(location, create=False)
    return reader.existing_keys(items)
