"""The first-run welcome on an empty store, and the settings dialog."""

from __future__ import annotations

import pytest

from inbox_app.gui.settings_dialog import SettingsDialog
from inbox_app.gui.welcome import WelcomeDialog
from inbox_app.store import open_store
from tests.gui.conftest import settle


@pytest.fixture
def empty_location(tmp_path):
    location = str(tmp_path / "empty.db")
    open_store(location).close()
    return location


def open_welcome(make_window, empty_location, qtbot):
    from inbox_app.gui.main_window import MainWindow

    shown = []
    original = MainWindow.show_welcome

    def spy(self):
        original(self)
        shown.append(self.last_dialog)

    MainWindow.show_welcome = spy
    try:
        window = make_window(empty_location, staff=None)
        qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    finally:
        MainWindow.show_welcome = original
    dialog: WelcomeDialog = shown[0]
    assert dialog.isVisible()
    return window, dialog


def test_the_welcome_saves_the_business_and_offers_the_next_step(
        make_window, empty_location, qtbot):
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    ui = dialog.ui
    assert ui.stepLabel.text().startswith("STEP 1 OF 3")
    ui.nextButton.click()
    assert ui.problemLabel.text().startswith("What is the business called?")
    qtbot.keyClicks(ui.businessEdit, "Harbour Lane Coffee")
    ui.nextButton.click()
    assert ui.problemLabel.text().startswith("Your name, please")
    qtbot.keyClicks(ui.meEdit, "Maya Okafor")
    ui.staffEdit.setPlainText("Theo Brandt\nPriya Raman\nmaya okafor\n")
    ui.nextButton.click()
    assert ui.pages.currentWidget() is ui.watchPage
    assert ui.brandEdit.text() == "Harbour Lane Coffee"
    ui.brandEdit.setText("Harbour Lane, @harbourlane")
    ui.competitorEdit.setText("Dockside Roasters, BeanBox, dockside roasters")
    ui.regionCombo.setCurrentIndex(ui.regionCombo.findData("GB"))
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    assert "Harbour Lane Coffee is set up for Maya Okafor, Theo Brandt, Priya Raman" in \
        ui.summaryLabel.text()
    with qtbot.waitSignal(dialog.finished_setup) as finished:
        ui.laterButton.click()
    assert finished.args == ["later", "Maya Okafor"]
    assert window.staff == "Maya Okafor"
    store = open_store(empty_location)
    try:
        assert store.get_setting("business_name") == "Harbour Lane Coffee"
        assert store.get_setting("brand_terms") == ["Harbour Lane", "@harbourlane"]
        assert store.get_setting("competitor_terms") == ["Dockside Roasters", "BeanBox"]
        assert store.phone_region() == "GB"
        assert [m.name for m in store.list_staff()] == ["Maya Okafor", "Priya Raman",
                                                       "Theo Brandt"]
    finally:
        store.close()


def test_add_your_first_channel_opens_the_accounts(make_window, empty_location, qtbot):
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    ui = dialog.ui
    ui.businessEdit.setText("Shop")
    ui.meEdit.setText("Sam")
    ui.nextButton.click()
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    ui.channelButton.click()
    from inbox_app.gui.accounts_dialog import AccountsDialog

    qtbot.waitUntil(lambda: isinstance(window.last_dialog, AccountsDialog))
    assert window.last_dialog.ui.pages.currentWidget() is window.last_dialog.ui.emptyPage


@pytest.mark.slow
def test_explore_the_demo_switches_to_a_separate_store(make_window, empty_location, qtbot):
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    ui = dialog.ui
    ui.businessEdit.setText("Shop")
    ui.meEdit.setText("Sam")
    ui.nextButton.click()
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)
    with qtbot.waitSignal(window.store_switched, timeout=60000):
        ui.demoButton.click()
    settle(qtbot, window)
    assert window.location != empty_location and window.demo
    assert window.queue_model.total > 0
    demo_copy = open_store(window.location)
    try:
        assert demo_copy.stats()["messages"] > 1000
    finally:
        demo_copy.close()
    store = open_store(empty_location)
    try:
        assert store.stats()["messages"] == 0 and store.get_setting("business_name") == "Shop"
    finally:
        store.close()


def test_a_store_with_data_shows_no_welcome(window):
    assert not isinstance(window.last_dialog, WelcomeDialog)


def test_settings_change_the_business_staff_and_polling(window, qtbot, demo_store, tmp_path):
    window.ui.actionSettings.trigger()
    dialog: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    ui = dialog.ui
    assert ui.businessEdit.text() == demo_store.get_setting("business_name")
    ui.businessEdit.setText("")
    dialog.save_button.click()
    assert ui.problemLabel.text().startswith("The business name cannot be empty")
    ui.businessEdit.setText("Harbour Lane Roasters")
    ui.competitorEdit.setText("Dockside Roasters, Hilltop Beans")
    ui.intervalSpin.setValue(10)
    ui.newStaffEdit.setText("Jo Park")
    ui.addStaffButton.click()
    ui.newStaffEdit.setText("jo park")
    ui.addStaffButton.click()
    assert ui.problemLabel.text() == "jo park is already on the list."
    theo = next(ui.staffList.item(i) for i in range(ui.staffList.count())
                if ui.staffList.item(i).text() == "Theo Brandt")
    theo.setCheckState(theo.checkState().Unchecked)
    ui.negativeCheck.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert demo_store.get_setting("business_name") == "Harbour Lane Roasters"
    assert demo_store.get_setting("competitor_terms") == ["Dockside Roasters", "Hilltop Beans"]
    assert demo_store.get_setting("poll_interval") == 600
    names = {m.name: m.active for m in demo_store.list_staff(include_inactive=True)}
    assert names["Jo Park"] and not names["Theo Brandt"]
    assert not window.notifier.enabled("negative")
    settle(qtbot, window)
    assert window.business_name == "Harbour Lane Roasters"


def test_back_up_now_writes_a_copy_beside_the_store(window, qtbot, demo_location):
    window.ui.actionSettings.trigger()
    dialog: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    dialog.ui.backupButton.click()
    qtbot.waitUntil(lambda: dialog.ui.backupLabel.text().startswith("Backed up to "),
                    timeout=10000)
    made = dialog.ui.backupLabel.text().removeprefix("Backed up to ")
    copy = open_store(made)
    try:
        assert copy.stats()["messages"] > 0
    finally:
        copy.close()
    assert dialog.loaded.folder in made
