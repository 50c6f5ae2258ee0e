"""`import`: FORMAT.md JSONL in; malformed lines reported with their number and skipped."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import Engine

from jobmatch.importer import read_jsonl
from storage import queries


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
