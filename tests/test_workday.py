"""Workday: what the board contract (tests/fixtures/workday/contract.json) cannot state — a
stored posting's detail is not read again, one search per keyword phrase with one detail
request per posting, relative "Posted N Days Ago" dates, the 403 throttle backoff, and the
ways a search stops short."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from jobmatch.boards.check import verify
from scraper.errors import FetchError, NotFoundError, RobotsDisallowed
from scraper.http import HttpSettings
from scraper.workday import (
    THROTTLE_RETRIES,
    WorkdayConfig,
    WorkdaySource,
    parse_detail,
    parse_jobs,
    posted_on,
)
from tests.golden import Recording, recorded, run_fetch

BOARD = "workday"
CXS = "/wday/cxs/acmeanalytics/External_Careers"
TPM = "/job/Bengaluru-Karnataka-India/Technical-Program-Manager---Payments-Platform_JR-10421"
ANALYST = "/job/Pune-Maharashtra-India/Program-Analyst--Finance-Operations_JR-10388"
SPM = "/job/Remote-India/Senior-Program-Manager--Scrum-Master---Data-Platform_JR-10455"
SM = "/job/Hyderabad-Telangana-India/Scrum-Master_JR-10460"
SEARCHES = {
    "program manager": "normal_program_manager.json",
    "scrum master": "normal_scrum_master.json",
    "": "empty.json",
}
DETAILS = {
    TPM: "normal_detail_tpm.json",
    SPM: "normal_detail_spm.json",
    SM: "normal_detail_sm.json",
}
NOW = datetime(2026, 12, 10, 15, 30, tzinfo=UTC)
GONE = {
    "errorCode": "S22",
    "errorCaseId": "ACME-1",
    "httpStatus": 403,
    "message": "permission denied",
}


def source(**config: Any) -> WorkdaySource:
    settings: dict[str, Any] = {
        "type": "workday",
        "name": "workday:acme",
        "tenant": "acmeanalytics",
        "instance": "wd3",
        "site": "External_Careers",
        "keywords": ["program manager", "scrum master"],
        **config,
    }
    made = WorkdaySource(WorkdayConfig(**settings))
    made.throttle_backoff = 0.0
    return made


def board(request: httpx.Request) -> httpx.Response:
    """The recorded-shape tenant: searches by `searchText`, details by `externalPath`."""
    if request.url.path == "/robots.txt":
        return httpx.Response(404)
    if request.method == "POST":
        assert request.url.path == CXS + "/jobs"
        body = json.loads(request.content)
        assert body == {
            "appliedFacets": {},
            "limit": 20,
            "offset": 0,
            "searchText": body["searchText"],
        }
        return httpx.Response(200, content=recorded(BOARD, SEARCHES[body["searchText"]]))
    return httpx.Response(200, content=recorded(BOARD, DETAILS[request.url.path.removeprefix(CXS)]))


def posts(server: Recording) -> list[str]:
    return [json.loads(r.content)["searchText"] for r in server.requests if r.method == "POST"]


def details(server: Recording) -> list[str]:
    return [
        r.url.path.removeprefix(CXS)
        for r in server.requests
        if r.method == "GET" and r.url.path != "/robots.txt"
    ]


def test_one_search_per_phrase_and_one_detail_per_wanted_posting() -> None:
    server = Recording(board)
    result = run_fetch(source(), server)
    assert posts(server) == ["program manager", "scrum master"]
    # SPM comes back from both searches and is read once; the analyst is not wanted.
    assert details(server) == [TPM, SPM, SM]
    assert [item.external_id for item in result.listings] == [TPM, SPM, SM]
    assert result.complete and result.closes and result.still_listed == ()


def test_a_stored_posting_is_not_read_again_but_kept_open() -> None:
    server = Recording(board)
    wd = source()
    wd.known_ids = frozenset({TPM, ANALYST})
    result = run_fetch(wd, server)
    assert details(server) == [SPM, SM]
    assert [item.external_id for item in result.listings] == [SPM, SM]
    # The analyst is stored but no longer wanted: not kept open by this source.
    assert result.still_listed == (TPM,)
    assert result.closes


def test_no_keywords_is_one_search_for_everything() -> None:
    server = Recording(board)
    result = run_fetch(source(keywords=[]), server)
    assert posts(server) == [""]
    assert result.listings == [] and result.complete


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Posted Today", datetime(2026, 12, 10, tzinfo=UTC)),
        ("Posted Yesterday", datetime(2026, 12, 9, tzinfo=UTC)),
        ("Posted 5 Days Ago", datetime(2026, 12, 5, tzinfo=UTC)),
        ("Posted 1 Day Ago", datetime(2026, 12, 9, tzinfo=UTC)),
        ("Posted 30+ Days Ago", datetime(2026, 11, 10, tzinfo=UTC)),
        ("2026-11-02", datetime(2026, 11, 2, tzinfo=UTC)),
        ("", None),
        ("Recently", None),
        (None, None),
    ],
)
def test_posted_on_is_a_day_before_now(label: str | None, expected: datetime | None) -> None:
    assert posted_on(label, NOW) == expected


def test_a_detail_without_start_date_is_dated_from_the_list() -> None:
    item = {"title": "Delivery Manager", "externalPath": "/job/Pune/DM_JR-1"}
    page = parse_jobs(
        {"total": 1, "jobPostings": [{**item, "postedOn": "Posted 5 Days Ago"}]},
        source="wd",
        company="acme",
        job_base="https://acme.wd1.myworkdayjobs.com/Careers",
        now=NOW,
    )
    [summary] = page.parsed.listings
    detail = parse_detail(
        {"jobPostingInfo": {"jobDescription": "<p>Lead.</p>"}}, summary, source="wd"
    )
    assert detail.posted_at == datetime(2026, 12, 5, tzinfo=UTC)
    assert detail.url == "https://acme.wd1.myworkdayjobs.com/Careers/job/Pune/DM_JR-1"
    assert detail.company == "acme" and detail.description == "Lead."


def test_a_rollup_location_is_replaced_by_the_detail_locations() -> None:
    page = parse_jobs(
        json.loads(recorded(BOARD, "normal_scrum_master.json")),
        source="wd",
        company="acme",
        job_base="https://x/External_Careers",
        now=NOW,
    )
    assert page.total == 2 and page.size == 2
    assert page.parsed.listings[0].location == ""  # "2 Locations" names none
    got = parse_detail(
        json.loads(recorded(BOARD, "normal_detail_spm.json")),
        page.parsed.listings[0],
        source="wd",
        company="Acme Analytics",
    )
    assert got.location == "Remote - India; Bengaluru, Karnataka, India"
    assert got.company == "Acme Analytics"  # the config's name beats the legal entity


def test_a_403_is_waited_out_then_the_fetch_goes_on() -> None:
    throttled: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path != "/robots.txt" and len(throttled) < THROTTLE_RETRIES:
            throttled.append(request.url.path)
            return httpx.Response(403, text="<html>Access denied</html>")
        return board(request)

    server = Recording(handler)
    result = run_fetch(source(), server)
    assert throttled == [CXS + "/jobs"] * THROTTLE_RETRIES
    assert posts(server) == ["program manager"] * (THROTTLE_RETRIES + 1) + ["scrum master"]
    assert len(result.listings) == 3


def test_a_403_that_persists_fails_the_board_as_throttling() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls.append(request.url.path)
        return httpx.Response(403, text="Forbidden")

    with pytest.raises(FetchError, match=r"throttling us \(HTTP 403") as raised:
        run_fetch(source(), handler)
    assert raised.value.status == 403
    assert len(calls) == THROTTLE_RETRIES + 1


def test_a_detail_403_s22_is_a_filled_posting_and_not_retried() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == CXS + SPM:
            return httpx.Response(403, json=GONE)
        return board(request)

    server = Recording(handler)
    result = run_fetch(source(), server)
    assert details(server) == [TPM, SPM, SM]
    assert [item.external_id for item in result.listings] == [TPM, SM]
    assert len(result.skipped) == 1 and "HTTP 403" in result.skipped[0]
    assert not result.closes


def test_an_unknown_tenant_says_so() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, text="Not Found")

    with pytest.raises(NotFoundError, match="no Workday tenant 'acmeanalytics' on wd3"):
        run_fetch(source(), handler)


def pager(offsets: dict[int, str]) -> Recording:
    """A tenant answering the search for "technical program manager" page by page."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.method == "POST":
            offset = json.loads(request.content)["offset"]
            return httpx.Response(200, content=recorded(BOARD, offsets[offset]))
        name = (
            "paging_detail_p1.json" if "JR-20117" in request.url.path else "paging_detail_p2.json"
        )
        return httpx.Response(200, content=recorded(BOARD, name))

    return Recording(handler)


def test_max_pages_stops_the_search_incomplete() -> None:
    server = pager({0: "paging_page0.json", 20: "paging_page1.json"})
    result = run_fetch(source(keywords=["technical program manager"], max_pages=2), server)
    assert len(posts(server)) == 2
    assert not result.complete
    assert result.warning and "stopped at max_pages=2 (40 of 45 postings)" in result.warning


def test_a_repeated_page_stops_the_search_incomplete() -> None:
    server = pager({0: "paging_page0.json", 20: "paging_page0.json"})
    result = run_fetch(source(keywords=["technical program manager"]), server)
    assert len(posts(server)) == 2
    assert result.listings == [] and not result.complete
    assert result.warning and "offset 20 repeats earlier results" in result.warning


def test_robots_txt_is_obeyed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /wday/\n")
        raise AssertionError(f"fetched {request.url} against robots.txt")

    with pytest.raises(RobotsDisallowed):
        run_fetch(source(), handler)


def test_base_url_moves_the_tenant_host() -> None:
    server = Recording(board)
    result = run_fetch(source(base_url="http://127.0.0.1:8080/"), server)
    assert all(url.startswith("http://127.0.0.1:8080/") for url in server.urls)
    assert result.listings[2].url == f"http://127.0.0.1:8080/External_Careers{SM}"


@pytest.mark.parametrize(
    "bad", [{"instance": "5"}, {"instance": "wdx"}, {"site": "a/b"}, {"tenant": "x.y"}]
)
def test_config_rejects_what_is_not_a_workday_address(bad: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        source(**bad)


def test_a_tenant_whose_search_moved_is_followed_and_verify_says_it_moved() -> None:
    """A 301 on the POST search: posted again at the new address (a GET there would find
    nothing), and `boards verify` names the new address to put in the config."""
    new_site = "/wday/cxs/acmeanalytics/Careers"

    def moved(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith(CXS):
            return httpx.Response(301, headers={"Location": new_site + path.removeprefix(CXS)})
        if path.startswith(new_site):
            assert request.method == "POST" or "/job/" in path
            old = httpx.Request(
                request.method,
                request.url.copy_with(path=CXS + path.removeprefix(new_site)),
                content=request.content,
            )
            return board(old)
        return board(request)

    result = run_fetch(source(), moved)
    assert len(result.listings) == 3
    (health,) = verify(
        [source().config],
        HttpSettings(delay=0.0, backoff=0.0),
        transport=httpx.MockTransport(moved),
    )
    assert health.state == "moved"
    host = "https://acmeanalytics.wd3.myworkdayjobs.com"
    assert f"moved permanently: {host}{CXS}/jobs → {host}{new_site}/jobs" in health.detail
