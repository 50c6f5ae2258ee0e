"""Hacker News "Ask HN: Who is hiring?": one comment per company, free-text, monthly.

GET /api/v1/search_by_date?tags=story,author_whoishiring finds the threads (the same
account also posts "Who wants to be hired?" and "Freelancer?", so titles are filtered),
then GET /api/v1/items/{id} returns the whole tree; job posts are its direct children.
Comment text is HTML (`<p>` without closing tags, `&#x2F;` entities). Most posts open
with a pipe-separated header such as `Company | Role | Location | REMOTE | $salary | URL`
in no fixed order, which `parse_header` reads heuristically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import Field
from selectolax.lexbor import LexborHTMLParser

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty
from scraper.text import html_to_text

HIRING_PREFIX = "Ask HN: Who is hiring?"
GENERIC_TITLE = "Multiple roles"
ITEM_URL = "https://news.ycombinator.com/item?id={id}"
_STORIES_PER_MONTH = 3  # hiring, wants-to-be-hired, freelancer

# Header separators: pipes by convention; the others only when a line has no pipe.
_FALLBACK_SEPARATORS = (" · ", " • ", " – ", " — ", " - ")
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
_SALARY = re.compile(
    r"[$€£₹¥]|\b\d+(?:[.,]\d+)?\s*[kK]\b|\b(?:LPA|lakhs?|lacs?|crores?|CTC|OTE)\b"
    r"|\bequity\b|\bsalary\b|\bcompensation\b|\b(?:USD|EUR|GBP|INR|CAD|AUD|CHF|SGD)\b"
    r"|\bper\s+(?:hour|year|annum|month)\b|/\s*(?:hr|hour|yr|year)\b",
    re.IGNORECASE,
)
_NOT_REMOTE = re.compile(r"\b(?:no|not)\s+remote\b", re.IGNORECASE)
_REMOTE = re.compile(r"\bremote\b|\bwfh\b", re.IGNORECASE)
_ONSITE = re.compile(r"\bon[\s-]?site\b|\bin[\s-]?(?:office|person)\b|\bhybrid\b", re.IGNORECASE)
# What is left of a work-mode segment once these go is location detail ("Remote (EU)").
_MODE_FILLER = re.compile(
    r"\b(?:remote|wfh|on[\s-]?site|in[\s-]?(?:office|person)|hybrid|no|not|or|and|only"
    r"|friendly|ok|possible|optional|first|available|full(?:y)?|partial(?:ly)?)\b|[^\w]+",
    re.IGNORECASE,
)
# Role nouns. Strong ones rarely appear in a company name; weak ones do ("Lead Bank").
_STRONG_ROLE = re.compile(
    r"\b(?:managers?|engineers?|developers?|programmers?|scrum\s+masters?|tpms?|pms?"
    r"|designers?|scientists?|analysts?|architects?|coordinators?|directors?|coach(?:es)?"
    r"|sres?|devops|administrators?|consultants?|specialists?|researchers?|recruiters?"
    r"|vp|cto|roles|positions|openings)\b",
    re.IGNORECASE,
)
_WEAK_ROLE = re.compile(
    r"\b(?:leads?|head\s+of|program(?:me)?|project|product\s+owner|staff|principal"
    r"|founding|interns?|engineering)\b",
    re.IGNORECASE,
)
_ROLE_LIST_SPLIT = re.compile(r"\s*(?:,|/|&|;|\band\b|\bor\b|\+)\s*", re.IGNORECASE)
# "Other" segments that are facts about the company, not a place.
_NOT_LOCATION = re.compile(
    r"\b(?:visa|sponsor\w*|series\s+[a-f]|seed|funded|raised|yc|employees|people|benefits"
    r"|startup|fintech|saas)\b|\(yc\b",
    re.IGNORECASE,
)
# "Tidewater Energy is hiring a Delivery Manager to ...": company and role from prose.
_IS_HIRING = re.compile(
    r"^(?P<company>.{2,60}?)\s+(?:is|are)\s+hiring\b\s*(?:(?:an?|two|three|several)\s+)?"
    r"(?P<role>[^.,;:!]{0,80}?)(?=\s+(?:to|for|in|at|who|with|on)\b|[.,;:!]|$)",
    re.IGNORECASE,
)
_MAX_LOCATION = 60  # longer "other" segments are prose, not a place
_MAX_PROSE_HEADER = 80


class HackerNewsConfig(SourceConfig):
    months: int = Field(
        default=1, ge=1, le=12, description="how many of the latest monthly threads to read"
    )


class HackerNewsSource(Source):
    type = "hn"
    config_model = HackerNewsConfig
    default_base_url = "https://hn.algolia.com"
    lists_whole_board = False
    config: HackerNewsConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        search = await http.get(
            self.url("/api/v1/search_by_date"),
            params={
                "tags": "story,author_whoishiring",
                "hitsPerPage": _STORIES_PER_MONTH * self.config.months + _STORIES_PER_MONTH,
            },
        )
        threads: list[Parsed] = []
        for story_id in parse_search(search.json(), source=self.name, months=self.config.months):
            item = await http.get(self.url(f"/api/v1/items/{story_id}"))
            threads.append(parse_thread(item.json(), source=self.name))
        return self.result(threads, complete=False)

    def wanted(self, title: str, description: str = "") -> bool:
        """A keyword in the title; or, when the title is generic, in the comment body.

        One HN comment often covers several roles ("Multiple roles"), or names them only
        below the header, so a title-only filter would drop a TPM opening listed there.
        Other sources keep the title-only rule: their descriptions mention "project
        manager" in passing far too often.
        """
        if super().wanted(title):
            return True
        return title == GENERIC_TITLE and bool(description) and super().wanted(description)

    def keep_wanted(self, listings: Iterable[Listing]) -> list[Listing]:
        return [item for item in listings if self.wanted(item.title, item.description)]


def parse_search(payload: Any, *, source: str, months: int) -> list[str]:
    """Pure parse of a search response: ids of the newest `months` hiring threads."""
    if not isinstance(payload, dict) or not isinstance(payload.get("hits"), list):
        raise ParseError(f"{source}: expected an object with a 'hits' list")
    threads = [
        hit
        for hit in payload["hits"]
        if isinstance(hit, dict)
        and isinstance(hit.get("title"), str)
        and hit["title"].startswith(HIRING_PREFIX)
        and hit.get("objectID")
    ]
    threads.sort(key=lambda hit: hit.get("created_at_i") or 0, reverse=True)
    return [str(hit["objectID"]) for hit in threads[:months]]


def parse_thread(payload: Any, *, source: str) -> Parsed:
    """Pure parse of an `/items/{id}` response: one listing per live top-level comment; a
    malformed comment is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("children"), list):
        raise ParseError(f"{source}: expected an item with a 'children' list")
    return parse_each(payload["children"], lambda comment: parse_comment(comment, source=source))


def parse_comment(comment: Any, *, source: str) -> Listing | None:
    """One job post, or None for a deleted, dead or empty comment.

    A child that is not a comment with an id is malformed, not deleted: ParseError, so the
    thread's parse names it rather than dropping it unseen.
    """
    if not isinstance(comment, dict) or comment.get("id") is None:
        raise ParseError("not a comment with an id")
    markup = comment.get("text")
    if comment.get("deleted") or comment.get("dead") or not comment.get("author"):
        return None
    if not isinstance(markup, str) or not markup.strip():
        return None
    description = html_to_text(_expand_links(markup))
    if not description:
        return None
    header = parse_header(description.split("\n", 1)[0])
    return Listing(
        source=source,
        external_id=str(comment["id"]),
        url=ITEM_URL.format(id=comment["id"]),
        title=header.title,
        company=header.company,
        location=header.location,
        remote=header.remote,
        description=description,
        description_html=markup,
        salary_text=header.salary_text,
        posted_at=parse_datetime(comment.get("created_at_i") or comment.get("created_at")),
        employment_type=header.employment_type,
    )


def _expand_links(markup: str) -> str:
    """HN shortens long link text ("https://acme.com/jobs/12..."); put the full href back."""
    tree = LexborHTMLParser(markup)
    if tree.body is None:
        return markup
    for anchor in tree.body.css("a[href]"):
        href = anchor.attributes.get("href") or ""
        shown = anchor.text().strip().removesuffix("...")
        if href and shown and href.startswith(shown):
            anchor.replace_with(href)
    return tree.body.html or markup


class _Kind(Enum):
    URL = "url"
    SALARY = "salary"
    MODE = "mode"
    EMPLOYMENT = "employment"
    ROLE = "role"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Header:
    """What the first line of a post says, as far as a heuristic can tell."""

    company: str
    title: str
    location: str = ""
    remote: bool | None = None
    salary_text: str | None = None
    link: str | None = None
    employment_type: str | None = None


def parse_header(line: str) -> Header:
    """Read `Company | Role | Location | REMOTE | $salary | URL`, in any order.

    Each segment is classified (URL, salary, work mode, employment type, role, other).
    The first segment is the company by convention, unless it is plainly a role (a strong
    role noun, and no other segment names one); then the first "other" segment is.
    """
    segments = _split_header(line)
    if len(segments) == 1 and len(segments[0]) > _MAX_PROSE_HEADER:
        return _parse_prose(segments[0])
    kinds = [_classify(segment) for segment in segments]
    company_at = _company_index(segments, kinds)
    roles = [
        s
        for i, (s, k) in enumerate(zip(segments, kinds, strict=True))
        if k is _Kind.ROLE and i != company_at
    ]
    rest = [
        s
        for i, (s, k) in enumerate(zip(segments, kinds, strict=True))
        if i != company_at and (k is _Kind.OTHER or (k is _Kind.MODE and _mode_detail(s)))
    ]
    return Header(
        company=segments[company_at] if company_at is not None else "",
        title=_title(roles),
        location=join_nonempty(*(s for s in rest if _location_like(s)), sep="; "),
        remote=_remote(segments),
        salary_text=join_nonempty(*_of_kind(segments, kinds, _Kind.SALARY)) or None,
        link=next((_link(s) for s in _of_kind(segments, kinds, _Kind.URL)), None),
        employment_type=next(
            (employment_type(s) for s in _of_kind(segments, kinds, _Kind.EMPLOYMENT)), None
        ),
    )


def _parse_prose(line: str) -> Header:
    """A first line that is a sentence, not a header: only "X is hiring a Y" is read."""
    hiring = _IS_HIRING.match(line)
    if not hiring:
        return Header(company="", title=GENERIC_TITLE, remote=_remote([line]))
    role = hiring.group("role").strip()
    roles = [role] if _STRONG_ROLE.search(role) or _WEAK_ROLE.search(role) else []
    return Header(company=hiring.group("company"), title=_title(roles), remote=_remote([line]))


def _split_header(line: str) -> list[str]:
    separators = ("|", *_FALLBACK_SEPARATORS) if "|" in line else _FALLBACK_SEPARATORS
    for separator in separators:
        if separator in line:
            parts = [part.strip(" \t,;") for part in line.split(separator)]
            return [part for part in parts if part] or [line.strip()]
    return [line.strip()]


def _classify(segment: str) -> _Kind:
    if _URL.search(segment):
        return _Kind.URL
    if _SALARY.search(segment):
        return _Kind.SALARY
    if _REMOTE.search(segment) or _ONSITE.search(segment) or _NOT_REMOTE.search(segment):
        return _Kind.MODE
    is_role = bool(_STRONG_ROLE.search(segment) or _WEAK_ROLE.search(segment))
    if not is_role and len(segment.split()) <= 4 and employment_type(segment):
        return _Kind.EMPLOYMENT
    return _Kind.ROLE if is_role else _Kind.OTHER


def _company_index(segments: list[str], kinds: list[_Kind]) -> int | None:
    first_other = next((i for i, k in enumerate(kinds) if k is _Kind.OTHER), None)
    if kinds[0] is _Kind.OTHER:
        return 0
    if kinds[0] is not _Kind.ROLE:
        return first_other
    plainly_a_role = bool(_STRONG_ROLE.search(segments[0])) and kinds.count(_Kind.ROLE) == 1
    if plainly_a_role and first_other is not None:
        return first_other
    return 0


def _title(roles: list[str]) -> str:
    if len(roles) != 1:
        return GENERIC_TITLE
    parts = [p for p in _ROLE_LIST_SPLIT.split(roles[0]) if _STRONG_ROLE.search(p)]
    return GENERIC_TITLE if len(parts) > 1 else roles[0]


def _remote(segments: list[str]) -> bool | None:
    line = " | ".join(segments)
    if _NOT_REMOTE.search(line):
        return False
    if _REMOTE.search(line):
        return True  # "Remote or onsite" still offers remote
    if _ONSITE.search(line):
        return False  # onsite or hybrid
    return None


def _link(segment: str) -> str | None:
    found = _URL.search(segment)
    return found.group(0).rstrip(".,;)") if found else None


def _mode_detail(segment: str) -> bool:
    return bool(_MODE_FILLER.sub("", segment))


def _location_like(segment: str) -> bool:
    return len(segment) <= _MAX_LOCATION and not _NOT_LOCATION.search(segment)


def _of_kind(segments: list[str], kinds: list[_Kind], kind: _Kind) -> list[str]:
    return [s for s, k in zip(segments, kinds, strict=True) if k is kind]
