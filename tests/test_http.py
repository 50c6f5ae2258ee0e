"""The polite HTTP layer: retries, errors converted at the boundary, size cap, host gating."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from scraper.errors import FetchError, NotModified, ParseError, RobotsDisallowed
from scraper.http import HttpSettings, Page, PoliteClient, Validators, _parse_retry_after


def get(
    settings: HttpSettings, handler: httpx.MockTransport, url: str = "https://b.example/x"
) -> Page:
    async def go() -> Page:
        async with PoliteClient(settings, transport=handler) as http:
            return await http.get(url)

    return asyncio.run(go())


FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)


def test_connect_error_becomes_fetch_error_after_its_one_retry() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    with pytest.raises(
        FetchError, match=r"https://b.example/x: cannot connect \(.*name resolution"
    ):
        get(FAST, httpx.MockTransport(handler))
    assert calls == 2  # connect_retries: nothing reached a server, so retry once, not twice


def test_server_error_then_success_is_retried() -> None:
    statuses = iter([503, 502, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(statuses), text="ok")

    assert get(FAST, httpx.MockTransport(handler)).text == "ok"


def test_client_error_is_not_retried() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(403, text="Forbidden")

    with pytest.raises(FetchError, match="HTTP 403 .Forbidden."):
        get(FAST, httpx.MockTransport(handler))
    assert calls == 1


def test_response_over_the_size_cap_is_refused() -> None:
    settings = HttpSettings(delay=0.0, backoff=0.0, retries=0, max_bytes=1000)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 5000)

    with pytest.raises(FetchError, match="larger than"):
        get(settings, httpx.MockTransport(handler))


def test_requests_to_one_host_are_spaced_by_the_delay() -> None:
    settings = HttpSettings(delay=0.2, backoff=0.0)
    stamps: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        stamps.append(time.monotonic())
        return httpx.Response(200, text="ok")

    async def go() -> None:
        async with PoliteClient(settings, transport=httpx.MockTransport(handler)) as http:
            await asyncio.gather(*(http.get(f"https://b.example/{i}") for i in range(3)))

    asyncio.run(go())
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(gaps) == 2 and all(gap >= 0.2 * 0.5 - 0.01 for gap in gaps)  # less loop lag


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert _parse_retry_after("120") == 120.0
    assert _parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert _parse_retry_after("soon") is None
    assert _parse_retry_after(None) is None


def test_conditional_request_sends_stored_validators_and_a_304_is_not_modified() -> None:
    seen_headers: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen_headers.append(dict(request.headers))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, text="{}", headers={"ETag": '"v1"', "Last-Modified": "x"})

    url = "https://b.example/jobs"

    async def go() -> tuple[Validators, Validators]:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            first = http.scoped({})
            await first.get(url, params={"a": "1"}, conditional=True)
            stored = first.seen[f"{url}?a=1"]
            second = http.scoped({f"{url}?a=1": stored})
            with pytest.raises(NotModified):
                await second.get(url, params={"a": "1"}, conditional=True)
            return stored, second.seen[f"{url}?a=1"]

    stored, kept = asyncio.run(go())
    assert stored == Validators(etag='"v1"', last_modified="x") == kept
    assert "if-none-match" not in seen_headers[0]
    assert seen_headers[1]["if-none-match"] == '"v1"'
    assert seen_headers[1]["if-modified-since"] == "x"


def robots_site(robots: httpx.Response) -> tuple[httpx.MockTransport, list[str]]:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        if request.url.path == "/robots.txt":
            return robots
        return httpx.Response(200, text="page")

    return httpx.MockTransport(handler), paths


def fetch_all(transport: httpx.MockTransport, *urls: str) -> list[str]:
    async def go() -> list[str]:
        results = []
        async with PoliteClient(FAST, transport=transport) as http:
            for url in urls:
                try:
                    results.append((await http.get(url, robots=True)).text)
                except RobotsDisallowed as e:
                    results.append(f"disallowed: {e}")
        return results

    return asyncio.run(go())


def test_robots_txt_is_fetched_once_per_host_and_obeyed() -> None:
    rules = "User-agent: *\nDisallow: /private/\n"
    transport, paths = robots_site(httpx.Response(200, text=rules))
    results = fetch_all(transport, "https://c.example/jobs", "https://c.example/private/x")
    assert results[0] == "page"
    assert (
        results[1]
        == "disallowed: https://c.example/private/x: disallowed by https://c.example/robots.txt"
    )
    assert paths == ["/robots.txt", "/jobs"]


def test_missing_robots_txt_allows_and_a_failing_one_disallows() -> None:
    transport, _ = robots_site(httpx.Response(404))
    assert fetch_all(transport, "https://d.example/jobs") == ["page"]
    transport, paths = robots_site(httpx.Response(503))
    assert fetch_all(transport, "https://e.example/jobs")[0].startswith("disallowed")
    assert "/jobs" not in paths


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (
            "<!DOCTYPE html><html><head><title>Just a moment...</title>",
            "a bot-protection challenge page (not something we bypass)",
        ),
        ('<html><body><form id="login-form"><input type="password"></form>', "a login page"),
        (
            "<html><body><h1>Service Unavailable</h1></body></html>",
            "an HTML page ('Service Unavailable')",
        ),
        ("not json at all", "'not json at all'"),
    ],
)
def test_a_page_in_place_of_json_says_what_it_is(body: str, said: str) -> None:
    page = Page(url="https://board.example/jobs", status=200, text=body)
    with pytest.raises(ParseError, match="expected JSON, got ") as raised:
        page.json()
    assert str(raised.value) == f"https://board.example/jobs: expected JSON, got {said}"


def test_a_url_too_long_to_request_is_a_fetch_error() -> None:
    async def go() -> None:
        async with PoliteClient(
            HttpSettings(delay=0), transport=httpx.MockTransport(lambda r: httpx.Response(200))
        ) as http:
            await http.get("https://board.example/jobs/" + "x" * 100_000)

    with pytest.raises(FetchError, match="not a URL we can request"):
        asyncio.run(go())


def test_a_post_redirected_by_301_is_posted_again_to_the_new_address() -> None:
    """A moved Workday tenant answers its POST search with a 301; a GET there finds nothing."""
    seen: list[tuple[str, str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.url.path, request.content))
        if request.url.path == "/old/jobs":
            return httpx.Response(301, headers={"Location": "/new/jobs"})
        if request.url.path == "/form":
            return httpx.Response(303, headers={"Location": "/done"})
        if request.method != "POST" and request.url.path != "/done":
            return httpx.Response(404)
        return httpx.Response(200, json={"total": 1})

    async def go() -> tuple[Page, dict[str, str], Page]:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            moved = await http.post_json("https://b.example/old/jobs", {"offset": 0})
            after_303 = await http.get("https://b.example/form")
            return moved, http.redirects, after_303

    moved, redirects, after_303 = asyncio.run(go())
    assert moved.json() == {"total": 1}
    assert seen[:2] == [
        ("POST", "/old/jobs", b'{"offset":0}'),
        ("POST", "/new/jobs", b'{"offset":0}'),
    ]
    assert redirects == {"https://b.example/old/jobs": "https://b.example/new/jobs"}
    assert after_303.status == 200 and seen[-1][:2] == ("GET", "/done")
