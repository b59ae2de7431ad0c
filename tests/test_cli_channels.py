"""The channel commands (account, poll, call, call-log import, phone replies) as a script runs them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.servers import Reply
from tests.sources.feed_helpers import FeedSite, fixture_bytes

CALLS = Path(__file__).resolve().parent / "fixtures" / "calls"
ATOM = {"Content-Type": "application/atom+xml; charset=utf-8"}


@pytest.fixture
def run(run_cli):
    return run_cli


@pytest.fixture
def site(http_server):
    return FeedSite(http_server)


def accounts(run):
    code, out, _ = run("account", "list", "--json")
    assert code == 0
    return {a["name"]: a for a in json.loads(out)}


# account add feed / list / enable / disable / remove


def test_adding_a_feed_checks_it_is_a_feed(run, site):
    url = site.put("/alerts", fixture_bytes("google_alerts.xml"), ATOM)
    code, out, err = run("account", "add", "feed", "--name", "Alerts", "--url", url)
    assert (code, err) == (0, "")
    assert out.strip() == ('added feed account Alerts: found the feed \'Google Alert - '
                           '"Harbour Lane Coffee"\' with 3 items')
    listed = accounts(run)["Alerts"]
    assert (listed["kind"], listed["config"], listed["watch"]) == ("feed", {"url": url}, None)


@pytest.mark.parametrize("url, message", [
    ("http://example.com/feed", "inbox-app: http://example.com/feed uses plain http; use "
                                "https:// (plain http is allowed only for this computer)."),
    ("example.com/feed", "inbox-app: 'example.com/feed' is not a web address (it should start "
                         "with https://)."),
    ("https://owner:pw@example.com/feed", "inbox-app: The address contains a password; give "
     "--username and enter the password when asked, so it is kept in the keyring."),
])
def test_a_bad_feed_address_is_one_sentence(run, db_path, url, message):
    code, out, err = run("account", "add", "feed", "--name", "F", "--url", url)
    assert (code, out, err.strip()) == (2, "", message)
    assert not db_path.exists()  # no account, nor the store it would have been made in


def test_an_address_that_is_not_a_feed_is_not_added(run, db_path, site):
    code, _, err = run("account", "add", "feed", "--name", "F", "--url",
                       site.server.url("/nope"))
    assert code == 2
    assert err.strip() == ("inbox-app: The account was not added: 127.0.0.1 has nothing at "
                           "/nope (404): check the address.")
    page = site.put("/page", b"<html><head><title>Shop</title></head><body>hi</body></html>",
                    {"Content-Type": "text/html"})
    code, _, err = run("account", "add", "feed", "--name", "F", "--url", page)
    assert err.strip() == ("inbox-app: The account was not added: 127.0.0.1 sent a web page, "
                           "not a feed: check the feed's address.")
    assert not db_path.exists()


def test_no_check_adds_without_contacting_the_server(run, site):
    code, out, _ = run("account", "add", "feed", "--name", "Later", "--no-check",
                       "--url", site.server.url("/not-yet"), "--interval", "900")
    assert (code, out.strip()) == (0, "added feed account Later")
    assert site.server.requests == []
    assert accounts(run)["Later"]["poll_interval"] == 900


def test_watch_feeds_and_their_term(run, site):
    url = site.put("/rival", fixture_bytes("youtube_channel.xml"), ATOM)
    code, _, _ = run("account", "add", "feed", "--name", "Rival", "--url", url,
                     "--watch", "competitor", "--term", "Bean Barons")
    assert code == 0
    listed = accounts(run)["Rival"]
    assert listed["watch"] == "competitor" and listed["config"]["term"] == "Bean Barons"
    code, _, err = run("account", "add", "feed", "--name", "X", "--url", url, "--term", "Y")
    assert (code, err.strip()) == (2, "inbox-app: --term goes with --watch brand or --watch "
                                      "competitor.")


def test_enable_disable_remove_and_unknown_accounts(run, site):
    run("account", "add", "feed", "--name", "Alerts", "--no-check", "--url",
        site.server.url("/a"))
    assert run("account", "disable", "Alerts")[1].strip() == "Alerts disabled"
    assert accounts(run)["Alerts"]["enabled"] is False
    assert run("poll", "--once")[1].strip() == "No accounts to poll."
    assert run("account", "enable", "alerts")[1].strip() == "Alerts enabled"
    assert run("account", "remove", "Alerts")[1].strip() == "removed Alerts (its messages stay)"
    for command in ("enable", "disable", "remove"):
        code, _, err = run("account", command, "Nope")
        assert (code, err.strip()) == (2, "inbox-app: There is no account called 'Nope'.")
    code, _, err = run("poll", "--once", "--account", "Nope")
    assert (code, err.strip()) == (2, "inbox-app: There is no account called 'Nope'.")


GONE = ("127.0.0.1 removed this feed for good (410 Gone at /gone): remove the account, or"
        " give it the feed's new address (Accounts → Edit).")


def test_poll_once_prints_each_account_and_exits_0_when_some_fail(run, site):
    good = site.put("/alerts", fixture_bytes("google_alerts.xml"), ATOM)
    site.server.route("GET", "/gone", lambda r: Reply(410, {}, b""))
    run("account", "add", "feed", "--name", "Alerts", "--url", good)
    run("account", "add", "feed", "--name", "Gone", "--no-check", "--url",
        site.server.url("/gone"))
    code, out, err = run("poll", "--once")
    assert code == 0 and err == ""
    assert sorted(out.splitlines()) == [
        "Alerts: 3 new", f"Gone: failed: {GONE}"]
    listed = accounts(run)
    assert listed["Gone"]["last_error"] == GONE
    assert listed["Alerts"]["last_success_at"] and listed["Alerts"]["last_error"] is None
    code, out, _ = run("poll", "--once", "--account", "Alerts")
    assert (code, out.strip()) == (0, "Alerts: 0 new")
    code, out, _ = run("stats", "--json")
    assert json.loads(out)["by_kind"]["feed"] == 3


def test_a_feed_password_lives_in_the_keyring_and_nowhere_in_the_database(
        run, site, db_path, memory_keyring):
    password = "Crema-4-Ever-9137"
    expected = "Basic " + base64.b64encode(f"owner:{password}".encode()).decode()

    def private(request):
        if request.header("Authorization") != expected:
            return Reply(401, {}, b"")
        return Reply(200, ATOM, fixture_bytes("google_alerts.xml"))

    site.server.route("GET", "/private", private)
    code, out, err = run("account", "add", "feed", "--name", "Members", "--username", "owner",
                         "--url", site.server.url("/private"), stdin=password + "\n")
    assert (code, err) == (0, ""), err
    assert memory_keyring.secrets[("inbox-app", "Members")] == password
    assert run("poll", "--once")[1].strip() == "Members: 3 new"
    code, listed, _ = run("account", "list", "--json")
    assert password not in listed
    files = sorted(db_path.parent.glob(db_path.name + "*"))
    assert db_path in files
    for path in files:  # the .db and any -wal / -shm beside it
        data = path.read_bytes()
        assert password.encode() not in data, path
        assert base64.b64encode(f"owner:{password}".encode()) not in data, path
    run("account", "remove", "Members")
    assert ("inbox-app", "Members") not in memory_keyring.secrets


def test_a_wrong_feed_password_is_not_kept(run, site, memory_keyring):
    site.server.route("GET", "/private", lambda r: Reply(401, {}, b""))
    code, _, err = run("account", "add", "feed", "--name", "Members", "--username", "owner",
                       "--url", site.server.url("/private"), stdin="wrong\n")
    assert code == 2
    assert err.strip() == ("inbox-app: The account was not added: 127.0.0.1 refused access "
                           "(401): check the account's password or token.")
    assert memory_keyring.secrets == {}


# call log


def test_call_log_records_a_call_and_a_call_back_joins_it(run):
    run("settings", "phone_region", "US")
    run("staff", "add", "Maya")
    code, out, err = run("call", "log", "--phone", "(207) 555-0142", "--name", "Ann Lee",
                         "--duration", "2:05", "--at", "2026-03-02T09:30:00Z",
                         "--summary", "Wants a wholesale price list", as_staff="Maya")
    assert (code, err) == (0, "")
    assert out.strip() == "logged an incoming call (2 min 5 s) from Ann Lee at (207) 555-0142 in #1"
    code, out, _ = run("call", "log", "--phone", "+1 207 555 0142", "--direction", "out",
                       "--at", "2026-03-02T11:00:00Z", "--summary", "Sent the price list",
                       as_staff="Maya")
    assert out.strip() == "logged an outgoing call to (207) 555-0142 in #1"
    code, out, _ = run("show", "1", "--json")
    thread = json.loads(out)["thread"]
    assert [(m["direction"], m["kind"], m["text"]) for m in thread] == [
        ("in", "phone", "Wants a wholesale price list"),
        ("out", "phone", "Sent the price list")]
    assert thread[1]["staff"] == "Maya"
    code, out, _ = run("call", "log", "--phone", "(207) 555-0142", "--name", "Ann Lee",
                       "--duration", "2:05", "--at", "2026-03-02T09:30:00Z")
    assert out.strip() == "that call with Ann Lee at (207) 555-0142 is already logged"
    code, out, _ = run("customer", "show", "2075550142", "--json")
    assert json.loads(out)["name"] == "Ann Lee"
    assert json.loads(run("stats", "--json")[1])["by_family"]["phone"] == 2


@pytest.mark.parametrize("written", [("--at", "-20m"), ("--at=-20m",), ("--at", "20 min ago")])
def test_a_call_logged_twenty_minutes_ago_as_the_readme_writes_it(run, written):
    from inbox_app.core.timeutil import now, parse_iso

    before = now()
    code, out, err = run("call", "log", "--phone", "+1 207 555 0142", *written)
    assert (code, err) == (0, "")
    at = json.loads(run("show", "1", "--json")[1])["thread"][0]["at"]
    assert before - 1205 <= parse_iso(at) <= now() - 1195


def test_call_log_without_a_time_is_now_and_missed_calls_say_so(run):
    code, out, _ = run("call", "log", "--phone", "+442079460000", "--status", "missed")
    assert code == 0 and out.startswith("logged a missed call from +44 20 7946 0000 in #")


@pytest.mark.parametrize("args, message", [
    (("--phone", "call me"), "inbox-app: 'call me' is not a phone number."),
    (("--phone", "555 0142", "--duration", "ages"),
     "inbox-app: The duration 'ages' cannot be read (use seconds, or 2:05, or 3 min)."),
    (("--phone", "555 0142", "--at", "last tuesday"),
     "inbox-app: 'last tuesday' is not a date or time (try tomorrow, friday 14:00, 2026-12-01 or +3h)."),
    (("--phone", "555 0142", "--account", "Nope"), "inbox-app: There is no account called 'Nope'."),
])
def test_call_log_mistakes_are_one_sentence_and_exit_2(run, db_path, args, message):
    code, out, err = run("call", "log", *args)
    assert (code, out, err.strip()) == (2, "", message)
    assert not db_path.exists()  # nothing stored: not even the store it would have made


def test_calls_on_a_phone_line_account(run, site):
    code, out, _ = run("account", "add", "phone", "--name", "Shop line", "--number",
                       "+1 207 555 0100")
    assert (code, out.strip()) == (0, "added phone account Shop line")
    run("call", "log", "--phone", "+1 207 555 0142", "--account", "shop line")
    code, out, _ = run("queue", "--json")
    assert json.loads(out)[0]["account"] == "Shop line"
    code, out, _ = run("queue", "--json", "--account", "SHOP LINE")
    assert [row["account"] for row in json.loads(out)] == ["Shop line"]
    run("account", "add", "feed", "--name", "Alerts", "--no-check", "--url",
        site.server.url("/a"))
    code, _, err = run("call", "log", "--phone", "+1 207 555 0142", "--account", "Alerts")
    assert (code, err.strip()) == (2, "inbox-app: Alerts is a feed account, not a phone line.")


def test_replying_to_a_call_records_the_call_back_note(run, tmp_path):
    run("staff", "add", "Maya")
    run("call", "log", "--phone", "+1 207 555 0142", "--status", "missed")
    code, out, err = run("reply", "1", "--text-file", "-", stdin="Rang back, all sorted.",
                         as_staff="Maya")
    assert (code, err) == (0, "")
    assert out.strip().startswith("reply sent in #1")


# import calls.csv


def test_importing_a_call_log_reports_rows_like_the_jsonl_import(run):
    run("settings", "phone_region", "US")
    path = CALLS / "ringcentral_call_log.csv"
    code, out, err = run("import", str(path))
    assert (code, out.strip()) == (1, "imported 4, duplicates 0, errors 1")
    assert err.strip() == f"{path}: row 6: the time 'Thu 03/05/2026 25:10 PM' has an impossible hour"
    code, out, _ = run("import", str(path))
    assert (code, out.strip()) == (1, "imported 0, duplicates 4, errors 1")
    # A withheld caller is no customer's: said, left out, and not a failed row.
    path = CALLS / "twilio_call_log.csv"
    code, out, err = run("import", str(path))
    assert (code, out.strip()) == (0, "imported 4, duplicates 0, errors 0")
    assert err.startswith(f"{path}: row 6: left out, the caller's number was withheld")
    code, out, err = run("import", str(CALLS / "spreadsheet_calls.csv"), "--dates", "dmy")
    assert (code, out.strip(), err) == (0, "imported 3, duplicates 0, errors 0", "")


def test_importing_with_column_maps(run, tmp_path):
    """A German header is read as it is (it was refused: "has no time column"); --map
    still names a column the header does not, beside the ones it does."""
    run("settings", "phone_region", "DE")
    path = str(CALLS / "spreadsheet_calls_de.csv")
    code, out, err = run("import", path)
    assert (code, out.strip(), err) == (0, "imported 2, duplicates 0, errors 0", "")
    renamed = tmp_path / "anrufe.csv"
    renamed.write_bytes(Path(path).read_bytes().replace(b"Datum;", b"Wann;"))
    code, out, err = run("import", str(renamed))
    assert (code, out) == (2, "")
    assert err.strip() == (f"inbox-app: {renamed} has no time column; name it with"
                           " --map time=COLUMN.")
    code, out, err = run("import", str(renamed), "--map", "time=Wann",
                         "--map", "number=Telefon", "--map", "direction=Richtung",
                         "--map", "notes=")
    assert (code, out.strip(), err) == (0, "imported 0, duplicates 2, errors 0", "")  # the same calls


def test_unreadable_call_logs_exit_2(run, tmp_path):
    picture = tmp_path / "calls.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    code, out, err = run("import", str(picture))
    assert (code, out, err.strip()) == (
        2, "", f"inbox-app: cannot read {picture}: it is not a CSV file (it holds binary data).")
    code, _, err = run("import", str(tmp_path / "missing.csv"))
    assert (code, err.strip()) == (
        2, f"inbox-app: cannot read {tmp_path / 'missing.csv'}: there is no such file.")
    code, _, err = run("import", str(CALLS / "twilio_call_log.csv"), "--map", "when=Start")
    assert code == 2 and "is not FIELD=COLUMN" in err
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text("")
    code, _, err = run("import", str(jsonl), "--map", "time=Date")
    assert (code, err.strip()) == (2, "inbox-app: --map, --dates and --account are for "
                                      "call-log CSV files.")


def test_adding_a_taken_name_leaves_the_other_accounts_secret_alone(run, memory_keyring,
                                                                      http_server):
    code, _, _ = run("account", "add", "telegram", "--name", "Shop bot", "--api",
                     http_server.base_url, "--no-check", stdin="first-token\n")
    assert code == 0
    code, out, err = run("account", "add", "telegram", "--name", "shop bot", "--api",
                         http_server.base_url, "--no-check", stdin="second-token\n")
    assert (code, out) == (2, "")
    assert err == "inbox-app: There is already an account called shop bot.\n"
    assert memory_keyring.secrets[("inbox-app", "Shop bot")] == "first-token"


def test_a_changed_password_is_given_with_account_secret_and_tried_at_once(
        run, site, memory_keyring):
    current = {"password": "first-one"}

    def private(request):
        expected = "Basic " + base64.b64encode(f"owner:{current['password']}".encode()).decode()
        if request.header("Authorization") != expected:
            return Reply(401, {}, b"")
        return Reply(200, ATOM, fixture_bytes("google_alerts.xml"))

    site.server.route("GET", "/private", private)
    assert run("account", "add", "feed", "--name", "Members", "--username", "owner",
               "--url", site.server.url("/private"), stdin="first-one\n")[0] == 0
    current["password"] = "second-one"  # changed on the site
    assert "Members: failed:" in run("poll", "--once")[1]
    assert accounts(run)["Members"]["next_poll_at"] is not None  # backing off

    code, _, err = run("account", "secret", "members", stdin="wrong\n")
    assert code == 2 and err.startswith("inbox-app: The new password was not kept: ")
    assert memory_keyring.secrets[("inbox-app", "Members")] == "first-one"

    code, out, err = run("account", "secret", "Members", stdin="second-one\n")
    assert (code, err) == (0, "")
    assert out.startswith("kept the new password for Members: ")
    assert memory_keyring.secrets[("inbox-app", "Members")] == "second-one"
    assert accounts(run)["Members"]["next_poll_at"] is None  # read at the next round
    assert run("poll", "--once")[1].strip() == "Members: 3 new"


def test_an_account_without_a_secret_has_none_to_change(run, site):
    url = site.put("/alerts", fixture_bytes("google_alerts.xml"), ATOM)
    run("account", "add", "feed", "--name", "Alerts", "--url", url)
    assert run("account", "secret", "Alerts") == (
        2, "", "inbox-app: Alerts has no password or token to change.\n")
    assert run("account", "secret", "Nope")[2] == "inbox-app: There is no account called 'Nope'.\n"


def test_a_reply_in_a_conversation_imported_without_an_account_says_so(run, tmp_path):
    """It said "The email account '' is no longer set up; add it again to reply." """
    lines = tmp_path / "history.jsonl"
    lines.write_text('{"kind": "email", "id": "<a@x>", "text": "Where is my order?",'
                     ' "at": "2026-03-01T10:00:00Z", "email": "ann@x.org"}\n', encoding="utf-8")
    run("import", str(lines))
    run("staff", "add", "Maya")
    code, out, err = run("--as", "Maya", "reply", "1", "--text-file", "-", stdin="On its way!")
    assert code == 1
    assert "''" not in err
    assert "came in without an email account (imported without one)" in err
