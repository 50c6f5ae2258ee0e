"""RSS and Atom feeds, read with feedparser: any job feed, and We Work Remotely's.

A feed holds a recent window, not a whole board, so a job missing from it may still be
open. We fetch the bytes through PoliteClient and hand them to feedparser as a stream:
given a string, feedparser fetches URLs and opens local files itself.
Feeds are often slightly broken; feedparser then sets `bozo` but still recovers entries,
and only a bozo feed with no entries (or a document that is no feed) is an error.

We Work Remotely: GET /categories/{slug}.rss or /remote-jobs.rss. Titles are
"Company: Role"; items add `region`, `country` (flag emoji + name, joined as a sentence),
`state`, `skills`, `category`, `type` and `expires_at`. Terms: attribute the links back
to We Work Remotely.
"""

from __future__ import annotations

import calendar
import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import feedparser
from pydantic import Field, field_validator

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty
from scraper.text import html_to_text

# Page.text is already decoded: saying so stops feedparser re-decoding it by the
# `<?xml encoding=...?>` declaration, which may name the bytes' charset, not ours.
_DECODED = {"content-type": "application/xml; charset=utf-8"}
# An href or src whose value is not an absolute URL (quoted, or escaped as entry HTML is).
_RELATIVE_LINK = re.compile(
    r"(?:href|src)\s*=\s*(?:[\"']|&quot;|&#34;|&#x22;|&apos;|&#39;)?+"
    r"(?!\s*(?:https?:|mailto:|tel:|#|data:))",
    re.IGNORECASE,
)

# A flag is two regional-indicator letters, or a black flag + tag letters (England).
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}|\U0001f3f4[\U000e0020-\U000e007f]+")
# What joins countries in a sentence: ", ", ", and ", " and ".
_TRAILING_JOIN = re.compile(r"(?:,\s*(?:and\s*)?|\s+and\s*)$")


class RssConfig(SourceConfig):
    url: str = Field(description="the feed URL (RSS or Atom)")

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"must be an http(s) URL of a feed, got {value!r}")
        return value


class RssSource(Source):
    type = "rss"
    config_model = RssConfig
    default_base_url = ""  # the host comes from the configured feed URL
    lists_whole_board = False
    config: RssConfig

    def url(self, path: str) -> str:
        parts = urlsplit(self.config.url)
        return (self.config.base_url or f"{parts.scheme}://{parts.netloc}") + path

    def feed_request(self) -> tuple[str, dict[str, list[str]] | None]:
        """URL and query of the configured feed; a `base_url` replaces scheme and host only.

        The query goes as `params`, not in the URL: PoliteClient keys conditional-request
        validators by `httpx.URL(url, params=params)`, which drops a query left in the URL.
        """
        parts = urlsplit(self.config.url)
        query = parse_qs(parts.query, keep_blank_values=True)
        return self.url(parts.path or "/"), query or None

    async def fetch(self, http: PoliteClient) -> FetchResult:
        url, params = self.feed_request()
        page = await http.get(url, params=params, conditional=True)
        parsed = parse_feed(page.text, source=self.name, company=self.config.company)
        return self.result(parsed, complete=False)


class WeWorkRemotelyConfig(SourceConfig):
    category: str | None = Field(
        default=None,
        min_length=1,
        description="category slug, e.g. remote-management-and-finance-jobs; all jobs if unset",
    )


class WeWorkRemotelySource(Source):
    type = "weworkremotely"
    config_model = WeWorkRemotelyConfig
    default_base_url = "https://weworkremotely.com"
    lists_whole_board = False
    config: WeWorkRemotelyConfig

    def feed_path(self) -> str:
        if self.config.category is None:
            return "/remote-jobs.rss"
        return f"/categories/{self.config.category}.rss"

    async def fetch(self, http: PoliteClient) -> FetchResult:
        page = await http.get(self.url(self.feed_path()), conditional=True)
        parsed = parse_weworkremotely(page.text, source=self.name, company=self.config.company)
        return self.result(parsed, complete=False)


def parse_feed(document: str, *, source: str, company: str | None = None) -> Parsed:
    """Pure parse of any RSS or Atom job feed; the company is the config's or the feed title.
    A malformed entry is skipped (entries are dicts: the line names its guid)."""
    parsed = _feedparser(document, source=source)
    company = company or _str(parsed.feed.get("title"))
    return parse_each(
        parsed.entries,
        lambda entry: _listing(
            entry, source=source, title=_str(entry.get("title")), company=company
        ),
    )


def parse_weworkremotely(document: str, *, source: str, company: str | None = None) -> Parsed:
    """Pure parse of a We Work Remotely feed; `company` is for titles without one. A
    malformed entry is skipped."""
    parsed = _feedparser(document, source=source)
    return parse_each(
        parsed.entries, lambda entry: _wwr_listing(entry, source=source, company=company)
    )


def _wwr_listing(entry: Any, *, source: str, company: str | None) -> Listing:
    board_company, title = _split_title(_str(entry.get("title")))
    listing = _listing(entry, source=source, title=title, company=board_company or company)
    countries = _countries(_str(entry.get("country")))
    return replace(
        listing,
        location=join_nonempty(entry.get("region"), *countries, entry.get("state"), sep="; "),
        remote=True,  # We Work Remotely lists remote jobs only
        employment_type=employment_type(entry.get("type")),
        tags=unique_nonempty(*listing.tags, *_str(entry.get("skills")).split(",")),
    )


def _feedparser(document: str, *, source: str) -> Any:
    if not document.strip():
        raise ParseError(f"{source}: empty response, expected an RSS or Atom feed")
    # A stream, never a str: feedparser treats a str as a URL or a file path first. Its own
    # HTML sanitiser is off: it cost ~3 ms an entry (most of a feed's parse), html_to_text
    # drops scripts and styles, and the HTML is made safe when stored (with_safe_html).
    # Resolving relative links in the entries' HTML parses that HTML again (more than half
    # of a feed's parse): done only for a feed that has one.
    parsed = feedparser.parse(
        io.BytesIO(document.encode("utf-8")),
        response_headers=_DECODED,
        sanitize_html=False,
        resolve_relative_uris=_RELATIVE_LINK.search(document) is not None,
    )
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise ParseError(f"{source}: not a readable RSS or Atom feed ({reason})")
    return parsed


def _listing(entry: Any, *, source: str, title: str, company: str | None) -> Listing:
    title = " ".join(title.split())  # feeds wrap titles and use &nbsp;
    link = _str(entry.get("link")).strip()
    external_id = _str(entry.get("id")).strip() or link
    if not external_id or not title:
        # The line names the entry by its guid when it has one; title or link may be all.
        raise ParseError(f"no guid/link or title: {title or link!r}")
    description_html = _description_html(entry)
    return Listing(
        source=source,
        external_id=external_id,
        url=link,
        title=title,
        company=(company or "").strip(),
        description=html_to_text(description_html),
        description_html=description_html,
        posted_at=_utc(entry.get("published_parsed") or entry.get("updated_parsed")),
        tags=unique_nonempty(*(tag.get("term") for tag in entry.get("tags") or [])),
    )


def _description_html(entry: Any) -> str:
    # Atom <content> (or RSS content:encoded) is the whole ad; <summary>/<description>
    # may be a teaser. feedparser has already unescaped both (not sanitised: see above).
    for content in entry.get("content") or []:
        value = _str(content.get("value"))
        if value.strip():
            return value
    return _str(entry.get("summary"))


def _utc(parsed: Any) -> datetime | None:
    # feedparser's *_parsed struct_time is already converted to UTC.
    if parsed is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def _split_title(title: str) -> tuple[str, str]:
    """'Company: Role' → (company, role); a title without ': ' stays whole."""
    company, sep, role = title.partition(": ")
    if not sep or not company.strip() or not role.strip():
        return "", title.strip()
    return company.strip(), role.strip()


def _countries(value: str) -> list[str]:
    # Split on the flags, not on " and ": "Bosnia and Herzegovina" is one country.
    names = (_TRAILING_JOIN.sub("", piece.strip()).strip() for piece in _FLAG.split(value))
    return [name for name in names if name]


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
