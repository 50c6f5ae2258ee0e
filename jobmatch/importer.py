"""`jobmatch import FILE`: listings JSONL (shared/eval/FORMAT.md) into storage.

A malformed line is reported with its line number and skipped; the rest imports.
`truth` is ignored: the product never reads it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobmatch.errors import InputError
from scraper.dates import parse_datetime
from scraper.listing import Listing, with_safe_html
from scraper.text import html_to_text

_REQUIRED = ("id", "source", "title")
# Bounds no real posting comes near: a line or field past them is an export gone wrong,
# and would cost the matcher gigabytes later.
MAX_LINE_BYTES = 4 * 1024 * 1024
MAX_CHARS = {"title": 500, "company": 500, "location": 1000, "url": 4000, "description": 500_000}


@dataclass
class ImportReport:
    listings: list[Listing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "FILE:LINE: what is wrong"


def read_jsonl(path: Path) -> ImportReport:
    report = ImportReport()
    for number, line in _lines(path):
        if line is None:
            report.problems.append(
                f"{path}:{number}: too long (over {MAX_LINE_BYTES // (1024 * 1024)} MB), skipped"
            )
            continue
        if not line.strip():
            continue
        try:
            report.listings.append(listing_from_record(json.loads(line)))
        except json.JSONDecodeError as e:
            report.problems.append(f"{path}:{number}: not JSON ({e.msg} at column {e.colno})")
        except ValueError as e:
            report.problems.append(f"{path}:{number}: {e}")
    return report


def _lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """Numbered lines; None for a line over MAX_LINE_BYTES, which is never held whole."""
    number = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
                    while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of the line without holding it
                    yield number, None
                    continue
                try:
                    text = chunk.decode("utf-8")
                except UnicodeDecodeError as e:
                    raise InputError(
                        f"{path}:{number}: not UTF-8 text ({e.reason} at byte {e.start})"
                    ) from None
                yield number, text
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def listing_from_record(record: Any) -> Listing:
    """One FORMAT.md listing object to the normalised Listing; ValueError says what is wrong."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    for key in _REQUIRED:
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{key!r} is missing or not a non-empty string")
    for key in ("url", "company", "location", "salary_text", "description", "employment_type"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ValueError(f"{key!r} must be a string or null")
    for key, most in MAX_CHARS.items():
        value = record.get(key)
        if isinstance(value, str) and len(value) > most:
            raise ValueError(f"{key!r} too long ({len(value):,} characters, at most {most:,})")
    remote = record.get("remote")
    if remote is not None and not isinstance(remote, bool):
        raise ValueError(f"'remote' must be true, false or null, got {remote!r}")
    posted = record.get("posted_at")
    posted_at = parse_datetime(posted)
    if posted not in (None, "") and posted_at is None:
        raise ValueError(f"'posted_at' is not a date: {posted!r}")
    description = record.get("description") or ""
    description_html = description if "<" in description else ""
    listing = Listing(
        source=record["source"].strip(),
        external_id=record["id"].strip(),
        url=record.get("url") or "",
        title=record["title"].strip(),
        company=record.get("company") or "",
        location=record.get("location") or "",
        remote=remote,
        description=html_to_text(description),
        description_html=description_html,
        salary_text=record.get("salary_text"),
        posted_at=posted_at,
        employment_type=record.get("employment_type"),
    )
    return with_safe_html(listing)
