"""A local stand-in for the shop's Bluesky server (PDS), answering with real recorded XRPC.

The shop is the corpus account (shinyakato.dev): its real listNotifications,
getPostThread, createSession/refreshSession and createRecord answers are served
as recorded; only the session tokens are numbered (with an optional prefix) so
that refreshing can be told apart from signing in, and a session names the account's
handle and DID as they are now (a test may change the handle, as the shop can). Sign-in
takes the handle or the DID, as a PDS does (`getAccount(handleOrDid)`). Every request
the app sends is checked against the recorded lexicons.
"""

from __future__ import annotations

from tests.servers import Reply, json_reply
from tests.sources.lexicon import Lexicons
from tests.sources.recorded import bluesky_json, lexicons_dir

HANDLE = "shinyakato.dev"
SHOP_DID = "did:plc:iijrtk7ocored6zuziwmqq3c"
PASSWORD = "abcd-efgh-ijkl-mnop"
XRPC = "/xrpc/"
SIGN_IN = {"com.atproto.server.createSession"}


class Pds:
    """The shop's server: sessions with numbered tokens, recorded answers for the rest."""

    def __init__(self, server, lexicons: Lexicons | None = None, *, handle: str = HANDLE,
                 password: str = PASSWORD, token_prefix: str = "", pds_path: str = ""):
        self.server = server
        # Sign-in goes to the address the person gave (Bluesky's entryway); the session's DID
        # document names the account's own server, which everything after it goes to: here
        # the same local server, under `pds_path` when a test wants the two told apart.
        self.pds_path = pds_path
        self.lexicons = lexicons or Lexicons(lexicons_dir())
        self.handle = handle
        self.did = SHOP_DID
        self.password = password
        self.token_prefix = token_prefix
        self.created = 0
        self.refreshed = 0
        self.valid_access: set[str] = set()
        self.valid_refresh: set[str] = set()
        self.expired: set[str] = set()
        self.issued: list[str] = []  # every access and refresh token handed out, in order
        self.notifications = bluesky_json("app.bsky.notification.listNotifications.json")
        self.page_size: int | None = None
        self.records: dict[str, dict] = {}
        self.create_record_answers: list[Reply] = []
        self.route("POST", "com.atproto.server.createSession", self.create_session)
        self.route("POST", "com.atproto.server.refreshSession", self.refresh_session)
        self.route("GET", "app.bsky.notification.listNotifications", self.list_notifications,
                   auth=True)
        self.route("GET", "app.bsky.actor.getProfile", self.get_profile, auth=True)
        self.route("GET", "app.bsky.feed.getPostThread", self.get_post_thread, auth=True)
        self.route("POST", "com.atproto.repo.createRecord", self.create_record, auth=True)
        self.route("GET", "com.atproto.repo.getRecord", self.get_record, auth=True)

    def route(self, method, nsid, handler, auth=False):
        def handle(request):
            if method == "GET":
                assert self.lexicons.params_errors(nsid, request.query) == [], request.query
            elif request.body:
                assert self.lexicons.input_errors(nsid, request.json()) == [], request.json()
            if auth:
                token = (request.header("Authorization") or "").removeprefix("Bearer ")
                if token in self.expired:
                    return json_reply({"error": "ExpiredToken", "message": "Token has expired"},
                                      status=400)
                if token not in self.valid_access:
                    return json_reply({"error": "InvalidToken", "message": "Bad token"},
                                      status=401)
            return handler(request)

        self.server.route(method, self.path(nsid), handle)

    def path(self, nsid):
        return (XRPC if nsid in SIGN_IN else self.pds_path + XRPC) + nsid

    def requests(self, nsid):
        return self.server.requests_to(self.path(nsid))

    # Sessions

    def _session(self, recorded: str):
        number = self.created + self.refreshed
        body = bluesky_json(recorded)
        body.update(handle=self.handle, did=self.did,
                    accessJwt=f"{self.token_prefix}access-{number}",
                    refreshJwt=f"{self.token_prefix}refresh-{number}")
        body.pop("active")  # the recording's account was deactivated; this one is live
        for service in body["didDoc"]["service"]:
            service["serviceEndpoint"] = self.server.base_url + self.pds_path
        body.pop("status")
        self.valid_access.add(body["accessJwt"])
        self.issued += [body["accessJwt"], body["refreshJwt"]]
        self.valid_refresh.add(body["refreshJwt"])
        return json_reply(body)

    def create_session(self, request):
        body = request.json()
        if set(body) != {"identifier", "password"} or body["password"] != self.password or \
                body["identifier"].lower() not in (self.handle, self.did):
            return json_reply({"error": "AuthenticationRequired",
                               "message": "Invalid identifier or password"}, status=401)
        self.created += 1
        return self._session("com.atproto.server.createSession.json")

    def refresh_session(self, request):
        token = (request.header("Authorization") or "").removeprefix("Bearer ")
        if token in self.expired or token not in self.valid_refresh:
            return json_reply({"error": "ExpiredToken", "message": "Token has expired"},
                              status=400)
        self.valid_refresh.discard(token)
        self.refreshed += 1
        return self._session("com.atproto.server.refreshSession.json")

    def expire(self, *tokens: str) -> None:
        self.expired.update(tokens)
        self.valid_access.difference_update(tokens)

    # Reading

    def list_notifications(self, request):
        items = self.notifications["notifications"]
        if self.page_size is None:
            return json_reply(self.notifications)
        start = int(request.query.get("cursor", ["0"])[0])
        page = items[start:start + self.page_size]
        body = {"notifications": page, "seenAt": self.notifications["seenAt"]}
        if start + self.page_size < len(items):
            body["cursor"] = str(start + self.page_size)
        return json_reply(body)

    def get_profile(self, request):
        actor = request.query["actor"][0]
        profile = bluesky_json("app.bsky.actor.getProfile.json")
        profile.update(did=actor, followersCount=1000 + len(actor))
        return json_reply(profile)

    def get_post_thread(self, request):
        return json_reply(bluesky_json("app.bsky.feed.getPostThread.json"))

    # Writing

    def create_record(self, request):
        body = request.json()
        created = bluesky_json("com.atproto.repo.createRecord.json")
        created["uri"] = f"at://{body['repo']}/{body['collection']}/{body['rkey']}"
        self.records[body["rkey"]] = {**created, "value": body["record"]}
        if self.create_record_answers:
            return self.create_record_answers.pop(0)
        return json_reply(created)

    def get_record(self, request):
        rkey = request.query["rkey"][0]
        if rkey not in self.records:
            return json_reply({"error": "RecordNotFound",
                               "message": f"Could not locate record: {rkey}"}, status=400)
        return json_reply(self.records[rkey])
