"""Small mappings several boards share: pay period, amounts, employment type, work mode.

Each board spells these its own way ("per-year-salary", "1 YEAR", "year"; "FullTime",
"Full-time", "fulltime_permanent"); the Listing carries one spelling.
"""

from __future__ import annotations

import math
import re

from scraper.listing import Salary

_PERIODS = {
    # Lever salaryRange.interval
    "per-year-salary": "year",
    "per-month-salary": "month",
    "per-hour-wage": "hour",
    # Ashby compensation interval
    "1 year": "year",
    "1 month": "month",
    "1 hour": "hour",
    # plain words (Recruitee and others)
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "month": "month",
    "monthly": "month",
    "hour": "hour",
    "hourly": "hour",
}

# Checked in order: "fulltime_fixed_term" is full-time first, a fixed term second.
_EMPLOYMENT = (
    ("part-time", re.compile(r"part[\s_-]?time")),
    ("full-time", re.compile(r"full[\s_-]?time|permanent")),
    ("internship", re.compile(r"\bintern(ship)?\b|trainee|apprentice")),
    ("contract", re.compile(r"contract|freelance")),
    ("temporary", re.compile(r"temporary|temp\b|fixed[\s_-]?term|seasonal")),
)


def salary_period(interval: object) -> str | None:
    """'year' | 'month' | 'hour' from a board's interval word; None when unknown."""
    if not isinstance(interval, str):
        return None
    return _PERIODS.get(interval.strip().lower())


def amount(value: object) -> float | None:
    """A pay amount from a number or a numeric string; 0, blank or junk means not given."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", ""))
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        return None
    return number


def make_salary(
    minimum: object, maximum: object, currency: object, period: object
) -> Salary | None:
    """A Salary, or None when the board gave neither amount."""
    low, high = amount(minimum), amount(maximum)
    if low is None and high is None:
        return None
    code = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return Salary(min=low, max=high, currency=code, period=salary_period(period))


def employment_type(value: object) -> str | None:
    """'full-time' | 'part-time' | 'contract' | 'internship' | 'temporary', or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    # Split CamelCase ("FullTime", "PartTime") before matching.
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", value.strip()).lower()
    for name, pattern in _EMPLOYMENT:
        if pattern.search(text):
            return name
    return None


def workplace_remote(value: object) -> bool | None:
    """The board's work-mode word ('remote', 'on-site', 'OnSite', 'Hybrid') as a remote flag.

    Hybrid is not remote; 'unspecified' and anything unknown stay None.
    """
    if not isinstance(value, str):
        return None
    word = re.sub(r"[\s_-]", "", value).lower()
    if word == "remote":
        return True
    if word in ("onsite", "hybrid", "office", "inoffice"):
        return False
    return None


def unique_nonempty(*parts: object) -> tuple[str, ...]:
    """The non-blank string parts, stripped, without repeats (city == region)."""
    seen: list[str] = []
    for part in parts:
        if isinstance(part, str) and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return tuple(seen)


def join_nonempty(*parts: object, sep: str = ", ") -> str:
    return sep.join(unique_nonempty(*parts))
