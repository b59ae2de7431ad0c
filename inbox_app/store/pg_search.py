"""What PostgreSQL's full-text search indexes, and how a row becomes its document: the
same columns as SQLite's FTS5 tables, words read as SQLite's unicode61 tokenizer reads
them (the text configuration `inbox_app_text`, made in pg_migrations.m002)."""

from __future__ import annotations

TEXT_CONFIG = "inbox_app_text"

# What the full-text search indexes, per table: the same columns as SQLite's FTS5 tables.
FTS_COLUMNS = {
    "messages": ("title", "text", "author_name"),
    "customers": ("name",),
    "notes": ("text",),
}


def fts_document(table: str, row: str = "NEW") -> str:
    """The tsvector of a row as m002 built it: the columns joined into one text. ASCII
    punctuation becomes a space first so that, as with SQLite's unicode61 tokenizer,
    "ann@example.com" or "555-0142" hold searchable words. (A phrase could run from one
    column into the next; since m071 a row's columns are apart: `fts_fields_document`.)"""
    columns = ", ".join(f"{row}.{column}" for column in FTS_COLUMNS[table])
    return (
        f"to_tsvector('{TEXT_CONFIG}', regexp_replace(concat_ws(' ', {columns}) COLLATE \"C\","
        " '[[:punct:]]', ' ', 'g'))"
    )


# How many word positions lie between two columns of a row: more than a phrase of a
# search steps over (one word at a time, `<->`, since the text configuration has no stop
# words), with room to spare.
FTS_FIELD_GAP = 100


def fts_fields_document(table: str, row: str = "NEW") -> str:
    """The tsvector of a row, each searched column's words numbered apart from the
    others', so that a phrase (`it <-> s`, from a search for "it's") matches within one
    column, as SQLite's FTS5 matches a phrase, never from the end of the title into the
    text or from the text into the author's name; words of different columns still
    match together (`&`), as on SQLite.

    `a || b` numbers b's words on from a's last position, so the last word of one
    column and the first of the next would be side by side: a placeholder word at
    FTS_FIELD_GAP, marked with weight A, goes between them, and `ts_filter` keeps only
    the columns' own words (weight D, what to_tsvector gives) — whatever lexeme the
    placeholder is, the same word in a column is kept. Punctuation becomes a space as in
    `fts_document`.

    A message's text comes last, after its title and author's name: a tsvector numbers
    words up to 16383 and later ones all share that number (so form no phrase), and a
    very long text must not push the short columns there.
    """
    parts = [
        f"to_tsvector('{TEXT_CONFIG}', regexp_replace(coalesce({row}.{column}, '')"
        " COLLATE \"C\", '[[:punct:]]', ' ', 'g'))"
        for column in sorted(FTS_COLUMNS[table], key=lambda column: column == "text")
    ]
    if len(parts) == 1:
        return parts[0]
    gap = f" || 'gap:{FTS_FIELD_GAP}A'::tsvector || "
    return f"ts_filter({gap.join(parts)}, '{{d}}')"
