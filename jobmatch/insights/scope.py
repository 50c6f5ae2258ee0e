"""Which stored listings each section counts: the profile's role family, the levels near
its own, one listing per job, and the threshold as `matches --min-score` applies it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from rapidfuzz.utils import default_process

from jobmatch.insights.store import Stored
from matcher.components import TPM_FAMILY
from matcher.facts import SENIORITIES
from matcher.profile import Profile
from matcher.score import ScoringContext, profile_keys

T = TypeVar("T")

# Where a profile states no floor, the pay currency of its home country (else USD).
_HOME_CURRENCY = {"IN": "INR", "US": "USD", "GB": "GBP", "CA": "CAD", "AU": "AUD", "SG": "SGD",
                  "DE": "EUR", "FR": "EUR", "NL": "EUR", "IE": "EUR", "ES": "EUR", "IT": "EUR",
                  "AE": "AED", "CH": "CHF", "JP": "JPY", "PL": "PLN"}  # fmt: skip


@lru_cache(maxsize=4096)  # a few hundred names, over and over
def norm(name: str) -> str:
    """A qualification's comparison key, as the scorer compares a profile's with a listing's."""
    return default_process(name)


def role_family(context: ScoringContext) -> frozenset[str]:
    """The TPM family for a profile targeting any TPM-family role, else its own targets."""
    if context.target_variants & TPM_FAMILY:
        return TPM_FAMILY
    return context.target_variants


def profile_level(profile: Profile) -> int:
    """The profile's level as the scorer reads it (stated, else from its years)."""
    return profile_keys(profile).level


def near_levels(level: int) -> tuple[str, ...]:
    """The profile's level and the one on either side."""
    return SENIORITIES[max(0, level - 1) : level + 2]


def profile_currency(profile: Profile, context: ScoringContext) -> str:
    if profile.min_salary is not None:
        return profile.min_salary.currency.upper()
    return _HOME_CURRENCY.get(context.home_country or "", "USD")


def reaches(score: float, threshold: float) -> bool:
    """At or above the threshold, as `matches --min-score` counts (a 0 is never listed)."""
    return score >= threshold and score > 0


def in_family(rows: Iterable[Stored], family: frozenset[str]) -> list[Stored]:
    return [row for row in rows if row.facts.get("role_variant") in family]


def one_per_job(rows: Iterable[Stored], better: Callable[[Stored, Stored], bool]) -> list[Stored]:
    """One listing per job (its copies on other boards and reposts share a group): the one
    `better` prefers, else the first seen, in the order given."""
    chosen: dict[int, Stored] = {}
    for row in rows:
        held = chosen.get(row.job)
        if held is None or better(row, held):
            chosen[row.job] = row
    return list(chosen.values())


def higher_score(row: Stored, held: Stored) -> bool:
    """The copy `matches` shows: the best score, ties to the newest then the lowest id."""
    mine, theirs = row.score or 0.0, held.score or 0.0
    if mine != theirs:
        return mine > theirs
    if row.first_seen != held.first_seen:
        return row.first_seen > held.first_seen
    return row.id < held.id


def first_listed(row: Stored, held: Stored) -> bool:
    return row.id < held.id
