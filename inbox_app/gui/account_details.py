"""The account shown in the Accounts dialog: what it is, how it is doing (its health read
again every few seconds while the dialog is open, since the window's polls go on) and its
settings in words. A part of AccountsDialog (gui/accounts_dialog.py), which adds, edits,
tests and removes accounts."""

from __future__ import annotations

import html

from inbox_app.core.models import Account
from inbox_app.gui.account_forms import (
    CHOICE,
    FLAG,
    FORMS,
    available,
    form_values,
    in_form_words,
    needs_secret,
    secret_label,
)
from inbox_app.gui.models.account_model import health_text
from inbox_app.gui.theme import repolish
from inbox_app.sources import source_module
from inbox_app.store import Store

# The window stops waiting for an account's new mail when its server refuses the password,
# and tries again only with another password or once a check signs in (gui.mail_push).
PUSH_REFUSED = ("New mail is not read as it arrives: the server refused the password. Enter "
                "the current one (Edit), or press F5 (Check now) once the server takes it "
                "again.")


class AccountDetails:
    def _refresh_health(self) -> None:
        if self._refreshing or self.busy:
            return
        self._refreshing = True

        def read(store: Store) -> tuple[list[Account], int]:
            return store.list_accounts(), int(store.get_setting("poll_interval") or 300)

        self.jobs.run(read, self._on_refreshed, self._on_refresh_failed)

    def _on_refresh_failed(self, _error: Exception) -> None:
        self._refreshing = False  # the next tick tries again; the window shows store trouble

    def _on_refreshed(self, result: tuple[list[Account], int]) -> None:
        self._refreshing = False
        accounts, interval = result
        if self.busy:
            return  # a save or switch under way reloads the list when it is done
        shown = [self.model.account_at(row) for row in range(self.model.rowCount())]
        if accounts != shown:
            self._on_loaded(accounts, interval, None)
            return
        account = self.current_account()
        if account is not None and self.ui.pages.currentWidget() is self.ui.detailPage:
            self.show_account(account, keep_result=True)  # "2 min ago", listening or not

    def show_account(self, account: Account, *, keep_result: bool = False) -> None:
        ui = self.ui
        self.shown = account.name
        form = FORMS.get(account.kind)
        ui.detailTitle.setText(account.name)
        every = f"checked every {max(1, round(account.poll_interval / 60))} min"
        if account.name in self.listening_to:
            every = f"new mail read as it arrives, and {every}"
        ui.detailKind.setText(f"{form.title if form else account.kind} · {every}"
                              if account.kind != "phone" else (form.title if form else ""))
        health = in_form_words(health_text(account), account.kind)
        push_refused = self._push_refused(account)
        if push_refused:
            health = f"{health}\n{PUSH_REFUSED}"
        ui.healthLabel.setText(health)
        ui.healthLabel.setProperty("role", "problem" if (account.last_error or push_refused)
                                   and account.enabled else None)
        ui.configLabel.setText(self._config_summary(account))
        ui.enableButton.setText("Switch off" if account.enabled else "Switch on")
        ui.detailTestButton.setVisible(hasattr(source_module(account.kind), "verify"))
        ui.editButton.setEnabled(available(account.kind))
        if not keep_result:
            self._result(ui.detailResult, "", True)
        repolish(self)
        ui.pages.setCurrentWidget(ui.detailPage)

    def _push_refused(self, account: Account) -> bool:
        """Whether the window stopped waiting for this account's new mail as its server
        refused the password (a switched-off account is not waited for anyway)."""
        return account.enabled and account.kind == "email" and self.push is not None \
            and account.name in self.push.refusals

    @staticmethod
    def _config_summary(account: Account) -> str:
        form = FORMS.get(account.kind)
        lines = []
        if form is not None:
            values = form_values(form, account.config, account.watch)
            for item in form.fields:
                value = values.get(item.option)
                if value in ("", None, False):
                    continue
                if item.kind == FLAG:
                    lines.append(html.escape(item.label))
                    continue
                if item.kind == CHOICE:
                    value = dict(item.choices).get(str(value), value)
                lines.append(f"{html.escape(item.label)}: <b>{html.escape(str(value))}</b>")
        if account.kind == "feed":  # a permanent redirect is remembered: read there now
            reads_from = source_module("feed").reading_address(account)
            if reads_from and reads_from != account.config.get("url"):
                lines.append(f"Read from: <b>{html.escape(reads_from)}</b>"
                             " (it moved there for good)")
        label = secret_label(account.kind)
        if label and (needs_secret(account.kind) or account.config.get("username")):
            lines.append(f"{html.escape(label)}: kept in the system keyring")
        return "<br>".join(lines) or "Nothing to set."
