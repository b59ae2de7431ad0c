"""`inbox-app report`: the contract (options, formats, JSON keys, exit codes) end to end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from inbox_app.cli import build_parser, main
from inbox_app.cli_store import report_period

ROOT = Path(__file__).resolve().parents[2]

LINES = [
    {"kind": "email", "id": "e1", "text": "My order is late", "at": "2026-03-02T10:00:00Z",
     "email": "ann@x.org", "author_name": "Ann Lee", "thread": "t1"},
    {"kind": "email", "id": "e2", "text": "Sorry Ann, it's on its way", "direction": "out",
     "at": "2026-03-02T12:00:00Z", "thread": "t1", "author_name": "Maya"},
    {"kind": "phone", "id": "p1", "text": "Asked about hours", "at": "2026-03-03T09:00:00Z",
     "phone": "+1 207 555 0100", "author_name": "Bo"},
    {"kind": "phone", "id": "p2", "text": "Called again", "at": "2026-03-04T09:00:00Z",
     "phone": "+1 207 555 0100", "author_name": "Bo"},
    {"kind": "mastodon", "id": "m1", "text": "Love the beans", "at": "2026-03-05T09:00:00Z",
     "handle": "@cat@mastodon.social"},
    {"kind": "email", "id": "e3", "text": "Hello", "at": "2026-04-02T09:00:00Z",
     "email": "ann@x.org", "author_name": "Ann Lee"},
]


@pytest.fixture
def run(db_path, capsys):
    def run(*args):
        code = main(["--db", str(db_path), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def imported(run, tmp_path):
    path = tmp_path / "march.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in LINES) + "\n")
    assert run("import", str(path))[0] == 0
    return run


def test_json_to_stdout_has_the_figures_of_the_month(imported):
    code, out, err = imported("report", "--month", "2026-03", "--format", "json")
    assert code == 0 and err == ""
    got = json.loads(out)
    assert got["month"] == "2026-03"
    assert got["inbound"] == {"email": 1, "social": 1, "phone": 2, "total": 4}
    assert got["ratios"] == {"phone_to_social": 2.0, "email_to_social": 1.0}
    # t1 answered after 2 h; p1, p2 and m1 are conversations of their own, unanswered.
    assert got["first_response_s"] == {"median": 7200, "p90": 7200, "count": 1, "unanswered": 3}
    assert got["customers"] == {"active": 3, "new": 3, "returning": 0}
    assert [c["name"] for c in got["top_customers"]] == ["Bo", "@cat@mastodon.social", "Ann Lee"]
    assert got["staff"][0]["name"] == "Maya" and got["staff"][0]["replies"] == 1
    # --json, as every other command that writes JSON takes it (a cron line wrote it so)
    assert imported("report", "--month", "2026-03", "--json")[1] == out


def test_a_range_and_the_format_from_the_file_name(imported, tmp_path):
    out_path = tmp_path / "range.json"
    code, out, _ = imported("report", "--from", "2026-03-03", "--to", "2026-03-04",
                            "--out", str(out_path))
    assert code == 0 and str(out_path) in out
    got = json.loads(out_path.read_text())
    assert got["month"] == "2026-03-03/2026-03-04"
    assert got["inbound"]["total"] == 2


def test_every_format_to_a_file(imported, tmp_path):
    for fmt, name in (("json", "m.json"), ("html", "m.html"), ("csv", "m.zip"), ("csv", "m-csv"),
                      ("pdf", "m.pdf")):
        code, out, err = imported("report", "--month", "2026-03", "--format", fmt,
                                  "--out", str(tmp_path / name))
        assert (code, err) == (0, ""), (fmt, err)
        assert out.startswith(f"wrote the March 2026 summary ({fmt})")
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "m-csv" / "summary.csv").is_file()
    assert "summary.csv" in zipfile.ZipFile(tmp_path / "m.zip").namelist()
    assert "<h1>" in (tmp_path / "m.html").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "'2026-13' is not a month"),
        (["--month", "2026-03", "--from", "2026-03-01"], "either --month or --from/--to"),
        (["--to", "2026-03-01"], "--to needs --from"),
        (["--from", "2026-03-05", "--to", "2026-03-01"], "ends (2026-03-01) before it starts"),
        (["--from", "March"], "'March' is not a date"),
        (["--month", "2026-03", "--format", "pdf"], "A PDF report needs --out PATH."),
        (["--month", "2026-03", "--format", "csv"], "A CSV report needs --out PATH."),
    ],
)
def test_mistakes_are_one_sentence_and_exit_2(imported, args, message):
    code, out, err = imported("report", *args)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_unwritable_destination_is_one_sentence_and_exit_2(imported, tmp_path):
    code, _, err = imported("report", "--month", "2026-03", "--out",
                            str(tmp_path / "missing" / "m.pdf"))
    assert code == 2 and "does not exist" in err and err.count("\n") == 1


def test_without_a_period_the_report_is_about_last_month():
    args = build_parser().parse_args(["report"])
    assert report_period(args, today=date(2026, 4, 1)).label == "2026-03"
    assert report_period(args, today=date(2026, 1, 31)).label == "2025-12"
    args = build_parser().parse_args(["report", "--from", "2026-03-20"])
    assert report_period(args, today=date(2026, 3, 25)).label == "2026-03-20/2026-03-25"


def _clean_env(tmp_path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT)
    env["HOME"] = str(tmp_path)
    return env


def test_the_pdf_renders_from_the_command_line_without_a_display(imported, db_path, tmp_path):
    """The renderer picks the offscreen platform itself when none is set."""
    out_path = tmp_path / "cli.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "inbox_app", "--db", str(db_path), "report", "--month", "2026-03",
         "--out", str(out_path)],
        env=_clean_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out_path.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out_path), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "Inbound messages" in text and "2.0 : 1" in text


def test_json_and_csv_reports_never_load_qt(imported, db_path, tmp_path):
    script = (
        "import sys\n"
        "from inbox_app.cli import main\n"
        f"main(['--db', {str(db_path)!r}, 'report', '--month', '2026-03', '--format', 'csv',"
        f" '--out', {str(tmp_path / 'x.zip')!r}])\n"
        f"main(['--db', {str(db_path)!r}, 'report', '--month', '2026-03'])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=_clean_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
