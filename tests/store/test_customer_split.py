"""Splitting an identity off a customer: the new customer is named as its messages
call them, not after the address they came from."""

from __future__ import annotations

from .helpers import msg


def test_a_customer_split_off_takes_the_name_its_latest_message_gives(store):
    store.save_messages([
        msg("o1", "Other address", email="other@example.com", author="Olga Other"),
        msg("e1", "Hi", email="emoji@example.com", author="Zoë 🚀", at="2026-03-01T10:00:00Z"),
        msg("e2", "Again", email="emoji@example.com", author="Zoë 🚀 Ünïcode",
            at="2026-03-02T10:00:00Z"),
        msg("e3", "Our reply", email="emoji@example.com", direction="out", staff="Maya",
            author="Maya", at="2026-03-03T10:00:00Z"),
    ])
    olga, zoe = (store.find_customer(e) for e in ("other@example.com", "emoji@example.com"))
    store.merge_customers(olga.id, zoe.id)
    (identity,) = [i for i in store.get_customer(olga.id).identities
                   if i.value == "emoji@example.com"]
    new = store.split_identity(identity.id)
    assert store.get_customer(new).name == "Zoë 🚀 Ünïcode"
    assert store.find_customer("zoë 🚀 ünïcode").id == new
    assert store.get_customer(olga.id).name == "Olga Other"


def test_without_a_named_message_the_identity_names_it_and_a_given_name_wins(store):
    store.save_messages([
        msg("a1", email="ann@example.com", author="Ann Lee"),
        msg("p1", "Missed call", kind="phone", phone="+1 207 555 0142"),
    ])
    ann, caller = (store.find_customer(r) for r in ("ann@example.com", "+1 207 555 0142"))
    store.merge_customers(ann.id, caller.id)
    phone = next(i for i in store.get_customer(ann.id).identities if i.kind == "phone")
    new = store.split_identity(phone.id)
    assert store.get_customer(new).name == phone.display
    email = next(i for i in store.get_customer(ann.id).identities if i.kind == "email")
    store.merge_customers(ann.id, new)
    assert store.get_customer(store.split_identity(email.id, name="Ann L.")).name == "Ann L."
