"""`jobmatch init`: a starter config and profile in the user's config folder, so the tool
works from any folder. The starter config is the one the project ships (`config.toml`),
with its database moved to the user's data folder."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

STORAGE_LINE = 'url = "sqlite:///jobmatch.db"'


@dataclass(frozen=True, slots=True)
class Written:
    written: list[Path]
    kept: list[Path]  # already there: never overwritten


def starter_text(name: str) -> str:
    return (resources.files("jobmatch") / "data" / name).read_text(encoding="utf-8")


def write_starter(config_dir: Path, data_dir: Path) -> Written:
    """Write config.toml and profiles/example.toml under `config_dir` unless they exist."""
    config = starter_text("starter_config.toml").replace(
        STORAGE_LINE, f'url = "sqlite:///{data_dir / "jobmatch.db"}"', 1
    )
    files = {
        config_dir / "config.toml": config,
        config_dir / "profiles" / "example.toml": starter_text("starter_profile.toml"),
    }
    # The config names a database there: the folder must exist for the first command.
    data_dir.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for path, text in files.items():
        if path.exists():
            kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return Written(written, kept)
