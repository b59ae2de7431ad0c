"""The sentences the Insights page, the HTML and the PDF put beside their tables read as a
person would write them, for one as for many."""

from __future__ import annotations

from dataclasses import replace

from inbox_app.core.metrics import month_period
from inbox_app.reports import formatting as fmt
from inbox_app.reports.figures import Figures, Mood, ValuableCustomer


def _figures(*valuable: ValuableCustomer) -> Figures:
    empty = Mood(0, None, None)
    return Figures(
        period=month_period("2026-03"), generated_at=0, business_name="", inbound={},
        by_kind={}, ratios={}, first_response=None, resolution=None, sentiment=empty,
        sentiment_by_family={}, weeks=[], customers={}, top_customers=[], top20_customers=0,
        top20_share=None, mentions={}, share_of_conversation=None,
        valuable_customers=list(valuable))


ZOE = ValuableCustomer(1, "Zoë", 1200.0, inbound=2, mean_compound=0.4, waiting=0)


def test_one_valuable_customer_is_not_the_1_customer():
    assert fmt.valuable_sentence(_figures(ZOE)) == (
        "One customer of known value wrote in the period.")
    unhappy_and_waiting = replace(ZOE, mean_compound=-0.6, waiting=1)
    assert fmt.valuable_sentence(_figures(unhappy_and_waiting)) == (
        "One customer of known value wrote in the period: they sounded unhappy on average "
        "and are waiting for an answer now.")
    assert fmt.valuable_sentence(_figures(replace(ZOE, waiting=2))) == (
        "One customer of known value wrote in the period: they are waiting for an answer "
        "now.")


def test_several_valuable_customers_are_counted():
    other = replace(ZOE, customer=2, name="Ann", waiting=1)
    assert fmt.valuable_sentence(_figures(ZOE, other)) == (
        "The 2 customers of highest value who wrote in the period: 1 is waiting for an "
        "answer now.")

