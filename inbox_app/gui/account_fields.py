"""The fields of one channel's account form, in the accounts dialog's form layout.

Built from `account_forms.FORMS` (the same options `inbox-app account add KIND` takes),
read back as those options' values; the dialog around them tests, saves and reports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inbox_app.gui.account_forms import CHOICE, FLAG, FORMS, NUMBER, secret_label


class AccountFields:
    """`widgets` by option (plus "name", "secret", "interval"); `rows`, what each shows in
    the layout (the widget, or a box with its hint under it)."""

    def __init__(self, layout: QFormLayout, host: QWidget):
        self.layout = layout
        self.host = host
        self.kind: str | None = None
        self.widgets: dict[str, QWidget] = {}
        self.rows: dict[str, QWidget] = {}
        self.more_options: QCheckBox | None = None  # "Show more options", on a form with some

    def build(self, kind: str, *, name: str, values: dict[str, Any], editing: bool,
              interval: int, edited: Callable[[], None]) -> None:
        """Lays out `kind`'s form filled with `values`; `edited()` follows every change."""
        self.kind = kind
        form = FORMS[kind]
        self._clear()
        name_edit = QLineEdit(name, self.host)
        name_edit.setPlaceholderText(f"e.g. {form.title.split(' ')[0]} — shop")
        name_edit.setReadOnly(editing)
        self._add_row("name", "Name", name_edit,
                      "Shown in the left bar." if not editing else "The name stays.")
        advanced: list[str] = []
        for item in form.fields:
            widget = self._field_widget(item, values.get(item.option))
            self._add_row(item.option, "" if item.kind == FLAG else item.label, widget,
                          item.hint)
            if item.advanced:
                advanced.append(item.option)
        label = secret_label(kind)
        if label:
            secret = QLineEdit(self.host)
            secret.setEchoMode(QLineEdit.EchoMode.Password)
            secret.setPlaceholderText("Unchanged — type to replace" if editing else
                                      ("Optional" if form.secret_optional else "Paste it here"))
            self._add_row("secret", label, secret,
                          form.secret_hint + " Kept only in this computer's keyring.")
        if kind != "phone":
            spin = QSpinBox(self.host)
            spin.setRange(1, 1440)
            spin.setSuffix(" min")
            spin.setValue(self.shown_minutes(interval))
            self._add_row("interval", "Check every", spin)
        if advanced:
            self._fold(advanced, shown=any(values.get(option) not in (None, "", False)
                                           for option in advanced))
        if "--watch" in self.widgets:
            combo: QComboBox = self.widgets["--watch"]  # type: ignore[assignment]
            combo.currentIndexChanged.connect(lambda _i: self._update_term_row())
            self._update_term_row()
        for widget in self.widgets.values():
            signal = getattr(widget, "textChanged", None) or getattr(widget, "toggled", None)
            if signal is not None:
                signal.connect(lambda *_: edited())

    def values(self) -> dict[str, Any]:
        """The form's options and their values, as `account add` would take them."""
        values: dict[str, Any] = {}
        for item in FORMS[self.kind or "phone"].fields:
            widget = self.widgets[item.option]
            if isinstance(widget, QCheckBox):
                values[item.option] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                values[item.option] = widget.currentData()
            else:
                values[item.option] = widget.text().strip()  # type: ignore[attr-defined]
        if "--term" in values and not values.get("--watch"):
            values["--term"] = ""
        return values

    def set(self, key: str, value: Any) -> None:
        """Fills one field as a person would (tests and screenshots use it)."""
        widget = self.widgets[key]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        else:
            widget.setText(str(value))  # type: ignore[attr-defined]

    def show_more_options(self) -> None:
        """Unfolds the options few need, where a refusal points the person to one."""
        if self.more_options is not None:
            self.more_options.setChecked(True)

    def name(self) -> str:
        return self.widgets["name"].text().strip()  # type: ignore[attr-defined]

    def secret(self) -> str | None:
        """What was typed or pasted, without the line break a copy takes along (as
        `account add` reads stdin); a token without spaces around it either."""
        edit = self.widgets.get("secret")
        typed = (edit.text() if isinstance(edit, QLineEdit) else "").strip("\r\n")
        if self.kind is not None and FORMS[self.kind].secret_is_token:
            typed = typed.strip()
        return typed or None

    @staticmethod
    def shown_minutes(seconds: int) -> int:
        """The whole minutes the form shows for an interval (at least one): an interval the
        person did not touch reads back as these."""
        return max(1, round(seconds / 60))

    def interval(self) -> int | None:
        """Seconds between checks; None for a kind that is not checked (phone)."""
        spin = self.widgets.get("interval")
        return spin.value() * 60 if isinstance(spin, QSpinBox) else None

    # Internals

    def _clear(self) -> None:
        while self.layout.rowCount():
            self.layout.removeRow(0)
        self.widgets.clear()
        self.rows.clear()
        self.more_options = None

    def _hinted(self, widget: QWidget, hint: str) -> QWidget:
        if not hint:
            return widget
        box = QWidget(self.host)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        note = QLabel(hint, box)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        column.addWidget(note)
        return box

    def _add_row(self, key: str, label: str, widget: QWidget, hint: str = "") -> None:
        shown = self._hinted(widget, hint)
        self.layout.addRow(label, shown)
        caption = self.layout.labelForField(shown)
        if shown is not widget and isinstance(caption, QLabel):
            # The row's label is the buddy of the box that holds the field with its hint,
            # where a screen reader does not look: the field takes the label as its name
            # and the hint as its description, and the label's buddy is the field.
            caption.setBuddy(widget)
            if label:
                widget.setAccessibleName(label.replace("&", ""))
            widget.setAccessibleDescription(hint)
        self.widgets[key] = widget
        self.rows[key] = shown

    def _fold(self, advanced: list[str], *, shown: bool) -> None:
        """Options few need stay behind "Show more options" unless one is set."""
        toggle = QCheckBox("Show more options", self.host)
        self.more_options = toggle
        self.layout.addRow("", toggle)
        toggle.setChecked(shown)
        for option in advanced:
            self.layout.setRowVisible(self.rows[option], shown)
        toggle.toggled.connect(lambda on: [self.layout.setRowVisible(self.rows[o], on)
                                           for o in advanced])

    def _update_term_row(self) -> None:
        combo: QComboBox = self.widgets["--watch"]  # type: ignore[assignment]
        self.layout.setRowVisible(self.rows["--term"], bool(combo.currentData()))

    def _field_widget(self, item, value: Any) -> QWidget:
        if item.kind == FLAG:
            box = QCheckBox(item.label, self.host)
            box.setChecked(bool(value))
            return box
        if item.kind == CHOICE:
            combo = QComboBox(self.host)
            for data, label in item.choices:
                combo.addItem(label, data)
            index = combo.findData(value if value not in (None, "") else item.choices[0][0])
            combo.setCurrentIndex(max(0, index))
            return combo
        edit = QLineEdit("" if value in (None, "") else str(value), self.host)
        edit.setPlaceholderText(item.placeholder)
        if item.kind == NUMBER:
            edit.setValidator(QIntValidator(0, 999999, edit))
        return edit
