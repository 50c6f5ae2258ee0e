"""Any career page that lists jobs in HTML, read with CSS selectors from the config.

For sites with neither an ATS API nor JobPosting JSON-LD. Every fetch obeys robots.txt.
`item` selects one listing; `title`, `link` and the optional `company_selector`, `location`
and `description` select inside it; `next_page` (an <a>) is followed up to `max_pages`.
`company`, as for every source, is the fixed display name.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit, urlunsplit

from pydantic import Field, field_validator
from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from scraper.base import FetchResult, Source, SourceConfig
from scraper.errors import FetchError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.text import html_to_text

logger = logging.getLogger(__name__)

_EMPTY_DOCUMENT = LexborHTMLParser("")


class HtmlConfig(SourceConfig):
    url: str = Field(description="the first listing page")
    item: str = Field(description="CSS selector for one listing on the page")
    title: str = Field(description="CSS selector, inside an item, for the job title")
    link: str = Field(description="CSS selector, inside an item, for the <a> to the job")
    company_selector: str | None = Field(
        default=None, description="CSS selector, inside an item, for the company name"
    )
    location: str | None = Field(default=None, description="CSS selector for the location")
    description: str | None = Field(default=None, description="CSS selector for a summary")
    next_page: str | None = Field(default=None, description="CSS selector for the next-page <a>")

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"must be an http(s) URL, got {value!r}")
        return value

    @field_validator(
        "item", "title", "link", "company_selector", "location", "description", "next_page"
    )
    @classmethod
    def _is_css(cls, value: str | None) -> str | None:
        # Lexbor is what will run the selector, so it is the judge of what is valid.
        if value is None:
            return None
        try:
            _EMPTY_DOCUMENT.css(value)
        except SelectolaxError:
            raise ValueError(f"not a CSS selector: {value!r}") from None
        return value


class HtmlSource(Source):
    type = "html"
    one_employer = True  # a company's own careers page
    config_model = HtmlConfig
    default_base_url = ""  # the page URL in the config is absolute
    lists_whole_board = False
    config: HtmlConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        listings: dict[str, Listing] = {}
        url: str | None = self._rebase(self.config.url)
        visited: set[str] = set()
        while url and url not in visited and len(visited) < self.config.max_pages:
            visited.add(url)
            try:
                page = await http.get(url, robots=True)
            except FetchError as e:
                if len(visited) == 1:
                    raise  # the first page is the source: nothing to show without it
                logger.warning("%s: stopped paging at %s: %s", self.name, url, e)
                break
            items, next_url = parse_page(
                page.text, page_url=page.url, config=self.config, source=self.name
            )
            for item in items:
                listings.setdefault(item.external_id, item)  # a job pinned on every page
            url = self._rebase(next_url) if next_url else None
        return FetchResult(self.keep_wanted(listings.values()), complete=False)

    def _rebase(self, url: str) -> str:
        """`base_url` (a replay server) takes the place of the scheme and host."""
        if self.config.base_url is None:
            return url
        base, parts = urlsplit(self.config.base_url), urlsplit(url)
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))


def parse_page(
    html: str, *, page_url: str, config: HtmlConfig, source: str
) -> tuple[list[Listing], str | None]:
    """Pure parse of one listing page: its listings and the next page's URL."""
    tree = LexborHTMLParser(html)
    listings = []
    for node in tree.css(config.item):
        listing = _parse_item(node, page_url=page_url, config=config, source=source)
        if listing is not None:
            listings.append(listing)
    next_link = tree.css_first(config.next_page) if config.next_page else None
    return listings, _href(next_link, page_url)


def _parse_item(
    node: LexborNode, *, page_url: str, config: HtmlConfig, source: str
) -> Listing | None:
    title = _text(node.css_first(config.title))
    link = _href(node.css_first(config.link), page_url)
    if not title or not link:
        return None  # a placeholder, an ad, or markup the selectors don't fit
    description_node = node.css_first(config.description) if config.description else None
    description_html = (description_node.html or "") if description_node else ""
    company = _text(node.css_first(config.company_selector)) if config.company_selector else ""
    return Listing(
        source=source,
        external_id=link,
        url=link,
        title=title,
        company=company or config.company or "",
        location=_text(node.css_first(config.location)) if config.location else "",
        description=html_to_text(description_html),
        description_html=description_html,
    )


def _text(node: LexborNode | None) -> str:
    if node is None:
        return ""
    return " ".join(node.text(deep=True, separator=" ").split())


def _href(node: LexborNode | None, page_url: str) -> str | None:
    """The absolute URL of an <a> (or of the first <a href> inside the node)."""
    if node is None:
        return None
    anchor = node if node.attributes.get("href") else node.css_first("a[href]")
    href = (anchor.attributes.get("href") or "").strip() if anchor is not None else ""
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    return urljoin(page_url, href)
