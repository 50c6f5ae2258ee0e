"""Trend: new listings per week for each role variant of the family over the window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from jobmatch.insights.model import TrendSection, TrendSeries
from jobmatch.insights.store import Stored
from matcher.facts import ROLE_VARIANTS


def week_of(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def trend_section(family_rows: Sequence[Stored], *, since: datetime, now: datetime) -> TrendSection:
    """A job counts once, in the week it appeared (posted, or first seen where the board
    gives no date); jobs that appeared before the window are not counted."""
    first = week_of(since.date())
    last = week_of(now.date())
    weeks = tuple(first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1))
    index = {week: k for k, week in enumerate(weeks)}
    # A job's first copy to appear; `appeared` computed once per listing.
    first_of: dict[int, tuple[datetime, int, Stored]] = {}
    for row in family_rows:
        key = (row.appeared, row.id, row)
        held = first_of.get(row.job)
        if held is None or key[:2] < held[:2]:
            first_of[row.job] = key
    counts: dict[str, list[int]] = {}
    earlier = 0
    weeks_of: dict[date, int | None] = {}
    for appeared, _, row in first_of.values():
        day = appeared.date()
        k = weeks_of.get(day, -1)
        if k == -1:
            k = weeks_of[day] = index.get(week_of(day))
        if appeared < since or k is None:
            earlier += 1
            continue
        variant = str(row.facts.get("role_variant"))
        counts.setdefault(variant, [0] * len(weeks))[k] += 1
    order = {variant: k for k, variant in enumerate(ROLE_VARIANTS)}
    series = tuple(
        TrendSeries(variant, tuple(per_week))
        for variant, per_week in sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))
    )
    return TrendSection(weeks=weeks, series=series, earlier=earlier)
