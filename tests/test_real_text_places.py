"""Work mode, places, remote scope, travel and working hours as company career sites and job boards really write them (issue 18):
each test states one rule a recruiter would recognise, on sentences written for the test."""

from __future__ import annotations

import pytest

from matcher.context import scoring_context
from matcher.extract import extract_facts
from matcher.extract.place import parse_location, parse_place
from matcher.profile import MinSalary, Profile
from matcher.score import DEFAULT_RATES_TO_USD, DEFAULT_WEIGHTS, score_listing
from tests.real_text import BOILER, facts

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
        # Polish boards: "pracę zdalną z terenu Polski" (remote work from anywhere in Poland)
        ("Oferujemy: pracę zdalną z terenu Polski.", False, "remote"),
        # Romanian, Czech, Turkish hybrid work and office or home days
        ("Oferim: program hibrid (2 zile/săptămână la birou).", False, "hybrid"),
        ("Nabízíme: home office 2 dny v týdnu.", False, "hybrid"),
        ("Kancelář v Holešovicích, 2–3 dny z domova.", False, "hybrid"),
        ("Çalışma modeli: Hibrit (haftada 3 gün ofis, 2 gün evden).", False, "hybrid"),
        ("משרה מלאה. מודל היברידי – 3 ימים במשרד ויומיים מהבית.", False, "hybrid"),
        ("Hybridityö: 2–3 päivää viikossa Keilaniemen toimistolla.", False, "hybrid"),
        ("Möjlighet till distansarbete 2 dagar i veckan.", False, "hybrid"),
        ("Tähtajatu tööleping, hübriidtöö (kontor Telliskivis).", False, "hybrid"),
        ("Hibridinį darbą Vilniuje (2 dienos biure).", False, "hybrid"),
        ("주 3일 판교 오피스 출근, 주 2일 재택근무", False, "hybrid"),
        ("Buoni pasto, smart working 2 giorni a settimana.", False, "hybrid"),
        ("Contrato indefinido, 2 días de teletrabajo, oficina en Madrid.", False, "hybrid"),
        ("Teletrabajo 100% desde cualquier punto de España.", False, "remote"),
        ("Υβριδικό μοντέλο εργασίας: 3 ημέρες στο γραφείο.", False, "hybrid"),
        ("勤務地：福岡本社（フルリモート・全国どこでも勤務可）", False, "remote"),
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


@pytest.mark.parametrize(
    ("location", "country"),
    [("Bundoora VIC", "AU"), ("Docklands VIC 3008", "AU"), ("Perth WA 6000", "AU"),
     ("Seattle, WA", "US")],
)  # fmt: skip
def test_an_australian_suburb_and_state_is_in_australia(location: str, country: str) -> None:
    assert parse_location(location)[1] == country


def test_a_countrys_hours_and_the_next_sentence_are_no_second_place() -> None:
    text = f"{BOILER}\nRemote within India. UK shift: 1:00 PM – 10:00 PM IST."
    title = "Project Coordinator (Remote – India) – UK Hours"
    found = facts(text, title=title, location="India", remote=True)
    assert (found.work_mode, found.country, found.remote_scope) == ("remote", "IN", ())


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
        ("Bundoora VIC", ("Melbourne", "AU")),
        ("Parkville, Victoria, Australia", ("Melbourne", "AU")),
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
        ("Hawthorn, Victoria", ("Melbourne", "AU")),
        ("פתח תקווה", ("Tel Aviv", "IL")),
        ("Nugegoda", ("Colombo", "LK")),
        ("부산 해운대구", ("Busan", "KR")),
        ("الرياض، المملكة العربية السعودية", ("Riyadh", "SA")),
        ("عمّان، الأردن", ("Amman", "JO")),
        ("Athens (Marousi)", ("Athens", "GR")),
        ("Songdo, Incheon", ("Incheon", "KR")),
        ("Dhaka (Motijheel)", ("Dhaka", "BD")),
        ("ירושלים", ("Jerusalem", "IL")),
        ("Docklands VIC 3008", ("Melbourne", "AU")),
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
        # ...but its hours in its own clock's zone are kept ("7:00 PM - 4:00 AM IST")
        ("This is a night shift role (7:00 PM - 4:00 AM IST).", (13.5, 22.5)),
        # the hours one must work, said as a duty
        ("You must work 9am-5pm Pacific Time.", (17.0, 1.0)),
    ],
)
def test_working_hours_written_short_and_mostly_overlapping(
    text: str, hours: tuple[float, ...]
) -> None:
    assert facts(text).hours_utc == hours


def test_japanese_transfers_between_offices_are_a_move() -> None:
    said = facts(f"{BOILER}\n※全国転勤あり", title="プロジェクトマネージャー（大阪配属）")
    assert said.relocation_to == "other offices (転勤)"
    assert facts(f"{BOILER}\n転勤なし", title="プロジェクトマネージャー").relocation_to is None
    rotate = (
        "Relocation required: project managers rotate between our Osaka, Tokyo and Fukuoka offices."
    )
    assert facts(f"{BOILER}\n{rotate}").relocation_to == "other offices (転勤)"


def test_where_the_companys_team_works_is_no_limit_on_the_hire() -> None:
    text = f"{BOILER}\nOur tech team of 90 people works remotely from Egypt, Jordan and the UAE."
    found = facts(text, location="Egypt (Remote)", remote=True)
    assert (found.work_mode, found.country) == ("remote", "EG")
