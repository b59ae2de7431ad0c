"""Reads the window needs that no other mixin offers yet."""

from __future__ import annotations

from typing import Any

from inbox_app.store.base import Engine


class GuiQueriesMixin(Engine):
    def account_health(self) -> list[dict[str, Any]]:
        """Every account with what the left bar shows about its polling health."""
        return self._rows(
            "SELECT name, kind, enabled, last_poll_at, last_success_at, last_error,"
            " last_error_at, next_poll_at, failures FROM accounts ORDER BY name"
        )
