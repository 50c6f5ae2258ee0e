"""Board dates, in all their formats, to tz-aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601 (with or without offset, `Z`, date only, ` UTC` suffix), RFC 2822,
    or epoch seconds/milliseconds. Naive times are taken as UTC. Unreadable gives None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # '¹'.isdigit() is True too
        return _from_epoch(float(text))
    iso = text.removesuffix(" UTC").replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _from_epoch(number: float) -> datetime | None:
    # Milliseconds since 1970 are > 1e11 for any date after 1973; seconds are not.
    seconds = number / 1000 if number > 1e11 else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
