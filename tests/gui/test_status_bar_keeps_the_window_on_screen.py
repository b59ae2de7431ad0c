"""What the status bar says never widens the window: a poll whose account failed with a
long reason made a 1,024-pixel window 1,922 pixels wide (off a laptop's screen), and so
did a store in a deep folder. The line is cut with "…" and whole in its tooltip, and leaves
room for the messages the status bar shows on its left ("Closed #12", "Not sent: …")."""

from __future__ import annotations

from types import SimpleNamespace

from tests.gui.conftest import settle

REASON = ("imap.fastmail.com refused the password for hello@harbourlane.example: the app "
          "password may have been revoked; make a new one in Fastmail's settings under "
          "Privacy & Security and give it to the account with account secret")


def narrow(window, qtbot, width: int = 1024) -> None:
    window.resize(width, 700)
    qtbot.waitUntil(lambda: window.width() == width)


def test_a_long_poll_failure_leaves_the_window_its_width(window, qtbot):
    narrow(window, qtbot)
    window._on_poll_finished([SimpleNamespace(new=3, error=None, account="Reviews"),
                              SimpleNamespace(new=0, error=REASON, account="Shop mail")])
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() == 1024
    label = window.poll_label
    assert REASON in label.text() and REASON in label.toolTip()
    assert label.geometry().right() <= window.store_label.geometry().left()
    # What was just done or went wrong still has room on the left, and the store its place.
    bar = window.statusBar()
    assert label.geometry().left() >= bar.width() // 3
    assert window.store_label.width() >= window.store_label.fontMetrics().averageCharWidth() * 12
    window._on_poll_failed(REASON)
    qtbot.wait(50)
    assert window.width() == 1024 and window.minimumSizeHint().width() <= 1024
    settle(qtbot, window)


def test_a_store_in_a_deep_folder_leaves_the_window_its_width(window, qtbot):
    narrow(window, qtbot)
    window.location = "/home/owner/" + "/".join(["Shared drive (Harbour Lane Coffee)"] * 8)
    window._show_location()
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() == 1024
    assert window.store_label.toolTip().endswith(window.location)
    assert window.store_label.geometry().right() <= window.statusBar().width()
