"""RemoteOK: about the 100 newest remote jobs as one bare JSON array.

GET /api. Element 0 is the legal notice `{last_updated, legal}`, not a job. Query
parameters are ignored, so the keyword filter does all the work. Descriptions are
sometimes mojibake (UTF-8 read as Latin-1) and titles may hold `&amp;`.
Terms: link back (follow) and name Remote OK as the source; don't use its logo.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import make_salary
from scraper.text import fix_mojibake, html_to_text, unescape_html


class RemoteOkConfig(SourceConfig):
    pass


class RemoteOkSource(Source):
    type = "remoteok"
    config_model = RemoteOkConfig
    default_base_url = "https://remoteok.com"
    lists_whole_board = False
    config: RemoteOkConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        page = await http.get(self.url("/api"), conditional=True)
        return self.result(parse_jobs(page.json(), source=self.name), complete=False)


def parse_jobs(payload: Any, *, source: str) -> Parsed:
    """Pure parse of an `/api` response; a legal-notice-only array is an empty result, and a
    malformed job is skipped (named by its index in the array, the notice counted)."""
    if not isinstance(payload, list):
        raise ParseError(f"{source}: expected a JSON array of jobs")
    return parse_each(
        payload, lambda job: None if _is_legal_notice(job) else _parse_job(job, source=source)
    )


def _is_legal_notice(item: Any) -> bool:
    return isinstance(item, dict) and "legal" in item and "position" not in item


def _parse_job(job: Any, *, source: str) -> Listing:
    if not isinstance(job, dict) or not job.get("id") or not job.get("position"):
        raise ParseError("no id or position")
    description_html = fix_mojibake(job.get("description") or "")
    return Listing(
        source=source,
        external_id=str(job["id"]),
        url=_lower_host(job.get("url") or job.get("apply_url") or ""),
        title=fix_mojibake(unescape_html(job["position"])).strip(),
        company=fix_mojibake(unescape_html(job.get("company") or "")).strip(),
        # Often "" or "Berlin, " with a dangling separator.
        location=(job.get("location") or "").strip().rstrip(",").strip(),
        remote=True,  # RemoteOK lists remote jobs only
        description=html_to_text(description_html),
        description_html=description_html,
        # USD a year by the board's definition; 0 means not given.
        salary=make_salary(job.get("salary_min"), job.get("salary_max"), "USD", "year"),
        posted_at=parse_datetime(job.get("epoch")) or parse_datetime(job.get("date")),
        tags=tuple(t.strip() for t in job.get("tags") or [] if isinstance(t, str) and t.strip()),
    )


def _lower_host(url: str) -> str:
    # The board writes its own host as "remoteOK.com"; hosts are case-insensitive.
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.lower())) if parts.netloc else url
