"""SAP SuccessFactors career sites (Recruiting Marketing): the tenant's published job feeds.

Two feeds, both RSS 2.0 (<rss><channel><item>), fetched as configured in `feed_url`:

- The Google jobs feed, /googlefeed.xml (also served as /sitemal.xml): every open job, one
  <item> each with title (often "Role (City, ST, CC, zip)"), link (/job/{slug}/{number}/),
  guid, a CDATA <description> of HTML that is often entity-escaped once more, and in the
  Google Base namespace g:id, g:location, g:employer, g:job_function, g:expiration_date.
  Rarely a pubDate. It lists the whole board, so a fetch of it may close vanished jobs.
- An RMK search or category feed, /services/rss/job/?locale=en_US&keywords=(...) or
  /services/rss/category/?catid=N: the newest matching jobs with pubDate. A window, so it
  closes nothing.

A `base_url` replaces the feed URL's scheme and host only. The Google feed of a large
tenant runs to thousands of jobs (HCLTech lists about 6,600, some 20 KB each), so the parse
streams the items and builds listings only for wanted titles. Such a feed can exceed the
HTTP layer's response cap (`HttpSettings.max_bytes`); an RMK search feed with `keywords`
reads those tenants instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from pydantic import Field, field_validator

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, unique_nonempty
from scraper.text import html_to_text, unescape_html
from scraper.xml_guard import check_feed

G = "{http://base.google.com/ns/1.0}"
_CHUNK = 1 << 20  # characters handed to the XML parser at a time
# RMK's own RSS: searches and categories, a window of the newest jobs.
_WINDOW_PATH = "/services/rss/"

_JOB_NUMBER = re.compile(r"/(\d+)/?$")
_TITLE_PLACE = re.compile(r"^(?P<title>.+?)\s*\((?P<place>[^()]+)\)\s*$")
_COUNTRY_OR_ZIP = re.compile(r"^(?:[A-Z]{2}|\d[\d\s-]*)$")
# g:employer values that name no employer; g:job_function's "no function" marker.
_NO_EMPLOYER = {"careers", "career", "jobs"}
_NO_FUNCTION = {"ats_webform"}


class SuccessFactorsConfig(SourceConfig):
    feed_url: str = Field(
        description=(
            "the tenant's feed: https://{careers host}/googlefeed.xml (every job), or an RMK "
            "RSS search such as https://{careers host}/services/rss/job/?locale=en_US"
            "&keywords=(project manager)"
        )
    )

    @field_validator("feed_url")
    @classmethod
    def _feed_url_is_http(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"must be an http(s) URL of the tenant's feed, got {value!r}")
        return value


class SuccessFactorsSource(Source):
    type = "successfactors"
    config_model = SuccessFactorsConfig
    default_base_url = ""  # the host comes from `feed_url`
    lists_whole_board = True  # the Google feed; an RMK search feed says complete=False
    one_employer = True
    # A published feed SuccessFactors refreshes about twice a day (channel ttl 720).
    default_min_interval = "12h"
    config: SuccessFactorsConfig

    def url(self, path: str) -> str:
        parts = urlsplit(self.config.feed_url)
        return (self.config.base_url or f"{parts.scheme}://{parts.netloc}") + path

    def feed_request(self) -> tuple[str, dict[str, list[str]] | None]:
        """URL and query of the feed; the query goes as `params` (see RssSource)."""
        parts = urlsplit(self.config.feed_url)
        return self.url(parts.path or "/"), parse_qs(parts.query, keep_blank_values=True) or None

    @property
    def lists_every_job(self) -> bool:
        """The Google feed lists the whole board; RMK's search and category RSS do not."""
        return _WINDOW_PATH not in urlsplit(self.config.feed_url).path

    async def fetch(self, http: PoliteClient) -> FetchResult:
        url, params = self.feed_request()
        page = await http.get(url, params=params, robots=True, conditional=True)
        parsed, items = parse_feed(
            page.text,
            source=self.name,
            company=self.config.company,
            fallback=urlsplit(self.config.feed_url).netloc,
            wanted=self.wanted,
        )
        listed = items - len(parsed.skipped)  # unwanted titles were never made listings
        return self.result(parsed, complete=self.lists_every_job, listed=listed)


@dataclass
class _Stream:
    """What the stream of items has passed so far."""

    channel_title: str = ""
    items: int = 0


def parse_feed(
    document: str,
    *,
    source: str,
    company: str | None = None,
    fallback: str = "",
    wanted: Callable[[str], bool] | None = None,
) -> tuple[Parsed, int]:
    """Pure parse of a SuccessFactors RSS feed, item by item as the XML streams past: its
    listings, and how many <item>s it held.

    Only titles `wanted` accepts become listings (their descriptions are the costly part).
    The company is `company`, else the item's g:employer, else the channel title, else
    `fallback`.
    """
    check_feed(document, source=source, expected="a SuccessFactors RSS feed")
    stream = _Stream()

    def parse_one(item: ET.Element) -> Listing | None:
        return _parse_item(
            item,
            source=source,
            company=company,
            fallback=stream.channel_title or fallback,
            wanted=wanted,
        )

    parsed = parse_each(_items(document, source=source, stream=stream), parse_one)
    return parsed, stream.items


def _items(document: str, *, source: str, stream: _Stream) -> Iterator[ET.Element]:
    """Each <item> of <rss><channel> as soon as it is complete, then cleared."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    path: list[str] = []
    text = document.lstrip("\ufeff")
    try:
        for start in range(0, max(len(text), 1), _CHUNK):
            parser.feed(text[start : start + _CHUNK])
            yield from _completed(parser, path, source=source, stream=stream)
        parser.close()
        yield from _completed(parser, path, source=source, stream=stream)
    except ET.ParseError as e:
        raise ParseError(
            f"{source}: expected a SuccessFactors RSS feed, got malformed XML ({e})"
        ) from e


def _completed(
    parser: ET.XMLPullParser[ET.Element], path: list[str], *, source: str, stream: _Stream
) -> Iterator[ET.Element]:
    for queued in parser.read_events():
        event, element = queued[0], queued[-1]
        if not isinstance(element, ET.Element):
            continue  # only start and end events are asked for
        if event == "start":
            if not path and element.tag != "rss":
                raise ParseError(
                    f"{source}: expected an RSS feed (<rss><channel><item>), got <{element.tag}>"
                )
            path.append(element.tag)
            continue
        path.pop()
        if path == ["rss", "channel"] and element.tag == "item":
            stream.items += 1
            yield element
            element.clear()  # the feed may hold thousands: keep none of them around
        elif path == ["rss", "channel"] and element.tag == "title" and not stream.channel_title:
            stream.channel_title = (element.text or "").strip()


def _parse_item(
    item: ET.Element,
    *,
    source: str,
    company: str | None,
    fallback: str,
    wanted: Callable[[str], bool] | None,
) -> Listing | None:
    link, place = _text(item, "link"), _text(item, f"{G}location")
    title, title_place = _split_title(" ".join(_text(item, "title").split()), place)
    external_id = _text(item, f"{G}id") or _job_number(link) or _text(item, "guid") or link
    if not title or not external_id:
        raise ParseError(f"no id or title{_named(title or link)}")
    if wanted is not None and not wanted(title):
        return None
    location = place or title_place
    description_html = _description_html(item.findtext("description") or "")
    employer = _text(item, f"{G}employer")
    job_function = _text(item, f"{G}job_function")
    return Listing(
        source=source,
        external_id=external_id,
        url=link,
        title=title,
        # The configured name first: g:employer is often a legal entity or just "Careers".
        company=company or (employer if employer.lower() not in _NO_EMPLOYER else "") or fallback,
        location=location,
        # No work-mode field; "Remote" in the location is the feed's only hint.
        remote=True if "remote" in location.lower() else None,
        description=html_to_text(description_html),
        description_html=description_html,
        posted_at=parse_datetime(_text(item, "pubDate")),
        employment_type=employment_type(
            _text(item, f"{G}job_type") or _text(item, f"{G}employment_type")
        ),
        tags=unique_nonempty("" if job_function.lower() in _NO_FUNCTION else job_function),
    )


def _split_title(title: str, place: str) -> tuple[str, str]:
    """'Role (Noida, UP, IN, 201301)' → ('Role', 'Noida, UP, IN, 201301'), else (title, '').

    With a g:location, only a suffix that repeats it is a place; without one (RMK's RSS), a
    suffix of two or more parts ending in a country or postal code is.
    """
    found = _TITLE_PLACE.match(title)
    if not found:
        return title, ""
    inner = " ".join(found["place"].split())
    parts = [part.strip() for part in inner.split(",")]
    if place:
        a, b = inner.lower(), place.lower()
        repeats = a == b or a.startswith(b + ",") or b.startswith(a + ",")
        return (found["title"], inner) if repeats else (title, "")
    if len(parts) >= 2 and _COUNTRY_OR_ZIP.match(parts[-1]):
        return found["title"], inner
    return title, ""


def _description_html(raw: str) -> str:
    # The Google feed escapes the HTML once more inside its CDATA ("&lt;p&gt;"); once the
    # XML is read, real markup has "<" and escaped markup has none.
    return raw if "<" in raw else unescape_html(raw)


def _job_number(link: str) -> str:
    found = _JOB_NUMBER.search(urlsplit(link).path)
    return found[1] if found else ""


def _named(what: str) -> str:
    return f" ({what[:60]!r})" if what else ""


def _text(element: ET.Element, path: str) -> str:
    return (element.findtext(path) or "").strip()
