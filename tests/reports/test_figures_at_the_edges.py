"""The monthly summary: figures worked out by hand at the edges (local time zones,
month boundaries, DST), and the files a person opens (CSV in a spreadsheet, files written
where the person points, whatever is there)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile

import pytest

from inbox_app.core.metrics import month_period, range_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import as_json, compute_figures, write_report
from inbox_app.reports.formatting import period_heading
from tests.store.helpers import msg

MARCH = month_period("2026-03")
AS_OF = t("2026-04-01T10:00:00Z")


# Figures at the edges of a period, in a shop's own time zone


def test_a_month_is_the_shops_local_month_not_utcs(store, berlin):
    """Berlin: 1 March 00:30 local is still February in UTC, 1 April 00:30 local (CEST) is
    still March in UTC; both belong to the local month they were written in."""
    store.save_messages([
        msg("feb-local", email="a@x.org", author="Ann", at="2026-02-28T23:30:00+01:00"),
        msg("mar-first", email="b@x.org", author="Bea", at="2026-03-01T00:30:00+01:00"),
        msg("mar-last", email="c@x.org", author="Cy", at="2026-03-31T23:59:59+02:00"),
        msg("apr-first", email="d@x.org", author="Di", at="2026-04-01T00:00:00+02:00"),
    ])
    march = month_period("2026-03")
    got = as_json(compute_figures(store, march, now_at=AS_OF))
    assert got["inbound"]["total"] == 2
    assert [c["name"] for c in got["top_customers"]] == ["Bea", "Cy"]
    assert got["customers"] == {"active": 2, "new": 2, "returning": 0}


def test_weeks_across_the_dst_change_are_whole_local_weeks(store, berlin):
    """The week of 23–29 March 2026 is 167 hours long in Berlin; a message on Sunday 29th at
    23:30 CEST belongs to it, one on Monday 30th at 00:30 CEST to the next."""
    store.save_messages([
        msg("sun", kind="phone", phone="+49 30 1234567", author="Pia",
            at="2026-03-29T23:30:00+02:00"),
        msg("mon", kind="phone", phone="+49 30 1234568", author="Rob",
            at="2026-03-30T00:30:00+02:00"),
    ])
    weeks = compute_figures(store, month_period("2026-03"), now_at=AS_OF).weeks
    by_label = {w.week.label: w.inbound["phone"] for w in weeks}
    assert by_label["23 Mar"] == 1 and by_label["30 Mar"] == 1
    week = next(w.week for w in weeks if w.week.label == "23 Mar")
    assert week.end - week.start == 167 * 3600


def test_first_response_across_the_dst_change_is_real_elapsed_time(store, berlin):
    """In 01:30 CET, reply 03:30 CEST on 29 March: one hour passed, not two."""
    store.save_messages([
        msg("in", thread="t", email="a@x.org", author="Ann", at="2026-03-29T01:30:00+01:00"),
        msg("out", "Done", thread="t", direction="out", staff="Maya",
            at="2026-03-29T03:30:00+02:00"),
    ])
    got = as_json(compute_figures(store, month_period("2026-03"), now_at=AS_OF))
    assert got["first_response_s"] == {"median": 3600, "p90": 3600, "count": 1,
                                       "unanswered": 0}


def test_one_message_in_all(store):
    store.save_messages([msg("only", kind="telegram", handle="solo", author="Solo",
                             at="2026-03-15T12:00:00Z")])
    got = as_json(compute_figures(store, MARCH, now_at=AS_OF))
    assert got["inbound"] == {"email": 0, "social": 1, "phone": 0, "total": 1}
    assert got["ratios"] == {"phone_to_social": 0.0, "email_to_social": 0.0}
    assert got["first_response_s"] == {"median": None, "p90": None, "count": 0,
                                       "unanswered": 1}
    assert got["customers"] == {"active": 1, "new": 1, "returning": 0}
    assert got["top20_share"] == 1.0


# The month under way


def test_the_last_day_of_a_month_is_still_so_far(mix):
    """Counted on 31 March at noon, March is not over: the heading says so, as on the 30th."""
    on_the_30th = compute_figures(mix, MARCH, now_at=t("2026-03-30T12:00:00Z"))
    assert period_heading(on_the_30th) == "March 2026  ·  1–30 March 2026 so far"
    on_the_31st = compute_figures(mix, MARCH, now_at=t("2026-03-31T12:00:00Z"))
    assert period_heading(on_the_31st) == "March 2026  ·  1–31 March 2026 so far"
    after = compute_figures(mix, MARCH, now_at=t("2026-04-01T00:00:00Z"))
    assert period_heading(after) == "March 2026  ·  1 Mar 2026 – 31 Mar 2026"


# CSV as a spreadsheet opens it


@pytest.fixture
def hostile(store):
    """Customers whose names a spreadsheet would run as formulas, and one with accents."""
    store.add_staff("=cmd|' /C calc'!A0")
    store.save_messages([
        msg("h1", email="h@x.org", author='=HYPERLINK("http://evil.example","click")',
            at="2026-03-02T09:00:00Z"),
        msg("h2", email="h@x.org", author='=HYPERLINK("http://evil.example","click")',
            at="2026-03-03T09:00:00Z"),
        msg("a1", email="at@x.org", author="@SUM(1+1)", at="2026-03-04T09:00:00Z"),
        msg("z1", email="zoe@x.org", author="Zoë Müller", at="2026-03-05T09:00:00Z"),
        msg("n1", kind="phone", phone="+1 207 555 0100", author="-2+3",
            at="2026-03-06T09:00:00Z"),
    ])
    for reference in ("h@x.org", "zoe@x.org"):
        store.set_customer_value(store.find_customer(reference).id, 100.0)
    return compute_figures(store, MARCH, now_at=AS_OF)


def _csv_files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_csv_cells_written_by_customers_never_run_as_formulas(hostile, tmp_path):
    files = _csv_files(write_report(hostile, "csv", tmp_path / "march.zip"))
    cells = [cell for data in files.values()
             for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]
    texts = [cell for cell in cells if cell and not cell.lstrip("-").replace(".", "").isdigit()]
    dangerous = [cell for cell in texts if cell[0] in "=@+-"]
    assert dangerous == []
    top = list(csv.reader(io.StringIO(files["top_customers.csv"].decode("utf-8-sig"))))
    names = [row[2] for row in top[1:]]
    assert names[0] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert "'@SUM(1+1)" in names and "'-2+3" in names and "Zoë Müller" in names
    staff = list(csv.reader(io.StringIO(files["staff.csv"].decode("utf-8-sig"))))
    assert staff[1][0] == "'=cmd|' /C calc'!A0"


def test_csv_numbers_stay_numbers(hostile, tmp_path):
    files = _csv_files(write_report(hostile, "csv", tmp_path / "march.zip"))
    summary = dict(list(csv.reader(io.StringIO(files["summary.csv"].decode("utf-8-sig"))))[1:])
    assert summary["inbound.total"] == "5"
    assert float(summary["sentiment.mean_compound"]) == pytest.approx(
        hostile.sentiment.mean_compound)


def test_csv_files_carry_a_byte_order_mark_so_excel_reads_accents(hostile, tmp_path):
    """Excel opens a CSV without a BOM as Windows-1252: "Zoë Müller" would read "ZoÃ« MÃ¼ller".
    The conversation export has a BOM for this reason; the summary's CSV files too."""
    files = _csv_files(write_report(hostile, "csv", tmp_path / "march.zip"))
    assert all(data.startswith("\ufeff".encode()) for data in files.values())
    folder = write_report(hostile, "csv", tmp_path / "march")
    text = (folder / "valuable_customers.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "rank,customer,name,value,inbound,mean_compound,waiting"
    assert "Zoë Müller" in text


# Files written where the person points


def test_a_report_to_a_pipe_goes_into_the_pipe_and_leaves_it_a_pipe(mix, tmp_path):
    """`--out /dev/null` or `--out /dev/stdout` must write into the device, never replace it
    with a regular file (as root that replaced the system's /dev/null)."""
    figures = compute_figures(mix, MARCH, now_at=AS_OF)
    folder = tmp_path / "out"
    folder.mkdir()
    pipe = folder / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_report(figures, "json", pipe)
        received = os.read(reader, 1 << 20)
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert json.loads(received.decode("utf-8")) == as_json(figures)
    assert sorted(p.name for p in folder.iterdir()) == ["pipe"]  # no temporary left behind


def test_a_report_through_a_symlink_replaces_the_linked_file_and_keeps_the_link(mix, tmp_path):
    figures = compute_figures(mix, MARCH, now_at=AS_OF)
    archive = tmp_path / "archive"
    archive.mkdir()
    real = archive / "2026-03.json"
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    write_report(figures, "json", link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["month"] == "2026-03"


def test_report_files_can_be_read_as_the_umask_allows(mix, tmp_path):
    """A summary is made to be shared: like any file the user writes, not private to them."""
    figures = compute_figures(mix, MARCH, now_at=AS_OF)
    previous = os.umask(0o022)
    try:
        for fmt, name in (("json", "m.json"), ("html", "m.html"), ("csv", "m.zip")):
            mode = stat.S_IMODE(write_report(figures, fmt, tmp_path / name).stat().st_mode)
            assert mode == 0o644, (fmt, oct(mode))
        folder = write_report(figures, "csv", tmp_path / "m")
        assert stat.S_IMODE((folder / "summary.csv").stat().st_mode) == 0o644
    finally:
        os.umask(previous)


def test_replacing_a_report_keeps_the_files_own_permissions(mix, tmp_path):
    figures = compute_figures(mix, MARCH, now_at=AS_OF)
    target = tmp_path / "m.json"
    target.write_text("old")
    target.chmod(0o640)
    write_report(figures, "json", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_range_ending_today_at_the_period_edge(mix):
    """A one-day range: the heading names the day; figures are that local day's."""
    day = range_period("2026-03-31", "2026-03-31")
    got = compute_figures(mix, day, now_at=AS_OF)
    assert got.inbound["total"] == 1  # e3 at 23:59:59
    assert period_heading(got).startswith("31 March 2026")


# Both engines count alike


@pytest.mark.both_engines
def test_valuable_customers_of_equal_value_are_in_name_order_ignoring_case(mix):
    """As top customers are: "bob Brown" before "Cat Cole", on SQLite and PostgreSQL alike
    (SQLite sorts capitals before small letters, PostgreSQL by its collation)."""
    for reference in ("+1 207 555 0101", "+1 207 555 0102", "ann@x.org"):
        mix.set_customer_value(mix.find_customer(reference).id, 500.0)
    got = compute_figures(mix, MARCH, now_at=AS_OF)
    assert [c.name for c in got.valuable_customers] == ["Ann Adams", "bob Brown", "Cat Cole"]
    assert [c.name for c in compute_figures(mix, MARCH, now_at=AS_OF, top=2)
            .valuable_customers] == ["Ann Adams", "bob Brown"]


@pytest.mark.both_engines
def test_every_figure_is_the_same_on_both_engines(desk):
    got = as_json(compute_figures(desk, MARCH, now_at=AS_OF))
    assert got["first_response_s"] == {"median": 3600, "p90": 14400, "count": 5,
                                       "unanswered": 1}
    assert got["resolution_s"] == {"median": 4 * 86400, "p90": 14 * 86400, "count": 3}
    assert [(s["name"], s["replies"], s["closed"], s["open_followups"], s["overdue"])
            for s in got["staff"]] == [("Maya", 4, 3, 2, 1), ("Priya", 0, 0, 0, 0),
                                        ("Theo", 4, 1, 1, 0)]


# Sentences a person reads


def test_the_speed_sentence_counts_in_good_english(store):
    from inbox_app.reports.formatting import speed_sentences

    store.save_messages([
        msg("a", thread="a", email="a@x.org", author="Ann", at="2026-03-02T09:00:00Z"),
        msg("a-r", "Done", thread="a", direction="out", staff="Maya", at="2026-03-02T10:00:00Z"),
        msg("b", thread="b", email="b@x.org", author="Bea", at="2026-03-03T09:00:00Z"),
    ])
    text = speed_sentences(compute_figures(store, MARCH, now_at=AS_OF))
    assert "1 was answered, 1 has no reply yet." in text
    alone = speed_sentences(compute_figures(store, range_period("2026-03-03", "2026-03-03"),
                                            now_at=AS_OF))
    assert alone.startswith("The one conversation that started in the period has no reply yet.")


# The month under way, as the HTML and the PDF show it


def test_html_of_a_month_under_way_says_so_far_and_ends_its_weeks_at_this_week(mix, tmp_path):
    """As the Insights page does: a summary exported from it on 10 March shows 1–10 March
    so far, not four empty weeks still to come as if March had been that quiet."""
    counted = compute_figures(mix, MARCH, now_at=t("2026-03-10T12:00:00Z"))
    page = write_report(counted, "html", tmp_path / "m.html").read_text(encoding="utf-8")
    assert "1–10 March 2026 so far" in page
    weeks = [label for label in ("1 Mar", "2 Mar", "9 Mar", "16 Mar", "23 Mar", "30 Mar")
             if f"<tr><td>{label}</td>" in page]
    assert weeks == ["1 Mar", "2 Mar", "9 Mar"]
    done = write_report(compute_figures(mix, MARCH, now_at=AS_OF), "html",
                        tmp_path / "done.html").read_text(encoding="utf-8")
    assert "so far" not in done and "<tr><td>30 Mar</td>" in done


def test_pdf_of_a_month_under_way_says_so_far_and_ends_its_weeks_at_this_week(mix, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    counted = compute_figures(mix, MARCH, now_at=t("2026-03-10T12:00:00Z"))
    path = write_report(counted, "pdf", tmp_path / "m.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "1 Mar 2026 – 10 Mar 2026 so far" in text
    assert "16 Mar" not in text and "9 Mar" in text


def test_one_customer_is_not_customers(store):
    from inbox_app.reports.formatting import customers_sentence, headline_cards

    store.save_messages([msg("only", email="a@x.org", author="Ann", at="2026-03-15T12:00:00Z")])
    got = compute_figures(store, MARCH, now_at=AS_OF)
    cards = {label: (number, note) for label, number, note in headline_cards(got)}
    assert cards["Top 20 % of customers"] == ("100 %", "of all messages · from 1 customer")
    assert customers_sentence(got).startswith(
        "1 customer wrote in the period: 1 for the first time and 0 returning. The top 20 % "
        "(1 customer) sent 100 % of all messages.")


def test_a_long_range_charts_months_or_years_not_hundreds_of_weeks(store, tmp_path):
    """`report --from 2000-01-01` drew ~1,400 weekly bars: an empty-looking chart."""
    from datetime import date

    from inbox_app.core.sentiment import score
    from inbox_app.reports.formatting import chart_bars

    texts = {"2024-01-10": "I love it", "2024-01-20": "Terrible, awful service",
             "2024-06-05": "Fine", "2025-02-01": "Great coffee"}
    items = []
    for day, text in texts.items():
        item = msg(f"m-{day}", text, email=f"{day}@example.com", at=f"{day}T10:00:00Z")
        item.sentiment = score(text)
        items.append(item)
    store.save_messages(items)
    week_range = range_period(date(2024, 1, 1), date(2024, 3, 31))
    assert chart_bars(compute_figures(store, week_range, now_at=AS_OF))[0] == "week"
    year = compute_figures(store, range_period(date(2024, 1, 1), date(2024, 12, 31)),
                           now_at=AS_OF)
    unit, bars = chart_bars(year)
    assert unit == "month" and [bar.label for bar in bars][:2] == ["Jan 2024", "Feb 2024"]
    january = bars[0]
    assert january.total == 2 and january.mood.messages == 2
    expected = (score(texts["2024-01-10"]).compound + score(texts["2024-01-20"]).compound) / 2
    assert january.mood.mean_compound == pytest.approx(expected)
    assert january.mood.negative_share == 0.5
    assert sum(bar.total for bar in bars) == 3
    unit, bars = chart_bars(compute_figures(store, range_period(date(2000, 1, 1),
                                                                 date(2025, 12, 31)),
                                            now_at=AS_OF))
    assert unit == "year" and [(b.label, b.total) for b in bars if b.total] == [
        ("2024", 3), ("2025", 1)]
    out = tmp_path / "long.html"
    write_report(compute_figures(store, range_period(date(2000, 1, 1), date(2025, 12, 31)),
                                 now_at=AS_OF), "html", out)
    assert "<h2>Volume by year</h2>" in out.read_text(encoding="utf-8")
