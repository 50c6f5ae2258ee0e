"""The report's small pieces of wording and arithmetic, kept apart from its markup."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from jobmatch.output import clean
from matcher.components import to_yearly
from matcher.score import DEFAULT_RATES_TO_USD

_PERIODS: Mapping[str, str] = {
    "year": "yr",
    "month": "mo",
    "hour": "hr",
    "week": "wk",
    "day": "day",
}
_OK_PREFIXES = ("has ", "skills matched", "meets ")
_MISSING_PREFIXES = ("missing", "skills missing", "dealbreaker")
_STRETCH_PREFIXES = ("stretch", "below", "above", "relocation")
# Score notes put the amber words mid-sentence too ("level lead: 1 above yours",
# "onsite in London: relocation", "pay up to USD 90k/yr, below your floor").
_STRETCH_WORDS = re.compile(r"\b(?:stretch|below|above|relocation)\b", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")


def reason_kind(reason: str) -> str:
    """ok (green), missing (red), stretch (amber) or info, from a score note's wording."""
    text = reason.strip().lower()
    if text.startswith(_OK_PREFIXES):
        return "ok"
    if text.startswith(_MISSING_PREFIXES):
        return "missing"
    if text.startswith(_STRETCH_PREFIXES) or _STRETCH_WORDS.search(text):
        return "stretch"
    return "info"


def flag_kind(flag: str) -> str:
    """'stale' for "open 74 days", 'reposted' for "reposted 3× since 12 Sep" (storage's
    wording), 'other' for anything else a later flag may say."""
    text = flag.strip().lower()
    if text.startswith("open "):
        return "stale"
    if text.startswith("reposted"):
        return "reposted"
    return "other"


def format_salary(salary: Mapping[str, Any]) -> str:
    """'₹30–42 LPA' for rupees a year, 'USD 140k–175k/yr' otherwise; '' when unusable."""
    low = maybe_number(salary.get("min"))
    high = maybe_number(salary.get("max"))
    currency = clean(text(salary.get("currency"))).upper()
    period = clean(text(salary.get("period"))).lower() or "year"
    lakhs = currency == "INR" and period == "year"
    fmt: Callable[[float], str] = _lakhs if lakhs else _thousands
    if low is not None and high is not None and low != high:
        lead, core = "", f"{fmt(low)}–{fmt(high)}"
    elif low is not None:
        lead, core = "", fmt(low) + ("+" if high is None else "")
    elif high is not None:
        lead, core = "up to ", fmt(high)
    else:
        return ""
    if lakhs:
        return f"{lead}₹{core} LPA"
    symbol = "₹" if currency == "INR" else f"{currency} " if currency else ""
    return f"{lead}{symbol}{core}/{_PERIODS.get(period, period)}"


def yearly_usd(salary: Any) -> float | None:
    """The top of the pay range a year in US dollars, as the matcher compares it with the
    floor (same rates, same hours a year); None when it can't be compared."""
    if not isinstance(salary, Mapping):
        return None
    high = maybe_number(salary.get("max"))
    top = high if high is not None else maybe_number(salary.get("min"))
    rate = DEFAULT_RATES_TO_USD.get(clean(text(salary.get("currency"))).upper())
    if top is None or rate is None or top < 0:
        return None
    period = clean(text(salary.get("period"))).lower() or "year"
    return to_yearly(top, period) * rate


def _lakhs(value: float) -> str:
    return _short(value / 100_000)


def _thousands(value: float) -> str:
    return f"{_short(value / 1000)}k" if abs(value) >= 1000 else _short(value)


def _short(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def safe_url(value: Any) -> str | None:
    """The URL if it is a plain absolute http(s) link, else None (javascript:, data:, ...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in url):
        return None
    lowered = url.lower()
    if not lowered.startswith(("http://", "https://")):
        return None
    host = url.split("://", 1)[1].split("/", 1)[0]
    return url if host and not host.startswith("@") else None


def esc(value: object) -> str:
    """HTML-escaped, quotes too: safe in text and in double-quoted attributes."""
    return html.escape(str(value), quote=True)


def text(value: Any) -> str:
    return "" if value is None else str(value)


def slug(value: str) -> str:
    return _SLUG.sub("-", value.lower()).strip("-")


def label(variant: str) -> str:
    return clean(variant).replace("_", " ")


def facts_of(record: Mapping[str, Any]) -> Mapping[str, Any]:
    facts = record.get("facts")
    return facts if isinstance(facts, Mapping) else {}


def score_of(record: Mapping[str, Any]) -> float:
    return max(0.0, min(100.0, number(record.get("score"))))


def number(value: Any) -> float:
    found = maybe_number(value)
    return 0.0 if found is None else found


def maybe_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    found = float(value)
    return found if found == found and abs(found) != float("inf") else None


def band(score: float) -> str:
    return "hi" if score >= 70 else "mid" if score >= 45 else "lo"


def as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def ago(when: datetime, now: datetime) -> str:
    days = (now - when).total_seconds() / 86400
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    if days < 60:
        return f"{days:.0f} days ago"
    return when.strftime("%Y-%m-%d")


def short_ago(when: datetime, now: datetime) -> str:
    """'today', '3d', '5w', or the date past a year: fits a narrow column."""
    days = int((now - when).total_seconds() // 86400)
    if days < 1:
        return "today"
    if days < 28:
        return f"{days}d"
    if days < 365:
        return f"{days // 7}w"
    return when.strftime("%Y-%m-%d")
