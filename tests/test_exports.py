"""Exports: the conversation list as CSV, customers as CSV and vCard; the CLI commands."""

from __future__ import annotations

import csv
import io
import os
import stat
import threading
from dataclasses import replace

import pytest

from inbox_app.cli import main
from inbox_app.core.timeutil import parse_iso
from inbox_app.exports import (
    export_conversations,
    export_customers,
    fold,
    safe_cell,
    vcard,
    vcard_text,
)
from inbox_app.store import QueueQuery, StoreError
from tests.store.helpers import msg

T0 = "2026-03-01T10:00:00Z"


@pytest.fixture
def shop(store):
    store.add_staff("Maya")
    store.save_messages([
        msg("a1", "Where is my order?", email="ann@example.com", author="Ann Lee",
            thread="order", at=T0),
        msg("a2", "Any news?", email="ann@example.com", author="Ann Lee", thread="order",
            at="2026-03-01T10:30:00Z"),
        msg("a3", "On its way today!", direction="out", staff="Maya", thread="order",
            at="2026-03-01T11:15:00Z"),
        msg("b1", "=HYPERLINK(\"http://evil\",\"click\") call me", phone="+1 207 555 0142",
            kind="phone", author="Bo Chen", at="2026-03-02T09:00:00Z"),
        msg("c1", "Love the beans", kind="mastodon", handle="@cat@mastodon.social",
            followers=1200, author="Cat", at="2026-03-03T09:00:00Z"),
    ])
    order = store.conversation_ids_for_threads(["order"])["order"]
    store.close_conversation(order, staff="Maya", at=parse_iso("2026-03-01T12:00:00Z"))
    ann = store.find_customer("ann@example.com")
    store.tag_customer(ann.id, "VIP")
    store.tag_customer(ann.id, "wholesale, north")
    store.set_customer_value(ann.id, 1250.5)
    return store


def read_csv(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_one_row_per_conversation_with_response_and_resolution(shop, tmp_path):
    out = tmp_path / "conversations.csv"
    assert export_conversations(shop, out) == 3
    rows = {row["customer"]: row for row in read_csv(out)}
    order = rows["Ann Lee"]
    assert order["channel"] == "Email"
    assert order["messages"] == "3"
    assert order["first_response_minutes"] == "75.0"   # 10:00 → 11:15
    assert order["resolution_minutes"] == "120.0"      # 10:00 → 12:00
    assert order["status"] == "closed" and order["first_message_at"] == "2026-03-01 10:00:00"
    unanswered = rows["Bo Chen"]
    assert unanswered["first_response_minutes"] == "" and unanswered["resolution_minutes"] == ""
    assert not (tmp_path / "conversations.csv.partial").exists()


def test_a_queue_view_exports_only_its_conversations(shop, tmp_path):
    out = tmp_path / "open.csv"
    assert export_conversations(shop, out, QueueQuery(filter="open", kind="phone")) == 1
    assert [row["channel"] for row in read_csv(out)] == ["Phone"]


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+2", "'=1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("-42.5", "-42.5"), ("+1 (207) 555-0142", "+1 (207) 555-0142"), ("plain", "plain"),
    ("\tx", "'\tx"), (12, 12),
])
def test_cells_never_run_as_formulas(cell, written):
    assert safe_cell(cell) == written


def test_customers_as_csv(shop, tmp_path):
    out = tmp_path / "customers.csv"
    assert export_customers(shop, out, "csv") == 3
    rows = {row["name"]: row for row in read_csv(out)}
    ann = rows["Ann Lee"]
    assert ann["emails"] == "ann@example.com"
    assert ann["tags"] == "VIP; wholesale, north"
    assert ann["value"] == "1250.50" and ann["messages"] == "2"
    assert rows["Bo Chen"]["phones"] == "(207) 555-0142"
    assert rows["Cat"]["social"] == "mastodon:@cat@mastodon.social"
    assert rows["Cat"]["followers"] == "1200"


def test_the_customer_csv_imports_back_into_another_store(shop, tmp_path):
    from inbox_app.customer_import import import_customer_csv
    from inbox_app.store import open_store

    out = tmp_path / "customers.csv"
    export_customers(shop, out, "csv")
    other = open_store(tmp_path / "other.db")
    try:
        summary = import_customer_csv(other, out)
        assert (summary.new, summary.errors) == (3, [])

        def people(store):
            return sorted((c.name, c.value, c.tags, sorted((i.kind, i.value) for i in
                                                           c.identities))
                          for c in store.list_customers())

        assert people(other) == people(shop)
    finally:
        other.close()


def test_customers_as_vcard(shop, tmp_path):
    out = tmp_path / "customers.vcf"
    assert export_customers(shop, out, "vcard") == 3
    data = out.read_bytes()
    assert data.count(b"BEGIN:VCARD\r\n") == 3 and data.count(b"END:VCARD\r\n") == 3
    text = data.decode("utf-8")
    assert "FN:Ann Lee\r\nN:Lee;Ann;;;\r\n" in text
    assert "EMAIL;TYPE=INTERNET:ann@example.com\r\n" in text
    assert "CATEGORIES:VIP,wholesale\\, north\r\n" in text
    assert "TEL;TYPE=VOICE:+12075550142\r\n" in text
    assert "X-SOCIALPROFILE;TYPE=mastodon:https://mastodon.social/@cat\r\n" in text
    assert "NOTE:2 messages\\; first wrote 2026-03-01\\; value 1250.50\r\n" in text


def test_vcard_escapes_and_folds_long_lines_without_splitting_characters():
    assert vcard_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "NOTE:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    card = vcard({"id": 9, "name": "ann@example.com", "identities": [], "tags": [],
                  "message_count": 1, "first_inbound_at": None, "value": None,
                  "influence": None})
    assert "N:;ann@example.com;;;\r\n" in card


def test_an_unwritable_target_is_one_sentence(shop, tmp_path):
    with pytest.raises(StoreError, match="Cannot write"):
        export_conversations(shop, tmp_path / "missing" / "x.csv")


def test_export_commands(shop, db_path, tmp_path, capsys):
    shop.close()
    out = tmp_path / "c.csv"
    assert main(["--db", str(db_path), "export", "conversations", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"exported 3 conversations to {out}"
    assert len(read_csv(out)) == 3
    assert main(["--db", str(db_path), "export", "conversations", "--filter", "closed",
                 "--out", str(out)]) == 0
    assert len(read_csv(out)) == 1
    vcf = tmp_path / "c.vcf"
    assert main(["--db", str(db_path), "export", "customers", "--format", "vcard",
                 "--out", str(vcf)]) == 0
    assert "exported 3 customers" in capsys.readouterr().out
    assert vcf.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3
    assert main(["--db", str(db_path), "export", "conversations", "--format", "vcard",
                 "--out", str(vcf)]) == 2
    assert capsys.readouterr().err == "inbox-app: Conversations export as CSV (--format csv).\n"
    assert main(["--db", str(db_path), "export", "customers",
                 "--out", str(tmp_path / "no" / "x.csv")]) == 2
    assert capsys.readouterr().err.startswith("inbox-app: Cannot write ")


def test_a_number_kept_as_its_digits_exports_as_kept_and_imports_back_unchanged(store, tmp_path):
    """0151 2345678 cannot be made international for the US: stored as 01512345678, it was
    exported as "+1 01512345678", which the import read as another customer."""
    from inbox_app.customer_import import import_customer_csv

    store.save_messages([msg("d1", "Preisliste?", kind="phone", phone="0151 2345678",
                             author="Jörg Müller"),
                         msg("e1", "Hi", kind="phone", phone="(207) 555-0142", author="Bo")])
    out = tmp_path / "customers.csv"
    export_customers(store, out, "csv")
    assert {row["name"]: row["phones"] for row in read_csv(out)} == {
        "Jörg Müller": "01512345678", "Bo": "(207) 555-0142"}
    summary = import_customer_csv(store, out)
    assert (summary.new, summary.updated, summary.unchanged, summary.errors) == (0, 0, 2, [])


def test_a_pipe_is_written_into_and_a_folder_is_refused(shop, tmp_path):
    """Renaming a finished file over a named pipe (or, as root, over /dev/null) put a plain
    file in its place: a script reading the pipe got nothing, and /dev/null was gone."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    assert export_conversations(shop, pipe) == 3
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert received[0].decode("utf-8-sig").count("\n") == 4
    with pytest.raises(StoreError, match="it is a folder; name a file in it"):
        export_conversations(shop, tmp_path)
    assert not [p.name for p in tmp_path.iterdir() if "partial" in p.name]


def test_an_out_of_office_answer_starts_no_reply_clock_in_the_export(store, tmp_path):
    """As in the monthly summary: the customer's out-of-office, read before they really
    wrote, is not when the shop's first response is counted from."""
    store.save_messages([
        msg("shipped", "Your order shipped", thread="T", direction="out", staff="Maya",
            at="2026-03-05T10:00:00Z"),
        replace(msg("away", "I am out of the office until Monday", thread="T",
                    email="ann@x.org", author="Ann", at="2026-03-05T10:05:00Z"),
                meta={"auto": "auto-reply"}),
        msg("asks", "Thanks, when will it arrive?", thread="T", email="ann@x.org",
            author="Ann", at="2026-03-10T10:00:00Z"),
        msg("answer", "Thursday.", thread="T", direction="out", staff="Maya",
            at="2026-03-10T11:00:00Z"),
    ])
    out = tmp_path / "conversations.csv"
    assert export_conversations(store, out) == 1
    [row] = read_csv(out)
    assert row["first_response_minutes"] == "60.0"
