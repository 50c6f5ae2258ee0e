"""What a fetch gives back (`Page`, `Validators`) and the checks on it: JSON where the
board said it would be, and what a page in its place is (a challenge, a login wall)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scraper.errors import NotFoundError, ParseError


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies a response, to ask 'changed since?' next time."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response, reduced to what parsers need."""

    url: str
    status: int
    text: str
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.text)
        except json.JSONDecodeError as e:
            raise ParseError(f"{self.url}: expected JSON, got {describe_page(self.text)}") from e


def json_where_asked(page: Page, url: str, *, missing: str, same_host: bool = True) -> Any:
    """The JSON of `page`, which must have landed where `url` asked: tenant boards answer an
    unknown company with a redirect (to their marketing site) and the client follows it.
    `same_host=False` lets a redirect keep only the path (a renamed tenant's new host)."""
    asked, landed = urlsplit(url), urlsplit(page.url)
    if landed.path != asked.path or (same_host and landed.netloc != asked.netloc):
        raise NotFoundError(
            f"{url}: redirected to {page.url}: {missing} (check board)",
            url=url,
            status=page.status,
        )
    return page.json()


# What a page in place of JSON or a feed usually is: a bot-protection challenge (which we
# never try to pass), a login wall, or some other HTML page.
_CHALLENGE = re.compile(
    r"just a moment\.\.\.|cf-chl|challenge-platform|attention required! \| cloudflare|"
    r"captcha|px-captcha|_incapsula_|access denied|request unsuccessful\. incapsula",
    re.IGNORECASE,
)
_LOGIN = re.compile(r"<form[^>]*(?:login|signin|sign-in)|type=[\"']password[\"']", re.IGNORECASE)
_HTML = re.compile(r"\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)


def blocked_page(text: str) -> str | None:
    """What the page is if it stands between us and the data (a bot-protection challenge,
    a login wall), else None."""
    head = text[:20_000]
    if _CHALLENGE.search(head):
        return "a bot-protection challenge page (not something we bypass)"
    if _HTML.match(head) and _LOGIN.search(head):
        return "a login page"
    return None


def describe_page(text: str) -> str:
    """A few words for what came back in place of the data the board documents."""
    head = text[:20_000]
    blocked = blocked_page(head)
    if blocked:
        return blocked
    if _HTML.match(head):
        return f"an HTML page ({_snippet(re.sub(r'<[^>]+>', ' ', head))!r})"
    return repr(_snippet(text))


def _snippet(text: str, size: int = 60) -> str:
    return " ".join(text.split())[:size]
