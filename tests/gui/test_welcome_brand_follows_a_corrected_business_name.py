"""The welcome's brand terms start as the business's name; going Back to correct a typo in
that name corrects the suggestion too, while brand terms the person wrote stay theirs."""

from __future__ import annotations

import pytest

from inbox_app.gui.jobs import Jobs
from inbox_app.gui.welcome import WelcomeDialog


@pytest.fixture
def welcome(qtbot, store, db_path):
    jobs = Jobs(str(db_path))
    dialog = WelcomeDialog(jobs)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    jobs.wait()


def _to_the_second_step(welcome, business: str) -> None:
    ui = welcome.ui
    ui.businessEdit.setText(business)
    ui.meEdit.setText("Maya Okafor")
    ui.nextButton.click()
    assert ui.pages.currentWidget() is ui.watchPage


def test_a_corrected_business_name_corrects_the_suggested_brand_term(welcome, qtbot, store):
    ui = welcome.ui
    _to_the_second_step(welcome, "Harbour Lnae Coffee")
    assert ui.brandEdit.text() == "Harbour Lnae Coffee"
    ui.backButton.click()
    _to_the_second_step(welcome, "Harbour Lane Coffee")
    assert ui.brandEdit.text() == "Harbour Lane Coffee"
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage, timeout=10000)
    assert store.get_setting("brand_terms") == ["Harbour Lane Coffee"]


def test_brand_terms_the_person_wrote_stay_when_the_name_changes(welcome, qtbot):
    ui = welcome.ui
    _to_the_second_step(welcome, "Harbour Lane")
    ui.brandEdit.setText("Harbour Lane, @harbourlane")
    ui.backButton.click()
    _to_the_second_step(welcome, "Harbour Lane Coffee")
    assert ui.brandEdit.text() == "Harbour Lane, @harbourlane"
