"""Career insights from the stored listings: pay by level and place, the qualification
that would open the most jobs (by the real scorer), skills in demand, level fit, trend.

Read from the local store, offline. `compute_insights` returns plain values (`model`);
`render` turns them into a terminal table, JSON, Markdown or `html` a self-contained page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.engine import Engine

from jobmatch.insights import store
from jobmatch.insights.demand import demand_section
from jobmatch.insights.fx import annual, fx_table
from jobmatch.insights.levels import level_section
from jobmatch.insights.model import Insights
from jobmatch.insights.openings import openings_section
from jobmatch.insights.pay import pay_section
from jobmatch.insights.scope import (
    in_family,
    near_levels,
    profile_currency,
    profile_level,
    role_family,
)
from jobmatch.insights.trend import trend_section
from jobmatch.pipeline import stored_skill_rarity
from matcher.collector import collector_paused
from matcher.context import scoring_context
from matcher.extract.place import parse_place
from matcher.facts import ROLE_VARIANTS
from matcher.profile import Profile

__all__ = ["Insights", "compute_insights"]


def compute_insights(
    engine: Engine,
    profile: Profile,
    *,
    since: datetime,
    now: datetime,
    threshold: float,
    weights: Mapping[str, float],
    rates_to_usd: Mapping[str, float],
    workers: int = 1,
) -> Insights:
    """The insights for `profile` from listings first seen on or after `since`, against its
    stored scores (score the profile first: `jobmatch match`). The counterfactual's
    rescoring is split among up to `workers` processes when it is large."""
    with collector_paused():  # 100k+ small objects and no cycles: see matcher.collector
        context = scoring_context(profile, weights=weights, rates_to_usd=rates_to_usd, now=now)
        family = role_family(context)
        level = profile_level(profile)
        levels = near_levels(level)
        rows = store.load(engine, profile.name, since)
        family_rows = in_family(rows, family)
        relevant = [r for r in family_rows if r.facts.get("seniority") in levels]
        cities = tuple(
            dict.fromkeys(city for city, _ in map(parse_place, profile.locations) if city)
        )
        currency = profile_currency(profile, context)
        fx = fx_table(rates_to_usd)
        floor = None
        if profile.min_salary is not None:
            yearly = annual(profile.min_salary.amount, profile.min_salary.period)
            floor = (
                None
                if yearly is None
                else fx.convert(yearly, profile.min_salary.currency, currency)
            )
        return Insights(
            profile=profile.name,
            generated_at=now,
            since=since,
            listings=len(rows),
            family=tuple(v for v in ROLE_VARIANTS if v in family),
            pay=pay_section(
                rows, family=family, cities=cities, currency=currency, floor=floor, fx=fx
            ),
            openings=openings_section(
                rows,
                profile,
                relevant=[r for r in relevant if r.open and not r.hidden],
                threshold=threshold,
                weights=weights,
                rates_to_usd=rates_to_usd,
                skill_weights=stored_skill_rarity(engine),
                workers=workers,
                in_child=lambda: engine.dispose(close=False),
            ),
            demand=demand_section(relevant, profile, levels=levels),
            levels=level_section(family_rows, profile, level=level, threshold=threshold),
            trend=trend_section(family_rows, since=since, now=now),
        )
