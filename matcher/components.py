"""The score's weighted components: how well a listing's role, level, certifications,
skills, place, pay and age fit a profile, each with the notes that say why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from matcher.extract import level_for_years
from matcher.facts import SENIORITIES, TPM_VARIANTS, Facts
from matcher.profile import Profile
from matcher.rarity import RARE
from matcher.rarity import skill_key as _norm  # one folded, cached key for every name
from matcher.regions import covers
from matcher.taxonomy_data import taxonomy

if TYPE_CHECKING:  # score imports this module
    from matcher.score import ProfileKeys, ScoringContext

# Role variants a TPM-family profile may target; the rest are adjacent or unrelated.
TPM_FAMILY = frozenset(TPM_VARIANTS)
ADJACENT = frozenset({"product_manager", "non_technical_project_manager", "engineering_role"})
# A TPM-family job far from every target is worth little more than an adjacent one.
FAR_FIT = 0.3
# A title this like one the profile targets names the role the user asked for, whatever
# class the taxonomy gives it (token_sort_ratio: the same words, give or take a plural).
OWN_TITLE = 90

HALF_YEARS_FROM = 8  # years of experience from which half of them asked is a level below
HALF_YEARS_FIT = 0.7  # the level component's share then
_HOURS_PER_YEAR = 2080.0
# A remote job for a profile that wants an office: one mismatch, as a move is.
REMOTE_NOT_WANTED_FIT = 0.4


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    points: float
    max_points: float
    notes: tuple[str, ...] = ()


def role_fit(
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
    elif variant == "other" and similarity >= OWN_TITLE:
        # A role the taxonomy does not know, under the very title the profile targets
        # ("Agile Team Facilitator"): the user named it.
        fit = 0.9 + 0.1 * similarity / 100
        notes.append("role: the title you target")
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


def profile_level(profile: Profile) -> int:
    if profile.seniority:
        return SENIORITIES.index(profile.seniority)
    return SENIORITIES.index(level_for_years(int(profile.years_experience)))


def level_fit(facts: Facts, profile: Profile, mine: int, weight: float) -> Component:
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


def certifications_fit(
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


def skills_fit(
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


def location_fit(
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
        if facts.country and ctx.home_country and facts.country != ctx.home_country:
            return Component("location", -1, weight, (f"remote only from {facts.country}",))
        regions = "/".join(facts.remote_scope)
        home = ctx.home_country
        if not facts.country and regions and home and not covers(facts.remote_scope, home):
            return Component("location", -1, weight, (f"remote only from {regions}",))
        if home and home in facts.remote_excluded:
            return Component("location", -1, weight, (f"remote, but cannot hire in {home}",))
        band = facts.remote_utc
        offset = home_utc_offset(home)
        if len(band) == 2 and offset is not None and not band[0] - 1 <= offset <= band[1] + 1:
            said = f"remote only between UTC{band[0]:+g} and UTC{band[1]:+g} (you: UTC{offset:+g})"
            return Component("location", -1, weight, (said,))
        states = facts.remote_states
        if states and ctx.home_states and ctx.home_states.isdisjoint(states):
            said = f"remote only from these US states: {', '.join(states)}"
            return Component("location", -1, weight, (said,))
        scope = f"from {facts.country or regions}" if facts.country or regions else "anywhere"
        if not profile.remote_ok:  # a job you could take, not the office you want: a stretch
            said = f"remote {scope}, you want on-site"
            return Component("location", weight * REMOTE_NOT_WANTED_FIT, weight, (said,))
        return Component("location", weight, weight, (f"remote {scope}",))
    city_ok = facts.city is not None and facts.city in ctx.home_cities
    if city_ok:
        return Component("location", weight, weight, (f"{mode} in {facts.city}, your city",))
    # "United Kingdom" among the locations: anywhere in it, but abroad from a home city it
    # is still a move (below)
    if facts.country in ctx.whole_countries and (
        facts.country == ctx.home_country or not ctx.home_cities
    ):
        return Component("location", weight, weight, (f"{mode} in {where}, in your countries",))
    if not ctx.home_cities and not ctx.whole_countries:
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


def salary_fit(facts: Facts, profile: Profile, ctx: ScoringContext, weight: float) -> Component:
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
    # (2% slack for a converted figure, whose rate is approximate; none in the floor's own
    # currency: "$172k-$188k" is under a $190k floor)
    slack = 1.0 if salary.currency.upper() == floor.currency.upper() else 0.98
    if offered >= wanted * slack:
        return Component("salary", weight, weight, (f"pay up to {shown} meets your floor",))
    if facts.pay_basic:  # the allowances on top are not stated: the package is unknown
        return Component(
            "salary",
            weight * 0.6,
            weight,
            (f"basic pay up to {shown} + allowances, package not stated",),
        )
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


def recency_fit(posted_at: datetime | None, now: datetime | None, weight: float) -> Component:
    if posted_at is None or now is None:
        return Component("recency", weight * 0.5, weight, ())
    if posted_at.tzinfo is None:  # SQLite hands back naive datetimes; they were stored as UTC
        posted_at = posted_at.replace(tzinfo=UTC)
    days = max(0.0, (now - posted_at).total_seconds() / 86400)
    fit = max(0.0, 1 - days / 60)  # newer is better by the day: no plateau to tie on
    return Component("recency", weight * fit, weight, (f"posted {days:.0f} days ago",))


def home_utc_offset(home: str | None) -> float | None:
    """Hours from UTC where the profile lives (conditions.toml [home_utc_offsets])."""
    offset = taxonomy("conditions")["home_utc_offsets"].get(home) if home else None
    return None if offset is None else float(offset)
