"""A template put into a half-written reply reads as a sentence of its own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("typed", "cursor_at_end", "expected"), [
    ("Hello.", True, "Hello. Thanks!"),
    ("Hi 👋", True, "Hi 👋 Thanks!"),
    ("Hello.\n", True, "Hello.\nThanks!"),
    ("Hello ", True, "Hello Thanks!"),
    ("", True, "Thanks!"),
    ("Hello.", False, "Thanks!Hello."),  # at the start: nothing before it to keep apart
])
def test_a_template_after_typed_text_is_kept_apart_by_a_space(window, typed, cursor_at_end,
                                                               expected):
    """"Hello." and a template gave "Hello.Thanks Keiko!"."""
    composer = window.conversation.composer
    edit = composer.form.composerEdit
    edit.setPlainText(typed)
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End if cursor_at_end
                        else cursor.MoveOperation.Start)
    edit.setTextCursor(cursor)
    composer.insert_text("Thanks!")
    assert edit.toPlainText() == expected
