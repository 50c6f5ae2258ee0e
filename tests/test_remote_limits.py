"""Where a remote job may be done from beyond its country: the US states it is open to, the
countries it cannot hire in, a band of time zones; read from the text, and a profile living
outside them ruled out with the reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matcher.context import scoring_context
from matcher.extract import extract_facts
from matcher.facts import Facts
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
        # named without the word "states"
        ("This role is remote, but we can currently only employ people who live in Arizona, "
         "Colorado or Washington. We are unable to hire residents of Texas.", ("AZ", "CO", "WA")),
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


def remote(text: str, location: str = "Remote") -> tuple[tuple[str, ...], tuple[float, ...]]:
    found = extract_facts(
        title="Technical Program Manager", description=DUTIES + text, location=location
    )
    assert found.work_mode == "remote"
    return found.remote_excluded, found.remote_utc


def test_the_countries_a_remote_job_cannot_hire_in_and_its_time_zone_band_are_read() -> None:
    said = "We are remote-first, but we cannot hire in India or China for entity reasons."
    assert remote(said) == (("CN", "IN"), ())
    assert remote("We are currently unable to hire in India.")[0] == ("IN",)
    assert remote("Remote from any country between UTC-3 and UTC+3.")[1] == (-3.0, 3.0)
    assert remote("Apply today.", location="Remote (UTC-3 to UTC+3)")[1] == (-3.0, 3.0)
    assert remote("Team hours: GMT+5:30 to GMT+9.")[1] == (5.5, 9.0)
    assert remote("We can hire in India and Brazil.") == ((), ())


def test_a_profile_outside_them_is_ruled_out() -> None:
    profile = Profile(
        name="meera",
        target_roles=("Technical Program Manager",),
        years_experience=9,
        seniority="senior",
        locations=("Remote - India",),
        remote_ok=True,
    )
    context = scoring_context(
        profile, weights=DEFAULT_WEIGHTS, rates_to_usd=DEFAULT_RATES_TO_USD, now=NOW
    )
    base = replace(
        FIT, role_variant="technical_program_manager", work_mode="remote", country=None,
        city=None, salary=None,
    )  # fmt: skip

    def why(facts: Facts) -> str | None:
        match = score_listing(facts, profile, title="TPM", text="", posted_at=NOW, context=context)
        return match.dealbreaker

    assert why(base) is None
    assert why(replace(base, remote_excluded=("CN", "IN"))) == "remote, but cannot hire in IN"
    assert why(replace(base, remote_excluded=("CN",))) is None
    band = why(replace(base, remote_utc=(-3.0, 3.0)))
    assert band == "remote only between UTC-3 and UTC+3 (you: UTC+5.5)"
    assert why(replace(base, remote_utc=(5.0, 9.0))) is None


def test_a_countrys_time_zones_are_its_hours_not_where_one_must_live() -> None:
    found = extract_facts(
        title="Junior Project Coordinator – Remote (US time zones)",
        description=DUTIES + "Remote from anywhere as long as you work US Eastern hours.",
        location="Anywhere (US hours)",
    )
    assert (found.work_mode, found.country) == ("remote", None)
    placed = extract_facts(
        title="Junior Project Coordinator – Remote (US)", description=DUTIES, location="Remote"
    )
    assert placed.country == "US"
