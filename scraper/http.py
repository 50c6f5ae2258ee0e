"""The one polite HTTP layer every source fetches through.

Per-host concurrency and a randomised delay between requests to one host, retries with
exponential backoff and jitter (honouring a capped `Retry-After`), a response size cap,
an identifying User-Agent, and httpx errors converted to our own at the boundary.
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

from scraper.errors import FetchError, NotFoundError, ParseError

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
        self._delay = delay
        self._next_at = 0.0

    async def __aenter__(self) -> None:
        await self._sem.acquire()
        wait = self._next_at - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    async def __aexit__(self, *exc: object) -> None:
        self._next_at = time.monotonic() + self._delay * random.uniform(0.5, 1.5)
        self._sem.release()


class PoliteClient:
    """Fetch pages politely. Use as `async with PoliteClient(settings) as http:`."""

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

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _gate(self, url: str) -> _HostGate:
        host = urlsplit(url).netloc.lower()
        if host not in self._gates:
            self._gates[host] = _HostGate(self.settings.per_host, self.settings.delay)
        return self._gates[host]

    async def get(self, url: str, *, params: dict[str, Any] | None = None) -> Page:
        """GET with retries; a 4xx/5xx that remains after retries raises FetchError."""
        attempt = 0
        while True:
            async with self._gate(url):
                response_or_error = await self._get_once(url, params)
            if isinstance(response_or_error, Page):
                page = response_or_error
                if page.status < 400:
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

    async def _get_once(self, url: str, params: dict[str, Any] | None) -> Page | FetchError:
        try:
            async with self._client.stream("GET", url, params=params) as response:
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
