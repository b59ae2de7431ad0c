"""Real mail servers on 127.0.0.1 for the email tests: dovecot (IMAP) and aiosmtpd (SMTP).

Dovecot runs in the foreground from its own config directory, with a maildir and
a passwd-file user under a temporary directory, plaintext login allowed (it only
listens on loopback) and no TLS. Tests deliver mail the way a mail server does —
a file written into a maildir's `new/` — or APPEND it over IMAP.
"""

from __future__ import annotations

import contextlib
import grp
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from imapclient import IMAPClient

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "shop"
PASSWORD = "secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited: {log.read_text(errors='replace') if log.exists() else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError("dovecot did not start listening in time")


class Dovecot:
    """A dovecot IMAP server with one user (`shop` / `secret`) and a maildir."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="inbox-dovecot-"))
        self.root.chmod(0o755)
        self.port = free_port()
        self.host = "127.0.0.1"
        self.user = USER
        self.password = PASSWORD
        self._names = itertools.count(1)
        if os.geteuid() == 0:
            internal, login = "dovecot", "dovenull"
            mail_user = pwd.getpwnam("nobody")
            mail_uid, mail_gid = mail_user.pw_uid, mail_user.pw_gid
        else:
            internal = login = pwd.getpwuid(os.geteuid()).pw_name
            mail_uid, mail_gid = os.geteuid(), os.getegid()
        self._mail_ids = (mail_uid, mail_gid)
        self.home = self.root / "mail" / USER
        self.maildir = self.home / "Maildir"
        (self.root / "run").mkdir()
        (self.root / "state").mkdir()
        (self.root / "mail").mkdir()
        os.chown(self.root / "mail", mail_uid, mail_gid)
        (self.root / "passwd").write_text("")
        self.add_user(USER, PASSWORD)
        self.config = self.root / "dovecot.conf"
        self.log = self.root / "dovecot.log"
        login_chroot = "" if os.geteuid() == 0 else "  chroot =\n"
        self.config.write_text(f"""
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name}
default_login_user = {login}
first_valid_uid = 1
mail_location = maildir:~/Maildir
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
{login_chroot}}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
{login_chroot}}}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.root}/passwd
}}
""")
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self.process, self.log)

    def add_user(self, user: str, password: str) -> Path:
        """Another mailbox with its own password (dovecot re-reads the passwd file when it
        changes); returns its home."""
        home = self.root / "mail" / user
        home.mkdir()
        os.chown(home, *self._mail_ids)
        uid, gid = self._mail_ids
        with (self.root / "passwd").open("a") as passwd:
            passwd.write(f"{user}:{{PLAIN}}{password}:{uid}:{gid}::{home}\n")
        return home

    # IMAP as another mail client would use it

    def client(self, user: str | None = None, password: str | None = None) -> IMAPClient:
        """Signed in as `shop`, or as a user added with `add_user`."""
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(user or self.user, password or self.password)
        return client

    def new_folder(self, prefix: str = "Box") -> str:
        """A fresh, empty folder for one test."""
        name = f"{prefix}{next(self._names)}"
        with self.client() as client:
            client.create_folder(name)
        return name

    def folder_path(self, folder: str) -> Path:
        return self.maildir if folder.upper() == "INBOX" else self.maildir / f".{folder}"

    def deliver(self, folder: str, raw: bytes, *, arrived: float | None = None) -> Path:
        """Drops a message into the folder's maildir `new/`, as a delivery agent does."""
        base = self.folder_path(folder)
        name = f"{time.time():.6f}.{os.getpid()}_{next(self._names)}.inbox-test"
        staging = base / "tmp" / name
        staging.write_bytes(raw)
        if arrived is not None:
            os.utime(staging, (arrived, arrived))
        final = base / "new" / name
        staging.rename(final)
        return final

    def append(self, folder: str, raw: bytes, *, flags=(), when=None) -> None:
        with self.client() as client:
            client.append(folder, raw, flags=flags, msg_time=when)

    def recreate(self, folder: str) -> tuple[int, int]:
        """Deletes and creates the folder again; returns (old, new) UIDVALIDITY."""
        with self.client() as client:
            old = client.select_folder(folder)[b"UIDVALIDITY"]
            client.close_folder()
            client.delete_folder(folder)
            client.create_folder(folder)
            new = client.select_folder(folder)[b"UIDVALIDITY"]
        return old, new

    def flags(self, folder: str) -> dict[int, tuple]:
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            return {uid: data[b"FLAGS"] for uid, data in client.fetch(uids, ["FLAGS"]).items()}

    def count(self, folder: str) -> int:
        with self.client() as client:
            return client.folder_status(folder, [b"MESSAGES"])[b"MESSAGES"]

    def account_config(self, folder: str, **extra) -> dict:
        config = {
            "address": "shop@example.com", "user": self.user,
            "imap_host": self.host, "imap_port": self.port, "imap_security": "none",
            "folder": folder, "smtp_host": "127.0.0.1", "smtp_port": 1,
            "smtp_security": "none", "sent_folder": None, "copy_to_sent": False,
            "history_days": 30, "mark_read": False, "delete_after_import": False,
        }
        config.update(extra)
        return config

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    authenticated: bool


@dataclass
class _Handler:
    received: list[Received] = field(default_factory=list)
    rejected_domain: str = "@rejected.example"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(self.rejected_domain):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content or envelope.content,
                                      bool(session.authenticated)))
        return "250 Message accepted for delivery"


class SMTPServer:
    """An aiosmtpd server in this process that accepts `shop` / `secret` (and the `logins`
    a test adds) and keeps what it gets."""

    def __init__(self):
        self.handler = _Handler()
        self.port = free_port()
        self.host = "127.0.0.1"

        self.refuse_logins = False
        self.logins = {USER: PASSWORD}

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (not self.refuse_logins and isinstance(auth_data, LoginPassword)
                  and self.logins.get(auth_data.login.decode(errors="replace"), "").encode()
                  == auth_data.password and auth_data.password != b"")
            return AuthResult(success=ok, handled=ok)  # unhandled failure: aiosmtpd answers 535

        # AUTH offered without TLS (loopback only); each message records whether the
        # client signed in.
        self.controller = Controller(
            self.handler, hostname=self.host, port=self.port, authenticator=authenticate,
            auth_require_tls=False,
        )
        self.controller.start()

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def wait_for(self, count: int, timeout: float = 5) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.received

    def reset(self) -> None:
        self.handler.received.clear()
        self.refuse_logins = False
        self.logins = {USER: PASSWORD}

    def stop(self) -> None:
        self.controller.stop()


