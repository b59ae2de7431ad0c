"""Setting the quoted history and the signature apart, on replies as real clients write them."""

from __future__ import annotations

import pytest

from inbox_app.sources.mail_quotes import split_html_reply, split_reply

GMAIL = """\
Thanks, that fixed it! The parcel arrived this morning.

Ann

On Tue, Mar 3, 2026 at 10:15 AM Corner Shop <
shop@example.com> wrote:

> Hi Ann,
>
> Sorry for the delay, your parcel is on its way.
>
> Corner Shop
"""

OUTLOOK_WEB = """\
This is the third time I am asking. Where is my refund?

Regards,
Tom Becker
Purchasing | Becker GmbH
+49 30 1234567

________________________________
From: Corner Shop <shop@example.com>
Sent: Tuesday, March 3, 2026 10:15 AM
To: Tom Becker <tom@becker.example>
Subject: RE: Refund for order 1041

Hi Tom, great news, we are delighted to help!
"""

OUTLOOK_DESKTOP = """\
Still broken. Terrible.

-----Original Message-----
From: Corner Shop [mailto:shop@example.com]
Sent: Tuesday, March 3, 2026 10:15 AM
To: Tom Becker
Subject: RE: Broken handle

Wonderful, happy to help.
"""

OUTLOOK_GERMAN = """\
Vielen Dank, das passt so.

Von: Corner Shop <shop@example.com>
Gesendet: Dienstag, 3. März 2026 10:15
An: Jana Schmidt <jana@example.de>
Betreff: AW: Lieferung

Hallo Frau Schmidt, leider hat sich die Lieferung verzögert.
"""

APPLE_IOS = """\
Perfect, thank you so much!

Sent from my iPhone

> On 3 Mar 2026, at 10:15, Corner Shop <shop@example.com> wrote:
>
> Hi Ann, sadly your order was lost. Awful news, we are sorry.
"""

APPLE_MAC = """\
That is disappointing.

On 3 Mar 2026, at 10:15, Corner Shop <shop@example.com> wrote:

> Hi Ann, great news, your refund is approved!
"""

GMAIL_GERMAN = """\
Leider ist die Lieferung immer noch nicht angekommen. Das ist sehr ärgerlich.

Mit freundlichen Grüßen
Jana Schmidt

Am Di., 3. März 2026 um 10:15 Uhr schrieb Corner Shop <
shop@example.com>:

> Hallo Jana,
> Ihre Bestellung ist unterwegs.
"""

THUNDERBIRD_GERMAN = """\
Danke, alles angekommen!

Am 03.03.26 um 10:15 schrieb Corner Shop:
> Ihre Bestellung ist unterwegs.
"""

BOTTOM_POSTED = """\
On 03/03/2026 10:15, Corner Shop wrote:
> Did the parcel arrive?

No, it did not, and I am furious.

--\x20
Ann Lee
"""

INLINE = """\
> Which size do you need?
Large please.
> And which colour?
Blue.
"""

FORWARD_ONLY = """\
---------- Forwarded message ---------
From: Bob <bob@example.com>
Date: Mon, Mar 2, 2026 at 9:00 AM
Subject: Broken mug
To: Ann <ann@example.com>

The mug arrived broken.
"""

FORWARD_WITH_NOTE = """\
See below, my husband had the same problem.

Begin forwarded message:

From: Bob <bob@example.com>
Subject: Broken mug
Date: 2 March 2026 at 09:00:00 CET
To: Ann <ann@example.com>

The mug arrived broken.
"""


@pytest.mark.parametrize("body, new, signature, quoted_start", [
    (GMAIL, "Thanks, that fixed it! The parcel arrived this morning.\n\nAnn", "",
     "On Tue, Mar 3, 2026"),
    (OUTLOOK_WEB, "This is the third time I am asking. Where is my refund?",
     "Regards,\nTom Becker\nPurchasing | Becker GmbH\n+49 30 1234567", "________"),
    (OUTLOOK_DESKTOP, "Still broken. Terrible.", "", "-----Original Message-----"),
    (OUTLOOK_GERMAN, "Vielen Dank, das passt so.", "", "Von: Corner Shop"),
    (APPLE_IOS, "Perfect, thank you so much!", "Sent from my iPhone", "> On 3 Mar 2026"),
    (APPLE_MAC, "That is disappointing.", "", "On 3 Mar 2026, at 10:15"),
    (GMAIL_GERMAN, "Leider ist die Lieferung immer noch nicht angekommen. Das ist sehr "
     "ärgerlich.", "Mit freundlichen Grüßen\nJana Schmidt", "Am Di., 3. März 2026"),
    (THUNDERBIRD_GERMAN, "Danke, alles angekommen!", "", "Am 03.03.26 um 10:15"),
    (BOTTOM_POSTED, "No, it did not, and I am furious.", "--\nAnn Lee", "On 03/03/2026"),
    (INLINE, "Large please.\nBlue.", "", "> Which size"),
    (FORWARD_WITH_NOTE, "See below, my husband had the same problem.", "",
     "Begin forwarded message:"),
])
def test_new_text_signature_and_history_are_set_apart(body, new, signature, quoted_start):
    split = split_reply(body)
    assert split.new == new
    assert split.signature == signature
    assert split.quoted.startswith(quoted_start)


def test_a_bare_forward_keeps_the_whole_body_as_new_text():
    split = split_reply(FORWARD_ONLY)
    assert split.new == FORWARD_ONLY.strip() and split.quoted == ""


def test_plain_mail_is_left_alone():
    body = "Hi,\n\nDo you ship to Norway?\nThanks for nothing so far.\n"
    assert split_reply(body).new == "Hi,\n\nDo you ship to Norway?\nThanks for nothing so far."
    assert split_reply(body).signature == ""


@pytest.mark.parametrize("closing", ["Thanks!", "Best,\nAnn", "Cheers, Tom Becker",
                                     "Viele Grüße\nJana", "Sent from my Android phone",
                                     "Von meinem iPhone gesendet", "Get Outlook for iOS"])
def test_sign_offs_are_signature(closing):
    split = split_reply(f"The lid is cracked.\n\n{closing}\n")
    assert split.new == "The lid is cracked."
    assert split.signature == closing


@pytest.mark.parametrize("line", ["Thanks for the quick help!", "Best mug I ever bought.",
                                  "Thanks, that fixed it", "Regards to your team, Tom"])
def test_sentences_that_begin_like_sign_offs_stay(line):
    assert split_reply(f"Hello.\n\n{line}\n").new == f"Hello.\n\n{line}"


def test_a_message_that_is_only_a_sign_off_stays_whole():
    assert split_reply("Thanks!\nAnn\n").new == "Thanks!\nAnn"


def test_html_is_cut_where_the_text_s_signature_begins_not_at_a_line_like_it_above():
    html = ("<p>Best regards to your team from all of us!</p><p>Best regards,</p><p>Ann</p>"
            "<p>Lee Coffee Ltd</p>")
    text = "Best regards to your team from all of us!\n\nBest regards,\nAnn\nLee Coffee Ltd"
    signature = split_reply(text).signature
    assert signature.startswith("Best regards,")
    assert split_html_reply(html, signature) == (
        "<p>Best regards to your team from all of us!</p>")
    # A signature is all there is: nothing new would be left, so nothing is cut.
    assert split_html_reply("<p>Best regards,</p><p>Ann</p>", "Best regards,\nAnn") is None
    assert split_html_reply(html) is None  # no signature known, no history: left whole
