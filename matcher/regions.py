"""Which countries a region word covers ("EMEA", "EU", "North America"), from
taxonomy/cities.toml: whether a remote job open only to a region is open to someone in a
given country."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from matcher.taxonomy_data import taxonomy


@functools.cache
def _members() -> dict[str, frozenset[str]]:
    """Lower-case region name or alias → ISO country codes."""
    data = taxonomy("cities")
    members = {name.lower(): frozenset(codes) for name, codes in data["region_countries"].items()}
    for name, parts in data["region_unions"].items():
        members[name.lower()] = frozenset().union(*(members[p.lower()] for p in parts))
    for alias, name in data["region_aliases"].items():
        members[alias.lower()] = members[name.lower()]
    return members


def canonical_region(word: str) -> str | None:
    """The region's name as the data spells it ("emea" → "EMEA"), or None if unknown."""
    data = taxonomy("cities")
    names = [*data["region_countries"], *data["region_unions"]]
    lowered = " ".join(word.split()).lower()
    for name in names:
        if name.lower() == lowered:
            return str(name)
    alias = {a.lower(): n for a, n in data["region_aliases"].items()}.get(lowered)
    return str(alias) if alias else None


def covers(scope: Iterable[str], country: str) -> bool:
    """Whether a remote scope (region names and ISO codes) includes the country."""
    members = _members()
    return any(
        item == country or country in members.get(item.lower(), frozenset()) for item in scope
    )


def countries_of(scope: Iterable[str]) -> frozenset[str]:
    """Every country a remote scope (region names and ISO codes) opens a job to."""
    members = _members()
    found: set[str] = set()
    for item in scope:
        found |= members.get(item.lower(), frozenset({item}))
    return frozenset(found)
