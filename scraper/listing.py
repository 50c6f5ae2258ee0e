"""The one normalised listing type every source yields."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from scraper.text import sanitize_html


@dataclass(frozen=True, slots=True)
class Salary:
    """A board's structured salary, in its own currency and period."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None  # "year" | "month" | "hour"


@dataclass(frozen=True, slots=True)
class Listing:
    source: str
    external_id: str
    url: str
    title: str
    company: str
    location: str = ""
    remote: bool | None = None  # the board's own flag; the matcher decides the real mode
    description: str = ""  # clean text
    description_html: str = ""  # the board's HTML, unescaped, kept for display
    salary_text: str | None = None
    salary: Salary | None = None
    posted_at: datetime | None = None  # UTC, tz-aware
    employment_type: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)

    def content_hash(self) -> str:
        """A stable digest of what a reader sees, to tell a changed version apart."""
        # Field by field rather than asdict(), which deep-copies: this runs for every
        # listing of every nightly fetch. The digest is the same as asdict() would give.
        data = {name: getattr(self, name) for name in _HASHED_FIELDS}
        if self.salary is not None:
            data["salary"] = {
                "min": self.salary.min, "max": self.salary.max,
                "currency": self.salary.currency, "period": self.salary.period,
            }  # fmt: skip
        data["tags"] = list(self.tags)
        payload = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_HASHED_FIELDS = tuple(
    name
    for name in Listing.__dataclass_fields__
    if name not in ("source", "external_id", "description_html")
)


def with_safe_html(listing: Listing) -> Listing:
    """The listing as it is stored: its board HTML reduced to an allow-listed, safe subset."""
    if not listing.description_html:
        return listing
    return replace(listing, description_html=sanitize_html(listing.description_html))
