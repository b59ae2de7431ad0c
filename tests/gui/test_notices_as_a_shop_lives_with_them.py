"""Desktop notices over a shop's week: customers' names as they come (right-to-left, a
paragraph long), a notice clicked after its conversation was merged, and the tray's
unread count at the size a tray shows it."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtGui import QColor

from inbox_app.core.timeutil import now
from inbox_app.gui.notifications import badge_icon
from tests.gui.conftest import STAFF, settle
from tests.store.helpers import msg

ANGRY = "This is terrible, the worst service ever."
ISOLATES = ("LRI", "RLI", "FSI")


def reading_direction(text: str) -> str:
    """The direction a desktop lays a notice's line out in (Unicode's rules P2-P3): that
    of its first strong letter outside an isolate; "L" when there is none."""
    depth = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ISOLATES:
            depth += 1
        elif kind == "PDI" and depth:
            depth -= 1
        elif depth == 0 and kind in ("L", "R", "AL"):
            return "R" if kind == "AL" else kind
    return "L"


@pytest.fixture
def notices(window, qtbot):
    """The window's notifier past its first check, and the notices it gives from then on."""
    notifier = window.notifier
    qtbot.waitUntil(lambda: notifier.last_message_id is not None and not notifier.checking)
    settle(qtbot, window)
    given: list[tuple[str, str, int]] = []
    notifier.notified.connect(lambda *args: given.append(args))
    return notifier, given


def check(notifier, qtbot) -> None:
    notifier.check()
    qtbot.waitUntil(lambda: not notifier.checking, timeout=15000)


def test_a_right_to_left_name_does_not_turn_the_notice_round(notices, qtbot, demo_store):
    """"שרה כהן is unhappy (Email)": a desktop lays a line out in the direction of its first
    letter, so the notice read ":is unhappy (Email) שרה כהן", the parenthesis and the colon
    flung to the wrong ends. A name that smuggles in a right-to-left override did the same
    to everything after it."""
    notifier, given = notices
    demo_store.save_messages([
        msg("rtl-1", "השירות גרוע, נורא ואיום. terrible", email="sara@example.com",
            author="שרה כהן", at=now())])
    check(notifier, qtbot)
    [(title, _body, _conversation)] = given
    assert "שרה כהן" in title and title.endswith(" is unhappy (Email)")
    assert reading_direction(title) == "L"

    demo_store.save_messages([
        msg(f"rtl-burst-{i}", ANGRY, email=f"ali{i}@example.com", author=name, at=now())
        for i, name in enumerate(["علي حسن", "Bo \u202eyppahnu\u202c", "Cat Cole"])])
    check(notifier, qtbot)
    title, body, _conversation = given[-1]
    assert title == "3 new negative messages"
    assert reading_direction(body) == "L"
    assert "\u202e" not in body  # the override would reverse "and others (Negative view)"


def test_a_paragraph_long_name_is_shortened_in_the_notice(notices, qtbot, demo_store):
    """A feed item whose author was a whole sentence ("Lo Lo Lo …", 300 characters) made a
    notice title that the desktop cut off before "is unhappy" was ever read."""
    notifier, given = notices
    long_name = "Lo " * 100
    demo_store.save_messages([msg("long-1", ANGRY, email="lo@example.com",
                                  author=long_name, at=now())])
    check(notifier, qtbot)
    [(title, _body, _conversation)] = given
    assert title.endswith("… is unhappy (Email)")
    assert len(title) <= 60

    demo_store.save_messages([
        msg(f"long-burst-{i}", ANGRY, email=f"long{i}@example.com", author=f"{i} {long_name}",
            at=now()) for i in range(2)])
    check(notifier, qtbot)
    _title, body, _conversation = given[-1]
    assert len(body) <= 140 and body.endswith("(Negative view).")


def test_a_mention_by_a_long_right_to_left_name_reads_left_to_right(notices, qtbot, window,
                                                                   demo_store):
    """A colleague's @mention names the colleague and the customer: both are names as
    people typed them."""
    notifier, given = notices
    conversation = window.queue_model.ids()[0]
    customer = demo_store.get_conversation(conversation).customer_name
    colleague = " ".join(["نور الهدى"] * 8)
    demo_store.add_staff(colleague)
    demo_store.add_note(f"@{STAFF} can you take this?", conversation_id=conversation,
                        staff=colleague)
    check(notifier, qtbot)
    [(title, _body, _conversation)] = given
    assert reading_direction(title) == "L"
    assert title.endswith(f" mentioned you about {customer}")
    assert len(title) <= 45 + len(" mentioned you about ") + len(customer)


def test_clicking_a_notice_after_its_conversation_was_merged_opens_where_it_went(
        notices, qtbot, window, demo_store):
    """Ann's complaint was announced, then merged into her other conversation before the
    notice was clicked: the click opened the empty husk, "#694 · Merged", with a composer
    under no messages at all."""
    notifier, given = notices
    notifier.tray.setVisible(True)  # offscreen has no tray: shown by hand
    demo_store.save_messages([msg("ann-1", "Hi, a question about beans", email="ann@example.com",
                                  author="Ann Grey", thread="ann-first", at=now() - 3600)])
    check(notifier, qtbot)
    demo_store.save_messages([msg("ann-2", ANGRY, email="ann@example.com", author="Ann Grey",
                                  thread="ann-second", at=now())])
    check(notifier, qtbot)
    [(_title, _body, announced)] = given
    first = demo_store.get_message(demo_store.latest_message_id() - 1).conversation_id
    assert first != announced
    demo_store.merge_conversations(first, announced, staff=STAFF)

    notifier.tray.messageClicked.emit()
    qtbot.waitUntil(lambda: window.conversation.snapshot is not None
                    and window.conversation.snapshot.conversation.id == first, timeout=15000)
    settle(qtbot, window)
    assert window.conversation.conversation_id == first
    assert notifier.pending == []


def test_a_message_in_the_conversation_being_read_is_no_desktop_notice(
        notices, qtbot, window, demo_store):
    """Reading Bo's conversation as his angry reply arrived in it, the desktop popped up
    "Bo Brown is unhappy" over the very thread that showed it, and the notice waited for
    a click that would open what was already open. The window's status bar says it."""
    notifier, given = notices
    notifier.tray.setVisible(True)  # offscreen has no tray: shown by hand
    shown: list[tuple[str, str]] = []
    notifier.tray.showMessage = lambda title, body, *_args: shown.append((title, body))
    demo_store.save_messages([msg("bo-1", "Hello, a question", email="bo@example.com",
                                  author="Bo Brown", thread="bo-t", at=now() - 100)])
    check(notifier, qtbot)
    bo = demo_store.get_message(demo_store.latest_message_id()).conversation_id
    window.open_conversation(bo)
    qtbot.waitUntil(lambda: window.conversation.conversation_id == bo, timeout=15000)
    settle(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    demo_store.save_messages([msg("bo-2", ANGRY, email="bo@example.com", author="Bo Brown",
                                  thread="bo-t", at=now())])
    check(notifier, qtbot)
    assert [(title, conversation) for title, _body, conversation in given] == [
        ("Bo Brown is unhappy (Email)", bo)]
    assert shown == [] and notifier.pending == []
    assert window.statusBar().currentMessage() == (
        "Bo Brown is unhappy (Email): This is terrible, the worst service ever.")

    # Someone else's, on the same check: that one is news for the desktop.
    demo_store.save_messages([msg("cy-1", ANGRY, email="cy@example.com", author="Cy Dunn",
                                  at=now())])
    check(notifier, qtbot)
    assert shown == [("Cy Dunn is unhappy (Email)", ANGRY)]


def red_extent(count: int, side: int) -> tuple[int, int]:
    """How wide and tall the red badge is on the icon drawn `side` pixels square."""
    image = badge_icon(count).pixmap(side, side).toImage()
    columns, rows = set(), set()
    for y in range(image.height()):
        for x in range(image.width()):
            color = QColor(image.pixel(x, y))
            if color.red() > 180 and color.green() < 120 and color.blue() < 120:
                columns.add(x)
                rows.add(y)
    return len(columns), len(rows)


@pytest.mark.parametrize("side", [16, 22, 24])
@pytest.mark.parametrize("count", [1, 42, 100, 1000])
def test_the_unread_count_is_big_enough_to_read_at_tray_size(qtbot, side, count):
    """The badge was drawn for a 64-pixel icon and shrunk with it: in a 22-pixel tray it
    was 12 pixels across, the count in it 4 pixels tall, a red dot no one could read."""
    width, height = red_extent(count, side)
    assert height >= side * 0.7 and width >= side * 0.7


def test_no_badge_at_nothing_unread(qtbot):
    assert red_extent(0, 22) == (0, 0)
