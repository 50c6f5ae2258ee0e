"""`jobmatch boards`, run as a user runs it: the shipped registry, the config it edits, and a
real local server standing in for the ATS providers."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobmatch.demo import demo_boards
from jobmatch.replay import Reply, serve
from tests.test_cli import jobmatch

pytestmark = pytest.mark.cli

CONFIG = """\
# My jobmatch config: a comment the user wrote, to be kept.
[storage]
url = "sqlite:///jobs.db"   # beside this file

[http]
delay = 0
retries = 0

# Boards I picked by hand.
[[sources]]
type = "greenhouse"
name = "greenhouse:phonepe"
board = "phonepe"
"""


@pytest.fixture(scope="module")
def providers() -> Iterator[str]:
    """One server for every provider: Acme has a Greenhouse board with listings and an
    empty Lever board; every other provider path answers 404."""
    northwind = demo_boards()["northwind"]
    routes = {
        "/v1/boards/acme/jobs": Reply(200, northwind),
        "/v0/postings/acme": Reply(200, b"[]"),
        "/v1/boards/gone/jobs": Reply(404, b'{"status": 404, "error": "Not Found"}'),
    }
    with serve(routes) as (url, _):
        yield url


def config(folder: Path, text: str = CONFIG) -> Path:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_search_finds_a_registry_company_and_its_board(tmp_path: Path) -> None:
    result = jobmatch("boards", "search", "razorpay", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found[0]["company"] == "Razorpay"
    assert found[0]["hires_in_india"] == "yes"
    assert {"type", "name"} <= set(found[0]["source"])


def test_search_filters_by_type_and_says_when_nothing_matches(tmp_path: Path) -> None:
    result = jobmatch(
        "boards", "search", "razorpay", "--type", "greenhouse", "-f", "json", cwd=tmp_path
    )
    assert {item["type"] for item in json.loads(result.stdout)} == {"greenhouse"}
    none = jobmatch("boards", "search", "zzqqxxvv", cwd=tmp_path)
    assert none.returncode == 1
    assert "no board in the registry matches 'zzqqxxvv'" in none.stderr
    bad = jobmatch("boards", "search", "acme", "--type", "nosuch", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown 'nosuch'" in bad.stderr


def test_add_appends_sources_keeping_comments_and_refuses_duplicates(tmp_path: Path) -> None:
    path = config(tmp_path)
    added = jobmatch(
        "boards", "add", "Paytm", "https://jobs.ashbyhq.com/acme", "greenhouse:northwind",
        cwd=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added lever:paytm" in added.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith(CONFIG)  # the user's lines and comments, untouched
    sources = tomllib.loads(text)["sources"]
    assert [s["name"] for s in sources] == [
        "greenhouse:phonepe", "lever:paytm", "ashby:acme", "greenhouse:northwind",
    ]  # fmt: skip
    assert sources[1] == {
        "type": "lever",
        "name": "lever:paytm",
        "company": "Paytm",
        "board": "paytm",
    }
    checked = jobmatch("config", "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr

    again = jobmatch("boards", "add", "PhonePe", "greenhouse:NorthWind", cwd=tmp_path)
    assert again.returncode == 1
    assert "greenhouse:phonepe: already in" in again.stderr
    assert "(as greenhouse:northwind)" in again.stderr
    assert len(tomllib.loads(path.read_text(encoding="utf-8"))["sources"]) == 4


def test_add_names_what_it_cannot_resolve(tmp_path: Path) -> None:
    config(tmp_path)
    result = jobmatch("boards", "add", "workday:acme/wd3", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: workday:acme/wd3:")
    unknown = jobmatch("boards", "add", "Zzqq Nothing Corp", cwd=tmp_path)
    assert unknown.returncode == 2 and "no company of that name" in unknown.stderr


def test_discover_finds_live_boards_and_adds_them(tmp_path: Path, providers: str) -> None:
    path = config(tmp_path)
    result = jobmatch(
        "boards", "discover", "Acme Technologies Pvt Ltd", "--base-url", providers,
        "--format", "json", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["slug"] == "acme"
    states = {board["name"]: board for board in found["boards"]}
    assert states["greenhouse:acme"]["state"] == "healthy"
    assert states["greenhouse:acme"]["listed"] == 7  # the board: 7 postings
    assert states["greenhouse:acme"]["wanted"] >= 1  # TPM-family titles
    assert states["lever:acme"]["state"] == "empty"
    assert states["ashby:acme"]["state"] == "gone"

    added = jobmatch("boards", "discover", "Acme", "--base-url", providers, "--add", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    names = [s["name"] for s in tomllib.loads(path.read_text(encoding="utf-8"))["sources"]]
    assert names == ["greenhouse:phonepe", "greenhouse:acme", "lever:acme"]
    assert "base_url" not in path.read_text(encoding="utf-8")


def test_discover_says_in_one_line_when_no_provider_has_the_slug(
    tmp_path: Path, providers: str
) -> None:
    config(tmp_path)
    result = jobmatch("boards", "discover", "Nobody", "--base-url", providers, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Nobody: no board for slug 'nobody' on any of" in result.stderr


def test_verify_reports_a_broken_board_and_exits_1(tmp_path: Path, providers: str) -> None:
    config(
        tmp_path,
        CONFIG.replace('board = "phonepe"', f'board = "acme"\nbase_url = "{providers}"')
        + f'\n[[sources]]\ntype = "greenhouse"\nname = "greenhouse:gone"\nboard = "gone"\n'
        f'base_url = "{providers}"\n',
    )
    result = jobmatch("boards", "verify", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    states = {board["name"]: board["state"] for board in json.loads(result.stdout)}
    assert states == {"greenhouse:phonepe": "healthy", "greenhouse:gone": "gone"}
    table = jobmatch("boards", "verify", cwd=tmp_path)
    assert table.returncode == 1
    assert "greenhouse:gone — gone: not found (HTTP 404)" in table.stderr
