"""The same job whatever a board decorates its title with, and two openings kept apart
when the title says they are two: requisition numbers, contract terms, grades."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matcher.dedupe import group
from tests.test_dedupe import (
    AGENCY_COPY,
    CHECKOUT_ROLE,
    IDENTITY_DUTIES,
    LUMATIDE_ABOUT_GREENHOUSE,
    PAYMENTS_DUTIES,
    item,
    merged,
)


@pytest.mark.parametrize(
    "decorated",
    [
        "Technical Program Manager, Checkout (Freshers)",
        "Lumatide: Technical Program Manager, Checkout",
        "Technical Program Manager, Checkout | up to 90k",
        "Technical Program Manager - Checkout - $160k-$190k + equity",
        "Technical Program Manager II, Checkout",  # a grade one board drops
        "Tech Program Manager, Checkout",
        # How an agency places the hire, and a US place with its state's code
        "Technical Program Manager, Checkout - Direct Hire",
        "Technical Program Manager, Checkout - Nashville, TN",
        "Technical Program Manager, Checkout (Hybrid, Charlotte NC)",
        "Technical Program Manager, Checkout (EMEA)",
        # pay with its currency sign, however written; a short place in capitals
        "Technical Program Manager, Checkout | £90-110k",
        "TECHNICAL PROGRAM MANAGER | CHECKOUT | NYC | $160-190K",
        # where the client is, and the place said in words
        "Technical Program Manager, Checkout (German Client)",
        "Technical Program Manager, Checkout for Berlin location",
    ],
)
def test_decoration_does_not_make_another_job(decorated: str) -> None:
    assert merged(item(1), item(2, title=decorated))


@pytest.mark.parametrize(
    ("title_a", "title_b"),
    [
        ("Technical Program Manager, Checkout (R-20431)", "Technical Program Manager, Checkout (R-20388)"),
        ("Technical Program Manager, Checkout", "Technical Program Manager, Checkout (Contract)"),
        ("Technical Program Manager, Checkout", "Technical Program Manager, Checkout – 12-month FTC"),
        ("Technical Program Manager II, Checkout", "Technical Program Manager III, Checkout"),
    ],
)  # fmt: skip
def test_the_title_keeps_two_openings_apart(title_a: str, title_b: str) -> None:
    assert not merged(item(1, title=title_a), item(2, title=title_b))


def test_a_title_word_the_other_copy_names_in_its_text_is_decoration() -> None:
    # "Checkout" on one board, "Mobile Commerce" on another: each copy's text names what
    # the other's title adds, so it is one job; a team neither text names is another.
    text = CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE
    checkout = item(1, title="Technical Program Manager (Checkout)", description=text)
    mobile = item(2, title="Technical Program Manager – Mobile Commerce", description=text)
    assert "mobile" in text.lower() and "commerce" in text.lower()
    assert merged(checkout, mobile)
    robotics = item(3, title="Technical Program Manager – Robotics", description=text)
    assert not merged(checkout, robotics)


def test_a_generic_copy_never_chains_two_teams() -> None:
    lending = item(1, title="Technical Program Manager - Lending", description=PAYMENTS_DUTIES)
    identity = item(2, title="Technical Program Manager - Identity", description=IDENTITY_DUTIES)
    generic = item(3, title="Technical Program Manager", description=PAYMENTS_DUTIES)
    groups = group([lending, identity, generic])
    assert groups[1] != groups[2]


GERMAN_ROLE = (
    "Als Technischer Projektleiter verantworten Sie die Einführung unseres Checkout-Systems: "
    "Planung, Budget und Risiken, Abstimmung mit Entwicklung, Produkt und Kunden. Sie führen "
    "agile Teams, berichten an die Geschäftsführung und steuern externe Dienstleister. "
    "Mindestens fünf Jahre Erfahrung im Projektmanagement, sehr gute Deutsch- und "
    "Englischkenntnisse, Hybrides Arbeiten in Berlin."
)


def test_one_job_posted_in_two_languages_is_one_job() -> None:
    """The same title at one company and place, in German on one board and in English on
    another: the texts share no words, the translated titles say it is one job."""
    english = item(1, title="Technical Project Manager - Checkout")
    german = item(2, title="Technischer Projektleiter (m/w/d) – Checkout", description=GERMAN_ROLE)
    assert merged(english, german)
    # Two German listings are compared on their words as ever: another team's is apart.
    other = item(3, title="Technischer Projektleiter (m/w/d) – Checkout", description=GERMAN_ROLE)
    assert merged(german, other)
    munich = item(4, title="Technischer Projektleiter (m/w/d) – Checkout", location="München",
                  description=GERMAN_ROLE)  # fmt: skip
    assert not merged(english, munich)  # another city
    payments = item(5, title="Technischer Projektleiter – Payments", description=GERMAN_ROLE)
    assert not merged(english, payments)


def test_remote_openings_for_regions_that_share_no_country_are_two_jobs() -> None:
    """One employer's 'Remote - Americas' and 'Remote - APAC' openings under one template
    are two requisitions; 'EMEA' and 'Europe' may be one job's two labels."""
    americas = replace(item(1, location="Remote - Americas"), remote_scope=("Americas",))
    apac = replace(item(2, location="Remote - APAC"), remote_scope=("APAC",))
    assert not merged(americas, apac)
    emea = replace(item(3, location="Remote - EMEA"), remote_scope=("EMEA",))
    europe = replace(item(4, location="Remote, Europe"), remote_scope=("Europe",))
    assert merged(emea, europe)
    anywhere = item(5, location="Remote")  # no scope stated: no conflict
    assert merged(anywhere, replace(item(6, location="Remote"), remote_scope=("APAC",)))


def test_a_remote_region_and_a_country_that_share_nothing_are_two_jobs() -> None:
    """ "Remote (US)" and "Remote (EMEA)" under one template are two requisitions, also
    when a copy open anywhere could link them; a London copy of the EMEA one is one job."""
    us = item(1, title="Technical Program Manager, Checkout (US Remote)", location="United States",
              country="US", work_mode="remote")  # fmt: skip
    emea = replace(item(2, location="Remote - EMEA", work_mode="remote"), remote_scope=("EMEA",))
    assert not merged(us, emea)
    anywhere = item(3, location="Remote", work_mode="remote")
    groups = group([us, emea, anywhere])
    assert groups[1] != groups[2]
    london = item(4, location="London, UK", city="London", country="GB")
    assert merged(emea, london)


def test_an_agency_may_describe_the_client_where_the_employer_names_the_team() -> None:
    """An agency's title says "| Ecommerce |" where the employer's says "Checkout": the
    agency's words need not be in the employer's text, but the employer's title words must
    be in the agency's (its copy names the checkout work)."""
    employer = item(1, title="Technical Program Manager – Checkout")
    agency = item(2, company="Keystone Staffing", description=AGENCY_COPY,
                  title="Technical Program Manager | Ecommerce | Berlin")  # fmt: skip
    assert "checkout" in AGENCY_COPY.lower() and "ecommerce" not in AGENCY_COPY.lower()
    assert merged(employer, agency)
    identity = item(3, title="Technical Program Manager – Identity")
    assert not merged(identity, agency)
    # Between one employer's own listings the words still go both ways.
    own = item(4, title="Technical Program Manager | Ecommerce", description=AGENCY_COPY)
    assert not merged(employer, own)


def test_an_acronym_of_the_other_titles_words_is_those_words() -> None:
    """ "PAS Replacement" is the "Patient Administration System" replacement; a different
    acronym is a different team."""
    from matcher.dedupe.title_match import _compare_titles

    full = "technical project manager patient administration system"
    assert _compare_titles(full, "technical project manager pas")[0] is None
    assert _compare_titles(full, "technical project manager crm")[0] is not None


def test_fixed_income_is_a_desk_not_a_fixed_term_contract() -> None:
    from matcher.dedupe.title_match import _title_conflict

    assert (
        _title_conflict(
            "technical program manager fixed income", "technical program manager", None, None
        )
        is None
    )
    assert _title_conflict(
        "technical program manager fixed term", "technical program manager", None, None
    )
