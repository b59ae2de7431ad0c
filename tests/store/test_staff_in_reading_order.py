"""The staff list reads as a person reads a list, alike on both engines: numbers by their
value ("Staffer 2" before "Staffer 10"), any case, accented letters with their plain ones.
SQLite's ORDER BY put every capital first and "Ä" after "z"; PostgreSQL's followed the
server's collation, so two desktops of one team listed the same people differently."""

from __future__ import annotations

ADDED = ["Staffer 10", "zoë", "Staffer 2", "Zed", "anna lee", "Ärger Öz", "Bob", "Staffer 1",
         "staffer 3"]
READING_ORDER = ["anna lee", "Ärger Öz", "Bob", "Staffer 1", "Staffer 2", "staffer 3",
                 "Staffer 10", "Zed", "zoë"]


def test_staff_are_listed_in_natural_order_in_any_case_on_both_engines(store):
    for name in ADDED:
        store.add_staff(name)
    store.set_staff_active("Bob", False)
    assert [member.name for member in store.list_staff(include_inactive=True)] == READING_ORDER
    assert [member.name for member in store.list_staff()] == [
        name for name in READING_ORDER if name != "Bob"]


def test_numbers_in_names_are_read_by_value_and_a_zero_before_one_keeps_a_fixed_place(store):
    for name in ("Desk 010", "Desk 9", "Desk 10", "Desk 1b", "Desk 1a", "Desk 1"):
        store.add_staff(name)
    assert [member.name for member in store.list_staff()] == [
        "Desk 1", "Desk 1a", "Desk 1b", "Desk 9", "Desk 10", "Desk 010"]
