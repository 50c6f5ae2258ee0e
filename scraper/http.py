"""The one polite HTTP layer every source fetches through.

Per-host concurrency and a randomised delay between requests to one host, retries with
exponential backoff and jitter (honouring a capped `Retry-After`), a response size cap,
an identifying User-Agent, conditional requests (ETag / Last-Modified), robots.txt for
pages that are not documented APIs, and httpx errors converted to our own at the boundary.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from protego import Protego

from scraper.errors import FetchError, NotFoundError, NotModified, ParseError, RobotsDisallowed

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})


@dataclass(frozen=True, slots=True)
class HttpSettings:
    user_agent: str = "jobmatch/0.1 (+https://github.com/jobmatch/jobmatch)"
    timeout: float = 20.0
    per_host: int = 1  # requests in flight to one host
    delay: float = 1.0  # mean pause between requests to one host, randomised 0.5x-1.5x
    retries: int = 2
    backoff: float = 1.0  # first backoff; doubles each retry, with jitter
    max_retry_after: float = 60.0
    max_bytes: int = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies a response, to ask 'changed since?' next time."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response, reduced to what parsers need."""

    url: str
    status: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.text)
        except json.JSONDecodeError as e:
            raise ParseError(f"{self.url}: expected JSON, got {_snippet(self.text)!r}") from e


def _snippet(text: str, size: int = 60) -> str:
    return " ".join(text.split())[:size]


class _HostGate:
    """At most `per_host` requests in flight to a host, spaced by a randomised delay."""

    def __init__(self, per_host: int, delay: float) -> None:
        self._sem = asyncio.Semaphore(per_host)
        self.delay = delay  # raised to a robots.txt Crawl-delay when one is set
        self._next_at = 0.0

    async def __aenter__(self) -> None:
        await self._sem.acquire()
        wait = self._next_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    async def __aexit__(self, *exc: object) -> None:
        self._next_at = time.monotonic() + self.delay * random.uniform(0.5, 1.5)
        self._sem.release()


class PoliteClient:
    """Fetch pages politely. Use as `async with PoliteClient(settings) as http:`.

    `scoped(known)` gives a view for one source: same connection pool, host gates and
    robots cache, its own conditional-request validators (`known` in, `seen` out).
    """

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": self.settings.user_agent},
            follow_redirects=True,
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Protego | None] = {}
        self.known: dict[str, Validators] = {}
        self.seen: dict[str, Validators] = {}

    def scoped(self, known: dict[str, Validators] | None = None) -> PoliteClient:
        view = object.__new__(PoliteClient)
        view.settings, view._client = self.settings, self._client
        view._gates, view._robots = self._gates, self._robots
        view.known, view.seen = dict(known or {}), {}
        return view

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _gate(self, url: str) -> _HostGate:
        host = urlsplit(url).netloc.lower()
        if host not in self._gates:
            self._gates[host] = _HostGate(self.settings.per_host, self.settings.delay)
        return self._gates[host]

    async def get(
        self,
        url: str,
        *,
        params: dict[str, Any] | None = None,
        robots: bool = False,
        conditional: bool = False,
    ) -> Page:
        """GET with retries; a 4xx/5xx that remains after retries raises FetchError.

        `robots=True` for pages that are not a documented API: robots.txt is obeyed
        (RobotsDisallowed). `conditional=True` sends the validators stored from the last
        fetch of this URL; a 304 raises NotModified (nothing changed, no work to do).
        """
        return await self._request("GET", url, params, robots=robots, conditional=conditional)

    async def post_json(
        self,
        url: str,
        body: Any,
        *,
        params: dict[str, Any] | None = None,
        robots: bool = False,
    ) -> Page:
        """POST a JSON body (a search endpoint such as Workday's), with GET's retries and
        politeness. Never conditional: a search answer has no validators worth keeping."""
        return await self._request("POST", url, params, robots=robots, json_body=body)

    async def _request(
        self,
        method: str,
        url: str,
        params: dict[str, Any] | None,
        *,
        robots: bool = False,
        conditional: bool = False,
        json_body: Any = None,
    ) -> Page:
        if robots:
            await self._check_robots(url)
        key = str(httpx.URL(url).copy_merge_params(params or {}))  # keeps a query in `url`
        headers = self._conditional_headers(key) if conditional else {}
        attempt = 0
        while True:
            async with self._gate(url):
                response_or_error = await self._get_once(
                    url, params, headers, method=method, json_body=json_body
                )
            if isinstance(response_or_error, Page):
                page = response_or_error
                if page.status == 304 and headers:
                    self.seen[key] = self.known[key]
                    raise NotModified(f"{url}: not modified since the last fetch", url=url)
                if page.status < 400:
                    if method == "GET":  # a POST's body is part of what it asked
                        self._remember(key, page)
                    return page
                if page.status not in RETRY_STATUSES or attempt >= self.settings.retries:
                    raise _status_error(page)
                wait = self._retry_wait(attempt, page.headers.get("retry-after"))
            else:
                if attempt >= self.settings.retries:
                    raise response_or_error
                wait = self._retry_wait(attempt, None)
            attempt += 1
            await asyncio.sleep(wait)

    def _conditional_headers(self, key: str) -> dict[str, str]:
        known = self.known.get(key)
        headers: dict[str, str] = {}
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    def _remember(self, key: str, page: Page) -> None:
        etag, modified = page.headers.get("etag"), page.headers.get("last-modified")
        if etag or modified:
            self.seen[key] = Validators(etag=etag, last_modified=modified)

    async def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = await self._fetch_robots(origin)
        rules = self._robots[origin]
        if rules is None:
            return
        agent = self.settings.user_agent
        if not rules.can_fetch(url, agent):
            raise RobotsDisallowed(f"{url}: disallowed by {origin}/robots.txt", url=url)
        crawl_delay = rules.crawl_delay(agent)
        gate = self._gate(url)
        if crawl_delay and crawl_delay > gate.delay:
            gate.delay = float(crawl_delay)

    async def _fetch_robots(self, origin: str) -> Protego | None:
        """Rules for a host; None allows everything (RFC 9309: a 4xx means no rules).

        A 5xx means the rules are unknown for now: disallow all. An unreachable host
        raises its FetchError, as the page itself would.
        """
        robots_url = f"{origin}/robots.txt"
        async with self._gate(robots_url):
            result = await self._get_once(robots_url, None, {})
        if isinstance(result, FetchError):
            raise result
        if result.status >= 500:
            return Protego.parse("User-agent: *\nDisallow: /")
        if result.status >= 400:
            return None
        return Protego.parse(result.text)

    async def _get_once(
        self,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str],
        *,
        method: str = "GET",
        json_body: Any = None,
    ) -> Page | FetchError:
        try:
            async with self._client.stream(
                method, url, params=params, headers=headers, json=json_body
            ) as response:
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > self.settings.max_bytes:
                        raise FetchError(
                            f"{response.url}: response larger than "
                            f"{self.settings.max_bytes // (1024 * 1024)} MB",
                            url=str(response.url),
                        )
                encoding = response.charset_encoding or "utf-8"
                return Page(
                    url=str(response.url),
                    status=response.status_code,
                    text=body.decode(encoding, errors="replace"),
                    headers={k.lower(): v for k, v in response.headers.items()},
                )
        except httpx.TimeoutException as e:
            return FetchError(f"{url}: timed out ({type(e).__name__})", url=url)
        except httpx.TransportError as e:
            return FetchError(f"{url}: cannot connect ({_reason(e)})", url=url)

    def _retry_wait(self, attempt: int, retry_after: str | None) -> float:
        capped = _parse_retry_after(retry_after)
        if capped is not None:
            return min(capped, self.settings.max_retry_after)
        base = self.settings.backoff * (2**attempt)
        return float(min(base + random.uniform(0, base), self.settings.max_retry_after))


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return _snippet(text, 120)


def _status_error(page: Page) -> FetchError:
    message = f"{page.url}: HTTP {page.status}"
    detail = _snippet(page.text)
    if detail:
        message += f" ({detail})"
    if page.status == 404:
        return NotFoundError(message, url=page.url, status=404)
    return FetchError(message, url=page.url, status=page.status)


def _parse_retry_after(value: str | None) -> float | None:
    """Retry-After is either delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
