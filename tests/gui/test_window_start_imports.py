"""The window's start imports only what its first paint needs.

A start is mostly Python importing modules (see README, Performance): the libraries
below cost 10–40 ms each and serve a poll, a dialog or a report, never the queue's first
page. Importing `regex` at the top of the @mention completer added ~20 ms to every
start. Counted in a fresh interpreter, so no clock is involved.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

NOT_AT_START = ("regex", "requests", "feedparser", "vaderSentiment", "phonenumbers",
                "keyring", "imapclient", "psycopg", "sqlite_utils", "PySide6.QtCharts",
                "hypothesis")


def test_the_window_module_leaves_poll_dialog_and_report_libraries_unimported():
    probe = ("import json, sys\n"
             "import inbox_app.__main__, inbox_app.gui.main_window\n"
             f"print(json.dumps([m for m in {NOT_AT_START!r} if m in sys.modules]))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_reply_recipients_line_reads_the_store_without_the_mail_protocols():
    """The line above an email reply is looked up as the first conversation opens: it
    brought in requests and imapclient (~0.2 s of a start's CPU) through mail_imap."""
    probe = ("import json, sys\n"
             "import inbox_app.sources.mail_recipients\n"
             "print(json.dumps([m for m in ('requests', 'imapclient', 'smtplib', 'ssl')"
             " if m in sys.modules]))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
