"""A shop system's customer list saved into the store: matched by identity, value
replaced, tags added, merges as messages make them; the same list twice changes nothing."""

from __future__ import annotations

from inbox_app.core.customer_list import read_customer_list
from inbox_app.core.identity import identity_refs
from inbox_app.core.models import CustomerRecord, IdentityRef
from inbox_app.customer_import import import_customer_csv, save_customer_list
from inbox_app.store import QueueQuery
from tests.conftest import FIXTURES

from .helpers import msg


def record(row: int, *refs: tuple[str, str], name: str = "", value: float | None = None,
           tags: tuple[str, ...] = (), note: str = "") -> CustomerRecord:
    identities = []
    for kind, value_text in refs:
        if kind == "email":
            identities.extend(identity_refs("email", email=value_text))
        elif kind == "phone":
            identities.extend(identity_refs("phone", phone=value_text))
        else:
            identities.extend(identity_refs(kind, handle=value_text))
    return CustomerRecord(row, name, tuple(identities), value, tags, note)


def outcomes(results) -> list[str]:
    return [result.outcome for result in results]


def test_a_customer_who_wrote_is_found_by_address_and_gets_value_tags_and_note(store):
    store.save_messages([msg("1", "Where is my order?", email="ann@example.com", author="ann")])
    ann = store.find_customer("ann@example.com")
    results = store.save_customer_records(
        [record(2, ("email", "ANN@example.com"), ("phone", "(207) 555-0101"), name="Ann Chen",
                value=1250.5, tags=("VIP",), note="Prefers whole beans")],
        tags=("shopify",), staff=None)
    assert [(r.row, r.outcome, r.customer_id) for r in results] == [(2, "updated", ann.id)]
    after = store.get_customer(ann.id)
    assert after.value == 1250.5
    assert after.tags == ("shopify", "VIP")
    assert sorted(i.value for i in after.identities) == ["+12075550101", "ann@example.com"]
    assert after.name == "ann"  # a name a person wrote is theirs to keep
    assert [n.text for n in store.notes(customer_id=ann.id)] == ["Prefers whole beans"]
    assert store.stats()["customers"] == 1


def test_the_same_list_again_changes_nothing(store):
    records = [record(2, ("email", "ann@example.com"), name="Ann", value=10.0, tags=("VIP",),
                      note="Hello"),
               record(3, ("phone", "207 555 0102"), name="Ben", value=None)]
    assert outcomes(store.save_customer_records(records)) == ["new", "new"]
    before = store.stats(), store._rows("SELECT action, COUNT(*) AS n FROM events GROUP BY action"
                                         " ORDER BY action")
    assert outcomes(store.save_customer_records(records)) == ["unchanged", "unchanged"]
    after = store.stats(), store._rows("SELECT action, COUNT(*) AS n FROM events GROUP BY action"
                                        " ORDER BY action")
    assert before == after
    assert len(store.notes(customer_id=store.find_customer("ann@example.com").id)) == 1


def test_a_newer_list_replaces_the_value_and_adds_tags_without_taking_any_away(store):
    store.save_customer_records([record(2, ("email", "ann@example.com"), value=100.0,
                                        tags=("VIP",))])
    store.save_customer_records([record(2, ("email", "ann@example.com"), value=160.0,
                                        tags=("wholesale",))])
    ann = store.find_customer("ann@example.com")
    assert (ann.value, ann.tags) == (160.0, ("VIP", "wholesale"))
    # A row without a value (an empty cell) leaves the value alone.
    store.save_customer_records([record(2, ("email", "ann@example.com"), value=None)])
    assert store.find_customer("ann@example.com").value == 160.0


def test_a_new_customer_is_known_when_their_first_message_arrives(store):
    (result,) = store.save_customer_records(
        [record(2, ("email", "cara@example.com"), ("phone", "+1 207 555 0103"),
                name="Cara Diaz", value=75.0, tags=("subscriber",))])
    assert result.outcome == "new"
    assert store.get_customer(result.customer_id).messages == 0
    store.save_messages([msg("c1", "My subscription box was crushed", kind="phone",
                             phone="(207) 555-0103")])
    (row,) = store.queue(QueueQuery(filter="open"))
    assert (row.customer_id, row.customer_name) == (result.customer_id, "Cara Diaz")
    cara = store.get_customer(result.customer_id)
    assert (cara.value, cara.tags, cara.messages) == (75.0, ("subscriber",), 1)
    assert store.list_customers(search="Diaz")[0].id == cara.id  # searchable by name


def test_identities_of_two_customers_on_one_row_merge_them(store):
    store.save_messages([msg("1", email="dev@example.com", author="Dev"),
                         msg("2", kind="phone", phone="207 555 0104")])
    assert store.stats()["customers"] == 2
    (result,) = store.save_customer_records(
        [record(2, ("email", "dev@example.com"), ("phone", "207 555 0104"), value=30.0)])
    assert result.outcome == "updated"
    assert store.stats()["customers"] == 1
    dev = store.get_customer(result.customer_id)
    assert dev.value == 30.0 and dev.messages == 2


def test_customers_a_person_split_apart_are_not_joined_again(store):
    store.save_messages([msg("1", email="eli@example.com", phone="207 555 0105", author="Eli")])
    eli = store.find_customer("eli@example.com")
    phone = next(i for i in eli.identities if i.kind == "phone")
    store.split_identity(phone.id)
    results = store.save_customer_records(
        [record(2, ("email", "eli@example.com"), ("phone", "207 555 0105"), value=5.0),
         record(3, ("email", "eli@example.com"), value=6.0)])
    assert outcomes(results) == ["skipped", "updated"]
    assert "split apart" in results[0].reason
    assert store.stats()["customers"] == 2
    assert store.find_customer("eli@example.com").value == 6.0


def test_a_name_the_app_made_up_is_replaced_by_the_lists(store):
    store.save_messages([msg("1", kind="phone", phone="+1 207 555 0106")])
    customer = store.find_customer("+12075550106")
    assert customer.name != "Fay Gray"
    store.save_customer_records([record(2, ("phone", "207-555-0106"), name="Fay Gray")])
    assert store.get_customer(customer.id).name == "Fay Gray"
    assert store.find_customer("Fay Gray").id == customer.id  # and the search index follows


def test_social_handles_match_the_identities_channels_store(store):
    store.save_messages([msg("m1", kind="mastodon", handle="@gus@social.example",
                             author="Gus"),
                         msg("b1", kind="bluesky", handle="gus.bsky.social", author="Gus H")])
    results = store.save_customer_records(
        [record(2, ("mastodon", "@Gus@social.example"), value=12.0),
         record(3, ("bluesky", "@gus.bsky.social"), value=13.0)])
    assert outcomes(results) == ["updated", "updated"]
    assert store.stats()["customers"] == 2


def test_the_shopify_fixture_imports_and_reports_its_bad_rows(store):
    errors = []
    summary = import_customer_csv(store, FIXTURES / "customers" / "shopify.csv",
                                  tags=["shopify"], on_error=errors.append)
    assert (summary.new, summary.updated, summary.unchanged) == (3, 0, 0)
    assert [error.line for error in summary.errors] == [4, 5] == [e.line for e in errors]
    assert summary.line() == "new 3, updated 0, unchanged 0, errors 2"
    again = import_customer_csv(store, FIXTURES / "customers" / "shopify.csv", tags=["shopify"])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    ben = store.find_customer("ben@example.com")
    assert (ben.name, ben.value, ben.tags) == ("Ben Brook", 3400.0, ("shopify", "wholesale"))
    assert store.find_customer("+1 207 555 0102").id == ben.id


def test_a_large_list_is_saved_in_batches(store):
    header = (FIXTURES / "customers" / "shopify.csv").read_text().splitlines()[0]
    rows = [f"'{n},Name{n},Last,person{n}@example.com,,,,,,,,,,,no,{n}.50,1,,no,"
            for n in range(1234)]
    table = read_customer_list("\n".join([header, *rows]).encode(), "big.csv")
    calls = []
    original = store.save_customer_records

    def counting(records, **kwargs):
        calls.append(len(records))
        return original(records, **kwargs)

    store.save_customer_records = counting
    summary = save_customer_list(store, table)
    assert summary.new == 1234 and calls == [500, 500, 234]
    assert store.find_customer("person1233@example.com").value == 1233.5


def test_identity_refs_in_records_are_what_channels_make(store):
    # The list's identities are normalized as channels normalize theirs (sanity check of the
    # builder above, which the tests share with the file reader).
    assert record(1, ("email", "A@B.example")).identities == (
        IdentityRef("email", "a@b.example", "A@B.example"),)


def test_the_most_valuable_customers_who_wrote_in_a_period(store):
    from inbox_app.core.timeutil import parse_iso

    store.save_customer_records([record(2, ("email", "ann@example.com"), value=900.0),
                                 record(3, ("email", "ben@example.com"), value=2500.0),
                                 record(4, ("email", "cy@example.com"), value=10.0)])
    store.save_messages([msg("a1", "Lovely beans", email="ann@example.com",
                             at="2026-03-02T10:00:00Z"),
                         msg("b1", "Terrible, the order is wrong", email="ben@example.com",
                             at="2026-03-03T10:00:00Z"),
                         msg("b2", "Still waiting", email="ben@example.com",
                             at="2026-03-04T10:00:00Z"),
                         msg("c1", "Hi", email="cy@example.com", at="2026-02-04T10:00:00Z")])
    ben = store.find_customer("ben@example.com")
    store.close_conversation(store.queue(QueueQuery(filter="open", search="Terrible"))[0]
                             .conversation_id)
    rows = store.valuable_customers(parse_iso("2026-03-01T00:00:00Z"),
                                    parse_iso("2026-04-01T00:00:00Z"), 10)
    assert [(r["customer"], r["value"], r["inbound"], r["scored"], r["waiting"])
            for r in rows] == [(ben.id, 2500.0, 2, 2, 1),
                               (store.find_customer("ann@example.com").id, 900.0, 1, 1, 1)]
    assert rows[0]["compound_sum"] < 0 < rows[1]["compound_sum"]
