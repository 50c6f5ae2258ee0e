"""Description fingerprints (the content words of a text's start, as hashes) and
their comparison (word Jaccard, or near-containment)."""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable

from rapidfuzz.utils import default_process

from matcher.extract import html_to_text

# --- thresholds, and why ---------------------------------------------------------------
#
# Descriptions: the content words of the first DESCRIPTION_CHARS characters, where the
# role summary, duties and requirements are; benefits and legal boilerplate come last. On
# the dev set the same job reworded for another board shares 0.52-0.69 of its words
# (Jaccard), while different jobs, at one company included, share at most 0.28. The
# threshold sits between the two, nearer the duplicates: precision first.
DESCRIPTION_CHARS = 3000
WORDS_MIN = 0.45
# An aggregator often keeps only the start of a description: then most words of the
# shorter text are in the longer one, though Jaccard is low. On dev and dupes-1..3, copies
# cut short under the same title reach 0.79-0.89 of the shorter text, different jobs at one
# company under one title at most 0.73.
CONTAINED_MIN = 0.78
# When one title is a strict superset of the other ("Senior TPM" / "Senior TPM, Payments")
# the shorter may be a less specific label of the same job, or a generic opening beside
# a specific one: the texts must share more, both ways. Calibrated on the dev set and
# dupes-1..3 (424 listings): of the pairs that reach this test, copies under a shorter
# title share 0.52-0.98 of their words (Jaccard) and 0.75-1.00 of the shorter text, the
# generic openings beside a specific one at most 0.51, or 0.55 with 0.72 contained.
SUPERSET_WORDS_MIN = 0.52
SUPERSET_CONTAINED_MIN = 0.75
# ...unless the shorter title's text names every word the longer adds ("Technical Project
# Manager" whose text is about the "Cloud Migration (AWS)" the other title names): then it
# is the same job's less specific label more often than not. On dupes-1..7, of such pairs
# that fail the test above, copies share 0.31-0.55 of their words and 0.59-1.00 of the
# shorter text, the generic openings 0.24-0.55 and at most 0.77 of it: the texts must share
# this much both ways, or nearly all of the shorter.
NAMED_WORDS_MIN = 0.45
NAMED_CONTAINED_MIN = 0.70
NAMED_CONTAINED_ALONE = 0.90
# A staffing agency rewrites the employer's text around the same duties, shorter: across
# two companies, one an agency, the job must share this much (Jaccard, and of the
# shorter). Calibrated on dupes-1..4 (646 listings): of the cross-company pairs that reach
# this test, agency copies share 0.20-0.62 (Jaccard) and, all but nine, 0.49-0.87 of the
# shorter text; different jobs at most 0.25 and 0.48. The margin is the thinnest of any
# threshold here (0.48 against 0.49): the nine copies below it stay apart.
AGENCY_WORDS_MIN = 0.20
AGENCY_CONTAINED_MIN = 0.50
# A channel's repost of a few lines (under SHORT_REPOST_WORDS content words: a Telegram or
# WhatsApp alert, an aggregator's teaser) shares little of the full text by Jaccard however
# faithful it is: on dupes-1..5 such copies reach 0.15-0.19 (0.52-0.67 of the short text),
# other jobs with a short text 0.09-0.21 but at most 0.49 of it.
SHORT_REPOST_WORDS = 60
SHORT_REPOST_WORDS_MIN = 0.15
# Fewer words than this cannot confirm anything ("See website").
MIN_DESCRIPTION_WORDS = 20


# --- descriptions ---------------------------------------------------------------------

_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "of", "on", "or", "our", "the", "this", "to", "we", "will", "with", "you", "your",
})  # fmt: skip


def _content_words(description: str) -> set[str]:
    """The content words of the first DESCRIPTION_CHARS characters."""
    text = description[: DESCRIPTION_CHARS * 4]
    if "<" in text or "&" in text:  # plain text needs no tidying: default_process does it
        text = html_to_text(text)
    return set(default_process(text[:DESCRIPTION_CHARS]).split()) - _STOPWORDS


def _description(description: str) -> array[int]:
    """The content words of the first DESCRIPTION_CHARS characters, as word hashes.

    Hashes in a flat array take a sixteenth of the memory of a set of strings, which matters
    when a million listings are grouped (100k listings: 100 MB as 32-bit hashes, 200 MB as
    Python's 64-bit ones). Two texts' 250 words each share a spurious 32-bit hash about once
    in 70,000 comparisons, and one shared word moves a Jaccard by 0.002.
    """
    return _hashes(_content_words(description))


def _hashes(words: Iterable[str]) -> array[int]:
    return array("I", [h & _LOW32 for h in map(hash, words)])  # via a list: twice as fast


def word_hash(word: str) -> int:
    """One word as `_description` hashes it."""
    return hash(word) & _LOW32


_LOW32 = 0xFFFFFFFF


def description_words(description: str) -> str:
    """What grouping needs of a description, to store with its facts: its content words,
    sorted, separated by spaces. About half the characters of a description, and a
    quarter of its memory when it holds one character beyond Latin-1 ("₹", "–"), as most do.

    The words, not their hashes: Python's hash() of a str is seeded per process, so it
    cannot be stored, and a stable hash (BLAKE2b) of every word costs as much again as
    reading the words out of the text. `word_hashes` gives exactly what `_description` does.
    """
    return " ".join(sorted(_content_words(description)))


def word_hashes(words: str) -> array[int]:
    """`_description` of a text from its `description_words`, without reading the text (the
    same hashes in another order, which no comparison depends on)."""
    return _hashes(words.split())


# Words that say which language a text is in: its commonest function words, few of which
# are content words of another language's text. English has none here: its function words
# are stopwords, so a text with too few of any other set is taken as English.
_LANGUAGE_WORDS = {
    "de": "und der die das mit für wir sie ihre bei von zu auf ist ein eine dich du unsere",
    "fr": "le la les des et vous nous pour avec dans une du est sur",
    "nl": "het een wij jij je voor met van ons onze zijn bij",
    "es": "el los las y para con del una por nuestro tu",
    "pt": "o os as e para com do da uma nosso você",
}
LANGUAGE_WORDS_MIN = 4  # of one language's words: that language


@functools.cache
def _language_hashes() -> tuple[frozenset[int], dict[int, tuple[str, ...]]]:
    """Every language's word hashes, and per hash the languages it is a word of."""
    of: dict[int, tuple[str, ...]] = {}
    for lang, words in _LANGUAGE_WORDS.items():
        for hashed in map(word_hash, words.split()):
            of[hashed] = (*of.get(hashed, ()), lang)
    return frozenset(of), of


def text_language(words: array[int]) -> str:
    """The language of a description by its word hashes: "en" unless it holds enough of
    another language's function words (the few found in one C pass over the text's)."""
    every, of = _language_hashes()
    counts: dict[str, int] = {}
    for hashed in every.intersection(words):
        for lang in of[hashed]:
            counts[lang] = counts.get(lang, 0) + 1
    best = max(counts, key=counts.__getitem__, default="en")
    return best if counts.get(best, 0) >= LANGUAGE_WORDS_MIN else "en"


def _description_match(
    a: array[int], b: array[int], *, strict: bool, named: bool = False
) -> float | None:
    """The word Jaccard of two descriptions when they confirm one job, else None."""
    ok, _, jaccard = _compare_descriptions(a, b, strict=strict, named=named)
    return jaccard if ok else None


def _compare_descriptions(
    a: array[int], b: array[int], *, strict: bool, named: bool = False
) -> tuple[bool, str, float]:
    """Whether two descriptions confirm one job, a summary, and their word Jaccard. `strict`:
    one title adds words to the other; `named`: the shorter title's text names them."""
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
    if strict and named:
        ok = (
            jaccard >= NAMED_WORDS_MIN and contained >= NAMED_CONTAINED_MIN
        ) or contained >= NAMED_CONTAINED_ALONE
    elif strict:
        ok = jaccard >= SUPERSET_WORDS_MIN and contained >= SUPERSET_CONTAINED_MIN
    else:
        ok = jaccard >= WORDS_MIN or contained >= CONTAINED_MIN
    return ok, f"description words {jaccard:.2f} (contained {contained:.2f})", jaccard


def agency_copy(a: array[int], b: array[int]) -> float | None:
    """The word Jaccard of an agency's text and another company's when they share enough
    to be one job rewritten, else None."""
    if min(len(a), len(b)) < MIN_DESCRIPTION_WORDS:
        return None
    common = len(set(a).intersection(b))
    jaccard = common / (len(a) + len(b) - common)
    contained = common / min(len(a), len(b))
    least = SHORT_REPOST_WORDS_MIN if min(len(a), len(b)) < SHORT_REPOST_WORDS else AGENCY_WORDS_MIN
    return jaccard if jaccard >= least and contained >= AGENCY_CONTAINED_MIN else None
