"""Which links a feed entry keeps: its own web page, whole, resolved against the feed's
address. Never an address without a server, one too long to keep, or the feed's own
(an item "linking" to `#` has no page to open). Used by feed_parse.py and feed_messages.py.
"""

from __future__ import annotations

import html as html_module
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

LINK_SCHEMES = ("http", "https")
# Longer links are left out, never cut short (that opens a wrong page); this also keeps
# them within PostgreSQL's index on links (2,704 bytes a row).
MAX_LINK = 2000


def base_url(url: str, content_location: str | None) -> str:
    """Where relative links point: the server's Content-Location when it is a web address."""
    if content_location:
        resolved = joined(url, content_location.strip())
        if resolved and urlsplit(resolved).scheme in LINK_SCHEMES:
            return resolved
    return url


def joined(base: str, link: str) -> str | None:
    """`link` read against `base`; None for an address too broken to read ("http://[::1")."""
    try:
        return urljoin(base, link)
    except ValueError:
        return None


def own_addresses(*addresses: str | None) -> frozenset[str]:
    """The feed's own addresses: an item "linking" there (`<link>#</link>`, `href=""`) has
    no page of its own, and opening the feed's XML is no use to anyone."""
    return frozenset(_without_fragment(address) for address in addresses if address)


def _without_fragment(address: str) -> str:
    return address.strip().split("#", 1)[0]


def written_in(body: bytes, encoding: str | None) -> Callable[[str], bool]:
    """Whether an address is written in the document as it stands (decoded only when first
    asked: most feeds never need it)."""
    text: list[str] = []

    def written(address: str) -> bool:
        if not text:
            try:
                text.append(body.decode(encoding or "utf-8", "replace").lower())
            except LookupError:
                text.append(body.decode("utf-8", "replace").lower())
        after_scheme = address.lower().partition(":")[2]  # "//host/…", as a guid may omit it
        return bool(after_scheme) and (after_scheme in text[0] or
                                       html_module.escape(after_scheme, quote=False) in text[0])

    return written


def web_link(link: str | None, own: frozenset[str] = frozenset()) -> str | None:
    """Only the item's web page is kept, whole: the window opens it in the browser. Not an
    address without a server ("http:reviews/1"), nor the feed's own."""
    if not link:
        return None
    link = link.strip()
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:  # "http://[::1", "https://[oops]/"
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not host or len(link) > MAX_LINK:
        return None
    if _without_fragment(link) in own:
        return None
    return link
