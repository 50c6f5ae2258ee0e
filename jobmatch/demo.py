"""`jobmatch demo`: the whole product, offline, on recorded board responses: two Greenhouse
boards, and a Workday tenant, an Oracle site and a Zoho board served by one local server."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console

from jobmatch import pipeline
from jobmatch.config import MatcherSection
from jobmatch.output import render_table
from jobmatch.replay import Route, routes_from_records, serve_greenhouse, serve_routes
from matcher.profile import load_profile
from scraper.base import SourceConfig
from scraper.greenhouse import GreenhouseConfig
from scraper.http import HttpSettings
from scraper.registry import source_class
from storage.engine import open_engine, sqlite_url
from storage.matches import MatchFilter, find_matches


def demo_boards() -> dict[str, bytes]:
    folder = resources.files("jobmatch") / "data" / "demo"
    return {
        entry.name.removesuffix(".json"): entry.read_bytes()
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


@dataclass(frozen=True)
class RecordedBoard:
    """A board of another ATS: its source keys and the routes that answer its requests."""

    type: str
    config: dict[str, Any]
    routes: list[Route]

    def source_config(self, base_url: str) -> SourceConfig:
        keys = {"type": self.type, "name": f"{self.type}:demo", **self.config}
        return source_class(self.type).config_model.model_validate({**keys, "base_url": base_url})


def recorded_boards() -> list[RecordedBoard]:
    """The demo's Workday, Oracle and Zoho boards (`data/demo/<type>/board.json`)."""
    folder = Path(str(resources.files("jobmatch") / "data" / "demo"))
    boards = []
    for path in sorted(folder.glob("*/board.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        routes = routes_from_records(path.parent, record["routes"])
        boards.append(RecordedBoard(record["type"], record["config"], routes))
    return boards


def sample_profile_path() -> Path:
    return Path(str(resources.files("jobmatch") / "data" / "sample_profile.toml"))


def run_demo(out: Console, err: Console, *, verbose: int = 0) -> None:
    boards = demo_boards()
    profile = load_profile(sample_profile_path())
    matcher = MatcherSection()
    others = recorded_boards()
    with (
        tempfile.TemporaryDirectory(prefix="jobmatch-demo-") as tmp,
        serve_greenhouse(boards) as url,
        serve_routes([route for board in others for route in board.routes]) as (ats_url, _),
    ):
        err.print(f"Serving {len(boards)} recorded Greenhouse boards at {url}", markup=False)
        kinds = ", ".join(board.type for board in others)
        err.print(f"Serving recorded {kinds} boards at {ats_url}", markup=False)
        engine = open_engine(sqlite_url(Path(tmp) / "demo.db"))
        configs: list[SourceConfig] = [
            GreenhouseConfig(
                type="greenhouse", name=f"greenhouse:{token}", board=token, base_url=url
            )
            for token in sorted(boards)
        ]
        configs += [board.source_config(ats_url) for board in others]
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
