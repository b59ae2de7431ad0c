"""The welcome's "who else works the inbox", typed as people type it: a name repeated with
other spacing or case is one person (before, "maya  okafor" under "Maya Okafor" made the
store refuse the whole welcome with "There is already a staff member called Maya
Okafor"), and names written on one line with commas are several people, not one person
called "Theo Brandt, Priya Raman"."""

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


def answer(welcome, qtbot, me: str, others: str) -> None:
    ui = welcome.ui
    ui.businessEdit.setText("Harbour Lane Coffee")
    ui.meEdit.setText(me)
    ui.staffEdit.setPlainText(others)
    ui.nextButton.click()
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage
                    or bool(ui.problemLabel.text()), timeout=10000)
    assert ui.problemLabel.text() == ""


def test_a_name_typed_again_with_other_spacing_is_one_person(welcome, qtbot, store):
    answer(welcome, qtbot, "Maya Okafor", "maya  okafor\nTheo Brandt\n  THEO   brandt ")
    assert [m.name for m in store.list_staff()] == ["Maya Okafor", "Theo Brandt"]
    assert welcome.saved_as == "Maya Okafor"
    assert "set up for Maya Okafor, Theo Brandt." in welcome.ui.summaryLabel.text()


def test_names_on_one_line_with_commas_are_several_people(welcome, qtbot, store):
    answer(welcome, qtbot, "Maya Okafor", "Theo Brandt, Priya Raman; Jo Park\n")
    assert [m.name for m in store.list_staff()] == ["Jo Park", "Maya Okafor", "Priya Raman",
                                                   "Theo Brandt"]
