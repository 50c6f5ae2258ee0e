"""Scores that separate the best: a hard gap caps the total, recency counts by the day,
and no perfect 100 for a listing with something left to tell it apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from matcher.facts import SalaryRange
from matcher.score import (
    CAP_PAY_FAR_BELOW,
    CAP_REQUIRED_CERTIFICATE,
    CAP_YEARS_FAR_ABOVE,
    YEARS_FAR_ABOVE,
    score_listing,
)
from tests.test_score import CONTEXT, FIT, NOW, PROFILE


def match(facts=FIT, days: float = 2.0):  # type: ignore[no-untyped-def]
    return score_listing(
        facts,
        PROFILE,
        title="Senior Technical Project Manager",
        text="",
        posted_at=NOW - timedelta(days=days),
        context=CONTEXT,
    )


def test_a_missing_required_certificate_caps_the_total_and_says_so() -> None:
    strong = replace(FIT, certifications=("PRINCE2",), preferred=())
    found = match(strong)
    assert found.score == CAP_REQUIRED_CERTIFICATE
    assert found.reasons[0] == f"capped at {CAP_REQUIRED_CERTIFICATE:.0f}: requires PRINCE2"
    assert match(replace(strong, preferred=("PRINCE2",))).score > CAP_REQUIRED_CERTIFICATE


def test_years_far_beyond_the_profiles_cap_the_total() -> None:
    far = replace(FIT, years_min=int(PROFILE.years_experience) + YEARS_FAR_ABOVE)
    found = match(far)
    assert found.score <= CAP_YEARS_FAR_ABOVE
    assert found.reasons[0].startswith(f"capped at {CAP_YEARS_FAR_ABOVE:.0f}: asks")
    near = replace(FIT, years_min=int(PROFILE.years_experience) + YEARS_FAR_ABOVE - 1)
    assert not match(near).reasons[0].startswith("capped")


def test_newer_is_better_by_the_day() -> None:
    assert match(days=0).score > match(days=3).score > match(days=10).score > match(days=30).score


def test_pay_well_below_the_floor_caps_the_total() -> None:
    """PROFILE's floor is 25 LPA: a top of 18 LPA (28% below) caps the match; 23 LPA (8%
    below) only costs the salary component's points."""

    def paid(top: int):  # type: ignore[no-untyped-def]
        return match(
            replace(FIT, salary=SalaryRange(min=None, max=top, currency="INR", period="year"))
        )

    low = paid(1_800_000)
    assert low.score <= CAP_PAY_FAR_BELOW
    assert low.reasons[0] == f"capped at {CAP_PAY_FAR_BELOW:.0f}: pay well below your floor"
    near = paid(2_300_000)
    assert not near.reasons[0].startswith("capped") and near.score > low.score
