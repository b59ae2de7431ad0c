"""The window started on a store that is not there (`--db /media/usb/shop.db` with the disk
unplugged, a network folder not mounted): it asks, rather than make an empty store in the
disk's place and greet the owner with the first-run welcome as if their inbox were gone."""

from __future__ import annotations

from pathlib import Path

from inbox_app.gui.app import NEW_STORE_TEXT, open_for_window
from inbox_app.gui.recovery import QUIT_TEXT
from inbox_app.store import open_store
from tests.gui.test_recovery import answer_the_box, window_args


def test_a_store_on_a_disk_that_is_not_there_is_not_made_anew(qtbot, tmp_path, settings):
    missing = tmp_path / "media" / "usb" / "shop.db"
    seen: list[str] = []
    answer_the_box(qtbot, QUIT_TEXT, seen)
    assert open_for_window(window_args(str(missing)), settings, headless=False) is None
    assert seen and f"There is no store at {missing}" in seen[0]
    assert "no such button" not in "".join(seen)
    assert not (tmp_path / "media").exists()


def test_a_new_store_is_made_there_when_the_owner_says_so(qtbot, tmp_path, settings):
    wanted = tmp_path / "new shop" / "inbox.db"
    seen: list[str] = []
    answer_the_box(qtbot, NEW_STORE_TEXT, seen)
    opened = open_for_window(window_args(str(wanted)), settings, headless=False)
    assert opened == (str(wanted), None)
    assert seen and wanted.is_file() and "no such button" not in "".join(seen)


def test_a_screenshot_of_a_store_that_is_not_there_is_refused(tmp_path, settings, capsys):
    missing = tmp_path / "gone.db"
    assert open_for_window(window_args(str(missing)), settings, headless=True) is None
    assert f"There is no store at {missing}." in capsys.readouterr().err
    assert not missing.exists()


def test_the_store_in_the_data_folder_is_made_without_a_question(tmp_path, settings):
    """The first start on a computer: the data folder's store is the app's to make."""
    opened = open_for_window(window_args(None), settings, headless=True)
    assert opened is not None and Path(opened[0]).is_file()
    open_store(opened[0]).close()
