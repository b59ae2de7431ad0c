"""A tag the customer list (CSV) cannot carry is refused when it is given, with why: the
export joins tags with "; " and the import splits on ";" and line breaks and keeps 100
characters (it kept 60), so "north;coast" came back from an export as two tags, and
re-importing it added them beside the original."""

from __future__ import annotations

import pytest

from inbox_app.customer_import import import_customer_csv
from inbox_app.exports import export_customers
from inbox_app.store import QueueQuery, StoreError, open_store
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines


@pytest.fixture
def ann(store):
    store.save_messages([msg("e1", "Where is my order?", email="ann@example.com",
                             author="Ann Lee")])
    return store.find_customer("ann@example.com")


@pytest.mark.parametrize("tag", ["north;coast", "north\ncoast", "north\r\ncoast"])
def test_a_tag_holding_a_separator_is_refused_with_why(store, ann, tag):
    with pytest.raises(StoreError, match="cannot hold"):
        store.tag_customer(ann.id, tag)
    assert store.get_customer(ann.id).tags == ()


def test_a_tag_longer_than_the_list_keeps_is_refused(store, ann):
    with pytest.raises(StoreError, match="at most 100 characters; this one has 101"):
        store.tag_customer(ann.id, "x" * 101)
    assert store.tag_customer(ann.id, "x" * 100) == "x" * 100


def test_a_long_tag_comes_back_from_an_export_whole(store, ann, tmp_path):
    tag = "Großhändler mit Sonderkonditionen für Cafés und Röstereien im Norden"
    store.tag_customer(ann.id, tag)
    out = tmp_path / "customers.csv"
    export_customers(store, out, "csv")

    import_customer_csv(store, out)

    assert store.get_customer(ann.id).tags == (tag,)


def test_tagging_a_selection_refuses_the_same(store, ann):
    conversation_ids = [row.conversation_id for row in store.queue(QueueQuery(filter="open"))]
    with pytest.raises(StoreError, match="cannot hold"):
        store.bulk_tag(conversation_ids, "north;coast")
    assert store.get_customer(ann.id).tags == ()


def test_a_tag_with_a_comma_comes_back_from_an_export_whole(store, ann, tmp_path):
    store.tag_customer(ann.id, "Smith, Jones & Co")
    out = tmp_path / "customers.csv"
    export_customers(store, out, "csv")

    again = import_customer_csv(store, out)

    assert again.errors == []
    assert store.get_customer(ann.id).tags == ("Smith, Jones & Co",)


def test_the_command_line_says_why_and_exits_2(run_cli, db_path):
    store = open_store(db_path)
    store.save_messages([msg("e1", "Hi", email="ann@example.com", author="Ann Lee")])
    store.close()

    code, _out, err = run_cli("tag", "ann@example.com", "north;coast")

    assert code == 2
    assert "cannot hold" in err
