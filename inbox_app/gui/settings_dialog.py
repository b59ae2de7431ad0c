"""Settings: the business, its staff, checking and notifications, theme, data folder.

What the core needs (business name, watch terms, phone region, currency, staff, the
poll interval) is read and written in the store by jobs; what belongs to this
desktop (theme, notifications, how long a reply waits to be undone) is kept with
the window's own settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QListWidgetItem, QWidget

from inbox_app.core.models import Staff
from inbox_app.core.text import one_line
from inbox_app.core.watch import BRAND
from inbox_app.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from inbox_app.gui.held_reply import HOLD_CHOICES, HOLD_KEY, hold_label, hold_seconds
from inbox_app.gui.regions import fill_region_combo, split_terms, terms_problem
from inbox_app.gui.theme import repolish, show_message
from inbox_app.gui.widgets import FittedDialog, TickDelegate
from inbox_app.store import Store, StoreError

if TYPE_CHECKING:
    from inbox_app.gui.main_window import MainWindow

THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


def shown_minutes(poll_interval: int) -> int:
    """The interval in the dialog's whole minutes (at least one: 30 s shows as 1 min)."""
    return max(1, round(poll_interval / 60))


@dataclass(frozen=True)
class BusinessSettings:
    business_name: str
    brand_terms: list[str]
    competitor_terms: list[str]
    phone_region: str
    poll_interval: int
    email_signature: str
    currency: str
    staff: list[Staff]
    folder: str | None
    last_backup: str | None


def load_settings(store: Store) -> BusinessSettings:
    from inbox_app import backup

    folder = last = None
    try:
        folder = str(backup.backup_folder(store).parent)
        made = backup.backups(store)
        last = str(made[-1]) if made else None
    except StoreError:
        pass
    return BusinessSettings(
        business_name=store.get_setting("business_name") or "",
        brand_terms=list(store.get_setting("brand_terms") or []),
        competitor_terms=list(store.get_setting("competitor_terms") or []),
        phone_region=store.phone_region(),
        poll_interval=int(store.get_setting("poll_interval") or 300),
        email_signature=store.get_setting("email_signature") or "",
        currency=store.get_setting("currency") or "",
        staff=store.list_staff(include_inactive=True),
        folder=folder,
        last_backup=last,
    )


def save_settings(store: Store, changes: dict[str, Any], staff_active: dict[str, bool],
                  new_staff: list[str], who: str | None) -> list[str]:
    """Writes what changed in one transaction; accounts on the old default interval follow.
    Returns a sentence for each person who left and had conversations to hand back, as
    `staff remove` says it. Someone added here whom a colleague added meanwhile (or added
    and removed) is simply on the list, working: the save does not fail over it."""
    handed_back: list[str] = []
    with store.transaction():
        old_interval = int(store.get_setting("poll_interval") or 300)
        for key, value in changes.items():
            store.set_setting(key, value, staff=who)
        if "poll_interval" in changes:
            for account in store.list_accounts():
                if account.poll_interval == old_interval:
                    store.update_account(account.name, poll_interval=changes["poll_interval"],
                                         staff=who)
        for name in new_staff:
            listed = _listed_as(store, name)
            if listed is None:
                store.add_staff(name, staff=who)
            elif not listed.active:
                store.set_staff_active(listed.name, True, staff=who)
        for name, active in staff_active.items():
            count = store.set_staff_active(name, active, staff=who)
            if count:
                handed_back.append(
                    f"{name} no longer works the queue; {count} open conversation"
                    f"{'s' if count != 1 else ''} of theirs went back to Unassigned.")
    return handed_back


def _listed_as(store: Store, name: str) -> Staff | None:
    """The staff member of this whole name in any case and spacing, working or not."""
    wanted = same_name_key(name)
    return next((member for member in store.list_staff(include_inactive=True)
                 if same_name_key(member.name) == wanted), None)


def same_name_key(name: str) -> str:
    """How two spellings of one person's name compare: "maya  OKAFOR" is Maya Okafor."""
    return one_line(name).casefold()


class SettingsDialog(FittedDialog):
    """Signals: saved() after the store has the new settings; theme_chosen(mode)."""

    saved = Signal()
    theme_chosen = Signal(str)

    def __init__(self, window: MainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window = window
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        repolish(self)
        self.loaded: BusinessSettings | None = None
        ui = self.ui
        ui.staffList.setItemDelegate(TickDelegate(ui.staffList))
        for mode, label in THEME_CHOICES:
            ui.themeCombo.addItem(label, mode)
        ui.themeCombo.setCurrentIndex(max(0, ui.themeCombo.findData(window.state.theme_mode)))
        notifier = window.notifier
        ui.negativeCheck.setChecked(notifier.enabled("negative"))
        ui.dueCheck.setChecked(notifier.enabled("due"))
        ui.mentionsCheck.setChecked(notifier.enabled("mentions"))
        ui.trayCheck.setChecked(notifier.enabled("tray"))
        for seconds in HOLD_CHOICES:
            ui.undoSendCombo.addItem(hold_label(seconds), seconds)
        ui.undoSendCombo.setCurrentIndex(
            ui.undoSendCombo.findData(hold_seconds(window.state.settings)))
        ui.addStaffButton.clicked.connect(self.add_staff_row)
        ui.newStaffEdit.installEventFilter(self)  # Enter there adds the name (eventFilter)
        ui.backupButton.clicked.connect(self.back_up_now)
        ui.openFolderButton.clicked.connect(self.open_folder)
        self.save_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        window.jobs.run(load_settings, self._on_loaded, self._on_failed)

    def _on_loaded(self, loaded: BusinessSettings) -> None:
        self.loaded = loaded
        ui = self.ui
        ui.businessEdit.setText(loaded.business_name)
        ui.brandEdit.setText(", ".join(loaded.brand_terms))
        ui.competitorEdit.setText(", ".join(loaded.competitor_terms))
        fill_region_combo(ui.regionCombo, loaded.phone_region)
        ui.intervalSpin.setValue(shown_minutes(loaded.poll_interval))
        ui.signatureEdit.setPlainText(loaded.email_signature)
        ui.currencyEdit.setText(loaded.currency)
        ui.staffList.clear()
        for member in loaded.staff:
            self._staff_item(member.name, member.active, new=False)
        if loaded.folder:
            ui.locationLabel.setText(f"{self.window.location}")
            ui.backupLabel.setText(f"Last backup: {Path(loaded.last_backup).name}"
                                   if loaded.last_backup else "No backup yet.")
        else:
            ui.locationLabel.setText(self.window.location)
            ui.backupLabel.setText("This store is not a file here; back it up on its server.")
            ui.backupButton.setEnabled(False)
            ui.openFolderButton.setEnabled(False)
        self.save_button.setEnabled(True)

    def _staff_item(self, name: str, active: bool, *, new: bool) -> None:
        item = QListWidgetItem(name + ("  (new)" if new else ""))
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setData(Qt.ItemDataRole.UserRole + 1, new)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if active else Qt.CheckState.Unchecked)
        item.setToolTip("Ticked: works the inbox. Unticked: no longer does (history is kept).")
        self.ui.staffList.addItem(item)

    def add_staff_row(self) -> None:
        """Each name in the field joins the list — a pasted column of names (one a line) is
        that many colleagues, as the welcome takes them; a name already on it, in any case
        or spacing, is that person — ticked again when they had left, as `staff add`
        brings them back."""
        names = [name for name in map(one_line, self.ui.newStaffEdit.text().splitlines())
                 if name]
        if not names:
            return
        said = [self._add_name(name) for name in names]
        refused = [sentence for sentence, ok in said if not ok]
        if len(names) > 1 or not refused:
            self.ui.newStaffEdit.clear()  # each of them is on the list now
        shown = refused or [sentence for sentence, _ok in said if sentence]
        self._problem(" ".join(shown), ok=not refused)

    def _add_name(self, name: str) -> tuple[str, bool]:
        """Puts one person on the list; (what to tell, whether that is good news)."""
        same = self._staff_row(name)
        if same is None:
            self._staff_item(name, True, new=True)
            return "", True
        self.ui.staffList.setCurrentItem(same)
        if same.checkState() == Qt.CheckState.Checked:
            return f"{name} is already on the list.", False
        same.setCheckState(Qt.CheckState.Checked)
        return f"{same.data(Qt.ItemDataRole.UserRole)} works the queue again once you save.", True

    def _staff_row(self, name: str) -> QListWidgetItem | None:
        """The list's row for this person, in any case or spacing."""
        rows = (self.ui.staffList.item(i) for i in range(self.ui.staffList.count()))
        return next((row for row in rows if same_name_key(row.data(Qt.ItemDataRole.UserRole))
                     == same_name_key(name)), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the new name's field adds the name, and only that: the dialog would also
        take it as its Save, closing while the next colleague's name is still to come."""
        if watched is self.ui.newStaffEdit and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_staff_row()
            return True
        return super().eventFilter(watched, event)

    def _problem(self, text: str, *, ok: bool = False) -> None:
        show_message(self.ui.problemLabel, text, ok)

    # Saving

    def changes(self) -> tuple[dict[str, Any], dict[str, bool], list[str]]:
        """(settings that changed, staff switched on/off, new staff)."""
        loaded, ui = self.loaded, self.ui
        assert loaded is not None
        wanted = {
            "business_name": ui.businessEdit.text().strip(),
            "brand_terms": self._terms(ui.brandEdit.text(), loaded.brand_terms),
            "competitor_terms": self._terms(ui.competitorEdit.text(), loaded.competitor_terms),
            "phone_region": ui.regionCombo.currentData() or loaded.phone_region,
            "poll_interval": ui.intervalSpin.value() * 60,
            "email_signature": ui.signatureEdit.toPlainText().strip(),
            "currency": ui.currencyEdit.text().strip(),
        }
        current = {
            "business_name": loaded.business_name, "brand_terms": loaded.brand_terms,
            "competitor_terms": loaded.competitor_terms, "phone_region": loaded.phone_region,
            "poll_interval": loaded.poll_interval, "email_signature": loaded.email_signature,
            "currency": loaded.currency,
        }
        if ui.intervalSpin.value() == shown_minutes(loaded.poll_interval):
            wanted["poll_interval"] = loaded.poll_interval  # an unchanged odd value stays
        changed = {k: v for k, v in wanted.items() if v != current[k]}
        was_active = {m.name: m.active for m in loaded.staff}
        switched: dict[str, bool] = {}
        new: list[str] = []
        for row in range(ui.staffList.count()):
            item = ui.staffList.item(row)
            name = item.data(Qt.ItemDataRole.UserRole)
            active = item.checkState() == Qt.CheckState.Checked
            if item.data(Qt.ItemDataRole.UserRole + 1):
                if active:
                    new.append(name)
            elif was_active.get(name) != active:
                switched[name] = active
        return changed, switched, new

    @staticmethod
    def _terms(typed: str, kept: list[str]) -> list[str]:
        """The terms in a field; left as it was filled, the kept ones as they are: a term
        added with `watch add` may hold a comma ("Smith, Jones & Sons"), and the field
        would read it as two."""
        return list(kept) if typed == ", ".join(kept) else split_terms(typed)

    def _refuse_terms(self, changed: dict[str, Any]) -> bool:
        """Shows the sentence `watch add` would refuse the new terms with (a term with no
        letter or digit, or on both sides), the field to correct focused; False when none."""
        loaded, ui = self.loaded, self.ui
        if "brand_terms" not in changed and "competitor_terms" not in changed:
            return False
        refused = terms_problem(changed.get("brand_terms", loaded.brand_terms),
                                changed.get("competitor_terms", loaded.competitor_terms),
                                loaded.brand_terms, loaded.competitor_terms)
        if refused is None:
            return False
        side, sentence = refused
        self._problem(sentence)
        ui.tabs.setCurrentWidget(ui.businessTab)
        (ui.brandEdit if side == BRAND else ui.competitorEdit).setFocus()
        return True

    def save(self) -> None:
        if self.loaded is None:
            return
        typed = one_line(self.ui.newStaffEdit.text())
        listed = self._staff_row(typed) if typed else None
        if typed and (listed is None or listed.checkState() != Qt.CheckState.Checked):
            self.add_staff_row()  # a name typed and not yet added: someone to add
        changed, switched, new = self.changes()
        if "business_name" in changed and not changed["business_name"]:
            self._problem("The business name cannot be empty; templates and reports use it.")
            self.ui.tabs.setCurrentWidget(self.ui.businessTab)
            return
        if self._refuse_terms(changed):
            return
        self._apply_desktop_settings()
        if not (changed or switched or new):
            self.accept()
            return
        self.save_button.setEnabled(False)
        who = self.window.staff
        self.window.jobs.run(lambda store: save_settings(store, changed, switched, new, who),
                             self._on_saved, self._on_failed)

    def _apply_desktop_settings(self) -> None:
        ui, notifier = self.ui, self.window.notifier
        notifier.set_enabled("negative", ui.negativeCheck.isChecked())
        notifier.set_enabled("due", ui.dueCheck.isChecked())
        notifier.set_enabled("mentions", ui.mentionsCheck.isChecked())
        notifier.set_enabled("tray", ui.trayCheck.isChecked())
        seconds = int(ui.undoSendCombo.currentData())
        self.window.state.settings.setValue(HOLD_KEY, seconds)
        self.window.conversation.composer.hold_for = seconds
        mode = ui.themeCombo.currentData()
        if mode != self.window.state.theme_mode:
            self.theme_chosen.emit(mode)

    def _on_saved(self, handed_back: list[str]) -> None:
        self.saved.emit()
        if handed_back:
            self.window.show_status(" ".join(handed_back))
        self.accept()

    def _on_failed(self, error: Exception) -> None:
        self.save_button.setEnabled(self.loaded is not None)
        if not isinstance(error, StoreError):
            self.window.jobs.failed.emit(error, "")
            return
        self._problem(str(error))

    # Data folder

    def back_up_now(self) -> None:
        from inbox_app.backup import backup_now

        self.ui.backupButton.setEnabled(False)
        self.ui.backupLabel.setText("Backing up…")
        self.window.jobs.run(lambda store: str(backup_now(store)), self._on_backed_up,
                             self._on_backup_failed)

    def _on_backed_up(self, path: str) -> None:
        self.ui.backupButton.setEnabled(True)
        self.ui.backupLabel.setText(f"Backed up to {path}")

    def _on_backup_failed(self, error: Exception) -> None:
        self.ui.backupButton.setEnabled(True)
        if not isinstance(error, (StoreError, OSError)):
            self.window.jobs.failed.emit(error, "")
            return
        self.ui.backupLabel.setText(f"The backup failed: {error}")

    def open_folder(self) -> None:
        if self.loaded and self.loaded.folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.loaded.folder))
