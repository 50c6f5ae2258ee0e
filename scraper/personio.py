"""Personio XML feed: every published position of one company in one XML document.

GET /xml (optionally `?language=de|en|fr|es|nl|it|pt`; German by default) on the company's
careers host, https://{board}.jobs.personio.de (some tenants answer on .com), so a
`base_url` replaces the whole host including the company. The company must have enabled
the feed. An empty board is `<workzag-jobs></workzag-jobs>`; an unknown company redirects
to personio.de's HTML home page. There is no job URL and no salary in the feed.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from typing import Literal

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty
from scraper.text import html_to_text, unescape_html
from scraper.xml_guard import check_feed

_YEARS = {
    "lt-1": "less than 1 year",
    "1-2": "1-2 years",
    "2-5": "2-5 years",
    "5-7": "5-7 years",
    "7-10": "7-10 years",
    "10-15": "10-15 years",
    "gt-15": "more than 15 years",
}


class PersonioConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the company subdomain, as in {board}.jobs.personio.de"
    )
    language: str | None = Field(
        default=None, description="feed language (de, en, fr, es, nl, it, pt); the board's default"
    )
    domain: Literal["de", "com"] = Field(
        default="de", description="'com' for tenants on {board}.jobs.personio.com"
    )


class PersonioSource(Source):
    type = "personio"
    config_model = PersonioConfig
    default_base_url = "https://{board}.jobs.personio.{domain}"  # a template: per company
    lists_whole_board = True
    one_employer = True
    config: PersonioConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        params = {"language": self.config.language} if self.config.language else None
        page = await http.get(self.url("/xml"), params=params, conditional=True)
        parsed = parse_positions(
            page.text,
            source=self.name,
            company=self.config.company or self.config.board,
            board_url=self.board_url,
        )
        return self.result(parsed, complete=True)


def parse_positions(document: str, *, source: str, company: str, board_url: str) -> Parsed:
    """Pure parse of a `/xml` feed; a malformed position is skipped. `board_url` is the
    careers host job links are built on."""
    check_feed(document, source=source, expected="a Personio <workzag-jobs> feed", pages=False)
    try:
        root = ET.fromstring(document.lstrip("\ufeff"))
    except ET.ParseError as e:
        raise ParseError(f"{source}: malformed XML ({e})") from e
    if root.tag != "workzag-jobs":
        raise ParseError(f"{source}: expected a <workzag-jobs> feed, got <{root.tag}>")
    return parse_each(
        root.iter("position"),
        lambda position: _parse_position(
            position, source=source, company=company, board_url=board_url
        ),
    )


def _parse_position(position: ET.Element, *, source: str, company: str, board_url: str) -> Listing:
    job_id, title = _text(position, "id"), unescape_html(_text(position, "name")).strip()
    if not job_id or not title:
        # parse_each names only dict items: the snippet says which position this was.
        raise ParseError(f"a position without id or name: {_snippet(position)!r}")
    description_html = _description_html(position)
    offices = [_text(position, "office")] + [
        (office.text or "").strip() for office in position.iterfind("additionalOffices/office")
    ]
    location = join_nonempty(*offices, sep="; ")
    years = _text(position, "yearsOfExperience")
    return Listing(
        source=source,
        external_id=job_id,
        # Not in the feed: the pattern people build by hand; one report could not confirm
        # it (boards.md, Personio XML feed).
        url=f"{board_url}/job/{job_id}",
        title=title,
        company=_text(position, "subcompany") or company,
        location=location,
        # No work-mode field; "Remote" as an office is the feed's only hint.
        remote=True if "remote" in location.lower() else None,
        description=html_to_text(description_html),
        description_html=description_html,
        posted_at=parse_datetime(_text(position, "createdAt")),
        employment_type=_employment_type(
            _text(position, "employmentType"), _text(position, "schedule")
        ),
        # No Listing field for seniority or years; as tags they stay visible.
        tags=unique_nonempty(
            _text(position, "department"),
            _text(position, "recruitingCategory"),
            _text(position, "occupationCategory"),
            _text(position, "occupation"),
            _text(position, "seniority"),
            _YEARS.get(years, years),
            *_text(position, "keywords").split(","),
        ),
    )


def _text(element: ET.Element, path: str) -> str:
    return (element.findtext(path) or "").strip()


def _snippet(element: ET.Element) -> str:
    return " ".join(ET.tostring(element, encoding="unicode").split())[:80]


def _description_html(position: ET.Element) -> str:
    # The ad comes in titled sections (e.g. "Ihre Aufgaben", "Ihr Profil"), each HTML.
    parts: list[str] = []
    for section in position.iterfind("jobDescriptions/jobDescription"):
        heading = _text(section, "name")
        if heading:
            parts.append(f"<h3>{html.escape(heading, quote=False)}</h3>")
        parts.append(_text(section, "value"))
    return "".join(parts)


def _employment_type(kind: str, schedule: str) -> str | None:
    # `employmentType` says permanent/intern/trainee/freelance, `schedule` full/part-time:
    # a permanent part-time job is part-time, a full-time internship an internship.
    mapped = employment_type(kind)
    if mapped in (None, "full-time") and employment_type(schedule) == "part-time":
        return "part-time"
    return mapped or employment_type(schedule)
