"""The per-skill listing counts behind the matcher's rarity weights: read the stored facts,
keep the counts, hand them back."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.models import ListingRow, SkillFrequency
from storage.queries import as_json, chunks


def _with_facts(version: str) -> Any:
    return (col(ListingRow.facts_version) == version) & col(ListingRow.facts).is_not(None)


def count_with_facts(engine: Engine, version: str) -> int:
    """Listings whose facts come from this matcher version."""
    with Session(engine) as session:
        statement = select(func.count()).select_from(ListingRow).where(_with_facts(version))
        return session.exec(statement).one()


def stored_facts(engine: Engine, version: str, *, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every listing's facts of this matcher version, streamed."""
    statement = select(ListingRow.facts).where(_with_facts(version))
    with Session(engine) as session:
        for facts in session.exec(statement.execution_options(yield_per=batch)):
            if facts is not None:
                yield as_json(dict(facts) if isinstance(facts, Mapping) else facts)


def skill_counts(engine: Engine) -> tuple[dict[str, int], int, str | None]:
    """The stored counts: per skill, listings asking; listings read; their matcher version."""
    with Session(engine) as session:
        rows = session.exec(select(SkillFrequency)).all()
    if not rows:
        return {}, 0, None
    return {r.skill: r.listings for r in rows}, rows[0].of_listings, rows[0].matcher_version


def save_skill_counts(
    engine: Engine, counts: Mapping[str, int], of_listings: int, version: str, now: datetime
) -> None:
    """Replace the stored counts in one transaction."""
    rows = [
        {"skill": skill, "listings": n, "of_listings": of_listings,
         "matcher_version": version, "counted_at": now}
        for skill, n in counts.items()
    ]  # fmt: skip
    table = SkillFrequency.__table__  # type: ignore[attr-defined]
    with Session(engine) as session, session.begin():
        session.execute(delete(table))
        if not rows:  # an empty store still records that it was counted
            rows = [{"skill": "", "listings": 0, "of_listings": of_listings,
                     "matcher_version": version, "counted_at": now}]  # fmt: skip
        for chunk in chunks(rows, 500):
            session.execute(table.insert(), list(chunk))
