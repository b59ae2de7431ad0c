"""One message the server cannot hand over (a damaged file in its maildir: dovecot drops the
connection on every FETCH that touches it), and a line that drops part way through a
read: the mail before and after it is read all the same, nothing twice, and the message
that stays unreadable is put in the queue as such instead of blocking the mailbox."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from inbox_app.sources.poller import poll_once
from tests.sources.mail.samples import mail


def stored_ids(store) -> list[str]:
    return sorted(row["external_id"] for row in store._rows("SELECT external_id FROM messages"))


def deliver_damaged(dovecot, folder: str, message_id: str) -> None:
    """A message whose maildir file names a size smaller than the file (S=50): dovecot
    answers every FETCH of it with "* BYE Internal error" and closes the connection."""
    raw = mail(message_id=message_id, subject="Broken on the server", text="lost? " * 200)
    (dovecot.folder_path(folder) / "cur" / f"{time.time():.6f}.damaged,S=50:2,").write_bytes(raw)


def test_mail_after_a_message_the_server_cannot_hand_over_is_still_read(
        store, dovecot, folder, mail_account):
    mail_account(retry_unreadable_after=0)  # tried again at every poll, not minutes later
    dovecot.deliver(folder, mail(message_id="<before@ann>", subject="Order 1"))
    deliver_damaged(dovecot, folder, "<damaged@bob>")
    dovecot.deliver(folder, mail(message_id="<after@cid>", subject="Order 2",
                                 sender=("Cid", "cid@example.com")))

    [first] = poll_once(store, account="shop")

    assert first.error is None
    assert stored_ids(store) == ["<after@cid>", "<before@ann>"]
    assert "could not be read from the server" in first.warning

    dovecot.deliver(folder, mail(message_id="<later@dee>", subject="Order 3",
                                 sender=("Dee", "dee@example.com")))
    results = [poll_once(store, account="shop")[0] for _ in range(3)]

    assert [r.error for r in results] == [None, None, None]
    placeholders = store._rows("SELECT external_id, text, direction FROM messages"
                               " WHERE external_id LIKE 'imap:%'")
    assert len(placeholders) == 1  # said once, not at every poll
    [placeholder] = placeholders
    assert placeholder["direction"] == "in"
    assert folder in placeholder["text"] and "another mail program" in placeholder["text"]
    assert "<later@dee>" in stored_ids(store)
    assert store.stats()["messages"] == 4
    assert poll_once(store, account="shop")[0].new == 0


class DroppingRelay:
    """Forwards to dovecot; the first connection that has carried `after` bytes from the
    server is cut there (the line dropped mid-FETCH), later ones pass."""

    def __init__(self, target_port: int, after: int):
        self.target_port, self.after = target_port, after
        self.dropped = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            cut = not self.dropped
            self.dropped = True
            threading.Thread(target=self._pipe, args=(client, upstream, None),
                             daemon=True).start()
            threading.Thread(target=self._pipe,
                             args=(upstream, client, self.after if cut else None),
                             daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, limit: int | None) -> None:
        carried = 0
        try:
            while data := source.recv(4096):
                if limit is not None and carried + len(data) >= limit:
                    sink.sendall(data[: limit - carried])
                    break
                sink.sendall(data)
                carried += len(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.listener.close()


def test_a_line_dropped_mid_fetch_loses_and_doubles_nothing(store, dovecot, folder,
                                                            mail_account):
    for number in range(40):
        dovecot.deliver(folder, mail(message_id=f"<n{number}@ann>", subject=f"Matter {number}",
                                     text=f"Question number {number}. " * 20))
    relay = DroppingRelay(dovecot.port, after=30_000)  # well into the bodies of the first batch
    try:
        mail_account(imap_port=relay.port)
        [result] = poll_once(store, account="shop")
    finally:
        relay.close()

    assert relay.dropped
    assert result.error is None
    assert store.stats()["messages"] == 40
    assert stored_ids(store) == sorted(f"<n{number}@ann>" for number in range(40))
