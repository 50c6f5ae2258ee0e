"""Rules of matcher 1.25, each stated on sentences written for the test: a title that is only
a grade on an employer's ladder names its job by the function after it or by the duties; a
course sold to career changers is no job; a remote job for one state's residents; office
days said after the office; travel, shifts and on-call that are not the hire's."""

from __future__ import annotations

import pytest

from matcher.conditions import (
    EXTENSIVE_TRAVEL,
    REGULAR_TRAVEL,
    excluded,
    imposed,
    negated,
    travel_percent,
)
from matcher.extract.place import parse_location
from matcher.facts import SalaryRange
from matcher.score import score_listing
from tests.real_text import BOILER, facts
from tests.test_score import CONTEXT, FIT, NOW, PROFILE

PMO_DUTIES = (
    "You will join the PMO of our client's digital programme. Maintain the programme plan, "
    "RAID log and dependency register; prepare status reports and steering committee papers; "
    "track supplier milestones and change requests."
)
PM_DUTIES = (
    "You will act as the project manager for one workstream of a core banking replacement: "
    "build the delivery plan, run sprint planning with the vendor's teams, keep the RAID log, "
    "track SOW milestones and change requests, and report status to the CIO."
)
NETWORK_DUTIES = (
    "Manage and troubleshoot the data-centre LAN and WAN, review firewall rules and act as L3 "
    "escalation for network incidents. CCNP required."
)

# --- grade titles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Specialist – PMO", "technical_project_assistant"),
        ("Senior Associate, Technology PMO", "technical_project_assistant"),
        ("Officer – Change Delivery", "technical_project_assistant"),
        ("Specialist – Release Coordination", "technical_project_assistant"),
        ("Analyst, Programme Management Office", "technical_project_assistant"),
        ("Specialist, Agile Delivery", "scrum_master"),
        ("Consultant – Agile Transformation", "scrum_master"),
        ("Lead – Delivery", "delivery_manager"),
        ("Manager – Client Delivery (Technology)", "delivery_manager"),
        ("Senior Associate – Technology Delivery", "technical_project_manager"),
    ],
)
def test_a_grade_title_is_the_job_its_function_names(title: str, role: str) -> None:
    assert facts(BOILER, title=title).role_variant == role


def test_a_grade_title_with_a_vague_field_is_the_job_its_duties_name() -> None:
    title = "Senior Consultant – Technology Transformation"
    assert facts(PM_DUTIES, title=title).role_variant == "technical_project_manager"
    # in a PMO, below a manager's grade: a project assistant
    assert facts(PMO_DUTIES, title="Consultant – Technology").role_variant == (
        "technical_project_assistant"
    )
    # ...a manager's grade runs the work
    assert facts(PMO_DUTIES, title="Manager – Technology").role_variant == (
        "technical_project_manager"
    )
    # duties of another trade leave the grade title no project job
    assert facts(NETWORK_DUTIES, title="Manager – Technology").role_variant == "other"
    # a grade joined to another trade's field stays that trade's
    assert facts(PM_DUTIES, title="Data Analyst – PMO").role_variant == "other"


def test_a_test_teams_lead_is_an_engineering_role() -> None:
    assert facts(BOILER, title="Test Lead - Automation (Selenium, Java)").role_variant == (
        "engineering_role"
    )


def test_an_investment_portfolio_is_no_project_portfolio() -> None:
    title = "Portfolio Manager - Listed Equities - PMS - Mumbai (10-15 yrs)"
    assert facts("Manage mid-cap equity portfolios for clients.", title=title).role_variant == (
        "non_technical_project_manager"
    )


# --- courses sold as jobs -----------------------------------------------------------------


def test_a_course_the_learner_pays_for_is_no_job() -> None:
    course = (
        "Our 10-week program trains career changers for project coordinator jobs. "
        "Tuition: $3,900 (income-share option available)."
    )
    title = "Entry Level Project Manager - Software Implementation (Paid Training)"
    assert facts(course, title=title).role_variant == "other"
    assert facts("Course fee: £1,995, payable in instalments.", title="Trainee Project Manager"
                 ).role_variant == "other"  # fmt: skip
    # a title naming an exam's course
    assert facts(BOILER, title="Project Manager (Remote) - PMP Certification Training"
                 ).role_variant == "other"  # fmt: skip
    # tuition paid by the employer is a benefit; a stipend's apprenticeship is a role
    benefit = BOILER + " Tuition reimbursement up to $5,250 a year."
    assert facts(benefit).role_variant == "technical_project_manager"
    apprentice = (
        "Support the IT PMO on the ERP upgrade. Stipend ₹12,500 per month. This is not an "
        "offer of employment."
    )
    assert facts(apprentice, title="Apprentice - IT Project Support").role_variant == (
        "technical_project_assistant"
    )


# --- where a remote job may be done from --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("This is a remote role for candidates who live in Texas; we meet in Austin quarterly.",
         ("TX",)),
        ("Remote for Georgia residents; you'll visit our Macon office once a quarter.", ("GA",)),
        # a privacy notice's residents are no job's
        ("See the rights available to California residents under the CCPA.", ()),
    ],
)  # fmt: skip
def test_a_remote_job_for_one_states_residents(text: str, states: tuple[str, ...]) -> None:
    found = facts(BOILER + " " + text, location="Remote")
    assert found.work_mode == "remote"
    assert found.remote_states == states
    # a remote job open to some US states is in the US
    assert found.country == ("US" if states else None)


# --- office days --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Location: Bellevue office, 3 days a week.",
        "Where: our Mississauga office near Square One, three days a week; the rest from home.",
        "Squads work from the office on Mondays, Wednesdays and Thursdays and from home the "
        "rest of the week.",
    ],
)
def test_office_days_said_after_the_office_are_hybrid(text: str) -> None:
    assert facts(BOILER + " " + text, location="Toronto, ON").work_mode == "hybrid"


# --- travel, shifts, on-call --------------------------------------------------------------


def test_extensive_travel_is_more_than_a_week_a_month() -> None:
    assert excluded(["extensive travel"]).travel == (EXTENSIVE_TRAVEL, "extensive travel")
    assert excluded(["extensive travel", "travel"]).travel == (REGULAR_TRAVEL, "travel")
    # a share said a little further from the word "travel"
    text = "Willingness to travel to client sites across Canada and the US up to 50% of the time."
    assert travel_percent(text) == 50


@pytest.mark.parametrize(
    ("text", "conditions"),
    [
        ("This role follows 24x7 rotational shifts (morning / afternoon / night).",
         ("night shift", "rotational shifts")),
        ("Rotational shifts (morning and afternoon), no night work.", ("rotational shifts",)),
        # a benefit for other roles, and the hire's own hours stated as a field
        ("Night shift allowance and transport for eligible shift-based roles.", ()),
        ("Hours: India business hours. Night shift allowance as per policy.", ()),
        # a service the staff get, not a duty
        ("Benefits: 24/7 on-call nurse line and telehealth visits.", ()),
    ],
)  # fmt: skip
def test_shifts_and_on_call_the_hire_works(text: str, conditions: tuple[str, ...]) -> None:
    assert imposed(text) == conditions


def test_a_product_named_for_a_trade_says_no_exclude_keyword() -> None:
    text = (
        "We implement Sales Cloud and Service Cloud for banks. This is a delivery role: no "
        "pre-sales duties."
    )

    def reason(text: str) -> str | None:
        profile = PROFILE.model_copy(update={"exclude_keywords": ("sales",)})
        match = score_listing(FIT, profile, title="TPM", text=text, posted_at=NOW, context=CONTEXT)
        return match.dealbreaker

    assert reason(text) is None
    assert reason("Own a quarterly sales target.") == "dealbreaker: mentions 'sales'"


def test_the_companys_past_is_not_the_job() -> None:
    history = "Founded in 2009 as a BPO voice provider, we are now a 300-engineer software house."
    assert negated(history.lower(), history.lower().index("bpo voice"))
    today = "We are a BPO voice provider."
    assert not negated(today.lower(), today.lower().index("bpo voice"))


def test_a_remote_job_for_people_in_either_of_two_countries_names_both() -> None:
    text = BOILER + " Location: Remote, for people based in India or the Philippines."
    found = facts(text, location="Remote")
    assert (found.country, found.remote_scope) == (None, ("IN", "PH"))


def test_a_travel_range_asks_its_top() -> None:
    assert travel_percent("Travel: 25%-35% to customer sites") == 35
    assert facts(BOILER + " Travel: 25% - 35% to customer sites.").travel_percent == 35


# --- the Gulf's pay -----------------------------------------------------------------------


def test_the_gulfs_dinars_and_rial_are_read() -> None:
    assert facts("Salary: BHD 1,800 - 2,300 per month.").salary == SalaryRange(
        1_800, 2_300, "BHD", "month"
    )
    assert facts("Monthly Salary Range: KWD 1,100 - 1,300").salary == SalaryRange(
        1_100, 1_300, "KWD", "month"
    )
    assert facts("Salary: OMR 1600 - 2000 Monthly.").salary == SalaryRange(
        1_600, 2_000, "OMR", "month"
    )


def test_a_package_stated_as_its_parts_is_the_whole_package() -> None:
    parts = (
        "Basic salary QAR 12,000 + housing allowance QAR 4,000 + transport allowance QAR 1,000 "
        "per month, plus an annual air ticket."
    )
    found = facts(parts)
    assert found.salary == SalaryRange(17_000, 17_000, "QAR", "month")
    assert not found.pay_basic  # the allowances are stated: the package is known
    total = (
        "Basic salary AED 18,000 + housing allowance AED 7,000 + transport allowance AED 2,000 "
        "(total AED 27,000 per month)."
    )
    assert facts(total).salary == SalaryRange(27_000, 27_000, "AED", "month")
    # allowances without amounts leave the package unknown
    unknown = facts("Basic salary AED 24,000 per month plus housing and transport allowances.")
    assert unknown.pay_basic


@pytest.mark.parametrize(
    ("text", "conditions"),
    [
        ("Working pattern: six-day week (Saturday half-day), on-site in Al Quoz.",
         ("weekend work",)),
        ("Applicants must hold a UAE passport and family book (Khulasat Al Qaid).",
         ("nationals only",)),
        ("Open to all nationalities; visa provided.", ()),
    ],
)  # fmt: skip
def test_the_gulfs_working_week_and_nationals_only_papers(
    text: str, conditions: tuple[str, ...]
) -> None:
    assert imposed(text) == conditions


# --- the role's own mode over the company's policy ----------------------------------------

POLICY = (
    "Our hybrid employees work on campus at least three days per week. Remote roles are "
    "offered for certain positions and are noted in the job posting."
)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("This position is remote. Remote employees must reside in the Eastern time zone.",
         "remote"),
        ("This role is on site at our Austin campus five days a week.", "onsite"),
        ("This role is on site three days a week in Leeds.", "hybrid"),
        # a base is no mode: the policy decides
        ("The role is office-based in Leeds.", "hybrid"),
        # a career site's field, its value on the next line
        ("Designation:\n Remote (US). You can work from anywhere in the US.", "remote"),
    ],
)  # fmt: skip
def test_the_roles_own_mode_outranks_the_companys_policy(text: str, mode: str) -> None:
    assert facts(f"{BOILER}\n{text}\n{POLICY}", location="Austin, TX").work_mode == mode


def test_an_in_office_expectation_is_hybrid() -> None:
    text = "Team members follow a Tuesday-to-Thursday schedule, with an in-office expectation of 60% of the work week."
    assert facts(f"{BOILER}\n{text}", location="Austin, TX").work_mode == "hybrid"


# --- matcher 1.29: shift work, B2B contracts, notice periods, business programmes ---------


@pytest.mark.parametrize(
    ("text", "conditions"),
    [
        ("Cover the coordination desk on rotating shifts (6:00-14:00 / 14:00-22:00).",
         ("rotational shifts",)),
        ("Our helpdesk team works rotating shifts.", ()),  # another team's
        ("Praca zmianowa: nie – pracujemy w godzinach 9–17.", ()),
        ("We build rosters for shift work in 4,000 stores. This role itself is office hours, "
         "Monday to Friday.", ()),
        ("Forma współpracy: B2B", ("self-employed",)),
        ("Regime de prestação de serviços (recibos verdes).", ("self-employed",)),
        ("We are a B2B marketplace connecting restaurants with suppliers.", ()),
        ("Immediate joiners / 15 days notice period candidates only.",
         ("immediate joiners only",)),
        ("Only candidates with a notice period of 15 days or less will be considered.",
         ("immediate joiners only",)),
    ],
)  # fmt: skip
def test_shift_work_b2b_and_notice_periods(text: str, conditions: tuple[str, ...]) -> None:
    assert imposed(text) == conditions


def test_a_profiles_shift_work_and_b2b_name_their_conditions() -> None:
    ruled_out = excluded(["shift work", "praca zmianowa", "B2B"])
    assert ruled_out.conditions == {
        "rotational shifts": "shift work",
        "self-employed": "B2B",
    }
    assert "b2b" in ruled_out.only_as_condition  # "a B2B SaaS" is no contract


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Business Program Manager – Seller Experience", "non_technical_project_manager"),
        ("Category Program Manager – Fresh (6-9 yrs)", "non_technical_project_manager"),
        ("Associate Program Manager – Dark Stores", "non_technical_project_manager"),
        ("Founder's Office – Program Manager", "non_technical_project_manager"),
        ("Strategy & Operations Manager – Office of the CTO", "other"),
    ],
)
def test_a_businesss_own_programmes_are_no_technical_ones(title: str, role: str) -> None:
    assert facts("Run the programme with the teams.", title=title).role_variant == role


def test_a_b2b_contract_offered_beside_employment_or_in_another_countrys_pay_line() -> None:
    assert imposed("PLN 18 000 - 24 000 net per month on a B2B contract (or UoP equivalent)") == ()
    pay_table = "In Germany €90,000 – €112,000; in Poland 28 000 - 35 000 PLN per month (B2B)."
    assert facts(pay_table, location="Hyderabad, India").conditions == ()


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Customer Program Manager – Telco Accounts", "other"),
        ("Software Development Manager, Seller Payments", "engineering_role"),
        ("Program Manager – Learning and Development", "non_technical_project_manager"),
    ],
)
def test_customer_programmes_software_managers_and_learning_programmes(
    title: str, role: str
) -> None:
    assert facts("Run the programme with the teams.", title=title).role_variant == role


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("Melbourne, FL", "US"),
        ("Paris, Texas 75460", "US"),
        ("London, KY", "US"),
        ("Melbourne, VIC", "AU"),
        ("Perth, WA", "AU"),  # Western Australia's, whose code Washington shares
        ("Melbourne", "AU"),
    ],
)
def test_a_us_state_after_a_city_known_abroad_is_its_namesake(location: str, country: str) -> None:
    assert parse_location(location)[1] == country


def test_a_citys_own_country_code_after_it_is_no_us_state() -> None:
    assert parse_location("Oakville, ON, CA")[1] == "CA"


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("Newport NP20", "GB"),
        ("Birmingham B3", "GB"),
        ("Huddersfield, West Yorkshire", "GB"),
        ("Llandudno Junction, Conwy", "GB"),
        ("Toronto, ON M5H", "CA"),  # Canada's postal district beside its province
        ("Austin, TX 78701", "US"),
    ],
)
def test_uk_postcode_districts_and_counties_are_britain(location: str, country: str) -> None:
    assert parse_location(location)[1] == country
