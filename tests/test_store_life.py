"""The store's life on the command line, where a shop owner or a cron job meets it: a
restore onto a new computer, after damage, with paths that have spaces; `check --json`
on a store too broken to open; what `settings` says the phone region is."""

from __future__ import annotations

import json
import shlex
import sqlite3
from pathlib import Path

from inbox_app.backup import backup_now, restore
from inbox_app.cli import main
from inbox_app.store import open_store
from tests.conftest import without_root_powers


def journal_mode(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        connection.close()


def store_with_a_backup(folder: Path) -> tuple[Path, Path]:
    """A store holding one staff member, and a backup of it in its backups folder."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "inbox.db"
    assert main(["--db", str(db), "staff", "add", "Maya"]) == 0
    store = open_store(db)
    try:
        made = backup_now(store)
    finally:
        store.close()
    return db, made


def test_a_backup_restores_onto_a_new_computer_whose_data_folder_is_not_there_yet(
        tmp_path, capsys, monkeypatch):
    _db, made = store_with_a_backup(tmp_path / "old laptop")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new laptop" / "share"))
    capsys.readouterr()
    assert main(["restore", str(made)]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err == ""
    restored = tmp_path / "new laptop" / "share" / "inbox-app" / "inbox.db"
    assert "restored" in captured.out and str(restored) in captured.out
    main(["staff", "list"])
    assert capsys.readouterr().out.split() == ["Maya"]


def test_a_restored_store_runs_with_its_write_ahead_log_as_every_store_does(tmp_path):
    """A backup is a single file (no WAL); the store put back from it must be WAL again,
    or the window and a cron job block each other's reads."""
    db, made = store_with_a_backup(tmp_path)
    assert journal_mode(made) == "delete"
    with open(db, "r+b") as file:  # damaged: restore sets it aside, the backup is copied anew
        file.truncate(4096)
    restore(db, made)
    assert journal_mode(db) == "wal"
    fresh = tmp_path / "elsewhere" / "inbox.db"
    fresh.parent.mkdir()
    restore(fresh, made)
    assert journal_mode(fresh) == "wal"


def test_the_restore_command_named_for_a_damaged_store_can_be_pasted_into_a_shell(
        tmp_path, capsys):
    """macOS keeps the store in "~/Library/Application Support/inbox-app": a path with a
    space, which the command must quote."""
    folder = tmp_path / "Application Support" / "inbox-app"
    db, made = store_with_a_backup(folder)
    with open(db, "r+b") as file:
        file.truncate(4096)
    capsys.readouterr()
    assert main(["--db", str(db), "queue"]) == 2
    err = capsys.readouterr().err
    command = err.split("Put its newest backup back with: ", 1)[1].split("  (the damaged", 1)[0]
    assert shlex.split(command) == ["inbox-app", "--db", str(db), "restore", str(made)]


def test_move_store_names_the_new_store_so_it_can_be_pasted(tmp_path, capsys):
    db, _made = store_with_a_backup(tmp_path)
    target = tmp_path / "my shop" / "inbox.db"
    target.parent.mkdir()  # a folder not there is refused (tests/cli/test_move_store_…)
    capsys.readouterr()
    assert main(["--db", str(db), "move-store", "--to", str(target)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert shlex.split(last.removeprefix("Open it with: ")) == ["inbox-app", "--db", str(target)]


def test_check_json_answers_a_cron_job_when_the_store_is_too_damaged_to_open(tmp_path, capsys):
    db, made = store_with_a_backup(tmp_path)
    with open(db, "r+b") as file:
        file.truncate(4096)
    capsys.readouterr()
    assert main(["--db", str(db), "check", "--json"]) == 2
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["sound"] is False and report["problem"]
    assert report["location"] == str(db) and report["newest_backup"] == str(made)
    assert report["check"] == "quick"
    assert "is damaged" in captured.err and len(captured.err.strip().splitlines()) == 1


def test_settings_shows_the_phone_region_numbers_will_be_read_in(tmp_path, capsys,
                                                                 monkeypatch):
    """A store without phone numbers reads them in this computer's region (German locale:
    DE); `settings` must say so rather than the US it does not use."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    db = str(tmp_path / "laden.db")
    assert main(["--db", db, "staff", "add", "Hans"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "settings"]) == 0
    assert 'phone_region = "DE"' in capsys.readouterr().out.splitlines()
    assert main(["--db", db, "settings", "phone_region"]) == 0
    assert capsys.readouterr().out.strip() == '"DE"'
    monkeypatch.setenv("LANG", "en_GB.UTF-8")  # only looking: nothing was kept
    assert main(["--db", db, "settings", "phone_region"]) == 0
    assert capsys.readouterr().out.strip() == '"GB"'


def test_a_store_in_a_folder_named_with_a_hash_or_percent_is_backed_up_and_restored(tmp_path):
    """SQLite reads `file:` names as URIs: unescaped, "#1" would end the name there, and the
    check would look at a new, empty file beside the folder instead of the backup."""
    folder = tmp_path / "Shop #1 at 50%?"
    db, made = store_with_a_backup(folder)
    from inbox_app.backup import check_backup, check_pages

    with open(made, "r+b") as file:  # a copy cut short must fail its check
        file.truncate(4096)
    assert check_pages(made) is not None
    store = open_store(db)
    try:
        good = backup_now(store)
    finally:
        store.close()
    assert check_backup(good)
    restore(db, good)
    assert [member.name for member in open_store(db).list_staff()] == ["Maya"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [folder.name]


def test_a_backup_never_overwrites_the_stores_write_ahead_log(tmp_path, capsys):
    """The log holds the latest changes until they reach the file: written over, they are
    lost, and a window reading it meets broken pages."""
    db, _made = store_with_a_backup(tmp_path)
    store = open_store(db)  # open, so the log is there, holding a change
    try:
        store.add_staff("Theo")
        for companion in ("-wal", "-shm", "-journal"):
            target = tmp_path / f"inbox.db{companion}"
            before = target.read_bytes() if target.exists() else None
            capsys.readouterr()
            assert main(["--db", str(db), "backup", "--out", str(target)]) == 2
            assert "cannot overwrite the store" in capsys.readouterr().err
            assert (target.read_bytes() if target.exists() else None) == before
        assert [member.name for member in store.list_staff()] == ["Maya", "Theo"]
    finally:
        store.close()


def test_a_store_that_cannot_be_written_is_one_sentence_not_a_traceback(tmp_path):
    """A store copied from a read-only medium, or in a folder this user may not write:
    reading works, a change is refused in one sentence (not 'not an inbox_app store')."""
    import subprocess

    folder = tmp_path / "shop"
    db, _made = store_with_a_backup(folder)
    start = without_root_powers()
    root = Path(__file__).resolve().parents[1]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*start, "-m", "inbox_app", "--db", str(db), *args], cwd=root,
                              capture_output=True, text=True, timeout=60, check=False)

    folder.chmod(0o555)  # the write-ahead log cannot be made beside it
    try:
        refused = run("staff", "list")
        assert refused.returncode == 2, refused.stderr
        assert "not an inbox_app store" not in refused.stderr
        assert "read-only" in refused.stderr and len(refused.stderr.splitlines()) == 1
    finally:
        folder.chmod(0o755)
    db.chmod(0o444)
    assert run("stats").returncode == 0
    refused = run("staff", "add", "Theo")
    assert refused.returncode == 2, refused.stderr
    assert "Traceback" not in refused.stderr and "read-only" in refused.stderr
