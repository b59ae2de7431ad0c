"""A keyring backend for the app run as a subprocess in tests (never for real use).

The in-memory keyring of tests/conftest.py lives in the test process only; a
`inbox-app` subprocess gets this one with
`PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring` and the file named by
`INBOX_APP_TEST_KEYRING` (JSON), which the test fills beforehand.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV = "INBOX_APP_TEST_KEYRING"
BACKEND = f"{__name__}.FileKeyring"


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def _save(self, secrets: dict[str, str]) -> None:
        self.path.write_text(json.dumps(secrets))

    def get_password(self, service, username):
        return self._load().get(f"{service}/{username}")

    def set_password(self, service, username, password):
        self._save({**self._load(), f"{service}/{username}": password})

    def delete_password(self, service, username):
        secrets = self._load()
        if secrets.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("not found")
        self._save(secrets)


def environment(path: Path, secrets: dict[str, str]) -> dict[str, str]:
    """Environment variables for a subprocess that finds `secrets` (account name → secret)."""
    path.write_text(json.dumps({f"inbox-app/{name}": value for name, value in secrets.items()}))
    return {"PYTHON_KEYRING_BACKEND": BACKEND, ENV: str(path)}
