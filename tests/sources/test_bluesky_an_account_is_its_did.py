"""A Bluesky account is its DID, not its handle: the shop may change its handle (to its own
domain, say) and is still the same account. An account kept only the handle it was added
under, so after such a change Test connection said "Bluesky refused the app password",
editing the handle to the new one started the account's reading afresh (its place lost,
what came meanwhile never read), the DID typed as the handle of a second account was not
refused, and an app password of another Bluesky account was taken for the shop's. An
account now keeps the DID it signs in as (`config["did"]`)."""

from __future__ import annotations

import json

import pytest

from inbox_app import accounts, secrets
from inbox_app.sources import AccountSetup
from inbox_app.sources.poller import poll_once
from inbox_app.store import StoreError
from tests.sources.bluesky_standin import HANDLE, PASSWORD, SHOP_DID

NOW = 1_900_000_000
NEW_HANDLE = "harbourlane.example"
OTHER_HANDLE = "someone-else.bsky.social"
OTHER_DID = "did:plc:someoneelseentirely0000"
OTHER_PASSWORD = "wxyz-wxyz-wxyz-wxyz"
LABEL = "App password"


def _added_and_read(store, pds, run_cli, name: str = "Shop") -> None:
    code, _out, err = run_cli("account", "add", "bluesky", "--name", name, "--handle", HANDLE,
                              "--service", pds.server.base_url, stdin=PASSWORD + "\n")
    assert code == 0, err
    (result,) = poll_once(store, at=NOW)
    assert result.error is None
    assert store.get_account(name).cursor


def _setup(pds, handle: str) -> AccountSetup:
    """What the Accounts form hands on for a Bluesky account: the fields it shows."""
    return AccountSetup({"handle": handle, "service": pds.server.base_url}, LABEL)


def _another_account_answers(pds) -> None:
    """The server now signs in another Bluesky account (with its own app password)."""
    pds.handle, pds.did, pds.password = OTHER_HANDLE, OTHER_DID, OTHER_PASSWORD


def test_an_added_account_keeps_the_did_it_signed_in_as(store, pds, run_cli):
    _added_and_read(store, pds, run_cli)
    assert store.get_account("Shop").config == {"handle": HANDLE,
                                                "service": pds.server.base_url,
                                                "did": SHOP_DID}


def test_test_connection_after_the_handle_changed_signs_in_by_the_did(store, pds, run_cli):
    _added_and_read(store, pds, run_cli)
    pds.handle = NEW_HANDLE
    kept = store.get_account("Shop")
    assert accounts.check_sign_in("bluesky", kept.config, PASSWORD) == (
        f"signed in as @{NEW_HANDLE} ({SHOP_DID})")


def test_the_new_handle_typed_in_keeps_the_account_s_place(store, pds, run_cli):
    _added_and_read(store, pds, run_cli)
    place = store.get_account("Shop").cursor
    pds.handle = NEW_HANDLE
    updated, said = accounts.update_account(store, store.get_account("Shop"),
                                            _setup(pds, NEW_HANDLE), None)
    assert said == f"signed in as @{NEW_HANDLE} ({SHOP_DID})"
    assert updated.config == {"handle": NEW_HANDLE, "service": pds.server.base_url,
                              "did": SHOP_DID}
    assert store.get_account("Shop").cursor == place


def test_a_new_app_password_after_the_handle_changed_names_the_account_as_it_is_now(
        store, pds, run_cli):
    """The kept handle no longer signs in; the DID does, and the account then goes by its
    new handle (Accounts list, messages) and reads on from its place, on the session that
    sign-in made."""
    _added_and_read(store, pds, run_cli)
    place = store.get_account("Shop").cursor
    pds.handle = NEW_HANDLE
    code, out, err = run_cli("account", "secret", "Shop", stdin=PASSWORD + "\n")
    assert (code, out.strip()) == (0, f"kept the new app password for Shop: signed in as "
                                      f"@{NEW_HANDLE} ({SHOP_DID}); it is read at the next "
                                      "poll"), err
    kept = store.get_account("Shop")
    assert (kept.config["handle"], kept.config["did"], kept.cursor) == (NEW_HANDLE, SHOP_DID,
                                                                       place)
    signed_in = pds.created
    (result,) = poll_once(store, at=NOW + 600)
    assert result.error is None
    assert pds.created == signed_in


def test_an_app_password_of_another_bluesky_account_is_refused(store, pds, run_cli):
    _added_and_read(store, pds, run_cli)
    place = store.get_account("Shop").cursor
    _another_account_answers(pds)
    with pytest.raises(StoreError) as refused:
        accounts.update_account(store, store.get_account("Shop"),
                                _setup(pds, OTHER_HANDLE), OTHER_PASSWORD)
    assert str(refused.value) == (
        f"That app password signs in as @{OTHER_HANDLE} ({OTHER_DID}), not as the Bluesky "
        f"account this one reads ({SHOP_DID}): add a new account for @{OTHER_HANDLE} "
        "(Accounts → Add account, or `inbox-app account add bluesky`).")
    kept = store.get_account("Shop")
    assert (kept.config["handle"], kept.cursor) == (HANDLE, place)
    assert secrets.get_secret("Shop") == PASSWORD


def test_the_old_handle_now_another_account_s_is_refused_on_the_command_line(store, pds,
                                                                              run_cli):
    """The shop's old handle taken by another of its accounts, whose app password is then
    given to this one: refused, the app password it had kept."""
    _added_and_read(store, pds, run_cli)
    pds.did, pds.password = OTHER_DID, OTHER_PASSWORD
    code, out, err = run_cli("account", "secret", "Shop", stdin=OTHER_PASSWORD + "\n")
    assert (code, out) == (2, "")
    assert err.strip() == (
        f"inbox-app: That app password signs in as @{HANDLE} ({OTHER_DID}), not as the "
        f"Bluesky account this one reads ({SHOP_DID}): add a new account for @{HANDLE} "
        "(Accounts → Add account, or `inbox-app account add bluesky`).")
    assert secrets.get_secret("Shop") == PASSWORD


def test_an_account_added_before_gains_its_did_at_its_next_save_and_keeps_its_place(
        store, pds):
    store.add_account("Shop", "bluesky", {"handle": HANDLE, "service": pds.server.base_url})
    secrets.set_secret("Shop", PASSWORD)
    (result,) = poll_once(store, at=NOW)
    assert result.error is None
    place = store.get_account("Shop").cursor
    kept = store.get_account("Shop")
    updated, _said = accounts.update_account(store, kept, _setup(pds, HANDLE), None,
                                             interval=900)
    assert updated.config == {"handle": HANDLE, "service": pds.server.base_url,
                              "did": SHOP_DID}
    assert (updated.poll_interval, store.get_account("Shop").cursor) == (900, place)


def test_an_account_added_before_on_a_did_another_account_reads_is_refused_at_its_save(
        store, pds, run_cli):
    """Added under the new handle before accounts kept their DID, and read once: its kept
    session says whose account it is, and saving it says which account already reads it."""
    _added_and_read(store, pds, run_cli)
    pds.handle = NEW_HANDLE
    store.add_account("Sky", "bluesky", {"handle": NEW_HANDLE, "service": pds.server.base_url})
    secrets.set_secret("Sky", PASSWORD)
    poll_once(store, at=NOW + 600)
    assert json.loads(secrets.get_secret("Sky", slot="session"))["did"] == SHOP_DID
    with pytest.raises(StoreError) as refused:
        accounts.update_account(store, store.get_account("Sky"), _setup(pds, NEW_HANDLE),
                                None, interval=900)
    assert str(refused.value) == (f"Shop already reads @{HANDLE} ({SHOP_DID}): a second "
                                  "account would bring every message in twice.")


def test_the_did_typed_as_the_handle_of_a_second_account_is_refused(store, pds, run_cli):
    _added_and_read(store, pds, run_cli)
    signed_in = pds.created
    code, _out, err = run_cli("account", "add", "bluesky", "--name", "Sky", "--handle",
                              SHOP_DID, "--service", pds.server.base_url,
                              stdin=PASSWORD + "\n")
    assert code == 2
    assert err.strip() == (f"inbox-app: Shop already reads @{HANDLE} ({SHOP_DID}): a second "
                           "account would bring every message in twice.")
    assert pds.created == signed_in
    assert [account.name for account in store.list_accounts()] == ["Shop"]


def test_a_second_account_added_under_the_new_handle_is_refused(store, pds, run_cli):
    _added_and_read(store, pds, run_cli)
    pds.handle = NEW_HANDLE
    code, _out, err = run_cli("account", "add", "bluesky", "--name", "Sky", "--handle",
                              NEW_HANDLE, "--service", pds.server.base_url,
                              stdin=PASSWORD + "\n")
    assert (code, err.strip()) == (2, f"inbox-app: Shop already reads @{HANDLE} ({SHOP_DID}): "
                                      "a second account would bring every message in twice.")


def test_messages_name_the_handle_the_account_has_now(store, pds, run_cli):
    """A refusal after the handle changed (and a session told the app so) names the account
    as the shop knows it now, not by the handle it was added under."""
    _added_and_read(store, pds, run_cli)
    pds.handle = NEW_HANDLE
    pds.expire(pds.issued[-2])  # the access token: refreshed, the new handle in the answer
    (result,) = poll_once(store, at=NOW + 600)
    assert result.error is None
    pds.password = "revoked-app-password"
    pds.expire(*pds.issued)
    (result,) = poll_once(store, at=NOW + 1200)
    assert result.error == (
        f"Bluesky refused the app password for {NEW_HANDLE} (“Invalid identifier or "
        "password”): create a new app password and enter it (Accounts → Edit, or `inbox-app "
        "account secret 'Shop'`).")


def test_an_account_added_by_its_did_is_named_by_it_in_the_refusal(store, run_cli):
    """Added with the DID as its handle and not checked (`--no-check`): the refusal of a
    second one names that DID as it is written, not as a handle ("@did:plc:…")."""
    for name in ("Shop", "Sky"):
        code, _out, err = run_cli("account", "add", "bluesky", "--name", name, "--handle",
                                  SHOP_DID, "--no-check", stdin=PASSWORD + "\n")
    assert (code, err.strip()) == (2, f"inbox-app: Shop already reads {SHOP_DID}: a second "
                                      "account would bring every message in twice.")
    assert store.get_account("Shop").config["did"] == SHOP_DID
