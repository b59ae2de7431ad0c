import json
import os
import sqlite3
from pathlib import Path

import pytest

from inbox_app.backup import backup_if_due, backup_now, backups, restore, set_aside
from inbox_app.cli import main
from inbox_app.store import NotAStore, SchemaTooNew, StoreDamaged, open_store

from .helpers import break_pages, msg

DAY = 86400
# Backups here are SQLite files beside the store (PostgreSQL: see test_postgres.py).
pytestmark = pytest.mark.sqlite_only


def test_backup_is_a_consistent_store_and_restore_brings_it_back(store, tmp_path):
    store.save_messages([msg("1", "before the backup", email="a@x.org")])
    copy = backup_now(store, tmp_path / "copy.db")
    store.save_messages([msg("2", "after the backup", email="b@x.org")])
    location = store.location
    store.close()
    kept = restore(location, copy)
    assert kept is not None and kept.exists()
    restored = open_store(location)
    assert restored.stats()["messages"] == 1
    restored.close()
    assert open_store(kept).stats()["messages"] == 2


def test_daily_backups_keep_the_last_seven(store):
    store.save_messages([msg("1", email="a@x.org")])
    start = 1_800_000_000
    made = []
    for day in range(10):
        moment = start + day * DAY
        path = backup_if_due(store, at=moment)
        assert path is not None
        os.utime(path, (moment, moment))
        made.append(path)
        assert backup_if_due(store, at=moment + 3600) is None
    remaining = backups(store)
    assert len(remaining) == 7
    assert remaining == made[-7:]


def test_copies_made_by_hand_never_push_out_the_weeks_daily_backups(store):
    """Seven "Back up now" copies on one day made the next daily backup prune every
    backup of the week before: the last seven files were kept, not the last seven days."""
    store.save_messages([msg("1", email="a@x.org")])
    start = 1_800_000_000
    daily = []
    for day in range(6):
        moment = start + day * DAY
        daily.append(backup_if_due(store, at=moment))
        os.utime(daily[-1], (moment, moment))
    by_hand = [backup_now(store, at=start + 6 * DAY + hour * 3600) for hour in range(7)]
    for path, hour in zip(by_hand, range(7), strict=True):
        os.utime(path, (start + 6 * DAY + hour * 3600,) * 2)
    made = backup_if_due(store, at=start + 7 * DAY + 8 * 3600)  # a day after the last
    assert backups(store) == daily[1:] + by_hand + [made]  # the last seven days', all
    assert not daily[0].exists()


def test_two_backups_in_one_second_never_replace_each_other(store, tmp_path):
    moment = 1_800_000_000
    store.save_messages([msg("1", "in the first backup", email="a@x.org")])
    first = backup_now(store, at=moment)
    store.save_messages([msg("2", "only in the later ones", email="b@x.org")])
    second = backup_now(store, at=moment)
    third = backup_now(store, at=moment + 0.5)
    assert [p.name for p in (first, second, third)] == [
        "inbox-" + first.name[6:21] + suffix for suffix in (".db", "-2.db", "-3.db")]
    assert open_store(first).stats()["messages"] == 1  # kept as it was made
    assert open_store(second).stats()["messages"] == 2
    later = backup_now(store, at=moment + 1)
    assert backups(store) == [first, second, third, later]  # oldest first, counts in order
    for day in range(1, 8):  # pruning counts them like any other
        path = backup_if_due(store, at=moment + day * DAY)
        os.utime(path, (moment + day * DAY,) * 2)
    assert first not in backups(store) and len(backups(store)) == 7
    location = store.location
    store.close()
    newest, older = backups(store)[-1], backups(store)[-2]
    restore(location, newest)
    restore(location, older)  # twice, most likely in one second: both copies are kept
    assert len(list(first.parent.glob("inbox-before-restore-*.db"))) == 2


def test_restore_refuses_what_is_not_a_store_or_is_newer(store, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 1000)
    with pytest.raises(NotAStore):
        restore(store.location, junk)
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE things (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAStore):
        restore(store.location, other)
    future = backup_now(store, tmp_path / "future.db")
    connection = sqlite3.connect(future)
    connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                       " VALUES ('inbox_app', 'm999_future', 'x')")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaTooNew):
        restore(store.location, future)


def test_backup_and_restore_commands(tmp_path, capsys):
    db = str(tmp_path / "shop.db")
    assert main(["--db", db, "staff", "add", "Maya"]) == 0
    assert main(["--db", db, "backup", "--out", str(tmp_path / "b.db")]) == 0
    assert main(["--db", db, "staff", "add", "Theo"]) == 0
    assert main(["--db", db, "restore", str(tmp_path / "b.db")]) == 0
    capsys.readouterr()
    main(["--db", db, "staff", "list"])
    assert capsys.readouterr().out.split() == ["Maya"]
    assert main(["--db", db, "restore", str(tmp_path / "missing.db")]) == 2
    assert "there is no such file" in capsys.readouterr().err


def test_a_store_cut_short_is_called_damaged_with_its_newest_backup(store):
    store.save_messages([msg("1", email="a@x.org")])
    made = backup_if_due(store)
    location = store.location
    store.close()
    with open(location, "r+b") as file:
        file.truncate(8192)
    with pytest.raises(StoreDamaged) as refused:
        open_store(location)
    assert refused.value.newest_backup == made
    assert refused.value.location == location
    assert f"restore {made}" in str(refused.value)


def reopened_broken(store):
    """The store closed, its messages' pages broken, and opened again (it still opens)."""
    store.close()
    break_pages(store.location, "messages")
    return open_store(store.location)


def test_broken_pages_met_by_a_query_are_a_store_error_not_a_crash(store):
    store.save_messages([msg("1", "the parcel never came", email="a@x.org")])
    damaged = reopened_broken(store)
    try:
        with pytest.raises(StoreDamaged, match="is damaged") as refused:
            damaged.messages(1)
        assert refused.value.newest_backup is None
        assert "There is no automatic backup" in str(refused.value)
        with pytest.raises(StoreDamaged):
            damaged.save_messages([msg("2", "and another", email="b@x.org")])
    finally:
        damaged.close()


def test_restore_sets_a_damaged_store_aside_and_puts_the_backup_in_its_place(store, tmp_path):
    store.save_messages([msg("1", email="a@x.org"), msg("2", email="b@x.org")])
    copy = backup_now(store, tmp_path / "copy.db")
    location = Path(store.location)
    store.close()
    with open(location, "r+b") as file:
        file.truncate(8192)
    broken = location.read_bytes()
    wal = location.with_name(location.name + "-wal")
    wal.write_bytes(b"a log that belongs to the damaged file")
    kept = restore(location, copy)
    assert kept is not None and "-damaged-" in kept.name and kept.parent.name == "backups"
    assert kept.read_bytes() == broken
    assert not wal.exists() or not wal.read_bytes().startswith(b"a log")
    restored = open_store(location)
    assert restored.stats()["messages"] == 2
    restored.close()
    assert backups(open_store(location)) == []  # a kept copy is never pruned as a daily one


def test_a_store_set_aside_takes_its_write_ahead_log_with_it(tmp_path):
    target = tmp_path / "shop.db"
    for suffix, content in (("", b"main"), ("-wal", b"log"), ("-shm", b"index")):
        (tmp_path / f"shop.db{suffix}").write_bytes(content)
    kept = set_aside(target, "damaged")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["backups"]
    assert kept.read_bytes() == b"main"
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"log"
    assert kept.with_name(kept.name + "-shm").read_bytes() == b"index"


def test_restore_refuses_a_damaged_backup_and_leaves_the_store(store, tmp_path):
    store.save_messages([msg("1", email="a@x.org")])
    copy = backup_now(store, tmp_path / "copy.db")
    break_pages(copy, "messages")
    with pytest.raises(StoreDamaged, match="choose an older backup"):
        restore(store.location, copy)
    assert store.stats()["messages"] == 1


def test_a_daily_backup_of_a_damaged_store_keeps_the_older_backups(store):
    store.save_messages([msg("1", email="a@x.org")])
    start = 1_800_000_000
    for day in range(7):
        path = backup_if_due(store, at=start + day * DAY)
        os.utime(path, (start + day * DAY,) * 2)
    good = backups(store)
    location = store.location
    damaged = reopened_broken(store)
    try:
        with pytest.raises(StoreDamaged, match="failed its check") as refused:
            backup_if_due(damaged, at=start + 8 * DAY)
        assert "the older backups are kept" in str(refused.value)
        assert backups(damaged) == good
        assert len(list(Path(location).parent.joinpath("backups").glob("*-damaged-*.db"))) == 1
    finally:
        damaged.close()


def test_the_command_line_says_a_store_is_damaged_in_one_sentence(tmp_path, capsys):
    db = tmp_path / "shop.db"
    assert main(["--db", str(db), "staff", "add", "Maya"]) == 0
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "b.db")]) == 0
    with open(db, "r+b") as file:
        file.truncate(4096)
    capsys.readouterr()
    assert main(["--db", str(db), "queue"]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["--db", str(db), "restore", str(tmp_path / "b.db")]) == 0
    assert "damaged" in capsys.readouterr().out
    main(["--db", str(db), "staff", "list"])
    assert capsys.readouterr().out.split() == ["Maya"]


def sizable_store_with_a_backup(db: Path) -> Path:
    """A store of a few hundred pages (room to break some) and its daily backup."""
    store = open_store(db)
    store.save_messages([msg(str(n), "words " * 200, email=f"c{n}@x.org") for n in range(300)])
    made = backup_if_due(store)
    store.close()
    return made


def test_check_reads_every_page_and_names_the_backup_when_damaged(tmp_path, capsys):
    db = tmp_path / "shop.db"
    made = sizable_store_with_a_backup(db)
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0
    assert capsys.readouterr().out.startswith(f"{db} is sound (every page read in")
    assert main(["--db", str(db), "check", "--full", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sound"] is True and report["check"] == "full"
    assert report["problem"] is None and report["newest_backup"] == str(made)

    break_pages(db, "messages")
    for extra in ([], ["--full"]):
        assert main(["--db", str(db), "check", "--json", *extra]) == 2
        captured = capsys.readouterr()
        report = json.loads(captured.out)
        assert report["sound"] is False and report["problem"]
        assert f"restore {made}" in captured.err and len(captured.err.strip().splitlines()) == 1


def test_check_is_for_a_store_in_a_file(capsys):
    assert main(["--db", "postgresql://nobody@127.0.0.1:9/shop", "check"]) == 2
    assert "PostgreSQL checks its own pages" in capsys.readouterr().err


def test_a_backup_of_a_damaged_store_is_refused_and_never_offered_to_restore(tmp_path, capsys):
    db = tmp_path / "shop.db"
    good = sizable_store_with_a_backup(db)
    break_pages(db, "messages")
    capsys.readouterr()
    assert main(["--db", str(db), "backup"]) == 2
    err = capsys.readouterr().err
    assert "failed its check" in err and f"restore {good}" in err
    assert [path.name for path in (tmp_path / "backups").glob("*-damaged-*.db")]
    assert main(["--db", str(db), "backup", "--out", str(tmp_path / "copy.db")]) == 2
    assert "copy.db, failed its check" in capsys.readouterr().err
    assert main(["--db", str(db), "check"]) == 2
    assert f"restore {good}" in capsys.readouterr().err  # the sound one, not today's copy


def test_a_backup_into_a_folder_is_named_as_the_daily_ones_and_a_pipe_is_refused(tmp_path,
                                                                                capsys):
    db = str(tmp_path / "shop.db")
    assert main(["--db", db, "staff", "add", "Maya"]) == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["--db", db, "backup", "--out", f"{usb}/"]) == 0
    [made] = usb.iterdir()
    assert made.name.startswith("shop-") and made.suffix == ".db"
    assert f"backed up to {made}" in capsys.readouterr().out
    assert open_store(made).list_staff()[0].name == "Maya"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert main(["--db", db, "backup", "--out", str(pipe)]) == 2
    assert "is a device or a pipe" in capsys.readouterr().err
    assert main(["--db", db, "backup", "--out", "/proc/shop.db"]) == 2
    assert capsys.readouterr().err.startswith("inbox-app: The backup to /proc/shop.db could not")
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []
