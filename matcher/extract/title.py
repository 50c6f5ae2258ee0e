"""A listing title made comparable: abbreviations spelled out, near-miss spellings of role
words fixed. Titles repeat across listings (and every listing reads its title three
times), so the result is cached per title."""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from matcher.extract.text import NOCASE
from matcher.taxonomy_data import taxonomy

MAX_TITLE = 500


@functools.cache
def _translations() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, NOCASE), r) for p, r in taxonomy("roles")["title"]["translations"])


@functools.cache
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The abbreviations spelled out, then the translations."""
    table = taxonomy("roles")["title"]["abbreviations"]
    return tuple((re.compile(p, NOCASE), r) for p, r in table) + _translations()


# Duplicate grouping asks it twice of every title (normalising it, and whether it changed).
@functools.lru_cache(maxsize=1 << 16)
def translate_title(title: str) -> str:
    """The role words of a title in another language in English ("Technischer
    Projektleiter" -> "technical project manager"); other words as they were."""
    for pattern, replacement in _translations():
        title = pattern.sub(replacement, title)
    return title


@functools.cache
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    words = tuple(taxonomy("roles")["title"]["vocabulary"])
    return frozenset(words), words


_WORD = re.compile(r"[A-Za-z]+")


def _fix_typo(match: re.Match[str]) -> str:
    word = match.group(0)
    known, words = _vocabulary()
    if len(word) < 5 or word.lower() in known:
        return word
    best = process.extractOne(
        word, words, scorer=fuzz.ratio, processor=default_process, score_cutoff=82
    )
    # A longer word that starts with a known one is another word, not its typo: "Internal"
    # is no misspelt "Intern" (a plural or one extra letter is let through).
    if best and word.lower().startswith(best[0].lower()) and len(word) - len(best[0]) >= 2:
        return word
    # A slip keeps a word's first letter: "RevOps" (revenue operations) is no "DevOps".
    if best and word[0].lower() != best[0][0]:
        return word
    return best[0] if best else word


# A recruitment label before the title names no job: "Walk-in Drive - Graduate Engineer
# Trainee - PMO", "Walk-In Interview: Technical Project Manager", "Urgent Hiring: TPM".
_LABEL = re.compile(
    r"^\W*(?:(?:mega\s+)?walk[\s-]?in\s+(?:drive|interview)s?(?:\s+on\s+[\w\s,]{1,20}?)?"
    r"|urgent(?:ly)?\s+(?:hiring|opening|requirement)|hiring\s+(?:now|alert)|mega\s+(?:hiring\s+)?drive"
    r"|job\s+alert)\s*[-–—:|]+\s*(?=\w)",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def expand_title(title: str) -> str:
    """Title with abbreviations expanded and near-miss spellings of role words fixed."""
    title = _LABEL.sub("", title, count=1)
    for pattern, replacement in _abbreviations():
        title = pattern.sub(replacement, title)
    return _WORD.sub(_fix_typo, title).lower()
