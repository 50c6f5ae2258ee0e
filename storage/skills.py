"""The per-skill listing counts behind the matcher's rarity weights: read the stored facts,
keep the counts, hand them back."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import delete, func
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import chunks
from storage.models import ListingRow, SkillFrequency


def _with_facts(version: str) -> Any:
    return (col(ListingRow.facts_version) == version) & col(ListingRow.facts).is_not(None)


def count_with_facts(engine: Engine, version: str) -> int:
    """Listings whose facts come from this matcher version."""
    with Session(engine) as session:
        statement = select(func.count()).select_from(ListingRow).where(_with_facts(version))
        return session.exec(statement).one()


def asked_skills(engine: Engine, version: str, *, batch: int = 5000) -> Iterator[list[str]]:
    """Per listing with facts of this matcher version, the skills and methodologies it asks
    for, streamed; only those two fields are read (in SQL), not the whole facts."""
    facts = ListingRow.__table__.c.facts  # type: ignore[attr-defined]
    statement = (
        sa_select(facts["skills"], facts["methodologies"])
        .where(_with_facts(version))
        .execution_options(yield_per=batch)
    )
    with engine.connect() as connection:
        for skills, methodologies in connection.execute(statement):
            yield [*_as_list(skills), *_as_list(methodologies)]


def _as_list(value: Any) -> list[str]:
    """SQLite hands back JSON text; PostgreSQL the decoded list."""
    if isinstance(value, str | bytes):
        value = orjson.loads(value)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


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
