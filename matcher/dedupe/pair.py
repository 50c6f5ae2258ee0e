"""One pair of listings: the records, their normalised keys and places (what blocks
them), and `same_job`, the decision whether two listings are one job and why."""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from matcher.dedupe.companies import is_agency, normalise_company
from matcher.dedupe.descriptions import (
    _compare_descriptions,
    _description,
    agency_copy,
    text_language,
)
from matcher.dedupe.title_match import (
    _compare_titles,
    _decoration_only,
    _named_by_agency,
    _title_conflict,
    added_words_named,
    shift_conflict,
)
from matcher.dedupe.titles import (
    _levels,
    _without_company,
    normalise_title,
    requisition,
    same_words,
    translated,
)
from matcher.extract import parse_location
from matcher.regions import countries_of

ItemId = int | str


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DedupeItem:
    """One stored listing, as much as deduplication needs.

    `description` may be HTML or text. `city`/`country` (canonical name, ISO alpha-2) are
    read from `location` when both are None; `work_mode` is "remote", "hybrid" or "onsite".
    `words`, when given, is `word_hashes` of the description's stored `description_words`:
    then the description is not read, and may be left empty.
    """

    id: ItemId
    company: str
    title: str
    location: str
    description: str
    city: str | None = None
    country: str | None = None
    work_mode: str | None = None
    words: array[int] | None = None
    years_min: int | None = None  # the experience asked (from the facts), when stated
    remote_scope: tuple[str, ...] = ()  # regions or countries a remote job is open to (facts)
    employment: str | None = None  # the terms offered, as the facts read them
    # The employer's own board (ATS, careers page) it came from, if it did: such a board
    # lists each requisition once, so two of its open listings are two jobs.
    board: str | None = None


def item_words(item: DedupeItem) -> array[int]:
    """The item's description word hashes: as given, else read from its description."""
    return item.words if item.words is not None else _description(item.description)


@dataclass(frozen=True, slots=True)
class JobKey:
    """The normalised, comparable part of a listing (descriptions are read lazily)."""

    company: str
    title: str
    levels: tuple[str, ...]
    city: str | None
    country: str | None
    remote: bool

    @property
    def place(self) -> str:
        """The coarse location key: city, else country, else "remote" or ""."""
        if self.city:
            return self.city.lower()
        if self.country:
            return self.country.lower()
        return "remote" if self.remote else ""


# --- keys -----------------------------------------------------------------------------

_REMOTE_PLACE = re.compile(r"remote|anywhere|worldwide|work from home|\bwfh\b", re.I)


@functools.lru_cache(maxsize=1 << 16)
def _parsed_place(location: str) -> tuple[str | None, str | None]:
    return parse_location(location)


def _place(item: DedupeItem) -> tuple[str | None, str | None]:
    """(city, ISO country) as given, else as read from the location."""
    city, country = item.city, item.country
    if city is None and country is None and item.location:
        city, country = _parsed_place(item.location[:300])
    return city, (country.upper() if country else None)


def job_key(item: DedupeItem) -> JobKey:
    """Everything cheap about an item, normalised."""
    city, country = _place(item)
    remote = (
        item.work_mode == "remote"
        if item.work_mode is not None
        else bool(_REMOTE_PLACE.search(item.location[:300]))
    )
    company = normalise_company(item.company)
    title = _without_company(normalise_title(item.title), company)
    return JobKey(
        company=company,
        title=title,
        levels=_levels(title),
        city=city,
        country=country,
        remote=remote,
    )


def blocking_key(item: DedupeItem) -> tuple[str, ...]:
    """(normalised company, coarse location): only items in one block are compared.

    The location is the city, else the country, else "remote" or "". An item with a less
    specific place is also compared with its company's more specific blocks that it could
    belong to (see `group`), since "Remote" and "Bengaluru" may be the same job.
    """
    key = job_key(item)
    return key.company, key.place


def _place_conflict(a: JobKey, b: JobKey) -> str | None:
    """Why two places cannot be one job's, or None. A missing city or country is no
    contradiction: "Remote" (anywhere) fits every city."""
    if a.country and b.country and a.country != b.country:
        return f"different country: {a.country} vs {b.country}"
    if a.city and b.city and a.city.lower() != b.city.lower():
        return f"different city: {a.city} vs {b.city}"
    return None


def board_conflict(
    a: str | None,
    b: str | None,
    words_a: Callable[[], array[int]],
    words_b: Callable[[], array[int]],
) -> str | None:
    """Two open listings of one employer's own board are two requisitions, unless their
    texts are in two languages (one requisition posted in each, as bilingual employers do)."""
    if a is None or a != b or text_language(words_a()) != text_language(words_b()):
        return None
    return f"two listings of one employer's board ({a})"


def years_conflict(a: int | None, b: int | None) -> str | None:
    """One employer's two listings that ask different experience are two requisitions (a
    new one under the old title and template: "10+ years, manages three TPMs"). An
    agency's copy may restate the years, so it is not held to this."""
    if a is not None and b is not None and a != b:
        return f"different years asked: {a} vs {b}"
    return None


def scope_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """One employer's remote openings for regions that share no country ("Remote -
    Americas", "Remote - APAC") are two requisitions; "EMEA" and "Europe" may be one."""
    if a and b and countries_of(a).isdisjoint(countries_of(b)):
        return f"different remote regions: {'/'.join(a)} vs {'/'.join(b)}"
    return None


def open_to(scope: tuple[str, ...], country: str | None) -> tuple[str, ...]:
    """Where a listing may be done from: its remote scope, else its country (if any)."""
    return scope or ((country,) if country else ())


# --- the confirm step -----------------------------------------------------------------


def same_job(a: DedupeItem, b: DedupeItem) -> tuple[bool, str]:
    """Whether two listings are one job, and why (the reasons `group` merges by).

    Never the same job: different normalised companies, different level words (Junior vs
    Senior, I vs II), different cities or countries (a missing place is no conflict), a
    specialisation word in one title and another in the other. Otherwise the titles must
    be near-equal and the descriptions similar.
    """
    ka, kb = job_key(a), job_key(b)
    agency = ka.company != kb.company and (is_agency(a.company) or is_agency(b.company))
    if ka.company != kb.company and not agency:
        return False, f"different company: {ka.company!r} vs {kb.company!r}"
    if ka.levels != kb.levels:
        levels_a, levels_b = " ".join(ka.levels) or "none", " ".join(kb.levels) or "none"
        return False, f"different level: {levels_a} vs {levels_b}"
    words_a = functools.cache(lambda: item_words(a))
    words_b = functools.cache(lambda: item_words(b))
    conflict = (
        _place_conflict(ka, kb)
        or _title_conflict(
            ka.title,
            kb.title,
            requisition(a.title),
            requisition(b.title),
            a.employment,
            b.employment,
        )
        or shift_conflict(ka.title, kb.title, words_a, words_b)
        or (None if agency else years_conflict(a.years_min, b.years_min))
        or (None if agency else board_conflict(a.board, b.board, words_a, words_b))
        # A remote scope against the other's country too: "Remote (EMEA)" is not "(US)".
        or scope_conflict(open_to(a.remote_scope, ka.country), open_to(b.remote_scope, kb.country))
    )
    if conflict:
        return False, conflict
    # The cheap vetoes come first: most candidates fail on the title, before any text is read.
    veto, title_score, superset = _compare_titles(ka.title, kb.title)
    named = False
    if veto:
        named = _decoration_only(ka.title, kb.title, words_a, words_b)
        if not named and agency:
            named = _named_by_agency(
                ka.title, kb.title, is_agency(a.company), is_agency(b.company), words_a, words_b
            )
        if not named:
            return False, veto
    if agency:  # an agency's copy: the employer's duties rewritten under its name
        shared = agency_copy(words_a(), words_b())
        if shared is None:
            return (
                False,
                f"different company: {ka.company!r} vs {kb.company!r} (an agency's, not a copy)",
            )
        return (
            True,
            f"an agency's copy: {ka.company!r} and {kb.company!r}, description words {shared:.2f}",
        )
    if same_words(ka.title, kb.title) and translated(a.title) != translated(b.title):
        return True, "same company, the same title in two languages (texts not comparable)"
    named_too = superset and added_words_named(ka.title, kb.title, words_a, words_b)
    ok, summary, _ = _compare_descriptions(words_a(), words_b(), strict=superset, named=named_too)
    if not ok and text_language(words_a()) != text_language(words_b()):
        # One employer's title, place and terms, its texts in two languages: one requisition
        # posted twice (word for word the texts cannot be compared).
        return True, "same company, the same job's texts in two languages"
    title = f"title {title_score:.0f}" + (" (one title adds words)" if superset else "")
    if named_too:
        title += " (its text names them)"
    if named:
        title += " (each text names the other's title words)"
    return ok, f"same company, {title}, {summary}"
