"""The one polite HTTP layer every source fetches through.

Per-host politeness (concurrency, spaced request starts, a host-wide pause on
`Retry-After`, a host skipped after a run of failures), retries with exponential backoff
and jitter, a response size cap, an identifying User-Agent, conditional requests
(ETag / Last-Modified), robots.txt for pages that are not documented APIs, and httpx
errors converted to our own at the boundary. `HttpSettings` states the exact rules.
"""

from scraper.http.client import MAX_CONNECTIONS, MAX_KEEPALIVE, MAX_REDIRECTS, PoliteClient
from scraper.http.pages import Page, Validators, blocked_page, describe_page, json_where_asked
from scraper.http.retry import RETRY_STATUSES, _parse_retry_after, through_throttling
from scraper.http.settings import SHARED_HOSTS, HttpSettings

__all__ = [
    "MAX_CONNECTIONS",
    "MAX_KEEPALIVE",
    "MAX_REDIRECTS",
    "RETRY_STATUSES",
    "SHARED_HOSTS",
    "HttpSettings",
    "Page",
    "PoliteClient",
    "Validators",
    "_parse_retry_after",  # tests/test_http.py checks it directly
    "blocked_page",
    "describe_page",
    "json_where_asked",
    "through_throttling",
]
