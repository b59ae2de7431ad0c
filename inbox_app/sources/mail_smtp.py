"""Replies by email: built from a reply plan and sent over SMTP.

A reply goes From the account's address to whom mail_reply_plan.py says (the
customer's Reply-To or From, whomever they copied in as Cc), with a Message-ID of our
own — which becomes the stored reply's external id, so the customer's answer
(In-Reply-To that id) threads back into the same conversation. What goes wrong on the
way is said in one sentence by mail_send_errors.py.
"""

from __future__ import annotations

import base64
import logging
import re
import smtplib
from contextlib import suppress
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from inbox_app.replies import Outgoing, SendError, Sent
from inbox_app.sources import SourceError
from inbox_app.sources.apis import account_secret, account_still_set_up
from inbox_app.sources.mail_connection import check_security, tls_context
from inbox_app.sources.mail_imap import imap_session
from inbox_app.sources.mail_imap import resolve_sent_folder as _resolve_sent_folder
from inbox_app.sources.mail_reply_plan import ReplyPlan, plan_reply, shop_addresses
from inbox_app.sources.mail_send_errors import refused_recipients
from inbox_app.sources.mail_send_errors import smtp_error as _smtp_error
from inbox_app.store import Store

log = logging.getLogger(__name__)

SMTP_TIMEOUT = 30.0


def _mailbox(name: str | None, address: str) -> Address:
    """An address header's value built as a structure, not a string: a name such as
    `Bäckerei (Berlin)` or `Shop, Ltd` reaches the customer whole (as a string, the part in
    brackets is taken for a comment and dropped, a comma splits it)."""
    local, _, domain = address.rpartition("@")
    try:
        domain.encode("ascii")
    except UnicodeEncodeError:  # bücher.example: written as xn--bcher-kva.example
        with suppress(UnicodeError):
            domain = domain.encode("idna").decode("ascii")
    try:
        return Address(display_name=name or "", username=local, domain=domain)
    except (ValueError, TypeError):  # a name with line breaks, say: the address alone
        return Address(username=local, domain=domain)


def message_id_for(reply_id: str | None, domain: str) -> str:
    """The reply's Message-ID: the same on every try of one stored reply (its `local:`
    id), so a server that took a try it did not confirm, and the retry after it, deliver
    one message the customer's mail program shows once."""
    if reply_id and reply_id.startswith("local:"):
        token = re.sub(r"[^A-Za-z0-9.-]", "", reply_id.removeprefix("local:"))
        if token:
            return f"<{token}@{domain}>"
    return make_msgid(domain=domain)


def build_reply(config: dict[str, Any], plan: ReplyPlan, text: str,
                sender_name: str | None = None, *, reply_id: str | None = None
                ) -> EmailMessage:
    address = config["address"]
    domain = address.rsplit("@", 1)[-1]
    message = EmailMessage()
    message["From"] = _mailbox(sender_name, address)
    message["To"] = _mailbox(None, plan.to)
    if plan.cc:
        message["Cc"] = [_mailbox(None, address) for address in plan.cc]
    message["Subject"] = plan.subject
    message["Date"] = format_datetime(datetime.now().astimezone())
    message["Message-ID"] = message_id_for(reply_id, domain)
    if plan.in_reply_to:
        message["In-Reply-To"] = plan.in_reply_to
    if plan.references:
        message["References"] = " ".join(plan.references)
    body = text.rstrip() + "\n"
    if plan.quote_text:
        when = ""
        if plan.quote_at:
            moment = datetime.fromtimestamp(plan.quote_at).astimezone()
            when = f"On {moment:%a, %d %b %Y at %H:%M}, "
        quoted = "\n".join(f"> {line}".rstrip() for line in plan.quote_text.splitlines())
        body += f"\n{when or 'Earlier, '}{plan.quote_author} wrote:\n{quoted}\n"
    message.set_content(body)
    return message


class _HandOverWatched:
    """Knows whether the whole message has gone to the server (its ending dot after DATA):
    silence after that may be a server still taking it, not a reply that never left."""

    handed_over = False
    signed_in = False

    def send(self, data) -> None:
        super().send(data)  # type: ignore[misc]
        if isinstance(data, bytes) and data.endswith(b"\r\n.\r\n"):
            self.handed_over = True


class _SMTP(_HandOverWatched, smtplib.SMTP):
    pass


class _SMTPSSL(_HandOverWatched, smtplib.SMTP_SSL):
    pass


def _connect(config: dict[str, Any]) -> smtplib.SMTP:
    host = config["smtp_host"]
    port = int(config["smtp_port"])
    security = config.get("smtp_security", "starttls")
    if security == "ssl":
        return _SMTPSSL(host, port, timeout=SMTP_TIMEOUT, context=tls_context())
    connection = _SMTP(host, port, timeout=SMTP_TIMEOUT)
    if security == "starttls":
        connection.ehlo()
        connection.starttls(context=tls_context())
    return connection


def smtp_login(config: dict[str, Any], secret: str, *, account_name: str | None = None
               ) -> smtplib.SMTP:
    """A connected (and, where the server offers it, signed-in) SMTP session; a refused
    password names `account_name`'s way to a new one, when given."""
    host = config["smtp_host"]
    port = int(config["smtp_port"])
    user = config.get("user") or config["address"]
    try:
        check_security(host, config.get("smtp_security", "starttls"), "SMTP")
    except SourceError as error:
        raise SendError(str(error)) from None
    connection = None
    try:
        connection = _connect(config)
        connection.ehlo_or_helo_if_needed()
        if connection.has_extn("auth"):
            _sign_in(connection, host, user, secret)
            connection.signed_in = True  # type: ignore[attr-defined]
        return connection
    except SendError:
        if connection is not None:
            _close(connection)
        raise
    except Exception as error:
        if connection is not None:
            _close(connection)
        raise _smtp_error(error, host, port, user, account_name,
                          security=config.get("smtp_security", "starttls")) from None


def check_sending(config: dict[str, Any], secret: str) -> None:
    """Signs in and asks to send from the account's address, sending nothing (MAIL FROM,
    then RSET): a server that sends only for those signed in, or not from this address for
    this login, says so when the account is tested rather than at its first reply."""
    host = config["smtp_host"]
    port = int(config["smtp_port"])
    user = config.get("user") or config["address"]
    connection = smtp_login(config, secret)
    sender = _mailbox(None, config["address"]).addr_spec
    try:
        options: list[str] = []
        if not sender.isascii():
            if not connection.has_extn("smtputf8"):
                return  # a reply to such a server says so (send_message)
            options = ["SMTPUTF8"]
        code, answer = connection.mail(sender, options)
        if not 200 <= code < 300:
            raise smtplib.SMTPSenderRefused(code, answer, sender)
        connection.rset()
    except Exception as error:
        raise _smtp_error(error, host, port, user, signed_in=connection.signed_in,
                          security=config.get("smtp_security", "starttls")) from None
    finally:
        _close(connection)


def _sign_in(connection: smtplib.SMTP, host: str, user: str, secret: str) -> None:
    """smtplib signs in with ASCII only, and a password such as "Grüße-2026" failed with a
    UnicodeEncodeError; SASL PLAIN carries UTF-8 (RFC 4616), as reading's sign-in does."""
    if f"{user}{secret}".isascii():
        connection.login(user, secret)
        return
    if "PLAIN" not in connection.esmtp_features.get("auth", "").upper().split():
        raise SendError(f"The mail server {host} takes only passwords and user names of "
                        "plain letters (A–Z), digits and punctuation at sign-in; use such "
                        "a password, or an app password.")
    token = base64.b64encode(f"\0{user}\0{secret}".encode()).decode("ascii")
    code, reply = connection.docmd("AUTH", f"PLAIN {token}")
    if code == 334:  # a server that takes no initial response asks for it
        code, reply = connection.docmd(token)
    if code not in (235, 503):  # 503: signed in already
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except Exception:
        connection.close()


def send_message(config: dict[str, Any], secret: str, message: EmailMessage, *,
                 account_name: str | None = None) -> dict[str, tuple[int, Any]]:
    """Sends the message; returns the recipients the server refused while it took the
    others (a Cc'd address), each with its answer. Refused all, it raises SendError."""
    host = config["smtp_host"]
    port = int(config["smtp_port"])
    user = config.get("user") or config["address"]
    connection = smtp_login(config, secret, account_name=account_name)
    try:
        return connection.send_message(message)
    except smtplib.SMTPServerDisconnected as error:
        if getattr(connection, "handed_over", False) and \
                isinstance(error.__context__, TimeoutError):
            # smtplib says "closed" for a wait that timed out too: the server has the whole
            # reply and may yet send it (a slow scan), so sent again it may arrive twice.
            raise SendError(f"The mail server {host}:{port} took the reply but did not "
                            "confirm it in time, so it may have reached the customer; make "
                            "sure it did not before sending it again.") from None
        # Closed before the server's "250" to the message's end: it has not taken it (RFC
        # 5321 4.1.1.4), so the failed reply can be sent again without reaching them twice.
        raise SendError(f"The mail server {host}:{port} closed the connection while the reply"
                        " was being sent; it was not accepted, so it can be sent again.") \
            from None
    except smtplib.SMTPNotSupportedError as error:
        if "SMTPUTF8" not in str(error):
            raise _smtp_error(error, host, port, user) from None
        beyond_ascii = [address.addr_spec for name in ("To", "Cc") if message[name]
                        for address in message[name].addresses
                        if not address.addr_spec.isascii()] or [str(message["To"])]
        raise SendError(f"The mail server {host} cannot send to {', '.join(beyond_ascii)}: an "
                        "address with non-ASCII letters before the @ needs SMTPUTF8, which "
                        "this server does not offer.") from None
    except Exception as error:
        raise _smtp_error(error, host, port, user, account_name,
                          signed_in=getattr(connection, "signed_in", False),
                          security=config.get("smtp_security", "starttls")) from None
    finally:
        _close(connection)


def _copy_to_sent(config: dict[str, Any], secret: str, message: EmailMessage,
                  account_name: str) -> str | None:
    """Files the reply in the Sent folder; returns a problem sentence, or None."""
    try:
        with imap_session(config, secret, account_name=account_name) as client:
            folder = _resolve_sent_folder(client, config.get("sent_folder") or "auto")
            client.append(folder, message.as_bytes(), flags=[b"\\Seen"])
    except SourceError as error:
        return f"The reply was sent but not filed in the Sent folder: {error}"
    return None


def send_reply(store: Store, outgoing: Outgoing) -> Sent:
    """The sender `replies.reply()` calls for email conversations."""
    conversation = store.get_conversation(outgoing.conversation_id)
    account = account_still_set_up(store, conversation.account, "email", "email",
                                   error=SendError)
    secret = account_secret(account.name, "password", error=SendError)
    config = account.config
    own = shop_addresses(store, config)
    customer_addresses: list[str] = []
    if conversation.customer_id is not None:
        customer = store.get_customer(conversation.customer_id)
        customer_addresses = [i.value for i in customer.identities if i.kind == "email"]
    messages = [m for m in store.messages(conversation.id) if m.id != outgoing.message_id]
    plan = plan_reply(messages, own, customer_addresses)
    sender_name = config.get("display_name") or store.get_setting("business_name") or None
    stored = store.get_message(outgoing.message_id)
    message = build_reply(config, plan, outgoing.text, sender_name,
                          reply_id=stored.external_id)
    refused = send_message(config, secret, message, account_name=account.name)
    meta: dict[str, Any] = {
        "message_id": message["Message-ID"],
        "in_reply_to": plan.in_reply_to,
        "references": list(plan.references),
        "subject": plan.subject,
        "from": config["address"],
        "to": [plan.to],
    }
    if plan.cc:
        meta["cc"] = list(plan.cc)
    if refused:
        meta["refused_recipients"] = refused_recipients(refused, message)
        log.warning("%s", meta["refused_recipients"])
    if config.get("copy_to_sent"):
        problem = _copy_to_sent(config, secret, message, account.name)
        if problem:
            log.warning("%s", problem)
            meta["sent_folder_problem"] = problem
    return Sent(external_id=message["Message-ID"], meta=meta)
