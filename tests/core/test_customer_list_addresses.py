"""Email cells written as a mail program writes addresses: "Ann Chen <ann@example.com>",
as lists kept by hand (pasted from a mail's To line) hold them."""

from __future__ import annotations

from inbox_app.core.csv_table import RowError
from inbox_app.core.customer_list import parse_customer_list, read_customer_list


def records(text: str):
    data = text.encode("utf-8")
    return list(parse_customer_list(read_customer_list(data, "list.csv")))


def test_a_named_address_is_read_as_its_address():
    """The cell was split at its spaces first: "'Ann' is not an email address", and the
    row was skipped."""
    (ann,) = records('Name,Email\nAnn Chen,Ann Chen <Ann@Example.com>\n')
    assert [ref.value for ref in ann.identities] == ["ann@example.com"]


def test_several_named_addresses_in_one_cell_are_each_read():
    (ann,) = records('Name,Email\nAnn,"""Chen, Ann"" <ann@example.com>; Work <ann@work.example>,'
                     ' ann.c@home.example"\n')
    assert [ref.value for ref in ann.identities] == [
        "ann@example.com", "ann@work.example", "ann.c@home.example"]


def test_a_name_without_an_address_is_still_a_row_error():
    (bad,) = records('Name,Email\nAnn,Ann Chen <not an address>\n')
    assert isinstance(bad, RowError) and "is not an email address" in bad.reason
