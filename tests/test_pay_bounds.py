"""Pay has bounds: per currency and period, an amount no single job pays (a budget, an
account, a funding round, a misread number) is not pay, and money named as a deal is not
pay wherever it stands."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.extract.salary import could_be_pay, parse_salary, salary_of
from matcher.extract.scan import Scan
from matcher.facts import SalaryRange
from matcher.taxonomy_data import taxonomy

RATES = taxonomy("currencies")["rates_to_usd"]
BOUNDS = taxonomy("currencies")["pay_bounds_usd"]
CODES = sorted(RATES)
PERIOD_WORDS = {"year": "per year", "month": "per month", "hour": "per hour"}


def within_bounds(salary: SalaryRange) -> bool:
    top = salary.max if salary.max is not None else salary.min
    assert top is not None
    low, high = BOUNDS[salary.period]
    return low <= top * RATES[salary.currency] <= high


@settings(max_examples=300, deadline=None)
@given(
    code=st.sampled_from(CODES),
    period=st.sampled_from(sorted(PERIOD_WORDS)),
    amount=st.integers(min_value=1, max_value=10**11),
    upper=st.integers(min_value=0, max_value=10**6),
)
def test_whatever_the_figure_what_is_read_as_pay_is_within_bounds(
    code: str, period: str, amount: int, upper: int
) -> None:
    text = f"Salary: {code} {amount:,} - {amount + upper:,} {PERIOD_WORDS[period]}"
    found = parse_salary(text, in_description=True)
    if found is not None:
        assert found.currency == code
        assert within_bounds(found), (text, found)


@settings(max_examples=200, deadline=None)
@given(
    deal=st.sampled_from(
        [
            "manage a project portfolio of",
            "own accounts worth",
            "the company raised",
            "annual revenue of",
            "control a capex of",
            "a P&L of",
            "handle a book of business of",
        ]
    ),
    amount=st.integers(min_value=1, max_value=999),
    unit=st.sampled_from(["k", "M", " lakh", " Cr", ",000"]),
    symbol=st.sampled_from(["$", "₹", "€", "USD ", "INR "]),
)
def test_money_named_as_a_deal_is_not_pay(deal: str, amount: int, unit: str, symbol: str) -> None:
    assert parse_salary(f"You will {deal} {symbol}{amount}{unit}.", in_description=True) is None


def test_pay_words_after_a_deal_still_name_the_pay() -> None:
    found = parse_salary("Own accounts worth ₹8 Cr; CTC 30 LPA.", in_description=True)
    assert found == SalaryRange(3_000_000, 3_000_000, "INR", "year")


def test_a_boards_own_salary_outside_the_bounds_gives_way_to_the_text() -> None:
    absurd = SalaryRange(40_000_000, 90_000_000, "USD", "year")  # cents read as dollars
    text = Scan("Compensation: $120,000 - $150,000 per year.")
    assert not could_be_pay(absurd)
    assert salary_of(None, text, absurd) == SalaryRange(120_000, 150_000, "USD", "year")


def test_the_bounds_keep_real_pay_of_every_kind() -> None:
    for pay in (
        SalaryRange(15_000, 20_000, "INR", "month"),  # a fresher's stipend
        SalaryRange(None, 12_000_000, "INR", "year"),  # 1.2 Cr for a principal
        SalaryRange(250_000, 400_000, "CHF", "year"),
        SalaryRange(18, 25, "USD", "hour"),
        SalaryRange(3_000_000, 4_000_000, "JPY", "year"),
    ):
        assert could_be_pay(pay), pay
