"""Adding `[[sources]]` tables to the user's config.toml without losing a comment or a line
of their layout (tomlkit round-trips the document), and refusing a board already there."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table

from jobmatch.config import load_config
from jobmatch.errors import ConfigError

# The keys that say which board a source reads, beside its type; two sources agreeing on
# all of those they set are the same board, whatever their names.
BOARD_KEYS = ("board", "tenant", "instance", "site", "host", "feed_url", "datacenter", "region")


@dataclass(frozen=True, slots=True)
class Added:
    added: list[str]  # source names written
    refused: list[str]  # one line per board that was already configured


def board_identity(table: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two `[[sources]]` tables one board (tokens compared without case)."""
    values = tuple(str(table.get(key, "")).strip().casefold() for key in BOARD_KEYS)
    return (str(table.get("type", "")), *values)


def add_sources(path: Path, tables: Sequence[Mapping[str, Any]]) -> Added:
    """Append `tables` to `path`'s `[[sources]]`, refusing a name or a board already there.

    The result is checked with the real config loader before it replaces the file, so a
    bad entry never leaves a config that no longer loads."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    sources = document.get("sources")
    if sources is None:
        sources = tomlkit.aot()
        document.append("sources", sources)
    if not isinstance(sources, AoT):
        raise ConfigError(f"{path}: sources: must be an array of tables ([[sources]])")
    names = {str(table.get("name", "")) for table in sources}
    boards = {board_identity(table): str(table.get("name", "")) for table in sources}
    added: list[str] = []
    refused: list[str] = []
    for wanted in tables:
        name = str(wanted["name"])
        same = boards.get(board_identity(wanted))
        if name in names or same is not None:
            refused.append(f"{name}: already in {path} (as {same or name}); not added again")
            continue
        table: Table = tomlkit.table()
        for key, value in wanted.items():
            table[key] = value
        sources.append(table)
        names.add(name)
        boards[board_identity(wanted)] = name
        added.append(name)
    if added:
        _replace_checked(path, tomlkit.dumps(document))
    return Added(added, refused)


def _replace_checked(path: Path, text: str) -> None:
    """Write `text` beside `path`, load it as a config, then move it into place."""
    handle, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        load_config(Path(temporary))
        os.replace(temporary, path)
    except ConfigError as e:
        raise ConfigError(str(e).replace(temporary, str(path))) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
