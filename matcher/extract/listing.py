"""All the facts of one listing, each family reading the same once-computed text."""

from __future__ import annotations

from functools import partial

from matcher.extract.authorisation import authorisation_in
from matcher.extract.conditions import hours_in, imposed_in, travel_in
from matcher.extract.level import seniority_of, years_in
from matcher.extract.pay_forms import basic_pay_in
from matcher.extract.pay_package import package_in
from matcher.extract.pay_places import pay_for_places
from matcher.extract.place import onsite_place, parse_location, relocation_in, remote_country
from matcher.extract.qualifications import (
    Qualifiers,
    asked_as_plus,
    certification_table,
    degree_in,
    mentions_in,
    methodology_table,
    skill_table,
)
from matcher.extract.remote_limits import (
    remote_excluded_in,
    remote_states_in,
    remote_utc_band_in,
)
from matcher.extract.role import job_title, role_in, title_key
from matcher.extract.salary import (
    in_country_currency,
    in_local_dollars,
    local_dollar,
    local_rupee,
    salary_of,
)
from matcher.extract.scan import Scan
from matcher.extract.terms import employment_in
from matcher.extract.text import Reading
from matcher.extract.title import MAX_TITLE
from matcher.extract.work_mode import mode_in
from matcher.facts import Facts, SalaryRange


def extract_facts(
    *,
    title: str,
    description: str,
    location: str = "",
    salary_text: str | None = None,
    remote: bool | None = None,
    structured_salary: SalaryRange | None = None,
    employment_type: str | None = None,
    company: str = "",
) -> Facts:
    """Everything the matcher needs from one listing, read once at ingest."""
    title = title[:MAX_TITLE]
    location = location[:500]
    reading = Reading(title, description)
    text_scan, titled_scan = reading.text_scan, reading.titled_scan
    in_text = Qualifiers(reading.text_clauses, text_scan)
    years_min, years_max = years_in(text_scan, partial(asked_as_plus, in_text))
    in_titled = Qualifiers(reading.titled_clauses, titled_scan)  # a title's "Scrum" counts
    certs = mentions_in(in_text, certification_table(), strict=True)
    skills = mentions_in(in_titled, skill_table(), strict=False)
    methods = mentions_in(in_titled, methodology_table(), strict=False)
    listed_in = parse_location(location)[1]  # the country the location field names
    rupee = local_rupee(listed_in) if "Rs" in f"{salary_text}{description}" else None
    salary = salary_of(salary_text, text_scan, structured_salary, rupee=rupee)
    if salary is None and "$" in f"{salary_text}{description}":
        # No US dollar amount could be pay ("$1.900.000 mensuales"): a bare "$" is the
        # local peso where the location names such a country.
        dollar = local_dollar(listed_in)
        if dollar:
            salary = salary_of(salary_text, text_scan, structured_salary, dollar)
    if salary is None and salary_text and structured_salary is None:
        salary = in_country_currency(salary_text, listed_in)
    package = None
    if salary is None and not salary_text and structured_salary is None:
        # "Basic QAR 12,000 + housing allowance QAR 4,000 ...": the whole package, known
        salary = package = package_in(text_scan)
    if structured_salary is None and not salary_text:  # a board's own figure is kept
        salary = pay_for_places(text_scan.text, location, salary)
    mode = mode_in(reading.again_scan, location=location, title=title, remote=remote)
    scope: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    currency = salary.currency if salary else None
    if mode == "remote":
        city, _ = parse_location(location)
        # The title too: "Technical Project Manager (Remote, EU)".
        country, scope = remote_country(location, titled_scan, currency, company)
        states = remote_states_in(text_scan)
        if country is None and not scope and states:  # open to some US states only
            country = "US"
    else:
        city, country = onsite_place(location, text_scan, currency, company)
    if structured_salary is None:  # a board's own currency field is taken as given
        salary = in_local_dollars(salary, country, f"{salary_text or ''}\n{text_scan.text}")
    degree_level, degree_fields = degree_in(text_scan)
    named = job_title(title, reading.again_scan)
    variant = role_in(named, reading.again_scan)
    authorisation, no_sponsorship = authorisation_in(text_scan)
    return Facts(
        role_variant=variant,
        title_key=title_key(named, variant),
        seniority=seniority_of(title, years_min),
        years_min=years_min,
        years_max=years_max,
        certifications=certs.names,
        skills=skills.names,
        methodologies=methods.names,
        preferred=tuple(sorted(certs.preferred | skills.preferred | methods.preferred)),
        degree_level=degree_level,
        degree_fields=degree_fields,
        salary=salary,
        work_mode=mode,
        country=country,
        city=city,
        remote_scope=scope,
        remote_states=states,
        remote_excluded=remote_excluded_in(text_scan) if mode == "remote" else (),
        remote_utc=(
            remote_utc_band_in(Scan(location)) or remote_utc_band_in(titled_scan)
            if mode == "remote"
            else ()
        ),
        conditions=imposed_in(titled_scan),
        travel_percent=travel_in(text_scan),
        hours_utc=hours_in(text_scan),
        relocation_to=relocation_in(titled_scan),
        work_authorisation=authorisation,
        no_sponsorship=no_sponsorship,
        employment=employment_in(title, employment_type, text_scan),
        pay_basic=(
            salary is not None
            and package is None
            and structured_salary is None
            and basic_pay_in(text_scan)
        ),
    )
