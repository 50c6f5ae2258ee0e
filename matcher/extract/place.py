"""Where a job is: the city and country of an on-site or hybrid job, and for a remote one
the country or regions it is open to. Place names are data in taxonomy/cities.toml."""

from __future__ import annotations

import functools
import re
from typing import Any

from matcher.conditions import negated
from matcher.extract.patterns import Anchored, alternation, anchored, any_of
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE
from matcher.regions import canonical_region, covers
from matcher.taxonomy_data import taxonomy

# "Anywhere in the world" where one works or lives ("a product used anywhere in the world"
# says nothing of the hiring).
# People hired "from all over the world", not users or customers ("teachers from all over
# the world have joined our platform").
_WORLD = (
    r"\b(?:work|working|live|living|based|located|hire|hiring|remote|remotely|location|"
    r"(?:candidates|applicants|people|talent|colleagues|teammates|team members)\s+from)"
    r"\W+(?:\w+\W+){0,2}?(?:anywhere in|all over) the world"
)
# An employer of record's reach: "Payroll and Benefits in 150+ Countries", "we hire in
# over 100 countries" (not "offices in 12 countries": where the company is).
_GLOBAL_PAYROLL = (
    r"\b(?:payroll|hire|hiring|employ)\b[^.\n]{0,30}?\b(?:in|across)\s+(?:over\s+|more than\s+)?"
    r"[1-9]\d{1,2}\+?\s+countries"
)
_ANYWHERE = anchored(
    _WORLD + "|" + _GLOBAL_PAYROLL + r"|work from anywhere|from any country|from anywhere\b|"
    r"remote[\s,-]+worldwide|worldwide[\s,-]+remote",
    NOCASE,
)
_US_PAYROLL = anchored(
    r"\b401\s?\(?k\)?|\bequal (?:employment )?opportunity employer\b|\bE-?Verify\b|"
    r"\bauthori[sz]ed to work in the (?:US|U\.S\.|United States)\b|"
    r"\b(?:in|across) the (?:US|U\.S\.|United States)\b|\bUS-based\b|\bU\.S\.-based\b|"
    # the US equal-opportunity formula: "protected under federal, state, or local law"
    r"\bfederal,?\s+state,?\s+(?:or|and)\s+local\s+laws?\b",
    NOCASE,
)
# A job that sponsors no visa: with US employment law beside it and no pay to go by, a US
# payroll ("This position is not eligible for visa sponsorship").
_NO_VISA = anchored(
    r"\b(?:not\s+(?:be\s+)?eligible\s+for|no|cannot|can't|unable\s+to|will\s+not|won't|do\s+not|"
    r"does\s+not)\s+(?:\w+\s+){0,2}?(?:visa\s+)?sponsor\w*",
    NOCASE,
)
# A bare "anywhere" or "worldwide" ("employees worldwide") says less than the one country
# a remote job's location names.
_ANYWHERE_LOOSE = anchored(r"anywhere\b(?!\s+in\b)|worldwide", NOCASE)
# A region opened to each of its countries ("from any EU country", "in any of these
# countries"): the city a listing names is then only where its office is.
# Looked for only there, in the plain way: registered, "any" would be found in every text.
_ANY_COUNTRY = re.compile(r"\bany\s+(?:[\w-]+\s+){0,2}?countr(?:y|ies)\b", re.IGNORECASE)
# What overrides a board's location naming one country: the world said outright. "Work from
# anywhere" is as often a perk (a few weeks a year, the benefits list) as a hiring scope.
_WORLDWIDE = anchored(
    _WORLD
    + "|"
    + _GLOBAL_PAYROLL
    + r"|from any country|remote[\s,-]+worldwide|worldwide[\s,-]+remote",
    NOCASE,
)


def _alias_pattern(alias: str, *, city: bool = False) -> str:
    escaped = re.escape(alias)
    if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 3:
        # A city's short name after a comma is a state's code there: "Shreveport, LA".
        after_comma = r"(?<!,\s)(?<!,)" if city else ""
        return rf"(?-i:(?<![\w.]){after_comma}{escaped}(?![\w]))"
    if _UNSPACED.search(alias):  # written without spaces between words: found inside
        return escaped
    return rf"(?<!\w){escaped}(?!\w)"


# Scripts written without spaces between words (Chinese, Japanese kana, Korean Hangul).
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _alias_parts(
    aliases: dict[str, list[str]], *, city: bool = False
) -> tuple[list[str], dict[str, str]]:
    """A pattern for every alias (longest first) and a lookup from lowered alias to key."""
    lookup: dict[str, str] = {}
    for key, names in aliases.items():
        for name in names:
            lookup.setdefault(name.lower(), key)
    ordered = sorted(lookup, key=len, reverse=True)
    originals = {n.lower(): n for names in aliases.values() for n in names}
    return [_alias_pattern(originals[a], city=city) for a in ordered], lookup


def _alias_regex(aliases: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias, for short strings, and the lookup."""
    parts, lookup = _alias_parts(aliases)
    return any_of(parts), lookup


@functools.cache
def place_names() -> dict[str, Any]:
    data = taxonomy("cities")
    # A city's name is one of its aliases, unless the name alone is another place too
    # (`name_alone = false`: "Portland" is in Oregon and in Maine).
    cities = {
        name: ([name] if spec.get("name_alone", True) else []) + spec.get("aliases", [])
        for name, spec in data["cities"].items()
    }
    city_parts, city_lookup = _alias_parts(cities, city=True)
    city_any = alternation(city_parts)  # also searched in whole descriptions
    country_re, country_lookup = _alias_regex(data["countries"])
    state_re, state_lookup = _alias_regex(data["states"])
    regions = data["regions"]
    return {
        "city_any": city_any,
        "city_lookup": city_lookup,
        "city_country": {name: spec["country"] for name, spec in data["cities"].items()},
        "country_re": country_re,
        "country_lookup": country_lookup,
        "state_re": state_re,
        "state_lookup": state_lookup,
        "state_codes": {c: k for k, codes in data["state_codes"].items() for c in codes},
        "indian_codes": frozenset(data["state_codes"]["IN"])
        | frozenset(data["state_codes_before_country"]["IN"]),
        "anywhere_re": any_of(_alias_pattern(a) for a in regions["anywhere"]),
        # (not the end of a country's name: "South Africa" is no region of Africa)
        "multi_re": any_of(
            rf"(?<!south\s)(?<!south-){_alias_pattern(a)}" for a in regions["multi"]
        ),
    }


# Place strings repeat (a board's locations, the same few places in many texts), and each
# is read with a few hundred place names: the answers are cached per string.


@functools.lru_cache(maxsize=8192)
def countries_in(text: str) -> tuple[str, ...]:
    """The ISO codes of the countries named in `text`, in order."""
    return _countries_in(text)


def _countries_in(text: str) -> tuple[str, ...]:
    places = place_names()
    return tuple(
        places["country_lookup"][m.group(0).lower()] for m in places["country_re"].finditer(text)
    )


def parse_location(text: str) -> tuple[str | None, str | None]:
    """(canonical city, ISO country) named in a location string, else None for each."""
    return _parse_location(text[:2000])


# iCIMS's and Taleo's "US-AZ-Phoenix", "CA-ON-Ottawa": country, state, then the city, which
# may need its state to be known ("Phoenix" alone is several places).
_COUNTRY_STATE_CITY = re.compile(
    r"(?P<country>[A-Z]{2})-(?P<state>[A-Z]{2,3})-(?P<city>[^\W\d][^,;|()]*)"
)


@functools.lru_cache(maxsize=8192)
def _parse_location(text: str) -> tuple[str | None, str | None]:
    places = place_names()
    coded = _COUNTRY_STATE_CITY.fullmatch(text.strip())
    if coded:
        city, country = _parse_location(f"{coded['city'].strip()}, {coded['state']}")
        if city is not None:
            return city, country
    city_match = Scan(text).search(places["city_any"])
    city = places["city_lookup"][city_match.group(0).lower()] if city_match else None
    if city is not None:
        country = places["city_country"][city]
        if (
            country != "US"
            and city_match is not None
            and _in_a_us_state(text, city_match.end(), country)
        ):
            return city_match.group(0), "US"  # "Melbourne, FL", "Paris, TX": their namesakes
        return city, country
    countries = _countries_in(text)
    if countries:
        return None, countries[0]
    state = places["state_re"].search(text)
    if state:
        return None, places["state_lookup"][state.group(0).lower()]
    # "KA, IN": an Indian state code then IN is India (not Indiana), as Indian boards write.
    indian = re.search(r"\b([A-Z]{2}),\s*IN\s*$", text)
    if indian and indian.group(1) in places["indian_codes"]:
        return None, "IN"
    if _AU_STATE.search(text):  # "Bundoora VIC", "Docklands VIC 3008", "Perth WA 6000"
        return None, "AU"
    code = re.search(r",\s*([A-Z]{2,3})(?:\s+\d{5}(?:-\d{4})?)?\s*$", text)  # a ZIP code may follow
    if code:
        return None, places["state_codes"].get(code.group(1))
    if _UK_POSTCODE.search(text):  # "Newport NP20", "Birmingham B3", "Leeds LS1 4AP"
        return None, "GB"
    return None, None


# A town and its UK postcode district (or whole postcode) ending the location; Canada's
# letter-digit-letter districts ("Toronto, ON M5H") come with a province and a known city.
_UK_POSTCODE = re.compile(r"^[A-Z][a-zA-Z' -]+\s+[A-Z]{1,2}\d{1,2}[A-Z]?(?:\s+\d[A-Z]{2})?\s*$")


# A US state after a city known abroad: "Melbourne, FL", "Paris, Texas 75460", "Cambridge,
# MA, USA". ("Perth, WA" is Western Australia's: a code that is also a state of the city's
# own country stays there.)
_STATE_AFTER = re.compile(
    r"\s*,\s*(?P<s>[A-Z]{2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:\s+\d{5}(?:-\d{4})?)?"
    r"\s*(?:,\s*(?:US|USA|United States(?: of America)?))?\s*$"
)
_ALSO_ABROAD = {"AU": frozenset({"WA", "SA", "NT"})}


def _in_a_us_state(text: str, end: int, country: str) -> bool:
    after = _STATE_AFTER.match(text, end)
    if after is None:
        return False
    places = place_names()
    said = after.group("s")
    if said == country:  # "Oakville, ON, CA": Canada's code, not California's
        return False
    if len(said) == 2:
        code: str | None = places["state_codes"].get(said)
        return code == "US" and said not in _ALSO_ABROAD.get(country, frozenset())
    named: str | None = places["state_lookup"].get(said.lower())
    return named == "US"


# An Australian suburb and its state, as SEEK writes it: the unambiguous codes alone, the
# others ("WA", "SA", "NT": also US states or other words) only with a four-digit postcode.
_AU_STATE = re.compile(r"\b(?:(?:VIC|NSW|QLD|TAS|ACT)(?:\s+\d{4})?|(?:WA|SA|NT)\s+\d{4})\s*$")


# A place not in the table is a place all the same: "Dallas, TX" is in Dallas. The first
# part of a location, when it is one to three capitalised words naming no country, state,
# region or work mode, is taken as the city's name as written.
_CITY_SHAPE = re.compile(r"[A-Z][a-zA-Z.'’-]*(?: [A-Z][a-zA-Z.'’-]*){0,2}")
_NOT_A_CITY = frozenset({
    "remote", "hybrid", "onsite", "on-site", "office", "offices", "anywhere", "worldwide",
    "global", "multiple", "various", "locations", "location", "home", "work", "wfh",
    "flexible", "field", "nationwide", "virtual", "tbd", "unknown", "other", "online",
    "remoto", "remota", "teletrabajo", "télétravail", "homeoffice", "headquarters", "hq",
    "region", "area", "metro", "metropolitan", "metroplex", "greater", "county", "state",
    "district",
})  # fmt: skip


def parse_place(text: str) -> tuple[str | None, str | None]:
    """parse_location, and for a city not in the table its name as the location writes it
    ("Plano, TX" -> ("Plano", "US")): what a listing's or a profile's place is compared by."""
    city, country = parse_location(text)
    if city is not None:
        return city, country
    return _unknown_city(text[:200]), country


@functools.lru_cache(maxsize=8192)
def _unknown_city(text: str) -> str | None:
    if text.count(",") > 3:  # a list of places, not one
        return None
    first = text.split(",")[0].split("(")[0].strip()
    if not _CITY_SHAPE.fullmatch(first):
        return None
    if any(word.lower() in _NOT_A_CITY for word in first.split()):
        return None
    places = place_names()
    if _countries_in(first) or places["state_re"].search(first) or places["multi_re"].search(first):
        return None
    if places["anywhere_re"].search(first) or len(first) < 3:
        return None
    return first


@functools.cache
def _restriction_res() -> tuple[tuple[Anchored, bool], ...]:
    """Phrases that tie a remote job to one place (group `p` holds the place words), each
    with whether it may name a single country."""
    # (each of a list may take "the": "based in India or the Philippines")
    place = r"(?P<p>(?:the\s+)?[A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,3}(?:\s*(?:/|\||or|and|&|,)\s*(?:the\s+)?[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)*)"
    triggers = (
        r"remote|work from home|wfh|work from anywhere|anywhere|based|located|living|live|"
        r"reside|residing|resident|authori[sz]ed to work|eligible to work|right to work|"
        r"candidates|applicants|hire|hiring|open to candidates(?: \w+)?|remotely|work|be"
    )
    return (
        (
            anchored(
                rf"(?i:\b(?:{triggers}))\s+(?i:only\s+)?(?i:in|within|from|across)\s+(?i:any\s+)?{place}"
            ),
            True,
        ),
        # "overlap with one of the Americas time zones": the hours name a region; a single
        # country's zone is only the team's hours, no restriction.
        (
            anchored(
                rf"(?i:\boverlap with\s+(?:one of\s+)?)(?:the\s+)?{place}\s*(?i:time\s*zones?)"
            ),
            False,
        ),
        (anchored(rf"(?i:\b(?:remote|work from home|wfh))\s*(?:[-–—,:(/|]\s*)+{place}"), True),
        (anchored(rf"{place}[\s-]+(?i:only\b)"), True),
        # "you must be UK-based", "should be US-based": where the hire must live
        (
            anchored(
                rf"(?i:\b(?:must|should|need to|needs to|have to|has to)\s+be\s+){place}-(?i:based\b)"
            ),
            True,
        ),
    )


# (found a restriction, its one country, else the regions and countries it is open to)
_Restriction = tuple[bool, str | None, tuple[str, ...]]


# "Retirement [USA Only]": a benefit limited to one country, not the job.
_BENEFIT_BEFORE = re.compile(
    r"\b(?:retirement|401\s?\(?k\)?|pension|insurance|medical|dental|vision|health\w*|"
    r"benefits?|stipend|equity|bonus|leave|pto)\W{0,3}$",
    re.IGNORECASE,
)


# "We are currently unable to hire in India, China or Russia": where the job is not open.
_TEAM_BEFORE = re.compile(
    r"\b(?:our|the)\s+(?:\w+\s+){0,2}(?:team|teams|people|engineers|staff|employees)\b"
    r"[^.;\n]{0,30}$",
    re.IGNORECASE,
)
_REFUSED_BEFORE = re.compile(
    r"\b(?:unable to|cannot|can't|can not|not able to|(?:do|does|will|are|is) not|don't|"
    r"doesn't|won't|not)\s+(?:currently\s+|yet\s+)?$",
    re.IGNORECASE,
)


def _restricted_country(scan: Scan) -> _Restriction:
    places = place_names()
    text = scan.text
    for pattern, one_country in _restriction_res():
        for m in scan.finditer(pattern):
            before = text[max(0, m.start() - 30) : m.start()]
            if _BENEFIT_BEFORE.search(before) or _REFUSED_BEFORE.search(before):
                continue
            # where the company's people already work, not where this hire may:
            # "Our tech team of 90 people works remotely from Egypt, Jordan and the UAE"
            if _TEAM_BEFORE.search(text, max(0, m.start() - 60), m.start()):
                continue
            zones = _zones_to_live_in(m.group("p"), text, m.end())
            if zones:
                return True, None, zones
            # ("Remote – India – UK Hours": the hours are the team's, not a second place)
            # (and a sentence ends the place: "Remote within India. UK shift: …")
            words = _COUNTRY_HOURS.sub(" ", _SENTENCE_END.split(m.group("p"), maxsplit=1)[0])
            countries = set(_countries_in(words))
            city = None if countries else Scan(words).search(places["city_any"])
            if city:
                countries.add(places["city_country"][places["city_lookup"][city.group(0).lower()]])
            if places["multi_re"].search(words) or len(countries) > 1:
                return True, None, _scope(words, countries)
            if countries and one_country:
                if _HOURS_AFTER.match(text, m.end()):
                    continue  # "Remote (US time zones)": the team's hours, not where one lives
                return True, countries.pop(), ()
    return False, None, ()


_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s")
_ALTERNATIVES = re.compile(r"\s*(?:/|\||\bor\b|&|,)\s*")


def _zones_to_live_in(place: str, text: str, end: int) -> tuple[str, ...]:
    """The regions of a choice of time zones one may live in ("anywhere in US or European
    time zones", "Remote (Africa / Europe time zones)"); () when the words name one zone
    (the team's hours: "Remote (US time zones)") or a part is no known place."""
    if not _HOURS_AFTER.match(text, end):
        return ()
    parts = [p for p in _ALTERNATIVES.split(place.strip()) if p]
    if len(parts) < 2:
        return ()
    found: set[str] = set()
    for part in parts:
        region = canonical_region(f"{part} time zones") or canonical_region(part)
        countries = _countries_in(part)
        if region is None and len(countries) != 1:
            return ()
        found.add(region or countries[0])
    return tuple(sorted(found))


_COUNTRY_HOURS = re.compile(
    r"\b(?:US|UK|EU|USA|EST|PST|CET|GMT|IST|AEST)\s+(?:time\s*zones?|timezones?|business\s+hours|"
    r"working\s+hours|office\s+hours|hours|shifts?)\b"
)
_HOURS_AFTER = re.compile(
    r"\s*(?:time\s*zones?|timezones?|(?:eastern|central|pacific|mountain)?\s*(?:business\s+|"
    r"working\s+|office\s+)?hours)\b",
    re.IGNORECASE,
)


def _scope(words: str, countries: set[str]) -> tuple[str, ...]:
    """Where a multi-country remote job is open: its known regions and countries; empty
    when any of its words is a region without country data (then it restricts nothing)."""
    regions = [canonical_region(m.group(0)) for m in place_names()["multi_re"].finditer(words)]
    if None in regions:
        return ()
    named = [r for r in regions if r]
    # A country inside a region named with it adds nothing ("South America" is America too).
    alone = {c for c in countries if not any(covers((r,), c) for r in named)}
    return tuple(sorted({*named, *alone}))


def remote_country(
    location: str, scan: Scan, currency: str | None, company: str = ""
) -> tuple[str | None, tuple[str, ...]]:
    """(the one country a remote job is open to, else the regions it is open to, if any),
    from its location and the title and text `scan` holds."""
    found, country, scope = _restricted_country(Scan(location))
    if found:
        if country is None:
            return None, scope
        if scan.search(_WORLDWIDE):  # "Remote, London" hiring from all over the world
            return None, ()
        return _widened(country, scan)
    places = place_names()
    if places["multi_re"].search(location):
        return None, _scope(location, set(_countries_in(location)))
    countries = set(_countries_in(location))
    if len(countries) > 1:  # "Canada, India, Singapore, United States": open to each of them
        return None, tuple(sorted(countries))
    anywhere = places["anywhere_re"].search(location) is not None  # "Worldwide" in the field
    if countries and not (anywhere or scan.search(_WORLDWIDE)):  # the field names the country
        return _widened(countries.pop(), scan)
    _, placed = parse_location(location)
    found, country, scope = _restricted_country(scan)
    if found:
        # "Based in Latin America" on a listing placed in Bogotá: posted for Colombia; not
        # "remote from any EU country" on one placed in Tallinn, its office.
        if (
            country is None
            and placed is not None
            and covers(scope, placed)
            and not _ANY_COUNTRY.search(scan.text)
        ):
            return placed, ()
        return country, scope
    if anywhere or scan.search(_ANYWHERE):
        return None, ()
    if placed:
        return placed, ()
    if scan.search(_ANYWHERE_LOOSE):
        return None, ()
    return payroll_country(scan, currency) or registered_country(company), ()


@functools.cache
def _legal_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = taxonomy("companies")["legal_form_countries"]
    return tuple((any_of(forms), country) for country, forms in table.items())


def registered_country(company: str) -> str | None:
    """The country a company's legal form names ("Acme Software Pvt. Ltd." -> IN)."""
    return next((c for form, c in _legal_forms() if form.search(company[:200])), None)


def _widened(country: str, scan: Scan) -> tuple[str | None, tuple[str, ...]]:
    """A remote job placed in one country, unless its text opens it to a region around it
    ("Remote, New York" that "can be within the Americas region")."""
    found, one, scope = _restricted_country(scan)
    if found and one is None and scope and covers(scope, country):
        return None, scope
    return country, ()


def payroll_country(scan: Scan, currency: str | None) -> str | None:
    """The country whose payroll a listing that names no place pays from: pay in rupees
    means an Indian payroll; pay in dollars beside US employment law (401(k), EEO
    statements, US states) a US payroll."""
    if currency == "INR":
        return "IN"
    us_law = currency in ("USD", None) and scan.search(_US_PAYROLL) is not None
    if us_law and (currency == "USD" or scan.search(_NO_VISA) is not None):
        return "US"
    return None


_LOCATION_LINE = anchored(r"(?:location|based in|office)\s*[:\-–]\s*([^\n]{1,120})", NOCASE)


def onsite_place(
    location: str, scan: Scan, currency: str | None = None, company: str = ""
) -> tuple[str | None, str | None]:
    """(city, country) of an on-site or hybrid job: its location, else a "Location:" line,
    else the first city its text names, else the country its pay comes from, else the one
    its employer's legal form names."""
    if ";" in location and len(_countries_of_parts(location)) > 1:
        return None, None  # "Sao Paulo, Brazil; Mexico City, Mexico": no single country
    city, country = parse_place(location)
    if country:
        return city, country
    # A city the table does not know ("Wallingford") keeps looking for its country.
    line = scan.search(_LOCATION_LINE)
    if line:
        line_city, country = parse_place(line.group(1))
        if country or (line_city and not city):
            return city or line_city, country
    places = place_names()
    m = None if city else scan.search(places["city_any"])
    if m:
        name = places["city_lookup"][m.group(0).lower()]
        return name, places["city_country"][name]
    return city, payroll_country(scan, currency) or registered_country(company)


def _countries_of_parts(location: str) -> set[str]:
    """The countries of a location's places listed with ";" (as a careers API joins them)."""
    return {country for part in location.split(";") if (country := parse_place(part)[1])}


# A move the job requires: "relocation to Pune is mandatory", "must relocate to Austin".
_CITY_WORDS = r"(?P<{name}>[A-Z][\w.-]+(?:[ -][A-Z][\w.-]+){{0,2}})"
_RELOCATION_REQUIRED = anchored(
    rf"(?i:\brelocat(?:ion|ing|e)\s+to\s+(?:our\s+)?){_CITY_WORDS.format(name='c')}"
    r"(?i:\b[^.;\n]{0,40}?\b(?:is\s+|will\s+be\s+)?(?:mandatory|required|compulsory|a must|"
    r"non-negotiable)\b)"
    r"|(?i:\b(?:must|required\s+to|need\s+to|will\s+need\s+to)\s+relocate\s+to\s+)"
    + _CITY_WORDS.format(name="d")
)


_NOT = re.compile(r"\bnot\b|n[’']t\b", re.IGNORECASE)


def relocation_in(scan: Scan) -> str | None:
    """The city a listing says its hire must move to, as the place table names it (or as
    written, for a city it does not know); None when it says none."""
    text = scan.text
    for m in scan.finditer(_RELOCATION_REQUIRED):
        if negated(text, m.start()) or _NOT.search(m.group(0)):
            continue
        city, _ = parse_place(m.group("c") or m.group("d"))
        if city:
            return city
    if scan.search(_TRANSFERS) is not None:
        return TRANSFERS
    return None


# Japanese employers' transfers between offices ("※全国転勤あり", "拠点間の異動あり"): a move the
# hire may be told to make, wherever the job is listed; not "転勤なし" (no transfers).
_TRANSFERS = anchored(
    r"転勤(?:の可能性)?(?:あり|有り|有)|拠点間の異動"
    # ...and in English: "project managers rotate between our Osaka, Tokyo and Fukuoka offices"
    r"|(?i:\brotate\s+between\s+(?:our\s+)?[^.;\n]{0,60}?\boffices\b)"
)
TRANSFERS = "other offices (転勤)"
