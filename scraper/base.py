"""What a source is: a type name, a pydantic config model, and a fetch built on pure parsing."""

from __future__ import annotations

import builtins
import functools
import re
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from scraper.errors import FetchError, NotFoundError, ParseError, RobotsDisallowed
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
class Parsed:
    """What a pure parse made of one response: its listings, and the items it skipped."""

    listings: list[Listing]
    # One line per malformed item ("item 3 (id '42'): no title"): it cost only itself.
    skipped: tuple[str, ...] = ()


# What a parser raises for one bad item: its own ParseError or the usual lookup/type slips.
ITEM_ERRORS = (ParseError, KeyError, IndexError, TypeError, ValueError, AttributeError)


def parse_each(
    items: Iterable[Any], parse_one: Callable[[Any], Listing | None], *, ident: str = "id"
) -> Parsed:
    """Parse items one by one: one that raises is skipped and named, never the whole board.

    `parse_one` returns None for an item the board itself hides (unlisted, draft). `ident`
    is the key that names an item in the warning.
    """
    listings: list[Listing] = []
    skipped: list[str] = []
    for index, item in enumerate(items):
        try:
            listing = parse_one(item)
        except ITEM_ERRORS as e:
            skipped.append(f"item {index}{_item_name(item, ident)}: {_reason(e)}")
            continue
        if listing is not None:
            listings.append(listing)
    return Parsed(listings, tuple(skipped))


def _item_name(item: object, ident: str) -> str:
    value = item.get(ident) if isinstance(item, dict) else None
    return f" ({ident} {str(value)[:40]!r})" if value not in (None, "") else ""


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"no {error.args[0]!r}" if error.args else "a field is missing"
    text = str(error) or type(error).__name__
    if isinstance(error, FetchError):  # the URL is in the item's name already
        text = text.removeprefix(f"{error.url}: ")
    return " ".join(text.split())[:120]


@dataclass(frozen=True, slots=True)
class Details:
    """What reading each new wanted posting's own page gave."""

    listings: list[Listing]
    skipped: list[str]  # one line per posting whose detail failed: the night closes nothing
    still_listed: list[str]  # stored postings not read again


async def read_new_details(
    summaries: Iterable[Listing],
    known_ids: frozenset[str],
    read: Callable[[Listing], Awaitable[Listing | None]],
    *,
    label: str = "id",
    what: str = "detail",
) -> Details:
    """For boards whose list lacks the description: read each summary's detail once, one
    at a time (the host's politeness applies), unless its id is stored (`known_ids`).
    A detail robots.txt disallows keeps the list's fields; one that answers 404 (or for
    which `read` returns None) is a posting gone since the list was read; any other
    failure costs only that posting, named in `skipped` so the next night retries it."""
    found = Details([], [], [])
    for summary in summaries:
        if summary.external_id in known_ids:
            found.still_listed.append(summary.external_id)
            continue
        try:
            listing = await read(summary)
        except RobotsDisallowed:
            listing = summary  # the list may be read, the detail not: list fields only
        except NotFoundError:
            listing = None  # closed between the list and this request
        except (FetchError, *ITEM_ERRORS) as e:
            found.skipped.append(f"{label} {summary.external_id!r}: {what} not read ({_reason(e)})")
            continue
        if listing is not None:
            found.listings.append(listing)
    return found


@dataclass(frozen=True, slots=True)
class FetchResult:
    listings: list[Listing]
    # True only when the fetch saw the whole board: then absent listings may be closed.
    complete: bool
    # For the user to look at though the fetch worked ("the board lists no postings at all").
    warning: str | None = None
    # Malformed items skipped: the rest is kept, but the fetch then closes nothing.
    skipped: tuple[str, ...] = ()
    # Listings the board still lists whose stored copy was not re-read (a board that needs
    # one request per posting reads each version once): kept open, their content untouched.
    still_listed: tuple[str, ...] = ()
    # How many postings the board listed before the keyword filter, where the source knows.
    listed: int | None = None

    @property
    def closes(self) -> bool:
        """Whether listings absent from this fetch may be closed."""
        return self.complete and not self.skipped

    @property
    def warnings(self) -> str | None:
        """The warning and the skipped items, in one line for the user."""
        parts = [self.warning] if self.warning else []
        if self.skipped:
            shown = "; ".join(self.skipped[:3])
            more = f"; and {len(self.skipped) - 3} more" if len(self.skipped) > 3 else ""
            noun = "posting" if len(self.skipped) == 1 else "postings"
            parts.append(
                f"skipped {len(self.skipped)} malformed {noun} ({shown}{more}); "
                "nothing closed this time"
            )
        return "; ".join(parts) or None


class Source(ABC):
    type: ClassVar[str]
    config_model: ClassVar[builtins.type[SourceConfig]] = SourceConfig
    default_base_url: ClassVar[str]
    lists_whole_board: ClassVar[bool] = False
    # One employer's own board (its ATS or careers page): it lists each requisition once, so
    # two of its open listings are two jobs however alike (duplicate grouping reads this).
    one_employer: ClassVar[bool] = False
    # What the board's terms ask, e.g. Remotive "at most 4 calls a day" → "6h".
    default_min_interval: ClassVar[str | None] = None

    def __init__(self, config: SourceConfig) -> None:
        self.config = config
        # External ids of this source's open listings, set by the pipeline before a fetch: a
        # board that needs one request per posting skips the detail of those it has read.
        self.known_ids: frozenset[str] = frozenset()
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

    @functools.cached_property
    def board_url(self) -> str:
        """The board's real host: `default_base_url` with its {placeholders} filled from
        the config ("https://{board}.recruitee.com"). Links to postings point here even
        when `base_url` moves the requests elsewhere."""
        return self.default_base_url.format_map(self.config.model_dump())

    def url(self, path: str) -> str:
        """The documented path on the board's host, or on `base_url` when configured."""
        return (self.config.base_url or self.board_url) + path

    def wanted(self, title: str) -> bool:
        """Keep a title matching any keyword; an empty keyword list keeps everything."""
        if not self._keyword_patterns:
            return True
        return any(p.search(title) for p in self._keyword_patterns)

    def keep_wanted(self, listings: Iterable[Listing]) -> list[Listing]:
        return [item for item in listings if self.wanted(item.title)]

    def result(
        self,
        parsed: Parsed | Sequence[Parsed],
        *,
        complete: bool,
        warning: str | None = None,
        still_listed: Iterable[str] = (),
        listed: int | None = None,
    ) -> FetchResult:
        """The wanted listings of one or more parsed pages, with every skipped item.
        `listed` is what the board listed, where the pages parsed are not all of it."""
        pages = [parsed] if isinstance(parsed, Parsed) else list(parsed)
        return FetchResult(
            self.keep_wanted(item for page in pages for item in page.listings),
            complete=complete,
            warning=warning,
            skipped=tuple(line for page in pages for line in page.skipped),
            still_listed=tuple(still_listed),
            listed=sum(len(page.listings) for page in pages) if listed is None else listed,
        )

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
