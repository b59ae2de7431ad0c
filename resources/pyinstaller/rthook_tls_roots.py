"""Bundle runtime hook: TLS by `ssl.create_default_context()` (mail's IMAP and SMTP) trusts
the computer's certificate authorities, wherever its Linux keeps them.

The bundle carries the build machine's OpenSSL, which looks for them where the build
machine's distribution keeps them (Debian: /usr/lib/ssl). Elsewhere (Fedora, Arch,
openSUSE; macOS with a python.org or Homebrew build) nothing is there, and no mail server's
certificate could be verified. Unless the person chose a store (SSL_CERT_FILE or
SSL_CERT_DIR), OpenSSL is pointed at the computer's own bundle, the first of these that
exists (on Debian and Ubuntu the file /usr/lib/ssl/cert.pem links to, so nothing changes
there), or else at certifi's, which the bundle carries (requests, for feeds and APIs, uses
certifi's anyway). It costs a few file look-ups, not an `import ssl`, at every start.
Windows has its own store, which Python reads.
"""

import os
import sys

SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Arch, Gentoo
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # CentOS, RHEL 7+
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/ssl/cert.pem",  # Arch, Alpine, macOS
    "/etc/pki/tls/cacert.pem",
)


def _point_openssl_at_the_computers_roots() -> None:
    if sys.platform == "win32" or os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR"):
        return
    for path in SYSTEM_BUNDLES:
        if os.path.isfile(path):
            os.environ["SSL_CERT_FILE"] = path
            return
    carried = os.path.join(getattr(sys, "_MEIPASS", ""), "certifi", "cacert.pem")
    if os.path.isfile(carried):
        os.environ["SSL_CERT_FILE"] = carried


_point_openssl_at_the_computers_roots()
