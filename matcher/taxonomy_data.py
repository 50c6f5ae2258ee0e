"""The taxonomy data files (matcher/taxonomy/*.toml), read once."""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files
from typing import Any


@functools.cache
def taxonomy(name: str) -> dict[str, Any]:
    text = files("matcher").joinpath("taxonomy", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
