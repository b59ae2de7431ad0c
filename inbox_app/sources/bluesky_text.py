"""Bluesky post text: facets (byte ranges over UTF-8) to plain text and HTML, embeds to
lines, the 300-grapheme limit, link facets for replies and the record keys of posts."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

import regex

from inbox_app.core.html import sanitize_html
from inbox_app.replies import SendError

MAX_GRAPHEMES = 300
MAX_POST_BYTES = 3000


def _at(data: bytes, index: int) -> bool:
    """True when a byte index falls on a character boundary of UTF-8 text."""
    return 0 <= index <= len(data) and (index == len(data) or (data[index] & 0xC0) != 0x80)


def _facet_spans(data: bytes, facets: Any) -> list[tuple[int, int, dict[str, Any]]]:
    """Valid, non-overlapping facet spans, in order; broken ones are ignored."""
    spans = []
    for facet in facets if isinstance(facets, list) else []:
        if not isinstance(facet, dict):
            continue
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        features = [f for f in facet.get("features") or [] if isinstance(f, dict)]
        if not isinstance(start, int) or not isinstance(end, int) or start >= end or \
                not features or not _at(data, start) or not _at(data, end):
            continue
        spans.append((start, end, features[0]))
    spans.sort(key=lambda span: span[0])
    kept: list[tuple[int, int, dict[str, Any]]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def rich_text(text: str, facets: Any) -> tuple[str, str | None]:
    """Plain text and HTML from a post's text and facets (byte ranges over UTF-8).

    Links shortened for display ("example.com/very-lo...") become their full
    address in the plain text; mentions and tags stay as written.
    """
    data = text.encode("utf-8")
    plain: list[str] = []
    marked: list[str] = []
    position = 0
    for start, end, feature in _facet_spans(data, facets):
        plain.append(data[position:start].decode("utf-8"))
        marked.append(html_lib.escape(data[position:start].decode("utf-8")))
        shown = data[start:end].decode("utf-8")
        kind = str(feature.get("$type") or "")
        href = None
        if kind.endswith("#link") and isinstance(feature.get("uri"), str):
            href = feature["uri"]
            plain.append(href if _shortened(shown, href) else shown)
        else:
            plain.append(shown)
            if kind.endswith("#mention") and isinstance(feature.get("did"), str):
                href = f"https://bsky.app/profile/{feature['did']}"
            elif kind.endswith("#tag") and isinstance(feature.get("tag"), str):
                href = f"https://bsky.app/hashtag/{feature['tag']}"
        escaped = html_lib.escape(shown)
        marked.append(f'<a href="{html_lib.escape(href)}">{escaped}</a>' if href else escaped)
        position = end
    plain.append(data[position:].decode("utf-8", errors="replace"))
    marked.append(html_lib.escape(data[position:].decode("utf-8", errors="replace")))
    html = None
    if len(marked) > 1:
        html = sanitize_html("<p>" + "".join(marked).replace("\n", "<br>") + "</p>")
    return "".join(plain), html


def with_lines(html: str | None, lines: list[str]) -> str | None:
    """A post's HTML with its embeds' lines (`[image: …]`, `[quoting …]`) under it: the
    window shows the HTML when a post has some, and without them the photo or the quoted
    post the text names would not be seen there."""
    if not html or not lines:
        return html
    return sanitize_html(html + "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines))


def _shortened(shown: str, uri: str) -> bool:
    bare = re.sub(r"^https?://", "", uri)
    return shown != uri and shown != bare


def embed_lines(embed: Any) -> list[str]:
    if not isinstance(embed, dict):
        return []
    kind = str(embed.get("$type") or "")
    lines: list[str] = []
    if kind.startswith("app.bsky.embed.images"):
        for image in embed.get("images") or []:
            alt = (image.get("alt") or "").strip() if isinstance(image, dict) else ""
            lines.append(f"[image: {alt}]" if alt else "[image]")
    elif kind.startswith("app.bsky.embed.video"):
        alt = (embed.get("alt") or "").strip()
        lines.append(f"[video: {alt}]" if alt else "[video]")
    elif kind.startswith("app.bsky.embed.external"):
        external = embed.get("external") or {}
        # Link cards carry the page's <title> as the site wrote it: "Meta&#039;s …".
        title = html_lib.unescape(str(external.get("title") or "")).strip()
        uri = external.get("uri") or ""
        lines.append(f"[link: {title} {uri}]".replace("  ", " ") if title else f"[link: {uri}]")
    elif kind.startswith("app.bsky.embed.recordWithMedia"):
        lines.extend(embed_lines(embed.get("media")))
        # Its `record` is a plain ref, not a union: a client may leave out its `$type`.
        quoted = embed.get("record")
        if isinstance(quoted, dict) and not quoted.get("$type"):
            view = "#view" if kind.endswith("#view") else ""
            quoted = {**quoted, "$type": f"app.bsky.embed.record{view}"}
        lines.extend(embed_lines(quoted))
    elif kind.startswith("app.bsky.embed.record"):
        record = embed.get("record") or {}
        if isinstance(record, dict) and record.get("uri"):
            lines.append(f"[quoting {post_url(record['uri']) or record['uri']}]")
    return lines


def post_url(uri: str) -> str | None:
    """The bsky.app address of a post's at:// URI."""
    match = re.fullmatch(r"at://([^/]+)/app\.bsky\.feed\.post/([^/]+)", uri or "")
    if not match:
        return None
    return f"https://bsky.app/profile/{match.group(1)}/post/{match.group(2)}"


def grapheme_count(text: str) -> int:
    """User-perceived characters, as Bluesky counts them (an emoji family is one)."""
    return len(regex.findall(r"\X", text))


def check_length(text: str) -> None:
    graphemes = grapheme_count(text)
    if graphemes > MAX_GRAPHEMES:
        raise SendError(f"Bluesky posts can be at most {MAX_GRAPHEMES} characters and this reply "
                        f"has {graphemes}; shorten it and send it again (the text is kept).")
    size = len(text.encode("utf-8"))
    if size > MAX_POST_BYTES:
        raise SendError(f"Bluesky posts can be at most {MAX_POST_BYTES} bytes and this reply has "
                        f"{size}; shorten it and send it again (the text is kept).")


_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


def tid(microseconds: int, clock_id: int) -> str:
    """An AT Protocol timestamp identifier (the record key type of posts)."""
    value = ((microseconds & ((1 << 53) - 1)) << 10) | (clock_id & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(_TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def record_key(message_id: int, queued_at: int) -> str:
    """The same key every time one stored reply is sent: a retry cannot make a second post."""
    return tid(queued_at * 1_000_000 + message_id % 1_000_000, message_id % 1024)


_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def link_facets(text: str) -> list[dict[str, Any]]:
    """Facets that make the reply's web addresses clickable (byte ranges over UTF-8)."""
    facets = []
    for match in _URL.finditer(text):
        start = len(text[:match.start()].encode("utf-8"))
        end = start + len(match.group(0).encode("utf-8"))
        facets.append({
            "index": {"byteStart": start, "byteEnd": end},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": match.group(0)}],
        })
    return facets
