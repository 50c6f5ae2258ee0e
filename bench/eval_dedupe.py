"""Duplicate grouping quality on a listings JSONL file, and grouping speed.

python bench/eval_dedupe.py [listings.jsonl] [--duplicates duplicates.tsv] [--synthetic N] [-v]

Quality: precision and recall of PAIRS. A predicted pair is two listings in one group;
precision is over all predicted pairs, recall over the pairs in duplicates.tsv. Every
false merge is listed with the reason `same_job` gives.
Speed: `group()` on N synthetic listings (companies drawn from ~5k names, some jobs
cross-posted or reposted with edits), in items per second.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobmatch.employer_boards import employer_board  # noqa: E402
from matcher.dedupe import DedupeItem, ItemId, group, normalise_company, same_job  # noqa: E402
from matcher.extract import extract_facts, html_to_text  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO / "../shared/eval/dev/listings.jsonl"


def load_items(path: Path) -> list[DedupeItem]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        location = row.get("location") or ""
        raw = row.get("description") or ""
        # As the pipeline groups: place, work mode and years from the listing's facts.
        facts = extract_facts(
            title=row.get("title") or "",
            description=raw,
            location=location,
            salary_text=row.get("salary_text"),
            remote=row.get("remote"),
            employment_type=row.get("employment_type"),
            company=row.get("company") or "",
        )
        items.append(
            DedupeItem(
                id=row["id"],
                company=row.get("company") or "",
                title=row.get("title") or "",
                location=location,
                description=html_to_text(raw),
                city=facts.city,
                country=facts.country,
                work_mode=facts.work_mode,
                years_min=facts.years_min,
                remote_scope=facts.remote_scope,
                employment=facts.employment,
                board=employer_board(row.get("source") or ""),
            )
        )
    return items


def load_pairs(path: Path) -> set[frozenset[ItemId]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs: set[frozenset[ItemId]] = set()
    for line in lines[1:]:
        if line.strip():
            a, b = line.split("\t")[:2]
            pairs.add(frozenset((a.strip(), b.strip())))
    return pairs


def predicted_pairs(groups: dict[ItemId, ItemId]) -> set[frozenset[ItemId]]:
    members: dict[ItemId, list[ItemId]] = defaultdict(list)
    for item_id, group_id in groups.items():
        members[group_id].append(item_id)
    return {
        frozenset(pair)
        for ids in members.values()
        for pair in itertools.combinations(sorted(ids, key=str), 2)
    }


def precision_recall(
    got: set[frozenset[ItemId]], want: set[frozenset[ItemId]]
) -> tuple[float, float]:
    hits = len(got & want)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(want) if want else 1.0
    return precision, recall


def evaluate(listings: Path, duplicates: Path, verbose: bool) -> bool:
    items = load_items(listings)
    by_id = {item.id: item for item in items}
    groups = group(items)
    got, want = predicted_pairs(groups), load_pairs(duplicates)
    precision, recall = precision_recall(got, want)
    print(f"listings: {len(items)}, true pairs: {len(want)}, predicted pairs: {len(got)}")
    print(f"pair precision: {precision:.3f}  recall: {recall:.3f}")
    false_merges = sorted(got - want, key=lambda p: sorted(map(str, p)))
    print(f"false merges: {len(false_merges)}")
    for pair in false_merges:
        a, b = sorted(pair, key=str)
        print(
            f"  {a} {by_id[a].title!r} + {b} {by_id[b].title!r}: {same_job(by_id[a], by_id[b])[1]}"
        )
    missed = sorted(want - got, key=lambda p: sorted(map(str, p)))
    print(f"missed pairs: {len(missed)}")
    for pair in missed:
        a, b = sorted(pair, key=str)
        if a in by_id and b in by_id:
            print(f"  {a} + {b}: {same_job(by_id[a], by_id[b])[1]}")
    if verbose:
        print("every pair at one company:")
        for x, y in itertools.combinations(items, 2):
            if x.company.lower()[:4] == y.company.lower()[:4]:
                ok, reason = same_job(x, y)
                verdict = "MERGE" if ok else "keep "
                print(f"  {verdict} {x.id} {x.title!r} / {y.id} {y.title!r}: {reason}")
    same_company_distinct = [
        p for p in false_merges if len({normalise_company(by_id[i].company) for i in p}) == 1
    ]
    print(f"distinct jobs at one company merged: {len(same_company_distinct)}")
    return precision >= 0.95 and recall >= 0.95 and not same_company_distinct


# --- synthetic ------------------------------------------------------------------------

_ROLES = (
    "Technical Project Manager", "Technical Program Manager", "Scrum Master",
    "Product Manager", "Delivery Manager", "Software Engineer", "Data Engineer",
    "DevOps Engineer", "QA Engineer", "Business Analyst", "Project Coordinator",
    "Engineering Manager", "Site Reliability Engineer", "Data Scientist", "UX Designer",
    "Solutions Architect", "Customer Success Manager", "Account Executive", "Recruiter",
    "Release Manager",
)  # fmt: skip
_TEAMS = (
    "Payments", "Identity", "Data Platform", "Growth", "Mobile", "Search", "Billing",
    "Infrastructure", "Risk", "Marketplace", "Lending", "Cloud Platform", "Security", "",
    "", "",
)  # fmt: skip
_LEVELS = ("", "", "Senior ", "Junior ", "Lead ", "Principal ", "Associate ")
_PLACES = (
    ("Bengaluru", "IN", "hybrid"), ("Hyderabad", "IN", "onsite"), ("Pune", "IN", "hybrid"),
    ("Mumbai", "IN", "onsite"), ("London", "GB", "hybrid"), ("Berlin", "DE", "hybrid"),
    ("New York", "US", "onsite"), (None, "IN", "remote"), (None, None, "remote"),
    ("Singapore", "SG", "hybrid"), ("Chennai", "IN", "onsite"), ("Gurugram", "IN", "hybrid"),
)  # fmt: skip
_SUFFIXES = ("", "", "", " Inc.", " Pvt. Ltd.", " GmbH", " Technologies", " Labs", " LLC")
_SYLLABLES = (
    "ka",
    "ro",
    "mi",
    "tu",
    "len",
    "sar",
    "vo",
    "pe",
    "dri",
    "nax",
    "ul",
    "fo",
    "ge",
    "zan",
)


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    """Pseudo-words; drawn with Zipf weights they overlap like real job text does."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


_WORDS: list[str] = []
_WEIGHTS: list[float] = []


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(_WORDS, cum_weights=_WEIGHTS, k=n)).capitalize() + "."


def _edit(rng: random.Random, text: str) -> str:
    """A light rewrite: some sentences dropped, swapped or reworded."""
    sentences = text.split(". ")
    out = []
    for s in sentences:
        roll = rng.random()
        if roll < 0.08:
            continue
        if roll < 0.2:
            words = s.split()
            words[rng.randrange(len(words))] = rng.choice(_WORDS)
            s = " ".join(words)
        out.append(s)
    if len(out) > 3 and rng.random() < 0.5:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    return ". ".join(out)


def synthetic(n: int, seed: int = 7) -> tuple[list[DedupeItem], set[frozenset[ItemId]]]:
    """n listings and the true duplicate pairs among them."""
    rng = random.Random(seed)
    _WORDS[:] = _vocabulary(rng)
    _WEIGHTS[:] = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(_WORDS))))
    companies = [
        f"Company{i} {rng.choice(('Cloud', 'Data', 'Works', 'Systems', 'AI'))}" for i in range(5000)
    ]
    boilerplate = {c: " ".join(_sentence(rng, 12) for _ in range(6)) for c in companies[:5000]}
    items: list[DedupeItem] = []
    jobs: dict[int, list[ItemId]] = defaultdict(list)
    pending: list[tuple[int, DedupeItem]] = []  # reposts waiting to appear a little later
    job = 0
    while len(items) < n:
        company = rng.choice(companies)
        title = f"{rng.choice(_LEVELS)}{rng.choice(_ROLES)}"
        team = rng.choice(_TEAMS)
        if team:
            title += rng.choice((", ", " - ", " – ")) + team
        city, country, mode = rng.choice(_PLACES)
        location = city or ("Remote - India" if country else "Remote")
        own = " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(8, 14)))
        description = f"{own} {boilerplate[company]}"
        copies = 1 + (rng.random() < 0.15) + (rng.random() < 0.05)
        for copy in range(copies):
            item_id = len(items) + len(pending)
            shown_title = (
                title if copy == 0 else title + rng.choice(("", " (Remote)", " | Hybrid", ""))
            )
            shown_company = company + (rng.choice(_SUFFIXES) if copy else "")
            text = description if copy == 0 else _edit(rng, description)
            item = DedupeItem(
                item_id, shown_company, shown_title, location, text, city, country, mode
            )
            jobs[job].append(item_id)
            pending.append((len(items) + rng.randint(0, 30), item))
        job += 1
        due = [p for p in pending if p[0] <= len(items)]
        pending = [p for p in pending if p[0] > len(items)]
        items.extend(item for _, item in sorted(due, key=lambda p: p[1].id))
    items = items[:n]
    present = {item.id for item in items}
    pairs = {
        frozenset(pair)
        for ids in jobs.values()
        for pair in itertools.combinations([i for i in ids if i in present], 2)
    }
    return items, pairs


def bench(n: int) -> None:
    items, want = synthetic(n)
    start = time.perf_counter()
    groups = group(items)
    elapsed = time.perf_counter() - start
    got = predicted_pairs(groups)
    precision, recall = precision_recall(got, want)
    print(
        f"synthetic: {n} items, {len({i.company for i in items})} company names, "
        f"group() {elapsed:.2f} s = {n / elapsed:,.0f} items/s; "
        f"pair precision {precision:.3f} recall {recall:.3f} ({len(want)} true pairs)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("listings", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--duplicates", type=Path, default=None)
    parser.add_argument("--synthetic", type=int, default=200_000, help="0 skips the timing")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    duplicates = args.duplicates or args.listings.parent / "duplicates.tsv"
    ok = evaluate(args.listings, duplicates, args.verbose)
    if args.synthetic:
        bench(args.synthetic)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
