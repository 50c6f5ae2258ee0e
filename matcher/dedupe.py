"""Which stored listings are the same job: one posting seen on several boards, or reposted.

Pure and deterministic, no I/O. Two steps, the usual record-linkage shape:

1. **Blocking.** Only listings of the same normalised company, the same level words and a
   compatible place are ever compared (`blocking_key`), and within a block a listing is
   compared with at most `window` of the most recent earlier listings. A million listings
   therefore cost a few comparisons each, never a pairwise sweep.
2. **Confirming.** `same_job` decides one pair from its titles (rapidfuzz, plus a veto on
   any specialisation word one title has and the other lacks) and the word overlap of
   its descriptions, and says why.

`group` joins confirmed pairs with union-find; a group's id is its smallest listing id.
The confirm step errs towards *not* merging: two distinct jobs shown as one hides a job
from the candidate, while a missed duplicate only shows a job twice.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from matcher.collector import collector_paused
from matcher.extract import html_to_text, parse_location

__all__ = [
    "DedupeItem",
    "ItemId",
    "JobKey",
    "blocking_key",
    "group",
    "group_incremental",
    "job_key",
    "normalise_company",
    "normalise_title",
    "same_job",
]

ItemId = int | str

# --- thresholds, and why ---------------------------------------------------------------
#
# Titles. The same job on two boards carries the same title words up to punctuation, word
# order, abbreviations (expanded below) and board noise ("(Remote)", "m/f/d", job ids),
# all removed by `normalise_title`. What is left may differ by a typo ("Tecnical"): 90 on
# token_sort_ratio allows about one wrong character in ten. The ratio alone cannot tell
# "Senior TPM, Payments" from "Senior TPM, Identity" (78, and closer for longer titles),
# so a word that only one title has and that is no typo of a word in the other vetoes the
# pair: different specialisations are different jobs.
TITLE_MIN = 90.0
# A word that pairs with a word of the other title at this ratio is the same word
# misspelt ("programme"/"program" 88, "tecnical"/"technical" 94; "junior"/"senior" 67).
TYPO_MIN = 80.0
# Descriptions: the content words of the first DESCRIPTION_CHARS characters, where the
# role summary, duties and requirements are; benefits and legal boilerplate come last. On
# the dev set the same job reworded for another board shares 0.52-0.69 of its words
# (Jaccard), while different jobs, at one company included, share at most 0.28. The
# threshold sits between the two, nearer the duplicates: precision first.
DESCRIPTION_CHARS = 3000
WORDS_MIN = 0.45
# An aggregator often keeps only the start of a description: then nearly every word of the
# shorter text is in the longer one, though Jaccard is low. Reworded duplicates reach
# 0.74-0.84 here, different jobs at most 0.52, so only near-subsets pass.
CONTAINED_MIN = 0.9
# When one title is a strict superset of the other ("Senior TPM" / "Senior TPM, Payments")
# the shorter may be a less specific label of the same job, or a generic opening beside
# a specific one. Only near-copies of the description may merge then.
SUPERSET_WORDS_MIN = 0.6
# Fewer words than this cannot confirm anything ("See website").
MIN_DESCRIPTION_WORDS = 20
# At most this many most recent listings of a block are compared with a new one. Reposts
# and cross-posts appear within days of each other, so they are near in posting order.
WINDOW = 50


# --- records --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DedupeItem:
    """One stored listing, as much as deduplication needs.

    `description` may be HTML or text. `city`/`country` (canonical name, ISO alpha-2) are
    read from `location` when both are None; `work_mode` is "remote", "hybrid" or "onsite".
    """

    id: ItemId
    company: str
    title: str
    location: str
    description: str
    city: str | None = None
    country: str | None = None
    work_mode: str | None = None


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


# --- companies ------------------------------------------------------------------------

# Trailing words that name a legal form or a generic line of business, not the company:
# "Acme Cloud Pvt. Ltd.", "Rupeeloop Fintech", "Voltmark Technologies GmbH". Words that are
# often the brand itself ("cloud", "data", "analytics", "ai") are not here.
_COMPANY_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "pvt", "private", "plc",
    "gmbh", "mbh", "kg", "ag", "bv", "nv", "sa", "sas", "sarl", "srl", "spa", "oy", "ab", "as",
    "aps", "pty", "pte", "kk", "corp", "corporation", "co", "company", "companies",
    "technologies", "technology", "tech", "fintech", "software", "solutions", "systems",
    "labs", "services", "group", "holdings", "holding", "international", "global", "india",
    "and",  # what is left of "GmbH & Co. KG"
})  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def normalise_company(name: str) -> str:
    """Lower-case company name without legal form, "the " or generic trailing words.

    "The Acme Cloud Pvt. Ltd." -> "acme cloud"; "Smith & Sons, Inc." -> "smith and sons".
    """
    # Dots go first so that "B.V." reads "bv" and "Pvt." reads "pvt".
    text = name[:300].replace(".", "").replace("&", " and ").replace("+", " and ")
    words = default_process(text).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


# --- titles ---------------------------------------------------------------------------

# Abbreviations undone so that "Sr. TPM Mgr" and "Senior TPM Manager" read alike. "TPM" is
# left alone: it may be a project, program or product manager (see `_spell_tpm`).
_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "mgr": "manager",
    "mngr": "manager", "programme": "program", "proj": "project", "prog": "program",
    "asst": "assistant", "assoc": "associate", "engg": "engineering",
}  # fmt: skip
_PHRASES = (("vice president", "vp"), ("dev ops", "devops"))
_GENDER = re.compile(
    r"\(?\b[mfwdx]\s*/\s*[mfwdx](?:\s*/\s*[mfwdx])?\b\)?|\(\s*(?:all genders|gn|h/f|f/h)\s*\)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_SEPARATOR = re.compile(r"\s+[-–—|/:@]\s+|\s*[|–—]\s*|,\s*")
# Pay in a title ("up to 90k", "$160k-$190k + equity", "25 LPA") says nothing of which job.
_PAY_IN_TITLE = re.compile(
    r"(?:up\s*to\s*)?[$£€₹]?\s?\d+(?:[.,]\d+)?\s?(?:k|m|lpa|lakhs?|l)\b"
    r"(?:\s*[-–]\s*[$£€₹]?\s?\d+(?:[.,]\d+)?\s?(?:k|m|lpa|lakhs?|l)\b)?(?:\s*\+\s*equity)?",
    re.I,
)
_YEARS_IN_TITLE = re.compile(r"\b\d+\s*(?:\+|-|–|to)?\s*\d*\s*\+?\s*(?:yrs?|years?)\b", re.I)
_JOB_ID = re.compile(r"(?:#|\b(?:req|job|jr|id|[a-z]{1,2})[\s#:-]*)?\b\w*\d\w*\d\w*\d\w*\b", re.I)
# A requisition number: "R-20431", "JR-8812", "REQ 10234", "#55123". Two different ones at one
# company are two openings, however alike their text.
_REQUISITION = re.compile(r"(?:#|\b(?:req|job|jr|id|r)\s*[#:-]?\s*)(\d{4,})\b", re.I)
# Employment type is not noise: a contract and a permanent opening are two jobs.
_EMPLOYMENT_WORDS = frozenset({
    "contract", "contractor", "ftc", "fixed", "temporary", "temp", "cdd", "c2h", "c2c",
    "freelance", "freelancer", "befristet", "interim", "part", "parttime",
})  # fmt: skip
# Words a board adds to a title that say nothing about the job itself. Employment type
# (contract, part time) is not noise: a contract and a permanent opening are two jobs.
_FILLER_WORDS = frozenset({
    "remote", "hybrid", "onsite", "wfh", "wfo", "urgent", "urgently", "hiring", "immediate",
    "immediately", "joiner", "joiners", "opening", "openings", "job", "role", "position",
    "vacancy", "full", "time", "fulltime", "in", "at", "the", "a", "an", "and", "of", "for",
    "with", "to", "fresher", "freshers",  # "(Freshers)": who may apply, not another job
})  # fmt: skip
# A whole bracketed or trailing segment made only of these (or a place) is dropped.
_NOISE_WORDS = _FILLER_WORDS | frozenset({
    "on", "site", "office", "work", "from", "home", "anywhere", "worldwide", "fully", "100",
    "new", "apply", "now", "based", "location", "only",
})  # fmt: skip
_LEVEL_WORDS = {
    "intern": "intern", "internship": "intern", "trainee": "intern", "apprentice": "intern",
    "graduate": "graduate",
    "junior": "junior", "associate": "associate", "assistant": "assistant",
    "mid": "mid", "intermediate": "mid", "senior": "senior", "lead": "lead",
    "staff": "staff", "principal": "principal", "head": "head", "director": "director",
    "vp": "vp", "chief": "chief", "distinguished": "distinguished",
    "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5",
    "1": "1", "2": "2", "3": "3", "4": "4", "5": "5",
}  # fmt: skip
_LEVEL_CODE = re.compile(r"^l[1-9]$")
# Grade numbers (II, 3, L5) that an aggregator may drop: only two different ones conflict.
_GRADES = frozenset({"1", "2", "3", "4", "5"})
_TECHNICAL_ROLE = re.compile(r"\btechnical (?:program|project|product) manager\b")


@functools.lru_cache(maxsize=1 << 16)
def _is_noise(segment: str) -> bool:
    """A title segment that is board noise: work mode, place, gender, id, years."""
    words = default_process(_YEARS_IN_TITLE.sub(" ", segment)).split()
    rest = [w for w in words if w not in _NOISE_WORDS]
    if not rest:
        return True
    if len(rest) <= 3:
        city, country = parse_location(" ".join(rest))
        if city or country:
            return True
    return False


def _is_acronym_of(inner: str, title: str) -> bool:
    """ "RTE" in "Release Train Engineer (RTE)": the initials of words already there."""
    letters = inner.strip().lower()
    if not letters.isalpha() or not 2 <= len(letters) <= 6:
        return False
    initials = "".join(word[0] for word in default_process(title).split())
    return letters in initials


def _keep_bracket(match: re.Match[str], title: str) -> str:
    inner = match.group(1)
    if _is_noise(inner) or _is_acronym_of(inner, title):
        return " "
    return f" {inner} "


@functools.lru_cache(maxsize=1 << 16)
def normalise_title(title: str) -> str:
    """Lower-case title words without board noise, abbreviations spelt out.

    "Sr. Technical Project Mgr (Remote) - Bengaluru | REQ-10234" ->
    "senior technical project manager". Specialisations stay: "(Java)", "- Payments".
    """
    text = title[:300]
    # Each pattern runs only when its cheap tell is there: most titles are plain words.
    if "/" in text or "(" in text:
        text = _GENDER.sub(" ", text)
    if "(" in text or "[" in text or "{" in text:
        text = _BRACKETED.sub(lambda m: _keep_bracket(m, text), text)
    segments = _SEPARATOR.split(text)
    if len(segments) > 1:
        text = " ".join(segments[:1] + [s for s in segments[1:] if not _is_noise(s)])
    if any(c.isdigit() for c in text):
        text = _JOB_ID.sub(" ", _YEARS_IN_TITLE.sub(" ", _PAY_IN_TITLE.sub(" ", text)))
    words = [_ABBREVIATIONS.get(w, w) for w in default_process(text.replace("&", " and ")).split()]
    # A leading or trailing work-mode word is noise too ("Remote Scrum Master").
    while len(words) > 1 and words[-1] in _FILLER_WORDS:
        words.pop()
    while len(words) > 1 and words[0] in {"remote", "hybrid", "onsite", "urgent", "hiring"}:
        words.pop(0)
    text = " ".join(words)
    for phrase, replacement in _PHRASES:
        if phrase in text:
            text = re.sub(rf"\b{phrase}\b", replacement, text)
    return text


@functools.lru_cache(maxsize=1 << 16)
def _levels(title: str) -> tuple[str, ...]:
    """The level words of a normalised title ("senior", "lead"), sorted; grades apart."""
    found = {_LEVEL_WORDS[w] for w in title.split() if w in _LEVEL_WORDS}
    return tuple(sorted(found - _GRADES))


@functools.lru_cache(maxsize=1 << 16)
def _grade(title: str) -> tuple[str, ...]:
    """The grade of a normalised title: "2" (II), "l5"; empty when none is written."""
    words = title.split()
    found = {_LEVEL_WORDS[w] for w in words if _LEVEL_WORDS.get(w) in _GRADES}
    found.update(w for w in words if _LEVEL_CODE.match(w))
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1 << 16)
def requisition(title: str) -> str | None:
    """The requisition number a title carries, if any."""
    found = _REQUISITION.search(title[:300])
    return found.group(1) if found else None


def _title_conflict(a: str, b: str, req_a: str | None, req_b: str | None) -> str | None:
    """What two normalised titles (with their requisition numbers) cannot share, or None."""
    grade_a, grade_b = _grade(a), _grade(b)
    if grade_a and grade_b and grade_a != grade_b:
        return f"different level: grade {' '.join(grade_a)} vs {' '.join(grade_b)}"
    if req_a and req_b and req_a != req_b:
        return f"different requisition: {req_a} vs {req_b}"
    kind_a = _EMPLOYMENT_WORDS.intersection(a.split())
    kind_b = _EMPLOYMENT_WORDS.intersection(b.split())
    if kind_a != kind_b:
        return f"employment type: {' '.join(sorted(kind_a)) or 'none'} vs {' '.join(sorted(kind_b)) or 'none'}"
    return None


def _spell_tpm(title: str, other: str) -> str:
    """ "tpm" read as whichever technical manager the other title spells out."""
    if "tpm" in title.split():
        spelled = _TECHNICAL_ROLE.search(other)
        if spelled:
            return re.sub(r"\btpm\b", spelled.group(0), title)
    return title


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


# --- descriptions ---------------------------------------------------------------------

_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "of", "on", "or", "our", "the", "this", "to", "we", "will", "with", "you", "your",
})  # fmt: skip


def _description(description: str) -> array[int]:
    """The content words of the first DESCRIPTION_CHARS characters, as word hashes.

    Hashes in a flat array take an eighth of the memory of a set of strings, which matters
    when a million listings are grouped; two distinct words share a 64-bit hash about never.
    """
    text = description[: DESCRIPTION_CHARS * 4]
    if "<" in text or "&" in text:  # plain text needs no tidying: default_process does it
        text = html_to_text(text)
    words = set(default_process(text[:DESCRIPTION_CHARS]).split()) - _STOPWORDS
    return array("q", list(map(hash, words)))  # via a list: twice as fast as from map


def _description_match(a: array[int], b: array[int], *, strict: bool) -> float | None:
    """The word Jaccard of two descriptions when they confirm one job, else None."""
    ok, _, jaccard = _compare_descriptions(a, b, strict=strict)
    return jaccard if ok else None


def _compare_descriptions(a: array[int], b: array[int], *, strict: bool) -> tuple[bool, str, float]:
    # Word sets, not fuzz.token_set_ratio: that ratio is itself built on the two word sets
    # (their intersection and differences), so it says what Jaccard says, but scores 100
    # whenever one text's words are a subset of the other's, which shared boilerplate
    # makes easy. On the dev set both put the same line between duplicates and the rest;
    # the set operations cost a tenth of the ratio on 3000 characters.
    if min(len(a), len(b)) < MIN_DESCRIPTION_WORDS:
        return False, "description too short to confirm", 0.0
    common = len(set(a).intersection(b))
    jaccard = common / (len(a) + len(b) - common)
    contained = common / min(len(a), len(b))
    if strict:
        ok = jaccard >= SUPERSET_WORDS_MIN
    else:
        ok = jaccard >= WORDS_MIN or contained >= CONTAINED_MIN
    return ok, f"description words {jaccard:.2f} (contained {contained:.2f})", jaccard


# --- the confirm step -----------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 18)
def _compare_titles(a: str, b: str) -> tuple[str | None, float, bool]:
    """(veto reason or None, token_sort_ratio, whether one title only adds words)."""
    if a == b:
        return None, 100.0, False
    only_a, only_b, score, cut_short = _title_extras(a, b)
    if only_a and only_b:
        return f"title differs: {' '.join(only_a)!r} vs {' '.join(only_b)!r}", score, False
    if score < TITLE_MIN and not (only_a or only_b) and not cut_short:
        return f"title {score:.0f} < {TITLE_MIN:.0f}", score, False
    return None, score, bool(only_a or only_b)


@functools.lru_cache(maxsize=1 << 18)
def _title_extras(a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...], float, bool]:
    """The words only `a` has and only `b` has (typos, abbreviations, fillers and grades
    aside), the token_sort_ratio, and whether every word pair set aside was one word cut
    short ("tech"/"technology")."""
    first, second = min(a, b), max(a, b)  # one order for both ways round: cached once
    first, second = _spell_tpm(first, second), _spell_tpm(second, first)
    score = fuzz.token_sort_ratio(first, second, processor=None)  # both normalised already
    words_a, words_b = first.split(), second.split()
    only_a = [w for w in words_a if w not in words_b and _distinctive(w)]
    only_b = [w for w in words_b if w not in words_a and _distinctive(w)]
    cut_short = True
    for word in list(only_a):
        typo = next((w for w in only_b if _same_word(word, w)), None)
        if typo is not None:
            only_a.remove(word)
            only_b.remove(typo)
            cut_short = cut_short and (word.startswith(typo) or typo.startswith(word))
    extras = (tuple(only_a), tuple(only_b)) if a <= b else (tuple(only_b), tuple(only_a))
    return extras[0], extras[1], score, cut_short


def _distinctive(word: str) -> bool:
    """A title word that may name a different job: not filler, not a grade number."""
    return word not in _FILLER_WORDS and _LEVEL_WORDS.get(word) not in _GRADES


def _decoration_only(
    title_a: str,
    title_b: str,
    words_a: Callable[[], array[int]],
    words_b: Callable[[], array[int]],
) -> bool:
    """Two titles that differ by words on both sides ("TPM (AWS)", "TPM – Cloud") are one
    job's when each copy's text names what the other's title adds: a board's decoration,
    not another specialisation. The texts (`words_*`) are read only when it comes to that."""
    only_a, only_b, _, _ = _title_extras(title_a, title_b)
    return bool(only_a and only_b) and _named_in(only_a, words_b()) and _named_in(only_b, words_a())


def _named_in(words: Iterable[str], text: array[int]) -> bool:
    """Every word is among a description's content words (as `_description` hashes them)."""
    hashed = set(text)
    return all(hash(word) in hashed for word in words)


def _same_word(a: str, b: str) -> bool:
    """One word misspelt ("tecnical"), or cut short ("tech" for "technology")."""
    short, long = sorted((a, b), key=len)
    return fuzz.ratio(a, b) >= TYPO_MIN or (len(short) >= 4 and long.startswith(short))


def _without_company(title: str, company: str) -> str:
    """ "Orbitra: Technical Program Manager" at Orbitra: the company is not the job."""
    if company and title.startswith(company + " ") and len(title) > len(company) + 1:
        return title[len(company) + 1 :]
    return title


def same_job(a: DedupeItem, b: DedupeItem) -> tuple[bool, str]:
    """Whether two listings are one job, and why (the reasons `group` merges by).

    Never the same job: different normalised companies, different level words (Junior vs
    Senior, I vs II), different cities or countries (a missing place is no conflict), a
    specialisation word in one title and another in the other. Otherwise the titles must
    be near-equal and the descriptions similar.
    """
    ka, kb = job_key(a), job_key(b)
    if ka.company != kb.company:
        return False, f"different company: {ka.company!r} vs {kb.company!r}"
    if ka.levels != kb.levels:
        levels_a, levels_b = " ".join(ka.levels) or "none", " ".join(kb.levels) or "none"
        return False, f"different level: {levels_a} vs {levels_b}"
    conflict = _place_conflict(ka, kb) or _title_conflict(
        ka.title, kb.title, requisition(a.title), requisition(b.title)
    )
    if conflict:
        return False, conflict
    # The cheap vetoes come first: most candidates fail on the title, before any text is read.
    veto, title_score, superset = _compare_titles(ka.title, kb.title)
    words_a = functools.cache(lambda: _description(a.description))
    words_b = functools.cache(lambda: _description(b.description))
    named = False
    if veto:
        named = _decoration_only(ka.title, kb.title, words_a, words_b)
        if not named:
            return False, veto
    ok, summary, _ = _compare_descriptions(words_a(), words_b(), strict=superset)
    title = f"title {title_score:.0f}" + (" (one title adds words)" if superset else "")
    if named:
        title += " (each text names the other's title words)"
    return ok, f"same company, {title}, {summary}"


# --- grouping -------------------------------------------------------------------------


def _id_order(item_id: ItemId) -> tuple[bool, int | str]:
    """Ints before strings, each in natural order: "the smallest id" for mixed ids."""
    return isinstance(item_id, str), item_id


# (company, levels, place): a block of items that may be one job, as far as keys tell.
_Node = tuple[str, tuple[str, ...], Hashable]


class _Grouper:
    """Union-find over confirmed pairs, fed one item at a time in posting order.

    Keeps per item only its id, normalised title, description (a reference) and, once
    needed, the description's word hashes: a million items fit in a few hundred MB.
    """

    def __init__(self, window: int, apart: Iterable[tuple[ItemId, ItemId]] = ()) -> None:
        self.window = window
        # Pairs a person said are different jobs: never in one group, however alike.
        self.apart: dict[ItemId, set[ItemId]] = {}
        for a, b in apart:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)
        self.index_of: dict[ItemId, int] = {}
        # Per group root, its members that have such a pair (only those are checked).
        self.kept_apart: dict[int, list[int]] = {}
        self.ids: list[ItemId] = []
        self.titles: list[str] = []
        self.requisitions: list[str | None] = []
        # Members of each group of two or more, by root: a union is refused when any two
        # titles across the two groups clash (complete linkage on titles).
        self.members: dict[int, list[int]] = {}
        self.descriptions: list[str] = []
        self.parent: list[int] = []
        self.words: dict[int, array[int]] = {}
        # (company, levels, place node) -> the most recent items filed there.
        self.nodes: dict[_Node, deque[int]] = {}

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def union(self, i: int, j: int, *, check_titles: bool = True) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj or self._must_stay_apart(ri, rj):
            return
        group_i, group_j = self.members.get(ri, [ri]), self.members.get(rj, [rj])
        if check_titles and any(self._titles_clash(a, b) for a in group_i for b in group_j):
            return
        low, high = min(ri, rj), max(ri, rj)
        self.parent[high] = low
        self.members.pop(high, None)
        self.members[low] = group_i + group_j
        moved = self.kept_apart.pop(high, None)
        if moved:
            self.kept_apart.setdefault(low, []).extend(moved)

    def _titles_clash(self, a: int, b: int) -> bool:
        title_a, title_b = self.titles[a], self.titles[b]
        if _title_conflict(title_a, title_b, self.requisitions[a], self.requisitions[b]):
            return True
        if title_a == title_b or _compare_titles(title_a, title_b)[0] is None:
            return False
        return not _decoration_only(title_a, title_b, lambda: self.text(a), lambda: self.text(b))

    def _must_stay_apart(self, ri: int, rj: int) -> bool:
        members = self.kept_apart.get(ri)
        if not members or rj not in self.kept_apart:
            return False
        for member in members:
            for other in self.apart[self.ids[member]]:
                index = self.index_of.get(other)
                if index is not None and self.find(index) == rj:
                    return True
        return False

    def text(self, i: int) -> array[int]:
        found = self.words.get(i)
        if found is None:
            found = self.words[i] = _description(self.descriptions[i])
        return found

    def add(self, item: DedupeItem, *, compare: bool = True) -> int:
        """Index of the item; compared with its block's recent items when `compare`."""
        index = len(self.ids)
        company = normalise_company(item.company)
        title = _without_company(normalise_title(item.title), company)
        city, country = _place(item)
        self.ids.append(item.id)
        self.requisitions.append(requisition(item.title))
        if item.id in self.apart:
            self.index_of[item.id] = index
            self.kept_apart[index] = [index]
        self.titles.append(title)
        self.descriptions.append(item.description)
        self.parent.append(index)
        block = (company, _levels(title))
        # Where this item is filed, and where earlier items that could be the same job are.
        # A place-less item (remote anywhere, or unknown) may match any item of the company;
        # a country-only one any item in that country; a city one only its city's items
        # and the less specific ones. Either way round, one side looks the other up. Every
        # node looked in holds only items whose place fits this one's, and they hold
        # disjoint sets of items, so no pair is compared twice.
        filed: tuple[_Node, ...]
        looked: tuple[_Node, ...]
        if city:
            city_node = (*block, ("city", country, city.lower()))
            filed = (city_node, (*block, country), (*block, "*"))
            looked = (city_node, (*block, ("country only", country)), (*block, "open"))
        elif country:
            filed = ((*block, ("country only", country)), (*block, country), (*block, "*"))
            looked = ((*block, country), (*block, "open"))
        else:
            filed = ((*block, "open"), (*block, "*"))
            looked = ((*block, "*"),)
        nodes = self.nodes
        if compare:
            # Every earlier item this one confirms with, the most alike first: a generic
            # "TPM | Bangalore" joins the team's posting its text is closest to, and once
            # joined, never a group holding a title it conflicts with ("Lending" and
            # "Payments" stay apart however the generic copy links them).
            found: list[tuple[float, int]] = []
            titles = self.titles
            for node in looked:
                for j in nodes.get(node, ()):
                    if self._titles_clash(j, index):
                        continue
                    superset = titles[j] != title and _compare_titles(titles[j], title)[2]
                    alike = _description_match(self.text(j), self.text(index), strict=superset)
                    if alike is not None:
                        found.append((alike, j))
            for _, j in sorted(found, reverse=True):
                self.union(j, index)
        for place in filed:
            queue = nodes.get(place)
            if queue is None:
                queue = nodes[place] = deque(maxlen=self.window)
            queue.append(index)
        return index

    def groups(self) -> dict[ItemId, ItemId]:
        smallest: dict[int, ItemId] = {}
        for index, item_id in enumerate(self.ids):
            root = self.find(index)
            best = smallest.get(root)
            if best is None or _id_order(item_id) < _id_order(best):
                smallest[root] = item_id
        return {item_id: smallest[self.find(i)] for i, item_id in enumerate(self.ids)}


def group(
    items: Iterable[DedupeItem],
    *,
    window: int = WINDOW,
    apart: Iterable[tuple[ItemId, ItemId]] = (),
) -> dict[ItemId, ItemId]:
    """{listing id: group id}; the group id is the smallest id in the group.

    Pass items oldest first: each is compared with at most `window` of the most recent
    earlier items in each block it may share a job with. When no block overflows the
    window, the result does not depend on the order. Pairs in `apart` (a person said they
    are different jobs) never end in one group.
    """
    grouper = _Grouper(window=window, apart=apart)
    with collector_paused():
        for item in items:
            grouper.add(item)
        return grouper.groups()


def group_incremental(
    existing: Mapping[ItemId, ItemId],
    existing_items: Iterable[DedupeItem],
    new_items: Iterable[DedupeItem],
    *,
    window: int = WINDOW,
    apart: Iterable[tuple[ItemId, ItemId]] = (),
) -> dict[ItemId, ItemId]:
    """`group` for new items on top of an earlier result, without re-comparing old items.

    `existing` is an earlier `group` result for `existing_items` (oldest first). Returns
    the mapping for all items; a new item may join, or join together, existing groups.
    """
    grouper = _Grouper(window=window, apart=apart)
    first_of_group: dict[ItemId, int] = {}
    with collector_paused():
        for item in existing_items:
            index = grouper.add(item, compare=False)
            group_id = existing.get(item.id, item.id)
            if group_id in first_of_group:
                grouper.union(first_of_group[group_id], index, check_titles=False)
            else:
                first_of_group[group_id] = index
        for item in new_items:
            grouper.add(item)
        return grouper.groups()
