"""An export replaces an earlier export of the same name (a monthly cron job writes one
name), but never the store, its write-ahead log or a document of another kind that a
slip of the finger named: those were lost for good, with "exported 8 conversations"."""

from __future__ import annotations

import zipfile

import pytest

from inbox_app.cli import main
from inbox_app.exports import export_conversations, export_customers
from inbox_app.store import StoreError, open_store
from tests.store.helpers import msg


@pytest.fixture
def shop(tmp_path):
    store = open_store(tmp_path / "shop.db")
    store.save_messages([msg("e1", "Where is my order?", email="ann@example.com",
                             author="Ann Lee")])
    yield store
    store.close()


def test_the_store_itself_is_never_replaced_by_an_export(shop, tmp_path):
    before = (tmp_path / "shop.db").read_bytes()[:16]
    with pytest.raises(StoreError, match="the store itself.*nothing was written"):
        export_conversations(shop, tmp_path / "shop.db")
    assert (tmp_path / "shop.db").read_bytes()[:16] == before == b"SQLite format 3\x00"
    assert shop.find_customer("ann@example.com") is not None


def test_the_stores_write_ahead_log_is_never_replaced(shop, tmp_path):
    log = tmp_path / "shop.db-wal"
    assert log.exists()
    with pytest.raises(StoreError, match="the store itself"):
        export_customers(shop, log, "csv")
    assert not log.read_bytes().startswith(b"\xef\xbb\xbfcustomer")


def test_the_store_reached_by_another_name_is_refused(shop, tmp_path):
    (tmp_path / "link.db").symlink_to(tmp_path / "shop.db")
    with pytest.raises(StoreError, match="the store itself"):
        export_customers(shop, tmp_path / "link.db", "vcard")
    assert (tmp_path / "shop.db").read_bytes()[:16] == b"SQLite format 3\x00"


def test_another_programs_database_is_left_alone(shop, tmp_path):
    other = open_store(tmp_path / "other.db")
    other.close()
    with pytest.raises(StoreError, match=r"other\.db: it is there already and is a database"):
        export_customers(shop, tmp_path / "other.db", "csv")
    assert (tmp_path / "other.db").read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF"),
    ("books.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an Office document"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "not text"),
])
def test_a_document_of_another_kind_is_left_alone(shop, tmp_path, name, content, kind):
    target = tmp_path / name
    target.write_bytes(content)
    with pytest.raises(StoreError, match=f"is there already and is {kind}"):
        export_conversations(shop, target)
    assert target.read_bytes() == content


def test_a_workbook_is_left_alone(shop, tmp_path):
    target = tmp_path / "accounts.ods"
    with zipfile.ZipFile(target, "w") as workbook:
        workbook.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    content = target.read_bytes()
    with pytest.raises(StoreError, match="is a workbook or another zipped file"):
        export_customers(shop, target, "csv")
    assert target.read_bytes() == content


@pytest.mark.parametrize("fmt", ["csv", "vcard"])
def test_an_earlier_export_or_a_text_file_is_replaced(shop, tmp_path, fmt):
    target = tmp_path / "customers.txt"
    target.write_text("last month's list, saved by Excel as UTF-16\n", encoding="utf-16")
    assert export_customers(shop, target, fmt) == 1
    assert export_customers(shop, target, fmt) == 1  # the same export twice: replaced
    assert "Ann Lee" in target.read_text(encoding="utf-8-sig")


def test_the_command_says_so_in_one_sentence_and_keeps_the_store(shop, tmp_path, capsys):
    code = main(["--db", str(tmp_path / "shop.db"), "export", "conversations",
                 "--out", str(tmp_path / "shop.db")])
    assert code != 0
    err = capsys.readouterr().err
    assert "the store itself" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert (tmp_path / "shop.db").read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize(("name", "fmt", "named"), [
    ("customers.xlsx", "csv", "customers.csv"), ("contacts.numbers", "vcard", "contacts.vcf")])
def test_a_workbooks_name_is_refused_since_spreadsheets_refuse_text_under_it(
        shop, tmp_path, name, fmt, named):
    with pytest.raises(StoreError, match=f"nothing was written \\(name it {named}\\)"):
        export_customers(shop, tmp_path / name, fmt)
    assert not (tmp_path / name).exists()
