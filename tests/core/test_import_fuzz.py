"""Hostile import lines: fuzzed records, NUL bytes, invalid UTF-8, 10 MB lines."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inbox_app.core.importing import LineError, RecordError, parse_line, parse_lines
from inbox_app.core.text import MAX_TEXT
from inbox_app.pipeline import import_lines

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children,
                                                                        max_size=3),
    max_leaves=8,
)
field_names = st.sampled_from(["kind", "id", "text", "at", "account", "direction", "thread",
                               "author_name", "email", "handle", "phone", "followers", "url",
                               "title", "html", "extra"])
records = st.dictionaries(field_names, json_values | st.sampled_from(
    ["email", "phone", "feed", "2026-01-01T00:00:00Z", "in", "out", "+1 207 555 0100",
     "a@b.c", "@x@y.z"]), max_size=16)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(records)
def test_any_json_object_parses_or_gives_a_record_error(record):
    try:
        item = parse_line(json.dumps(record), 1)
    except RecordError as error:
        assert str(error)
    else:
        assert item.kind in ("email", "mastodon", "bluesky", "telegram", "feed", "phone")
        assert "\x00" not in item.text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_a_message_or_a_numbered_error(raw):
    results = list(parse_lines([raw]))
    assert all(isinstance(r, LineError) and r.line == 1 for r in results
               if not hasattr(r, "kind"))


def _line(**fields) -> bytes:
    base = {"kind": "email", "id": "x", "text": "hi", "at": "2026-01-01T00:00:00Z"}
    base.update(fields)
    return json.dumps(base, ensure_ascii=False).encode("utf-8")


def test_nul_bytes_and_invalid_utf8_in_every_text_field_are_stored_cleanly(store):
    fields = ("text", "account", "thread", "author_name", "url", "title", "html")
    lines = []
    for number, field in enumerate(fields):
        lines.append(_line(id=f"nul-{number}", **{field: f"bad\u0000value for {field}"}))
        raw = _line(id=f"utf-{number}", **{field: "PLACEHOLDER"}).replace(
            b"PLACEHOLDER", b"caf\xc3\xa9 \xff\xfe broken")
        lines.append(raw)
    summary = import_lines(store, lines)
    assert summary.errors == [] and summary.imported == len(lines)
    for row in store._rows("SELECT * FROM messages"):
        for field in ("text", "account", "author_name", "url", "title", "html"):
            value = row[field]
            assert value is None or "\x00" not in value
    texts = [r["text"] for r in store._rows("SELECT text FROM messages WHERE external_id LIKE 'utf-%'")]
    assert any("café \ufffd\ufffd broken" in t for t in texts)


def test_a_10_mb_single_line_message_is_stored_cut_not_fatal(store):
    huge = "word " * (2 * 1024 * 1024)
    summary = import_lines(store, [_line(id="huge", text=huge), _line(id="small")])
    assert summary.imported == 2 and summary.errors == []
    stored = store._scalar("SELECT text FROM messages WHERE external_id = 'huge'")
    assert len(stored) < MAX_TEXT + 200
    assert stored.endswith("longer than the app keeps]")


def test_deeply_nested_json_is_a_line_error(store):
    deep = b'{"kind": "email", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    summary = import_lines(store, [deep, _line(id="ok")])
    assert summary.imported == 1
    assert summary.errors[0].line == 1
