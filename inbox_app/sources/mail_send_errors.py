"""What went wrong sending a reply, in the one sentence the shop reads.

smtplib raises a different exception for every step of a conversation with the server,
and every one of them is an OSError too; a server's own answer (code and words) must be
said as such, not taken for an unreachable server. A server that sends only for those
signed in, a reply too large, a refused recipient or sender each name what the shop can
mend. Used by mail_smtp.py, which talks to the server.
"""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage
from typing import Any

from inbox_app.replies import SendError
from inbox_app.sources.mail_connection import refused_password, transport_problem


def smtp_error(error: BaseException, host: str, port: int, user: str,
               account_name: str | None = None, *, signed_in: bool = False,
               security: str = "starttls") -> SendError:
    where = f"{host}:{port}"
    if wanted := _sign_in_wanted(error, host, port, user, signed_in, security):
        return wanted
    if isinstance(error, smtplib.SMTPAuthenticationError) and 400 <= error.smtp_code < 500:
        # 454 (RFC 4954): its password store did not answer; the password may be right.
        return SendError(f"The mail server {host} could not sign {user} in just now "
                         f"({error.smtp_code} {server_said(error.smtp_error)}); try again in "
                         "a while.")
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return SendError(refused_password(host, user, account_name))
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(
            f"{address} ({code} {server_said(reply)})" for address, (code, reply) in
            error.recipients.items())
        return SendError(f"The mail server refused the recipient {refused}.")
    if isinstance(error, smtplib.SMTPSenderRefused | smtplib.SMTPDataError) and \
            _too_large(error.smtp_code, error.smtp_error):
        return SendError(f"The mail server refused the reply as too large ({error.smtp_code} "
                         f"{server_said(error.smtp_error)}).")
    if isinstance(error, smtplib.SMTPSenderRefused):
        return SendError(f"The mail server refused the sender address {error.sender} "
                         f"({error.smtp_code} {server_said(error.smtp_error)}).")
    if isinstance(error, smtplib.SMTPDataError):
        return SendError(f"The mail server rejected the message ({error.smtp_code} "
                         f"{server_said(error.smtp_error)}).")
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
                         f"{server_said(error.smtp_error)}).")
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
    said = server_said(reply)
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
    said = server_said(reply)
    return "5.3.4" in said or (code == 552 and "5.2.2" not in said)


def server_said(reply: Any) -> str:
    """A server's answer as words on one line, without its closing full stop (the sentence
    around it has its own)."""
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return " ".join(str(reply).split()).rstrip(".")


def refused_recipients(refused: dict[str, tuple[int, Any]], message: EmailMessage) -> str:
    """Whom the server refused while it took the reply for the others (a Cc'd address): the
    reply went (sent again, it would reach them twice), and this is who did not get it."""
    listed = ", ".join(f"{address} ({code} {server_said(answer)})"
                       for address, (code, answer) in refused.items())
    gone = {address.lower() for address in refused}
    reached = [address.addr_spec for name in ("To", "Cc") if message[name]
               for address in message[name].addresses if address.addr_spec.lower() not in gone]
    return f"The mail server refused {listed}; the reply reached {', '.join(reached)}."
