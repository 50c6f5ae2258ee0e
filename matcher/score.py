"""Score a listing's facts against a CV profile: 0-100, with components and reasons.

Pure: facts and profile in, a Match out. Every point awarded or withheld has a reason a
person can check ("title ≈ Technical Project Manager (92)", "missing CSM (required)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from matcher.components import (
    Component,
    certifications_fit,
    level_fit,
    location_fit,
    profile_level,
    recency_fit,
    role_fit,
    salary_fit,
    skills_fit,
)
from matcher.conditions import (
    Excluded,
    excluded,
    normalise,
    phrase_pattern,
    phrase_words,
)
from matcher.dealbreakers import dealbreaker
from matcher.facts import Facts
from matcher.profile import Profile
from matcher.rarity import skill_key as _norm  # one folded, cached key for every name
from matcher.taxonomy_data import taxonomy

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "role": 35.0,
    "level": 15.0,
    "required": 10.0,
    "preferred": 5.0,
    "skills": 10.0,
    "location": 15.0,
    "salary": 12.0,
    "recency": 3.0,
}

# US dollars per unit of each currency: a fixed table (taxonomy/currencies.toml), no network.
DEFAULT_RATES_TO_USD: Mapping[str, float] = dict(taxonomy("currencies")["rates_to_usd"])


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    components: tuple[Component, ...]
    reasons: tuple[str, ...]
    dealbreaker: str | None = None

    def components_dict(self) -> dict[str, dict[str, object]]:
        return {
            c.name: {"points": round(c.points, 1), "max": c.max_points, "notes": list(c.notes)}
            for c in self.components
        }


@dataclass(frozen=True, slots=True)
class ProfileKeys:
    """A profile's comparison keys, computed once rather than once per listing."""

    certifications: frozenset[str]
    skills: frozenset[str]  # skills and methodologies
    excludes: re.Pattern[str] | None  # every exclude keyword in one pattern: one pass
    keywords: dict[str, str]  # matched text (normalised) → the keyword as the user wrote it
    first_words: tuple[str, ...]  # every match starts with one: found by str.find, fast
    level: int  # index in SENIORITIES
    ruled_out: Excluded  # working conditions the exclude keywords name, however worded
    # Keywords (normalised) that name a working condition: read as the condition is read,
    # so a heading ("Hours and on-call") says nothing.
    condition_keywords: frozenset[str] = frozenset()
    # Whether the profile reads as a contractor's without saying `employment`: a target
    # role named so ("Contract Technical Program Manager") or a floor by the hour.
    contractor: bool = False
    # "relocation" as the user wrote it, when excluded: a move the listing's place calls for
    # (another city), not the word ("relocation support for those moving here").
    relocation: str | None = None
    # The language conditions ("japanese required") the profile shows it meets: the
    # language named in its skills, certifications or target roles.
    languages: frozenset[str] = frozenset()
    home_country: str | None = None  # where the profile lives, as the context reads it


@dataclass(frozen=True)
class ScoringContext:
    """What scoring needs beyond facts: config weights, rates, the profile's own role facts."""

    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    rates_to_usd: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES_TO_USD))
    target_variants: frozenset[str] = frozenset()  # role variants of the profile's target roles
    home_country: str | None = None
    home_cities: frozenset[str] = frozenset()  # canonical city names the profile can work in
    # The countries of those cities: another city in one of them is a move, not a barrier
    # ("Dubai, Riyadh, Singapore" accepts Abu Dhabi and Jeddah at a cost).
    countries: frozenset[str] = frozenset()
    # Countries the profile names whole ("United Kingdom", "Canada"): any town in them fits.
    whole_countries: frozenset[str] = frozenset()
    # The US states the profile's cities' commuting areas reach, and states it names.
    home_states: frozenset[str] = frozenset()
    now: datetime | None = None
    keys: ProfileKeys | None = None  # the profile's, when the context was made for one
    # Per skill (matcher.rarity.skill_key), how much asking for it says: rare skills more.
    skill_weights: Mapping[str, float] = field(default_factory=dict)


_RELOCATION = frozenset({"relocation", "relocate", "relocating", "willing to relocate"})


@lru_cache(maxsize=16)
def profile_keys(profile: Profile, home_country: str | None = None) -> ProfileKeys:
    given = [k for k in profile.exclude_keywords if k.strip()]
    relocation = next((k for k in given if normalise(k) in _RELOCATION), None)
    keywords = [k for k in given if normalise(k) not in _RELOCATION]
    ruled_out = excluded(keywords)
    # A word too common to look for as written ("bond") is read only as its condition.
    searched = [k for k in keywords if normalise(k) not in ruled_out.only_as_condition]
    pattern = "|".join(phrase_pattern(keyword) for keyword in searched)
    return ProfileKeys(
        certifications=frozenset(_norm(c) for c in profile.certifications),
        skills=frozenset(_norm(s) for s in (*profile.skills, *profile.methodologies)),
        excludes=re.compile(pattern) if pattern else None,
        keywords={normalise(k): k for k in searched},
        first_words=tuple(sorted({(phrase_words(k) or [""])[0] for k in searched})),
        level=profile_level(profile),
        ruled_out=ruled_out,
        condition_keywords=ruled_out.naming,
        contractor=_contractor(profile),
        relocation=relocation,
        languages=_languages_shown(profile, home_country),
        home_country=home_country,
    )


# A language held only at a beginner's level ("Mandarin (basic)", "Japanese A2") does not meet
# a job that requires the language.
_BASIC_LEVEL = re.compile(
    r"\b(?:basic|beginner|elementary|limited|conversational|a[12]|n[45])\b", re.IGNORECASE
)


def _languages_shown(profile: Profile, home_country: str | None) -> frozenset[str]:
    """The language conditions the profile meets: the language named in its skills,
    certifications or target roles, or the language of the country it lives in (a Berlin
    profile speaks German without listing it)."""
    said = " ".join(
        item
        for item in (
            *profile.skills,
            *profile.certifications,
            *profile.methodologies,
            *profile.target_roles,
        )
        if not _BASIC_LEVEL.search(item)
    ).lower()
    data = taxonomy("conditions")
    homes = data["language_homes"]
    return frozenset(
        name
        for name, words in data["languages"].items()
        if any(w in said for w in words) or home_country in homes.get(name, ())
    )


def score_listing(
    facts: Facts,
    profile: Profile,
    *,
    title: str,
    text: str,
    posted_at: datetime | None,
    context: ScoringContext,
) -> Match:
    weights = context.weights
    prepared = context.keys or profile_keys(profile, context.home_country)
    location = location_fit(facts, profile, context, weights["location"], prepared.relocation)
    if location.points < 0:  # checked first: it costs nothing, the text search does
        said = location.notes[0]
        return Match(0.0, (location,), (f"dealbreaker: {said}",), dealbreaker=said)
    blocked = dealbreaker(
        facts, profile, prepared, title=title, text=text, home_country=context.home_country
    )
    if blocked is not None:
        reason, said = blocked
        return Match(0.0, (), (reason,), dealbreaker=said)
    components = (
        role_fit(facts, profile, title, context, weights["role"]),
        level_fit(facts, profile, prepared.level, weights["level"]),
        *certifications_fit(facts, prepared, weights["required"], weights["preferred"]),
        skills_fit(facts, prepared, context.skill_weights, weights["skills"]),
        location,
        salary_fit(facts, profile, context, weights["salary"]),
        recency_fit(posted_at, context.now, weights["recency"]),
    )
    return _total(components, facts, profile, prepared)


# The profile fields `rescore` can change, and the components each moves.
MOVED_BY: Mapping[str, frozenset[str]] = {
    "certifications": frozenset({"required", "preferred"}),
    "skills": frozenset({"skills"}),  # skills and methodologies
    "years_experience": frozenset({"level"}),
}


def rescore(
    base: Match, facts: Facts, profile: Profile, *, changed: str, context: ScoringContext
) -> Match:
    """What `score_listing` gives for `profile`, from `base`, the same listing's match for a
    profile that differs only in the field `changed` (a MOVED_BY key): only the components
    that field moves are computed again. Dealbreakers (place, the right to work, working
    conditions, exclude keywords) depend on none of these fields."""
    if base.dealbreaker is not None:
        return base
    moved = MOVED_BY[changed]
    weights = context.weights
    prepared = context.keys or profile_keys(profile, context.home_country)
    fresh: dict[str, Component] = {}
    if "level" in moved:
        fresh["level"] = level_fit(facts, profile, prepared.level, weights["level"])
    if "required" in moved:
        fresh["required"], fresh["preferred"] = certifications_fit(
            facts, prepared, weights["required"], weights["preferred"]
        )
    if "skills" in moved:
        fresh["skills"] = skills_fit(facts, prepared, context.skill_weights, weights["skills"])
    components = tuple(fresh.get(c.name, c) for c in base.components)
    return _total(components, facts, profile, prepared)


def _total(
    components: tuple[Component, ...], facts: Facts, profile: Profile, prepared: ProfileKeys
) -> Match:
    """The score of the components: their points over their maximum, halved for a role
    outside the TPM family, capped by a hard gap."""
    total_max = sum(c.max_points for c in components) or 1.0
    raw = sum(c.points for c in components) / total_max * 100
    # A listing outside the TPM family can't rank above a real fit however well it matches.
    role = components[0]
    if role.max_points and role.points / role.max_points < 0.35:
        raw *= 0.5
    # A gap no other strength makes up for caps the total: a required certificate missing,
    # or years asked far beyond the profile's.
    cap, gap = _hard_gap(facts, profile, prepared)
    # Pay whose top is a fifth or more below the floor is a gap no fit makes up for. Only
    # pay below the floor gives the salary component under PAY_FAR_BELOW_FIT of its points
    # (pay not stated, or in a currency without a rate, gives 0.6: see `components.salary_fit`).
    pay = next((c for c in components if c.name == "salary"), None)
    if (
        pay is not None
        and pay.max_points
        and pay.points / pay.max_points < PAY_FAR_BELOW_FIT
        and cap > CAP_PAY_FAR_BELOW
    ):
        cap, gap = CAP_PAY_FAR_BELOW, "pay well below your floor"
    reasons = tuple(note for c in components for note in c.notes)
    # A contract, for a profile that names no terms, is one mismatch: most people looking
    # want a permanent job (every labelled set's readers grade it so). `employment` in the
    # profile says otherwise.
    if facts.employment == "contract" and not profile.employment and not prepared.contractor:
        raw *= CONTRACT_STRETCH
        reasons = (*reasons, "contract role: a stretch unless your profile takes contracts")
    # Part-time hours likewise, and more so: its pay and hours both fall short of a
    # full-time seeker's (readers graded it one mismatch, two with pay below the floor).
    elif facts.employment == "part_time" and not profile.employment:
        raw *= PART_TIME_STRETCH
        reasons = (*reasons, "part-time role: a stretch unless your profile takes part-time work")
    if raw > cap:
        raw = cap
        reasons = (f"capped at {cap:.0f}: {gap}", *reasons)
    score = round(max(0.0, min(100.0, raw)), 1)
    return Match(score, components, reasons)


_CONTRACT_WORDS = re.compile(r"\b(?:contract\w*|freelance\w*|interim|independent)\b", re.I)


def _contractor(profile: Profile) -> bool:
    """A profile that says it works on contracts without `employment`: a target role named
    so ("Contract Technical Program Manager") or a floor by the hour."""
    floor = profile.min_salary
    return (floor is not None and floor.period == "hour") or any(
        _CONTRACT_WORDS.search(role) for role in profile.target_roles
    )


# The highest total a listing with a hard gap can reach: below every listing without one
# that is otherwise a strong fit.
CAP_REQUIRED_CERTIFICATE = 80.0
# A language the job requires (JLPT N2, fluent German) that the profile does not show: no
# course closes it before an interview.
CAP_LANGUAGE_MISSING = 70.0
CAP_NATIONALS_ELSEWHERE = 30.0  # a job for another country's nationals
CAP_YEARS_FAR_ABOVE = 50.0
CAP_OTHER_TERMS = 80.0  # a contract or part-time job when you want permanent work, or the reverse
CONTRACT_STRETCH = 0.95  # a contract when the profile names no terms
PART_TIME_STRETCH = 0.9  # part-time hours when the profile names no terms
CAP_PAY_FAR_BELOW = 75.0
PAY_FAR_BELOW_FIT = 0.3  # the salary component's share at a top 20% below the floor
YEARS_FAR_ABOVE = 5  # years asked beyond the profile's that no title can bridge
YEARS_TWICE_FROM = 3  # beyond this many more, asking twice the profile's years is as far


def years_far_above(asked: int | None, have: float) -> bool:
    """Years asked out of reach: 5 or more beyond the profile's, or at least twice them
    and 3 or more beyond ("7+ years" for someone with 3)."""
    if asked is None:
        return False
    beyond = asked - have
    return beyond >= YEARS_FAR_ABOVE or (beyond >= YEARS_TWICE_FROM and asked >= 2 * have)


def _hard_gap(facts: Facts, profile: Profile, prepared: ProfileKeys) -> tuple[float, str]:
    """The cap a hard gap puts on the score, and the gap; (100, "") without one."""
    cap, gap = 100.0, ""
    if years_far_above(facts.years_min, profile.years_experience):
        cap = CAP_YEARS_FAR_ABOVE
        gap = f"asks {facts.years_min}+ years, you have {profile.years_experience:g}"
    terms = facts.employment
    if terms and terms not in (profile.employment or (terms,)) and cap > CAP_OTHER_TERMS:
        wanted = " or ".join(profile.employment).replace("_", "-")
        cap, gap = CAP_OTHER_TERMS, f"{terms.replace('_', '-')} role, you want {wanted}"
    required = [c for c in facts.certifications if c not in facts.preferred]
    if (
        required
        and not any(_norm(c) in prepared.certifications for c in required)
        and (cap > CAP_REQUIRED_CERTIFICATE)
    ):
        cap, gap = CAP_REQUIRED_CERTIFICATE, f"requires {' or '.join(required)}"
    # Open to the country's nationals only, in a country the profile does not live in: who
    # lives elsewhere is seldom its national (a profile that is says so in work_authorisation).
    home = prepared.home_country
    if (
        "nationals only" in facts.conditions
        and facts.country
        and home
        and facts.country != home
        and facts.country not in profile.work_authorisation
        and cap > CAP_NATIONALS_ELSEWHERE
    ):
        cap, gap = (
            CAP_NATIONALS_ELSEWHERE,
            f"open to {facts.country} nationals only; you live in {home}",
        )
    languages = taxonomy("conditions")["languages"]
    missing = [c for c in facts.conditions if c in languages and c not in prepared.languages]
    if missing and cap > CAP_LANGUAGE_MISSING:
        language = missing[0].removesuffix(" required").capitalize()
        cap, gap = CAP_LANGUAGE_MISSING, f"requires {language}, which your profile does not show"
    return cap, gap
