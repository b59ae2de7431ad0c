"""ConnectionWatch: a store that stops answering is `lost`, and `restored` when it is back."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest

from inbox_app.gui.connection import ConnectionWatch
from inbox_app.store import open_store
from tests.pgserver import TcpProxy


@pytest.mark.postgres
def test_the_server_going_away_and_coming_back(pg_url, qtbot):
    proxy = TcpProxy(urlsplit(pg_url).port)
    parts = urlsplit(pg_url)
    through_proxy = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}"))
    watch = ConnectionWatch(through_proxy, interval_ms=100, lost_interval_ms=100)
    lost, restored = [], []
    watch.lost.connect(lost.append)
    watch.restored.connect(lambda: restored.append(True))
    try:
        watch.start()
        qtbot.waitUntil(lambda: watch.available is True, timeout=15000)
        assert (lost, restored) == ([], [])  # answering from the start: nothing to say
        with qtbot.waitSignal(watch.lost, timeout=15000):
            proxy.cut()
        assert "Cannot reach the shared database" in lost[0]
        assert watch.available is False
        with qtbot.waitSignal(watch.restored, timeout=15000):
            proxy.restore()
        assert watch.available is True
        qtbot.wait(300)
        assert len(lost) == 1 and len(restored) == 1  # each change signalled once
    finally:
        watch.stop()
        proxy.close()


def test_a_store_file_that_vanishes_and_returns(tmp_path, qtbot):
    path = tmp_path / "share" / "inbox.db"
    open_store(path).close()
    watch = ConnectionWatch(str(path), interval_ms=50, lost_interval_ms=50)
    try:
        watch.start()
        qtbot.waitUntil(lambda: watch.available is True, timeout=15000)
        away = tmp_path / "unmounted"
        with qtbot.waitSignal(watch.lost, timeout=15000) as blocker:
            path.parent.rename(away)  # the network share went away
        assert "cannot be read" in blocker.args[0]
        assert not path.exists()  # the watch did not create an empty store in its place
        with qtbot.waitSignal(watch.restored, timeout=15000):
            away.rename(path.parent)
    finally:
        watch.stop()


def test_a_ping_that_answers_after_the_app_shut_down_says_nothing(qtbot):
    """Seen when a script ended with a ping still on its way: the answer's signal object
    was gone, and the worker printed a RuntimeError."""
    import shiboken6

    from inbox_app.gui.connection import _Ping

    job = _Ping(lambda: None)
    shiboken6.delete(job.signals)
    job.run()  # no RuntimeError: there is no one left to tell
