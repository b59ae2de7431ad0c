"""`inbox-app account add email`, `poll --once` and `reply` against the test servers."""

from __future__ import annotations

import email
import io
import json
from datetime import UTC, datetime
from email import policy

import pytest

from inbox_app.cli import main
from tests.sources.mail.samples import mail


@pytest.fixture
def run(db_path, capsys, monkeypatch):
    def run(*args, stdin: str = ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", str(db_path), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def add_args(dovecot, smtp_server, folder, *extra):
    return ["account", "add", "email", "--name", "Shop mail", "--address", "Shop@Example.com",
            "--user", dovecot.user, "--imap-host", "127.0.0.1", "--imap-port", str(dovecot.port),
            "--imap-security", "none", "--imap-folder", folder, "--smtp-host", "localhost",
            "--smtp-port", str(smtp_server.port), "--smtp-security", "none", *extra]


def test_adding_an_account_signs_in_and_keeps_the_password_in_the_keyring(
        run, dovecot, smtp_server, folder, memory_keyring):
    dovecot.deliver(folder, mail())
    code, out, err = run(*add_args(dovecot, smtp_server, folder), stdin="secret\n")
    assert (code, err) == (0, "")
    assert out.strip() == (f"added email account Shop mail: signed in to 127.0.0.1 and localhost "
                           f"as shop; {folder} holds 1 message.")
    assert memory_keyring.secrets[("inbox-app", "Shop mail")] == "secret"
    code, out, _ = run("account", "list", "--json")
    [account] = json.loads(out)
    assert account["config"]["address"] == "shop@example.com"
    assert "secret" not in out


def test_a_wrong_password_is_refused_and_nothing_is_kept(run, db_path, dovecot, smtp_server,
                                                         folder, memory_keyring):
    code, out, err = run(*add_args(dovecot, smtp_server, folder), stdin="guess\n")
    assert code == 2 and out == ""
    assert err.strip() == ("inbox-app: The account was not added: The mail server 127.0.0.1 "
                           "refused the user name or password for shop.")
    assert memory_keyring.secrets == {}
    assert not db_path.exists()  # no account, nor the store it would have been made in


def test_a_password_the_smtp_server_refuses_is_refused_too(run, dovecot, smtp_server, folder):
    smtp_server.refuse_logins = True
    code, _, err = run(*add_args(dovecot, smtp_server, folder), stdin="secret\n")
    assert code == 2
    assert err.strip() == ("inbox-app: The account was not added: The mail server localhost "
                           "refused the user name or password for shop.")


def test_unencrypted_connections_are_only_for_this_computer(run):
    code, _, err = run("account", "add", "email", "--name", "x", "--address", "a@b.example",
                       "--imap-host", "imap.b.example", "--imap-security", "none",
                       "--smtp-host", "smtp.b.example")
    assert code == 2
    assert err.strip() == ("inbox-app: Unencrypted IMAP is allowed only for this computer "
                           "(localhost), not for imap.b.example; use ssl or starttls.")


def test_poll_and_reply_from_the_command_line(run, dovecot, smtp_server, folder, tmp_path):
    run(*add_args(dovecot, smtp_server, folder), stdin="secret\n")
    dovecot.deliver(folder, mail(date=datetime.now(UTC), message_id="<cli@ann>",
                                 text="Do you ship to Norway?"))
    code, out, _ = run("poll", "--once")
    assert (code, out.strip()) == (0, "Shop mail: 1 new")
    reply_file = tmp_path / "reply.txt"
    reply_file.write_text("Yes, we do.\n", encoding="utf-8")
    [row] = json.loads(run("queue", "--json")[1])
    assert run("settings", "business_name", "Corner Shop")[0] == 0
    assert run("settings", "email_signature", "{staff} at {business}\n{business}")[0] == 0
    code, out, err = run("reply", str(row["conversation"]), "--text-file", str(reply_file))
    assert (code, err) == (0, "")
    assert out.startswith(f"reply sent in #{row['conversation']}")
    assert len(smtp_server.wait_for(1)) == 1
    code, out, err = run("reply", str(row["conversation"]), "--text-file", str(reply_file),
                         "--unsigned")
    assert (code, err) == (0, "")
    signed_body, unsigned_body = (
        email.message_from_bytes(received.data, policy=policy.default).get_content()
        .replace("\r\n", "\n") for received in smtp_server.wait_for(2))
    # No --as: the line naming the sender is left out, the business line stays.
    assert signed_body.startswith("Yes, we do.\n\nCorner Shop\n")
    assert " at Corner Shop" not in signed_body
    assert unsigned_body.startswith("Yes, we do.\n") and "Corner Shop" not in unsigned_body


def test_a_failed_reply_from_the_command_line_says_why(run, dovecot, smtp_server, folder,
                                                       tmp_path, memory_keyring):
    run(*add_args(dovecot, smtp_server, folder), stdin="secret\n")
    dovecot.deliver(folder, mail(date=datetime.now(UTC), message_id="<cli2@ann>"))
    run("poll", "--once")
    memory_keyring.secrets[("inbox-app", "Shop mail")] = "changed"
    reply_file = tmp_path / "reply.txt"
    reply_file.write_text("Hello", encoding="utf-8")
    [row] = json.loads(run("queue", "--json")[1])
    code, _, err = run("reply", str(row["conversation"]), "--text-file", str(reply_file))
    assert code == 1
    assert err.startswith("inbox-app: the reply was not sent: The mail server localhost refused "
                          "the user name or password for shop; enter the account's current "
                          "password (Accounts → Edit, or `inbox-app account secret 'Shop mail'`)."
                          " It is kept as a failed draft")


def test_attachments_are_listed_and_one_saved_from_the_server(
        run, dovecot, smtp_server, folder, memory_keyring, tmp_path):
    invoice = b"%PDF-1.4\n" + b"1" * 2000
    dovecot.deliver(folder, mail(text="The invoice, as promised.", attachments=(
        ("invoice.pdf", invoice, "application/pdf"), ("note.txt", b"thanks", "text/plain"))))
    assert run(*add_args(dovecot, smtp_server, folder), stdin=dovecot.password + "\n")[0] == 0
    assert run("poll", "--once")[0] == 0
    code, out, err = run("attachment", "list", "1", "--json")
    assert (code, err) == (0, "")
    assert [(a["number"], a["name"], a["size"]) for a in json.loads(out)] == [
        (1, "invoice.pdf", len(invoice)), (2, "note.txt", 6)]
    code, out, _ = run("attachment", "list", "1")
    assert "  1  invoice.pdf  (2,009 bytes, application/pdf)" in out
    code, out, err = run("attachment", "save", "1", "1", "--out", str(tmp_path))
    assert (code, err) == (0, "") and out.strip() == f"saved {tmp_path / 'invoice.pdf'}"
    assert (tmp_path / "invoice.pdf").read_bytes() == invoice
    code, out, err = run("attachment", "save", "1", "3")
    assert code == 2 and "has no attachment 3 (it has 2" in err
    memory_keyring.secrets.pop(("inbox-app", "Shop mail"))
    code, out, err = run("attachment", "save", "1", "2", "--out", str(tmp_path))
    assert code == 1 and "note.txt could not be saved: The password for Shop mail is missing" in err
    assert "`inbox-app account secret 'Shop mail'`" in err
