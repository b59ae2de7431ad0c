"""Amounts of money as shop exports and people write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox_app.core.amounts import AmountError, checked_currency, money, parse_amount


@pytest.mark.parametrize(("text", "amount"), [
    ("1250.50", 1250.5),
    ("$1,234.56", 1234.56),
    ("1.234,56 €", 1234.56),
    ("€ 0,99", 0.99),
    ("£99", 99.0),
    ("1 234,56", 1234.56),
    ("1\u00a0234,56\u00a0€", 1234.56),
    ("CHF 1'200.50", 1200.5),
    ("R$ 1.234,56", 1234.56),
    ("USD 99.00", 99.0),
    ("99 EUR", 99.0),
    ("kr 100", 100.0),
    ("1,234,567.89", 1234567.89),
    ("1.234.567", 1234567.0),
    ("12,5", 12.5),
    ("0.125", 0.13),
    ("12,34,567.00", 1234567.0),
    (".5", 0.5),
    ("(12.50)", -12.5),
    ("-12", -12.0),
    ("$-3.00", -3.0),
])
def test_amounts_as_shop_systems_write_them(text, amount):
    assert parse_amount(text) == amount


@pytest.mark.parametrize("text", ["1,200", "1.200", "$1,200"])
def test_three_digits_after_a_lone_mark_are_thousands(text):
    # Shop exports write cents as two digits, so "1,200" is twelve hundred in either style.
    assert parse_amount(text) == 1200.0


@pytest.mark.parametrize("text", ["", "   ", "-", "–"])
def test_an_empty_cell_says_nothing(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["about 12", "n/a", "12 apples", "1e5", "12-34", "inf", "nan",
                                  "--", "$", "12..5.5,3,3", "1" * 20])
def test_text_that_is_not_an_amount_is_refused_in_words(text):
    with pytest.raises(AmountError, match="is not an amount of money|is too large"):
        parse_amount(text)


@given(st.text(max_size=40))
def test_any_text_is_an_amount_or_a_clear_refusal(text):
    try:
        amount = parse_amount(text)
    except AmountError as error:
        assert str(error)
    else:
        assert amount is None or abs(amount) <= 1e12


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_written_with_grouping_and_cents_it_reads_back(value):
    assert parse_amount(f"${value:,.2f}") == float(value)
    german = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert parse_amount(german + " €") == float(value)


@pytest.mark.parametrize(("value", "currency", "shown"), [
    (1234.5, "€", "€1,234.50"),
    (1234.5, "CHF", "CHF 1,234.50"),
    (12, "R$", "R$ 12.00"),
    (-12.5, "£", "-£12.50"),
    (-0.001, "$", "$0.00"),
    (99_999.4, "kr.", "kr. 99,999"),
    (1234.5, "", "1,234.50"),
])
def test_money_is_shown_with_the_shops_currency(value, currency, shown):
    assert money(value, currency, cents="kr." not in currency) == shown


@pytest.mark.parametrize("currency", ["€", "$", "£", "CHF", "EUR", "R$", "kr.", "Fr."])
@given(cents=st.integers(min_value=-10**11, max_value=10**11))
def test_an_amount_shown_reads_back_as_the_same_amount(currency, cents):
    value = cents / 100
    assert parse_amount(money(value, currency)) == value


@pytest.mark.parametrize(("text", "kept"), [
    (" € ", "€"), ("EUR", "EUR"), ("kr.", "kr."), ("", ""), ("  ", ""),
])
def test_a_currency_is_a_sign_or_a_code(text, kept):
    assert checked_currency(text) == kept


@pytest.mark.parametrize("text", ["12", "US $", "dollars", "(€)", "-€", "1,00"])
def test_a_currency_is_never_a_number_or_a_sentence(text):
    with pytest.raises(AmountError, match="is not a currency"):
        checked_currency(text)


@pytest.mark.parametrize("text", ["100000000000000000000000000", "1" + "0" * 40 + ".55",
                                  "$999,999,999,999,999,999,999,999,999.99"])
def test_a_number_too_long_for_cents_is_refused_not_a_crash(text):
    """Found by hypothesis: 27 digits with cents are more than Decimal's 28 places."""
    with pytest.raises(AmountError, match="is too large to be what a customer has spent"):
        parse_amount(text)


def test_amounts_round_half_up_as_people_do():
    """The Value tile showed €1,234.50 as "1,234" and €1,235.50 as "1,236" (halves to even),
    and €2.675 with cents as "2.67" (the float's binary fraction)."""
    assert money(1234.5, "€", cents=False) == "€1,235"
    assert money(1235.5, "€", cents=False) == "€1,236"
    assert money(2.675, "€") == "€2.68"
    assert money(-1234.5, "£", cents=False) == "-£1,235"
    assert money(-0.004, "€") == "€0.00"
    assert money(1e30, "€").startswith("€1,000,000,000,000,000,0")
