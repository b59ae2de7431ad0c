"""One window per store: a second start brings the open window forward, real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from inbox_app.gui.single_window import (
    Claim,
    SingleWindow,
    bring_forward,
    claim_the_window,
    store_key,
)
from inbox_app.store import data_dir, open_store

ROOT = Path(__file__).resolve().parents[2]
STAFF = "Maya Okafor"
LISTENING = "brings this window forward"
FORWARDED = "the window comes forward"


def make_store(location: Path) -> Path:
    store = open_store(location)
    store.add_staff(STAFF)
    store.close()
    return location


@pytest.fixture
def store_file(tmp_path) -> Path:
    return make_store(tmp_path / "shop.db")


def start_window(location: Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "inbox_app", "--db", str(location), "--as", STAFF],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_app(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "inbox_app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def log_lines(text: str) -> list[str]:
    log = data_dir() / "inbox-app.log"
    return [line for line in log.read_text().splitlines() if text in line] if log.exists() else []


def wait_for_log(text: str, count: int, window: subprocess.Popen, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while len(log_lines(text)) < count:
        assert window.poll() is None, window.communicate()[1][-3000:]
        assert time.monotonic() < deadline, f"no {count} x {text!r} in the log"
        time.sleep(0.1)


def stop(*windows: subprocess.Popen) -> None:
    for window in windows:
        if window.poll() is None:
            window.kill()
        window.communicate(timeout=30)


def test_a_second_start_brings_the_open_window_forward_and_opens_none(store_file, tmp_path):
    first = start_window(store_file)
    other_store = make_store(tmp_path / "other.db")
    try:
        wait_for_log(LISTENING, 1, first)
        again = run_app("--db", str(store_file))
        assert again.returncode == 0, again.stderr
        assert "already open on this store" in again.stdout
        assert len(log_lines(FORWARDED)) == 1 and str(store_file) in log_lines(FORWARDED)[0]
        assert first.poll() is None
        # a screenshot and commands still work beside the open window
        shot = run_app("--db", str(store_file), "--screenshot", str(tmp_path / "shot.png"))
        assert shot.returncode == 0, shot.stderr
        assert run_app("--db", str(store_file), "stats", "--json").returncode == 0
        # another store opens its own window
        second = start_window(other_store)
        try:
            wait_for_log(LISTENING, 2, second)
            assert second.poll() is None and len(log_lines(FORWARDED)) == 1
        finally:
            stop(second)
    finally:
        stop(first)


def test_a_window_killed_leaves_nothing_in_the_way(store_file):
    first = start_window(store_file)
    wait_for_log(LISTENING, 1, first)
    first.send_signal(signal.SIGKILL)
    stop(first)
    assert (data_dir() / f"window-{store_key(str(store_file))}.lock").exists()  # left behind
    after = start_window(store_file)
    try:
        wait_for_log(LISTENING, 2, after)
        again = run_app("--db", str(store_file))
        assert again.returncode == 0 and "already open" in again.stdout, again.stderr
        assert after.poll() is None
    finally:
        stop(after)


@pytest.mark.parametrize("choice", ["Open a second window", "Cancel"])
def test_a_window_that_does_not_answer_is_named_and_the_person_chooses(store_file, qapp,
                                                                      monkeypatch, choice):
    first = start_window(store_file)
    shown: list[str] = []

    def choose(box) -> int:
        shown.append(box.text())
        next(button for button in box.buttons() if button.text() == choice).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose)
    try:
        wait_for_log(LISTENING, 1, first)
        first.send_signal(signal.SIGSTOP)
        outcome = claim_the_window(str(store_file))
        assert shown and f"process {first.pid}" in shown[0] and "does not answer" in shown[0]
        if choice == "Cancel":
            assert outcome == 1
        else:
            assert isinstance(outcome, SingleWindow) and outcome.lock is None
    finally:
        first.send_signal(signal.SIGCONT)
        stop(first)


def test_the_first_start_holds_the_store_until_it_lets_go(store_file, qapp):
    first = SingleWindow(str(store_file))
    assert first.claim() == Claim.FIRST
    first.release()
    again = SingleWindow(str(store_file))
    assert again.claim() == Claim.FIRST
    again.release()


def test_a_store_has_one_name_however_it_is_written(store_file, monkeypatch):
    monkeypatch.chdir(store_file.parent)
    assert store_key("shop.db") == store_key(str(store_file))
    assert store_key("other.db") != store_key(str(store_file))
    secret = "postgresql://inbox:hunter2@shop-pc:5432/inbox"
    assert "hunter2" not in store_key(secret) and store_key(secret) != store_key(
        "postgresql://inbox:other@shop-pc:5432/inbox")


def test_a_folder_that_cannot_hold_the_lock_still_opens(store_file, tmp_path, qapp):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    guard = SingleWindow(str(store_file), folder=blocked / "locks")
    assert guard.claim() == Claim.UNGUARDED


def test_a_minimized_window_comes_back_when_brought_forward(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    assert window.isMinimized()
    bring_forward(window)
    assert window.isVisible() and not window.isMinimized()


def test_a_second_start_as_someone_else_switches_the_open_window(store_file):
    store = open_store(store_file)
    store.add_staff("Theo Park")
    store.close()
    first = start_window(store_file)
    try:
        wait_for_log(LISTENING, 1, first)
        again = run_app("--db", str(store_file), "--as", "theo  park")
        assert again.returncode == 0 and "already open" in again.stdout, again.stderr
        wait_for_log("Started again as Theo Park: the window now works as them", 1, first)
    finally:
        stop(first)


def test_the_window_works_as_who_a_second_start_names(make_window):
    window = make_window()
    assert window.staff == "Maya Okafor"
    bring_forward(window, "theo brandt")
    assert window.staff == "Theo Brandt"
    assert window.statusBar().currentMessage() == "Now working as Theo Brandt."
    assert window.state.remembered_staff() == "Theo Brandt"
    bring_forward(window, "Nobody Here")
    assert window.staff == "Theo Brandt"
    assert window.statusBar().currentMessage() == (
        "Started again as Nobody Here, who is not on the staff list; still working as"
        " Theo Brandt.")
