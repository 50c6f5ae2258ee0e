"""What a listing asks for, extracted once per listing version and stored as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The TPM family: the roles a TPM-family profile may target.
TPM_VARIANTS = (
    "technical_project_manager",
    "technical_program_manager",
    "it_project_manager",
    "agile_project_manager",
    "scrum_master",
    "devops_project_manager",
    "delivery_manager",
    "technical_project_assistant",
)
ROLE_VARIANTS = (
    *TPM_VARIANTS,
    "product_manager",
    "non_technical_project_manager",
    "engineering_role",
    "other",
)
SENIORITIES = ("entry", "junior", "mid", "senior", "lead", "principal")
WORK_MODES = ("remote", "hybrid", "onsite")


@dataclass(frozen=True, slots=True)
class SalaryRange:
    min: float | None
    max: float | None
    currency: str  # ISO 4217
    period: str  # "year" | "month" | "hour"


@dataclass(frozen=True, slots=True)
class Facts:
    """Field names and vocabularies follow `truth` in shared/eval/FORMAT.md, plus extras."""

    role_variant: str = "other"
    title_key: str = ""  # the title normalised for comparing with target roles
    seniority: str = "mid"
    years_min: int | None = None
    years_max: int | None = None
    certifications: tuple[str, ...] = ()  # canonical names, required or preferred
    skills: tuple[str, ...] = ()  # canonical names
    methodologies: tuple[str, ...] = ()  # canonical names
    preferred: tuple[str, ...] = ()  # which of the above are only "a plus" / preferred
    degree_level: str | None = None  # "bachelor" | "master" | "phd"
    degree_fields: tuple[str, ...] = ()
    salary: SalaryRange | None = None
    work_mode: str = "onsite"
    country: str | None = None  # ISO 3166 alpha-2
    city: str | None = None  # canonical city name
    # A remote job open only to some regions or countries ("EMEA", "US", "CA"); empty when
    # open anywhere or to just `country`.
    remote_scope: tuple[str, ...] = ()
    # A remote US job open only to residents of some states ("must reside in one of the
    # following states: IA, MN, WI, IL"): their codes; empty when no list is given.
    remote_states: tuple[str, ...] = ()
    # ...the countries it cannot hire in ("we cannot hire in India or China"), and the band
    # of UTC offsets its hires must live between ((-3.0, 3.0) for "between UTC-3 and UTC+3").
    remote_excluded: tuple[str, ...] = ()
    remote_utc: tuple[float, ...] = ()
    conditions: tuple[str, ...] = ()  # imposed working conditions: "night shift", "service bond"
    travel_percent: int | None = None  # the most travel asked, as a share of the time
    # Working hours the job keeps in a named time zone, as (start, end) hours in UTC
    # ("9am-5pm US Pacific": (17.0, 1.0)); empty when the text names none.
    hours_utc: tuple[float, ...] = ()
    # A city the text says the hire must move to ("relocation to Pune is mandatory"), as
    # the place table names it; None when it says none.
    relocation_to: str | None = None
    # Where the right to work (or residence) is required ("must be authorized to work in the
    # US": ("US",)), and whether visa sponsorship is ruled out.
    work_authorisation: tuple[str, ...] = ()
    no_sponsorship: bool = False
    # The terms offered: "part_time", "contract" (fixed-term, contract-to-hire, freelance),
    # "internship", "permanent"; None when nothing says.
    employment: str | None = None
    # The pay stated is a basic salary with allowances on top ("Basic AED 24,000 per month
    # plus housing and transport allowances"), the package not stated: as the Gulf writes it.
    pay_basic: bool = False

    def truth(self) -> dict[str, Any]:
        """The FORMAT.md truth fields, same names and values."""
        return {
            "role_variant": self.role_variant,
            "seniority": self.seniority,
            "years_min": self.years_min,
            "certifications": sorted(self.certifications),
            "salary": asdict(self.salary) if self.salary else None,
            "work_mode": self.work_mode,
            "country": self.country,
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        """Facts as stored (JSON lists for tuples); unknown keys from newer versions ignored,
        missing ones take their defaults."""
        if data.keys() == _FIELDS:  # as this version stores them: the quick way, 100k a night
            salary = data["salary"]
            return cls(
                role_variant=data["role_variant"],
                title_key=data["title_key"],
                seniority=data["seniority"],
                years_min=data["years_min"],
                years_max=data["years_max"],
                certifications=tuple(data["certifications"]),
                skills=tuple(data["skills"]),
                methodologies=tuple(data["methodologies"]),
                preferred=tuple(data["preferred"]),
                degree_level=data["degree_level"],
                degree_fields=tuple(data["degree_fields"]),
                salary=SalaryRange(**salary) if salary else None,
                work_mode=data["work_mode"],
                country=data["country"],
                city=data["city"],
                remote_scope=tuple(data["remote_scope"]),
                remote_states=tuple(data["remote_states"]),
                remote_excluded=tuple(data["remote_excluded"]),
                remote_utc=tuple(data["remote_utc"]),
                conditions=tuple(data["conditions"]),
                travel_percent=data["travel_percent"],
                hours_utc=tuple(data["hours_utc"]),
                relocation_to=data["relocation_to"],
                work_authorisation=tuple(data["work_authorisation"]),
                no_sponsorship=data["no_sponsorship"],
                employment=data["employment"],
                pay_basic=data["pay_basic"],
            )
        known = {k: v for k, v in data.items() if k in _FIELDS}
        for key in _TUPLE_FIELDS.intersection(known):
            known[key] = tuple(known[key])
        salary = known.get("salary")
        known["salary"] = SalaryRange(**salary) if salary else None
        return cls(**known)


_FIELDS = frozenset(Facts.__dataclass_fields__)
_TUPLE_FIELDS = frozenset(
    name for name, spec in Facts.__dataclass_fields__.items() if "tuple" in str(spec.type)
)
