"""Finding text in the open conversation (Ctrl+F): a shop owner reading a long order
dispute looks for the refund, the order number, the courier's name. The thread had no
way to search within it; `/` searched the whole queue instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from inbox_app.gui import thread_find
from inbox_app.gui.theme import colors
from inbox_app.gui.thread_find import MATCH_LIMIT, NO_MATCHES, find_pattern, folded
from inbox_app.store import open_store
from tests.gui.conftest import settle
from tests.store.helpers import msg

ANN = {"email": "ann@example.org", "author": "Ann Lee"}
START = 1_780_000_000


def dispute_texts() -> list[str]:
    """Thirty messages about order HL-20417; "refund" in messages 3, 11, 19 and 27."""
    texts = []
    for number in range(30):
        text = f"Message {number} about order HL-20417 and the parcel that never came."
        if number % 8 == 3:
            text += " I would like a Refund, please."
        texts.append(text)
    texts[5] += " The Café on Hauptstraße signed for it, they don’t know where it went."
    return texts


@pytest.fixture
def dispute(tmp_path) -> str:
    path = tmp_path / "dispute.db"
    store = open_store(path)
    store.add_staff("Maya Okafor")
    store.save_messages(
        [msg(f"d{n}", text, thread="dispute", at=START + n * 3600, **ANN)
         for n, text in enumerate(dispute_texts())]
        + [msg("other", "Do you sell gift cards? A refund would not be needed.",
               email="bo@example.org", author="Bo Berg", thread="other", at=START - 86_400)])
    store.close()
    return str(path)


@pytest.fixture
def reading(make_window, dispute, qtbot):
    """The window on the dispute, its thread focused as after a click into it."""
    window = make_window(dispute)
    window.open_conversation(conversation_of(dispute, "dispute"))
    settle(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert "HL-20417" in window.conversation.ui.threadBrowser.toPlainText()
    window.conversation.ui.threadBrowser.setFocus()
    return window


def conversation_of(location: str, thread: str) -> int:
    store = open_store(location)
    try:
        return store.conversation_ids_for_threads([thread])[thread]
    finally:
        store.close()


def finder(window):
    return window.conversation.find


def find(window, qtbot, text: str) -> None:
    """Ctrl+F, then `text` typed into the bar."""
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = finder(window).bar.field
    assert field.hasFocus()
    qtbot.keyClicks(field, text)
    qtbot.waitUntil(lambda: not finder(window).searching)


def highlighted(window) -> list[str]:
    return [selection.cursor.selectedText()
            for selection in window.conversation.ui.threadBrowser.extraSelections()]


def current_colour(window) -> QColor:
    selections = window.conversation.ui.threadBrowser.extraSelections()
    return QColor(selections[finder(window).current].format.background().color())


def match_in_view(window) -> bool:
    from PySide6.QtGui import QTextCursor

    browser = window.conversation.ui.threadBrowser
    start, _end = finder(window).matches[finder(window).current]
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start)
    place = browser.cursorRect(cursor)
    return place.top() >= 0 and place.bottom() <= browser.viewport().height()


def test_ctrl_f_in_the_thread_finds_every_match_and_counts_them(reading, qtbot):
    find(reading, qtbot, "refund")

    assert finder(reading).bar.isVisible()
    assert highlighted(reading) == ["Refund"] * 4
    assert finder(reading).bar.count.text().endswith(" of 4")


def test_the_current_match_stands_out_from_the_others(reading, qtbot):
    find(reading, qtbot, "refund")

    browser = reading.conversation.ui.threadBrowser
    backgrounds = [s.format.background().color() for s in browser.extraSelections()]
    current = finder(reading).current
    assert backgrounds[current] == QColor(colors()["accent"])
    assert all(colour != backgrounds[current]
               for number, colour in enumerate(backgrounds) if number != current)


def test_enter_and_f3_go_on_shift_goes_back_round_the_ends(reading, qtbot):
    find(reading, qtbot, "refund")
    field = finder(reading).bar.field
    finder(reading).current = 0
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert finder(reading).bar.count.text() == "2 of 4"
    qtbot.keyClick(field, Qt.Key.Key_F3)
    assert finder(reading).bar.count.text() == "3 of 4"
    qtbot.keyClick(field, Qt.Key.Key_F3)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert finder(reading).bar.count.text() == "1 of 4"
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert finder(reading).bar.count.text() == "4 of 4"
    qtbot.keyClick(field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert finder(reading).bar.count.text() == "3 of 4"


def test_the_match_gone_to_is_brought_into_view(reading, qtbot):
    find(reading, qtbot, "message 0 ")  # the first message; the thread opens at its latest

    assert match_in_view(reading)


@pytest.mark.parametrize(("typed", "shown"), [
    ("CAFE", "Café"), ("hauptstrasse", "Hauptstraße"), ("don't", "don’t"),
    ("hl-20417", "HL-20417")])
def test_case_accents_and_curly_apostrophes_do_not_count(reading, qtbot, typed, shown):
    find(reading, qtbot, typed)

    assert set(highlighted(reading)) == {shown}


def test_nothing_found_says_so(reading, qtbot):
    find(reading, qtbot, "voucher")

    assert finder(reading).bar.count.text() == NO_MATCHES
    assert highlighted(reading) == []
    assert not finder(reading).bar.next.isEnabled()


def test_escape_closes_and_hands_the_focus_back(reading, qtbot):
    browser = reading.conversation.ui.threadBrowser
    find(reading, qtbot, "refund")

    qtbot.keyClick(finder(reading).bar.field, Qt.Key.Key_Escape)

    assert not finder(reading).bar.isVisible()
    assert highlighted(reading) == []
    assert browser.hasFocus()


def test_ctrl_f_from_the_queue_finds_in_the_conversation_shown_and_escape_goes_back(
        reading, qtbot):
    """Reading with J and K leaves the focus in the queue; `/` stays the queue's search."""
    reading.ui.queueView.setFocus()
    find(reading, qtbot, "refund")
    assert len(highlighted(reading)) == 4

    qtbot.keyClick(finder(reading).bar.field, Qt.Key.Key_Escape)
    assert reading.ui.queueView.hasFocus()

    qtbot.keyClick(reading.ui.queueView, Qt.Key.Key_Slash)
    assert reading.ui.searchEdit.hasFocus()


def test_another_conversation_closes_the_bar(reading, dispute, qtbot):
    find(reading, qtbot, "refund")

    reading.open_conversation(conversation_of(dispute, "other"))
    settle(qtbot, reading)

    assert "gift cards" in reading.conversation.ui.threadBrowser.toPlainText()
    assert not finder(reading).bar.isVisible()
    assert highlighted(reading) == []


def test_a_new_message_arriving_is_searched_too(reading, dispute, qtbot):
    find(reading, qtbot, "refund")
    store = open_store(dispute)
    store.save_messages([msg("late", "Still no refund.", thread="dispute",
                             at=START + 40 * 3600, **ANN)])
    store.close()

    reading.refresh_all(keep_current=True)
    settle(qtbot, reading)
    qtbot.waitUntil(lambda: "Still no refund" in reading.conversation.ui.threadBrowser.toPlainText())
    qtbot.waitUntil(lambda: not finder(reading).searching)

    assert finder(reading).bar.isVisible()
    assert len(highlighted(reading)) == 5


def test_ctrl_f_on_insights_does_nothing(reading, qtbot):
    reading.ui.actionShowInsights.trigger()
    settle(qtbot, reading)
    reading.ui.sidebarView.setFocus()

    qtbot.keyClick(reading.ui.sidebarView, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)

    assert not finder(reading).is_open


def test_the_shortcuts_overlay_lists_find(window):
    from PySide6.QtGui import QAction

    from inbox_app.gui.keys import shortcut_groups

    rows = dict(shortcut_groups(window.findChildren(QAction)))["Moving around"]
    keys = [key for key, _text in rows]
    assert "Ctrl+F" in keys and "F3 / Shift+F3" in keys


# The text itself


def test_folding_keeps_every_place():
    text = "Straße Café ǅ İstanbul ﬁne don’t ẞ 🎉"
    assert len(folded(text)) == len(text)
    assert folded(text).startswith("straße cafe")


def test_a_run_split_where_the_thread_wraps_it_is_found():
    pattern = find_pattern("abcdefgh")
    assert pattern.search(folded("xxabcd\u200befghxx"))


def test_words_across_a_line_break_are_found_but_not_across_paragraphs():
    pattern = find_pattern("thank you")
    assert pattern.search(folded("Thank\u2028you"))
    assert not pattern.search(folded("Thank\u2029you"))


def test_spaces_alone_find_nothing():
    assert find_pattern("   ") is None and find_pattern("") is None


# A huge thread


@pytest.fixture
def huge(tmp_path) -> str:
    """A message as long as the store keeps (100,000 characters), every word "parcel"."""
    path = tmp_path / "huge.db"
    store = open_store(path)
    store.add_staff("Maya Okafor")
    store.save_messages([msg("big", "parcel " * 15_000, thread="big", **ANN)])
    store.close()
    return str(path)


def test_a_huge_thread_is_searched_in_turns_and_counts_at_most_the_limit(
        make_window, huge, qtbot, monkeypatch):
    """Searched a slice at a time (made small here: a thread of many such messages shown
    whole is what the real slice is for), so the window answers between slices."""
    monkeypatch.setattr(thread_find, "SLICE", 20_000)
    window = make_window(huge)
    view = window.conversation
    view._shown_whole.update(m.id for m in view.snapshot.entries)
    view._render(keep_scroll=True)
    assert len(view.ui.threadBrowser.document().toRawText()) > 2 * thread_find.SLICE
    view.find.open()

    view.find.bar.field.setText("the end")  # found nowhere: the whole text is read
    view.find.search()
    assert view.find.searching  # the first slice done, the window free again
    qtbot.waitUntil(lambda: not view.find.searching)
    assert view.find.bar.count.text() == NO_MATCHES

    view.find.bar.field.setText("parcel")
    view.find.search()
    qtbot.waitUntil(lambda: not view.find.searching)
    assert len(view.find.matches) == MATCH_LIMIT
    assert view.find.bar.count.text().endswith(f" of {MATCH_LIMIT:,}+")


def test_matches_after_emoji_are_highlighted_where_they_are(make_window, tmp_path, qtbot):
    """Qt counts an emoji as two places in the thread, Python as one character."""
    path = tmp_path / "emoji.db"
    store = open_store(path)
    store.add_staff("Maya Okafor")
    store.save_messages([msg("e1", "🎉🎉🎉 Thanks! 👍 Still waiting on the refund 😤 refund!",
                             thread="emoji", **ANN)])
    store.close()
    window = make_window(str(path))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.conversation.ui.threadBrowser.setFocus()

    find(window, qtbot, "refund")

    assert highlighted(window) == ["refund", "refund"]


@pytest.mark.parametrize("name", ["light", "dark"])
def test_marked_words_read_in_both_themes(name):
    from inbox_app.gui import theme
    from inbox_app.gui.theme import contrast
    from inbox_app.gui.thread_find import highlight_colours

    palette = theme.LIGHT if name == "light" else theme.DARK
    (marker, marked), (current, current_text) = highlight_colours(palette)
    assert contrast(marked, marker) >= 4.5 and contrast(current_text, current) >= 4.5
    assert contrast(marker, current) >= 1.5  # the current one told from the others


def test_an_accent_written_apart_from_its_letter_is_found_either_way():
    decomposed = "Un cafe\u0301 au lait"
    assert find_pattern("café au").search(folded(decomposed))
    assert find_pattern("cafe\u0301 au").search(folded("Un café au lait"))


def test_the_match_stays_in_view_when_the_thread_is_laid_out_again(reading, qtbot):
    """The thread keeps to its latest message as it is laid out again (a resize, an image
    loaded) unless the reader moved: going to a match is moving."""
    find(reading, qtbot, "message 0 ")
    assert match_in_view(reading)

    reading.resize(reading.width() - 120, reading.height() + 40)
    qtbot.wait(50)

    assert match_in_view(reading)


def test_escape_in_the_thread_closes_the_bar_too(reading, qtbot):
    browser = reading.conversation.ui.threadBrowser
    find(reading, qtbot, "refund")
    browser.setFocus()

    qtbot.keyClick(browser, Qt.Key.Key_Escape)

    assert not finder(reading).bar.isVisible() and highlighted(reading) == []


def test_the_clear_button_clears_the_highlights(reading, qtbot):
    from PySide6.QtWidgets import QToolButton

    find(reading, qtbot, "refund")
    field = finder(reading).bar.field
    clear = next(b for b in field.findChildren(QToolButton) if b.isVisible())
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)

    assert highlighted(reading) == [] and finder(reading).bar.count.text() == ""


def test_ctrl_f_while_writing_a_reply_keeps_the_draft_and_escape_goes_back_to_it(
        reading, qtbot):
    composer = reading.conversation.ui.composerEdit
    composer.setFocus()
    qtbot.keyClicks(composer, "Dear Ann, about the ")

    find(reading, qtbot, "refund")
    qtbot.keyClick(finder(reading).bar.field, Qt.Key.Key_Escape)

    assert composer.hasFocus() and composer.toPlainText() == "Dear Ann, about the "


def test_typing_on_keeps_the_match_one_is_at(reading, qtbot):
    find(reading, qtbot, "refun")
    field = finder(reading).bar.field
    qtbot.keyClick(field, Qt.Key.Key_Return)
    start, _end = finder(reading).matches[finder(reading).current]

    qtbot.keyClicks(field, "d")

    assert finder(reading).matches[finder(reading).current][0] == start


@pytest.fixture
def light_again():
    from PySide6.QtWidgets import QApplication

    from inbox_app.gui import theme

    yield
    theme.apply(QApplication.instance(), "light")  # as the other tests expect it


def test_a_theme_switch_repaints_the_marks_and_keeps_the_current_one(reading, qtbot,
                                                                       light_again):
    find(reading, qtbot, "refund")
    qtbot.keyClick(finder(reading).bar.field, Qt.Key.Key_Return)
    current = finder(reading).current

    reading.state.set_theme("dark")
    settle(qtbot, reading)

    assert finder(reading).bar.isVisible() and finder(reading).current == current
    assert current_colour(reading) == QColor(colors()["accent"])
    assert colors()["accent"] != "#3860d9"  # the dark one


def test_every_control_of_the_bar_has_a_name(reading, qtbot):
    from tests.gui.test_accessible_names import unnamed_controls

    find(reading, qtbot, "refund")

    assert unnamed_controls(finder(reading).bar) == []


def test_keys_typed_into_the_bar_are_text_not_the_window_s_shortcuts(reading, qtbot):
    """J, E and / are the window's keys everywhere else; in the bar they are what is found."""
    opened = reading.conversation.conversation_id
    find(reading, qtbot, "je/")

    assert finder(reading).bar.field.text() == "je/"
    assert reading.conversation.conversation_id == opened
    assert not reading.ui.searchEdit.hasFocus()


def test_f3_with_the_bar_closed_finds_what_was_found_last(reading, qtbot):
    browser = reading.conversation.ui.threadBrowser
    find(reading, qtbot, "refund")
    qtbot.keyClick(finder(reading).bar.field, Qt.Key.Key_Escape)

    qtbot.keyClick(browser, Qt.Key.Key_F3)

    assert finder(reading).bar.isVisible() and len(highlighted(reading)) == 4


def test_ctrl_f_on_a_selected_word_finds_it_starting_from_the_one_selected(reading, qtbot):
    browser = reading.conversation.ui.threadBrowser
    third = browser.document().find("Refund", browser.document().find("Refund").position())
    third = browser.document().find("Refund", third.position())
    browser.setTextCursor(third)
    browser.setFocus()

    qtbot.keyClick(browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not finder(reading).searching)

    assert finder(reading).bar.field.text() == "Refund"
    assert finder(reading).bar.count.text() == "3 of 4"
