"""Oracle Recruiting Cloud (Fusion HCM "Candidate Experience"): the career site's own search
API, read page by page, then one detail request per wanted posting.

List: GET https://{host}/hcmRestApi/resources/latest/recruitingCEJobRequisitions with
`onlyData=true`, an `expand` of the requisition children (without it `requisitionList` comes
back empty under a non-zero total) and the finder
`findReqs;siteNumber={site},facetsList=...,limit=200,offset=N,sortBy=POSTING_DATES_DESC`.
`limit` and `offset` go in both the finder and the query string, as the career site sends
them (some tenants honour only one). The answer is `items[0].requisitionList[]` with
`items[0].TotalJobsCount`; `hasMore` is false on boards that have more, so paging stops at
TotalJobsCount, an empty page, a page of nothing new, or `max_pages`.
Detail: GET .../recruitingCEJobRequisitionDetails?expand=all&onlyData=true&finder=ById;
Id="{id}",siteNumber={site} → `items[0]`, whose `ExternalDescriptionStr`,
`ExternalResponsibilitiesStr` and `ExternalQualificationsStr` are the ad (the list carries
only a teaser, capped at 1,000 characters). Ids in `known_ids` are not read again.

Oracle documents these resources in its HCM REST reference but marks them "only for Oracle
internal use"; they are what the career site calls, anonymously. So robots.txt is obeyed.

Why list everything rather than one `keyword="..."` search per phrase: most public adapters
list (jobseek, freehire, career-ops, ats-scrapers); the keyword search is fuzzy and one
project found quoted multi-word phrases "match almost nothing", which would hide exactly the
postings we want; and at 200 rows a page (Oracle clamps `limit` to 200) a board of under
3,000 postings costs fewer requests than the 15 default phrases would. A very large board
(JPMorgan lists 7,000+) stops at `max_pages` and then closes nothing.

Measured by others (sarthakjain004/headstart docs/oracle/2026-09-08_api-measurement.md):
an unknown `siteNumber` is not an error, it is ignored and the whole host's postings come
back, so a wrong site cannot be detected here; TotalJobsCount can exceed what paging
reaches by up to about two rows a page; offsets stop at 10,000 rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from pydantic import Field, field_validator

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import NotFoundError, ParseError
from scraper.http import Page, PoliteClient, through_throttling
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty, workplace_remote
from scraper.text import html_to_text

API = "/hcmRestApi/resources/latest"
PAGE_SIZE = 200  # Oracle clamps larger limits to 200
EXPAND = (
    "requisitionList.workLocation,requisitionList.otherWorkLocations,"
    "requisitionList.secondaryLocations,flexFieldsFacet.values,"
    "requisitionList.requisitionFlexFields"
)
FACETS = "LOCATIONS;WORK_LOCATIONS;WORKPLACE_TYPES;TITLES;CATEGORIES;ORGANIZATIONS;POSTING_DATES;FLEX_FIELDS"
# A walk that ends this many rows a page short of TotalJobsCount still saw the whole board:
# the counter over-counts (headstart measured up to ~1.25 a page on 245 boards, none lost).
SHORTFALL_PER_PAGE = 2
_AD_SECTIONS = (
    "ExternalDescriptionStr",
    "ExternalResponsibilitiesStr",
    "ExternalQualificationsStr",
)
# Some templates leave the External* fields blank and carry the ad here instead.
_FALLBACK_SECTIONS = ("CorporateDescriptionStr", "OrganizationDescriptionStr")

_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$"
)
_SITE = re.compile(r"^[A-Za-z0-9_-]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


class OracleConfig(SourceConfig):
    host: str = Field(
        description="the tenant's host, e.g. eofh.fa.em2.oraclecloud.com (from the careers URL)"
    )
    site: str = Field(
        description="the siteNumber in .../CandidateExperience/en/sites/{site}/..., e.g. CX_1"
    )
    language: str = Field(default="en", description="the language segment of job links")

    @field_validator("host")
    @classmethod
    def _host_is_a_hostname(cls, value: str) -> str:
        host = value.strip().lower()
        if not _HOSTNAME.match(host):
            raise ValueError(
                "must be a bare hostname like eofh.fa.em2.oraclecloud.com "
                f"(no https://, no path), got {value!r}"
            )
        return host

    @field_validator("site")
    @classmethod
    def _site_is_a_site_number(cls, value: str) -> str:
        if not _SITE.match(value):
            raise ValueError(
                f"must be a site number like CX_1 (letters, digits, _ or -), got {value!r}"
            )
        return value

    @field_validator("language")
    @classmethod
    def _language_is_a_code(cls, value: str) -> str:
        if not _LANGUAGE.match(value):
            raise ValueError(f"must be a language code like en or fr-FR, got {value!r}")
        return value


@dataclass(frozen=True, slots=True)
class Tenant:
    """Where a board's postings live and how their candidate-facing links are built."""

    host: str
    site: str
    language: str
    company: str

    def job_url(self, requisition_id: str) -> str:
        return (
            f"https://{self.host}/hcmUI/CandidateExperience/{self.language}"
            f"/sites/{self.site}/job/{requisition_id}"
        )


@dataclass(frozen=True, slots=True)
class RequisitionPage:
    """One list page: the total it announces and its raw requisitions."""

    total: int | None  # None for an `items: []` answer, which announces nothing
    rows: list[Any]


@dataclass(slots=True)
class Walk:
    """What paging through the list found."""

    summaries: list[Listing] = field(default_factory=list)  # listings without the ad
    skipped: list[str] = field(default_factory=list)
    complete: bool = False  # True only when the walk reached TotalJobsCount (within slack)
    warning: str | None = None  # why it is not complete


class OracleSource(Source):
    type = "oracle"
    config_model = OracleConfig
    default_base_url = "https://{host}"  # a template: the host is per tenant
    lists_whole_board = True
    one_employer = True
    default_min_interval = "6h"
    # A 403 from Oracle's CDN (Akamai) is usually throttling that passes: try again after
    # `forbidden_backoff` seconds, doubled each time, at most `forbidden_retries` times.
    forbidden_retries: ClassVar[int] = 2
    forbidden_backoff: ClassVar[float] = 20.0
    config: OracleConfig

    @property
    def tenant(self) -> Tenant:
        return Tenant(
            host=self.config.host,
            site=self.config.site,
            language=self.config.language,
            company=self.config.company or self.config.host,
        )

    async def fetch(self, http: PoliteClient) -> FetchResult:
        walk = await self._list(http, self.tenant)
        skipped = walk.skipped
        listings: list[Listing] = []
        still_listed: list[str] = []
        for summary in self.keep_wanted(walk.summaries):
            if summary.external_id in self.known_ids:
                still_listed.append(summary.external_id)
                continue
            try:
                page = await self._get(http, self._detail_path(), self._detail_params(summary))
            except NotFoundError:
                continue  # closed between the list request and this one
            try:
                listing = parse_detail(page.json(), summary, source=self.name)
            except ParseError as e:
                skipped.append(f"requisition {summary.external_id!r}: {e}")
                continue
            if listing is not None:
                listings.append(listing)
        return self.result(
            Parsed(listings, tuple(skipped)),
            complete=walk.complete,
            warning=walk.warning,
            still_listed=still_listed,
        )

    async def _list(self, http: PoliteClient, tenant: Tenant) -> Walk:
        """Every requisition summary, page by page, and whether that was the whole board."""
        walk = Walk()
        seen: set[str] = set()
        total: int | None = None
        offset = pages = read = 0
        while pages < self.config.max_pages:
            page = parse_page((await self._list_page(http, offset)).json(), source=self.name)
            pages += 1
            if total is None:
                # From the first page only: past the 10,000-row ceiling the envelope goes
                # blank and says 0.
                total = page.total or 0
            fresh = [row for row in page.rows if not _row_id(row) or _row_id(row) not in seen]
            parsed = parse_summaries(fresh, tenant=tenant, source=self.name)
            walk.summaries.extend(parsed.listings)
            walk.skipped.extend(parsed.skipped)
            seen.update(_row_id(row) for row in fresh)
            read += len(fresh)
            # Advance by what came back: a page may hold fewer rows than asked for.
            offset += len(page.rows)
            if not fresh or offset >= total:  # the end, or the server repeating itself
                break
        else:
            walk.warning = (
                f"stopped after max_pages={self.config.max_pages} pages ({read} of {total} "
                "postings read): raise max_pages to read the whole board; nothing closed"
            )
            return walk
        total = total or 0
        if read == 0 and total == 0:
            # Oracle answers some failures with a blank envelope, not an error (past its
            # row ceiling): one blank answer is no proof that every stored listing closed.
            walk.warning = EMPTY_BOARD
        elif total - read > SHORTFALL_PER_PAGE * pages:
            walk.warning = (
                f"the list ended at {read} of the {total} postings it announced "
                "(Oracle serves at most 10,000 rows): nothing closed this time"
            )
        else:
            walk.complete = True
        return walk

    async def _list_page(self, http: PoliteClient, offset: int) -> Page:
        site = self.config.site
        params = {
            "onlyData": "true",
            "expand": EXPAND,
            "finder": (
                f"findReqs;siteNumber={site},facetsList={FACETS},"
                f"limit={PAGE_SIZE},offset={offset},sortBy=POSTING_DATES_DESC"
            ),
            "limit": str(PAGE_SIZE),
            "offset": str(offset),
        }
        path = f"{API}/recruitingCEJobRequisitions"
        try:
            return await self._get(http, path, params)
        except NotFoundError as e:
            raise NotFoundError(
                f"{e}: no Oracle Recruiting Cloud API on {self.config.host}; check `host` "
                "(the host of the careers URL, e.g. eofh.fa.em2.oraclecloud.com)",
                url=e.url,
                status=404,
            ) from e

    def _detail_path(self) -> str:
        return f"{API}/recruitingCEJobRequisitionDetails"

    def _detail_params(self, summary: Listing) -> dict[str, str]:
        return {
            "expand": "all",
            "onlyData": "true",
            "finder": f'ById;Id="{summary.external_id}",siteNumber={self.config.site}',
        }

    async def _get(self, http: PoliteClient, path: str, params: dict[str, str]) -> Page:
        """A GET that treats a 403 like throttling: back off and try again a few times."""
        return await through_throttling(
            lambda: http.get(self.url(path), params=params, robots=True),
            retries=self.forbidden_retries,
            backoff=self.forbidden_backoff,
            explain="Oracle's CDN answers 403 when it throttles or blocks a client, "
            "so try again later",
        )


EMPTY_BOARD = "the site lists no postings at all: its stored listings are kept open"


def parse_page(payload: Any, *, source: str) -> RequisitionPage:
    """Pure parse of one list page's envelope: `items[0]` holds the total and the rows."""
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise ParseError(f"{source}: expected an object with an 'items' list")
    if not payload["items"]:
        return RequisitionPage(total=None, rows=[])
    first = payload["items"][0]
    if not isinstance(first, dict) or not isinstance(first.get("requisitionList"), list):
        raise ParseError(
            f"{source}: expected 'items[0].requisitionList' (a list; it is missing when the "
            "request has no `expand` of it)"
        )
    total = first.get("TotalJobsCount")
    if not isinstance(total, int) or isinstance(total, bool):
        raise ParseError(f"{source}: expected an integer 'items[0].TotalJobsCount'")
    return RequisitionPage(total=total, rows=list(first["requisitionList"]))


def parse_summaries(rows: list[Any], *, tenant: Tenant, source: str) -> Parsed:
    """Pure parse of list rows into listings without the ad; a malformed row is skipped."""
    return parse_each(rows, lambda row: _summary(row, tenant=tenant, source=source), ident="Id")


def parse_detail(payload: Any, summary: Listing, *, source: str) -> Listing | None:
    """Pure parse of a `ById` detail answer over the posting's list summary.

    None when `items` is empty: the posting closed since the list was read.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("items"), list):
        raise ParseError(f"{source}: expected a detail object with an 'items' list")
    if not payload["items"]:
        return None
    item = payload["items"][0]
    if not isinstance(item, dict):
        raise ParseError(f"{source}: expected 'items[0]' to be an object")
    description_html = _ad_html(item, _AD_SECTIONS) or _ad_html(item, _FALLBACK_SECTIONS)
    remote = _remote(item)
    return replace(
        summary,
        location=summary.location or _text(item.get("PrimaryLocation")),
        remote=remote if remote is not None else summary.remote,
        description=html_to_text(description_html) or summary.description,
        description_html=description_html or summary.description_html,
        posted_at=parse_datetime(item.get("ExternalPostedStartDate")) or summary.posted_at,
        employment_type=_employment(item) or summary.employment_type,
        tags=unique_nonempty(*summary.tags, _text(item.get("Category")), *_tags(item)),
    )


def _row_id(row: Any) -> str:
    value = row.get("Id") if isinstance(row, dict) else None
    return (
        str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    )


def _summary(row: Any, *, tenant: Tenant, source: str) -> Listing:
    requisition_id = _row_id(row)
    title = row.get("Title") if isinstance(row, dict) else None
    if not requisition_id or not isinstance(title, str) or not title.strip():
        raise ParseError("no Id or Title")
    teaser = _text(row.get("ShortDescriptionStr"))
    return Listing(
        source=source,
        external_id=requisition_id,
        url=tenant.job_url(requisition_id),
        title=title.strip(),
        company=tenant.company,
        location=_location(row),
        remote=_remote(row),
        # The teaser until the detail replaces it; some tenants send it as HTML.
        description=html_to_text(teaser),
        description_html=teaser if teaser.startswith("<") else "",
        posted_at=parse_datetime(row.get("PostedDate")),
        employment_type=_employment(row),
        tags=_tags(row),
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _location(row: dict[str, Any]) -> str:
    others = [
        place.get("Name")
        for place in row.get("secondaryLocations") or []
        if isinstance(place, dict)
    ]
    primary = _text(row.get("PrimaryLocation"))
    if not primary:
        # No display name: the expanded work location's town and country.
        places = row.get("workLocation") or []
        first = places[0] if isinstance(places, list) and places else None
        if isinstance(first, dict):
            primary = join_nonempty(first.get("TownOrCity"), first.get("Country"))
    return join_nonempty(primary, *others, sep="; ")


def _remote(item: dict[str, Any]) -> bool | None:
    # The code is stable (ORA_REMOTE, ORA_HYBRID, ORA_ON_SITE); the label is per tenant
    # ("Work From Home"), so it is only the fallback.
    code = item.get("WorkplaceTypeCode")
    if isinstance(code, str) and code.strip():
        return workplace_remote(code.strip().upper().removeprefix("ORA_"))
    return workplace_remote(item.get("WorkplaceType"))


def _employment(item: dict[str, Any]) -> str | None:
    # JobSchedule ("Full time") is the one most tenants fill; the others rarely map.
    for key in ("JobSchedule", "JobType", "WorkerType", "ContractType"):
        mapped = employment_type(item.get(key))
        if mapped:
            return mapped
    return None


def _tags(item: dict[str, Any]) -> tuple[str, ...]:
    return unique_nonempty(
        item.get("JobFamily"),
        item.get("JobFunction"),
        item.get("Department"),
        item.get("Organization"),
    )


def _ad_html(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    # Some tenants put the same ad in all three fields: keep each text once.
    parts: list[str] = []
    texts: set[str] = set()
    for key in keys:
        markup = _text(item.get(key))
        text = html_to_text(markup)
        if text and text not in texts:
            texts.add(text)
            parts.append(markup)
    return "".join(parts)
