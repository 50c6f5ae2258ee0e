"""Every command, given bad input (a broken config, a malformed profile, a missing file, an
unknown id, status or source, a value of the wrong type, an unknown option, a database URL
without a driver, a folder that is not there), says so in one line naming what and where,
exits 2, and never prints a traceback. The walk covers every registered command: a new one
without a case here fails the test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer.main

from jobmatch.cli import app, main
from tests.conftest import ROOT

BROKEN = "broken.toml"
CASES: dict[str, tuple[list[str], str]] = {
    # command path: (the arguments, what the one line must name)
    "run": (["--config", BROKEN, "run"], "broken.toml: not valid TOML"),
    "fetch": (["fetch", "--source", "nope:none"], "no source named 'nope:none'"),
    "import": (["import", "missing.jsonl"], "missing.jsonl: file not found"),
    "match": (["match", "--profile", "bad.toml"], "bad.toml: profile.years_experience"),
    "export": (["export", "--format", "xml"], "--format 'xml'"),
    "eval": (["eval", "no-set"], "no-set/listings.jsonl: file not found"),
    "demo": (["demo", "--port", "80"], "jobmatch demo: No such option: --port"),
    "init": (["init", "--where", "x"], "jobmatch init: No such option: --where"),
    "config": (["config", "frobnicate"], "config 'frobnicate'"),
    "sources": (["--config", BROKEN, "sources"], "broken.toml: not valid TOML"),
    "runs": (["runs", "--limit", "many"], "jobmatch runs: Invalid value for '--limit'"),
    "schedule": (["--config", BROKEN, "schedule"], "broken.toml: not valid TOML"),
    "cron-line": (["--config", BROKEN, "cron-line"], "broken.toml: not valid TOML"),
    "insights": (["insights", "--profile", "bad.toml"], "bad.toml: profile.years_experience"),
    "matches": (["matches", "--status", "maybe"], "--status 'maybe'"),
    "forget": (["forget", "99999"], "no listing with id 99999"),
    "show": (["show", "abc"], "jobmatch show: Invalid value for 'listing_id'"),
    "mark": (["mark", "99999", "applied"], "no listing with id 99999"),
    "open": (["open", "99999"], "no listing with id 99999"),
    "report": (["report", "--out", "no-folder/r.html"], "no-folder/r.html: cannot write"),
    "profile init": (["profile", "init", "--from-cv", "missing.md"], "missing.md: file not found"),
    "profile check": (["profile", "check", "bad.toml"], "bad.toml: profile.years_experience"),
    "db upgrade": (["--db", "nosuch://x", "db", "upgrade"], "nosuch://x: no driver"),
    "db backup": (["db", "backup", "no-folder/b.db"], "no-folder: no such folder"),
    "db prune": (["db", "prune", "--closed-before", "soon"], "--closed-before: not a date"),
    "db stats": (["--db", "nosuch://x", "db", "stats"], "nosuch://x: no driver"),
    "boards search": (["boards", "search"], "jobmatch boards search: Missing argument 'text'"),
    "boards add": (["boards", "add", "nosuchtype:acme"], "nosuchtype:acme: no company"),
    "boards discover": (["boards", "discover"], "Missing argument 'company'"),
    "boards verify": (["--config", BROKEN, "boards", "verify"], "broken.toml: not valid TOML"),
    "boards update": (["boards", "update", "--from", "x"], "No such option: --from"),
}


def command_paths() -> list[str]:
    def walk(command: object, path: list[str]) -> list[str]:
        children = getattr(command, "commands", None)
        if not children:
            return [" ".join(path)]
        return [p for name, child in children.items() for p in walk(child, [*path, name])]

    return walk(typer.main.get_command(app), [])


def test_every_command_has_a_bad_input_case() -> None:
    assert sorted(command_paths()) == sorted(CASES)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("bad-input")
    (here / "config.toml").write_text(
        '[storage]\nurl = "sqlite:///jobs.db"\n[[profiles]]\nname = "me"\npath = "me.toml"\n',
        encoding="utf-8",
    )
    (here / "me.toml").write_text((ROOT / "profiles" / "example.toml").read_text(), "utf-8")
    (here / BROKEN).write_text("[http\ntimeout =", encoding="utf-8")
    (here / "bad.toml").write_text(
        '[profile]\nname = "x"\ntarget_roles = ["TPM"]\nyears_experience = "many"\n', "utf-8"
    )
    return here


@pytest.mark.parametrize("command", sorted(CASES))
def test_bad_input_is_one_line_exit_2(
    command: str, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args, named = CASES[command]
    monkeypatch.chdir(folder)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "data-home"))
    monkeypatch.delenv("JOBMATCH_CONFIG", raising=False)
    monkeypatch.setattr(sys, "argv", ["jobmatch", *args])
    with pytest.raises(SystemExit) as exited:
        main()
    said = capsys.readouterr().err.strip()
    assert exited.value.code == 2, said
    assert "Traceback" not in said
    assert len(said.splitlines()) == 1, said
    assert named in said
