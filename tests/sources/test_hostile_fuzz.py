"""Fuzzed feeds and mail through the real mapping: a clear error or a clean message, never a crash."""

from __future__ import annotations

import time
from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inbox_app.sources import SourceError
from inbox_app.sources.feed_parse import parse_feed
from inbox_app.sources.feeds import entry_message
from inbox_app.sources.mail_parse import incoming_message, parse_message

FEED_HEAD = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


def _rss(items: list[tuple[str, str, str]]) -> bytes:
    body = b"".join(
        b"<item><title>" + t.encode("utf-8", "replace") + b"</title><link>" +
        link.encode("utf-8", "replace") + b"</link><description>" +
        d.encode("utf-8", "replace") + b"</description></item>"
        for t, link, d in items
    )
    return FEED_HEAD + body + b"</channel></rss>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(texts, texts, texts), max_size=5))
def test_fuzzed_rss_items_map_to_clean_messages_or_a_clear_error(items):
    try:
        parsed = parse_feed(_rss(items), {"Content-Type": "application/rss+xml"},
                            "http://127.0.0.1/feed")
    except SourceError as error:
        assert str(error).endswith(")") or str(error).endswith(".")
        return
    for entry in parsed.entries:
        message = entry_message(entry, "fuzz", 1_800_000_000, parsed.title)
        assert "\x00" not in message.text
        assert message.html is None or "<script" not in message.html.lower()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_as_a_feed_are_read_or_refused_in_one_sentence(raw):
    try:
        parsed = parse_feed(raw, {}, "http://127.0.0.1/feed")
    except SourceError as error:
        assert "\n" not in str(error)
    else:
        for entry in parsed.entries:
            entry_message(entry, "fuzz", 1_800_000_000, parsed.title)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_any_bytes_as_mail_parse_without_raising(raw):
    mail = parse_message(raw)
    message = incoming_message(mail, account="fuzz", own_addresses={"shop@example.com"},
                               received_at=1_800_000_000, folder="INBOX")
    assert message.external_id and "\x00" not in message.text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=texts, body=texts, sender=texts)
def test_fuzzed_headers_and_bodies_map_cleanly(subject, body, sender):
    raw = (f"From: {sender} <a@b.example>\r\nSubject: {subject}\r\nMessage-ID: <x@y>\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode("utf-8", "replace")
    mail = parse_message(raw)
    message = incoming_message(mail, account="fuzz", own_addresses=set(),
                               received_at=1_800_000_000, folder="INBOX")
    assert "\x00" not in message.text


def test_mime_nested_thousands_deep_is_read_in_bounded_time():
    inner = EmailMessage()
    inner["Subject"] = "innermost"
    inner.set_content("the end")
    raw = inner.as_bytes()
    for depth in range(3000):
        boundary = f"b{depth}"
        raw = (f"Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\n"
               .encode() + raw + f"\r\n--{boundary}--\r\n".encode())
    raw = b"From: deep@nest.example\r\nSubject: nested\r\nMessage-ID: <deep@x>\r\n" + raw
    assert len(raw) > 100_000
    started = time.monotonic()
    mail = parse_message(raw)
    message = incoming_message(mail, account="x", own_addresses=set(), received_at=1,
                               folder="INBOX")
    assert time.monotonic() - started < 20
    assert message.title == "nested"


# Social pages: what a Mastodon or Bluesky server sends, in any shape JSON allows, decoded
# and mapped by the functions the parsing helper runs. A page is read or refused in one
# sentence (FetchError); what is read maps to clean messages; nothing raises.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12)
mastodon_status = st.fixed_dictionaries(
    {"id": st.one_of(texts, st.integers())},
    optional={"account": st.one_of(json_values, st.fixed_dictionaries(
                  {"acct": texts}, optional={"display_name": json_values,
                                             "followers_count": json_values})),
              "content": st.one_of(texts, json_values), "created_at": json_values,
              "in_reply_to_id": json_values, "media_attachments": json_values,
              "poll": json_values, "spoiler_text": json_values, "url": json_values})
mastodon_notification = st.fixed_dictionaries(
    {"id": st.one_of(texts, st.integers())},
    optional={"type": st.sampled_from(["mention", "favourite", "follow"]) | json_values,
              "status": st.one_of(mastodon_status, json_values)})
bluesky_notification = st.fixed_dictionaries(
    {"uri": st.one_of(texts, json_values)},
    optional={"reason": st.sampled_from(["mention", "reply", "quote", "like"]) | json_values,
              "indexedAt": st.one_of(texts, json_values), "cid": json_values,
              "author": st.one_of(json_values, st.fixed_dictionaries(
                  {"did": texts}, optional={"handle": json_values, "displayName": json_values})),
              "record": st.one_of(json_values, st.fixed_dictionaries(
                  {"text": st.one_of(texts, json_values)},
                  optional={"$type": st.sampled_from(["app.bsky.feed.post"]) | json_values,
                            "facets": json_values, "embed": json_values,
                            "reply": json_values, "createdAt": json_values}))})


def _checked(messages) -> None:
    for message in messages:
        assert "\x00" not in message.text
        assert message.html is None or "<script" not in message.html.lower()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(st.one_of(mastodon_notification, json_values), max_size=5),
                 json_values))
def test_any_mastodon_page_is_read_or_refused_in_one_sentence(page):
    import json

    from inbox_app.sources import mastodon_parse as mastodon
    from inbox_app.sources.http import FetchError

    body = json.dumps(page).encode()
    listed = mastodon.listed_on_page(body, 0, "m.example")
    if isinstance(listed, FetchError):
        assert "\n" not in str(listed)
        return
    chosen = {item.status_id: item for item in listed
              if item.type == "mention" and item.status_id is not None}
    messages, _unusable = mastodon.mapped_statuses(
        [body], [(item.page, item.index, item.id, ()) for item in chosen.values()],
        {"server": "https://m.example"}, "fuzz")
    _checked(messages)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.fixed_dictionaries(
    {"notifications": st.lists(st.one_of(bluesky_notification, json_values), max_size=5)},
    optional={"cursor": json_values}), json_values))
def test_any_bluesky_page_is_read_or_refused_in_one_sentence(page):
    import json

    from inbox_app.sources import bluesky
    from inbox_app.sources.http import FetchError

    body = json.dumps(page).encode()
    listed = bluesky.listed_on_page(body, 0, None, [])
    if isinstance(listed, FetchError):
        assert "\n" not in str(listed)
        return
    found, _reached, _cursor = listed
    newest = bluesky._Mark(None)
    for item in found:  # as fetch() moves its mark
        newest.uris.add(item.uri)
    chosen = {}
    for item in found:
        if item.did is not None:
            chosen.setdefault(item.uri, item)
    messages, _unusable = bluesky.mapped_posts(
        [body], [(item.page, item.index) for item in chosen.values()], "fuzz", {})
    _checked(messages)


telegram_update = st.fixed_dictionaries(
    {"update_id": st.integers()},
    optional={"message": st.one_of(json_values, st.fixed_dictionaries(
        {"message_id": st.one_of(st.integers(), json_values),
         "chat": st.one_of(json_values, st.fixed_dictionaries(
             {"id": st.one_of(st.integers(), json_values)},
             optional={"type": st.sampled_from(["private", "group"]) | json_values}))},
        optional={"from": json_values, "date": json_values, "text": st.one_of(texts, json_values),
                  "caption": json_values, "entities": json_values, "photo": json_values,
                  "contact": json_values, "reply_to_message": json_values}))})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(telegram_update, json_values), max_size=5))
def test_any_telegram_updates_map_to_clean_messages_or_are_skipped(updates):
    from inbox_app.sources import telegram

    messages, skipped = telegram.mapped_updates(updates, "fuzz")
    assert len(messages) + skipped == len(updates)
    _checked(messages)
