"""Pay as a careful reader reads it: the local dollar, ranges written around other words,
and perks that are money but not pay."""

from __future__ import annotations

import pytest

from matcher.extract import extract_facts
from matcher.extract.salary import parse_salary
from matcher.facts import SalaryRange


def pay(location: str, description: str) -> SalaryRange | None:
    return extract_facts(
        title="Technical Project Manager", description=description, location=location
    ).salary


@pytest.mark.parametrize(
    ("location", "currency"),
    [
        ("Toronto, ON, Canada", "CAD"),
        ("Sydney, Australia", "AUD"),
        ("Singapore", "SGD"),
        ("Austin, TX, USA", "USD"),
    ],
)
def test_a_bare_dollar_is_the_local_dollar(location: str, currency: str) -> None:
    found = pay(location, "Salary: $95,000 - $110,000 per year, plus benefits.")
    assert found == SalaryRange(95_000, 110_000, currency, "year")


def test_a_listing_that_says_us_dollars_keeps_them() -> None:
    found = pay("Toronto, ON, Canada", "Salary: $95,000 - $110,000 USD per year.")
    assert found is not None and found.currency == "USD"


def test_a_range_written_around_other_words_is_one_range() -> None:
    text = (
        "The base pay for this position ranges from $156,000/year in our lowest "
        "geographic market up to $245,000/year in our highest."
    )
    assert parse_salary(text, in_description=True) == SalaryRange(156_000, 245_000, "USD", "year")


@pytest.mark.parametrize(
    "perk",
    [
        "$2,000 yearly learning and conference budget",
        "a $750 home office stipend",
        "$1,200 annual wellness allowance",
    ],
)
def test_a_perk_is_money_but_not_pay(perk: str) -> None:
    assert parse_salary(f"Benefits: {perk}.", in_description=True) is None
    found = parse_salary(f"Benefits: {perk}. Salary: $120,000 - $140,000.", in_description=True)
    assert found == SalaryRange(120_000, 140_000, "USD", "year")


def test_pay_followed_by_a_perk_is_still_pay() -> None:
    found = parse_salary("Compensation: ₹9–12 LPA plus a home-office stipend.", in_description=True)
    assert found == SalaryRange(900_000, 1_200_000, "INR", "year")
