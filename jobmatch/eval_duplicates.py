"""Duplicate grouping measured on a labelled set: the pairs of listings the stored groups
put together, against the set's `duplicates.tsv` (shared/eval/FORMAT.md: a header, then one
pair of listing ids per line). Measured on the groups the pipeline stores, as a user's
database holds them: store, facts, grouping."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from jobmatch.errors import InputError

Pair = frozenset[str]


@dataclass(frozen=True, slots=True)
class PairAccuracy:
    precision: float  # of the pairs grouped, the share that are one job (1.0 when none)
    recall: float  # of the pairs that are one job, the share grouped
    true_pairs: int
    found_pairs: int

    def render(self) -> str:
        return (
            f"duplicate pairs: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"({self.true_pairs} pairs are one job; {self.found_pairs} grouped)"
        )


def read_pairs(path: Path, listings: set[str]) -> set[Pair]:
    """The pairs `duplicates.tsv` names; a line that is not two known ids is an InputError
    naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    pairs: set[Pair] = set()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        ids = line.split("\t")
        if len(ids) != 2 or not all(i.strip() in listings for i in ids) or ids[0] == ids[1]:
            raise InputError(f"{path}:{number}: expected two different listing ids of the set")
        pairs.add(frozenset(i.strip() for i in ids))
    return pairs


def stored_pairs(engine: Engine) -> set[Pair]:
    """Every pair of listings (by external id) that share a stored group."""
    members: dict[int, list[str]] = defaultdict(list)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, external_id, group_id FROM listing"))
        for row_id, external_id, group_id in rows:
            members[group_id if group_id is not None else row_id].append(external_id)
    return {frozenset(p) for group in members.values() for p in combinations(sorted(group), 2)}


def pair_accuracy(found: set[Pair], true: set[Pair]) -> PairAccuracy:
    hit = len(found & true)
    return PairAccuracy(
        precision=hit / len(found) if found else 1.0,
        recall=hit / len(true) if true else 1.0,
        true_pairs=len(true),
        found_pairs=len(found),
    )
