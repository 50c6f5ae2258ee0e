"""Pay ranges written around other words, read as one range before the amounts are: the
unit at both ends ("USD$190,000 per year - USD$211,000 per year"), "between ... and ...",
"from ... up to ...", "min ... max ...", Indian "/-"."""

from __future__ import annotations

import re

from matcher.extract.patterns import anchored
from matcher.extract.scan import Scan

# Ranges written with their unit at both ends read as one range: "USD$190,000 per year -
# USD$211,000 per year", "$44/hr to $46/hr", "from $135,000/year up to $155,000/year", and
# a board's "min 90000 max 110000 USD YEARLY".
_PERIOD_BEFORE_SEP = re.compile(
    r"(\d\s?(?:k|m|l|lpa|cr)?)\s*(?:/|per\s+|an?\s+)(?:year|yr|annum|hour|hr|month|mo|m[êe]s)\b\.?\s*"
    r"(?=(?:-|–|—|to|up\s+to)\s*(?:[a-z]{1,3}\s?\$?|[$₹€£₱฿₫₪₺¥₩])?\s?\d)",
    re.IGNORECASE,
)
# A currency written before an amount, in the ranges below.
_DOLLARS_ETC = (
    r"(?:usd\s?\$|usd|inr|eur|gbp|cad|aud|sgd|us\$|ca\$|c\$|au\$|a\$|nz\$|sg\$|s\$|[$₹€£])"
)
_UP_TO_SECOND = re.compile(rf"(\d)\s+up\s+to\s+(?={_DOLLARS_ETC}?\s?\d)", re.IGNORECASE)
# "ranges from $156,000/year in our lowest geographic market up to $245,000/year"
_FROM_THEN_TO = re.compile(
    rf"\bfrom\s+({_DOLLARS_ETC}\s?\d[\d,.]*\s?[km]?)(?:\s*(?:/|per\s+|an?\s+)"
    rf"(?:year|yr|annum|hour|hr|month|mo)\b\.?)?[^.;:\n$₹€£]{{1,60}}?\b(?:up\s+)?to\s+(?={_DOLLARS_ETC}\s?\d)",
    re.IGNORECASE,
)
_MIN_MAX = re.compile(
    r"\bmin(?:imum)?\s*:?\s*([$₹€£]?\s?\d[\d.,]*)\s+max(?:imum)?\s*:?\s*", re.IGNORECASE
)
# "between $102,000 USD and $138,000 USD": "and" joins the range; a currency after the
# first amount is said again after the second.
_BETWEEN_WORDS = ("between", "tussen", "zwischen", "entre")
_BETWEEN = re.compile(
    # French writes the currency after the amount, thousands apart: "entre 90 000 $ et 110 000 $"
    rf"\b(?:{'|'.join(_BETWEEN_WORDS)})\s+({_DOLLARS_ETC}?\s?\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+\s?\$?"
    rf"|{_DOLLARS_ETC}?\s?\d[\d,.]*\s?[km]?)"
    rf"(?:\s?(?:usd|inr|eur|gbp|cad|aud|sgd))?\s+(?:and|en|und|et|y|e)\s+(?={_DOLLARS_ETC}?\s?\d)",
    re.IGNORECASE,
)
# Indian amounts end with "/-" ("6,00,000/- to 8,00,000/- per year").
_RUPEE_DASH = re.compile(r"(\d)/-")
_JOINED = re.compile(
    rf"\d\s?[kml]?\s*(?:/|per\s|an?\s)|up\s+to|\bmin|\bfrom\b|\b(?:{'|'.join(_BETWEEN_WORDS)})\b",
    re.IGNORECASE,
)


def joined_ranges(text: str) -> str:
    """`text` with ranges whose unit is repeated at both ends written once, at the end."""
    if not _JOINED.search(text):
        return text
    # Each rewrite runs only where its word is in the text (a whole-text substitution costs
    # tens of microseconds a kilobyte); no rewrite writes another's word.
    lower = text.lower()
    if "/-" in text:
        text = _RUPEE_DASH.sub(r"\1", text)
    if any(word in lower for word in _BETWEEN_WORDS):
        text = _BETWEEN.sub(r"between \1 - ", text)
    if "min" in lower:
        text = _MIN_MAX.sub(r"\1 - ", text)
    text = _PERIOD_BEFORE_SEP.sub(r"\1 ", text)
    if "from" in lower:
        text = _FROM_THEN_TO.sub(r"from \1 - ", text)
    return _UP_TO_SECOND.sub(r"\1 to ", text) if "up" in lower else text


# What every match of each rewrite above contains, registered with the scan: a description's
# scan tells at little cost that joined_ranges would return it unchanged (the usual case),
# without the rewrites' passes over the whole text. A rewrite opening with a digit would be
# tried at every number: its sign is a later part of it (its unit and separator, its "up to").
_PERIOD_SIGN = re.compile(
    r"(?:year|yr|annum|hour|hr|month|mo|m[êe]s)\b\.?\s*(?:-|–|—|to|up\s+to)", re.IGNORECASE
)
_REWRITE_SIGNS = tuple(anchored(p) for p in (_BETWEEN, _MIN_MAX, _FROM_THEN_TO, _PERIOD_SIGN))
# "up to" is common ("up to 5%"): each is followed back to the digit a match opens with.
_UP_TO_SIGN = anchored(r"\bup\s+to\s", re.IGNORECASE)
_SPACE = re.compile(r"\s")


def _up_to_second_in(scan: Scan) -> bool:
    """Whether `_UP_TO_SECOND` matches in the scanned text: a match is a digit, spaces, then
    an "up to" (found by the scan), so it starts just before the spaces ending at one."""
    text = scan.text
    for sign in scan.finditer(_UP_TO_SIGN):
        start = sign.start()
        while start > 0 and _SPACE.match(text, start - 1):
            start -= 1
        if start > 0 and _UP_TO_SECOND.match(text, start - 1):
            return True
    return False


def joins_nothing(scan: Scan) -> bool:
    """Whether no rewrite of joined_ranges finds anything in the scanned text: then it
    returns the text as it is."""
    return (
        "/-" not in scan.text
        and all(scan.search(sign) is None for sign in _REWRITE_SIGNS)
        and not _up_to_second_in(scan)
    )
