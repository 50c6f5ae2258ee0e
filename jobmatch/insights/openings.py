"""What would open the most jobs: for each qualification the relevant listings ask for and
the profile lacks, the stored listings are rescored by the real scorer with the profile
plus that one item, and the jobs reaching the threshold (or a higher grade band) counted.

Counted exactly as `matches --min-score T` lists jobs: open listings first seen in the
window, one row per job (the best score of its copies), ignored and rejected jobs left out.

Only what can change is rescored, from the stored facts:
- the listings whose facts name the item (for more years: those asking for a number of
  years, or every one when the profile's level comes from its years);
- not a listing scored 0 for a dealbreaker: dealbreakers come from the place, the right to
  work, working conditions and exclude keywords, none of which a qualification changes.
  For the same reason the description, which the scorer reads only to find exclude
  keywords, is not reread: a listing that did not say one still does not;
- not a listing whose score cannot cross the threshold or a band boundary: the score is
  its components' points over their maximum (config weights), so one item moves it by at
  most its components' share (certifications: required + preferred; a skill or a
  methodology: skills; years: level), and a qualification only adds points (more years
  may also take some away, so both directions are checked for years).
Candidates are tried most promising first and the search stops when no untried one could
beat the tenth best: a candidate can lift at most the jobs it touches that are below the
threshold (below the top band), so the top ten is the one trying every candidate gives.
Large batches are split among worker processes, as `jobmatch match` splits scoring.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from jobmatch.insights.model import Opening, OpeningsSection, band
from jobmatch.insights.scope import norm, reaches
from jobmatch.insights.store import Stored
from jobmatch.parallel import run_sharded
from matcher.collector import collector_paused
from matcher.context import scoring_context
from matcher.facts import SENIORITIES, Facts
from matcher.profile import Profile
from matcher.score import (
    CAP_REQUIRED_CERTIFICATE,
    CAP_YEARS_FAR_ABOVE,
    Match,
    ScoringContext,
    profile_keys,
    rescore,
    score_listing,
    years_far_above,
)

TOP = 10
EXAMPLES = 5  # listing ids shown per opening
YEARS_CANDIDATES = 1  # "more years" tried: the count the next level up asks most
PARALLEL_FROM = 20_000  # listings to rescore in a round before a second process pays off
# The score components an item can move, by kind (matcher.score's names).
COMPONENTS = {"certification": ("required", "preferred"), "skill": ("skills",),
              "methodology": ("skills",), "years": ("level",)}  # fmt: skip
ROUNDING = 0.11  # scores are stored rounded to 0.1: a move can look 0.1 larger


@dataclass
class _Candidate:
    kind: str  # certification | skill | methodology | years
    item: str
    jobs: set[int] = field(default_factory=set)  # relevant jobs asking for it
    required: set[int] = field(default_factory=set)
    touched: list[int] = field(default_factory=list)  # population rows to rescore (indices)


@dataclass(frozen=True)
class _Scene:
    """What every evaluation reads (shared with forked workers, never copied back)."""

    population: Sequence[Stored]
    profile: Profile
    weights: Mapping[str, float]
    rates_to_usd: Mapping[str, float]
    skill_weights: Mapping[str, float]  # the rarity weights the stored scores used
    threshold: float
    members: Mapping[int, list[int]]  # job → population rows
    best: Mapping[int, float]  # job → its best stored score
    # Facts decoded once per listing (per process), however many candidates touch it.
    facts: dict[int, Facts] = field(default_factory=dict)

    # Each listing's match for the profile as it is, however many candidates touch it.
    bases: dict[int, Match] = field(default_factory=dict)
    contexts: dict[datetime | None, ScoringContext] = field(default_factory=dict)

    def facts_of(self, row: Stored) -> Facts:
        facts = self.facts.get(row.id)
        if facts is None:
            facts = self.facts[row.id] = Facts.from_dict(row.facts)
        return facts

    def base_of(self, row: Stored, facts: Facts) -> Match:
        """The row's match for the profile, scored as it was stored: with the `now` of its
        stored score (the text is not reread: see the module's note on exclude keywords)."""
        match = self.bases.get(row.id)
        if match is None:
            context = self.contexts.get(row.scored_at)
            if context is None:
                context = self.contexts[row.scored_at] = scoring_context(
                    self.profile,
                    weights=self.weights,
                    rates_to_usd=self.rates_to_usd,
                    now=row.scored_at,
                    skill_weights=self.skill_weights,
                )
            match = self.bases[row.id] = score_listing(
                facts, self.profile, title=row.title, text="", posted_at=row.posted_at,
                context=context,
            )  # fmt: skip
        return match


def with_item(profile: Profile, kind: str, item: str) -> Profile:
    """The profile as its file would read with the item added (validated the same way)."""
    data = profile.model_dump()
    if kind == "certification":
        data["certifications"] = [*profile.certifications, item]
    elif kind == "skill":
        data["skills"] = [*profile.skills, item]
    elif kind == "methodology":
        data["methodologies"] = [*profile.methodologies, item]
    elif kind == "years":
        data["years_experience"] = float(item)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return Profile.model_validate(data)


def openings_section(
    rows: Sequence[Stored],
    profile: Profile,
    *,
    relevant: Sequence[Stored],
    threshold: float,
    weights: Mapping[str, float],
    rates_to_usd: Mapping[str, float],
    skill_weights: Mapping[str, float] | None = None,
    workers: int = 1,
    in_child: Callable[[], None] | None = None,
) -> OpeningsSection:
    """`rows`: everything loaded for the window; `relevant`: the listings whose asks make
    the candidates (the role family, near the profile's level). `in_child` runs first in
    each forked worker (to drop inherited database connections)."""
    population = [r for r in rows if r.open and not r.hidden and r.score is not None]
    best: dict[int, float] = {}
    members: dict[int, list[int]] = {}
    for index, row in enumerate(population):
        score = row.score or 0.0
        if score > best.get(row.job, -1.0):
            best[row.job] = score
        members.setdefault(row.job, []).append(index)
    reaching = sum(reaches(s, threshold) for s in best.values())
    scene = _Scene(
        population, profile, weights, rates_to_usd, skill_weights or {}, threshold, members, best
    )

    candidates = _candidates(relevant, profile)
    _touch(candidates, scene)
    bounds = {id(c): _bound(c, scene) for c in candidates}
    order = sorted(
        candidates,
        key=lambda c: (bounds[id(c)], len(c.jobs), c.kind, c.item.casefold()),
        reverse=True,
    )

    # Two rounds: the TOP most promising; then every candidate that could still beat the
    # tenth best of those (the tenth best only rises, so no third round is needed).
    results = _evaluate_all(order[:TOP], scene, workers, in_child)
    if len(order) > TOP:
        tenth = sorted(((o.reach, o.up_band) for o in results), reverse=True)[TOP - 1]
        rest = [c for c in order[TOP:] if bounds[id(c)] >= tenth]
        results += _evaluate_all(rest, scene, workers, in_child)
    results.sort(key=lambda o: (-o.reach, -o.up_band, -o.asked_by, o.kind, o.item.casefold()))
    return OpeningsSection(
        threshold=threshold,
        jobs=len(best),
        reaching=reaching,
        candidates=len(candidates),
        evaluated=len(results),
        rescored=sum(o.rescored for o in results),
        top=tuple(results[:TOP]),
    )


def _bound(candidate: _Candidate, scene: _Scene) -> tuple[int, int]:
    """The most (reach, up_band) the candidate could give: the jobs with a listing it
    rescores that is within its largest move below the threshold, and below a band."""
    # The cap the item may lift counts too: only touched rows are read, and those the cap
    # does not hold were touched only when the share alone could carry them.
    lift = {"certification": CERT_LIFT, "years": YEARS_LIFT}.get(candidate.kind, 0.0)
    move = most_move(candidate.kind, scene.weights) + lift
    reach = _reach_line(scene.threshold)
    below_reach: set[int] = set()
    below_band: set[int] = set()
    for index in candidate.touched:
        row = scene.population[index]
        score = row.score or 0.0
        if reach - move <= score < reach:
            below_reach.add(row.job)
        if any(b - move <= score < b for b in (45.0, 70.0)):
            below_band.add(row.job)
    return len(below_reach), len(below_band)


def _reach_line(threshold: float) -> float:
    return threshold if threshold > 0 else 0.05  # a 0 is never listed: 0.1 is the first


def _candidates(relevant: Sequence[Stored], profile: Profile) -> list[_Candidate]:
    """Certifications, skills and methodologies the relevant listings ask for that the
    profile lacks (by the scorer's comparison), and the years they ask beyond the profile's."""
    keys = profile_keys(profile)
    held_certs, held_skills = keys.certifications, keys.skills
    found: dict[tuple[str, str], _Candidate] = {}
    years_jobs: dict[int, set[int]] = {}
    years_up: Counter[int] = Counter()  # years asked by the next level up, beyond yours
    have = profile.years_experience
    next_up = SENIORITIES[min(keys.level + 1, len(SENIORITIES) - 1)]
    for row in relevant:
        facts = row.facts
        preferred = facts.get("preferred") or ()
        for kind, names, held, space in (
            ("certification", facts.get("certifications") or (), held_certs, "cert"),
            ("skill", facts.get("skills") or (), held_skills, "skill"),
            ("methodology", facts.get("methodologies") or (), held_skills, "skill"),
        ):
            for name in names:
                key = norm(name)
                if key in held:
                    continue
                # A skill and a methodology of one name are one item to the scorer.
                candidate = found.get((space, key))
                if candidate is None:
                    candidate = found[(space, key)] = _Candidate(kind, name)
                candidate.jobs.add(row.job)
                if name not in preferred:
                    candidate.required.add(row.job)
        years = facts.get("years_min")
        if isinstance(years, int) and years > have:
            years_jobs.setdefault(years, set()).add(row.job)
            if facts.get("seniority") == next_up:
                years_up[years] += 1
    # More years "for a level": what the next level up asks most (else any listing).
    asked = years_up or Counter({years: len(jobs) for years, jobs in years_jobs.items()})
    chosen = sorted(asked, key=lambda y: (-asked[y], y))[:YEARS_CANDIDATES]
    for years in chosen:
        # Having `years` meets every listing asking for more than you have, up to it.
        met = set().union(*(jobs for y, jobs in years_jobs.items() if y <= years))
        found[("years", str(years))] = _Candidate("years", str(years), met, set(met))
    return list(found.values())


def _touch(candidates: Sequence[_Candidate], scene: _Scene) -> None:
    """For each candidate, the population rows it must rescore: those whose facts name it
    and whose score it could move across the threshold or a band boundary."""
    by_key: dict[tuple[str, str], _Candidate] = {}
    years: list[_Candidate] = []
    for candidate in candidates:
        if candidate.kind == "years":
            years.append(candidate)
        else:
            space = "cert" if candidate.kind == "certification" else "skill"
            by_key[(space, norm(candidate.item))] = candidate
    lines = (_reach_line(scene.threshold), 45.0, 70.0)
    cert_move = most_move("certification", scene.weights)
    skill_move = most_move("skill", scene.weights)
    years_move = most_move("years", scene.weights)
    level_from_years = scene.profile.seniority is None
    held = {norm(c) for c in scene.profile.certifications}
    have = scene.profile.years_experience
    for index, row in enumerate(scene.population):
        if row.dealbreaker:  # a 0 no qualification moves
            continue
        score = row.score or 0.0
        # How far below (above) the nearest line the score is: a move must reach it.
        up = min((line - score for line in lines if line > score), default=999.0)
        down = min((score - line for line in lines if line <= score), default=999.0)
        facts = row.facts
        preferred = set(facts.get("preferred") or ())
        required = [c for c in facts.get("certifications") or () if c not in preferred]
        cert_capped = bool(required) and not any(norm(c) in held for c in required)
        years_min = facts.get("years_min")
        years_capped = isinstance(years_min, int) and years_far_above(years_min, have)
        hit: set[int] = set()
        for space, names, reachable in (
            ("cert", facts.get("certifications") or (), up <= cert_move + CERT_LIFT * cert_capped),
            ("skill", facts.get("skills") or (), up <= skill_move),
            ("skill", facts.get("methodologies") or (), up <= skill_move),
        ):
            if not reachable:
                continue
            for name in names:
                found = by_key.get((space, norm(name)))
                if found is not None and id(found) not in hit:
                    hit.add(id(found))
                    found.touched.append(index)
        if (
            years
            # more years may also cost points
            and (up <= years_move + YEARS_LIFT * years_capped or down < years_move)
            and (
                level_from_years
                or facts.get("years_min") is not None
                or facts.get("years_max") is not None
            )
        ):
            for candidate in years:
                candidate.touched.append(index)


# A hard gap caps a score (matcher.score._hard_gap): on a listing it caps, the item that
# closes the gap lifts the cap as well as earning its own points.
CERT_LIFT = 100.0 - CAP_REQUIRED_CERTIFICATE
YEARS_LIFT = 100.0 - CAP_YEARS_FAR_ABOVE


def most_move(kind: str, weights: Mapping[str, float]) -> float:
    """The most one item of `kind` can move a score on a listing without a hard gap: its
    components' share of the whole (the whole, when a component is not among the weights)."""
    names = COMPONENTS[kind]
    total = sum(weights.values())
    if total <= 0 or any(name not in weights for name in names):
        return 100.0
    return 100.0 * sum(weights[name] for name in names) / total + ROUNDING


def _evaluate_all(
    candidates: Sequence[_Candidate],
    scene: _Scene,
    workers: int,
    in_child: Callable[[], None] | None,
) -> list[Opening]:
    """Rescore for every candidate, the listings split among `workers` processes when
    there are enough (by listing, so each decodes a listing's facts once)."""
    total = sum(len(c.touched) for c in candidates)
    shards = max(1, min(workers, total // PARALLEL_FROM + 1))

    def shard(k: int, n: int) -> list[dict[int, float]]:
        with collector_paused():
            return [
                _rescore(c, [i for i in c.touched if i % n == k] if n > 1 else c.touched, scene)
                for c in candidates
            ]

    parts = run_sharded(shard, shards, in_child=in_child)
    openings = []
    for j, candidate in enumerate(candidates):
        new: dict[int, float] = {}
        for part in parts:
            new.update(part[j])
        openings.append(_opening(candidate, new, scene))
    return openings


# The profile field each kind of item changes (matcher.score.MOVED_BY's keys).
CHANGES = {"certification": "certifications", "skill": "skills", "methodology": "skills",
           "years": "years_experience"}  # fmt: skip


def _rescore(candidate: _Candidate, indices: Sequence[int], scene: _Scene) -> dict[int, float]:
    """The scores of the given population rows for the profile plus the candidate: each
    row's match for the profile as it is, with the components the item moves redone."""
    profile = with_item(scene.profile, candidate.kind, candidate.item)
    context = scoring_context(
        profile,
        weights=scene.weights,
        rates_to_usd=scene.rates_to_usd,
        now=None,  # recency is not redone: the stored score's `now` stays in the base match
        skill_weights=scene.skill_weights,
    )
    changed = CHANGES[candidate.kind]
    population = scene.population
    new: dict[int, float] = {}
    for index in indices:
        row = population[index]
        facts = scene.facts_of(row)
        match = rescore(scene.base_of(row, facts), facts, profile, changed=changed, context=context)
        new[index] = match.score
    return new


def _opening(candidate: _Candidate, new: Mapping[int, float], scene: _Scene) -> Opening:
    """Count, job by job (its best copy), what the new scores change."""
    population, threshold = scene.population, scene.threshold
    reach = up = 0
    newly: list[tuple[float, int]] = []
    # Only a job with a changed score can change: the others keep their best copy's score.
    changed = {population[i].job for i, score in new.items() if score != population[i].score}
    for job in changed:
        top_row, after = -1, -1.0
        for i in scene.members[job]:
            score = new.get(i, population[i].score or 0.0)
            if score > after or (score == after and population[i].id < population[top_row].id):
                top_row, after = i, score
        before = scene.best[job]
        now_in, was_in = reaches(after, threshold), reaches(before, threshold)
        reach += int(now_in) - int(was_in)
        up += band(after) > band(before)
        if now_in and not was_in:
            newly.append((-after, population[top_row].id))
    return Opening(
        kind=candidate.kind,
        item=candidate.item,
        asked_by=len(candidate.jobs),
        required_by=len(candidate.required),
        reach=reach,
        up_band=up,
        rescored=len(candidate.touched),
        examples=tuple(listing for _, listing in sorted(newly)[:EXAMPLES]),
    )
