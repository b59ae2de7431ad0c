"""The shop's phone region when nobody set it: the computer's, while the store holds no
number yet; as the numbers were read, once it does (both engines)."""

from __future__ import annotations

import json

from inbox_app.pipeline import import_lines


def test_a_store_without_numbers_takes_the_computers_region_and_keeps_it(store, monkeypatch):
    assert store.phone_region() == "US" and never_set(store)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert store.phone_region() == "DE" and store.get_setting("phone_region") == "DE"
    import_lines(store, [json.dumps({"kind": "phone", "id": "call-1", "text": "Preisliste",
                                     "phone": "030 1234567", "at": "2026-03-01T10:00:00Z"})])
    assert store.find_customer("+49301234567") is not None
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # a colleague's computer: the shop's choice stays
    assert store.phone_region() == "DE"


def test_a_store_holding_numbers_read_as_us_keeps_reading_them_so(store, monkeypatch):
    from tests.store.helpers import msg

    store.save_messages([msg("call-1", "Hi", kind="phone", phone="(207) 555-0142")])
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert store.phone_region() == "US" and never_set(store)


def never_set(store) -> bool:
    return store._scalar("SELECT value FROM settings WHERE key = 'phone_region'") is None
