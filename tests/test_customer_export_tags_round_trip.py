"""Every tag comes back from the customer export as it went out: the export writes a
customer's tags separated by "; ", so a single tag holding a comma ("north, coast") is
one tag there, not the "VIP, wholesale" of a shop system's export."""

from __future__ import annotations

from inbox_app.customer_import import import_customer_csv
from inbox_app.exports import export_customers
from inbox_app.store import open_store
from tests.store.helpers import msg


def test_a_tag_with_a_comma_survives_export_and_import(tmp_path):
    shop = open_store(tmp_path / "shop.db")
    other = open_store(tmp_path / "other.db")
    try:
        shop.save_messages([msg("e1", "Hi", email="ann@example.com", author="Ann Lee"),
                            msg("e2", "Hi", email="bo@example.com", author="Bo Berg")])
        ann = shop.find_customer("ann@example.com")
        bo = shop.find_customer("bo@example.com")
        shop.tag_customer(ann.id, "north, coast")
        shop.tag_customer(bo.id, "north, coast")
        shop.tag_customer(bo.id, "VIP")
        out = tmp_path / "customers.csv"
        export_customers(shop, out, "csv")

        again = import_customer_csv(shop, out)
        assert (again.new, again.updated, again.errors) == (0, 0, [])
        assert shop.all_tags() == ["north, coast", "VIP"]

        moved = import_customer_csv(other, out)
        assert (moved.new, moved.errors) == (2, [])
        assert other.find_customer("ann@example.com").tags == ("north, coast",)
        assert other.find_customer("bo@example.com").tags == ("north, coast", "VIP")
    finally:
        shop.close()
        other.close()
