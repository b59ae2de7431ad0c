"""An import line's `auto` is an unknown field to the format's core and must never be
fatal: `"auto": ["auto-reply"]` (a list, from a script that exported it so) stopped the
whole import with a traceback (unhashable type: 'list'), storing none of the file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.store.helpers import msg


@pytest.mark.parametrize("direction", ["in", "out"])
@pytest.mark.parametrize("auto", [["auto-reply"], {"kind": "auto-reply"}, 1, True])
def test_a_mark_that_is_not_a_word_is_stored_and_wakes_as_a_person_does(store, auto,
                                                                        direction):
    question = msg("ask", "Where is my order?", email="ann@example.com", thread="t")
    odd = replace(msg("odd", "Odd one", at="2026-03-01T11:00:00Z", direction=direction,
                      email="ann@example.com", thread="t"), meta={"auto": auto})

    result = store.save_messages([question, odd])

    assert result.imported == 2
    assert store._scalar("SELECT quiet FROM messages WHERE external_id = 'odd'") == 0
