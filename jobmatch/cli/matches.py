"""Commands for the person with coffee: matches, show, mark, open, report."""

from __future__ import annotations

import sys
import webbrowser
from datetime import UTC, date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jobmatch.cli.app import ProfileOption, State, app, err, out, state_of, write_file
from jobmatch.errors import InputError
from jobmatch.output import (
    clean,
    match_record,
    render_csv,
    render_json,
    render_jsonl,
    render_markdown,
    render_table,
    truth,
)
from jobmatch.pipeline import split_duplicates
from matcher.facts import ROLE_VARIANTS
from matcher.profile import Profile
from storage import queries
from storage.matches import (
    MatchFilter,
    MatchView,
    evidence,
    find_matches,
    listing_details,
    match_for,
    set_status,
)
from storage.models import STATUSES


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def _one_profile(state: State, path: Path | None) -> Profile:
    profile = state.profiles(path)[0]
    if path is not None:  # a profile file given directly may not have been scored yet
        state.score([profile])
    return profile


def _since(value: str) -> datetime:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--since: not a date like 2026-11-20: {value!r}") from None
    return datetime.combine(day, time.min, tzinfo=UTC)


def _statuses(values: list[str]) -> frozenset[str]:
    unknown = [v for v in values if v not in STATUSES]
    if unknown:
        raise InputError(f"--status {unknown[0]!r}: one of {', '.join(STATUSES)}")
    return frozenset(values)


WORK_MODES = ("remote", "hybrid", "onsite")


def _checked(state: State, role: str | None, work_mode: str | None, country: str | None,
             source: list[str]) -> None:  # fmt: skip
    """A filter value nothing can match is a typo: say so, with the values accepted."""
    if role is not None and role not in ROLE_VARIANTS:
        raise InputError(f"--role {role!r}: one of {', '.join(ROLE_VARIANTS)}")
    if work_mode is not None and work_mode.lower() not in WORK_MODES:
        raise InputError(f"--work-mode {work_mode!r}: one of {', '.join(WORK_MODES)}")
    if country is not None and not (len(country) == 2 and country.isalpha()):
        raise InputError(f"--country {country!r}: a two-letter ISO code, e.g. IN, US, GB")
    if source:
        known = queries.source_names(state.engine)
        unknown = [name for name in source if name not in known]
        if unknown:
            listed = ", ".join(sorted(known)[:20]) or "none stored yet"
            raise InputError(f"--source {unknown[0]!r}: no listing from it; sources: {listed}")


def _filters(
    state: State,
    *,
    new: bool,
    since: str | None,
    min_score: float,
    role: str | None,
    work_mode: str | None,
    country: str | None,
    status: list[str],
    source: list[str],
    include_closed: bool,
    all_: bool,
    hide_stale: bool = False,
) -> MatchFilter:
    _checked(state, role, work_mode, country, source)
    seen_since = _since(since) if since else None
    if new:
        seen_since = queries.latest_round_start(state.engine) or datetime.now(UTC)
    return MatchFilter(
        min_score=min_score,
        include_zero=all_,
        include_closed=include_closed or all_,
        seen_since=seen_since,
        statuses=_statuses(status),
        sources=frozenset(source),
        role=role,
        work_mode=work_mode.lower() if work_mode else None,
        country=country.upper() if country else None,
        stale_days=state.config.flags.stale_days,
        reposted_from=state.config.flags.reposted_from,
        hide_flagged=hide_stale,
    )


NewOption = Annotated[bool, typer.Option("--new", help="Only jobs first seen in the last run.")]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="Only jobs first seen on or after this date.")
]
MinScoreOption = Annotated[float, typer.Option("--min-score", help="Hide scores below this.")]
RoleOption = Annotated[
    str | None, typer.Option("--role", help=f"Role variant: {', '.join(ROLE_VARIANTS)}.")
]
ModeOption = Annotated[
    str | None, typer.Option("--work-mode", help="remote, hybrid or onsite.")
]  # fmt: skip
CountryOption = Annotated[str | None, typer.Option("--country", help="ISO code, e.g. IN.")]
StatusOption = Annotated[
    list[str], typer.Option("--status", help="Only jobs with this status (repeatable).")
]
SourceOption = Annotated[
    list[str], typer.Option("--source", "-s", help="Only this source (repeatable).")
]
ClosedOption = Annotated[
    bool, typer.Option("--include-closed", help="Include jobs no longer on their board.")
]
AllOption = Annotated[bool, typer.Option("--all", help="Include scores of 0 and closed jobs.")]
HideStaleOption = Annotated[
    bool,
    typer.Option("--hide-stale", help="Hide jobs flagged stale or reposted ([flags] in config)."),
]


@app.command()
def matches(
    ctx: typer.Context,
    profile: ProfileOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to show.")] = 20,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    new: NewOption = False,
    since: SinceOption = None,
    min_score: MinScoreOption = 0.0,
    role: RoleOption = None,
    work_mode: ModeOption = None,
    country: CountryOption = None,
    status: StatusOption = [],  # noqa: B006  (typer reads the default; it is never mutated)
    source: SourceOption = [],  # noqa: B006
    include_closed: ClosedOption = False,
    all_: AllOption = False,
    hide_stale: HideStaleOption = False,
) -> None:
    """List the best stored matches for a profile, one row per job, each with its reasons.

    Example: jobmatch matches --new --min-score 60 --work-mode remote --format json
    """
    state = state_of(ctx)
    chosen = _one_profile(state, profile)
    filters = _filters(
        state, new=new, since=since, min_score=min_score, role=role, work_mode=work_mode,
        country=country, status=status, source=source, include_closed=include_closed, all_=all_,
        hide_stale=hide_stale,
    )  # fmt: skip
    views = find_matches(state.engine, chosen.name, filters, limit=limit)
    title = f"Matches for {chosen.name}"
    if fmt is Format.json:
        sys.stdout.write(render_json(views) + "\n")
    elif fmt is Format.jsonl:
        sys.stdout.write(render_jsonl(views))
    elif fmt is Format.csv:
        sys.stdout.write(render_csv(views))
    elif fmt is Format.markdown:
        sys.stdout.write(render_markdown(views, title=title))
    else:
        render_table(out, views, title=title)


@app.command()
def forget(
    ctx: typer.Context,
    listing_id: Annotated[int, typer.Argument(help="The id shown by `matches`.")],
) -> None:
    """Delete one stored listing with its scores, status and history. If its board still
    lists it, the next fetch brings it back as new.

    Example: jobmatch forget 42
    """
    state = state_of(ctx)
    if not queries.forget_listing(state.engine, listing_id):
        raise InputError(f"no listing with id {listing_id}")
    out.print(f"forgot listing {listing_id}", markup=False)


@app.command()
def show(
    ctx: typer.Context,
    listing_id: Annotated[int, typer.Argument(help="The id shown by `matches`.")],
    profile: ProfileOption = None,
) -> None:
    """A listing in full: text, facts, score components, its boards, history and status.

    Example: jobmatch show 42
    """
    state = state_of(ctx)
    listing, others, changes, status = listing_details(state.engine, listing_id)
    chosen = _one_profile(state, profile) if (profile or state.config.profiles) else None
    match = match_for(state.engine, listing_id, chosen.name) if chosen else None
    lines = [
        f"{clean(listing.title)} — {clean(listing.company)}",
        f"{clean(listing.location) or 'location not given'} · {listing.source} · id {listing.id}",
        clean(listing.url),
    ]
    lines += [f"also on {clean(o.source)}: {clean(o.url)}" for o in others]
    flags = evidence(listing, [(o.source, o.first_seen) for o in others]).flags(
        MatchFilter(
            stale_days=state.config.flags.stale_days,
            reposted_from=state.config.flags.reposted_from,
        ),
        queries.utcnow(),
    )
    if flags:
        lines.append("flagged: " + ", ".join(flags))
    if status:
        note = f" — {clean(status.note)}" if status.note else ""
        lines.append(f"status: {status.status} since {_day(status.updated_at)}{note}")
    facts = truth(listing.facts)
    if facts:
        lines.append("")
        lines.append("facts: " + ", ".join(f"{k}={_fact(v)}" for k, v in facts.items()))
    if match:
        lines += ["", f"score {match.score:.0f} for {chosen.name if chosen else ''}"]
        for name, part in match.components.items():
            notes = "; ".join(clean(n) for n in part.get("notes", []))
            lines.append(f"  {name:<10} {part['points']:>5} / {part['max']:<5} {notes}")
    lines += ["", f"first seen {_day(listing.first_seen)}, last seen {_day(listing.last_seen)}"]
    for change in changes:
        lines.append(
            f"  {_day(change.changed_at)}: {_describe_change(change.field, change.old, change.new)}"
        )
    if listing.closed_at:
        lines.append(f"  {_day(listing.closed_at)}: closed (gone from the board)")
    lines += ["", clean(listing.description) if listing.description else "(no description)"]
    out.out("\n".join(lines), highlight=False)


def _day(value: datetime | None) -> str:
    converted = queries.as_utc(value)
    return converted.strftime("%-d %b %Y") if converted else "—"


def _fact(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _describe_change(field: str, old: str | None, new: str | None) -> str:
    if field == "description":
        return "description changed"
    return f"{field} changed from {clean(old) or '—'} to {clean(new) or '—'}"


@app.command()
def mark(
    ctx: typer.Context,
    listing_id: Annotated[int, typer.Argument(help="The id shown by `matches`.")],
    status: Annotated[
        str | None, typer.Argument(help=f"One of: {', '.join(STATUSES)}.", show_default=False)
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note to keep with it.")] = None,
    not_duplicate: Annotated[
        int | None,
        typer.Option(
            "--not-duplicate",
            metavar="ID2",
            help="ID2 is a different job, though grouped with this one: split them for good.",
        ),
    ] = None,
) -> None:
    """Record where you stand with a job; kept across refetches and shared by its reposts.
    Or split two listings wrongly shown as one job (`--not-duplicate`).

    Example: jobmatch mark 42 applied --note "referred by Anu"
    Example: jobmatch mark 42 --not-duplicate 57
    """
    state = state_of(ctx)
    if status is None and not_duplicate is None:
        raise InputError(
            f"mark {listing_id}: give a status ({', '.join(STATUSES)}) or --not-duplicate ID2"
        )
    if not_duplicate is not None:
        changed = split_duplicates(state.engine, listing_id, not_duplicate)
        err.print(
            f"{listing_id} and {not_duplicate}: different jobs"
            + (f" (regrouped: {changed} listings changed group)" if changed else ""),
            markup=False,
        )
    if status is not None:
        row = set_status(state.engine, listing_id, status, note=note)
        err.print(f"{listing_id}: {row.status}", markup=False)


@app.command("open")
def open_(
    ctx: typer.Context,
    listing_id: Annotated[int, typer.Argument(help="The id shown by `matches`.")],
) -> None:
    """Open a listing's link in your browser (prints it where there is none).

    Example: jobmatch open 42
    """
    state = state_of(ctx)
    listing, _, _, _ = listing_details(state.engine, listing_id)
    url = clean(listing.url)
    if not url.startswith(("http://", "https://")):
        raise InputError(f"listing {listing_id} has no web link")
    out.out(url, highlight=False)
    if sys.stdout.isatty():
        webbrowser.open(url)


@app.command()
def report(
    ctx: typer.Context,
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    profile: ProfileOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many jobs.")] = 100,
    new: NewOption = False,
    since: SinceOption = None,
    min_score: MinScoreOption = 0.0,
    role: RoleOption = None,
    work_mode: ModeOption = None,
    country: CountryOption = None,
    status: StatusOption = [],  # noqa: B006
    source: SourceOption = [],  # noqa: B006
    include_closed: ClosedOption = False,
    all_: AllOption = False,
    hide_stale: HideStaleOption = False,
) -> None:
    """Write one self-contained HTML page of ranked matches, to look at rather than read.

    Example: jobmatch report --out matches.html --min-score 50
    """
    from jobmatch.report import render_report

    state = state_of(ctx)
    chosen = _one_profile(state, profile)
    filters = _filters(
        state, new=new, since=since, min_score=min_score, role=role, work_mode=work_mode,
        country=country, status=status, source=source, include_closed=include_closed, all_=all_,
        hide_stale=hide_stale,
    )  # fmt: skip
    views: list[MatchView] = find_matches(state.engine, chosen.name, filters, limit=limit)
    used = " ".join(
        f"{flag} {value}" for flag, value in (("--min-score", min_score or None), ("--role", role),
        ("--work-mode", work_mode), ("--country", country), ("--since", since)) if value
    )  # fmt: skip
    page = render_report(
        [match_record(v) for v in views],
        profile_name=chosen.name,
        generated_at=datetime.now(UTC),
        filters=used,
    )
    write_file(out_file, page)
    err.print(f"wrote {out_file} ({len(views)} matches)", markup=False)
