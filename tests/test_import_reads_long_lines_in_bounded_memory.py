"""A JSON Lines file is read a block at a time, never a line at any length: a 2 GB file
whose lines end in a carriage return alone (classic Mac), or a broken export with one
endless line, used to be read whole into memory (several times its size) only to be told
"the line is longer than 16 MB". A line over the limit is now skipped as it is read, named
with its number, and the lines after it keep theirs."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest

from inbox_app.core import importing
from inbox_app.core.importing import LineError, OverlongLine, not_json_lines
from inbox_app.pipeline import bounded_lines, import_jsonl


def _line(number: int) -> bytes:
    return json.dumps({"kind": "email", "id": f"m{number}", "text": "Where is my order?",
                       "at": "2026-03-01T10:00:00Z"}).encode()


def test_an_endless_line_is_skipped_in_bounded_memory_and_named(store, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_LINE", 1024 * 1024)
    source = tmp_path / "export.jsonl"
    with open(source, "wb") as out:
        out.write(_line(1) + b"\r\n")
        out.write(b'{"kind": "email", "text": "' + b"x" * (40 * 1024 * 1024) + b'"}\r\n')
        out.write(_line(3) + b"\r\n\r\n" + _line(5))  # a blank line; the last without one
    errors: list[LineError] = []

    tracemalloc.start()
    try:
        summary = import_jsonl(store, source, workers=0, on_error=errors.append)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert (summary.imported, summary.duplicates) == (3, 0)
    assert [str(error) for error in errors] == [
        "line 2: the line is 40 MB long; lines longer than 1 MB are not read"]
    assert peak < 12 * 1024 * 1024  # the 40 MB line was never held


@pytest.mark.parametrize("pieces", [
    [b"a\nb\n", b"c"],
    [b"a\r\n", b"\r\nb"],
    [b"", b"a", b"bc\nd", b"ef", b"\n", b"\n"],
    [b"one line without an end"],
    [],
])
def test_lines_are_those_of_the_file_wherever_its_blocks_end(pieces):
    whole = b"".join(pieces)
    head, rest = (pieces[0], b"".join(pieces[1:])) if pieces else (b"", b"")

    read = list(bounded_lines(io.BytesIO(rest), head, block=2))

    assert read == whole.split(b"\n")[:-1] + ([whole.split(b"\n")[-1]]
                                               if not whole.endswith(b"\n") and whole else [])


def test_a_line_over_the_limit_is_its_length_only():
    read = list(bounded_lines(io.BytesIO(b"12345678\nabc\n" + b"y" * 30), b"", block=4,
                              limit=5))

    assert read == [OverlongLine(8), b"abc", OverlongLine(30)]


def test_a_file_with_carriage_returns_alone_is_one_sentence():
    head = b"\r".join(_line(n) for n in range(3)) + b"\r"

    assert not_json_lines(head) == (
        "its lines end in a carriage return alone (as on old Macs); save it with"
        " LF or CRLF line ends")


def test_a_carriage_return_inside_one_long_first_line_is_not_taken_for_one():
    assert not_json_lines(b'{"kind": "email", "text": "a\rb", "html": "' + b"x" * 70000) is None


def test_the_command_refuses_a_file_with_carriage_returns_alone(run_cli, tmp_path):
    """It used to say `imported 0, duplicates 0, errors 1` and "line 1: not valid JSON
    (Extra data …)" for a whole file of good records."""
    source = tmp_path / "mac.jsonl"
    source.write_bytes(b"\r".join(_line(n) for n in range(3)) + b"\r")

    code, out, err = run_cli("import", str(source))

    assert (code, out) == (2, "")
    assert err == (f"inbox-app: cannot import {source}: its lines end in a carriage return"
                   " alone (as on old Macs); save it with LF or CRLF line ends.\n")


def test_the_command_skips_an_endless_line_and_imports_the_rest(run_cli, tmp_path):
    """`inbox-app import` reads as import_jsonl does: the first block it looks at to tell
    JSON Lines from anything else, then the rest, a block at a time."""
    source = tmp_path / "export.jsonl"
    with open(source, "wb") as out:
        out.write(_line(1) + b"\n")
        out.write(b'{"kind": "email", "text": "' + b"x" * (17 * 1024 * 1024) + b'"}\n')
        out.write(_line(3) + b"\n")
    code, out, err = run_cli("import", str(source))
    assert (code, out) == (1, "imported 2, duplicates 0, errors 1\n")
    assert err == (f"{source}: line 2: the line is 17 MB long; lines longer than 16 MB are"
                   " not read\n")
