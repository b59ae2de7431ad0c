"""Who wrote each message of an ingest batch: identities to customers, new customers
counted as the batch goes, and customers joined when one message names several (a
person's split stands). A part of IngestMixin (store/ingest.py)."""

from __future__ import annotations

from collections.abc import Sequence

from inbox_app.core.identity import display_name
from inbox_app.core.models import IncomingMessage
from inbox_app.core.text import clean_text
from inbox_app.store.base import Engine
from inbox_app.store.ingest_batch import Batch


class IdentityResolution(Engine):
    def _prefetch_identities(
        self, items: Sequence[IncomingMessage], followers: dict[int, int | None]
    ) -> dict[tuple[str, str], tuple[int, int]]:
        """Every identity the batch names that is already known: (kind, value) → (customer, id);
        their follower counts go into `followers` (by identity id)."""
        by_kind: dict[str, set[str]] = {}
        for item in items:
            for ref in item.identities:
                by_kind.setdefault(ref.kind, set()).add(ref.value)
        known: dict[tuple[str, str], tuple[int, int]] = {}
        for kind, values in by_kind.items():
            for row in self._rows_in(
                    "SELECT id, customer_id, value, followers FROM identities WHERE kind = ?"
                    " AND value IN (…)", sorted(values), before=(kind,)):
                known[(kind, row["value"])] = (row["customer_id"], row["id"])
                followers[row["id"]] = row["followers"]
        return known

    @staticmethod
    def _count_for_customer(batch: Batch, customer_id: int | None, item: IncomingMessage) -> None:
        """A new customer's activity is counted here; any other is recomputed in SQL."""
        if customer_id is None:
            return
        new = batch.customers.get(customer_id)
        if new is None:
            batch.touched_customers.add(customer_id)
        elif item.direction == "in":
            new[1] += 1
            new[2] = item.at if new[2] is None else min(new[2], item.at)
            new[3] = item.at if new[3] is None else max(new[3], item.at)

    def _influence(self, customer_ids: set[int]) -> dict[int, int | None]:
        """Followers per customer, from their identities as this batch left them."""
        return {row["customer_id"]: row["followers"] for row in self._rows_in(
            "SELECT customer_id, MAX(followers) AS followers FROM identities"
            " WHERE customer_id IN (…) GROUP BY customer_id", sorted(customer_ids))}

    def _resolve_customer(
        self, item: IncomingMessage, batch: Batch, staff: str | None
    ) -> tuple[int | None, int | None]:
        """The customer behind a message's identities, merging customers they join.

        Returns (customer id, id of the message's first identity).
        """
        refs = item.identities
        if not refs:
            return None, None
        keys = [(ref.kind, ref.value) for ref in refs]
        # (customer, identity id) of each ref already known, else None
        owners = [batch.identities.get(key) for key in keys]
        passed_on = self._handles_passed_on(refs, owners, batch)
        deciding = [None if index in passed_on else owner for index, owner in enumerate(owners)]
        customer_ids = sorted({owner[0] for owner in deciding if owner})
        if not customer_ids:
            customer_id = batch.next_customer_id
            batch.next_customer_id += 1
            batch.customers[customer_id] = [
                clean_text(display_name(item.author_name, refs), 300), 0, None, None,
            ]
        else:
            customer_id = deciding[0][0] if deciding[0] else customer_ids[0]
            joined = [other for other in customer_ids
                      if other != customer_id and not self._separated(customer_id, other)]
            if joined:
                # A merge moves stored rows: write what the batch holds first.
                self._flush(batch)
                for other in joined:
                    self.merge_customers(customer_id, other, staff=staff, automatic=True)
                batch.identities = {
                    key: (customer_id if owner in joined else owner, identity_id)
                    for key, (owner, identity_id) in batch.identities.items()
                }
                owners = [batch.identities[key] if owner else None
                          for key, owner in zip(keys, owners, strict=True)]
                for new in batch.born.values():
                    if new.customer_id in joined:
                        new.customer_id = customer_id
        first_identity = None
        for index, (ref, key, known) in enumerate(zip(refs, keys, owners, strict=True)):
            if known and index in passed_on:
                identity_id = self._pass_handle_on(batch, key, known, customer_id)
            elif known:
                owner, identity_id = known
                if owner != customer_id:
                    continue  # a person split this identity off; it stays where they put it
                if ref.followers is not None:
                    self._update_followers(batch, identity_id, ref.followers)
                if _names_follow_the_network(ref) and item.direction == "in":
                    self._follow_renaming(batch, identity_id, customer_id, ref, item)
            else:
                identity_id = batch.next_identity_id
                batch.next_identity_id += 1
                batch.new_identities[identity_id] = (identity_id, customer_id, ref.kind,
                                                     ref.value,
                                                     clean_text(ref.display, 300) or ref.value,
                                                     ref.followers, batch.stamp)
                batch.identities[key] = (customer_id, identity_id)
                if _names_follow_the_network(ref) and item.direction == "in":
                    batch.names_seen[identity_id] = (
                        item.at, _name_on(item), batch.new_identities[identity_id][4])
            if first_identity is None:
                first_identity = identity_id
        return customer_id, first_identity

    def _handles_passed_on(self, refs, owners, batch: Batch) -> set[int]:
        """Which of a message's handles another person held before: a Bluesky handle or a
        Telegram username is given up and taken by someone else, the account's id (DID,
        user id) never. A handle whose holder has an account id of that network other
        than this message's passed on; it must not join two people into one customer."""
        accounts = {ref.kind: ref.value for ref in refs if _is_account_id(ref)}
        passed: set[int] = set()
        for index, (ref, owner) in enumerate(zip(refs, owners, strict=True)):
            if owner is None or ref.kind not in accounts or _is_account_id(ref):
                continue
            account = batch.identities.get((ref.kind, accounts[ref.kind]))
            if account is not None and account[0] == owner[0]:
                continue  # the same person's handle
            if self._holds_another_account(owner[0], ref.kind, accounts[ref.kind], batch):
                passed.add(index)
        return passed

    def _holds_another_account(self, customer_id: int, kind: str, account: str,
                               batch: Batch) -> bool:
        values = [row["value"] for row in self._rows(
            "SELECT value FROM identities WHERE customer_id = ? AND kind = ?",
            (customer_id, kind))]
        values += [row[3] for row in batch.new_identities.values()
                   if row[1] == customer_id and row[2] == kind]
        return any(value != account and _is_account_id_value(kind, value) for value in values)

    def _pass_handle_on(self, batch: Batch, key: tuple[str, str], known: tuple[int, int],
                        customer_id: int) -> int:
        """Moves a handle to the person who has it now; what came through it before stays
        with the one who had it then."""
        holder, identity_id = known
        row = batch.new_identities.get(identity_id)
        if row is not None:
            batch.new_identities[identity_id] = (row[0], customer_id, *row[2:])
        else:
            if customer_id in batch.customers:  # stored yet only once the batch is written
                self._flush(batch)
            self._exec("UPDATE identities SET customer_id = ? WHERE id = ?",
                       (customer_id, identity_id))
            batch.touched_customers.add(holder)
        batch.identities[key] = (customer_id, identity_id)
        return identity_id

    def _follow_renaming(self, batch: Batch, identity_id: int, customer_id: int, ref,
                         item: IncomingMessage) -> None:
        """A person renamed on the network (their account id stays): a message newer than
        any before it brings the new name to the identity and to the customer, when the
        customer's name is the one the app took from their earlier messages and the shop
        never named them (a rename, a customer list): the shop's name stays."""
        seen = batch.names_seen
        before = seen.get(identity_id)
        if before is None:
            row = self._row(  # by the customer's index, newest first: one step, mostly
                "SELECT at, author_name FROM messages WHERE customer_id = ?"
                " AND direction = 'in' AND identity_id = ? ORDER BY at DESC, id DESC LIMIT 1",
                (customer_id, identity_id))
            display = batch.new_identities[identity_id][4] \
                if identity_id in batch.new_identities else self._scalar(
                    "SELECT display FROM identities WHERE id = ?", (identity_id,))
            before = (row["at"], row["author_name"] or "", display) if row \
                else (None, "", display)
        if before[0] is not None and item.at < before[0]:
            seen[identity_id] = before
            return  # read late: the name it carries is older than the one known
        name, display = _name_on(item), clean_text(ref.display, 300) or ref.value
        seen[identity_id] = (item.at, name, display)
        if display != before[2]:
            row = batch.new_identities.get(identity_id)
            if row is not None:
                batch.new_identities[identity_id] = (*row[:4], display, *row[5:])
            else:
                self._exec("UPDATE identities SET display = ? WHERE id = ?",
                           (display, identity_id))
        if before[0] is None or not name or name == before[1]:
            return
        new = batch.customers.get(customer_id)
        if new is not None:
            if new[0] == before[1]:
                new[0] = name
            return
        if self._exec(
                "UPDATE customers SET name = ? WHERE id = ? AND name = ? AND NOT EXISTS ("
                "SELECT 1 FROM events WHERE events.customer_id = customers.id"
                " AND action IN ('customer.renamed', 'customer.imported'))",
                (name, customer_id, before[1])):
            batch.touched_customers.add(customer_id)

    def _update_followers(self, batch: Batch, identity_id: int, followers: int) -> None:
        row = batch.new_identities.get(identity_id)
        if row is not None:
            batch.new_identities[identity_id] = (*row[:5], followers, row[6])
            return
        # A poll names the same people again and again, mostly with the count they had.
        if batch.followers.get(identity_id, -1) == followers:
            return
        self._exec("UPDATE identities SET followers = ? WHERE id = ?", (followers, identity_id))
        batch.followers[identity_id] = followers

    def _separated(self, a: int, b: int) -> bool:
        """True when a person split these two customers apart, or two that have since been
        merged into them: the one split off, merged into a third customer later, must not
        be joined back by a message that names the first and the third."""
        ones, others = self._merged_family(a), self._merged_family(b)
        return any(
            (row["customer_a"] in ones and row["customer_b"] in others)
            or (row["customer_a"] in others and row["customer_b"] in ones)
            for row in self._rows_in(
                "SELECT customer_a, customer_b FROM customer_separations"
                " WHERE customer_a IN (…)", sorted(ones | others)))

    def _merged_family(self, customer_id: int) -> set[int]:
        """The customer and every customer merged into it, however many merges ago."""
        return set(self._ids(
            "WITH RECURSIVE family(id) AS (SELECT id FROM customers WHERE id = ?"
            " UNION SELECT c.id FROM customers c JOIN family f ON c.merged_into = f.id)"
            " SELECT id FROM family", customer_id))


def _names_follow_the_network(ref) -> bool:
    """Whether a message's name is the person's name now: a Telegram user id's messages
    always carry the person as Telegram knows them, whatever they renamed themselves."""
    return ref.kind == "telegram" and _is_account_id(ref)


def _name_on(item: IncomingMessage) -> str:
    """The name a message signs with, as a new customer is named from it."""
    return clean_text(display_name(item.author_name, item.identities), 300)


def _is_account_id(ref) -> bool:
    return _is_account_id_value(ref.kind, ref.value)


def _is_account_id_value(kind: str, value: str) -> bool:
    """A network's own id for an account, which no one else ever gets (a Bluesky DID, a
    Telegram user id), unlike a handle or username, which is passed on."""
    return (kind == "bluesky" and value.startswith("did:")) or (
        kind == "telegram" and value.isdigit())
