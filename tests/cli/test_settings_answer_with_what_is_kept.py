"""`inbox-app settings business_name "  "` answered `business_name = "  "`, and
`settings currency " € "` `currency = " € "`, though the store keeps them tidied (no name
at all; `€`): a script or a person checking the answer saw a value the app never uses.
Setting one answers with what is kept, as reading it back shows."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("key, typed, kept", [
    ("business_name", "  ", '""'),
    ("business_name", "  Harbour   Lane\n Coffee ", '"Harbour Lane Coffee"'),
    ("currency", " € ", '"€"'),
    ("currency", "  ", '""'),
    ("email_signature", "\n  Maya at Harbour Lane  \n", '"Maya at Harbour Lane"'),
    ("email_signature", "   ", '""'),
    ("phone_region", " gb ", '"GB"'),
    ("poll_interval", " 600 ", "600"),
])
def test_setting_answers_with_the_value_kept(run_cli, key, typed, kept):
    assert run_cli("settings", key, typed) == (0, f"{key} = {kept}\n", "")
    assert run_cli("settings", key) == (0, f"{kept}\n", "")


@pytest.mark.parametrize("key, typed", [("buisness_name", "Harbour Lane"),
                                        ("poll_interval", "five minutes"),
                                        ("phone_region", "XX")])
def test_a_refused_setting_makes_no_store(run_cli, db_path, key, typed):
    """A mistake in the key or value on a store not made yet (a mistyped --db) leaves no
    empty store behind, which later commands would open as if it were the shop's."""
    code, out, err = run_cli("settings", key, typed)
    assert (code, out) == (2, "") and err.startswith("inbox-app: ")
    assert not db_path.exists()
