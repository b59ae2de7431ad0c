"""`claim --json` answered only when it won: a script reading JSON from a lost claim got
nothing on stdout and had to parse the sentence on stderr to learn who holds it. A lost
claim now prints `{"claimed": false, ...}` (who holds it, why), still exit 3 with the
sentence on stderr; a won claim says `"claimed": true` beside the keys it always had."""

from __future__ import annotations

import json

import pytest

from inbox_app.cli import EXIT_OK, EXIT_TAKEN
from tests.cli.conftest import ANN_ASKS


@pytest.fixture
def shop(imported):
    run_cli = imported(ANN_ASKS)
    for name in ("Maya Okafor", "Theo Brandt"):
        assert run_cli("staff", "add", name)[0] == 0
    return run_cli


def test_a_lost_claim_of_one_conversation_says_who_has_it(shop):
    code, out, _ = shop("claim", "1", "--json", as_staff="Maya")
    assert code == EXIT_OK
    won = json.loads(out)
    assert won["claimed"] is True and won["conversation"] == 1
    assert won["assignee"] == "Maya Okafor"

    code, out, err = shop("claim", "1", "--json", as_staff="Theo")
    assert code == EXIT_TAKEN
    assert json.loads(out) == {
        "claimed": False, "conversation": 1, "assignee": "Maya Okafor",
        "reason": "Conversation 1 is already taken by Maya Okafor.",
    }
    assert err == "inbox-app: Conversation 1 is already taken by Maya Okafor.\n"


def test_nothing_left_to_take_is_json_too(shop):
    assert shop("claim", "--next", as_staff="Maya")[0] == EXIT_OK
    code, out, err = shop("claim", "--next", "--json", as_staff="Theo")
    assert code == EXIT_TAKEN
    answer = json.loads(out)
    assert answer["claimed"] is False and answer["conversation"] is None
    assert answer["assignee"] is None and "Nothing is left" in answer["reason"]
    assert "Nothing is left" in err


def test_without_json_a_lost_claim_prints_nothing_on_stdout(shop):
    assert shop("claim", "1", as_staff="Maya")[0] == EXIT_OK
    assert shop("claim", "1", as_staff="Theo")[:2] == (EXIT_TAKEN, "")
