"""Fetching a message's remote images, only after a person chose "load images"."""

from __future__ import annotations

import re

MAX_IMAGES = 30
MAX_BYTES = 5_000_000
TIMEOUT = (5, 10)
_SRC = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"', re.IGNORECASE)


def image_sources(html: str) -> list[str]:
    """The src of every <img> in sanitized HTML (nh3 always double-quotes attributes)."""
    return [src.replace("&amp;", "&") for src in _SRC.findall(html or "")]


def fetch_images(urls: list[str]) -> dict[str, bytes]:
    """Downloads up to MAX_IMAGES http(s) images, each capped in size; failures are skipped
    (a missing picture is shown as a placeholder, never as an error)."""
    import requests  # only when a person asked for images: keeps start-up quick

    fetched: dict[str, bytes] = {}
    with requests.Session() as session:
        session.headers["User-Agent"] = "inbox-app"
        for url in [u for u in dict.fromkeys(urls) if u.startswith(("http://", "https://"))][
            :MAX_IMAGES
        ]:
            try:
                with session.get(url, timeout=TIMEOUT, stream=True) as response:
                    if response.status_code != 200:
                        continue
                    body = bytearray()
                    for chunk in response.iter_content(65536):
                        body += chunk
                        if len(body) > MAX_BYTES:
                            break
                    else:
                        fetched[url] = bytes(body)
            except requests.RequestException:
                continue
    return fetched
