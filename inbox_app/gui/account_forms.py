"""What the accounts dialog asks for each kind, described as data.

Each field names the `inbox-app account add KIND` option it stands for and the
config key that option ends up in. The dialog turns what was typed into that
command's arguments and runs the channel module's own `add_arguments` and
`account_config` on them, so an account added in the window is exactly the
account the command line would add — same checks, same config, same sentences.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import Any

from inbox_app.core.text import sentence
from inbox_app.sources import AccountSetup, SourceError, source_module

TEXT, NUMBER, CHOICE, FLAG = "text", "number", "choice", "flag"


@dataclass(frozen=True)
class Field:
    option: str
    key: str | None
    label: str
    hint: str = ""
    kind: str = TEXT
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    advanced: bool = False


@dataclass(frozen=True)
class KindForm:
    kind: str
    title: str
    intro: str
    fields: tuple[Field, ...] = ()
    secret_hint: str = ""
    secret_optional: bool = False
    # A token or app password has no spaces: one copied with a space or line break around
    # it is taken without them (a password may end in a space, and keeps it).
    secret_is_token: bool = False


SECURITY = (("ssl", "SSL/TLS (usual)"), ("starttls", "STARTTLS"),
            ("none", "None (only for this computer)"))

FORMS: dict[str, KindForm] = {
    "email": KindForm(
        "email", "Email",
        "Reads new mail from an IMAP folder and sends replies over SMTP, threaded. Your "
        "provider's help pages list both server names.",
        (
            Field("--address", "address", "Email address", "Customers write to it; replies "
                  "come from it.", placeholder="hello@yourshop.com", required=True),
            Field("--imap-host", "imap_host", "Incoming server (IMAP)",
                  placeholder="imap.yourprovider.com", required=True),
            Field("--imap-security", "imap_security", "Incoming security", kind=CHOICE,
                  choices=SECURITY),
            Field("--imap-port", "imap_port", "Incoming port", "Empty: 993 for SSL/TLS, 143 "
                  "otherwise.", kind=NUMBER, placeholder="993"),
            Field("--smtp-host", "smtp_host", "Outgoing server (SMTP)",
                  placeholder="smtp.yourprovider.com", required=True),
            Field("--smtp-security", "smtp_security", "Outgoing security", kind=CHOICE,
                  choices=(("starttls", "STARTTLS (usual)"), ("ssl", "SSL/TLS"),
                           ("none", "None (only for this computer)"))),
            Field("--smtp-port", "smtp_port", "Outgoing port", "Empty: 587 for STARTTLS, 465 "
                  "for SSL/TLS.", kind=NUMBER, placeholder="587"),
            Field("--user", "user", "Login name", "Only if it is not the email address.",
                  advanced=True),
            Field("--imap-folder", "folder", "Folder to read", placeholder="INBOX",
                  advanced=True),
            Field("--sent-folder", "sent_folder", "Also read sent mail from",
                  "A folder name, or auto for the server's Sent folder: mail sent from other "
                  "programs then counts as replies.", advanced=True),
            Field("--copy-to-sent", "copy_to_sent", "File replies sent from the app in the "
                  "Sent folder", kind=FLAG, advanced=True),
            Field("--history-days", "history_days", "On the first read, days back",
                  "0 reads everything.", kind=NUMBER, placeholder="30", advanced=True),
            Field("--mark-read", "mark_read", "Mark mail read on the server once stored",
                  kind=FLAG, advanced=True),
            Field("--delete-after-import", "delete_after_import",
                  "Delete mail from the server once stored", kind=FLAG, advanced=True),
        ),
        secret_hint="Gmail, Outlook and iCloud want an app password (made in the account's "
                    "security settings) instead of your usual one.",
    ),
    "mastodon": KindForm(
        "mastodon", "Mastodon",
        "Reads mentions of the shop's account and replies in the thread.",
        (Field("--server", "server", "Server", "Where the shop's account lives.",
               placeholder="https://mastodon.social", required=True),),
        secret_hint="On your server: Preferences → Development → New application, with the read "
                    "and write scopes; copy “Your access token”.",
        secret_is_token=True,
    ),
    "bluesky": KindForm(
        "bluesky", "Bluesky",
        "Reads mentions, replies and quotes of the shop's account and replies in the thread.",
        (
            Field("--handle", "handle", "Handle", placeholder="yourshop.bsky.social",
                  required=True),
            Field("--service", "service", "Server", "Only for accounts on their own server.",
                  placeholder="https://bsky.social", advanced=True),
        ),
        secret_hint="Settings → Privacy and security → App passwords → Add; not your "
                    "account password.",
        secret_is_token=True,
    ),
    "telegram": KindForm(
        "telegram", "Telegram",
        "Reads what customers send to the shop's bot and answers them from the app.",
        (Field("--api", "api", "Bot API server", "Only for a Bot API server of your own.",
               placeholder="https://api.telegram.org", advanced=True),),
        secret_hint="In Telegram, talk to @BotFather: /newbot gives the token.",
        secret_is_token=True,
    ),
    "feed": KindForm(
        "feed", "Feed (reviews and mentions)",
        "Reads an RSS, Atom or JSON feed: review sites, Google Alerts, Reddit or Mastodon "
        "searches, a YouTube channel. Items are answered on their own site.",
        (
            Field("--url", "url", "Feed address", placeholder="https://…/feed.xml",
                  required=True),
            Field("--watch", None, "Count it as", "Everything it brings in is labelled as a "
                  "mention of your brand, or of a competitor.", kind=CHOICE,
                  choices=(("", "Reviews and messages (no watch)"),
                           ("brand", "Mentions of my brand"),
                           ("competitor", "Mentions of a competitor"))),
            Field("--term", "term", "Which competitor (or brand)", "Default: the account name.",
                  placeholder="e.g. Dockside Roasters"),
            Field("--username", "username", "User name", "Only for a private feed behind a "
                  "password.", advanced=True),
        ),
        secret_hint="Only for a private feed: the password that goes with the user name.",
        secret_optional=True,
    ),
    "phone": KindForm(
        "phone", "Phone line",
        "Names a phone line so calls can be logged against it. Nothing is checked online: "
        "calls are logged by hand (C) or imported from your provider's call log.",
        (Field("--number", "number", "The line's number", placeholder="+1 207 555 0100"),),
    ),
}


class FormError(ValueError):
    """What was typed cannot make an account; the message is one sentence."""


class _FormParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit the process
        raise FormError(message)


def _labelled(message: str, form: KindForm) -> str:
    """argparse's words in the form's words: options become the labels a person sees."""
    by_option = {f.option: f.label for f in form.fields}
    match = re.match(r"argument (--[\w-]+)(?:/[^:]*)?: (.*)", message)
    if match and match.group(1) in by_option:
        label = by_option[match.group(1)]
        detail = re.sub(r"invalid int value: ('[^']*')", r"\1 is not a whole number",
                        match.group(2))
        for option, name in by_option.items():
            detail = detail.replace(f"({option})", f"({name})").replace(option, name)
        return sentence(f"{label}: {detail}")
    missing = re.match(r"the following arguments are required: (.*)", message)
    if missing:
        names = [by_option.get(o.strip(), o.strip()) for o in missing.group(1).split(",")]
        return sentence(f"Fill in {' and '.join(names)}")
    return sentence(in_form_words(message, form.kind))


def in_form_words(message: str, kind: str) -> str:
    """A channel's sentence as the form says it: `(--server)`, written for the command
    line, becomes `(Server)`, the label the person sees beside that field."""
    form = FORMS.get(kind)
    if form is None:
        return message
    labels = {item.option: item.label for item in form.fields}
    return re.sub(r"--[a-z][\w-]*", lambda found: labels.get(found.group(0), found.group(0)),
                  message)


def arguments(form: KindForm, name: str, values: dict[str, Any]) -> list[str]:
    """The `account add KIND` arguments for what was typed (empty fields are left out)."""
    argv = ["--name", name]
    for item in form.fields:
        value = values.get(item.option)
        if item.kind == FLAG:
            if value:
                argv.append(item.option)
        elif value not in (None, ""):
            argv += [item.option, str(value).strip()]
    return argv


def build_setup(kind: str, name: str, values: dict[str, Any]) -> AccountSetup:
    """The account's config from the form, via the channel module's own checks."""
    if not name.strip():
        raise FormError("Give the account a name (it shows in the left bar).")
    module = source_module(kind)
    form = FORMS[kind]
    if module is None or not hasattr(module, "account_config"):
        raise FormError(f"This version of the app cannot read {form.title} accounts.")
    parser = _FormParser(prog=f"account add {kind}", add_help=False)
    parser.add_argument("--name", required=True)
    parser.add_argument("--interval", type=int, default=None)
    module.add_arguments(parser)
    try:
        args = parser.parse_args(arguments(form, name.strip(), values))
        return module.account_config(args)
    except FormError as error:
        raise FormError(_labelled(str(error), form)) from None
    except SourceError as error:
        raise FormError(_labelled(str(error), form)) from None


def form_values(form: KindForm, config: dict[str, Any], watch: str | None) -> dict[str, Any]:
    """What the form shows for an account already stored (the reverse of build_setup)."""
    values: dict[str, Any] = {}
    for item in form.fields:
        if item.option == "--watch":
            values[item.option] = watch or ""
            continue
        value = config.get(item.key) if item.key else None
        if item.option == "--user" and value == config.get("address"):
            value = None
        if item.option == "--term" and not watch:
            value = None
        values[item.option] = "" if value is None else value
    return values


def needs_secret(kind: str) -> bool:
    module = source_module(kind)
    return bool(getattr(module, "NEEDS_SECRET", False))


def secret_label(kind: str) -> str | None:
    module = source_module(kind)
    if module is None:
        return None
    if getattr(module, "NEEDS_SECRET", False) or FORMS[kind].secret_optional:
        return getattr(module, "SECRET_LABEL", "Password")
    return None


def available(kind: str) -> bool:
    module = source_module(kind)
    return module is not None and hasattr(module, "account_config")

