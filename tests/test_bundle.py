"""The desktop bundle: built with build_spec.py, it starts and works without the source tree.

Builds once per session into a temporary folder (a minute or two) and runs the
built program offscreen: the window's screenshot on a demo store, `stats
--json`, a PDF report (QtCharts), every channel's `account add`, a feed read
over HTTP (requests, feedparser), a phone number in another region (the
phonenumbers metadata) and — when a Secret Service can be started (dbus +
gnome-keyring) — a password kept in the keyring and read back by the next run.
The unused Qt modules must really be absent and every bundled library loadable.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.servers import Reply
from tests.sources.feed_helpers import fixture_bytes

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
ABSENT = ("Qml", "Quick", "WebEngine", "Qt63D", "Qt3D", "Multimedia", "QtPdf", "libQt6Pdf",
          "VirtualKeyboard", "QtOpenGL.abi3", "plugins/tls", "networkinformation", "libgtk", "libqgtk3")


@pytest.fixture
def app_env(tmp_path) -> dict[str, str]:
    """The bundle's environment: offscreen, its own data and config folders, no PYTHONPATH
    (so nothing is found in the source tree)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "INBOX_APP"))}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), TZ="UTC")
    return env


def run(program: Path, *args: str, env: dict[str, str], stdin: str | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(program), *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=cwd or program.parent.parent, timeout=300)


def test_the_bundle_leaves_out_what_the_app_does_not_use(bundle):
    internal = bundle.parent / "_internal"
    names = [str(path.relative_to(bundle.parent)) for path in bundle.parent.rglob("*")]
    assert [name for name in names if any(part in name for part in ABSENT)] == []
    assert (internal / "vaderSentiment" / "vader_lexicon.txt").is_file()
    assert (internal / "resources" / "app.png").is_file()
    size = sum(p.lstat().st_size for p in bundle.parent.rglob("*")
               if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 1024 / 1024:.0f} MB")


def test_every_bundled_library_finds_what_it_needs(bundle):
    if not shutil.which("ldd"):
        pytest.skip("ldd is not available")
    internal = bundle.parent / "_internal"
    paths = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing = []
    for path in [bundle, *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        listed = subprocess.run(["ldd", str(path)], capture_output=True, text=True,
                                env={**os.environ, "LD_LIBRARY_PATH": paths}).stdout
        missing += [f"{path.name}: {line.strip()}" for line in listed.splitlines()
                    if "not found" in line]
    assert missing == []


def test_the_window_starts_and_saves_a_screenshot(bundle, app_env, tmp_path):
    from PySide6.QtGui import QImage

    started = time.perf_counter()
    done = run(bundle, "--demo", "--screenshot", str(tmp_path / "window.png"), env=app_env)
    took = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    image = QImage(str(tmp_path / "window.png"))
    assert not image.isNull() and image.width() >= 800
    print(f"--demo --screenshot: {took:.1f} s")


def test_commands_work_on_a_demo_store(bundle, app_env, tmp_path):
    db = str(tmp_path / "demo.db")
    assert run(bundle, "--db", db, "demo", env=app_env).returncode == 0
    done = run(bundle, "--db", db, "stats", "--json", env=app_env)
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert set(stats["by_kind"]) == {"email", "mastodon", "bluesky", "telegram", "feed", "phone"}
    assert all(count > 0 for count in stats["by_kind"].values())

    report = tmp_path / "summary.pdf"
    done = run(bundle, "--db", db, "report", "--from", "2000-01-01", "--format", "pdf",
               "--out", str(report), env=app_env)
    assert done.returncode == 0, done.stderr
    assert report.read_bytes().startswith(b"%PDF") and report.stat().st_size > 10_000

    listed = run(bundle, "account", "add", "--help", env=app_env).stdout
    for kind in ("feed", "email", "mastodon", "bluesky", "telegram", "phone"):
        assert f"\n    {kind} " in listed, listed

    assert run(bundle, "--db", db, "settings", "phone_region", "DE", env=app_env).returncode == 0
    done = run(bundle, "--db", db, "call", "log", "--phone", "030 1234567", "--name",
               "Jana Berliner", "--summary", "Fragt nach Bohnen", env=app_env)
    assert done.returncode == 0, done.stderr
    shown = run(bundle, "--db", db, "customer", "show", "+49301234567", "--json", env=app_env)
    assert json.loads(shown.stdout)["name"] == "Jana Berliner"

    shopify = ROOT / "tests" / "fixtures" / "customers" / "shopify.csv"
    done = run(bundle, "--db", db, "customer", "import", str(shopify), env=app_env)
    assert (done.returncode, done.stdout) == (1, "new 3, updated 0, unchanged 0, errors 2\n")


def test_a_feed_is_read_over_http(bundle, app_env, tmp_path, http_server):
    http_server.route("GET", "/feed.xml", lambda r: Reply(
        200, {"Content-Type": "application/rss+xml"}, fixture_bytes("reddit_search.xml")))
    db = str(tmp_path / "inbox.db")
    done = run(bundle, "--db", db, "account", "add", "feed", "--name", "Reddit",
               "--url", http_server.url("/feed.xml"), env=app_env)
    assert done.returncode == 0 and "found the feed" in done.stdout, done.stderr
    done = run(bundle, "--db", db, "poll", "--once", env=app_env)
    assert done.returncode == 0 and done.stdout.startswith("Reddit: "), done.stderr
    assert int(done.stdout.split()[1]) > 0


KEYRING_SESSION = """
set -e
printf '%s' unlock | gnome-keyring-daemon --unlock --components=secrets > keyring.env
export $(cat keyring.env | xargs)
printf '%s' "$FEED_PASSWORD" | "$APP" --db inbox.db account add feed --name Members \
    --url "$FEED_URL" --username owner
"$APP" --db inbox.db poll --once
"""


def test_a_secret_goes_to_the_keyring_and_comes_back(bundle, app_env, tmp_path, http_server):
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon (Debian: dbus-daemon, "
                    "gnome-keyring)")
    password = "bundle-keyring-pw-71"
    expected = "Basic " + base64.b64encode(f"owner:{password}".encode()).decode()
    http_server.route("GET", "/members.xml", lambda r: Reply(
        200, {"Content-Type": "application/rss+xml"}, fixture_bytes("reddit_search.xml"))
        if r.header("Authorization") == expected else Reply(401, {}, b"who are you?"))
    env = {**app_env, "APP": str(bundle), "FEED_PASSWORD": password,
           "FEED_URL": http_server.url("/members.xml"), "HOME": str(tmp_path)}
    done = subprocess.run(["dbus-run-session", "--", "bash", "-c", KEYRING_SESSION],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "added feed account Members" in done.stdout
    lines = done.stdout.splitlines()
    assert lines[-1].startswith("Members: ") and "failed" not in lines[-1], done.stdout
    assert password not in (tmp_path / "inbox.db").read_bytes().decode("latin-1")


def test_a_second_start_of_the_bundle_brings_its_window_forward(bundle, app_env, tmp_path):
    db = str(tmp_path / "shop.db")
    assert run(bundle, "--db", db, "staff", "add", "Maya", env=app_env).returncode == 0
    log = tmp_path / "data" / "inbox-app" / "inbox-app.log"
    first = subprocess.Popen([str(bundle), "--db", db, "--as", "Maya"], env=app_env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (log.exists() and "brings this window forward" in log.read_text()):
            assert first.poll() is None, first.communicate()[1][-3000:]
            assert time.monotonic() < deadline, "the bundle's window never listened"
            time.sleep(0.2)
        again = run(bundle, "--db", db, env=app_env)
        assert again.returncode == 0 and "already open" in again.stdout, again.stderr
        assert "the window comes forward" in log.read_text() and first.poll() is None
    finally:
        first.kill()
        first.communicate(timeout=30)


def test_helper_processes_start_as_helpers_in_the_bundle(bundle, app_env, tmp_path):
    """A bulk import scores in worker processes, and the window parses feeds and mail in a
    helper (sources/parse_worker.py): in the bundle both are the program itself, started
    again, which must become the helper and not a second app."""
    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(json.dumps(
        {"kind": "feed", "id": f"r{n}", "text": f"Review {n}: lovely beans, slow delivery",
         "at": "2026-03-01T09:00:00Z"}) + "\n" for n in range(3500)))
    db = str(tmp_path / "inbox.db")
    done = run(bundle, "--db", db, "import", str(lines), env=app_env)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "imported 3500, duplicates 0, errors 0\n", "")
