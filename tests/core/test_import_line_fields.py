"""JSON Lines imports against the SPEC's format, through the command line: unknown fields,
bad lines by number, ISO 8601 as other programs write it, sanitized HTML."""

from __future__ import annotations

import json
from datetime import datetime

import pytest


def utc(iso: str) -> int:
    return int(datetime.fromisoformat(iso + "+00:00").timestamp())


def write(tmp_path, *records, name="messages.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes(b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\r\n"
        for line in records))
    return str(path)


def line(**fields) -> dict:
    return {"kind": "email", "text": "Where is my order?", "at": "2026-03-01T10:00:00Z",
            "email": "ann@example.com", **fields}


def test_an_attachments_field_of_names_lists_them_instead_of_a_traceback(run_cli, tmp_path):
    """An export's `attachments` as a list of names (or one name) was kept as it came, and
    `attachment list` (and the conversation view) failed on it with a traceback."""
    path = write(tmp_path,
                 line(id="<a1@x>", attachments=["invoice.pdf", {"name": "photo.jpg",
                                                                 "size": "12 KB"}]),
                 line(id="<a2@x>", thread="t", attachments="scan.pdf"))
    assert run_cli("import", path)[:2] == (0, "imported 2, duplicates 0, errors 0\n")
    code, out, err = run_cli("attachment", "list", "1", "--json")
    assert (code, err) == (0, "")
    assert [(a["name"], a["size"]) for a in json.loads(out)] == [
        ("invoice.pdf", 0), ("photo.jpg", 0)]
    code, out, err = run_cli("attachment", "list", "2", "--json")
    assert [a["name"] for a in json.loads(out)] == ["scan.pdf"]
    code, out, err = run_cli("attachment", "save", "1", "1", "--out", str(tmp_path))
    assert code == 1 and "was not read from a mail server" in err


def test_bad_lines_are_named_by_their_line_numbers_and_the_rest_imports(run_cli, tmp_path):
    path = write(tmp_path, line(id="1"), b"", b"not json", line(id="2", at=None),
                 line(id="3", kind="sms"), b"[1, 2]", line(id="4", at="2026-03-02T25:00:00Z"),
                 line(id="5", colour="blue", order={"no": 1041}))
    code, out, err = run_cli("import", path)
    assert (code, out) == (1, "imported 2, duplicates 0, errors 5\n")
    assert [e.split(": ", 2)[1] for e in err.splitlines()] == [
        "line 3", "line 4", "line 5", "line 6", "line 7"]
    assert run_cli("import", path)[1] == "imported 0, duplicates 2, errors 5\n"


@pytest.mark.parametrize("written, iso", [
    ("2026-03-01T10:00:00Z", "2026-03-01T10:00:00"),
    ("2026-03-01T11:00:00+01:00", "2026-03-01T10:00:00"),
    ("2026-03-01T11:00+01:00", "2026-03-01T10:00:00"),
    ("2026-03-01T10:00:00.123456Z", "2026-03-01T10:00:00"),
    ("2026-03-01T10:00:00,5Z", "2026-03-01T10:00:00"),
    ("2026-03-01 05:00:00-0500", "2026-03-01T10:00:00"),
    ("20260301T100000Z", "2026-03-01T10:00:00"),
    ("2026-W09-7T10:00:00Z", "2026-03-01T10:00:00"),
    ("2026-03-01T10:00:00", "2026-03-01T10:00:00"),  # local time; TZ=UTC in tests
])
def test_iso_8601_as_programs_write_it(run_cli, tmp_path, written, iso):
    path = write(tmp_path, line(id="x", at=written))
    assert run_cli("import", path)[0] == 0
    code, out, _ = run_cli("show", "1", "--json")
    assert json.loads(out)["thread"][0]["at"] == iso + "Z"


def test_html_is_sanitized_and_gives_the_text_when_the_text_is_empty(run_cli, tmp_path):
    html = ("<p>Still <b>waiting</b><script>alert(1)</script>"
            "<img src='http://track.example/p.gif'></p>")
    path = write(tmp_path, line(id="h", text="", html=html))
    assert run_cli("import", path)[0] == 0
    message = json.loads(run_cli("show", "1", "--json")[1])["thread"][0]
    assert message["text"] == "Still waiting"
