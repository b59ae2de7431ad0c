"""The `inbox-app` command line: thin wrappers over the store and the pipeline (the
channel commands are in cli_channels.py; staff, customers and conversation actions in
cli_workflow.py; reports, settings, exports, backups and moving
the store in cli_store.py; what all commands share in cli_common.py).

Exit codes: 0 done; 1 the command ran but part of it failed (e.g. some import
lines); 2 the command could not run (a mistake in what was asked, an unreadable
file); 3 a claim lost (already taken, or nothing left). Mistakes are one plain
sentence on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

from inbox_app import __version__
from inbox_app.cli_channels import add_channel_commands
from inbox_app.cli_common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_PIPE_CLOSED,
    EXIT_TAKEN,
    EXIT_USAGE,
    LARGEST_STORED_NUMBER,
    Context,
    UserError,
    conversation_id,
    file_problem,
    never_stopped_by_a_letter,
    out,
    out_json,
    when,
)
from inbox_app.cli_rules import add_rule_commands
from inbox_app.cli_store import add_store_commands
from inbox_app.cli_workflow import add_workflow_commands
from inbox_app.core.identity import IdentityError
from inbox_app.core.kinds import KINDS
from inbox_app.core.models import Message, Note
from inbox_app.core.text import one_line
from inbox_app.core.timeutil import due_label, iso, relative, until_in_words
from inbox_app.secrets import KeyringUnavailable
from inbox_app.store import (
    FILTERS,
    ORDERS,
    AlreadyTaken,
    NotFound,
    QueueQuery,
    StoreError,
    display_location,
)

# Commands


def cmd_import(ctx: Context) -> int:
    from inbox_app.core.importing import not_json_lines
    from inbox_app.pipeline import bounded_lines, import_lines

    path = ctx.args.file
    if path.lower().endswith(".csv"):
        from inbox_app.sources.call_log import import_call_csv_command

        return import_call_csv_command(ctx, path)
    if ctx.args.map or ctx.args.dates or ctx.args.account:
        raise UserError("--map, --dates and --account are for call-log CSV files.")
    if path != "-" and (problem := file_problem(path)):
        print(f"inbox-app: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        # `-` is stdin (`… | inbox-app import -`); a pipe is read once, so the lines looked
        # at to tell JSON Lines from anything else are imported with the rest.
        with (open(path, "rb") if path != "-" else nullcontext(sys.stdin.buffer)) as handle:
            head = handle.read(65536)
            if problem := not_json_lines(head):
                print(f"inbox-app: cannot import {path}: {problem}.", file=sys.stderr)
                return EXIT_USAGE
            summary = import_lines(
                ctx.store,
                bounded_lines(handle, head),  # an endless line is not held in memory
                staff=ctx.staff,
                on_error=lambda error: print(f"{path}: {error}", file=sys.stderr),
            )
    except OSError as error:
        print(f"inbox-app: cannot read {path}: {error.strerror or error}.", file=sys.stderr)
        return EXIT_USAGE
    out(summary.line())
    return EXIT_PARTIAL if summary.errors else EXIT_OK


def cmd_stats(ctx: Context) -> int:
    stats = ctx.store.stats()
    if ctx.args.json:
        out_json(stats)
        return EXIT_OK
    out(f"messages       {stats['messages']}")
    out(f"conversations  {stats['conversations']}")
    out(f"customers      {stats['customers']}")
    out("by family      " + ", ".join(f"{k} {v}" for k, v in stats["by_family"].items()))
    out("by kind        " + ", ".join(f"{k} {v}" for k, v in stats["by_kind"].items()))
    return EXIT_OK


def cmd_queue(ctx: Context) -> int:
    args = ctx.args
    if args.limit < 1:
        raise UserError("--limit is a number of conversations from 1 up.")
    args.limit = min(args.limit, LARGEST_STORED_NUMBER)  # a limit past any count: all of them
    search = (args.search or "").strip() or None  # a blank search (`--search "$EMPTY"`) is none
    chosen = args.filter or ("all" if search else "open")
    staff = ctx.staff
    if args.account:
        # As `account enable` reads a name: in any case. An imported file's account,
        # which has no account of its own, is taken as written.
        with contextlib.suppress(NotFound):
            args.account = ctx.store.get_account(args.account).name
    query = QueueQuery(
        filter=chosen, staff=staff, kind=args.kind, tag=args.tag, account=args.account,
        search=search, order=args.order, limit=args.limit,
    )
    rows = ctx.store.queue(query)
    if args.json:
        out_json([
            {
                "conversation": row.conversation_id,
                "customer": row.customer_name,
                "customer_id": row.customer_id,
                "kind": row.kind,
                "account": row.account,
                "status": row.status,
                "assignee": row.assignee,
                "due_at": iso(row.due_at),
                "snoozed_until": iso(row.snoozed_until) if row.status == "snoozed" else None,
                "last_at": iso(row.last_at),
                "waiting_since": iso(row.awaiting_since),
                "preview": row.preview,
                "subject": row.subject,
                "sentiment": row.sentiment,
                "unread": row.unread,
                "messages": row.message_count,
            }
            for row in rows
        ])
        return EXIT_OK
    if not rows:
        out("Nothing here.")
        return EXIT_OK
    for row in rows:
        mood = "-" if row.sentiment is not None and row.sentiment <= -0.05 else (
            "+" if row.sentiment is not None and row.sentiment >= 0.05 else " ")
        due = f" {due_label(row.due_at)}" if row.due_at else ""
        out(
            f"#{row.conversation_id:<6} {row.kind:<9} {row.status:<7} {mood}"
            f" {one_line(row.customer_name)[:24]:<24} {relative(row.last_at):>7}"
            f"  {(row.assignee or '-')[:14]:<14}{due}  {one_line(row.preview)[:70]}"
        )
    if len(rows) == args.limit and (total := ctx.store.queue_count(query)) > len(rows):
        sys.stdout.flush()  # after the rows; on stderr, so a script reading them gets rows only
        print(f"inbox-app: the first {len(rows)} of {total:,}; --limit {total} lists them all.",
              file=sys.stderr)
    return EXIT_OK


def cmd_show(ctx: Context) -> int:
    store = ctx.store
    conversation = store.get_conversation(conversation_id(ctx.args.conversation))
    entries = store.thread(conversation.id)
    if ctx.args.json:
        out_json({
            "conversation": conversation.id,
            "customer": conversation.customer_name,
            "customer_id": conversation.customer_id,
            "kind": conversation.kind,
            "status": conversation.status,
            "assignee": conversation.assignee,
            "due_at": iso(conversation.due_at),
            "snoozed_until": iso(conversation.snoozed_until)
            if conversation.status == "snoozed" else None,
            "labels": list(conversation.labels),
            "version": conversation.version,
            "thread": [_entry_json(entry) for entry in entries],
        })
        return EXIT_OK
    title = one_line(conversation.subject or "") or one_line(conversation.preview)[:60]
    due = f", {due_label(conversation.due_at)}" if conversation.due_at else ""
    status = conversation.status
    if status == "snoozed" and conversation.snoozed_until:
        status += f" until {until_in_words(conversation.snoozed_until)}"
    # A follow-up date outlives its person (`staff remove` keeps it): shown with nobody too.
    who = conversation.assignee or ("unassigned" if due else "")
    out(f"#{conversation.id} {one_line(conversation.customer_name)} · {conversation.kind}"
        f" · {status}{' · ' + who + due if who else ''}")
    if conversation.labels:
        out("labels: " + ", ".join(conversation.labels))
    if title:
        out(title)
    for entry in entries:
        out("")
        if isinstance(entry, Note):
            out(f"  [note by {one_line(entry.staff or 'someone')}, {iso(entry.at)}]")
            out("  " + entry.text.replace("\n", "\n  "))
            continue
        who = entry.staff if entry.direction == "out" else (entry.author_name or conversation.customer_name)
        state = f" ({entry.delivery}{': ' + one_line(entry.error) if entry.error else ''})" if (
            entry.direction == "out" and entry.delivery not in (None, "sent")) else ""
        arrow = "→" if entry.direction == "out" else "←"
        who = one_line(who or "")  # a feed's author may come with line breaks
        out(f"{arrow} {who + ', ' if who else ''}{iso(entry.at)}{state}")
        out(entry.text)
    return EXIT_OK


def _entry_json(entry: Message | Note) -> dict[str, Any]:
    if isinstance(entry, Note):
        return {"type": "note", "id": entry.id, "staff": entry.staff, "text": entry.text,
                "at": iso(entry.at)}
    return {
        "type": "message", "id": entry.id, "direction": entry.direction, "kind": entry.kind,
        "author": entry.author_name, "staff": entry.staff, "text": entry.text,
        "at": iso(entry.at), "sentiment": entry.sentiment.compound if entry.sentiment else None,
        "delivery": entry.delivery, "error": entry.error, "url": entry.url, "title": entry.title,
        # A review's stars, as its feed gave them ({"value": 1, "best": 5}); null otherwise.
        "rating": (entry.meta or {}).get("rating"),
    }


def cmd_demo(ctx: Context) -> int:
    from inbox_app import demo

    now_at = when(ctx.args.now) if ctx.args.now else None
    held = ctx.store.stats()["messages"]
    if held:
        # Without --db this is the shop's own store; made-up customers cannot be taken out.
        raise UserError(f"The store at {display_location(ctx.store.location)} already holds"
                        f" {held:,} messages; the demo fills an empty store only (give --db a"
                        " new file, or open a throwaway demo window with inbox-app --demo).")
    demo.fill(ctx.store, seed=ctx.args.seed, now_at=now_at, as_demo=True)
    stats = ctx.store.stats()
    out(f"demo store ready at {display_location(ctx.store.location)}: {stats['messages']} messages,"
        f" {stats['conversations']} conversations, {stats['customers']} customers")
    return EXIT_OK


# The parser

class _Parser(argparse.ArgumentParser):
    """argparse, but `--search=--` is a search for `--`: Python 3.11's argparse drops a
    `--` even when it is an option's own value, and the option became an empty list
    (the queue listed as if nothing were searched)."""

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        if action.option_strings and action.nargs is None and arg_strings == ["--"]:
            value = self._get_value(action, "--")
            self._check_value(action, value)
            return value
        return super()._get_values(action, arg_strings)

    def _print_message(self, message: str, file: Any = None) -> None:
        """As argparse writes help and the version, but a reader that stopped (`inbox-app
        --help | head -0`) ends it as it ends a command (exit 141): argparse dropped the
        broken pipe and exited 0, as if the help had been read. A mistake's sentence on a
        closed stderr is still dropped, so its exit code 2 stands."""
        if not message:
            return
        file = file or sys.stderr
        try:
            file.write(message)
            if file is sys.stdout:
                file.flush()  # now, not at exit, where Python would only complain
        except BrokenPipeError:
            if file is sys.stdout:
                raise
        except (AttributeError, OSError):
            pass


def _take_store_and_staff_after_commands(parser: argparse.ArgumentParser) -> None:
    """`--db` and `--as` also after the command (`queue --filter mentions --as NAME`, as
    the README writes it and people type it); given there, they win over the ones before."""
    for action in parser._actions:  # argparse keeps no public list of its subcommands
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                command.add_argument("--db", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
                command.add_argument("--as", dest="as_staff", default=argparse.SUPPRESS,
                                     help=argparse.SUPPRESS)
                _take_store_and_staff_after_commands(command)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="inbox-app",
        description="A shared inbox for small businesses. Without a command, opens the window.",
    )
    parser.add_argument("--db", default=None,
                        help="the store: a file path, or postgresql://user@host:port/dbname for"
                             " a shared team database (default: your data folder;"
                             " INBOX_APP_DB overrides)")
    parser.add_argument("--as", dest="as_staff", metavar="STAFF", default=None,
                        help="who is acting (default: INBOX_APP_STAFF)")
    parser.add_argument("--demo", action="store_true",
                        help="open the window on a freshly generated demo store")
    parser.add_argument("--screenshot", metavar="OUT.png", default=None,
                        help="render the window once the queue has loaded, save it, and exit")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default=None,
                        help="the window's palette")
    parser.add_argument("-V", "--version", "--app-version", action="version", version=f"inbox-app {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import messages (JSON Lines) or a call log (CSV)")
    p.add_argument("file")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                   help="call-log CSV: which column holds a field (time, number, direction, "
                        "duration, name, notes, status, from, to, from_name, to_name, id), e.g. "
                        "'time=Start Time'; "
                        "a column may be named by its header or its number")
    p.add_argument("--dates", choices=("dmy", "mdy"), default=None,
                   help="call-log CSV: how to read dates like 03/04/2026 "
                        "(default: from the phone_region setting)")
    p.add_argument("--account", default=None,
                   help="call-log CSV: the phone line the calls belong to")
    p.set_defaults(handler=cmd_import, creates_store=True)

    p = sub.add_parser("stats", help="counts of messages, conversations and customers")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("queue", help="list the queue")
    p.add_argument("--filter", choices=FILTERS, default=None,
                   help="which conversations (default: open, or all when searching)")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--tag", help="customer tag or conversation label")
    p.add_argument("--account")
    p.add_argument("--search", help="full-text search over messages, customers and notes")
    p.add_argument("--order", choices=ORDERS, default="priority")
    p.add_argument("--limit", type=int, default=50,
                   help="at most this many conversations (default: 50)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_queue)

    p = sub.add_parser("show", help="show a conversation's thread")
    p.add_argument("conversation")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("demo", help="fill the store with a realistic demo business")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--now", default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_demo, creates_store=True)

    add_workflow_commands(sub)
    add_rule_commands(sub)
    add_store_commands(sub)
    add_channel_commands(sub, with_kinds=argv is None or "account" in argv)
    _take_store_and_staff_after_commands(parser)
    return parser


def _value_options(parser: argparse.ArgumentParser) -> tuple[set[str], set[str]]:
    """The long options that take one value wherever they appear, and every option string
    of any command (see `_dash_values_kept`)."""
    taking: set[str] = set()
    flags: set[str] = set()
    parsers = [parser]
    while parsers:
        for action in parsers.pop()._actions:  # argparse keeps no public list of them
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            one_value = action.nargs is None and isinstance(
                action, (argparse._StoreAction, argparse._AppendAction))
            for option in action.option_strings:
                (taking if one_value and option.startswith("--") else flags).add(option)
    return taking - flags, taking | flags


def _dash_values_kept(argv: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """`--search -20%` as `--search=-20%`: the word after an option that takes a value is
    its value, as getopt reads it (`grep -e -x`), also a time ago (`--at -20m`) or `--`.
    argparse took such a word for an unknown option ("expected one argument"). One of
    the commands' own options there is a value forgotten, and is left for argparse to say
    so; after a lone `--` every word is an argument, as argparse reads them."""
    value_options, known = _value_options(parser)
    kept: list[str] = []
    for place, arg in enumerate(argv):
        if (kept and kept[-1] in value_options and arg.startswith("-") and arg != "-"
                and arg not in known):
            kept[-1] = f"{kept[-1]}={arg}"
        elif arg == "--":
            return [*kept, *argv[place:]]
        else:
            kept.append(arg)
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    try:
        args = parser.parse_args(_dash_values_kept(argv, parser))
    except BrokenPipeError:  # the help or the version, into a reader that stopped
        return _pipe_closed()
    if args.command is None:
        from inbox_app.gui.app import run_window

        return run_window(args)
    gc.enable()  # off while starting (see __main__)
    never_stopped_by_a_letter()
    ctx = Context(args)
    refused = False
    try:
        if args.db is not None and not args.db.strip():
            # `--db "$STORE"` with the variable unset: neither a store in the current folder
            # nor (for `restore`, `check`) the shop's own store in the data folder.
            raise UserError("--db is empty: name the store's file (or leave --db out for the"
                            " store in your data folder).")
        code = args.handler(ctx)
        refused = code == EXIT_USAGE  # said in a sentence by the command itself
        # What is still buffered goes now: a reader that stopped before any of it (`| true`)
        # is then answered below, not by Python at exit (exit 120, "Exception ignored").
        sys.stdout.flush()
        return code
    except AlreadyTaken as error:
        print(f"inbox-app: {error}", file=sys.stderr)
        return EXIT_TAKEN
    except (UserError, StoreError, IdentityError, KeyringUnavailable) as error:
        refused = True
        print(f"inbox-app: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("inbox-app: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _pipe_closed()
    finally:
        ctx.close(refused=refused)


def _pipe_closed() -> int:
    """`inbox-app queue | head`: the reader has all it wanted. Exit as a program the pipe's
    end stopped does, quietly (Python would complain again at exit)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_PIPE_CLOSED
