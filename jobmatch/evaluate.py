"""Measure the matcher on a labelled set (shared/eval/FORMAT.md, shared/eval/dev/README.md).

A set folder holds `listings.jsonl`, `profiles/*.toml` and `labels.tsv`
(`profile	listing	grade	reason`, where `profile` is a profile file's stem), and may hold
other readers' grades of the same pairs in `labels.*.tsv`: then a listing's grade is the
readers' mean, and the readers' agreement is reported. The
listings go through the real product path — import into a fresh SQLite database, fact
extraction, scoring — and the stored scores are ranked and compared with the labels:

- NDCG@10 with gain 2^grade - 1, per profile, and the share of grade >= 2 in the top 5;
- the same for a BM25 baseline (rank-bm25, an optional dependency), so a change to the
  matcher can be judged against plain keyword retrieval;
- per truth field, how often the stored facts agree with each listing's `truth`.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from jobmatch.config import MatcherSection
from jobmatch.errors import InputError
from jobmatch.eval_duplicates import PairAccuracy, pair_accuracy, read_pairs, stored_pairs
from jobmatch.importer import read_jsonl
from jobmatch.pipeline import extract_new_facts, group_duplicates, score_profile
from matcher.errors import ProfileError
from matcher.facts import Facts
from matcher.profile import Profile, load_profile
from scraper.listing import Listing
from storage import queries
from storage.engine import open_engine, sqlite_url
from storage.models import ListingRow

K = 10  # NDCG cut-off
TOP = 5  # the "top 5" of the share of good listings
GOOD = 2  # grades counted as good in that share
TRUTH_FIELDS = (
    "role_variant",
    "seniority",
    "years_min",
    "certifications",
    "salary",
    "work_mode",
    "country",
)
_LABEL_HEADER = ["profile", "listing", "grade", "reason"]
_WORD = re.compile(r"\w+")


# --- report values --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ranked:
    """One listing's place in a ranking for one profile (rank counts from 1)."""

    listing: str
    rank: int
    score: float
    grade: float  # the readers' mean when several graded it
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RankingMetrics:
    ndcg: float  # NDCG@10
    top_share: float  # share of grade >= 2 in the top 5


@dataclass(frozen=True, slots=True)
class ProfileResult:
    profile: str  # the profile file's stem, as in labels.tsv
    matcher: RankingMetrics
    bm25: RankingMetrics
    ranking: tuple[Ranked, ...]  # the matcher's ranking, best first

    @property
    def perfect(self) -> int:
        """Listings scored exactly 100: a perfect score should be rare."""
        return sum(1 for r in self.ranking if r.score >= 100)

    @property
    def ties_in_top(self) -> int:
        """Listings in the top 10 that share their score with another of the top 10."""
        scores = [r.score for r in self.ranking[:K]]
        return sum(1 for s in scores if scores.count(s) > 1)


@dataclass(frozen=True, slots=True)
class FieldMiss:
    listing: str
    got: Any
    want: Any


@dataclass(frozen=True, slots=True)
class FieldAccuracy:
    field: str
    accuracy: float  # mean per-listing score: 1/0, or F1 for certifications
    listings: int  # listings whose truth names this field
    misses: tuple[FieldMiss, ...]  # listings scored below 1, in listing order


@dataclass(frozen=True, slots=True)
class Agreement:
    """How often independent readers gave a (profile, listing) pair the same grade."""

    readers: int
    exact: float
    within_one: float


@dataclass(frozen=True, slots=True)
class EvalReport:
    set_dir: Path
    listings: int
    now: datetime
    profiles: tuple[ProfileResult, ...]
    fields: tuple[FieldAccuracy, ...]
    agreement: Agreement | None = None  # with more than one reader's labels
    duplicates: PairAccuracy | None = None  # with a duplicates.tsv

    def average(self, which: str) -> RankingMetrics:
        """Mean over profiles of `matcher` or `bm25` metrics."""
        metrics = [getattr(p, which) for p in self.profiles]
        if not metrics:
            return RankingMetrics(0.0, 0.0)
        return RankingMetrics(
            sum(m.ndcg for m in metrics) / len(metrics),
            sum(m.top_share for m in metrics) / len(metrics),
        )

    def render(self) -> str:
        width = max([len("average"), *(len(p.profile) for p in self.profiles)])
        head = (
            f"{'profile':<{width}}  {'NDCG@10':>7}  {'top5≥2':>6}  {'BM25 NDCG':>9}  "
            f"{'BM25 top5':>9}  {'100s':>4}  {'ties@10':>7}"
        )
        lines = [
            f"eval set {self.set_dir} — {self.listings} listings, "
            f"{len(self.profiles)} profiles, now={self.now.isoformat()}",
        ]
        if self.agreement is not None:
            a = self.agreement
            lines.append(
                f"grades: the mean of {a.readers} readers, who agree exactly on "
                f"{a.exact:.1%} of pairs and within one grade on {a.within_one:.1%}"
            )
        lines += ["", head, "-" * len(head)]

        def row(name: str, m: RankingMetrics, b: RankingMetrics, extra: str = "") -> str:
            return (
                f"{name:<{width}}  {m.ndcg:>7.3f}  {m.top_share:>6.2f}  "
                f"{b.ndcg:>9.3f}  {b.top_share:>9.2f}{extra}"
            )

        lines += [
            row(p.profile, p.matcher, p.bm25, f"  {p.perfect:>4}  {p.ties_in_top:>7}")
            for p in self.profiles
        ]
        lines.append("-" * len(head))
        lines.append(row("average", self.average("matcher"), self.average("bm25")))
        lines += ["", "extraction accuracy"]
        fwidth = max(len(f.field) for f in self.fields) if self.fields else 0
        for f in self.fields:
            lines.append(f"  {f.field:<{fwidth}}  {f.accuracy:6.1%}  (n={f.listings})")
        if self.fields:
            mean = sum(f.accuracy for f in self.fields) / len(self.fields)
            lines.append(f"  {'mean':<{fwidth}}  {mean:6.1%}")
        if self.duplicates is not None:
            lines += ["", self.duplicates.render()]
        return "\n".join(lines)

    def misses(self, limit: int = 10) -> str:
        """For `-v`: per profile the worst-ranked grade-3 listings (a mean of 2.5 or more
        with several readers), per field the misses (at most `limit` of each)."""
        lines = []
        for p in self.profiles:
            threes = sorted((r for r in p.ranking if r.grade >= 2.5), key=lambda r: -r.rank)
            lines.append(f"{p.profile}: worst-ranked grade-3 listings")
            if not threes:
                lines.append("  (none labelled 3)")
            for r in threes[:limit]:
                why = "; ".join(r.reasons[:6])
                lines.append(f"  #{r.rank:<3} {r.listing}  score {r.score:5.1f}  {why}")
        for f in self.fields:
            if not f.misses:
                continue
            lines.append(f"{f.field}: {len(f.misses)} misses")
            for m in f.misses[:limit]:
                lines.append(f"  {m.listing}  got {_show(m.got)}  want {_show(m.want)}")
        return "\n".join(lines)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --- the evaluation -------------------------------------------------------------------


def evaluate_set(
    set_dir: Path,
    *,
    weights: Mapping[str, float] | None = None,
    rates_to_usd: Mapping[str, float] | None = None,
    now: datetime | None = None,
) -> EvalReport:
    """Import, extract and score the set in a throwaway database and measure the result.

    A missing or malformed file is an InputError naming the file (and line)."""
    listings, truths = read_set_listings(set_dir)
    profiles = _read_profiles(set_dir / "profiles")
    labels, agreement = _read_readers(set_dir, set(profiles), set(truths))
    defaults = MatcherSection()
    # Like config.toml: what is given overrides the defaults, the rest stay.
    component_weights = {**defaults.weights, **(weights or {})}
    rates = {**defaults.rates_to_usd, **(rates_to_usd or {})}
    # Recency depends on "now". Scoring against the wall clock would make the same set
    # score differently every day, so by default "now" is the day after the newest
    # listing: a fixed set always gives the same numbers.
    if now is None:
        dates = [item.posted_at for item in listings if item.posted_at is not None]
        now = max(dates) + timedelta(days=1) if dates else datetime(2000, 1, 1, tzinfo=UTC)

    pairs_path = set_dir / "duplicates.tsv"
    true_pairs = read_pairs(pairs_path, set(truths)) if pairs_path.is_file() else None
    duplicates = None
    with tempfile.TemporaryDirectory(prefix="jobmatch-eval-") as tmp:
        engine = open_engine(sqlite_url(Path(tmp) / "eval.db"))
        try:
            queries.upsert_listings(engine, listings, now=now)
            extract_new_facts(engine)
            if true_pairs is not None:  # grouped as a night's run groups them
                group_duplicates(engine)
                duplicates = pair_accuracy(stored_pairs(engine), true_pairs)
            scored: dict[str, list[tuple[ListingRow, float, tuple[str, ...]]]] = {}
            for stem, profile in profiles.items():
                # Stored under the file stem: labels use it, and two files may share a name.
                keyed = profile.model_copy(update={"name": stem})
                score_profile(engine, keyed, weights=component_weights, rates_to_usd=rates, now=now)
                scored[stem] = [
                    (row, match.score, tuple(match.reasons))
                    for row, match in queries.top_matches(
                        engine, stem, include_zero=True, limit=None
                    )
                ]
            facts = _stored_facts(engine)
        finally:
            engine.dispose()

    documents = {item.external_id: f"{item.title}\n{item.description}" for item in listings}
    results = []
    for stem, profile in profiles.items():
        grades = labels.get(stem, {})
        ordered = sorted(scored[stem], key=lambda t: (-t[1], t[0].external_id))
        ranking = tuple(
            Ranked(row.external_id, rank, score, grades.get(row.external_id, 0), reasons)
            for rank, (row, score, reasons) in enumerate(ordered, start=1)
        )
        bm25_ids = bm25_ranking(documents, profile_query(profile))
        results.append(
            ProfileResult(
                profile=stem,
                matcher=ranking_metrics([r.listing for r in ranking], grades),
                bm25=ranking_metrics(bm25_ids, grades),
                ranking=ranking,
            )
        )
    return EvalReport(
        set_dir=set_dir,
        listings=len(listings),
        now=now,
        profiles=tuple(results),
        fields=field_accuracy(facts, truths),
        agreement=agreement,
        duplicates=duplicates,
    )


def _stored_facts(engine: Engine) -> dict[str, Facts]:
    with Session(engine) as session:
        rows = session.exec(select(ListingRow)).all()
        return {r.external_id: Facts.from_dict(r.facts) for r in rows if r.facts is not None}


# --- metrics --------------------------------------------------------------------------


def dcg(grades: Sequence[float], k: int = K) -> float:
    """Sum over the first k of (2^grade - 1) / log2(rank + 1)."""
    total = 0.0
    for rank, grade in enumerate(grades[:k], start=1):
        total += (math.pow(2.0, grade) - 1) / math.log2(rank + 1)
    return total


def ndcg(ranked_ids: Sequence[str], grades: Mapping[str, float], k: int = K) -> float:
    """NDCG@k; unlabelled listings are grade 0; the ideal is every labelled grade sorted.

    0.0 when the profile has no listing graded above 0 (nothing to find)."""
    ideal = dcg(sorted(grades.values(), reverse=True), k)
    if ideal == 0:
        return 0.0
    return dcg([grades.get(i, 0) for i in ranked_ids], k) / ideal


def top_share(ranked_ids: Sequence[str], grades: Mapping[str, float], n: int = TOP) -> float:
    top = ranked_ids[:n]
    if not top:
        return 0.0
    return sum(grades.get(i, 0) >= GOOD for i in top) / len(top)


def ranking_metrics(ranked_ids: Sequence[str], grades: Mapping[str, float]) -> RankingMetrics:
    return RankingMetrics(ndcg(ranked_ids, grades), top_share(ranked_ids, grades))


# --- BM25 baseline --------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def profile_query(profile: Profile) -> list[str]:
    parts = (
        *profile.target_roles,
        *profile.skills,
        *profile.certifications,
        *profile.methodologies,
    )
    return tokenize(" ".join(parts))


def bm25_ranking(documents: Mapping[str, str], query: Sequence[str]) -> list[str]:
    """Listing ids by BM25Okapi score, best first, ties by id. Needs rank-bm25."""
    try:
        from rank_bm25 import BM25Okapi  # type: ignore[import-untyped]
    except ImportError:
        raise InputError(
            "the BM25 baseline needs rank-bm25: pip install rank-bm25 (or jobmatch[eval])"
        ) from None
    ids = sorted(documents)
    if not ids:
        return []
    bm25 = BM25Okapi([tokenize(documents[i]) for i in ids])
    scores = [float(s) for s in bm25.get_scores(list(query))]
    order = sorted(range(len(ids)), key=lambda n: (-scores[n], ids[n]))
    return [ids[n] for n in order]


# --- extraction accuracy --------------------------------------------------------------


def exact(got: Any, want: Any) -> float:
    return float(got == want)


def cert_f1(got: Any, want: Any) -> float:
    have, need = set(got or ()), set(want or ())
    if not have and not need:
        return 1.0
    hits = len(have & need)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(have), hits / len(need)
    return 2 * precision * recall / (precision + recall)


def _within(got: Any, want: Any, tolerance: float = 0.02) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(float(got) - float(want)) <= tolerance * abs(float(want))


def salary_right(got: Any, want: Any) -> float:
    """Both null; or same currency and period with min and max each within 2%."""
    if got is None or want is None:
        return float(got is None and want is None)
    same_kind = got.get("currency") == want.get("currency") and got.get("period") == want.get(
        "period"
    )
    return float(
        same_kind
        and _within(got.get("min"), want.get("min"))
        and _within(got.get("max"), want.get("max"))
    )


FIELD_SCORERS = {
    "role_variant": exact,
    "seniority": exact,
    "years_min": exact,
    "certifications": cert_f1,
    "salary": salary_right,
    "work_mode": exact,
    "country": exact,
}


def field_accuracy(
    facts: Mapping[str, Facts], truths: Mapping[str, Mapping[str, Any] | None]
) -> tuple[FieldAccuracy, ...]:
    """Per truth field, the mean agreement over listings whose truth has that field."""
    results = []
    for name in TRUTH_FIELDS:
        scorer = FIELD_SCORERS[name]
        total, count, misses = 0.0, 0, []
        for listing_id in sorted(truths):
            truth = truths[listing_id]
            if truth is None or name not in truth or listing_id not in facts:
                continue
            got = facts[listing_id].truth()[name]
            want = truth[name]
            if name == "certifications" and isinstance(want, list):
                want = sorted(want)
            value = scorer(got, want)
            total += value
            count += 1
            if value < 1.0:
                misses.append(FieldMiss(listing_id, got, want))
        results.append(FieldAccuracy(name, total / count if count else 0.0, count, tuple(misses)))
    return tuple(results)


# --- reading the set ------------------------------------------------------------------


def _read_listings(path: Path) -> tuple[list[Listing], dict[str, dict[str, Any] | None]]:
    """The listings as the product imports them, and each one's truth read straight from
    the JSONL (the product's import ignores it)."""
    report = read_jsonl(path)  # raises InputError when the file is missing or unreadable
    if report.problems:
        raise InputError(report.problems[0])
    truths: dict[str, dict[str, Any] | None] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)  # read_jsonl has already checked every line
            listing_id = record["id"].strip()
            if listing_id in truths:
                raise InputError(f"{path}:{number}: listing id {listing_id!r} is used twice")
            truth = record.get("truth")
            if truth is not None and not isinstance(truth, dict):
                raise InputError(f"{path}:{number}: 'truth' must be an object or null")
            truths[listing_id] = truth
    if not report.listings:
        raise InputError(f"{path}: no listings")
    return report.listings, truths


def read_set_listings(set_dir: Path) -> tuple[list[Listing], dict[str, dict[str, Any] | None]]:
    """A set's listings and truths: `listings.jsonl` in the set, or, for postings that
    must stay where they were published (real ones), `listings.path` naming that file
    (relative to the set) with the truth kept beside it in `truth.jsonl`."""
    local = set_dir / "listings.jsonl"
    pointer = set_dir / "listings.path"
    if local.exists() or not pointer.exists():
        return _read_listings(local)
    path = (set_dir / pointer.read_text(encoding="utf-8").strip()).resolve()
    listings, truths = _read_listings(path)
    truth_path = set_dir / "truth.jsonl"
    try:
        lines = truth_path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{truth_path}: file not found") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            listing_id, truth = record["id"], record["truth"]
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f'{truth_path}:{number}: expected {{"id": ..., "truth": {{...}}}}'
            ) from None
        if listing_id not in truths:
            raise InputError(
                f"{truth_path}:{number}: unknown listing {listing_id!r} (not in {path})"
            )
        if truth is not None and not isinstance(truth, dict):
            raise InputError(f"{truth_path}:{number}: 'truth' must be an object or null")
        truths[listing_id] = truth
    return listings, truths


def _read_profiles(folder: Path) -> dict[str, Profile]:
    if not folder.is_dir():
        raise InputError(f"{folder}: profiles folder not found")
    paths = sorted(folder.glob("*.toml"))
    if not paths:
        raise InputError(f"{folder}: no profile (*.toml) files")
    profiles = {}
    for path in paths:
        try:
            profiles[path.stem] = load_profile(path)
        except ProfileError as e:
            raise InputError(str(e)) from None
    return profiles


def _read_readers(
    set_dir: Path, profiles: set[str], listings: set[str]
) -> tuple[dict[str, dict[str, float]], Agreement | None]:
    """The grades of `labels.tsv` and of any other reader's `labels.*.tsv`: with several,
    each pair's mean (every reader must grade the same pairs) and their agreement."""
    paths = [set_dir / "labels.tsv", *sorted(set_dir.glob("labels.*.tsv"))]
    readers = [_read_labels(path, profiles, listings) for path in paths]
    first = readers[0]
    pairs = {(p, i) for p, graded in first.items() for i in graded}
    for path, other in zip(paths[1:], readers[1:], strict=True):
        theirs = {(p, i) for p, graded in other.items() for i in graded}
        if theirs != pairs:
            missing = sorted(pairs ^ theirs)[0]
            raise InputError(
                f"{path}: grades other pairs than {paths[0].name} (e.g. {missing[0]} / {missing[1]})"
            )
    if len(readers) == 1:
        return {p: {i: float(g) for i, g in graded.items()} for p, graded in first.items()}, None
    mean: dict[str, dict[str, float]] = {}
    exact = within = 0
    for profile, listing in pairs:
        grades = [reader[profile][listing] for reader in readers]
        mean.setdefault(profile, {})[listing] = sum(grades) / len(grades)
        exact += max(grades) == min(grades)
        within += max(grades) - min(grades) <= 1
    count = len(pairs) or 1
    return mean, Agreement(len(readers), exact / count, within / count)


def _read_labels(path: Path, profiles: set[str], listings: set[str]) -> dict[str, dict[str, int]]:
    """profile stem → listing id → grade. Every problem names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    lines = text.splitlines()
    if not lines or lines[0].rstrip("\r").split("\t") != _LABEL_HEADER:
        raise InputError(f"{path}:1: header must be {chr(9).join(_LABEL_HEADER)!r} (tab separated)")
    labels: dict[str, dict[str, int]] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.rstrip("\r").split("\t")
        if len(cells) != len(_LABEL_HEADER):
            raise InputError(f"{path}:{number}: expected 4 tab-separated columns, got {len(cells)}")
        profile, listing, grade_text, _reason = (c.strip() for c in cells)
        if profile not in profiles:
            raise InputError(
                f"{path}:{number}: unknown profile {profile!r} (no profiles/{profile}.toml)"
            )
        if listing not in listings:
            raise InputError(f"{path}:{number}: unknown listing {listing!r}")
        if grade_text not in ("0", "1", "2", "3"):
            raise InputError(f"{path}:{number}: grade must be 0, 1, 2 or 3, got {grade_text!r}")
        graded = labels.setdefault(profile, {})
        if listing in graded:
            raise InputError(f"{path}:{number}: {profile} / {listing} is graded twice")
        graded[listing] = int(grade_text)
    return labels


# --- every registered set at once ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegisteredSet:
    name: str
    path: Path
    first_ndcg: float | None = None
    unseen: bool = False
    note: str = ""


def read_sets(path: Path) -> list[RegisteredSet]:
    """The sets `path` (a SETS.toml) registers, their paths made absolute."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: not valid TOML ({e})") from None
    sets = []
    for index, entry in enumerate(data.get("set", [])):
        try:
            sets.append(
                RegisteredSet(
                    name=str(entry["name"]),
                    path=(path.parent / str(entry["path"])).resolve(),
                    first_ndcg=entry.get("first_ndcg"),
                    unseen=bool(entry.get("unseen", False)),
                    note=str(entry.get("note", "")),
                )
            )
        except (KeyError, TypeError):
            raise InputError(f"{path}: set[{index}]: needs a name and a path") from None
    return sets


def render_summary(rows: Sequence[tuple[RegisteredSet, EvalReport | str]]) -> str:
    """One line per set: today's figures beside the first-run figure and whether the set
    was unseen then (a set tuned on since overstates; the first figure is the honest one)."""
    head = (
        f"{'set':<12} {'listings':>8} {'NDCG@10':>7} {'BM25':>6} {'fields':>6} "
        f"{'first run':>9}  unseen at first run"
    )
    lines = [head, "-" * len(head)]
    for entry, result in rows:
        first = f"{entry.first_ndcg:.3f}" if entry.first_ndcg is not None else "-"
        unseen = "yes" if entry.unseen else "no"
        if isinstance(result, str):
            lines.append(f"{entry.name:<12} {result}")
            continue
        fields = [f.accuracy for f in result.fields]
        mean = f"{sum(fields) / len(fields):.1%}" if fields else "-"
        pairs = result.duplicates
        tail = f"  pairs P/R {pairs.precision:.3f}/{pairs.recall:.3f}" if pairs else ""
        lines.append(
            f"{entry.name:<12} {result.listings:>8} {result.average('matcher').ndcg:>7.3f} "
            f"{result.average('bm25').ndcg:>6.3f} {mean:>6} {first:>9}  {unseen}{tail}"
        )
    return "\n".join(lines)
