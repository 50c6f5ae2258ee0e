"""Optional bridge to python-jobspy, for boards that publish no API.

JobSpy (MIT, `pip install 'jobmatch[jobspy]'`) scrapes LinkedIn, Indeed, Glassdoor,
Google, ZipRecruiter, Naukri, Bayt and BDJobs with its own HTTP transport. Off unless a
`type = "jobspy"` source is configured; those sites' terms are the user's to respect.
`records_to_listings` is the pure part: JobSpy rows (a DataFrame's `to_dict("records")`,
or its CSV/JSON export read back) to Listings.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

from pydantic import Field, field_validator

from scraper.base import FetchResult, Source, SourceConfig
from scraper.dates import parse_datetime
from scraper.errors import ParseError, SourceError
from scraper.http import PoliteClient
from scraper.listing import Listing, Salary
from scraper.normalise import (
    amount,
    employment_type,
    make_salary,
    unique_nonempty,
    workplace_remote,
)
from scraper.text import html_to_text

log = logging.getLogger(__name__)

KNOWN_SITES: tuple[str, ...] = (
    "linkedin",
    "indeed",
    "glassdoor",
    "google",
    "zip_recruiter",
    "naukri",
    "bayt",
    "bdjobs",
)
NOT_INSTALLED = "jobspy: python-jobspy is not installed; pip install 'jobmatch[jobspy]'"

# What `scrape_jobs` is called as: keyword arguments in, a DataFrame (or rows) out.
ScrapeFn = Callable[..., Any]

# Periods make_salary has no word for: kept as text, not as a structured Salary.
_TEXT_ONLY_PERIODS = ("weekly", "daily")
_MISSING_TEXT = ("nan", "nat", "none", "<na>", "")
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# JobSpy's default description format is markdown (markdownify): `\-` escapes, `**bold**`.
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_BULLET = re.compile(r"^[ \t]*[*+-][ \t]+", re.MULTILINE)


class JobSpyConfig(SourceConfig):
    sites: tuple[str, ...] = Field(
        min_length=1, description=f"JobSpy site names, any of: {', '.join(KNOWN_SITES)}"
    )
    search_term: str = Field(min_length=1, description="what to search for on each site")
    location: str | None = Field(default=None, description="e.g. 'Bengaluru' or 'Austin, TX'")
    results_wanted: int = Field(default=30, ge=1, le=500, description="rows wanted per site")
    hours_old: int | None = Field(default=None, ge=1, description="only listings this recent")
    country_indeed: str | None = Field(
        default=None, description="Indeed/Glassdoor country, e.g. 'india'; JobSpy's default: usa"
    )

    @field_validator("sites")
    @classmethod
    def _sites_are_known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        names = tuple(site.strip().lower() for site in value)
        unknown = [site for site in names if site not in KNOWN_SITES]
        if unknown:
            raise ValueError(f"unknown site {unknown[0]!r}; known: {', '.join(KNOWN_SITES)}")
        return tuple(dict.fromkeys(names))  # without repeats, in the given order


class JobSpySource(Source):
    """Listings from the sites JobSpy scrapes; never the whole board, so nothing is closed."""

    type = "jobspy"
    config_model = JobSpyConfig
    default_base_url = ""  # JobSpy knows each site's address; `base_url` is unused
    lists_whole_board = False
    # Scraped sites throttle and block; twice a day is plenty (`min_interval` overrides).
    default_min_interval = "12h"
    config: JobSpyConfig

    def __init__(self, config: SourceConfig, *, scrape: ScrapeFn | None = None) -> None:
        super().__init__(config)
        self._scrape = scrape  # None: `jobspy.scrape_jobs`, imported when first fetched

    async def fetch(self, http: PoliteClient) -> FetchResult:
        """Run JobSpy's blocking `scrape_jobs` in a worker thread, then parse its rows.

        `http` is not used: JobSpy has its own transport (and its own retries and
        proxies), so our robots.txt, delays and conditional requests do not apply here.
        Respecting LinkedIn's, Indeed's, Glassdoor's, Naukri's and the other sites'
        terms is the user's responsibility. Running in a thread lets the other boards
        keep fetching concurrently.
        """
        scrape = self._scrape or _import_scrape_jobs()
        try:
            result = await asyncio.to_thread(scrape, **self.scrape_arguments())
        except Exception as e:
            raise SourceError(f"{self.name}: jobspy failed: {_one_line(e)}") from e
        rows = _rows(result, source=self.name)
        _report_site_errors(result, source=self.name, rows=len(rows))
        listings: list[Listing] = []
        for number, row in enumerate(rows, start=1):
            try:
                listings.extend(records_to_listings([row], source=self.name))
            except ParseError as e:  # one odd scraped row does not sink the others
                log.warning(
                    "%s: jobspy row %d (%s) skipped: %s",
                    self.name,
                    number,
                    _text(row, "job_url"),
                    e,
                )
        return FetchResult(self.keep_wanted(listings), complete=False)

    def scrape_arguments(self) -> dict[str, Any]:
        """The keyword arguments given to `scrape_jobs`; unset options keep JobSpy's defaults."""
        arguments: dict[str, Any] = {
            "site_name": list(self.config.sites),
            "search_term": self.config.search_term,
            "location": self.config.location,
            "results_wanted": self.config.results_wanted,
            "hours_old": self.config.hours_old,
        }
        if self.config.country_indeed is not None:
            arguments["country_indeed"] = self.config.country_indeed
        return arguments


def _import_scrape_jobs() -> ScrapeFn:
    try:
        from jobspy import scrape_jobs  # type: ignore[import-not-found, unused-ignore]
    except ImportError as e:
        if e.name == "jobspy":
            raise SourceError(NOT_INSTALLED) from e
        raise SourceError(f"jobspy: python-jobspy cannot be imported: {_one_line(e)}") from e
    return scrape_jobs  # type: ignore[no-any-return, unused-ignore]


def _rows(result: Any, *, source: str) -> list[Mapping[str, Any]]:
    """A DataFrame (anything with `to_dict(orient=...)`) or a list of mappings, as rows."""
    rows = result.to_dict(orient="records") if hasattr(result, "to_dict") else result
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        raise ParseError(f"{source}: jobspy returned {type(result).__name__}, not job rows")
    return rows


def _report_site_errors(result: Any, *, source: str, rows: int) -> None:
    # JobSpy >= 1.4 notes failed boards in `df.attrs["errors"]` rather than raising.
    attrs = getattr(result, "attrs", None)
    errors = attrs.get("errors") if isinstance(attrs, Mapping) else None
    if not errors:
        return
    if isinstance(errors, Mapping):
        text = "; ".join(f"{site}: {_one_line(error)}" for site, error in errors.items())
    elif isinstance(errors, list | tuple):
        text = "; ".join(_one_line(error) for error in errors)
    else:
        text = str(errors)
    if rows == 0:
        raise SourceError(f"{source}: jobspy failed: {_one_line(text)}")
    log.warning("%s: jobspy: %s", source, _one_line(text))


def _one_line(error: object) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    name = type(error).__name__ if isinstance(error, BaseException) else ""
    message = f"{name}: {first}" if name and first else name or first
    return message[:300]


def records_to_listings(records: Iterable[Mapping[str, Any]], *, source: str) -> list[Listing]:
    """Pure parse of JobSpy rows; a row without a title or an id/URL is a ParseError."""
    return [record_to_listing(record, source=source) for record in records]


def record_to_listing(record: Mapping[str, Any], *, source: str) -> Listing:
    """One JobSpy row to a Listing; ParseError says what is wrong (one line)."""
    title = _text(record, "title")
    if not title:
        raise ParseError("'title' is missing or empty")
    job_url = _text(record, "job_url")
    external_id = _text(record, "id") or job_url
    if not external_id:
        raise ParseError("both 'id' and 'job_url' are missing")
    description = _text(record, "description")
    salary, salary_text = _salary(record)
    return Listing(
        source=source,
        external_id=external_id,
        url=_text(record, "job_url_direct") or job_url,
        title=title,
        company=_text(record, "company"),
        location=_text(record, "location"),
        remote=_remote(record),
        description=_description_text(description),
        description_html=description if _LOOKS_LIKE_HTML.search(description) else "",
        salary_text=salary_text,
        salary=salary,
        posted_at=_posted_at(record.get("date_posted")),
        employment_type=employment_type(_text(record, "job_type")),
        tags=unique_nonempty(
            _text(record, "job_level"),
            _text(record, "job_function"),
            *_text(record, "skills").split(","),  # Naukri: "Agile, Scrum, JIRA"
        ),
    )


def is_missing(value: object) -> bool:
    """None, NaN, pandas NaT/NA, or blank: the ways a DataFrame row says "no value"."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return str(value).strip().lower() in _MISSING_TEXT


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    return "" if is_missing(value) else str(value).strip()


def _description_text(description: str) -> str:
    if _LOOKS_LIKE_HTML.search(description):
        return html_to_text(description)
    # Markdown, lightly: bullets as html_to_text writes them, no emphasis marks or escapes.
    text = _MD_BULLET.sub("• ", _MD_EMPHASIS.sub(r"\2", description))
    return html_to_text(_MD_ESCAPE.sub(r"\1", text))


def _remote(record: Mapping[str, Any]) -> bool | None:
    value = record.get("is_remote")
    if not is_missing(value):
        word = str(value).strip().lower()  # bool, numpy bool_, or "True"/"False" from a CSV
        if word in ("true", "1", "1.0"):
            return True
        if word in ("false", "0", "0.0"):
            return False
    # Naukri's work mode ("Remote", "Hybrid", "Work from office") when is_remote is absent.
    return workplace_remote(_text(record, "work_from_home_type") or None)


def _salary(record: Mapping[str, Any]) -> tuple[Salary | None, str | None]:
    interval = _text(record, "interval").lower()
    low, high = record.get("min_amount"), record.get("max_amount")
    currency = _text(record, "currency")
    if interval not in _TEXT_ONLY_PERIODS:
        return make_salary(low, high, currency or None, interval or None), None
    amounts = [_number(a) for a in (amount(low), amount(high)) if a is not None]
    if not amounts:
        return None, None
    span = "-".join(dict.fromkeys(amounts))  # "500-700", or "500" when min == max
    return None, " ".join(part for part in (currency, span, interval) if part)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _posted_at(value: object) -> datetime | None:
    if is_missing(value):
        return None
    if isinstance(value, datetime):  # also a pandas Timestamp
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # epoch ms from `to_json`, read back as a float
    posted = parse_datetime(value)
    if posted is None:
        raise ParseError(f"'date_posted' is not a date: {str(value)[:40]!r}")
    return posted
