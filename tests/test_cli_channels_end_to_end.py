"""The channel commands used end to end as a shop owner or a cron script uses them: account
names in any case and script, a name used again for another kind, a session kept for the
next process, and what `account list` says about an account that fails."""

from __future__ import annotations

import json

import pytest

from inbox_app import secrets
from inbox_app.sources import bluesky_session
from tests.servers import json_reply
from tests.sources.bluesky_standin import HANDLE, PASSWORD, Pds
from tests.sources.mastodon_standin import TOKEN as MASTODON_TOKEN
from tests.sources.mastodon_standin import MastodonServer
from tests.sources.telegram_standin import TOKEN as BOT_TOKEN
from tests.sources.telegram_standin import BotApi


@pytest.fixture
def run(run_cli):
    return run_cli


@pytest.fixture
def mastodon(http_server):
    return MastodonServer(http_server)


def add_mastodon(run, http_server, name):
    return run("account", "add", "mastodon", "--name", name, "--server", http_server.base_url,
               stdin=MASTODON_TOKEN + "\n")


def listed(run):
    code, out, _ = run("account", "list", "--json")
    assert code == 0
    return {a["name"]: a for a in json.loads(out)}


# Names in any case, in any script


def test_a_name_taken_in_another_case_of_a_non_ascii_letter_is_refused(run, mastodon,
                                                                      http_server):
    # SQLite's lower() folds A-Z only: "Café Ü" and "CAFÉ ü" were two accounts, whose
    # polls then locked each other out ("skipped: Account … is being read by … right now").
    assert add_mastodon(run, http_server, "Café Ü")[0] == 0
    code, out, err = add_mastodon(run, http_server, "CAFÉ ü")
    assert (code, out) == (2, "")
    assert err == "inbox-app: There is already an account called CAFÉ ü.\n"
    assert list(listed(run)) == ["Café Ü"]
    assert secrets.get_secret("CAFÉ ü") is None


def test_an_account_is_named_in_any_case_of_any_script(run, mastodon, http_server):
    add_mastodon(run, http_server, "Café Ü")
    assert run("account", "disable", "café ü")[:2] == (0, "Café Ü disabled\n")
    assert run("account", "enable", "CAFÉ Ü")[:2] == (0, "Café Ü enabled\n")
    assert run("poll", "--once", "--account", "café ü")[:2] == (0, "Café Ü: 1 new\n")
    code, out, _ = run("account", "remove", "CAFÉ ü")
    assert (code, out) == (0, "removed Café Ü (its messages stay)\n")
    assert listed(run) == {} and secrets.get_secret("Café Ü") is None


# A name used again for another kind of account


def test_a_reply_where_the_name_now_belongs_to_another_kind_is_a_failed_draft(
        run, mastodon, http_server):
    BotApi(http_server)
    add_mastodon(run, http_server, "Social")
    run("poll", "--once")
    run("account", "remove", "Social")
    assert run("account", "add", "telegram", "--name", "Social", "--api", http_server.base_url,
               stdin=BOT_TOKEN + "\n")[0] == 0
    code, out, err = run("reply", "1", "--text-file", "-", stdin="Thanks!\n")
    assert (code, out) == (1, "")
    assert err.strip() == (
        "inbox-app: the reply was not sent: The Mastodon account 'Social' is no longer set up "
        "(that name is now a Telegram account); add the Mastodon account again to reply. It is "
        "kept as a failed draft (message 2).")
    assert mastodon.requests("/api/v1/statuses") == []
    code, out, _ = run("show", "1", "--json")
    [reply] = [m for m in json.loads(out)["thread"] if m.get("direction") == "out"]
    assert reply["delivery"] == "failed"


def test_a_sender_that_breaks_leaves_a_failed_draft_not_a_stuck_one(run, mastodon,
                                                                    http_server, monkeypatch):
    add_mastodon(run, http_server, "Social")
    run("poll", "--once")

    def broken(store, outgoing):
        raise KeyError("server")

    monkeypatch.setattr("inbox_app.replies._SENDERS", {"mastodon": broken})
    code, out, err = run("reply", "1", "--text-file", "-", stdin="Thanks!\n")
    assert (code, out) == (1, "")
    assert err.strip() == ("inbox-app: the reply was not sent: Sending failed unexpectedly "
                           "(KeyError: 'server'). It is kept as a failed draft (message 2).")
    code, out, _ = run("show", "1", "--json")
    [reply] = [m for m in json.loads(out)["thread"] if m.get("direction") == "out"]
    assert reply["delivery"] == "failed"


# Bluesky: one sign-in, even when `account add` and `poll --once` are two processes


def test_the_session_made_while_adding_serves_a_poll_in_another_process(run, http_server,
                                                                       corpus):
    pds = Pds(http_server)
    code, _, _ = run("account", "add", "bluesky", "--name", "Sky", "--handle", HANDLE,
                     "--service", http_server.base_url, stdin=PASSWORD + "\n")
    assert code == 0
    bluesky_session._verified_sessions.clear()  # what a cron job's `poll --once` starts with
    code, out, _ = run("poll", "--once")
    assert code == 0 and out.startswith("Sky: 24 new")
    assert pds.created == 1
    stored = json.loads(secrets.get_secret("Sky", slot="session"))
    assert stored["accessJwt"] == "access-1" and PASSWORD not in json.dumps(stored)


# What `account list` says about an account that fails


def test_a_failing_account_lists_its_last_success_and_its_next_try(run, mastodon,
                                                                   http_server):
    add_mastodon(run, http_server, "Social")
    run("poll", "--once")
    http_server.route("GET", "/api/v1/notifications",
                      lambda r: json_reply({"error": "Too many requests"}, 429,
                                           {"Retry-After": "7200"}))
    run("poll", "--once")
    code, out, _ = run("account", "list")
    assert code == 0
    assert out.split(None, 3)[1:3] == ["mastodon", "enabled"]
    assert out.rstrip().endswith(
        "error: 127.0.0.1 (Mastodon) says the app is asking too often; the app waits at "
        "least 2 h before asking again. Last read now; next try in 2 h.")
    assert listed(run)["Social"]["last_success_at"] is not None


def test_a_failing_account_never_read_says_so(run, http_server):
    assert run("account", "add", "mastodon", "--name", "Social", "--no-check", "--server",
               http_server.base_url, stdin="token\n")[0] == 0
    run("poll", "--once")
    code, out, _ = run("account", "list")
    assert out.rstrip().endswith(
        "error: 127.0.0.1 does not look like a Mastodon server: check the address (--server). "
        "Never read yet; next try in 5 min.")


def test_a_phone_line_given_to_poll_says_it_is_not_read(run):
    run("account", "add", "phone", "--name", "Shop line")
    code, out, err = run("poll", "--once", "--account", "shop line")
    assert (code, err) == (0, "")
    assert out == "Shop line is a phone line: its calls are logged, not read.\n"


# A feed item is answered where it was posted


def test_replying_to_a_feed_item_says_where_to_answer_it(run, http_server):
    from tests.sources.feed_helpers import FeedSite, fixture_bytes

    url = FeedSite(http_server).put("/reviews.json", fixture_bytes("review_site.json"),
                                    {"Content-Type": "application/feed+json"})
    run("account", "add", "feed", "--name", "Reviews", "--url", url)
    run("poll", "--once")
    code, out, _ = run("show", "1", "--json")
    link = json.loads(out)["thread"][-1]["url"]
    assert link.startswith("https://")
    # It said "…cannot send replies from the app yet; your draft is kept." – but nothing
    # keeps a draft on the command line, and the spec's answer is the item's own page.
    code, out, err = run("reply", "1", "--text-file", "-", stdin="Thank you!\n")
    assert (code, out) == (2, "")
    assert err == (f"inbox-app: A feed item is answered where it was posted: open {link} "
                   "(nothing was sent or stored).\n")


def test_an_interval_of_zero_is_refused_like_any_interval_under_30_seconds(run, db_path):
    # `--interval 0` was taken as "not given": the account polled every 300 s, silently.
    code, out, err = run("account", "add", "phone", "--name", "Line", "--interval", "0")
    assert (code, out, err) == (2, "", "inbox-app: Poll at most every 30 seconds.\n")
    assert not db_path.exists()  # no account, nor the store it would have been made in
