"""`jobmatch import FILE`: listings JSONL (shared/eval/FORMAT.md) into storage.

A malformed line is reported with its line number and skipped; the rest imports.
`truth` is ignored: the product never reads it.

`jobmatch import` streams: `stream_jsonl` yields the listings a line at a time and
`store_in_batches` stores them BATCH_SIZE at a time, each batch its own transaction, so
memory stays flat whatever the file's size. `read_jsonl` holds the whole file, for the
callers that want a list (eval sets, tests).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy.engine import Engine

from jobmatch.errors import InputError
from scraper.dates import parse_datetime
from scraper.listing import Listing
from scraper.text import html_to_text, sanitize_html
from storage import queries

_REQUIRED = ("id", "source", "title")
# Bounds no real posting comes near: a line or field past them is an export gone wrong,
# and would cost the matcher gigabytes later.
MAX_LINE_BYTES = 4 * 1024 * 1024
MAX_CHARS = {"title": 500, "company": 500, "location": 1000, "url": 4000, "description": 500_000}
# Listings per transaction: large enough that commits cost little, small enough that a
# batch in flight (text, safe HTML, the rows written) stays in the tens of MB.
BATCH_SIZE = 2000


@dataclass
class ImportReport:
    listings: list[Listing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "FILE:LINE: what is wrong"


def read_jsonl(path: Path) -> ImportReport:
    """Every line's listing, in file order (a repeated one as often as it appears)."""
    report = ImportReport()
    for number, _, line in _lines(path):
        try:
            record = _decode(line, path, number)
            if record is not _BLANK:
                report.listings.append(listing_from_record(record))
        except ValueError as e:
            report.problems.append(f"{path}:{number}: {e}")
    return report


def stream_jsonl(path: Path, on_problem: Callable[[str], None]) -> Iterator[Listing]:
    """The file's listings as storing them all in one batch would: a listing repeated
    (the same source and id) comes once, where it first appears, as its last valid copy
    says. So consecutive batches of what this yields store exactly what one batch would.

    Reads the file twice: first to check every line and find the repeats (problems go to
    `on_problem` then, before anything is yielded; a line that is not UTF-8 raises
    InputError then), then to build the listings. A pipe is copied to a temporary file.
    """
    with _rereadable(path) as readable:
        problems, skip, last_copy = _plan(readable, path)
        for problem in problems:  # said once the whole file proved readable, as before
            on_problem(problem)
        del problems
        with readable.open("rb") as copies:
            for number, _, line in _lines(readable, path):
                if number in skip:
                    continue
                offset = last_copy.get(number)
                if offset is not None:
                    copies.seek(offset)
                    line = copies.readline(MAX_LINE_BYTES + 1)
                try:
                    record = _decode(line, path, number)
                    if record is not _BLANK:
                        yield listing_from_record(record)
                except ValueError as e:  # only if the file changed since the first reading
                    on_problem(f"{path}:{number}: {e}")


def latest_copies(listings: Iterable[Listing]) -> list[Listing]:
    """Each listing once, where it first appears, as its last copy says: what one batch
    of them stores, and safe to store in several."""
    latest: dict[tuple[str, str], Listing] = {}
    for item in listings:
        latest[(item.source, item.external_id)] = item
    return list(latest.values())


def store_in_batches(
    engine: Engine,
    listings: Iterable[Listing],
    *,
    size: int = BATCH_SIZE,
    now: datetime | None = None,
    on_batch: Callable[[queries.UpsertCounts], None] | None = None,
) -> queries.UpsertCounts:
    """upsert_listings `size` listings at a time, each batch committed on its own; the
    counts summed. With no (source, id) repeated across batches (what stream_jsonl
    yields), and one `now` for all, the store ends exactly as after one big batch.
    Closes nothing: an import is never a board's complete list."""
    now = now or queries.utcnow()
    total = queries.UpsertCounts()
    iterator = iter(listings)
    while batch := list(islice(iterator, size)):
        counts = queries.upsert_listings(engine, batch, now=now)
        total = queries.UpsertCounts(
            fetched=total.fetched + counts.fetched,
            new=total.new + counts.new,
            updated=total.updated + counts.updated,
            unchanged=total.unchanged + counts.unchanged,
        )
        if on_batch is not None:
            on_batch(total)
    return total


def _plan(readable: Path, path: Path) -> tuple[list[str], set[int], dict[int, int]]:
    """The first reading: (the problems; the lines to skip: bad ones and later copies of a
    listing; for a listing's first line, the byte offset of its last valid copy when that
    is a later line)."""
    problems: list[str] = []
    skip: set[int] = set()
    first_line: dict[str, int] = {}  # listing key -> the line it first appears on
    last_copy: dict[int, int] = {}
    for number, offset, line in _lines(readable, path):
        try:
            record = _decode(line, path, number)
            if record is _BLANK:
                continue
            source, external_id = _checked(record)[:2]
        except ValueError as e:
            problems.append(f"{path}:{number}: {e}")
            skip.add(number)
            continue
        key = f"{len(source)}:{source}{external_id}"  # length-prefixed: never ambiguous
        first = first_line.setdefault(key, number)
        if first != number:
            skip.add(number)
            last_copy[first] = offset
    return problems, skip, last_copy


@contextmanager
def _rereadable(path: Path) -> Iterator[Path]:
    """The path itself if it is a regular file; else (a pipe: /dev/stdin, `<(…)`) a
    temporary copy of what it gives, since stream_jsonl reads twice."""
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if regular:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="jobmatch-import-") as folder:
        copy = Path(folder) / "listings.jsonl"
        try:
            with path.open("rb") as source, copy.open("wb") as target:
                shutil.copyfileobj(source, target)
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from None
        yield copy


_Line = bytes | None  # a raw line; None for one over MAX_LINE_BYTES
_READ_BUFFER = 1 << 20  # lines of several KB: the default 8 KB buffer refills for each


def _lines(path: Path, shown: Path | None = None) -> Iterator[tuple[int, int, _Line]]:
    """(number, byte offset, raw line); the line None when over MAX_LINE_BYTES, which is
    never held whole. `shown`: the name errors give (the user's, for a temporary copy)."""
    shown = shown or path
    number = offset = 0
    try:
        with path.open("rb", buffering=_READ_BUFFER) as handle:
            while chunk := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                start = offset
                offset += len(chunk)
                if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
                    while rest := handle.readline(MAX_LINE_BYTES):  # skip it, unheld
                        offset += len(rest)
                        if rest.endswith(b"\n"):
                            break
                    yield number, start, None
                    continue
                yield number, start, chunk
    except FileNotFoundError:
        raise InputError(f"{shown}: file not found") from None
    except OSError as e:
        raise InputError(f"{shown}: cannot read ({e.strerror})") from None


_BLANK: Any = object()  # what _decode gives for a blank line


def _decode(line: _Line, path: Path, number: int) -> Any:
    """A line's JSON value (_BLANK for a blank line); ValueError says what is wrong,
    InputError if the line is not UTF-8 (the file is then not text at all)."""
    if line is None:
        raise ValueError(f"too long (over {MAX_LINE_BYTES // (1024 * 1024)} MB), skipped")
    try:
        value = orjson.loads(line)  # several times faster than json on long descriptions
    except orjson.JSONDecodeError:
        value = None  # json says what is wrong, in its words, or reads what orjson won't
    # orjson turns an integer past 64 bits into a float, which a problem's text would show
    # (a record's type, `remote` and `posted_at` as given): those lines go to json too.
    if type(value) is dict and not (
        type(value.get("remote")) is float or type(value.get("posted_at")) is float
    ):
        return value
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(
            f"{path}:{number}: not UTF-8 text ({e.reason} at byte {e.start})"
        ) from None
    if not text.strip():
        return _BLANK
    try:
        return json.loads(text)  # NaN, lone surrogates, huge numbers: as json always read them
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON ({e.msg} at column {e.colno})") from None


def _checked(record: Any) -> tuple[str, str, datetime | None]:
    """(source, id, posted_at) of a valid FORMAT.md listing object; ValueError says what
    is wrong with an invalid one."""
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
    return record["source"].strip(), record["id"].strip(), posted_at


def listing_from_record(record: Any) -> Listing:
    """One FORMAT.md listing object to the normalised Listing, as stored (its HTML made
    safe, as with_safe_html would); ValueError says what is wrong."""
    source, external_id, posted_at = _checked(record)
    description = record.get("description") or ""
    return Listing(
        source=source,
        external_id=external_id,
        url=record.get("url") or "",
        title=record["title"].strip(),
        company=record.get("company") or "",
        location=record.get("location") or "",
        remote=record.get("remote"),
        description=html_to_text(description),
        # with_safe_html's result, built once rather than replaced
        description_html=sanitize_html(description) if "<" in description else "",
        salary_text=record.get("salary_text"),
        posted_at=posted_at,
        employment_type=record.get("employment_type"),
    )
