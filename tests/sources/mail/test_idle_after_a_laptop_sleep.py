"""IMAP IDLE across a laptop sleep: the server (or a router between) drops the connection
while the laptop sleeps, and no word of it ever arrives. Waking, the listener checks its
line at once instead of waiting out the renewal (25 minutes awake), so the window
reconnects and reads what landed meanwhile."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from inbox_app.sources import SourceError, mail_imap
from inbox_app.sources.mail_idle import listen_for_mail

WAIT = 20


class FreezingRelay:
    """Forwards to dovecot until `freeze()`; then carries nothing more either way and closes
    nothing (a line gone dead while the laptop slept: no FIN, no reset)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.frozen = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(4096):
                if not self.frozen.is_set():
                    sink.sendall(data)

    def freeze(self) -> None:
        self.frozen.set()

    def close(self) -> None:
        self.listener.close()
        for sock in self.sockets:
            sock.close()


class SleepingClock:
    """The wall clock, an hour ahead once `sleep()` is called (the monotonic clock, which
    stands still during a suspend on Linux, is not)."""

    def __init__(self):
        self.ahead = 0.0

    def sleep(self) -> None:
        self.ahead = 3600.0

    def __call__(self) -> float:
        return time.time() + self.ahead


def test_a_line_gone_dead_during_a_sleep_is_noticed_on_waking(dovecot, folder, monkeypatch):
    monkeypatch.setattr(mail_imap, "READ_TIMEOUT", 1.0)  # how long a checked line may be silent
    relay = FreezingRelay(dovecot.port)
    config = dovecot.account_config(folder, imap_port=relay.port)
    stop, listened, clock = threading.Event(), threading.Event(), SleepingClock()
    with ThreadPoolExecutor(1) as pool:
        try:
            listening = pool.submit(listen_for_mail, config, dovecot.password, stop,
                                    lambda: None, waiting=listened.set, check=0.1,
                                    wall_clock=clock)
            assert listened.wait(WAIT)
            relay.freeze()
            clock.sleep()
            with pytest.raises(SourceError):
                listening.result(timeout=WAIT)
        finally:
            stop.set()
            relay.close()
