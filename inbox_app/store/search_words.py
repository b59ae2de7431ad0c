"""A search as typed, read into what the word indexes can look up: its words and quoted
phrases (`typed_words`), the words no index splits (Chinese, Japanese, Thai, emoji:
`split_unspaced`, looked for inside the text), and the spellings a word is tried in
(`search_readings`: `A1041` and `A-1041`, digits typed in groups). Both engines' query
builders (fts5.py, pg_dialect.py) and the queue (queue.py) read searches through these."""

from __future__ import annotations

import re
import string
import unicodedata

# Thai, Lao, Myanmar, Khmer, kana, Han, Hangul, and the full-width letters and digits
# written among them ("注文番号１２３４"); and emoji and pictographs (☕, ⭐, 😡), which the
# word index drops as it drops punctuation.
UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff01-\uff9f"
    "\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
)
# An emoji's text or emoji presentation selector: a message may write "☕" or "☕️".
PRESENTATION_SELECTORS = str.maketrans("", "", "\ufe0e\ufe0f")
ASCII_LETTER = re.compile("[A-Za-z]")
ASCII_LOWERCASE = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def typed_words(query: str) -> list[str]:
    """What a person typed into a search, as words; a NUL (which would end FTS5's string,
    and splits PostgreSQL's words) is dropped, and so is what a link copied from a browser
    or a web page puts before an address (`https://www.`, `mailto:`, `tel:`): a message
    writes "example.com/order/1041" or "ann@example.com" without it."""
    words = []
    for word in _words_and_phrases(query.replace("\x00", "")):
        word = without_link_scheme(word)
        if word:
            words.append(word)
    return words


QUOTES = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"  # " “ ” „ ‟ « »
# Quotes opened at the start of a word, round several words, to their close or (while the
# person is still typing) the end of the search.
QUOTED = re.compile(f"(?:^|(?<=\\s))[{QUOTES}]([^{QUOTES}]*)([{QUOTES}]|$)")


def _words_and_phrases(query: str) -> list[str]:
    """A search split at its spaces, except that words typed in quotes are one phrase
    ('"not working"'), written back with plain quotes so that a search joined again from
    its words reads the same; the engines look for a phrase's words side by side.

    A quote inside a word (`12"`) or round a single word is plain text, as before."""
    words: list[str] = []
    position = 0
    for quoted in QUOTED.finditer(query):
        inside = quoted.group(1).split()
        if len(inside) < 2:
            continue
        words += query[position:quoted.start()].split()
        words.append('"' + " ".join(inside) + ('"' if quoted.group(2) else ""))
        position = quoted.end()
    return words + query[position:].split()


# What a link puts before the address it names; a mailto: or tel: link's options follow
# a "?" or ";" (`mailto:ann@example.com?subject=Order`, `tel:+4420…;ext=2`).
LINK_SCHEME = re.compile(r"(?i)(?:(mailto|tel|callto|sms):(?!//)|https?://(?:www\.)?|www\.)")


def without_link_scheme(word: str) -> str:
    """A typed word without the scheme of a link ("" for a scheme alone, `Tel:` copied
    with the number after it)."""
    scheme = LINK_SCHEME.match(word)
    if not scheme:
        return word
    address = word[scheme.end():]
    if scheme.group(1):
        address = re.split(r"[?;]", address, maxsplit=1)[0]
    return address


def split_unspaced(query: str) -> tuple[str, list[str]]:
    """A search's words for the word index (as one text) and those of scripts the index
    cannot split into words (see Engine.fts_match), which are looked for inside the text.

    Punctuation typed or pasted around such a word (`"商品"`, `「商品」`, `商品？`,
    `商品、届き`) is not looked for: it parts the word into pieces, each of which must
    appear; a piece without such a script (`refund？`) goes to the word index."""
    spaced, unspaced = [], []
    for word in typed_words(query):
        pieces = _without_punctuation(word) if UNSPACED_SCRIPT.search(word) else [word]
        for piece in pieces:
            if UNSPACED_SCRIPT.search(piece):
                unspaced.append(piece)
            elif re.search(r"\w", piece):  # a lone "?" would make the word index find nothing
                spaced.append(piece)
    return " ".join(spaced), unspaced


def _without_punctuation(word: str) -> list[str]:
    """The pieces of a word between its punctuation and its maths and currency signs;
    marks (Thai vowels) and symbols such as emoji are kept, their presentation selector
    dropped."""
    return "".join(" " if unicodedata.category(character)[:2] in PARTING else character
                   for character in word.translate(PRESENTATION_SELECTORS)).split()


PARTING = ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Zs")


# A word of letters and digits run together ("A1041", "10am") or joined by hyphens
# ("A-1041", "e-mail", "555-0142"): people write a code or a word either way.
LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010\u2011\u2013][^\W_]+){1,3}")
HYPHENS = re.compile(r"[-\u2010\u2011\u2013]")
MAX_READINGS = 4  # of a search (each is a lookup in the word index): two words read twice


def word_spellings(word: str) -> list[str]:
    """A typed word as typed, and as it may have been written: a code's letters and digits
    run together or hyphenated ("A1041", "A-1041"), a hyphenated word run together
    ("e-mail", "email"). The word index holds "A1041" as one word and "A-1041" as two
    side by side, so each spelling is looked for; words the index cannot split are not
    respelled (see split_unspaced)."""
    if UNSPACED_SCRIPT.search(word):
        return [word]
    core = word.strip(string.punctuation)
    runs = LETTERS_OR_DIGITS.findall(core)
    if "".join(runs) == core and 2 <= len(runs) <= 4:
        respelled = "-".join(runs)
    elif HYPHENATED.fullmatch(core):
        respelled = HYPHENS.sub("", core)
    else:
        return [word]
    return [word, word.replace(core, respelled, 1)]


def search_readings(query: str) -> list[str]:
    """A search's text as typed and as its words may have been written (word_spellings),
    at most MAX_READINGS of them: the search finds what any one of them finds. Numbers
    typed in groups ("07700 900123") are also read as one run, as a message may write them."""
    words = typed_words(query)
    readings = [words]
    for place, word in enumerate(words):
        spellings = word_spellings(word)
        if len(spellings) > 1 and len(readings) * 2 <= MAX_READINGS:
            readings += [[*reading[:place], spellings[1], *reading[place + 1:]]
                         for reading in readings]
    joined = digit_groups_joined(words)
    if joined != words and len(readings) < MAX_READINGS:
        readings.append(joined)
    return list(dict.fromkeys(" ".join(reading) for reading in readings))


def digit_groups_joined(words: list[str]) -> list[str]:
    """Words with each run of two or more groups of digits ("020 7946 0958") as one word."""
    joined: list[str] = []
    for word in words:
        if word.isdigit() and joined and joined[-1].isdigit():
            joined[-1] += word
        else:
            joined.append(word)
    return joined


# Letters that neither accents nor case take apart, spelled in plain Latin as PostgreSQL's
# unaccent spells them: "soren" finds "Søren", "lodz" "Łódź", "aero" "Ærø", "strasse"
# "Straße", "gudrun" "Guðrún". SQLite's unicode61 tokenizer takes accents off but keeps
# these, so the search indexes hold text spelled so (migrations.m074) and typed words are
# spelled so (fts5.fts5_query). A change to this list needs a migration rebuilding them.
PLAIN_LETTERS = {
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ß": "ss",
    "ẞ": "SS", "ħ": "h", "Ħ": "H", "ı": "i", "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N",
}
_PLAIN_LETTERS = str.maketrans(PLAIN_LETTERS)


def plain_letters(text: str) -> str:
    """`text` with PLAIN_LETTERS spelled plainly ("Søren" → "Soren")."""
    return text.translate(_PLAIN_LETTERS)


def plain_letters_sql(expression: str) -> str:
    """SQL for plain_letters(`expression`) in SQLite's own functions, so that the triggers
    keeping the search index still run in any program writing the store (the sqlite3
    shell): no function of ours need be registered.

    Cheap for what most messages are: ASCII text is taken as it is after one count of its
    characters, and each replace() runs only on a text holding its letter's first UTF-8
    byte — Ø's, shared with é and ü, apart from Ł's, shared with ś and ž — since a dozen
    replace() calls cost as much as indexing the text."""
    blob = f"CAST({expression} AS BLOB)"
    spelled = expression
    by_lead: dict[bytes, list[str]] = {}
    for letter in PLAIN_LETTERS:
        by_lead.setdefault(letter.encode()[:1], []).append(letter)
    latin1 = by_lead.pop(b"\xc3")
    for leads, letters in (([b"\xc3"], latin1), (list(by_lead), sum(by_lead.values(), []))):
        chain = spelled
        for letter in letters:
            chain = f"replace({chain}, '{letter}', '{PLAIN_LETTERS[letter]}')"
        found = " OR ".join(f"instr({blob}, x'{lead.hex()}')" for lead in leads)
        spelled = f"CASE WHEN {found} THEN {chain} ELSE {spelled} END"
    return f"CASE WHEN length({blob}) = length({expression}) THEN {expression} ELSE {spelled} END"
