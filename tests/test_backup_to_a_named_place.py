"""`inbox-app backup --out PLACE` as a shop owner or a nightly cron job types it: onto last
night's copy (replaced), onto a file that is not a backup (refused: it is someone's
document), into a folder named with a trailing slash that is not there yet."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from inbox_app.cli import main
from inbox_app.store import open_store


def shop(tmp_path: Path, *staff: str) -> Path:
    db = tmp_path / "inbox.db"
    for name in staff:
        assert main(["--db", str(db), "staff", "add", name]) == 0
    return db


def staff_in(path: Path) -> list[str]:
    store = open_store(path)
    try:
        return [member.name for member in store.list_staff()]
    finally:
        store.close()


def test_last_nights_copy_is_replaced_by_tonights(tmp_path, capsys):
    db = shop(tmp_path, "Maya")
    nightly = tmp_path / "usb" / "inbox-copy.db"
    nightly.parent.mkdir()  # the stick, mounted
    assert main(["--db", str(db), "backup", "--out", str(nightly)]) == 0
    assert main(["--db", str(db), "staff", "add", "Theo"]) == 0
    assert main(["--db", str(db), "backup", "--out", str(nightly)]) == 0
    assert staff_in(nightly) == ["Maya", "Theo"]
    assert sorted(path.name for path in nightly.parent.iterdir()) == ["inbox-copy.db"]


def test_a_file_that_is_not_a_backup_is_never_written_over(tmp_path, capsys):
    db = shop(tmp_path, "Maya")
    letter = tmp_path / "letter to the bank.odt"
    letter.write_bytes(b"PK\x03\x04 the only copy of a letter")
    other = tmp_path / "recipes.db"  # another program's SQLite file
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    for victim in (letter, other):
        before = victim.read_bytes()
        capsys.readouterr()
        assert main(["--db", str(db), "backup", "--out", str(victim)]) == 2
        err = capsys.readouterr().err
        assert "is not a backup of an inbox_app store" in err, err
        assert len(err.strip().splitlines()) == 1
        assert victim.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["inbox.db", letter.name, other.name])


def test_a_folder_named_with_a_slash_is_made_and_the_backup_goes_in_it(tmp_path, capsys):
    db = shop(tmp_path, "Maya")
    capsys.readouterr()
    assert main(["--db", str(db), "backup", "--out", f"{tmp_path / 'usb' / 'shop'}/"]) == 0
    folder = tmp_path / "usb" / "shop"
    assert folder.is_dir()
    [made] = folder.iterdir()
    assert made.name.startswith("inbox-") and made.suffix == ".db"
    assert capsys.readouterr().out.strip() == f"backed up to {made}"
    assert staff_in(made) == ["Maya"]


def test_a_copy_cut_short_last_night_is_replaced_tonight(tmp_path):
    db = shop(tmp_path, "Maya")
    nightly = tmp_path / "inbox-copy.db"
    assert main(["--db", str(db), "backup", "--out", str(nightly)]) == 0
    with open(nightly, "r+b") as file:  # the USB stick was pulled out
        file.truncate(4096)
    assert main(["--db", str(db), "backup", "--out", str(nightly)]) == 0
    assert staff_in(nightly) == ["Maya"]


def test_a_store_in_use_is_not_replaced_by_a_backup(tmp_path, capsys):
    db = shop(tmp_path, "Maya")
    other = tmp_path / "other shop.db"
    assert main(["--db", str(other), "staff", "add", "Zoë"]) == 0
    window = open_store(other)  # the other shop's window is open on it
    try:
        capsys.readouterr()
        assert main(["--db", str(db), "backup", "--out", str(other)]) == 2
        assert "is a store in use" in capsys.readouterr().err
        assert [member.name for member in window.list_staff()] == ["Zoë"]
    finally:
        window.close()


def test_a_team_store_backed_up_without_a_place_is_told_about_out(pg_url, tmp_path, capsys):
    """On PostgreSQL `backup --out FILE` makes a SQLite copy (README, Team mode); without
    --out the refusal named only pg_dump, as if the command could not back it up at all."""
    assert main(["--db", pg_url, "backup"]) == 2
    err = capsys.readouterr().err
    assert "--out FILE" in err and "pg_dump" in err and len(err.strip().splitlines()) == 1
    copy = tmp_path / "team copy.db"
    assert main(["--db", pg_url, "backup", "--out", str(copy)]) == 0
    assert staff_in(copy) == []
