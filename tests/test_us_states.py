"""A remote US job open only to residents of some states: the list read from the text, and
a profile living in none of them ruled out with the reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matcher.context import scoring_context
from matcher.extract import extract_facts
from matcher.profile import MinSalary, Profile
from matcher.score import DEFAULT_RATES_TO_USD, DEFAULT_WEIGHTS, score_listing
from tests.test_score import FIT, NOW

DUTIES = (
    "Lead the delivery of our identity platform across four engineering teams: plan the "
    "roadmap, run risk reviews and report to the VP of Engineering. 8+ years. "
)


def states(text: str) -> tuple[str, ...]:
    found = extract_facts(
        title="Senior Technical Program Manager", description=DUTIES + text, location="Remote, US"
    )
    assert found.work_mode == "remote"
    return found.remote_states


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Applicants must reside in one of the following states: IA, MN, WI, IL",
         ("IA", "IL", "MN", "WI")),
        ("Remote (US): At this time we can only hire in the following states: California, "
         "Oregon, New York and Texas. Benefits are great in Texas too.",
         ("CA", "NY", "OR", "TX")),
        # a list set out on its own lines
        ("Fully remote if you reside in one of the following states:\n\n- Colorado\n- Utah\n\n"
         "Our office is in Ohio.", ("CO", "UT")),
        # the states that are *not* open are no list of open ones
        ("We cannot hire in the following states: Alaska, Hawaii.", ()),
        ("Remote anywhere in the US.", ()),
    ],
)  # fmt: skip
def test_the_states_a_remote_job_is_open_to_are_read(text: str, expected: tuple[str, ...]) -> None:
    assert states(text) == expected


def test_a_profile_living_in_none_of_the_states_is_ruled_out() -> None:
    def scored(locations: tuple[str, ...], open_to: tuple[str, ...]) -> tuple[float, str | None]:
        profile = Profile(
            name="marcus",
            target_roles=("Technical Program Manager",),
            years_experience=10,
            seniority="senior",
            locations=locations,
            remote_ok=True,
            min_salary=MinSalary(amount=165_000, currency="USD", period="year"),
        )
        context = scoring_context(
            profile, weights=DEFAULT_WEIGHTS, rates_to_usd=DEFAULT_RATES_TO_USD, now=NOW
        )
        facts = replace(
            FIT, role_variant="technical_program_manager", work_mode="remote", country="US",
            city=None, salary=None, remote_states=open_to,
        )  # fmt: skip
        match = score_listing(
            facts, profile, title="Technical Program Manager", text="", posted_at=NOW,
            context=context,
        )  # fmt: skip
        return match.score, match.dealbreaker

    score, why = scored(("Denver",), ("CA", "NY", "TX"))
    assert score == 0 and why == "remote only from these US states: CA, NY, TX"
    assert scored(("Denver",), ("CO", "UT"))[0] > 0
    assert scored(("Denver",), ())[0] > 0  # no list: open to the whole country
    # The New York area reaches New Jersey; a state the profile names counts too.
    assert scored(("New York",), ("NJ",))[0] > 0
    assert scored(("Colorado",), ("CO",))[0] > 0
    # A profile whose state is unknown is not ruled out by a list it cannot be checked on.
    assert scored(("Toronto",), ("CA", "NY"))[1] != "remote only from these US states: CA, NY"
