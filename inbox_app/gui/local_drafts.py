"""Drafts typed while the store cannot be reached, kept in a small file on this computer.

When the shared database (or a store on a network share) is away, the composer
cannot save drafts where they normally live. They go here instead — a JSON file
in the app's data folder, keyed by the store's display location (never a
password) — and are written to the store once it answers again. Only what
someone typed to a customer is kept: no secrets, no settings.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from inbox_app.core.timeutil import now

log = logging.getLogger(__name__)
FILE_NAME = "unsaved-drafts.json"


@dataclass(frozen=True)
class LocalDraft:
    conversation_id: int
    staff: str
    text: str
    saved_at: int


class LocalDrafts:
    """The drafts waiting for one store; every change is written to disk at once."""

    def __init__(self, folder: Path, store_key: str):
        self.path = Path(folder) / FILE_NAME
        self.store_key = store_key
        self._all: dict[str, dict[str, dict]] = self._read()

    def _read(self) -> dict[str, dict[str, dict]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            # Keep the unreadable file for a person to look at; start a new one.
            log.warning("unsaved drafts in %s cannot be read (%s); set aside", self.path, error)
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_suffix(".unreadable.json"))
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self) -> None:
        """Writes this store's drafts over the file as it is now: another window, on
        another store, may have changed its own since this one read it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        mine = self._mine()
        self._all = self._read()
        self._all[self.store_key] = mine
        data = {key: drafts for key, drafts in self._all.items() if drafts}
        handle, temporary = tempfile.mkstemp(prefix=".drafts-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    @staticmethod
    def _key(conversation_id: int, staff: str | None) -> str:
        return f"{conversation_id}:{staff or ''}"

    def _mine(self) -> dict[str, dict]:
        return self._all.setdefault(self.store_key, {})

    def put(self, conversation_id: int, staff: str | None, text: str) -> None:
        """Keeps `text` as the draft (an empty text is kept too: it clears the store's)."""
        self._mine()[self._key(conversation_id, staff)] = {
            "conversation_id": conversation_id, "staff": staff or "", "text": text,
            "saved_at": now(),
        }
        self._write()

    def get(self, conversation_id: int, staff: str | None) -> str | None:
        entry = self._all.get(self.store_key, {}).get(self._key(conversation_id, staff))
        return None if entry is None else str(entry["text"])

    def pending(self) -> list[LocalDraft]:
        return [
            LocalDraft(int(entry["conversation_id"]), str(entry["staff"]), str(entry["text"]),
                       int(entry.get("saved_at") or 0))
            for entry in self._all.get(self.store_key, {}).values()
        ]

    def discard(self, conversation_id: int, staff: str | None, text: str | None = None) -> None:
        """Forgets a draft the store now holds; with `text`, only if it is still that text
        (a newer one typed meanwhile stays)."""
        drafts = self._all.get(self.store_key, {})
        key = self._key(conversation_id, staff)
        entry = drafts.get(key)
        if entry is None or (text is not None and entry["text"] != text):
            return
        del drafts[key]
        self._write()
