"""Hostile HTML made safe to store and show, and HTML turned into plain text.

Sanitizing is nh3's allow-list: no scripts, styles, iframes, forms, event
attributes or `javascript:` links survive. Remote images are not dropped but
defused: their `src` becomes `blocked:<url>`, which nothing fetches; the window
swaps it back only when a person chooses "load images".
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import nh3

BLOCKED_SCHEME = "blocked:"
MAX_HTML = 2_000_000

_ALLOWED_ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_ALLOWED_ATTRIBUTES["a"] = {"href", "hreflang", "title"}
_ALLOWED_ATTRIBUTES["img"] = {"src", "alt", "title", "width", "height"}
_URL_SCHEMES = {"http", "https", "mailto", "tel", "cid", "data", "blocked"}
_LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    lowered = value.strip().lower()
    if tag == "img" and attribute == "src":
        if lowered.startswith(("http:", "https:", "//")):
            return BLOCKED_SCHEME + value.strip()
        if lowered.startswith(("cid:", "data:image/")) and not lowered.startswith(
            "data:image/svg"
        ):
            return value
        return None
    if tag == "a" and attribute == "href":
        if lowered.startswith(_LINK_SCHEMES) or lowered.startswith("#"):
            return value
        return None
    return value


def sanitize_html(html: str | None) -> str | None:
    """Safe HTML for storing and display, or None when nothing is left."""
    if not html:
        return None
    html = html.replace("\x00", "")[:MAX_HTML]
    cleaned = nh3.clean(
        html,
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=_URL_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
    return cleaned or None


def unblock_images(html: str) -> str:
    """The same HTML with remote images fetchable again (after a person asked)."""
    return html.replace(f'src="{BLOCKED_SCHEME}', 'src="')


def has_blocked_images(html: str | None) -> bool:
    return bool(html) and f'src="{BLOCKED_SCHEME}' in html


_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "pre", "table", "ul", "ol", "hr", "section", "article",
}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str | None) -> str:
    """Readable plain text from HTML: block elements become line breaks."""
    if not html:
        return ""
    extractor = _TextExtractor()
    try:
        extractor.feed(html[:MAX_HTML])
        extractor.close()
    except Exception:  # the stdlib parser is lenient; this is a last resort
        return re.sub(r"<[^>]*>", " ", html)
    text = "".join(extractor.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
