"""Render matches as a rich table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storage.models import ListingRow, MatchRow
from storage.queries import as_utc

Row = tuple[ListingRow, MatchRow]


def match_record(listing: ListingRow, match: MatchRow) -> dict[str, Any]:
    return {
        "id": listing.id,
        "source": listing.source,
        "external_id": listing.external_id,
        "title": listing.title,
        "company": listing.company,
        "location": listing.location,
        "url": listing.url,
        "score": match.score,
        "reasons": match.reasons,
        "components": match.components,
        "facts": _truth(listing.facts),
        "posted_at": _iso(listing.posted_at),
        "first_seen": _iso(listing.first_seen),
    }


def _truth(facts: dict[str, Any] | None) -> dict[str, Any] | None:
    if facts is None:
        return None
    keys = (
        "role_variant",
        "seniority",
        "years_min",
        "certifications",
        "salary",
        "work_mode",
        "country",
    )
    return {key: facts.get(key) for key in keys}


def _iso(value: datetime | None) -> str | None:
    converted = as_utc(value)
    return converted.isoformat() if converted is not None else None


def export_record(listing: ListingRow) -> dict[str, Any]:
    """One stored listing: the normalised fields, its lifecycle, and its extracted facts."""
    return {
        "id": listing.id,
        "source": listing.source,
        "external_id": listing.external_id,
        "url": listing.url,
        "title": listing.title,
        "company": listing.company,
        "location": listing.location,
        "remote": listing.remote,
        "employment_type": listing.employment_type,
        "posted_at": _iso(listing.posted_at),
        "salary_text": listing.salary_text,
        "salary": listing.salary,
        "tags": listing.tags,
        "description": listing.description,
        "first_seen": _iso(listing.first_seen),
        "last_seen": _iso(listing.last_seen),
        "closed_at": _iso(listing.closed_at),
        "facts": listing.facts,
    }


def render_json(rows: list[Row]) -> str:
    return json.dumps([match_record(*row) for row in rows], ensure_ascii=False, indent=2)


def render_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    fields = [
        "id",
        "score",
        "title",
        "company",
        "location",
        "source",
        "external_id",
        "url",
        "reasons",
    ]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        record = match_record(*row)
        record["reasons"] = "; ".join(record["reasons"])
        writer.writerow(record)
    return buffer.getvalue()


def clean(text: str | None) -> str:
    """Board text is untrusted: drop control and escape characters before a terminal sees it."""
    if not text:
        return ""
    return "".join(ch for ch in text if ch.isprintable() or ch == " ")


def render_table(console: Console, rows: list[Row], *, title: str) -> None:
    """A rich table in a terminal; plain lines when piped or mailed by cron."""
    if not rows:
        console.print(f"{title}: no matches.", markup=False)
        return
    if not console.is_terminal:
        console.out(render_plain(rows, title=title), highlight=False)
        return
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("id", justify="right", style="dim")
    table.add_column("score", justify="right")
    table.add_column("job")
    table.add_column("why", overflow="fold")
    for listing, match in rows:
        job = Text(clean(listing.title), style="bold")
        job.append(f"\n{clean(listing.company)} · {clean(listing.location) or '—'}", style="dim")
        job.append(f"\n{clean(listing.url)}", style="cyan")
        why = "\n".join(clean(reason) for reason in match.reasons[:6])
        table.add_row(str(listing.id), _score_text(match.score), job, why)
    console.print(table)


def render_plain(rows: list[Row], *, title: str) -> str:
    lines = [title, ""]
    for listing, match in rows:
        where = " · ".join(
            part for part in (clean(listing.company), clean(listing.location)) if part
        )
        lines.append(f"{match.score:5.0f}  {clean(listing.title)} — {where}  [id {listing.id}]")
        if listing.url:
            lines.append(f"       {clean(listing.url)}")
        lines.append("       " + "; ".join(clean(reason) for reason in match.reasons[:8]))
    return "\n".join(lines)


def _score_text(score: float) -> Text:
    style = "green" if score >= 70 else "yellow" if score >= 45 else "red"
    return Text(f"{score:.0f}", style=f"bold {style}")
