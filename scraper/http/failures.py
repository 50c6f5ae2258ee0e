"""httpx errors and failing answers converted to our own errors, with a few words each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.errors import FetchError, NotFoundError
from scraper.http.pages import Page, _snippet


@dataclass(frozen=True, slots=True)
class _Failed:
    """An attempt that got no response; `reached` is False if no connection was made."""

    error: FetchError
    reached: bool


_CUT_SHORT = re.compile(r"complete message body \(received (\d+) bytes, expected (\d+)\)")


def _failed(url: str, reason: str, *, reached: bool) -> _Failed:
    return _Failed(FetchError(f"{url}: {reason}", url=url), reached=reached)


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return _snippet(text, 120)


def _status_error(page: Page) -> FetchError:
    message = f"{page.url}: HTTP {page.status}"
    detail = _snippet(page.text)
    if detail:
        message += f" ({detail})"
    if page.status == 404:
        return NotFoundError(message, url=page.url, status=404)
    return FetchError(message, url=page.url, status=page.status)
