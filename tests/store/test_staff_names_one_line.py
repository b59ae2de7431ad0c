"""A staff member's name is one line with single spaces, as the business name is: a name
added with a line break in it broke `staff list` (one person a line) into two people, and
one added with two spaces ("Ann  Lee") could not then be named as anybody writes it."""

from __future__ import annotations

import pytest

from inbox_app.store import StoreError


def test_a_name_added_with_a_line_break_or_doubled_spaces_is_kept_on_one_line(store):
    assert store.add_staff("Ann\nLee").name == "Ann Lee"
    assert store.add_staff(" Bo \t  Diaz ").name == "Bo Diaz"
    assert [member.name for member in store.list_staff()] == ["Ann Lee", "Bo Diaz"]
    assert store.staff_named("ann lee").name == "Ann Lee"
    with pytest.raises(StoreError, match="^There is already a staff member called Ann Lee.$"):
        store.add_staff("ann  lee")


def test_someone_already_on_the_list_with_doubled_spaces_is_found_as_written(store):
    # Stores from before names were kept on one line may hold such a name.
    member = store.add_staff("Placeholder")
    store._exec("UPDATE staff SET name = ? WHERE id = ?", ("Cy  Ode", member.id))
    assert store.staff_named("Cy Ode").name == "Cy  Ode"
    assert store.staff_named("cy  ode").name == "Cy  Ode"
    with pytest.raises(StoreError, match="already a staff member called Cy  Ode"):
        store.add_staff("cy ode")
