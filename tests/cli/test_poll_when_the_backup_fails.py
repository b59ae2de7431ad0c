"""A cron job's `poll --once` still reads its accounts when today's automatic backup
cannot be written (a full disk, a backups folder made read-only): it said why in one
line and read nothing, so mail stopped arriving until someone noticed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from inbox_app.store import open_store
from tests.conftest import without_root_powers
from tests.sources.feed_helpers import FeedSite, fixture_bytes

ROOT = Path(__file__).resolve().parents[2]


def test_poll_reads_its_accounts_when_the_backup_cannot_be_written(
        run_cli, db_path, http_server):
    url = FeedSite(http_server).put("/reviews.json", fixture_bytes("review_site.json"),
                                    {"Content-Type": "application/feed+json"})
    assert run_cli("account", "add", "feed", "--name", "Reviews", "--url", url)[0] == 0
    backups = db_path.parent / "backups"
    backups.mkdir(exist_ok=True)
    backups.chmod(0o500)
    try:
        done = subprocess.run([*without_root_powers(), "-m", "inbox_app", "--db", str(db_path),
                               "poll", "--once"], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, check=False)
    finally:
        backups.chmod(0o700)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Reviews: ") and " new" in done.stdout
    assert done.stderr.startswith("inbox-app: today's backup failed: The backup to ")
    assert "(Permission denied)" in done.stderr
    store = open_store(db_path)
    try:
        assert store.stats()["messages"] > 0
    finally:
        store.close()
