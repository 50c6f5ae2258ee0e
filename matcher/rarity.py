"""How rare each skill is among the stored listings, as a weight: a skill nearly every
listing asks for ("Jira", "stakeholder management") says little about a fit; one few ask
for ("PI planning", "FinOps") says much. Pure: counts in, weights out; the store keeps the
counts (recomputed when it has changed a lot), not the query."""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping

from rapidfuzz.utils import default_process

# Below this many listings, shares are noise: every skill weighs 1.
MIN_LISTINGS = 50
# Recount when the listings read have grown or shrunk by this share since the last count.
RECOUNT_CHANGE = 0.2
# log10(listings / asking), kept within these: a skill one listing in ten asks for weighs 1,
# one most listings ask for 0.8, one asked by one in twenty or fewer 1.25. A wider range
# measured worse on real postings (real-dev NDCG@10 0.707 at 0.5-2.0 against 0.718 here):
# rarity refines a fit, it must not outweigh the role.
LIGHTEST, HEAVIEST = 0.8, 1.25
RARE = 1.2  # from here on (asked by ≤ 6% of listings) a skill is named as rare in the reasons


@functools.lru_cache(maxsize=4096)  # a few hundred canonical names, over and over
def skill_key(skill: str) -> str:
    """A skill as counted and looked up: case, punctuation and spacing folded."""
    return default_process(skill)


def count_listings_asking(asked: Iterable[Iterable[str]]) -> tuple[Counter[str], int]:
    """Per skill, how many listings ask for it; and how many listings were read. `asked`:
    per listing, the canonical names of the skills and methodologies it asks for."""
    counts: Counter[str] = Counter()
    read = 0
    for names in asked:
        counts.update({skill_key(name) for name in names})
        read += 1
    return counts, read


def rarity_weights(asking: Mapping[str, int], listings: int) -> dict[str, float]:
    """Per skill, its weight; empty (every skill weighs 1) for a small store."""
    if listings < MIN_LISTINGS:
        return {}
    return {
        skill: min(HEAVIEST, max(LIGHTEST, math.log10(listings / count)))
        for skill, count in asking.items()
        if count > 0
    }


def needs_recount(counted: int, now: int) -> bool:
    """Whether the store has changed enough since `counted` listings were read."""
    if counted == 0:
        return now >= MIN_LISTINGS
    return abs(now - counted) > RECOUNT_CHANGE * counted
