"""Every real-world message in the shared corpus (flanker and CPython) goes through a real
IMAP poll and is stored with the subject, sender and date the standard library decodes —
or with its problem stated — and hostile nesting stays bounded.

Where the standard library gives up on undeclared 8-bit header bytes and shows �, the app
reads them (UTF-8, else Windows-1252): there it must agree with the stdlib on every other
character and show letters where the stdlib shows �
(tests/sources/mail/test_undeclared_header_bytes.py checks which letters)."""

from __future__ import annotations

import email
import functools
import re
import tracemalloc
from datetime import UTC
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from inbox_app.core.text import clean_text
from inbox_app.sources import mail_parse
from inbox_app.sources.mail_parse import MAX_SUBJECT, content_hash, parse_message
from inbox_app.sources.poller import poll_once

ARRIVED = 1_790_000_000  # the server's INTERNALDATE for every delivered file


def corpus_files(corpus: Path) -> list[tuple[Path, str, str]]:
    """(file, Date, decoded Subject) from the corpus MANIFEST.tsv (subjects cut at 70)."""
    root = corpus / "email"
    files = []
    for line in (root / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            path, *_rest, date, subject = line.split("\t")
            files.append((root / path, date, subject))
    return files


@functools.cache
def expected(path: Path, headers_only: bool = True) -> dict:
    """What `email.message_from_bytes(..., policy=policy.default)` says about the message.

    By default from the headers alone (`headersonly=True`), which decodes the top-level
    headers exactly as the full parse does — `test_the_oracle_shortcut_changes_nothing`
    (slow) checks that — without spending seconds on the 3 MB nested message.
    """
    raw = path.read_bytes()
    if headers_only:
        message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    else:
        message = email.message_from_bytes(raw, policy=policy.default)
    subject = clean_text(str(message["subject"] or "")).replace("\n", " ")
    if len(subject) > MAX_SUBJECT:
        subject = subject[: MAX_SUBJECT - 1] + "…"
    sender = message["from"]
    name = address = ""
    if sender is not None and sender.addresses:
        name, address = sender.addresses[0].display_name, sender.addresses[0].addr_spec
    date = message["date"]
    moment = date.datetime if date is not None else None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    message_id = message.get("message-id")
    return {
        "path": path.name,
        "date_header": str(date or ""),
        "subject": subject,
        "name": clean_text(name),
        "address": address.lower(),
        "at": int(moment.timestamp()) if moment else None,
        "has_date": date is not None,
        "external_id": str(message_id).strip() if message_id else content_hash(raw),
    }


def agrees(ours: str, stdlib: str) -> bool:
    """`ours` is the stdlib's text, except that each run of � the stdlib gave is letters."""
    if "\ufffd" not in stdlib:
        return ours == stdlib
    pattern = "[^\ufffd]+".join(re.escape(piece) for piece in re.split("\ufffd+", stdlib))
    return re.fullmatch(pattern, ours) is not None


def test_the_oracle_leaves_room_only_where_the_stdlib_gave_up():
    assert agrees("Ingo Lütkebohle", "Ingo L\ufffdtkebohle")
    assert agrees("Юникод", "\ufffd\ufffd")
    assert not agrees("Ingo L\ufffdtkebohle", "Ingo L\ufffdtkebohle")
    assert not agrees("Inga Lütkebohle", "Ingo L\ufffdtkebohle")
    assert not agrees("Ingo Ltkebohle", "Ingo L\ufffdtkebohle")
    assert not agrees("Ingo Lütkebohle", "Ingo Lütkebohle!")


def test_the_corpus_holds_headers_the_stdlib_gives_up_on(corpus):
    """Else the leeway in `agrees` would go untested on real mail."""
    gave_up = {path.name for path, _, _ in corpus_files(corpus)
               if "\ufffd" in expected(path)["subject"] + expected(path)["name"]}
    assert {"from-encoding.eml", "broken-headers.eml", "mailformed-headers.eml"} <= gave_up


def test_every_corpus_message_parses_to_the_stdlib_subject_sender_and_date(corpus):
    for path, manifest_date, manifest_subject in corpus_files(corpus):
        want = expected(path)
        # The oracle agrees with the corpus manifest.
        assert want["date_header"] == manifest_date, path
        assert want["subject"].startswith(manifest_subject.rstrip()), path

        mail = parse_message(path.read_bytes())
        assert agrees(mail.subject, want["subject"]), (path, mail.subject)
        assert agrees(mail.from_name, want["name"]), (path, mail.from_name)
        assert (mail.from_address or "") == want["address"], path
        assert mail.date == want["at"], path
        if want["has_date"] and want["at"] is None:
            assert any("Date header" in problem for problem in mail.problems), path


@pytest.mark.slow
def test_the_oracle_shortcut_changes_nothing(corpus):
    for path, _, _ in corpus_files(corpus):
        assert expected(path, headers_only=True) == expected(path, headers_only=False), path


def test_endless_nesting_stops_at_the_part_limit_within_bounded_memory(corpus):
    raw = (corpus / "email/flanker/enclosed-endless.eml").read_bytes()
    tracemalloc.start()
    try:
        mail = parse_message(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert mail.subject == "Wow" and mail.from_address == "example@example.net"
    assert mail.text == "Hello"
    assert mail.problems == [
        f"the message has more than {mail_parse.MAX_PARTS} parts; only the first were read"]
    assert peak < 4_500_000  # parsing the whole 3 MB of nesting peaks at about 6 MB


def test_the_part_limit_is_what_bounds_it(corpus, monkeypatch):
    """With a smaller limit the same message stops earlier: the cap is really applied."""
    raw = (corpus / "email/flanker/enclosed-endless.eml").read_bytes()
    monkeypatch.setattr(mail_parse, "MAX_PARTS", 5)
    mail = parse_message(raw)
    assert mail.problems == ["the message has more than 5 parts; only the first were read"]
    assert mail.subject == "Wow"


def test_the_whole_corpus_through_imap(store, dovecot, folder, mail_account, corpus):
    mail_account(history_days=0)
    files = [path for path, _, _ in corpus_files(corpus)]
    wanted: dict[str, list[dict]] = {}
    for path in files:
        dovecot.deliver(folder, path.read_bytes(), arrived=ARRIVED)
        want = expected(path)
        wanted.setdefault(want["external_id"], []).append(want)

    [result] = poll_once(store, account="shop")

    assert result.error is None
    assert result.new == len(wanted)  # messages sharing a Message-ID are one message
    assert store.get_account("shop").cursor["folders"][folder]["last_uid"] == len(files)
    stored = {row["external_id"]: store.get_message(row["id"])
              for row in store._rows("SELECT id, external_id FROM messages")}
    assert set(stored) == set(wanted)
    for external_id, candidates in wanted.items():
        message = stored[external_id]
        matches = [
            want for want in candidates
            if agrees(message.title or "", want["subject"])
            and message.at == (want["at"] if want["at"] is not None else ARRIVED)
            and agrees(message.author_name, want["name"] or want["address"])
        ]
        assert matches, (candidates[0]["path"], message.title, message.at, message.author_name)
        want = matches[0]
        if message.customer_id is not None:
            identities = store.get_customer(message.customer_id).identities
            assert [i.value for i in identities] == [want["address"]], want["path"]
        elif message.meta.get("auto") is None:
            assert not want["address"] or "problems" in message.meta, want["path"]
        if want["has_date"] and want["at"] is None:
            assert any("Date header" in p for p in message.meta["problems"]), want["path"]


@pytest.mark.parametrize("name, kind", [
    ("flanker/bounce/zed.eml", "bounce"),
    ("flanker/bounce/gmail-invalid-address.eml", "bounce"),
    ("flanker/bounce/office365.eml", "bounce"),
    ("flanker/bounce/delayed-broken.eml", "bounce"),
    ("cpython/msg_16.txt", "bounce"),
    ("flanker/complaints/aol.eml", "complaint"),
    ("flanker/disposition-notification.eml", "read-receipt"),
    ("flanker/iphone.eml", None),
    ("flanker/text-only.eml", None),
])
def test_machine_mail_is_recognized(corpus, name, kind):
    assert parse_message((corpus / "email" / name).read_bytes()).auto == kind
