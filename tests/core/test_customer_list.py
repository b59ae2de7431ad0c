"""Customer lists as shop systems export them, read into records (no store)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox_app.core.csv_table import CsvFileError, RowError
from inbox_app.core.customer_list import (
    FIELDS,
    parse_customer_list,
    read_customer_list,
)
from inbox_app.core.models import CustomerRecord, IdentityRef
from tests.conftest import FIXTURES

LISTS = FIXTURES / "customers"


def read(name: str, mapping=(), region="US") -> list[CustomerRecord | RowError]:
    path = LISTS / name
    return list(parse_customer_list(read_customer_list(path.read_bytes(), str(path), mapping),
                                    region=region))


def test_a_shopify_export_reads_names_addresses_phones_values_tags_and_notes():
    ann, ben, cara, dev, eli = read("shopify.csv")
    assert ann == CustomerRecord(
        row=2, name="Ann Chen",
        identities=(IdentityRef("email", "ann.chen@example.com", "ann.chen@example.com"),
                    IdentityRef("phone", "+12075550101", "+12075550101")),
        value=1250.5, tags=("VIP", "subscriber"), note="Prefers whole beans")
    # The person's name before the company's; "Phone" and "Default Address Phone" both read.
    assert ben.name == "Ben Brook"
    assert [ref.value for ref in ben.identities] == ["ben@example.com", "+12075550102"]
    assert (ben.value, ben.tags) == (3400.0, ("wholesale",))
    assert cara == RowError(4, "no email address, phone number or handle to know the customer"
                               " by")
    assert dev == RowError(5, "the value 'about 12' is not an amount of money")
    assert (eli.value, eli.tags, eli.note) == (0.0, (), "")


def test_a_square_export_reads_its_own_column_names_and_money():
    fay, gus = read("square.csv")
    assert fay.name == "Fay Gray"
    assert [ref.value for ref in fay.identities] == ["fay.gray@example.org", "+12075550106"]
    assert (fay.value, fay.tags, fay.note) == (412.75, ("Regulars",), "Oat milk only")
    assert [ref.value for ref in gus.identities] == ["+12075550107"]
    assert gus.value == 18.0


def test_a_woocommerce_report_with_a_byte_order_mark_reads_too():
    hana, ivo = read("woocommerce.csv")
    assert (hana.name, hana.identities[0].value, hana.value) == (
        "Hana Ito", "hana.ito@example.net", 1020.0)
    assert ivo.value == 64.5


def test_phone_numbers_are_read_for_the_shops_region():
    gus = read("square.csv", region="GB")[1]
    assert gus.identities[0].value != "+12075550107"  # no country code: read as British


def test_our_own_customer_export_reads_back(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(
        "customer,name,emails,phones,social,tags,value,followers,messages,first_message_at,"
        "last_message_at\n"
        '7,Ann Chen,ann@example.com; ann@work.example,(207) 555-0101,'
        '"mastodon:@ann@social.example; bluesky:ann.bsky.social; feed:Ann C.",'
        "VIP; wholesale,1250.50,212,14,2026-01-02 10:00:00,2026-11-30 09:00:00\n",
        encoding="utf-8-sig")
    (ann,) = parse_customer_list(read_customer_list(path.read_bytes(), str(path)))
    assert ann.name == "Ann Chen"
    assert [(ref.kind, ref.value) for ref in ann.identities] == [
        ("email", "ann@example.com"), ("email", "ann@work.example"), ("phone", "+12075550101"),
        ("mastodon", "ann@social.example"), ("bluesky", "ann.bsky.social"),
        ("feed", "ann c.")]
    assert (ann.tags, ann.value) == (("VIP", "wholesale"), 1250.5)


def test_map_names_columns_the_header_does_not(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Kund;E-post;Omsättning\nAnn;ann@example.com;1.234,50 kr\n", encoding="utf-8")
    with pytest.raises(CsvFileError, match="no email, phone or handle column"):
        read_customer_list(path.read_bytes(), str(path))
    table = read_customer_list(path.read_bytes(), str(path),
                               ["email=E-post", "value=3", "name=kund"])
    (ann,) = parse_customer_list(table)
    assert (ann.name, ann.identities[0].value, ann.value) == ("Ann", "ann@example.com", 1234.5)


def test_a_file_without_a_header_needs_map(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("ann@example.com,12.00\nben@example.com,30\n")
    with pytest.raises(CsvFileError, match="has no header row naming its columns"):
        read_customer_list(path.read_bytes(), str(path))
    records = list(parse_customer_list(read_customer_list(
        path.read_bytes(), str(path), ["email=1", "value=2"])))
    assert [(r.identities[0].value, r.value) for r in records] == [
        ("ann@example.com", 12.0), ("ben@example.com", 30.0)]


def test_a_bad_map_or_column_is_one_sentence(tmp_path):
    path = LISTS / "shopify.csv"
    with pytest.raises(CsvFileError, match="--map 'colour=2' is not FIELD=COLUMN with a field"):
        read_customer_list(path.read_bytes(), str(path), ["colour=2"])
    with pytest.raises(CsvFileError, match="has no column 'Spend'"):
        read_customer_list(path.read_bytes(), str(path), ["value=Spend"])


def test_a_broken_address_or_too_many_tags_skips_that_row_only(tmp_path):
    path = tmp_path / "list.csv"
    tags = ",".join(f"t{n}" for n in range(30))
    path.write_text(f'email,tags\nnot-an-address,\nok@example.com,"{tags}"\nfine@example.com,\n')
    bad, many, fine = parse_customer_list(read_customer_list(path.read_bytes(), str(path)))
    assert bad == RowError(2, "'not-an-address' is not an email address")
    assert isinstance(many, RowError) and "30 tags" in many.reason
    assert fine.identities[0].value == "fine@example.com"


@pytest.mark.parametrize("data", [b"", b"\x00\x01binary", b"\xff\xfe\x00\xd8"])
def test_files_that_are_not_lists_are_refused_in_one_sentence(tmp_path, data):
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    with pytest.raises(CsvFileError, match=f"cannot read {path}"):
        read_customer_list(data, str(path))


@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=len(FIELDS)),
                min_size=1, max_size=8))
def test_any_cells_under_a_known_header_read_or_give_a_row_error(rows):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FIELDS)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8", "surrogatepass")
    try:
        table = read_customer_list(data, "list.csv")
    except CsvFileError as error:
        assert str(error)
        return
    for parsed in parse_customer_list(table):
        if isinstance(parsed, RowError):
            assert parsed.reason and parsed.line >= 2
        else:
            assert parsed.identities


def test_apostrophe_marked_cells_do_not_pass_for_quotes(tmp_path):
    # Shopify marks ids and numbers with a leading "'"; Python's CSV sniffer then guessed
    # "'" as the quote character and every row came out shifted.
    header = (LISTS / "shopify.csv").read_text().splitlines()[0]
    rows = [f"'{n},Ann{n},Lee,ann{n}@example.com,yes,,,,,,,,,'+1207555{n:04d},no,{n}.25,3,,no,"
            f'"VIP, north"' for n in range(300)]
    path = tmp_path / "customers_export.csv"
    path.write_text("\n".join([header, *rows]) + "\n")
    records = list(parse_customer_list(read_customer_list(path.read_bytes(), str(path))))
    assert len(records) == 300 and not [r for r in records if isinstance(r, RowError)]
    last = records[-1]
    assert [ref.value for ref in last.identities] == ["ann299@example.com", "+12075550299"]
    assert (last.value, last.tags) == (299.25, ("VIP", "north"))


def test_map_with_no_column_says_the_file_does_not_hold_that_field():
    # "Total Spent" would be read as the value; --map value= says it is not (an export
    # whose totals are in another currency, say).
    ann = read("shopify.csv", ["value=", "phone=14"])[0]
    assert ann.value is None
    assert [ref.kind for ref in ann.identities] == ["email"]  # "Default Address Phone" unread


@given(st.binary(max_size=2000))
def test_any_bytes_are_a_list_or_one_sentence(data):
    try:
        table = read_customer_list(data, "list.csv", ["email=1"])
    except CsvFileError as error:
        assert str(error).startswith(("cannot read list.csv", "list.csv has no"))
        return
    for parsed in parse_customer_list(table):
        assert isinstance(parsed, CustomerRecord | RowError)


def test_a_cell_too_big_for_csv_is_one_sentence(tmp_path):
    data = ("Email,Note\nann@example.com," + "x" * 200_000 + "\n").encode()
    with pytest.raises(CsvFileError, match=r"cannot read big.csv as CSV \(field larger"):
        read_customer_list(data, "big.csv")
