"""Commands that look after the tool: profile, db, sources, runs, schedule, cron-line."""

from __future__ import annotations

import logging
import sqlite3
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.engine import make_url

from jobmatch.cli.app import EXIT_BAD_INPUT, EXIT_OK, app, err, out, state_of, write_file
from jobmatch.cli.fetch import untracked
from jobmatch.errors import ConfigError, InputError, JobmatchError
from jobmatch.output import clean
from matcher.errors import MatcherError, ProfileError
from matcher.profile import load_profile, plausibility_warnings
from scraper.errors import SourceError
from storage import queries
from storage.errors import StorageError
from storage.matches import status_counts
from storage.migrate import current_revision, head_revision, upgrade

profile_app = typer.Typer(help="Draft and check CV profiles.", no_args_is_help=True)
db_app = typer.Typer(help="Look after the database.", no_args_is_help=True)
app.add_typer(profile_app, name="profile")
app.add_typer(db_app, name="db")


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
    write_file(output, draft)
    err.print(f"wrote {output}; review it, then check it with: jobmatch profile check {output}")


@profile_app.command("check")
def profile_check(
    path: Annotated[Path, typer.Argument(help="The profile TOML to validate.")],
) -> None:
    """Validate a profile and say what is wrong, or what it contains.

    Example: jobmatch profile check profiles/me.toml
    """
    try:
        profile = load_profile(path)
    except ProfileError as e:
        for problem in e.problems:
            err.print(problem, markup=False, style="red")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    err.print(
        f"{path}: ok — {profile.name}: {len(profile.target_roles)} target roles, "
        f"{len(profile.skills)} skills, {len(profile.certifications)} certifications",
        markup=False,
    )
    for warning in plausibility_warnings(profile):
        err.print(f"{path}: warning: {warning}", markup=False, style="yellow")


@app.command()
def init(
    folder: Annotated[
        Path | None,
        typer.Option("--dir", help="Where to write; default: your config folder."),
    ] = None,
) -> None:
    """Write a starter config.toml and profiles/example.toml (never over existing files),
    so jobmatch works from any folder. Then edit the profile and run `jobmatch run`.

    Example: jobmatch init
    """
    from jobmatch.locations import user_config_dir, user_data_dir
    from jobmatch.starter import write_starter

    result = write_starter(folder or user_config_dir(), user_data_dir())
    for path in result.written:
        out.print(f"wrote {path}", markup=False)
    for path in result.kept:
        err.print(f"{path} exists: left as it is", markup=False)
    if result.written:
        out.print("Next: edit profiles/example.toml, then `jobmatch run`.", markup=False)


@app.command("config")
def config_check(
    ctx: typer.Context,
    action: Annotated[str, typer.Argument(help="check: validate the config and its profiles.")],
) -> None:
    """Validate the config file and every profile it names.

    Example: jobmatch --config config.toml config check
    """
    if action != "check":
        raise InputError(f"config {action!r}: the only action is 'check'")
    state = state_of(ctx)
    try:
        config = state.config
    except ConfigError as e:
        for problem in e.problems:
            err.print(problem, markup=False, style="red")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    bad = False
    for entry in config.profiles:
        try:
            for warning in plausibility_warnings(load_profile(entry.path)):
                err.print(f"{entry.path}: warning: {warning}", markup=False, style="yellow")
        except ProfileError as e:
            bad = True
            for problem in e.problems:
                err.print(problem, markup=False, style="red")
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)
    enabled = len(config.enabled_sources())
    err.print(
        f"{config.path}: ok — {len(config.sources)} sources ({enabled} enabled), "
        f"{len(config.profiles)} profiles, schedule {config.schedule.cron!r}",
        markup=False,
    )


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Upgrade the database schema in place (run also does this).

    Example: jobmatch db upgrade
    """
    engine = state_of(ctx).engine  # opening upgrades
    upgrade(engine)
    err.print(f"schema at {current_revision(engine)} (newest {head_revision()})", markup=False)


@db_app.command("backup")
def db_backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Where to write the copy (a new file).")],
) -> None:
    """Copy a live SQLite database safely with SQLite's online backup API.

    Example: jobmatch db backup backups/jobmatch-2026-11-27.db
    """
    state = state_of(ctx)
    url = make_url(state.db_url or state.config.storage.url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise InputError("db backup copies SQLite databases; for PostgreSQL use pg_dump")
    if path.exists():
        raise InputError(f"{path}: already exists; not overwriting")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such folder")
    state.engine  # noqa: B018  (opens, and upgrades, the database first)
    source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    err.print(f"backed up {url.database} to {path}", markup=False)


@db_app.command("prune")
def db_prune(
    ctx: typer.Context,
    closed_before: Annotated[
        str, typer.Option("--closed-before", help="Delete listings closed before this date.")
    ],
) -> None:
    """Delete listings that closed before a date, with their scores and history.

    Example: jobmatch db prune --closed-before 2026-06-01
    """
    try:
        day = date.fromisoformat(closed_before)
    except ValueError:
        raise InputError(
            f"--closed-before: not a date like 2026-06-01: {closed_before!r}"
        ) from None
    cutoff = datetime.combine(day, time.min, tzinfo=UTC)
    removed = queries.prune_closed(state_of(ctx).engine, cutoff)
    err.print(f"deleted {removed} listings closed before {day}", markup=False)


@db_app.command("stats")
def db_stats(ctx: typer.Context) -> None:
    """Counts: listings open and closed per source, scores per profile, statuses, schema.

    Example: jobmatch db stats
    """
    engine = state_of(ctx).engine
    stats = queries.stats(engine)
    lines = [
        f"schema {current_revision(engine)}",
        f"listings: {stats.open} open, {stats.closed} closed",
    ]
    lines += [f"  {clean(source)}: {n_open} open, {n_closed} closed"
              for source, n_open, n_closed in stats.by_source]  # fmt: skip
    lines += [f"scores for {clean(profile)}: {count}" for profile, count in stats.scores]
    statuses = status_counts(engine)
    if statuses:
        lines.append("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    lines.append(f"groups of one job on several boards: {stats.groups}")
    out.out("\n".join(lines), highlight=False)


def _when(value: datetime | None) -> str:
    converted = queries.as_utc(value)
    return converted.strftime("%Y-%m-%d %H:%M") if converted else "—"


@app.command()
def sources(ctx: typer.Context) -> None:
    """One row per configured source: last run, outcome, counts, the last error.

    Example: jobmatch sources
    """
    state = state_of(ctx)
    last = {run.source: run for run in queries.last_run_per_source(state.engine)}
    rows = []
    for source in state.config.sources:
        run = last.get(source.name)
        rows.append([
            source.name, source.type, "yes" if source.enabled else "no",
            _when(run.started if run else None), run.status if run else "never",
            *(str(getattr(run, k)) if run else "" for k in ("fetched", "new", "updated", "closed")),
            clean(run.error) if run and run.error else "",
        ])  # fmt: skip
    for outcome in untracked(state):  # removed from the config, its listings kept open
        run = last.get(outcome.name)
        rows.append([
            outcome.name, outcome.name.split(":")[0], "no", _when(run.started if run else None),
            "untracked", "", "", "", "", outcome.note or "",
        ])  # fmt: skip
    _print_rows(
        "Sources",
        ["source", "type", "on", "last run", "status", "fetched", "new", "updated", "closed",
         "last error"],
        rows,
    )  # fmt: skip


def _print_rows(title: str, headers: list[str], rows: list[list[str]]) -> None:
    """A table in a terminal; tab-separated lines when piped, for grep and cut."""
    if not out.is_terminal:
        lines = ["\t".join(headers), *("\t".join(row) for row in rows)]
        out.file.write("\n".join(lines) + "\n")  # rich would expand the tabs to spaces
        return
    table = Table(title=title)
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out.print(table)


@app.command()
def runs(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many.")] = 20,
) -> None:
    """Recent fetch runs, newest first.

    Example: jobmatch runs --limit 50
    """
    rows = [
        [_when(run.started), run.source, run.status, str(run.fetched), str(run.new),
         str(run.updated), str(run.closed), clean(run.error) if run.error else ""]
        for run in queries.recent_runs(state_of(ctx).engine, limit)
    ]  # fmt: skip
    _print_rows(
        "Recent runs",
        ["started", "source", "status", "fetched", "new", "updated", "closed", "error"],
        rows,
    )


@app.command()
def schedule(ctx: typer.Context) -> None:
    """Run in the foreground, doing what `run --quiet` does on the config's cron schedule,
    until SIGTERM or Ctrl-C.

    Example: jobmatch schedule   (with [schedule] cron = "30 2 * * *")
    """
    from jobmatch.cli.app import State
    from jobmatch.cli.fetch import nightly
    from jobmatch.scheduler import run_forever

    first = state_of(ctx)
    config = first.config  # fail fast on a bad config
    logger = logging.getLogger("jobmatch.schedule")
    logger.setLevel(logging.INFO)
    if config.log.file is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False  # the root's stderr handler would print each line again

    def job() -> int:
        # A fresh state each night: the config and profiles are read anew.
        state = State(config_path=first.config_path, db_url=first.db_url, verbose=first.verbose)
        try:
            return nightly(state, quiet=True)
        except (JobmatchError, MatcherError, StorageError, SourceError) as e:
            logger.error("%s", e)  # one line, no traceback; the daemon goes on
            return EXIT_BAD_INPUT

    run_forever(job, cron=config.schedule.cron, logger=logger)
    raise typer.Exit(EXIT_OK)


@app.command("cron-line")
def cron_line_(ctx: typer.Context) -> None:
    """Print the crontab line that runs jobmatch on the config's schedule.

    Example: jobmatch cron-line >> /tmp/crontab && crontab /tmp/crontab
    """
    from jobmatch.scheduler import cron_line

    state = state_of(ctx)
    binary = Path(sys.executable).parent / "jobmatch"  # the one in this virtual environment
    out.out(cron_line(state.config.path, state.config.schedule.cron, binary), highlight=False)
