"""`jobmatch fetch`, as a user runs it, against one local server standing in for a Workday
tenant, an Oracle site and a Zoho board at once (the demo's recorded boards)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobmatch.demo import recorded_boards
from jobmatch.replay import serve_routes
from tests.test_cli import jobmatch

pytestmark = pytest.mark.cli


def write_config(folder: Path, url: str) -> None:
    lines = ["[storage]", 'url = "sqlite:///jobs.db"', "[http]", "delay = 0", "retries = 0"]
    for board in recorded_boards():
        lines += ["[[sources]]", f'type = "{board.type}"', f'name = "{board.type}:acme"']
        lines += [f"{key} = {json.dumps(value)}" for key, value in board.config.items()]
        lines += [f'base_url = "{url}"']
    (folder / "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_fetch_reads_workday_oracle_and_zoho_from_one_server(tmp_path: Path) -> None:
    boards = recorded_boards()
    assert sorted(board.type for board in boards) == ["oracle", "workday", "zoho"]
    with serve_routes([route for board in boards for route in board.routes]) as (url, seen):
        write_config(tmp_path, url)
        first = jobmatch("fetch", cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        assert "workday:acme — 3 listings (3 new, 0 updated)" in first.stderr
        assert "oracle:acme — 2 listings (2 new, 0 updated)" in first.stderr
        assert "zoho:acme — 2 listings (2 new, 0 updated)" in first.stderr
        details = [target for target in seen if "/job/" in target]
        assert len(details) == 3  # one Workday detail per wanted posting

        seen.clear()
        second = jobmatch("fetch", "--force", cwd=tmp_path)
        assert second.returncode == 0, second.stderr
        # The second night searches again but reads no detail it has: the postings stay open.
        assert not [target for target in seen if "/wday/" in target and "/job/" in target]
        assert "workday:acme — 3 listings (0 new, 0 updated)" in second.stderr
        listed = jobmatch("export", "--format", "jsonl", cwd=tmp_path)
        rows = [json.loads(line) for line in listed.stdout.splitlines()]
        assert sum(1 for row in rows if row["source"] == "workday:acme") == 3
        assert all(row.get("closed_at") is None for row in rows)


def test_a_board_removed_from_the_config_keeps_its_listings_open_and_says_so(
    tmp_path: Path,
) -> None:
    boards = recorded_boards()
    with serve_routes([route for board in boards for route in board.routes]) as (url, _):
        write_config(tmp_path, url)
        assert jobmatch("fetch", cwd=tmp_path).returncode == 0
        config = tmp_path / "config.toml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text[: text.index('[[sources]]\ntype = "zoho"')], encoding="utf-8")
        again = jobmatch("fetch", "--force", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "zoho:acme — no longer in config.toml: 2 open listings kept, not tracked" in again.stderr
    rows = [json.loads(line) for line in jobmatch("export", cwd=tmp_path).stdout.splitlines()]
    zoho = [row for row in rows if row["source"] == "zoho:acme"]
    assert len(zoho) == 2 and all(row["closed_at"] is None for row in zoho)
    sources = jobmatch("sources", cwd=tmp_path).stdout
    assert any(
        line.split()[:1] == ["zoho:acme"] and "untracked" in line.split()
        for line in sources.splitlines()
    ), sources
