"""Where a remote job may be done from, beyond its country or region: the US states it is
open to ("Applicants must reside in one of the following states: IA, MN, WI, IL"; employers
register payroll state by state), the countries it cannot hire in ("remote-first, but we
cannot hire in India or China"), and a band of time zones ("remote from any country between
UTC-3 and UTC+3"). Each empty when the text says none.
"""

from __future__ import annotations

import functools
import re

from matcher.extract.patterns import anchored
from matcher.extract.place import countries_in
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE
from matcher.taxonomy_data import taxonomy

# What introduces the list: residence required in, or hiring possible only in, some states.
# Found from "following states" or "states" (rare words; "based", "live" or "hire" are in
# most texts), then what stands before them checked (`_RESIDE_OR_HIRE`).
_CUE = anchored(
    r"\bfollowing\s+(?:u\.?s\.?\s+)?states\b|"
    r"\bstates\s*(?:include|are)?\s*:|"
    r"\bstates\s+(?:where\s+)?we\s+(?:can|are\s+able\s+to)\s+(?:hire|employ)\b|"
    # the states named without the word: "we can currently only employ people who live in
    # Arizona, Colorado, Florida"
    r"\b(?:hire|employ)\s+(?:people|candidates|residents|employees|those)\s+(?:who\s+)?"
    r"(?:live|living|reside|residing|are\s+based|based|located)\s+in\b|"
    # ...or the job open only to them: "a remote role for candidates who live in Texas" (the
    # "for" checked before: `_FOR_THEM`)
    r"\b(?:candidates|applicants|people|those)\s+(?:who\s+)?"
    r"(?:live|living|reside|residing|are\s+based|based|located)\s+in\b",
    NOCASE,
)
_FOR_THEM = re.compile(r"\b(?:for|to)\s+$", re.IGNORECASE)
# "Remote for Georgia residents", "open to Texas residents only": one state, named before,
# of the job (not a privacy notice's "rights available to California residents"). Read back
# from each "residents" (the job's words are in every text).
_STATE_RESIDENTS = re.compile(
    r"\b(?:remote|role|position|job|opportunity|open)\b[^.;\n]{0,30}?\b(?:for|to)\s+"
    r"(?P<s>[A-Za-z]+(?:\s[A-Za-z]+)?)\s+residents$",
    re.IGNORECASE,
)
_RESIDENTS_REACH = 80  # characters before "residents" its phrase may take
_RESIDE_OR_HIRE = re.compile(
    r"\b(?:reside|resides|residing|live|living|located|based|residents?|hire|hiring|employ|"
    r"eligible|approved|registered|supported)\b",
    re.IGNORECASE,
)
# ...unless it lists the states that are *not* open: "cannot hire in the following states".
_REFUSED = re.compile(r"\b(?:not|cannot|can't|unable|except|excluding|exclude)\b", re.I)
_LIST_SPAN = 600  # characters after the cue the list may take
_LEAD = " \t\n:.-–—*•("  # what may stand between the cue and the list
# Between two states of a list: separators only (commas, "and", "or", bullets, brackets).
_SEPARATOR = re.compile(r"^[\s,;/&()*•·\-–—|]*(?:(?:and|or)\b[\s,;/&()*•·\-–—|]*)?$", re.I)


@functools.cache
def _state_names() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every state's name (any case) and code (capitals), and the code of
    each lower-cased name and code."""
    states: dict[str, str] = taxonomy("cities")["us_states"]
    names = sorted(states.values(), key=len, reverse=True)
    pattern = re.compile(
        r"\b(?:(?i:" + "|".join(map(re.escape, names)) + r")|" + "|".join(states) + r")\b"
    )
    code_of = {name.lower(): code for code, name in states.items()}
    code_of.update({code.lower(): code for code in states})
    return pattern, code_of


def remote_states_in(scan: Scan) -> tuple[str, ...]:
    """The state codes the text restricts residence or hiring to, sorted; () when none."""
    text = scan.text
    cue = next(
        (
            m
            for m in scan.finditer(_CUE)
            if m.group(0).lower().startswith(("states w", "hire", "employ"))
            or (
                m.group(0).lower().startswith(("candidates", "applicants", "people", "those"))
                and _FOR_THEM.search(text, max(0, m.start() - 4), m.start()) is not None
            )
            or _RESIDE_OR_HIRE.search(text, max(0, m.start() - 60), m.start())
        ),
        None,
    )
    if cue is None:
        return _state_residents(scan)
    sentence_start = max(text.rfind(".", 0, cue.start()), text.rfind("\n", 0, cue.start()))
    if _REFUSED.search(text, sentence_start + 1, cue.end()):
        return ()
    pattern, code_of = _state_names()
    found: list[str] = []
    last = cue.end()
    for m in pattern.finditer(text, cue.end(), cue.end() + _LIST_SPAN):
        gap = text[last : m.start()]
        # The list starts right after the cue and ends where other words come between two
        # states.
        if (_SEPARATOR.match(gap) is None) if found else bool(gap.strip(_LEAD)):
            break
        found.append(code_of[m.group(0).lower()])
        last = m.end()
    return tuple(sorted(set(found)))


def _state_residents(scan: Scan) -> tuple[str, ...]:
    """The state of "remote for Georgia residents", as a one-state list."""
    pattern, code_of = _state_names()
    text = scan.text
    # (positions in the lower-cased text are the text's unless lower-casing moved them)
    lower = scan.lower if len(scan.lower) == len(text) else text
    at = lower.find(" residents")
    while at >= 0:
        end = at + len(" residents")
        m = _STATE_RESIDENTS.search(text, max(0, at - _RESIDENTS_REACH), end)
        if m is not None and pattern.fullmatch(m.group("s")):
            return (code_of[m.group("s").lower()],)
        at = lower.find(" residents", end)
    return ()


# --- countries a remote job cannot hire in ----------------------------------------------

_PLACES = r"(?P<p>[A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,2}(?:\s*(?:,|or|and|&|/)\s*[A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,2})*)"
_CANNOT_HIRE = anchored(
    r"(?i:\b(?:cannot|can't|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:currently\s+)?"
    r"(?:hire|employ|accept\s+(?:applications|candidates|applicants))\s+(?:(?:people|candidates|"
    r"anyone)\s+)?(?:from|in|based\s+in|located\s+in)\s+)"
    + _PLACES
    # "this posting is for international, so you should live outside the United States"
    + r"|(?i:\b(?:live|living|reside|residing|be\s+based|located)\s+outside\s+(?:of\s+)?(?:the\s+)?)"
    + _PLACES.replace("(?P<p>", "(?P<q>")
)


def remote_excluded_in(scan: Scan) -> tuple[str, ...]:
    """The countries the text says the job cannot hire in, sorted; () when it names none."""
    found: set[str] = set()
    for m in scan.finditer(_CANNOT_HIRE):
        found.update(countries_in(m.group("p") or m.group("q")))
    return tuple(sorted(found))


# --- a band of time zones ----------------------------------------------------------------

_OFFSET = r"(?:utc|gmt)\s*(?P<{name}>[+−–-]\s*\d{{1,2}}(?:[:.]\d{{2}})?|±\s*0|0)"
_UTC_BAND = anchored(
    r"\b(?:between\s+)?"
    + _OFFSET.format(name="a")
    + r"\s*(?:and|to|until|–|—|-)\s*(?:utc|gmt)?\s*(?P<b>[+−–-]\s*\d{1,2}(?:[:.]\d{2})?)",
    NOCASE,
)


def _hours(offset: str) -> float:
    sign = -1.0 if offset[:1] in "−–-" else 1.0
    digits = offset.lstrip("+−–-± ").replace(".", ":")
    hours, _, minutes = digits.partition(":")
    return sign * (int(hours) + (int(minutes) / 60 if minutes else 0.0))


def remote_utc_band_in(scan: Scan) -> tuple[float, ...]:
    """(west, east) UTC offsets a remote job's hires must live between ("from any country
    between UTC-3 and UTC+3"); () when the text names no band."""
    m = scan.search(_UTC_BAND)
    if m is None:
        return ()
    west, east = sorted((_hours(m.group("a")), _hours(m.group("b"))))
    return (west, east) if west < east and east - west <= 14 else ()
