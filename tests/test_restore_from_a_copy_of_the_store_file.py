"""The backup a shop owner makes by hand is a copy of the store file itself (dragged to a
USB stick while the app was closed): a SQLite file in WAL mode, unlike the app's own
backups. Restoring from it must work from a read-only medium too, and must not leave a
write-ahead log and its index beside the copy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from inbox_app.cli import main
from tests.conftest import without_root_powers

ROOT = Path(__file__).resolve().parents[1]


def shop_and_its_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A store holding Maya, copied by hand to `usb/`, then given a second staff member."""
    db = tmp_path / "inbox.db"
    assert main(["--db", str(db), "staff", "add", "Maya"]) == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = usb / "inbox.db"
    shutil.copyfile(db, copy)
    assert copy.read_bytes()[18:20] == b"\x02\x02"  # WAL mode, as the store is
    assert main(["--db", str(db), "staff", "add", "Theo"]) == 0
    return db, copy


def test_restoring_a_copy_of_the_store_file_leaves_nothing_beside_it(tmp_path, capsys):
    db, copy = shop_and_its_copy(tmp_path)
    assert main(["--db", str(db), "restore", str(copy)]) == 0, capsys.readouterr().err
    assert sorted(path.name for path in copy.parent.iterdir()) == ["inbox.db"]
    capsys.readouterr()
    assert main(["--db", str(db), "staff", "list"]) == 0
    assert capsys.readouterr().out.split() == ["Maya"]


def test_a_copy_of_the_store_file_restores_from_a_read_only_medium(tmp_path):
    db, copy = shop_and_its_copy(tmp_path)
    start = without_root_powers()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*start, "-m", "inbox_app", "--db", str(db), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=False)

    copy.parent.chmod(0o555)
    try:
        restored = run("restore", str(copy))
        assert restored.returncode == 0, restored.stderr
        assert run("staff", "list").stdout.split() == ["Maya"]
    finally:
        copy.parent.chmod(0o755)


def test_the_store_itself_is_not_a_backup_to_restore(tmp_path, capsys):
    """Named by mistake (tab completion in the data folder): refused before anything is
    copied, rather than copied onto itself and a needless "before restore" copy kept."""
    db, _copy = shop_and_its_copy(tmp_path)
    capsys.readouterr()
    assert main(["--db", str(db), "restore", str(tmp_path / "." / "inbox.db")]) == 2
    err = capsys.readouterr().err
    assert "is the store itself" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "backups").exists()
    main(["--db", str(db), "staff", "list"])
    assert capsys.readouterr().out.split() == ["Maya", "Theo"]
