"""Teamtailor career sites: the jobs RSS feed every career site publishes.

GET /jobs.rss?per_page=N&offset=M on the company's career site, https://{board}.teamtailor.com
or its own domain (`url`); a `base_url` replaces only the scheme and host. The feed holds the
first 100 jobs unless `per_page` and `offset` ask for more (Teamtailor's RSS how-to guide);
`page` is ignored, so pages are walked by offset until one comes back short.

Each <item> has title, link (/jobs/{number}-{slug}), guid, pubDate, the whole ad as HTML in
<description>, a plain <remoteStatus> (fully, hybrid, none, onsite, temporary) and, in the
https://teamtailor.com/locations namespace, <tt:locations> (each <tt:location> an office:
name, address, zip, city, country), <tt:department>, <tt:role> and <tt:division>. There is
no salary and no employment type. The channel <title> is the company's name. An unknown
subdomain is a 404. Teamtailor's own API needs a key and is not used.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import join_nonempty, unique_nonempty
from scraper.text import html_to_text
from scraper.xml_guard import check_feed

FEED_PATH = "/jobs.rss"
PER_PAGE = 100  # the feed's own default page
TT = "{https://teamtailor.com/locations}"

_JOB_NUMBER = re.compile(r"/jobs/(\d+)")

# remoteStatus: "fully" is remote; hybrid, none and onsite are not; "temporary" (remote for
# now) and anything new say nothing.
_REMOTE = {"fully": True, "hybrid": False, "none": False, "onsite": False}


OFFSET_IGNORED = (
    "the feed answered a later page with jobs already read (offset ignored?): "
    "the rest of the board was not read, nothing closed"
)


class TeamtailorConfig(SourceConfig):
    board: str | None = Field(
        default=None,
        min_length=1,
        description="the company subdomain, as in {board}.teamtailor.com",
    )
    url: str | None = Field(
        default=None,
        description=(
            "the career site on the company's own domain, e.g. https://careers.acme.com "
            "(instead of `board`)"
        ),
    )
    per_page: int = Field(
        default=PER_PAGE,
        ge=1,
        le=1000,
        description="jobs asked for per feed request (the feed's own default is 100)",
    )

    @field_validator("url")
    @classmethod
    def _url_is_a_site(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError(
                f"must be a career site URL like https://careers.acme.com, got {value!r}"
            )
        # The jobs page itself (https://careers.acme.com/jobs) names the same site.
        return value.rstrip("/").removesuffix("/jobs")

    @model_validator(mode="after")
    def _board_or_url(self) -> TeamtailorConfig:
        if self.board is None and self.url is None:
            raise ValueError("give `board` ({board}.teamtailor.com) or `url` (its own domain)")
        return self


class TeamtailorSource(Source):
    type = "teamtailor"
    config_model = TeamtailorConfig
    default_base_url = "https://{board}.teamtailor.com"  # a template: per company
    lists_whole_board = True
    one_employer = True
    # A career site's feed, not a documented API: a few reads a day are plenty.
    default_min_interval = "6h"
    config: TeamtailorConfig

    @property
    def site_url(self) -> str:
        """The career site (a locale prefix such as /en-GB kept); links point here."""
        return self.config.url or self.board_url

    def url(self, path: str) -> str:
        site = urlsplit(self.site_url)
        origin = self.config.base_url or f"{site.scheme}://{site.netloc}"
        return origin + site.path + path

    async def fetch(self, http: PoliteClient) -> FetchResult:
        per_page = self.config.per_page
        fallback = self.config.board or urlsplit(self.site_url).netloc
        pages: list[Parsed] = []
        seen: set[str] = set()
        for number in range(self.config.max_pages):
            page = await http.get(
                self.url(FEED_PATH),
                params={"per_page": per_page, "offset": number * per_page},
                robots=True,
            )
            parsed, items = parse_feed(
                page.text, source=self.name, company=self.config.company, fallback=fallback
            )
            fresh = [item for item in parsed.listings if item.external_id not in seen]
            seen.update(item.external_id for item in fresh)
            pages.append(Parsed(fresh, parsed.skipped))
            if items < per_page:
                return self.result(pages, complete=True)
            if not fresh and not parsed.skipped:
                # A full page of jobs already seen: the site ignored `offset`.
                return self.result(pages, complete=False, warning=OFFSET_IGNORED)
        return self.result(
            pages,
            complete=False,
            warning=(
                f"stopped after max_pages={self.config.max_pages} pages of {per_page} jobs: "
                "the rest of the board was not read, nothing closed"
            ),
        )


def parse_feed(
    document: str, *, source: str, company: str | None = None, fallback: str = ""
) -> tuple[Parsed, int]:
    """Pure parse of one `/jobs.rss` page: its listings, and how many <item>s it held.

    The company is `company`, else the channel title, else `fallback`.
    """
    channel = _channel(document, source=source)
    items = channel.findall("item")
    name = company or _text(channel, "title") or fallback
    parsed = parse_each(items, lambda item: _parse_item(item, source=source, company=name))
    return parsed, len(items)


def _channel(document: str, *, source: str) -> ET.Element:
    check_feed(document, source=source, expected="a Teamtailor RSS feed")
    try:
        root = ET.fromstring(document.lstrip("\ufeff"))
    except ET.ParseError as e:
        raise ParseError(
            f"{source}: expected a Teamtailor RSS feed, got malformed XML ({e})"
        ) from e
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        got = "<rss> with no <channel>" if root.tag == "rss" else f"<{root.tag}>"
        raise ParseError(f"{source}: expected an <rss> feed with a <channel>, got {got}")
    return channel


def _parse_item(item: ET.Element, *, source: str, company: str) -> Listing:
    title, link = " ".join(_text(item, "title").split()), _text(item, "link")
    external_id = _text(item, "guid") or _job_number(link) or link
    if not title or not external_id:
        raise ParseError(f"no id or title{_named(title or link)}")
    description_html = item.findtext("description") or ""
    status = (_text(item, "remoteStatus") or _text(item, f"{TT}remoteStatus")).lower()
    return Listing(
        source=source,
        external_id=external_id,
        url=link,
        title=title,
        company=company,
        location=join_nonempty(*_locations(item), sep="; "),
        remote=_REMOTE.get(status),
        description=html_to_text(description_html),
        description_html=description_html,
        posted_at=parse_datetime(_text(item, "pubDate")),
        tags=unique_nonempty(
            _text(item, f"{TT}department"), _text(item, f"{TT}role"), _text(item, f"{TT}division")
        ),
    )


def _locations(item: ET.Element) -> list[str]:
    # A location is an office: "city, country" says where; its name ("HQ", "EU",
    # "Remote") stands in when it has neither.
    places = []
    for location in item.iterfind(f"{TT}locations/{TT}location"):
        city, country = _text(location, f"{TT}city"), _text(location, f"{TT}country")
        places.append(join_nonempty(city, country) or _text(location, f"{TT}name"))
    return places


def _job_number(link: str) -> str:
    found = _JOB_NUMBER.search(urlsplit(link).path)
    return found[1] if found else ""


def _named(what: str) -> str:
    return f" ({what[:60]!r})" if what else ""


def _text(element: ET.Element, path: str) -> str:
    return (element.findtext(path) or "").strip()
