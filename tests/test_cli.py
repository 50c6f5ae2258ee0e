"""The installed `jobmatch` command, run as a user runs it, against a real local server."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobmatch.demo import demo_boards, sample_profile_path
from jobmatch.replay import serve_greenhouse

pytestmark = pytest.mark.cli
JOBMATCH = str(Path(sys.executable).with_name("jobmatch"))


def jobmatch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [JOBMATCH, *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def board_url() -> Iterator[str]:
    with serve_greenhouse(demo_boards()) as url:
        yield url


def write_config(folder: Path, board_url: str, *, extra: str = "") -> Path:
    profile = folder / "me.toml"
    profile.write_text(sample_profile_path().read_text(encoding="utf-8"), encoding="utf-8")
    text = f"""
[storage]
url = "sqlite:///jobs.db"
[http]
delay = 0
retries = 0
[[profiles]]
name = "me"
path = "me.toml"
[[sources]]
type = "greenhouse"
name = "greenhouse:northwind"
board = "northwind"
base_url = "{board_url}"
[[sources]]
type = "greenhouse"
name = "greenhouse:harbourline"
board = "harbourline"
base_url = "{board_url}"
{extra}
"""
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_run_fetches_scores_and_prints_ranked_explained_matches(
    tmp_path: Path, board_url: str
) -> None:
    write_config(tmp_path, board_url)
    result = jobmatch("run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "greenhouse:northwind — 5 listings (5 new, 0 updated)" in result.stderr
    assert "greenhouse:harbourline — 5 listings (5 new, 0 updated)" in result.stderr
    assert "New matches for" in result.stdout
    assert "Senior Technical Project Manager" in result.stdout
    assert (tmp_path / "jobs.db").is_file()

    again = jobmatch("run", cwd=tmp_path)
    assert again.returncode == 0
    # The replay server sends an ETag; the second night asks "changed since?" and gets 304.
    assert "greenhouse:northwind — not modified" in again.stderr
    assert "no matches" in again.stdout  # nothing new the second night
    listed = jobmatch("matches", "--format", "json", cwd=tmp_path)
    assert len(json.loads(listed.stdout)) >= 5  # a 304 closed nothing


def test_min_interval_skips_a_recent_source_unless_forced(tmp_path: Path, board_url: str) -> None:
    config = write_config(tmp_path, board_url)
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'board = "northwind"', 'board = "northwind"\nmin_interval = "6h"'
        ),
        encoding="utf-8",
    )
    assert jobmatch("fetch", cwd=tmp_path).returncode == 0
    second = jobmatch("fetch", cwd=tmp_path)
    assert "greenhouse:northwind — skipped: fetched 0.0h ago (min_interval 6h)" in second.stderr
    assert "greenhouse:harbourline — not modified" in second.stderr
    forced = jobmatch("fetch", "--force", cwd=tmp_path)
    assert "greenhouse:northwind — not modified" in forced.stderr


def test_matches_as_json_carries_ids_scores_and_reasons(tmp_path: Path, board_url: str) -> None:
    write_config(tmp_path, board_url)
    assert jobmatch("fetch", cwd=tmp_path).returncode == 0
    assert jobmatch("match", cwd=tmp_path).returncode == 0
    result = jobmatch("matches", "--format", "json", "--limit", "50", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows, "expected some matches"
    for row in rows:
        for key in (
            "id",
            "source",
            "external_id",
            "title",
            "company",
            "location",
            "url",
            "score",
            "reasons",
        ):
            assert key in row
        assert 0 < row["score"] <= 100
        assert row["reasons"]
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    by_title = {row["title"]: row for row in rows}
    tpm = by_title["Senior Technical Project Manager"]
    assert rows[0]["score"] == tpm["score"]
    assert any(reason.startswith("title ≈ Technical Project Manager") for reason in tpm["reasons"])
    construction = by_title.get("Project Manager")
    assert construction is None or construction["score"] < tpm["score"] / 2


def test_matches_as_csv_has_a_header_and_one_row_per_match(tmp_path: Path, board_url: str) -> None:
    write_config(tmp_path, board_url)
    jobmatch("run", cwd=tmp_path)
    result = jobmatch("matches", "--format", "csv", "--limit", "3", cwd=tmp_path)
    parsed = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(parsed) == 3
    assert {"id", "score", "title", "url", "reasons"} <= set(parsed[0])


def test_fetch_of_one_named_source(tmp_path: Path, board_url: str) -> None:
    write_config(tmp_path, board_url)
    result = jobmatch("fetch", "--source", "greenhouse:harbourline", cwd=tmp_path)
    assert result.returncode == 0
    assert "harbourline" in result.stderr and "northwind" not in result.stderr
    unknown = jobmatch("fetch", "--source", "nope", cwd=tmp_path)
    assert unknown.returncode == 2
    assert "no source named 'nope'" in unknown.stderr


def test_unreachable_board_fails_that_source_only_with_exit_1(
    tmp_path: Path, board_url: str
) -> None:
    extra = f"""
[[sources]]
type = "greenhouse"
name = "greenhouse:offline"
board = "offline"
base_url = "http://127.0.0.1:9"
[[sources]]
type = "greenhouse"
name = "greenhouse:missing"
board = "missing"
base_url = "{board_url}"
"""
    write_config(tmp_path, board_url, extra=extra)
    result = jobmatch("run", cwd=tmp_path)
    assert result.returncode == 1
    assert "greenhouse:offline — http://127.0.0.1:9/v1/boards/offline/jobs" in result.stderr
    assert "cannot connect" in result.stderr
    assert "greenhouse:missing — board not found (HTTP 404) at http" in result.stderr
    assert "greenhouse:northwind — 5 listings" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_reports_bad_lines_and_keeps_the_rest(tmp_path: Path, board_url: str) -> None:
    write_config(tmp_path, board_url)
    good = {"id": "x-1", "source": "file", "title": "Scrum Master", "description": "Scrum."}
    (tmp_path / "in.jsonl").write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    result = jobmatch("import", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 0
    assert "in.jsonl:2: not JSON" in result.stderr
    assert "imported 1 listings (1 new" in result.stderr


@pytest.mark.parametrize(
    ("args", "config_text", "message"),
    [
        (
            ["run"],
            "[http]\ntimeout = 'slow'\n",
            "config.toml: http.timeout: Input should be a valid number",
        ),
        (["--config", "absent.toml", "run"], "", "absent.toml: config file not found"),
        (["import", "nothing.jsonl"], "", "nothing.jsonl: file not found"),
        (["matches", "--profile", "bad.toml"], "", "bad.toml: profile.years_experience"),
        (["--db", "mysql://nowhere", "matches", "--profile", "me.toml"], "", "no driver"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, args: list[str], config_text: str, message: str
) -> None:
    (tmp_path / "config.toml").write_text(config_text, encoding="utf-8")
    (tmp_path / "me.toml").write_text(
        sample_profile_path().read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "bad.toml").write_text(
        '[profile]\nname = "x"\ntarget_roles = ["TPM"]\nyears_experience = "many"\n',
        encoding="utf-8",
    )
    result = jobmatch(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_demo_prints_a_ranked_explained_list_offline(tmp_path: Path) -> None:
    result = jobmatch("demo", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Serving 2 recorded Greenhouse boards at http://127.0.0.1:" in result.stderr
    assert "Demo: matches for" in result.stdout
    assert "Senior Technical Project Manager" in result.stdout
    assert "title ≈" in result.stdout


def test_every_command_has_help_with_an_example(tmp_path: Path) -> None:
    from jobmatch.cli import app

    commands = [
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    ]
    assert {"run", "fetch", "import", "match", "matches", "demo"} <= set(commands)
    for name in commands:
        result = jobmatch(name, "--help", cwd=tmp_path)
        assert result.returncode == 0
        assert "Example: jobmatch" in result.stdout, f"{name} --help has no example"


def test_export_writes_one_listing_per_line_with_lifecycle_and_facts(
    tmp_path: Path, board_url: str
) -> None:
    write_config(tmp_path, board_url)
    jobmatch("fetch", cwd=tmp_path)
    result = jobmatch("export", "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 10
    first = records[0]
    for key in ("source", "external_id", "url", "title", "company", "location", "remote",
                "posted_at", "salary_text", "description", "employment_type", "tags",
                "first_seen", "last_seen", "closed_at", "facts"):  # fmt: skip
        assert key in first
    assert first["posted_at"].endswith("+00:00")
    assert first["closed_at"] is None
    assert "<" not in first["description"]
    assert first["facts"]["role_variant"] in {
        "technical_project_manager", "non_technical_project_manager", "technical_program_manager",
        "scrum_master", "technical_project_assistant", "it_project_manager",
        "agile_project_manager",
    }  # fmt: skip
    out_file = tmp_path / "all.jsonl"
    assert jobmatch("export", "-o", str(out_file), cwd=tmp_path).returncode == 0
    assert out_file.read_text(encoding="utf-8") == result.stdout


def test_no_reachable_board_ends_with_a_hint_and_lines_stay_short(tmp_path: Path) -> None:
    long_name = "greenhouse:" + "a-very-long-board-name-" * 6
    config = tmp_path / "config.toml"
    config.write_text(
        "[http]\nretries = 0\nconnect_retries = 0\ndelay = 0\n"
        + "".join(
            f'[[sources]]\ntype = "greenhouse"\nname = "{name}"\nboard = "{name[11:]}"\n'
            f'base_url = "http://127.0.0.1:9"\n'
            for name in ("greenhouse:one", long_name)
        ),
        encoding="utf-8",
    )
    result = jobmatch("fetch", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert all(len(line) <= 160 for line in lines), lines
    assert any(line.startswith(long_name[:40]) and line.endswith("…") for line in lines)
    assert lines[-1].startswith("No board could be reached (no network?)")
    assert "jobmatch demo" in lines[-1] and "jobmatch import FILE" in lines[-1]
