"""Notepad saves an empty file "UTF-8 with BOM" as the three bytes of the mark alone, and
`cat` of such a file with others leaves the mark on a line of its own. A cron job importing
an export that had nothing new that day got exit 1 for "line 1: not valid JSON"."""

from __future__ import annotations

import json

from inbox_app.core.importing import LineError, parse_lines

RECORD = json.dumps({"kind": "email", "id": "m1", "text": "Hi", "at": "2026-03-01T10:00:00Z"})


def test_a_line_holding_only_a_byte_order_mark_is_blank():
    lines = [b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n", "\ufeff\n", RECORD.encode()]

    parsed = list(parse_lines(lines))

    assert [type(entry).__name__ for entry in parsed] == ["IncomingMessage"]


def test_a_mark_before_something_else_is_still_a_bad_line():
    parsed = list(parse_lines([b"\xef\xbb\xbfnot json", b"\xef\xbb\xbf" + RECORD.encode()]))

    assert isinstance(parsed[0], LineError) and parsed[0].line == 1
    assert parsed[1].external_id == "m1"


def test_the_command_imports_an_empty_file_with_a_mark_as_nothing(run_cli, tmp_path):
    source = tmp_path / "nothing-new.jsonl"
    source.write_bytes(b"\xef\xbb\xbf")

    assert run_cli("import", str(source)) == (0, "imported 0, duplicates 0, errors 0\n", "")
