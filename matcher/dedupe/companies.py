"""Company names normalised for comparison: no legal form, "the " or generic trailing words;
and whether a name is a staffing agency's (taxonomy/companies.toml)."""

from __future__ import annotations

import functools
import re

from rapidfuzz.utils import default_process

from matcher.taxonomy_data import taxonomy

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


@functools.cache
def _agency_words() -> re.Pattern[str]:
    data = taxonomy("companies")
    words = "|".join(re.escape(w) for w in data["agency_words"])
    joined = "|".join(re.escape(w) for w in data["agency_word_ends"])
    # a capital after it: "TalentBridge" is an agency's made-up name, "Talentsoft" a word
    starts = "|".join(re.escape(w.capitalize()) for w in data["agency_word_starts"])
    return re.compile(
        rf"\b(?:{words})\b|\B(?:{joined})\b|(?-i:\b(?:{starts})(?=[A-Z]))", re.IGNORECASE
    )


@functools.cache
def _agency_name_end() -> re.Pattern[str]:
    """A name that ends in one of `agency_last_words`, then perhaps a word of a service
    business ("Solutions") and a legal form: "Prism HR Solutions Pvt. Ltd." (not "Sutra HR
    Tech", a maker of HR software)."""
    data = taxonomy("companies")
    last = "|".join(re.escape(w) for w in data["agency_last_words"])
    then = "|".join(re.escape(w) for w in data["agency_last_words_then"])
    legal = r"(?:\s*\b(?:pvt|private|ltd|limited|llp|llc|inc|co)\b\.?)*"
    return re.compile(rf"\b(?:{last})(?:\s+(?:{then}))?{legal}\W*$", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)
def is_agency(name: str) -> bool:
    """Whether the company name is a staffing or recruitment agency's ("Keystone Tech
    Staffing", "Brightside Werving & Selectie")."""
    text = name[:300]
    return _agency_words().search(text) is not None or _agency_name_end().search(text) is not None
