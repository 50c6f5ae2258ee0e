"""Two normalised titles compared: what they cannot share (grade, requisition number,
employment type), near-equal or not, the words only one has, and whether those are a
board's decoration that each copy's text names."""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz

from matcher.dedupe.descriptions import word_hash
from matcher.dedupe.titles import (
    _EMPLOYMENT_WORDS,
    _FILLER_WORDS,
    _GRADES,
    _LEVEL_WORDS,
    _TECHNICAL_ROLE,
    _grade,
)

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


# --- comparing titles -----------------------------------------------------------------


_KIND = {
    word: "contract"
    for word in ("contractor", "c2c", "c2h", "ftc", "fixed", "temporary", "temp", "freelance",
                 "freelancer", "interim", "befristet", "cdd")
} | {"parttime": "part"}  # fmt: skip
# Facts.employment as the kinds of terms a title's words name.
_STATED = {"contract": {"contract"}, "part_time": {"part"}}


def _title_conflict(
    a: str,
    b: str,
    req_a: str | None,
    req_b: str | None,
    terms_a: str | None = None,
    terms_b: str | None = None,
) -> str | None:
    """What two normalised titles (with their requisition numbers) cannot share, or None.
    `terms_a`/`terms_b`: each listing's terms as its facts read them (Facts.employment)."""
    grade_a, grade_b = _grade(a), _grade(b)
    if grade_a and grade_b and grade_a != grade_b:
        return f"different level: grade {' '.join(grade_a)} vs {' '.join(grade_b)}"
    if req_a and req_b and req_a != req_b:
        return f"different requisition: {req_a} vs {req_b}"
    kind_a, kind_b = _employment_words(a), _employment_words(b)
    # "Contract" and "C2C Contract" are one kind of term; contract and part time are not.
    terms_of_a, terms_of_b = {_KIND.get(w, w) for w in kind_a}, {_KIND.get(w, w) for w in kind_b}
    # A title silent on terms takes the listing's own ("W2/C2C" in a vendor's title beside
    # the employer's title, whose board says "Contract"): only terms said both ways differ.
    if terms_of_a != terms_of_b and (terms_of_a or _STATED.get(terms_a or "", set())) != (
        terms_of_b or _STATED.get(terms_b or "", set())
    ):
        return f"employment type: {' '.join(sorted(kind_a)) or 'none'} vs {' '.join(sorted(kind_b)) or 'none'}"
    return None


def shift_conflict(
    a: str, b: str, text_a: Callable[[], array[int]], text_b: Callable[[], array[int]]
) -> str | None:
    """Why two normalised titles are two openings by their shifts, or None: different
    shifts named ("US Shift", "UK Shift"), or one named in a title where the other listing
    names no shift at all ("TPM - US Shift" beside a day job "TPM"; a copy that adds the
    shift to its title keeps a text that names it)."""
    shift_a, shift_b = _shifts(a), _shifts(b)
    if shift_a == shift_b:
        return None
    if not (shift_a and shift_b) and not _SHIFT_WORDS.isdisjoint((text_b if shift_a else text_a)()):
        return None
    return f"different shift: {' '.join(sorted(shift_a)) or 'none'} vs {' '.join(sorted(shift_b)) or 'none'}"


def added_words_named(
    a: str, b: str, text_a: Callable[[], array[int]], text_b: Callable[[], array[int]]
) -> bool:
    """Whether, of two normalised titles one of which adds words to the other, the shorter
    one's text names every word the longer adds."""
    words_a, words_b = set(a.split()), set(b.split())
    added, text = (words_b - words_a, text_a) if len(words_a) < len(words_b) else (
        words_a - words_b, text_b)  # fmt: skip
    if not added:
        return False
    found = set(text())
    return all(word_hash(word) in found for word in added)


_SHIFT = re.compile(r"\b(?:(\w+)\s+)?shifts?\b")
_SHIFT_WORDS = frozenset({word_hash("shift"), word_hash("shifts")})


@functools.lru_cache(maxsize=1 << 16)
def _shifts(title: str) -> frozenset[str]:
    """The shifts a normalised title names, by the word before "shift" ("us", "night")."""
    if "shift" not in title:
        return frozenset()
    return frozenset(m.group(1) or "shift" for m in _SHIFT.finditer(title))


@functools.lru_cache(maxsize=1 << 16)
def _employment_words(title: str) -> frozenset[str]:
    """The title's words of employment terms; "fixed" only as "fixed term" ("Fixed Income
    Platforms" is a desk, not a contract)."""
    words = title.split()
    found = set(_EMPLOYMENT_WORDS.intersection(words))
    if "fixed" in found and not any(
        w == "fixed" and words[n + 1 : n + 2] == ["term"] for n, w in enumerate(words)
    ):
        found.discard("fixed")
    # "Federal Contract": the employer's contract with a government, not the hire's terms
    if "contract" in found and all(
        words[n - 1 : n] and words[n - 1] in _CONTRACT_HOLDERS
        for n, w in enumerate(words)
        if w == "contract"
    ):
        found.discard("contract")
    return frozenset(found)


_CONTRACT_HOLDERS = frozenset({"federal", "government", "defence", "defense", "public", "dod"})


def _spell_tpm(title: str, other: str) -> str:
    """ "tpm" read as whichever technical manager the other title spells out."""
    if "tpm" in title.split():
        spelled = _TECHNICAL_ROLE.search(other)
        if spelled:
            return re.sub(r"\btpm\b", spelled.group(0), title)
    return title


# Title pairs recur within a block's window, seldom beyond it. An entry costs ~500 bytes
# (key, result, veto text): on 100k listings caches of 256k filled to ~200 MB together,
# these hold ~70 MB; they hit 60% of 640k calls instead of 71%, in the same time.
_PAIRS_CACHED = 1 << 16


@functools.lru_cache(maxsize=_PAIRS_CACHED)
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


@functools.lru_cache(maxsize=_PAIRS_CACHED)
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
    # An acronym of the other title's words: "PAS Replacement" and "Patient Administration
    # System", "BMS" and "Battery Management Systems".
    for short, long in ((only_a, only_b), (only_b, only_a)):
        for word in list(short):
            run = _spelled_out(word, long)
            if run:
                short.remove(word)
                del long[run[0] : run[1]]
    extras = (tuple(only_a), tuple(only_b)) if a <= b else (tuple(only_b), tuple(only_a))
    return extras[0], extras[1], score, cut_short


def _spelled_out(word: str, words: list[str]) -> tuple[int, int] | None:
    """Where in `words` a run of two to five words has `word` for its initials."""
    if not word.isalpha() or not 2 <= len(word) <= 5:
        return None
    for start in range(len(words) - len(word) + 1):
        run = words[start : start + len(word)]
        if "".join(w[0] for w in run) == word:
            return start, start + len(word)
    return None


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


def _named_by_agency(
    title_a: str,
    title_b: str,
    agency_a: bool,
    agency_b: bool,
    words_a: Callable[[], array[int]],
    words_b: Callable[[], array[int]],
) -> bool:
    """An agency's title against its client's (exactly one of the two is an agency's): the
    agency describes the client where the name would be ("| Fintech |", "Leading Leeds
    Digital Consultancy"), so only the words the employer's title adds must be named in the
    agency's text ("Payments Infrastructure"); the agency's own need not be in the
    employer's."""
    if agency_a == agency_b:
        return False
    employer, agency, agency_words = (
        (title_b, title_a, words_a) if agency_a else (title_a, title_b, words_b)
    )
    only_employer, _, _, _ = _title_extras(employer, agency)
    return bool(only_employer) and _named_in(only_employer, agency_words())


def _named_in(words: Iterable[str], text: array[int]) -> bool:
    """Every word is among a description's content words (as `_description` hashes them).
    As written: a plural title word is not named by its singular ("Payments" by "we never
    ask for payment", which every posting of the company carries)."""
    hashed = set(text)
    return all(word_hash(word) in hashed for word in words)


def _same_word(a: str, b: str) -> bool:
    """One word misspelt ("tecnical"), or cut short ("tech" for "technology")."""
    short, long = sorted((a, b), key=len)
    return fuzz.ratio(a, b) >= TYPO_MIN or (len(short) >= 4 and long.startswith(short))
