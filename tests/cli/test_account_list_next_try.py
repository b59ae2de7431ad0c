"""`account list` says when a failing account is tried next as the poller scheduled it,
never sooner: a wait is rounded up, not to the nearest unit (150 s is "3 min", not the
"2 min" that would promise a try half a minute early), and a paused account is not
tried at all, whatever its last error said about asking again."""

from __future__ import annotations

import importlib

import pytest

from inbox_app.core.timeutil import now
from inbox_app.store import open_store

BINDING_NOW = ("inbox_app.cli_channels", "inbox_app.cli_store", "inbox_app.cli_workflow",
               "inbox_app.cli_rules", "inbox_app.sources.feeds", "inbox_app.sources.phone",
               "inbox_app.sources.poller")
RATE_LIMITED = ("127.0.0.1 (Mastodon) says the app is asking too often; the app waits at "
                "least 20 s before asking again.")


@pytest.fixture
def failing(run_cli, db_path, monkeypatch):
    """Adds a feed account whose last poll failed and that is tried `wait` seconds from now;
    the clock stands still, so a slow run does not turn "20 s" into "19 s"."""
    moment = now()
    # Modules the command imports on first use bind `now` by name: imported first while the
    # clock stood still, they kept it stopped for every later test (a call logged "twenty
    # minutes ago" then landed at this test's moment).
    for module in BINDING_NOW:
        importlib.import_module(module)
    monkeypatch.setattr("inbox_app.core.timeutil.now", lambda: moment)

    def make(wait: int | None) -> None:
        assert run_cli("account", "add", "feed", "--name", "Reviews", "--no-check", "--url",
                   "https://reviews.example/feed")[0] == 0
        store = open_store(str(db_path))
        try:
            store.record_poll_failure("Reviews", error=RATE_LIMITED, at=moment,
                                      next_poll_at=moment + wait if wait is not None else None)
        finally:
            store.close()

    return make


def listed_line(run_cli) -> str:
    code, out, _ = run_cli("account", "list")
    assert code == 0
    return out.rstrip()


@pytest.mark.parametrize(("wait", "said"), [
    (20, "next try in 20 s."),
    (150, "next try in 3 min."),
    (9000, "next try in 2 h 30 min."),
    (7200, "next try in 2 h."),
])
def test_the_next_try_is_never_said_to_be_sooner_than_scheduled(run_cli, failing, wait, said):
    failing(wait)
    assert listed_line(run_cli).endswith(f"error: {RATE_LIMITED} Never read yet; {said}")


def test_a_paused_account_is_not_promised_a_try(run_cli, failing):
    failing(300)
    run_cli("account", "disable", "Reviews")
    assert listed_line(run_cli).endswith(
        f"error: {RATE_LIMITED} Never read yet; not tried while disabled.")


def test_an_account_switched_back_on_is_tried_at_the_next_poll(run_cli, failing):
    # switching an account off and on again makes it due at once (the store clears its
    # next try): the list says so rather than nothing
    failing(3600)
    run_cli("account", "disable", "Reviews")
    run_cli("account", "enable", "Reviews")
    assert listed_line(run_cli).endswith(
        f"error: {RATE_LIMITED} Never read yet; next try at the next poll.")
