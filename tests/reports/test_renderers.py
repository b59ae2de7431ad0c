"""The summary's files: JSON, CSV (folder and zip), HTML and a real PDF read back with poppler."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile

import pytest

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import ReportError, as_json, compute_figures, write_report

MARCH = month_period("2026-03")


@pytest.fixture
def figures(mix):
    mix.set_setting("business_name", "Harbour & Co <Test>")
    return compute_figures(mix, MARCH, now_at=t("2026-04-01T10:00:00Z"))


def poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (Debian poppler-utils) is not installed")
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


def test_json_file_is_the_contract(figures, tmp_path):
    path = write_report(figures, "json", tmp_path / "march.json")
    assert json.loads(path.read_text(encoding="utf-8")) == as_json(figures)


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_folder_has_the_headline_file_and_one_per_table(figures, tmp_path):
    # The files begin with a byte-order mark (for Excel), which "utf-8-sig" reads past.
    folder = write_report(figures, "csv", tmp_path / "march")
    assert sorted(p.name for p in folder.iterdir()) == [
        "first_response.csv", "staff.csv", "summary.csv", "top_customers.csv",
        "valuable_customers.csv", "weeks.csv"]
    summary = dict(read_csv((folder / "summary.csv").read_text(encoding="utf-8-sig"))[1:])
    assert summary["month"] == "2026-03"
    assert summary["inbound.total"] == "13"
    assert summary["by_kind.phone"] == "4"
    assert summary["ratios.phone_to_social"] == "1.0"
    assert summary["customers.new"] == "4"
    assert summary["first_response_s.median"] == "3600"
    assert summary["resolution_s.median"] == ""  # nothing closed: no figure, not zero
    assert float(summary["top20_share"]) == pytest.approx(6 / 13)
    top = read_csv((folder / "top_customers.csv").read_text(encoding="utf-8-sig"))
    assert top[0] == ["rank", "customer", "name", "inbound", "share_of_inbound", "influence",
                      "value"]
    assert [row[2] for row in top[1:4]] == ["Ann Adams", "bob Brown", "Cat Cole"]
    valuable = read_csv((folder / "valuable_customers.csv").read_text(encoding="utf-8-sig"))
    assert valuable == [["rank", "customer", "name", "value", "inbound", "mean_compound",
                         "waiting"]]  # nobody in `mix` has a value
    weeks = read_csv((folder / "weeks.csv").read_text(encoding="utf-8-sig"))
    assert weeks[1][:6] == ["2026-03-01", "2026-03-01", "1", "0", "0", "1"]
    assert weeks[-1][:2] == ["2026-03-30", "2026-03-31"]


def test_csv_zip_holds_the_same_files(figures, tmp_path):
    path = write_report(figures, "csv", tmp_path / "march.zip")
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == [
            "first_response.csv", "staff.csv", "summary.csv", "top_customers.csv",
            "valuable_customers.csv", "weeks.csv"]
        rows = read_csv(archive.read("first_response.csv").decode("utf-8-sig"))
    assert rows[-1] == ["no reply yet", "12"]


def test_csv_refuses_to_write_a_folder_over_a_file(figures, tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("mine")
    with pytest.raises(ReportError, match="is a file"):
        write_report(figures, "csv", taken)
    assert taken.read_text() == "mine"


def test_csv_refuses_a_single_csv_file_name(figures, tmp_path):
    with pytest.raises(ReportError, match="several files: give a folder or a .zip file"):
        write_report(figures, "csv", tmp_path / "march.csv")
    assert not (tmp_path / "march.csv").exists()


def test_a_report_into_a_missing_folder_is_one_sentence_and_leaves_nothing(figures, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ReportError, match="does not exist"):
        write_report(figures, "json", folder / "nowhere" / "march.json")
    assert list(folder.iterdir()) == []


def test_html_is_one_self_contained_page_with_names_escaped(figures, tmp_path):
    page = write_report(figures, "html", tmp_path / "march.html").read_text(encoding="utf-8")
    assert "Harbour &amp; Co &lt;Test&gt;" in page and "<Test>" not in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
    assert "March 2026" in page and "Ann Adams" in page
    assert re.search(r"Inbound messages</div><div class=\"big\">13<", page)


def test_pdf_holds_the_headline_numbers_as_text(figures, tmp_path):
    path = write_report(figures, "pdf", tmp_path / "march.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    assert "Pages:           3" in poppler("pdfinfo", str(path))
    text = poppler("pdftotext", "-layout", str(path), "-")
    pages = text.split("\f")
    first = pages[0]
    assert "Harbour & Co <Test>" in first and "Customer-service summary · March 2026" in first
    # The cards, row by row: labels, then the numbers under them.
    assert re.search(r"Inbound messages\s+First response, median\s+Resolution, median\s+"
                     r"Sentiment\s*\n\s*13\s+1\.0 h\s+–\s+−0\.01\s*\n", first)
    assert re.search(r"Active customers\s+Top 20 % of customers\s+Share of conversation\s+"
                     r"Phone : social\s*\n\s*6\s+46 %\s+40 %\s+1\.0 : 1\s*\n", first)
    assert "email 5 · social 4 · phone 4" in first
    assert "4 new · 2 returning" in first
    assert "email : social 1.2 : 1" in first
    assert "Channel mix: messages per social message" in first
    assert "Inbound messages by week and channel" in first
    assert "Time to first reply" in pages[1] and "Sentiment by week" in pages[1]
    assert re.search(r"1\s+Ann Adams\s+4\s+31 %", pages[2])
    assert "page 3 of 3" in pages[2]


def test_pdf_pages_render_to_images(figures, tmp_path):
    path = write_report(figures, "pdf", tmp_path / "march.pdf")
    poppler("pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page"))
    assert sorted(p.name for p in tmp_path.glob("page-*.png")) == [
        "page-1.png", "page-2.png", "page-3.png"]


def test_pdf_of_a_month_without_social_messages_says_why_there_is_no_ratio(store, tmp_path):
    figures = compute_figures(store, MARCH, now_at=t("2026-04-01T10:00:00Z"))
    text = poppler("pdftotext", "-layout",
                   str(write_report(figures, "pdf", tmp_path / "empty.pdf")), "-")
    assert "Phone : social: no social messages, so no ratio." in text
    assert "Channel mix (no social messages)" in text
    assert "No customer wrote in the period." in text


def test_the_qt_bindings_do_not_over_release_none():
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call, so a
    process that draws a few PDFs (or a window left open) dies with "deallocating None"."""
    import sys

    from PySide6.QtGui import QFont

    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setPixelSize(12)
    assert sys.getrefcount(None) - before > -100


def test_values_carry_the_shops_currency_in_html_pdf_and_json(mix, tmp_path):
    mix.set_customer_value(mix.find_customer("ann@x.org").id, 1234.5)
    mix.set_setting("currency", "€")
    got = compute_figures(mix, MARCH, now_at=t("2026-04-01T10:00:00Z"))
    assert as_json(got)["currency"] == "€"
    assert as_json(got)["valuable_customers"][0]["value"] == 1234.5  # numbers stay numbers
    page = write_report(got, "html", tmp_path / "march.html").read_text(encoding="utf-8")
    assert "<td class='n'>€1,234.50</td>" in page
    text = poppler("pdftotext", "-layout", str(write_report(got, "pdf", tmp_path / "m.pdf")),
                   "-")
    assert re.search(r"1\s+Ann Adams\s+€1,234\.50\s+4\b", text)
    mix.set_setting("currency", "<b>")  # written by a person: escaped like a name
    page = write_report(compute_figures(mix, MARCH, now_at=t("2026-04-01T10:00:00Z")), "html",
                        tmp_path / "again.html").read_text(encoding="utf-8")
    assert "&lt;b&gt; 1,234.50" in page and "<b> 1" not in page
