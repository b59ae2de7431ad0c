"""Small dialogs: assign with a follow-up date, snooze until, who am I, shortcuts, and the
prompt for a tag or a label.

Each imports its form when first built: start-up does not pay for dialogs not opened yet.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QTableWidgetItem,
    QTreeWidgetItem,
    QWidget,
)

from inbox_app.core.timeutil import end_of_day, now
from inbox_app.gui.keys import shortcut_groups
from inbox_app.gui.widgets import FittedDialog

NOBODY = "Nobody (back to the queue)"
MORNING = 9
END_OF_WORK = 17  # the Assign dialog's "Tomorrow" and "Next week" follow-ups


def _local(epoch: int) -> datetime:
    """The wall-clock time here, without a fixed offset: days added to it keep their clock
    time across a change of summer time (an aware time keeps today's offset, so "tomorrow
    morning" on the Saturday the clocks go back came out 8:00)."""
    return datetime.fromtimestamp(epoch)


def _at_morning(day: datetime, hour: int = MORNING) -> int:
    return int(day.replace(hour=hour, minute=0, second=0, microsecond=0).timestamp())


def snooze_presets(at: int | None = None) -> list[tuple[str, int]]:
    """The snooze menu's choices, each a label and a moment (local time), no moment twice
    (on a Monday "Next Monday" is "In a week"). Before 7:00 the coming morning is offered
    too: past midnight "Tomorrow morning" is the next date's, a whole working day later
    than a person still up from the evening before may mean."""
    moment = now() if at is None else at
    today = _local(moment)
    presets = [("In 3 hours", moment + 3 * 3600)]
    if today.hour < MORNING - 2:
        presets.append(("This morning (09:00)", _at_morning(today)))
    if today.hour < 16:
        presets.append(("This evening (18:00)",
                        int(today.replace(hour=18, minute=0, second=0).timestamp())))
    presets.append(("Tomorrow morning", _at_morning(today + timedelta(days=1))))
    days_to_monday = (7 - today.weekday()) % 7 or 7
    if days_to_monday > 1:
        presets.append(("Next Monday", _at_morning(today + timedelta(days=days_to_monday))))
    presets.append(("In a week", _at_morning(today + timedelta(days=7))))
    presets.append(("In a month", _at_morning(today + timedelta(days=30))))
    distinct: dict[int, str] = {}
    for label, until in presets:
        distinct.setdefault(until, label)
    return [(label, until) for until, label in distinct.items()]


def preset_time(epoch: int) -> str:
    """A preset's moment in the Snooze dialog: `Tue 8 Dec, 09:00`, the date always, so
    "Tomorrow morning" just before midnight says which day it is."""
    shown = _local(epoch)
    return f"{shown:%a} {shown.day} {shown:%b, %H:%M}"


def _qt(epoch: int) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(epoch)


def ask_for_name(parent: QWidget, title: str, label: str, offered: list[str]) -> str | None:
    """A tag or a label to apply, typed or chosen from `offered` (and completed from them
    as it is typed); None when cancelled or left empty. The field starts empty: an Enter
    pressed by mistake applies nothing (it used to apply the first one offered)."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxEditable(True)
    dialog.setComboBoxItems(offered)
    dialog.setTextValue("")
    combo = dialog.findChild(QComboBox)
    if combo is not None:
        combo.setCurrentIndex(-1)
        combo.setEditText("")
    if not dialog.exec():
        return None
    return dialog.textValue().strip() or None


class AssignDialog(FittedDialog):
    """Assign to a staff member, optionally with a follow-up date."""

    def __init__(self, staff: list[str], current: str | None, me: str | None,
                 due_at: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_assign_dialog import Ui_AssignDialog

        self.ui = Ui_AssignDialog()
        self.ui.setupUi(self)
        combo = self.ui.staffCombo
        combo.addItem(NOBODY, None)
        for name in staff:
            combo.addItem(f"{name} (me)" if name == me else name, name)
        chosen = current or me
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        moment = now()
        self.ui.dueEdit.setDateTime(_qt(due_at or end_of_day(moment) - 59))
        self.ui.dueCheck.setChecked(due_at is not None)
        self.ui.dueEdit.setEnabled(due_at is not None)
        self.ui.dueCheck.toggled.connect(self.ui.dueEdit.setEnabled)
        today = _local(moment)
        self.ui.todayButton.clicked.connect(lambda: self._due(end_of_day(moment) - 59))
        self.ui.tomorrowButton.clicked.connect(
            lambda: self._due(_at_morning(today + timedelta(days=1), END_OF_WORK)))
        self.ui.nextWeekButton.clicked.connect(
            lambda: self._due(_at_morning(today + timedelta(days=7), END_OF_WORK)))
        combo.setFocus()

    def _due(self, epoch: int) -> None:
        self.ui.dueCheck.setChecked(True)
        self.ui.dueEdit.setDateTime(_qt(epoch))

    @property
    def assignee(self) -> str | None:
        return self.ui.staffCombo.currentData()

    @property
    def due_at(self) -> int | None:
        if not self.ui.dueCheck.isChecked():
            return None
        return self.ui.dueEdit.dateTime().toSecsSinceEpoch()


class SnoozeDialog(FittedDialog):
    """Presets in a list (arrow keys and Enter) or any date and time. Each preset's time
    stands in a column of its own: after a tab in one text, a list ran the two together
    ("Next MondayMon 09 Mar") or pushed one past the others."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_snooze_dialog import Ui_SnoozeDialog

        self.ui = Ui_SnoozeDialog()
        self.ui.setupUi(self)
        presets = self.ui.presetList
        moment = now()
        for label, epoch in snooze_presets(moment):
            item = QTreeWidgetItem([label, preset_time(epoch)])
            item.setData(0, Qt.ItemDataRole.UserRole, epoch)
            presets.addTopLevelItem(item)
        presets.header().setStretchLastSection(True)
        presets.resizeColumnToContents(0)
        presets.setColumnWidth(0, presets.columnWidth(0) + 16)  # a gap before the times
        presets.currentItemChanged.connect(self._preset_chosen)
        presets.itemActivated.connect(lambda _item, _column: self.accept())
        presets.setCurrentItem(presets.topLevelItem(0))
        self.ui.untilEdit.setMinimumDateTime(_qt(moment))
        presets.setFocus()

    def _preset_chosen(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.ui.untilEdit.setDateTime(_qt(item.data(0, Qt.ItemDataRole.UserRole)))

    @property
    def until(self) -> int:
        return self.ui.untilEdit.dateTime().toSecsSinceEpoch()


class StaffDialog(FittedDialog):
    """Who is using the app: pick a name, or add yourself."""

    def __init__(self, staff: list[str], current: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_staff_dialog import Ui_StaffDialog

        self.ui = Ui_StaffDialog()
        self.ui.setupUi(self)
        for name in staff:
            self.ui.staffList.addItem(name)
            if name == current:
                self.ui.staffList.setCurrentRow(self.ui.staffList.count() - 1)
        if self.ui.staffList.currentRow() < 0 and staff:
            self.ui.staffList.setCurrentRow(0)
        self.ui.staffList.setVisible(bool(staff))
        self.ui.staffList.itemActivated.connect(lambda _item: self.accept())
        self.ui.newNameEdit.textChanged.connect(
            lambda text: self.ui.staffList.clearSelection() if text else None)

    @property
    def new_name(self) -> str:
        return self.ui.newNameEdit.text().strip()

    @property
    def chosen(self) -> str | None:
        if self.new_name:
            return self.new_name
        item = self.ui.staffList.currentItem()
        return item.text() if item else None


class ShortcutsDialog(FittedDialog):
    """Every action that has a key, read from the actions themselves."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        from inbox_app.gui.forms.ui_shortcuts_dialog import Ui_ShortcutsDialog

        self.ui = Ui_ShortcutsDialog()
        self.ui.setupUi(self)
        table = self.ui.shortcutsTable
        groups = shortcut_groups(actions)
        table.setRowCount(sum(len(rows) + 1 for _title, rows in groups))
        row = 0
        for title, rows in groups:
            heading = QTableWidgetItem(title)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a row to pick
            table.setItem(row, 0, heading)
            table.setItem(row, 1, QTableWidgetItem(""))
            table.setSpan(row, 0, 1, 2)
            row += 1
            for keys, text in rows:
                table.setItem(row, 0, QTableWidgetItem(keys))
                table.setItem(row, 1, QTableWidgetItem(text))
                row += 1
        table.resizeColumnToContents(0)
        table.setColumnWidth(0, table.columnWidth(0) + 24)
        table.resizeColumnToContents(1)
        # Wide enough for the longest description, within reason: none cut with "…".
        needed = (table.columnWidth(0) + table.columnWidth(1) + 2 * table.frameWidth()
                  + table.verticalScrollBar().sizeHint().width() + 8)
        table.setMinimumWidth(min(needed, 760))
