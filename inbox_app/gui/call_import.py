"""Importing a phone provider's call log from the window ("Import call log…"): shows
which column holds what, lets a person change it, and previews how the first rows
will be read before anything is stored.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from inbox_app.core.identity import format_phone
from inbox_app.gui.calls import error_sentence
from inbox_app.gui.forms.ui_call_import_dialog import Ui_CallImportDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.theme import colors, repolish, show_message
from inbox_app.gui.widgets import FittedDialog
from inbox_app.sources import call_log, phone
from inbox_app.store import Store, StoreError

PREVIEW_ROWS = 8
RAW_ROWS = 30
MAPPED_FIELDS = (("time", "When"), ("number", "Number"), ("direction", "Direction"),
                 ("duration", "Duration"), ("name", "Name"), ("notes", "Notes"),
                 ("status", "Outcome"), ("from", "From (number)"), ("to", "To (number)"),
                 ("id", "Call id"))
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def rows(count: int) -> str:
    return f"{count:,} row{'s' if count != 1 else ''}"


class RowsModel(QAbstractTableModel):
    """Rows of text under a header (the raw file, or the preview of how it reads); rows
    that would be skipped are drawn in the danger colour."""

    class Role(IntEnum):
        PROBLEM = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[list[str]] = []
        self._problems: set[int] = set()

    def set_rows(self, header: list[str], rows: list[list[str]],
                 problems: set[int] | None = None) -> None:
        self.beginResetModel()
        self._header = list(header)
        width = len(header)
        self._rows = [list(row) + [""] * (width - len(row)) for row in rows]
        self._rows = [row[:width] for row in self._rows]
        self._problems = set(problems or ())
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._header)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._header):
            return self._header[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self._header):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == RowsModel.Role.PROBLEM:
            return index.row() in self._problems
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self._problems:
            return QColor(colors()["danger"])
        return None


@dataclass(frozen=True)
class CallLogFile:
    data: bytes
    header: list[str] | None
    rows: list[list[str]]      # the first rows, as cells
    width: int
    columns: dict[str, list[int]]
    problem: str | None        # why the columns could not all be found, if so
    region: str
    lines: list[str]
    own_numbers: dict[str, str]  # the lines' own numbers: calls with them are left out


def read_file(store: Store, path: str) -> CallLogFile:
    """Reads the file once: its first rows and the columns found for each field."""
    data = Path(path).read_bytes()
    records = [cells for _, cells in call_log.csv_rows(call_log.decode_csv(data, path), path)]
    width = max(len(r) for r in records[: RAW_ROWS + 1])
    columns: dict[str, list[int]] = {}
    problem = None
    header = None
    try:
        log = call_log.read_call_log(data, path)
        columns, header = log.columns, log.header
    except call_log.CallLogError as error:
        problem = error_sentence(error).replace("name it with --map", "choose it below:")
        header = records[0] if call_log.is_header(records[0]) else None
        columns = call_log.header_columns(header) if header else {}
    rows = records[1:] if header is not None else records
    return CallLogFile(data, header, rows[:RAW_ROWS], width, columns, problem,
                       store.phone_region(),
                       [a.name for a in store.list_accounts() if a.kind == "phone"],
                       phone.own_lines(store))


def preview_calls(log_file: CallLogFile, mapping: list[str], path: str
                  ) -> tuple[list[list[str]], set[int], str | None]:
    """How the first rows will be read with `mapping`: rows, problem rows, or a sentence."""
    try:
        log = call_log.read_call_log(log_file.data, path, mapping)
    except call_log.CallLogError as error:
        return [], set(), error_sentence(error).replace("name it with --map", "choose it above:")
    order = call_log.shown_date_order(log) or None  # as the import reads every row
    log.rows = log.rows[:PREVIEW_ROWS]
    rows, problems = [], set()
    for parsed in call_log.parse_call_log(log, region=log_file.region, order=order,
                                          lines=log_file.own_numbers):
        if isinstance(parsed, call_log.RowLeftOut):
            rows.append([f"row {parsed.line}", "", "", "", "", f"left out: {parsed.reason}"])
            continue
        if isinstance(parsed, call_log.RowError):
            problems.add(len(rows))
            rows.append([f"row {parsed.line}", "", "", "", "", f"skipped: {parsed.reason}"])
            continue
        call = parsed.meta["call"]
        rows.append([
            datetime.fromtimestamp(parsed.at).strftime("%Y-%m-%d %H:%M"),
            format_phone(call["number"], log_file.region),
            "in" if parsed.direction == "in" else "out",
            phone.format_duration(call.get("duration")),
            parsed.author_name,
            parsed.title or "" if parsed.text == parsed.title else parsed.text[:80],
            call.get("status") or "",
        ])
    return rows, problems, None


class CsvImportDialog(FittedDialog):
    """What the import dialogs share: the file read in a worker, its first rows as they
    are, a preview of how they will be read, Import, and one line saying how it went.
    Subclasses give the form, call `start_reading(read)` with their way to read the file,
    and give `_on_read`, `_on_failed` and `run_import`.

    Signals: imported(sentence) after the file's contents are stored."""

    imported = Signal(str)

    def __init__(self, form, jobs: Jobs, path: str, *, staff: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = form()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.path = path
        self.staff = staff
        self.file = None
        self.combos: dict[str, QComboBox] = {}
        self.raw_model = RowsModel(self)
        self.preview_model = RowsModel(self)
        ui = self.ui
        ui.rawTable.setModel(self.raw_model)
        ui.previewTable.setModel(self.preview_model)
        ui.previewTable.horizontalHeader().setStretchLastSection(True)
        ui.fileLabel.setText(f"Reading {html.escape(Path(path).name)}…")
        ui.importButton.setEnabled(False)
        ui.importButton.clicked.connect(self.run_import)
        self._generation = 0

    def start_reading(self, read) -> None:
        path = self.path
        self.jobs.run(lambda store: read(store, path), self._on_read, self._on_failed)

    def _on_read(self, contents) -> None:
        raise NotImplementedError

    def _on_failed(self, error: Exception) -> None:
        raise NotImplementedError

    def run_import(self) -> None:
        raise NotImplementedError

    def mapping(self) -> list[str]:
        """FIELD=COLUMN items as `--map` takes them (several columns as "14+13"); "FIELD="
        for a field not in the file, though the header's names may suggest a column."""
        return [f"{name}={combo.currentData()}" for name, combo in self.combos.items()]

    def set_column(self, field_name: str, column: int | None) -> None:
        """Points a field at a 1-based column (None: not in the file)."""
        combo = self.combos[field_name]
        combo.setCurrentIndex(max(0, combo.findData(str(column) if column else "")))

    def _result(self, text: str, ok: bool = True) -> None:
        show_message(self.ui.resultLabel, text, ok)


class CallImportDialog(CsvImportDialog):
    """Signals: imported(line) after the calls are stored."""

    PREVIEW_HEADER = ["When", "Number", "Way", "Duration", "Name", "Notes", "Outcome"]

    def __init__(self, jobs: Jobs, path: str, *, staff: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(Ui_CallImportDialog, jobs, path, staff=staff, parent=parent)
        self.file: CallLogFile | None = None
        self.start_reading(read_file)

    def _on_read(self, log_file: CallLogFile) -> None:
        self.file = log_file
        ui = self.ui
        header = log_file.header or [f"Column {i + 1}" for i in range(log_file.width)]
        names = [f"{i + 1}: {name}" for i, name in enumerate(header)]
        self.raw_model.set_rows(header, log_file.rows)
        ui.rawTable.resizeColumnsToContents()
        ui.fileLabel.setText(
            f"{html.escape(Path(self.path).name)}: {'a header row and ' if log_file.header else ''}"
            f"{len(log_file.rows)}{'+' if len(log_file.rows) >= RAW_ROWS else ''} rows. Check that"
            " each field points at the right column; the preview below follows your choices.")
        for position, (field_name, label) in enumerate(MAPPED_FIELDS):
            combo = QComboBox(self)
            combo.addItem("— not in this file —", "")
            for index, name in enumerate(names):
                combo.addItem(name, str(index + 1))
            found = log_file.columns.get(field_name)
            if found and len(found) > 1:
                joined = "+".join(str(i + 1) for i in found)
                combo.addItem(" + ".join(names[i] for i in found), joined)
                combo.setCurrentIndex(combo.count() - 1)
            elif found:
                combo.setCurrentIndex(combo.findData(str(found[0] + 1)))
            combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
            self.combos[field_name] = combo
            row, column = divmod(position, 2)
            caption = QLabel(label, self)
            caption.setBuddy(combo)  # what a screen reader calls the choice
            ui.mappingGrid.addWidget(caption, row, column * 2)
            ui.mappingGrid.addWidget(combo, row, column * 2 + 1)
        ui.lineCombo.addItem("No particular line", "")
        for line in log_file.lines:
            ui.lineCombo.addItem(line, line)
        ui.lineLabel.setVisible(bool(log_file.lines))
        ui.lineCombo.setVisible(bool(log_file.lines))
        self.refresh_preview()

    def refresh_preview(self) -> None:
        if self.file is None:
            return
        self._generation += 1
        generation, mapping, log_file, path = self._generation, self.mapping(), self.file, \
            self.path
        self.ui.importButton.setEnabled(False)
        self.jobs.run(lambda: preview_calls(log_file, mapping, path),
                      lambda result: self._on_preview(generation, *result),
                      self._on_failed, with_store=False)

    def _on_preview(self, generation: int, rows: list[list[str]], problems: set[int],
                    problem: str | None) -> None:
        if generation != self._generation:
            return
        self.preview_model.set_rows(self.PREVIEW_HEADER, rows, problems)
        self.ui.previewTable.resizeColumnsToContents()
        self.ui.previewTable.horizontalHeader().setStretchLastSection(True)
        self._result(problem or (f"{len(problems)} of the first {len(rows)} rows cannot be read"
                                 " as they are mapped; they would be skipped." if problems else
                                 ""), ok=not problem and not problems)
        self.ui.importButton.setEnabled(problem is None)

    def run_import(self) -> None:
        mapping, path, staff = self.mapping(), self.path, self.staff
        account = self.ui.lineCombo.currentData() or ""
        self.ui.importButton.setEnabled(False)
        self._result("Importing…")

        def work(store: Store):
            return call_log.import_call_csv(store, path, mapping=mapping, account=account,
                                         staff=staff)

        self.jobs.run(work, self._on_imported, self._on_failed)

    def _on_imported(self, summary) -> None:
        line = (f"Imported {summary.imported:,} call{'s' if summary.imported != 1 else ''}"
                f", {summary.duplicates:,} already logged")
        if summary.errors:
            first = "; ".join(str(e) for e in summary.errors[:3])
            more = f" and {len(summary.errors) - 3:,} more" if len(summary.errors) > 3 else ""
            line += f", {rows(len(summary.errors))} skipped ({first}{more})"
        # Between the shop's own extensions, or a withheld number; a report's total line
        # is no call at all.
        count = sum(not isinstance(row, call_log.TotalLine) for row in summary.left_out)
        if count:
            line += f", {count:,} call{'s' if count != 1 else ''} with no customer left out"
        line += "."
        self._result(line, ok=not summary.errors)
        self.ui.closeButton.setText("Close")
        self.imported.emit(line)

    def _on_failed(self, error: Exception) -> None:
        """Says why, and never leaves the dialog at "Importing…" with Import off: importing
        again (the store back, the file closed in Excel) stores only what is missing."""
        self.ui.importButton.setEnabled(self.file is not None)
        if self.file is None:
            self.ui.fileLabel.setText(f"Cannot use {html.escape(Path(self.path).name)}.")
        if isinstance(error, (call_log.CallLogError, phone.CallError, StoreError, OSError)):
            text = error_sentence(error.strerror if isinstance(error, OSError) and error.strerror
                             else error)
            self._result(text, ok=False)
            return
        self._result("That did not finish: the app ran into an error (the error window "
                     "shows it). Calls stored so far are kept.", ok=False)
        self.jobs.failed.emit(error, "")
