"""Mine and Mentions in a window where nobody is chosen as "you" yet (a store without a
staff list, or the choice skipped): nothing is yours, as their counts in the left bar say.
Mine listed every open conversation under its count of 0, and Mentions failed with the
command line's "(use --as NAME)", leaving the previous view's rows under its title."""

from __future__ import annotations

from inbox_app.gui.models.sidebar_model import SidebarRole
from tests.gui.conftest import settle
from tests.gui.test_empty_views import empty_page_says


def sidebar_count(window, key: str) -> int:
    model = window.sidebar_model
    return model.index(model.row_of(key)).data(SidebarRole.COUNT)


def test_nothing_is_yours_until_you_say_who_you_are(make_window, qtbot):
    window = make_window(staff=None)
    for key in ("view:mine", "view:mentions"):
        window.select_key("view:open")
        settle(qtbot, window)
        assert window.queue_model.rowCount() > 0
        window.select_key(key)
        settle(qtbot, window)
        assert not window.queue_model.failed, key
        assert window.queue_model.rowCount() == window.queue_model.total == 0, key
        assert sidebar_count(window, key) == 0
        assert window.ui.countLabel.text() == "0 conversations"
        text, hint = empty_page_says(window)
        assert "who you are" in f"{text} {hint}", key
        assert "--as" not in window.statusBar().currentMessage()


def test_once_chosen_mine_lists_your_conversations(make_window, qtbot):
    window = make_window(staff=None)
    window.select_key("view:mine")
    settle(qtbot, window)
    window.set_staff("Maya Okafor")
    settle(qtbot, window)
    assert window.queue_model.rowCount() == sidebar_count(window, "view:mine") > 0
    assert {window.queue_model.conversation_at(row).assignee
            for row in range(window.queue_model.rowCount())} == {"Maya Okafor"}
