"""jobmatch from any folder: the config is looked up (./config.toml, then the user's), and
with none the defaults apply with the database in the user's data folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.test_cli import JOBMATCH

pytestmark = pytest.mark.cli
ROOT = Path(__file__).resolve().parent.parent


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(folder / "config-home"),
        "XDG_DATA_HOME": str(folder / "data-home"),
    }
    env.pop("JOBMATCH_CONFIG", None)
    work = folder / "somewhere"
    work.mkdir(exist_ok=True)
    return subprocess.run(
        [JOBMATCH, *args], cwd=work, env=env, capture_output=True, text=True, timeout=120
    )


def test_commands_work_without_a_config_and_say_once_where_the_data_goes(tmp_path: Path) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text((ROOT / "profiles" / "example.toml").read_text(), encoding="utf-8")
    first = run(tmp_path, "matches", "--profile", str(profile))
    assert first.returncode == 0, first.stderr
    database = tmp_path / "data-home" / "jobmatch" / "jobmatch.db"
    assert f"No config file found: using the defaults, with the database at {database}" in (
        first.stderr
    )
    assert database.is_file()
    again = run(tmp_path, "export", "--format", "jsonl")
    assert again.returncode == 0, again.stderr
    assert "No config file found" not in again.stderr  # said once, when it was created


def test_an_explicit_config_that_does_not_exist_is_still_an_error(tmp_path: Path) -> None:
    result = run(tmp_path, "--config", "absent.toml", "matches")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: absent.toml: config file not found"


def test_init_writes_a_starter_config_and_profile_then_leaves_them(tmp_path: Path) -> None:
    first = run(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    config = tmp_path / "config-home" / "jobmatch" / "config.toml"
    profile = tmp_path / "config-home" / "jobmatch" / "profiles" / "example.toml"
    assert config.is_file() and profile.is_file()
    database = tmp_path / "data-home" / "jobmatch" / "jobmatch.db"
    assert f'url = "sqlite:///{database}"' in config.read_text(encoding="utf-8")
    profile.write_text(profile.read_text() + "\n# mine\n", encoding="utf-8")
    second = run(tmp_path, "init")
    assert second.returncode == 0
    assert "exists: left as it is" in second.stderr
    assert profile.read_text().endswith("# mine\n")
    checked = run(tmp_path, "config", "check")  # found in the user's folder, from anywhere
    assert checked.returncode == 0, checked.stderr
    assert f"{config}: ok" in checked.stderr

    # The database the config names works from the first command on.
    listings = tmp_path / "jobs.jsonl"
    listings.write_text(
        '{"id": "1", "source": "manual", "url": "https://jobs.example/1", '
        '"title": "Technical Project Manager", "company": "Acme", '
        '"location": "Bengaluru, India", "description": "Lead software delivery."}\n',
        encoding="utf-8",
    )
    imported = run(tmp_path, "import", str(listings))
    assert imported.returncode == 0, imported.stderr
    shown = run(tmp_path, "matches", "--profile", str(profile), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    assert "Technical Project Manager" in shown.stdout
    assert database.is_file()


def test_a_command_that_edits_the_config_needs_one(tmp_path: Path) -> None:
    result = run(tmp_path, "boards", "add", "greenhouse:acme")
    assert result.returncode == 2
    assert "no config file" in result.stderr and "jobmatch init" in result.stderr


def test_the_starter_config_is_the_shipped_config() -> None:
    starter = ROOT / "jobmatch" / "data" / "starter_config.toml"
    assert starter.read_text(encoding="utf-8") == (ROOT / "config.toml").read_text(encoding="utf-8")
    shipped_profile = ROOT / "jobmatch" / "data" / "starter_profile.toml"
    assert shipped_profile.read_text() == (ROOT / "profiles" / "example.toml").read_text()
