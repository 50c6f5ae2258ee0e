"""Commands that bring listings in and score them: run, fetch, import, match, export, eval."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from jobmatch import pipeline
from jobmatch.cli.app import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_SOURCES_FAILED,
    ForceOption,
    ProfileOption,
    State,
    app,
    err,
    out,
    progress_bar,
    state_of,
)
from jobmatch.errors import ConfigError, InputError
from jobmatch.importer import latest_copies, store_in_batches, stream_jsonl
from jobmatch.jobspy_files import looks_like_jobspy, read_jobspy_file
from jobmatch.locations import user_data_dir
from jobmatch.lock import run_lock
from jobmatch.notify import NotifyError, send_matches
from jobmatch.output import export_record, match_record, render_table
from jobmatch.weekly import INSIGHTS_FILE, SentLedger
from matcher.profile import Profile
from scraper.listing import Listing
from storage import queries
from storage.matches import MatchFilter, find_matches, statuses_by_listing

LINE_MAX = 160  # a failure line in cron's mail; `sources` and the log keep the whole text


def _short(line: str) -> str:
    return line if len(line) <= LINE_MAX else line[: LINE_MAX - 1] + "…"


def report_outcomes(outcomes: list[pipeline.SourceOutcome], *, quiet: bool = False) -> int:
    """One line per source (quiet: failures and warnings only); the exit code cron sees."""
    for outcome in outcomes:
        c = outcome.counts
        if not outcome.ok:
            line = f"{outcome.name} — {outcome.error}"
            err.print(_short(line), markup=False, style="red")  # in full: `jobmatch sources`
            continue
        if quiet:
            pass
        elif outcome.note:
            err.print(f"{outcome.name} — {outcome.note}", markup=False)
        elif c is not None:
            closed = f", {c.closed} closed" if c.closed else ""
            err.print(
                f"{outcome.name} — {c.fetched} listings ({c.new} new, {c.updated} updated{closed})",
                markup=False,
            )
        if outcome.warning:  # in cron's mail too: the fetch worked, so nothing else would say
            warning = f"{outcome.name} — warning: {outcome.warning}"
            err.print(_short(warning), markup=False, style="yellow")
    tried = [o for o in outcomes if o.note is None]
    if tried and all(o.error and "cannot connect" in o.error for o in tried):
        err.print(
            "No board could be reached (no network?): `jobmatch demo` runs on recorded "
            "boards, `jobmatch import FILE` reads listings you have.",
            markup=False,
        )
    return EXIT_SOURCES_FAILED if any(not o.ok for o in outcomes) else EXIT_OK


def _run_folder(state: State) -> Path:
    """Where runs keep their own files (the lock, the weekly insights' ledger): beside the
    config file, or in the user's data folder with none."""
    if state.config_file is None:
        return user_data_dir()
    return state.config.path.resolve().parent


@contextmanager
def _lock(state: State) -> Iterator[None]:
    """Runs that write share one lock beside the config file (or the data, with none).
    Holding it, no other run is alive, so runs still marked running were left by a dead
    process: they are closed as interrupted."""
    folder = _run_folder(state)
    with ExitStack() as stack:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stack.enter_context(run_lock(folder / ".jobmatch.lock"))
        except OSError:  # a read-only folder: go on without the lock rather than fail the night
            yield
            return
        queries.close_abandoned_runs(state.engine)
        yield


def fetch_chosen(
    state: State, only: str | None, force: bool, *, progress: bool = False
) -> list[pipeline.SourceOutcome]:
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
    with progress_bar(enabled=progress) as bar:
        on_done = None
        if bar is not None:
            task = bar.add_task("fetching boards", total=len(chosen))
            on_done = lambda name: bar.advance(task)  # noqa: E731
        try:
            outcomes = pipeline.fetch_sources(
                state.engine, chosen, config.http.settings(), force=force, on_done=on_done
            )
        except KeyboardInterrupt as e:  # the pipeline has closed its runs as interrupted
            how = str(e) or "Ctrl-C"
            err.print(
                f"interrupted ({how}): unfinished fetch runs are closed as interrupted; "
                "what was stored is kept",
                markup=False,
            )
            raise typer.Exit(143 if how == "SIGTERM" else 130) from None
    return outcomes + (untracked(state) if only is None else [])


def untracked(state: State) -> list[pipeline.SourceOutcome]:
    """Sources no longer in the config whose listings are stored open: they are neither
    fetched nor closed (the user may have removed the board by mistake), and say so."""
    configured = {source.name for source in state.config.sources}
    # Only fetched sources: imported listings never had a config entry to lose.
    fetched = {run.source for run in queries.last_run_per_source(state.engine)}
    return [
        pipeline.SourceOutcome(
            name, note=f"no longer in {state.config.path}: {count} open listings kept, not tracked"
        )
        for name, count in sorted(queries.open_listings_per_source(state.engine).items())
        if name in fetched and name not in configured
    ]


def nightly(
    state: State,
    *,
    force: bool = False,
    quiet: bool = False,
    clock: Callable[[], datetime] = queries.utcnow,
) -> int:
    """What cron runs (and `schedule`): fetch, score, print new matches, send the digest;
    the exit code. `clock` times the weekly insights (tests pass a later one)."""
    state.quiet = quiet
    with _lock(state):
        night = clock()  # the night's start: steadier from night to night than its end
        profiles = state.profiles(None)
        round_start = queries.utcnow()
        outcomes = fetch_chosen(state, None, force, progress=not quiet)
        code = report_outcomes(outcomes, quiet=quiet)
        state.score(profiles)
        queries.optimize(state.engine)
        digest = state.config.digest
        for profile in profiles:
            new = MatchFilter(seen_since=round_start, min_score=digest.min_score if quiet else 0)
            views = find_matches(state.engine, profile.name, new, limit=digest.limit)
            if views or not quiet:  # cron mails only when there is something to read
                render_table(out, views, title=f"New matches for {profile.name}")
            code = max(code, _send_digest(state, profile, night=night, clock=clock))
        return code


DIGEST_WINDOW = timedelta(days=7)  # a match not delivered (a failed send) is retried this long


def _send_digest(
    state: State, chosen: Profile, *, night: datetime, clock: Callable[[], datetime]
) -> int:
    """Push the profile's matches at or above the digest's min_score that no channel has
    delivered yet (first seen within DIGEST_WINDOW), and the weekly insights when they are
    due (`[notify] insights`), even on a night with no new match; record what was
    delivered. Delivered by any channel counts as sent, as for the matches."""
    notify, digest = state.config.notify, state.config.digest
    if notify is None or not notify.enabled:
        return EXIT_OK
    profile = chosen.name
    recent = MatchFilter(seen_since=queries.utcnow() - DIGEST_WINDOW, min_score=digest.min_score)
    sent = queries.sent_listing_ids(state.engine, profile)
    views = [
        v
        for v in find_matches(state.engine, profile, recent, limit=None)
        if v.listing.id not in sent
    ][: digest.limit]
    ledger = SentLedger(_run_folder(state) / INSIGHTS_FILE)
    found = None
    if notify.insights == "weekly" and ledger.due(profile, night):
        # Imported when due: the insights command module registers itself on the app, which
        # imports this one; and most nights need none of it.
        from jobmatch.cli.insights import compute_for

        found = compute_for(state, chosen, now=clock())
    try:
        delivered = send_matches(
            notify, [match_record(v) for v in views], profile_name=profile, insights=found
        )
        failed = False
    except NotifyError as e:  # the matches are stored; say so and let cron notice
        err.print(_short(f"error: {e}"), markup=False, style="red")
        delivered, failed = e.delivered, True
    if delivered:
        queries.record_sent(state.engine, profile, [v.listing.id for v in views if v.listing.id])
        if found is not None:
            try:
                ledger.record(profile, night)
            except OSError as e:  # the night's work is done; without the file, they repeat
                err.print(
                    _short(f"warning: {ledger.path}: cannot write ({e.strerror}); "
                           "the weekly insights will be sent again tomorrow"),
                    markup=False, style="yellow",
                )  # fmt: skip
    return EXIT_SOURCES_FAILED if failed else EXIT_OK


@app.command()
def run(
    ctx: typer.Context,
    force: ForceOption = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Cron mode: only the digest of new matches and failures."
        ),
    ] = False,
) -> None:
    """Fetch every enabled source, score new listings, print the new matches.

    Example: jobmatch run --quiet   (from cron: prints only what is worth mailing)
    """
    raise typer.Exit(nightly(state_of(ctx), force=force, quiet=quiet))


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
    state = state_of(ctx)
    with _lock(state):
        raise typer.Exit(report_outcomes(fetch_chosen(state, source, force, progress=True)))


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Listings JSONL (shared/eval/FORMAT.md), or a JobSpy CSV/JSON.")
    ],
) -> None:
    """Import listings from a file; malformed lines are reported and skipped.

    Stored 2,000 listings at a time, each batch committed on its own.
    Interrupted, it keeps what it stored: import the file again to finish.

    Example: jobmatch import listings.jsonl
    """
    state = state_of(ctx)
    skipped = 0

    def say_skipped(problem: str) -> None:
        nonlocal skipped
        skipped += 1
        err.print(f"skipped {problem}", markup=False, style="yellow")

    listings: Iterable[Listing]
    if looks_like_jobspy(file):  # read whole: JobSpy exports are small
        report = read_jobspy_file(file)
        for problem in report.problems:
            say_skipped(problem)
        listings = latest_copies(report.listings)  # so batches store what one batch would
    else:
        listings = stream_jsonl(file, say_skipped)
    stored = queries.UpsertCounts()

    def note(counts: queries.UpsertCounts) -> None:
        nonlocal stored
        stored = counts

    try:
        counts = store_in_batches(state.engine, listings, on_batch=note)
    except KeyboardInterrupt:
        if stored.fetched:
            err.print(
                f"interrupted: {stored.fetched} listings were stored; "
                "import the file again to store the rest",
                markup=False,
            )
        raise
    err.print(
        f"imported {counts.fetched} listings ({counts.new} new, {counts.updated} updated, "
        f"{counts.unchanged} unchanged); {skipped} lines skipped",
        markup=False,
    )
    raise typer.Exit(EXIT_BAD_INPUT if skipped and not counts.fetched else EXIT_OK)


@app.command()
def match(ctx: typer.Context, profile: ProfileOption = None) -> None:
    """Extract facts and score stored listings against profiles (only what changed).

    Example: jobmatch match --profile profiles/example.toml
    """
    state = state_of(ctx)
    profiles = state.profiles(profile)
    state.score(profiles)
    err.print(f"scored {queries.count_listings(state.engine)} listings for "
              f"{', '.join(p.name for p in profiles)}", markup=False)  # fmt: skip


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl: one listing per line.")] = (
        "jsonl"
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file; default stdout.")
    ] = None,
) -> None:
    """Export every stored listing with its lifecycle, facts, status and group.

    Example: jobmatch export --format jsonl -o listings.jsonl
    """
    if fmt != "jsonl":
        raise InputError(f"--format {fmt!r}: only 'jsonl' is supported")
    state = state_of(ctx)
    state.score([])  # facts and groups for listings that have none yet
    statuses = statuses_by_listing(state.engine)
    try:
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as e:
        raise InputError(f"{output}: cannot write ({e.strerror})") from None
    try:
        for listing in queries.iter_listings(state.engine):
            record = export_record(listing)
            record["status"] = statuses.get(listing.id or 0)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if output:
            handle.close()


@app.command("eval")
def eval_(
    set_dir: Annotated[
        Path | None,
        typer.Argument(
            help="A labelled set: listings.jsonl (or listings.path), profiles/, labels.tsv."
        ),
    ] = None,
    misses: Annotated[
        int, typer.Option("--misses", help="Also list this many worst misses per profile.")
    ] = 0,
    all_sets: Annotated[
        bool, typer.Option("--all", help="Every set SETS.toml registers, one line each.")
    ] = False,
    sets: Annotated[Path, typer.Option("--sets", help="The register of sets for --all.")] = Path(
        "bench/sets/SETS.toml"
    ),
) -> None:
    """Measure the matcher on a labelled set: NDCG@10, top-5 share, a BM25 baseline, and
    extraction accuracy per field. Runs in a temporary database. With --all, every
    registered set, beside its first-run figure and whether it was unseen then.

    Example: jobmatch eval ../shared/eval/dev --misses 5   ·   jobmatch eval --all
    """
    from jobmatch.evaluate import evaluate_set, read_sets, render_summary

    if all_sets:
        rows: list[tuple[Any, Any]] = []
        for entry in read_sets(sets):
            if not entry.path.is_dir():
                rows.append((entry, f"absent: {entry.path}"))
                continue
            rows.append((entry, evaluate_set(entry.path)))
        out.out(render_summary(rows), highlight=False)
        return
    if set_dir is None:
        raise InputError("give a set folder, or --all for every set in bench/sets/SETS.toml")
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

    run_demo(out, err, verbose=state_of(ctx).verbose)
