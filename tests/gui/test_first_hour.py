"""A new shop owner's first hour: the first start, the demo shop, the welcome, Settings,
the window's place on the screen and the size of its text."""

from __future__ import annotations

import gc
import shutil
import sys
from argparse import Namespace
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from inbox_app.gui import app as gui_app
from inbox_app.gui import theme
from inbox_app.gui.dialogs import StaffDialog
from inbox_app.gui.settings_dialog import SettingsDialog
from inbox_app.gui.welcome import WelcomeDialog
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.gui.test_first_run_and_settings import open_welcome

# A window's geometry as Qt saved it on a 3400 px wide desktop (two monitors side by side):
# 1300×700 at x=100. Qt will not restore it on another screen layout.
GEOMETRY_FROM_TWO_MONITORS = QByteArray.fromHex(
    b"01d9d0cb00030000000000640000003200000577000002ed000000640000003200000577000002ed"
    b"00000000000000000d48000000640000003200000577000002ed")


def window_args(location: str, **overrides) -> Namespace:
    values = dict(db=location, demo=False, as_staff=None, screenshot=None, theme="light")
    values.update(overrides)
    return Namespace(**values)


def run_window_until(qtbot, monkeypatch, settings, args, done):
    """Runs gui.app.open_window as `inbox-app` does, with its event loop replaced by one
    that runs until `done(window)` holds; every dialog that opened meanwhile is returned
    (a modal "Who are you?" is answered with Cancel, as it would block the test)."""
    from inbox_app.gui.main_window import MainWindow

    opened: list[str] = []
    made: list[MainWindow] = []
    original_init = MainWindow.__init__

    def remember(self, *a, **k):
        original_init(self, *a, **k)
        made.append(self)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible():
                continue
            name = type(widget).__name__
            if name not in opened:
                opened.append(name)
            if isinstance(widget, StaffDialog):
                widget.reject()

    def event_loop(*_a) -> int:
        timer = QTimer(interval=20)
        timer.timeout.connect(look)
        timer.start()
        qtbot.waitUntil(lambda: bool(made) and done(made[0]), timeout=30000)
        look()
        settle(qtbot, made[0])
        timer.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, WelcomeDialog) and widget.isVisible():
                widget.done(0)
        return 0

    monkeypatch.setattr(MainWindow, "__init__", remember)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    switch_interval, thresholds = sys.getswitchinterval(), gc.get_threshold()
    try:
        code = gui_app.open_window(QApplication.instance(), args, settings, headless=False,
                                   guard=None)
    finally:  # what open_window sets for the app's whole life, put back for other tests
        sys.setswitchinterval(switch_interval)
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        gc.enable()
    return code, opened, made[0]


def test_a_first_start_asks_who_you_are_once_in_the_welcome(
        qtbot, monkeypatch, settings, empty_location):
    """It asked twice: "Who are you?" opened beside the welcome (which asks the name too)
    and was still there once the welcome had been answered."""
    code, opened, _window = run_window_until(
        qtbot, monkeypatch, settings, window_args(empty_location),
        lambda window: isinstance(window.last_dialog, WelcomeDialog))
    assert code == 0
    assert "WelcomeDialog" in opened
    assert "StaffDialog" not in opened


def test_a_store_with_staff_still_asks_who_you_are(qtbot, monkeypatch, settings, demo_location):
    code, opened, _window = run_window_until(
        qtbot, monkeypatch, settings, window_args(demo_location),
        lambda window: window.queue_model.total > 0)
    assert "StaffDialog" in opened and "WelcomeDialog" not in opened


def test_the_demo_says_it_is_one_and_leaves_who_you_are_alone(
        qtbot, monkeypatch, settings, demo_template, tmp_path):
    """`./scripts/run` opened the demo as "Inbox — demo.db" with a temporary path in the
    status bar, and remembered the demo's Maya Okafor as who works at this computer: the
    person's own store then asked "Who are you?" again. Each start left its store in /tmp."""
    folder = tmp_path / "inbox-app-demo-x1"

    def made_demo() -> str:
        folder.mkdir()
        shutil.copy(demo_template, folder / "demo.db")
        return str(folder / "demo.db")

    monkeypatch.setattr("inbox_app.demo.create_store", made_demo)
    backed_up = []
    monkeypatch.setattr("inbox_app.backup.backup_if_due", lambda store: backed_up.append(1))
    settings.setValue("staff", "Jo Park")
    seen = {}

    def switched_staff(window) -> bool:
        if window.queue_model.total == 0:
            return False
        seen["title"] = window.windowTitle()
        seen["label"] = window.store_label.text()
        seen["status"] = window.statusBar().currentMessage()
        window.set_staff("Theo Brandt")
        return True

    code, _opened, window = run_window_until(
        qtbot, monkeypatch, settings, window_args(None, demo=True), switched_staff)
    assert code == 0
    assert seen["title"] == "Inbox — demo shop"
    assert seen["label"].startswith("Demo shop")
    assert "without --demo" in seen["status"]
    assert window.demo
    assert settings.value("staff") == "Jo Park"
    assert not folder.exists()
    assert backed_up == []  # "Today's backup is in /tmp/inbox-app-demo-…/backups"


def test_unknown_as_names_the_staff_list_not_a_broken_store(
        qtbot, monkeypatch, settings, demo_location):
    boxes = []
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind,
                            lambda _parent, title, text, kind=kind: boxes.append((title, text)))
    assert gui_app.open_for_window(window_args(demo_location, as_staff="Nobody"), settings,
                                   headless=False) is None
    [(title, text)] = boxes
    assert title == "Not on the staff list"
    assert "Nobody" in text and "without --as" in text


# The welcome




def answer_first_two_steps(dialog: WelcomeDialog, qtbot, staff: str = "") -> None:
    ui = dialog.ui
    ui.businessEdit.setText("Harbour Lane Coffee")
    ui.meEdit.setText("Maya Okafor")
    ui.staffEdit.setPlainText(staff)
    ui.nextButton.click()
    ui.nextButton.click()
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.nextPage)


def test_closing_the_welcome_after_its_answers_are_saved_keeps_who_you_are(
        make_window, empty_location, qtbot, settings):
    """Escape on the last step closed it without telling the window: the answers were in
    the store, but the window still asked "Who are you?" and showed no staff."""
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    answer_first_two_steps(dialog, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.staff == "Maya Okafor"
    assert settings.value("staff") == "Maya Okafor"
    settle(qtbot, window)
    assert window.staff_names == ["Maya Okafor"]


def test_closing_the_welcome_before_saving_saves_nothing(make_window, empty_location, qtbot):
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    dialog.ui.businessEdit.setText("Harbour Lane Coffee")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and window.staff is None
    store = open_store(empty_location)
    try:
        assert not store.list_staff() and not store.get_setting("business_name")
    finally:
        store.close()


def test_a_colleague_typed_twice_in_another_case_is_one_person(
        make_window, empty_location, qtbot):
    window, dialog = open_welcome(make_window, empty_location, qtbot)
    answer_first_two_steps(dialog, qtbot, staff="Theo Brandt\ntheo brandt\nTHEO BRANDT\n")
    assert "set up for Maya Okafor, Theo Brandt." in dialog.ui.summaryLabel.text()
    dialog.ui.laterButton.click()
    store = open_store(empty_location)
    try:
        assert [m.name for m in store.list_staff()] == ["Maya Okafor", "Theo Brandt"]
    finally:
        store.close()


# Settings


def test_saving_settings_keeps_a_thirty_second_interval(window, qtbot, demo_store):
    """30 s (`inbox-app settings poll_interval 30`) shows as 1 min; saving the dialog for
    anything else made it 60 s, and moved every account on 30 s along with it."""
    demo_store.set_setting("poll_interval", 30)
    window.ui.actionSettings.trigger()
    dialog: SettingsDialog = window.last_dialog
    qtbot.waitUntil(lambda: dialog.loaded is not None)
    assert dialog.ui.intervalSpin.value() == 1
    dialog.ui.businessEdit.setText("Harbour Lane Roasters")
    with qtbot.waitSignal(dialog.saved, timeout=15000):
        dialog.save_button.click()
    assert demo_store.get_setting("poll_interval") == 30
    assert demo_store.get_setting("business_name") == "Harbour Lane Roasters"


# The window's place on the screen


def test_a_window_last_on_a_monitor_that_is_gone_opens_sized_for_this_screen(
        make_window, settings, monkeypatch, qtbot):
    """Qt refuses a geometry saved on another screen layout; the window then kept its
    form's 1440×900, past the edges of a 1366×768 laptop."""
    settings.setValue("window/geometry", GEOMETRY_FROM_TWO_MONITORS)
    laptop = QSize(1300, 700)  # what default_size gives on a laptop's screen
    monkeypatch.setattr("inbox_app.gui.window_state.default_size", lambda _window: laptop)
    window = make_window()
    assert window.size() == laptop


# Larger text


@pytest.fixture
def larger_text(qapp):
    """This desktop's text at 15 pt (accessibility settings, a 4K screen at 100 %)."""
    before = qapp.font()
    qapp.setFont(QFont(before.family(), 15))
    yield qapp
    qapp.setFont(before)
    theme.apply(qapp, "light")


def test_headings_and_hints_grow_with_a_larger_system_font(larger_text, qtbot):
    """The stylesheet's sizes were fixed pixels: at 15 pt the welcome's heading (20px)
    was smaller than the text under it, its big buttons' 14px too, and hints stayed 11px."""
    from inbox_app.gui.jobs import Jobs

    theme.apply(larger_text, "light")
    dialog = WelcomeDialog(Jobs(":memory:"))
    qtbot.addWidget(dialog)
    dialog.show()
    body = QLabel("text", dialog).fontInfo().pixelSize()
    headings = [label for label in dialog.findChildren(QLabel)
                if label.property("role") == "pageTitle" and label.text()]
    assert headings
    for heading in headings:
        assert heading.fontInfo().pixelSize() > body
    assert dialog.ui.channelButton.fontInfo().pixelSize() >= body


def test_the_design_size_is_unchanged_at_ten_points():
    assert theme.scaled_font_sizes("QLabel { font-size: 16px; }", 10) == \
        "QLabel { font-size: 12.00pt; }"
    assert theme.scaled_font_sizes("QLabel { font-size: 16px; }", 9) == \
        "QLabel { font-size: 12.00pt; }"
    assert theme.scaled_font_sizes("QLabel { font-size: 16px; }", 15) == \
        "QLabel { font-size: 18.00pt; }"


def test_a_larger_system_font_is_kept(larger_text):
    """The window set 10 pt whatever the desktop's size, when one of its fonts was there."""
    gui_app.choose_font(larger_text)
    assert larger_text.font().pointSizeF() >= 15


def test_demo_folders_only_are_removed(tmp_path):
    kept = tmp_path / "shop"
    kept.mkdir()
    (kept / "inbox.db").write_text("x")
    gui_app.forget_demo(str(kept / "inbox.db"))
    assert kept.exists()
    demo = tmp_path / "inbox-app-demo-abc"
    demo.mkdir()
    (demo / "demo.db").write_text("x")
    gui_app.forget_demo(str(demo / "demo.db"))
    assert not demo.exists()
    assert Path(tmp_path).exists()


# Starting a second copy


def test_a_second_start_as_a_first_name_switches_the_open_window(make_window):
    """`--as Priya` names Priya Raman everywhere else (a first name only she has); the open
    window said she was not on the staff list."""
    from inbox_app.gui.single_window import bring_forward

    window = make_window()
    bring_forward(window, "priya")
    assert window.staff == "Priya Raman"
    assert window.statusBar().currentMessage() == "Now working as Priya Raman."


def test_the_demo_tried_from_the_welcome_leaves_no_folder_behind(
        qtbot, monkeypatch, settings, demo_template, demo_location, tmp_path):
    """"Try the demo" switches the window to a demo store in a temporary folder; only a
    `--demo` start's folder was removed when the window closed, so every try left one."""
    folder = tmp_path / "inbox-app-demo-x2"

    def made_demo() -> str:
        folder.mkdir()
        shutil.copy(demo_template, folder / "demo.db")
        return str(folder / "demo.db")

    monkeypatch.setattr("inbox_app.demo.create_store", made_demo)
    asked = []

    def tried_the_demo(window) -> bool:
        if not asked:
            asked.append(1)
            window.open_demo()  # as the welcome's "Try the demo" does
        return window.demo and window.queue_model.total > 0

    code, _opened, window = run_window_until(
        qtbot, monkeypatch, settings, window_args(demo_location), tried_the_demo)
    assert code == 0 and window.location == str(folder / "demo.db")
    assert not folder.exists()
    assert Path(demo_location).exists()  # the shop's own store stays, of course
