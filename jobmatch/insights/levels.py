"""Level fit: how the profile's matches spread over seniority levels, and whether its
stated level or the next one up holds more matches whose requirements it meets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jobmatch.insights.model import LevelRow, LevelSection
from jobmatch.insights.scope import higher_score, norm, one_per_job, reaches
from jobmatch.insights.store import Stored
from matcher.facts import SENIORITIES
from matcher.profile import Profile
from matcher.score import profile_keys


def meets(facts: Mapping[str, Any], years: float, held: frozenset[str]) -> bool:
    """`years` of experience and the certifications `held` (compared as the scorer does)
    meet the years the listing asks and, where it requires certifications, one of them
    (several in one requirement are alternatives, as the scorer reads them)."""
    asked = facts.get("years_min")
    if isinstance(asked, int | float) and years < asked:
        return False
    preferred = facts.get("preferred") or ()
    required = [c for c in facts.get("certifications") or () if c not in preferred]
    return not required or any(norm(c) in held for c in required)


def level_section(
    family_rows: Sequence[Stored], profile: Profile, *, level: int, threshold: float
) -> LevelSection:
    """`family_rows`: the role family's listings in the window. Counted as `matches` lists
    jobs: open, not ignored or rejected, one per job (its best-scoring copy)."""
    held, years = profile_keys(profile).certifications, profile.years_experience
    listed = [r for r in family_rows if r.open and not r.hidden and r.score is not None]
    jobs = one_per_job(listed, higher_score)
    # [jobs, matches, meets, matches met, best] per level, in one pass
    tally = {name: [0, 0, 0, 0, -1.0] for name in SENIORITIES}
    for row in jobs:
        counts = tally.get(row.facts.get("seniority"))  # type: ignore[arg-type]
        if counts is None:
            continue
        score = row.score or 0.0
        matched, met = reaches(score, threshold), meets(row.facts, years, held)
        counts[0] += 1
        counts[1] += matched
        counts[2] += met
        counts[3] += matched and met
        counts[4] = max(counts[4], score)
    rows = [
        LevelRow(name, int(n), int(m), int(ok), int(both), None if best < 0 else best)
        for name, (n, m, ok, both, best) in tally.items()
    ]
    yours = SENIORITIES[level]
    next_up = SENIORITIES[level + 1] if level + 1 < len(SENIORITIES) else None
    return LevelSection(
        yours=yours,
        next_up=next_up,
        threshold=threshold,
        rows=tuple(rows),
        verdict=_verdict(rows[level], rows[level + 1] if next_up else None),
    )


def _verdict(mine: LevelRow, up: LevelRow | None) -> str:
    if up is None:
        return f"{mine.level} is the top level: {mine.matches_met} matches you meet there"
    counts = f"{mine.level} {mine.matches_met}, {up.level} {up.matches_met}"
    if up.matches_met > mine.matches_met:
        return f"aim one level up: {up.level} has more matches you meet ({counts})"
    if up.matches_met == mine.matches_met:
        return f"{mine.level} and {up.level} have as many matches you meet ({counts})"
    return f"your level has more matches you meet ({counts})"
