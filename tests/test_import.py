"""`import`: FORMAT.md JSONL in; malformed lines reported with their number and skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from jobmatch.cli import app
from jobmatch.importer import listing_from_record, read_jsonl, store_in_batches, stream_jsonl
from storage import queries
from storage.engine import open_engine, sqlite_url
from storage.models import ListingChange, ListingRow

JOBMATCH = str(Path(sys.executable).with_name("jobmatch"))


def record(i: int, **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": f"t-{i:03}", "source": "greenhouse:acme", "url": f"https://example.org/{i}",
        "title": "Technical Project Manager", "company": "Acme", "location": "Pune, India",
        "remote": False, "employment_type": "full-time", "posted_at": "2026-11-20",
        "salary_text": "₹20–30 LPA", "description": "<p>Run &amp; ship</p><ul><li>Jira</li></ul>",
        "truth": {"role_variant": "technical_project_manager"},
    }  # fmt: skip
    return {**base, **changes}


def test_good_lines_import_and_bad_ones_are_reported_by_line(
    tmp_path: Path, engine: Engine
) -> None:
    lines = [
        json.dumps(record(1)),
        "{not json",
        json.dumps(record(2, title=None)),
        "",
        json.dumps(record(3, remote="yes")),
        json.dumps(record(4, posted_at="last week")),
        json.dumps([1, 2]),
        json.dumps(record(5)),
    ]
    path = tmp_path / "listings.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = read_jsonl(path)
    assert [item.external_id for item in report.listings] == ["t-001", "t-005"]
    assert [p.split(": ", 1)[0] for p in report.problems] == [
        f"{path}:2",
        f"{path}:3",
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
    ]
    assert "'title' is missing" in report.problems[1]
    first = report.listings[0]
    assert first.description == "Run & ship\n\n• Jira"
    assert first.description_html.startswith("<p>")
    assert first.salary_text == "₹20–30 LPA"
    assert (
        first.posted_at is not None and first.posted_at.isoformat() == "2026-11-20T00:00:00+00:00"
    )
    assert queries.upsert_listings(engine, report.listings).new == 2
    assert queries.upsert_listings(engine, read_jsonl(path).listings).unchanged == 2
    assert queries.count_listings(engine) == 2


def test_a_line_or_a_field_past_its_bound_is_skipped_with_its_line(tmp_path: Path) -> None:
    from jobmatch.importer import MAX_CHARS, MAX_LINE_BYTES

    good = {"id": "1", "source": "x:y", "title": "Technical Project Manager"}
    huge_line = {**good, "id": "2", "description": "a" * (MAX_LINE_BYTES + 10)}
    long_title = {**good, "id": "3", "title": "T" * (MAX_CHARS["title"] + 1)}
    path = tmp_path / "big.jsonl"
    path.write_text(
        "\n".join(json.dumps(item) for item in (good, huge_line, long_title, good)) + "\n",
        encoding="utf-8",
    )
    report = read_jsonl(path)
    assert [item.external_id for item in report.listings] == ["1", "1"]
    assert report.problems == [
        f"{path}:2: too long (over 4 MB), skipped",
        f"{path}:3: 'title' too long (501 characters, at most 500)",
    ]


# --- streaming: `jobmatch import` reads and stores a batch at a time ---------------------

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def _table(engine: Engine, table: Any) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(select(table).order_by(table.c.id)).mappings().all()
    return [dict(row) for row in rows]


def _snapshot(engine: Engine) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every stored listing and every change recorded, ids included."""
    return (
        _table(engine, ListingRow.__table__),  # type: ignore[attr-defined]
        _table(engine, ListingChange.__table__),  # type: ignore[attr-defined]
    )


def test_batches_store_exactly_what_one_batch_stores_with_ids_repeated_across_them(
    tmp_path: Path,
) -> None:
    lines = [
        json.dumps(record(1, title="Senior TPM")),  # stored before: updated
        json.dumps(record(2)),
        json.dumps(record(3)),
        json.dumps(record(1, title="Staff TPM")),  # t-001 again, two batches later
        json.dumps(record(2, title="Lead TPM", posted_at="someday")),  # invalid: line 2 stands
        json.dumps(record(4)),
        json.dumps(record(3, location="Remote")),  # t-003 again, in the next batch
        json.dumps(record(4, title="Chief TPM")),  # t-004 again, in the same batch
        "{broken",
    ]
    path = tmp_path / "listings.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = [listing_from_record(record(1)), listing_from_record(record(9))]
    streamed = open_engine(sqlite_url(tmp_path / "streamed.db"))
    one_batch = open_engine(sqlite_url(tmp_path / "one-batch.db"))
    earlier = NOW - timedelta(days=3)
    for engine in (streamed, one_batch):
        queries.upsert_listings(engine, before, now=earlier)

    problems: list[str] = []
    counts = store_in_batches(streamed, stream_jsonl(path, problems.append), size=2, now=NOW)
    whole = read_jsonl(path)
    expected = queries.upsert_listings(one_batch, whole.listings, now=NOW)

    assert counts == expected == queries.UpsertCounts(fetched=4, new=3, updated=1)
    assert (
        problems
        == whole.problems
        == [
            f"{path}:5: 'posted_at' is not a date: 'someday'",
            f"{path}:9: not JSON (Expecting property name enclosed in double quotes at column 2)",
        ]
    )
    assert _snapshot(streamed) == _snapshot(one_batch)
    listings, changes = _snapshot(streamed)
    assert [(row["external_id"], row["title"], row["location"]) for row in listings] == [
        ("t-001", "Staff TPM", "Pune, India"),
        ("t-009", "Technical Project Manager", "Pune, India"),
        ("t-002", "Technical Project Manager", "Pune, India"),
        ("t-003", "Technical Project Manager", "Remote"),
        ("t-004", "Chief TPM", "Pune, India"),
    ]
    # t-001 went from what was stored straight to its last copy: no "Senior TPM" between.
    assert [(c["field"], c["old"], c["new"]) for c in changes] == [
        ("title", "Technical Project Manager", "Staff TPM")
    ]
    streamed.dispose()
    one_batch.dispose()


def test_an_interrupted_import_keeps_its_stored_batches_and_a_second_run_completes_it(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "listings.jsonl"
    path.write_text("".join(json.dumps(record(i)) + "\n" for i in range(1, 6)), "utf-8")
    upsert = queries.upsert_listings
    calls = 0

    def interrupted_on_the_second_batch(*args: Any, **kwargs: Any) -> queries.UpsertCounts:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return upsert(*args, **kwargs)

    monkeypatch.setattr(queries, "upsert_listings", interrupted_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        store_in_batches(engine, stream_jsonl(path, print), size=2)
    monkeypatch.undo()
    assert queries.count_listings(engine) == 2  # the first batch, committed
    again = store_in_batches(engine, stream_jsonl(path, print), size=2)
    assert again == queries.UpsertCounts(fetched=5, new=3, unchanged=2)


def test_the_command_says_what_an_interrupted_import_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[storage]\nurl = 'sqlite:///{tmp_path / 'jobs.db'}'\n", "utf-8")
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(record(i, id=f"n-{i}", description="Scrum.")) for i in range(2001)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    upsert = queries.upsert_listings

    def interrupted_on_the_second_batch(*args: Any, **kwargs: Any) -> queries.UpsertCounts:
        if queries.count_listings(args[0]):
            raise KeyboardInterrupt
        return upsert(*args, **kwargs)

    monkeypatch.setattr(queries, "upsert_listings", interrupted_on_the_second_batch)
    result = CliRunner().invoke(app, ["--config", str(config), "import", str(path)])
    assert result.exit_code != 0
    assert "interrupted: 2000 listings were stored; import the file again" in result.output
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["--config", str(config), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "imported 2001 listings (1 new, 0 updated, 2000 unchanged)" in result.output


def test_a_pipe_is_read_once_and_imported_whole(tmp_path: Path, engine: Engine) -> None:
    text = "".join(json.dumps(record(i)) + "\n" for i in (1, 2, 1))
    reading, writing = os.pipe()
    os.write(writing, text.encode("utf-8"))  # well under a pipe's buffer
    os.close(writing)
    try:
        listings = list(stream_jsonl(Path(f"/dev/fd/{reading}"), print))
    finally:
        os.close(reading)
    assert [item.external_id for item in listings] == ["t-001", "t-002"]
    assert store_in_batches(engine, listings).new == 2


@pytest.mark.cli
def test_import_command_collapses_an_id_repeated_across_batches(tmp_path: Path) -> None:
    """The command itself (2,000 listings a batch): the first and last of 2,001 lines are
    one listing, stored once as its last line says, with no change recorded."""
    lines = [json.dumps(record(i, id=f"n-{i}", description="Scrum.")) for i in range(2000)]
    lines.append(json.dumps(record(0, id="n-0", title="Program Manager")))
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [JOBMATCH, "--db", "sqlite:///jobs.db", "import", "in.jsonl"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "imported 2000 listings (2000 new, 0 updated, 0 unchanged); 0 lines skipped" in (
        result.stderr
    )
    engine = open_engine(sqlite_url(tmp_path / "jobs.db"))
    listings, changes = _snapshot(engine)
    assert (listings[0]["external_id"], listings[0]["title"]) == ("n-0", "Program Manager")
    assert len(listings) == 2000
    assert changes == []
    engine.dispose()


# --- decoding: orjson where it reads the same, json's reading and words elsewhere --------


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "1", "source": "s", "title": "t", "remote": 123456789012345678901234567890}',
         "'remote' must be true, false or null, got 123456789012345678901234567890"),
        ('{"id": "1", "source": "s", "title": "t", "remote": NaN}',
         "'remote' must be true, false or null, got nan"),
        ('{"id": "1", "source": "s", "title": "t", "posted_at": 123456789012345678901234567890}',
         "'posted_at' is not a date: 123456789012345678901234567890"),
        ('{"id": "1", "source": "s", "title": "t", "posted_at": 1e999}',
         "'posted_at' is not a date: inf"),
        ("123456789012345678901234567890", "expected a JSON object, got int"),
        ('{"id": "1" "source": "s"}', "not JSON (Expecting ',' delimiter at column 12)"),
        ('\ufeff{"id": "1"}', "not JSON (Unexpected UTF-8 BOM (decode using utf-8-sig) at column 1)"),
    ],
)  # fmt: skip
def test_a_bad_line_is_worded_as_the_json_module_words_it(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "listings.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert read_jsonl(path).problems == [f"{path}:1: {problem}"]
    streamed: list[str] = []
    assert list(stream_jsonl(path, streamed.append)) == []
    assert streamed == [f"{path}:1: {problem}"]


def test_a_line_only_json_reads_still_imports(tmp_path: Path) -> None:
    # A lone surrogate escape, which orjson refuses: json always read it, so it still does.
    path = tmp_path / "listings.jsonl"
    path.write_text('{"id": "1", "source": "s", "title": "TPM \\ud83d"}\n', encoding="utf-8")
    assert [item.title for item in read_jsonl(path).listings] == ["TPM \ud83d"]
