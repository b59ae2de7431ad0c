"""The SQLite schema, as append-only migrations. Never edit one that has shipped.

Times are INTEGER epoch seconds (UTC); JSON goes in TEXT columns; flags are
INTEGER 0/1, so the same queries run on PostgreSQL in team mode.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations


class MigrationList:
    """The migrations in order, registered like sqlite-utils' `Migrations` (`@migrations()`).

    sqlite-utils' own `Migrations` is built from this list only when a store needs
    migrating: importing sqlite-utils costs a quarter of a second, and an
    up-to-date store (every start but the first after an upgrade) does not need it.
    """

    def __init__(self, name: str):
        self.name = name
        self.entries: list[tuple[str, Callable, bool]] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True):
        def register(function: Callable) -> Callable:
            self.entries.append((name or function.__name__, function, transactional))
            return function

        return register

    def names(self) -> list[str]:
        return [name for name, _, _ in self.entries]

    def build(self) -> Migrations:
        from sqlite_utils import Migrations

        built = Migrations(self.name)
        for name, function, transactional in self.entries:
            built(name=name, transactional=transactional)(function)
        return built


migrations = MigrationList("inbox_app")

FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"


@migrations()
def m001_create_tables(db: Database) -> None:
    db["settings"].create({"key": str, "value": str}, pk="key", not_null={"key"})
    db["staff"].create(
        {"id": int, "name": str, "active": int, "created_at": int},
        pk="id",
        not_null={"name", "active"},
        defaults={"active": 1},
    )
    db["staff"].create_index(["name"], unique=True)

    db["accounts"].create(
        {
            "id": int,
            "name": str,
            "kind": str,
            "config": str,
            "watch": str,
            "enabled": int,
            "poll_interval": int,
            "cursor": str,
            "last_poll_at": int,
            "last_success_at": int,
            "last_error": str,
            "last_error_at": int,
            "next_poll_at": int,
            "failures": int,
            "created_at": int,
        },
        pk="id",
        not_null={"name", "kind", "enabled", "poll_interval", "failures"},
        defaults={"enabled": 1, "poll_interval": 300, "failures": 0, "config": "{}"},
    )
    db["accounts"].create_index(["name"], unique=True)

    db["customers"].create(
        {
            "id": int,
            "name": str,
            "created_at": int,
            "value": float,
            "influence": int,
            "first_inbound_at": int,
            "last_inbound_at": int,
            "message_count": int,
            "merged_into": int,
        },
        pk="id",
        not_null={"name", "message_count"},
        defaults={"message_count": 0},
    )
    db["identities"].create(
        {
            "id": int,
            "customer_id": int,
            "kind": str,
            "value": str,
            "display": str,
            "followers": int,
            "created_at": int,
        },
        pk="id",
        not_null={"customer_id", "kind", "value"},
        foreign_keys=[("customer_id", "customers", "id")],
    )
    db["identities"].create_index(["kind", "value"], unique=True)
    db["identities"].create_index(["customer_id"])
    db["customer_separations"].create(
        {"customer_a": int, "customer_b": int, "at": int, "staff": str},
        pk=("customer_a", "customer_b"),
    )
    db["customer_tags"].create(
        {"customer_id": int, "tag": str, "created_at": int},
        pk=("customer_id", "tag"),
        foreign_keys=[("customer_id", "customers", "id")],
    )
    db["customer_tags"].create_index(["tag"])

    db["conversations"].create(
        {
            "id": int,
            "thread_key": str,
            "kind": str,
            "account": str,
            "customer_id": int,
            "contact": str,
            "subject": str,
            "status": str,
            "assignee": str,
            "due_at": int,
            "snoozed_until": int,
            "snoozed_at": int,
            "first_at": int,
            "last_at": int,
            "last_inbound_at": int,
            "last_outbound_at": int,
            "awaiting_since": int,
            "closed_at": int,
            "last_compound": float,
            "preview": str,
            "unread": int,
            "message_count": int,
            "priority": int,
            "version": int,
            "merged_into": int,
            "created_at": int,
        },
        pk="id",
        not_null={"thread_key", "kind", "status", "unread", "message_count", "version"},
        defaults={
            "status": "open",
            "unread": 1,
            "message_count": 0,
            "version": 1,
            "subject": "",
            "account": "",
            "preview": "",
            "contact": "",
        },
    )
    db["conversations"].create_index(["thread_key"], unique=True)
    db["conversations"].create_index(["status", "priority"])
    db["conversations"].create_index(["status", "last_at"])
    db["conversations"].create_index(["assignee", "status", "priority"])
    db["conversations"].create_index(["customer_id"])
    db["conversations"].create_index(["kind", "status", "priority"])
    db["conversations"].create_index(["due_at"])
    db["conversation_labels"].create(
        {"conversation_id": int, "label": str, "created_at": int},
        pk=("conversation_id", "label"),
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    db["conversation_labels"].create_index(["label"])

    db["messages"].create(
        {
            "id": int,
            "conversation_id": int,
            "customer_id": int,
            "identity_id": int,
            "kind": str,
            "account": str,
            "external_id": str,
            "direction": str,
            "at": int,
            "text": str,
            "author_name": str,
            "staff": str,
            "title": str,
            "html": str,
            "url": str,
            "full_text": str,
            "compound": float,
            "pos": float,
            "neu": float,
            "neg": float,
            "delivery": str,
            "error": str,
            "meta": str,
            "created_at": int,
        },
        pk="id",
        not_null={"conversation_id", "kind", "account", "external_id", "direction", "at", "text"},
        defaults={"account": "", "meta": "{}", "author_name": ""},
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    db["messages"].create_index(["kind", "account", "external_id"], unique=True)
    db["messages"].create_index(["conversation_id", "direction", "at"])
    db["messages"].create_index(["customer_id", "direction", "at"])
    db["messages"].create_index(["direction", "at"])
    db["message_mentions"].create(
        {"message_id": int, "watch": str, "term": str},
        pk=("message_id", "watch", "term"),
        foreign_keys=[("message_id", "messages", "id")],
    )
    db["message_mentions"].create_index(["watch"])

    db["notes"].create(
        {
            "id": int,
            "conversation_id": int,
            "customer_id": int,
            "staff": str,
            "text": str,
            "at": int,
        },
        pk="id",
        not_null={"text", "at"},
    )
    db["notes"].create_index(["conversation_id"])
    db["notes"].create_index(["customer_id"])
    db["drafts"].create(
        {"conversation_id": int, "staff": str, "text": str, "updated_at": int},
        pk=("conversation_id", "staff"),
    )
    db["templates"].create(
        {"id": int, "name": str, "body": str, "created_at": int, "updated_at": int},
        pk="id",
        not_null={"name", "body"},
    )
    db["templates"].create_index(["name"], unique=True)
    db["events"].create(
        {
            "id": int,
            "at": int,
            "staff": str,
            "action": str,
            "conversation_id": int,
            "customer_id": int,
            "message_id": int,
            "data": str,
        },
        pk="id",
        not_null={"at", "action"},
        defaults={"data": "{}"},
    )
    db["events"].create_index(["action", "at"])
    db["events"].create_index(["conversation_id"])
    db["events"].create_index(["customer_id"])


@migrations()
def m002_full_text_search(db: Database) -> None:
    db["messages"].enable_fts(
        ["title", "text", "author_name"], fts_version="FTS5", create_triggers=True,
        tokenize=FTS_TOKENIZER,
    )
    db["customers"].enable_fts(
        ["name"], fts_version="FTS5", create_triggers=True, tokenize=FTS_TOKENIZER
    )
    db["notes"].enable_fts(
        ["text"], fts_version="FTS5", create_triggers=True, tokenize=FTS_TOKENIZER
    )


@migrations()
def m003_index_messages_in_batches(db: Database) -> None:
    """The store adds new messages to the index once per batch (`index_messages`), which is
    several times faster than a trigger firing per row; updates and deletes keep triggers."""
    db.execute("DROP TRIGGER IF EXISTS messages_ai")


@migrations()
def m004_index_whole_queue_orderings(db: Database) -> None:
    """The "All" view orders every conversation by priority or recency without sorting."""
    db["conversations"].create_index(["priority"], if_not_exists=True)
    db["conversations"].create_index(["last_at"], if_not_exists=True)


@migrations()
def m050_insights_indexes(db: Database) -> None:
    """Covering indexes for the monthly summary: its queries read a period's inbound
    messages and actions from the index alone, never from the tables."""
    db["messages"].create_index(
        ["direction", "at", "conversation_id", "customer_id", "kind", "compound"],
        index_name="idx_messages_summary",
    )
    db["events"].create_index(["action", "at", "conversation_id", "staff"],
                              index_name="idx_events_summary")
    db["conversations"].create_index(["assignee", "status", "due_at"],
                                     index_name="idx_conversations_followups")


@migrations()
def m051_index_customers_in_batches(db: Database) -> None:
    """Like messages: new customers are indexed once per batch (`index_customers`)."""
    db.execute("DROP TRIGGER IF EXISTS customers_ai")


@migrations()
def m052_index_sidebar_counts(db: Database) -> None:
    """The sidebar's live counts read indexes only, even with every conversation open."""
    db["conversations"].create_index(["status", "last_compound"], if_not_exists=True)
    db["conversations"].create_index(["status", "kind", "account"], if_not_exists=True)
    db.execute("DROP INDEX IF EXISTS idx_conversations_customer_id")
    db["conversations"].create_index(["customer_id", "status"], if_not_exists=True)


@migrations()
def m060_account_locks(db: Database) -> None:
    """Who polls which account: one poller per account (see SqliteEngine.account_lock)."""
    db["account_locks"].create(
        {"account": str, "owner": str, "holder": str, "acquired_at": int, "expires_at": int},
        pk="account",
        not_null={"account", "owner", "expires_at"},
    )


@migrations()
def m061_index_message_conversations(db: Database) -> None:
    """Search maps matching messages to their conversations from this narrow index rather
    than from the messages table (see SqliteEngine.matching_conversations_sql)."""
    db["messages"].create_index(["id", "conversation_id"],
                                index_name="idx_messages_id_conversation", if_not_exists=True)


@migrations()
def m062_index_unread(db: Database) -> None:
    """The tray's unread count reads an index, not every open conversation."""
    db["conversations"].create_index(["status", "unread"], if_not_exists=True)


@migrations()
def m063_quiet_messages(db: Database) -> None:
    """Out-of-office replies and read receipts stay in the thread but wake nothing
    (`quiet`, see core.models.QUIET_AUTOMATIC); those already stored are marked too."""
    if "quiet" not in db["messages"].columns_dict:
        db["messages"].add_column("quiet", int, not_null_default=0)
    db.execute(
        "UPDATE messages SET quiet = 1 WHERE direction = 'in' AND json_valid(meta)"
        " AND json_extract(meta, '$.auto') IN ('auto-reply', 'read-receipt')"
    )



@migrations()
def m064_search_follows_only_searched_columns(db: Database) -> None:
    """The search index is rewritten when a searched column changes, not on every update
    of a row: a merge moving 10,000 messages to another customer, a reply's delivery
    status, a customer's counts rewrote their words each time (as on PostgreSQL, m002)."""
    for table, columns in (("messages", ("title", "text", "author_name")),
                           ("customers", ("name",))):
        quoted = ", ".join(f'"{column}"' for column in columns)
        old = ", ".join(f'old."{column}"' for column in columns)
        new = ", ".join(f'new."{column}"' for column in columns)
        db.execute(f'DROP TRIGGER IF EXISTS "{table}_au"')
        db.execute(
            f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {quoted} ON "{table}" BEGIN\n'
            f'  INSERT INTO "{table}_fts" ("{table}_fts", rowid, {quoted})'
            f" VALUES('delete', old.rowid, {old});\n"
            f'  INSERT INTO "{table}_fts" (rowid, {quoted}) VALUES (new.rowid, {new});\n'
            "END"
        )


@migrations()
def m065_drop_direction_at_index(db: Database) -> None:
    """`(direction, at)` is the start of idx_messages_summary (m050), which serves every
    query it served; one index fewer to write for each message stored."""
    db.execute("DROP INDEX IF EXISTS idx_messages_direction_at")

def schema_names() -> list[str]:
    """Every migration this version of the app knows, in order."""
    return migrations.names()


@migrations()
def m067_note_mentions(db: Database) -> None:
    """Who an internal note asks in ("@Priya can you check?", core/mentions.py): the
    "Mentions" view and the nudge a colleague gets."""
    db["note_mentions"].create(
        {"note_id": int, "staff": str, "at": int},
        pk=("note_id", "staff"),
        not_null={"note_id", "staff", "at"},
        foreign_keys=[("note_id", "notes", "id")],
        if_not_exists=True,
    )
    db["note_mentions"].create_index(["staff", "at"], if_not_exists=True)


@migrations()
def m068_mentions_seen(db: Database) -> None:
    """When the person asked in opened the conversation from their Mentions view: a
    mention they have seen leaves their count, as one they answered does."""
    if "seen_at" not in db["note_mentions"].columns_dict:
        db["note_mentions"].add_column("seen_at", int)


@migrations()
def m069_closed_last_by_priority(db: Database) -> None:
    """Closed conversations sort after every open one, the most recently active first
    (core/priority.py's CLOSED_BAND, 400 years, less their last activity): Everything and
    searches led with months-old closed threads that had never been answered."""
    db.execute("UPDATE conversations SET priority = 12614400000 - last_at"
               " WHERE status = 'closed'")


@migrations()
def m072_find_messages_by_link(db: Database) -> None:
    """A review's or a post's own link, pasted into the search box, finds its message
    (queue._links_match reads a range of this index). Only messages with a link are in
    it: an email or a call costs nothing more to store."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_messages_url"
               " ON messages (url, conversation_id) WHERE url IS NOT NULL")


# The shop's automatic mail: an outbound message whose `auto` names a kind (ingest.is_quiet).
_OWN_AUTOMATIC_MAIL = (
    "direction = 'out' AND meta LIKE '%\"auto\"%' AND json_valid(meta)"
    " AND json_type(meta, '$.auto') = 'text' AND json_extract(meta, '$.auto') != ''"
)


@migrations()
def m073_own_automatic_mail_is_no_response(db: Database) -> None:
    """The shop's own automatic mail (its autoresponder's "we got your message", read back
    from the Sent folder) answers nobody: it is marked `quiet` like a customer's
    out-of-office, and its conversations wait again for a person's reply — their last
    reply, waiting time and priority recomputed as `AggregatesMixin.refresh_conversations`
    does (see aggregates.is_response)."""
    from inbox_app.core.priority import priority_at

    db.execute(f"UPDATE messages SET quiet = 1 WHERE quiet = 0 AND {_OWN_AUTOMATIC_MAIL}")
    touched = ("SELECT DISTINCT conversation_id FROM messages"
               " WHERE direction = 'out' AND quiet = 1 AND conversation_id IS NOT NULL")
    db.execute(
        "UPDATE conversations SET last_outbound_at = (SELECT MAX(at) FROM messages m"
        "   WHERE m.conversation_id = conversations.id AND m.direction = 'out'"
        "   AND COALESCE(m.delivery, 'sent') = 'sent' AND m.quiet = 0)"
        f" WHERE id IN ({touched})"
    )
    db.execute(
        "UPDATE conversations SET awaiting_since = (SELECT MIN(at) FROM messages m"
        "   WHERE m.conversation_id = conversations.id AND m.direction = 'in'"
        "   AND m.quiet = 0 AND m.at > COALESCE(conversations.last_outbound_at, -1))"
        f" WHERE id IN ({touched})"
    )
    rows = db.execute(
        "SELECT c.id, c.last_at, c.awaiting_since, c.last_compound, c.due_at, c.status,"
        " u.influence FROM conversations c LEFT JOIN customers u ON u.id = c.customer_id"
        f" WHERE c.id IN ({touched})"
    ).fetchall()
    db.conn.executemany(
        "UPDATE conversations SET priority = ? WHERE id = ?",
        [(priority_at(last_at=last_at, awaiting_since=awaiting_since,
                      last_compound=last_compound, influence=influence, due_at=due_at,
                      closed=status == "closed"), conversation_id)
         for conversation_id, last_at, awaiting_since, last_compound, due_at, status, influence
         in rows],
    )


@migrations()
def m074_search_spells_letters_plainly(db: Database) -> None:
    """"soren" finds "Søren", "lodz" "Łódź", "aero" "Ærø", as on PostgreSQL (unaccent): the
    search indexes are rebuilt from text with those letters spelled plainly
    (search_words.plain_letters_sql). FTS5 reads it through a view, `{table}_folded`, as
    its external content, so that its 'rebuild' (move-store, restore) and 'integrity-check'
    see what the index holds, and the triggers delete and add the same spelling. Only
    SQLite's own functions: the sqlite3 shell and other programs can still write the store."""
    from inbox_app.store.search_words import plain_letters_sql

    for table, columns in (("messages", ("title", "text", "author_name")),
                           ("customers", ("name",)), ("notes", ("text",))):
        fts, quoted = f"{table}_fts", ", ".join(f'"{column}"' for column in columns)
        for trigger in ("ai", "ad", "au"):
            db.execute(f'DROP TRIGGER IF EXISTS "{table}_{trigger}"')
        db.execute(f'DROP TABLE IF EXISTS "{fts}"')
        db.execute(f'DROP VIEW IF EXISTS "{table}_folded"')
        spelled = ", ".join(plain_letters_sql(f'"{column}"') + f' AS "{column}"'
                            for column in columns)
        db.execute(f'CREATE VIEW "{table}_folded" AS SELECT id, {spelled} FROM "{table}"')
        db.execute(f"CREATE VIRTUAL TABLE \"{fts}\" USING FTS5 ({quoted},"
                   f" tokenize='{FTS_TOKENIZER}', content='{table}_folded', content_rowid='id')")
        db.execute(f"INSERT INTO \"{fts}\" (\"{fts}\") VALUES ('rebuild')")
        old, new = (", ".join(plain_letters_sql(f'{row}."{column}"') for column in columns)
                    for row in ("old", "new"))
        delete = f"INSERT INTO \"{fts}\" (\"{fts}\", rowid, {quoted}) VALUES ('delete', old.id, {old});"
        insert = f'INSERT INTO "{fts}" (rowid, {quoted}) VALUES (new.id, {new});'
        db.execute(f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN {delete} END')
        db.execute(f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {quoted} ON "{table}"'
                   f" BEGIN {delete} {insert} END")
        if table == "notes":  # messages and customers are indexed per batch (m003, m051)
            db.execute(f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN {insert} END')
