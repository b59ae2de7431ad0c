"""Secrets live in the keyring and nowhere else: not in the store, logs, exports or backups.

One account of every kind is added through the real command line with a
distinctive secret on stdin, against real local servers (a password-protected
feed, dovecot + aiosmtpd, and the Mastodon, Bluesky and Telegram stand-ins).
The app then polls (from the command line and from the window), replies on
every channel that can, fails in a few ways a shop will meet (a revoked token,
a refused password, an expired session), writes its reports and backups and
logs — and every file it could have written is searched for every secret, raw
and encoded (base64 at any alignment, URL-encoded, HTTP Basic credentials),
inside compressed PDF streams and zip members too: no hit. The secrets are in
the (test) keyring, so the search is not vacuous.
"""

from __future__ import annotations

import base64
import contextlib
import io
import logging
import re
import zipfile
import zlib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from inbox_app.cli import main
from inbox_app.sources import bluesky
from inbox_app.store import data_dir, default_location, open_store
from tests.servers import Reply, Request
from tests.sources.bluesky_standin import HANDLE, Pds
from tests.sources.feed_helpers import fixture_bytes
from tests.sources.mastodon_standin import MastodonServer
from tests.sources.telegram_standin import BotApi

FEED_USER = "owner"
FEED_PASSWORD = "feedpw-Qv7Lx2NdRk4w"
MAIL_USER = "leakcheck"
MAIL_PASSWORD = "mailpw-Hs4TzW9pUe3j"
MASTODON_TOKEN = "mastotok-Jc3Vb8sKfYq1Zr0P"
BLUESKY_PASSWORD = "bskypw-x7q2-Lm9n-Ab3d"
BLUESKY_TOKEN_PREFIX = "jwtsess-8KdQ2w-"
TELEGRAM_TOKEN = "6150000417:AAFtgleakTok3nQuietlyKept_zz91"

SECRETS = [FEED_PASSWORD, MAIL_PASSWORD, MASTODON_TOKEN, BLUESKY_PASSWORD, TELEGRAM_TOKEN,
           TELEGRAM_TOKEN.split(":", 1)[1]]
CUSTOMER = "ann.customer@example.org"


# What counts as a leak


def _base64_forms(secret: bytes) -> set[bytes]:
    """The secret as it appears inside any base64 text, whatever its offset there: the
    characters made only of the secret's bits, for each of the three alignments."""
    forms = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + secret)
        start, end = -(-8 * shift // 6), 8 * (shift + len(secret)) // 6
        core = encoded[start:end]
        forms.update({core, core.replace(b"+", b"-").replace(b"/", b"_")})
    return forms


def leak_patterns(secret: str) -> set[bytes]:
    raw = secret.encode("utf-8")
    return {raw, quote(secret, safe="").encode(), quote_plus(secret).encode(),
            raw.hex().encode(), secret.encode("utf-16-le"), *_base64_forms(raw)}


def readable_forms(path: Path) -> list[bytes]:
    """A file's bytes, plus what a compressed PDF stream or zip member holds."""
    data = path.read_bytes()
    forms = [data]
    if data.startswith(b"%PDF"):
        for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
            with contextlib.suppress(zlib.error):
                forms.append(zlib.decompress(stream.group(1)))
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            forms.extend(archive.read(name) for name in archive.namelist())
    return forms


def find_leaks(folders: list[Path], secrets: list[str]) -> list[str]:
    patterns = {secret: leak_patterns(secret) for secret in secrets}
    found = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            for form in readable_forms(path):
                for secret, encoded in patterns.items():
                    if any(pattern in form for pattern in encoded):
                        found.append(f"{path}: {secret}")
    return sorted(set(found))


def test_the_leak_search_finds_what_it_looks_for(tmp_path):
    """The search itself: each encoding of a secret, in a file, a PDF stream and a zip."""
    secret = "s3cret-Value-42"
    samples = {
        "raw.txt": b"x" + secret.encode(),
        "b64.txt": b"Authorization: Basic " + base64.b64encode(f"owner:{secret}".encode()),
        "b64-shifted.txt": base64.b64encode(b"ab" + secret.encode() + b"cd"),
        "url.txt": b"?password=" + quote(secret + "/&").encode(),
        "doc.pdf": b"%PDF-1.4\nstream\n" + zlib.compress(secret.encode()) + b"\nendstream",
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "report.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("figures.csv", f"a,{secret}\n" * 50)
    (tmp_path / "clean.txt").write_bytes(b"nothing to see " * 100)
    leaks = find_leaks([tmp_path], [secret])
    assert [line.split(":")[0].rsplit("/", 1)[1] for line in leaks] == sorted(
        [*samples, "report.zip"])


# The servers


def _password_feed(http_server) -> str:
    """A members-only feed behind HTTP Basic, as a forum or review platform serves it."""
    expected = "Basic " + base64.b64encode(f"{FEED_USER}:{FEED_PASSWORD}".encode()).decode()
    body = fixture_bytes("reddit_search.xml")
    state = {"refuse": False}

    def handle(request: Request) -> Reply:
        if state["refuse"] or request.header("Authorization") != expected:
            return Reply(401, {"WWW-Authenticate": 'Basic realm="members"'}, b"who are you?")
        return Reply(200, {"Content-Type": "application/rss+xml"}, body)

    http_server.route("GET", "/members/feed.rss", handle)
    return state


def _customer_mail(subject: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"Ann Customer <{CUSTOMER}>"
    message["To"] = "shop@example.com"
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="example.org")
    message.set_content("Hello, my order #4471 has not arrived. Can you check?\n")
    return message.as_bytes()


@pytest.fixture
def mailbox(dovecot, smtp_server):
    """A mailbox of its own (user `leakcheck`, folder `Shop`) with one customer mail."""
    dovecot.add_user(MAIL_USER, MAIL_PASSWORD)
    smtp_server.logins[MAIL_USER] = MAIL_PASSWORD
    with dovecot.client(MAIL_USER, MAIL_PASSWORD) as client:
        client.create_folder("Shop")
        client.append("Shop", _customer_mail("Where is my order?"))
    return dovecot


# The run


def cli(*args: str, stdin: str | None = None, monkeypatch=None) -> int:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin + "\n"))
    return main(list(args))


def _conversation_of(kind: str) -> int:
    store = open_store(default_location())
    try:
        rows = [row for row in store.queue(_all()) if row.kind == kind]
    finally:
        store.close()
    assert rows, f"no {kind} conversation"
    return rows[0].conversation_id


def _all():
    from inbox_app.store import QueueQuery

    return QueueQuery(filter="all", limit=1000)


@pytest.fixture
def app_log():
    """The window's log file (inbox_app.gui.app), at DEBUG so every line the app's own
    loggers write — the poller's and the channels' included — lands in it."""
    from inbox_app.gui import app

    app.configure_logging()
    logger = logging.getLogger("inbox_app")
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    yield app.log_path()
    logger.setLevel(previous)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _poll_from_the_window(qtbot, config_folder: Path) -> None:
    from PySide6.QtCore import QSettings

    from inbox_app.gui.main_window import MainWindow

    settings = QSettings(str(config_folder / "inbox-app" / "inbox-app.conf"),
                         QSettings.Format.IniFormat)
    window = MainWindow(default_location(), staff="Maya", settings=settings, theme_mode="light")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.queue_ready, timeout=20000):
        window.show()
    with qtbot.waitSignal(window.poller.poll_finished, timeout=60000) as finished:
        window.ui.actionPoll.trigger()
    assert all(result.error is None for result in finished.args[0]), finished.args[0]
    qtbot.waitUntil(lambda: window.jobs.pending == 0, timeout=20000)
    window.close()
    settings.sync()


@pytest.mark.slow
def test_no_secret_is_written_anywhere(tmp_path, http_server, corpus, mailbox, smtp_server,
                                       memory_keyring, monkeypatch, capsys, app_log, qtbot):
    base = http_server.base_url
    feed = _password_feed(http_server)
    mastodon = MastodonServer(http_server, token=MASTODON_TOKEN)
    pds = Pds(http_server, password=BLUESKY_PASSWORD, token_prefix=BLUESKY_TOKEN_PREFIX)
    telegram = BotApi(http_server, token=TELEGRAM_TOKEN)

    # One account of every kind, each secret on stdin as a script would give it.
    assert cli("staff", "add", "Maya") == 0
    assert cli("account", "add", "feed", "--name", "Members forum", "--url",
               f"{base}/members/feed.rss", "--username", FEED_USER,
               stdin=FEED_PASSWORD, monkeypatch=monkeypatch) == 0
    assert cli("account", "add", "email", "--name", "Shop mail", "--address", "shop@example.com",
               "--user", MAIL_USER, "--imap-host", "127.0.0.1", "--imap-port", str(mailbox.port),
               "--imap-security", "none", "--imap-folder", "Shop", "--smtp-host", "127.0.0.1",
               "--smtp-port", str(smtp_server.port), "--smtp-security", "none",
               stdin=MAIL_PASSWORD, monkeypatch=monkeypatch) == 0
    assert cli("account", "add", "mastodon", "--name", "Mastodon", "--server", base,
               stdin=MASTODON_TOKEN, monkeypatch=monkeypatch) == 0
    assert cli("account", "add", "bluesky", "--name", "Bluesky", "--handle", HANDLE,
               "--service", base, stdin=BLUESKY_PASSWORD, monkeypatch=monkeypatch) == 0
    assert cli("account", "add", "telegram", "--name", "Telegram", "--api", base,
               stdin=TELEGRAM_TOKEN, monkeypatch=monkeypatch) == 0
    assert cli("account", "add", "phone", "--name", "Shop line", "--number", "+12075550100") == 0
    assert cli("call", "log", "--phone", "(207) 555-0142", "--name", "Bo Caller",
               "--summary", "Asked about the wholesale prices", "--account", "Shop line") == 0
    capsys.readouterr()

    # A poll from the command line, with a reader holding the store open so its WAL stays.
    reader = open_store(default_location())
    assert cli("poll", "--once") == 0
    polled = capsys.readouterr().out
    for name in ("Members forum", "Shop mail", "Mastodon", "Bluesky", "Telegram"):
        assert re.search(rf"^{name}: [1-9]\d* new", polled, re.M), polled
    wal = Path(default_location() + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert find_leaks([tmp_path], SECRETS + pds.issued) == []
    reader.close()

    # Replies on every channel that can, each really delivered with the account's secret.
    text = tmp_path / "reply.txt"
    text.write_text("Thanks for writing — we are on it.\n", encoding="utf-8")
    for kind in ("email", "mastodon", "bluesky", "telegram", "phone"):
        assert cli("--as", "Maya", "reply", str(_conversation_of(kind)), "--text-file",
                   str(text)) == 0, capsys.readouterr().err
    assert len(smtp_server.wait_for(1)) == 1 and smtp_server.received[0].authenticated
    assert len(mastodon.requests("/api/v1/statuses")) == 1
    assert len(pds.requests("com.atproto.repo.createRecord")) == 1
    assert len(telegram.requests("sendMessage")) == 1

    # The window polls too (an expired Bluesky session is refreshed on the way) and logs.
    pds.expire(*pds.valid_access)
    with mailbox.client(MAIL_USER, MAIL_PASSWORD) as client:
        client.append("Shop", _customer_mail("Still waiting"))
    _poll_from_the_window(qtbot, tmp_path / "xdg-config")
    assert pds.refreshed == 1

    # Failures a shop meets: a revoked token, a changed password, a refused reply, a mailbox
    # restored on the server (logged), and a bug in a channel (logged with its traceback).
    feed["refuse"] = True
    with mailbox.client(MAIL_USER, MAIL_PASSWORD) as client:
        client.delete_folder("Shop")
        client.create_folder("Shop")
        client.append("Shop", _customer_mail("Where is my order?"))

    def broken_mapping(*args, **kwargs):
        raise RuntimeError("a bug in the Bluesky mapping")

    monkeypatch.setattr(bluesky, "_messages", broken_mapping)
    mastodon.token = "revoked"
    telegram_refusal = Reply(401, {"Content-Type": "application/json"},
                             b'{"ok":false,"error_code":401,"description":"Unauthorized"}')
    http_server.route("POST", telegram.path("getUpdates"), lambda r: telegram_refusal)
    smtp_server.refuse_logins = True
    assert cli("poll", "--once") == 0
    failed = capsys.readouterr().out
    for name in ("Members forum", "Mastodon", "Telegram", "Bluesky"):
        assert f"{name}: failed:" in failed, failed
    assert cli("--as", "Maya", "reply", str(_conversation_of("email")), "--text-file",
               str(text)) == 1

    # Reports in every format, backups, the account list.
    exports = tmp_path / "exports"
    exports.mkdir()
    for fmt, target in (("pdf", exports / "summary.pdf"), ("csv", exports / "csv"),
                        ("json", exports / "summary.json"), ("html", exports / "summary.html"),
                        ("csv", exports / "summary.zip")):
        assert cli("report", "--from", "2000-01-01", "--format", fmt, "--out",
                   str(target)) == 0, capsys.readouterr().err
    assert cli("backup") == 0
    assert cli("backup", "--out", str(exports / "copy.db")) == 0
    assert cli("account", "list", "--json") == 0
    printed = capsys.readouterr()

    # Everything the app wrote is there to search…
    data = data_dir()
    assert (data / "inbox.db").stat().st_size > 0
    assert list((data / "backups").glob("inbox-*.db"))
    assert (exports / "summary.pdf").read_bytes().startswith(b"%PDF")
    assert list((exports / "csv").glob("*.csv"))
    logged = app_log.read_text(encoding="utf-8")
    assert "UIDVALIDITY of Shop changed" in logged and "Traceback" in logged
    assert (tmp_path / "xdg-config" / "inbox-app" / "inbox-app.conf").exists()
    # …and the secrets are where they belong, so finding none below means something.
    kept = set(memory_keyring.secrets.values())
    assert {FEED_PASSWORD, MAIL_PASSWORD, MASTODON_TOKEN, BLUESKY_PASSWORD,
            TELEGRAM_TOKEN} <= kept
    session = next(value for (_, user), value in memory_keyring.secrets.items()
                   if user == "Bluesky#session")
    assert BLUESKY_TOKEN_PREFIX + "access-" in session and len(pds.issued) == 4

    every_secret = SECRETS + pds.issued
    assert find_leaks([tmp_path], every_secret) == []
    assert not any(secret in printed.out + printed.err for secret in every_secret)
