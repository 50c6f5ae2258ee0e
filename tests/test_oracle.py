"""Oracle Recruiting Cloud: what the board contract cannot express (known ids skip their
detail request, a 403 is retried like throttling, config validation, parse fallbacks).
The golden cases are in tests/fixtures/oracle/contract.json."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from scraper.base import FetchResult
from scraper.errors import FetchError
from scraper.oracle import OracleConfig, OracleSource, Tenant, parse_detail, parse_summaries
from tests.golden import Recording, recorded, run_fetch

BOARD = "oracle"
HOST = "acme.fa.em2.oraclecloud.com"
LIST = "/hcmRestApi/resources/latest/recruitingCEJobRequisitions"
DETAIL = "/hcmRestApi/resources/latest/recruitingCEJobRequisitionDetails"
TENANT = Tenant(host=HOST, site="CX_1", language="en", company="Acme Analytics")


def source(**config: Any) -> OracleSource:
    settings = {"type": "oracle", "name": "oracle:acme", "host": HOST, "site": "CX_1", **config}
    return OracleSource(OracleConfig(**settings))


def board(request: httpx.Request) -> httpx.Response:
    """A fake tenant: `normal.json` as the list, `detail_<id>.json` per requisition."""
    if request.url.path == "/robots.txt":
        return httpx.Response(404)
    if request.url.path == LIST:
        return httpx.Response(200, content=recorded(BOARD, "normal.json"))
    assert request.url.path == DETAIL
    requisition_id = request.url.params["finder"].split('"')[1]
    return httpx.Response(200, content=recorded(BOARD, f"detail_{requisition_id}.json"))


def details_asked(server: Recording) -> list[str]:
    return [r.url.params["finder"] for r in server.requests if r.url.path == DETAIL]


def fetch(oracle: OracleSource, handler: Recording) -> FetchResult:
    return run_fetch(oracle, handler)


def test_known_ids_are_still_listed_without_a_detail_request() -> None:
    oracle = source(keywords=["technical program manager", "scrum master"])
    oracle.known_ids = frozenset({"25012", "99999"})
    server = Recording(board)
    result = fetch(oracle, server)
    assert details_asked(server) == ['ById;Id="24987",siteNumber=CX_1']
    assert [item.external_id for item in result.listings] == ["24987"]
    # Only ids the board lists now: 99999 is gone, so it is not "still listed".
    assert result.still_listed == ("25012",)
    assert result.complete and result.closes


def test_a_known_id_whose_title_is_no_longer_wanted_is_not_kept_open() -> None:
    oracle = source(keywords=["scrum master"])
    oracle.known_ids = frozenset({"25012"})
    result = fetch(oracle, Recording(board))
    assert result.still_listed == ()
    assert [item.external_id for item in result.listings] == ["24987"]


def test_a_403_is_retried_with_backoff_then_succeeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(OracleSource, "forbidden_backoff", 0.0)
    refused: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        if request.url.path == LIST and len(refused) < 2:
            refused.append(str(request.url))
            return httpx.Response(403, text="<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD>")
        return board(request)

    server = Recording(flaky)
    result = fetch(source(keywords=["scrum master"]), server)
    assert len(refused) == 2
    assert [item.external_id for item in result.listings] == ["24987"]
    assert sum(r.url.path == LIST for r in server.requests) == 3


def test_a_403_that_persists_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(OracleSource, "forbidden_backoff", 0.0)

    def denied(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(403, text="Access Denied")

    server = Recording(denied)
    with pytest.raises(FetchError, match=r"HTTP 403.*still refused after 3 tries") as raised:
        fetch(source(), server)
    assert raised.value.status == 403
    assert sum(r.url.path == LIST for r in server.requests) == OracleSource.forbidden_retries + 1


def test_the_backoff_doubles_from_the_class_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    async def no_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr("scraper.http.retry.asyncio.sleep", no_sleep)
    monkeypatch.setattr(OracleSource, "forbidden_backoff", 5.0)
    with pytest.raises(FetchError, match="HTTP 403"):
        fetch(
            source(),
            Recording(lambda r: httpx.Response(404 if r.url.path == "/robots.txt" else 403)),
        )
    assert waits == [5.0, 10.0]


def test_without_a_company_the_tenant_host_names_the_employer() -> None:
    result = fetch(source(keywords=["scrum master"]), Recording(board))
    assert [item.company for item in result.listings] == [HOST]


def test_base_url_moves_requests_but_not_the_job_links() -> None:
    server = Recording(board)
    result = fetch(source(keywords=["scrum master"], base_url="http://127.0.0.1:9"), server)
    assert {r.url.host for r in server.requests} == {"127.0.0.1"}
    assert result.listings[0].url == (
        f"https://{HOST}/hcmUI/CandidateExperience/en/sites/CX_1/job/24987"
    )


def test_language_sets_the_job_link() -> None:
    result = fetch(source(keywords=["scrum master"], language="fr"), Recording(board))
    assert result.listings[0].url.endswith("/CandidateExperience/fr/sites/CX_1/job/24987")


@pytest.mark.parametrize(
    "host",
    [
        "https://acme.fa.em2.oraclecloud.com",
        "acme.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1",
        "acme",
        "",
    ],
)
def test_host_must_be_a_bare_hostname(host: str) -> None:
    with pytest.raises(ValidationError, match="bare hostname"):
        source(host=host)


def test_host_is_lower_cased() -> None:
    assert source(host="ACME.fa.EM2.oraclecloud.com").config.host == HOST


@pytest.mark.parametrize("site", ["CX 1", "CX_1,limit=1", "", "../CX_1"])
def test_site_must_be_a_site_number(site: str) -> None:
    with pytest.raises(ValidationError, match="site number"):
        source(site=site)


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ValidationError, match="siteNumber"):
        source(siteNumber="CX_1")


def test_default_min_interval_is_six_hours() -> None:
    assert source().min_interval_text == "6h"


def summary_of(**row: Any) -> Any:
    base = {"Id": "1", "Title": "Project Manager", "PrimaryLocation": "Pune, Maharashtra, India"}
    parsed = parse_summaries([{**base, **row}], tenant=TENANT, source="oracle:test")
    assert not parsed.skipped, parsed.skipped
    return parsed.listings[0]


def test_the_workplace_code_wins_over_the_tenant_label() -> None:
    assert summary_of(WorkplaceTypeCode="ORA_ON_SITE", WorkplaceType="Remote").remote is False
    assert summary_of(WorkplaceTypeCode="ORA_HYBRID").remote is False
    assert summary_of(WorkplaceTypeCode="ORA_REMOTE").remote is True
    # No code: the label, when it is a word we know; a tenant's own phrase says nothing.
    assert summary_of(WorkplaceType="Remote").remote is True
    assert summary_of(WorkplaceType="Work From Home").remote is None
    assert summary_of().remote is None


def test_a_numeric_id_is_kept_as_text() -> None:
    assert summary_of(Id=25012).external_id == "25012"


def test_without_a_primary_location_the_work_location_names_the_place() -> None:
    listing = summary_of(
        PrimaryLocation=None, workLocation=[{"TownOrCity": "Chennai", "Country": "IN"}]
    )
    assert listing.location == "Chennai, IN"


def test_a_detail_without_any_ad_keeps_the_list_teaser() -> None:
    summary = summary_of(ShortDescriptionStr="Lead delivery of our lending platform.")
    detail = json.loads(recorded(BOARD, "detail_24987.json"))
    detail["items"][0]["CorporateDescriptionStr"] = None
    listing = parse_detail(detail, summary, source="oracle:test")
    assert listing is not None
    assert listing.description == "Lead delivery of our lending platform."
    assert listing.description_html == ""


def test_a_detail_with_no_items_means_the_posting_closed() -> None:
    detail = json.loads(recorded(BOARD, "detail_gone.json"))
    assert parse_detail(detail, summary_of(), source="oracle:test") is None
