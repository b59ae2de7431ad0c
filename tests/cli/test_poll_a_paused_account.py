"""`poll --once --account NAME` on a disabled (paused) account does not read it: it says
so in one sentence with the command that turns it back on, and exits 2 as any refused
request does. A round over every account keeps leaving paused ones out."""

from __future__ import annotations

import pytest

from tests.sources.mastodon_standin import TOKEN, MastodonServer


@pytest.fixture
def mastodon(http_server):
    return MastodonServer(http_server)


def add(run_cli, http_server, name: str) -> None:
    assert run_cli("account", "add", "mastodon", "--name", name, "--server", http_server.base_url,
               stdin=TOKEN + "\n")[0] == 0


def test_a_paused_account_named_to_poll_is_not_read(run_cli, mastodon, http_server):
    add(run_cli, http_server, "Café Social")
    assert run_cli("account", "disable", "Café Social")[0] == 0
    code, out, err = run_cli("poll", "--once", "--account", "café social")
    assert (code, out) == (2, "")
    assert err == ("inbox-app: Café Social is paused (disabled), so it was not read; "
                   "`inbox-app account enable 'Café Social'` turns it back on.\n")
    assert mastodon.server.requests_to("/api/v1/notifications") == []
    assert run_cli("stats", "--json")[1].count('"messages": 0') == 1


def test_the_command_it_names_turns_it_back_on(run_cli, mastodon, http_server):
    add(run_cli, http_server, "Social")
    run_cli("account", "disable", "Social")
    assert run_cli("account", "enable", "Social")[:2] == (0, "Social enabled\n")
    assert run_cli("poll", "--once", "--account", "Social")[:2] == (0, "Social: 1 new\n")


def test_a_round_over_every_account_still_leaves_paused_ones_out(run_cli, mastodon, http_server):
    add(run_cli, http_server, "Social")
    add(run_cli, http_server, "Paused")
    run_cli("account", "disable", "Paused")
    code, out, err = run_cli("poll", "--once")
    assert (code, out, err) == (0, "Social: 1 new\n", "")


def test_the_poller_leaves_a_paused_account_unread_when_asked_for_it(
        run_cli, mastodon, http_server, db_path):
    """The window's mail push asks the poller for one account by name; switched off a moment
    before, it was still read."""
    from inbox_app.sources.poller import poll_once
    from inbox_app.store import open_store

    add(run_cli, http_server, "Social")
    run_cli("account", "disable", "Social")
    store = open_store(db_path)
    try:
        assert poll_once(store, account="Social") == []
    finally:
        store.close()
    assert mastodon.server.requests_to("/api/v1/notifications") == []
