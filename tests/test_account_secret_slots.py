"""Where account secrets sit in the keyring: no two things share an entry (an account
named "x#session" had the entry of account x's Bluesky session), and secrets kept under
the older entry names are still found, and moved, so nobody types a password again."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from inbox_app import accounts, secrets
from inbox_app.sources import AccountSetup
from inbox_app.store import StoreError, open_store

SERVICE = secrets.SERVICE
SESSION = json.dumps({"service": "https://bsky.social", "login": "x.bsky.social",
                      "accessJwt": "a", "refreshJwt": "r", "did": "did:plc:x"})


def test_an_account_named_like_another_accounts_session_has_its_own_entry(memory_keyring):
    secrets.set_secret("x", "x's app password")
    secrets.set_secret("x", SESSION, slot="session")
    secrets.set_secret("x#session", "the other account's password")
    assert secrets.get_secret("x", slot="session") == SESSION
    assert secrets.get_secret("x#session") == "the other account's password"
    secrets.delete_all("x#session")
    assert secrets.get_secret("x", slot="session") == SESSION
    assert secrets.get_secret("x") == "x's app password"


@given(st.text(min_size=1), st.text(min_size=1), st.sampled_from(["secret", "session"]),
       st.sampled_from(["secret", "session"]))
def test_no_two_accounts_or_slots_share_an_entry(one, other, one_slot, other_slot):
    if (one, one_slot) != (other, other_slot):
        assert secrets.entry_name(one, one_slot) != secrets.entry_name(other, other_slot)


def test_the_entries_of_names_without_a_hash_are_where_they_always_were():
    assert secrets.entry_name("Shop mail", "secret") == "Shop mail"
    assert secrets.entry_name("Bluesky", "session") == "Bluesky#session"


def test_a_password_kept_under_the_old_entry_is_read_and_moved(memory_keyring):
    memory_keyring.secrets[(SERVICE, "Shop #2")] = "hunter2"  # as an older version kept it
    assert secrets.get_secret("Shop #2") == "hunter2"
    assert memory_keyring.secrets == {(SERVICE, secrets.entry_name("Shop #2")): "hunter2"}
    assert secrets.get_secret("Shop #2") == "hunter2"


def test_the_old_entry_of_an_account_named_like_a_session_is_not_taken_for_its_password(
        memory_keyring):
    """Before, account x's Bluesky session sat where account "x#session"'s password did:
    a session is not a password, and it stays x's."""
    memory_keyring.secrets[(SERVICE, "x#session")] = SESSION
    assert secrets.get_secret("x#session") is None
    assert secrets.get_secret("x", slot="session") == SESSION
    memory_keyring.secrets[(SERVICE, "x#session")] = "a real password"
    assert secrets.get_secret("x#session") == "a real password"
    assert secrets.get_secret("x", slot="session") is None


def test_a_new_secret_or_removing_the_account_leaves_no_old_entry_behind(memory_keyring):
    memory_keyring.secrets[(SERVICE, "Shop #2")] = "old password"
    secrets.set_secret("Shop #2", "new password")
    assert memory_keyring.secrets == {(SERVICE, secrets.entry_name("Shop #2")): "new password"}
    memory_keyring.secrets[(SERVICE, "Shop #3")] = "old password"
    secrets.delete_all("Shop #3")
    assert (SERVICE, "Shop #3") not in memory_keyring.secrets


def test_removing_an_account_with_an_old_entry_removes_its_secret(run_cli, memory_keyring):
    code, _, err = run_cli("account", "add", "feed", "--name", "Forum #2", "--url",
                           "https://forum.example/feed", "--username", "owner", "--no-check",
                           stdin="pw\n")
    assert (code, err) == (0, "")
    memory_keyring.secrets = {(SERVICE, "Forum #2"): "pw"}  # as an older version kept it
    code, out, _ = run_cli("account", "remove", "forum #2")
    assert (code, out) == (0, "removed Forum #2 (its messages stay)\n")
    assert memory_keyring.secrets == {}


def test_a_name_taken_in_another_case_meanwhile_leaves_no_secret_behind(db_path,
                                                                         memory_keyring):
    """Between the check and the adding, another window added "SHOP": this "shop"'s
    password was kept, under a name no account has."""
    store = open_store(db_path)

    def sign_in_while_another_window_adds(kind, config, secret):
        store.add_account("SHOP", "feed", {"url": "https://other.example/feed"})
        return None

    setup = AccountSetup({"url": "https://forum.example/feed", "username": "owner"},
                         "Password")
    try:
        try:
            accounts.add_account(store, "feed", "shop", setup, "pw",
                                 sign_in=sign_in_while_another_window_adds)
        except StoreError as error:
            assert str(error) == "There is already an account called shop."
        else:
            raise AssertionError("the second account was added")
    finally:
        store.close()
    assert memory_keyring.secrets == {}
