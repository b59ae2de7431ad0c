import json

import pytest

from inbox_app.core.importing import LineError, RecordError, parse_line, parse_lines, parse_record


def line(**fields):
    base = {"kind": "email", "id": "m1", "text": "Hello", "at": "2026-03-01T10:00:00+00:00"}
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not None})


def test_a_full_record_maps_every_field():
    item = parse_line(line(email="Ann <ANN@x.org>", phone="+44 20 7946 0018", author_name="Ann",
                           thread="t-1", url="https://x.org/1", title="Hi", followers=3,
                           colour="blue"), 1)
    assert item.kind == "email" and item.external_id == "m1" and item.thread == "t-1"
    assert item.at == 1772359200
    assert [(i.kind, i.value) for i in item.identities] == [
        ("email", "ann@x.org"), ("phone", "+442079460018")]
    assert item.meta["colour"] == "blue"


@pytest.mark.parametrize(
    "raw,reason",
    [
        (line(text=None), "missing required field 'text'"),
        (line(at="last tuesday"), "is not an ISO 8601 time"),
        (line(kind="fax"), "unknown kind 'fax'"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        (line(direction="sideways"), "direction must be"),
        (line(email="nobody"), "is not an email address"),
        (line(followers="many"), "'followers' must be a number"),
        (line(at=12345), "must be an ISO 8601 time"),
    ],
)
def test_bad_records_say_why(raw, reason):
    with pytest.raises(RecordError, match=reason):
        parse_line(raw, 1)


def test_bad_lines_are_numbered_and_the_rest_still_parse():
    lines = [line(id="a"), "", "{oops", line(id="b", kind="nope"), line(id="c")]
    results = list(parse_lines(lines))
    assert [r.external_id for r in results if not isinstance(r, LineError)] == ["a", "c"]
    errors = [r for r in results if isinstance(r, LineError)]
    assert [e.line for e in errors] == [3, 4]


def test_a_byte_order_mark_is_not_part_of_the_record():
    """Windows tools write one at the start of a UTF-8 file; `cat` puts the next file's
    mid-file. CRLF line ends come from the same tools."""
    lines = [b"\xef\xbb\xbf" + line(id="a").encode() + b"\r\n", b"\r\n",
             "\ufeff" + line(id="b") + "\r\n"]
    assert [r.external_id for r in parse_lines(lines)] == ["a", "b"]


def test_nul_bytes_and_invalid_utf8_are_cleaned_not_fatal():
    raw = line(text="caf\u00e9 \x00ok").encode() + b"\xff\xfe"
    raw = raw.replace(b"}", b"}", 1)
    item = parse_line(line(text="bad\x00byte").encode(), 1)
    assert item.text == "badbyte"
    with pytest.raises(RecordError):
        parse_line(raw, 1)  # trailing garbage after the object is not JSON


def test_html_is_sanitized_and_gives_text_when_text_is_blank():
    item = parse_record({"kind": "feed", "id": "x", "text": " ", "at": "2026-01-01T00:00:00Z",
                         "html": "<p>Great <b>beans</b></p><script>alert(1)</script>"})
    assert "script" not in item.html
    assert item.text == "Great beans"


def test_outbound_author_is_the_staff_member_not_a_customer_identity():
    item = parse_line(line(kind="feed", direction="out", author_name="Maya"), 1)
    assert item.staff == "Maya"
    assert item.identities == ()
