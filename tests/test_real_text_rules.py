"""Rules for how company career sites and job boards really write (issue 18): each test
states one rule a recruiter would recognise, on sentences written for the test."""

from __future__ import annotations

import pytest

from matcher.context import scoring_context
from matcher.extract import extract_facts
from matcher.extract.place import parse_location, parse_place
from matcher.facts import Facts
from matcher.profile import MinSalary, Profile
from matcher.score import DEFAULT_RATES_TO_USD, DEFAULT_WEIGHTS, score_listing

BOILER = "We build payment software. You will plan releases with our engineering teams."


def facts(description: str, **fields: object) -> Facts:
    fields.setdefault("title", "Technical Project Manager")
    return extract_facts(description=description, **fields)  # type: ignore[arg-type]


# --- work mode ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "remote", "mode"),
    [
        # A board's form fields say it outright, whatever the board's remote flag.
        ("Job Type: Full-time\nBenefits: Work from home\nWork Location: In person", True, "onsite"),
        ("Job Type: Full-time\nWork Remotely: No", True, "onsite"),
        ("Job Type: Contract\nWork Remotely: Yes", None, "remote"),
        # A regular office presence is hybrid, however the office is named.
        (
            "This role requires presence in our San Francisco or San Jose office 4 days per week.",
            None,
            "hybrid",
        ),
        ("You will travel to our Dublin office regularly.", None, "hybrid"),
        # office days by the month are regular too; a quarterly meet-up is not
        ("Mostly remote work; 1 day per month in our Łódź office.", True, "hybrid"),
        # home-office days named after the word, or in English
        ("Homeoffice 2 Tage pro Woche, Büro in Berlin-Moabit.", False, "hybrid"),
        ("Berlin office (Prenzlauer Berg), 1 home-office day per week.", False, "hybrid"),
        # an office 4-5 days a week; an office with flexibility to work remotely at times
        (
            "We're an NYC-based team working together in our Manhattan office 4–5 days a week.",
            None,
            "hybrid",
        ),
        (
            "Based in our Austin, TX office, with flexibility to work remotely as schedule permits.",
            True,
            "hybrid",
        ),
        # Where the person hired may choose home, the job is remote.
        (
            "Employees can work from home and also have the option to work in one of our offices.",
            None,
            "remote",
        ),
        ("Free lunch when you choose to work from the office.", None, "remote"),
        ("We also have fully remote options for people in these states.", None, "remote"),
        # A condition states no mode: the board's flag stands.
        (
            "If this position is listed as remote or hybrid, you will visit client sites.",
            True,
            "remote",
        ),
        ("Telecommuting is fine for this role.", None, "remote"),
        # Paid travel to a site is not an on-site job.
        ("Compensation for onsite travel is provided.", True, "remote"),
        # A team spread over many places says nothing of where this job is done.
        ("You will join a distributed team of engineers.", False, "onsite"),
    ],
)
def test_work_mode_as_written_on_real_postings(text: str, remote: bool | None, mode: str) -> None:
    assert facts(f"{BOILER}\n{text}", remote=remote).work_mode == mode


def test_a_remote_tag_an_aggregator_appends_to_a_city_is_not_the_mode() -> None:
    """ "Bengaluru, India,India,Remote" with a text that says nothing of remote work: the
    job is at the city; a country alone with the tag is a remote job."""
    tagged = facts(
        "Location: Bengaluru, India. Build our SRE tooling.",
        location="Bengaluru, India,India,Remote",
        remote=True,
    )
    assert tagged.work_mode == "onsite"
    country = facts("Build our SRE tooling.", location="India,Remote", remote=True)
    assert country.work_mode == "remote"


def test_a_bare_on_site_yields_to_a_location_that_names_the_mode() -> None:
    text = f"{BOILER} You can problem-solve on site with little oversight."
    assert facts(text, location="Remote, USA", remote=True).work_mode == "remote"
    assert facts(text, location="Denver, CO", remote=None).work_mode == "onsite"


# --- country ------------------------------------------------------------------------------


def test_a_listing_naming_no_place_is_where_its_pay_comes_from() -> None:
    assert facts(f"{BOILER} Salary: ₹12-15 LPA.").country == "IN"
    assert facts(f"{BOILER} Pay: $120,000-$150,000 a year. We offer a 401(k).").country == "US"
    assert facts(BOILER).country is None


@pytest.mark.parametrize("code", ["TN", "KA", "HR", "MH"])
def test_an_indian_state_code_before_in_is_india(code: str) -> None:
    assert parse_location(f"{code}, IN") == (None, "IN")


def test_two_countries_joined_by_a_bar_are_no_single_country() -> None:
    found = facts(BOILER, location="Remote (United States | Canada)", remote=True)
    assert found.country is None


def test_an_office_job_listed_in_several_countries_is_no_single_country() -> None:
    several = facts(BOILER, location="Sao Paulo, São Paulo, Brazil; Mexico City, Mexico")
    assert several.country is None
    one = facts(BOILER, location="Bangalore, Karnataka, India; Hyderabad, Telangana, India")
    assert one.country == "IN"


def test_worldwide_in_the_location_is_no_single_country() -> None:
    assert facts(BOILER, location="Delhi, India, worldwide", remote=True).country is None


def test_a_region_in_the_text_and_a_city_in_it_is_that_citys_country() -> None:
    text = f"{BOILER} We hire engineers based in Latin America."
    assert facts(text, location="Bogota", remote=True).country == "CO"


def test_anywhere_in_the_world_counts_only_about_where_people_work() -> None:
    product = f"{BOILER} Our app moves people anywhere in the world."
    assert facts(product, location="India, Remote", remote=True).country == "IN"
    hiring = f"{BOILER} You can work from anywhere in the world."
    assert facts(hiring, location="India, Remote", remote=True).country is None


def test_users_from_all_over_the_world_say_nothing_of_where_people_are_hired() -> None:
    pay = "Pay: $140,000-$170,000 a year. We offer a 401(k)."
    users = f"{BOILER} Teachers from all over the world have joined our platform. {pay}"
    assert facts(users, location="Remote", remote=True).country == "US"
    hiring = f"{BOILER} We welcome candidates from all over the world. {pay}"
    assert facts(hiring, location="Remote", remote=True).country is None


def test_a_remote_job_for_people_based_in_one_country_is_that_countrys() -> None:
    found = facts(f"{BOILER} Fully remote; you must be UK-based.", location="Remote", remote=True)
    assert (found.work_mode, found.country) == ("remote", "GB")
    company = facts(f"{BOILER} We are a UK-based charity. Fully remote.", location="Remote")
    assert company.country is None  # where the employer is, not where you must be


def test_half_the_week_at_client_sites_is_half_the_time_travelling() -> None:
    text = f"{BOILER} Expect to spend around half of your working week at client sites."
    assert facts(text).travel_percent == 50
    assert facts(f"{BOILER} Half of your time with customers is on calls.").travel_percent is None


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("The squads move to our Pune hub: relocation to Pune is mandatory.", "Pune"),
        ("You must relocate to Austin within 60 days.", "Austin"),
        ("Relocation to Austin is not required.", None),
        ("Relocation support to Berlin is available.", None),
        ("Candidates must be willing to relocate.", None),  # to where it is listed
    ],
)
def test_a_move_the_job_requires_names_its_city(text: str, city: str | None) -> None:
    assert facts(f"{BOILER} {text}", location="Bengaluru").relocation_to == city


def test_on_the_road_monday_to_thursday_is_most_of_the_time_travelling() -> None:
    text = f"{BOILER} You'll be on the road Monday through Thursday at client sites most weeks."
    assert facts(text).travel_percent == 80


@pytest.mark.parametrize("text", ["- PMP an asset", "Certification PMP, un atout."])
def test_a_certification_called_an_asset_is_preferred(text: str) -> None:
    found = facts(f"{BOILER}\n{text}")
    assert found.certifications == ("PMP",) and "PMP" in found.preferred
    assert "PMP" not in facts(f"{BOILER}\nPMP required. People are our greatest asset.").preferred


@pytest.mark.parametrize(
    ("text", "certs"),
    [
        # In a list of certifications a framework's name is its certificate...
        ("PMP / ITIL preferred; MBA preferred.", ("ITIL", "PMP")),
        ("PMP / PRINCE2 / SAFe preferred.", ("PMP", "PRINCE2", "SAFe")),
        ("CSM/SAFe required.", ("CSM", "SAFe")),
        # ...and elsewhere the framework, not a certificate
        ("Knowledge of ITIL and SAFe practices.", ()),
        ("Experience in SAFe, ITIL processes.", ()),
    ],
)
def test_a_framework_listed_among_certifications_is_its_certificate(
    text: str, certs: tuple[str, ...]
) -> None:
    assert facts(f"{BOILER}\n{text}").certifications == certs


@pytest.mark.parametrize(
    ("text", "certs"),
    [
        # ServiceNow's Customer Service Management module, a customer success manager
        ("Strong functional knowledge of ServiceNow ITSM, CSM, CMDB and ITOM modules.", ()),
        ("You will work with our development team, CSM and clients.", ()),
        ("CSM or PSM certification preferred.", ("CSM", "PSM")),
    ],
)
def test_csm_is_a_certificate_only_where_it_names_one(text: str, certs: tuple[str, ...]) -> None:
    assert facts(f"{BOILER}\n{text}").certifications == certs


def test_a_certification_a_learning_budget_pays_for_is_not_asked() -> None:
    text = (
        f"{BOILER}\nYou have: PMP or CSM preferred.\n"
        "Benefits: annual learning budget for certifications (PMP, SAFe, AWS)."
    )
    found = facts(text)
    assert found.certifications == ("CSM", "PMP") and {"CSM", "PMP"} <= set(found.preferred)
    assert facts(f"{BOILER}\nLearning budget for certifications (PRINCE2).").certifications == ()


# --- years --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("At least (5) years of software engineering experience.", 5),
        ("3-years full-time software engineering work experience.", 3),
        ("3 years+ in a program management role.", 3),
        ("Years of Experience : 5", 5),
        # Text whose line breaks were lost: the number runs on from the word before.
        ("Analytics all a plus.2+ years of product management experience.", 2),
        ("Bachelor's degree required7+ years of experience in IT.", 7),
        # Job Bank's band: the upper bound is not asked
        ("Experience: 5 years to less than 7 years", 5),
        ("Expérience : 5 ans à moins de 7 ans", 5),
        ("Not less than 6 years of experience.", 6),
        # a company's time in its market is no experience asked
        ("Empresa com mais de 25 anos de experiência no mercado. Mínimo 3 anos de experiência.", 3),
    ],
)
def test_years_as_real_postings_write_them(text: str, years: int) -> None:
    assert facts(f"{BOILER}\n{text}").years_min == years


def test_years_asked_as_a_plus_count_only_when_nothing_else_is_asked() -> None:
    both = "Requirements:\n• 5+ years of program management experience\nPreferred qualifications:\n• 7+ years of program management experience"
    assert facts(f"{BOILER}\n{both}").years_min == 5
    assert facts(f"{BOILER}\nIdeally 7+ years in delivery roles.").years_min == 7
    # "ideally" after the years qualifies something else
    assert (
        facts(f"{BOILER}\n6+ years' delivery experience, ideally in the public sector.").years_min
        == 6
    )


@pytest.mark.parametrize(
    "text",
    [
        "Report against the programme budget (£42m over three years).",
        "5 years' UK residency is required.",
    ],
)
def test_a_budget_term_or_residency_is_no_experience_asked(text: str) -> None:
    assert facts(f"{BOILER}\n4+ years of experience.\n{text}").years_min == 4


@pytest.mark.parametrize(
    "text",
    [
        "Who should apply: final-year students and 2026 graduates from CS/IT.",
        "Currently enrolled undergraduate students graduating in 2028.",
    ],
)
def test_students_and_new_graduates_are_asked_no_experience(text: str) -> None:
    assert facts(f"{BOILER} {text}").years_min == 0
    assert facts(f"{BOILER} 3+ years of experience. We hire 2026 graduates too.").years_min == 3


# --- pay ----------------------------------------------------------------------------------


def test_a_boards_bare_number_yields_to_the_range_the_text_states() -> None:
    text = f"{BOILER} The salary range for this role is $145,000 to $190,000."
    found = facts(text, salary_text="335000.0").salary
    assert found is not None and (found.min, found.max) == (145000, 190000)


@pytest.mark.parametrize("board", ["~190k", "≈ $190k", "approx. 190,000 USD", "About $190K"])
def test_a_boards_rounded_figure_yields_to_the_range_the_text_states(board: str) -> None:
    text = f"{BOILER} The base pay range for this role is $117,500 - $190,100 per year."
    found = facts(text, salary_text=board).salary
    assert found is not None and (found.min, found.max) == (117500, 190100)


def test_a_boards_rounded_figure_alone_is_no_stated_pay() -> None:
    assert facts(BOILER, salary_text="~190k").salary is None


@pytest.mark.parametrize(
    "text",
    ["Salário: 3.300€ – 4.000€ brutos x 14 meses.", "Salario: 3.300 € - 4.000 € x 14 pagas."],
)
def test_pay_paid_fourteen_times_a_year_is_a_monthly_figure(text: str) -> None:
    found = facts(f"{BOILER} {text}", location="Lisboa").salary
    assert found is not None and (found.min, found.max, found.period) == (3300, 4000, "month")


def test_a_trainees_stipend_yields_to_the_pay_after_training() -> None:
    text = (
        f"{BOILER} Stipend during training: Rs 18,000 per month. On successful completion you "
        "are confirmed as PMO Associate with CTC Rs 4.2 LPA."
    )
    found = facts(text, location="Hyderabad").salary
    assert found is not None and (found.max, found.period) == (420000, "year")
    alone = facts(f"{BOILER} Stipend: ₹15,000/month for 6 months.", location="Hyderabad").salary
    assert alone is not None and (alone.max, alone.period) == (15000, "month")


@pytest.mark.parametrize(
    "text",
    [
        # the CTC first, the stipend after it: not a perk of the CTC
        "Training for 3 months. CTC ₹4-6 LPA. Stipend during training ₹10,000 per month.",
        # the pay after training said after its amount; the nearest pay word names money
        "Stipend ₹10,000 per month during training; CTC ₹4-6 LPA on confirmation.",
    ],
)
def test_the_ctc_beside_a_training_stipend_is_the_pay(text: str) -> None:
    found = facts(f"{BOILER} {text}", location="Hyderabad").salary
    assert found is not None and (found.min, found.max, found.period) == (400000, 600000, "year")


def test_between_with_the_currency_after_each_amount_is_one_range() -> None:
    text = f"{BOILER} The annual base salary is between $102,000 USD and $138,000 USD."
    found = facts(text).salary
    assert found is not None and (found.min, found.max, found.currency) == (102000, 138000, "USD")


_PAY_BY_PLACE = (
    "For Chicago, IL-based roles: The base salary range for this role is USD$140,000 per year"
    " - USD$155,000 per year.\n"
    "For New York, NY-based roles: The base salary range for this role is USD$155,000 per year"
    " - USD$172,000 per year.\n"
    "For Seattle, WA-based roles: The base salary range for this role is USD$146,000 per year"
    " - USD$162,000 per year."
)


@pytest.mark.parametrize(
    ("location", "pay"),
    [
        # one place: its row; several: the span over theirs; none: the first row
        ("Seattle, Washington, United States", (146000, 162000)),
        ("New York, New York, United States; Chicago, Illinois, United States", (140000, 172000)),
        ("Remote - United States", (140000, 155000)),
    ],
)
def test_a_pay_table_by_place_gives_the_listings_own_places_pay(
    location: str, pay: tuple[int, int]
) -> None:
    found = facts(f"{BOILER}\n{_PAY_BY_PLACE}", location=location).salary
    assert found is not None and (found.min, found.max, found.currency) == (*pay, "USD")


def test_a_boards_own_pay_figure_is_kept_beside_a_pay_table_by_place() -> None:
    found = facts(_PAY_BY_PLACE, location="Seattle, WA", salary_text="$140,000 - $172,000").salary
    assert found is not None and (found.min, found.max) == (140000, 172000)


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        # The currency and period at both ends, the currency an Australian dollar
        ("Package: A$160,000/yr - A$175,000/yr plus super.", (160000, 175000, "AUD", "year")),
        ("Base AU$150k + super.", (150000, 150000, "AUD", "year")),
        # "between ... and" in Dutch and German; thousands after a space and "k€" in French
        ("Salaris tussen €5.200 en €6.800 bruto per maand.", (5200, 6800, "EUR", "month")),
        ("Gehalt zwischen 60.000 € und 75.000 € brutto jährlich.", (60000, 75000, "EUR", "year")),
        ("Rémunération : 45-55 k€ bruts annuels.", (45000, 55000, "EUR", "year")),
        ("Salaire : jusqu'à 65 K€ selon expérience.", (None, 65000, "EUR", "year")),
        # Southeast Asia's currencies, Swiss thousands, German hourly and "ab" (from)
        ("Salary PHP 50,000 - 65,000 per month + 13th month pay.", (50000, 65000, "PHP", "month")),
        ("₱90,000/month - ₱130,000/month", (90000, 130000, "PHP", "month")),
        ("IDR 45.000.000 - 60.000.000 per bulan (gross).", (45000000, 60000000, "IDR", "month")),
        ("RM 8,000 – RM 10,000 per month.", (8000, 10000, "MYR", "month")),
        ("Jahreslohn CHF 120'000 – 140'000.", (120000, 140000, "CHF", "year")),
        ("Vergütung: 16 – 18 € pro Stunde.", (16, 18, "EUR", "hour")),
        ("Gehalt ab € 3.900 brutto/Monat.", (3900, None, "EUR", "month")),
        # Québec: thousands apart, the dollar after the amount
        ("Salaire entre 90 000 $ et 110 000 $ par année.", (90000, 110000, "USD", "year")),
    ],
)
def test_pay_as_european_and_australian_boards_write_it(
    text: str, pay: tuple[float | None, float, str, str]
) -> None:
    found = facts(f"{BOILER} {text}").salary
    assert found is not None and (found.min, found.max, found.currency, found.period) == pay


def test_a_day_rate_is_no_salary() -> None:
    assert facts(f"{BOILER} Rate: $900 - $1,000 p.d. + super, 6-month contract.").salary is None


def test_indian_amounts_ending_in_slash_dash_make_a_range() -> None:
    found = facts(f"{BOILER} Salary: 6,00,000/- to 8,00,000/- per year").salary
    assert found is not None and (found.min, found.max, found.currency) == (600000, 800000, "INR")


# --- role ---------------------------------------------------------------------------------


def test_a_project_whose_work_is_the_companys_own_it_is_an_it_project() -> None:
    it_work = (
        "Join Corporate IT. Lead ERP upgrades on SAP, the ServiceNow service desk roll-out "
        "and end-user device refreshes for our business systems."
    )
    assert facts(it_work).role_variant == "it_project_manager"
    assert facts(BOILER).role_variant == "technical_project_manager"
    # An IT consultancy delivers for its clients: a technical project manager there.
    client = (
        "We are an IT consultancy. For our clients we deliver SAP and ServiceNow programmes: "
        "you run each client engagement, client workshops and reporting to client stakeholders."
    )
    assert facts(client).role_variant == "technical_project_manager"


@pytest.mark.parametrize(
    "title", ["Project Manager / Scrum Master", "Senior Scrum Master / Agile Delivery Lead"]
)
def test_a_title_joining_a_scrum_master_to_another_role_is_a_scrum_master(title: str) -> None:
    assert facts(BOILER, title=title).role_variant == "scrum_master"


@pytest.mark.parametrize(
    "title",
    [
        "Senior Data Science Analyst",
        "Manager II, Data Science",
        "Embedded Firmware Lead",
        "VAPT Analyst",
        "Penetration Tester",
        "ETL Lead",
    ],
)
def test_a_technical_discipline_needs_no_engineer_in_the_title(title: str) -> None:
    assert facts("Build and test our systems.", title=title).role_variant == "engineering_role"


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Project Manager - Data Science", "technical_project_manager"),
        ("Technical Program Manager, Firmware", "technical_program_manager"),
    ],
)
def test_a_project_role_in_a_technical_discipline_stays_a_project_role(
    title: str, role: str
) -> None:
    assert facts(BOILER, title=title).role_variant == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        # cloud delivery, operations and migration PMs are DevOps PMs
        ("Cloud Delivery Project Manager | AWS", "devops_project_manager"),
        ("Cloud Operations Project Manager - Managed Services", "devops_project_manager"),
        ("Technical Program Manager, Cloud Infrastructure", "technical_program_manager"),
        # an IT delivery manager is a delivery manager
        ("IT Delivery Manager (Dubai, UAE)", "delivery_manager"),
        ("SVP, Technology Delivery – Markets", "delivery_manager"),
        ("VP, IT Delivery", "delivery_manager"),
        ("Director of Product - Marketplace", "product_manager"),
        # Dutch and French role words: "technisch", "responsable de programme"
        ("Technisch Projectmanager Warehouse Systemen", "technical_project_manager"),
        (
            "Responsable de programme technique (H/F) – Carbon Accounting",
            "technical_program_manager",
        ),
        # an industry after an IT delivery title is the client's vertical; an insurer's
        # own programmes stay outside technology
        ("Senior Delivery Manager - Insurance", "delivery_manager"),
        ("Program Manager, Specialty Insurance Programs", "non_technical_project_manager"),
        ("Release & Deployment Manager – Kraków (hybrid)", "devops_project_manager"),
        # a development-sector programme is outside technology unless the title says so
        (
            "Project Coordinator – Skill Development Programme (NGO) – Jaipur",
            "non_technical_project_manager",
        ),
        ("Technical Project Manager – NGO Digital Platform", "technical_project_manager"),
        # programmes for young people are education, whatever the clubs teach
        ("Program Coordinator - After-School STEM Programs", "non_technical_project_manager"),
        ("Youth Programme Coordinator – Coding Clubs", "non_technical_project_manager"),
        # a job family's "Tech" label keeps no business programme in technology
        ("Localization Experience Program Manager II, Tech", "non_technical_project_manager"),
        ("Program Manager II, Tech", "technical_program_manager"),
        ("Program Leader, B2B Support Strategy", "non_technical_project_manager"),
        # an enterprise platform after the role is IT work, even on the cloud
        ("Project Manager - Cloud - ServiceNow", "it_project_manager"),
        ("Project Manager - Cloud Migration", "devops_project_manager"),
        # a recruitment label before the title names no job; a grade, then the function
        (
            "Walk-in Drive - Graduate Engineer Trainee - PMO / Delivery",
            "technical_project_assistant",
        ),
        ("Senior Manager - Delivery (Retail Technology)", "delivery_manager"),
        # a research grant's project staff, a literacy programme: outside technology
        ("Project Assistant (Sponsored Research Project)", "non_technical_project_manager"),
        ("Project Coordinator - Digital Literacy Programme", "non_technical_project_manager"),
        # Swedish, Dutch, Spanish, Italian, Japanese, Vietnamese titles
        ("Projektledare IT", "it_project_manager"),
        ("Projektledare bygg", "non_technical_project_manager"),
        ("ICT Projectleider", "it_project_manager"),
        ("Projectleider Bouw", "non_technical_project_manager"),
        ("Agil coach – konsult", "scrum_master"),
        ("PMO Junior / Técnico/a de Proyectos IT", "technical_project_assistant"),
        ("Jefe/a de Obra", "non_technical_project_manager"),
        ("Project Manager Edilizia", "non_technical_project_manager"),
        ("スクラムマスター（自社プロダクト）", "scrum_master"),
        ("テクニカルプロジェクトマネージャー（自社SaaS）", "technical_project_manager"),
        ("Nhân Viên Điều Phối Dự Án IT", "technical_project_assistant"),
        # the top rungs: portfolio governance, heads of programmes, of agile delivery, of the
        # EPMO, engagement directors; an investment portfolio is finance
        ("Lead - Portfolio Governance", "technical_program_manager"),
        ("Head of Engineering Operations & Programs", "technical_program_manager"),
        # (an enterprise PMO over the company's own IT is an IT one: issue 18's rule)
        ("Head of EPMO (Digital & IT)", "it_project_manager"),
        ("Head of Technology Programmes", "technical_program_manager"),
        ("Head of Agile Delivery", "delivery_manager"),
        ("Engagement Director, Cloud Transformation", "delivery_manager"),
        ("Portfolio Manager - Global Credit", "non_technical_project_manager"),
        # Spanish and Portuguese site and education titles
        ("Gerente de Obras (Edificações Residenciais)", "non_technical_project_manager"),
        ("Jefe/a de Proyectos – Obras Mineras", "non_technical_project_manager"),
        ("Coordinador/a de Proyectos Educativos", "non_technical_project_manager"),
        ("Trainee Coordinación de Proyectos IT", "technical_project_assistant"),
        # an implementation manager runs customers' software roll-outs
        ("Implementation Manager – SaaS Onboarding – Remote India", "technical_project_manager"),
        # a head of product *delivery* heads delivery, at any grade
        ("Director of Product Delivery", "delivery_manager"),
        ("Senior Director, Product Delivery", "delivery_manager"),
        # couriers, trainers, mentors and courses for sale run no projects
        ("Delivery Executive - Kondapur | Two-wheeler must", "other"),
        ("Scrum Trainer & Agile Coach (Freelance)", "other"),
        ("Google Project Management Certificate Mentor", "other"),
        ("Project Manager Trainee (PMP Bootcamp)", "other"),
        ("Project Assistant - Data Entry (Back Office)", "other"),
        ("Project Coordinator - Remote (US) | Commission Only", "other"),
        # a trainee's title with its field after it
        ("Trainee - Technical Project Management", "technical_project_assistant"),
        ("Graduate Engineer Trainee - PMO (2026 Batch)", "technical_project_assistant"),
        ("Graduate Programme - Technology Project Management", "technical_project_assistant"),
        ("Apprentice - IT Project Support", "technical_project_assistant"),
        ("Project Management Office (PMO) Executive", "technical_project_assistant"),
        ("Agile Coach", "scrum_master"),
        # a business function's programme, unless the title calls it technical
        ("Supply Chain Program Manager - Hardware NPI", "non_technical_project_manager"),
        ("Program Manager – Trust & Safety Operations", "non_technical_project_manager"),
        ("Finance Program Manager – FP&A Transformation", "non_technical_project_manager"),
        ("Technical Program Manager - Supply Chain Tech", "technical_program_manager"),
    ],
)
def test_what_a_title_names_decides_the_role(title: str, role: str) -> None:
    text = "We run our platform on AWS with engineering teams; suppliers and warehouses use it."
    assert facts(text, title=title).role_variant == role


def test_a_manufacturing_engineering_project_is_outside_technology() -> None:
    text = (
        "Lead new production-line projects at our stamping plant: tooling, fixtures, "
        "commissioning with mechanical and electrical suppliers, safety sign-off. P.Eng. required."
    )
    title = "Engineering Project Manager – Manufacturing"
    assert facts(text, title=title).role_variant == "non_technical_project_manager"


def test_a_near_miss_spelling_keeps_its_first_letter() -> None:
    # "Tecnical Progam Manger" is a slip; "RevOps" (revenue operations) is another word.
    assert facts(BOILER, title="Tecnical Progam Manger").role_variant == "technical_program_manager"
    assert facts("Own the revenue funnel.", title="RevOps Lead").role_variant == "other"


def test_a_german_compound_names_the_projects_field_first() -> None:
    title = "Bauprojektleiter (m/w/d) Hochbau"
    text = "Sie steuern Bauvorhaben im Hochbau von der Planung bis zur Abnahme."
    assert facts(text, title=title).role_variant == "non_technical_project_manager"


def test_an_employer_paying_in_many_countries_hires_beyond_its_listed_one() -> None:
    text = f"{BOILER}\nBenefits:\n* Work from Anywhere - Payroll and Benefits in 150+ Countries"
    assert facts(text, location="United States", remote=True).country is None
    offices = f"{BOILER}\nWe have offices in 12 countries."
    assert facts(offices, location="United States", remote=True).country == "US"


def test_a_benefit_limited_to_one_country_does_not_limit_the_job() -> None:
    text = f"{BOILER}\nYou can work from anywhere in the world.\n* Retirement [USA Only]"
    assert facts(text, location="Remote", remote=True).country is None
    job = f"{BOILER}\nThis role is open to candidates in the USA only."
    assert facts(job, location="Remote", remote=True).country == "US"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("You will recruit and mentor engineers.", True),
        ("Hire and grow a team of five developers.", True),
        ("Recruiting, onboarding and training staff.", True),
        # the employer's own recruiting, in every posting's boilerplate
        ("Interview process: a 30-minute call with our recruiter.", False),
        ("Our hiring team will be in touch within a week.", False),
        ("Beware of recruitment fraud: we never charge fees.", False),
        ("Your data is processed for recruitment purposes only.", False),
        ("Acme is hiring a Staff Technical Program Manager!", False),
        ("We are hiring people who love data.", False),
    ],
)
def test_recruiting_is_a_skill_asked_only_as_hiring_into_ones_team(text: str, asked: bool) -> None:
    assert ("recruiting/hiring" in facts(f"{BOILER}\n{text}").skills) == asked


# --- matcher 0.14 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "location", "mode"),
    [
        # What "some roles" or "other teams" do is not this job's arrangement.
        (
            "This is a remote opportunity within the US. Some roles on our sales team are hired "
            "for hybrid work in Denver.",
            "Remote (US)",
            "remote",
        ),
        # Working from home offered as a flexibility beside an office: some days at home.
        ("Perks: gym | Remote flexibility | 401(k)", "Boston, MA", "hybrid"),
        ("We offer work from home flexibility and free lunches.", "Austin, TX", "hybrid"),
        ("Flexible work-from-home schedule to support work-life balance.", "Denver, CO", "hybrid"),
    ],
)
def test_work_mode_of_this_job_not_of_others(text: str, location: str, mode: str) -> None:
    assert facts(f"{BOILER}\n{text}", location=location).work_mode == mode


@pytest.mark.parametrize(
    ("text", "location", "country", "scope"),
    [
        # A remote job placed in one city but opened to a region is open to the region.
        (
            "Remote role. For this role, it can be within the Americas region.",
            "Remote, Chicago, IL",
            None,
            ("Americas",),
        ),
        ("Remote. You live and work in the Americas time zones.", "Remote", None, ("Americas",)),
        (
            "Remote. We hire regardless of location, with overlap with one of the Americas time zones.",
            "Remote",
            None,
            ("Americas",),
        ),
        (
            "You may work from our Lisbon hub or remotely across Europe.",
            "Lisbon, Portugal",
            None,
            ("Europe",),
        ),
        ("Fully remote: we accept candidates from all over the world.", "Remote, London", None, ()),
        # A single country's hours are only the team's hours, not where one must live.
        ("Remote. Four hours of overlap with US time zones.", "Remote, India", "IN", ()),
        # Regions as Spanish and Portuguese boards write them
        ("Trabajo 100% remoto.", "Remoto - Latinoamérica", None, ("LATAM",)),
        ("Trabalho remoto.", "Remoto (América Latina)", None, ("LATAM",)),
    ],
)
def test_remote_scope_stated_in_the_text(
    text: str, location: str, country: str | None, scope: tuple[str, ...]
) -> None:
    found = facts(f"{BOILER}\n{text}", location=location, remote=True)
    assert (found.work_mode, found.country, found.remote_scope) == ("remote", country, scope)


@pytest.mark.parametrize(
    ("company", "country"),
    [
        ("Brightpath Software Pvt. Ltd.", "IN"),
        ("Brightpath Technologies Private Limited", "IN"),
        ("Brightpath Pte Ltd", "SG"),
        ("Brightpath Inc.", None),
    ],
)
def test_a_company_legal_form_places_a_listing_that_names_no_place(
    company: str, country: str | None
) -> None:
    assert facts(BOILER, location="", company=company).country == country


def test_a_named_place_beats_the_company_legal_form() -> None:
    assert facts(BOILER, location="Dubai", company="Brightpath Pvt Ltd").country == "AE"


@pytest.mark.parametrize(
    ("title", "text", "role"),
    [
        # A project engineer on a building site is on the project-management track...
        (
            "Project Engineer",
            "Support the project manager on commercial construction: office buildings and "
            "their MEP systems. Run submittals and RFIs, walk the site with subcontractors, "
            "track safety and prepare the handover.",
            "non_technical_project_manager",
        ),
        # ...elsewhere an engineer.
        (
            "Project Engineer",
            "Write Python services and deploy them to Kubernetes; review code and APIs.",
            "engineering_role",
        ),
        ("SDE2", "Build backend services in Java.", "engineering_role"),
        # A grade title ("Manager", "Senior Associate") names a level: the job is the title
        # the text states.
        (
            "Manager",
            "Job Title: Scrum Master - Payments Platform\nRun sprint ceremonies for two teams.",
            "scrum_master",
        ),
        (
            "Senior Associate",
            "Position: Technical Project Manager\nPlan releases.",
            "technical_project_manager",
        ),
        ("Manager", "Run our retail store: staff rotas, stock, customer service.", "other"),
        # A programme of the company's footprint is no technical programme, at any level.
        (
            "Principal Program Manager, Sustainability",
            "Lead our datacenter decarbonisation programme with engineering and finance.",
            "non_technical_project_manager",
        ),
        # A programme for the company's people is no technical programme either.
        (
            "Senior Program Manager – People Operations",
            "Run our HR programmes: onboarding, performance cycles and the HRIS rollout.",
            "non_technical_project_manager",
        ),
        # The last noun is the job: one who trains people for project certificates trains.
        (
            "Project Management Trainer (PMP / CAPM)",
            "Deliver PMP and CAPM exam-preparation batches to working professionals.",
            "other",
        ),
        # "Internal" is no misspelt "Intern": an IT project manager for internal systems.
        (
            "IT Project Manager, Internal Systems",
            "Run our internal IT projects: Okta, M365 and ServiceNow rollouts. 5+ years.",
            "it_project_manager",
        ),
        (
            "Internship - PMO",
            "Support the technology PMO with status reports.",
            "technical_project_assistant",
        ),
        # A grade whose field is projects: the field says which (a bank's "Scale IV" grade).
        (
            "Chief Manager – IT Projects (Scale IV)",
            "Manage the bank's IT projects: core banking upgrade and data centre migration.",
            "it_project_manager",
        ),
        ("Sales Manager – ERP Projects", "Win new ERP implementation deals; own a quota.", "other"),
        (
            "Gestionnaire de programme – Transformation numérique",
            "Piloter le programme TI.",
            "technical_program_manager",
        ),
        (
            "Chargé de projets – Infrastructures électriques",
            "Postes et lignes: chantiers.",
            "non_technical_project_manager",
        ),
        (
            "Implementation Coordinator",
            "Coordinate SaaS onboarding projects for customers.",
            "technical_project_assistant",
        ),
        # A trainee whose field is the PMO is a project assistant in the making.
        (
            "Graduate Trainee - PMO (Technology)",
            "Join the technology PMO: status reports, RAID logs and sprint trackers.",
            "technical_project_assistant",
        ),
        # A delivery manager's title names the field it delivers for: the duties decide.
        (
            "Delivery Manager - Clinical Rostering",
            "Lead the agile team of developers building the wards' rostering app: sprints, releases.",
            "delivery_manager",
        ),
        (
            "Delivery Manager - Events",
            "Plan venues, guests, conferences, exhibitions, sponsors and catering.",
            "other",
        ),
        # A hospital's or a lab's own systems are IT work; a vendor's technical role builds them.
        ("LIMS Implementation Project Manager", "Roll out LabWare across our QC labs.", "it_project_manager"),
        ("Director, EHR Program Management Office", "Govern the Epic portfolio.", "it_project_manager"),
        ("Technical Project Manager - LIMS", "Deliver our LIMS SaaS releases.", "technical_project_manager"),
        ("TPM - ML Infrastructure", "Lead GPU cluster programs.", "technical_program_manager"),
        # "Digital" is the NHS's word for its IT; an agency's digital projects are its clients'
        (
            "Digital Project Manager",
            "NHS Foundation Trust, Band 7 (Agenda for Change): deliver the trust's e-rostering rollout.",
            "it_project_manager",
        ),
        (
            "Digital Project Manager",
            "Deliver websites and apps for our clients: sprints, features, releases.",
            "technical_project_manager",
        ),
        # clinical and medical functions run programmes outside technology
        ("Medical Affairs Program Manager", "Plan advisory boards and KOL engagement.", "non_technical_project_manager"),
        ("Nursing Program Manager - Professional Practice", "RN licence required.", "non_technical_project_manager"),
        ("Project Manager - Clinical Data Management", "Lead CDM for phase III studies.", "non_technical_project_manager"),
        # a bank's own core systems; its lending operations, audits and inclusion programmes
        ("Project Manager - Core Banking (Finacle)", "Upgrade our Finacle core.", "it_project_manager"),
        ("Program Manager - Core Banking Transformation", "Lead the programme.", "technical_program_manager"),
        ("Loan Operations Project Manager", "Improve loan servicing.", "non_technical_project_manager"),
        ("Program Manager, Financial Inclusion", "Grants to community lenders.", "non_technical_project_manager"),
        # customer experience and support operations programmes are the business's own
        ("CX Program Manager, LatAm Delivery", "Run CX programmes.", "non_technical_project_manager"),
        ("Program Leader, AV Support Operations", "Support ops.", "non_technical_project_manager"),
        # a game studio's technical producer; German titles in their gendered forms; a
        # fulfilment centre's launch; a programme of tooling is technology
        ("Senior Technical Producer – Game Platform", "Own the engineering schedule.", "technical_project_manager"),
        ("Agile:r Projektmanager:in E-Commerce (m/w/d)", "Scrum, Jira.", "agile_project_manager"),
        ("Projektleiter:in Launch Fulfillment Center (m/w/d)", "Anlaufsteuerung.", "non_technical_project_manager"),
        ("Programme Manager, Localisation Tooling (TMS)", "Integrate our TMS APIs.", "technical_program_manager"),
        # the UK digital profession's first delivery grade
        ("Associate Delivery Manager", "Support agile teams delivering services.", "delivery_manager"),
        # Polish and German titles; a plant's MES is its IT; a body shop's launch is not
        ("Koordynator projektów IT (Open Banking)", "Koordynacja projektów IT.", "technical_project_assistant"),
        ("Analityk PMO (projekty regulacyjne IT)", "Raportowanie PMO.", "technical_project_assistant"),
        ("Projektmanager MES-Einführung (m/w/d) – Werk Dingolfing", "Einführung MES.", "it_project_manager"),
        ("Projektmanager (m/w/d) Fahrzeuganlauf Karosseriebau", "Anlauf im Werk.", "non_technical_project_manager"),
        # a technical project manager of DevOps, and a CI/CD project behind a gender tag
        ("Technical Project Manager DevOps (m/w/d)", "CI/CD, Kubernetes.", "devops_project_manager"),
        ("Projektmanager (m/w/d) CI/CD-Toolchain", "Jenkins, GitLab.", "devops_project_manager"),
    ],
)  # fmt: skip
def test_role_from_what_the_job_is(title: str, text: str, role: str) -> None:
    assert facts(text, title=title).role_variant == role


def test_a_requisition_id_is_no_level() -> None:
    found = facts("8+ years of program management.", title="Technical Program Manager (JR-8790)")
    assert found.seniority == "senior"


def test_a_longer_word_is_not_a_typo_of_a_shorter_one() -> None:
    """'Internal' starts with 'intern' but is another word: the level comes from the years."""
    found = facts(
        "5+ years of experience managing IT projects.", title="IT Project Manager, Internal Systems"
    )
    assert found.seniority == "mid"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # Alternatives by education or level: the smallest is the least the job asks.
        (
            "Bachelor's degree with a minimum of 7 years of related experience or a Masters "
            "with at least 5 years of related experience.",
            5,
        ),
        ("Experience: 5+ years (for Senior level) or 8+ years (for Staff level).", 5),
        # Not alternatives: a sub-requirement inside a field list that contains "or".
        ("8+ years in fintech or payments, with 3+ years as a program manager.", 8),
        # The total, named as such, is the total.
        ("8+ years of total engineering experience. 10+ years working in Agile teams.", 8),
        ("15+ overall years of experience; 8+ years managing engineering projects.", 15),
        # Ages are not experience.
        ("Our learners range from 18-year-olds to career changers. 2+ years of experience.", 2),
        # ...nor an age limit as government notices state it
        (
            "Minimum 2 years of PMO experience. 4. Age: Not more than 35 years as on the last date.",
            2,
        ),
        ("At least 1 year of experience in IT support. Age Maximum 30 years as on the date.", 1),
        # an award's run of years is no experience; "freshers and up to 2 years" asks none
        ("Certified a Great Place to Work for three years running. 2+ years of experience.", 2),
        ("6+ years running technical programmes.", 6),
        ("B.Tech; freshers and up to 2 years of experience.", 0),
        # Swedish and Italian
        ("Minst 3 års erfarenhet som Scrum Master.", 3),
        ("Almeno 5 anni di esperienza.", 5),
        # What is "ideal" is preferred: the minimum stated beside it is what is asked.
        ("Minimum 5-7 years as a Project Manager. Ideal 8-10 years' experience in IT.", 5),
        # A range whose dash a page's encoding lost
        ("2 5 years of combined experience in L2 support.", 2),
        # The work the years were spent on, without the word "experience"
        ("Bachelor's degree and 5 years of construction or facilities project management.", 5),
        ("6 years managing software delivery.", 6),
        ("4+ years of marketing operations or program management experience.", 4),
    ],
)
def test_years_asked_as_written(text: str, years: int) -> None:
    assert facts(text).years_min == years


# --- matcher 0.15 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        # Offered both, the hire may pick home: remote.
        ("Remote anywhere in EMEA, or hybrid from our Amsterdam office if you prefer.", "remote"),
        ("Work from any of our hubs hybrid or remotely across Europe.", "remote"),
        ("Remote in der gesamten EU oder hybrid in Hamburg.", "remote"),
        ("This role is not remote or hybrid: you work from our plant.", "onsite"),
        # Office days however counted, in other languages too.
        ("You work from the Pune office on three anchor days a week.", "hybrid"),
        ("Esquema híbrido 3x2 (3 días en oficina, 2 desde casa).", "hybrid"),
        ("Télétravail : 2 jours par semaine.", "hybrid"),
        ("Hybride : trois jours par semaine dans nos bureaux du Sentier.", "hybrid"),
        ("Hybride: drie dagen per week op ons kantoor in de Waalhaven.", "hybrid"),
        ("Vier dagen per week op kantoor.", "hybrid"),
        # the office or its place named before or after the days
        ("Spinningfields office three days a week.", "hybrid"),
        ("Three days a week in Shoreditch.", "hybrid"),
        ("Hybrid: our Manchester office is a hub; this role is in two days a week.", "hybrid"),
        ("Work arrangement: three days a week at the Devanahalli site.", "hybrid"),
        # office days named one by one; a range of them is the whole week
        ("Denver office (LoHi), in person on Tuesdays and Wednesdays.", "hybrid"),
        ("In office Monday through Friday.", "onsite"),
        # a relocation offered from anywhere is no remote work
        (
            "A resident role at our site offices. Relocation package from anywhere in the world.",
            "onsite",
        ),
        ("Remote-friendly, but the team works in the office every Tuesday.", "hybrid"),
        ("Location: Marietta operations center, on-site Monday-Friday.", "onsite"),
        ("We work five days a week in rotational shifts.", "onsite"),
        # German home-office days and mobile work; days a week from home
        (
            "Mobiles Arbeiten bis zu 60 % – den Rest der Woche im Office am Gendarmenmarkt.",
            "hybrid",
        ),
        ("Vollzeit, Homeoffice an 2 Tagen pro Woche, Büro München.", "hybrid"),
        ("2 Tage Homeoffice pro Woche, die übrigen Tage im Büro.", "hybrid"),
        ("We practise flexible working: 2 days per week from home.", "hybrid"),
        # French boards' hybrid; a federal posting's "Remote job: No" answer
        ("Mode hybride : 3 jours au bureau de Montréal.", "hybrid"),
        ("Remote job: No  Telework eligible: No  Travel Required: Not required", "onsite"),
        # USAJOBS' telework: some days at home, so hybrid
        ("Remote job: No  Telework eligible: Yes - as determined by agency policy", "hybrid"),
        # the office named just before the days
        (
            "Based in our Sheffield office; we expect you to work there at least three days a week.",
            "hybrid",
        ),
        # The office may be named between "our" and "office".
        ("Flex policy: at least two days a week in our Bengaluru (Tech Park) office.", "hybrid"),
        # A hybrid event is no hybrid work.
        ("Run on-site crews and hybrid-event streaming partners for our conferences.", "onsite"),
        # All three modes named together describe the workforce, not this job.
        (
            "The number of hybrid, office-based, and remote workers will vary from team to team.",
            "onsite",
        ),
        # Hybrid in some cities or remote: the hire picks.
        ("Available Locations: Hybrid - Austin, Champaign, Washington DC or Remote - US", "remote"),
        # Full work from home is no flexibility beside an office.
        ("We offer 100% Work from Home flexibility for all our employees.", "remote"),
        # Remote places and other people's remote work are not this job's mode.
        ("On-site daily. Experience managing projects in remote or rural locations.", "onsite"),
        ("Lead IT support across our NYC and SLC offices and remote teams.", "onsite"),
        ("Lead Scrum ceremonies; experience with hybrid execution models.", "onsite"),
    ],
)
def test_work_mode_when_the_hire_chooses_or_counts_days(text: str, mode: str) -> None:
    assert facts(f"{BOILER}\n{text}", location="Somewhere", remote=None).work_mode == mode


def test_a_us_city_and_state_with_a_zip_code_is_in_the_us() -> None:
    assert parse_location("Macon, GA 31201") == (None, "US")


@pytest.mark.parametrize(
    ("location", "place"),
    [
        # A city's short name in a state's place is the state: Louisiana, not Los Angeles.
        ("Shreveport, LA", (None, "US")),
        ("LA (Hybrid)", ("Los Angeles", "US")),
        # Countries by name, as boards write them
        ("Türkiye", (None, "TR")),
        ("Remote - Czech Republic", (None, "CZ")),
        ("Greece", (None, "GR")),
    ],
)
def test_places_as_boards_write_them(location: str, place: tuple[str | None, str | None]) -> None:
    assert parse_location(location) == place


def test_countries_a_remote_employer_cannot_hire_in_are_no_scope() -> None:
    text = "Remote. We are currently unable to hire in India, China or Russia."
    found = facts(f"{BOILER}\n{text}", location="Remote (Worldwide)", remote=True)
    assert (found.country, found.remote_scope) == (None, ())


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Our hiring process: 1) A call. 2) An interview with the hiring manager.", None),
        ("3 a 5 anos de experiência em gestão de projetos.", 3),
        ("De 2 a 4 años de experiencia.", 2),
        ("8-10 saal ka total experience chahiye.", 8),
        ("5 ans d'expérience en gestion de projet.", 5),
    ],
)
def test_years_in_other_languages_and_not_in_numbered_lists(text: str, years: int | None) -> None:
    assert facts(text).years_min == years


@pytest.mark.parametrize(
    ("title", "role", "seniority"),
    [
        ("Gestor(a) de Projetos DevOps", "devops_project_manager", None),
        ("Chef de projet technique DevOps (H/F)", "devops_project_manager", None),
        ("Analista de PMO Pleno", "technical_project_assistant", "mid"),
        ("Coordenador de Projetos Sênior", "technical_project_assistant", "senior"),
        # Selling to projects is sales.
        ("Project Coordinator - Inside Sales", "other", None),
        # An IT department's cloud migration is an IT project; a cloud platform's
        # programme a technical programme.
        ("IT-Projektmanager Cloud-Migration (m/w/d)", "it_project_manager", None),
        ("Programme Manager – Cloud Platform", "technical_program_manager", None),
        ("Project Manager – Cloud Migration", "devops_project_manager", None),
    ],
)
def test_role_and_level_of_titles_in_many_shapes(
    title: str, role: str, seniority: str | None
) -> None:
    found = facts(BOILER, title=title)
    assert found.role_variant == role
    if seniority:
        assert found.seniority == seniority


# --- matcher 0.16: places the table does not know ------------------------------------------


@pytest.mark.parametrize(
    ("location", "place"),
    [
        # A town not in the place table is a place all the same.
        ("Tyler, TX 75701", ("Tyler", "US")),
        ("Wallingford, Connecticut", ("Wallingford", "US")),
        ("Vejle, Denmark", ("Vejle", "DK")),
        ("Lubbock", ("Lubbock", None)),
        # Known places and aliases as before.
        ("Pimpri-Chinchwad", ("Pune", "IN")),
        ("Greater Hyderabad Area", ("Hyderabad", "IN")),
        # Not a town: a work mode, a list of countries, a region, nothing.
        ("Remote", (None, None)),
        ("Online (India)", (None, "IN")),
        ("Multiple Locations", (None, None)),
        ("Greater Tyler Area", (None, None)),
        ("EMEA", (None, None)),
        ("Albania,Andorra,Austria,Belgium,Croatia", (None, "AT")),
    ],
)
def test_a_place_is_read_even_when_the_table_lacks_it(
    location: str, place: tuple[str | None, str | None]
) -> None:
    assert parse_place(location) == place


def _location_note(profile_place: str, location: str) -> str:
    profile = Profile(
        name="Test",
        target_roles=["IT Project Manager"],
        years_experience=5,
        locations=[profile_place],
        remote_ok=True,
        min_salary=MinSalary(amount=100000, currency="USD", period="year"),
    )
    context = scoring_context(
        profile, weights=DEFAULT_WEIGHTS, rates_to_usd=DEFAULT_RATES_TO_USD, now=None
    )
    found = facts(f"{BOILER}\nHybrid: three days a week in the office.", location=location)
    match = score_listing(
        found, profile, title="IT Project Manager", text="", posted_at=None, context=context
    )
    return next(c for c in match.components if c.name == "location").notes[0]


def test_a_profile_in_a_city_the_table_lacks_matches_listings_there() -> None:
    assert _location_note("Tyler", "Tyler, TX 75701") == "hybrid in Tyler, your city"
    assert _location_note("Tyler", "Plano, TX") == "hybrid in Dallas: relocation"
    assert _location_note("Tyler", "Sometown") == "hybrid in Sometown: country unclear"


# --- the place table: a metro's commuting towns, ambiguous names --------------------------


def test_a_town_of_the_profiles_metro_is_its_city() -> None:
    for location in ("Dallas, TX 75201", "Irving, TX 75039", "Plano, Texas", "Fort Worth, TX"):
        assert _location_note("Dallas", location) == "hybrid in Dallas, your city"
    assert _location_note("Dallas", "Austin, TX") == "hybrid in Austin: relocation"


@pytest.mark.parametrize(
    ("location", "place"),
    [
        # Suburbs and districts read as their metro's city.
        ("Irving, TX 75039", ("Dallas", "US")),
        ("Dallas-Fort Worth Metroplex", ("Dallas", "US")),
        ("Reston, VA", ("Washington", "US")),
        ("Alpharetta, Georgia", ("Atlanta", "US")),
        ("Salt Lake Sector V, Kolkata", ("Kolkata", "IN")),
        ("Nanakramguda, Hyderabad", ("Hyderabad", "IN")),
        ("Warszawa, Polska", ("Warsaw", "PL")),
        ("Genève", ("Geneva", "CH")),
        # A name two places share is read with its state or country, and only so.
        ("Cambridge, MA", ("Boston", "US")),
        ("Cambridge, UK", ("Cambridge", "GB")),
        ("Arlington, VA", ("Washington", "US")),
        ("Arlington, TX", ("Dallas", "US")),
        ("Portland, OR", ("Portland", "US")),
        ("Portland, ME", ("Portland, Maine", "US")),
        ("Dublin, CA", ("San Francisco", "US")),
        ("Dublin, Ireland", ("Dublin", "IE")),
        ("Vancouver, WA", ("Portland", "US")),
        ("Spokane, Washington", ("Spokane", "US")),  # no longer Washington, DC
        ("Salt Lake City, UT", ("Salt Lake City", "US")),
        ("Salt Lake City, Kolkata", ("Kolkata", "IN")),
        # Alone such a name is a town the table does not place.
        ("Cambridge", ("Cambridge", None)),
        ("Portland", ("Portland", None)),
    ],
)
def test_the_place_table_reads_metros_and_ambiguous_names(
    location: str, place: tuple[str | None, str | None]
) -> None:
    assert parse_place(location) == place


@pytest.mark.parametrize(
    "text",
    [
        "Oferecemos plano de saúde e plano de carreira.",  # Portuguese "plan", not Plano, TX
        "Basel III and liquidity reporting experience.",  # the banking rules, not Basel
        "Nice to have: Kubernetes. Contact Charlotte or Irving in HR.",
        "Mit dem Zug erreichbar; Essen und Getränke inklusive.",
    ],
)
def test_a_word_or_name_in_the_text_is_no_city(text: str) -> None:
    found = facts(f"{BOILER}\n{text}", location="", remote=False)
    assert found.city is None


@pytest.mark.parametrize(
    ("title", "role", "seniority"),
    [
        # A grade, then its field: the field names the job, the grade the level.
        ("Associate – Project Coordination (Remote)", "technical_project_assistant", "junior"),
        ("Senior Associate - PMO", "technical_project_assistant", "junior"),
        ("Analyst, PMO", "technical_project_assistant", None),
        # An analyst of something else who sits in the PMO is that analyst.
        ("Data Analyst – PMO (R-25066)", "other", None),
        ("Associate Director, PMO", "technical_program_manager", "principal"),
        # a consultancy's grade, its practice, then the PMO
        (
            "Consultant - Technology Consulting - PMO (Government)",
            "technical_project_assistant",
            None,
        ),
        ("Consultant - SAP FICO", "other", None),
    ],
)
def test_grade_titles_with_a_field(title: str, role: str, seniority: str | None) -> None:
    found = facts(BOILER, title=title)
    assert found.role_variant == role
    if seniority:
        assert found.seniority == seniority


# --- matcher 0.75 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "place"),
    [
        # Japanese boards write places in Japanese, without spaces between words
        ("東京都渋谷区", ("Tokyo", "JP")),
        ("東京都 品川区", ("Tokyo", "JP")),
        ("京都市左京区", ("Kyoto", "JP")),
        ("Nagoya, Aichi", ("Nagoya", "JP")),
        # Vietnamese with its diacritics, a New Zealand suburb, a Chinese city
        ("Hồ Chí Minh", ("Ho Chi Minh City", "VN")),
        ("Thu Duc City, Ho Chi Minh", ("Ho Chi Minh City", "VN")),
        ("Te Aro, Wellington", ("Wellington", "NZ")),
        ("Suzhou, Jiangsu, China", ("Suzhou", "CN")),
    ],
)
def test_places_as_east_asian_and_oceanian_boards_write_them(
    location: str, place: tuple[str, str]
) -> None:
    assert parse_location(location) == place


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # Japanese: "N years or more of experience", the larger of a total and its part
        ("・システム開発経験3年以上（うちPL／PM経験1年以上）", 3),
        ("・3年以上の実務経験", 3),
        # Vietnamese: "at least N years of experience"; "hằng năm" (every year) is no experience
        ("- Có ít nhất 2 năm kinh nghiệm ở vị trí Scrum Master. Khám sức khỏe hằng năm.", 2),
        # "residential" is no residency; a vetting's look-back is no experience
        ("- 5+ years of residential construction project management", 5),
        ("Vetting requires at least 10 years of checkable background. 5+ years of IT PM.", 5),
    ],
)
def test_years_in_japanese_and_vietnamese_and_what_is_no_experience(text: str, years: int) -> None:
    assert facts(text).years_min == years


@pytest.mark.parametrize(
    ("text", "country", "scope", "excluded"),
    [
        # a region written out, and one named by its time zone
        ("Work from anywhere in North, Central or South America.", None, ("Americas",), ()),
        ("Requirements: Living in European Timezone.", None, ("Europe",), ()),
        # where the hire must not live
        ("This posting is for international, so you should live outside the United States.",
         None, (), ("US",)),
        # no visa sponsorship beside US employment law: a US payroll
        ("This position is not eligible for visa sponsorship. Protected under federal, state, "
         "or local law.", "US", (), ()),
    ],
)  # fmt: skip
def test_where_a_remote_job_is_open_as_its_text_says(
    text: str, country: str | None, scope: tuple[str, ...], excluded: tuple[str, ...]
) -> None:
    found = extract_facts(
        title="Project Manager", description=text, location="Remote job", remote=True
    )
    assert (found.country, found.remote_scope, found.remote_excluded) == (country, scope, excluded)


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        (
            "The ability to keep work hours that mostly overlap with 9a-5p Eastern, M-F.",
            (14.0, 22.0),
        ),
        ("Core hours 9a-5p ET.", (14.0, 22.0)),
        ("At least 3 hours of overlap with 9am-5pm Eastern.", ()),
        ("You must work our full US Eastern business day, 9:00 AM to 5:30 PM ET.", (14.0, 22.5)),
        # a shift called a night shift is one where the hire lives, whatever zone it names
        ("Schedule: Night shift, 10:00 PM - 7:00 AM (US Eastern hours).", ()),
        # the hours one must work, said as a duty
        ("You must work 9am-5pm Pacific Time.", (17.0, 1.0)),
    ],
)
def test_working_hours_written_short_and_mostly_overlapping(
    text: str, hours: tuple[float, ...]
) -> None:
    assert facts(text).hours_utc == hours


@pytest.mark.parametrize(
    ("title", "text", "employment"),
    [
        # a product's contracts, a negated contract, an agency's time-limited placement
        (
            "Scrum Master (Contract Lifecycle Management)",
            "We make contract lifecycle software.",
            None,
        ),
        (
            "Senior Scrum Master",
            "This is a permanent, full-time position — not a contract role.",
            "permanent",
        ),
        ("Agile Scrum Master", "A 9-month assignment through our payroll (W2 hourly).", "contract"),
        ("Scrum Master - Direct Hire - Phoenix, AZ", "A direct hire with our client.", "permanent"),
        # the contracts the work deals in, not the hire's
        ("IT Project Manager", "You negotiate fixed-term contracts with cloud vendors.", None),
        ("IT Project Manager", "This is a 12-month fixed-term contract.", "contract"),
    ],
)
def test_terms_of_employment_as_staffing_postings_write_them(
    title: str, text: str, employment: str | None
) -> None:
    assert facts(text, title=title).employment == employment


def test_direct_hire_is_no_director() -> None:
    assert (
        facts("4+ years as a Scrum Master.", title="Scrum Master - Direct Hire").seniority == "mid"
    )
