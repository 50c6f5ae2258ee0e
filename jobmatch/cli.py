"""The command line: `jobmatch [--config PATH] [--db URL] COMMAND`.

Exit codes: 0 ok, 1 some sources failed, 2 bad input or config. Errors the user can fix
are one line on stderr; tracebacks only for bugs, or with -v.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.engine import Engine

from jobmatch import pipeline
from jobmatch.config import Config, load_config
from jobmatch.errors import ConfigError, InputError, JobmatchError
from jobmatch.jobspy_files import read_import_file
from jobmatch.output import clean, export_record, render_csv, render_json, render_table
from matcher.errors import MatcherError
from matcher.profile import Profile, load_profile
from scraper.errors import SourceError
from storage import queries
from storage.engine import open_engine
from storage.errors import StorageError

EXIT_OK, EXIT_SOURCES_FAILED, EXIT_BAD_INPUT = 0, 1, 2

app = typer.Typer(
    help="Fetch technical project manager jobs from public boards and rank them against your CV.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@dataclass
class State:
    config_path: Path
    db_url: str | None
    verbose: int
    _config: Config | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_engine(self.db_url or self.config.storage.url)
        return self._engine

    def profiles(self, path: Path | None) -> list[Profile]:
        if path is not None:
            return [load_profile(path)]
        if not self.config.profiles:
            raise ConfigError(
                f"{self.config.path}: profiles: none configured; add [[profiles]] or pass --profile"
            )
        return [load_profile(entry.path) for entry in self.config.profiles]


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        Path, typer.Option("--config", "-c", envvar="JOBMATCH_CONFIG", help="The config file.")
    ] = Path("config.toml"),
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="JOBMATCH_DB", help="Database URL; overrides [storage] url."),
    ] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging.")] = 0,
) -> None:
    """Fetch technical project manager jobs from public boards and rank them against your CV.

    Example: jobmatch --config config.toml run
    """
    # Our own warnings by default; other libraries' chatter only with -vv.
    logging.basicConfig(
        level=logging.ERROR if verbose < 2 else logging.DEBUG,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for package in ("jobmatch", "scraper", "matcher", "storage"):
        logging.getLogger(package).setLevel(logging.WARNING - 10 * min(verbose, 2))
    ctx.obj = State(config_path=config, db_url=db, verbose=verbose)


def _state(ctx: typer.Context) -> State:
    state = ctx.obj
    assert isinstance(state, State)
    return state


def _report_outcomes(outcomes: list[pipeline.SourceOutcome]) -> int:
    for outcome in outcomes:
        c = outcome.counts
        if not outcome.ok:
            err.print(f"{outcome.name} — {outcome.error}", markup=False, style="red")
        elif outcome.note:
            err.print(f"{outcome.name} — {outcome.note}", markup=False)
        elif c is not None:
            closed = f", {c.closed} closed" if c.closed else ""
            err.print(
                f"{outcome.name} — {c.fetched} listings ({c.new} new, {c.updated} updated{closed})",
                markup=False,
            )
    return EXIT_SOURCES_FAILED if any(not o.ok for o in outcomes) else EXIT_OK


ForceOption = Annotated[
    bool, typer.Option("--force", help="Fetch even sources fetched within their min_interval.")
]


def _fetch(state: State, only: str | None, force: bool) -> list[pipeline.SourceOutcome]:
    config = state.config
    if only is not None:
        chosen = [s for s in config.sources if s.name == only]
        if not chosen:
            names = ", ".join(s.name for s in config.sources) or "none"
            raise InputError(f"no source named {only!r} in {config.path}; sources: {names}")
    else:
        chosen = config.enabled_sources()
        if not chosen:
            raise ConfigError(f"{config.path}: sources: none enabled")
    return pipeline.fetch_sources(state.engine, chosen, config.http.settings(), force=force)


def _score(state: State, profiles: list[Profile]) -> None:
    pipeline.extract_new_facts(state.engine)
    matcher = state.config.matcher
    for profile in profiles:
        pipeline.score_profile(
            state.engine, profile, weights=matcher.weights, rates_to_usd=matcher.rates_to_usd
        )


@app.command()
def run(ctx: typer.Context, force: ForceOption = False) -> None:
    """Fetch every enabled source, score new listings, print the top new matches.

    Example: jobmatch run
    """
    state = _state(ctx)
    started = queries.utcnow()
    profiles = state.profiles(None)
    outcomes = _fetch(state, None, force)
    code = _report_outcomes(outcomes)
    _score(state, profiles)
    for profile in profiles:
        rows = queries.top_matches(
            state.engine, profile.name, limit=state.config.matcher.top, seen_since=started
        )
        render_table(out, rows, title=f"New matches for {profile.name}")
    raise typer.Exit(code)


@app.command()
def fetch(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="Fetch only the source with this name.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Fetch enabled sources (or one) into the database.

    Example: jobmatch fetch --source greenhouse:stripe
    """
    state = _state(ctx)
    raise typer.Exit(_report_outcomes(_fetch(state, source, force)))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Listings JSONL (shared/eval/FORMAT.md), or a JobSpy CSV/JSON.")
    ],
) -> None:
    """Import listings from a JSONL file; malformed lines are reported and skipped.

    Example: jobmatch import listings.jsonl
    """
    state = _state(ctx)
    report = read_import_file(file)
    for problem in report.problems:
        err.print(f"skipped {problem}", markup=False, style="yellow")
    counts = queries.upsert_listings(state.engine, report.listings)
    err.print(
        f"imported {counts.fetched} listings ({counts.new} new, {counts.updated} updated, "
        f"{counts.unchanged} unchanged); {len(report.problems)} lines skipped",
        markup=False,
    )
    raise typer.Exit(EXIT_BAD_INPUT if report.problems and not report.listings else EXIT_OK)


ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", "-p", help="A profile TOML; default: the config's [[profiles]]."),
]


@app.command()
def match(ctx: typer.Context, profile: ProfileOption = None) -> None:
    """Extract facts and score stored listings against profiles (only what changed).

    Example: jobmatch match --profile profiles/example.toml
    """
    state = _state(ctx)
    profiles = state.profiles(profile)
    _score(state, profiles)
    err.print(f"scored {queries.count_listings(state.engine)} listings for "
              f"{', '.join(p.name for p in profiles)}", markup=False)  # fmt: skip


@app.command()
def matches(
    ctx: typer.Context,
    profile: ProfileOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to show.")] = 20,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table, json or csv.")
    ] = Format.table,
    min_score: Annotated[float, typer.Option("--min-score", help="Hide scores below this.")] = 0.0,
    all_: Annotated[bool, typer.Option("--all", help="Include listings scored 0.")] = False,
) -> None:
    """List the best stored matches for a profile, each with its reasons.

    Example: jobmatch matches --limit 10 --format json
    """
    state = _state(ctx)
    chosen = state.profiles(profile)[0]
    if profile is not None:  # a profile file given directly may not have been scored yet
        _score(state, [chosen])
    rows = queries.top_matches(
        state.engine, chosen.name, limit=limit, min_score=min_score, include_zero=all_
    )
    if fmt is Format.json:
        sys.stdout.write(render_json(rows) + "\n")
    elif fmt is Format.csv:
        sys.stdout.write(render_csv(rows))
    else:
        render_table(out, rows, title=f"Matches for {clean(chosen.name)}")


profile_app = typer.Typer(help="Draft and check CV profiles.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")


@profile_app.command("init")
def profile_init(
    from_cv: Annotated[Path, typer.Option("--from-cv", help="Your CV: .txt, .md or .pdf.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the draft here; default stdout.")
    ] = None,
) -> None:
    """Draft a profile TOML from your CV, for you to review.

    Example: jobmatch profile init --from-cv cv.md -o profiles/me.toml
    """
    from jobmatch.profile_draft import draft_profile, read_cv

    draft = draft_profile(read_cv(from_cv))
    if output is None:
        sys.stdout.write(draft)
        return
    if output.exists():
        raise InputError(f"{output}: already exists; not overwriting your profile")
    output.write_text(draft, encoding="utf-8")
    err.print(f"wrote {output}; review it, then check it with: jobmatch profile check {output}")


@profile_app.command("check")
def profile_check(
    path: Annotated[Path, typer.Argument(help="The profile TOML to validate.")],
) -> None:
    """Validate a profile and say what is wrong, or what it contains.

    Example: jobmatch profile check profiles/me.toml
    """
    profile = load_profile(path)
    err.print(
        f"{path}: ok — {profile.name}: {len(profile.target_roles)} target roles, "
        f"{len(profile.skills)} skills, {len(profile.certifications)} certifications",
        markup=False,
    )


class ExportFormat(StrEnum):
    jsonl = "jsonl"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="jsonl: one listing per line.")
    ] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file; default stdout.")
    ] = None,
) -> None:
    """Export every stored listing with its lifecycle and extracted facts.

    Example: jobmatch export --format jsonl -o listings.jsonl
    """
    state = _state(ctx)
    pipeline.extract_new_facts(state.engine)
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for listing in queries.iter_listings(state.engine):
            handle.write(json.dumps(export_record(listing), ensure_ascii=False) + "\n")
    finally:
        if output:
            handle.close()


@app.command("eval")
def eval_(
    set_dir: Annotated[
        Path, typer.Argument(help="A labelled set: listings.jsonl, profiles/, labels.tsv.")
    ],
    misses: Annotated[
        int, typer.Option("--misses", help="Also list this many worst misses per profile.")
    ] = 0,
) -> None:
    """Measure the matcher on a labelled set: NDCG@10, top-5 share, a BM25 baseline, and
    extraction accuracy per field. Runs in a temporary database.

    Example: jobmatch eval ../shared/eval/dev --misses 5
    """
    from jobmatch.evaluate import evaluate_set

    report = evaluate_set(set_dir)
    out.out(report.render(), highlight=False)
    if misses:
        out.out(report.misses(misses), highlight=False)


@app.command()
def demo(ctx: typer.Context) -> None:
    """Offline demo: serve recorded board responses locally, fetch, score, show the ranking.

    Example: jobmatch demo
    """
    from jobmatch.demo import run_demo

    state = _state(ctx)
    run_demo(out, err, verbose=state.verbose)


def main() -> None:
    """Console entry point: user errors become one line and exit 2, never a traceback."""
    verbose = any(arg in ("-v", "-vv", "--verbose") for arg in sys.argv[1:])
    try:
        app()
    except (JobmatchError, MatcherError, StorageError, SourceError) as e:
        if verbose:
            raise
        err.print(f"error: {e}", markup=False, style="red")
        sys.exit(EXIT_BAD_INPUT)


if __name__ == "__main__":
    main()
