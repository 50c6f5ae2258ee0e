"""The CV profile: a TOML file with a [profile] table (shared/eval/FORMAT.md)."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from matcher.errors import ProfileError
from matcher.taxonomy_data import taxonomy


class MinSalary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: float = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. INR")
    period: Literal["year", "month", "hour"] = "year"

    @field_validator("currency", "period", mode="before")
    @classmethod
    def _any_case(cls, value: object, info: object) -> object:
        # "inr" is INR and "Year" is year: the meaning is plain, so the case is forgiven.
        if not isinstance(value, str):
            return value
        field = getattr(info, "field_name", "")
        return value.strip().upper() if field == "currency" else value.strip().lower()


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    target_roles: tuple[str, ...] = Field(min_length=1)
    years_experience: float = Field(default=0, ge=0, le=60)
    seniority: Literal["entry", "junior", "mid", "senior", "lead", "principal"] | None = None
    degrees: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    methodologies: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    remote_ok: bool = True
    min_salary: MinSalary | None = None
    exclude_keywords: tuple[str, ...] = ()
    # Where you may work without a visa (ISO codes or regions such as EU); empty: not said,
    # so a listing's work-authorisation requirement never rules a job out.
    work_authorisation: tuple[str, ...] = ()
    needs_sponsorship: bool | None = None  # true: a listing ruling out sponsorship is out
    # The terms you take: any of "permanent", "contract", "internship", "part_time"; empty:
    # any. A job on other terms is held back (capped) with the reason, never hidden.
    employment: tuple[Literal["permanent", "contract", "internship", "part_time"], ...] = ()

    @field_validator("employment", mode="before")
    @classmethod
    def _employment_any_case(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(_terms(v) if isinstance(v, str) else v for v in value)
        return value

    @field_validator("work_authorisation")
    @classmethod
    def _places_upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.strip().upper() for v in value if v.strip())

    @field_validator("seniority", mode="before")
    @classmethod
    def _seniority_any_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("certifications")
    @classmethod
    def _canonical_certifications(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # "Certified ScrumMaster" is CSM: the listings' certifications are read as canonical
        # names, so the profile's are mapped through the same taxonomy aliases.
        return tuple(dict.fromkeys(canonical_certification(c) or c for c in value))


def _terms(value: str) -> str:
    """ "Part-time" and "part time" as the value the profile takes, "part_time"."""
    return re.sub(r"[\s-]+", "_", value.strip().lower())


def canonical_certification(name: str) -> str | None:
    """The taxonomy's canonical name for `name` ("Certified ScrumMaster" → CSM), or None."""
    for canonical, patterns in _certification_patterns():
        if name.strip().casefold() == canonical.casefold():
            return canonical
        if any(p.fullmatch(name.strip()) or p.search(name) for p in patterns):
            return canonical
    # In a profile a name is a certificate by being there: "ITIL v4", "AWS Solutions
    # Architect" are the ITIL and AWS certifications even without the word "certified".
    first = name.strip().split(maxsplit=1)[0].casefold() if name.strip() else ""
    for canonical, _ in _certification_patterns():
        if first and first == canonical.split()[0].casefold():
            return canonical
    return None


@functools.cache
def _certification_patterns() -> list[tuple[str, list[re.Pattern[str]]]]:
    table = taxonomy("certifications")["certifications"]
    return [(name, [re.compile(p, re.IGNORECASE) for p in pats]) for name, pats in table.items()]


def plausibility_warnings(profile: Profile) -> list[str]:
    """Values that load but would quietly spoil the ranking, one line each."""
    from matcher.score import DEFAULT_RATES_TO_USD  # score imports this module

    warnings = []
    floor = profile.min_salary
    if floor is not None:
        if floor.currency not in DEFAULT_RATES_TO_USD:
            currencies = ", ".join(sorted(DEFAULT_RATES_TO_USD))
            warnings.append(
                f"min_salary.currency {floor.currency!r} has no exchange rate, so pay can't be "
                f"compared with it (known: {currencies})"
            )
        if floor.period == "year" and floor.currency == "INR" and 0 < floor.amount < 10_000:
            warnings.append(
                f"min_salary.amount {floor.amount:g} INR a year looks like lakhs: "
                f"{floor.amount:g} LPA is amount = {floor.amount * 100_000:.0f}"
            )
        elif floor.period == "year" and floor.currency != "INR" and 0 < floor.amount < 1_000:
            warnings.append(
                f"min_salary.amount {floor.amount:g} {floor.currency} a year looks like "
                f"thousands: {floor.amount:g}k is amount = {floor.amount * 1000:.0f}"
            )
    known = {name for name, _ in _certification_patterns()}
    for name in profile.certifications:
        if name not in known:
            warnings.append(
                f"certifications: {name!r} is not one the matcher reads in listings "
                f"(known: {', '.join(sorted(known))})"
            )
    return warnings


class _ProfileFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: Profile


def load_profile(path: Path) -> Profile:
    """Read and validate a profile; any problem is one ProfileError line naming file and key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: profile file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ProfileError(f"{path}: cannot read profile ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(f"{path}: not valid TOML ({e})") from None
    try:
        return _ProfileFile.model_validate(data).profile
    except ValidationError as e:
        problems = [f"{path}: {line}" for line in describe_problems(e)]
        raise ProfileError(one_line(problems), problems=problems) from None


def describe_problems(error: ValidationError, prefix: str = "") -> list[str]:
    """Each problem as 'key.path: what is wrong (got X)'; secrets are never echoed."""
    lines = []
    for problem in error.errors():
        key = prefix + (".".join(str(part) for part in problem["loc"]) or "(top level)")
        message = problem["msg"]
        if problem["type"] == "extra_forbidden":
            message = "unknown key"
        elif problem["type"] != "missing" and "password" not in key:
            message += f" (got {problem.get('input')!r})"
        lines.append(f"{key}: {message}")
    return lines


def one_line(problems: list[str]) -> str:
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return problems[0] + suffix
