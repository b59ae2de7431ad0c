"""The summary's team table lists people as the staff list does: numbers by their value
("Staffer 2" before "Staffer 10"), any case, "Ärger" among the a's — in the JSON, the CSV,
the HTML and the PDF, alike on both engines. It sorted by casefold alone, so the tenth
staffer came second and an accented name came after "Zed"."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import compute_figures, write_report
from inbox_app.reports.figures import as_json
from inbox_app.reports.html_report import html_text
from tests.store.helpers import msg

pytestmark = pytest.mark.both_engines

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")
# "staffer 11" is on no list: an import named them as a reply's author.
READING_ORDER = ["Ärger Öz", "bob", "Staffer 1", "Staffer 2", "Staffer 10", "staffer 11", "Zed"]


@pytest.fixture
def team(store):
    for name in ("Staffer 10", "Zed", "Staffer 2", "Ärger Öz", "bob", "Staffer 1"):
        store.add_staff(name)
    store.save_messages([
        msg("in1", "Where is my order?", thread="t1", email="ann@x.org", author="Ann",
            at="2026-03-02T10:00:00Z"),
        msg("out1", "On its way", thread="t1", direction="out", staff="staffer 11",
            at="2026-03-02T11:00:00Z"),
    ])
    return store


def test_the_team_reads_in_natural_order_in_every_format(team, tmp_path):
    figures = compute_figures(team, MARCH, now_at=AS_OF)
    assert [member["name"] for member in as_json(figures)["staff"]] == READING_ORDER

    written = write_report(figures, "csv", tmp_path / "march.zip")
    with zipfile.ZipFile(written) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("staff.csv").decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == READING_ORDER

    team_table = html_text(figures).split("<h2>Your team</h2>")[1]
    assert re.findall(r"<tr><td>([^<]+)</td>", team_table) == READING_ORDER

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    pdf = write_report(figures, "pdf", tmp_path / "march.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    listed = [line.strip() for line in text.splitlines()
              if re.match(r"\s*(Ärger Öz|bob|[Ss]taffer \d+|Zed)\s{2,}\d", line)]
    assert [re.split(r"\s{2,}", line)[0] for line in listed] == READING_ORDER
