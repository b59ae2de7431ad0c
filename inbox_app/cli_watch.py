"""`inbox-app watch`: the brand and competitor terms a message is labelled for, and `watch
scan` for the messages stored before a term was added (core/watch.py matches)."""

from __future__ import annotations

import shlex

from inbox_app.cli_common import EXIT_OK, Context, UserError, out, out_json
from inbox_app.core.timeutil import now
from inbox_app.core.watch import term_key, watch_key


def cmd_watch(ctx: Context) -> int:
    store = ctx.store
    command = ctx.args.watch_command
    if command == "list":
        terms = {"brand": store.get_setting("brand_terms") or [],
                 "competitor": store.get_setting("competitor_terms") or []}
        if ctx.args.json:
            out_json(terms)
        else:
            for which, values in terms.items():
                out(f"{which}: {', '.join(values) if values else '(none)'}")
        return EXIT_OK
    if command == "scan":
        return scan_watches(ctx)
    which = ctx.args.which
    key = f"{which}_terms"
    terms = list(store.get_setting(key) or [])
    # Single spaces: a term matches across any spacing, but its competitor label is the
    # term as kept, and "Bean  Barons" beside "Bean Barons" labelled a second competitor.
    term = " ".join(ctx.args.term.split())
    if not term:
        raise UserError("A watch term cannot be empty.")
    # A spelling that finds what a kept term finds ("bean-barons", "CAFE NOIR" for
    # "Café Noir") is that term: kept twice, a competitor got two labels and counted twice.
    wanted = watch_key(term)
    keys = [watch_key(kept) for kept in terms]
    watched = keys.index(wanted) if wanted in keys else None
    if command == "add":
        if watched is not None:
            out(f"already watching {which} term {terms[watched]!r}")
            return EXIT_OK
        if not term_key(term):
            raise UserError(f"A watch term needs a letter or a digit: {term!r} would find"
                            " nothing.")
        other = "competitor" if which == "brand" else "brand"
        for kept in store.get_setting(f"{other}_terms") or []:
            if watch_key(kept) == wanted:  # counted on both sides of the share of conversation
                raise UserError(f"{kept!r} is watched as a {other} term; a term is a brand or"
                                f" a competitor, not both (inbox-app watch remove {other}"
                                f" {shlex.quote(kept)} first).")
        terms.append(term)
        store.set_setting(key, terms, staff=ctx.staff)
        out(f"watching {which} term {term!r}")
    else:
        if watched is None:
            raise UserError(f"{term!r} is not a {which} term.")
        removed = terms.pop(watched)
        store.set_setting(key, terms, staff=ctx.staff)
        out(f"no longer watching {which} term {removed!r}")
    return EXIT_OK


def scan_watches(ctx: Context) -> int:
    """Labels the mentions of the terms watched now in the last --days days' customer
    messages: a term added today finds what customers wrote before it."""
    from inbox_app.core.text import plural
    from inbox_app.store.watch_scan import SCAN_DAYS

    store, args = ctx.store, ctx.args
    days = SCAN_DAYS if args.days is None else args.days
    if days < 1:
        raise UserError("--days is a number of days from 1 up.")
    if not (store.get_setting("brand_terms") or store.get_setting("competitor_terms")):
        raise UserError("No brand or competitor term is watched, so there is nothing to look"
                        " for: add one first (inbox-app watch add brand|competitor TERM).")
    # Before 1970 no message is stored: further back is the same, and SQL integers end.
    scan = store.scan_watches(since=max(now() - days * 86400, 0), staff=ctx.staff)
    if args.json:
        out_json({"days": days, "messages": scan.messages, "brand": scan.brand,
                  "competitor": scan.competitor, "recorded": scan.recorded,
                  "labelled": scan.labelled})
    else:
        mention = "mentions" if scan.brand == 1 else "mention"
        out(f"watch scan: {plural(scan.messages, 'message')} of the last"
            f" {'day' if days == 1 else f'{days:,} days'}; {scan.brand:,} {mention} the brand,"
            f" {scan.competitor:,} a competitor; labelled {plural(scan.labelled, 'conversation')}")
    return EXIT_OK


def add_watch_commands(sub) -> None:
    p = sub.add_parser("watch", help="brand and competitor terms to watch for")
    watch_sub = p.add_subparsers(dest="watch_command", metavar="add|remove|list|scan",
                                 required=True)
    for name in ("add", "remove"):
        q = watch_sub.add_parser(name)
        q.add_argument("which", choices=("brand", "competitor"))
        q.add_argument("term")
        q.set_defaults(creates_store=name == "add")
    q = watch_sub.add_parser("list")
    q.add_argument("--json", action="store_true")
    q = watch_sub.add_parser(
        "scan", help="label the mentions in the messages of the last days (a term added"
                     " after them)",
        description="Looks through the customer messages of the last DAYS days for every"
                    " term watched now and labels their mentions as if the term had been"
                    " watched when they came in; nothing is done twice, and a mention label"
                    " someone took off a conversation is not put back.")
    q.add_argument("--days", type=int, metavar="DAYS", help="how far back to look (default 90)")
    q.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_watch)
