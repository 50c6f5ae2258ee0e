"""BambooHR careers sites: the list the careers page reads, then one detail per wanted posting.

GET https://{board}.bamboohr.com/careers/list answers every open posting at once:
`{meta: {totalCount}, result: [{id, jobOpeningName, departmentLabel, employmentStatusLabel,
location: {city, state}, atsLocation: {country, state, province, city}, isRemote,
locationType}]}` (`locationType` "0" on-site, "1" remote, "2" hybrid). The list has no
description and no date, so GET /careers/{id}/detail follows (`{result: {jobOpening:
{description, datePosted, compensation, location, jobOpeningShareUrl, ...}}}`), but only
for titles the keywords want and only once per posting: a posting the store already holds
open is passed on as still listed, not re-read.

Both are what BambooHR's own careers page calls, not its documented API (which needs a
key), so robots.txt is obeyed. An unknown company is redirected to www.bamboohr.com.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote

from pydantic import Field

from scraper.base import (
    FetchResult,
    Parsed,
    Source,
    SourceConfig,
    parse_each,
    read_new_details,
)
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient, json_where_asked
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty
from scraper.text import html_to_text

# A subdomain, so nothing in it can move the request to another host ("evil.com/x").
HOST_LABEL = r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"
_WORK_MODES = {"0": False, "1": True, "2": False}  # locationType: on-site, remote, hybrid


class BambooHrConfig(SourceConfig):
    board: str = Field(
        min_length=1,
        pattern=HOST_LABEL,
        description="the company subdomain, as in {board}.bamboohr.com/careers",
    )


@dataclass(frozen=True, slots=True)
class BoardList:
    """A parsed `/careers/list`: postings without description or date."""

    parsed: Parsed
    total: int | None  # meta.totalCount, where the board gives it


class BambooHrSource(Source):
    type = "bamboohr"
    config_model = BambooHrConfig
    default_base_url = "https://{board}.bamboohr.com"  # a template: per company
    lists_whole_board = True
    one_employer = True
    # The careers page's own JSON, not a documented API: a few reads a day are plenty.
    default_min_interval = "6h"
    config: BambooHrConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        # Not conditional: a 304 would also skip retrying details that failed last time.
        list_url = self.url("/careers/list")
        page = await http.get(list_url, robots=True)
        board = parse_list(
            json_where_asked(page, list_url, missing="no BambooHR careers site there"),
            source=self.name,
            company=self.config.company or self.config.board,
            board_url=self.board_url,
        )
        details = await read_new_details(
            self.keep_wanted(board.parsed.listings),
            self.known_ids,
            lambda item: self._read_detail(http, item),
            label="id",
            what="detail",
        )
        listings, still_listed = details.listings, details.still_listed
        skipped = [*board.parsed.skipped, *details.skipped]
        listed = len(board.parsed.listings) + len(board.parsed.skipped)
        short = board.total is not None and board.total > listed
        return self.result(
            Parsed(listings, tuple(skipped)),
            complete=not short,
            warning=f"the board counts {board.total} postings but lists {listed}: "
            "nothing closed this time"
            if short
            else None,
            still_listed=still_listed,
            listed=listed,
        )

    async def _read_detail(self, http: PoliteClient, summary: Listing) -> Listing | None:
        """The summary completed from its detail; None when the posting is gone."""
        url = self.url(f"/careers/{quote(summary.external_id, safe='')}/detail")
        page = await http.get(url, robots=True)
        return parse_detail(page.json(), summary)


def parse_list(payload: Any, *, source: str, company: str, board_url: str) -> BoardList:
    """Pure parse of a `/careers/list` answer; a malformed posting is skipped.

    `board_url` builds each posting's link: the list carries none.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("result"), list):
        raise ParseError(f"{source}: expected an object with a 'result' list")
    meta = payload.get("meta")
    total = meta.get("totalCount") if isinstance(meta, dict) else None
    parsed = parse_each(
        payload["result"],
        lambda item: _parse_summary(item, source=source, company=company, board_url=board_url),
    )
    return BoardList(parsed, total if isinstance(total, int) and total >= 0 else None)


def _parse_summary(item: Any, *, source: str, company: str, board_url: str) -> Listing:
    if (
        not isinstance(item, dict)
        or item.get("id") in (None, "")
        or not isinstance(item.get("jobOpeningName"), str)
        or not item["jobOpeningName"].strip()
    ):
        raise ParseError("no id or jobOpeningName")
    job_id = str(item["id"]).strip()
    return Listing(
        source=source,
        external_id=job_id,
        url=f"{board_url}/careers/{job_id}",
        title=item["jobOpeningName"].strip(),
        company=company,
        location=_location(item),
        remote=_remote(item),
        employment_type=employment_type(item.get("employmentStatusLabel")),
        tags=unique_nonempty(item.get("departmentLabel")),
    )


def parse_detail(payload: Any, summary: Listing) -> Listing | None:
    """Pure parse of a `/careers/{id}/detail` answer, completing the list's `summary`.

    None when the opening says it is no longer open.
    """
    result = payload.get("result") if isinstance(payload, dict) else None
    opening = result.get("jobOpening") if isinstance(result, dict) else None
    if not isinstance(opening, dict):
        raise ParseError("expected an object with 'result.jobOpening'")
    status = opening.get("jobOpeningStatus")
    if isinstance(status, str) and status.strip() and status.strip().lower() != "open":
        return None
    description_html = _text(opening.get("description"))
    remote = _remote(opening)
    return replace(
        summary,
        url=_text(opening.get("jobOpeningShareUrl")) or summary.url,
        title=_text(opening.get("jobOpeningName")) or summary.title,
        location=_location(opening) or summary.location,
        remote=summary.remote if remote is None else remote,
        description=html_to_text(description_html),
        description_html=description_html,
        # Free text ("$250K-$350K per year"), not amounts: kept as the board wrote it.
        salary_text=_text(opening.get("compensation")) or None,
        posted_at=parse_datetime(opening.get("datePosted")),
        employment_type=employment_type(opening.get("employmentStatusLabel"))
        or summary.employment_type,
        tags=unique_nonempty(opening.get("departmentLabel"), *summary.tags),
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _location(record: dict[str, Any]) -> str:
    # `location` is what the careers page shows; `atsLocation` the structured record behind
    # it. One of the two is usually all nulls.
    shown = record.get("location")
    if isinstance(shown, dict):
        text = join_nonempty(
            shown.get("city"),
            shown.get("state") or shown.get("province"),
            shown.get("addressCountry") or shown.get("country"),
        )
        if text:
            return text
    ats = record.get("atsLocation")
    if isinstance(ats, dict):
        return join_nonempty(
            ats.get("city"), ats.get("state") or ats.get("province"), ats.get("country")
        )
    return ""


def _remote(record: dict[str, Any]) -> bool | None:
    mode = record.get("locationType")
    if mode is not None and str(mode) in _WORK_MODES:
        return _WORK_MODES[str(mode)]
    flag = record.get("isRemote")
    return flag if isinstance(flag, bool) else None
