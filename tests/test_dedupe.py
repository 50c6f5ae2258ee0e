"""Duplicate grouping: which listings are one job. Every listing here is invented."""

from __future__ import annotations

import random
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.dedupe import (
    DedupeItem,
    blocking_key,
    group,
    group_incremental,
    normalise_company,
    normalise_title,
    same_job,
)
from matcher.dedupe.companies import is_agency
from matcher.dedupe.descriptions import agency_copy, word_hash

# --- invented texts -------------------------------------------------------------------

CHECKOUT_ROLE = """
As Technical Program Manager for Checkout you will drive the rebuild of our basket,
payment sheet and order confirmation flows across four product squads and the mobile team.
You will write the program plan, map dependencies on the fraud scoring service and the
ledger migration, and run a fortnightly risk review with engineering leads.
You will coordinate launches in eleven markets, including tax and invoicing changes for the
Nordics, and report progress to the VP of Commerce every week.
What we look for: seven years delivering software programs, three of them with payment or
checkout systems; fluency with Jira Advanced Roadmaps; calm handling of incidents during
peak sales; clear writing in English.
"""
CHECKOUT_ROLE_REWORDED = """
We are looking for a Technical Program Manager to lead Checkout: the rebuild of the basket,
the payment sheet and order confirmation, across four product squads plus the mobile team.
You will own the program plan, track dependencies on fraud scoring and the ledger
migration, and run a risk review with the engineering leads every two weeks.
You will coordinate launches in eleven markets, tax and invoicing changes for the Nordics
included, and send weekly progress to the VP of Commerce.
You bring seven years of delivering software programs, three with payment or checkout
systems, fluency in Jira Advanced Roadmaps, calm during peak sales incidents and clear
written English.
"""
LUMATIDE_ABOUT_GREENHOUSE = """
About Lumatide: we build the storefront software that 4,000 independent retailers run on.
Benefits: private health cover, a learning budget, 30 days of leave and a yearly offsite.
Lumatide is an equal opportunity employer.
"""
LUMATIDE_ABOUT_CAREERS = """
Lumatide powers online shops for thousands of independent brands, from bike makers to tea
merchants. Perks include health insurance and generous holidays.
"""

# Two different jobs at one company whose ads are mostly the same boilerplate.
ORBITAL_BOILERPLATE = """
Orbital Freight moves containers for 1,200 shippers across Asia and Europe with software
that books, tracks and invoices every box. Our engineering group of 300 people works in
small autonomous teams with quarterly planning, blameless post-mortems and a strong
writing culture. We offer stock options, health cover for your family, a home office
budget, parental leave of 26 weeks, a yearly learning allowance and two company retreats.
Orbital Freight is an equal opportunity employer and welcomes applicants of every
background, age, gender identity and nationality. We will never ask for payment to apply.
Interview process: a call with a recruiter, a conversation with the hiring manager, a
program planning exercise and a final round with two engineering directors.
"""
PAYMENTS_DUTIES = """
You will run the payments program: carrier settlement, multi-currency invoicing and the
move from our legacy billing engine to a new ledger, with the finance systems team.
"""
IDENTITY_DUTIES = """
You will run the identity program: single sign-on for enterprise shippers, role-based
access and the migration of 40,000 user accounts to the new identity provider.
"""


def item(
    item_id: int | str,
    *,
    company: str = "Lumatide",
    title: str = "Technical Program Manager, Checkout",
    location: str = "Berlin, Germany",
    description: str = CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE,
    city: str | None = None,
    country: str | None = None,
    work_mode: str | None = None,
) -> DedupeItem:
    return DedupeItem(
        id=item_id,
        company=company,
        title=title,
        location=location,
        description=description,
        city=city,
        country=country,
        work_mode=work_mode,
    )


def merged(a: DedupeItem, b: DedupeItem) -> bool:
    """same_job and group agree, whichever way round."""
    ok, reason = same_job(a, b)
    assert same_job(b, a)[0] == ok, reason
    grouped = group([a, b])
    assert (grouped[a.id] == grouped[b.id]) == ok, reason
    return ok


# --- normalising ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Acme Cloud Pvt. Ltd.", "acme cloud"),
        ("Acme Cloud Private Limited", "acme cloud"),
        ("ACME CLOUD", "acme cloud"),
        ("The Acme Cloud, Inc.", "acme cloud"),
        ("Hollis & Dunmore LLP", "hollis and dunmore"),
        ("Brückner Logistik GmbH & Co. KG", "brückner logistik"),
        ("Kestrel B.V.", "kestrel"),
        ("Tessaro Technologies", "tessaro"),
        ("Technologies", "technologies"),  # never emptied
    ],
)
def test_normalise_company(raw: str, expected: str) -> None:
    assert normalise_company(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sr. Technical Project Mgr (Remote)", "senior technical project manager"),
        ("Scrum Master - Remote", "scrum master"),
        ("Scrum Master | Hybrid", "scrum master"),
        ("Projektleiter IT (m/w/d)", "project manager it"),  # the role read in English
        ("Chef de projet technique H/F", "project manager technical"),
        ("Technical Project Manager - Nashville, TN - Direct Hire", "technical project manager"),
        ("Project Manager - HR", "project manager hr"),  # a code alone is a field
        # An agency's description of its client says nothing of the job.
        ("Technical Program Manager | Leading Fintech | Bangalore", "technical program manager"),
        ("Scrum Master - Tier-1 Telecom", "scrum master"),
        ("Technical Project Manager, Live Ops", "technical project manager live operations"),
        ("Delivery Lead (f/m/x) – Hamburg", "delivery lead"),
        ("QA Analyst [REQ-20931]", "qa analyst"),
        ("Jr. Programme Manager, Growth", "junior program manager growth"),
        ("Release Train Engineer (RTE)", "release train engineer"),
        # A specialisation is not noise.
        ("Backend Engineer (Kotlin)", "backend engineer kotlin"),
        ("Senior TPM - Payments", "senior tpm payments"),
        # one job posted in French and in English (Canada): its field too, its language
        # requirement not
        ("Gestionnaire de projets techniques – Réclamations", "project manager technical claims"),
        ("Technical Project Manager – Claims (Bilingual)", "technical project manager claims"),
    ],
)
def test_normalise_title(raw: str, expected: str) -> None:
    assert normalise_title(raw) == expected


def test_legal_suffix_variants_share_a_block() -> None:
    a = item(1, company="Acme Cloud Pvt. Ltd.", location="Pune", city="Pune", country="IN")
    b = item(2, company="Acme Cloud", location="Pune, Maharashtra", city="Pune", country="IN")
    assert blocking_key(a) == blocking_key(b) == ("acme cloud", "pune")


def test_blocking_key_location_falls_back_to_country_then_remote() -> None:
    assert blocking_key(item(1, location="Remote - India"))[1] == "in"
    assert blocking_key(item(2, location="Remote", work_mode="remote"))[1] == "remote"
    assert blocking_key(item(3, location=""))[1] == ""


# --- the same job ---------------------------------------------------------------------


def test_cross_posted_job_with_reworded_boilerplate_and_remote_suffix_is_merged() -> None:
    greenhouse = item("gh-1", company="Lumatide GmbH", location="Berlin")
    careers_page = item(
        "jsonld-7",
        title="Technical Program Manager – Checkout (Remote)",
        location="Remote",
        work_mode="remote",
        description=CHECKOUT_ROLE_REWORDED + LUMATIDE_ABOUT_CAREERS,
    )
    ok, reason = same_job(greenhouse, careers_page)
    assert ok, reason
    assert reason.startswith("same company, title 100")
    assert merged(greenhouse, careers_page)


def test_repost_with_small_edits_is_merged() -> None:
    original = item(10)
    edited = CHECKOUT_ROLE.replace("eleven markets", "twelve markets").replace(
        "seven years", "six years"
    )
    repost = item(11, title="Technical Programme Manager, Checkout", description=edited)
    assert merged(original, repost)


def test_two_roles_at_one_company_with_the_same_boilerplate_are_not_merged() -> None:
    payments = item(
        1,
        company="Orbital Freight",
        title="Senior TPM, Payments",
        location="Singapore",
        description=PAYMENTS_DUTIES + ORBITAL_BOILERPLATE,
    )
    identity = item(
        2,
        company="Orbital Freight Pte. Ltd.",
        title="Senior TPM, Identity",
        location="Singapore",
        description=IDENTITY_DUTIES + ORBITAL_BOILERPLATE,
    )
    ok, reason = same_job(payments, identity)
    assert not ok
    assert "title differs" in reason
    assert not merged(payments, identity)


def test_same_title_at_two_companies_is_not_merged() -> None:
    a = item(1, company="Lumatide")
    b = item(2, company="Northwind Retail")
    ok, reason = same_job(a, b)
    assert not ok
    assert reason.startswith("different company")
    assert not merged(a, b)


@pytest.mark.parametrize(
    ("title_a", "title_b"),
    [
        ("Junior Scrum Master", "Senior Scrum Master"),
        ("Scrum Master", "Senior Scrum Master"),
        ("Program Manager I", "Program Manager II"),
        ("Jr. Data Engineer", "Data Engineer"),
        ("Lead Business Analyst", "Principal Business Analyst"),
    ],
)
def test_different_level_words_are_not_merged(title_a: str, title_b: str) -> None:
    a, b = item(1, title=title_a), item(2, title=title_b)
    ok, reason = same_job(a, b)
    assert not ok
    assert reason.startswith("different level")
    assert not merged(a, b)


def test_a_contract_held_with_a_government_is_no_term_of_employment() -> None:
    plain = item(1, title="Technical Project Manager")
    federal = item(2, title="Technical Project Manager - Federal Contract")
    contract = item(3, title="Technical Project Manager - Contract")
    assert merged(plain, federal)
    assert same_job(plain, contract)[1].startswith("employment type")


def test_different_cities_are_not_merged_but_an_unspecified_remote_place_fits_any() -> None:
    berlin = item(1, location="Berlin")
    munich = item(2, location="Munich")
    remote = item(3, location="Remote", work_mode="remote")
    assert same_job(berlin, munich) == (False, "different city: Berlin vs Munich")
    assert merged(berlin, remote)
    assert merged(munich, remote)
    # Berlin and Munich stay apart on their own; the remote copy would join one of them.
    assert group([berlin, munich])[2] == 2


def test_same_title_with_a_different_description_is_not_merged() -> None:
    a = item(1, title="Senior TPM", description=PAYMENTS_DUTIES * 2 + CHECKOUT_ROLE)
    b = item(2, title="Senior TPM", description=IDENTITY_DUTIES * 2 + LUMATIDE_ABOUT_CAREERS * 3)
    ok, reason = same_job(a, b)
    assert not ok, reason
    assert "description" in reason


def test_a_description_too_short_confirms_nothing() -> None:
    a = item(1, description="See our careers page.")
    b = item(2, description="See our careers page.")
    ok, reason = same_job(a, b)
    assert not ok
    assert reason.endswith("description too short to confirm")


def test_html_descriptions_are_read_as_text() -> None:
    html = "<p>" + CHECKOUT_ROLE.replace("\n", "</p><p>") + "</p>"
    assert merged(item(1), item(2, description=html.replace("&", "&amp;")))


# --- grouping -------------------------------------------------------------------------


def test_group_id_is_the_smallest_id_and_singletons_are_their_own_group() -> None:
    items = [
        item(30),
        item(12, title="Technical Program Manager - Checkout"),
        item(25, title="Data Engineer", description=IDENTITY_DUTIES * 3),
        item(7, location="Remote", work_mode="remote"),
    ]
    assert group(items) == {30: 7, 12: 7, 25: 25, 7: 7}


def test_mixed_id_types_order_ints_first() -> None:
    assert set(group([item("b"), item(3), item("a")]).values()) == {3}


def test_group_incremental_matches_one_pass() -> None:
    items = [
        item(1),
        item(2, company="Orbital Freight", title="Senior TPM, Payments"),
        item(3, title="Technical Program Manager, Checkout (Hybrid)"),
        item(4, company="Orbital Freight", title="Senior TPM, Identity"),
        item(5, location="Remote", work_mode="remote"),
    ]
    earlier = group(items[:2])
    assert group_incremental(earlier, items[:2], items[2:]) == group(items)


def test_window_caps_comparisons_per_block() -> None:
    filler = [
        item(i, title=f"Data Engineer {name}", description=IDENTITY_DUTIES * 3)
        for i, name in enumerate(("Alpha", "Bravo", "Charlie", "Delta"), start=2)
    ]
    items = [item(1), *filler, item(99)]
    assert group(items)[99] == 1
    assert group(items, window=2)[99] == 99  # item 1 is out of the window by then


# --- properties -----------------------------------------------------------------------

COMPANIES = ("Lumatide", "Lumatide GmbH", "Orbital Freight", "Orbital Freight Pte. Ltd.", "Kestrel")
TITLES = (
    "Technical Program Manager, Checkout",
    "Technical Program Manager – Checkout (Remote)",
    "Senior TPM, Payments",
    "Senior TPM, Identity",
    "Junior Scrum Master",
    "Scrum Master",
)
PLACES = (
    ("Berlin", "Berlin", "DE", "hybrid"),
    ("Munich", "Munich", "DE", "onsite"),
    ("Remote", None, None, "remote"),
    ("Remote - Germany", None, "DE", "remote"),
)
TEXTS = (
    CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE,
    CHECKOUT_ROLE_REWORDED + LUMATIDE_ABOUT_CAREERS,
    PAYMENTS_DUTIES + ORBITAL_BOILERPLATE,
    IDENTITY_DUTIES + ORBITAL_BOILERPLATE,
)

items_strategy = st.lists(
    st.builds(
        lambda company, title, place, text: (company, title, place, text),
        st.sampled_from(COMPANIES),
        st.sampled_from(TITLES),
        st.sampled_from(PLACES),
        st.sampled_from(TEXTS),
    ),
    max_size=25,
).map(
    lambda rows: [
        DedupeItem(i, company, title, place[0], text, place[1], place[2], place[3])
        for i, (company, title, place, text) in enumerate(rows)
    ]
)


@settings(max_examples=60, deadline=None)
@given(items_strategy, st.randoms(use_true_random=False))
def test_group_properties(items: list[DedupeItem], rng: random.Random) -> None:
    result = group(items)
    by_id = {i.id: i for i in items}
    assert set(result) == set(by_id)
    for item_id, group_id in result.items():
        # Never across normalised companies; the group id is a member, the smallest one.
        assert normalise_company(by_id[item_id].company) == normalise_company(
            by_id[group_id].company
        )
        assert group_id <= item_id  # type: ignore[operator]
        assert result[group_id] == group_id
    # Deterministic, and with blocks inside the window, independent of order.
    assert group(items) == result
    shuffled = items[:]
    rng.shuffle(shuffled)
    assert group(shuffled) == result
    # Idempotent: grouping again on top of the result changes nothing, and grouping in
    # two batches gives what one pass gives.
    assert group_incremental(result, items, []) == result
    half = len(items) // 2
    assert group_incremental(group(items[:half]), items[:half], items[half:]) == result


# A staffing agency's copy of the Checkout role: the duties rewritten around its own pitch.
AGENCY_COPY = """
Our client, a fast-growing storefront software company, is hiring a Technical Program
Manager for Checkout. You will drive the rebuild of the basket, payment sheet and order
confirmation flows across four product squads and the mobile team, write the program
plan, map dependencies on the fraud scoring service and the ledger migration, and run a
fortnightly risk review with engineering leads. You will coordinate launches in eleven
markets, including tax and invoicing changes for the Nordics.
You bring seven years delivering software programs, three of them with payment or checkout
systems, and fluency with Jira Advanced Roadmaps.
Keystone Staffing places technology leaders with product companies across Europe. Apply
with your CV and a recruiter will call you within two days.
"""


@pytest.mark.parametrize(
    ("name", "agency"),
    [("Keystone Tech Staffing", True), ("Brightside Werving & Selectie", True),
     ("NovaTalent Group", True), ("Ascent HR Services", True), ("Lumatide", False),
     ("Northwind Research Labs", False), ("Talentsoft", False),
     # job channels that repost employers' openings under their own name
     ("Hyderabad IT Openings WhatsApp Channel", True), ("Gulf Jobs Hub Telegram", True),
     # made-up names that start with the word, and agencies named in French
     ("TalentBridge Canada", True), ("Recrutement Boréal", True),
     # India's small recruiters end their names in "HR"; a maker of HR software does not
     ("Prism HR Solutions", True), ("Zenith HR Pvt. Ltd.", True), ("Sutra HR Tech", False)],
)  # fmt: skip
def test_a_staffing_agency_is_known_by_its_name(name: str, agency: bool) -> None:
    assert is_agency(name) == agency


def test_an_agencys_copy_of_an_employers_listing_is_one_job() -> None:
    employer = item(1, company="Lumatide")
    copy = item(
        2,
        company="Keystone Staffing",
        title="Technical Program Manager - Checkout (Berlin)",
        description=AGENCY_COPY,
    )
    ok, reason = same_job(employer, copy)
    assert ok and reason.startswith("an agency's copy"), reason
    assert merged(employer, copy)
    # whichever was posted first
    assert group([copy, employer]) == {2: 1, 1: 1}


def _words(*ranges: range) -> array[int]:
    return array("I", [word_hash(f"w{n}") for r in ranges for n in r])


def test_an_agencys_rewrite_keeping_half_the_employers_words_is_a_copy() -> None:
    # An agency keeps the duties and drops the employer's pitch and benefits: of its 60
    # content words, 30 are the employer's (of 100): half of its text, a Jaccard of 0.23.
    employer = _words(range(100))
    rewrite = _words(range(30), range(1000, 1030))
    assert agency_copy(employer, rewrite) == pytest.approx(30 / 130)
    # Another job of the agency shares the template words a job advert always has: a
    # third of its text is not enough.
    other = _words(range(20), range(1000, 1040))
    assert agency_copy(employer, other) is None
    # Too short to confirm anything.
    assert agency_copy(employer, _words(range(10))) is None
    # A channel's repost of a few lines: 40 words, 25 of them the employer's (of 150): a
    # Jaccard of 0.15, and most of the repost.
    long = _words(range(150))
    assert agency_copy(long, _words(range(25), range(2000, 2015))) == pytest.approx(25 / 165)
    assert agency_copy(long, _words(range(18), range(2000, 2022))) is None  # under half


def test_an_agencys_listing_of_another_job_or_a_non_agencys_copy_stays_apart() -> None:
    employer = item(1, company="Lumatide")
    other_job = item(
        2, company="Keystone Staffing", description=ORBITAL_BOILERPLATE + IDENTITY_DUTIES
    )
    assert not merged(employer, other_job)
    # Another employer with the same text is not an agency: two companies, two jobs.
    assert not merged(employer, item(3, company="Northwind Retail", description=AGENCY_COPY))


def test_different_years_asked_keep_one_employers_listings_apart_but_not_an_agencys_copy() -> None:
    text = CHECKOUT_ROLE + LUMATIDE_ABOUT_GREENHOUSE
    a = DedupeItem(
        1, "Lumatide", "Technical Program Manager, Checkout", "Berlin", text, years_min=6
    )
    same = DedupeItem(
        2, "Lumatide", "Technical Program Manager, Checkout", "Berlin", text, years_min=6
    )
    more = DedupeItem(
        3, "Lumatide", "Technical Program Manager, Checkout", "Berlin", text, years_min=10
    )
    unstated = DedupeItem(4, "Lumatide", "Technical Program Manager, Checkout", "Berlin", text)
    assert same_job(a, same)[0] and same_job(a, unstated)[0]
    assert same_job(a, more) == (False, "different years asked: 6 vs 10")
    assert group([a, same, more]) == {1: 1, 2: 1, 3: 3}
    agency = DedupeItem(
        5,
        "Keystone Tech Staffing",
        "Technical Program Manager, Checkout",
        "Berlin",
        text,
        years_min=8,
    )
    assert same_job(a, agency)[0]


def test_a_shift_in_one_title_is_another_opening_unless_the_other_text_names_a_shift() -> None:
    day = item(1, title="Technical Program Manager, Checkout")
    night = item(2, title="Technical Program Manager, Checkout - US Shift")
    # "US Shift" is the job's hours, not a place: the day job's text names no shift.
    assert normalise_title(night.title) == "technical program manager checkout us shift"
    assert not merged(day, night)
    # A copy that adds the shift to its title beside a text that names it is one job.
    shift_text = CHECKOUT_ROLE + "You will work the US shift, 6:30 PM to 3:30 AM IST."
    assert merged(
        item(3, description=shift_text), item(4, title=night.title, description=shift_text)
    )
    # Two shifts named are two openings.
    uk = item(5, title="Technical Program Manager, Checkout - UK Shift", description=shift_text)
    assert not merged(item(6, title=night.title, description=shift_text), uk)


def test_a_title_silent_on_terms_takes_the_listings_own() -> None:
    # A vendor's "W2/C2C" title beside the employer's plain title whose board says Contract.
    vendor = DedupeItem(
        1, "Lumatide", "Technical Program Manager, Checkout - W2/C2C", "Berlin",
        CHECKOUT_ROLE, employment="contract",
    )  # fmt: skip
    employer = DedupeItem(
        2, "Lumatide", "Technical Program Manager, Checkout", "Berlin", CHECKOUT_ROLE,
        employment="contract",
    )  # fmt: skip
    assert merged(vendor, employer)
    # ...while a permanent opening under the plain title stays apart, as does one whose
    # terms nothing states.
    permanent = DedupeItem(
        3, "Lumatide", "Technical Program Manager, Checkout", "Berlin", CHECKOUT_ROLE,
        employment="permanent",
    )  # fmt: skip
    assert not merged(vendor, permanent)
    unstated = DedupeItem(
        4, "Lumatide", "Technical Program Manager, Checkout", "Berlin", CHECKOUT_ROLE
    )
    assert not merged(vendor, unstated)


def test_a_shorter_title_whose_text_names_the_added_words_needs_less_shared_text() -> None:
    # Of 100 words each, 72 shared: a Jaccard of 0.56 but 0.72 of the shorter, short of the
    # 0.75 a shorter title's copy shares; with the "Payments" the longer title adds named in
    # the shorter one's text, one job.
    shared, own_a, own_b = range(72), range(1000, 1028), range(2000, 2028)
    payments = array("I", [word_hash("payments")])
    generic = _words(shared, own_a[:-1]) + payments
    specific = _words(shared, own_b)
    assert same_job(
        DedupeItem(1, "Lumatide", "Technical Program Manager", "Berlin", "", words=generic),
        DedupeItem(
            2, "Lumatide", "Technical Program Manager, Payments", "Berlin", "", words=specific
        ),
    )[0]
    # ...not when the shorter title's text never names it.
    unnamed = _words(shared, own_a)
    assert not same_job(
        DedupeItem(1, "Lumatide", "Technical Program Manager", "Berlin", "", words=unnamed),
        DedupeItem(
            2, "Lumatide", "Technical Program Manager, Payments", "Berlin", "", words=specific
        ),
    )[0]


def test_one_employers_title_posted_with_texts_in_two_languages_is_one_job() -> None:
    german = (
        "Wir suchen für unser Team in Berlin einen Technical Project Manager. Du planst die"
        " Releases der Flottenplattform mit den Teams und bist die Schnittstelle zu unseren"
        " Partnern. Das bieten wir: ein modernes Büro, flexible Arbeitszeiten und eine"
        " betriebliche Altersvorsorge. Wir freuen uns auf deine Bewerbung mit Lebenslauf."
    )
    english = CHECKOUT_ROLE
    a = DedupeItem(1, "Lumatide", "Technical Project Manager - Fleet Platform", "Berlin", english)
    b = DedupeItem(
        2, "Lumatide", "Technical Project Manager (m/w/d) – Fleet Platform", "Berlin", german
    )
    assert merged(a, b)
    assert same_job(a, b)[1] == "same company, the same job's texts in two languages"
    # Two English texts that share little are two jobs, as before.
    other = DedupeItem(
        3, "Lumatide", "Technical Project Manager - Fleet Platform", "Berlin", IDENTITY_DUTIES
    )
    assert not merged(a, other)


def test_two_open_listings_of_one_employers_board_are_two_requisitions() -> None:
    # One template, two squads, both live on the employer's ATS: two jobs however alike.
    a = DedupeItem(
        1, "Lumatide", "Scrum Master", "Berlin", CHECKOUT_ROLE, board="greenhouse:lumatide"
    )
    b = DedupeItem(
        2, "Lumatide", "Scrum Master", "Berlin", CHECKOUT_ROLE, board="greenhouse:lumatide"
    )
    assert same_job(a, b) == (False, "two listings of one employer's board (greenhouse:lumatide)")
    assert group([a, b]) == {1: 1, 2: 2}
    # ...while its copy on another board is the same job
    copy = DedupeItem(3, "Lumatide", "Scrum Master", "Berlin", CHECKOUT_ROLE, board=None)
    assert merged(a, copy)


def test_a_gender_marker_is_no_other_language() -> None:
    # Two English postings, one with "(m/w/d)" as German boards write it, different texts:
    # two jobs, compared on their texts (not one job "in two languages").
    a = DedupeItem(1, "Lumatide", "Technical Program Manager (m/w/d)", "Berlin", CHECKOUT_ROLE)
    b = DedupeItem(2, "Lumatide", "Technical Program Manager", "Berlin", IDENTITY_DUTIES)
    assert not merged(a, b)
