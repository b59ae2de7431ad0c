"""The channel commands: `account`, `poll`, `call`, `reply` and `attachment` — the
command line's side of what the channels (inbox_app.sources) read and send."""

from __future__ import annotations

import sys
from pathlib import Path

from inbox_app.cli_common import (
    EXIT_OK,
    EXIT_PARTIAL,
    Context,
    UserError,
    conversation_id,
    out,
    out_json,
    read_text,
)
from inbox_app.core.timeutil import iso, relative


def cmd_attachment(ctx: Context) -> int:
    from inbox_app.sources import SourceError
    from inbox_app.sources.mail_files import attachments_of, readable_name, save_attachment

    store = ctx.store
    conversation = store.get_conversation(conversation_id(ctx.args.conversation))
    listed = attachments_of(store, conversation.id)
    if ctx.args.attachment_command == "list":
        if ctx.args.json:
            out_json([{"number": a.number, "message": a.message_id, "name": a.name,
                       "size": a.size, "type": a.content_type} for a in listed])
        elif not listed:
            out(f"conversation {conversation.id} has no attachments")
        for a in [] if ctx.args.json else listed:
            out(f"{a.number:>3}  {readable_name(a.name)}  ({a.size:,} bytes, {a.content_type})")
        return EXIT_OK
    chosen = next((a for a in listed if a.number == ctx.args.number), None)
    if chosen is None:
        raise UserError(f"Conversation {conversation.id} has no attachment {ctx.args.number}"
                        f" (it has {len(listed)}; see attachment list).")
    target = Path(ctx.args.out) if ctx.args.out else Path.cwd()
    if not target.is_dir() and not target.parent.is_dir():
        raise UserError(f"There is no folder {target.parent} to save into.")
    try:
        saved = save_attachment(store, chosen, target)
    except (SourceError, OSError) as error:
        print(f"inbox-app: {chosen.name} could not be saved: {error}", file=sys.stderr)
        return EXIT_PARTIAL
    out(f"saved {saved}")
    return EXIT_OK


def _check_interval(interval: int | None) -> None:
    """As the poll_interval setting and the window's "Check every": a day at most (checked
    before the store is opened, so a refused account leaves no new store behind). A bigger
    one would be stored, and fail each poll that adds it to the clock."""
    from inbox_app.store.accounts import MAX_INTERVAL, MIN_INTERVAL

    if interval is not None and interval > MAX_INTERVAL:
        raise UserError(f"The poll interval is a number of seconds from {MIN_INTERVAL} to"
                        f" {MAX_INTERVAL:,} (a day), not {interval}.")


def read_secret(label: str) -> str:
    """From stdin when it is not a terminal (scripts), else a prompt that does not echo."""
    if not sys.stdin.isatty():
        secret = sys.stdin.read().strip("\r\n")
    else:
        import getpass

        secret = getpass.getpass(f"{label}: ")
    if not secret.strip():
        raise UserError(f"No {label.lower()} was given.")
    return secret


def cmd_account(ctx: Context) -> int:
    from inbox_app.sources import source_module

    _check_interval(getattr(ctx.args, "interval", None))
    store = ctx.store
    command = ctx.args.account_command
    if command == "add":
        from inbox_app.accounts import add_account
        from inbox_app.sources import SourceError
        from inbox_app.sources.http import FetchError

        module = source_module(ctx.args.kind)
        try:
            setup = module.account_config(ctx.args)
        except (SourceError, FetchError) as error:
            raise UserError(str(error)) from None
        secret = read_secret(setup.secret_label) if setup.secret_label else None
        account, verified = add_account(
            store, ctx.args.kind, ctx.args.name, setup, secret, interval=ctx.args.interval,
            staff=ctx.staff, sign_in=None if getattr(ctx.args, "no_check", False)
            else _sign_in_or_say("The account was not added"))
        out(f"added {account.kind} account {account.name}" + (f": {verified}" if verified else ""))
        return EXIT_OK
    if command == "secret":
        return _new_secret(ctx)
    if command == "list":
        accounts = store.list_accounts()
        if ctx.args.json:
            out_json([
                {
                    "name": a.name, "kind": a.kind, "enabled": a.enabled, "watch": a.watch,
                    "poll_interval": a.poll_interval, "config": a.config,
                    "last_success_at": iso(a.last_success_at), "last_error": a.last_error,
                    "last_error_at": iso(a.last_error_at), "next_poll_at": iso(a.next_poll_at),
                    "reads_from": _reads_from(a),
                }
                for a in accounts
            ])
            return EXIT_OK
        if not accounts:
            out("No accounts yet: add one with `inbox-app account add KIND --name NAME …`.")
        for a in accounts:
            state = "enabled" if a.enabled else "disabled"
            health = f"error: {a.last_error}{_when_tried(a)}" if a.last_error else (
                f"ok, last read {relative(a.last_success_at)}" if a.last_success_at else
                "calls are logged, not read" if a.kind == "phone" else "not read yet")
            out(f"{a.name:<28} {a.kind:<9} {state:<9} {health}{_moved_note(a)}")
        return EXIT_OK
    from inbox_app.accounts import remove_account

    if command == "remove":
        account = remove_account(store, ctx.args.name, staff=ctx.staff)
        out(f"removed {account.name} (its messages stay)")
        return EXIT_OK
    enabled = command == "enable"
    account = store.get_account(ctx.args.name)
    store.set_account_enabled(account.name, enabled, staff=ctx.staff)
    out(f"{account.name} {'enabled' if enabled else 'disabled'}")
    return EXIT_OK


def _sign_in_or_say(refused: str):
    """Signing in to check an account's settings; a refusal is the sentence `refused: why`."""
    from inbox_app.accounts import check_sign_in
    from inbox_app.sources import SourceError
    from inbox_app.sources.http import FetchError

    def sign_in(kind: str, config: dict, secret: str | None) -> str | None:
        try:
            return check_sign_in(kind, config, secret)
        except (SourceError, FetchError) as error:
            raise UserError(f"{refused}: {error}") from None

    return sign_in


def _new_secret(ctx: Context) -> int:
    """A new password or token for an account (a token revoked, a password changed): signed
    in with first, unless --no-check, so a wrong one is never kept."""
    from inbox_app.accounts import update_account
    from inbox_app.sources import AccountSetup, source_module

    account = ctx.store.get_account(ctx.args.name)
    label = getattr(source_module(account.kind), "SECRET_LABEL", None)
    if label is None or (account.kind == "feed" and not account.config.get("username")):
        raise UserError(f"{account.name} has no password or token to change.")
    secret = read_secret(f"New {label[0].lower()}{label[1:]}")
    updated, verified = update_account(
        ctx.store, account, AccountSetup(account.config, label, account.watch), secret,
        staff=ctx.staff, sign_in=None if ctx.args.no_check
        else _sign_in_or_say(f"The new {label.lower()} was not kept"))
    out(f"kept the new {label.lower()} for {updated.name}" + (f": {verified}" if verified else "")
        + "; it is read at the next poll")
    return EXIT_OK


def _when_tried(account) -> str:
    """After a failing account's error: when it was last read and when the poller tries it
    next. The error may say the app asks again after a pause; this is when it really does."""
    from inbox_app.core.timeutil import wait_until

    last = (f" Last read {relative(account.last_success_at)}" if account.last_success_at
            else " Never read yet")
    if not account.enabled:
        return f"{last}; not tried while disabled."
    if _left_alone(account):
        return (f"{last}; not tried again on its own (`inbox-app poll --once --account"
                f" {account.name!r}` reads it now).")
    wait = wait_until(account.next_poll_at)
    return f"{last}; next try " + (f"in {wait}." if wait else "at the next poll.")


def _left_alone(account) -> bool:
    """A feed the site removed waits for the shop, not for a pause (sources.feeds.GONE_PAUSE)."""
    if account.kind != "feed":
        return False
    from inbox_app.sources import left_alone

    return left_alone(account)


def _reads_from(account) -> str | None:
    """The address a feed is read from now: where it moved for good, else the one given."""
    if account.kind != "feed":
        return None
    from inbox_app.sources.feeds import reading_address

    return reading_address(account)


def _moved_note(account) -> str:
    reads_from = _reads_from(account)
    if reads_from is None or reads_from == account.config.get("url"):
        return ""
    return f"; it moved for good to {reads_from}, where it is read now"


def cmd_poll(ctx: Context) -> int:
    from inbox_app.sources.poller import poll_once

    if not ctx.args.once:
        raise UserError("Use `inbox-app poll --once` (the window polls continuously).")

    def report(result) -> None:
        if result.waiting_until is not None:
            from inbox_app.core.timeutil import wait_until

            wait = wait_until(result.waiting_until) or "a moment"
            waits = ("failed for good, so it is not tried again on its own"
                     if _left_alone(ctx.store.get_account(result.account))
                     else f"failed, so it waits {wait} more")
            out(f"{result.account}: skipped: its last read {waits}"
                f" (`inbox-app poll --once --account {result.account!r}` reads it now)")
        elif result.busy:
            out(f"{result.account}: skipped: {result.busy}")
        elif result.error:
            out(f"{result.account}: failed: {result.error}")
        else:
            notes = []
            if result.duplicates:
                notes.append(f"{result.duplicates} already stored")
            if result.skipped and result.kind == "feed":  # the first read of a long feed
                notes.append(f"{result.skipped} older entr{'ies' if result.skipped != 1 else 'y'}"
                             " left unread")
            elif result.skipped:
                notes.append(f"{result.skipped} not for the queue")
            out(f"{result.account}: {result.new} new" + (f" ({', '.join(notes)})" if notes else ""))
            if result.warning:
                out(f"{result.account}: warning: {result.warning}")

    from inbox_app.backup import backup_if_due
    from inbox_app.store import StoreDamaged, StoreError

    store = ctx.store  # a store that cannot be opened is that command's answer
    try:
        backup_if_due(store)
    except StoreDamaged:
        raise
    except (StoreError, OSError) as error:  # a full disk, a locked folder: still read mail
        print(f"inbox-app: today's backup failed: {error}", file=sys.stderr)

    def outbox(sent) -> None:
        if sent.sent or sent.failed:
            out(f"outbox: {len(sent.sent)} replies sent, {len(sent.failed)} failed")

    name = ctx.args.account
    if name is not None:
        chosen = ctx.store.get_account(name)
        if chosen.kind == "phone":
            out(f"{chosen.name} is a phone line: its calls are logged, not read.")
            return EXIT_OK
        if not chosen.enabled:
            raise UserError(f"{chosen.name} is paused (disabled), so it was not read; "
                            f"`inbox-app account enable {chosen.name!r}` turns it back on.")
        name = chosen.name
    results = poll_once(ctx.store, account=name, after_failures=True, on_result=report,
                        on_outbox=outbox)
    if not results:
        out("No accounts to poll.")
    return EXIT_OK


def cmd_call(ctx: Context) -> int:
    from inbox_app.sources.call_logging import log_call_command

    return log_call_command(ctx)


def cmd_reply(ctx: Context) -> int:
    from inbox_app.replies import CannotSend, reply

    cid = conversation_id(ctx.args.conversation)
    staff = ctx.author("A reply")
    text = read_text(ctx.args.text_file, nothing_done="sent")
    try:
        result = reply(ctx.store, cid, text, staff, close=ctx.args.close,
                       sign=not ctx.args.unsigned)
    except CannotSend as error:
        link = _feed_link(ctx.store, cid)
        if link:
            raise UserError(f"A feed item is answered where it was posted: open {link} "
                            "(nothing was sent or stored).") from None
        raise UserError(str(error)) from None
    if result.delivery == "failed":
        kept_open = "; the conversation stays open" if ctx.args.close else ""
        print(f"inbox-app: the reply was not sent: {result.error} It is kept as a failed draft "
              f"(message {result.message_id}){kept_open}.", file=sys.stderr)
        return EXIT_PARTIAL
    closed = f"; #{cid} closed" if ctx.args.close and not result.not_closed else ""
    demo = " (demo: nothing left this computer)" if result.demo else ""
    out(f"reply {result.delivery} in #{cid} (message {result.message_id}){demo}{closed}")
    if result.unrecorded:  # it went: exit 0, so a script does not send it again
        print(f"inbox-app: #{cid}: {result.unrecorded}", file=sys.stderr)
    if result.not_closed:
        print(f"inbox-app: #{cid} could not be closed: {result.not_closed}", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def _feed_link(store, cid: int) -> str | None:
    """The page of a feed conversation's latest item: where it is answered (SPEC: a feed
    reply is opening the item's link in the browser)."""
    if store.get_conversation(cid).kind != "feed":
        return None
    return next((m.url for m in reversed(store.messages(cid)) if m.url), None)


def add_channel_commands(sub, with_kinds: bool = True) -> None:
    """`with_kinds` False skips importing every channel module (IMAP, feeds…) just to
    describe `account add`'s options: the window and most commands start faster."""
    from inbox_app.sources import SOURCE_MODULES, source_module

    p = sub.add_parser("account", help="channels the app reads: add, list, remove, enable, disable, secret")
    account_sub = p.add_subparsers(dest="account_command", metavar="add|list|remove|enable|disable|secret",
                                   required=True)
    add = account_sub.add_parser("add", help="add an account (secrets go to the OS keyring)")
    add.set_defaults(creates_store=True)
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind in SOURCE_MODULES if with_kinds else ():
        module = source_module(kind)
        if module is None or not hasattr(module, "add_arguments"):
            continue
        q = kinds.add_parser(kind, help=(module.__doc__ or "").strip().splitlines()[0])
        q.add_argument("--name", required=True, help="a name for this account")
        q.add_argument("--interval", type=int, default=None, help="seconds between polls")
        if hasattr(module, "verify"):
            q.add_argument("--no-check", action="store_true",
                           help="add the account without contacting its server first")
        module.add_arguments(q)
    q = account_sub.add_parser("list")
    q.add_argument("--json", action="store_true")
    for name in ("remove", "enable", "disable"):
        q = account_sub.add_parser(name)
        q.add_argument("name")
    q = account_sub.add_parser(
        "secret", help="a new password or token for an account (read from stdin or a prompt)")
    q.add_argument("name")
    q.add_argument("--no-check", action="store_true",
                   help="keep it without signing in with it first")
    p.set_defaults(handler=cmd_account)

    p = sub.add_parser("poll", help="read new messages from the accounts now")
    p.add_argument("--once", action="store_true", help="run one round and exit")
    p.add_argument("--account", help="only this account")
    p.set_defaults(handler=cmd_poll)

    p = sub.add_parser("call", help="phone calls: log one taken or made")
    call_sub = p.add_subparsers(dest="call_command", metavar="log", required=True)
    q = call_sub.add_parser("log", help="record a phone call as a message of kind phone")
    q.add_argument("--phone", required=True, help="the customer's number, in any common format")
    q.add_argument("--name", default=None, help="the caller's name")
    q.add_argument("--direction", choices=("in", "out"), default="in",
                   help="in: the customer called; out: the shop called them (default: in)")
    q.add_argument("--at", default=None,
                   help="when: 2026-03-02T09:30, 09:30 or 3pm (the last time the clock"
                   " said so), -20m or 20 min ago (default: now)")
    q.add_argument("--duration", default=None,
                   help="how long: seconds, or 2:05, 1h 5m, 3 min")
    q.add_argument("--summary", default=None, help="what was said, in a sentence or two")
    q.add_argument("--status", choices=("answered", "missed", "voicemail"), default=None,
                   help="answered (default), missed or voicemail")
    q.add_argument("--account", default=None, help="the phone line (a phone account's name)")
    q.set_defaults(creates_store=True)
    p.set_defaults(handler=cmd_call)

    p = sub.add_parser("reply", help="reply in a conversation on its channel")
    p.add_argument("conversation")
    p.add_argument("--text-file", required=True, help="the reply's text (- for stdin)")
    p.add_argument("--close", action="store_true",
                   help="close the conversation once the reply is sent or queued (not when"
                        " the channel refuses it)")
    p.add_argument("--unsigned", action="store_true",
                   help="send an email reply without the signature set in Settings")
    p.set_defaults(handler=cmd_reply)

    p = sub.add_parser("attachment", help="list a conversation's email attachments, or save one")
    attachment_sub = p.add_subparsers(dest="attachment_command", metavar="list|save",
                                      required=True)
    q = attachment_sub.add_parser("list", help="every attachment, numbered")
    q.add_argument("conversation")
    q.add_argument("--json", action="store_true")
    q = attachment_sub.add_parser("save", help="fetch one from the mail server into a file")
    q.add_argument("conversation")
    q.add_argument("number", type=int, help="its number in attachment list")
    q.add_argument("--out", help="a folder (the attachment's own name) or a file path;"
                                 " default: the current folder")
    p.set_defaults(handler=cmd_attachment)
