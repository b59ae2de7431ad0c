"""Shared fixtures: headless Qt, an in-memory keyring, fresh stores on SQLite and PostgreSQL.

The `store` fixture runs on both engines for every test under tests/store/ (and any
test marked `both_engines`): `test_x[sqlite]` and `test_x[postgres]`. PostgreSQL
is a throwaway cluster on 127.0.0.1 started once per session (tests/pgserver.py);
each test gets its own database, copied from a migrated template.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The expected dates and times in tests are UTC's, wherever the suite runs (a test that
# wants another zone sets it, as tests/core/test_metrics.py does for Berlin).
os.environ["TZ"] = "UTC"
time.tzset()
os.environ.pop("INBOX_APP_DB", None)
os.environ.pop("INBOX_APP_STAFF", None)

import keyring  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402

from inbox_app.store import open_store  # noqa: E402

# The suite decides whether a change lands, so its property tests try the same examples
# every run; HYPOTHESIS_PROFILE=explore searches afresh, with many more, to find new cases.
hypothesis_settings.register_profile("suite", derandomize=True)
hypothesis_settings.register_profile("explore", max_examples=2000, derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path(os.environ.get("INBOX_APP_CORPUS", "/work/shared/corpus"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only: tests never touch the user's keychain."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.secrets:
            raise PasswordDeleteError("not found")
        del self.secrets[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def tokens_checked_afresh():
    """Which Mastodon tokens this process checked is each test's own (a server's port can
    come round again in a later test)."""
    yield
    mastodon = sys.modules.get("inbox_app.sources.mastodon")
    if mastodon is not None:
        mastodon._TOKENS_CHECKED.clear()


@pytest.fixture(autouse=True)
def parsing_in_line():
    """A test that had the window's parsing helper started (a window's poll, an account
    test) ends it, so the next test parses in line, where it can watch and patch."""
    yield
    worker = sys.modules.get("inbox_app.sources.parse_worker")
    if worker is not None and worker.in_process():
        worker.stop()


@pytest.fixture(autouse=True)
def isolated_data(tmp_path, monkeypatch):
    """Every test gets its own data folder, never the user's, and the same time zone and
    locale wherever it runs (a German machine's locale would make stores read numbers as
    German: store.phone_region)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TELEPHONE", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def local_zone(monkeypatch):
    """Sets this test's local time zone: `local_zone("America/New_York")`; UTC again after."""
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    set_zone("UTC")


@pytest.fixture
def berlin(local_zone):
    """Local time is Europe/Berlin (CET; CEST from Sunday 29 March 2026, 02:00)."""
    local_zone("Europe/Berlin")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "inbox.db"


ENGINES = ("sqlite", "postgres")
STORE_TESTS = Path(__file__).resolve().parent / "store"


def pytest_generate_tests(metafunc):
    if "store_location" not in metafunc.fixturenames:
        return
    definition = metafunc.definition
    if definition.get_closest_marker("sqlite_only"):
        return
    if STORE_TESTS in definition.path.parents or definition.get_closest_marker("both_engines"):
        metafunc.parametrize("store_location", ENGINES, indirect=True)


@pytest.fixture(scope="session")
def pg_databases():
    """Fresh PostgreSQL databases for the session's tests (see tests/pgserver.py)."""
    from tests.pgserver import TEST_PG_ENV, Databases, PgCluster, server_binaries

    external = os.environ.get(TEST_PG_ENV)
    cluster = None
    if external:
        base = external.rsplit("/", 1)[0]
        admin_url = external
    else:
        bindir = server_binaries()
        if bindir is None:
            pytest.skip("PostgreSQL's server binaries are not installed (Debian package"
                        " postgresql), so the PostgreSQL variant cannot run here")
        cluster = PgCluster(bindir).start()
        base = cluster.url("").rstrip("/")
        admin_url = cluster.url("postgres")
    databases = Databases(admin_url, lambda name: f"{base}/{name}")
    yield databases
    databases.close()
    if cluster is not None:
        cluster.stop()


@pytest.fixture
def pg_url(pg_databases):
    """A database holding a fresh, migrated, empty store."""
    name = pg_databases.migrated()
    yield pg_databases.make_url(name)
    pg_databases.drop(name)


@pytest.fixture
def pg_empty_url(pg_databases):
    """An empty database, no schema at all."""
    name = pg_databases.empty()
    yield pg_databases.make_url(name)
    pg_databases.drop(name)


@pytest.fixture
def demo_on_both_engines(pg_empty_url, tmp_path):
    """The demo shop (seed 5) on SQLite and, moved there, on PostgreSQL: (solo, team),
    for what both engines must answer alike."""
    from inbox_app import demo
    from inbox_app.store import open_store
    from inbox_app.store.move import move_store

    solo = open_store(tmp_path / "solo.db")
    team = None
    try:
        demo.fill(solo, seed=5, now_at=1_780_000_000)
        move_store(solo, pg_empty_url)
        team = open_store(pg_empty_url)
        yield solo, team
    finally:
        solo.close()
        if team is not None:
            team.close()


@pytest.fixture
def store_location(request, db_path):
    """Where `store` lives: a SQLite file, or (param "postgres") a PostgreSQL database."""
    if getattr(request, "param", "sqlite") == "postgres":
        yield request.getfixturevalue("pg_url")
    else:
        yield str(db_path)


@pytest.fixture
def store(store_location):
    opened = open_store(store_location)
    yield opened
    opened.close()


@pytest.fixture
def run_cli(db_path, capsys, monkeypatch):
    """`inbox-app --db DB [--as STAFF] ARGS…` through main(), as a script calls it, with
    `stdin` as its input (a secret, a reply's text): (code, out, err)."""
    from inbox_app.cli import main

    def run(*args: str, stdin: str | None = None,
            as_staff: str | None = None) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin or ""))
        code = main(["--db", str(db_path), *(["--as", as_staff] if as_staff else []), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip("the shared corpus is not available")
    return CORPUS


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1 (see tests/servers.py)."""
    from tests.servers import LocalHTTPServer

    server = LocalHTTPServer()
    yield server
    server.close()


# Mail servers, started once per session (see tests/sources/mail/servers.py): the email
# tests use them, and so do the tests that go through every channel at once.


@pytest.fixture(scope="session")
def dovecot():
    from tests.sources.mail.servers import DOVECOT, Dovecot

    if not os.path.exists(DOVECOT):
        pytest.skip("dovecot is not installed (Debian package dovecot-imapd)")
    server = Dovecot()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_session_server():
    from tests.sources.mail.servers import SMTPServer

    server = SMTPServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_session_server):
    smtp_session_server.reset()
    yield smtp_session_server
    smtp_session_server.reset()


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The desktop bundle (build_spec.py) built once a session into a temporary folder: the
    path of its `inbox-app` program. Skipped where PyInstaller is not installed."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed")
    root = Path(__file__).resolve().parent.parent
    folder = tmp_path_factory.mktemp("bundle")
    done = subprocess.run(
        [sys.executable, str(root / "build_spec.py"), "--dist", str(folder / "dist"),
         "--work", str(folder / "build")],
        capture_output=True, text=True, cwd=root, timeout=1800)
    assert done.returncode == 0, done.stderr[-4000:]
    program = folder / "dist" / "inbox-app" / "inbox-app"
    assert program.is_file() and os.access(program, os.X_OK)
    print(done.stdout.strip().splitlines()[-1])
    return program


def without_root_powers() -> list[str]:
    """The start of a command that file permissions apply to: root passes them by its
    capabilities, so as root they are dropped (setpriv); any other user is held by them."""
    import shutil

    if os.geteuid() != 0:
        return [sys.executable]
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tried")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", sys.executable]


class Channel:
    """A stand-in mail server: records what it was asked to send, can refuse."""

    def __init__(self, refuse: str | None = None):
        self.sent: list[tuple[int, str]] = []
        self.refuse = refuse
        self.lock = threading.Lock()

    def __call__(self, store, outgoing):
        from inbox_app.replies import SendError, Sent

        if self.refuse:
            raise SendError(self.refuse)
        with self.lock:
            self.sent.append((outgoing.message_id, outgoing.text))
        return Sent(external_id=f"<sent-{outgoing.message_id}@shop>")


@pytest.fixture
def channel(monkeypatch):
    """Email replies go to a stand-in Channel instead of an SMTP server."""
    from inbox_app import replies

    mail = Channel()
    monkeypatch.setitem(replies._SENDERS, "email", mail)
    return mail
