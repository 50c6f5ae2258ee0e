"""Pay tables by place: "For Chicago, IL-based roles: $140,000 - $155,000 per year. For New
York, NY-based roles: $155,000 - $172,000 per year." A listing's own places pick the rows:
one place, its row; several, the span over theirs ("$140k-$172k depending on where you
are"); none of them, the pay read as before (the first row)."""

from __future__ import annotations

import re

from matcher.extract.salary import parse_salary
from matcher.facts import SalaryRange

# A line that opens with a place and gives a range after it: "For Seattle, WA-based roles:
# The base salary range ... is USD$146,000 per year - USD$162,000 per year", "- Austin, TX:
# $120k - $140k". (Upper-case initial: the place is a name.)
_ROW = re.compile(
    r"^[ \t]*(?:[-*•][ \t]*)?(?i:for[ \t]+)?(?i:roles?[ \t]+(?:based[ \t]+)?in[ \t]+)?"
    r"(?P<place>[A-Z][A-Za-z.' ]{1,40}?)(?:,[ \t]*[A-Z]{2}\b)?"
    r"(?:[ \t-]+based(?:[ \t]+(?:roles?|positions?|candidates?|employees?))?)?[ \t]*:"
    r"(?P<rest>[^\n]*\d[^\n]*)$",
)
_NOT_PLACES = frozenset({"salary", "pay", "base salary", "compensation", "location", "range",
                         "salary range", "pay range", "note", "benefits", "bonus"})  # fmt: skip
_TABLE_ROWS_MIN = 2


def place_rows(text: str) -> list[tuple[str, SalaryRange]]:
    """(place, range) of each row of a pay table by place in `text`; [] without a table."""
    if text.count("$") < 2 * _TABLE_ROWS_MIN:  # every table seen is in dollars
        return []
    rows: list[tuple[str, SalaryRange]] = []
    # Only lines with a place's colon and an amount in dollars can be rows: few in any text.
    lines = (line for line in text.split("\n") if "$" in line and ":" in line)
    for found in filter(None, map(_ROW.match, lines)):
        place = found.group("place").strip()
        if place.lower() in _NOT_PLACES:
            continue
        pay = parse_salary(found.group("rest"))
        if pay is not None and pay.min is not None and pay.max is not None:
            rows.append((place, pay))
    if len({place.lower() for place, _ in rows}) < _TABLE_ROWS_MIN:
        return []
    return rows


def pay_for_places(text: str, location: str, read: SalaryRange | None) -> SalaryRange | None:
    """The pay of a listing at `location` when `text` has a pay table by place (else
    `read`, the pay read without one)."""
    if read is None or not location:
        return read
    rows = place_rows(text)
    if not rows:
        return read
    where = location.lower()
    mine = [
        pay
        for place, pay in rows
        if re.search(rf"\b{re.escape(place.lower())}\b", where)
        and (pay.currency, pay.period) == (read.currency, read.period)
    ]
    if not mine:
        return read
    low = min(pay.min for pay in mine if pay.min is not None)
    high = max(pay.max for pay in mine if pay.max is not None)
    return SalaryRange(min=low, max=high, currency=read.currency, period=read.period)
