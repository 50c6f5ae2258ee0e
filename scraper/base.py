"""What a source is: a type name, a pydantic config model, and a fetch built on pure parsing."""

from __future__ import annotations

import builtins
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from scraper.http import PoliteClient
from scraper.listing import Listing

# Titles worth keeping when a source's config gives no `keywords`: the TPM family.
DEFAULT_KEYWORDS: tuple[str, ...] = (
    "technical project manager",
    "technical program manager",
    "project manager",
    "program manager",
    "programme manager",
    "scrum master",
    "delivery manager",
    "delivery lead",
    "iteration manager",
    "agile coach",
    "release train engineer",
    "project coordinator",
    "project lead",
    "pmo",
    "tpm",
)


class SourceConfig(BaseModel):
    """Keys every source accepts. Subclasses add the board's own (token, query, ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    name: str = Field(min_length=1)
    enabled: bool = True
    company: str | None = None  # display name where the board's API gives none
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    base_url: str | None = None
    max_pages: int = Field(default=20, ge=1)
    # Don't refetch sooner than this ("30m", "6h", "1d"); None: the source's own default.
    min_interval: str | None = None

    @field_validator("min_interval")
    @classmethod
    def _interval_is_a_duration(cls, value: str | None) -> str | None:
        if value is not None:
            parse_interval(value)
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url_is_http(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"must be an http(s) URL like http://127.0.0.1:8000, got {value!r}")
        return value.rstrip("/")


@dataclass(frozen=True, slots=True)
class FetchResult:
    listings: list[Listing]
    # True only when the fetch saw the whole board: then absent listings may be closed.
    complete: bool
    # For the user to look at though the fetch worked ("the board lists no postings at all").
    warning: str | None = None


class Source(ABC):
    type: ClassVar[str]
    config_model: ClassVar[builtins.type[SourceConfig]] = SourceConfig
    default_base_url: ClassVar[str]
    lists_whole_board: ClassVar[bool] = False
    # What the board's terms ask, e.g. Remotive "at most 4 calls a day" → "6h".
    default_min_interval: ClassVar[str | None] = None

    def __init__(self, config: SourceConfig) -> None:
        self.config = config
        self._keyword_patterns = [_phrase_pattern(k) for k in config.keywords]

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def min_interval_text(self) -> str | None:
        """As configured, or the board's default ("6h")."""
        return self.config.min_interval or self.default_min_interval

    @property
    def min_interval(self) -> timedelta | None:
        text = self.min_interval_text
        return parse_interval(text) if text else None

    def url(self, path: str) -> str:
        """The documented path on the board's host, or on `base_url` when configured."""
        return (self.config.base_url or self.default_base_url) + path

    def wanted(self, title: str) -> bool:
        """Keep a title matching any keyword; an empty keyword list keeps everything."""
        if not self._keyword_patterns:
            return True
        return any(p.search(title) for p in self._keyword_patterns)

    def keep_wanted(self, listings: Iterable[Listing]) -> list[Listing]:
        return [item for item in listings if self.wanted(item.title)]

    @abstractmethod
    async def fetch(self, http: PoliteClient) -> FetchResult:
        """Fetch the board, parse each page with the pure parser, keep wanted titles."""


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> timedelta:
    """'90s', '30m', '6h', '1d' → timedelta; ValueError names the accepted forms."""
    found = _INTERVAL.match(text.lower())
    if not found:
        raise ValueError(f"not a duration like '30m', '6h' or '1d': {text!r}")
    return timedelta(seconds=float(found[1]) * _UNIT_SECONDS[found[2]])


def _phrase_pattern(keyword: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in keyword.lower().split()]
    return re.compile(r"\b" + r"[\s\-/,]+".join(words) + r"\b", re.IGNORECASE)
