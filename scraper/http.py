"""The one polite HTTP layer every source fetches through.

Per-host politeness (concurrency, spaced request starts, a host-wide pause on
`Retry-After`, a host skipped after a run of failures), retries with exponential backoff
and jitter, a response size cap, an identifying User-Agent, conditional requests
(ETag / Last-Modified), robots.txt for pages that are not documented APIs, and httpx
errors converted to our own at the boundary. `HttpSettings` states the exact rules.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
from protego import Protego

from scraper.errors import FetchError, NotFoundError, NotModified, ParseError, RobotsDisallowed

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})

# One API host serving many companies' boards: a night asks each of them for hundreds.
SHARED_HOSTS = (
    "boards-api.greenhouse.io",
    "api.lever.co",
    "api.eu.lever.co",
    "api.ashbyhq.com",
    "api.smartrecruiters.com",
    "apply.workable.com",
    "api.rippling.com",
)

# The gates bound what is in flight per host; this only caps sockets in all (a night over
# hundreds of tenant hosts stays well inside a default 1024 open-file limit). Idle ones
# kept: the shared hosts' and some tenants' (httpcore's bookkeeping grows with the square).
MAX_CONNECTIONS = 256
MAX_KEEPALIVE = 64
MAX_REDIRECTS = 20  # as many as httpx follows itself
# After these a POST is sent again, as a POST, to the new address (303 means GET).
_KEEP_METHOD = frozenset({301, 302, 307, 308})


@dataclass(frozen=True, slots=True)
class HttpSettings:
    """How politely we fetch. The rules, per host (a URL's host[:port]):

    - At most `c` requests in flight, where `c` is `shared_host_concurrency` for a host in
      `shared_hosts` (one API serving many companies' boards) and `per_host` for any other.
    - Request *starts* are spaced: each gap is drawn from 0.5x-1.5x of `delay / c` (a
      robots.txt Crawl-delay raises it) and counted from when the previous start was due,
      or from when it happened less a quarter of a mean gap if that is later: a busy event
      loop neither slows the rate nor bunches starts. Starts are never closer than the
      shortest gap, `delay / c / 2`, and a host sees at most `c` requests in flight and on average
      at most `c / delay` starts a second: a shared host is treated as `c` tenants, each
      asked once per `delay`. `n` requests to one host take at least about
      `n * delay / c` seconds, and a night at least the largest of that over its hosts.
    - A `Retry-After` (capped at `max_retry_after`) on a 408/429/5xx pauses every request
      to that host until then, not just the one that got it.
    - A connection that could not be made (DNS failure, refused, connect timeout) reached
      no server: it gives its start back, so requests behind it don't wait, and it is
      retried at most `connect_retries` times (and never more than `retries`).
    - After `skip_host_after` failures in a row on one host the host is skipped for the
      rest of the night (the client's life): its requests fail at once, queued ones too. A
      failure is an attempt that could not connect, timed out, broke or was answered
      408/5xx, or a request still answered 429 after its retries. Any other answer (2xx,
      304, 404 ...) resets the count. So a host in trouble gets at most `skip_host_after`
      failing requests a night (and those already in flight), however many boards it has.
    """

    user_agent: str = "jobmatch/0.1 (+https://github.com/jobmatch/jobmatch)"
    timeout: float = 20.0
    connect_timeout: float = 10.0  # capped by `timeout`; includes the DNS lookup
    per_host: int = 1  # requests in flight to a host not in `shared_hosts`
    shared_hosts: tuple[str, ...] = SHARED_HOSTS  # host or host:port, lower case
    shared_host_concurrency: int = 4  # requests in flight to a shared host
    delay: float = 1.0  # a host allowing c in flight gets a start every delay / c s on average
    retries: int = 2
    connect_retries: int = 1
    backoff: float = 1.0  # first backoff; doubles each retry, with jitter
    max_retry_after: float = 60.0
    skip_host_after: int = 5  # failures in a row (see above) before a skip; 0: never
    max_bytes: int = 20 * 1024 * 1024

    def concurrency(self, url: str) -> int:
        """Requests allowed in flight to the host of `url`."""
        parts = urlsplit(url)
        shared = {h.lower() for h in self.shared_hosts}
        is_shared = parts.netloc.lower() in shared or (parts.hostname or "") in shared
        return self.shared_host_concurrency if is_shared else self.per_host


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
            raise ParseError(f"{self.url}: expected JSON, got {describe_page(self.text)}") from e


def json_where_asked(page: Page, url: str, *, missing: str, same_host: bool = True) -> Any:
    """The JSON of `page`, which must have landed where `url` asked: tenant boards answer an
    unknown company with a redirect (to their marketing site) and the client follows it.
    `same_host=False` lets a redirect keep only the path (a renamed tenant's new host)."""
    asked, landed = urlsplit(url), urlsplit(page.url)
    if landed.path != asked.path or (same_host and landed.netloc != asked.netloc):
        raise NotFoundError(
            f"{url}: redirected to {page.url}: {missing} (check board)",
            url=url,
            status=page.status,
        )
    return page.json()


# What a page in place of JSON or a feed usually is: a bot-protection challenge (which we
# never try to pass), a login wall, or some other HTML page.
_CHALLENGE = re.compile(
    r"just a moment\.\.\.|cf-chl|challenge-platform|attention required! \| cloudflare|"
    r"captcha|px-captcha|_incapsula_|access denied|request unsuccessful\. incapsula",
    re.IGNORECASE,
)
_LOGIN = re.compile(r"<form[^>]*(?:login|signin|sign-in)|type=[\"']password[\"']", re.IGNORECASE)
_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)


def blocked_page(text: str) -> str | None:
    """What the page is if it stands between us and the data (a bot-protection challenge,
    a login wall), else None."""
    head = text[:20_000]
    if _CHALLENGE.search(head):
        return "a bot-protection challenge page (not something we bypass)"
    if _HTML.match(head) and _LOGIN.search(head):
        return "a login page"
    return None


def describe_page(text: str) -> str:
    """A few words for what came back in place of the data the board documents."""
    head = text[:20_000]
    blocked = blocked_page(head)
    if blocked:
        return blocked
    if _HTML.match(head):
        return f"an HTML page ({_snippet(re.sub(r'<[^>]+>', ' ', head))!r})"
    return repr(_snippet(text))


@dataclass(frozen=True, slots=True)
class _Failed:
    """An attempt that got no response; `reached` is False if no connection was made."""

    error: FetchError
    reached: bool


def _snippet(text: str, size: int = 60) -> str:
    return " ".join(text.split())[:size]


@dataclass(frozen=True, slots=True)
class _Start:
    """A claimed request start: the host's next start time before and after the claim."""

    before: float
    after: float


class _HostGate:
    """One host's politeness: the rules in `HttpSettings`, for one host."""

    def __init__(self, host: str, concurrency: int, delay: float, skip_after: int) -> None:
        self.host = host
        self._sem = asyncio.Semaphore(concurrency)
        self.gap = delay / concurrency  # mean seconds between starts; robots may raise it
        self._skip_after = skip_after
        self._next_at = 0.0  # earliest next start (monotonic clock)
        self._paused_until = 0.0
        self._wake = asyncio.Event()  # set when waiters should look again sooner
        self.failures = 0  # failed requests in a row
        self._last_failure = ""
        self.skipped = False  # for the rest of the night, once set

    async def start(self, url: str) -> _Start:
        """Wait for a place in flight and the host's next start time, then claim it."""
        self._raise_if_skipped(url)
        await self._sem.acquire()
        try:
            while True:
                self._raise_if_skipped(url)
                now = time.monotonic()
                ready = max(self._next_at, self._paused_until)
                if ready <= now:
                    break
                wake = self._wake
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(ready - now):
                        await wake.wait()
        except BaseException:
            self._sem.release()
            raise
        # The next gap runs from when this start was due, not from when a busy event loop
        # got to it (so the rate holds), but catches up a quarter of a gap at most, and
        # never brings two starts closer than the shortest randomised gap (half the mean).
        base = max(ready, now - self.gap / 4)
        after = max(base + self.gap * random.uniform(0.5, 1.5), now + self.gap / 2)
        claim = _Start(before=self._next_at, after=after)
        self._next_at = claim.after
        return claim

    def finish(self, claim: _Start, *, reached: bool) -> None:
        # Nothing reached the server: the start is given back unless a later one was claimed.
        if not reached and self._next_at == claim.after:
            self._next_at = claim.before
            self._notify()
        self._sem.release()

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def succeeded(self) -> None:
        self.failures = 0

    def failed(self, error: FetchError) -> None:
        self.failures += 1
        self._last_failure = str(error).removeprefix(f"{error.url}: ")
        if not self.skipped and 0 < self._skip_after <= self.failures:
            self.skipped = True
            self._notify()  # waiters fail now instead of at their start time

    def _notify(self) -> None:
        self._wake.set()
        self._wake = asyncio.Event()

    def _raise_if_skipped(self, url: str) -> None:
        if self.skipped:
            raise FetchError(
                f"{url}: host {self.host} skipped after {self._skip_after} consecutive failures"
                f" (last: {self._last_failure})",
                url=url,
            )


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
            # No pool timeout: the host gates already bound what waits for a connection.
            timeout=httpx.Timeout(
                self.settings.timeout,
                connect=min(self.settings.connect_timeout, self.settings.timeout),
                pool=None,
            ),
            limits=httpx.Limits(
                max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE
            ),
            headers={"User-Agent": self.settings.user_agent},
            follow_redirects=True,
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Protego | int | None] = {}  # int: robots.txt's 5xx status
        self.known: dict[str, Validators] = {}
        self.seen: dict[str, Validators] = {}
        # Permanent redirects followed (301/308): the board has moved; `boards verify` says so.
        self.redirects: dict[str, str] = {}

    def scoped(self, known: dict[str, Validators] | None = None) -> PoliteClient:
        view = object.__new__(PoliteClient)
        view.settings, view._client = self.settings, self._client
        view._gates, view._robots = self._gates, self._robots
        view.known, view.seen, view.redirects = dict(known or {}), {}, {}
        return view

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _gate(self, url: str) -> _HostGate:
        host = urlsplit(url).netloc.lower()
        if host not in self._gates:
            settings = self.settings
            self._gates[host] = _HostGate(
                host, settings.concurrency(url), settings.delay, settings.skip_host_after
            )
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
        try:  # keeps a query in `url`
            key = str(httpx.URL(url).copy_merge_params(params or {}))
        except httpx.InvalidURL as e:  # e.g. an id from a board's JSON made it absurd
            raise FetchError(
                f"{url[:200]}: not a URL we can request ({e})", url=url[:200]
            ) from None
        if robots:
            await self._check_robots(url)
        headers = self._conditional_headers(key) if conditional else {}
        gate = self._gate(url)
        attempt = 0
        while True:
            result = await self._attempt(gate, url, params, headers, method, json_body)
            retry_after: float | None = None
            if isinstance(result, Page):
                page = result
                if page.status not in RETRY_STATUSES:
                    gate.succeeded()  # the host answered; a 404 is the board's problem
                if page.status == 304 and headers:
                    self.seen[key] = self.known[key]
                    raise NotModified(f"{url}: not modified since the last fetch", url=url)
                if page.status < 400:
                    if method == "GET":  # a POST's body is part of what it asked
                        self._remember(key, page)
                    return page
                error = _status_error(page)
                if page.status not in RETRY_STATUSES:
                    raise error
                retry_after = _parse_retry_after(page.headers.get("retry-after"))
                if retry_after is not None:
                    gate.pause(min(retry_after, self.settings.max_retry_after))
                retries = self.settings.retries
                each = page.status != 429  # throttling: the pause answers it, not a skip
            else:
                error = result.error
                retries = self.settings.retries
                each = True
                if not result.reached:
                    retries = min(retries, self.settings.connect_retries)
            if each:
                # Each attempt counts: waiting for every request's retries would let a queue
                # of boards each ask a host in trouble (or unreachable) first.
                gate.failed(error)
            if attempt >= retries:
                if not each:
                    gate.failed(error)
                raise error
            wait = self._retry_wait(attempt, retry_after)
            attempt += 1
            await asyncio.sleep(wait)

    async def _attempt(
        self,
        gate: _HostGate,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str],
        method: str = "GET",
        json_body: Any = None,
    ) -> Page | _Failed:
        """One request through the host's gate (FetchError at once if the host is skipped)."""
        claim = await gate.start(url)
        reached = True
        try:
            result = await self._send(url, params, headers, method=method, json_body=json_body)
            reached = not isinstance(result, _Failed) or result.reached
            return result
        finally:
            gate.finish(claim, reached=reached)

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
        if isinstance(rules, int):  # said apart from a Disallow: the user would look for one
            raise RobotsDisallowed(
                f"{url}: robots.txt answered HTTP {rules}: nothing fetched until it answers",
                url=url,
            )
        agent = self.settings.user_agent
        if not rules.can_fetch(url, agent):
            raise RobotsDisallowed(f"{url}: disallowed by {origin}/robots.txt", url=url)
        crawl_delay = rules.crawl_delay(agent)
        gate = self._gate(url)
        if crawl_delay and crawl_delay > gate.gap:
            gate.gap = float(crawl_delay)  # seconds between any two requests to the host

    async def _fetch_robots(self, origin: str) -> Protego | int | None:
        """Rules for a host; None allows everything (RFC 9309: a 4xx means no rules).

        A 5xx means the rules are unknown for now: disallow all (its status). An unreachable host
        raises its FetchError, as the page itself would.
        """
        robots_url = f"{origin}/robots.txt"
        gate = self._gate(robots_url)
        result = await self._attempt(gate, robots_url, None, {})
        if isinstance(result, _Failed):
            gate.failed(result.error)
            raise result.error
        if result.status >= 500:
            gate.failed(_status_error(result))
            return result.status
        gate.succeeded()
        if result.status >= 400:
            return None
        return Protego.parse(result.text)

    async def _read_body(self, response: httpx.Response) -> bytes:
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > self.settings.max_bytes:
                raise FetchError(
                    f"{response.url}: response larger than "
                    f"{self.settings.max_bytes // (1024 * 1024)} MB",
                    url=str(response.url),
                )
        return bytes(body)

    async def _send(
        self,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str],
        *,
        method: str = "GET",
        json_body: Any = None,
    ) -> Page | _Failed:
        try:
            # httpx's timeouts are per socket operation: a server sending a byte now and
            # then would hold the night for ever. `timeout` bounds the whole exchange.
            async with asyncio.timeout(self.settings.timeout):
                history: list[tuple[int, str]] = []
                while True:
                    async with self._client.stream(
                        method,
                        url,
                        params=params,
                        headers=headers,
                        json=json_body,
                        # httpx turns a POST into a GET on 301/302, as browsers do; a search
                        # API's POST re-sent as a GET only finds a 404 at the new address.
                        follow_redirects=method == "GET",
                    ) as response:
                        location = response.headers.get("location")
                        if method != "GET" and location and response.status_code in _KEEP_METHOD:
                            if len(history) >= MAX_REDIRECTS:
                                raise httpx.TooManyRedirects("", request=response.request)
                            history.append((response.status_code, str(response.url)))
                            url, params = str(response.url.join(location)), None
                            continue
                        history += [(hop.status_code, str(hop.url)) for hop in response.history]
                        body = await self._read_body(response)
                        for status, hop_url in history:
                            if status in (301, 308):
                                self.redirects.setdefault(hop_url, str(response.url))
                        return Page(
                            url=str(response.url),
                            status=response.status_code,
                            text=_decode(body, response.charset_encoding),
                            headers={k.lower(): v for k, v in response.headers.items()},
                        )
        except httpx.InvalidURL as e:  # e.g. an id from a board's JSON made it absurd
            raise FetchError(
                f"{url[:200]}: not a URL we can request ({e})", url=url[:200]
            ) from None
        except httpx.TooManyRedirects:  # a loop: asking again would only loop again
            raise FetchError(f"{url}: redirect loop (more than 20 redirects)", url=url) from None
        except TimeoutError:
            return _failed(
                url, f"timed out (no whole answer within {self.settings.timeout:g} s)", reached=True
            )
        except httpx.ConnectTimeout as e:
            return _failed(url, f"timed out connecting ({_reason(e)})", reached=False)
        except httpx.TimeoutException as e:
            return _failed(url, f"timed out ({type(e).__name__})", reached=True)
        except httpx.ConnectError as e:
            return _failed(url, f"cannot connect ({_reason(e)})", reached=False)
        except httpx.TransportError as e:  # the connection broke after the request went out
            cut = _CUT_SHORT.search(str(e))
            why = f"body cut short ({cut[1]} of {cut[2]} bytes)" if cut else _reason(e)
            return _failed(url, f"connection broken: {why}", reached=True)
        except httpx.DecodingError as e:  # e.g. corrupt gzip: perhaps cut short, so retried
            return _failed(url, f"undecodable response body ({_reason(e)})", reached=True)

    def _retry_wait(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.settings.max_retry_after)
        base = self.settings.backoff * (2**attempt)
        return float(min(base + random.uniform(0, base), self.settings.max_retry_after))


_CUT_SHORT = re.compile(r"complete message body \(received (\d+) bytes, expected (\d+)\)")

# Where a header names no charset: what the document says of itself (an XML declaration,
# an HTML meta tag) is read if it is not UTF-8.
_DECLARED = re.compile(
    rb"""<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']|<meta[^>]*charset\s*=\s*["']?([\w.:-]+)""",
    re.IGNORECASE,
)


def _decode(body: bytes, charset: str | None) -> str:
    """The body as text: in the header's charset, else UTF-8, else the document's declared
    encoding, else windows-1252 (what browsers assume); an unknown charset name is ignored."""
    for encoding in (charset, "utf-8"):
        if encoding:
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                return body.decode(encoding, errors="replace" if encoding == charset else "strict")
    declared = _DECLARED.search(body[:2048])
    name = (declared[1] or declared[2]).decode("ascii") if declared else ""
    with contextlib.suppress(LookupError):
        return body.decode(name or "windows-1252", errors="replace")
    return body.decode("windows-1252", errors="replace")


def _failed(url: str, reason: str, *, reached: bool) -> _Failed:
    return _Failed(FetchError(f"{url}: {reason}", url=url), reached=reached)


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
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


async def through_throttling(
    call: Callable[[], Awaitable[Page]],
    *,
    retries: int,
    backoff: float,
    explain: str,
    final: Callable[[FetchError], bool] = lambda error: False,
) -> Page:
    """Some WAFs (Workday's, Oracle's CDN) answer a burst with 403 where others say 429:
    wait `backoff` seconds (doubling) and ask again, `retries` times; a 403 that persists
    fails as "{error}; still refused after N tries: {explain}". `final` marks a 403 that
    means what it says (not retried)."""
    attempt = 0
    while True:
        try:
            return await call()
        except FetchError as e:
            if e.status != 403 or final(e):
                raise
            if attempt >= retries:
                raise FetchError(
                    f"{e}; still refused after {attempt + 1} tries: {explain}",
                    url=e.url,
                    status=403,
                ) from e
        await asyncio.sleep(backoff * 2**attempt)
        attempt += 1
