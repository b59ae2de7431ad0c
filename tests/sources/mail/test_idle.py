"""IMAP IDLE against the real dovecot: a listening connection hears of each new message
at once, stays open between them, stops when asked, and names what is wrong with an
account it cannot watch or a line that drops."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.mail_idle import listen_for_mail
from tests.pgserver import TcpProxy
from tests.sources.mail.samples import mail

WAIT = 20  # seconds; dovecot answers in milliseconds, a loaded machine may take longer


class Heard:
    """Counts arrivals and lets a test wait for the n-th."""

    def __init__(self):
        self.count = 0
        self._changed = threading.Condition()

    def __call__(self) -> None:
        with self._changed:
            self.count += 1
            self._changed.notify_all()

    def wait_for(self, count: int) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.count >= count, timeout=WAIT)


def test_each_message_arriving_is_heard_on_one_open_connection(dovecot, folder):
    config = dovecot.account_config(folder)
    stop, heard = threading.Event(), Heard()
    listened = []
    with ThreadPoolExecutor(1) as pool:
        listening = pool.submit(listen_for_mail, config, dovecot.password, stop, heard,
                                waiting=lambda: listened.append(1), check=0.1)
        try:
            assert _until(lambda: listened)
            assert heard.count == 0
            dovecot.append(folder, mail(subject="Where is my order?", text="Still waiting."))
            assert heard.wait_for(1)
            dovecot.append(folder, mail(subject="Hello?", text="Anyone there?"))
            assert heard.wait_for(2)
            assert not listening.done() and listened == [1]  # never reconnected
        finally:
            stop.set()
        assert listening.result(timeout=WAIT) is None
    assert dovecot.count(folder) == 2  # nothing read or changed on the server


def test_stopping_ends_the_listening_without_mail(dovecot, folder):
    config = dovecot.account_config(folder)
    stop, heard = threading.Event(), Heard()
    with ThreadPoolExecutor(1) as pool:
        listening = pool.submit(listen_for_mail, config, dovecot.password, stop, heard,
                                check=0.1)
        stop.set()
        assert listening.result(timeout=WAIT) is None
    assert heard.count == 0


def test_an_idle_renewed_before_servers_drop_it_still_hears_new_mail(dovecot, folder):
    config = dovecot.account_config(folder)
    stop, heard, listened = threading.Event(), Heard(), []
    with ThreadPoolExecutor(1) as pool:
        listening = pool.submit(listen_for_mail, config, dovecot.password, stop, heard,
                                waiting=lambda: listened.append(1), renew=0.2, check=0.1)
        try:
            assert _until(lambda: listened)
            stop.wait(1.0)  # several renewals meanwhile
            assert not listening.done() and heard.count == 0
            dovecot.append(folder, mail(subject="Hello again", text="Any news?"))
            assert heard.wait_for(1)
        finally:
            stop.set()
        listening.result(timeout=WAIT)


def test_a_line_that_drops_is_one_sentence(dovecot, folder):
    relay = TcpProxy(dovecot.port)
    config = dovecot.account_config(folder, imap_port=relay.port)
    stop, listened = threading.Event(), []
    try:
        with ThreadPoolExecutor(1) as pool:
            listening = pool.submit(listen_for_mail, config, dovecot.password, stop, Heard(),
                                    waiting=lambda: listened.append(1), check=0.1)
            assert _until(lambda: listened)
            relay.cut()
            with pytest.raises(SourceError, match="closed the connection"):
                listening.result(timeout=WAIT)
    finally:
        stop.set()
        relay.close()


def test_a_wrong_password_and_a_missing_folder_are_one_sentence(dovecot, folder):
    stop = threading.Event()
    with pytest.raises(SourceError, match="(?i)password|refused|log ?in"):
        listen_for_mail(dovecot.account_config(folder), "not the password", stop, Heard())
    with pytest.raises(SourceError, match="There is no folder 'Nowhere'"):
        listen_for_mail(dovecot.account_config("Nowhere"), dovecot.password, stop, Heard())


def _until(condition) -> bool:
    waited = threading.Event()
    for _ in range(WAIT * 20):
        if condition():
            return True
        waited.wait(0.05)
    return False
