"""The CSV of a month under way ends its weeks at this week, as the HTML, the PDF and the
Insights page do: a cron job's summary made on 10 March listed 16, 23 and 30 March with
0 messages each, as if the rest of March had been that quiet."""

from __future__ import annotations

import csv
import io

from inbox_app.core.metrics import month_period
from inbox_app.core.timeutil import parse_iso as t
from inbox_app.reports import compute_figures
from inbox_app.reports.csv_report import tables, write_csv

MARCH = month_period("2026-03")


def week_rows(folder) -> list[dict[str, str]]:
    text = (folder / "weeks.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_weeks_still_to_come_are_not_listed_as_quiet_ones(mix, tmp_path):
    counted = compute_figures(mix, MARCH, now_at=t("2026-03-10T12:00:00Z"))
    rows = week_rows(write_csv(counted, tmp_path / "so-far"))
    assert [(row["week_first_day"], row["week_last_day"]) for row in rows] == [
        ("2026-03-01", "2026-03-01"), ("2026-03-02", "2026-03-08"), ("2026-03-09", "2026-03-15")]
    assert [row["total"] for row in rows] == ["1", "2", "2"]
    # The headline figures still say which period it is.
    summary = dict(tables(counted)["summary.csv"][1:])
    assert summary["period.last_day"] == "2026-03-31"


def test_a_month_that_is_over_lists_all_its_weeks(mix, tmp_path):
    done = compute_figures(mix, MARCH, now_at=t("2026-04-01T10:00:00Z"))
    rows = week_rows(write_csv(done, tmp_path / "done"))
    assert [row["week_first_day"] for row in rows] == [
        "2026-03-01", "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"]
