"""Accounts: add, edit, test, switch on or off and remove every kind of channel.

The form for each kind comes from `account_forms.FORMS` and is checked by the
channel module itself (as `inbox-app account add` is). Secrets are typed into
password fields and go straight to the OS keyring; when there is no keyring the
dialog says what to install and stores nothing. "Test connection" signs in from
a pool thread and answers in one sentence.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from inbox_app import accounts
from inbox_app.core.models import Account
from inbox_app.gui import icons
from inbox_app.gui.account_details import AccountDetails
from inbox_app.gui.account_fields import AccountFields
from inbox_app.gui.account_forms import (
    FORMS,
    FormError,
    available,
    build_setup,
    form_values,
    needs_secret,
    secret_label,
)
from inbox_app.gui.account_work import (
    ConnectionProblem,
    add_account,
    stored_secret,
    update_account,
    verify,
    verify_as_saved,
)
from inbox_app.gui.forms.ui_accounts_dialog import Ui_AccountsDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.mail_push import MailPush
from inbox_app.gui.models.account_model import AccountListModel, AccountRole
from inbox_app.gui.theme import repolish, show_message
from inbox_app.gui.widgets import FittedDialog
from inbox_app.secrets import KeyringUnavailable
from inbox_app.sources import AccountSetup, source_module
from inbox_app.store import Store, StoreError

KIND_ORDER = ("email", "mastodon", "bluesky", "telegram", "feed", "phone")
# While the dialog is open the window's polls go on: their outcome shows within this long.
HEALTH_REFRESH_MS = 3000


class AccountsDialog(AccountDetails, FittedDialog):
    """Signals: changed() after an account was added, changed, switched or removed;
    tested(sentence, ok) after every test or save attempt."""

    changed = Signal()
    tested = Signal(str, bool)

    def __init__(self, jobs: Jobs, *, staff: str | None = None, parent: QWidget | None = None,
                 listening_to: set[str] | None = None, push: MailPush | None = None):
        """`push`, the window's wait for new mail: which accounts it listens to, and which
        it stopped for a refused password (`listening_to` alone gives the first)."""
        super().__init__(parent)
        self.ui = Ui_AccountsDialog()
        self.ui.setupUi(self)
        self.jobs = jobs
        self.staff = staff
        if listening_to is None and push is not None:
            listening_to = push.listening_to
        self.listening_to = listening_to if listening_to is not None else set()  # (MailPush's)
        self.push = push
        self.model = AccountListModel(self)
        self.editing: Account | None = None
        self.fields = AccountFields(self.ui.fieldsForm, self.ui.formHost)
        self.busy = False
        self.shown: str | None = None
        self.default_interval = 300
        self._placing_current = False  # the list's current row moves, the page stays
        self._form_changed = False  # something typed in the form since it was shown
        self._unsaved_said = False  # closing once said the form is not saved yet
        self._refreshing = False
        self._health_timer = QTimer(self, interval=HEALTH_REFRESH_MS)
        self._health_timer.timeout.connect(self._refresh_health)
        ui = self.ui
        ui.accountList.setModel(self.model)
        ui.accountList.selectionModel().currentChanged.connect(self._on_current)
        menu = QMenu(ui.addButton)
        for kind in KIND_ORDER:
            action = menu.addAction(icons.channel_icon(kind), FORMS[kind].title)
            action.setEnabled(available(kind))
            action.triggered.connect(lambda _c=False, k=kind: self.start_add(k))
        ui.addButton.setMenu(menu)
        ui.addButton.setIcon(icons.icon("plus"))
        for position, kind in enumerate(KIND_ORDER):
            button = QPushButton(icons.channel_icon(kind), FORMS[kind].title, self)
            button.setProperty("role", "big")
            button.setEnabled(available(kind))
            button.setToolTip(FORMS[kind].intro)
            button.clicked.connect(lambda _c=False, k=kind: self.start_add(k))
            ui.kindGrid.addWidget(button, position // 2, position % 2)
        ui.editButton.clicked.connect(self.start_edit)
        ui.detailTestButton.clicked.connect(self.test_stored)
        ui.enableButton.clicked.connect(self.toggle_enabled)
        ui.removeButton.clicked.connect(lambda: self.remove())
        ui.editTestButton.clicked.connect(self.test_form)
        ui.saveButton.clicked.connect(self.save)
        ui.cancelButton.clicked.connect(self._cancel_edit)
        ui.formHost.installEventFilter(self)
        repolish(self)
        ui.pages.setCurrentWidget(ui.emptyPage)
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.formHost and event.type() == QEvent.Type.LayoutRequest:
            self._fit_form_width()
        return super().eventFilter(watched, event)

    def _fit_form_width(self) -> None:
        """The form scrolls only up and down: its scroll area is kept as wide as its widest
        row (the email form's options: a long label beside a tick box that does not wrap)
        and its scroll bar, so no field, hint or tick box is cut at the right edge."""
        scroll = self.ui.formScroll
        needed = self.ui.formHost.minimumSizeHint().width() \
            + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()
        if scroll.minimumWidth() != needed:
            scroll.setMinimumWidth(needed)

    # The list

    def reload(self, select: str | None = None) -> None:
        def read(store: Store) -> tuple[list[Account], int]:
            return store.list_accounts(), int(store.get_setting("poll_interval") or 300)

        self.jobs.run(read, lambda result: self._on_loaded(*result, select))

    def _on_loaded(self, accounts: list[Account], interval: int, select: str | None) -> None:
        self.default_interval = interval
        current = select or (self.current_account().name if self.current_account() else None)
        self.model.set_accounts(accounts)
        if self.ui.pages.currentWidget() is self.ui.editPage:
            # The form stays as typed: the list only marks the account it edits.
            row = self.model.row_of(self.editing.name) if self.editing is not None else None
            if row is not None:
                self._placing_current = True
                try:
                    self.ui.accountList.setCurrentIndex(self.model.index(row))
                finally:
                    self._placing_current = False
            return
        row = self.model.row_of(current) if current else None
        if row is None and accounts:
            row = 0
        if row is not None:
            self.ui.accountList.setCurrentIndex(self.model.index(row))
        else:
            self.ui.pages.setCurrentWidget(self.ui.emptyPage)

    # Health, as the window's polls and mail push change it

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._health_timer.start()

    def hideEvent(self, event) -> None:
        self._health_timer.stop()
        super().hideEvent(event)

    def current_account(self) -> Account | None:
        index = self.ui.accountList.currentIndex()
        return index.data(AccountRole.ACCOUNT) if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        account = current.data(AccountRole.ACCOUNT) if current.isValid() else None
        if account is None or self._placing_current:
            return
        if self.ui.pages.currentWidget() is self.ui.editPage and self.editing is not None \
                and self.editing.name == account.name:
            return
        if self._kept_unsaved_form():
            QTimer.singleShot(0, self._mark_the_form_in_the_list)
            return
        same = self.shown == account.name and self.ui.pages.currentWidget() is self.ui.detailPage
        self.show_account(account, keep_result=same)

    # Adding and editing

    def start_add(self, kind: str) -> None:
        self.editing = None
        self._mark_the_form_in_the_list()  # none: a click on any account then shows it
        self._build_form(kind, name="", values={}, editing=False)
        self.ui.editTitle.setText(f"Add {FORMS[kind].title}")
        self.widgets["name"].setFocus()

    def start_edit(self) -> None:
        account = self.current_account()
        if account is None:
            return
        self.editing = account
        values = form_values(FORMS[account.kind], account.config, account.watch)
        self._build_form(account.kind, name=account.name, values=values, editing=True,
                         interval=account.poll_interval)
        self.ui.editTitle.setText(f"Edit {account.name}")
        first = next((widget for key, widget in self.widgets.items()
                      if key != "name" and widget.isVisibleTo(self.ui.formHost)), None)
        (first or self.widgets["name"]).setFocus()  # not Cancel, where Space drops the form

    def _build_form(self, kind: str, *, name: str, values: dict[str, Any], editing: bool,
                    interval: int | None = None) -> None:
        ui = self.ui
        ui.editIntro.setText(FORMS[kind].intro)
        self.fields.build(kind, name=name, values=values, editing=editing,
                          interval=interval or self.default_interval, edited=self._on_edited)
        self._form_changed = self._unsaved_said = False
        self._result(ui.editResult, "", True)
        repolish(self)
        ui.saveButton.setText("Save changes" if editing else "Add account")
        ui.editTestButton.setVisible(hasattr(source_module(kind), "verify"))
        ui.pages.setCurrentWidget(ui.editPage)

    def _on_edited(self) -> None:
        self._form_changed = True
        self._unsaved_said = False
        self._result(self.ui.editResult, "", True)

    def reject(self) -> None:
        """Escape or the window's ✕ on a form with something typed in it says once that it
        is not saved (an email account is typed field by field, its app password fetched
        from elsewhere); closing again lets it go."""
        if self._kept_unsaved_form(again="press Escape again to close without {it}"):
            return
        super().reject()

    def _kept_unsaved_form(self, again: str = "click again to leave {it}") -> bool:
        """Whether the form, with something typed since it was shown or last said, stays:
        leaving it (Escape, a click on another account in the list) says once
        what is unsaved; doing so again lets it go."""
        ui = self.ui
        if ui.pages.currentWidget() is not ui.editPage or not self._form_changed \
                or self._unsaved_said or self.busy:
            return False
        self._unsaved_said = True
        name = self.fields.name()
        if self.editing is None:
            what = f"{name or 'This account'} is not added yet: Add account keeps it," \
                f" Cancel drops it; {again.format(it='it')}."
        else:
            what = f"The changes to {self.editing.name} are not saved yet: Save changes" \
                f" keeps them, Cancel drops them; {again.format(it='them')}."
        self._result(ui.editResult, what, False)
        return True

    def _mark_the_form_in_the_list(self) -> None:
        """The list marks the account the form edits, or none while one is being added."""
        view = self.ui.accountList
        row = self.model.row_of(self.editing.name) if self.editing is not None else None
        self._placing_current = True
        try:
            if row is None:
                view.selectionModel().clearCurrentIndex()
                view.selectionModel().clearSelection()
            else:
                view.setCurrentIndex(self.model.index(row))
        finally:
            self._placing_current = False

    @property
    def kind(self) -> str | None:
        return self.fields.kind

    @property
    def widgets(self) -> dict[str, QWidget]:
        return self.fields.widgets

    @property
    def rows(self) -> dict[str, QWidget]:
        return self.fields.rows

    def form_values(self) -> dict[str, Any]:
        return self.fields.values()

    def set_field(self, key: str, value: Any) -> None:
        """Fills one field as a person would (tests and screenshots use it)."""
        self.fields.set(key, value)

    def _typed(self) -> tuple[str, AccountSetup, str | None, int | None]:
        """(name, setup, secret or None, interval seconds) — FormError when something's off."""
        assert self.kind is not None
        fields = self.fields
        name = fields.name()
        setup = build_setup(self.kind, name, fields.values())
        secret = fields.secret()
        if secret and not setup.secret_label:
            # A private feed's password goes with its user name; alone it would be kept in
            # the keyring and never sent, the feed added as if it were read with it.
            fields.show_more_options()
            labels = {item.key: item.label for item in FORMS[self.kind].fields}
            raise FormError(f"A password goes with a user name: fill in "
                            f"{labels.get('username', 'User name')}, or leave "
                            f"{secret_label(self.kind) or 'Password'} empty.")
        interval = fields.interval()
        if self.editing is not None and interval is not None \
                and fields.shown_minutes(self.editing.poll_interval) * 60 == interval:
            interval = self.editing.poll_interval  # not touched: 30 s shows as "1 min"
        return name, setup, secret, interval

    def _result(self, label: QLabel, text: str, ok: bool) -> None:
        show_message(label, text, ok)

    def _set_busy(self, busy: bool, label: QLabel | None = None, text: str = "") -> None:
        self.busy = busy
        ui = self.ui
        # The list and Add too: a click there would leave the form whose answer is awaited
        # (its refusal then said on a page no longer shown, what was typed gone).
        for widget in (ui.saveButton, ui.editTestButton, ui.detailTestButton, ui.editButton,
                       ui.enableButton, ui.removeButton, ui.addButton, ui.accountList):
            widget.setEnabled(not busy)
        if busy and label is not None:
            self._result(label, text, True)

    def _report(self, label: QLabel, text: str, ok: bool) -> None:
        self._set_busy(False)
        self._result(label, text, ok)
        self.tested.emit(text, ok)

    def _problem_from(self, label: QLabel, error: Exception) -> None:
        if isinstance(error, (ConnectionProblem, StoreError, KeyringUnavailable, FormError)):
            self._report(label, str(error), False)
            return
        self._set_busy(False)
        self.jobs.failed.emit(error, "")

    def test_form(self) -> None:
        if self.busy:
            return
        label = self.ui.editResult
        try:
            name, setup, secret, _interval = self._typed()
        except FormError as error:
            self._report(label, str(error), False)
            return
        kind, editing = self.kind, self.editing

        def work(store: Store) -> str:
            kept = secret
            if kept is None and editing is not None and setup.secret_label:
                kept = stored_secret(editing.name)
            return verify_as_saved(store, kind or "", setup, kept, editing)

        self._set_busy(True, label, "Testing the connection…")
        self.jobs.run(work, lambda sentence: self._report(label, sentence, True),
                      lambda error: self._problem_from(label, error))

    def test_stored(self) -> None:
        account = self.current_account()
        if account is None or self.busy:
            return
        label = self.ui.detailResult

        def work() -> str:
            needs = needs_secret(account.kind) or bool(account.config.get("username"))
            secret = stored_secret(account.name) if needs else None
            if needs and not secret:
                raise ConnectionProblem("The keyring holds no secret for this account: edit it "
                                        "and type the secret again.")
            return verify(account.kind, dict(account.config), secret)  # verify may add to it

        self._set_busy(True, label, "Testing the connection…")
        self.jobs.run(work, lambda sentence: self._report(label, sentence, True),
                      lambda error: self._problem_from(label, error), with_store=False)

    def save(self) -> None:
        if self.busy or self.kind is None:
            return
        label = self.ui.editResult
        try:
            name, setup, secret, interval = self._typed()
        except FormError as error:
            self._report(label, str(error), False)
            return
        kind, editing, staff = self.kind, self.editing, self.staff
        if editing is None and needs_secret(kind) and not secret:
            self._report(label, f"Fill in the {(secret_label(kind) or 'password').lower()}.",
                         False)
            return

        def work(store: Store) -> tuple[Account, str | None]:
            if editing is None:
                return add_account(store, kind, name, setup, secret, interval, staff)
            return update_account(store, editing, setup, secret, interval, staff)

        self._set_busy(True, label, "Checking and saving…")
        self.jobs.run(work, lambda result: self._on_saved(result, added=editing is None),
                      lambda error: self._problem_from(label, error))

    def _on_saved(self, result: tuple[Account, str | None], *, added: bool) -> None:
        account, verified = result
        self._set_busy(False)
        what = f"Added {account.name}" if added else "Changes saved"
        text = f"{what}: {verified[0].lower()}{verified[1:]}" if verified else f"{what}."
        self.editing = None
        self.tested.emit(text, True)
        self.changed.emit()
        self.show_account(account)
        self._result(self.ui.detailResult, text, True)
        self.reload(select=account.name)

    def _cancel_edit(self) -> None:
        """Back to the account shown before the form (the first one when it is gone)."""
        self.editing = None
        self._form_changed = False
        account = self.current_account()
        if account is None and self.model.rowCount():
            row = self.model.row_of(self.shown) if self.shown else None
            self.ui.accountList.setCurrentIndex(self.model.index(row or 0))
            account = self.current_account()
        if account is not None:
            self.show_account(account)
        else:
            self.ui.pages.setCurrentWidget(self.ui.emptyPage)

    # Switching on and off, removing

    def toggle_enabled(self) -> None:
        account = self.current_account()
        if account is None or self.busy:
            return
        enabled, staff = not account.enabled, self.staff
        self._set_busy(True)
        self.jobs.run(
            lambda store: store.set_account_enabled(account.name, enabled, staff=staff),
            lambda _r: self._after_change(account.name),
            lambda error: self._problem_from(self.ui.detailResult, error))

    def remove(self, *, confirm: bool = True) -> None:
        account = self.current_account()
        if account is None or self.busy:
            return
        if confirm and QMessageBox.question(
            self, "Remove account",
            f"Remove {account.name}? Its messages stay in the inbox; the app stops reading it"
            " and forgets its secret.",
        ) != QMessageBox.StandardButton.Yes:
            return
        staff = self.staff
        self._set_busy(True)
        self.jobs.run(lambda store: accounts.remove_account(store, account.name, staff=staff),
                      lambda _r: self._after_change(None),
                      lambda error: self._problem_from(self.ui.detailResult, error))

    def _after_change(self, select: str | None) -> None:
        self._set_busy(False)
        self.changed.emit()
        if select is None:
            self.ui.accountList.selectionModel().clearCurrentIndex()
            self.ui.pages.setCurrentWidget(self.ui.emptyPage)
        self.reload(select=select)

