"""What `jobmatch insights` finds, as plain values: computed once, rendered many ways."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

MIN_GROUP = 5  # fewer listings than this in a pay group: "too few", never a number

# The report's grade bands: strong 70+, fair 45-69, weak below 45.
BANDS: tuple[tuple[str, float], ...] = (("strong", 70.0), ("fair", 45.0), ("weak", 0.0))


def band(score: float) -> int:
    """0 weak, 1 fair, 2 strong."""
    return 2 if score >= 70 else 1 if score >= 45 else 0


@dataclass(frozen=True)
class PayGroup:
    level: str
    place: str  # a city of the profile's, or "remote"
    count: int  # jobs stating pay we could convert
    p25: float | None  # None below MIN_GROUP
    p50: float | None
    p75: float | None
    annualised: dict[str, int] = field(default_factory=dict)  # period → jobs scaled to a year

    @property
    def too_few(self) -> bool:
        return self.count < MIN_GROUP


@dataclass(frozen=True)
class PaySection:
    currency: str
    floor: float | None  # the profile's floor, a year of it, in `currency`
    fx_date: str
    fx_source: str
    jobs: int  # jobs of the role family in the window
    with_pay: int  # of them, stating pay we could convert
    groups: tuple[PayGroup, ...]
    no_rate: dict[str, int] = field(default_factory=dict)  # currency without a rate → jobs


@dataclass(frozen=True)
class Opening:
    kind: str  # certification | skill | methodology | years
    item: str  # as it would be written in the profile ("PMP", "Kubernetes", "10")
    asked_by: int  # relevant jobs asking for it
    required_by: int  # of them, as a requirement rather than a plus
    reach: int  # net change in jobs at or above the threshold
    up_band: int  # jobs whose grade band rises
    rescored: int  # listings rescored for it
    examples: tuple[int, ...]  # listing ids of jobs it would bring to the threshold

    @property
    def label(self) -> str:
        if self.kind == "years":
            return f"{self.item} years of experience"
        return f"{self.item} ({self.kind})"


@dataclass(frozen=True)
class OpeningsSection:
    threshold: float
    jobs: int  # open jobs in the window with a score (what `matches` ranks)
    reaching: int  # of them, at or above the threshold now
    candidates: int  # qualifications the relevant listings ask for that the profile lacks
    evaluated: int  # candidates rescored; the others provably could not make the top
    rescored: int  # listings rescored, over all candidates
    top: tuple[Opening, ...]


@dataclass(frozen=True)
class Demand:
    kind: str  # certification | skill | methodology
    item: str
    required: int  # jobs asking it as a requirement
    preferred: int  # jobs naming it as a plus
    share_required: float  # of the jobs in the section, 0-1
    share_preferred: float


@dataclass(frozen=True)
class DemandSection:
    levels: tuple[str, ...]  # the seniority levels counted: within one of the profile's
    jobs: int
    have: tuple[Demand, ...]
    lack: tuple[Demand, ...]


@dataclass(frozen=True)
class LevelRow:
    level: str
    jobs: int  # open jobs of the role family at this level
    matches: int  # at or above the threshold
    meets: int  # whose years and required certifications the profile meets
    matches_met: int  # both
    best: float | None  # the best score at this level


@dataclass(frozen=True)
class LevelSection:
    yours: str
    next_up: str | None
    threshold: float
    rows: tuple[LevelRow, ...]
    verdict: str


@dataclass(frozen=True)
class TrendSeries:
    variant: str
    counts: tuple[int, ...]  # per week, oldest first

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class TrendSection:
    weeks: tuple[date, ...]  # the Monday of each week
    series: tuple[TrendSeries, ...]
    earlier: int = 0  # jobs first seen in the window but posted before it: not counted


@dataclass(frozen=True)
class Insights:
    profile: str
    generated_at: datetime
    since: datetime
    listings: int  # stored listings with facts first seen in the window
    family: tuple[str, ...]  # the role variants counted as the profile's role family
    pay: PaySection
    openings: OpeningsSection
    demand: DemandSection
    levels: LevelSection
    trend: TrendSection

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["generated_at"] = self.generated_at.isoformat()
        data["since"] = self.since.isoformat()
        data["trend"]["weeks"] = [week.isoformat() for week in self.trend.weeks]
        for series, raw in zip(self.trend.series, data["trend"]["series"], strict=True):
            raw["total"] = series.total
        for group, raw in zip(self.pay.groups, data["pay"]["groups"], strict=True):
            raw["too_few"] = group.too_few
        for opening, raw in zip(self.openings.top, data["openings"]["top"], strict=True):
            raw["label"] = opening.label
        return data
