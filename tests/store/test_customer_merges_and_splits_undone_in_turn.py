"""Any run of customer merges and splits, undone one by one from the last (as Ctrl+Z does),
gives back the shop exactly as it was: names, values, identities, tags, notes,
conversations and message counts — nothing lost, nothing counted twice."""

from __future__ import annotations

import random

import pytest

from inbox_app.store import StoreError

from .helpers import msg

PEOPLE = ("ann", "bob", "cat", "dan", "eve")


def _shop(store, chance: random.Random) -> None:
    store.save_messages([
        message
        for number, person in enumerate(PEOPLE)
        for message in (
            msg(f"{person}-mail", "Where is my order?", email=f"{person}@example.com",
                author=person.title(), thread=f"{person}-mail"),
            msg(f"{person}-call", "Missed call", kind="phone",
                phone=f"+1 207 555 01{number}{number}", author=person.title(),
                thread=f"{person}-call"),
        )
    ])
    for customer in _live(store):
        if chance.random() < 0.5:
            store.tag_customer(customer, chance.choice(["VIP", "wholesale"]))
        if chance.random() < 0.5:
            store.set_customer_value(customer, chance.choice([10, 2.5, 100]))
        if chance.random() < 0.5:
            store.add_note(f"note on {customer}", customer_id=customer)


def _live(store) -> list[int]:
    return [row["id"] for row in store._rows(
        "SELECT id FROM customers WHERE merged_into IS NULL ORDER BY id")]


def _as_shown(store) -> dict[int, tuple]:
    shown = {}
    for customer_id in _live(store):
        customer = store.get_customer(customer_id)
        shown[customer_id] = (
            customer.name, customer.value, customer.messages, customer.tags,
            sorted(identity.value for identity in customer.identities),
            [note.text for note in store.notes(customer_id=customer_id)],
            sorted(row["id"] for row in store.customer_conversations(customer_id)),
        )
    return shown


@pytest.mark.parametrize("seed", range(8))
def test_undoing_every_merge_and_split_from_the_last_gives_the_shop_back(store, seed):
    chance = random.Random(seed)
    _shop(store, chance)
    before = _as_shown(store)
    done = []
    for _step in range(chance.randint(2, 7)):
        try:
            if chance.random() < 0.55:
                keep, other = chance.sample(_live(store), 2)
                done.append((store.unmerge_customers, store.merge_customers(keep, other)))
            else:
                identity = chance.choice(store._rows("SELECT id FROM identities"))["id"]
                done.append((store.undo_split, store.split_identity(identity)))
        except StoreError:
            pass  # a customer's only identity: nothing to split off
    for undo, key in reversed(done):
        undo(key)
    assert _as_shown(store) == before
