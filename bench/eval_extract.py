"""Extraction accuracy per truth field on a listings JSONL file (shared/eval/FORMAT.md).

python bench/eval_extract.py [listings.jsonl] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matcher.extract import extract_facts  # noqa: E402
from matcher.facts import SalaryRange  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "../shared/eval/dev/listings.jsonl"


def cert_f1(got: list[str], want: list[str]) -> float:
    if not got and not want:
        return 1.0
    hits = len(set(got) & set(want))
    if hits == 0:
        return 0.0
    precision, recall = hits / len(set(got)), hits / len(set(want))
    return 2 * precision * recall / (precision + recall)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.02 * max(abs(b), 1e-9)


def salary_right(got: dict[str, Any] | None, want: dict[str, Any] | None) -> float:
    if got is None or want is None:
        return float(got is None and want is None)
    same_kind = got["currency"] == want["currency"] and got["period"] == want["period"]
    return float(same_kind and _close(got["min"], want["min"]) and _close(got["max"], want["max"]))


def exact(got: Any, want: Any) -> float:
    return float(got == want)


FIELDS: dict[str, Callable[[Any, Any], float]] = {
    "role_variant": exact,
    "seniority": exact,
    "years_min": exact,
    "certifications": cert_f1,
    "salary": salary_right,
    "work_mode": exact,
    "country": exact,
}


def extract(listing: dict[str, Any]) -> dict[str, Any]:
    structured = listing.get("structured_salary")
    facts = extract_facts(
        title=listing.get("title") or "",
        description=listing.get("description") or "",
        location=listing.get("location") or "",
        salary_text=listing.get("salary_text"),
        remote=listing.get("remote"),
        structured_salary=SalaryRange(**structured) if structured else None,
        company=listing.get("company") or "",
    )
    return facts.truth()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("listings", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    listings = [json.loads(line) for line in args.listings.read_text().splitlines() if line.strip()]
    scores: dict[str, list[float]] = {field: [] for field in FIELDS}
    started = time.perf_counter()
    results = [extract(listing) for listing in listings]
    elapsed = time.perf_counter() - started
    for listing, got in zip(listings, results, strict=True):
        for field, score in FIELDS.items():
            value = score(got[field], listing["truth"][field])
            scores[field].append(value)
            if args.verbose and value < 1:
                print(f"MISS {listing['id']} {field}: got {got[field]!r} want "
                      f"{listing['truth'][field]!r}  [{listing['title']}]")  # fmt: skip
    print(f"{len(listings)} listings, {1000 * elapsed / max(len(listings), 1):.2f} ms each")
    for field, values in scores.items():
        print(f"{field:15s} {sum(values) / max(len(values), 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
