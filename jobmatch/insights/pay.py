"""Pay by level and place: the 25th, 50th and 75th percentiles of a year's pay, in the
profile's currency, for each seniority and each of the profile's places (and remote)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from jobmatch.insights.fx import FxTable, annual
from jobmatch.insights.model import MIN_GROUP, PayGroup, PaySection
from jobmatch.insights.scope import in_family, one_per_job
from jobmatch.insights.store import Stored
from matcher.facts import SENIORITIES

REMOTE = "remote"


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """25th, 50th, 75th percentiles, interpolating linearly between the closest ranks: the
    (n-1)p rule of numpy's default and Excel's PERCENTILE.INC."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    p25, p50, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return p25, p50, p75


def stated_pay(facts: dict[str, object]) -> tuple[float, str, str] | None:
    """(amount, currency, period) of the pay a listing states: the middle of its range, or
    its one bound; None when it states none."""
    salary = facts.get("salary")
    if not isinstance(salary, dict):
        return None
    bounds = [
        float(v) for v in (salary.get("min"), salary.get("max")) if isinstance(v, int | float)
    ]
    currency, period = salary.get("currency"), salary.get("period")
    if not bounds or not isinstance(currency, str) or not isinstance(period, str):
        return None
    return sum(bounds) / len(bounds), currency.upper(), period


def pay_section(
    rows: Sequence[Stored],
    *,
    family: frozenset[str],
    cities: Sequence[str],
    currency: str,
    floor: float | None,
    fx: FxTable,
) -> PaySection:
    """One listing per job (a job on three boards is one data point). A job counts in its
    level and in its place: a profile city where it is on site or hybrid, or remote."""
    jobs = one_per_job(in_family(rows, family), _states_pay_first)
    values: dict[tuple[str, str], list[float]] = {}
    scaled: dict[tuple[str, str], Counter[str]] = {}
    no_rate: Counter[str] = Counter()
    with_pay = 0
    for row in jobs:
        stated = stated_pay(row.facts)
        if stated is None:
            continue
        amount, paid_in, period = stated
        yearly = annual(amount, period)
        converted = None if yearly is None else fx.convert(yearly, paid_in, currency)
        if converted is None:
            no_rate[paid_in if yearly is not None else f"per {period}"] += 1
            continue
        with_pay += 1
        place = _place(row.facts, cities)
        if place is None:
            continue
        key = (str(row.facts.get("seniority")), place)
        values.setdefault(key, []).append(converted)
        if period != "year":
            scaled.setdefault(key, Counter())[period] += 1
    groups = []
    for level in SENIORITIES:
        for place in (*cities, REMOTE):
            found = sorted(values.get((level, place), []))
            if not found:
                continue
            p25 = p50 = p75 = None
            if len(found) >= MIN_GROUP:
                p25, p50, p75 = quartiles(found)
            groups.append(
                PayGroup(level, place, len(found), p25, p50, p75,
                         dict(sorted(scaled.get((level, place), Counter()).items())))
            )  # fmt: skip
    return PaySection(
        currency=currency,
        floor=floor,
        fx_date=fx.date,
        fx_source=fx.source,
        jobs=len(jobs),
        with_pay=with_pay,
        groups=tuple(groups),
        no_rate=dict(sorted(no_rate.items())),
    )


def _states_pay_first(row: Stored, held: Stored) -> bool:
    """A job's copy that states pay, else its first listed."""
    mine, theirs = stated_pay(row.facts) is None, stated_pay(held.facts) is None
    return (mine, row.id) < (theirs, held.id)


def _place(facts: dict[str, object], cities: Sequence[str]) -> str | None:
    if facts.get("work_mode") == "remote":
        return REMOTE
    city = facts.get("city")
    return city if isinstance(city, str) and city in cities else None
