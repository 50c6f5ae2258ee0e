"""`jobmatch fetch` against one local server standing in for several boards, one failing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobmatch.cli.fetch import report_outcomes
from jobmatch.pipeline import SourceOutcome
from jobmatch.replay import Reply, serve
from storage.queries import UpsertCounts
from tests.conftest import FIXTURES
from tests.test_cli import jobmatch

pytestmark = pytest.mark.cli


def recorded(board: str, name: str) -> bytes:
    return (FIXTURES / board / name).read_bytes()


def test_fetch_many_boards_one_failing_keeps_the_rest(tmp_path: Path) -> None:
    routes = {
        "/v1/boards/acme/jobs": Reply(200, recorded("greenhouse", "normal.json")),
        "/v0/postings/acme": Reply(200, recorded("lever", "normal.json")),
        "/v0/postings/gone": Reply(404, recorded("lever", "not_found.json")),
        "/api/remote-jobs": Reply(200, recorded("remotive", "normal.json")),
        "/v1/boards/shifted/jobs": Reply(200, recorded("greenhouse", "unexpected_shape.json")),
    }
    with serve(routes) as (url, requested):
        sources = "".join(
            f'[[sources]]\ntype = "{kind}"\nname = "{name}"\n{key}\nbase_url = "{url}"\n'
            for kind, name, key in [
                ("greenhouse", "greenhouse:acme", 'board = "acme"'),
                ("lever", "lever:acme", 'board = "acme"'),
                ("lever", "lever:gone", 'board = "gone"'),
                ("remotive", "remotive", 'search = "project"'),
                ("greenhouse", "greenhouse:shifted", 'board = "shifted"'),
            ]
        )
        (tmp_path / "config.toml").write_text(
            f'[storage]\nurl = "sqlite:///jobs.db"\n[http]\ndelay = 0\nretries = 0\n{sources}',
            encoding="utf-8",
        )
        first = jobmatch("fetch", cwd=tmp_path)
        again = jobmatch("fetch", "--force", cwd=tmp_path)
        exported = jobmatch("export", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    lines = first.stderr.splitlines()
    assert len(lines) == 5 and "Traceback" not in first.stderr
    assert lines[0].startswith("greenhouse:acme — 1 listings (1 new")
    assert lines[1].startswith("lever:acme — ") and "new" in lines[1]
    assert lines[2].startswith("lever:gone — board not found (HTTP 404) at http://127.0.0.1:")
    assert lines[3].startswith("remotive — ") and "new" in lines[3]
    assert lines[4] == "greenhouse:shifted — expected an object with a 'jobs' list"
    assert any(path.startswith("/v0/postings/acme?mode=json") for path in requested)

    assert again.returncode == 1
    assert "(0 new, 0 updated)" in again.stderr.splitlines()[1]  # stored once, not twice
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    sources = {record["source"] for record in records}
    assert sources == {"greenhouse:acme", "lever:acme", "remotive"}
    keys = [(r["source"], r["external_id"]) for r in records]
    assert len(keys) == len(set(keys))


def test_a_board_that_suddenly_lists_nothing_keeps_its_listings_and_says_so(
    tmp_path: Path,
) -> None:
    board = "/v1/companies/acme/postings"
    routes = {
        board: Reply(200, recorded("smartrecruiters", "normal.json")),
        **{
            f"{board}/{posting}": Reply(200, recorded("smartrecruiters", f"posting_{posting}.json"))
            for posting in ("744000061234567", "744000061234601")
        },
    }
    with serve(routes) as (url, _):
        (tmp_path / "config.toml").write_text(
            '[storage]\nurl = "sqlite:///jobs.db"\n[http]\ndelay = 0\nretries = 0\n'
            '[[sources]]\ntype = "smartrecruiters"\nname = "smartrecruiters:acme"\n'
            f'board = "acme"\nkeywords = []\nbase_url = "{url}"\n',
            encoding="utf-8",
        )
        first = jobmatch("fetch", cwd=tmp_path)
        routes[board] = Reply(200, recorded("smartrecruiters", "empty.json"))  # or a typo'd id
        emptied = jobmatch("fetch", "--force", cwd=tmp_path)
        exported = jobmatch("export", cwd=tmp_path)
    assert first.returncode == 0 and "2 new" in first.stderr, first.stderr
    assert emptied.returncode == 0, emptied.stderr
    assert emptied.stderr.splitlines() == [
        "smartrecruiters:acme — 0 listings (0 new, 0 updated)",
        "smartrecruiters:acme — warning: the board lists no postings at all (an unknown"
        " company id looks the same): its stored listings are kept open",
    ]
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == 2 and all(r["closed_at"] is None for r in records)


def test_warnings_are_printed_even_for_cron(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = [
        SourceOutcome("lever:acme", counts=UpsertCounts(fetched=3, new=3)),
        SourceOutcome("smartrecruiters:acme", counts=UpsertCounts(), warning="lists nothing"),
    ]
    assert report_outcomes(outcomes, quiet=True) == 0  # a warning is not a failure
    assert capsys.readouterr().err.splitlines() == ["smartrecruiters:acme — warning: lists nothing"]
