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
        raise ProfileError(f"{path}: {describe_validation_error(e)}") from None


def describe_validation_error(error: ValidationError) -> str:
    """The first problem as 'key.path: what is wrong (got X)'."""
    first = error.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] != "missing":
        message += f" (got {first.get('input')!r})"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{key}: {message}{suffix}"
