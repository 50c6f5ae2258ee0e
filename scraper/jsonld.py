"""schema.org JobPosting in JSON-LD on career pages (what Google for Jobs reads).

Pages come from `urls`, from a sitemap's <loc> entries, or both; every fetch obeys
robots.txt. Each `<script type="application/ld+json">` block is read tolerantly: `@graph`
wrappers, top-level arrays, `@type` lists, HTML-comment or CDATA wrappers and trailing
commas are all seen in the wild. A block that still won't parse is skipped and counted.
One failing page does not fail the source; only a source whose every page failed does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Self
from urllib.parse import urljoin, urlsplit, urlunsplit

from pydantic import Field, field_validator, model_validator
from selectolax.lexbor import LexborHTMLParser

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import FetchError, ParseError, SourceError
from scraper.http import PoliteClient, blocked_page
from scraper.listing import Listing, Salary
from scraper.normalise import employment_type, join_nonempty, make_salary, salary_period
from scraper.text import html_to_text, unescape_html

logger = logging.getLogger(__name__)

_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
_UNSAFE_XML = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Listing.salary.period covers year, month and hour; a weekly or daily rate stays text.
_UNITS = {"YEAR": "year", "MONTH": "month", "HOUR": "hour", "WEEK": "week", "DAY": "day"}
# Containers pages wrap postings in, besides @graph and plain arrays.
_NESTED_KEYS = ("@graph", "mainEntity", "itemListElement", "item")


class JsonLdConfig(SourceConfig):
    urls: tuple[str, ...] = Field(default=(), description="career pages with JobPosting JSON-LD")
    sitemap: str | None = Field(default=None, description="a sitemap.xml listing such pages")
    max_urls: int = Field(default=200, ge=1, description="most pages fetched in one run")

    @field_validator("urls")
    @classmethod
    def _urls_are_http(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for url in value:
            _require_http(url)
        return value

    @field_validator("sitemap")
    @classmethod
    def _sitemap_is_http(cls, value: str | None) -> str | None:
        return None if value is None else _require_http(value)

    @model_validator(mode="after")
    def _needs_pages(self) -> Self:
        if not self.urls and not self.sitemap:
            raise ValueError(
                "give `urls` (career page URLs) or `sitemap` (a sitemap.xml URL); "
                "neither is set, so there is nothing to fetch"
            )
        return self


def _require_http(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"must be an http(s) URL, got {url!r}")
    return url


@dataclass(frozen=True, slots=True)
class PageResult:
    parsed: Parsed  # its postings; a malformed one skipped, its line naming the page
    skipped_blocks: int  # ld+json blocks that would not parse as JSON


class JsonLdSource(Source):
    type = "jsonld"
    one_employer = True  # a company's own careers page
    config_model = JsonLdConfig
    default_base_url = ""  # every URL is absolute in the config
    lists_whole_board = False
    config: JsonLdConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        errors: list[SourceError] = []
        pages = [self._rebase(url) for url in self.config.urls]
        if self.config.sitemap:
            pages += await self._sitemap_pages(http, self.config.sitemap, errors)
        pages = list(dict.fromkeys(pages))[: self.config.max_urls]
        parsed: list[Parsed] = []
        fetched = 0
        for url in pages:
            try:
                page = await http.get(url, robots=True)
            except FetchError as e:
                errors.append(e)
                continue
            result = parse_page(page.text, page_url=page.url, source=self.name)
            blocked = None if result.parsed.listings else blocked_page(page.text)
            if blocked:  # not a page without postings: one we were kept from
                errors.append(ParseError(f"{url}: got {blocked}, not the career page"))
                continue
            fetched += 1
            if result.skipped_blocks:
                logger.warning(
                    "%s: %s: skipped %d JSON-LD block(s) that would not parse",
                    self.name,
                    url,
                    result.skipped_blocks,
                )
            parsed.append(result.parsed)
        self._report(errors, fetched=fetched, attempted=len(pages))
        return self.result(parsed, complete=False)

    async def _sitemap_pages(
        self, http: PoliteClient, sitemap: str, errors: list[SourceError]
    ) -> list[str]:
        """Page URLs from the sitemap; an index is followed one level down.

        The configured sitemap failing fails the source (nothing to go on); a child
        sitemap of an index failing is collected like a failed page.
        """
        page = await http.get(self._rebase(sitemap), robots=True)
        locs, is_index = parse_sitemap(page.text, source=self.name)
        if not is_index:
            return [self._rebase(loc) for loc in locs]
        pages: list[str] = []
        for child_url in locs:
            try:
                child = await http.get(self._rebase(child_url), robots=True)
                child_locs, child_is_index = parse_sitemap(child.text, source=self.name)
            except (FetchError, ParseError) as e:
                errors.append(e)
                continue
            if not child_is_index:  # deeper nesting is not followed
                pages += [self._rebase(loc) for loc in child_locs]
        return pages

    def _report(self, errors: list[SourceError], *, fetched: int, attempted: int) -> None:
        if not errors:
            return
        if fetched == 0:
            raise errors[0]  # nothing worked: the source itself is broken
        logger.warning(
            "%s: %d of %d page(s) failed (the rest were read): %s",
            self.name,
            len(errors),
            attempted,
            "; ".join(str(e) for e in errors),
        )

    def _rebase(self, url: str) -> str:
        """`base_url` (a replay server) takes the place of each URL's scheme and host."""
        if self.config.base_url is None:
            return url
        base, parts = urlsplit(self.config.base_url), urlsplit(url)
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))


def parse_sitemap(text: str, *, source: str) -> tuple[list[str], bool]:
    """Pure parse of a sitemap: its <loc> URLs, and whether it is a sitemap index."""
    if _UNSAFE_XML.search(text):
        raise ParseError(f"{source}: sitemap has a DOCTYPE or ENTITY declaration; refused")
    try:
        root = ET.fromstring(text.strip())
    except ET.ParseError as e:
        raise ParseError(f"{source}: sitemap is not well-formed XML ({e})") from e
    locs = [
        element.text.strip()
        for element in root.iter()
        if _local_name(element.tag) == "loc" and element.text and element.text.strip()
    ]
    return locs, _local_name(root.tag) == "sitemapindex"


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_page(html: str, *, page_url: str, source: str, now: datetime | None = None) -> PageResult:
    """Pure parse of a career page: every JobPosting in its JSON-LD blocks.

    Postings whose `validThrough` lies before `now` are dropped: the page still shows
    them but the employer has closed them. A malformed posting is skipped and named.
    """
    now = now or datetime.now(UTC)
    postings: list[dict[str, Any]] = []
    # Each posting's block's @id index, by the posting's identity: the list keeps it alive.
    ids_of: dict[int, dict[str, dict[str, Any]]] = {}
    skipped = 0
    for block in _ld_json_blocks(html):
        data = _load_block(block)
        if data is None:
            skipped += 1
            continue
        ids = _id_index(data)
        for posting in _job_postings(data):
            postings.append(posting)
            ids_of[id(posting)] = ids

    def parse_one(posting: dict[str, Any]) -> Listing | None:
        if _expired(posting, now):
            return None  # closed: however it is written, it costs nothing
        return _parse_posting(posting, page_url=page_url, source=source, ids=ids_of[id(posting)])

    # Items are numbered across the page's blocks; a source reads many pages, so the line
    # names the page too.
    parsed = parse_each(postings, parse_one, ident="url")
    lines = tuple(f"{page_url}: {line}" for line in parsed.skipped)
    return PageResult(parsed=Parsed(parsed.listings, lines), skipped_blocks=skipped)


def _ld_json_blocks(html: str) -> Iterator[str]:
    for script in LexborHTMLParser(html).css("script[type]"):
        kind = (script.attributes.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json":
            yield script.text(deep=True)


def _load_block(block: str) -> Any | None:
    """JSON from a block, tolerating wrappers and trailing commas; None if hopeless."""
    text = "\n".join(_WRAPPERS.sub("", line) for line in block.strip().splitlines()).strip()
    if not text:
        return None
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)  # strict=False: raw newlines in strings
        except json.JSONDecodeError:
            continue
    return None


def _job_postings(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _job_postings(item)
        return
    if not isinstance(data, dict):
        return
    if _is_job_posting(data):
        yield data
        return
    for key in _NESTED_KEYS:
        if key in data:
            yield from _job_postings(data[key])


def _id_index(data: Any) -> dict[str, dict[str, Any]]:
    """Nodes of a block by `@id`: a @graph posting names its employer as {"@id": "#org"}."""
    index: dict[str, dict[str, Any]] = {}
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                index.setdefault(node["@id"], node)
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
    return index


def _resolve(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, list):
        return [_resolve(item, ids) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return ids.get(value["@id"], value)
    return value


def _is_job_posting(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    # "JobPosting", "schema:JobPosting" and "https://schema.org/JobPosting" all occur.
    return any(isinstance(n, str) and re.split(r"[/:]", n)[-1] == "JobPosting" for n in names)


def _parse_posting(
    posting: dict[str, Any], *, page_url: str, source: str, ids: dict[str, dict[str, Any]]
) -> Listing:
    title = _text(posting.get("title")) or _text(posting.get("name"))
    if not title:
        # A node typed JobPosting with no title is malformed, not some other Thing: named.
        raise ParseError("a JobPosting with no title or name")
    url = urljoin(page_url, _text(posting.get("url"))) if _text(posting.get("url")) else page_url
    description_html = _description_html(posting.get("description"))
    remote = _is_telecommute(posting.get("jobLocationType"))
    salary, salary_text = _salary(posting.get("baseSalary"))
    return Listing(
        source=source,
        external_id=_external_id(posting, url=url, title=title),
        url=url,
        title=title,
        company=_organisation(_resolve(posting.get("hiringOrganization"), ids)),
        location=join_nonempty(
            _places(_resolve(posting.get("jobLocation"), ids)),
            _names(posting.get("applicantLocationRequirements")),
            sep="; ",
        ),
        remote=remote,
        description=html_to_text(description_html),
        description_html=description_html,
        salary_text=salary_text,
        salary=salary,
        posted_at=parse_datetime(posting.get("datePosted")),
        employment_type=_employment(posting.get("employmentType")),
    )


def _text(value: Any) -> str:
    """A plain string property, entity-decoded; anything else is empty."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return unescape_html(value).strip() if isinstance(value, str) else ""


def _description_html(raw: Any) -> str:
    if not isinstance(raw, str):
        return ""
    if _LOOKS_LIKE_HTML.search(raw):
        return raw.strip()
    return unescape_html(raw).strip()  # escaped once (`&lt;p&gt;`) or twice (`&amp;lt;`)


def _organisation(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _name_of(value: Any) -> str:
    """A string, or a Thing's `name` (addressCountry may be either)."""
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _places(value: Any) -> str:
    places = []
    for place in _as_list(value):
        if not isinstance(place, dict):
            places.append(_text(place))
            continue
        address = place.get("address")
        if isinstance(address, dict):
            places.append(
                join_nonempty(
                    _name_of(address.get("addressLocality")),
                    _name_of(address.get("addressRegion")),
                    _name_of(address.get("addressCountry")),
                )
                or _name_of(place)
            )
        else:
            places.append(_text(address) or _name_of(place))
    return join_nonempty(*places, sep="; ")


def _names(value: Any) -> str:
    return join_nonempty(*(_name_of(item) for item in _as_list(value)))


def _is_telecommute(value: Any) -> bool | None:
    kinds = [v.strip().upper() for v in _as_list(value) if isinstance(v, str)]
    return True if "TELECOMMUTE" in kinds else None


def _salary(value: Any) -> tuple[Salary | None, str | None]:
    """MonetaryAmount → (Salary, text). A weekly or daily rate has no Salary period,
    so only the text is kept."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        return None, None
    currency = _text(value.get("currency")) or None
    amount = value.get("value")
    if isinstance(amount, dict):
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue", amount.get("value"))
        unit = _text(amount.get("unitText")).upper()
    else:
        low = high = amount
        unit = ""
    salary = make_salary(low, high, currency, _UNITS.get(unit))
    if salary is None:
        return None, None
    text = _salary_text(salary, unit)
    return (salary if salary_period(_UNITS.get(unit)) else None), text


def _salary_text(salary: Salary, unit: str) -> str:
    amounts = [f"{a:,.0f}" if a == int(a) else f"{a:,.2f}" for a in (salary.min, salary.max) if a]
    span = "–".join(dict.fromkeys(amounts))
    per = f" per {_UNITS.get(unit, unit.lower())}" if unit else ""
    return join_nonempty(salary.currency, span, sep=" ") + per


def _employment(value: Any) -> str | None:
    return next((e for e in map(employment_type, _as_list(value)) if e), None)


def _external_id(posting: dict[str, Any], *, url: str, title: str) -> str:
    identifier = posting.get("identifier")
    if isinstance(identifier, list):
        identifier = identifier[0] if identifier else None
    value = _text(identifier.get("value")) if isinstance(identifier, dict) else _text(identifier)
    if value:
        return value
    if _text(posting.get("url")):
        return url
    return hashlib.sha256(f"{url}\n{title}".encode()).hexdigest()[:16]


def _expired(posting: dict[str, Any], now: datetime) -> bool:
    until = parse_datetime(posting.get("validThrough"))
    return until is not None and until < now
