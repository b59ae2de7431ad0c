"""A shop system's customer list (CSV) read into customer records.

Shopify, Square, WooCommerce and most other shop and till systems export their
customers with a header row; its names find the columns (`--map FIELD=COLUMN` names
the rest). A row needs something to know the customer by — an email address, a
phone number or a social handle — and may carry a name, what the customer has spent
(the value), tags and a note. A row that cannot be read is reported by its row number
and the rest are read.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from inbox_app.core.amounts import AmountError, parse_amount
from inbox_app.core.csv_table import (
    CsvFileError,
    RowError,
    column_name,
    csv_rows,
    decode_csv,
    mapped_columns,
)
from inbox_app.core.identity import (
    DEFAULT_REGION,
    IdentityError,
    identity_refs,
    normalize_email,
    normalize_phone,
)
from inbox_app.core.models import CustomerRecord, IdentityRef
from inbox_app.core.text import TAG_LIMIT

FIELDS = ("name", "first_name", "last_name", "company", "email", "phone", "mastodon",
          "bluesky", "telegram", "social", "value", "tags", "note")
IDENTITY_FIELDS = ("email", "phone", "mastodon", "bluesky", "telegram", "social")
# Every column with one of these fields' names is read: Shopify has "Phone" and
# "Default Address Phone", others "Email" and "Billing Email".
SEVERAL_COLUMNS = ("email", "phone")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "customer name", "contact name", "display name", "client",
             "client name", "customer", "contact"),
    "first_name": ("first name", "firstname", "given name", "forename", "first"),
    "last_name": ("last name", "lastname", "surname", "family name", "last"),
    "company": ("company", "company name", "default address company", "organization",
                "organisation", "organization name", "organisation name", "business",
                "business name", "billing company"),
    "email": ("email", "email address", "e mail", "e mail address", "emails", "mail",
              "customer email", "billing email", "contact email"),
    "phone": ("phone", "phone number", "phones", "mobile", "mobile number", "mobile phone",
              "telephone", "tel", "cell", "cell phone", "default address phone",
              "billing phone", "contact phone"),
    "mastodon": ("mastodon", "mastodon handle", "fediverse"),
    "bluesky": ("bluesky", "bluesky handle", "bsky"),
    "telegram": ("telegram", "telegram username", "telegram handle"),
    "social": ("social", "social profiles", "handles"),
    "value": ("value", "total spent", "total spend", "amount spent", "lifetime value",
              "customer lifetime value", "ltv", "clv", "total sales", "sales", "revenue",
              "spent", "lifetime spend", "total revenue", "total purchases"),
    "tags": ("tags", "tag", "groups", "customer groups", "labels", "segments", "customer tags",
             "group membership"),
    "note": ("note", "notes", "memo", "comment", "comments"),
}
# Address books number their columns: Google Contacts' "E-mail 1 - Value" and "Phone 2 -
# Value" (beside "E-mail 1 - Label": "* Home"), Outlook's "E-mail 2 Address" and "Business
# Phone". Every such column is read.
NUMBERED_COLUMNS = {
    "email": re.compile(r"e ?mail \d+ (?:value|address)"),
    "phone": re.compile(r"phone \d+ value|(?:home|business|work|other|primary|mobile|car"
                        r"|company main) phone(?: \d+)?"),
}
# Google Contacts writes several values in one cell as "a ::: b".
_GOOGLE_SEPARATOR = re.compile(r"\s*:::\s*")
LABELS = {"name": "Name", "first_name": "First name", "last_name": "Last name",
          "company": "Company", "email": "Email", "phone": "Phone", "mastodon": "Mastodon",
          "bluesky": "Bluesky", "telegram": "Telegram", "social": "Social handles",
          "value": "Value (spent)", "tags": "Tags", "note": "Note"}
MOST_TAGS = 20
# "handle": one named on an email or a call, of no network (the export writes it so)
SOCIAL_KINDS = ("mastodon", "bluesky", "telegram", "feed", "handle", "email", "phone")
NOTE_LIMIT = 2000
NOTES_APART = "\n\n"  # a customer's notes in one cell (the export), a blank line between two
_LIST_SPLIT = re.compile(r"[;,\n]")
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_GUARDED = tuple("=+-@\t\r")
_PROFILE_LINKS = {
    # https://mastodon.social/@ann, /users/ann, and a remote account as another server
    # shows it: https://fosstodon.org/@ann@mastodon.social
    "mastodon": re.compile(r"(?:https?://)?(?P<server>[^/\s@:]+\.[^/\s@:]+)"
                           r"/(?:@|users/)(?P<user>[^/\s@?#]+)(?:@(?P<home>[^/\s@?#]+))?/?",
                           re.IGNORECASE),
    "bluesky": re.compile(r"(?:https?://)?(?:www\.)?bsky\.app/profile/(?P<handle>[^/\s?#]+)/?",
                          re.IGNORECASE),
    "telegram": re.compile(r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?P<handle>[^/\s?#]+)/?",
                           re.IGNORECASE),
}
# One address of a cell that holds some as `Name <address>`: up to a `,` or `;` that is
# not inside quotes or the angle brackets.
_NAMED_ADDRESSES = re.compile(r'(?:"[^"]*"|<[^>]*>|[^,;"<])+')
# The columns of `inbox-app export customers` (exports.CUSTOMER_COLUMNS): a file with them
# all is our own export, whose tags cell separates tags with "; " only, so a tag may hold
# a comma ("north, coast").
OUR_EXPORT_COLUMNS = frozenset(("customer", "name", "emails", "phones", "social", "tags",
                                "value"))
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


@dataclass
class CustomerList:
    rows: list[tuple[int, list[str]]]  # (row number, cells), data rows only
    columns: dict[str, list[int]]      # field → column indexes
    header: list[str] | None
    our_export: bool = False           # `inbox-app export customers` wrote it


class RowProblem(ValueError):
    """Why one row cannot be read; the message is a phrase for "row N: …"."""


def read_customer_list(data: bytes, path: str, mapping: Sequence[str] = ()) -> CustomerList:
    """Rows and the columns of each field; CsvFileError when the file cannot be used."""
    numbered = csv_rows(decode_csv(data, path), path)
    width = max(len(cells) for _, cells in numbered)
    header = numbered[0][1] if is_header(numbered[0][1]) else None
    columns = mapped_columns(mapping, FIELDS, header, width, path)
    if header is None and not any(columns.values()):
        raise CsvFileError(
            f"{path} has no header row naming its columns; name them with --map, e.g."
            " --map email=2 --map value=5.")
    if header:
        columns = header_columns(header, columns)
    columns = {name: found for name, found in columns.items() if found}
    if not any(name in columns for name in IDENTITY_FIELDS):
        raise CsvFileError(
            f"{path} has no email, phone or handle column to know the customers by;"
            " name one with --map email=COLUMN.")
    our_export = header is not None and OUR_EXPORT_COLUMNS.issubset(map(column_name, header))
    return CustomerList(numbered[1:] if header else numbered, columns, header, our_export)


def is_header(cells: list[str]) -> bool:
    """A row of names: one the synonyms know, or words only (no address, no number)."""
    names = {column_name(cell) for cell in cells}
    if any(name in synonyms for name in names for synonyms in SYNONYMS.values()):
        return True
    return all(cell and "@" not in cell and sum(ch.isdigit() for ch in cell) < 4
               for cell in cells)


def header_columns(header: list[str], chosen: dict[str, list[int]] | None = None
                   ) -> dict[str, list[int]]:
    """The columns the header's names suggest for the fields not already `chosen`."""
    columns = dict(chosen or {})
    names = [column_name(cell) for cell in header]
    taken = {index for indexes in columns.values() for index in indexes}
    for field_name in FIELDS:
        if field_name in columns:
            continue
        for synonym in SYNONYMS[field_name]:
            found = [i for i, name in enumerate(names) if name == synonym and i not in taken]
            if not found:
                continue
            if field_name not in SEVERAL_COLUMNS:
                found = found[:1]
            columns.setdefault(field_name, []).extend(found)
            taken.update(found)
            if field_name not in SEVERAL_COLUMNS:
                break
    for field_name, pattern in NUMBERED_COLUMNS.items():
        if field_name in (chosen or {}):
            continue
        found = [i for i, name in enumerate(names) if i not in taken and pattern.fullmatch(name)]
        columns.setdefault(field_name, []).extend(found)
        taken.update(found)
    return columns


def parse_customer_list(table: CustomerList, *, region: str = DEFAULT_REGION
                        ) -> Iterator[CustomerRecord | RowError]:
    width = max((len(cells) for _, cells in table.rows), default=0)
    for number, cells in table.rows:
        try:
            if taken := _rows_taken_in(cells, width, table.columns, region):
                raise RowProblem(
                    f"a quote opened in this row is never closed, so the {taken} line"
                    f"{'s' if taken != 1 else ''} after it were read into it; close the quote"
                    " and import again")
            yield row_record(number, cells, table.columns, region, our_export=table.our_export)
        except RowProblem as problem:
            yield RowError(number, str(problem))


def _rows_taken_in(cells: list[str], width: int, columns: dict[str, list[int]],
                   region: str) -> int:
    """How many lines a cell whose quote was never closed took in from the rows after it
    (as every CSV reader, and spreadsheets, read such a cell): 0 unless one of its later
    lines reads as a whole row of the list. A note's own lines are no customers."""
    for cell in cells:
        lines = cell.splitlines()
        for line in lines[1:]:
            line_cells = next(csv.reader([line], csv.excel, delimiter=_delimiter_of(line)),
                              [])
            if len(line_cells) != width:
                continue
            try:
                row_record(0, [c.strip() for c in line_cells], columns, region)
            except (RowProblem, IdentityError):
                continue
            return len(lines) - 1
    return 0


def _delimiter_of(line: str) -> str:
    """The delimiter of a line of the file, of those a customer list may use."""
    return max(",;\t|", key=line.count)


def row_record(number: int, cells: list[str], columns: dict[str, list[int]],
               region: str = DEFAULT_REGION, *, our_export: bool = False) -> CustomerRecord:
    """One row as a record; `our_export`: the row comes from `inbox-app export customers`,
    whose tags are separated by ";" only."""
    def cell(name: str) -> str:
        return " ".join(unguarded(cells[i]) for i in columns.get(name, ())
                        if i < len(cells)).strip()

    def each(name: str) -> list[str]:
        return [_GOOGLE_SEPARATOR.sub(";", unguarded(cells[i].strip()))
                for i in columns.get(name, ()) if i < len(cells) and cells[i].strip()]

    identities: dict[tuple[str, str], IdentityRef] = {}

    def add(refs: Sequence[IdentityRef]) -> None:
        for ref in refs:
            identities.setdefault((ref.kind, ref.value), ref)

    try:
        for text in each("email"):
            for address in email_addresses(text):
                add([IdentityRef("email", normalize_email(address), address)])
        for text in each("phone"):
            for number_text in filter(None, (p.strip() for p in text.split(";"))):
                if number_text.startswith("'"):
                    number_text = number_text[1:]  # a spreadsheet's "keep this as text" mark
                add([IdentityRef("phone", normalize_phone(number_text, region), number_text)])
        for kind in ("mastodon", "bluesky", "telegram"):
            for text in each(kind):
                for handle in filter(None, (h.strip() for h in _LIST_SPLIT.split(text))):
                    add(identity_refs(kind, handle=handle_from_link(kind, handle)))
        for text in each("social"):
            add(_social_handles(text, region))
    except IdentityError as error:
        raise RowProblem(str(error)) from None
    if not identities:
        raise RowProblem("no email address, phone number or handle to know the customer by")
    try:
        value = parse_amount(cell("value")) if "value" in columns else None
    except AmountError as error:
        raise RowProblem(f"the value {error}") from None
    # "VIP, wholesale" (Shopify) or "VIP; wholesale, north" (our export: a tag may hold ",");
    # Mailchimp quotes each: "VIP","Newsletter"; Google's own labels ("* myContacts") are not
    # the shop's; a spreadsheet cell may hold a tag on each line
    tags = tuple(dict.fromkeys(
        tag for line in _LINE_BREAKS.split(_GOOGLE_SEPARATOR.sub(";", cell("tags")))
        for tag in _cell_tags(line, our_export) if not tag.startswith("* ")))
    if len(tags) > MOST_TAGS:
        raise RowProblem(f"{len(tags)} tags; a customer keeps at most {MOST_TAGS} from a list")
    return CustomerRecord(
        row=number,
        name=_name(cell("name"), cell("first_name"), cell("last_name"), cell("company")),
        identities=tuple(identities.values()),
        value=value,
        tags=tuple(tag[:TAG_LIMIT] for tag in tags),
        note=cell("note")[:NOTE_LIMIT],
    )


def unguarded(text: str) -> str:
    """A cell without the apostrophe an export puts before `=`, `+`, `-` or `@` so that a
    spreadsheet shows it as text (ours does: "'@cat@mastodon.social" is that name)."""
    return text[1:] if text[:1] == "'" and text[1:2] in _GUARDED else text


def email_addresses(text: str) -> list[str]:
    """The addresses in a cell: separated by `,`, `;` or spaces, each bare or as a mail
    program writes it ("Ann Chen <ann@example.com>", whose name may hold a quoted `,`)."""
    if "<" not in text:
        return [address for address in _EMAIL_SPLIT.split(text) if address]
    addresses: list[str] = []
    for part in _NAMED_ADDRESSES.findall(text):
        part = part.strip()
        if "<" in part:
            addresses.append(part)
        else:
            addresses.extend(address for address in _EMAIL_SPLIT.split(part) if address)
    return addresses


def _cell_tags(text: str, our_export: bool) -> list[str]:
    separator = ";" if our_export or ";" in text else ","
    return [tag for tag in (t.strip().strip('"').strip() for t in text.split(separator)) if tag]


def _name(name: str, first: str, last: str, company: str) -> str:
    """Who the row is, on one line with single spaces (a cell may hold a line break)."""
    person = name or " ".join(part for part in (first, last) if part)
    return " ".join((person or company).split())[:300]


def _social_handles(text: str, region: str = DEFAULT_REGION) -> list[IdentityRef]:
    """"mastodon:@ann@social.example; bluesky:ann.bsky.social", as the customer export
    writes them."""
    refs: list[IdentityRef] = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        kind, sep, handle = (part.strip() for part in item.partition(":"))
        kind = kind.lower()
        if not sep or not handle or kind not in SOCIAL_KINDS:
            raise IdentityError(f"{item!r} is not written as network:handle "
                                f"({', '.join(SOCIAL_KINDS)})")
        if kind == "email":
            refs.append(IdentityRef("email", normalize_email(handle), handle))
        elif kind == "phone":
            refs.append(IdentityRef("phone", normalize_phone(handle, region), handle))
        elif kind == "feed":
            refs.append(IdentityRef("feed", handle.lower(), handle))
        else:
            refs.extend(identity_refs(kind, handle=handle_from_link(kind, handle)))
    return refs


def handle_from_link(kind: str, text: str) -> str:
    """The handle a link to someone's profile names, as the channel's messages carry it
    ("https://mastodon.social/@ann" is ann@mastodon.social); other text as it is."""
    pattern = _PROFILE_LINKS.get(kind)
    found = pattern.fullmatch(text.strip()) if pattern else None
    if found is None:
        return text
    if kind != "mastodon":
        return found["handle"]
    return f"{found['user']}@{found['home'] or found['server']}"
