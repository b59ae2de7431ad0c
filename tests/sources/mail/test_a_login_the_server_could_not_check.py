"""A server that cannot check a password just now (its password store is down: dovecot's
"[UNAVAILABLE] Temporary authentication failure") has not refused it: the owner is not
told to enter a password that is right, and it is tried again later (the window's wait
for new mail: tests/gui/test_mail_push_after_a_refused_password.py). A plain refusal
still says so."""

from __future__ import annotations

import socket
import threading

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.mail_connection import PasswordRefused
from inbox_app.sources.mail_imap import imap_session

TEMPORARY = b"[UNAVAILABLE] Temporary authentication failure. [mail.example:2026-03-01]"
WRONG = b"[AUTHENTICATIONFAILED] Authentication failed."


class LoginAnswering:
    """An IMAP server on 127.0.0.1 that answers every LOGIN with NO and these words, and
    offers these capabilities."""

    def __init__(self, words: bytes, capabilities: bytes = b"IMAP4rev1 IDLE AUTH=PLAIN"):
        self.words = words
        self.capabilities = capabilities
        self.logins = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._talk, args=(connection,), daemon=True).start()

    def _talk(self, connection: socket.socket) -> None:
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"* OK IMAP4rev1 ready\r\n")
            for line in lines:
                tag, _, rest = line.partition(b" ")
                command = rest.split(b" ", 1)[0].strip().upper()
                if command == b"CAPABILITY":
                    connection.sendall(b"* CAPABILITY " + self.capabilities + b"\r\n"
                                       + tag + b" OK done\r\n")
                elif command == b"LOGIN":
                    self.logins += 1
                    connection.sendall(tag + b" NO " + self.words + b"\r\n")
                elif command == b"LOGOUT":
                    connection.sendall(b"* BYE\r\n" + tag + b" OK bye\r\n")
                    return
                else:
                    connection.sendall(tag + b" BAD unknown\r\n")

    def config(self) -> dict:
        return {"address": "shop@example.com", "user": "shop", "imap_host": "127.0.0.1",
                "imap_port": self.port, "imap_security": "none", "folder": "INBOX"}

    def close(self) -> None:
        self._listener.close()


@pytest.fixture
def server_answering():
    made: list[LoginAnswering] = []

    def make(words: bytes) -> LoginAnswering:
        made.append(LoginAnswering(words))
        return made[-1]

    yield make
    for server in made:
        server.close()


def test_a_password_the_server_could_not_check_is_not_called_refused(server_answering):
    server = server_answering(TEMPORARY)
    with pytest.raises(SourceError) as raised, \
            imap_session(server.config(), "right", account_name="Shop mail"):
        pass
    assert not isinstance(raised.value, PasswordRefused)
    assert str(raised.value) == (
        "The mail server 127.0.0.1 could not sign shop in just now ([UNAVAILABLE] Temporary "
        "authentication failure. [mail.example:2026-03-01]); it is tried again later.")


def test_a_wrong_password_is_still_refused_with_the_way_to_mend_it(server_answering):
    server = server_answering(WRONG)
    with pytest.raises(PasswordRefused) as raised, \
            imap_session(server.config(), "wrong", account_name="Shop mail"):
        pass
    assert str(raised.value).startswith(
        "The mail server 127.0.0.1 refused the user name or password for shop; enter the "
        "account's current password")

