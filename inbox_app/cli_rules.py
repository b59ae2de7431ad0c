"""`inbox-app rule`: what happens by itself when a customer writes (core/rules.py)."""

from __future__ import annotations

import sys

from inbox_app.cli_common import EXIT_OK, Context, UserError, out, out_json
from inbox_app.core.kinds import KINDS


def cmd_rule(ctx: Context) -> int:
    from inbox_app.core.rules import Rule, rule_json, split_list

    store, args = ctx.store, ctx.args
    command = args.rule_command
    if command == "list":
        rules = store.list_rules()
        if args.json:
            out_json([{**rule_json(rule), "description": rule.describe()} for rule in rules])
        elif not rules:
            out("No rules yet (inbox-app rule add --help).")
        working = {member.name for member in store.list_staff()} if rules else set()
        for number, rule in enumerate([] if args.json else rules, start=1):
            off = "" if rule.enabled else " (off)"
            left = (f" ({rule.assign} no longer works the queue: it assigns nobody)"
                    if rule.assign and rule.assign not in working else "")
            out(f"{number}. {rule.name}{off}: {rule.describe()}{left}")
        return EXIT_OK
    if command == "add":
        if args.words is not None and not split_list(args.words):
            # An empty list means "any message": with --assign, every one to one person.
            raise UserError(f"--words {args.words!r} holds no words (write them as"
                            " 'refund, broken').")
        refuse_empty_values(args)
        refuse_a_name_taken(store, args.name)
        rule = store.save_rule(Rule(
            name=args.name, kinds=tuple(args.kind or ()), accounts=tuple(args.account or ()),
            words=split_list(args.words or ""), tags=tuple(args.tag or ()),
            negative=args.negative, min_value=spent_at_least(args.spent_at_least),
            assign=args.assign, labels=tuple(args.label or ()),
        ), staff=ctx.staff)
        out(f"added rule {rule.name}: {rule.describe()}")
        _say_accounts_unknown(store, rule.accounts)
    elif command == "run":
        return run_rule(ctx)
    elif command == "move":
        place = store.move_rule(args.name, -1 if args.direction == "up" else 1,
                                staff=ctx.staff)
        out(f"rule {store.list_rules()[place].name} is now number {place + 1}")
    elif command == "remove":
        out(f"removed rule {store.remove_rule(args.name, staff=ctx.staff).name}")
    else:
        rule = store.enable_rule(args.name, command == "enable", staff=ctx.staff)
        out(f"rule {rule.name} is {'on' if rule.enabled else 'off'}")
    return EXIT_OK


def run_rule(ctx: Context) -> int:
    """Runs a rule over the open conversations of the last --days days."""
    from inbox_app.core.text import plural
    from inbox_app.core.timeutil import now
    from inbox_app.store.rules import RUN_DAYS

    days = RUN_DAYS if ctx.args.days is None else ctx.args.days
    if days < 1:
        raise UserError("--days is a number of days from 1 up.")
    # Before 1970 no message is stored: further back is the same, and SQL integers end.
    since = max(now() - days * 86400, 0)
    run = ctx.store.run_rule(ctx.args.name, since=since, staff=ctx.staff)
    if ctx.args.json:
        out_json({"rule": run.rule, "days": days, "matched": run.matched,
                  "assigned": run.assigned, "labelled": run.labelled})
    else:
        out(f"rule {run.rule}: matched {plural(run.matched, 'open conversation')} of the last"
            f" {days} days;"
            f" assigned {run.assigned}, labelled {run.labelled}{_assigns_nobody(ctx, run.rule)}")
    return EXIT_OK


def _assigns_nobody(ctx: Context, name: str) -> str:
    """" (X no longer works the queue: it assigns nobody)" for a rule whose person left,
    as `rule list` says: otherwise "assigned 0" would not say why."""
    rule = next((rule for rule in ctx.store.list_rules() if rule.name == name), None)
    if rule is None or not rule.assign:
        return ""
    if rule.assign in {member.name for member in ctx.store.list_staff()}:
        return ""
    return f" ({rule.assign} no longer works the queue: it assigns nobody)"


def _say_accounts_unknown(store, accounts: tuple[str, ...]) -> None:
    """`--account Reveiws` matches no message, ever: said on stderr, the rule kept (an
    account may be set up after its rule; scripts rely on the exit code)."""
    if not accounts:
        return
    known = store.account_names()
    folded = {name.casefold() for name in known}
    for account in accounts:
        if account.casefold() not in folded:
            listed = ", ".join(known) if known else "none yet"
            print(f"inbox-app: no account is called {account} (accounts: {listed}); the rule"
                  " matches nothing on it until one is.", file=sys.stderr)


def refuse_a_name_taken(store, name: str) -> None:
    """A rule's name is one in any case and spacing: refused naming the rule as `rule list`
    shows it (the store's refusal repeated the name as typed, "REFUNDS")."""
    wanted = " ".join(name.split()).casefold()
    taken = next((rule.name for rule in store.list_rules() if rule.name.casefold() == wanted),
                 None)
    if taken is not None:
        raise UserError(f"There is already a rule called {taken}.")


# What each option names, for the sentence refusing it empty.
_NAMED_BY = {"tag": "a customer tag (e.g. VIP)", "account": "an account (see account list)",
             "assign": "someone on the staff list, or leave --assign out"}


def refuse_empty_values(args) -> None:
    """`--tag "$TAG"` with the variable unset: a condition dropped without a word made the
    rule act on every customer message (with --assign, all of them to one person)."""
    for option, what in _NAMED_BY.items():
        given = getattr(args, option)
        values = given if isinstance(given, list) else [] if given is None else [given]
        if any(not value.strip() for value in values):
            raise UserError(f"--{option} is empty: name {what}.")


def spent_at_least(text: str | None) -> float | None:
    if text is None:
        return None
    from inbox_app.core.amounts import AmountError, parse_amount

    try:
        value = parse_amount(text)
    except AmountError as error:
        raise UserError(f"--spent-at-least: {error}.") from None
    if value is None:
        raise UserError("--spent-at-least needs an amount, e.g. 1000.")
    return value


def add_rule_commands(sub) -> None:
    p = sub.add_parser("rule", help="assign and label new customer messages by themselves")
    rule_sub = p.add_subparsers(dest="rule_command", metavar="add|list|move|remove|enable|disable|run",
                                required=True)
    q = rule_sub.add_parser(
        "add", help="a rule, tried after the others: every condition given must hold",
        description="When a customer writes and every condition given holds, the rule"
                    " assigns the conversation (if nobody has it) and labels it.")
    q.add_argument("name")
    q.add_argument("--kind", action="append", choices=KINDS, help="the channel (repeatable)")
    q.add_argument("--account", action="append", help="the account (repeatable)")
    q.add_argument("--words", metavar="'W1, W2'",
                   help="any of these words or phrases, whole, in any case")
    q.add_argument("--tag", action="append", help="the customer has this tag (repeatable)")
    q.add_argument("--negative", action="store_true", help="the message sounds negative")
    q.add_argument("--spent-at-least", metavar="AMOUNT",
                   help="the customer's value (what they have spent) is at least AMOUNT")
    q.add_argument("--assign", metavar="STAFF", help="give the conversation to STAFF")
    q.add_argument("--label", action="append", help="label the conversation (repeatable)")
    q.set_defaults(creates_store=True)
    q = rule_sub.add_parser("list")
    q.add_argument("--json", action="store_true")
    for name in ("remove", "enable", "disable"):
        q = rule_sub.add_parser(name)
        q.add_argument("name")
    q = rule_sub.add_parser("move", help="one place up or down (the first rule that assigns"
                                         " wins)")
    q.add_argument("name")
    q.add_argument("direction", choices=("up", "down"))
    q = rule_sub.add_parser(
        "run", help="do what the rule does to the open conversations customers wrote to"
                    " lately (a rule written after the messages it is meant for)",
        description="Runs the rule, even one switched off, over the open conversations"
                    " with a customer message in the last DAYS days: assigns those nobody"
                    " has and adds its labels; nothing happens twice.")
    q.add_argument("name")
    q.add_argument("--days", type=int, metavar="DAYS",
                   help="how far back to look (default 30)")
    q.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rule)
