"""config.toml: the shipped file loads; every mistake is one line naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobmatch.boards.registry import load_registry
from jobmatch.config import load_config
from jobmatch.errors import ConfigError
from scraper.greenhouse import GreenhouseConfig

ROOT = Path(__file__).parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_serves_a_tpm_in_india_and_remote() -> None:
    config = load_config(ROOT / "config.toml")
    assert config.enabled_sources()
    hires_in_india = {e.name for e in load_registry() if e.hires_in_india == "yes"}
    company_boards = [s for s in config.sources if s.name in hires_in_india]
    assert len(company_boards) >= 40
    assert len({s.type for s in company_boards}) >= 5
    remote = {"remotive", "himalayas", "jobicy", "remoteok", "weworkremotely", "hn"}
    assert remote <= {s.type for s in config.sources}
    assert not {s.type for s in config.sources} & {"workday", "jobspy"}  # opt-in only
    assert any(isinstance(s, GreenhouseConfig) for s in config.sources)
    assert config.storage.url == f"sqlite:///{ROOT / 'jobmatch.db'}"
    assert all(p.path.is_file() for p in config.profiles)
    assert "jobmatch" in config.http.user_agent


def test_defaults_apply_to_an_empty_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, ""))
    assert config.sources == ()
    assert config.http.per_host == 1
    assert config.storage.url == f"sqlite:///{tmp_path.resolve() / 'jobmatch.db'}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[storage]\nurl = 5\n",
            r"config.toml: storage.url: Input should be a valid string \(got 5\)",
        ),
        ("[http]\ntimeout = -1\n", r"config.toml: http.timeout: Input should be greater than 0"),
        ("[http]\ntimout = 3\n", r"config.toml: http.timout: unknown key"),
        (
            "[schedule]\ncron = 'every night'\n",
            r"config.toml: schedule.cron: Value error, not a crontab",
        ),
        ("[[sources]]\nname = 'x'\n", r"config.toml: sources\[0\].type: missing"),
        (
            "[[sources]]\ntype = 'monster'\nname = 'x'\n",
            r"config.toml: sources\[0\].type: unknown source type 'monster'; known: arbeitnow, ashby, bamboohr, breezy, greenhouse",
        ),
        (
            "[[sources]]\ntype = 'greenhouse'\nname = 'x'\n",
            r"config.toml: sources\[0\].board: Field required",
        ),
        (
            "[[sources]]\ntype = 'greenhouse'\nname = 'x'\nboard = 'a'\ntoken = 'b'\n",
            r"config.toml: sources\[0\].token: unknown key",
        ),
        (
            "[[sources]]\ntype = 'greenhouse'\nname = 'x'\nboard = 'a'\nbase_url = 'localhost'\n",
            r"sources\[0\].base_url: Value error, must be an http\(s\) URL",
        ),
        (
            "[[sources]]\ntype='greenhouse'\nname='x'\nboard='a'\n[[sources]]\ntype='greenhouse'\nname='x'\nboard='b'\n",
            r"config.toml: sources: name 'x' is used twice",
        ),
        ("[[profiles]]\nname = 'me'\n", r"config.toml: profiles.0.path: Field required"),
        (
            "[matcher]\nweights = { vibes = 3 }\n",
            r"matcher.weights: Value error, unknown components",
        ),
        ("[storage\nurl = 'x'\n", r"config.toml: not valid TOML"),
    ],
)
def test_mistakes_are_one_line_naming_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        load_config(write(tmp_path, text))
    assert "\n" not in str(raised.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope.toml: config file not found"):
        load_config(tmp_path / "nope.toml")
