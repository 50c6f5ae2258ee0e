"""Score a listing's facts against a CV profile: 0-100, with components and reasons.

Pure: facts and profile in, a Match out. Every point awarded or withheld has a reason a
person can check ("title ≈ Technical Project Manager (92)", "missing CSM (required)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from matcher.conditions import (
    Excluded,
    excluded,
    negated,
    normalise,
    phrase_pattern,
    phrase_words,
)
from matcher.extract import level_for_years
from matcher.facts import SENIORITIES, Facts
from matcher.profile import Profile
from matcher.rarity import RARE
from matcher.rarity import skill_key as _norm  # one folded, cached key for every name
from matcher.regions import covers
from matcher.taxonomy_data import taxonomy

# Role variants a TPM-family profile may target; the rest are adjacent or unrelated.
TPM_FAMILY = frozenset(
    {
        "technical_project_manager",
        "technical_program_manager",
        "it_project_manager",
        "agile_project_manager",
        "scrum_master",
        "devops_project_manager",
        "delivery_manager",
        "technical_project_assistant",
    }
)
ADJACENT = frozenset({"product_manager", "non_technical_project_manager", "engineering_role"})
# A TPM-family job far from every target is worth little more than an adjacent one.
FAR_FIT = 0.3

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
_HOURS_PER_YEAR = 2080.0


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    points: float
    max_points: float
    notes: tuple[str, ...] = ()


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
    now: datetime | None = None
    keys: ProfileKeys | None = None  # the profile's, when the context was made for one
    # Per skill (matcher.rarity.skill_key), how much asking for it says: rare skills more.
    skill_weights: Mapping[str, float] = field(default_factory=dict)


_RELOCATION = frozenset({"relocation", "relocate", "relocating", "willing to relocate"})


@lru_cache(maxsize=16)
def profile_keys(profile: Profile) -> ProfileKeys:
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
        level=_profile_level(profile),
        ruled_out=ruled_out,
        condition_keywords=ruled_out.naming,
        contractor=_contractor(profile),
        relocation=relocation,
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
    prepared = context.keys or profile_keys(profile)
    location = _location(facts, profile, context, weights["location"], prepared.relocation)
    if location.points < 0:  # checked first: it costs nothing, the text search does
        said = location.notes[0]
        return Match(0.0, (location,), (f"dealbreaker: {said}",), dealbreaker=said)
    blocker = _work_rights(facts, profile)
    if blocker:
        return Match(0.0, (), (f"dealbreaker: {blocker}",), dealbreaker=blocker)
    # Hours stated in a time zone say better than any wording whether the job is a night
    # shift where the profile lives ("6:30 PM to 3:30 AM IST" is a US day).
    clock = _home_offset(context.home_country) if len(facts.hours_utc) == 2 else None
    reason = _ruled_out(facts, prepared.ruled_out, hours_known=clock is not None) or _night_hours(
        facts, prepared.ruled_out, clock
    )
    if reason is None and prepared.excludes is not None:
        night = prepared.ruled_out.conditions.get("night shift") if clock is not None else None
        skip = frozenset({normalise(night)}) if night else frozenset()
        found = _excluded(f"{title}\n{text}".lower(), prepared, skip)
        if found:
            said = normalise(found.group(0))
            reason = f"dealbreaker: mentions {prepared.keywords.get(said, found.group(0))!r}"
    if reason:
        return Match(0.0, (), (reason,), dealbreaker=reason)
    components = (
        _role(facts, profile, title, context, weights["role"]),
        _level(facts, profile, prepared.level, weights["level"]),
        *_certifications(facts, prepared, weights["required"], weights["preferred"]),
        _skills(facts, prepared, context.skill_weights, weights["skills"]),
        location,
        _salary(facts, profile, context, weights["salary"]),
        _recency(posted_at, context.now, weights["recency"]),
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
    prepared = context.keys or profile_keys(profile)
    fresh: dict[str, Component] = {}
    if "level" in moved:
        fresh["level"] = _level(facts, profile, prepared.level, weights["level"])
    if "required" in moved:
        fresh["required"], fresh["preferred"] = _certifications(
            facts, prepared, weights["required"], weights["preferred"]
        )
    if "skills" in moved:
        fresh["skills"] = _skills(facts, prepared, context.skill_weights, weights["skills"])
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
    # (pay not stated, or in a currency without a rate, gives 0.6: see `_salary`).
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
CAP_YEARS_FAR_ABOVE = 50.0
CAP_OTHER_TERMS = 80.0  # a contract or part-time job when you want permanent work, or the reverse
CONTRACT_STRETCH = 0.95  # a contract when the profile names no terms
PART_TIME_STRETCH = 0.9  # part-time hours when the profile names no terms
HALF_YEARS_FROM = 8  # years of experience from which half of them asked is a level below
HALF_YEARS_FIT = 0.7  # the level component's share then
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
    return cap, gap


def _work_rights(facts: Facts, profile: Profile) -> str | None:
    """A requirement no application can meet: the right to work where the profile has none,
    or no sponsorship for someone who needs it. A profile that says nothing is never out."""
    held = profile.work_authorisation
    required = facts.work_authorisation
    # "EU" held covers a German requirement, and a German permit an "EU" one.
    if (
        held
        and required
        and not any(
            covers((need,), have) or covers((have,), need) for need in required for have in held
        )
    ):
        return f"requires the right to work in {', '.join(required)} (yours: {', '.join(held)})"
    if facts.no_sponsorship and profile.needs_sponsorship:
        return "no visa sponsorship (you need it)"
    return None


def _ruled_out(facts: Facts, ruled_out: Excluded, *, hours_known: bool = False) -> str | None:
    """A working condition the listing imposes that an exclude keyword names (a night
    shift only when its hours are not known: `_night_hours` reads those)."""
    for name in facts.conditions:
        if hours_known and name == "night shift":
            continue
        keyword = ruled_out.conditions.get(name)
        if keyword is not None:
            return f"dealbreaker: {name} (you exclude {keyword!r})"
    share = facts.travel_percent
    if ruled_out.travel is not None and share is not None and share >= ruled_out.travel[0]:
        return f"dealbreaker: travel up to {share}% (you exclude {ruled_out.travel[1]!r})"
    return None


NIGHT_HOURS = 3.0  # hours of a working day between 10 PM and 6 AM that make it a night shift


def _home_offset(home: str | None) -> float | None:
    """Hours from UTC where the profile lives (conditions.toml [home_utc_offsets])."""
    offset = taxonomy("conditions")["home_utc_offsets"].get(home) if home else None
    return None if offset is None else float(offset)


def _night_hours(facts: Facts, ruled_out: Excluded, offset: float | None) -> str | None:
    """Working hours kept in a named time zone that fall in the profile's night (`offset`:
    its hours from UTC), when it excludes night shifts: "9am-5pm US Pacific" is 10:30 PM-
    6:30 AM in India."""
    keyword = ruled_out.conditions.get("night shift")
    if keyword is None or offset is None or len(facts.hours_utc) != 2:
        return None
    start, end = ((hour + offset) % 24 for hour in facts.hours_utc)
    length = (end - start) % 24
    night = sum(0.5 for step in range(int(length * 2)) if not 6 <= (start + step / 2) % 24 < 22)
    if night < NIGHT_HOURS:
        return None
    return f"dealbreaker: night shift, {_clock(start)}-{_clock(end)} your time (you exclude {keyword!r})"


def _clock(hour: float) -> str:
    h, m = int(hour), round((hour % 1) * 60)
    return f"{h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}"


@lru_cache(maxsize=1)
def _names() -> re.Pattern[str]:
    names = taxonomy("conditions")["keyword_in_names"]["names"]
    return re.compile("|".join(re.escape(name) for name in names))


def _in_name(lowered: str, at: int) -> bool:
    """Whether the keyword at `at` is part of a body's name ("… Opportunity Commission")."""
    return any(
        m.start() <= at < m.end() for m in _names().finditer(lowered, max(0, at - 60), at + 60)
    )


def _excluded(
    lowered: str, keys: ProfileKeys, skip: frozenset[str] = frozenset()
) -> re.Match[str] | None:
    """The first exclude keyword the text says (not "no night shifts"), but those in `skip`
    (normalised). The regex is tried only where a keyword's first word occurs: several
    times faster than a whole search."""
    assert keys.excludes is not None
    for first in keys.first_words:
        at = lowered.find(first)
        while at >= 0:
            found = keys.excludes.match(lowered, at)
            if found and not _in_name(lowered, at):
                said = normalise(found.group(0))
                # Negated before or after ("no registration fee", "registration fee: none");
                # a keyword naming a condition is read as the condition is, headings too.
                named = said in keys.condition_keywords
                if said not in skip and not negated(lowered, at, found.end(), heading=named):
                    return found
            at = lowered.find(first, at + 1)
    return None


def _role(
    facts: Facts, profile: Profile, title: str, ctx: ScoringContext, weight: float
) -> Component:
    best = process.extractOne(
        facts.title_key or title,
        profile.target_roles,
        scorer=fuzz.token_sort_ratio,  # a subset is not a match: "Project Manager" ≠ TPM
        processor=default_process,
    )
    similarity, target = (best[1], best[0]) if best else (0.0, "")
    notes = [f"title ≈ {target} ({similarity:.0f})"]
    variant = facts.role_variant
    if variant in ctx.target_variants:
        fit = 0.9 + 0.1 * similarity / 100
        notes.append(f"role: {variant.replace('_', ' ')} (a target)")
    elif variant in TPM_FAMILY and variant in _far(ctx.target_variants):
        fit = FAR_FIT + 0.3 * similarity / 100
        notes.append(f"role: {variant.replace('_', ' ')} (TPM family, far from your targets)")
    elif variant in TPM_FAMILY:
        fit = 0.55 + 0.3 * similarity / 100
        notes.append(f"role: {variant.replace('_', ' ')} (TPM family, not a target)")
    elif variant in ADJACENT:
        fit = 0.25 * similarity / 100
        notes.append(f"role: {variant.replace('_', ' ')} (not a TPM role)")
    else:
        fit = 0.0
        notes.append(f"role: {variant.replace('_', ' ')}")
    return Component("role", weight * fit, weight, tuple(notes))


@lru_cache(maxsize=64)
def _far(targets: frozenset[str]) -> frozenset[str]:
    """The TPM-family variants far from every one of the profile's targets (data:
    roles.toml [far]): a scrum master's or a coordinator's targets are far from a
    technical programme manager's job."""
    table = taxonomy("roles").get("far", {})
    fars = [set(table.get(t, ())) for t in targets if t in TPM_FAMILY]
    return frozenset(set.intersection(*fars)) if fars else frozenset()


def _profile_level(profile: Profile) -> int:
    if profile.seniority:
        return SENIORITIES.index(profile.seniority)
    return SENIORITIES.index(level_for_years(int(profile.years_experience)))


def _level(facts: Facts, profile: Profile, mine: int, weight: float) -> Component:
    notes: list[str] = []
    gap = SENIORITIES.index(facts.seniority) - mine
    fit = {0: 1.0, 1: 0.45, -1: 0.5}.get(gap, 0.0)
    if gap == -1 and mine >= SENIORITIES.index("principal"):
        fit = 0.8  # at the top of the ladder, lead and principal titles overlap
    if gap == 0:
        notes.append(f"level {facts.seniority} = yours")
    else:
        direction = "above" if gap > 0 else "below"
        notes.append(f"level {facts.seniority}: {abs(gap)} {direction} yours")
    have = profile.years_experience
    if facts.years_min is not None:
        if have >= facts.years_min:
            notes.append(f"asks {facts.years_min}+ years, you have {have:g}")
            # The years asked are the firmer signal than a title word: one level up with
            # your years met is a reach, one level down asking most of your years a fit.
            near = gap == 1 or (gap == -1 and facts.years_min >= have * 2 / 3)
            if near:
                fit = 0.85
        else:
            notes.append(f"stretch: asks {facts.years_min}+ years, you have {have:g}")
            # A year short at your own level is a reach recruiters take; a year short a
            # level up, or more than a year short, is not.
            short = facts.years_min - have
            fit = min(fit, (0.9 if gap <= 0 else 0.5) if short <= 1 else 0.2)
        # A title at your level asking half your years or fewer is pitched below you (a
        # bank's "VP" asking 8+ years, for someone with 16).
        if gap == 0 and have >= HALF_YEARS_FROM and facts.years_min <= have / 2:
            notes.append(f"asks {facts.years_min}+ years: pitched below your {have:g}")
            fit = min(fit, HALF_YEARS_FIT)
        if facts.years_max is not None and have > facts.years_max + 2:
            notes.append(f"pitched at {facts.years_min}-{facts.years_max} years, below you")
            fit = min(fit, 0.5)
    return Component("level", weight * fit, weight, tuple(notes))


def _certifications(
    facts: Facts, prepared: ProfileKeys, required_weight: float, preferred_weight: float
) -> tuple[Component, Component]:
    held = prepared.certifications
    required = [c for c in facts.certifications if c not in facts.preferred]
    preferred = [c for c in facts.certifications if c in facts.preferred]
    req_held = [_norm(c) in held for c in required]
    pref_held = [_norm(c) in held for c in preferred]
    req_notes = tuple(
        f"{'has' if ok else 'missing'} {cert} (required)"
        for cert, ok in zip(required, req_held, strict=True)
    )
    pref_notes = tuple(
        f"{'has' if ok else 'missing'} {cert} (preferred)"
        for cert, ok in zip(preferred, pref_held, strict=True)
    )
    # Several certifications in one requirement are usually alternatives ("PMP or PRINCE2").
    req_fit = 1.0 if not required or any(req_held) else 0.0
    pref_fit = 1.0 if not preferred or any(pref_held) else 0.5
    return (
        Component("required", required_weight * req_fit, required_weight, req_notes),
        Component("preferred", preferred_weight * pref_fit, preferred_weight, pref_notes),
    )


def _skills(
    facts: Facts, prepared: ProfileKeys, rarity: Mapping[str, float], weight: float
) -> Component:
    asked = [*facts.skills, *facts.methodologies]
    if not asked:
        return Component("skills", weight * 0.5, weight, ("no skills named",))
    matched = [s for s in asked if _norm(s) in prepared.skills]
    missing = [s for s in asked if _norm(s) not in prepared.skills]
    rare = [s for s in matched if rarity.get(_norm(s), 1.0) >= RARE]
    notes = []
    if rare:
        notes.append(f"matched rare skill{'s' if len(rare) > 1 else ''}: " + ", ".join(rare))
    if len(matched) > len(rare):
        notes.append("skills matched: " + ", ".join(s for s in matched if s not in rare))
    if missing:
        notes.append("skills missing: " + ", ".join(_asked_as(s, facts) for s in missing))

    # A skill the listing requires ("must have", "mandatory", or simply asked) counts twice
    # what a nice-to-have does; a rare one (few stored listings ask for it) up to twice a
    # common one, which nearly every listing asks for and so says little.
    def worth(skill: str) -> float:
        return (0.5 if skill in facts.preferred else 1.0) * rarity.get(_norm(skill), 1.0)

    fit = sum(worth(s) for s in matched) / sum(worth(s) for s in asked)
    return Component("skills", weight * fit, weight, tuple(notes))


def _asked_as(skill: str, facts: Facts) -> str:
    return f"{skill} (preferred)" if skill in facts.preferred else skill


def _location(
    facts: Facts, profile: Profile, ctx: ScoringContext, weight: float, relocation: str | None
) -> Component:
    """Negative points mean impossible (a dealbreaker); the note says why. `relocation` is
    the exclude keyword ruling out a move to another city, if the profile has one."""
    mode = facts.work_mode
    where = facts.city or facts.country or "unspecified"
    moved = facts.relocation_to  # "relocation to Pune is mandatory": wherever it is listed
    if moved is not None and moved not in ctx.home_cities:
        if relocation:
            said = f"relocation to {moved} required (you exclude {relocation!r})"
            return Component("location", -1, weight, (said,))
        return Component("location", weight * 0.4, weight, (f"relocation to {moved} required",))
    if mode == "remote":
        if not profile.remote_ok:
            return Component("location", -1, weight, ("remote role, you want on-site",))
        if facts.country and ctx.home_country and facts.country != ctx.home_country:
            return Component("location", -1, weight, (f"remote only from {facts.country}",))
        regions = "/".join(facts.remote_scope)
        home = ctx.home_country
        if not facts.country and regions and home and not covers(facts.remote_scope, home):
            return Component("location", -1, weight, (f"remote only from {regions}",))
        scope = f"from {facts.country or regions}" if facts.country or regions else "anywhere"
        return Component("location", weight, weight, (f"remote {scope}",))
    city_ok = facts.city is not None and facts.city in ctx.home_cities
    if city_ok:
        return Component("location", weight, weight, (f"{mode} in {facts.city}, your city",))
    if not ctx.home_cities:
        return Component("location", -1, weight, (f"{mode} in {where}, you want remote only",))
    if facts.country and (facts.country == ctx.home_country or facts.country in ctx.countries):
        if relocation:
            said = f"{mode} in {where}: relocation (you exclude {relocation!r})"
            return Component("location", -1, weight, (said,))
        return Component("location", weight * 0.4, weight, (f"{mode} in {where}: relocation",))
    if facts.country is None:  # no place, or a town the table cannot place in a country
        return Component(
            "location",
            weight * 0.4,
            weight,
            (f"{mode} in {where}: country unclear",)
            if facts.city
            else (f"{mode}, location unclear",),
        )
    return Component("location", -1, weight, (f"{mode} in {where}, outside your locations",))


def to_yearly(amount: float, period: str) -> float:
    if period == "month":
        return amount * 12
    if period == "hour":
        return amount * _HOURS_PER_YEAR
    return amount


def _salary(facts: Facts, profile: Profile, ctx: ScoringContext, weight: float) -> Component:
    floor = profile.min_salary
    salary = facts.salary
    if floor is not None and "unpaid" in facts.conditions:  # no pay is pay far below any floor
        return Component("salary", 0.0, weight, ("unpaid",))
    if floor is None or salary is None:
        return Component("salary", weight * 0.6, weight, ("salary not stated",) if floor else ())
    top = salary.max if salary.max is not None else salary.min
    rate_from = ctx.rates_to_usd.get(salary.currency.upper())
    rate_to = ctx.rates_to_usd.get(floor.currency.upper())
    if top is None or rate_from is None or rate_to is None:
        return Component("salary", weight * 0.6, weight, (f"salary in {salary.currency}: no rate",))
    offered = to_yearly(top, salary.period) * rate_from / rate_to
    wanted = to_yearly(floor.amount, floor.period)
    shown = _money(offered, floor.currency) + _pay_terms(facts, salary.period)
    if offered >= wanted * 0.98:
        return Component("salary", weight, weight, (f"pay up to {shown} meets your floor",))
    ratio = offered / wanted if wanted else 0.0
    return Component(
        "salary", weight * max(0.0, ratio - 0.5), weight, (f"pay up to {shown}, below your floor",)
    )


_SHORT_TERMS = frozenset({"contract", "part_time"})  # whose annualised pay is not what one earns


def _pay_terms(facts: Facts, period: str) -> str:
    """What the annualised figure is: "(contract, hourly rate × 2080)"."""
    said = [facts.employment.replace("_", "-")] if facts.employment in _SHORT_TERMS else []
    if period == "hour":
        said.append("hourly rate × 2080")
    elif period == "month":
        said.append("monthly × 12")
    return f" ({', '.join(said)})" if said else ""


def _money(amount: float, currency: str) -> str:
    if currency.upper() == "INR":
        return f"₹{amount / 100_000:.1f} LPA"
    return f"{currency.upper()} {amount / 1000:,.0f}k/yr"


def _recency(posted_at: datetime | None, now: datetime | None, weight: float) -> Component:
    if posted_at is None or now is None:
        return Component("recency", weight * 0.5, weight, ())
    if posted_at.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        posted_at = posted_at.replace(tzinfo=UTC)
    days = max(0.0, (now - posted_at).total_seconds() / 86400)
    fit = max(0.0, 1 - days / 60)  # newer is better by the day: no plateau to tie on
    return Component("recency", weight * fit, weight, (f"posted {days:.0f} days ago",))
