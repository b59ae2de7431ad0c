"""The queue: filtered, searched and ordered in SQL on indexed columns, one page at a time."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any

from inbox_app.core.identity import (
    IDENTITY_KINDS,
    IdentityError,
    normalize_email,
    normalize_handle,
)
from inbox_app.core.kinds import FAMILIES, FAMILY_OF_KIND, KINDS
from inbox_app.core.models import NEGATIVE_AT, QueueRow
from inbox_app.core.text import preview
from inbox_app.core.timeutil import end_of_day, now
from inbox_app.store.base import Engine, placeholders
from inbox_app.store.errors import StoreError
from inbox_app.store.search_words import (
    LINK_SCHEME,
    search_readings,
    split_unspaced,
    typed_words,
)

# A search that is a phone number however written, matched by its digits (at least 6)
_LOOKS_LIKE_A_NUMBER = re.compile(r"\+?[\d\s().\-/]+")
MIN_NUMBER_DIGITS = 6
MIN_ADDRESS_PREFIX = 2  # characters of a typed address or handle matched as a prefix

FILTERS = ("open", "unassigned", "mine", "due", "negative", "snoozed", "closed", "all",
           "mentions")
ORDERS = ("priority", "newest")
# The staff member of a window where nobody is chosen as "you" yet: Mine and Mentions list
# nothing, as their counts say (`view_counts` counts for NOBODY too). None is a mistake.
NOBODY = ""


# Above every character a value can hold next: `prefix <= value < prefix + LAST` is "starts
# with prefix" in byte order (SQLite's BINARY, PostgreSQL's "C"), read from the index.
LAST = "\U0010ffff"
# How a link that a search names without them may begin.
LINK_STARTS = ("https://", "http://", "https://www.", "http://www.")


@dataclass(frozen=True)
class QueueQuery:
    filter: str = "open"
    staff: str | None = None
    kind: str | None = None
    tag: str | None = None
    account: str | None = None
    search: str | None = None
    order: str = "priority"
    limit: int = 100
    offset: int = 0
    at: int | None = None

    def page(self, offset: int, limit: int) -> QueueQuery:
        return replace(self, offset=offset, limit=limit)


# "Ann Lee <ann@example.com>", as a mail's header or a mail program writes an address.
_NAMED_ADDRESS = re.compile(r".*<([^<>\s]+)>")


def pasted_address(typed: str) -> str:
    """The address in what was copied around it: a name and the address in angle
    brackets, or a comma or brackets from a list of them ("ann@example.com,")."""
    named = _NAMED_ADDRESS.fullmatch(typed.strip())
    address = named.group(1) if named else typed.strip()
    return address.strip("<>()[]{},;:\"'")


class QueueMixin(Engine):
    def _queue_where(
        self, query: QueueQuery, *, ordered_page: bool = False, walk: bool | None = None,
    ) -> tuple[list[str], list[Any]]:
        """WHERE terms; for an `ordered_page` a filter that keeps many rows is written so
        that the planner reads the ordering's index and stops when the page is full."""
        if query.filter not in FILTERS:
            raise StoreError(f"Unknown filter {query.filter!r} (try one of {', '.join(FILTERS)}).")
        moment = now() if query.at is None else query.at
        where: list[str] = ["c.status != 'merged'"]
        params: list[Any] = []
        match query.filter:
            case "open":
                where.append("c.status = 'open'")
            case "unassigned":
                where.append("c.status = 'open' AND c.assignee IS NULL")
            case "mine":
                if query.staff is None:
                    raise StoreError("'Mine' needs to know who you are (use --as NAME).")
                where.append("c.status = 'open' AND c.assignee = ?")
                params.append(query.staff)
            case "due":
                where.append("c.status != 'closed' AND c.due_at IS NOT NULL AND c.due_at <= ?")
                params.append(end_of_day(moment))
            case "negative":
                # Unhappy customers are often a third of the queue: then reading the
                # ordered index beats sorting them all (the `+` keeps it off last_compound).
                common = ordered_page and self.rows_are_common(
                    "SELECT 1 FROM conversations WHERE status = 'open' AND last_compound <= ?",
                    [NEGATIVE_AT])
                where.append(f"c.status = 'open' AND {'+' if common else ''}c.last_compound <= ?")
                params.append(NEGATIVE_AT)
            case "snoozed":
                where.append("c.status = 'snoozed'")
            case "closed":
                where.append("c.status = 'closed'")
            case "mentions":
                if query.staff is None:
                    raise StoreError("'Mentions' needs to know who you are (use --as NAME).")
                where.append("c.id IN (SELECT n.conversation_id FROM note_mentions m"
                             " JOIN notes n ON n.id = m.note_id WHERE m.staff = ?)")
                params.append(query.staff)
        if query.kind:
            if query.kind not in KINDS:
                raise StoreError(f"Unknown kind {query.kind!r} (try one of {', '.join(KINDS)}).")
            where.append("c.kind = ?")
            params.append(query.kind)
        if query.account:
            where.append("c.account = ?")
            params.append(query.account)
        if query.tag:
            spellings = self.tag_spellings(query.tag) or [query.tag]  # type: ignore[attr-defined]
            marks = placeholders(len(spellings))
            where.append(
                f"(c.customer_id IN (SELECT customer_id FROM customer_tags WHERE tag IN ({marks}))"
                " OR c.id IN (SELECT conversation_id FROM conversation_labels"
                f" WHERE label IN ({marks})))"
            )
            params.extend([*spellings, *spellings])
        if query.search and query.search.strip():
            if walk is None:
                walk = ordered_page and self._search_walks(query)
            clause, extra = self._search_clause(query.search, walk)
            where.append(clause)
            params.extend(extra)
        return where, params

    def _search_walks(self, query: QueueQuery) -> bool:
        """Whether the page reads the queue's ordered index, keeping the conversations with
        a match (a common word), rather than looking the matches up and sorting them.
        Counting the matches of a word read row by row would read every row twice."""
        return bool(query.search and query.search.strip()
                    and not split_unspaced(query.search)[1]
                    and any(self.search_is_common(reading)
                            for reading in search_readings(query.search)))

    def _search_clause(self, text: str, walk_in_order: bool = False) -> tuple[str, list[Any]]:
        """Conversations with a matching message, customer or note.

        `walk_in_order` (a common word): the matches become a filter on the queue's own
        ordered index, read until the page is full, instead of every match being
        looked up and sorted; a unary `+` keeps the planner off the id lookups.
        """
        readings = search_readings(text)  # the engine's lookups take one reading each
        if walk_in_order:
            walks = [self.walking_match_sql(reading) for reading in readings]
            messages_test = " OR ".join(sql for sql, _ in walks)
            messages_params = [param for _, params in walks for param in params]
        else:
            lookups = [self.matching_conversations_sql(reading) for reading in readings]
            messages_test = f"c.id IN ({' UNION ALL '.join(sql for sql, _ in lookups)})"
            messages_params = [param for _, params in lookups for param in params]
        customers_sql, customers_params = self.fts_match("customers", text)
        notes_sql, notes_params = self.fts_match("notes", text)
        identities_sql, identities_params = self._identities_match(text)
        links_sql, links_params = self._links_match(text)
        plus = "+" if walk_in_order else ""
        clause = (
            f"({messages_test}"
            # A customer merged into another is found by its old name, as the one it joined.
            f" OR {plus}c.customer_id IN (SELECT COALESCE(merged_into, id) FROM customers"
            f" WHERE id IN ({customers_sql}))"
            f" OR {plus}c.id IN (SELECT conversation_id FROM notes WHERE id IN ({notes_sql}))"
            f" OR {plus}c.customer_id IN (SELECT customer_id FROM notes WHERE id IN ({notes_sql})"
            " AND conversation_id IS NULL)"
            + (f" OR {plus}c.customer_id IN ({identities_sql})" if identities_sql else "")
            + (f" OR {plus}c.id IN ({links_sql})" if links_sql else "")
            + ")"
        )
        return clause, [*messages_params, *customers_params, *notes_params, *notes_params,
                        *identities_params, *links_params]

    def _links_match(self, text: str) -> tuple[str, list[Any]]:
        """The conversations of messages whose own link (a review's, a post's) a search is,
        or begins ("" when it is no link): copied from the browser, with or without
        `https://`, `www.` or a closing `/`. Ranges of the link index, as addresses are."""
        raw = text.strip()
        scheme = LINK_SCHEME.match(raw)
        if (any(character.isspace() for character in raw)
                or (scheme and scheme.group(1))  # mailto:, tel:
                or not (scheme or re.match(r"[^/\s]+\.[^/\s]+/", raw))):
            return "", []
        address = raw[scheme.end():] if scheme else raw
        host, slash, path = address.partition("/")
        address = (host.lower() + slash + path).rstrip("/")
        if "." not in host or len(address) < MIN_ADDRESS_PREFIX:
            return "", []
        prefixes = [f"{start}{address}" for start in LINK_STARTS]
        starts = " OR ".join(["(url >= ? AND url < ?)"] * len(prefixes))
        return (f"SELECT conversation_id FROM messages WHERE {starts}",
                [bound for prefix in prefixes for bound in (prefix, prefix + LAST)])

    def _identities_match(self, text: str) -> tuple[str, list[Any]]:
        """The customers a search names by address, handle or number ("" when it names
        none): a shop looks someone up by the address that wrote or the number that called,
        which the word index does not hold. A number matches by any six or more of its
        digits in a row, however it is written (`555-9336`, `(207) 555`, `+1 207 555 9336`)."""
        raw = " ".join(typed_words(text))  # a pasted `mailto:` or `tel:` link: its address
        if _LOOKS_LIKE_A_NUMBER.fullmatch(raw):
            runs = self._number_digits(raw)
            if not runs:
                return "", []
            tests = " OR ".join(["value LIKE ?"] * len(runs))
            return (f"SELECT customer_id FROM identities WHERE kind = 'phone' AND ({tests})",
                    [f"%{run}%" for run in runs])
        raw = pasted_address(raw)
        if not raw or any(character.isspace() for character in raw) or not (
                "@" in raw or "." in raw):
            return "", []
        # As the last word of a search, an address is a prefix: the customer stays found
        # while the rest of it is typed ("kb1987@mail.ex"), not only at its last letter.
        values = {raw.lower()}
        for normalize in (normalize_email, normalize_handle):
            with suppress(IdentityError):
                values.add(normalize(raw))
        prefixes = sorted(value for value in values if len(value) >= MIN_ADDRESS_PREFIX)
        if not prefixes:
            return "", []
        kinds = [kind for kind in IDENTITY_KINDS if kind != "phone"]
        starts = " OR ".join(["(value >= ? AND value < ?)"] * len(prefixes))
        return (f"SELECT customer_id FROM identities WHERE kind IN ({placeholders(len(kinds))})"
                f" AND ({starts})",
                [*kinds, *(bound for value in prefixes for bound in (value, value + LAST))])

    def _number_digits(self, typed: str) -> list[str]:
        """The runs of digits a typed number may stand for among the stored numbers (+44
        2079460958): as typed, and without what only the shop's country writes around the
        number itself — a trunk prefix (`020 7946 0958`, Hungary's `06`, Russia's `8`), an
        international prefix (`0044`, `011 44`), a `(0)` after the country code. Runs
        shorter than MIN_NUMBER_DIGITS are left out: they would find too many."""
        import phonenumbers  # a tenth of a second to import: only when a number is searched

        digits = "".join(character for character in typed if character.isdigit())
        runs = [digits, digits.lstrip("0")]
        region = self.phone_region(keep=False)  # type: ignore[attr-defined]
        with suppress(phonenumbers.NumberParseException):
            runs.append(phonenumbers.national_significant_number(
                phonenumbers.parse(typed, region)))
        return list(dict.fromkeys(run for run in runs if len(run) >= MIN_NUMBER_DIGITS))

    def queue_sql(self, query: QueueQuery) -> tuple[str, list[Any]]:
        """The queue's SQL and parameters (public so tests can check its query plan)."""
        walk = self._search_walks(query)
        where, params = self._queue_where(query, ordered_page=True, walk=walk)
        # A search's few matches are looked up and sorted: the planner must not walk a
        # filter's ordered index (every open conversation) for them.
        hint = self.LOOKUP_ORDER if query.search and query.search.strip() and not walk else ""
        if query.order == "newest":
            order = f"{hint}c.last_at DESC, c.id DESC"
        elif query.order == "priority":
            order = f"{hint}c.priority ASC, c.id ASC"
        else:
            raise StoreError(f"Unknown order {query.order!r} (try priority or newest).")
        sql = (
            "SELECT c.id, c.customer_id, c.contact, c.kind, c.account, c.status, c.assignee,"
            " c.due_at, c.snoozed_until, c.last_at, c.awaiting_since, c.preview, c.subject,"
            " c.last_compound, c.unread, c.priority, c.message_count, c.version,"
            " u.name AS customer_name, u.influence"
            " FROM conversations c LEFT JOIN customers u ON u.id = c.customer_id"
            f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return sql, [*params, query.limit, query.offset]

    def queue(self, query: QueueQuery) -> list[QueueRow]:
        self.wake_snoozed(query.at)
        sql, params = self.queue_sql(query)
        rows = self._rows(sql, params)
        return [
            QueueRow(
                conversation_id=row["id"],
                customer_id=row["customer_id"],
                customer_name=row["customer_name"] or row["contact"] or row["account"] or "Unknown",
                kind=row["kind"],
                account=row["account"],
                status=row["status"],
                assignee=row["assignee"],
                due_at=row["due_at"],
                snoozed_until=row["snoozed_until"],
                last_at=row["last_at"],
                awaiting_since=row["awaiting_since"],
                preview=preview(row["preview"] or row["subject"] or ""),
                subject=row["subject"] or "",
                sentiment=row["last_compound"],
                unread=bool(row["unread"]),
                priority=row["priority"] or 0,
                message_count=row["message_count"],
                influence=row["influence"],
                version=row["version"],
            )
            for row in rows
        ]

    def queue_count(self, query: QueueQuery) -> int:
        """How many rows `queue` lists. A snooze that ended is woken first, as `queue` does:
        the window reads a page and its count at once, in either order."""
        self.wake_snoozed(query.at)
        where, params = self._queue_where(query)
        return self._scalar(
            f"SELECT COUNT(*) AS n FROM conversations c WHERE {' AND '.join(where)}", params
        )

    def view_counts(self, staff: str | None = None, at: int | None = None) -> dict[str, int]:
        """Live counts for the sidebar: each filter, each kind, each tag, each account (open)."""
        self.wake_snoozed(at)
        moment = now() if at is None else at
        # One indexed count per view: a single pass with CASEs would read every row.
        counts: dict[str, int] = {name: 0 for name in FILTERS}
        for row in self._rows("SELECT status, COUNT(*) AS n FROM conversations GROUP BY status"):
            if row["status"] in counts:
                counts[row["status"]] = row["n"]
            if row["status"] != "merged":
                counts["all"] += row["n"]
        counts["unassigned"] = self._scalar(
            "SELECT COUNT(*) AS n FROM conversations WHERE assignee IS NULL AND status = 'open'")
        counts["mine"] = self._scalar(
            "SELECT COUNT(*) AS n FROM conversations WHERE assignee = ? AND status = 'open'",
            (staff or NOBODY,))
        counts["due"] = self._scalar(
            "SELECT COUNT(*) AS n FROM conversations WHERE due_at <= ?"
            " AND status NOT IN ('closed', 'merged')",  # a merged one keeps its due date
            (end_of_day(moment),))
        counts["mentions"] = self.waiting_mentions(staff) if staff else 0
        counts["negative"] = self._scalar(
            "SELECT COUNT(*) AS n FROM conversations WHERE status = 'open' AND last_compound <= ?",
            (NEGATIVE_AT,))
        # Kinds and accounts from one pass over the (status, kind, account) index.
        for row in self._rows(
            "SELECT kind, account, COUNT(*) AS n FROM conversations WHERE status = 'open'"
            " GROUP BY kind, account"
        ):
            key = f"kind:{row['kind']}"
            counts[key] = counts.get(key, 0) + row["n"]
            if row["account"]:
                key = f"account:{row['account']}"
                counts[key] = counts.get(key, 0) + row["n"]
        counts.update(self._tag_counts())
        return counts

    def _tag_counts(self) -> dict[str, int]:
        """`tag:T` for every tag and label: the open conversations `queue --tag T` lists,
        each once — a VIP customer's conversation labelled VIP too (as a rule "VIP mail
        … --label vip" does) is one conversation, not two, and every spelling of a tag
        the store holds counts what the view of any of them lists. Driven from the
        (small) tag and label tables, so a huge open queue costs nothing."""
        by_spelling: dict[str, int] = {}
        for row in self._rows(
            "SELECT t.tag, SUM((SELECT COUNT(*) FROM conversations c"
            "   WHERE c.customer_id = t.customer_id AND c.status = 'open')) AS n"
            " FROM customer_tags t GROUP BY t.tag"
        ):
            by_spelling[row["tag"]] = int(row["n"] or 0)
        for row in self._rows(  # not again where the customer's tag counted it already
            "SELECT l.label, SUM((SELECT COUNT(*) FROM conversations c"
            "   WHERE c.id = l.conversation_id AND c.status = 'open' AND NOT EXISTS"
            "   (SELECT 1 FROM customer_tags t WHERE t.customer_id = c.customer_id"
            "    AND t.tag = l.label))) AS n"
            " FROM conversation_labels l GROUP BY l.label"
        ):
            by_spelling[row["label"]] = by_spelling.get(row["label"], 0) + int(row["n"] or 0)
        spellings: dict[str, list[str]] = {}
        for tag in sorted(by_spelling):
            spellings.setdefault(tag.casefold(), []).append(tag)
        counts: dict[str, int] = {}
        for same in spellings.values():
            # Stores from before tags ignored case may hold several spellings of one.
            total = by_spelling[same[0]] if len(same) == 1 else self.queue_count(
                QueueQuery(tag=same[0]))
            counts.update({f"tag:{tag}": total for tag in same})
        return counts

    def stats(self) -> dict[str, Any]:
        by_kind = {kind: 0 for kind in KINDS}
        for row in self._rows("SELECT kind, COUNT(*) AS n FROM messages GROUP BY kind"):
            by_kind[row["kind"]] = row["n"]
        by_family = {family: 0 for family in FAMILIES}
        for kind, count in by_kind.items():
            by_family[FAMILY_OF_KIND[kind]] += count
        return {
            "messages": sum(by_kind.values()),
            "conversations": self._scalar(
                "SELECT COUNT(*) AS n FROM conversations WHERE status != 'merged'"
            ),
            "customers": self._scalar(
                "SELECT COUNT(*) AS n FROM customers WHERE merged_into IS NULL"
            ),
            "by_family": by_family,
            "by_kind": by_kind,
        }
