"""IMAP IDLE against the real dovecot: a waiting connection hears of new mail at once,
stops when asked, and names what is wrong with an account it cannot watch."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from inbox_app.sources import SourceError
from inbox_app.sources.mail_idle import wait_for_mail
from tests.sources.mail.samples import mail

WAIT = 20  # seconds; dovecot answers in milliseconds, a loaded machine may take longer


def test_a_message_arriving_ends_the_wait(dovecot, folder):
    config = dovecot.account_config(folder)
    stop, listening = threading.Event(), threading.Event()
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(wait_for_mail, config, dovecot.password, stop,
                              waiting=listening.set, check=0.1)
        try:
            assert listening.wait(WAIT)
            assert not waiting.done()
            dovecot.append(folder, mail(subject="Where is my order?", text="Still waiting."))
            assert waiting.result(timeout=WAIT) is True
        finally:
            stop.set()
    assert dovecot.count(folder) == 1  # nothing read or changed on the server


def test_stopping_ends_the_wait_without_mail(dovecot, folder):
    config = dovecot.account_config(folder)
    stop = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(wait_for_mail, config, dovecot.password, stop, check=0.1)
        stop.set()
        assert waiting.result(timeout=WAIT) is False


def test_an_idle_renewed_before_servers_drop_it_still_hears_new_mail(dovecot, folder):
    config = dovecot.account_config(folder)
    stop, listening = threading.Event(), threading.Event()
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(wait_for_mail, config, dovecot.password, stop,
                              waiting=listening.set, renew=0.2, check=0.1)
        try:
            assert listening.wait(WAIT)
            stop.wait(1.0)  # several renewals meanwhile
            assert not waiting.done()
            dovecot.append(folder, mail(subject="Hello again", text="Any news?"))
            assert waiting.result(timeout=WAIT) is True
        finally:
            stop.set()


def test_a_wrong_password_and_a_missing_folder_are_one_sentence(dovecot, folder):
    stop = threading.Event()
    with pytest.raises(SourceError, match="(?i)password|refused|log ?in"):
        wait_for_mail(dovecot.account_config(folder), "not the password", stop)
    with pytest.raises(SourceError, match="There is no folder 'Nowhere'"):
        wait_for_mail(dovecot.account_config("Nowhere"), dovecot.password, stop)
