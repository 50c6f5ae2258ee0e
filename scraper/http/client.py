"""`PoliteClient`: requests through the host gates, with retries, the size cap,
conditional requests, robots.txt and redirects; the rules are in `HttpSettings`."""

from __future__ import annotations

import asyncio
import random
from typing import Any
from urllib.parse import urlsplit

import httpx
from protego import Protego

from scraper.errors import FetchError, NotModified, RobotsDisallowed
from scraper.http.decoding import _decode
from scraper.http.failures import _CUT_SHORT, _Failed, _failed, _reason, _status_error
from scraper.http.gate import _HostGate
from scraper.http.pages import Page, Validators
from scraper.http.retry import RETRY_STATUSES, _parse_retry_after
from scraper.http.settings import HttpSettings

# The gates bound what is in flight per host; this only caps sockets in all (a night over
# hundreds of tenant hosts stays well inside a default 1024 open-file limit). Idle ones
# kept: the shared hosts' and some tenants' (httpcore's bookkeeping grows with the square).
MAX_CONNECTIONS = 256
MAX_KEEPALIVE = 64
MAX_REDIRECTS = 20  # as many as httpx follows itself
# After these a POST is sent again, as a POST, to the new address (303 means GET).
_KEEP_METHOD = frozenset({301, 302, 307, 308})


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
