"""`inbox-app report --json > march.json` from a Windows scheduled task writes stdout in
the code page (cp1252): a top customer named "Łucja Żółw" came out as "?ucja ?ó?w" in
the JSON, and the HTML summary, which says it is UTF-8, was written in cp1252 with the
same question marks. The JSON escapes what the code page cannot hold (`\\u0141`), as every
other `--json` does, so a script reads back the name exactly; the HTML is written in the
UTF-8 it declares."""

from __future__ import annotations

import io
import json
import sys

import pytest

from inbox_app.cli import main

NAME = "Łucja Żółw 李"
LINE = json.dumps({"kind": "email", "id": "z1", "text": "Dziękuję, świetnie!",
                   "at": "2026-03-03T10:00:00Z", "email": "lucja@example.pl",
                   "author_name": NAME}) + "\n"


@pytest.fixture
def shop(run_cli, tmp_path):
    source = tmp_path / "one.jsonl"
    source.write_text(LINE, encoding="utf-8")
    assert run_cli("import", str(source))[0] == 0
    assert run_cli("settings", "business_name", "Kraków Café ☕")[0] == 0


def report_into(encoding: str, db_path, monkeypatch, *args: str) -> tuple[int, bytes]:
    written = io.BytesIO()
    stdout = io.TextIOWrapper(written, encoding=encoding, newline="\n")
    monkeypatch.setattr(sys, "stdout", stdout)
    code = main(["--db", str(db_path), "report", "--month", "2026-03", *args])
    stdout.flush()
    return code, written.getvalue()


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
@pytest.mark.parametrize("asking", [("--json",), ("--format", "json"), ("--out", "-")])
def test_report_json_reads_back_every_name_exactly(shop, db_path, monkeypatch, encoding,
                                                   asking):
    code, data = report_into(encoding, db_path, monkeypatch, *asking)
    assert code == 0
    report = json.loads(data.decode(encoding))
    assert [row["name"] for row in report["top_customers"]] == [NAME]


def test_report_json_keeps_its_letters_on_a_utf8_stdout(shop, db_path, monkeypatch):
    code, data = report_into("utf-8", db_path, monkeypatch, "--json")
    assert code == 0
    assert f'"name": "{NAME}"'.encode() in data


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_report_html_is_the_utf8_it_declares(shop, db_path, monkeypatch, encoding):
    code, data = report_into(encoding, db_path, monkeypatch, "--format", "html")
    assert code == 0
    page = data.decode("utf-8")
    assert "<meta charset='utf-8'>" in page
    assert NAME in page and "Kraków Café ☕" in page
