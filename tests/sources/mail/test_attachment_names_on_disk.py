"""An attachment's name is the sender's to choose: saved, it must stay in the chosen folder,
be a name the disk takes, show its real type, and never take another file's place."""

from __future__ import annotations

import pytest

from inbox_app.sources import mail_files
from inbox_app.sources.mail_files import MailAttachment, safe_filename, save_attachment


def attachment(name: str) -> MailAttachment:
    return MailAttachment(number=1, message_id=1, name=name, size=3,
                          content_type="application/octet-stream", occurrence=0)


@pytest.fixture
def fetched(monkeypatch):
    """The mail server, as far as saving is concerned: it gives these bytes."""
    monkeypatch.setattr(mail_files, "fetch_attachment", lambda store, chosen: b"new")


@pytest.mark.parametrize("name, shown", [
    ("invoice\u202egpj.exe", "invoicegpj.exe"),  # shown as "invoiceexe.jpg"
    ("photo\u2067\u200b.jpg\u2069.exe", "photo.jpg.exe"),
    ("invoice.pdf" + " " * 60 + ".exe", "invoice.pdf .exe"),
    ("notes.txt. . ", "notes.txt"),  # Windows drops the dots: it would have no type
])
def test_a_name_shows_its_real_type(name, shown):
    assert safe_filename(name) == shown


@pytest.mark.parametrize("name", ["CON", "nul.txt", "Com1.tar.gz", "LPT9", "aux "])
def test_a_device_name_of_windows_is_not_written_to_the_device(name):
    assert safe_filename(name).startswith("_")


@pytest.mark.parametrize("name", ["é" * 300 + ".pdf", "見積書" * 100 + ".xlsx", "a" * 400 + ".pdf"])
def test_a_long_name_fits_the_disk_and_keeps_its_type(fetched, tmp_path, name):
    """Names are limited to 255 bytes, not characters: 200 é's were refused by the disk."""
    kept = safe_filename(name)
    assert len(kept.encode("utf-8")) <= 200
    assert kept.endswith(name[name.rindex("."):])
    first = save_attachment(None, attachment(name), tmp_path)
    second = save_attachment(None, attachment(name), tmp_path)
    assert first.parent == second.parent == tmp_path and first != second
    assert first.read_bytes() == second.read_bytes() == b"new"


def test_a_file_named_like_the_one_being_written_is_left_alone(fetched, tmp_path):
    """Saving wrote to "<name>.partial" beside the target, over whatever had that name,
    and through it when it was a link to a file elsewhere."""
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep me")
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "photo.jpg.partial").symlink_to(elsewhere)
    (folder / "photo (2).jpg.partial").write_bytes(b"a download of its own")
    (folder / "photo.jpg").write_bytes(b"older photo")
    saved = save_attachment(None, attachment("photo.jpg"), folder)
    assert saved == folder / "photo (2).jpg" and saved.read_bytes() == b"new"
    assert elsewhere.read_bytes() == b"keep me"
    assert (folder / "photo.jpg").read_bytes() == b"older photo"
    assert (folder / "photo (2).jpg.partial").read_bytes() == b"a download of its own"
    assert sorted(p.name for p in folder.iterdir()) == [
        "photo (2).jpg", "photo (2).jpg.partial", "photo.jpg", "photo.jpg.partial"]
