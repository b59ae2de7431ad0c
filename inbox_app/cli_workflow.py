"""The command line's day-to-day work on the queue: staff, customer tags and notes,
labels, assigning, closing, snoozing, merging and splitting customers, and race-free
claims (see cli.py for exit codes); watch terms are in cli_watch.py."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from inbox_app.cli_common import (
    EXIT_OK,
    EXIT_PARTIAL,
    STAFF_ENV,
    Context,
    UserError,
    conversation_id,
    file_problem,
    out,
    out_json,
    read_text,
    stored_number,
    when,
)
from inbox_app.cli_watch import add_watch_commands
from inbox_app.core.amounts import money
from inbox_app.core.identity import format_phone
from inbox_app.core.text import capitalized, one_line
from inbox_app.core.timeutil import iso, now, relative, spoken
from inbox_app.store import AlreadyTaken

# inbox_app.core.customer_list.FIELDS, written out: the window starts without importing it.
CUSTOMER_FIELDS = ("name", "first_name", "last_name", "company", "email", "phone", "mastodon",
                   "bluesky", "telegram", "social", "value", "tags", "note")


def cmd_staff(ctx: Context) -> int:
    store = ctx.store
    if ctx.args.staff_command == "add":
        former = former_staff_member(store, ctx.args.name)
        if former is not None:
            # Someone who left and comes back: their name, and their history, are theirs.
            store.set_staff_active(former, True, staff=ctx.staff)
            out(f"{former} works the queue again")
            return EXIT_OK
        member = store.add_staff(ctx.args.name, staff=ctx.staff)
        out(f"added {member.name}")
    elif ctx.args.staff_command in ("remove", "deactivate"):
        handed_back = store.set_staff_active(ctx.args.name, False, staff=ctx.staff)
        back = (f"; {handed_back} open conversation{'s' if handed_back != 1 else ''} of theirs"
                " went back to Unassigned" if handed_back else "")
        out(f"{store.staff_named(ctx.args.name).name} no longer works the queue{back}")
    else:
        members = store.list_staff(include_inactive=ctx.args.all)
        if ctx.args.json:
            out_json([{"name": m.name, "active": m.active} for m in members])
        elif not members:
            out("No staff yet: add someone with `inbox-app staff add NAME`.")
        else:
            for member in members:
                out(member.name + ("" if member.active else " (inactive)"))
    return EXIT_OK


def former_staff_member(store, name: str) -> str | None:
    """The whole name, in any case, of someone removed from the staff list (None when
    `name` is nobody's, or someone's who works here): `staff add` brings them back, as
    ticking them in Settings does, rather than refusing a name the list seems not to hold."""
    wanted = one_line(name).casefold()
    return next((member.name for member in store.list_staff(include_inactive=True)
                 if not member.active and one_line(member.name).casefold() == wanted), None)


def cmd_tag(ctx: Context) -> int:
    store = ctx.store
    customer = store.find_customer(ctx.args.customer)
    if ctx.args.remove:
        removed = store.untag_customer(customer.id, ctx.args.tag, staff=ctx.staff)
        if removed is None:
            raise UserError(f"{customer.name} has no tag {ctx.args.tag.strip()}.")
        out(f"{customer.name}: removed tag {removed}")
    else:
        tag = store.tag_customer(customer.id, ctx.args.tag, staff=ctx.staff)
        out(f"{customer.name}: tagged {tag}")
    return EXIT_OK


def cmd_label(ctx: Context) -> int:
    cid = conversation_id(ctx.args.conversation)
    if ctx.args.remove:
        removed = ctx.store.unlabel(cid, ctx.args.label, staff=ctx.staff)
        if removed is None:
            raise UserError(f"#{cid} has no label {ctx.args.label.strip()}.")
        out(f"#{cid}: removed label {removed}")
    else:
        label = ctx.store.label(cid, ctx.args.label, staff=ctx.staff)
        out(f"#{cid}: labelled {label}")
    return EXIT_OK


def cmd_assign(ctx: Context) -> int:
    cid = conversation_id(ctx.args.conversation)
    target = None if ctx.args.staff_member.lower() in ("nobody", "none", "-") else ctx.args.staff_member
    due = when(ctx.args.due)
    if due is not None and target is None:
        raise UserError("--due is when someone follows up; nobody has no follow-up.")
    ctx.store.assign(cid, target, due_at=due, staff=ctx.staff, expected_version=ctx.args.version)
    if target is None:
        out(f"#{cid} is back in the queue, unassigned")
    else:
        member = ctx.store.staff_named(target).name
        overdue = " (already overdue)" if due is not None and due < now() else ""
        out(f"#{cid} assigned to {member}" + (f", due {spoken(due)}{overdue}" if due else ""))
    return EXIT_OK


def cmd_close(ctx: Context) -> int:
    cid = conversation_id(ctx.args.conversation)
    if ctx.store.close_conversation(cid, staff=ctx.staff, expected_version=ctx.args.version):
        out(f"#{cid} closed")
    else:
        out(f"#{cid} was closed already")
    return EXIT_OK


def cmd_reopen(ctx: Context) -> int:
    cid = conversation_id(ctx.args.conversation)
    if ctx.store.reopen_conversation(cid, staff=ctx.staff, expected_version=ctx.args.version):
        out(f"#{cid} reopened")
    else:
        out(f"#{cid} was open already")
    return EXIT_OK


def cmd_snooze(ctx: Context) -> int:
    cid = conversation_id(ctx.args.conversation)
    until = when(ctx.args.until, end_of_date=False)  # "tomorrow": back in the morning
    ctx.store.snooze(cid, until, staff=ctx.staff, expected_version=ctx.args.version)
    out(f"#{cid} snoozed until {spoken(until)}")
    return EXIT_OK


def cmd_note(ctx: Context) -> int:
    store = ctx.store
    text = ctx.args.text
    if text == "-":
        text = read_text("-", nothing_done="noted")
    staff = ctx.author("A note")
    if ctx.args.customer:
        customer = store.find_customer(ctx.args.target)
        store.add_note(text, customer_id=customer.id, staff=staff)
        out(f"note added to {customer.name}")
    else:
        cid = conversation_id(ctx.args.target)
        store.add_note(text, conversation_id=cid, staff=staff)
        out(f"note added to #{cid}")
    return EXIT_OK


def cmd_customer(ctx: Context) -> int:
    store = ctx.store
    command = ctx.args.customer_command
    if command == "merge":
        keep = store.find_customer(ctx.args.keep)
        other = store.find_customer(ctx.args.other)
        if keep.id == other.id and _reference(ctx.args.keep) != _reference(ctx.args.other):
            # Two names of one customer (a script merging again what it merged before):
            # done already, as `close` of a closed conversation is.
            out(f"{ctx.args.keep.strip()} and {ctx.args.other.strip()} are one customer"
                f" already ({keep.name})")
            return EXIT_OK
        store.merge_customers(keep.id, other.id, staff=ctx.staff)
        # Two customers of one name (the reason to merge them) are told apart by number.
        out(f"merged {other.name} (#{other.id}) into {keep.name} (#{keep.id})"
            if other.name.casefold() == keep.name.casefold()
            else f"merged {other.name} into {keep.name}")
        return EXIT_OK
    if command == "split":
        new_id = store.split_identity(int(ctx.args.identity), staff=ctx.staff)
        out(f"split off as customer {new_id}")
        return EXIT_OK
    if command == "value":
        customer = store.find_customer(ctx.args.customer)
        value = customer_value(ctx.args.amount)
        store.set_customer_value(customer.id, value, staff=ctx.staff)
        shown = "cleared" if value is None else money(value, store.get_setting("currency"))
        out(f"{customer.name}: value {shown}")
        return EXIT_OK
    if command == "import":
        return import_customers(ctx)
    customer = store.find_customer(ctx.args.customer)
    region = store.phone_region()
    if ctx.args.json:
        out_json({
            "customer": customer.id, "name": customer.name, "value": customer.value,
            "currency": store.get_setting("currency"),
            "influence": customer.influence, "messages": customer.messages,
            "tags": list(customer.tags),
            "identities": [
                {"id": i.id, "kind": i.kind, "value": i.value, "followers": i.followers}
                for i in customer.identities
            ],
            "conversations": [
                {"conversation": c["id"], "kind": c["kind"], "status": c["status"],
                 "last_at": iso(c["last_at"])}
                for c in store.customer_conversations(customer.id)
            ],
        })
        return EXIT_OK
    out(f"{customer.name} (customer {customer.id})")
    for identity in customer.identities:
        shown = format_phone(identity.value, region) if identity.kind == "phone" else identity.value
        followers = f", {identity.followers} followers" if identity.followers else ""
        out(f"  {identity.kind:<9} {shown}  [identity {identity.id}{followers}]")
    if customer.tags:
        out("  tags: " + ", ".join(customer.tags))
    if customer.value is not None:
        out(f"  value: {money(customer.value, store.get_setting('currency'))}")
    out(f"  messages: {customer.messages}")
    for conversation in store.customer_conversations(customer.id):
        out(f"  #{conversation['id']} {conversation['kind']} {conversation['status']}"
            f" {relative(conversation['last_at'])}  {(conversation['preview'] or '')[:60]}")
    return EXIT_OK


def _reference(text: str) -> str:
    """A customer as written, the same in any case and spacing."""
    return " ".join(text.split()).casefold()


def customer_value(text: str) -> float | None:
    from inbox_app.core.amounts import AmountError, parse_amount

    if text.strip().lower() in ("none", "clear", ""):
        return None
    try:
        return parse_amount(text)
    except AmountError as error:
        raise UserError(f"{capitalized(str(error))} (e.g. 1250.50, or none"
                        " to clear it).") from None


def import_customers(ctx: Context) -> int:
    """`inbox-app customer import LIST.csv`: exit codes as `inbox-app import`."""
    from inbox_app.core.csv_table import CsvFileError
    from inbox_app.customer_import import import_customer_csv

    path, args = ctx.args.file, ctx.args
    if problem := file_problem(path):
        raise UserError(problem)
    try:
        summary = import_customer_csv(
            ctx.store, path, mapping=args.map or (), tags=args.tag or (), staff=ctx.staff,
            on_error=None if args.json else
            lambda error: print(f"{path}: {error}", file=sys.stderr))
    except CsvFileError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}.") from None
    if args.json:
        out_json({"new": summary.new, "updated": summary.updated,
                  "unchanged": summary.unchanged,
                  "errors": [{"row": e.line, "reason": e.reason} for e in summary.errors]})
    else:
        out(summary.line())
    return EXIT_PARTIAL if summary.errors else EXIT_OK


def cmd_claim(ctx: Context) -> int:
    """Takes a conversation (or the next one) for `--as STAFF`; exit 3 when it is lost."""
    args = ctx.args
    if (args.conversation is None) == (not args.next):
        raise UserError("Name one conversation to claim, or use --next.")
    staff = ctx.staff
    if staff is None:
        raise UserError("Claiming needs to know who you are: use --as NAME"
                        f" (or set {STAFF_ENV}).")
    store = ctx.store
    wanted = None if args.next else conversation_id(args.conversation)
    try:
        claimed = store.claim_next(staff) if wanted is None else store.claim(wanted, staff)
    except AlreadyTaken as lost:
        if args.json:  # a script reading the answer gets one on stdout either way
            holder = store.get_conversation(wanted).assignee if wanted is not None else None
            out_json({"claimed": False, "conversation": wanted, "assignee": holder,
                      "reason": str(lost)})
        raise
    if args.json:
        out_json({
            "claimed": True,
            "conversation": claimed.id,
            "assignee": claimed.assignee,
            "customer": claimed.customer_name,
            "customer_id": claimed.customer_id,
            "kind": claimed.kind,
            "account": claimed.account,
            "status": claimed.status,
            "subject": claimed.subject,
            "preview": claimed.preview,
            "last_at": iso(claimed.last_at),
            "waiting_since": iso(claimed.awaiting_since),
            "due_at": iso(claimed.due_at),
            "sentiment": claimed.last_compound,
            "messages": claimed.message_count,
            "labels": list(claimed.labels),
            "version": claimed.version,
        })
        return EXIT_OK
    waiting = f", waiting since {relative(claimed.awaiting_since)}" if claimed.awaiting_since else ""
    out(f"#{claimed.id} is yours, {claimed.assignee}: {claimed.customer_name} · {claimed.kind}"
        f"{waiting}")
    line = claimed.subject or claimed.preview
    if line:
        out(f"  {line[:100]}")
    return EXIT_OK


Handler = Callable[[Context], int]


def _conversation_action(sub, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text)
    parser.add_argument("conversation", help="conversation number")
    parser.add_argument("--version", type=stored_number, default=None,
                        help="refuse the change if the conversation is no longer at this version")
    parser.set_defaults(handler=handler)
    return parser


def add_workflow_commands(sub) -> None:
    p = sub.add_parser("staff", help="who works the queue")
    staff_sub = p.add_subparsers(dest="staff_command", metavar="add|list|remove", required=True)
    q = staff_sub.add_parser("add", help="someone who works the queue (a name as it should show)")
    q.add_argument("name")
    q.set_defaults(creates_store=True)
    q = staff_sub.add_parser("remove", help="stop someone working the queue (history is kept)")
    q.add_argument("name")
    q = staff_sub.add_parser("list", help="who works the queue")
    q.add_argument("--json", action="store_true")
    q.add_argument("--all", action="store_true", help="include people who no longer work the queue")
    p.set_defaults(handler=cmd_staff)

    p = sub.add_parser("tag", help="tag a customer (VIP, wholesale…)")
    p.add_argument("customer", help="customer number, email, phone, handle or name")
    p.add_argument("tag")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(handler=cmd_tag)

    p = sub.add_parser("label", help="label a conversation")
    p.add_argument("conversation")
    p.add_argument("label")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(handler=cmd_label)

    p = _conversation_action(sub, "assign", cmd_assign, "assign a conversation (a follow-up)")
    p.add_argument("staff_member", metavar="STAFF", help="staff member, or 'nobody'")
    p.add_argument("--due", help="follow-up due: tomorrow, friday, next week, friday 14:00,"
                   " at 3pm, 2026-12-01, +3h, in 2 days… (a day alone: by its end)")
    _conversation_action(sub, "close", cmd_close, "close a conversation")
    _conversation_action(sub, "reopen", cmd_reopen, "reopen a conversation")
    p = _conversation_action(sub, "snooze", cmd_snooze, "hide a conversation until a time")
    p.add_argument("until", help="tomorrow, friday, next week, friday 14:00, at 3pm, 2026-12-01,"
                   " +3h, in 2 days… (a day alone: 9:00 that morning)")

    p = sub.add_parser("note", help="add an internal note")
    p.add_argument("target", metavar="CONVERSATION", help="conversation number (or customer with --customer)")
    p.add_argument("text", help="the note, or - to read it from stdin")
    p.add_argument("--customer", action="store_true", help="the note is about a customer")
    p.set_defaults(handler=cmd_note)

    p = sub.add_parser("customer", help="show, merge or split customers; set their value; import a customer list")
    customer_sub = p.add_subparsers(dest="customer_command", metavar="show|merge|split|value|import", required=True)
    q = customer_sub.add_parser("show")
    q.add_argument("customer", help="customer number, email, phone, handle or name")
    q.add_argument("--json", action="store_true")
    q = customer_sub.add_parser("merge", help="merge OTHER into KEEP")
    q.add_argument("keep")
    q.add_argument("other")
    q = customer_sub.add_parser("split", help="split an identity off into a new customer")
    q.add_argument("identity", type=stored_number, help="identity number (see customer show)")
    q = customer_sub.add_parser("value", help="what the customer has spent with you")
    q.add_argument("customer", help="customer number, email, phone, handle or name")
    q.add_argument("amount", help="an amount (1250.50, $1,250.50, 1.250,50 €) or none")
    q = customer_sub.add_parser(
        "import", help="a customer list (CSV) from a shop system: values, tags, identities")
    q.add_argument("file", metavar="LIST.csv")
    q.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                   help="which column holds a field: " + ", ".join(CUSTOMER_FIELDS))
    q.add_argument("--tag", action="append", metavar="TAG",
                   help="tag every customer in the list (e.g. shopify)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(creates_store=True)
    p.set_defaults(handler=cmd_customer)

    add_watch_commands(sub)

    p = sub.add_parser("claim", help="take a conversation, race-free across computers")
    p.add_argument("conversation", nargs="?", help="conversation number")
    p.add_argument("--next", action="store_true",
                   help="the highest-priority open conversation nobody has")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_claim)
