"""What the customer wrote now, set apart from the quoted history and the signature.

Mail clients append the whole earlier conversation to a reply: Gmail and
Thunderbird under "On … wrote:" with `>` lines, Outlook under a "From: … Sent: …"
block or "-----Original Message-----", Apple Mail under "On …, at …, … wrote:".
Shown in a thread, and scored for sentiment, that history would drown what is
new (a polite "thanks, solved!" under the customer's own angry first message
scores angry), so `split_reply` cuts it off, together with the signature. The
full body stays with the message; nothing is thrown away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# "On Tue, 3 Mar 2026 at 10:15, Ann <ann@example.com> wrote:" and its sisters, one
# pattern per language; clients wrap long ones over two or three lines.
_ATTRIBUTION = re.compile(
    r"^(?:"
    r"On\s.{3,300}?\bwrote\s*:"
    r"|Am\s.{3,300}?\bschrieb\b.{0,300}?:"
    r"|Le\s.{3,300}?\ba\s+écrit\s*:"
    r"|El\s.{3,300}?\bescribió\s*:"
    r"|Op\s.{3,300}?\bschreef\b.{0,300}?:"
    r"|Den\s.{3,300}?\bskrev\b.{0,300}?:"
    r"|Il\s.{3,300}?\bha\s+scritto\s*:"
    r"|Em\s.{3,300}?\bescreveu\s*:"
    r"|.{3,200}?\s<[^<>\s]+@[^<>\s]+>\s+(?:wrote|schrieb|a écrit|escribió|skrev|schreef)\s*:"
    r")\s*$",
    re.IGNORECASE | re.DOTALL,
)

# "Marc Slemko wrote:" — too loose to trust alone; it counts when `>` lines follow.
_LOOSE_ATTRIBUTION = re.compile(
    r"^[^<>:]{2,120}\s(?:wrote|schrieb|a écrit|escribió|skrev|schreef|ha scritto|escreveu)\s*:\s*$",
    re.IGNORECASE,
)

# Lines that start a block of earlier mail: everything below them is history.
_SEPARATOR = re.compile(
    r"^\s*(?:"
    r"-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original"
    r"|Oorspronkelijk bericht|Originalmeddelande|Messaggio originale|Mensagem original)\s*-{2,}"
    r"|-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré"
    r"|Mensaje reenviado|Doorgestuurd bericht|Vidarebefordrat meddelande"
    r"|Messaggio inoltrato)\s*-{2,}"
    r"|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:"
    r"|Début du message réexpédié :"
    r")\s*$",
    re.IGNORECASE,
)

# Outlook's header block: "From:" followed closely by "Sent:"/"Date:" and "To:"/"Subject:".
_HEADER_FROM = re.compile(r"^\s*\*?(?:From|Von|De|Van|Från|Da|Fra|Od)\s*:\*?\s*\S", re.IGNORECASE)
_HEADER_SENT = re.compile(
    r"^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Enviada|Verzonden|Skickat|Inviato|Sendt"
    r"|Data)\s*:\*?", re.IGNORECASE)
_HEADER_TO = re.compile(
    r"^\s*\*?(?:To|An|À|Para|Aan|Till|A|Til|Subject|Betreff|Objet|Asunto|Onderwerp|Ämne"
    r"|Oggetto|Emne|Assunto|Cc)\s*:\*?", re.IGNORECASE)
_UNDERSCORES = re.compile(r"^\s*_{10,}\s*$")

_SIGNATURE_DASHES = re.compile(r"^-- ?$")
_MOBILE = re.compile(
    r"^\s*(?:Sent from (?:my |the )?\S.{0,40}|Get Outlook for \S.{0,30}"
    r"|(?:Von meinem|Gesendet von meinem|Gesendet mit)\s.{1,40}"
    r"|Envoyé de mon\s.{1,30}|Enviado desde mi\s.{1,30}|Verzonden vanaf mijn\s.{1,30}"
    r"|Skickat från min\s.{1,30}|Inviato da\s.{1,30})\s*$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|many|with)\s+(?:regards|wishes|thanks)"
    r"|regards|best|cheers|thanks|thank you|many thanks|thanks again|thanks in advance"
    r"|sincerely|yours(?: sincerely| truly)?|all the best|take care"
    r"|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße"
    r"|liebe grüße|beste grüße|schöne grüße|herzliche grüße|gruß|grüße|lg|vg|mfg"
    r"|cordialement|bien à vous|saludos|un saludo|atentamente"
    r"|met vriendelijke groet|groeten|med vänlig hälsning|hälsningar|cordiali saluti|saluti"
    r")(?P<rest>\W.*)?$",
    re.IGNORECASE,
)
_NAME_AFTER_CLOSING = re.compile(r"[,\u2013-]\s*(?P<name>[^,.!]+?)[.!]?")
_MAX_SIGNATURE_LINES = 6


@dataclass(frozen=True)
class SplitReply:
    new: str
    quoted: str
    signature: str


def _unquote(line: str) -> str:
    return line.lstrip("> \t")


def _is_quoted(line: str) -> bool:
    return line.lstrip(" \t").startswith(">")


def _attribution_span(lines: list[str], index: int) -> int:
    """How many lines (1-3) an "On … wrote:" attribution starting here spans, or 0.

    Negative when only the loose form matched: it counts only before `>` lines.
    """
    first = _unquote(lines[index]).strip()
    if not first:
        return 0
    joined = first
    for span in range(1, 4):
        if span > 1:
            if index + span - 1 >= len(lines):
                break
            following = _unquote(lines[index + span - 1]).strip()
            if not following:
                break
            joined = f"{joined} {following}"
        if len(joined) <= 400 and _ATTRIBUTION.match(joined):
            return span
    return -1 if _LOOSE_ATTRIBUTION.match(first) else 0


def _is_outlook_header(lines: list[str], index: int) -> bool:
    if not _HEADER_FROM.match(_unquote(lines[index])):
        return False
    window = [_unquote(line) for line in lines[index + 1 : index + 7]]
    return any(_HEADER_SENT.match(line) for line in window) and any(
        _HEADER_TO.match(line) for line in window
    )


def _next_content(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _split_quotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """(new lines, quoted lines): history blocks and `>` runs go to the second list."""
    new: list[str] = []
    quoted: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _SEPARATOR.match(line) or _is_outlook_header(lines, index) or (
            _UNDERSCORES.match(line)
            and (nxt := _next_content(lines, index + 1)) < len(lines)
            and _is_outlook_header(lines, nxt)
        ):
            quoted.extend(lines[index:])
            break
        span = _attribution_span(lines, index)
        loose = span < 0
        span = abs(span)
        if span:
            after = _next_content(lines, index + span)
            if after < len(lines) and _is_quoted(lines[after]):
                # Quoted history follows: skip it, and keep what is written below it
                # (bottom-posting and inline answers).
                end = after
                while end < len(lines) and (_is_quoted(lines[end]) or not lines[end].strip()):
                    end += 1
                quoted.extend(lines[index:end])
                index = end
                continue
            if not loose:
                quoted.extend(lines[index:])
                break
        if _is_quoted(line):
            quoted.append(line)
        else:
            new.append(line)
        index += 1
    return new, quoted


def _is_closing(line: str) -> bool:
    """"Best regards," or "Thanks, Ann" — not "Thanks for nothing"."""
    line = line.strip()
    match = _CLOSING.match(line) if len(line) <= 40 else None
    if match is None:
        return False
    rest = (match.group("rest") or "").strip()
    if not rest or re.fullmatch(r"[,.!:;\u2013-]+", rest):
        return True
    named = _NAME_AFTER_CLOSING.fullmatch(rest)
    if named is None:
        return False
    words = named.group("name").split()
    return 0 < len(words) <= 3 and all(word[:1].isupper() for word in words)


def _signature_start(lines: list[str]) -> int | None:
    """Where the signature begins in the new text, or None."""
    for index, line in enumerate(lines):
        if _SIGNATURE_DASHES.match(line) or _MOBILE.match(line):
            return index
    content = [i for i, line in enumerate(lines) if line.strip()]
    tail = content[-_MAX_SIGNATURE_LINES:]
    for position, index in enumerate(tail):
        if _is_closing(lines[index]) and all(
            len(lines[i].strip()) <= 60 for i in tail[position + 1:]
        ):
            return index
    return None


def _trim(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def split_reply(text: str) -> SplitReply:
    """The new text, the quoted history and the signature of a plain-text mail body.

    When nothing but history is left (a bare forward), the new text is the whole
    body, so a reader never sees an empty message.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    new_lines, quoted_lines = _split_quotes(lines)
    signature_lines: list[str] = []
    start = _signature_start(new_lines)
    if start is not None and _trim(new_lines[:start]):
        signature_lines = new_lines[start:]
        new_lines = new_lines[:start]
    new = _trim(new_lines)
    if not new:
        return SplitReply(_trim(lines), "", "")
    return SplitReply(new, _trim(quoted_lines), _trim(signature_lines))


# HTML mail: the same history, marked up. Gmail and Apple Mail put it in <blockquote>s
# under an "On … wrote:" line, Outlook under a "From: … Sent: …" block. The sanitized HTML
# keeps no classes or ids, so the cut is found from its tags and its lines of text.
_HTML_BLOCKS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "ul", "ol", "hr", "section", "article", "header", "footer", "center", "dl", "dt",
    "dd",
}
_HTML_VOID = {"area", "br", "col", "hr", "img", "wbr"}


class _HtmlLines(HTMLParser):
    """The HTML's lines of text, each with the offset where its markup starts and the tags
    open there; and where the first <blockquote> starts."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for match in re.finditer("\n", source):
            self._line_starts.append(match.end())
        self.lines: list[tuple[int, list[str], tuple[str, ...]]] = []
        self.open: list[str] = []
        self.blockquote: tuple[int, tuple[str, ...]] | None = None
        self._new_line()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _new_line(self) -> None:
        self.lines.append((self._offset(), [], tuple(self.open)))

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote" and self.blockquote is None:
            self.blockquote = (self._offset(), tuple(self.open))
        if tag in _HTML_BLOCKS:
            self._new_line()
        if tag not in _HTML_VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in _HTML_BLOCKS:
            self._new_line()

    def handle_endtag(self, tag):
        if tag in _HTML_BLOCKS:
            self._new_line()
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.lines[-1][1].append(data)


def _closed(html: str, cut: int, open_tags: tuple[str, ...]) -> str:
    kept = re.sub(r"(?:\s|&nbsp;|<br\s*/?>|<hr\s*/?>)+$", "", html[:cut])
    return kept + "".join(f"</{tag}>" for tag in reversed(open_tags))


def _is_html_attribution(text: str) -> bool:
    return len(text) <= 400 and bool(_ATTRIBUTION.match(text) or _LOOSE_ATTRIBUTION.match(text))


def split_html_reply(html: str, signature: str = "") -> str | None:
    """The HTML of a reply without its quoted history (and the "On … wrote:" line above
    it), or None when no history was found or nothing would be left.

    `signature` is the signature `split_reply` found in the mail's text: the HTML is also
    cut where its first line is, when that line comes after some of the new text (the
    same cut as the text's, so a logo and a disclaimer fold away with it)."""
    parser = _HtmlLines(html)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # the stdlib parser is lenient; malformed markup keeps its history
        return None
    found = [(offset, " ".join("".join(parts).split()), tags)
             for offset, parts, tags in parser.lines]
    found = [line for line in found if line[1]]
    texts = [text for _, text, _ in found]
    cut: tuple[int, tuple[str, ...]] | None = parser.blockquote
    for index, (offset, text, tags) in enumerate(found):
        if cut is not None and offset >= cut[0]:
            if index and _is_html_attribution(texts[index - 1]):  # "On … wrote:" above it
                cut = (found[index - 1][0], found[index - 1][2])
            break
        if _SEPARATOR.match(text) or _is_outlook_header(texts, index) or (
                len(text) <= 400 and _ATTRIBUTION.match(text)):
            cut = (offset, tags)
            break
    first = " ".join(signature.split("\n", 1)[0].split())
    if first:
        before = [line for line in found if cut is None or line[0] < cut[0]]
        starts = [index for index, (_, text, _) in enumerate(before) if index and text == first]
        if starts:
            cut = (before[starts[-1]][0], before[starts[-1]][2])
    if cut is None:
        return None
    shown = _closed(html, *cut)
    kept = [text for offset, text, _ in found if offset < cut[0]]
    return shown if kept else None
