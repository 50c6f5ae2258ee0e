"""The facts of every labelled set, field by field, against stored goldens.

A speed change never changes a fact: `tests/fixtures/facts_golden/<set>.json` holds the
facts (`Facts.to_dict()`) of each listing of the shared dev set, bench/sets/holdout-1..7, dupes-1
and the long postings bench/bench_extract.py builds from them, with the MATCHER_VERSION
that extracted them.

Only a deliberate matcher change may regenerate them, in its own commit together with its
MATCHER_VERSION bump (stored facts are per version, so a fact changed without a bump would
leave stale facts in every database):

    .venv/bin/python bench/bench_extract.py --write-goldens
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from matcher import MATCHER_VERSION

BENCH = Path(__file__).parent.parent / "bench" / "bench_extract.py"
REGENERATE = ".venv/bin/python bench/bench_extract.py --write-goldens"
SHOWN = 15  # differences printed at most


def _bench() -> ModuleType:
    """bench/bench_extract.py: where the sets are, how the long set is built, the goldens."""
    spec = importlib.util.spec_from_file_location("bench_extract", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()
SET_NAMES = [*bench.SETS, "long"]


def _listings(name: str) -> list[dict[str, Any]]:
    sets = bench.labelled_sets()
    if name == "long":
        if set(sets) != set(bench.SETS):
            pytest.skip("the long set is built from every labelled set; some are missing")
        return list(bench.long_postings(sets))
    if name not in sets:
        pytest.skip(f"{bench.SETS[name]} is not here")
    return list(sets[name])


def _differences(want: dict[str, Any], got: dict[str, Any]) -> list[str]:
    found = []
    for listing_id in sorted(want.keys() | got.keys()):
        if listing_id not in got:
            found.append(f"{listing_id}: in the goldens, no longer in the set")
        elif listing_id not in want:
            found.append(f"{listing_id}: in the set, not in the goldens")
        else:
            for field in sorted(want[listing_id].keys() | got[listing_id].keys()):
                before, now = want[listing_id].get(field), got[listing_id].get(field)
                if before != now:
                    found.append(f"{listing_id}: {field} golden {before!r}, now {now!r}")
    return found


@pytest.mark.parametrize("name", SET_NAMES)
def test_facts_match_the_goldens(name: str) -> None:
    listings = _listings(name)
    golden = json.loads((bench.GOLDENS / f"{name}.json").read_text(encoding="utf-8"))
    # JSON round trip: tuples become lists, as in the goldens.
    got = json.loads(json.dumps(bench.facts_of({name: listings})))
    found = _differences(golden["facts"], got)
    if golden["matcher_version"] != MATCHER_VERSION:
        pytest.fail(
            f"{name}: goldens written by matcher {golden['matcher_version']}, this is "
            f"{MATCHER_VERSION}; with the facts reviewed, regenerate them: {REGENERATE}"
            + "".join(f"\n  {line}" for line in found[:SHOWN])
        )
    assert not found, (
        f"{name}: {len(found)} facts differ from the goldens and MATCHER_VERSION is still "
        f"{MATCHER_VERSION}. A speed change must not change a fact; a deliberate matcher "
        f"change bumps the version and regenerates them ({REGENERATE}) in its own commit."
        + "".join(f"\n  {line}" for line in found[:SHOWN])
        + (f"\n  ... and {len(found) - SHOWN} more" if len(found) > SHOWN else "")
    )
