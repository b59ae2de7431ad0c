"""Hostile HTML made safe to store and show, and HTML turned into plain text.

Sanitizing is nh3's allow-list: no scripts, styles, iframes, forms, event
attributes or `javascript:` links survive. Remote images are not dropped but
defused: their `src` becomes `blocked:<url>`, which nothing fetches; the window
swaps it back only when a person chooses "load images".
"""

from __future__ import annotations

import copy
import re
from functools import partial
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin

import nh3

BLOCKED_SCHEME = "blocked:"
MAX_HTML = 2_000_000
MAX_NESTING = 500
MAX_TAGS = 25_000

_ALLOWED_ATTRIBUTES = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
_ALLOWED_ATTRIBUTES["a"] = {"href", "hreflang", "title"}
_ALLOWED_ATTRIBUTES["img"] = {"src", "alt", "title", "width", "height"}
_ALLOWED_ATTRIBUTES["*"] = {"dir"}  # right-to-left paragraphs stay right-to-left
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
    if attribute == "dir":
        return lowered if lowered in ("rtl", "ltr") else None
    if tag == "a" and attribute == "href":
        if lowered.startswith("mailto:"):
            return _without_attachments(value)
        if lowered.startswith(_LINK_SCHEMES) or lowered.startswith("#"):
            return value
        return None
    return value


# What a mailto: link may fill in (RFC 6068). Several mail programs also honour `attach=`:
# one click on a link in a hostile mail sent the person's own files to its writer.
_MAILTO_FIELDS = {"to", "cc", "bcc", "subject", "body", "in-reply-to"}


def _without_attachments(link: str) -> str:
    """A mailto: link keeping only the fields that fill in a message, never a file."""
    address, mark, query = link.partition("?")
    if not mark:
        return link
    kept = [field for field in query.split("&")
            if unquote(field.partition("=")[0]).strip().lower() in _MAILTO_FIELDS]
    return address + ("?" + "&".join(kept) if kept else "")


_HAS_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _resolved_attribute(base: str, tag: str, attribute: str, value: str) -> str | None:
    """A relative link or picture made absolute against `base` (a feed item's own address),
    then filtered as any: without a base it has no place to point to and is dropped."""
    if (tag, attribute) in (("a", "href"), ("img", "src")):
        stripped = value.strip()
        if stripped and not stripped.startswith("#") and not _HAS_SCHEME.match(stripped):
            value = urljoin(base, stripped)
    return _filter_attribute(tag, attribute, value)


def sanitize_html(html: str | None, *, base: str | None = None) -> str | None:
    """Safe HTML for storing and display, or None when nothing is left; `base`, a web
    address that relative links and pictures are read against (a feed's)."""
    if not html:
        return None
    html = html.replace("\x00", "")[:MAX_HTML]
    if html.count("<") > MAX_TAGS:
        return words_as_html(html)
    html = limit_nesting(html)
    cleaned = nh3.clean(
        html,
        attributes=_ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute if not base or not base.lower().startswith(
            ("http:", "https:")) else partial(_resolved_attribute, base),
        url_schemes=_URL_SCHEMES,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "title"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
    return cleaned or None


# The HTML parser (html5ever, in nh3) looks through the open elements at each tag, so
# nesting costs it the square of its depth: 100,000 nested <div>s (500 kB) took 43 s, a
# 2 MB mail minutes of the poll that read it. Elements past MAX_NESTING lose their tags
# before it parses them; their words stay. Elements that HTML closes by itself wherever
# they are (a new <p> ends the last one; a <td> outside a table is ignored) or that hold
# nothing do not count (not <optgroup> or <rt>: outside <select> and <ruby> they nest);
# inside <svg> and <math> everything nests.
_NEVER_NESTING = {
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "colgroup", "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
    "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
}
_FOREIGN = {"svg", "math"}
# No "<" inside a tag: each "<" is looked at up to the next one only. With "[^>]*", 25,000
# "<a " before 2 MB of text without a ">" each read to the end, and one "<a" with the name
# and attributes sharing its letters, 8 kB of them took 0.2 s, 1 MB about an hour.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>\x00]*+)([^<>]*+)>")


def limit_nesting(html: str) -> str:
    """`html` with the tags of elements nested deeper than MAX_NESTING left out (a block's
    become a space, so words stay apart). Ordinary mail is returned as it is."""
    if html.count("<") <= MAX_NESTING:
        return html
    stack: list[tuple[str, bool]] = []  # (name, whether its tags are left out)
    open_names: dict[str, int] = {}
    kept = foreign = 0

    def gap(name: str) -> str:
        return " " if name in _BLOCK_TAGS else ""

    def visit(match: re.Match[str]) -> str:
        nonlocal kept, foreign
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            if not open_names.get(name):
                return match.group(0)  # closes nothing counted: left to the parser
            shown = match.group(0)
            while stack:
                top, dropped = stack.pop()
                open_names[top] -= 1
                kept -= not dropped
                foreign -= top in _FOREIGN
                if top == name:
                    return gap(name) if dropped else shown
            return shown
        if foreign:
            if match.group(3).rstrip().endswith("/"):
                return match.group(0)
        elif name in _NEVER_NESTING:
            return match.group(0)
        dropped = kept >= MAX_NESTING
        stack.append((name, dropped))
        open_names[name] = open_names.get(name, 0) + 1
        kept += not dropped
        foreign += name in _FOREIGN
        return gap(name) if dropped else match.group(0)

    return _TAG.sub(visit, html)


# Some of html5ever's work grows with the square of the number of elements whatever their
# depth: 100,000 <br>s inside a <table> (500 kB) took 7 s, each moved before the table
# past all the others. Formatting of that many tags is too large to show anyway
# (gui/thread_html.SHOWN_HTML): its words are kept, found without an HTML parser.
_UNSHOWN_START = re.compile(r"<(script|style|head|title|template)\b")
_LINE_TAG = re.compile(r"<(?:/?(?:p|div|br|li|tr|h[1-6]|blockquote|pre|table|ul|ol|hr|dt|dd)\b)"
                       r"[^<>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[!/?]?[A-Za-z!][^<>]*>")


def words_as_html(html: str) -> str | None:
    """The words of HTML too large to parse, as paragraphs of escaped text (no links, no
    images); None when it holds none. Linear in its length, whatever its shape."""
    lowered = html.lower()
    kept, position = [], 0
    for start in _UNSHOWN_START.finditer(lowered):
        if start.start() < position:
            continue
        kept.append(html[position:start.start()])
        end = lowered.find(f"</{start.group(1)}", start.end())
        position = len(html) if end < 0 else end
    kept.append(html[position:])
    text = _ANY_TAG.sub(" ", _LINE_TAG.sub("\n", "".join(kept)))
    text = re.sub(r"[ \t\r\f\v]+", " ", unescape(text))
    lines = [line.strip() for line in text.split("\n")]
    paragraphs = [p for p in re.split(r"\n{2,}", "\n".join(lines).strip()) if p]
    if not paragraphs:
        return None
    return "".join(f"<p>{escape(p, quote=False)}</p>".replace("\n", "<br>") for p in paragraphs)


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


def html_to_text(html: str | None, *, sanitized: bool = False) -> str:
    """Readable plain text from HTML: block elements become line breaks.

    HTML from outside (a feed's, a server's) is read through sanitize_html first, unless
    `sanitized` says it was: Python 3.11's HTMLParser searches the rest of the input again
    from each piece of markup that never ends ("<!--" without "-->", "<a" without ">"), and
    100,000 "<!--" (400 kB) took it 79 s (CVE-2025-6069). html5ever (in nh3) reads any
    input in linear time and writes markup that always ends, with a stray "<" as "&lt;".
    The text is the same for every mail and social post of the test corpus; of its 3,506
    HTML parts and fields a few feed fields lose what a browser does not show either (an
    iframe's fallback words, MathML, an SVG's own title)."""
    if not html:
        return ""
    if not sanitized:
        html = sanitize_html(html) or ""
    extractor = _TextExtractor()
    try:
        extractor.feed(html[:MAX_HTML])
        extractor.close()
    except Exception:  # the stdlib parser is lenient; this is a last resort
        return re.sub(r"<[^<>]*>", " ", html)
    text = "".join(extractor.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# Qt lays out each nested table again for every table around it: 16 tables inside one
# another took 1.5 s, 20 took 20 s, from 1 kB of HTML. Spans and cells cost too.
MAX_TABLE_DEPTH = 8
MAX_CELLS = 400
MAX_SPAN = 50
MAX_DEPTH = 300
_TABLE_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup",
               "col"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
              "source", "track", "wbr"}


class _LayoutTamer(HTMLParser):
    """Rewrites sanitized HTML so it is cheap to lay out: tables deeper than
    MAX_TABLE_DEPTH lose their table tags (their words stay, cells apart by spaces), spans
    are clamped, and elements deeper than MAX_DEPTH are unwrapped."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, whether its tags were dropped)
        self.tables = 0
        self.cells = 0

    def _keep(self, tag: str) -> bool:
        if tag in _TABLE_TAGS:
            return self.tables <= MAX_TABLE_DEPTH
        return len(self.open) < MAX_DEPTH

    def _start(self, tag: str, attrs, closed: bool) -> None:
        if tag == "table":
            self.tables += 1
        keep = self._keep(tag)
        if keep:
            if tag in ("td", "th"):
                self.cells += 1
            shown = []
            for name, value in attrs:
                if name in ("colspan", "rowspan"):
                    value = _span(value)
                shown.append(f' {name}="{_escape_attribute(value or "")}"' if value is not None
                             else f" {name}")
            self.out.append(f"<{tag}{''.join(shown)}{' /' if closed else ''}>")
        elif tag in ("tr", "td", "th") and self.out and not self.out[-1].endswith(" "):
            self.out.append(" ")
        if not closed and tag not in _VOID_TAGS:
            self.open.append((tag, not keep))
        elif tag == "table":
            self.tables -= 1

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if not any(name == tag for name, _ in self.open):
            return  # a stray end tag: nothing to close
        while self.open:
            name, dropped = self.open.pop()
            if not dropped:
                self.out.append(f"</{name}>")
            if name == "table":
                self.tables -= 1
            if name == tag:
                break

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def _span(value: str | None) -> str:
    """A colspan or rowspan within 1..MAX_SPAN. Not int() of whatever isdigit() passes:
    "²" is a digit to it, and 5,000 digits are more than int() reads."""
    digits = (value or "").strip().lstrip("0")
    if not (digits.isascii() and digits.isdigit()):
        return "1"
    return str(MAX_SPAN if len(digits) > 4 else min(MAX_SPAN, int(digits)))


def _escape_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def tame_layout(html: str) -> str | None:
    """Sanitized HTML that Qt can lay out in a moment, or None when it has more table
    cells than that allows (show its text instead)."""
    if html.count("<table") <= MAX_TABLE_DEPTH and html.count("<t") <= MAX_CELLS \
            and "span=" not in html and html.count("<") <= MAX_DEPTH:
        return html  # nothing that can be slow: the common case costs four scans
    tamer = _LayoutTamer()
    tamer.feed(html)
    tamer.close()
    if tamer.cells > MAX_CELLS:
        return None
    return "".join(tamer.out) + "".join(f"</{name}>" for name, dropped in
                                        reversed(tamer.open) if not dropped)


# Qt cannot shrink an element to the pane: a <pre> line made the whole thread wider than
# the window, every message scrolling sideways (images: gui/thread_images.py).
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_STRONG = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u0590-\u08ff"
                     r"\ufb1d-\ufdff\ufe70-\ufefc\u3040-\u30ff\u4e00-\u9fff]")


def is_right_to_left(text: str) -> bool:
    """Whether the text's first letter is Hebrew or Arabic script (as a browser decides
    the direction of a paragraph marked dir="auto")."""
    first = _STRONG.search(text)
    return bool(first and _RTL.match(first.group(0)))


def fit_width(html: str) -> str:
    """Sanitized HTML that wraps within the pane: preformatted lines wrap, and mail
    written right to left without saying so is set so. Images keep the mail's sizes: the
    thread view scales each to the room the pane has (gui/thread_images.py)."""
    html = re.sub(r"<pre\b", '<pre style="white-space: pre-wrap;"', html)
    if is_right_to_left(html_to_text(html, sanitized=True)):
        html = f'<div dir="rtl">{html}</div>'
    return html
