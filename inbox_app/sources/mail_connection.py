"""Mail servers, IMAP and SMTP alike: TLS as the account asks (plain only on this
computer), and a failed connection said in one sentence the owner can act on."""

from __future__ import annotations

import imaplib
import socket
import ssl

from imapclient.exceptions import LoginError

from inbox_app.sources import SourceError
from inbox_app.sources.http import is_loopback


def transport_problem(error: BaseException, host: str, port: int) -> str | None:
    """The name-lookup and TLS failures reading (IMAP) and sending (SMTP) share, in one
    sentence; None for anything else."""
    if isinstance(error, socket.gaierror):
        return f"The mail server {host} could not be found; check its name."
    if isinstance(error, ssl.SSLCertVerificationError):
        return (f"The certificate of {host} could not be verified "
                f"({error.verify_message or error.reason}).")
    if isinstance(error, ssl.SSLError):
        return (f"No secure connection to {host}:{port} could be made ({error.reason}); "
                "check the port and the security setting.")
    return None


class PasswordRefused(SourceError):
    """The server refused the login: the same password tried again cannot help, and a
    server guarding against guessing (fail2ban) bans the shop's address after a few."""


# Answers to LOGIN (RFC 5530) that say the server could not check the password just now,
# not that it was wrong: its password store is down, or too many connections are open.
NOT_CHECKED_NOW = ("[UNAVAILABLE]", "[LIMIT]", "[INUSE]", "[SERVERBUG]")


def refused_password(host: str, user: str, account_name: str | None) -> str:
    """What reading (IMAP) and sending (SMTP) say when the server refuses the login; with
    the account's name, how to give it the current password. Without one (an account
    checked before it exists) there is no account to mend."""
    said = f"The mail server {host} refused the user name or password for {user}"
    if not account_name:
        return f"{said}."
    return (f"{said}; enter the account's current password (Accounts → Edit, or "
            f"`inbox-app account secret {account_name!r}`).")


def connection_error(error: BaseException, host: str, port: int, user: str,
                     account_name: str | None = None) -> SourceError:
    """One sentence for what went wrong talking to a mail server."""
    where = f"{host}:{port}"
    if isinstance(error, LoginError):
        words = error_words(error)
        if any(code in words.upper() for code in NOT_CHECKED_NOW):
            return SourceError(f"The mail server {host} could not sign {user} in just now "
                               f"({words}); it is tried again later.")
        return PasswordRefused(refused_password(host, user, account_name))
    if problem := transport_problem(error, host, port):
        return SourceError(problem)
    if isinstance(error, ConnectionRefusedError):
        return SourceError(f"The mail server {where} refused the connection; check the port and "
                           "the security setting.")
    if isinstance(error, TimeoutError | socket.timeout):
        return SourceError(f"The mail server {where} did not answer in time.")
    if isinstance(error, imaplib.IMAP4.abort):
        return SourceError(f"The mail server {host} closed the connection ({error_words(error)}).")
    if isinstance(error, imaplib.IMAP4.error):
        return SourceError(f"The mail server {host} reported a problem: {error_words(error)}.")
    if isinstance(error, OSError):
        return SourceError(f"The mail server {where} could not be reached "
                           f"({error.strerror or error}).")
    return SourceError(f"Reading mail from {host} failed ({type(error).__name__}: {error}).")


def error_words(error: BaseException) -> str:
    text = str(error.args[0] if error.args else error)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return text.strip().rstrip(".") or type(error).__name__


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def check_security(host: str, security: str, what: str) -> None:
    if security not in ("ssl", "starttls", "none"):
        raise SourceError(f"The {what} security must be ssl, starttls or none, not {security!r}.")
    if security == "none" and not is_loopback(host):
        raise SourceError(f"Unencrypted {what} is allowed only for this computer (localhost), "
                          f"not for {host}; use ssl or starttls.")
