"""`poll --once` from cron waits out a failing account's pause, as the window does: a
server that said "too many requests, come back in half an hour" was asked again at
every cron run. The round says so for that account and reads the others; naming the
account (`--account`) reads it at once."""

from __future__ import annotations

import pytest

from tests.servers import LocalHTTPServer, json_reply
from tests.sources.mastodon_standin import TOKEN, MastodonServer

NOTIFICATIONS = "/api/v1/notifications"


@pytest.fixture
def limited(http_server):
    """A Mastodon server that rate-limits the shop for 30 minutes from its first answer."""
    MastodonServer(http_server)
    return http_server


@pytest.fixture
def healthy():
    server = LocalHTTPServer()
    MastodonServer(server)
    yield server
    server.close()


def add(run_cli, server, name: str) -> None:
    assert run_cli("account", "add", "mastodon", "--name", name, "--server", server.base_url,
                   stdin=TOKEN + "\n")[0] == 0


def test_a_rate_limited_account_is_not_asked_again_before_its_pause_ends(
        run_cli, limited, healthy):
    add(run_cli, limited, "Limited")
    add(run_cli, healthy, "Healthy")
    limited.route("GET", NOTIFICATIONS, lambda r: json_reply(
        {"error": "Too many requests"}, status=429, headers={"Retry-After": "1800"}))
    code, out, _ = run_cli("poll", "--once")
    assert code == 0
    assert "Limited: failed: 127.0.0.1 (Mastodon) says the app is asking too often" in out
    assert "Healthy: 1 new" in out

    code, out, err = run_cli("poll", "--once")
    assert (code, err) == (0, "")
    said = dict(line.split(": ", 1) for line in out.splitlines())
    assert said["Limited"].startswith("skipped: its last read failed, so it waits ")
    assert said["Limited"].endswith(
        " more (`inbox-app poll --once --account 'Limited'` reads it now)")
    assert said["Limited"].split("waits ")[1].split(" more")[0] in ("30 min", "31 min")
    assert said["Healthy"] == "0 new"
    assert len(limited.requests_to(NOTIFICATIONS)) == 1  # not asked again
    assert len(healthy.requests_to(NOTIFICATIONS)) == 2

    code, out, _ = run_cli("poll", "--once", "--account", "Limited")
    assert out.startswith("Limited: failed: 127.0.0.1 (Mastodon) says the app is asking")
    assert len(limited.requests_to(NOTIFICATIONS)) == 2  # named: read now


def test_an_account_whose_pause_has_run_out_is_read(run_cli, limited, db_path):
    add(run_cli, limited, "Limited")
    limited.route("GET", NOTIFICATIONS, lambda r: json_reply(
        {"error": "Too many requests"}, status=429, headers={"Retry-After": "1800"}))
    run_cli("poll", "--once")
    from inbox_app.store import open_store

    store = open_store(db_path)
    try:
        account = store.get_account("Limited")
        store.record_poll_failure("Limited", error=account.last_error, at=account.last_poll_at
                                  or 0, next_poll_at=1)  # the pause is over
    finally:
        store.close()
    MastodonServer(limited)  # and the server answers again
    code, out, _ = run_cli("poll", "--once")
    assert (code, out) == (0, "Limited: 1 new\n")
