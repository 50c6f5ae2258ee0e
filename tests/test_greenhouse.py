"""Greenhouse beyond the board contract (tests/test_board_contract.py): the remote hint and
the keyword filter."""

from __future__ import annotations

import json

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.greenhouse import GreenhouseConfig, GreenhouseSource, parse_jobs
from tests.golden import Handler, recorded, run_fetch

BOARD = "greenhouse"


def fetch(
    handler: httpx.MockTransport | Handler | None, *, keywords: tuple[str, ...] | None = None
) -> FetchResult:
    extra = {} if keywords is None else {"keywords": keywords}
    config = GreenhouseConfig(type="greenhouse", name="greenhouse:acme", board="acme", **extra)
    return run_fetch(GreenhouseSource(config), handler)


def serve(status: int, body: bytes, headers: dict[str, str] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/boards/acme/jobs"
        assert request.url.params["content"] == "true"
        return httpx.Response(status, content=body, headers=headers)

    return httpx.MockTransport(handler)


def test_remote_location_sets_the_boards_hint() -> None:
    listings = parse_jobs(
        json.loads(recorded(BOARD, "normal.json")), source="gh", company="acme"
    ).listings
    hints = {item.location: item.remote for item in listings}
    assert hints["Remote - US"] is True
    assert all(hint is None for location, hint in hints.items() if "Remote" not in location)


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == ["Technical Project Manager"]
    assert result.complete
    assert all(item.source == "greenhouse:acme" for item in result.listings)


def test_empty_keyword_list_keeps_every_listing() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")), keywords=())
    assert len(result.listings) == 3


def test_html_instead_of_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="expected JSON"):
        fetch(serve(200, b"<html>Service Unavailable</html>"))
