"""Phone calls from the window: "Log a call" (C) and "Import call log…".

Logging stores the call exactly as `inbox-app call log` does (phone.call_message
through the store); the number is formatted as it is typed, for the shop's
phone region, and matched to a customer as soon as it is a number. Importing
shows which column holds what, lets a person change it, and previews how the
first rows will be read before anything is stored.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from pathlib import Path
from typing import Any

from phonenumbers import AsYouTypeFormatter
from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QWidget

from inbox_app.core.identity import IdentityError, format_phone, normalize_phone
from inbox_app.core.models import Customer
from inbox_app.core.timeutil import now, relative
from inbox_app.gui.forms.ui_call_dialog import Ui_CallDialog
from inbox_app.gui.forms.ui_call_import_dialog import Ui_CallImportDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.theme import repolish, show_message
from inbox_app.sources import phone
from inbox_app.store import NotFound, Store, StoreError

MATCH_DEBOUNCE_MS = 250
PREVIEW_ROWS = 8
RAW_ROWS = 30
STATUSES = (("answered", "Answered"), ("missed", "Missed"), ("voicemail", "Voicemail"))
MAPPED_FIELDS = (("time", "When"), ("number", "Number"), ("direction", "Direction"),
                 ("duration", "Duration"), ("name", "Name"), ("notes", "Notes"),
                 ("status", "Outcome"), ("from", "From (number)"), ("to", "To (number)"),
                 ("id", "Call id"))
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def _sentence(error: Exception) -> str:
    text = str(error).strip()
    text = text[0].upper() + text[1:] if text else text
    return text if text.endswith(".") else text + "."


def as_you_type(text: str, region: str) -> str:
    """The number formatted as phonenumbers would while it is typed."""
    formatter = AsYouTypeFormatter(region or "US")
    shown = ""
    for char in text:
        if char.isdigit() or (char == "+" and not shown):
            shown = formatter.input_digit(char)
    return shown


# Logging one call

@dataclass(frozen=True)
class CallContext:
    region: str
    lines: list[str]


def load_call_context(store: Store) -> CallContext:
    return CallContext(store.phone_region(),
                       [a.name for a in store.list_accounts() if a.kind == "phone"])


def match_caller(store: Store, number: str) -> tuple[Customer, list[dict[str, Any]]] | None:
    try:
        customer = store.find_customer(number)
    except (NotFound, IdentityError):
        return None
    return customer, store.customer_conversations(customer.id)


def log_call(store: Store, call: phone.Call, account: str, staff: str | None
             ) -> tuple[int | None, str]:
    """Stores the call as `inbox-app call log` does; (conversation id, one line)."""
    region = store.phone_region()
    message = phone.call_message(call, region=region, account=account, staff=staff)
    if staff and call.direction == "in":
        message.meta["taken_by"] = staff
    result = store.save_messages([message], staff=staff)
    shown = format_phone(message.meta["call"]["number"], region)
    who = f"{call.name.strip()} at {shown}" if call.name.strip() else shown
    if not result.imported:
        conversation = store.conversation_ids_for_threads([message.thread or ""])
        return next(iter(conversation.values()), None), f"That call with {who} is already logged."
    what = {"missed": "a missed call", "voicemail": "a voicemail"}.get(
        call.status, "an incoming call" if call.direction == "in" else "an outgoing call")
    length = f" ({phone.format_duration(call.duration)})" if call.duration else ""
    way = "from" if call.direction == "in" else "to"
    return next(iter(result.conversation_ids)), f"Logged {what}{length} {way} {who}."


class CallDialog(QDialog):
    """Signals: logged(conversation_id, line) once the call is stored."""

    logged = Signal(int, str)

    def __init__(self, jobs: Jobs, *, staff: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CallDialog()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.staff = staff
        self.region = "US"
        self.match: Customer | None = None
        self.name_from_match = False
        self._generation = 0
        ui = self.ui
        for value, label in STATUSES:
            ui.statusCombo.addItem(label, value)
        ui.whenEdit.setDateTime(QDateTime.currentDateTime())
        ui.whenEdit.setMaximumDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.ok_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Log the call")
        self.ok_button.clicked.connect(self.save)
        ui.numberEdit.textEdited.connect(self._on_number_edited)
        ui.nameEdit.textEdited.connect(lambda _t: setattr(self, "name_from_match", False))
        ui.durationEdit.textChanged.connect(self._check_duration)
        self._timer = QTimer(self, singleShot=True, interval=MATCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        ui.lineLabel.hide()
        ui.lineCombo.hide()
        ui.numberEdit.setFocus()
        self.context_loaded = False
        jobs.run(load_call_context, self._on_context)

    def _on_context(self, context: CallContext) -> None:
        self.region = context.region
        self.context_loaded = True
        ui = self.ui
        ui.lineCombo.clear()
        ui.lineCombo.addItem("No particular line", "")
        for line in context.lines:
            ui.lineCombo.addItem(line, line)
        ui.lineLabel.setVisible(bool(context.lines))
        ui.lineCombo.setVisible(bool(context.lines))
        if len(context.lines) == 1:
            ui.lineCombo.setCurrentIndex(1)
        ui.numberEdit.setPlaceholderText(f"as the caller ID showed it ({self.region} numbers "
                                         "need no country code)")

    # The number, formatted and matched as it is typed

    def _on_number_edited(self, text: str) -> None:
        edit = self.ui.numberEdit
        if edit.cursorPosition() == len(text):
            formatted = as_you_type(text, self.region)
            if formatted and formatted != text:
                edit.setText(formatted)
                edit.setCursorPosition(len(formatted))
        self._problem("")
        self._timer.start()

    def look_up(self) -> None:
        number = self.ui.numberEdit.text().strip()
        self._generation += 1
        generation = self._generation
        try:
            normalize_phone(number, self.region)
        except IdentityError:
            self._show_match(generation, None, number)
            return
        self.jobs.run(lambda store: match_caller(store, number),
                      lambda found: self._show_match(generation, found, number))

    def _show_match(self, generation: int, found, number: str) -> None:
        if generation != self._generation:
            return
        label, ui = self.ui.matchLabel, self.ui
        if found is None:
            self.match = None
            if self.name_from_match:
                ui.nameEdit.clear()
                self.name_from_match = False
            digits = sum(c.isdigit() for c in number)
            label.setText("" if digits < 3 else
                          "New caller: a customer is made for this number.")
            return
        customer, conversations = found
        self.match = customer
        open_ones = sum(1 for c in conversations if c["status"] == "open")
        last = f", last {relative(conversations[0]['last_at'])}" if conversations else ""
        tags = f" · {', '.join(customer.tags)}" if customer.tags else ""
        label.setText(f"Matches <b>{html.escape(customer.name)}</b> — "
                      f"{len(conversations)} conversation{'s' if len(conversations) != 1 else ''}"
                      f" ({open_ones} open){last}{html.escape(tags)}")
        if not ui.nameEdit.text().strip() or self.name_from_match:
            ui.nameEdit.setText(customer.name)
            self.name_from_match = True

    def _check_duration(self, text: str) -> None:
        try:
            phone.parse_duration(text)
        except phone.CallError as error:
            self._problem(_sentence(error))
            return
        self._problem("")

    def _problem(self, text: str) -> None:
        show_message(self.ui.problemLabel, text)

    # Saving

    def call(self) -> phone.Call:
        """The call as typed; CallError (one sentence) when it cannot be logged."""
        ui = self.ui
        number = ui.numberEdit.text().strip()
        if not number:
            raise phone.CallError("the number is missing: type the caller's number")
        at = ui.whenEdit.dateTime().toSecsSinceEpoch()
        if at > now() + 3600:
            raise phone.CallError("the call cannot be in the future")
        return phone.Call(
            number=number, at=at,
            direction="out" if ui.outboundRadio.isChecked() else "in",
            duration=phone.parse_duration(ui.durationEdit.text()),
            name=ui.nameEdit.text().strip(), notes=ui.summaryEdit.toPlainText().strip(),
            status=ui.statusCombo.currentData(),
        )

    def save(self) -> None:
        try:
            call = self.call()
            phone.call_message(call, region=self.region)  # the number must read as one
        except phone.CallError as error:
            self._problem(_sentence(error))
            self.ui.numberEdit.setFocus()
            return
        account, staff = self.ui.lineCombo.currentData() or "", self.staff
        self.ok_button.setEnabled(False)
        self.jobs.run(lambda store: log_call(store, call, account, staff), self._on_logged,
                      self._on_failed)

    def _on_logged(self, result: tuple[int | None, str]) -> None:
        conversation_id, line = result
        self.ok_button.setEnabled(True)
        self.logged.emit(conversation_id or 0, line)
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(error, (StoreError, phone.CallError)):
            self._problem(_sentence(error))
            return
        self.jobs.failed.emit(error, "")


# Importing a call log

class RowsModel(QAbstractTableModel):
    """Rows of text under a header (the raw file, or the preview of how it reads)."""

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


def read_file(store: Store, path: str) -> CallLogFile:
    """Reads the file once: its first rows and the columns found for each field."""
    data = Path(path).read_bytes()
    text = phone.decode_csv(data, path)
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    records = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text, newline=""), dialect)
               if any(c.strip() for c in r)]
    if not records:
        raise phone.CallLogError(f"cannot read {path}: it has no rows.")
    width = max(len(r) for r in records[: RAW_ROWS + 1])
    columns: dict[str, list[int]] = {}
    problem = None
    header = None
    try:
        log = phone.read_call_log(data, path)
        columns, header = log.columns, log.header
    except phone.CallLogError as error:
        problem = _sentence(error).replace("name it with --map", "choose it below:")
        header = records[0] if phone._is_header(records[0]) else None
        columns = guess_columns(header) if header else {}
    rows = records[1:] if header is not None else records
    return CallLogFile(data, header, rows[:RAW_ROWS], width, columns, problem,
                       store.phone_region(),
                       [a.name for a in store.list_accounts() if a.kind == "phone"])


def guess_columns(header: list[str]) -> dict[str, list[int]]:
    """The columns the header's names suggest (as phone.read_call_log finds them), for a
    file whose columns are not all there yet: a person picks the rest."""
    names = [phone._normal(cell) for cell in header]
    columns: dict[str, list[int]] = {}
    taken: set[int] = set()
    if "date" in names and "time" in names:
        columns["time"] = [names.index("date"), names.index("time")]
        taken.update(columns["time"])
    for field_name in phone.FIELDS:
        if field_name in columns:
            continue
        for synonym in phone.SYNONYMS[field_name]:
            if synonym in names and names.index(synonym) not in taken:
                columns[field_name] = [names.index(synonym)]
                taken.add(names.index(synonym))
                break
    return columns


def preview_calls(log_file: CallLogFile, mapping: list[str], path: str
                  ) -> tuple[list[list[str]], set[int], str | None]:
    """How the first rows will be read with `mapping`: rows, problem rows, or a sentence."""
    try:
        log = phone.read_call_log(log_file.data, path, mapping)
    except phone.CallLogError as error:
        return [], set(), _sentence(error).replace("name it with --map", "choose it above:")
    log.rows = log.rows[:PREVIEW_ROWS]
    rows, problems = [], set()
    for parsed in phone.parse_call_log(log, region=log_file.region, order=None):
        if isinstance(parsed, phone.RowError):
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
        ])
    return rows, problems, None


class CallImportDialog(QDialog):
    """Signals: imported(line) after the calls are stored."""

    imported = Signal(str)
    PREVIEW_HEADER = ["When", "Number", "Way", "Duration", "Name", "Notes"]

    def __init__(self, jobs: Jobs, path: str, *, staff: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CallImportDialog()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.path = path
        self.staff = staff
        self.file: CallLogFile | None = None
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
        jobs.run(lambda store: read_file(store, path), self._on_read, self._on_failed)

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
            ui.mappingGrid.addWidget(QLabel(label, self), row, column * 2)
            ui.mappingGrid.addWidget(combo, row, column * 2 + 1)
        ui.lineCombo.addItem("No particular line", "")
        for line in log_file.lines:
            ui.lineCombo.addItem(line, line)
        ui.lineLabel.setVisible(bool(log_file.lines))
        ui.lineCombo.setVisible(bool(log_file.lines))
        self.refresh_preview()

    def mapping(self) -> list[str]:
        return [f"{name}={combo.currentData()}" for name, combo in self.combos.items()
                if combo.currentData()]

    def set_column(self, field_name: str, column: int | None) -> None:
        """Points a field at a 1-based column (None: not in the file)."""
        combo = self.combos[field_name]
        combo.setCurrentIndex(max(0, combo.findData(str(column) if column else "")))

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

    def _result(self, text: str, ok: bool = True) -> None:
        show_message(self.ui.resultLabel, text, ok)

    def run_import(self) -> None:
        mapping, path, staff = self.mapping(), self.path, self.staff
        account = self.ui.lineCombo.currentData() or ""
        self.ui.importButton.setEnabled(False)
        self._result("Importing…")

        def work(store: Store):
            return phone.import_call_csv(store, path, mapping=mapping, account=account,
                                         staff=staff)

        self.jobs.run(work, self._on_imported, self._on_failed)

    def _on_imported(self, summary) -> None:
        line = (f"Imported {summary.imported} call{'s' if summary.imported != 1 else ''}"
                f", {summary.duplicates} already logged")
        if summary.errors:
            first = "; ".join(str(e) for e in summary.errors[:3])
            more = f" and {len(summary.errors) - 3} more" if len(summary.errors) > 3 else ""
            line += f", {len(summary.errors)} rows skipped ({first}{more})"
        line += "."
        self._result(line, ok=not summary.errors)
        self.ui.closeButton.setText("Close")
        self.imported.emit(line)

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, (phone.CallLogError, phone.CallError, StoreError, OSError)):
            text = _sentence(error.strerror if isinstance(error, OSError) and error.strerror
                             else error)
            self._result(text, ok=False)
            if self.file is None:
                self.ui.fileLabel.setText(f"Cannot use {html.escape(Path(self.path).name)}.")
            return
        self.jobs.failed.emit(error, "")
