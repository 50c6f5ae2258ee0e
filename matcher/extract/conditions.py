"""Working conditions a listing imposes and the travel it asks, read from its scan.

The same rules as matcher.conditions.imposed and travel_percent (which read a plain
string, for the profile side and tests), with every pattern tried only where it can match.
"""

from __future__ import annotations

import functools
import re

from matcher.conditions import (
    _TRAVEL,
    Condition,
    conditions,
    hire_spared,
    implied_travel,
    kept,
    negated,
    own_hours_pattern_source,
    travel_share,
)
from matcher.extract.patterns import Anchored, Table, anchored, literal, table
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE
from matcher.taxonomy_data import taxonomy

_TRAVEL_ANCHORED = anchored(_TRAVEL)


@functools.cache
def _conditions() -> tuple[tuple[Condition, ...], Table]:
    """The conditions and a Table of their phrases (group 2i) and patterns (2i + 1)."""
    found = conditions()
    for condition in found:
        for word in condition.first_words:
            literal(word)
    groups = []
    for condition in found:
        groups.append(list(condition.phrase_sources))
        groups.append(list(condition.pattern_sources))
    return found, table(groups)


def imposed_in(scan: Scan) -> tuple[str, ...]:
    """Names of the conditions the text imposes (a negated mention imposes nothing)."""
    found, mentions = _conditions()
    text = scan.text
    unnegated: dict[int, list[tuple[int, int]]] = {}
    spared: set[int] = set()
    for group, m in scan.finditer_groups(mentions):
        if not negated(text, m.start(), m.end()):
            unnegated.setdefault(group, []).append(m.span())
        elif group not in spared and hire_spared(text, m.start()):
            spared.add(group)
    names = []
    for number, condition in enumerate(found):
        # As imposed(): the phrases only when a phrase's first word is in the text.
        said = any(not word or scan.contains(word) for word in condition.first_words)
        groups = (2 * number, 2 * number + 1) if said else (2 * number + 1,)
        spans = [span for group in groups for span in unnegated.get(group, ())]
        if kept(
            condition.name,
            text,
            spans,
            any(group in spared for group in groups),
            lambda: scan.search(_own_hours_anchored()) is not None,
        ):
            names.append(condition.name)
    return tuple(names)


@functools.cache
def _own_hours_anchored() -> Anchored:
    return anchored(own_hours_pattern_source(), NOCASE)


@functools.cache
def _implied() -> tuple[tuple[Anchored, int], ...]:
    return tuple((anchored(pattern), share) for pattern, share in implied_travel())


def travel_in(scan: Scan) -> int | None:
    """The most travel the text asks for, as a percentage of the time ("up to 50% travel",
    "every second week at the client's site")."""
    text = scan.text
    shares = [
        share
        for entry, share in _implied()
        if any(not negated(text, m.start()) for m in scan.finditer(entry))
    ]
    found = (travel_share(text, m) for m in scan.finditer(_TRAVEL_ANCHORED))
    shares += [share for share in found if share is not None]
    return max(shares) if shares else None


# --- working hours in a named time zone ---------------------------------------------------

_CLOCK = (
    # "9am", "9:30 p.m.", and the short "9a-5p" of US postings
    r"(?P<h{n}>1[0-2]|0?[1-9])(?:[:.](?P<m{n}>[0-5]\d))?(?:\s*(?P<ap{n}>[ap])\.?\s?m\b\.?|(?P<s{n}>[ap])\b)"
    r"|(?P<H{n}>[01]?\d|2[0-3]):(?P<M{n}>[0-5]\d)"
)
_HOURS = anchored(
    rf"\b(?:{_CLOCK.format(n=1)})\s*(?:-|–|—|to|until|till)\s*(?:{_CLOCK.format(n=2)})\s*"
    r"\(?\s*(?:u\.?s\.?\s+)?(?P<tz>pacific|mountain|central|eastern|pt|pst|pdt|mt|mst|ct|cst|"
    r"cdt|et|est|edt|gmt|utc|uk|london|bst|cet|cest|ist|sgt|aest|aedt)\b",
    NOCASE,
)
# The hours are the job's own: "core hours are", "shift", "online for", "available".
_HOURS_KEPT = re.compile(
    r"\b(?:core|working|work|business|office|shift|support|day)\s+hours?\b|\bshifts?\b|"
    r"\bhours\s+of\s+work\b|"
    r"\bschedule\b|\btimings?\b|\bavailab\w*|\bonline\b|\bwork(?:ing)?\s+(?:from|between)\b|"
    r"\b(?:must|will|to)\s+work\s*$|\b(?:business|working|work)\s+day\b",
    NOCASE,
)
# A shift called a night shift is one where the hire lives, whatever zone's hours it covers
# ("Night shift, 10:00 PM - 7:00 AM (US Eastern hours)"): those hours say nothing more.
_NIGHT_NAMED = re.compile(r"\bnight\b|\bgraveyard\b|\bovernight\b", NOCASE)
# ...when the zone is the hours the shift covers ("(US Eastern hours)"), not its clock's:
# "a night shift role (7:00 PM - 4:00 AM IST)" keeps its hours.
_ZONE_COVERED = re.compile(r"\s+(?:business\s+|working\s+|office\s+)?hours\b", NOCASE)
# ...not a few hours of overlap with them ("work hours that mostly overlap with 9a-5p
# Eastern" keeps the hours).
_OVERLAP = re.compile(r"(?<!mostly )(?<!fully )(?<!largely )\boverlap\w*", NOCASE)


def hours_in(scan: Scan) -> tuple[float, ...]:
    """The working hours the job keeps in a named time zone, as (start, end) in UTC hours
    ("core hours 9am-5pm US Pacific" -> (17.0, 1.0)); () when the text names none."""
    text = scan.text
    zones = taxonomy("conditions")["time_zones"]
    for m in scan.finditer(_HOURS):
        before = text[max(0, m.start() - 100) : m.start()]
        clause = re.split(r"[.;\n]", before)[-1]
        if not _HOURS_KEPT.search(clause) or _OVERLAP.search(clause):
            continue
        if _NIGHT_NAMED.search(clause) and _ZONE_COVERED.match(text, m.end()):
            return ()
        offset = float(zones[m.group("tz").lower()])
        start, end = _hour(m, 1), _hour(m, 2)
        return ((start - offset) % 24, (end - offset) % 24)
    return ()


def _hour(m: re.Match[str], n: int) -> float:
    """Clock `n` of an _HOURS match as hours after midnight, local time."""
    if m.group(f"H{n}") is not None:
        return int(m.group(f"H{n}")) + int(m.group(f"M{n}")) / 60
    meridiem = m.group(f"ap{n}") or m.group(f"s{n}")
    hour = int(m.group(f"h{n}")) % 12 + (12 if meridiem.lower() == "p" else 0)
    return hour + int(m.group(f"m{n}") or 0) / 60
