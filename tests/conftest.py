"""Shared fixtures: headless Qt, an in-memory keyring, fresh stores."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("INBOX_APP_DB", None)
os.environ.pop("INBOX_APP_STAFF", None)

import keyring  # noqa: E402
import pytest  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402
from keyring.errors import PasswordDeleteError  # noqa: E402

from inbox_app.store import open_store  # noqa: E402

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
def isolated_data(tmp_path, monkeypatch):
    """Every test gets its own data folder, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "inbox.db"


@pytest.fixture
def store(db_path):
    opened = open_store(db_path)
    yield opened
    opened.close()


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
