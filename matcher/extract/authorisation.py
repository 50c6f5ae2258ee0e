"""Blockers a candidate can't fix by applying well: where the listing requires the right to
work (or residence), and whether it rules out visa sponsorship. Silence says nothing."""

from __future__ import annotations

import re

from matcher.extract.patterns import anchored
from matcher.extract.place import place_names
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE
from matcher.regions import canonical_region

_PLACE = r"(?P<p>(?:the\s+)?[A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,3})"
_REQUIRED = (
    anchored(
        r"(?i:\b(?:must|should|need to|required to)\s+(?:be|have)\s+(?:legally\s+)?"
        r"(?:authori[sz]ed|eligible|permitted|entitled)\s+to\s+work\s+in)\s+" + _PLACE
    ),
    anchored(
        r"(?i:\b(?:only|exclusively)\s+(?:open\s+to\s+)?(?:candidates|applicants|people)\s+"
        r"(?:who\s+are\s+)?(?:based|residing|located|living)\s+in)\s+" + _PLACE
    ),
    anchored(
        r"(?i:\bmust\s+(?:reside|be\s+based|be\s+located|live|currently\s+reside)\s+in)\s+" + _PLACE
    ),
)
# "<Place> work permit required": looked for from the phrase back to the place, since a
# pattern opening with any capitalised word starts at nearly every word of a text.
_RIGHTS_REQUIRED = anchored(
    r"(?i:work\s+(?:authori[sz]ation|permit|visa|rights?)\s+(?:is\s+)?(?:required|mandatory|needed))"
)
_RIGHTS_PLACE = re.compile(r"(?i:\b(?:valid\s+|current\s+)?)(?P<p>US|U\.S\.|UK|EU|[A-Z][a-z]+)\s+$")
_BEFORE = 200  # characters before the phrase where its place may start
_US_CITIZEN = anchored(
    r"\b(?:US|U\.S\.)\s+citizens?(?:hip)?\s+(?:only|is\s+required|required)\b|"
    r"\bmust\s+be\s+(?:a\s+)?(?:US|U\.S\.)\s+citizen\b",
    NOCASE,
)
_NO_SPONSORSHIP = anchored(
    r"\b(?:no|not|unable\s+to|cannot|can't|will\s+not|won't|do\s+not|does\s+not|are\s+not\s+able\s+to)"
    r"\s+(?:currently\s+)?(?:provide\s+|offer\s+|support\s+|be\s+able\s+to\s+)?(?:work\s+)?"
    r"(?:visa\s+|immigration\s+)?sponsor(?:ship|s)?\b|"
    r"\bsponsorship\s+(?:is\s+)?(?:not|un)\s*(?:available|provided|offered)\b|"
    r"\bwithout\s+(?:the\s+)?(?:need\s+for|requiring)\s+(?:current\s+or\s+future\s+)?(?:visa\s+)?"
    r"sponsorship\b",
    NOCASE,
)


def _places(words: str) -> list[str]:
    """ISO codes (or region names such as EU) the words name."""
    places = place_names()
    found = [
        places["country_lookup"][m.group(0).lower()] for m in places["country_re"].finditer(words)
    ]
    for token in words.replace(",", " ").split():
        region = canonical_region(token.strip("."))
        if region:
            found.append(region)
    return found


def authorisation_in(scan: Scan) -> tuple[tuple[str, ...], bool]:
    """(countries or regions whose work authorisation or residence is required, whether
    visa sponsorship is ruled out)."""
    required: list[str] = []
    for pattern in _REQUIRED:
        for m in scan.finditer(pattern):
            required += _places(m.group("p"))
    required += _rights_required(scan)
    if scan.search(_US_CITIZEN):
        required.append("US")
    return tuple(sorted(set(required))), scan.search(_NO_SPONSORSHIP) is not None


def _rights_required(scan: Scan) -> list[str]:
    """The places of "<place> work permit required": the matches one pattern with the
    place first would give, left to right and not overlapping."""
    text, found, last = scan.text, [], 0
    for phrase in scan.finditer(_RIGHTS_REQUIRED):
        start = phrase.start()
        if start <= last:
            continue
        place = _RIGHTS_PLACE.search(text, max(last, start - _BEFORE), start)
        if place is not None:
            found += _places(place.group("p"))
            last = phrase.end()
    return found
