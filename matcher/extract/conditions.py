"""Working conditions a listing imposes and the travel it asks, read from its scan.

The same rules as matcher.conditions.imposed and travel_percent (which read a plain
string, for the profile side and tests), with every pattern tried only where it can match.
"""

from __future__ import annotations

import functools

from matcher.conditions import (
    _TRAVEL,
    Condition,
    conditions,
    implied_travel,
    negated,
    travel_share,
)
from matcher.extract.patterns import Anchored, Table, anchored, literal, table
from matcher.extract.scan import Scan

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
        groups.append([condition.phrases.pattern])
        groups.append([condition.patterns.pattern] if condition.patterns is not None else [])
    return found, table(groups)


def imposed_in(scan: Scan) -> tuple[str, ...]:
    """Names of the conditions the text imposes (a negated mention imposes nothing)."""
    found, mentions = _conditions()
    text = scan.text
    unnegated = {
        g for g, m in scan.finditer_groups(mentions) if not negated(text, m.start(), m.end())
    }
    names = []
    for number, condition in enumerate(found):
        # As imposed(): the phrases only when a phrase's first word is in the text.
        said = any(not word or scan.contains(word) for word in condition.first_words)
        if (said and 2 * number in unnegated) or 2 * number + 1 in unnegated:
            names.append(condition.name)
    return tuple(names)


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
