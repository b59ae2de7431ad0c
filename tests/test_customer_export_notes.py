"""The customer CSV carries the customers' notes: the customer list import reads a `notes`
column as a note (README, Customer lists), and the export "imports back" — without the
column, a shop moving its customers to a new store lost every note. Notes on a
conversation stay with the conversation; they are no customer's note."""

from __future__ import annotations

import csv
import io

import pytest

from inbox_app.customer_import import import_customer_csv
from inbox_app.exports import CUSTOMER_COLUMNS, export_customers
from inbox_app.store import open_store
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines


def exported(store, tmp_path) -> dict[str, dict[str, str]]:
    out = tmp_path / "customers.csv"
    export_customers(store, out, "csv")
    return {row["name"]: row for row in csv.DictReader(
        io.StringIO(out.read_text(encoding="utf-8-sig")))}


@pytest.fixture
def shop(store):
    store.save_messages([msg("e1", "Where is my order?", email="ann@example.com",
                             author="Ann Lee"),
                         msg("e2", "Hi", email="bo@example.com", author="Bo Berg")])
    return store


def test_notes_are_the_last_column_after_the_columns_there_were():
    assert CUSTOMER_COLUMNS[-1] == "notes"
    assert CUSTOMER_COLUMNS[:-1] == (
        "customer", "name", "emails", "phones", "social", "tags", "value", "followers",
        "messages", "first_message_at", "last_message_at")


def test_a_customers_notes_are_exported_oldest_first_and_no_conversations(shop, tmp_path):
    ann = shop.find_customer("ann@example.com")
    shop.add_note("=Wholesale price list sent\nin March", customer_id=ann.id)
    shop.add_note("Prefers oat milk; call after 3pm", customer_id=ann.id)
    conversation = shop.customer_conversations(ann.id)[0]["id"]
    shop.add_note("Refund under way", conversation_id=conversation)

    rows = exported(shop, tmp_path)

    # a cell starting with "=" is guarded, as every cell of the export
    assert rows["Ann Lee"]["notes"] == ("'=Wholesale price list sent\nin March\n\n"
                                        "Prefers oat milk; call after 3pm")
    assert rows["Bo Berg"]["notes"] == ""


def test_a_note_comes_back_into_another_store_and_not_twice_into_this_one(shop, tmp_path):
    ann = shop.find_customer("ann@example.com")
    shop.add_note("Prefers oat milk; call after 3pm", customer_id=ann.id)
    out = tmp_path / "customers.csv"
    export_customers(shop, out, "csv")

    again = import_customer_csv(shop, out)
    assert (again.new, again.updated, again.errors) == (0, 0, [])
    assert [note.text for note in shop.notes(customer_id=ann.id)] == [
        "Prefers oat milk; call after 3pm"]

    other = open_store(tmp_path / "other.db")
    try:
        moved = import_customer_csv(other, out)
        assert (moved.new, moved.errors) == (2, [])
        there = other.find_customer("ann@example.com")
        assert [note.text for note in other.notes(customer_id=there.id)] == [
            "Prefers oat milk; call after 3pm"]
    finally:
        other.close()


def test_several_notes_are_not_added_again_as_one_by_importing_the_export_back(shop, tmp_path):
    ann = shop.find_customer("ann@example.com")
    shop.add_note("Prefers oat milk", customer_id=ann.id)
    shop.add_note("Call after 3pm", customer_id=ann.id)
    out = tmp_path / "customers.csv"
    export_customers(shop, out, "csv")

    again = import_customer_csv(shop, out)

    assert (again.new, again.updated, again.errors) == (0, 0, [])
    assert [note.text for note in shop.notes(customer_id=ann.id)] == [
        "Prefers oat milk", "Call after 3pm"]


def test_notes_longer_than_an_imported_note_are_not_added_again_cut(shop, tmp_path):
    ann = shop.find_customer("ann@example.com")
    long_ones = [f"Visit {number}: " + "likes the dark roast " * 59 + "likes it" for number in range(3)]
    for text in long_ones:
        shop.add_note(text, customer_id=ann.id)
    out = tmp_path / "customers.csv"
    export_customers(shop, out, "csv")

    again = import_customer_csv(shop, out)

    assert again.errors == []
    assert [note.text for note in shop.notes(customer_id=ann.id)] == long_ones
