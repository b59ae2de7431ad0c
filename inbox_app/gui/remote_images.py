"""Fetching a message's remote images, only after a person chose "load images"."""

from __future__ import annotations

import re

MAX_IMAGES = 30
MAX_BYTES = 5_000_000
TIMEOUT = (5, 10)
PICTURE_SECONDS = 20.0  # a picture still arriving after this is left out
ALL_PICTURES_SECONDS = 60.0  # and every picture still to come after this
_SRC = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"', re.IGNORECASE)


def image_sources(html: str) -> list[str]:
    """The src of every <img> in sanitized HTML (nh3 always double-quotes attributes)."""
    return [src.replace("&amp;", "&") for src in _SRC.findall(html or "")]


def fetch_images(urls: list[str]) -> dict[str, bytes]:
    """Downloads up to MAX_IMAGES http(s) images, each capped in size and in time; failures
    are skipped (a missing picture is shown as a placeholder, never as an error). The read
    timeout alone let a server sending a byte every few seconds hold the worker (and the
    window's quit, which waits for it) for as long as it liked."""
    import time

    import requests  # only when a person asked for images: keeps start-up quick
    from urllib3.exceptions import HTTPError

    fetched: dict[str, bytes] = {}
    all_done_by = time.monotonic() + ALL_PICTURES_SECONDS
    with requests.Session() as session:
        session.headers["User-Agent"] = "inbox-app"
        for url in [u for u in dict.fromkeys(urls) if u.startswith(("http://", "https://"))][
            :MAX_IMAGES
        ]:
            try:
                deadline = min(time.monotonic() + PICTURE_SECONDS, all_done_by)
                if time.monotonic() >= all_done_by:
                    break
                with session.get(url, timeout=TIMEOUT, stream=True) as response:
                    if response.status_code != 200:
                        continue
                    # read1 returns what has come; iter_content waits for 64 kB.
                    read = getattr(response.raw, "read1", None) or response.raw.read
                    body = bytearray()
                    while chunk := read(65536, decode_content=True):
                        body += chunk
                        if len(body) > MAX_BYTES or time.monotonic() > deadline:
                            break
                    else:
                        fetched[url] = bytes(body)
            except (requests.RequestException, HTTPError, OSError):
                continue
    return fetched
