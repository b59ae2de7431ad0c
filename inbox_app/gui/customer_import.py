"""Importing a shop system's customer list from the window ("Import customer list…"):
shows which column holds what, lets a person change it, and previews how the first rows
will be read — and which customers they would update — before anything is stored.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QSizePolicy, QWidget

from inbox_app.core.csv_table import CsvFileError, RowError, csv_rows, decode_csv
from inbox_app.core.customer_list import (
    LABELS,
    header_columns,
    is_header,
    parse_customer_list,
    read_customer_list,
)
from inbox_app.core.identity import format_phone
from inbox_app.core.models import CustomerRecord
from inbox_app.customer_import import CustomerImportSummary, save_customer_list
from inbox_app.gui.call_import import CsvImportDialog
from inbox_app.gui.calls import error_sentence
from inbox_app.gui.forms.ui_customer_import_dialog import Ui_CustomerImportDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.store import Store, StoreError

PREVIEW_ROWS = 8
RAW_ROWS = 30
# The fields as the grid shows them, a column each: who, what they are known by, handles.
MAPPING_COLUMNS = (("name", "first_name", "last_name", "company", "note"),
                   ("email", "phone", "value", "tags"),
                   ("mastodon", "bluesky", "telegram", "social"))
MAPPING_STRETCH = (3, 4, 2)  # the middle may hold "14: Phone + 13: Default Address Phone"
_MAP_ADVICE = re.compile(r"name (it|one|them) with --map.*$")
# How sentences about the file name it: the dialog already shows its name above them.
THE_FILE = "the file"


def file_sentence(error: Exception) -> str:
    """The error as one sentence for the window, where the columns are chosen above
    rather than with the command line's --map."""
    return _MAP_ADVICE.sub(r"choose \1 above.", error_sentence(error))


@dataclass(frozen=True)
class CustomerFile:
    data: bytes
    header: list[str] | None
    rows: list[tuple[int, list[str]]]    # the first rows, numbered as a spreadsheet shows them
    width: int
    columns: dict[str, list[int]]        # the columns the header suggests
    region: str


def read_file(store: Store, path: str) -> CustomerFile:
    """Reads the file once: its first rows and the columns its header suggests."""
    data = Path(path).read_bytes()
    numbered = csv_rows(decode_csv(data, THE_FILE), THE_FILE)
    header = numbered[0][1] if is_header(numbered[0][1]) else None
    rows = numbered[1:] if header is not None else numbered
    width = max(len(cells) for _, cells in numbered[: RAW_ROWS + 1])
    return CustomerFile(data, header, rows[:RAW_ROWS], width,
                        header_columns(header) if header else {}, store.phone_region())


def column_names(customer_file: CustomerFile) -> list[str]:
    """"4: Email" for each column; a file without a header shows its first row instead."""
    header = customer_file.header or []
    first = customer_file.rows[0][1] if customer_file.rows else []
    names = []
    for index in range(customer_file.width):
        if index < len(header) and header[index]:
            names.append(f"{index + 1}: {header[index]}")
        elif index < len(first) and first[index] and customer_file.header is None:
            names.append(f"Column {index + 1} ({first[index][:30]})")
        else:
            names.append(f"Column {index + 1}")
    return names


def known_customers(store: Store, record: CustomerRecord) -> list[str]:
    """The names of the customers the record's identities already belong to (saving it
    would merge them into one)."""
    found: dict[int, str] = {}
    for customer_id in dict.fromkeys(store.identity_owners(record.identities).values()):
        customer = store.get_customer(customer_id)  # follows merges
        found[customer.id] = customer.name
    return list(found.values())


def known_by(record: CustomerRecord, region: str) -> str:
    return ", ".join(format_phone(ref.value, region) if ref.kind == "phone"
                     else ref.value if ref.kind == "email" else ref.display or ref.value
                     for ref in record.identities)


def outcome_text(known: list[str], saved: bool = False) -> str:
    """What saving a row will do to the customers its identities name — or, once the list
    is imported, whom the row is now."""
    if saved:
        return f"saved: {', '.join(known)}" if known else "not saved"
    if not known:
        return "new customer"
    if len(known) == 1:
        return f"updates {known[0]}"
    return f"merges {', '.join(known[:-1])} and {known[-1]}"


@dataclass(frozen=True)
class CustomerPreview:
    rows: list[list[str]]           # Row, Name, Known by, Value, Tags, In the inbox
    tags: list[tuple[str, ...]]     # each row's own tags (the tags everyone gets are added)
    problems: set[int]              # rows that would be skipped
    problem: str | None             # why the list cannot be imported as mapped, if so


def preview_customers(store: Store, customer_file: CustomerFile, mapping: list[str],
                      saved: bool = False) -> CustomerPreview:
    """How the first rows will be read with `mapping`, and whom each would update (`saved`:
    whom each is, now that the list is imported)."""
    try:
        table = read_customer_list(customer_file.data, THE_FILE, mapping)
    except CsvFileError as error:
        return CustomerPreview([], [], set(), file_sentence(error))
    table.rows = table.rows[:PREVIEW_ROWS]
    rows: list[list[str]] = []
    tags: list[tuple[str, ...]] = []
    problems: set[int] = set()
    for parsed in parse_customer_list(table, region=customer_file.region):
        if isinstance(parsed, RowError):
            problems.add(len(rows))
            rows.append([str(parsed.line), "", "", "", "", f"skipped: {parsed.reason}"])
            tags.append(())
            continue
        known = known_customers(store, parsed)
        rows.append([
            str(parsed.row),
            parsed.name,
            known_by(parsed, customer_file.region),
            "" if parsed.value is None else f"{parsed.value:,.2f}",
            "",
            outcome_text(known, saved),
        ])
        tags.append(parsed.tags)
    return CustomerPreview(rows, tags, problems, None)


class CustomerImportDialog(CsvImportDialog):
    """Signals: imported(sentence) after the list is stored."""

    PREVIEW_HEADER = ["Row", "Name", "Known by", "Value", "Tags", "In the inbox"]
    TAGS_COLUMN = PREVIEW_HEADER.index("Tags")

    def __init__(self, jobs: Jobs, path: str, *, staff: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(Ui_CustomerImportDialog, jobs, path, staff=staff, parent=parent)
        self.file: CustomerFile | None = None
        self.preview: CustomerPreview | None = None
        self.saved = False  # imported: the preview says whom each row is now
        # "In the inbox" takes the width left and wraps a long reason for skipping a row.
        self.ui.previewTable.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.ui.tagsEdit.textChanged.connect(lambda _text: self._show_preview())
        self.start_reading(read_file)

    def _on_read(self, customer_file: CustomerFile) -> None:
        self.file = customer_file
        ui = self.ui
        names = column_names(customer_file)
        self.raw_model.set_rows(["Row", *names],
                                [[str(number), *cells] for number, cells in customer_file.rows])
        ui.rawTable.resizeColumnsToContents()
        count = len(customer_file.rows)
        ui.fileLabel.setText(
            f"{html.escape(Path(self.path).name)}: "
            f"{'a header row and ' if customer_file.header else ''}"
            f"{count}{'+' if count >= RAW_ROWS else ''} rows. Check that each field points at"
            " the right column — a customer is known by an email address, a phone number or a"
            " handle — and the preview below follows your choices.")
        for column, fields in enumerate(MAPPING_COLUMNS):
            for row, field_name in enumerate(fields):
                combo = self._column_combo(names, customer_file.columns.get(field_name))
                combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
                self.combos[field_name] = combo
                label = QLabel(LABELS[field_name], self)
                label.setBuddy(combo)
                ui.mappingGrid.addWidget(label, row, column * 2)
                ui.mappingGrid.addWidget(combo, row, column * 2 + 1)
        for column, stretch in enumerate(MAPPING_STRETCH):
            ui.mappingGrid.setColumnStretch(column * 2 + 1, stretch)
        chain = [*self.combos.values(), ui.tagsEdit, ui.importButton, ui.closeButton]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.refresh_preview()

    def _column_combo(self, names: list[str], found: list[int] | None) -> QComboBox:
        """"— not in this file —" and each column; several columns found (Shopify's two
        phone columns) are one more item, "14: Phone + 13: Default Address Phone"."""
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.addItem("— not in this file —", "")
        for index, name in enumerate(names):
            combo.addItem(name, str(index + 1))
        if found and len(found) > 1:
            combo.addItem(" + ".join(names[i] for i in found),
                          "+".join(str(i + 1) for i in found))
            combo.setCurrentIndex(combo.count() - 1)
        elif found:
            combo.setCurrentIndex(combo.findData(str(found[0] + 1)))
        combo.setToolTip(combo.currentText())
        combo.currentTextChanged.connect(combo.setToolTip)
        return combo

    def tags(self) -> list[str]:
        return list(dict.fromkeys(
            tag.strip() for tag in self.ui.tagsEdit.text().split(",") if tag.strip()))

    def _mapping_changed(self) -> None:
        self.saved = False  # another reading of the file: a preview, not the saved rows
        self.refresh_preview()

    def refresh_preview(self) -> None:
        if self.file is None:
            return
        self._generation += 1
        generation, mapping, customer_file = self._generation, self.mapping(), self.file
        saved = self.saved
        self.ui.importButton.setEnabled(False)
        self.jobs.run(lambda store: preview_customers(store, customer_file, mapping, saved),
                      lambda preview: self._on_preview(generation, preview), self._on_failed)

    def _on_preview(self, generation: int, preview: CustomerPreview) -> None:
        if generation != self._generation:
            return
        self.preview = preview
        self._show_preview()
        if self.saved:
            return  # the import's sentence stays; there is nothing more to import
        skipped, shown = len(preview.problems), len(preview.rows)
        self._result(preview.problem or (
            f"{skipped} of the first {shown} rows cannot be read; they would be skipped."
            if skipped else ""), ok=not preview.problem and not skipped)
        self.ui.importButton.setEnabled(preview.problem is None)

    def _show_preview(self) -> None:
        """The preview's rows, each with its own tags and the tags everyone gets."""
        if self.preview is None:
            return
        everyone = self.tags()
        rows = [list(row) for row in self.preview.rows]
        for index, (row, own) in enumerate(zip(rows, self.preview.tags, strict=True)):
            if index not in self.preview.problems:
                row[self.TAGS_COLUMN] = ", ".join(dict.fromkeys((*own, *everyone)))
        self.preview_model.set_rows(self.PREVIEW_HEADER, rows, self.preview.problems)
        table = self.ui.previewTable
        for column in range(len(self.PREVIEW_HEADER) - 1):  # the last takes what is left
            table.resizeColumnToContents(column)

    def _set_editable(self, editable: bool) -> None:
        for combo in self.combos.values():
            combo.setEnabled(editable)
        self.ui.tagsEdit.setEnabled(editable)
        self.ui.importButton.setEnabled(editable)

    def run_import(self) -> None:
        if self.file is None:
            return
        customer_file, mapping, tags, staff = self.file, self.mapping(), self.tags(), self.staff
        self._set_editable(False)
        self._result("Importing…")

        def work(store: Store):
            table = read_customer_list(customer_file.data, THE_FILE, mapping)
            return save_customer_list(store, table, tags=tags, staff=staff)

        self.jobs.run(work, self._on_imported, self._on_import_failed)

    def _on_imported(self, summary: CustomerImportSummary) -> None:
        sentence = summary.sentence()
        self._result(sentence, ok=not summary.errors)
        self.saved = True
        self.refresh_preview()
        self.ui.closeButton.setText("Close")
        self.ui.closeButton.setDefault(True)
        self.imported.emit(sentence)

    def _on_import_failed(self, error: Exception) -> None:
        self._set_editable(True)
        self._on_failed(error)

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, (CsvFileError, StoreError, OSError)):
            self._result(file_sentence(error.strerror if isinstance(error, OSError)
                                       and error.strerror else error), ok=False)
            if self.file is None:
                self.ui.fileLabel.setText(f"Cannot use {html.escape(Path(self.path).name)}.")
            return
        self.jobs.failed.emit(error, "")
