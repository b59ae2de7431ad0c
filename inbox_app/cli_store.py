"""The commands about the store as a whole: the monthly `report`, `settings`, `export`,
`backup`, `restore` and `check`, and `move-store` between SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from datetime import date
from typing import TYPE_CHECKING

from inbox_app.cli_common import (
    EXIT_OK,
    Context,
    UserError,
    file_problem,
    no_folder_for_a_store,
    out,
    out_json,
    out_path,
    writes_every_letter,
)
from inbox_app.core.kinds import KINDS
from inbox_app.core.text import capitalized
from inbox_app.store import DB_ENV, FILTERS, NotFound, QueueQuery, open_store

if TYPE_CHECKING:
    from inbox_app.core.metrics import Period


def report_period(args: argparse.Namespace, today: date | None = None) -> Period:
    """The period `report` is asked about: --month, --from/--to, or else last month."""
    from inbox_app.core import metrics

    today = today or date.today()
    try:
        if args.month and (args.date_from or args.date_to):
            raise UserError("Use either --month or --from/--to, not both.")
        if args.month:
            return metrics.month_period(args.month)
        if args.date_to and not args.date_from:
            raise UserError("--to needs --from (the first day of the range).")
        if args.date_from and not args.date_to and metrics.parse_day(args.date_from) > today:
            # The range runs to today unless told: never say "ends (today) before it
            # starts", a date nobody typed.
            raise UserError(f"--from {args.date_from.strip()} is after today ({today}); give"
                            " --to as well.")
        if args.date_from:
            return metrics.range_period(args.date_from, args.date_to or today.isoformat())
        return metrics.previous_month(today)
    except metrics.PeriodError as error:
        raise UserError(f"{str(error)[0].upper()}{str(error)[1:]}.") from None


def cmd_report(ctx: Context) -> int:
    from inbox_app.reports import (
        ReportError,
        compute_figures,
        format_for_path,
        write_report,
    )

    args = ctx.args
    period = report_period(args)
    out_path(args.out, "the file to write (or - for the screen)")
    if args.out == "-":  # stdout, as for note and reply
        args.out = None
    fmt = args.format or (format_for_path(args.out) if args.out else None) or "json"
    if args.out is None and fmt in ("pdf", "csv"):
        raise UserError(f"A {fmt.upper()} report needs --out PATH.")
    figures = compute_figures(ctx.store, period)
    try:
        if args.out is None:
            if fmt == "json":
                from inbox_app.reports.json_report import json_text

                sys.stdout.write(json_text(
                    figures, ascii_only=not writes_every_letter(sys.stdout)))
            else:
                from inbox_app.reports.html_report import html_text

                write_utf8(html_text(figures))
            return EXIT_OK
        written = write_report(figures, fmt, args.out)
    except ReportError as error:
        raise UserError(str(error)) from None
    out(f"wrote the {period.title} summary ({fmt}) to {written}")
    return EXIT_OK


def write_utf8(text: str) -> None:
    """Text that declares itself UTF-8 (the HTML summary's `<meta charset>`) to stdout in
    UTF-8 whatever stdout's own encoding: written in a code page, its accents read as
    other letters and what the page cannot hold was lost as `?`."""
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None or writes_every_letter(sys.stdout):
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    binary.write(text.encode("utf-8"))
    binary.flush()


SETTINGS = {"business_name": str, "phone_region": str, "poll_interval": int,
            "email_signature": str, "currency": str}


def cmd_settings(ctx: Context) -> int:
    args = ctx.args
    args.creates_store = args.value is not None  # looking at them makes no store
    # A value is checked before the store is opened: a refused one makes no new store.
    value = None if args.value is None else setting_typed(args.key, args.value)
    store = ctx.store
    def current(key: str):
        """What the app uses: an unset phone region is this computer's while the store
        holds no number (store.phone_region); looking keeps nothing."""
        return store.phone_region(keep=False) if key == "phone_region" else store.get_setting(key)

    if args.key is None:
        for key in SETTINGS:
            out(f"{key} = {shown(current(key))}")
        return EXIT_OK
    if args.value is None:
        kept = current(args.key)
        if kept is None and args.key not in SETTINGS:
            raise UserError(f"{args.key!r} is not a setting (try {', '.join(SETTINGS)}).")
        out(shown(kept))
        return EXIT_OK
    store.set_setting(args.key, value, staff=ctx.staff)
    # As kept, which the store tidies (spaces, a name on one line): not as typed.
    out(f"{args.key} = {shown(current(args.key))}")
    return EXIT_OK


def setting_typed(key: str, text: str):
    """The value typed for a setting, as the store takes it, or a UserError saying why not."""
    if key not in SETTINGS:
        raise UserError(f"{key!r} is not a setting (try {', '.join(SETTINGS)}).")
    try:
        value = SETTINGS[key](text)
    except ValueError:
        raise UserError(f"{key} must be a number.") from None
    if key == "phone_region":
        value = value.strip().upper()
        import phonenumbers

        if value not in phonenumbers.SUPPORTED_REGIONS:
            raise UserError(f"{value!r} is not a region code (e.g. US, GB, DE).")
    return value


def shown(value) -> str:
    """A setting's value as JSON, its letters as written ("Café", "€")."""
    return json.dumps(value, ensure_ascii=False)


def cmd_move_store(ctx: Context) -> int:
    from inbox_app.store import is_postgres
    from inbox_app.store.move import move_store
    from inbox_app.store.sqlite_file import pasteable

    ctx._store = open_store(ctx.args.db, create=False)
    source = ctx._store
    if problem := no_folder_for_a_store(ctx.args.to):  # a typo's folders made in silence
        raise UserError(problem)
    if is_postgres(ctx.args.to):
        from inbox_app.store.pg_connect import display_url

        shown = display_url(ctx.args.to)
    else:
        shown = ctx.args.to
    out(f"copying {source.location} to {shown}")
    report = move_store(source, ctx.args.to,
                        on_table=lambda table, count: out(f"  {table:<24}{count:>10}"))
    out(f"copied {report.rows} rows in {len(report.counts)} tables; every table's count"
        " matches the original, which is left as it was")
    pasted = pasteable(shown)  # a path with a space, an address with ?sslmode=…&…
    if is_postgres(ctx.args.to):
        out(f"Point every computer at it: inbox-app --db {pasted} (or {DB_ENV}={pasted}).")
    else:
        out(f"Open it with: inbox-app --db {pasted}")
    return EXIT_OK


def cmd_backup(ctx: Context) -> int:
    from inbox_app.backup import backup_now

    out_path(ctx.args.out, "a file or a folder (or leave --out out for backups/ beside"
             " the store)")
    made = backup_now(ctx.store, ctx.args.out)
    out(f"backed up to {made}")
    return EXIT_OK


def cmd_restore(ctx: Context) -> int:
    from inbox_app.backup import restore
    from inbox_app.store import default_location

    location = ctx.args.db or default_location()
    if "://" in str(location):
        raise UserError("Restore works on a store in a file; use pg_restore for PostgreSQL.")
    if problem := file_problem(ctx.args.file):
        raise UserError(capitalized(problem))
    if ctx.store_is_named() and (problem := no_folder_for_a_store(str(location))):
        raise UserError(problem)
    kept = restore(location, ctx.args.file)
    out(f"restored {ctx.args.file} into {location}"
        + (f" (the previous store is kept at {kept})" if kept else ""))
    return EXIT_OK


def cmd_check(ctx: Context) -> int:
    """Reads every page of the store file, as each daily backup is checked, on demand (a
    cron job, a worry after a crash). A damaged store is the sentence every command
    gives, naming the newest backup and the restore command; exit code 2."""
    from inbox_app.store import StoreDamaged, StoreError, default_location, is_postgres
    from inbox_app.store.sqlite_file import automatic_backups, damaged, find_damage

    location = ctx.args.db or default_location()
    if is_postgres(location):
        raise UserError("Check works on a store in a file; PostgreSQL checks its own pages"
                        " (the amcheck extension, or pg_dump to a file).")
    started = time.perf_counter()
    try:
        store = ctx.store
    except StoreDamaged as error:  # too broken to open: the cron job still gets its answer
        from inbox_app.backup import check_pages

        at, refusal = str(error.location or location), error
        problem = check_pages(at, full=ctx.args.full) or str(error)
    except StoreError as error:
        # Not there (a disk not mounted), no store, a folder: a cron job parsing --json
        # is answered too, with the newest backup beside the path when there is one.
        at, refusal, problem = str(location), error, str(error)
    else:
        at, refusal = str(store.location), None
        problem = find_damage(store.conn, full=ctx.args.full)
    seconds = time.perf_counter() - started
    made = automatic_backups(at)
    if ctx.args.json:
        out_json({"location": at, "sound": problem is None,
                  "problem": problem, "check": "full" if ctx.args.full else "quick",
                  "seconds": round(seconds, 2),
                  "newest_backup": str(made[-1]) if made else None})
    if refusal is not None:
        raise refusal
    if problem is not None:
        raise damaged(store.location, problem)
    if not ctx.args.json:
        read = "every page and index" if ctx.args.full else "every page"
        out(f"{store.location} is sound ({read} read in {seconds:.1f} s)"
            + (f"; newest backup {made[-1].name}." if made else "; it has no backup yet."))
    return EXIT_OK


def cmd_export(ctx: Context) -> int:
    from inbox_app.exports import export_conversations, export_customers

    args = ctx.args
    out_path(args.out, "the file to write")
    if args.out == "-":
        raise UserError("An export is a file: give --out a file name.")
    view = {"kind": args.kind, "tag": args.tag, "account": args.account}
    if args.what == "customers" and (args.filter != "all" or args.search
                                     or any(view.values())):
        raise UserError("--filter, --search, --kind, --tag and --account choose"
                        " conversations; the customer export lists every customer.")
    if args.format is None:  # as `report` reads it: a contacts.vcf is written as vCards
        args.format = "vcard" if args.what == "customers" and str(args.out).lower().endswith(
            (".vcf", ".vcard")) else "csv"
    if args.what == "conversations":
        if args.format != "csv":
            raise UserError("Conversations export as CSV (--format csv).")
        if args.account:  # in any case, as `queue` reads it
            with contextlib.suppress(NotFound):
                view["account"] = ctx.store.get_account(args.account).name
        query = None if args.filter == "all" and not args.search and not any(
            view.values()) else QueueQuery(filter=args.filter, staff=ctx.staff,
                                           search=args.search, **view)
        count = export_conversations(ctx.store, args.out, query)
        out(f"exported {count} conversation{'s' if count != 1 else ''} to {args.out}")
    else:
        count = export_customers(ctx.store, args.out, args.format)
        out(f"exported {count} customer{'s' if count != 1 else ''} to {args.out}")
    return EXIT_OK


def add_store_commands(sub) -> None:
    """`report`, `settings`, `move-store`, `export`, `backup`, `restore` and `check`."""
    p = sub.add_parser("report", help="the customer-service summary for a month or a date range",
                       description="Writes the summary for --month (default: last month) or the "
                       "days --from to --to (both included, local time).")
    p.add_argument("--month", metavar="YYYY-MM", help="the month (local time)")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                   help="first day of a range")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                   help="last day of a range (default: today)")
    p.add_argument("--format", choices=("pdf", "csv", "json", "html"), default=None,
                   help="default: from --out's extension (.zip is CSV), else json")
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="the same as --format json, as other commands take it")
    p.add_argument("--out", metavar="PATH", default=None,
                   help="file to write; for csv a folder, or a .zip; json and html go to "
                   "stdout without it (or with -)")
    p.set_defaults(handler=cmd_report)

    p = sub.add_parser("settings", help="show or change a setting")
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=cmd_settings, creates_store=True)

    p = sub.add_parser("move-store", help="copy this store to another engine (SQLite ⇄ PostgreSQL)")
    p.add_argument("--to", required=True, metavar="DB",
                   help="an empty target: postgresql://user@host:port/dbname, or a file path")
    p.set_defaults(handler=cmd_move_store)

    p = sub.add_parser("export", help="conversations as CSV, customers as CSV or vCard")
    p.add_argument("what", choices=("conversations", "customers"))
    p.add_argument("--out", required=True, help="the file to write")
    p.add_argument("--format", choices=("csv", "vcard"), default=None,
                   help="csv, or vcard for customers (default: vcard for a .vcf file, else csv)")
    p.add_argument("--filter", choices=FILTERS, default="all",
                   help="conversations: which ones (default all)")
    p.add_argument("--search", default=None, help="conversations: only those matching")
    p.add_argument("--kind", choices=KINDS, help="conversations: of one channel kind")
    p.add_argument("--tag", help="conversations: of customers with this tag, or with this label")
    p.add_argument("--account", help="conversations: of one account")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("backup", help="a consistent copy of the store")
    p.add_argument("--out", default=None,
                   help="where to write it: a file (an earlier backup there is replaced, any"
                   " other file is left alone) or a folder (a name ending in /, made if need"
                   " be); default: backups/ beside the store")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="replace the store with a backup (the old one is kept)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_restore)
    p = sub.add_parser("check", help="read every page of the store file; exit 2 when damaged")
    p.add_argument("--full", action="store_true",
                   help="also check that every index agrees with its table (slower)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check)
