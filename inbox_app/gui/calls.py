"""Phone calls from the window: "Log a call" (C). Importing a provider's call log is
in call_import.py.

Logging stores the call exactly as `inbox-app call log` does (phone.call_message
through the store); the number is formatted as it is typed, for the shop's
phone region, and matched to a customer as soon as it is a number.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from phonenumbers import AsYouTypeFormatter
from PySide6.QtCore import (
    QDateTime,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from inbox_app.core.identity import IdentityError, format_phone, normalize_phone
from inbox_app.core.models import Customer
from inbox_app.core.text import capitalized
from inbox_app.core.timeutil import now, relative
from inbox_app.gui.forms.ui_call_dialog import Ui_CallDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.theme import repolish, show_message
from inbox_app.gui.widgets import FittedDialog
from inbox_app.sources import call_logging, phone
from inbox_app.store import NotFound, Store, StoreError, StoreUnavailable

MATCH_DEBOUNCE_MS = 250
MATCH_HINT = "As you type the number, the customer it belongs to shows here."
STATUSES = (("answered", "Answered"), ("missed", "Missed"), ("voicemail", "Voicemail"))


def error_sentence(error: Exception) -> str:
    text = capitalized(str(error).strip())
    return text if text.endswith(".") else text + "."


# What a number alone is written with; anything else ("ext. 12", "x12", "Anonymous") is
# left as typed, or the formatter would drop the letters and run an extension's digits
# into the number.
NUMBER_CHARACTERS = frozenset("0123456789+-.()/ \u00a0")


def as_you_type(text: str, region: str) -> str:
    """The number formatted as phonenumbers would while it is typed; "" for text that is
    more than a number, or that the formatter gives up on.

    It gives up on a form it does not know (`0044 20…` in a US shop, `+44 (0)20…`) by
    returning the bare digits: shown, they took out each space as it was typed, and the
    new customer was named `00442079460958`. Those stay as typed."""
    if not set(text) <= NUMBER_CHARACTERS:
        return ""
    formatter = AsYouTypeFormatter(region or "US")
    shown = ""
    for char in text:
        if char.isdigit() or (char == "+" and not shown):
            shown = formatter.input_digit(char)
    gave_up = shown.lstrip("+").isdigit()
    if gave_up and shown != text:
        return ""
    return shown


def reads_as_a_number(name: str) -> bool:
    """A customer named by their number alone (a caller who never said a name)."""
    return any(c.isdigit() for c in name) and set(name) <= NUMBER_CHARACTERS


# Logging one call


class FutureCall(phone.CallError):
    """When was set later than now: When is the field to correct."""


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
    message = phone.call_message(call, region=region, account=account, staff=staff,
                                 lines=phone.own_lines(store))
    if staff and call.direction == "in":
        message.meta["taken_by"] = staff
    conversation_id = call_logging.save_logged_call(store, message, call, staff)
    shown = format_phone(message.meta["call"]["number"], region)
    who = f"{call.name.strip()} at {shown}" if call.name.strip() else shown
    if conversation_id is None:
        conversation = store.conversation_ids_for_threads([message.thread or ""])
        return next(iter(conversation.values()), None), f"That call with {who} is already logged."
    what = {"missed": "a missed call", "voicemail": "a voicemail"}.get(
        call.status, "an incoming call" if call.direction == "in" else "an outgoing call")
    length = f" ({phone.format_duration(call.duration)})" if call.duration else ""
    way = "from" if call.direction == "in" else "to"
    return conversation_id, f"Logged {what}{length} {way} {who}."


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_enter(event: QEvent, *, with_ctrl: bool) -> bool:
    return (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) == with_ctrl)


class CallDialog(FittedDialog):
    """Enter in the number or the name goes on to the next field: typed while the phone
    rings, they are never the whole call, and Enter there logged it before who called
    whom, the outcome or a summary was given. Enter in the call's details logs it, as in
    any dialog, and Ctrl+Enter logs it from any field.

    Signals: logged(conversation_id, line) once the call is stored."""

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
        # No maximum: one set at opening goes stale in a dialog left open through a long
        # call, and a later time would be cut to it without a word; save() says instead.
        ui.whenEdit.setDateTime(QDateTime.currentDateTime())
        self.ok_button = ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Log the call")
        self.ok_button.clicked.connect(self.save)
        ui.buttonBox.rejected.connect(self.discard)
        self._not_logged_said_for: tuple[str, ...] | None = None
        ui.numberEdit.textEdited.connect(self._on_number_edited)
        ui.nameEdit.textEdited.connect(lambda _t: setattr(self, "name_from_match", False))
        ui.durationEdit.textChanged.connect(self._check_duration)
        self._timer = QTimer(self, singleShot=True, interval=MATCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        ui.matchLabel.setText(MATCH_HINT)
        ui.lineLabel.hide()
        ui.lineCombo.hide()
        for field in (ui.numberEdit, ui.nameEdit):
            field.installEventFilter(self)
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched in (self.ui.numberEdit, self.ui.nameEdit) and is_enter(event,
                                                                          with_ctrl=False):
            self.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter, which a one-line field passes on, logs the call."""
        if is_enter(event, with_ctrl=True):
            if self.ok_button.isEnabled():
                self.ok_button.click()
            return
        super().keyPressEvent(event)

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
                      lambda found: self._show_match(generation, found, number), owner=self)

    def typed(self) -> tuple[str, ...]:
        """What a person typed that closing the dialog would lose (a name the match filled
        in is not theirs)."""
        ui = self.ui
        name = "" if self.name_from_match else ui.nameEdit.text().strip()
        return tuple(text for text in (ui.numberEdit.text().strip(), name,
                                       ui.durationEdit.text().strip(),
                                       ui.summaryEdit.toPlainText().strip()) if text)

    def reject(self) -> None:
        """Escape or the window's ✕ with something typed (a summary written while on the
        phone) says once that the call is not logged; again, it closes. Cancel closes at
        once."""
        typed = self.typed()
        if typed and typed != self._not_logged_said_for:
            self._not_logged_said_for = typed
            self._problem("This call is not logged yet: Log the call keeps it, Cancel drops "
                          "it; press Escape again to close without it.")
            return
        super().reject()

    def discard(self) -> None:
        """Cancel: closes at once, dropping what is typed (Escape asks first)."""
        super().reject()

    def done(self, result: int) -> None:
        """A lookup waiting for the typing pause, or still running, when the dialog closes
        finds nothing to show it in (the dialog may be gone by then)."""
        self._timer.stop()
        self._generation += 1
        super().done(result)

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
            label.setText(MATCH_HINT if digits < 3 else
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
        if reads_as_a_number(customer.name):  # no name to offer: the number is its name
            if self.name_from_match:
                ui.nameEdit.clear()
                self.name_from_match = False
        elif not ui.nameEdit.text().strip() or self.name_from_match:
            ui.nameEdit.setText(customer.name)
            self.name_from_match = True

    def _check_duration(self, text: str) -> None:
        try:
            phone.parse_duration(text)
        except phone.CallError as error:
            self._problem(error_sentence(error))
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
        # When shows the minute, and that is the time a person gives: the seconds of the
        # clock when the dialog opened are no part of it. To the minute, the call is the
        # one the phone system's export lists in that minute, with or without seconds.
        at = ui.whenEdit.dateTime().toSecsSinceEpoch()
        at -= at % 60
        if at > now() + phone.FUTURE_GRACE:
            raise FutureCall("the time is in the future; a call is logged after it happened,"
                             " so set When to when it started")
        return phone.Call(
            number=number, at=at,
            direction="out" if ui.outboundRadio.isChecked() else "in",
            duration=phone.parse_duration(ui.durationEdit.text()),
            name=ui.nameEdit.text().strip(), notes=ui.summaryEdit.toPlainText().strip(),
            status=ui.statusCombo.currentData(), to_the_minute=True,
        )

    def save(self) -> None:
        try:
            call = self.call()
            phone.call_message(call, region=self.region)  # the number must read as one
        except phone.CallError as error:
            self._problem(error_sentence(error))
            (self.ui.whenEdit if isinstance(error, FutureCall) else self.ui.numberEdit).setFocus()
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
        if isinstance(error, StoreUnavailable):  # typed on the phone: kept here meanwhile
            self._problem(f"{error_sentence(error)} The call is not logged yet; it stays here"
                          " to log once the store answers again.")
            return
        if isinstance(error, (StoreError, phone.CallError)):
            self._problem(error_sentence(error))
            return
        self.jobs.failed.emit(error, "")


# Importing a call log
