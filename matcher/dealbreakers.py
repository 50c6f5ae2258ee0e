"""Dealbreakers: what scores a listing 0 whatever else fits — a right to work the profile
lacks, a working condition or night-time hours it excludes, an exclude keyword the text
says. (An impossible place is the location component's: `components.location_fit`.)"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from matcher.components import home_utc_offset
from matcher.conditions import (
    Excluded,
    conditions,
    hire_spared,
    kept,
    negated,
    normalise,
    own_hours_stated,
)
from matcher.facts import Facts
from matcher.profile import Profile
from matcher.regions import covers
from matcher.taxonomy_data import taxonomy

if TYPE_CHECKING:  # score imports this module
    from matcher.score import ProfileKeys


def dealbreaker(
    facts: Facts,
    profile: Profile,
    keys: ProfileKeys,
    *,
    title: str,
    text: str,
    home_country: str | None,
) -> tuple[str, str] | None:
    """(the reason shown, what rules the listing out), or None. Checked cheapest first.

    A night shift is decided in one place here: working hours stated in a time zone say
    better than any wording whether the job is at night where the profile lives ("6:30 PM
    to 3:30 AM IST" is a US day), so with them neither the condition nor the keyword
    "night shift" is read from the words."""
    blocker = _work_rights(facts, profile)
    if blocker:
        return f"dealbreaker: {blocker}", blocker
    clock = home_utc_offset(home_country) if len(facts.hours_utc) == 2 else None
    night = keys.ruled_out.conditions.get("night shift") if clock is not None else None
    reason = _ruled_out(facts, keys.ruled_out, hours_known=clock is not None) or _night_hours(
        facts, keys.ruled_out, clock
    )
    if reason is None and keys.excludes is not None:
        skip = frozenset({normalise(night)}) if night else frozenset()
        found = _excluded(f"{title}\n{text}".lower(), keys, skip)
        if found:
            said = normalise(found.group(0))
            reason = f"dealbreaker: mentions {keys.keywords.get(said, found.group(0))!r}"
    return (reason, reason) if reason else None


def _work_rights(facts: Facts, profile: Profile) -> str | None:
    """A requirement no application can meet: the right to work where the profile has none,
    or no sponsorship for someone who needs it. A profile that says nothing is never out."""
    held = profile.work_authorisation
    required = facts.work_authorisation
    # "EU" held covers a German requirement, and a German permit an "EU" one.
    if (
        held
        and required
        and not any(
            covers((need,), have) or covers((have,), need) for need in required for have in held
        )
    ):
        return f"requires the right to work in {', '.join(required)} (yours: {', '.join(held)})"
    if facts.no_sponsorship and profile.needs_sponsorship:
        return "no visa sponsorship (you need it)"
    return None


def _ruled_out(facts: Facts, ruled_out: Excluded, *, hours_known: bool = False) -> str | None:
    """A working condition the listing imposes that an exclude keyword names (a night
    shift only when its hours are not known: `_night_hours` reads those)."""
    for name in facts.conditions:
        if hours_known and name == "night shift":
            continue
        keyword = ruled_out.conditions.get(name)
        if keyword is not None:
            return f"dealbreaker: {name} (you exclude {keyword!r})"
    mode = ruled_out.modes.get(facts.work_mode)
    if mode is not None:
        return f"dealbreaker: {facts.work_mode} role (you exclude {mode!r})"
    term = ruled_out.terms.get(facts.employment or "")
    if term is not None:
        said = (facts.employment or "").replace("_", "-")
        return f"dealbreaker: {said} role (you exclude {term!r})"
    share = facts.travel_percent
    if ruled_out.travel is not None and share is not None and share >= ruled_out.travel[0]:
        return f"dealbreaker: travel up to {share}% (you exclude {ruled_out.travel[1]!r})"
    return None


NIGHT_HOURS = 3.0  # hours of a working day between 10 PM and 6 AM that make it a night shift


def _night_hours(facts: Facts, ruled_out: Excluded, offset: float | None) -> str | None:
    """Working hours kept in a named time zone that fall in the profile's night (`offset`:
    its hours from UTC), when it excludes night shifts: "9am-5pm US Pacific" is 10:30 PM-
    6:30 AM in India."""
    keyword = ruled_out.conditions.get("night shift")
    if keyword is None or offset is None or len(facts.hours_utc) != 2:
        return None
    start, end = ((hour + offset) % 24 for hour in facts.hours_utc)
    length = (end - start) % 24
    night = sum(0.5 for step in range(int(length * 2)) if not 6 <= (start + step / 2) % 24 < 22)
    if night < NIGHT_HOURS:
        return None
    return f"dealbreaker: night shift, {_clock(start)}-{_clock(end)} your time (you exclude {keyword!r})"


def _clock(hour: float) -> str:
    h, m = int(hour), round((hour % 1) * 60)
    return f"{h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}"


@lru_cache(maxsize=1)
def _names() -> re.Pattern[str]:
    names = taxonomy("conditions")["keyword_in_names"]["names"]
    return re.compile("|".join(re.escape(name) for name in names))


def _in_name(lowered: str, at: int) -> bool:
    """Whether the keyword at `at` is part of a body's name ("… Opportunity Commission")."""
    return any(
        m.start() <= at < m.end() for m in _names().finditer(lowered, max(0, at - 60), at + 60)
    )


def _settled(lowered: str, found: re.Match[str], ruled_out: Excluded) -> bool:
    """Whether the listing settles that the hire does not work the condition a keyword
    found at `found` names ("you will not be on call yourself", the hire's own hours), as
    the condition's own reading does (conditions.kept)."""
    said = normalise(found.group(0))
    for condition in conditions():
        keyword = ruled_out.conditions.get(condition.name)
        if keyword is None or normalise(keyword) != said:
            continue
        spared = any(
            negated(lowered, m.start(), m.end()) and hire_spared(lowered, m.start())
            for m in condition.phrases.finditer(lowered)
        )
        return not kept(
            condition.name, lowered, [found.span()], spared, lambda: own_hours_stated(lowered)
        )
    return False


def _excluded(
    lowered: str, keys: ProfileKeys, skip: frozenset[str] = frozenset()
) -> re.Match[str] | None:
    """The first exclude keyword the text says (not "no night shifts"), but those in `skip`
    (normalised). The regex is tried only where a keyword's first word occurs: several
    times faster than a whole search."""
    assert keys.excludes is not None
    for first in keys.first_words:
        at = lowered.find(first)
        while at >= 0:
            found = keys.excludes.match(lowered, at)
            if found and not _in_name(lowered, at):
                said = normalise(found.group(0))
                # Negated before or after ("no registration fee", "registration fee: none");
                # a keyword naming a condition is read as the condition is, headings too.
                named = said in keys.condition_keywords
                if (
                    said not in skip
                    and not negated(lowered, at, found.end(), heading=named)
                    and not (named and _settled(lowered, found, keys.ruled_out))
                ):
                    return found
            at = lowered.find(first, at + 1)
    return None
