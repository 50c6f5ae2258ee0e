"""Render matches: a rich table in a terminal (plain when piped), JSON, JSONL, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from matcher.dedupe import is_agency, normalise_company
from storage.matches import MatchView
from storage.models import ListingRow, MatchRow
from storage.queries import as_utc

TRUTH_KEYS = (
    "role_variant", "seniority", "years_min", "certifications", "salary", "work_mode", "country",
)  # fmt: skip
# C0/C1 controls and ANSI escape sequences: board text must not drive the terminal.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str | None) -> str:
    """Board text is untrusted: strip escape sequences and control characters."""
    if not text:
        return ""
    return _CONTROL.sub("", _ESCAPES.sub("", text))


def _iso(value: datetime | None) -> str | None:
    converted = as_utc(value)
    return converted.isoformat() if converted is not None else None


def truth(facts: dict[str, Any] | None) -> dict[str, Any] | None:
    """The FORMAT.md truth fields of stored facts, same names and values."""
    return None if facts is None else {key: facts.get(key) for key in TRUTH_KEYS}


def match_record(view: MatchView) -> dict[str, Any]:
    listing, match = view.listing, view.match
    return {
        "id": listing.id,
        "source": listing.source,
        "external_id": listing.external_id,
        "title": listing.title,
        "company": listing.company,
        "location": listing.location,
        "url": listing.url,
        "score": match.score,
        "reasons": ordered_reasons(match),
        "components": match.components,
        "facts": truth(listing.facts),
        "status": view.status.status if view.status else None,
        "note": view.status.note if view.status else None,
        "also_on": [
            {"source": source, "url": url, "company": company, "agency_copy": agency}
            for (source, url), company, agency in zip(
                view.also_on, _also_by(view), agency_copies(view), strict=True
            )
        ],
        "flags": list(view.flags),
        "group": listing.group_id or listing.id,
        "posted_at": _iso(listing.posted_at),
        "first_seen": _iso(listing.first_seen),
        "closed_at": _iso(listing.closed_at),
    }


def export_record(listing: ListingRow) -> dict[str, Any]:
    """One stored listing: the normalised fields, its lifecycle, group and facts."""
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
        "group": listing.group_id or listing.id,
        "facts": _all_facts(listing.facts),
    }


def _all_facts(facts: dict[str, Any] | None) -> dict[str, Any] | None:
    """The truth fields first (same names and values), then the extractor's extras."""
    if facts is None:
        return None
    extras = {key: value for key, value in facts.items() if key not in TRUTH_KEYS}
    return {key: facts.get(key) for key in TRUTH_KEYS} | extras


def ordered_reasons(match: MatchRow) -> list[str]:
    """The reasons that matter most first: a dealbreaker, then each component's notes by
    the points it lost (the gaps), then the rest in the scorer's order."""
    reasons = list(match.reasons)
    components = match.components if isinstance(match.components, dict) else {}

    def lost(part: object) -> float:
        if not isinstance(part, dict):
            return 0.0
        return float(part.get("max", 0) or 0) - float(part.get("points", 0) or 0)

    ranked = sorted(components.values(), key=lambda part: -lost(part))  # stable: ties keep order
    ordered = [r for r in reasons if r.startswith("dealbreaker")]
    for part in ranked:
        notes = part.get("notes", []) if isinstance(part, dict) else []
        ordered += [n for n in notes if n in reasons and n not in ordered]
    return ordered + [r for r in reasons if r not in ordered]


def shown_reasons(match: MatchRow, limit: int) -> list[str]:
    """The first `limit` reasons by weight; the rest folded into "+N more", never cut."""
    reasons = [clean(r) for r in ordered_reasons(match)]
    if len(reasons) <= limit:
        return reasons
    return [*reasons[: limit - 1], f"+{len(reasons) - limit + 1} more (jobmatch show)"]


def render_json(views: Sequence[MatchView]) -> str:
    return json.dumps([match_record(v) for v in views], ensure_ascii=False, indent=2)


def render_jsonl(views: Sequence[MatchView]) -> str:
    return "".join(json.dumps(match_record(v), ensure_ascii=False) + "\n" for v in views)


_CSV_FIELDS = ["id", "score", "title", "company", "location", "status", "source", "external_id",
               "url", "reasons"]  # fmt: skip


def render_csv(views: Sequence[MatchView]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=_CSV_FIELDS, extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for view in views:
        record = match_record(view)
        record["reasons"] = "; ".join(record["reasons"])
        writer.writerow(record)
    return buffer.getvalue()


def _md(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(views: Sequence[MatchView], *, title: str) -> str:
    lines = [f"## {_md(title)}", "", "| # | score | job | why |", "|---|---|---|---|"]
    for rank, view in enumerate(views, start=1):
        listing = view.listing
        job = f"[{_md(listing.title)}]({_md(listing.url)}) — {_md(listing.company)}"
        if listing.location:
            job += f", {_md(listing.location)}"
        if view.flags:
            job += f" ({_md(', '.join(view.flags))})"
        why = "; ".join(_md(reason) for reason in shown_reasons(view.match, 6))
        lines.append(f"| {rank} | {view.match.score:.0f} | {job} | {why} |")
    return "\n".join(lines) + "\n"


def render_plain(views: Sequence[MatchView], *, title: str) -> str:
    lines = [title, ""]
    for view in views:
        listing, match = view.listing, view.match
        where = " · ".join(
            part for part in (clean(listing.company), clean(listing.location)) if part
        )
        status = f"  ({view.status.status})" if view.status else ""
        lines.append(
            f"{match.score:5.0f}  {clean(listing.title)} — {where}  [id {listing.id}]{status}"
        )
        if listing.url:
            lines.append(f"       {clean(listing.url)}")
        for (source, url), note in zip(view.also_on, copy_notes(view), strict=True):
            lines.append(f"       also on {clean(source)}: {clean(url)}{note}")
        if view.flags:
            lines.append("       flagged: " + ", ".join(view.flags))
        lines.append("       " + "; ".join(shown_reasons(match, 8)))
    return "\n".join(lines)


def render_table(console: Console, views: Sequence[MatchView], *, title: str) -> None:
    """A rich table in a terminal; plain lines when piped or mailed by cron."""
    if not views:
        console.print(f"{title}: no matches.", markup=False)
        return
    if not console.is_terminal:
        console.out(render_plain(views, title=title), highlight=False)
        return
    table = Table(title=Text(clean(title)), expand=False)
    table.add_column("id", justify="right", style="dim")
    table.add_column("score")
    table.add_column("job")
    table.add_column("why", overflow="fold")
    for view in views:
        listing, match = view.listing, view.match
        job = Text(clean(listing.title), style="bold")
        job.append(f"\n{clean(listing.company)} · {clean(listing.location) or '—'}", style="dim")
        if view.status:
            job.append(f"\n[{view.status.status}]", style="magenta")
        job.append(f"\n{clean(listing.url)}", style="cyan")
        for (source, _), note in zip(view.also_on, copy_notes(view), strict=True):
            job.append(f"\nalso on {clean(source)}{note}", style="dim")
        if view.flags:
            job.append(f"\n⚑ {', '.join(view.flags)}", style="yellow")
        why = "\n".join(shown_reasons(match, 7))
        table.add_row(str(listing.id), _score_cell(match.score), job, why)
    console.print(table)


def _score_cell(score: float) -> Text:
    style = "green" if score >= 70 else "yellow" if score >= 45 else "red"
    filled = round(score / 10)
    text = Text(f"{score:3.0f} ", style=f"bold {style}")
    text.append("█" * filled + "░" * (10 - filled), style=style)
    return text


def _also_by(view: MatchView) -> tuple[str, ...]:
    return view.also_by or ("",) * len(view.also_on)


def _copy_kinds(view: MatchView) -> list[str]:
    """For each of a job's other copies: "" (its own company's), "agency" (a staffing
    agency's copy of it: grouping joins two companies' listings only for an agency's) or
    "employer" (the employer's own, behind an agency's listing shown first)."""
    own = normalise_company(view.listing.company)
    return [
        ""
        if not company or normalise_company(company) == own
        else "agency"
        if is_agency(company)
        else "employer"
        for company in _also_by(view)
    ]


def agency_copies(view: MatchView) -> list[bool]:
    """For each of a job's other copies, whether it is a staffing agency's copy of it."""
    return [kind == "agency" for kind in _copy_kinds(view)]


_COPY_NOTES = {
    "": "",
    "agency": " (a staffing agency's copy: {})",
    "employer": " (the employer's own: {})",
}


def copy_notes(view: MatchView) -> list[str]:
    """What to say beside each other copy: whose it is when another company posted it."""
    return [
        _COPY_NOTES[kind].format(clean(company))
        for kind, company in zip(_copy_kinds(view), _also_by(view), strict=True)
    ]
