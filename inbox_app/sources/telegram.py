"""Telegram: private messages customers send to the shop's bot come in; replies go back.

Reads the Bot API's `getUpdates` with a short long-poll (the poller's worker
waits a few seconds for anything that arrives meanwhile). Telegram forgets
updates once `getUpdates` is called with a higher `offset`, so each fetch makes
one call and the new offset is stored in the same transaction as the messages:
the next call confirms them only after they are safely stored. A full page (100
updates, after the laptop was closed for a day) says there is more, and the poll
fetches again at once, without waiting for new ones, until it has caught up.

Telegram keeps pending updates for 24 hours only. A read more than a day after the
last one says plainly that older messages may be gone (`FetchResult.warning`), unless
the waiting updates carry on from the stored offset, which proves none were dropped.

Only private chats with people become messages (one conversation per chat);
group chatter, other bots and a bare `/start` do not. A reply is `sendMessage`
in the same chat with `reply_parameters` pointing at the customer's latest
message.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
from dataclasses import replace
from typing import Any

import requests

from inbox_app import secrets
from inbox_app.core.identity import IdentityError, identity_refs
from inbox_app.core.models import Account, IdentityRef, IncomingMessage
from inbox_app.core.timeutil import now, spoken
from inbox_app.replies import Outgoing, SendError, Sent, register_sender
from inbox_app.sources import AccountSetup, FetchResult, SourceError, parse_worker, scored
from inbox_app.sources.apis import (
    account_secret,
    base_url,
    body_of,
    call,
    rate_limited,
    reply_context,
    reply_refused,
    unreachable,
)
from inbox_app.sources.http import FetchError, Response, host_of, make_session
from inbox_app.sources.telegram_content import (
    SERVICE_FIELDS,
    UNKNOWN_CONTENT,
    albums_as_one,
    attachment_of,
    author_name,
    forwarded_from,
    shown_parts,
    words_of,
)
from inbox_app.store import Store, StoreError

NEEDS_SECRET = True
SECRET_LABEL = "Bot token"
SERVICE = "Telegram"
DEFAULT_API = "https://api.telegram.org"
LONG_POLL = 3
BATCH = 100
MAX_TEXT = 4096
KEPT_FOR = 24 * 3600  # how long Telegram keeps an update nobody has fetched
TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
TOKEN_IN_PATH = re.compile(r"/bot\d{3,}:[A-Za-z0-9_-]+")


class HideBotTokens(logging.Filter):
    """The Bot API puts the token in every URL, and urllib3 logs URLs at DEBUG: a person
    who turns logging up to find a problem must not find the shop's token in the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if TOKEN_IN_PATH.search(text):
            record.msg, record.args = TOKEN_IN_PATH.sub("/bot<token>", text), ()
        return True


logging.getLogger("urllib3.connectionpool").addFilter(HideBotTokens())


# Adding an account

def api_argument(raw: str) -> str:
    try:
        return base_url(raw, option="--api")
    except SourceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--api", default=DEFAULT_API, type=api_argument,
                        help=f"the Bot API server (default {DEFAULT_API}; a local Bot API server "
                             "works too)")


def account_config(args: argparse.Namespace) -> AccountSetup:
    return AccountSetup({"api": args.api}, SECRET_LABEL)


def verify(config: dict[str, Any], secret: str, session: requests.Session) -> str:
    """Asks Telegram who the bot is (`getMe`), so a wrong token is refused before it is stored."""
    me = Bot(session, config, secret, account_name=None).call("getMe", {})
    if not isinstance(me, dict) or not me.get("is_bot"):
        raise SourceError("That token does not belong to a bot.")
    name = str(me.get("first_name") or "").strip()
    return f"connected to @{me.get('username')}" + (f" ({name})" if name else "")


# Which bot an account reads

def bot_id_of(token: str | None) -> int | None:
    """The bot's id, which its token begins with (`123456789:AAF…`): a token that @BotFather
    revoked and issued again keeps it; another bot's token has another."""
    head = (token or "").strip().split(":", 1)[0]
    return int(head) if head.isdigit() else None


def settings_for_secret(config: dict[str, Any], secret: str | None,
                        account: Account | None = None) -> dict[str, Any]:
    """The settings to keep with this token: the id of the bot it reads (no secret: Telegram
    shows it to everyone the bot writes to). For an existing account, StoreError when the
    token is another bot's: its updates read with this bot's offset would be confirmed away
    unread or filed under the wrong account. An account added before the id was kept is
    told by the token in the keyring."""
    reads = account.config.get("bot_id") if account is not None else None
    if account is not None and not isinstance(reads, int):
        with contextlib.suppress(secrets.KeyringUnavailable):
            reads = bot_id_of(secrets.get_secret(account.name))
    given = bot_id_of(secret)
    if account is not None and isinstance(reads, int) and given is not None and given != reads:
        raise StoreError(f"That token is another bot's (id {given}), not the one "
                         f"{account.name} reads (id {reads}): add a new account for that bot "
                         "(Accounts → Add account, or `inbox-app account add telegram --name "
                         "NAME`).")
    bot = given if given is not None else reads
    return {**config, "bot_id": bot} if isinstance(bot, int) else dict(config)


def reads_the_bot(config: dict[str, Any]) -> int | None:
    """The bot an account reads, as two accounts on one bot compare."""
    bot = config.get("bot_id")
    return bot if isinstance(bot, int) else None


# The Bot API

class Bot:
    """Calls on `{api}/bot<token>/<method>`; the token never appears in an error sentence.

    `account_name` is None only while an account is checked before it exists: a refused
    token then has no account whose secret could be replaced."""

    def __init__(self, http: requests.Session, config: dict[str, Any], token: str, *,
                 account_name: str | None):
        if not TOKEN.match(token.strip()):
            raise SourceError("That does not look like a bot token (it looks like "
                              "123456789:AAF…, as @BotFather gives it).")
        self.http = http
        self.api = config.get("api") or DEFAULT_API
        self.token = token.strip()
        self.account_name = account_name

    def call(self, method: str, payload: dict[str, Any], *, read_timeout: float = 30.0) -> Any:
        url = f"{self.api}/bot{self.token}/{method}"
        try:
            response = call(self.http, "POST", url, json_body=payload, read_timeout=read_timeout)
        except FetchError as error:
            raise unreachable(error, SERVICE, self.api, "--api") from None
        if response.status < 300:
            response.json("--api")  # a web page here is not Telegram: said in plain words
        body = body_of(response)
        if response.status >= 400 or body.get("ok") is not True:
            raise self._refusal(method, response, body)
        return body.get("result")

    def _refusal(self, method: str, response: Response, body: dict[str, Any]) -> Exception:
        code = body.get("error_code") if isinstance(body.get("error_code"), int) \
            else response.status
        said = str(body.get("description") or "").strip()
        host = host_of(self.api)
        if code == 429:
            return rate_limited("Telegram", response, body)
        if code == 401 or (code == 404 and method in ("getMe", "getUpdates")):
            mend = ("enter the bot's current token (Accounts → Edit, or `inbox-app account "
                    f"secret {self.account_name!r}`)" if self.account_name
                    else "use the bot's current token")
            return SourceError("Telegram refused the bot token (mistyped, or revoked in "
                               f"@BotFather): {mend}"
                               + (f", or check the API address (--api {host})."
                                  if self.api != DEFAULT_API else "."))
        if code == 409 and "webhook" in said.lower():
            return SourceError("Telegram sends this bot's messages to a webhook that another "
                               "service set, so the app cannot read them: disconnect the bot "
                               "from that service, or remove the webhook by opening "
                               f"{self.api}/bot<the bot's token>/deleteWebhook in a browser.")
        if code == 409:
            return SourceError(f"Telegram says another program is reading this bot's messages "
                               f"(“{said}”): only one can — delete the bot's webhook or stop the "
                               "other copy.")
        if code == 403 and "blocked" in said.lower():
            return SourceError("The customer has blocked the shop's bot, so Telegram will not "
                               "deliver the reply.")
        if code == 403 and "deactivated" in said.lower():
            return SourceError("The customer's Telegram account has been deleted.")
        if response.status >= 500:
            return FetchError(f"{host} had a server error ({response.status}); it will be retried "
                              "later.", status=response.status)
        return FetchError(f"Telegram refused {method} (“{said or code}”).", status=code,
                          retryable=False)


# Reading messages

def fetch(account: Account, secret: str, session: requests.Session) -> FetchResult:
    reads, holds = reads_the_bot(account.config), bot_id_of(secret)
    if reads is not None and holds is not None and holds != reads:
        raise SourceError(
            f"The keyring holds another bot's token (id {holds}) for {account.name}, which "
            f"reads the bot with id {reads}: enter this bot's token (Accounts → Edit, or "
            f"`inbox-app account secret {account.name!r}`), or add a new account for the "
            "other bot.")
    bot = Bot(session, account.config, secret, account_name=account.name)
    cursor = account.cursor or {}
    offset = cursor.get("offset")
    catching_up = cursor.get("more") is True
    payload: dict[str, Any] = {"timeout": 0 if catching_up else LONG_POLL, "limit": BATCH,
                               "allowed_updates": ["message", "edited_message"]}
    if isinstance(offset, int):
        payload["offset"] = offset
    updates = bot.call("getUpdates", payload, read_timeout=LONG_POLL + 15)
    if not isinstance(updates, list):
        raise FetchError("Telegram sent updates in a shape the app does not know.",
                         retryable=False)
    # The page's own ids say what to confirm, even below the stored offset: after a week
    # without updates Telegram numbers them afresh, from a random and often lower id.
    ids = update_ids(updates)
    newest = max(ids) if ids else offset - 1 if isinstance(offset, int) else None
    items, skipped = parse_worker.run(mapped_updates, updates, account.name)
    # a full page that moved the offset on: more may wait (an unusable page would not move it)
    more = len(updates) >= BATCH and newest is not None and newest + 1 != offset
    after = {"offset": newest + 1} if newest is not None else {
        key: value for key, value in cursor.items() if key != "more"}
    if more:
        after["more"] = True
    return FetchResult(items, after, skipped, more=more,
                       warning=lost_while_away(account, offset, updates))


def update_ids(updates: list[Any]) -> list[int]:
    return [u["update_id"] for u in updates
            if isinstance(u, dict) and isinstance(u.get("update_id"), int)]


def lost_while_away(account: Account, offset: Any, updates: list[Any]) -> str | None:
    """What the owner must know when the bot was last read more than a day ago: updates
    older than 24 hours are gone from Telegram. None when the first update waiting has
    the stored offset's id (ids run on one by one, so nothing was dropped before it)."""
    last_read = account.last_success_at
    moment = now()
    if last_read is None or moment - last_read <= KEPT_FOR:
        return None
    ids = update_ids(updates)
    if ids and isinstance(offset, int) and min(ids) == offset:
        return None
    return (f"Telegram keeps a bot's messages for only 24 hours and this bot was last read "
            f"on {spoken(last_read)}, so any sent to it before {spoken(moment - KEPT_FOR)} did "
            "not reach the app and cannot be read now. Keep the app open, or run `inbox-app "
            "poll --once` from a scheduled task, at least once a day.")


def mapped_updates(updates: list[Any], account_name: str) -> tuple[list[IncomingMessage], int]:
    """The updates as scored messages and how many were not messages for the queue: CPU
    work on what was downloaded, which may run in the helper process (parse_worker).

    An edit of a message in the same batch is that message (nobody has read the first
    words yet); an edit of one stored earlier is a message of its own (`edited_message`),
    the latest edit of each in the batch."""
    items: list[IncomingMessage] = []
    first_of: dict[str, int] = {}  # a message's place in `items`
    edits: dict[str, IncomingMessage] = {}  # by the message edited, when stored earlier
    parts: dict[str, tuple[str | None, str, str | None]] = {}  # what each message shows
    skipped = 0
    for update in updates:
        if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
            skipped += 1
            continue
        if "message" in update:
            message = to_message(update, account_name)
            if message is None:
                skipped += 1
            else:
                first_of.setdefault(message.external_id, len(items))
                items.append(message)
                parts[message.external_id] = shown_parts(update["message"])
            continue
        edit = _edit(update.get("edited_message"), update["update_id"], account_name)
        if edit is None:
            skipped += 1
            continue
        edited = edit.meta["edits"]
        if edited in first_of:  # in this batch: the edited words are the message
            skipped += 1
            place = first_of[edited]
            if edit.meta["edit_date"] >= items[place].meta.get("edit_date", 0):
                items[place] = replace(items[place], text=edit.text.removeprefix(EDITED),
                                       meta={**items[place].meta,
                                             "edit_date": edit.meta["edit_date"]})
                parts[edited] = shown_parts(update["edited_message"])
            continue
        if edited in edits:
            skipped += 1
            if edits[edited].meta["edit_date"] > edit.meta["edit_date"]:
                continue
        edits[edited] = edit
    items, joined = albums_as_one(items, parts)
    return scored([*items, *edits.values()]), skipped + joined


EDITED = "[edited] "


def _edit(edited: Any, update_id: int, account_name: str) -> IncomingMessage | None:
    """A customer's edit of an earlier message, when it has words: a live location moves
    by editing its message every few seconds, and that is not something said."""
    if not isinstance(edited, dict) or not words_of(edited):
        return None
    message = to_message({"update_id": update_id, "message": edited}, account_name)
    if message is None:
        return None
    at = edited.get("edit_date") if isinstance(edited.get("edit_date"), int) else message.at
    return replace(message, external_id=f"{message.external_id}:edited:{at}",
                   text=EDITED + message.text, at=at,
                   refs=(*message.refs, message.external_id),
                   meta={**message.meta, "edits": message.external_id, "edit_date": at})


def own_number(contact: dict[str, Any]) -> str:
    """The customer's own number, shared from their Telegram account: always international,
    though some Telegram apps send it without its `+` (`4915112345678`), which would
    otherwise be read as a number of the shop's own region."""
    number = str(contact["phone_number"]).strip()
    return number if number.startswith("+") else f"+{number}"


def to_message(update: dict[str, Any], account_name: str) -> IncomingMessage | None:
    """A private message from a person to the bot, or None for anything else."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    chat = message.get("chat")
    user = message.get("from")
    if not isinstance(chat, dict) or chat.get("type") != "private" or not isinstance(user, dict) \
            or user.get("is_bot") \
            or not isinstance(user.get("id"), int) or not isinstance(message.get("message_id"), int):
        return None
    words = words_of(message)
    attachment = attachment_of(message)
    if re.fullmatch(r"/start(@\w+)?(\s+\S+)?", words) and attachment is None:
        return None  # the button that opens a chat with a bot, not something the customer said
    if not words and attachment is None:
        if SERVICE_FIELDS.intersection(message):
            return None  # Telegram's note of something done in the chat, not said
        attachment = UNKNOWN_CONTENT
    text = "\n".join(part for part in (forwarded_from(message), words, attachment) if part)
    album = message.get("media_group_id")
    username = str(user.get("username") or "")
    name = author_name(user)
    identities: list[IdentityRef] = [
        IdentityRef("telegram", str(user["id"]), f"@{username}" if username else name)]
    if username:
        with contextlib.suppress(IdentityError):
            identities.extend(identity_refs("telegram", handle=username))
    contact = message.get("contact")
    if isinstance(contact, dict) and contact.get("user_id") == user["id"] and \
            contact.get("phone_number"):
        with contextlib.suppress(IdentityError):
            identities.extend(identity_refs("telegram", phone=own_number(contact)))
    chat_id = chat["id"] if isinstance(chat.get("id"), int) else user["id"]
    replied = message.get("reply_to_message")
    refs = (f"{chat_id}:{replied['message_id']}",) if isinstance(replied, dict) and \
        isinstance(replied.get("message_id"), int) else ()
    return IncomingMessage(
        kind="telegram",
        external_id=f"{chat_id}:{message['message_id']}",
        text=text,
        at=message["date"] if isinstance(message.get("date"), int) else 0,
        account=account_name,
        thread=f"telegram:{account_name}:{chat_id}",
        refs=refs,
        author_name=name or username,
        identities=tuple(identities),
        meta={"chat_id": chat_id, "message_id": message["message_id"], "user_id": user["id"],
              "username": username or None, "update_id": update.get("update_id"),
              **({"album": album} if isinstance(album, str) and album else {})},
    )


# Replying

def utf16_length(text: str) -> int:
    """A message's length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def reply_target(messages) -> Any:
    for message in reversed(messages):
        if message.direction == "in" and message.kind == "telegram" and \
                message.meta.get("chat_id") is not None:
            return message
    return None


def send_reply(store: Store, outgoing: Outgoing) -> Sent:
    conversation, account = reply_context(store, outgoing.conversation_id, "Telegram")
    target = reply_target(store.messages(conversation.id))
    if target is None:
        raise SendError("There is no Telegram message from the customer in this conversation to "
                        "reply to.")
    length = utf16_length(outgoing.text)
    if length > MAX_TEXT:
        counted = ", an emoji counting as two," if length != len(outgoing.text) else ""
        raise SendError(f"Telegram messages can be at most {MAX_TEXT} characters{counted} and "
                        f"this reply has {length}; shorten it and send it again (the text is "
                        "kept).")
    payload = {
        "chat_id": target.meta["chat_id"],
        "text": outgoing.text,
        "reply_parameters": {"message_id": target.meta["message_id"],
                             "allow_sending_without_reply": True},
    }
    session = make_session()
    try:
        bot = Bot(session, account.config, account_secret(account.name, SECRET_LABEL),
                  account_name=account.name)
        sent = bot.call("sendMessage", payload)
    except (SourceError, FetchError) as error:
        if isinstance(error, FetchError) and error.status is None:
            raise SendError(f"{error} It may have reached the customer; check the chat before "
                            "sending it again.") from None
        raise reply_refused(error) from None
    finally:
        session.close()
    if not isinstance(sent, dict) or not isinstance(sent.get("message_id"), int):
        raise SendError("Telegram accepted the reply but did not say which message it became.")
    chat_id = target.meta["chat_id"]
    return Sent(f"{chat_id}:{sent['message_id']}",
                {"chat_id": chat_id, "message_id": sent["message_id"]})


register_sender("telegram", send_reply)
