"""The customer CSV export imports back, whatever a channel calls a person: identities
whose shown name is not their handle (a Telegram user id, a Mastodon author of a feed,
a handle that came with an email) and a Bluesky DID. The vCard links only to profiles
that exist."""

from __future__ import annotations

import csv
import io

from inbox_app.core.models import IdentityRef, IncomingMessage
from inbox_app.core.timeutil import parse_iso
from inbox_app.customer_import import import_customer_csv
from inbox_app.exports import export_customers
from inbox_app.store import open_store
from tests.store.helpers import msg


def written_by(kind: str, refs: tuple[IdentityRef, ...], author: str, external_id: str):
    """A message as a channel module saves it, with the identities it names."""
    return IncomingMessage(
        kind=kind, external_id=external_id, text="Hello", at=parse_iso("2026-03-01T10:00:00Z"),
        account="", direction="in", thread=None, refs=(), author_name=author,
        identities=refs, staff=None, labels=(), title=None)


def people(store):
    return sorted((c.name, sorted((i.kind, i.value) for i in c.identities))
                  for c in store.list_customers())


def fill(store):
    store.save_messages([
        # Telegram: the user id is the identity, shown by the person's name (no username)
        written_by("telegram", (IdentityRef("telegram", "123456789", "Tom Tel"),),
                   "Tom Tel", "t1"),
        # a Mastodon status seen in a feed: shown by the author's name
        written_by("feed", (IdentityRef("mastodon", "fay@mastodon.social", "Fay Feed"),),
                   "Fay Feed", "f1"),
        # Bluesky: the DID, shown by the handle, and the handle itself
        written_by("bluesky", (IdentityRef("bluesky", "did:plc:abc123", "bob.bsky.social"),
                               IdentityRef("bluesky", "bob.bsky.social", "bob.bsky.social")),
                   "Bob", "b1"),
        # an email message that also names a handle
        msg("e1", "Hi", email="ann@example.com", handle="@annie", author="Ann"),
    ])


def test_every_identity_exports_as_something_the_import_reads_back(tmp_path):
    """"telegram:Tom Tel", "mastodon:Fay Feed" and "handle:@annie" were written, and the
    import refused those rows ("'Tom Tel' is not a handle"); the DID was written as the
    handle, so the customer came back without it."""
    shop = open_store(tmp_path / "shop.db")
    other = open_store(tmp_path / "other.db")
    try:
        fill(shop)
        out = tmp_path / "customers.csv"
        export_customers(shop, out, "csv")
        again = import_customer_csv(shop, out)
        assert (again.new, again.updated, again.errors) == (0, 0, [])
        moved = import_customer_csv(other, out)
        assert (moved.new, moved.errors) == (4, [])
        assert people(other) == people(shop)
    finally:
        shop.close()
        other.close()


def test_a_handle_shown_as_written_stays_so_in_the_export(tmp_path):
    shop = open_store(tmp_path / "shop.db")
    try:
        shop.save_messages([msg("c1", "Love the beans", kind="mastodon",
                                handle="@Cat@Mastodon.social", author="Cat")])
        out = tmp_path / "customers.csv"
        export_customers(shop, out, "csv")
        text = out.read_text(encoding="utf-8-sig")
        assert next(csv.DictReader(io.StringIO(text)))["social"] == \
            "mastodon:@Cat@Mastodon.social"
    finally:
        shop.close()


def test_a_telegram_user_without_a_username_is_no_t_me_link(tmp_path):
    """t.me/123456789 is nobody's page: t.me links go to usernames, which start with a
    letter; a user known by number opens with tg://user?id=."""
    shop = open_store(tmp_path / "shop.db")
    try:
        fill(shop)
        shop.save_messages([written_by(
            "telegram", (IdentityRef("telegram", "555", "@tina_t"),
                         IdentityRef("telegram", "tina_t", "@tina_t")), "Tina", "t2")])
        out = tmp_path / "customers.vcf"
        export_customers(shop, out, "vcard")
        text = out.read_bytes().decode("utf-8")
        assert "t.me/123456789" not in text and "t.me/555" not in text
        assert "X-SOCIALPROFILE;TYPE=telegram:tg://user?id=123456789\r\n" in text
        assert "X-SOCIALPROFILE;TYPE=telegram:https://t.me/tina_t\r\n" in text
    finally:
        shop.close()


def test_names_the_export_guards_against_formulas_come_back_as_they_were(tmp_path):
    """A customer named after their handle ("@cat@mastodon.social") is exported as
    "'@cat@mastodon.social", so a spreadsheet shows it as text; importing the file again
    renamed the customer to that, apostrophe and all ("updated 1")."""
    shop = open_store(tmp_path / "shop.db")
    other = open_store(tmp_path / "other.db")
    try:
        shop.save_messages([
            msg("c1", "Hi", kind="mastodon", handle="@cat@mastodon.social"),
            msg("z1", "Hi", email="zed@example.com", author="=Zed"),
            msg("m1", "Hi", email="minus@example.com", author="-Minus-"),
        ])
        out = tmp_path / "customers.csv"
        export_customers(shop, out, "csv")
        again = import_customer_csv(shop, out)
        assert (again.updated, again.unchanged) == (0, 3)
        import_customer_csv(other, out)
        assert sorted(c.name for c in other.list_customers()) == \
            ["-Minus-", "=Zed", "@cat@mastodon.social"]
    finally:
        shop.close()
        other.close()
