from inbox_app.core.priority import ANSWERED_BAND, DAY, HOUR, priority_at


def p(**kw):
    base = dict(last_at=1_000_000, awaiting_since=1_000_000, last_compound=0.0, influence=None,
                due_at=None)
    base.update(kw)
    return priority_at(**base)


def test_the_longer_a_customer_waits_the_earlier_they_come():
    assert p(awaiting_since=1_000_000 - DAY) < p(awaiting_since=1_000_000)


def test_negative_comes_before_neutral_of_the_same_age_and_angrier_earlier_still():
    neutral = p(last_compound=0.0)
    upset = p(last_compound=-0.3)
    furious = p(last_compound=-0.95)
    assert furious < upset < neutral
    assert neutral - furious <= 2 * DAY


def test_mildly_negative_below_the_threshold_counts_only_from_minus_0_05():
    assert p(last_compound=-0.04) == p(last_compound=0.0)


def test_influence_moves_earlier_on_a_log_scale_and_is_capped():
    assert p(influence=10_000) < p(influence=100) < p(influence=0)
    assert p(influence=0) - p(influence=10**12) == DAY


def test_answered_conversations_sink_below_every_unanswered_one():
    answered_recently = p(awaiting_since=None, last_at=2_000_000)
    unanswered_old = p(awaiting_since=1_000_000 - 300 * DAY)
    unanswered_new = p(awaiting_since=2_000_000)
    assert unanswered_old < unanswered_new < answered_recently
    assert answered_recently == 2_000_000 + ANSWERED_BAND


def test_a_due_date_makes_a_conversation_urgent_by_then_at_the_latest():
    overdue = p(awaiting_since=None, last_at=2_000_000, due_at=1_500_000)
    assert overdue == 1_500_000
    assert overdue < p(awaiting_since=1_600_000)
    # A due date later than the waiting time does not delay it.
    assert p(due_at=1_000_000 + 5 * HOUR) == p()


def test_closed_conversations_sink_below_every_open_one_the_latest_first():
    answered_long_from_now = p(awaiting_since=None, last_at=4_000_000_000)
    closed_unanswered_old = p(awaiting_since=1_000_000 - 300 * DAY, closed=True)
    closed_recent = p(last_at=2_000_000, closed=True)
    overdue_but_closed = p(due_at=0, closed=True)
    assert answered_long_from_now < closed_recent < closed_unanswered_old
    assert overdue_but_closed == closed_unanswered_old  # closed: neither due nor waiting
