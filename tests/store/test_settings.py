"""Settings the core needs, as the store keeps and checks them."""

import pytest

from inbox_app.store import StoreError


def test_the_currency_is_kept_as_the_shop_writes_it(store):
    assert store.get_setting("currency") == ""
    store.set_setting("currency", " CHF ", staff="Maya")
    assert store.get_setting("currency") == "CHF"
    with pytest.raises(StoreError, match="'12' is not a currency"):
        store.set_setting("currency", "12")
    with pytest.raises(StoreError, match="The currency is text"):
        store.set_setting("currency", 12)
    assert store.get_setting("currency") == "CHF"
    changed = store._rows("SELECT staff, data FROM events WHERE action = 'setting.changed'")
    assert [row["staff"] for row in changed] == ["Maya"]
