"""The first run: a short welcome when the store is empty.

Three steps — the business and who works the inbox; brand and competitor terms
and the phone region; then "add your first channel" or "explore the demo" (a
separate demo store, so the shop's own store stays clean). What was typed is
saved in the store before the next step is offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from inbox_app.core.text import one_line
from inbox_app.core.watch import BRAND
from inbox_app.gui.forms.ui_welcome_dialog import Ui_WelcomeDialog
from inbox_app.gui.jobs import Jobs
from inbox_app.gui.regions import fill_region_combo, guess_region, split_terms, terms_problem
from inbox_app.gui.theme import repolish, show_message
from inbox_app.gui.widgets import FittedDialog
from inbox_app.store import Store, StoreError

CHANNEL, DEMO, LATER = "channel", "demo", "later"
# "Theo, Priya" on one line is two people, as a line each is.
NAME_BREAKS = re.compile(r"[\n,;]")
STEPS = ("STEP 1 OF 3 · YOUR BUSINESS", "STEP 2 OF 3 · LISTENING", "STEP 3 OF 3 · START")


def is_first_run(store: Store) -> bool:
    """Nothing stored yet: no messages, accounts, staff or business name."""
    return (store.latest_message_id() == 0 and not store.list_accounts()
            and not store.list_staff(include_inactive=True)
            and not (store.get_setting("business_name") or ""))


@dataclass(frozen=True)
class Setup:
    business_name: str
    me: str
    staff: list[str]
    brand_terms: list[str]
    competitor_terms: list[str]
    phone_region: str

    def save(self, store: Store) -> str:
        """Stores the answers in one transaction; returns who is using the app."""
        with store.transaction():
            store.set_setting("business_name", self.business_name, staff=self.me)
            store.set_setting("brand_terms", self.brand_terms, staff=self.me)
            store.set_setting("competitor_terms", self.competitor_terms, staff=self.me)
            store.set_setting("phone_region", self.phone_region, staff=self.me)
            known = {same_person(member.name): member.name
                     for member in store.list_staff(include_inactive=True)}
            for name in [self.me, *self.staff]:
                if same_person(name) not in known:
                    known[same_person(name)] = store.add_staff(name, staff=self.me).name
        return known[same_person(self.me)]  # as the list spells them, if they were on it


def same_person(name: str) -> str:
    """A name as the store compares staff: any case, any spacing ("maya  OKAFOR")."""
    return one_line(name).casefold()


class WelcomeDialog(FittedDialog):
    """Signals: finished_setup(choice, staff_name) with choice channel, demo or later."""

    finished_setup = Signal(str, str)

    def __init__(self, jobs: Jobs, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_WelcomeDialog()
        self.ui.setupUi(self)
        repolish(self)
        self.jobs = jobs
        self.saved_as: str | None = None
        self.choice = LATER
        self._suggested_brand = ""  # what the brand field was given: the business's name
        ui = self.ui
        # They repeat what was typed: "Sam <s.m@cafe.example>" is a name and an address,
        # not markup to hide ("Sam ,"), however the label would guess.
        for label in (ui.summaryLabel, ui.problemLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        fill_region_combo(ui.regionCombo, guess_region())
        ui.backButton.clicked.connect(lambda: self.go(ui.pages.currentIndex() - 1))
        ui.nextButton.clicked.connect(self.next_step)
        ui.channelButton.clicked.connect(lambda: self.finish(CHANNEL))
        ui.demoButton.clicked.connect(lambda: self.finish(DEMO))
        ui.laterButton.clicked.connect(lambda: self.finish(LATER))
        ui.businessEdit.textChanged.connect(lambda _t: self._problem(""))
        for field in (ui.meEdit, ui.brandEdit, ui.competitorEdit):
            field.textChanged.connect(lambda _t: self._problem(""))
        self.go(0)
        ui.businessEdit.setFocus()

    def go(self, page: int) -> None:
        ui = self.ui
        page = max(0, min(page, ui.pages.count() - 1))
        ui.pages.setCurrentIndex(page)
        ui.stepLabel.setText(STEPS[page])
        ui.backButton.setEnabled(page == 1)
        ui.backButton.setVisible(page < 2)
        ui.nextButton.setVisible(page < 2)
        ui.nextButton.setText("Save and continue" if page == 1 else "Next")
        typed = ui.brandEdit.text().strip()
        if page == 1 and (not typed or typed == self._suggested_brand):
            # The suggestion follows a business name corrected with Back; what the person
            # wrote there stays theirs.
            self._suggested_brand = ui.businessEdit.text().strip()
            ui.brandEdit.setText(self._suggested_brand)

    def setup(self) -> Setup:
        ui = self.ui
        me = one_line(ui.meEdit.text())
        others: dict[str, str] = {}  # one each, in any case: "Theo" and "theo" are one person
        for typed in NAME_BREAKS.split(ui.staffEdit.toPlainText()):
            name = one_line(typed)
            if name and same_person(name) != same_person(me):
                others.setdefault(same_person(name), name)
        return Setup(
            business_name=ui.businessEdit.text().strip(), me=me,
            staff=list(others.values()),
            brand_terms=self._brand_terms(),
            competitor_terms=split_terms(ui.competitorEdit.text()),
            phone_region=ui.regionCombo.currentData() or "US",
        )

    def _brand_terms(self) -> list[str]:
        """The terms in the brand field; the business's name suggested there and left so is
        one term, commas and all: "Smith, Jones & Sons" is no watch on every Smith."""
        typed = self.ui.brandEdit.text().strip()
        if typed and typed == self._suggested_brand:
            return [" ".join(typed.split())]
        return split_terms(typed)

    def next_step(self) -> None:
        ui = self.ui
        page = ui.pages.currentIndex()
        if page == 0:
            if not ui.businessEdit.text().strip():
                self._problem("What is the business called? Templates and reports use it.")
                ui.businessEdit.setFocus()
                return
            if not ui.meEdit.text().strip():
                self._problem("Your name, please: everything you do is recorded as yours.")
                ui.meEdit.setFocus()
                return
            self.go(1)
            ui.brandEdit.setFocus()
            return
        setup = self.setup()
        refused = terms_problem(setup.brand_terms, setup.competitor_terms)
        if refused is not None:  # as `watch add` refuses it; what was typed stays to correct
            side, sentence = refused
            self._problem(sentence)
            (ui.brandEdit if side == BRAND else ui.competitorEdit).setFocus()
            return
        ui.nextButton.setEnabled(False)
        self.jobs.run(setup.save, self._on_saved, self._on_failed)

    def _on_saved(self, me: str) -> None:
        self.saved_as = me
        self.ui.nextButton.setEnabled(True)
        if not self.isVisible():  # closed while saving: the answers are in all the same
            self.finished_setup.emit(LATER, me)
            return
        setup = self.setup()
        team = [setup.me, *setup.staff]
        watching = ", ".join(setup.brand_terms + setup.competitor_terms) or "nothing yet"
        self.ui.summaryLabel.setText(
            f"{setup.business_name} is set up for {', '.join(team)}. Watching for: {watching}."
            " All of it can be changed in Settings.")
        self.go(2)
        self.ui.channelButton.setFocus()

    def _on_failed(self, error: Exception) -> None:
        self.ui.nextButton.setEnabled(True)
        if not isinstance(error, StoreError):
            self.jobs.failed.emit(error, "")
            return
        self._problem(str(error))

    def finish(self, choice: str) -> None:
        self.choice = choice
        self.finished_setup.emit(choice, self.saved_as or "")
        self.accept()

    def reject(self) -> None:
        """Escape or the close button once the answers are saved is "neither for now": the
        window still learns who is working and shows the saved setup."""
        if self.saved_as is not None:
            self.finish(LATER)
            return
        super().reject()

    def _problem(self, text: str) -> None:
        show_message(self.ui.problemLabel, text)
