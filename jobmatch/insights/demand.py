"""Skills in demand: the certifications, skills and methodologies most asked for by the
role family's listings within one level of the profile, split into what the profile has
and what it lacks, with the share asking each as a requirement and as a plus."""

from __future__ import annotations

from collections.abc import Sequence

from jobmatch.insights.model import Demand, DemandSection
from jobmatch.insights.scope import first_listed, norm, one_per_job
from jobmatch.insights.store import Stored
from matcher.profile import Profile
from matcher.score import profile_keys

SHOWN = 12  # items per list


def demand_section(
    relevant: Sequence[Stored], profile: Profile, *, levels: tuple[str, ...]
) -> DemandSection:
    """`relevant`: the role family's listings at `levels`, first seen in the window (open
    or since closed: both say what the market asks). One listing per job."""
    jobs = one_per_job(relevant, first_listed)
    keys = profile_keys(profile)
    asked: dict[tuple[str, str], list[int]] = {}  # (kind, item) → [required, preferred]
    for row in jobs:
        facts = row.facts
        preferred = facts.get("preferred") or ()
        for kind, names in (
            ("certification", facts.get("certifications") or ()),
            ("skill", facts.get("skills") or ()),
            ("methodology", facts.get("methodologies") or ()),
        ):
            for name in set(names):
                counts = asked.get((kind, name))
                if counts is None:
                    counts = asked[(kind, name)] = [0, 0]
                counts[1 if name in preferred else 0] += 1
    held = {
        key: norm(key[1]) in (keys.certifications if key[0] == "certification" else keys.skills)
        for key in asked
    }
    total = len(jobs)
    items = sorted(asked.items(), key=lambda kv: (-sum(kv[1]), -kv[1][0], kv[0][1].casefold()))
    demands = [
        (
            held[key],
            Demand(
                kind=key[0],
                item=key[1],
                required=required,
                preferred=preferred,
                share_required=required / total if total else 0.0,
                share_preferred=preferred / total if total else 0.0,
            ),
        )
        for key, (required, preferred) in items
    ]
    return DemandSection(
        levels=levels,
        jobs=total,
        have=tuple(d for has, d in demands if has)[:SHOWN],
        lack=tuple(d for has, d in demands if not has)[:SHOWN],
    )
