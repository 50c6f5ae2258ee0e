"""Skills weighed by rarity: a skill few stored listings ask for counts more than one nearly
all ask for, the counts are stored (recounted only when the store changed a lot), and the
reasons name the rare skills matched."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jobmatch import pipeline
from jobmatch.config import MatcherSection
from matcher.profile import Profile
from matcher.rarity import MIN_LISTINGS, needs_recount, rarity_weights
from scraper.listing import Listing
from storage import queries
from storage.models import MatchRow, SkillFrequency

NOW = datetime(2026, 12, 1, tzinfo=UTC)
PROFILE = Profile(
    name="asha",
    target_roles=["Technical Project Manager"],
    years_experience=7,
    seniority="senior",
    skills=["Jira", "PI planning"],
    methodologies=["SAFe"],  # PI planning is a SAFe practice: listings asking it ask SAFe
    locations=["Bengaluru"],
)


def job(n: int, skills: str) -> Listing:
    return Listing(
        source="greenhouse:acme",
        external_id=str(n),
        url=f"https://job-boards.greenhouse.io/acme/jobs/{n}",
        title="Senior Technical Project Manager",
        company=f"Acme {n}",
        location="Bengaluru, India",
        description=f"Lead software delivery with engineering teams. Must have: {skills}. 7+ years.",
        posted_at=NOW - timedelta(days=1),
    )


def store(engine: Engine, jobs: list[Listing]) -> None:
    queries.upsert_listings(engine, jobs, now=NOW)
    pipeline.extract_new_facts(engine)


def score(engine: Engine) -> dict[str, MatchRow]:
    matcher = MatcherSection()
    pipeline.score_profile(
        engine, PROFILE, weights=matcher.weights, rates_to_usd=matcher.rates_to_usd, now=NOW
    )
    with Session(engine) as session:
        rows = session.exec(select(MatchRow)).all()
        ids = {r.id: r.external_id for r in queries.iter_listings(engine)}
        return {ids[r.listing_id]: r for r in rows}


def rare_named(reasons: list[str]) -> bool:
    return any(r.startswith("matched rare skill") and "PI planning" in r for r in reasons)


def counts(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {r.skill: r.of_listings for r in session.exec(select(SkillFrequency))}


def test_weights_follow_how_many_listings_ask() -> None:
    weights = rarity_weights({"jira": 90, "confluence": 10, "pi planning": 1}, 100)
    assert weights["jira"] < weights["confluence"] < weights["pi planning"]
    assert rarity_weights({"jira": 9}, MIN_LISTINGS - 1) == {}  # too few to tell
    assert needs_recount(0, MIN_LISTINGS) and not needs_recount(0, MIN_LISTINGS - 1)
    assert not needs_recount(100, 115) and needs_recount(100, 121)


def test_a_rare_skill_matched_weighs_more_and_is_named(engine: Engine) -> None:
    # Jira everywhere; PI planning in 1 of 60; Confluence in 6 of 60.
    jobs = [job(n, "Jira, Confluence" if n < 5 else "Jira") for n in range(58)]
    jobs += [job(58, "Jira, PI planning"), job(59, "Jira, Confluence")]
    store(engine, jobs)
    scored = score(engine)

    rare = scored["58"]  # has both asks: Jira (common) and PI planning (rare)
    common = scored["59"]  # has Jira, lacks Confluence (asked by a third)
    assert rare_named(rare.reasons)
    assert rare.score > common.score
    skills_rare = rare.components["skills"]["points"]
    assert skills_rare == rare.components["skills"]["max"]  # both asks met
    # Missing a skill one listing in ten asks for costs more than half the skills points:
    # the missing one (Confluence, rarer than Jira) weighs more than the matched one.
    skills_common = common.components["skills"]
    assert skills_common["points"] < skills_common["max"] / 2
    assert set(counts(engine).values()) == {60}


def test_counts_are_kept_until_the_store_changes_a_lot(engine: Engine) -> None:
    store(engine, [job(n, "Jira" if n else "Jira, PI planning") for n in range(60)])
    score(engine)
    assert set(counts(engine).values()) == {60}

    store(engine, [job(n, "Jira") for n in range(60, 70)])  # +17%: the count stands
    score(engine)
    assert set(counts(engine).values()) == {60}

    store(engine, [job(n, "Jira") for n in range(70, 80)])  # +33% since the count
    score(engine)
    assert set(counts(engine).values()) == {80}


def test_a_recount_rescores(engine: Engine) -> None:
    store(engine, [job(n, "Jira" if n else "Jira, PI planning") for n in range(60)])
    first = score(engine)["0"]
    store(engine, [replace(job(n, "PI planning"), company="Other") for n in range(60, 100)])
    again = score(engine)["0"]  # PI planning is common now: listing 0 was rescored
    assert again.profile_hash != first.profile_hash
    assert rare_named(first.reasons)
    assert not rare_named(again.reasons)
