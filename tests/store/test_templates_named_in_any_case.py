"""Template names are one name in any case, as the shop reads them (both engines)."""

from __future__ import annotations

import pytest

from inbox_app.store import StoreError


def test_a_template_name_taken_in_another_case_is_refused_beyond_a_to_z(store):
    """SQL's lower() folds A-Z only: "CAFÉ HOURS" went in beside "Café hours"."""
    store.save_template("Café hours", "We open at 8.")
    with pytest.raises(StoreError, match="already a template called Café hours"):
        store.save_template("CAFÉ HOURS", "We open at 9.")
    store.save_template("ärger", "Sorry.")
    store.save_template("Zebra", "Z.")
    assert [t["name"] for t in store.list_templates()] == ["ärger", "Café hours", "Zebra"]
