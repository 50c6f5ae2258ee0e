"""What scoring needs to know about a profile, derived once per profile with the extractor."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from matcher.extract import classify_role
from matcher.extract.place import countries_in, parse_place
from matcher.profile import Profile
from matcher.score import ScoringContext, profile_keys
from matcher.taxonomy_data import taxonomy

# Where a profile names no city, its pay currency is the best hint of where the person lives.
_CURRENCY_COUNTRY = {"INR": "IN", "USD": "US", "GBP": "GB", "CAD": "CA", "AUD": "AU", "SGD": "SG"}


def scoring_context(
    profile: Profile,
    *,
    weights: Mapping[str, float],
    rates_to_usd: Mapping[str, float],
    now: datetime | None,
    skill_weights: Mapping[str, float] | None = None,
) -> ScoringContext:
    # A target role the taxonomy does not know reads as "other", the class of everything
    # unknown: it names no variant, or every unknown listing would be a target.
    variants = frozenset(classify_role(role, "") for role in profile.target_roles) - {"other"}
    cities: set[str] = set()
    countries: list[str] = []
    whole: set[str] = set()
    for place in profile.locations:
        city, country = parse_place(place)
        if city:
            cities.add(city)
        if country:
            countries.append(country)
            if not city and _names_a_country(place, country):
                whole.add(country)
    states = _home_states(profile.locations, cities)
    home = countries[0] if countries else None
    if home is None and profile.min_salary is not None:
        home = _CURRENCY_COUNTRY.get(profile.min_salary.currency.upper())
    return ScoringContext(
        weights=dict(weights),
        rates_to_usd=dict(rates_to_usd),
        target_variants=variants,
        home_country=home,
        home_cities=frozenset(cities),
        countries=frozenset(countries) | ({home} if home else set()),
        whole_countries=frozenset(whole),
        home_states=states,
        now=now,
        keys=profile_keys(profile, home),
        skill_weights=dict(skill_weights or {}),
    )


_REMOTE_WORDS = re.compile(r"\bremote\b|\bwfh\b|\banywhere\b|work from home", re.IGNORECASE)


def _names_a_country(place: str, country: str) -> bool:
    """Whether a profile's location names a whole country ("United Kingdom"), not a state
    ("Texas") nor where remote work is done from ("Remote - India")."""
    return country in countries_in(place[:2000]) and not _REMOTE_WORDS.search(place)


def _home_states(locations: Iterable[str], cities: Iterable[str]) -> frozenset[str]:
    """The US states a profile may live in: its cities' commuting areas (the New York area
    reaches New Jersey and Connecticut), and any state it names ("Colorado", "CO")."""
    data = taxonomy("cities")
    by_city: dict[str, list[str]] = data["us_city_states"]
    names = {name.lower(): code for code, name in data["us_states"].items()}
    states = {state for city in cities for state in by_city.get(city, ())}
    for place in locations:
        said = place.strip()
        code = names.get(said.lower()) or (said if said in data["us_states"] else None)
        if code:
            states.add(code)
    return frozenset(states)
