"""Shared helpers for the board tests: recorded fixtures, golden comparison, MockTransport fetches.

Each board keeps its recordings in `tests/fixtures/<board>/`: the board's own responses, a
`*.expected.json` list of what the pure parser must make of them, and recorded non-200
answers (`{status, headers, body}`, e.g. `rate_limited.json`) for `replay`.

Every board is also held to the same HTTP behaviours (a 429 is retried, a persistent 429
fails, `base_url` moves the host); the fake servers and checks for those live here too, so
each board's test states only what differs: its own handler, call count and URLs.

conftest registers this module for pytest's assert rewriting; its asserts still carry their
own messages, which say what the board was held to.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult, Source
from scraper.errors import FetchError
from scraper.http import HttpSettings, PoliteClient, Validators
from scraper.listing import Listing, Salary
from tests.conftest import FIXTURES

FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
"""No politeness delay or backoff, and Retry-After capped at 10 ms: retries cost no time."""

Handler = Callable[[httpx.Request], httpx.Response]
"""A fake server: one request in, one response out (wrapped in `httpx.MockTransport`)."""

RATE_LIMITED = "rate_limited.json"
"""Each board's recorded 429 (with its Retry-After), replayed by `rate_limited`."""

# Expected keys compared with `==` against the Listing attribute of the same name.
EQUAL_FIELDS = (
    "external_id",
    "title",
    "company",
    "location",
    "url",
    "salary_text",
    "employment_type",
)
# Every key `assert_matches_expected` understands; any other key in a fixture is an error,
# so that no expectation is silently left unchecked.
EXPECTED_KEYS = frozenset(
    {
        *EQUAL_FIELDS,
        "remote",
        "posted_at",
        "salary",
        "tags",
        "description_startswith",
        "description_contains",
        "description_excludes",
        "description_html",
    }
)


def recorded(board: str, name: str) -> bytes:
    """The bytes of `tests/fixtures/<board>/<name>`."""
    return (FIXTURES / board / name).read_bytes()


def replay(board: str, name: str) -> httpx.Response:
    """A recorded non-200 response of `board`: a `{status, headers, body}` JSON file."""
    record = json.loads(recorded(board, name))
    return httpx.Response(record["status"], headers=record["headers"], text=record["body"])


def assert_matches_expected(
    listings: Sequence[Listing], expected: Sequence[Mapping[str, Any]], *, html: bool = True
) -> None:
    """Assert `listings` are, one for one and in order, the `expected` items.

    Every key an expected item carries is checked, and only those, so a board whose
    expectations leave out a field (Greenhouse has no `tags`, Hacker News no `salary`) is
    not held to it:

    - `external_id`, `title`, `company`, `location`, `url`, `salary_text`,
      `employment_type`: equal;
    - `remote`: the same object (`True`, `False` or `None`, never merely truthy);
    - `posted_at`: an ISO 8601 string (or null) equal to the listing's datetime;
    - `salary`: an object of `Salary` fields (or null) equal to the listing's `Salary`;
    - `tags`: a list equal to the listing's tag tuple;
    - `description_startswith`: the clean-text description starts with it;
    - `description_contains` / `description_excludes`: phrases the description must / must
      not contain;
    - `description_html`: a flag, whether the kept HTML starts with "<".

    With `html` (the default), an item without a `description_html` flag must keep HTML
    that starts with "<"; boards whose listings may lack HTML pass `html=False` and make
    their own check.
    """
    assert len(listings) == len(expected), f"{len(listings)} listings, expected {len(expected)}"
    for index, (got, want) in enumerate(zip(listings, expected, strict=True)):
        where = f"listing {index} ({got.external_id!r})"
        unknown = set(want) - EXPECTED_KEYS
        assert not unknown, f"expected item {index} has keys nothing checks: {sorted(unknown)}"
        for key in EQUAL_FIELDS:
            if key in want:
                value = getattr(got, key)
                assert value == want[key], f"{where}: {key} {value!r} != {want[key]!r}"
        if "remote" in want:
            assert got.remote is want["remote"], (
                f"{where}: remote {got.remote!r} is not {want['remote']!r}"
            )
        if "posted_at" in want:
            posted = (
                None if want["posted_at"] is None else datetime.fromisoformat(want["posted_at"])
            )
            assert got.posted_at == posted, f"{where}: posted_at {got.posted_at!r} != {posted!r}"
        if "salary" in want:
            salary = Salary(**want["salary"]) if want["salary"] else None
            assert got.salary == salary, f"{where}: salary {got.salary!r} != {salary!r}"
        if "tags" in want:
            tags = tuple(want["tags"])
            assert got.tags == tags, f"{where}: tags {got.tags!r} != {tags!r}"
        description = got.description
        if "description_startswith" in want:
            start = want["description_startswith"]
            assert description.startswith(start), f"{where}: description does not start {start!r}"
        for phrase in want.get("description_contains", ()):
            assert phrase in description, f"{where}: description lacks {phrase!r}"
        for fragment in want.get("description_excludes", ()):
            assert fragment not in description, f"{where}: description contains {fragment!r}"
        is_html = got.description_html.lstrip().startswith("<")
        if "description_html" in want:
            assert is_html is want["description_html"], f"{where}: description_html {is_html}"
        elif html:
            assert is_html, f"{where}: description_html does not start with '<'"


def run_fetch(
    source: Source,
    transport: httpx.AsyncBaseTransport | Handler | None,
    *,
    known: dict[str, Validators] | None = None,
) -> FetchResult:
    """Run `source.fetch` once through a `PoliteClient(FAST)` on `transport`.

    `transport` is a transport (e.g. `httpx.MockTransport`) or a bare `Handler`, which is
    wrapped in a `MockTransport`. With `known` (URL -> validators), the source gets the
    client's `scoped(known)` view, so its requests are conditional.
    """
    if transport is not None and not isinstance(transport, httpx.AsyncBaseTransport):
        transport = httpx.MockTransport(transport)

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=transport) as http:
            return await source.fetch(http.scoped(known) if known else http)

    return asyncio.run(go())


def rate_limited(board: str) -> Handler:
    """A server that answers every request, retries included, with `board`'s recorded 429
    (each request gets its own `replay`, as the inline lambdas it replaces did)."""

    def handler(request: httpx.Request) -> httpx.Response:
        return replay(board, RATE_LIMITED)

    return handler


class Recording:
    """A `Handler` that passes each request on to `handler` and keeps it.

    For tests that assert how many calls a fetch made (`calls`) or where they went
    (`urls`, or `requests` for any other part of them), without a closure and a `nonlocal`
    counter in every test.
    """

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    @property
    def calls(self) -> int:
        """How many requests were answered, rate-limited ones and retries included."""
        return len(self.requests)

    @property
    def urls(self) -> list[str]:
        """The full URL (query included) of each request, in order."""
        return [str(request.url) for request in self.requests]


class RateLimitedOnce(Recording):
    """A `Recording` whose first request (the first one `when` accepts, if given) gets
    `limit`'s answer, and every other request `then`'s.

    The fake server for "a 429 with Retry-After is retried, then the fetch succeeds": the
    test asserts `calls` (the 429, its retry and any further requests) and, with `when`,
    `limited`, so a 429 that was never sent cannot pass for a retried one.
    """

    def __init__(
        self,
        limit: Handler,
        then: Handler,
        *,
        when: Callable[[httpx.Request], bool] | None = None,
    ) -> None:
        super().__init__(self._answer)
        self.limit = limit
        self.then = then
        self.when = when
        self.limited = False

    def _answer(self, request: httpx.Request) -> httpx.Response:
        if not self.limited and (self.when is None or self.when(request)):
            self.limited = True
            return self.limit(request)
        return self.then(request)


def rate_limited_once(
    board: str, then: Handler, *, when: Callable[[httpx.Request], bool] | None = None
) -> RateLimitedOnce:
    """`RateLimitedOnce` answering with `board`'s recorded 429, then delegating to `then`."""
    return RateLimitedOnce(rate_limited(board), then, when=when)


def assert_fails_with_429(fetch: Callable[[Handler], object], server: Handler) -> FetchError:
    """Assert that `fetch(server)` raises a `FetchError` saying "HTTP 429", with status 429.

    For "a persistent 429 fails after the configured retries": the retries run out (FAST
    makes them instant) and the 429 must surface as an error, not as an empty fetch. The
    error is returned for any further check.
    """
    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(server)
    error = raised.value
    assert error.status == 429, f"FetchError status {error.status!r}, expected 429"
    return error
