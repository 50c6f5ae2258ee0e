"""`jobmatch insights`: career advice from the stored listings, with its evidence."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jobmatch.cli.app import ProfileOption, State, app, err, out, state_of, write_file
from jobmatch.errors import InputError
from matcher.profile import Profile
from storage import queries

if TYPE_CHECKING:  # imported when computed: every other command starts without them
    from jobmatch.insights.model import Insights

DEFAULT_SINCE = "90d"  # the window of `jobmatch insights`, and of the weekly digest's


class Format(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


_SPAN = re.compile(r"(\d{1,4})\s*([dw])")


def parse_since(value: str, now: datetime) -> datetime:
    """`90d`, `12w` (back from now) or a date like 2026-01-31 (from its start, UTC)."""
    text = value.strip().lower()
    span = _SPAN.fullmatch(text)
    if span:
        days = int(span.group(1)) * (7 if span.group(2) == "w" else 1)
        if days < 1:
            raise InputError(f"--since {value!r}: the window must be at least 1 day")
        return now - timedelta(days=days)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"--since {value!r}: a span like 90d or 12w, or a date like 2026-01-31"
        ) from None
    start = datetime.combine(day, time.min, tzinfo=UTC)
    if start > now:
        raise InputError(f"--since {value!r}: a date in the future")
    return start


def compute_for(
    state: State, profile: Profile, *, now: datetime, since: str = DEFAULT_SINCE,
    min_score: float | None = None,
) -> Insights:  # fmt: skip
    """The insights `jobmatch insights` shows for `profile` (already scored), and the weekly
    digest sends: the window `since` back from `now`, the threshold `min_score` or else
    `[digest] min_score`, the config's weights, rates and workers."""
    from jobmatch.insights import compute_insights

    matcher = state.config.matcher
    return compute_insights(
        state.engine,
        profile,
        since=parse_since(since, now),
        now=now,
        threshold=state.config.digest.min_score if min_score is None else min_score,
        weights=matcher.weights,
        rates_to_usd=matcher.rates_to_usd,
        workers=matcher.worker_count(),
    )


@app.command()
def insights(
    ctx: typer.Context,
    profile: ProfileOption = None,
    since: Annotated[
        str, typer.Option("--since", help="Listings first seen in this window: 90d, 12w or a date.")
    ] = DEFAULT_SINCE,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score", min=0, max=100, help="The threshold; default: [digest] min_score."
        ),
    ] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """What the stored listings say about your next step: pay by level and place, the
    qualification that would open the most jobs (rescored by the matcher), skills in
    demand, level fit and the weekly trend.

    Example: jobmatch insights --profile profiles/me.toml --since 90d --format html -o insights.html
    """
    # Imported here: every other command starts without them.
    from jobmatch.insights.html import render_html
    from jobmatch.insights.render import render_json, render_markdown, render_text

    state = state_of(ctx)
    now = queries.utcnow()
    parse_since(since, now)  # a bad --since is one line before any work
    chosen = state.profiles(profile)[0]
    state.score([chosen])  # only what changed: nothing, when `match` has run
    found = compute_for(state, chosen, now=now, since=since, min_score=min_score)
    if fmt is Format.json:
        text = render_json(found)
    elif fmt is Format.markdown:
        text = render_markdown(found)
    elif fmt is Format.html:
        text = render_html(found)
    else:
        text = render_text(found)
    if out_file is None:
        if fmt is Format.table:
            out.out(text.rstrip("\n"), highlight=False)
        else:
            sys.stdout.write(text)
        return
    write_file(out_file, text)
    err.print(f"wrote {out_file}", markup=False)
