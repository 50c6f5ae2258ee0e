"""The US states a remote job may be done from, where the text lists them ("Applicants must
reside in one of the following states: IA, MN, WI, IL"; "At this time we can only hire in
the following states: California, Washington, ..."): employers register payroll state by
state, so a remote-US job is often open to a few states only. Empty when no list is given.
"""

from __future__ import annotations

import functools
import re

from matcher.extract.patterns import anchored
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE
from matcher.taxonomy_data import taxonomy

_FOLLOWING = r"(?:the\s+)?following\s+(?:u\.?s\.?\s+)?states"
# What introduces the list: residence required in, or hiring possible only in, some states.
_CUE = anchored(
    rf"\b(?:reside|resides|residing|live|living|located|based|residents?)\s+(?:in\s+)?"
    rf"(?:one\s+of\s+)?{_FOLLOWING}\b|"
    rf"\b(?:hire|hiring|employ)\s+(?:only\s+)?(?:in|from)\s+{_FOLLOWING}\b|"
    r"\b(?:eligible|approved|registered|supported)\s+(?:hiring\s+)?states\s*(?:include|are)?\s*:|"
    r"\bstates\s+(?:where\s+)?we\s+(?:can|are\s+able\s+to)\s+(?:hire|employ)\b",
    NOCASE,
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
    cue = scan.search(_CUE)
    if cue is None:
        return ()
    text = scan.text
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
