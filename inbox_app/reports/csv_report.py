"""The summary as CSV: one file of headline figures plus one file per table.

`summary.csv` has two columns, `figure` and `value`, one row per headline
figure named like its JSON path (`inbound.email`, `first_response_s.median`);
`weeks.csv`, `first_response.csv`, `top_customers.csv`, `valuable_customers.csv` and
`staff.csv` hold the tables. Written into a folder, or into a zip when the path ends in `.zip`.
Numbers are unrounded; a figure that does not exist is an empty cell.

The files are made to be opened in a spreadsheet, as the conversation export is: UTF-8
with a byte-order mark (without it Excel reads "Zoë" as "ZoÃ«"), and text that came from
customers or staff (names) gets a leading apostrophe where it would run as a formula.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from inbox_app.exports import safe_cell
from inbox_app.reports.figures import Figures, as_json
from inbox_app.reports.formatting import so_far
from inbox_app.reports.output import ReportError, replace_atomically


def _flatten(prefix: str, value: Any) -> Iterable[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(f"{prefix}.{key}" if prefix else key, inner)
    else:
        yield prefix, value


def _cell(value: Any) -> Any:
    return "" if value is None else value


def tables(figures: Figures) -> dict[str, list[list[Any]]]:
    """File name → rows (the first row is the header)."""
    data = as_json(figures)
    headline = [["figure", "value"]]
    headline.append(["month", data["month"]])
    headline.append(["period.first_day", figures.period.first.isoformat()])
    headline.append(["period.last_day", figures.period.last.isoformat()])
    for key in ("inbound", "by_kind", "ratios", "first_response_s", "resolution_s", "sentiment",
                "customers"):
        headline.extend([name, _cell(value)] for name, value in _flatten(key, data[key]))
    headline.append(["top20_customers", figures.top20_customers])
    headline.append(["top20_share", _cell(data["top20_share"])])
    headline.extend([f"mentions.{name}", value] for name, value in figures.mentions.items())
    headline.append(["share_of_conversation", _cell(data["share_of_conversation"])])

    weeks = [["week_first_day", "week_last_day", "email", "social", "phone", "total",
              "mean_compound", "negative_share"]]
    for week in so_far(figures).weeks:  # a month under way: no empty weeks still to come
        weeks.append([week.week.first.isoformat(), week.week.last.isoformat(), week.inbound["email"],
                      week.inbound["social"], week.inbound["phone"], week.total,
                      _cell(week.mood.mean_compound), _cell(week.mood.negative_share)])

    responses = [["first_response", "conversations"]]
    responses.extend([label, number] for label, number in figures.first_response.histogram)
    responses.append(["no reply yet", figures.first_response.unanswered])

    top = [["rank", "customer", "name", "inbound", "share_of_inbound", "influence", "value"]]
    for rank, customer in enumerate(figures.top_customers, start=1):
        share = customer.inbound / figures.inbound["total"] if figures.inbound["total"] else None
        top.append([rank, customer.customer, customer.name, customer.inbound, _cell(share),
                    _cell(customer.influence), _cell(customer.value)])

    valuable = [["rank", "customer", "name", "value", "inbound", "mean_compound", "waiting"]]
    for rank, customer in enumerate(figures.valuable_customers, start=1):
        valuable.append([rank, customer.customer, customer.name, customer.value,
                         customer.inbound, _cell(customer.mean_compound), customer.waiting])

    staff = [["name", "replies", "closed", "first_response_median_s", "first_responses",
              "open_followups", "overdue"]]
    for member in figures.staff:
        staff.append([member.name, member.replies, member.closed,
                      _cell(member.first_response_median_s), member.first_responses,
                      member.open_followups, member.overdue])
    return {"summary.csv": headline, "weeks.csv": weeks, "first_response.csv": responses,
            "top_customers.csv": top, "valuable_customers.csv": valuable, "staff.csv": staff}


def _text(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def write_csv(figures: Figures, path: str | Path) -> Path:
    """Writes the CSV files into the folder `path`, or a zip if it ends in `.zip`."""
    target = Path(path)
    files = {name: _text(rows) for name, rows in tables(figures).items()}
    if target.suffix.lower() == ".zip":
        def write_zip(handle):
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, text in files.items():
                    archive.writestr(name, text.encode("utf-8"))

        replace_atomically(target, write_zip)
        return target
    if target.suffix.lower() == ".csv":
        raise ReportError(f"The CSV summary is several files: give a folder or a .zip file, "
                          f"not {target.name}.")
    if target.exists() and not target.is_dir():
        raise ReportError(f"{target} is a file; CSV output goes into a folder (or a .zip).")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(f"Cannot create the folder {target}: {error.strerror or error}.") from None
    for name, text in files.items():
        replace_atomically(target / name, lambda handle, text=text: handle.write(text.encode("utf-8")))
    return target
