"""Exports from spreadsheets and home-made scripts put a raw tab (or a NUL byte) inside a
JSON string where JSON wants `\\t`. The meaning is plain, so the line imports, the
control character cleaned as in any text; and a line that is not JSON says why in words
("Invalid control character at at column 38" read the reason twice)."""

from __future__ import annotations

import pytest

from inbox_app.core.importing import RecordError, parse_line

LINE = '{"kind": "email", "id": "m1", "text": "%s", "at": "2026-03-01T10:00:00Z"%s}'


def test_a_raw_tab_inside_a_string_imports():
    item = parse_line((LINE % ("Order\t1041 is late", "")).encode(), 1)

    assert item.text == "Order\t1041 is late"


def test_a_raw_nul_byte_inside_a_string_is_dropped_not_fatal():
    item = parse_line((LINE % ("bad\x00byte", ', "crm": "x\x00y"')).encode(), 1)

    assert item.text == "badbyte"
    assert item.meta["crm"] == "x\x00y"  # kept as it came: stored as JSON, escaped


@pytest.mark.parametrize("raw,reason", [
    ('{"kind": "email", "text": "never closed', "not valid JSON (Unterminated string starting"
     " at column 27)"),
    ('{"kind": "email"} trailing', "not valid JSON (Extra data at column 19)"),
    ('{"kind": "email", "text": x}', "not valid JSON (Expecting value at column 27)"),
])
def test_a_line_that_is_not_json_names_the_column_once(raw, reason):
    with pytest.raises(RecordError) as caught:
        parse_line(raw.encode(), 1)

    assert str(caught.value) == reason
