"""The CV profile: a TOML file with a [profile] table (shared/eval/FORMAT.md)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from matcher.errors import ProfileError


class MinSalary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: float = Field(ge=0)
    currency: str = Field(min_length=3, max_length=3)
    period: Literal["year", "month", "hour"] = "year"


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
