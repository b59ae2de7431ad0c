"""Replies by email: threaded like a mail client's, sent over SMTP, failures in one sentence.

A reply goes From the account's address to the customer's (Reply-To when they
set one), with whomever else they wrote to or copied in as Cc (never the shop's own
addresses), `Subject: Re: …`, `In-Reply-To` the customer's latest message and
`References` its chain, and a Message-ID of our own — which becomes the stored
reply's external id, so the customer's answer (In-Reply-To that id) threads
back into the same conversation.
"""

from __future__ import annotations

import base64
import logging
import re
import smtplib
import socket
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from inbox_app.core.models import Message
from inbox_app.replies import Outgoing, SendError, Sent
from inbox_app.sources import SourceError
from inbox_app.sources.apis import account_secret, account_still_set_up
from inbox_app.sources.mail_auto import AUTO_REPLY
from inbox_app.sources.mail_connection import (
    check_security,
    refused_password,
    tls_context,
    transport_problem,
)
from inbox_app.sources.mail_imap import imap_session, own_addresses
from inbox_app.sources.mail_imap import resolve_sent_folder as _resolve_sent_folder
from inbox_app.sources.mail_parse import reply_subject
from inbox_app.store import Store

log = logging.getLogger(__name__)

SMTP_TIMEOUT = 30.0
MAX_REFERENCES = 20
QUOTE_CHARS = 4_000


@dataclass(frozen=True)
class ReplyPlan:
    """Whom to answer (and whom they copied in), and the headers that keep the thread
    together."""

    to: str
    subject: str
    in_reply_to: str | None
    references: tuple[str, ...]
    quote_author: str
    quote_at: int | None
    quote_text: str
    cc: tuple[str, ...] = ()


def _is_message_id(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("<") and value.endswith(">")


def plan_reply(messages: Sequence[Message], own: set[str],
               customer_addresses: Sequence[str] = ()) -> ReplyPlan:
    """The reply to a conversation's latest message from the customer, to its Reply-To or
    From, copying in whom it copied in (`copied_in`).

    Bounces, complaints and read receipts are not answered, nor an out-of-office while the
    customer's own message is there; a conversation the shop started (found in the Sent
    folder) is answered to its recipient.
    """
    ordered = sorted(messages, key=lambda m: (m.at, m.id))
    # The customer's own latest message; their out-of-office only when there is none (it
    # would set "Re: Automatic reply: …" and quote their absence back to them).
    target = next((m for m in reversed(ordered)
                   if m.direction == "in" and m.meta.get("auto") is None), None) or \
        next((m for m in reversed(ordered)
              if m.direction == "in" and m.meta.get("auto") == AUTO_REPLY), None)
    to = None
    if target is not None:
        to = target.meta.get("reply_to") or target.meta.get("from")
    else:
        for message in reversed(ordered):
            if message.direction == "out" and message.delivery in (None, "sent"):
                recipients = [a for a in message.meta.get("to") or [] if a not in own]
                if recipients:
                    target, to = message, recipients[0]
                    break
    if not to:
        to = next((a for a in customer_addresses if a not in own), None)
    if not to:
        raise SendError("There is no email address to reply to in this conversation.")
    cc = copied_in(target, to, own) if target is not None else ()
    if target is None:
        target = ordered[-1] if ordered else None
    message_id = None
    references: list[str] = []
    subject = ""
    if target is not None:
        message_id = target.meta.get("message_id") or (
            target.external_id if _is_message_id(target.external_id) else None)
        references = [r for r in target.meta.get("references") or [] if _is_message_id(r)]
        subject = target.meta.get("subject") or target.title or ""
    if message_id:
        references = [r for r in references if r != message_id] + [message_id]
    if len(references) > MAX_REFERENCES:
        references = references[:1] + references[-(MAX_REFERENCES - 1):]
    quote = ""
    if target is not None and target.direction == "in":
        quote = target.text[:QUOTE_CHARS]
    return ReplyPlan(
        to=to,
        subject=reply_subject(subject),
        in_reply_to=message_id,
        references=tuple(references),
        quote_author=(target.author_name or to) if target is not None else to,
        quote_at=target.at if target is not None else None,
        quote_text=quote,
        cc=cc,
    )


def copied_in(message: Message, to: str, own: set[str]) -> tuple[str, ...]:
    """Everyone else the message answered was written to or copied to, kept on the reply as
    a Cc ("reply all", as shared inboxes answer): a colleague the customer included stays in
    the exchange. Never the shop's own addresses (the reply would come back into the
    inbox), nor the one answered twice; nobody is Bcc'd."""
    seen = {to.lower(), *own}
    kept: list[str] = []
    for address in [*(message.meta.get("to") or []), *(message.meta.get("cc") or [])]:
        if isinstance(address, str) and "@" in address and address.lower() not in seen:
            seen.add(address.lower())
            kept.append(address)
    return tuple(kept)


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


def _smtp_error(error: BaseException, host: str, port: int, user: str,
                account_name: str | None = None, *, signed_in: bool = False,
                security: str = "starttls") -> SendError:
    where = f"{host}:{port}"
    if wanted := _sign_in_wanted(error, host, port, user, signed_in, security):
        return wanted
    if isinstance(error, smtplib.SMTPAuthenticationError) and 400 <= error.smtp_code < 500:
        # 454 (RFC 4954): its password store did not answer; the password may be right.
        return SendError(f"The mail server {host} could not sign {user} in just now "
                         f"({error.smtp_code} {_decode(error.smtp_error)}); try again in a "
                         "while.")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return SendError(refused_password(host, user, account_name))
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(
            f"{address} ({code} {_decode(reply)})" for address, (code, reply) in
            error.recipients.items())
        return SendError(f"The mail server refused the recipient {refused}.")
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError) and \
            _too_large(error.smtp_code, error.smtp_error):
        return SendError(f"The mail server refused the reply as too large ({error.smtp_code} "
                         f"{_decode(error.smtp_error)}).")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return SendError(f"The mail server refused the sender address {error.sender} "
                         f"({error.smtp_code} {_decode(error.smtp_error)}).")
    if isinstance(error, smtplib.SMTPDataError):
        return SendError(f"The mail server rejected the message ({error.smtp_code} "
                         f"{_decode(error.smtp_error)}).")
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return SendError(f"The mail server {host} does not offer {error}; check the security "
                         "setting.")
    if isinstance(error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return SendError(f"The mail server {where} could not be reached (it closed the "
                         "connection).")
    if problem := transport_problem(error, host, port):
        return SendError(problem)
    if isinstance(error, ConnectionRefusedError):
        return SendError(f"The mail server {where} could not be reached (it refused the "
                         "connection).")
    if isinstance(error, TimeoutError | socket.timeout):
        return SendError(f"The mail server {where} could not be reached (no answer in time).")
    # Before OSError: every smtplib error is an OSError too.
    if isinstance(error, smtplib.SMTPResponseException):
        return SendError(f"Sending through {host} failed ({error.smtp_code} "
                         f"{_decode(error.smtp_error)}).")
    if isinstance(error, OSError):
        return SendError(f"The mail server {where} could not be reached "
                         f"({error.strerror or error}).")
    return SendError(f"Sending through {host} failed ({type(error).__name__}: {error}).")


def _sign_in_wanted(error: BaseException, host: str, port: int, user: str, signed_in: bool,
                    security: str) -> SendError | None:
    """A server that sends only for those signed in (530, RFC 4954), or only over TLS, says
    so to MAIL FROM or RCPT TO; taken for a refused sender or recipient, the shop would mend
    the wrong thing. Met where it offers no sign-in: the port for mail between servers (25)
    given as the sending server."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, reply = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, reply = error.smtp_code, error.smtp_error
    else:
        return None
    said = _decode(reply)
    lowered = said.lower()
    relay_refused = "relay" in lowered and "5.7.1" in said and not signed_in
    if code != 530 and not relay_refused:
        return None
    if "starttls" in lowered and security != "starttls":
        return SendError(f"The mail server {host}:{port} sends mail only over an encrypted "
                         f"connection ({code} {said}); set its security to starttls (port "
                         "587).")
    if signed_in:
        return SendError(f"The mail server {host} asks for a sign-in although {user} is "
                         f"signed in ({code} {said}); ask your provider whether this login "
                         "may send mail.")
    return SendError(f"The mail server {host}:{port} sends mail only for those signed in, and "
                     f"it offers no sign-in on this port ({code} {said}); use your provider's"
                     " port for sending from a mail program: 587 with starttls, or 465 with "
                     "ssl.")


def _too_large(code: int, reply: Any) -> bool:
    """552 after MAIL FROM … SIZE= or after the data (RFC 1870), or 5.3.4 — not 5.2.2, the
    recipient's mailbox full."""
    said = _decode(reply)
    return "5.3.4" in said or (code == 552 and "5.2.2" not in said)


def _decode(reply: Any) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return " ".join(str(reply).split()).rstrip(".")


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


def _refused_recipients(refused: dict[str, tuple[int, Any]], message: EmailMessage) -> str:
    """Whom the server refused while it took the reply for the others (a Cc'd address): the
    reply went (sent again, it would reach them twice), and this is who did not get it."""
    listed = ", ".join(f"{address} ({code} {_decode(answer)})"
                       for address, (code, answer) in refused.items())
    gone = {address.lower() for address in refused}
    reached = [address.addr_spec for name in ("To", "Cc") if message[name]
               for address in message[name].addresses if address.addr_spec.lower() not in gone]
    return f"The mail server refused {listed}; the reply reached {', '.join(reached)}."


def shop_addresses(store: Store, config: dict[str, Any]) -> set[str]:
    """The account's own addresses and those of the shop's other email accounts: none of
    them is a customer to send a reply to or copy one in (another account of the shop's
    would read the copy as a customer's message)."""
    addresses = own_addresses(config)
    for account in store.list_accounts():
        if account.kind == "email" and account.config.get("address"):
            addresses |= own_addresses(account.config)
    return addresses


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
        meta["refused_recipients"] = _refused_recipients(refused, message)
        log.warning("%s", meta["refused_recipients"])
    if config.get("copy_to_sent"):
        problem = _copy_to_sent(config, secret, message, account.name)
        if problem:
            log.warning("%s", problem)
            meta["sent_folder_problem"] = problem
    return Sent(external_id=message["Message-ID"], meta=meta)
