"""A copy of the store made by hand while the app ran (or after it was killed) holds its
latest changes in the write-ahead log beside it, `inbox.db-wal`: copied with it, a
restore must bring those changes back. From a read-only medium (a stick locked shut, a
CD, a share mounted read-only) without the `-shm` index, SQLite could not open the copy
at all and the restore said it "is not an inbox_app store"; from a writable one it left
an index file beside the owner's copy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from inbox_app.cli import main
from inbox_app.store import open_store
from tests.conftest import without_root_powers

ROOT = Path(__file__).resolve().parents[1]


def copied_with_its_log(tmp_path: Path) -> tuple[Path, Path]:
    """The store with Maya and Theo copied to `usb/` (file and log, not the index) while it
    is open, Theo only in the log; then the store goes on to Priya."""
    db = tmp_path / "inbox.db"
    assert main(["--db", str(db), "staff", "add", "Maya"]) == 0
    store = open_store(db)
    try:
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
        store.add_staff("Theo")
        usb = tmp_path / "usb"
        usb.mkdir()
        copy = usb / "inbox.db"
        shutil.copyfile(db, copy)
        shutil.copyfile(f"{db}-wal", f"{copy}-wal")
    finally:
        store.close()
    assert Path(f"{copy}-wal").stat().st_size > 0
    assert main(["--db", str(db), "staff", "add", "Priya"]) == 0
    return db, copy


def test_the_changes_in_the_log_copied_beside_it_are_restored(tmp_path, capsys):
    db, copy = copied_with_its_log(tmp_path)
    assert main(["--db", str(db), "restore", str(copy)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["--db", str(db), "staff", "list"]) == 0
    assert capsys.readouterr().out.split() == ["Maya", "Theo"]
    assert sorted(path.name for path in copy.parent.iterdir()) == ["inbox.db", "inbox.db-wal"]


def test_a_copy_with_its_log_restores_from_a_read_only_medium(tmp_path):
    db, copy = copied_with_its_log(tmp_path)
    start = without_root_powers()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*start, "-m", "inbox_app", "--db", str(db), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=False)

    copy.parent.chmod(0o555)
    try:
        restored = run("restore", str(copy))
        assert restored.returncode == 0, restored.stderr
        assert run("staff", "list").stdout.split() == ["Maya", "Theo"]
    finally:
        copy.parent.chmod(0o755)
    assert not [path for path in tmp_path.rglob("*") if ".restoring" in str(path)]
