"""BambooHR, Breezy and Rippling read one detail per wanted posting: what their contracts
cannot say. A posting the store already holds open is not re-read but passed on as still
listed; a `base_url` moves every request while job links keep the real host; a detail that
robots.txt forbids leaves the list's fields."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from scraper.errors import NotFoundError
from tests.golden import run_fetch
from tests.test_board_contract import Server, expected_of, load, source_for

# board -> (the detail path of one posting in its `normal` case, that posting's id)
KNOWN = {
    "bamboohr": ("/careers/42/detail", "42"),
    "breezy": ("/p/9d0f2b6c8e1a-project-manager-implementation", "9d0f2b6c8e1a"),
    "rippling": (
        "/platform/api/ats/v1/board/acme-analytics/jobs/c2d4e6f8-0a1b-4c2d-8e3f-a4b5c6d7e8f9",
        "c2d4e6f8-0a1b-4c2d-8e3f-a4b5c6d7e8f9",
    ),
}


def normal_case(board: str, *, without: str = "") -> dict[str, Any]:
    case = dict(load(board)["cases"]["normal"])
    case["routes"] = [route for route in case["routes"] if route["path"] != without]
    return case


@pytest.mark.parametrize("board", sorted(KNOWN))
def test_a_posting_already_stored_is_still_listed_not_read_again(board: str) -> None:
    path, known_id = KNOWN[board]
    case = normal_case(board, without=path)
    server = Server(board, case["routes"])
    source = source_for(board, case)
    source.known_ids = frozenset({known_id, "an-id-the-board-no-longer-lists"})

    result = run_fetch(source, server)

    assert result.still_listed == (known_id,)
    assert known_id not in {listing.external_id for listing in result.listings}
    assert len(result.listings) == len(expected_of(board, case)) - 1
    assert result.complete and not result.skipped
    assert not server.unrouted, server.unrouted  # its detail was never asked for


@pytest.mark.parametrize(
    ("board", "real_link"),
    [
        ("bamboohr", "https://acmeanalytics.bamboohr.com/careers/41"),
        ("breezy", "https://acmeanalytics.breezy.hr/p/7c1e4a9b2d3f-technical-program-manager"),
    ],
)
def test_base_url_moves_every_request_but_not_the_job_links(board: str, real_link: str) -> None:
    case = {**normal_case(board), "config": {"base_url": "http://127.0.0.1:8765"}}
    server = Server(board, case["routes"])

    result = run_fetch(source_for(board, case), server)

    assert {request.url.host for request in server.requests} == {"127.0.0.1"}
    assert result.listings[0].url == real_link


def test_a_detail_robots_txt_forbids_leaves_the_list_fields() -> None:
    case = normal_case("bamboohr")
    robots = "User-agent: *\nDisallow: /careers/41/detail\n"
    server = Server("bamboohr", [*case["routes"], {"path": "/robots.txt", "body": robots}])

    result = run_fetch(source_for("bamboohr", case), server)

    first = result.listings[0]
    assert (first.external_id, first.location, first.remote) == (
        "41",
        "Bengaluru, Karnataka",
        False,
    )
    assert first.description == "" and first.posted_at is None
    assert "/careers/41/detail" not in {request.url.path for request in server.requests}
    assert len(result.listings) == 4 and not result.skipped


def test_a_rippling_200_error_object_is_a_not_found_error() -> None:
    body = '{"error_code": "RESOURCE_NOT_FOUND", "message": "Job Board not found"}'
    case = load("rippling")["cases"]["normal"]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, text=body)

    with pytest.raises(NotFoundError, match="no Rippling job board 'acme-analytics'"):
        run_fetch(source_for("rippling", case), handler)


def test_a_rippling_list_of_a_thousand_rows_closes_nothing() -> None:
    rows = [
        {
            "uuid": f"u{i}",
            "name": f"Warehouse Associate {i}",
            "workLocation": {"label": "Austin, TX"},
        }
        for i in range(1000)
    ]
    case = {"config": {"keywords": ["program manager"]}}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, json=rows)

    result = run_fetch(source_for("rippling", case), handler)

    assert result.listings == [] and result.complete is False
    assert result.warning and "1000 rows" in result.warning
