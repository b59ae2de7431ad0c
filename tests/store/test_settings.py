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


def test_a_staff_member_is_found_by_a_first_name_only_they_have(store):
    from inbox_app.store import NotFound

    for name in ("Maya Okafor", "Priya Raman", "Maya"):
        store.add_staff(name)
    assert store.staff_named("priya").name == "Priya Raman"
    assert store.staff_named("MAYA").name == "Maya"  # a whole name comes first
    store.add_staff("Theo Brandt")
    store.add_staff("Theo Lee")
    with pytest.raises(NotFound, match="2 staff members are called theo: Theo Brandt, Theo Lee;"
                                       " write the whole name"):
        store.staff_named("theo")
    with pytest.raises(NotFound, match="no staff member called 'Brandt'"):
        store.staff_named("Brandt")  # a first name, not any word of the name
    assert store.staff_named("theo brandt").name == "Theo Brandt"
