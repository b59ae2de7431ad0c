"""The shop changes its Bluesky handle (to its own domain, say); its DID stays. Polling went
on with the kept session until that session could no longer be refreshed, then signed in
again with the old handle, which no longer names the account: "Bluesky refused the app
password", and a new app password did not help either. A sign-in after a session names the
account by its DID, which a handle change does not touch, and a sign-in answer for another
DID is never taken for the account."""

from __future__ import annotations

import json

import pytest

from inbox_app import secrets
from inbox_app.sources.poller import poll_once
from tests.servers import json_reply
from tests.sources.bluesky_standin import HANDLE, PASSWORD, SHOP_DID, Pds

NOW = 1_900_000_000
NEW_HANDLE = "harbourlane.example"


class RenamingPds(Pds):
    """Signs in by handle or by DID, as a PDS does (`getAccount(handleOrDid)`), with the
    handle the account has now."""

    def __init__(self, server, **kwargs):
        super().__init__(server, **kwargs)
        self.did = SHOP_DID
        self.answer_did: str | None = None  # another DID in the answer, for a test

    def create_session(self, request):
        body = request.json()
        if body.get("identifier", "").lower() not in (self.handle, self.did) or \
                body.get("password") != self.password:
            return json_reply({"error": "AuthenticationRequired",
                               "message": "Invalid identifier or password"}, status=401)
        self.created += 1
        reply = self._session("com.atproto.server.createSession.json")
        answer = json.loads(reply.body)
        answer["handle"] = self.handle
        if self.answer_did:
            answer["did"] = self.answer_did
        return json_reply(answer)


@pytest.fixture
def pds(http_server, corpus) -> RenamingPds:
    return RenamingPds(http_server)


def _added_and_read(store, pds, run_cli) -> None:
    assert run_cli("account", "add", "bluesky", "--name", "Shop", "--handle", HANDLE,
                   "--service", pds.server.base_url, stdin=PASSWORD + "\n")[0] == 0
    (result,) = poll_once(store, at=NOW)
    assert result.error is None


def _session_lost(pds) -> None:
    """The kept session can no longer be refreshed (it expired, or was revoked)."""
    pds.expire(*pds.issued)


def test_polling_goes_on_after_the_handle_changed_and_the_session_ran_out(store, pds,
                                                                        run_cli):
    _added_and_read(store, pds, run_cli)
    pds.handle = NEW_HANDLE
    _session_lost(pds)
    (result,) = poll_once(store, at=NOW + 600)
    assert result.error is None
    signed_in = pds.requests("com.atproto.server.createSession")[-1].json()
    assert signed_in == {"identifier": SHOP_DID, "password": PASSWORD}
    kept = json.loads(secrets.get_secret("Shop", slot="session"))
    assert (kept["did"], kept["handle"]) == (SHOP_DID, NEW_HANDLE)


def test_a_sign_in_answered_for_another_did_is_not_taken_for_the_account(store, pds,
                                                                         run_cli):
    _added_and_read(store, pds, run_cli)
    before = secrets.get_secret("Shop", slot="session")
    _session_lost(pds)
    pds.answer_did = "did:plc:someoneelseentirely0000"
    (result,) = poll_once(store, at=NOW + 600)
    assert result.error == (
        "Bluesky signed in as did:plc:someoneelseentirely0000, not as the account Shop reads "
        f"({SHOP_DID}): enter the app password of @{HANDLE} (Accounts → Edit, or `inbox-app "
        "account secret 'Shop'`), or add a new account for the other one.")
    assert secrets.get_secret("Shop", slot="session") == before
