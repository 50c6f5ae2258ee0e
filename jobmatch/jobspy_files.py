"""`jobmatch import` for files JobSpy wrote: `jobs.to_csv(...)`, `jobs.to_json(orient="records")`
(a top-level array, or `{"jobs": [...]}`) and JSON Lines (one job a line).

Each row becomes a Listing with source "jobspy:<site>". A bad row is reported as
"FILE:LINE: what" (CSV: the line the row starts on; JSON Lines: its line; a JSON array:
"FILE:record N", counted from 1) and skipped; the rest imports.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jobmatch.errors import InputError
from jobmatch.importer import MAX_LINE_BYTES, ImportReport, read_jsonl
from scraper.errors import ParseError
from scraper.jobspy_bridge import is_missing, records_to_listings

_JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
_LINES_SUFFIXES = (".jsonl", ".ndjson")


def read_import_file(path: Path) -> ImportReport:
    """What `jobmatch import FILE` reads: a JobSpy export, or else listings JSONL."""
    return read_jobspy_file(path) if looks_like_jobspy(path) else read_jsonl(path)


def looks_like_jobspy(path: Path) -> bool:
    """A .csv file, or JSON whose first record has JobSpy's "job_url" and "site"."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return True
    if suffix not in _JSON_SUFFIXES:
        return False
    try:
        first = _first_line_record(path)
        if first is None:
            first = _first_json_record(_read_text(path))
    except (InputError, ValueError):
        return False  # the reader the file is routed to reports what is wrong
    return isinstance(first, Mapping) and "job_url" in first and "site" in first


def _first_line_record(path: Path) -> dict[str, Any] | None:
    """The first record of JSON Lines, read from the first line alone, so that routing a
    big listings file does not read it whole; None when that line is not a whole record
    (a JSON array or object over several lines): the whole text decides then."""
    try:
        with path.open("rb") as handle:
            while line := handle.readline(MAX_LINE_BYTES):
                if line.strip():
                    break
    except OSError:
        return None  # the whole reading says what is wrong
    if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
        return None
    text = line.decode("utf-8-sig")  # UnicodeDecodeError: not UTF-8 text, so not JobSpy's
    try:
        value = json.loads(text)
    except json.JSONDecodeError:  # not JSON on its own
        return None
    # The same record the whole text gives: JSON Lines' first, or the only object; but
    # {"jobs": [...]} on one line holds its records inside.
    if isinstance(value, dict) and not isinstance(value.get("jobs"), list):
        return value
    return None


def read_jobspy_file(path: Path) -> ImportReport:
    text = _read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".csv" or (suffix not in _JSON_SUFFIXES and not _starts_like_json(text)):
        rows = _csv_rows(path, text)
    else:
        rows = _json_rows(path, text)
    report = ImportReport()
    for where, row in rows:
        if isinstance(row, str):  # a row that could not be read at all
            report.problems.append(f"{path}:{where}: {row}")
            continue
        try:
            report.listings.extend(records_to_listings([row], source=_source(row)))
        except ParseError as e:
            report.problems.append(f"{path}:{where}: {e}")
    return report


# A row, or the text of a problem, with where it is: "12" (a line) or "record 3".
_Row = tuple[str, Mapping[str, Any] | str]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # Excel's CSVs start with a BOM
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None


def _starts_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("[", "{")


def _source(row: Mapping[str, Any]) -> str:
    site = row.get("site")
    return "jobspy" if is_missing(site) else f"jobspy:{str(site).strip().lower()}"


def _csv_rows(path: Path, text: str) -> list[_Row]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "title" not in header or not {"id", "job_url"} & set(header):
        raise InputError(
            f"{path}: not a JobSpy CSV (the header needs 'title' and 'job_url' or 'id')"
        )
    rows: list[_Row] = []
    start = reader.line_num + 1  # a row's first line: the line after the header
    try:
        for row in reader:
            where = str(start)
            start = reader.line_num + 1  # a quoted description may span many lines
            extra = row.pop(None, None)
            if extra:  # more fields than the header: quoting went wrong
                found = len(header) + len(extra)
                rows.append((where, f"{found} fields, the header has {len(header)}"))
            else:
                rows.append((where, row))
    except csv.Error as e:
        rows.append((str(start), f"not CSV ({e}); the rest of the file was not read"))
    return rows


def _json_rows(path: Path, text: str) -> list[_Row]:
    if path.suffix.lower() in _LINES_SUFFIXES:
        return _json_lines(text)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":  # several JSON values: JSON Lines in a .json file
            return _json_lines(text)
        raise InputError(
            f"{path}: not JSON ({e.msg} at line {e.lineno} column {e.colno})"
        ) from None
    records = payload.get("jobs") if isinstance(payload, dict) else payload
    if not isinstance(records, list):
        raise InputError(f'{path}: expected an array of JobSpy records or {{"jobs": [...]}}')
    return [(f"record {n}", _as_row(item)) for n, item in enumerate(records, start=1)]


def _json_lines(text: str) -> list[_Row]:
    rows: list[_Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((str(number), _as_row(json.loads(line))))
        except json.JSONDecodeError as e:
            rows.append((str(number), f"not JSON ({e.msg} at column {e.colno})"))
    return rows


def _as_row(item: Any) -> Mapping[str, Any] | str:
    if isinstance(item, dict):
        return item
    return f"expected a JSON object, got {type(item).__name__}"


def _first_json_record(text: str) -> Any:
    """The first record of a JSON array, `{"jobs": [...]}` or JSON Lines; ValueError if none."""
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg != "Extra data":
            raise
        first_line = next(line for line in text.splitlines() if line.strip())
        return json.loads(first_line)
    if isinstance(payload, dict) and isinstance(payload.get("jobs"), list):
        payload = payload["jobs"]
    if isinstance(payload, list):
        return payload[0] if payload else None
    return payload  # a single-line JSON Lines file holds one object
