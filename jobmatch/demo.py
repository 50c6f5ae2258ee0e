"""`jobmatch demo`: the whole product, offline, on recorded Greenhouse responses."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

from rich.console import Console

from jobmatch import pipeline
from jobmatch.config import MatcherSection
from jobmatch.output import render_table
from jobmatch.replay import serve_greenhouse
from matcher.profile import load_profile
from scraper.greenhouse import GreenhouseConfig
from scraper.http import HttpSettings
from storage.engine import open_engine, sqlite_url
from storage.matches import MatchFilter, find_matches


def demo_boards() -> dict[str, bytes]:
    folder = resources.files("jobmatch") / "data" / "demo"
    return {
        entry.name.removesuffix(".json"): entry.read_bytes()
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


def sample_profile_path() -> Path:
    return Path(str(resources.files("jobmatch") / "data" / "sample_profile.toml"))


def run_demo(out: Console, err: Console, *, verbose: int = 0) -> None:
    boards = demo_boards()
    profile = load_profile(sample_profile_path())
    matcher = MatcherSection()
    with (
        tempfile.TemporaryDirectory(prefix="jobmatch-demo-") as tmp,
        serve_greenhouse(boards) as url,
    ):
        err.print(f"Serving {len(boards)} recorded Greenhouse boards at {url}", markup=False)
        engine = open_engine(sqlite_url(Path(tmp) / "demo.db"))
        configs = [
            GreenhouseConfig(
                type="greenhouse", name=f"greenhouse:{token}", board=token, base_url=url
            )
            for token in sorted(boards)
        ]
        outcomes = pipeline.fetch_sources(engine, configs, HttpSettings(delay=0.0))
        for outcome in outcomes:
            status = (
                f"{outcome.counts.fetched} TPM-family listings" if outcome.counts else outcome.error
            )
            err.print(f"{outcome.name}: {status}", markup=False)
        pipeline.refresh_scores(
            engine, [profile], weights=matcher.weights, rates_to_usd=matcher.rates_to_usd
        )
        views = find_matches(engine, profile.name, MatchFilter(include_zero=True), limit=20)
        render_table(out, views, title=f"Demo: matches for {profile.name} (sample profile)")
        engine.dispose()
