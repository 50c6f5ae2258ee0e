"""When to ask again: the statuses retried, `Retry-After`, and a WAF's 403 bursts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from email.utils import parsedate_to_datetime

from scraper.errors import FetchError
from scraper.http.pages import Page

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})


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
