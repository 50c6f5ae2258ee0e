"""`jobmatch insights`, run as a user runs it, on stores built by importing a small JSONL
(tests/fixtures/insights/listings.jsonl) and scoring it with `jobmatch match`, so every
fact is the extractor's and every score the scorer's. Expectations come from the fixture
(its `truth`, the hand-worked expected_pay.toml) or from `jobmatch matches` itself; no
score is written down here, so tuning the matcher's weights leaves these tests standing."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from jobmatch import pipeline
from jobmatch.cli import app
from jobmatch.config import MatcherSection
from jobmatch.importer import read_jsonl
from jobmatch.insights import compute_insights, openings, store
from jobmatch.insights.fx import fx_table
from jobmatch.insights.model import band
from jobmatch.insights.scope import near_levels, profile_level
from jobmatch.pipeline import stored_skill_rarity
from matcher.profile import load_profile
from matcher.rarity import MIN_LISTINGS
from storage import queries
from storage.engine import open_engine, sqlite_url

FIXTURE = Path(__file__).parent / "fixtures" / "insights"
LISTINGS = FIXTURE / "listings.jsonl"
PROFILE = FIXTURE / "profile.toml"
SECTIONS = ("Pay by level and place", "What would open the most jobs", "Skills in demand",
            "Level fit", "Trend")  # fmt: skip
LEVELS = [[name] for name in ("entry", "junior", "mid", "senior", "lead", "principal")]
MD_LEVELS = [[f" {name} "] for [name] in LEVELS]
JOBMATCH = str(Path(sys.executable).with_name("jobmatch"))


# --- building stores as a user would ---------------------------------------------------


def cli(config: Path, *args: str) -> str:
    """`jobmatch --config CONFIG ARGS` in this process (typer's runner): its stdout."""
    result = CliRunner().invoke(app, ["--config", str(config), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.output
    return result.stdout


def fixture_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LISTINGS.read_text(encoding="utf-8").splitlines()]


def make_store(folder: Path, records: list[dict[str, Any]] | None = None) -> Path:
    """A config, the fixture profile and a database holding `records` (default: the
    fixture), imported and scored with the CLI. Returns the config's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "me.toml").write_text(PROFILE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "config.toml").write_text(
        '[storage]\nurl = "sqlite:///jobs.db"\n[digest]\nmin_score = 60\n'
        '[matcher]\nworkers = 1\n[[profiles]]\nname = "Meera"\npath = "me.toml"\n',
        encoding="utf-8",
    )
    listings = folder / "listings.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in (records or fixture_records())]
    listings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = folder / "config.toml"
    cli(config, "import", str(listings))
    cli(config, "match")
    return config


def insights(config: Path, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(cli(config, "insights", "--format", "json", *args))
    return found


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture imported and scored, for tests that only read it."""
    return make_store(tmp_path_factory.mktemp("insights"))


def exported(config: Path) -> list[dict[str, Any]]:
    out = config.parent / "export.jsonl"
    cli(config, "export", "--format", "jsonl", "-o", str(out))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


# --- pay ----------------------------------------------------------------------------------


def quartile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks, written out: position (n-1)p."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * p
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def test_pay_percentiles_agree_with_the_hand_worked_fixture(fixture_store: Path) -> None:
    expected = tomllib.loads((FIXTURE / "expected_pay.toml").read_text(encoding="utf-8"))
    pay = insights(fixture_store)["pay"]
    inr_per_usd = fx_table(MatcherSection().rates_to_usd).per_usd["INR"]
    assert pay["currency"] == expected["currency"]
    assert pay["floor"] == pytest.approx(expected["floor"])
    groups = {(g["level"], g["place"]): g for g in pay["groups"]}
    for want in expected["group"]:
        got = groups[(want["level"], want["place"])]
        assert got["count"] == want["count"], want
        if want["count"] < 5:
            assert got["too_few"] and got["p25"] is got["p50"] is got["p75"] is None, got
            continue
        p75 = want["p75"] if "p75" in want else want["p75_usd"] * inr_per_usd
        assert (got["p25"], got["p50"], got["p75"]) == pytest.approx(
            (want["p25"], want["p50"], p75)
        ), want
        assert got["annualised"] == want["annualised"]
    assert pay["fx_date"] == fx_table(MatcherSection().rates_to_usd).date


def test_pay_groups_are_the_fixtures_truth_one_value_per_job(fixture_store: Path) -> None:
    """Every group, recomputed from the fixture's truth with the fixed rate table."""
    fx = fx_table(MatcherSection().rates_to_usd)
    per_year = {"year": 1, "month": 12, "hour": 2080}
    values: dict[tuple[str, str], list[float]] = {}
    for record in fixture_records():
        truth = record["truth"]
        salary = truth["salary"]
        if not truth["tpm_family"] or "same_job_as" in truth or not salary or not truth["place"]:
            continue
        middle = (salary["min"] + salary["max"]) / 2 * per_year[salary["period"]]
        inr = middle / fx.per_usd[salary["currency"]] * fx.per_usd["INR"]
        values.setdefault((truth["seniority"], truth["place"]), []).append(inr)
    got = {(g["level"], g["place"]): g for g in insights(fixture_store)["pay"]["groups"]}
    assert set(got) == set(values)
    for key, found in values.items():
        group = got[key]
        assert group["count"] == len(found), key
        if len(found) >= 5:
            assert (group["p25"], group["p50"], group["p75"]) == pytest.approx(
                tuple(quartile(found, p) for p in (0.25, 0.5, 0.75))
            ), key


def test_a_group_below_five_is_never_shown_as_a_number(fixture_store: Path) -> None:
    text = cli(fixture_store, "insights")
    section = text.split("Pay by level and place")[1].split("What would open")[0]
    rows = [line.split() for line in section.splitlines() if line.split()[:1] in LEVELS]
    few = [row for row in rows if "too few" in " ".join(row)]
    assert {row[1] for row in few} == {"Hyderabad", "Bengaluru"}  # senior; lead and mid
    assert len(few) == 3 and len(rows) == 5
    for row in few:
        assert not any("₹" in cell or "%" in cell for cell in row), row
    markdown = cli(fixture_store, "insights", "--format", "markdown")
    table = [line for line in markdown.splitlines() if line.split("|")[1:2] in MD_LEVELS]
    assert sum("too few" in line for line in table) == 3
    for line in table:
        if "too few" in line:
            assert "₹" not in line, line


def test_a_store_without_pay_says_so_in_one_line(tmp_path: Path) -> None:
    records = [
        {**r, "salary_text": None, "truth": {**r["truth"], "salary": None}}
        for r in fixture_records()
    ]
    config = make_store(tmp_path, records)
    found = insights(config)
    assert found["pay"]["with_pay"] == 0 and found["pay"]["groups"] == []
    text = cli(config, "insights")
    section = text.split("Pay by level and place\n")[1].split("\n\n")[0].splitlines()
    assert section[0].startswith("---")
    assert len(section) == 2 and "states pay" in section[1], section


# --- what would open the most jobs -------------------------------------------------------


def edited(profile: Path, kind: str, item: str, out: Path) -> Path:
    """The profile file with one item added, as a user would edit it."""
    document = tomlkit.parse(profile.read_text(encoding="utf-8"))
    table: Any = document["profile"]
    if kind == "years":
        table["years_experience"] = int(item)
    else:
        key = {"certification": "certifications", "skill": "skills",
               "methodology": "methodologies"}[kind]  # fmt: skip
        table[key].append(item)
    out.write_text(tomlkit.dumps(document), encoding="utf-8")
    return out


def listed(config: Path, profile: Path) -> dict[int, float]:
    """What `matches` lists for the profile: each job's shown score, by group."""
    rows = json.loads(
        cli(config, "matches", "--profile", str(profile), "--limit", "1000", "--format", "json")
    )
    return {row["group"]: row["score"] for row in rows}


def other_jobs(n: int) -> list[dict[str, Any]]:
    """Jobs outside the role family at other companies: with them the store is big enough
    for skill rarity weights (matcher.rarity.MIN_LISTINGS), which the rescoring must use."""
    return [
        {"id": f"other-{i}", "source": "manual", "url": f"https://jobs.example/other/{i}",
         "title": "Content Writer", "company": f"Inkwell {i}", "location": "Pune, India",
         "description": "Write blog posts and case studies. Jira, Confluence and SEO tools."}
        for i in range(n)
    ]  # fmt: skip


def test_the_counterfactual_agrees_with_editing_the_profile_and_rerunning(tmp_path: Path) -> None:
    config = make_store(tmp_path, fixture_records() + other_jobs(MIN_LISTINGS))
    engine = open_engine(sqlite_url(tmp_path / "jobs.db"))
    assert stored_skill_rarity(engine), "the rarity weights are in play"
    engine.dispose()
    profile = tmp_path / "me.toml"
    before = listed(config, profile)
    # A job the user ignored leaves both counts, as it leaves `matches`.
    ignored = min(before, key=lambda group: (before[group], group))
    cli(config, "mark", str(ignored), "ignored")
    before = listed(config, profile)
    assert ignored not in before
    # Thresholds: the config's, and just above each listing that requires PMP, which the
    # profile lacks: with PMP added such a listing must pass its own threshold.
    by_external = {r["external_id"]: r["group"] for r in exported(config)}
    asking = sorted(
        before[by_external[r["id"]]]
        for r in fixture_records()
        if "PMP certification required" in r["description"] and by_external[r["id"]] in before
    )
    chosen = {asking[0], asking[len(asking) // 2], asking[-1]}
    thresholds = sorted({60.0} | {round(s + 0.05, 2) for s in chosen if s < 99.9})
    found = {t: insights(config, "--min-score", str(t))["openings"] for t in thresholds}

    items = {(o["kind"], o["item"]) for f in found.values() for o in f["top"]}
    assert ("certification", "PMP") in items and any(k == "years" for k, _ in items)
    reached_somewhere = False
    for kind, item in sorted(items):
        after = listed(config, edited(profile, kind, item, tmp_path / "edited.toml"))
        up = sum(band(after.get(g, 0.0)) > band(before.get(g, 0.0)) for g in before | after)
        for t, section in found.items():
            assert section["reaching"] == sum(s >= t for s in before.values())
            opening = next(o for o in section["top"] if (o["kind"], o["item"]) == (kind, item))
            now_in = {g for g, s in after.items() if s >= t}
            was_in = {g for g, s in before.items() if s >= t}
            assert opening["reach"] == len(now_in) - len(was_in), (kind, item, t)
            assert opening["up_band"] == up, (kind, item)
            groups = {by_id: g for by_id, g in _groups(config).items()}
            assert {groups[i] for i in opening["examples"]} <= now_in - was_in
            reached_somewhere |= opening["reach"] > 0
    assert reached_somewhere  # the thresholds above make PMP reach at least one


def _groups(config: Path) -> dict[int, int]:
    return {r["id"]: r["group"] for r in exported(config)}


def test_pruned_search_gives_the_top_of_rescoring_everything(
    fixture_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Skipping listings that cannot cross a line, and candidates that cannot make the
    top, changes nothing: compared with rescoring every listing naming each item."""
    engine = open_engine(sqlite_url(fixture_store.parent / "jobs.db"))
    profile = load_profile(fixture_store.parent / "me.toml")
    rows = store.load(engine, profile.name, datetime(2000, 1, 1, tzinfo=UTC))
    levels = near_levels(profile_level(profile))
    relevant = [r for r in rows if r.facts["seniority"] in levels and r.open]
    weights, rates = MatcherSection().weights, MatcherSection().rates_to_usd

    def run(threshold: float) -> list[tuple[str, str, int, int]]:
        section = openings.openings_section(
            rows, profile, relevant=relevant, threshold=threshold, weights=weights,
            rates_to_usd=rates,
        )  # fmt: skip
        return [(o.kind, o.item, o.reach, o.up_band) for o in section.top]

    # A line just above and just below every stored score: whatever a listing's distance
    # to a line, one of these puts it there.
    scores = {r.score for r in rows if r.score}
    lines = sorted({round(s + d, 2) for s in scores for d in (0.05, -0.05)} | {60.0})
    for threshold in lines:
        pruned = run(threshold)
        with monkeypatch.context() as m:
            m.setattr(openings, "most_move", lambda kind, weights: 1000.0)
            m.setattr(openings, "TOP", 1000)
            everything = run(threshold)
        assert pruned == everything[: len(pruned)], threshold
        with monkeypatch.context() as m:
            m.setattr(openings, "TOP", 2)
            assert run(threshold) == everything[:2]
    engine.dispose()


# --- skills, levels, trend ------------------------------------------------------------------


def test_skills_in_demand_split_by_what_the_profile_has(fixture_store: Path) -> None:
    profile = load_profile(PROFILE)
    levels = near_levels(profile_level(profile))
    found = insights(fixture_store)
    demand = found["demand"]
    assert tuple(demand["levels"]) == levels
    jobs: dict[Any, Any] = {}  # group -> facts
    for row in exported(fixture_store):
        facts = row["facts"]
        if facts["role_variant"] in found["family"] and facts["seniority"] in levels:
            jobs.setdefault(row["group"], facts)
    assert demand["jobs"] == len(jobs)
    have = {d["item"]: d for d in demand["have"]}
    lack = {d["item"]: d for d in demand["lack"]}
    assert {"Jira", "Agile"} <= set(have) and {"Kubernetes", "PMP"} <= set(lack)
    assert not set(have) & set(lack)
    for name, entry in (("Jira", have["Jira"]), ("Kubernetes", lack["Kubernetes"])):
        asking = [f for f in jobs.values() if name in f["skills"]]
        required = sum(name not in f["preferred"] for f in asking)
        assert entry["required"] == required
        assert entry["share_required"] == pytest.approx(required / len(jobs))
    pmp = [f for f in jobs.values() if "PMP" in f["certifications"]]
    assert lack["PMP"]["preferred"] == sum("PMP" in f["preferred"] for f in pmp) >= 1


def test_level_fit_counts_what_matches_lists(fixture_store: Path) -> None:
    found = insights(fixture_store)
    levels = found["levels"]
    assert levels["yours"] == "senior" and levels["next_up"] == "lead"
    shown = {
        row["group"]: row
        for row in json.loads(cli(fixture_store, "matches", "--limit", "1000", "--format", "json"))
    }
    for row in levels["rows"]:
        at_level = [
            r for r in shown.values()
            if r["facts"]["seniority"] == row["level"]
            and r["facts"]["role_variant"] in found["family"]
        ]  # fmt: skip
        assert row["matches"] == sum(r["score"] >= 60 for r in at_level), row
        assert row["jobs"] >= len(at_level)  # jobs scored 0 are counted, not listed
    mine, up = (
        next(r for r in levels["rows"] if r["level"] == name) for name in ("senior", "lead")
    )
    if up["matches_met"] > mine["matches_met"]:
        assert "aim one level up" in levels["verdict"]
    elif up["matches_met"] < mine["matches_met"]:
        assert "your level has more" in levels["verdict"]
    # The lead jobs ask 8 to 12 years; the profile has 7: it meets none asking more.
    asking_more = [
        r for r in fixture_records()
        if r["truth"]["seniority"] == "lead" and "10+ years" in r["description"]
    ]  # fmt: skip
    assert asking_more and up["meets"] <= up["jobs"] - len(asking_more)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def test_trend_counts_new_jobs_per_week(tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    records = []
    for k, record in enumerate(fixture_records()):
        if "same_job_as" in record["truth"]:
            continue  # one job, one date: its copy is left out of this store
        records.append({**record, "posted_at": (today - timedelta(days=(k * 7) % 80)).isoformat()})
    config = make_store(tmp_path, records)
    found = insights(config)
    trend = found["trend"]
    start = monday(today - timedelta(days=90))
    assert trend["weeks"][0] == start.isoformat()
    assert trend["weeks"][-1] == monday(today).isoformat()
    variants = {r["external_id"]: r["facts"]["role_variant"] for r in exported(config)}
    expected: dict[str, list[int]] = {}
    for record in records:
        variant = variants[record["id"]]
        if variant not in found["family"]:
            continue
        week = (monday(date.fromisoformat(record["posted_at"])) - start).days // 7
        expected.setdefault(variant, [0] * len(trend["weeks"]))[week] += 1
    assert {s["variant"]: s["counts"] for s in trend["series"]} == expected
    text = cli(config, "insights")
    assert any(ch in text.split("Trend")[-1] for ch in "▂▃▄▅▆▇█")


# --- the command ---------------------------------------------------------------------------


def test_every_format_has_the_five_sections(fixture_store: Path, tmp_path: Path) -> None:
    text = cli(fixture_store, "insights")
    markdown = cli(fixture_store, "insights", "--format", "markdown")
    for title in SECTIONS:
        assert f"\n{title}\n" in text
        assert f"## {title}" in markdown
    assert "Career insights for Meera" in text
    page = tmp_path / "insights.html"
    cli(fixture_store, "insights", "--format", "html", "--out", str(page))
    html = page.read_text(encoding="utf-8")
    for key in ("pay", "openings", "demand", "levels", "trend"):
        assert f'<section id="{key}">' in html
    found = insights(fixture_store)
    assert set(found) >= {"pay", "openings", "demand", "levels", "trend", "family"}


@pytest.mark.cli
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--since", "90x"], "--since '90x': a span like 90d or 12w, or a date"),
        (["--since", "2999-01-01"], "--since '2999-01-01': a date in the future"),
        (["--profile", "nowhere.toml"], "nowhere.toml: profile file not found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(fixture_store: Path, args: list[str], said: str) -> None:
    done = subprocess.run(
        [JOBMATCH, "--config", str(fixture_store), "insights", *args],
        cwd=fixture_store.parent, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and said in lines[0], done.stderr


@pytest.mark.cli
def test_on_the_demo_boards(tmp_path: Path) -> None:
    from jobmatch.demo import demo_boards
    from jobmatch.replay import serve_greenhouse
    from tests.test_cli import write_config

    with serve_greenhouse(demo_boards()) as url:
        config = write_config(tmp_path, url)
        cli(config, "run")
    text = cli(config, "insights")
    for title in SECTIONS:
        assert f"\n{title}\n" in text
    assert "Career insights for" in text


def test_the_same_insights_on_each_backend(engine: Engine, tmp_path: Path) -> None:
    """Built with the pipeline on the given backend (SQLite, and PostgreSQL when set) and
    compared with the same store on SQLite."""
    profile = load_profile(PROFILE)
    matcher = MatcherSection()
    now = queries.utcnow()

    def build(target: Engine) -> dict[str, Any]:
        queries.upsert_listings(target, read_jsonl(LISTINGS).listings)
        pipeline.refresh_scores(
            target, [profile], weights=matcher.weights, rates_to_usd=matcher.rates_to_usd
        )
        found = compute_insights(
            target, profile, since=now - timedelta(days=90), now=now, threshold=60.0,
            weights=matcher.weights, rates_to_usd=matcher.rates_to_usd,
        ).to_dict()  # fmt: skip
        found["openings"]["top"] = sorted(
            (o["kind"], o["item"], o["reach"], o["up_band"]) for o in found["openings"]["top"]
        )
        for opening in found["openings"]["top"]:
            assert opening  # examples are listing ids, which differ between databases
        return found

    reference_engine = open_engine(sqlite_url(tmp_path / "reference.db"))
    reference = build(reference_engine)
    reference_engine.dispose()
    assert build(engine) == reference
