"""The monthly customer-service summary: figures (pure) and renderers.

`write_report(figures, fmt, path)` writes one format; the PDF renderer (the
only one that needs Qt) is imported only when a PDF is asked for.
"""

from __future__ import annotations

from pathlib import Path

from inbox_app.reports.figures import Figures, as_json, compute_figures
from inbox_app.reports.output import ReportError

__all__ = ["FORMATS", "Figures", "ReportError", "as_json", "compute_figures", "format_for_path",
           "write_report"]

FORMATS = ("pdf", "csv", "json", "html")
_SUFFIXES = {".pdf": "pdf", ".zip": "csv", ".csv": "csv", ".json": "json", ".html": "html",
             ".htm": "html"}


def format_for_path(path: str | Path) -> str | None:
    """The format a file name asks for (`.zip` means zipped CSV), or None."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def write_report(figures: Figures, fmt: str, path: str | Path) -> Path:
    """Writes the summary as `fmt` to `path` (CSV: a folder, or a zip for `.zip`)."""
    if fmt == "json":
        from inbox_app.reports.json_report import write_json

        return write_json(figures, path)
    if fmt == "csv":
        from inbox_app.reports.csv_report import write_csv

        return write_csv(figures, path)
    if fmt == "html":
        from inbox_app.reports.html_report import write_html

        return write_html(figures, path)
    if fmt == "pdf":
        from inbox_app.reports.pdf import write_pdf

        return write_pdf(figures, path)
    raise ReportError(f"{fmt!r} is not a report format (try {', '.join(FORMATS)}).")
