"""What the desktop bundle carries, and how it behaves on a computer that is not the build
machine: read-only program folder, the user's own data places, another Linux's certificate
store, the same sentiment scores as the source.

The bundle is built once a session (the `bundle` fixture, tests/conftest.py) for this and
tests/test_bundle.py.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import socket
import sqlite3
import ssl
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
# Present in the bundle and still not wanted: Qt's translations (the app installs no
# translator), the embedded-device platforms (a framebuffer, a VNC server, EGLFS), GNU
# readline (GPL; only pdb wanted it, through phonenumbers' doctest lines).
UNWANTED = ("translations/", "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqvnc",
            "platforms/libqvkkhrdisplay", "platforms/libqminimalegl", "egldeviceintegrations",
            "libQt6EglFS", "libreadline", "readline.cpython", "__pycache__", "tests/")
# What the window and the commands need, which a narrower exclusion must not take away.
PLUGINS = "PySide6/Qt/plugins/"
WANTED = (PLUGINS + "iconengines/libqsvgicon.so", PLUGINS + "imageformats/libqsvg.so",
          PLUGINS + "platforms/libqxcb.so", PLUGINS + "platforms/libqwayland.so",
          PLUGINS + "platforms/libqoffscreen.so", "certifi/cacert.pem",
          "vaderSentiment/emoji_utf8_lexicon.txt", "keyring-{}.dist-info/entry_points.txt")
TEXTS = ["I love the new blend, thank you so much!",
         "Terrible service, my order never arrived and nobody answers :(",
         "Pretty good coffee 😀 but the delivery was SLOW!!!",
         "Not bad at all, though the grinder is kinda meh 😕",
         "Die Bohnen sind gut"]


def clean_env(home: Path) -> dict[str, str]:
    """A person's environment: their home, no XDG overrides, no certificate-store
    overrides (a developer's machine or CI may set them), nothing of Python's."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "INBOX_APP", "XDG_"))
           and key not in ("SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE",
                           "CURL_CA_BUNDLE")}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", TZ="UTC", LANG="C.UTF-8")
    return env


def run(program, *args: str, env: dict[str, str], cwd: Path, stdin: str | None = None):
    return subprocess.run([str(program), *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


def test_the_bundle_carries_what_it_needs_and_nothing_it_does_not(bundle):
    from importlib.metadata import version

    internal = bundle.parent / "_internal"
    names = [str(path.relative_to(internal)) + ("/" if path.is_dir() else "")
             for path in internal.rglob("*")]
    assert [name for name in names if any(part in name for part in UNWANTED)] == []
    wanted = [name.format(version("keyring")) for name in WANTED
              if sys.platform.startswith("linux") or not name.endswith(".so")]
    assert [name for name in wanted if not (internal / name).is_file()] == []


def elf_sections(path: Path) -> set[str]:
    """The section names of a 64-bit little-endian ELF file (empty for anything else)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return set()
    shoff = int.from_bytes(data[0x28:0x30], "little")
    entsize, count, names_index = (int.from_bytes(data[at:at + 2], "little")
                                   for at in (0x3A, 0x3C, 0x3E))
    if not shoff or not count:
        return set()

    def header(index: int) -> bytes:
        return data[shoff + index * entsize: shoff + (index + 1) * entsize]

    names_offset = int.from_bytes(header(names_index)[0x18:0x20], "little")
    found = set()
    for index in range(count):
        start = names_offset + int.from_bytes(header(index)[0:4], "little")
        found.add(data[start:data.index(b"\0", start)].decode("ascii", "replace"))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files are Linux's")
def test_bundled_libraries_carry_no_debugging_information(bundle):
    """A Python built from source (pyenv) keeps its debugging information: libpython alone
    was 23 MB of the bundle instead of 6."""
    if not shutil.which("strip"):
        pytest.skip("strip (binutils) is not installed where the bundle was built")
    internal = bundle.parent / "_internal"
    files = [bundle, *(path for path in internal.rglob("*.so*")
                       if path.is_file() and not path.is_symlink())]
    assert [str(path.relative_to(bundle.parent)) for path in files
            if ".debug_info" in elf_sections(path)] == []


def test_sentiment_scores_are_the_sources(bundle, tmp_path):
    lines = tmp_path / "texts.jsonl"
    lines.write_text("".join(json.dumps({"kind": "feed", "id": f"t{n}", "text": text,
                                         "at": "2026-03-01T09:00:00Z"}) + "\n"
                             for n, text in enumerate(TEXTS)), encoding="utf-8")
    env = clean_env(tmp_path)
    built = run(bundle, "--db", str(tmp_path / "bundle.db"), "import", str(lines), env=env,
                cwd=tmp_path)
    source = subprocess.run([sys.executable, "-m", "inbox_app", "--db", str(tmp_path / "source.db"),
                             "import", str(lines)], capture_output=True, text=True,
                            env={**env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=300)
    assert (built.returncode, built.stdout) == (source.returncode, source.stdout), built.stderr

    def scores(db: str) -> list[tuple]:
        with sqlite3.connect(tmp_path / db) as connection:
            return connection.execute("SELECT external_id, compound, pos, neu, neg FROM messages"
                                      " ORDER BY external_id").fetchall()

    assert scores("bundle.db") == scores("source.db")
    assert all(row[1] is not None for row in scores("bundle.db"))


def snapshot(folder: Path) -> dict[str, tuple]:
    return {str(path.relative_to(folder)): (path.lstat().st_size, path.lstat().st_mtime_ns)
            for path in folder.rglob("*")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks Linux's XDG places")
def test_a_read_only_program_folder_and_the_users_own_places(bundle, tmp_path):
    """Installed under /opt or /Applications the program folder is not the person's to
    write: the bundle keeps its store, log and settings in the user's data and config
    folders and writes nothing beside itself."""
    program = tmp_path / "program"
    shutil.copytree(bundle.parent, program, symlinks=True)
    for path in [program, *program.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = snapshot(program)
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home)
    app = program / "inbox-app"
    messages = home / "messages.jsonl"
    messages.write_text(json.dumps({"kind": "feed", "id": "r1", "text": "Lovely beans",
                                    "at": "2026-03-01T09:00:00Z"}) + "\n", encoding="utf-8")
    try:
        for args in (["import", str(messages)], ["queue", "--filter", "all"],
                     ["--screenshot", str(home / "window.png")],
                     ["report", "--from", "2026-03-01", "--format", "pdf", "--out",
                      str(home / "report.pdf")]):
            done = run(app, *args, env=env, cwd=program)
            assert done.returncode == 0, (args, done.stderr)
        assert snapshot(program) == before
        data = home / ".local" / "share" / "inbox-app"
        assert (data / "inbox.db").is_file() and (data / "inbox-app.log").is_file()
        assert (home / ".config" / "inbox-app" / "inbox-app.conf").is_file()
    finally:
        for path in [program, *program.rglob("*")]:
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A certificate authority and a server certificate for 127.0.0.1 it signed."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)

    def certificate(subject: str, key, issuer: str, issuer_key, *, authority: bool):
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=7))
                   .add_extension(x509.BasicConstraints(ca=authority, path_length=None),
                                  critical=True))
        if authority:
            builder = builder.add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            builder = builder.add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        else:
            import ipaddress

            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            builder = builder.add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            builder = builder.add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                critical=False)
        return builder.sign(issuer_key, hashes.SHA256())

    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    ca = certificate("Bundle test CA", ca_key, "Bundle test CA", ca_key, authority=True)
    server = certificate("127.0.0.1", server_key, "Bundle test CA", ca_key, authority=False)
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(server_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


class RefusingImapServer:
    """IMAP over TLS that greets and refuses every login: a client that gets as far as
    "refused" trusted the certificate."""

    def __init__(self, certificate: Path, key: Path):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(certificate, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(connection,), daemon=True).start()

    def serve(self, connection: socket.socket) -> None:
        try:
            with self.context.wrap_socket(connection, server_side=True) as tls:
                stream = tls.makefile("rwb")
                stream.write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
                stream.flush()
                for line in stream:
                    tag, _, command = line.decode("ascii", "replace").partition(" ")
                    word = command.split(" ", 1)[0].strip().upper()
                    if word == "CAPABILITY":
                        stream.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n")
                    answer = {"LOGIN": b" NO [AUTHENTICATIONFAILED] no\r\n",
                              "AUTHENTICATE": b" NO [AUTHENTICATIONFAILED] no\r\n"}
                    stream.write(tag.encode() + answer.get(word, b" OK done\r\n"))
                    stream.flush()
                    if word == "LOGOUT":
                        return
        except (OSError, ssl.SSLError):
            pass

    def close(self) -> None:
        self.listener.close()


def can_bind_mount() -> list[str] | None:
    """The unshare command that gives a process its own mount table, or None."""
    if not (sys.platform.startswith("linux") and shutil.which("unshare")):
        return None
    for command in (["unshare", "--mount", "--propagation", "private"],
                    ["unshare", "--mount", "--map-root-user", "--propagation", "private"]):
        probe = subprocess.run([*command, "sh", "-c", "mount --bind / /mnt"],
                               capture_output=True, timeout=30)
        if probe.returncode == 0:
            return command
    return None


def test_mail_trusts_the_computers_certificates_where_another_linux_keeps_them(bundle,
                                                                                  tmp_path):
    """The bundle's OpenSSL is the build machine's and looks for the trusted certificates
    where its Linux keeps them (Debian's /usr/lib/ssl). On Fedora, Arch or openSUSE
    nothing is there, and mail (IMAP and SMTP, which use the computer's trust store) could
    not verify any server. Here the build machine's place is empty and the computer's
    authorities are in /etc/ssl/cert.pem, as on Alpine."""
    unshare = can_bind_mount()
    if unshare is None:
        pytest.skip("needs Linux and `unshare` with bind mounts (root or user namespaces)")
    openssl_dir = Path(ssl.get_default_verify_paths().openssl_cafile).parent
    if openssl_dir == Path("/etc/ssl") or not openssl_dir.is_dir():
        pytest.skip(f"the build machine's OpenSSL looks in {openssl_dir}")
    certificates = tmp_path / "certificates"
    certificates.mkdir()
    ca, server_certificate, server_key = make_certificates(certificates)
    etc_ssl, empty = tmp_path / "etc-ssl", tmp_path / "empty"
    (etc_ssl / "certs").mkdir(parents=True)
    empty.mkdir()
    shutil.copy(ca, etc_ssl / "cert.pem")
    server = RefusingImapServer(server_certificate, server_key)
    home = tmp_path / "home"
    home.mkdir()
    script = (f"mount --bind {empty} {openssl_dir} && mount --bind {etc_ssl} /etc/ssl && "
              f'exec "$0" "$@"')
    try:
        done = subprocess.run(
            [*unshare, "sh", "-c", script, str(bundle), "--db", str(home / "inbox.db"),
             "account", "add", "email", "--name", "Shop", "--address", "shop@example.com",
             "--imap-host", "127.0.0.1", "--imap-port", str(server.port),
             "--smtp-host", "127.0.0.1"],
            input="secret\n", capture_output=True, text=True, env=clean_env(home),
            cwd=home, timeout=300)
    finally:
        server.close()
    assert "refused the user name or password" in done.stderr, done.stderr
