"""Facts from one listing's text: role, level, years, certifications, salary, place.

Rules follow "How a careful reader fills truth" in shared/eval/FORMAT.md. Vocabulary
(certifications, skills, methodologies, role titles, places) is data in taxonomy/*.toml.
Every public function here accepts any string and never raises.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from matcher.conditions import imposed, travel_percent
from matcher.facts import Facts, SalaryRange
from matcher.regions import canonical_region
from matcher.taxonomy_data import taxonomy

__all__ = [
    "classify_role",
    "extract_facts",
    "html_to_text",
    "parse_location",
    "parse_salary",
    "parse_years",
    "seniority_of",
    "work_mode_of",
]

# Longer text is board noise (or an attack); the facts are in the first pages.
_MAX_TEXT = 20_000
_I = re.IGNORECASE


# --- taxonomy -------------------------------------------------------------------------


_toml = taxonomy


def _any(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), _I)


@functools.cache
def _named_patterns(name: str, table: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(canonical name, one regex for all its aliases) from a `name = [patterns]` table."""
    return tuple((key, _any(pats)) for key, pats in _toml(name)[table].items())


# --- text -----------------------------------------------------------------------------

_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer"
    r"|blockquote|pre|br|hr)\b[^<>]{0,1000}>",
    _I,
)
_TAG = re.compile(r"<[/!a-zA-Z][^<>]{0,1000}>")
_SPACES = re.compile(r"[^\S\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&])")


def html_to_text(description: str) -> str:
    """Plain text with one line per HTML block; plain text passes through tidied."""
    text = description[:_MAX_TEXT]
    if "<" in text:
        text = _TAG.sub(" ", _BLOCK_TAG.sub("\n", text))
    text = html.unescape(text) if "&" in text else text
    if "\\" in text:  # Markdown from some boards and JobSpy: "6\-9 years", "10\-14 LPA"
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    text = _CONTROL.sub(" ", text.replace("\r", "\n").replace("\u00a0", " "))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# A clause: the span a "preferred" or "not required" applies to.
_CLAUSE_SPLIT = re.compile(r"\n|[;•▪●◦✓✔✅👉]|(?<=[a-z0-9)])[.!?](?=\s|$)|\s[-–—]\s(?=[A-Z])")


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause in text."""
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --- numbers --------------------------------------------------------------------------

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip
_WORD_NUM = "|".join(_WORD_NUMBERS)


def _small_int(token: str) -> int | None:
    token = token.lower().strip()
    if token in _WORD_NUMBERS:
        return _WORD_NUMBERS[token]
    try:
        return int(float(token))
    except ValueError:
        return None


# --- years of experience --------------------------------------------------------------

_YN = rf"(?:\d{{1,2}}(?:\.\d)?|{_WORD_NUM})"
_YEARS = re.compile(
    rf"(?<![\w.,-])(?P<a>{_YN})\s*(?:\+|plus)?\s*(?:-|–|—|to)\s*(?P<b>{_YN})\s*(?P<plus2>\+)?"
    rf"\s*(?:years?|yrs?|jahren?)\b"
    rf"|(?<![\w.,-])(?P<s>{_YN})\s*(?P<plus>\+|plus)?\s*(?:\(\s*\w+\s*\)\s*)?(?:years?|yrs?|jahren?)\b",
    _I,
)
_YEARS_MIN_WORDS = re.compile(
    r"(?:minimum|min\.?|mind\.?|mindestens|at least|atleast|over|more than|no less than"
    r"|upwards of)\s*(?:of\s*)?$",
    _I,
)
# "within two years", "for the past 10 years", "10 years ago": not experience asked.
_YEARS_NOT_BEFORE = re.compile(
    r"(?:within|after|every|each|past|last|next|first|since|founded|established|trusted|"
    r"serving|age|aged|upto|up to|bond of|contract of|for the)\s*(?:the\s*)?$",
    _I,
)
_YEARS_NOT_AFTER = re.compile(
    r"^\s*(?:ago\b|old\b|of age\b|warranty|bond|service bond|contract|lock-in|of (?:\w+ )?(?:residency|"
    r"residence|history|operations?(?!\w|\s+(?:experience|management)))|in business"
    r"|of (?:uk |us )?residen|cohort|programme|program\b|"
    r"track|tenure|commitment|rotation)",
    _I,
)
_EXPERIENCE_WORD = re.compile(
    r"\bexp(?:erience[ds]?)?\b|\bbackground\b|\bas an?\b|\b(?:berufs)?erfahrung\b", _I
)
_FRESHER = re.compile(
    r"\bfreshers?\b|\bno (?:prior )?experience (?:required|needed)\b|\bentry[\s-]level\b", _I
)


def _years_matches(text: str) -> Iterator[tuple[int, int | None]]:
    for m in _YEARS.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 40]
        if _YEARS_NOT_BEFORE.search(before) or _YEARS_NOT_AFTER.search(after):
            continue
        if m.group("a") is not None:
            low, high = _small_int(m.group("a")), _small_int(m.group("b"))
            if low is None or high is None or high < low:
                continue
            yield low, (None if m.group("plus2") else high)
            continue
        value = _small_int(m.group("s"))
        if value is None:
            continue
        strong = bool(m.group("plus")) or bool(_YEARS_MIN_WORDS.search(before))
        # A bare "N years" counts only when the sentence is about experience.
        sentence_end = min(len(text), m.end() + 80)
        sentence = text[max(0, m.start() - 60) : sentence_end]
        if strong or _EXPERIENCE_WORD.search(sentence):
            yield value, None


def parse_years(text: str) -> tuple[int | None, int | None]:
    """(years_min, years_max) of total experience asked; (None, None) when no number.

    The total is the largest lower bound: sub-requirements ("3+ years as a TPM") are never
    larger than the total they sit in.
    """
    try:
        found = [(low, high) for low, high in _years_matches(text[:_MAX_TEXT]) if low <= 40]
    except RecursionError:  # pragma: no cover - defensive, regexes are linear
        found = []
    if not found:
        return (0, None) if _FRESHER.search(text[:_MAX_TEXT]) else (None, None)
    low, high = max(found, key=lambda pair: pair[0])
    return low, high


# --- seniority ------------------------------------------------------------------------

_LEVELS = ("entry", "junior", "mid", "senior", "lead", "principal")
_LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("entry", re.compile(r"\b(?:intern(?:ship)?|trainee|freshers?|apprentice|graduate)\b", _I)),
    ("junior", re.compile(r"\b(?:junior|jr)\b", _I)),
    ("mid", re.compile(r"\b(?:mid[\s-]?level|intermediate)\b", _I)),
    ("senior", re.compile(r"\b(?:senior|sr|snr)\b", _I)),
    ("lead", re.compile(r"\b(?:lead|staff|head)\b", _I)),
    ("principal", re.compile(r"\b(?:principal|director|vp|vice[\s-]president|chief)\b", _I)),
)
# Assistant/Associate is a level only in front of (or after) a role that has levels:
# "Associate Product Manager", "Technical Project Assistant"; not "Executive Assistant".
_ROLE_NOUN = (
    r"(?:project|program|programme|product|delivery|technical|agile|scrum|software|data"
    r"|engineer|engineering|developer|consultant|analyst|architect|designer|manager|pm|tpm)"
)
_ASSISTANT_LEVEL = re.compile(rf"\bassistant\s+{_ROLE_NOUN}\b|\b{_ROLE_NOUN}\s+assistant\b", _I)
_ASSOCIATE_LEVEL = re.compile(rf"\bassociate\s+{_ROLE_NOUN}\b|\b{_ROLE_NOUN}\s+associate\b", _I)
_ASSOCIATE_NOT_LEVEL = re.compile(
    r"\b(?:support|sales|customer|research|executive)\s+associate\b", _I
)


def _title_levels(title: str) -> list[str]:
    levels = [level for level, pattern in _LEVEL_WORDS if pattern.search(title)]
    if _ASSISTANT_LEVEL.search(title):
        levels.append("entry")
    if _ASSOCIATE_LEVEL.search(title) and not _ASSOCIATE_NOT_LEVEL.search(title):
        levels.append("junior")
    return levels


def level_for_years(years_min: int | None) -> str:
    """FORMAT.md's ladder: 0 entry, 1-2 junior, 3-5 mid, 6-9 senior, 10-14 lead, 15+
    principal; mid when no number is given. Listings and profiles use the same rule."""
    if years_min is None:
        return "mid"
    for bound, level in ((0, "entry"), (2, "junior"), (5, "mid"), (9, "senior"), (14, "lead")):
        if years_min <= bound:
            return level
    return "principal"


def seniority_of(title: str, years_min: int | None) -> str:
    """A level word in the title wins (the lower of two); otherwise from years."""
    levels = _title_levels(_expand_title(title[:500]))
    if levels:
        return min(levels, key=_LEVELS.index)
    return level_for_years(years_min)


# --- role -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RoleRule:
    variant: str
    title: re.Pattern[str]
    resolve: str
    unless: re.Pattern[str] | None


@functools.cache
def _role_rules() -> tuple[_RoleRule, ...]:
    rules = []
    for raw in _toml("roles")["rule"]:
        unless = _any(raw["unless"]) if raw.get("unless") else None
        rules.append(_RoleRule(raw["variant"], _any(raw["title"]), raw.get("resolve", ""), unless))
    return tuple(rules)


@functools.cache
def _domain(key: str) -> re.Pattern[str]:
    return _any(_toml("roles")["domain"][key])


@functools.cache
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, _I), r) for p, r in _toml("roles")["title"]["abbreviations"])


@functools.cache
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    words = tuple(_toml("roles")["title"]["vocabulary"])
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
    return best[0] if best else word


@functools.lru_cache(maxsize=4096)
def _expand_title(title: str) -> str:
    """Title with abbreviations expanded and near-miss spellings of role words fixed."""
    for pattern, replacement in _abbreviations():
        title = pattern.sub(replacement, title)
    return _WORD.sub(_fix_typo, title).lower()


def _count(pattern: re.Pattern[str], text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _outside_tech(title: str, text: str, *, read_text: bool) -> bool:
    """A project role outside technology: by its title words, else by the duties."""
    tech_title = bool(_domain("tech_title").search(title))
    non_tech_title = bool(_domain("non_tech_title").search(title))
    if non_tech_title and not tech_title:
        return True
    if not (read_text or tech_title):  # both kinds of title word: the duties decide
        return False
    non_tech = _count(_domain("non_tech_context"), text)
    tech = _count(_domain("tech_context"), text)
    if tech_title and not non_tech_title:
        # "Technical Project Manager – Data Centre Build": a construction job all the same
        # when its duties are overwhelmingly outside technology.
        return non_tech >= 8 and non_tech >= 3 * tech
    return non_tech >= 4 and non_tech > tech


_PRODUCT_MENTION = re.compile(r"(?<!not a )(?<!not an )\bproduct\s+(?:manager|management)\b", _I)
_PROJECT_MENTION = re.compile(r"\b(?:project|program|programme|delivery)\s+manag(?:er|ement)\b", _I)
_TPM_PRODUCT = re.compile(
    r"technical\s+product\s+manager|this is a product (?:management )?role", _I
)
_TPM_PROJECT = re.compile(r"technical\s+project\s+manager", _I)
_TPM_PROGRAM = re.compile(r"technical\s+program(?:me)?\s+manager|engineering program manager", _I)


def _resolve_tpm(text: str) -> str:
    counts = {
        "product_manager": _count(_TPM_PRODUCT, text),
        "technical_project_manager": _count(_TPM_PROJECT, text),
        "technical_program_manager": _count(_TPM_PROGRAM, text),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "technical_program_manager"


def _resolve_generic(title: str, text: str) -> str:
    bare_pm = re.search(r"\bpm\b", title) and not re.search(r"project|program", title)
    if bare_pm and _count(_PRODUCT_MENTION, text) > _count(_PROJECT_MENTION, text):
        return "product_manager"
    if _outside_tech(title, text, read_text=True):
        return "non_technical_project_manager"
    if _domain("it_title").search(title):
        return "it_project_manager"
    if re.search(r"program|portfolio|\bpmo\b", title):  # PMO heads govern programs
        return "technical_program_manager"
    return "technical_project_manager"


_SERVES = re.compile(r"\s+(?:to|for)\s+(?:the|our|a)\s+[^,(|/]*")


def classify_role(title: str, description: str) -> str:
    """The role variant: the title decides, the description settles what it leaves open."""
    # "Executive Assistant to the CTO" is an assistant, whoever it serves.
    expanded = _SERVES.sub("", _expand_title(title[:500]))
    text = html_to_text(description)
    for rule in _role_rules():
        if not rule.title.search(expanded):
            continue
        if rule.unless is not None and rule.unless.search(expanded):
            return "other"
        if rule.resolve == "tpm":
            return _resolve_tpm(text)
        if rule.resolve == "generic":
            return _resolve_generic(expanded, text)
        if rule.resolve == "domain":
            generic_title = not _domain("tech_title").search(expanded)
            if _outside_tech(expanded, text, read_text=generic_title):
                # A delivery manager outside technology runs operations, not projects.
                delivery = rule.variant == "delivery_manager"
                return "other" if delivery else "non_technical_project_manager"
        return rule.variant
    return "other"


_ACRONYM_TITLES = {
    "technical_program_manager": "technical program manager",
    "technical_project_manager": "technical project manager",
    "product_manager": "technical product manager",
}
_TPM = re.compile(r"\btpms?\b", _I)


# Level words are compared by the level component, and what follows a separator is the
# team ("Technical Program Manager, Platform"): neither says what the role is.
_KEY_LEVELS = re.compile(
    r"\b(?:senior|junior|lead|principal|staff|head|chief|i{1,3}|iv|[1-4])\b", _I
)
# Not "…, Technical Infrastructure": there the qualifier says the role is technical.
_QUALIFIER = re.compile(r"\s*(?:[,(|/–—]|\s-\s)(?!\s*technical\b).*$", _I)


def title_key(title: str, variant: str) -> str:
    """The title as words to compare with target roles: abbreviations and typos undone,
    'TPM' spelled out as the role the listing turned out to be, level words and the
    team qualifier dropped."""
    expanded = _expand_title(title[:500])
    spelled = _ACRONYM_TITLES.get(variant)
    if spelled:
        expanded = _TPM.sub(spelled, expanded)
    core = _KEY_LEVELS.sub(" ", _QUALIFIER.sub("", expanded))
    return " ".join(core.split()) or expanded


# --- certifications, skills, methodologies --------------------------------------------

_PREFERRED = re.compile(
    r"\bprefer(?:red|able|ably)?\b|\bplus\b|nice[\s-]to[\s-]have|good[\s-]to[\s-]have|"
    r"\bdesir(?:able|ed)\b|\bbonus\b|\bideally\b|\badvantage(?:ous)?\b|\bwelcome[ds]?\b|"
    r"\bbeneficial\b|\boptional\b|\bwould be great\b|\bhelpful\b",
    _I,
)
_REQUIRED = re.compile(
    r"\brequired\b|\bmandatory\b|\bmust\b|\bessential\b|\bneeded\b|\bcompulsory\b", _I
)
# A certification named but not asked for: refused, sold, screened for, or paid for later.
_NOT_ASKED = re.compile(
    r"\bnot\s+(?:required|necessary|needed|mandatory|essential|accepted|a requirement)\b|"
    r"\b(?:don'?t|do not|doesn'?t|won'?t|will not|cannot|can'?t)\s+(?:accept|need|require)|"
    r"\bno\s+(?:certs?|certifications?)\s+(?:needed|required)|"
    r"\b(?:course|courses|training|prep|preparation|boot\s?camps?|curriculum|classes|"
    r"trained|upskilling|academy|learners|enrol\w*|exam[\s-]prep)\b|"
    r"\b(?:help|support)(?:s)? you (?:get|earn|obtain|achieve|towards|to (?:get|earn|obtain))|"
    r"\bwe(?:'ll| will)? (?:sponsor|pay for|fund|cover)|"
    r"\breimburse|\bsponsor(?:ship|ed)\b|\bscreen(?:ed|ing)?\s+(?:for|on)\b|in lieu of|"
    # What a recruiter looks for in candidates is not what the recruiter's job asks.
    r"\b(?:screen|source|headhunt|assess|vet|shortlist)\w*\s+(?:and\s+\w+\s+)?"
    r"(?:[\w/-]+\s+){0,6}?(?:candidates?|profiles|professionals)\b|\bcandidates'",
    _I,
)
_HEADING_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Mentions:
    names: tuple[str, ...]
    preferred: frozenset[str]


def _nearest_marker(clause: str, start: int, end: int) -> str | None:
    """'preferred' or 'required' for the qualifier nearest a mention, after it first."""
    markers = [(m.start(), "preferred") for m in _PREFERRED.finditer(clause)]
    markers += [(m.start(), "required") for m in _REQUIRED.finditer(clause)]
    after = [(pos - end, kind) for pos, kind in markers if pos >= end]
    if after:
        return min(after)[1]
    before = [(start - pos, kind) for pos, kind in markers if pos < start]
    return min(before)[1] if before else None


def _section_flags(text: str, spans: list[tuple[int, int]], hit: set[int]) -> list[bool]:
    """Per clause: under a short heading such as "Nice to have:"."""
    flags, preferred = [], False
    for index, (start, end) in enumerate(spans):
        clause = text[start:end]
        if index not in hit and len(clause.split()) <= _HEADING_MAX_WORDS:
            preferred = bool(_PREFERRED.search(clause))
        flags.append(preferred)
    return flags


def _find_mentions(
    text: str, table: tuple[tuple[str, re.Pattern[str]], ...], *, strict: bool
) -> _Mentions:
    """Names from `table` mentioned in `text`; strict drops mentions not asked for."""
    spans = _clauses(text)
    starts = [start for start, _ in spans]
    hits: list[tuple[str, int, int, int]] = []  # name, clause index, start, end in clause
    for name, pattern in table:
        for m in pattern.finditer(text):
            index = max(0, bisect.bisect_right(starts, m.start()) - 1)
            offset = spans[index][0] if spans else 0
            hits.append((name, index, m.start() - offset, m.end() - offset))
    flags = _section_flags(text, spans, {index for _, index, _, _ in hits})
    asked: dict[str, bool] = {}  # name -> required somewhere
    for name, index, start, end in hits:
        clause = text[spans[index][0] : spans[index][1]] if spans else text
        marker = _nearest_marker(clause, start, end)
        if strict and marker != "preferred" and _NOT_ASKED.search(clause):
            continue
        required = marker == "required" or (marker is None and not flags[index])
        asked[name] = asked.get(name, False) or required
    names = tuple(sorted(asked))
    return _Mentions(names, frozenset(n for n, req in asked.items() if not req))


# --- salary ---------------------------------------------------------------------------

_CUR_SYMBOLS = {
    "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "$": "USD", "us$": "USD",
    "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "cad": "CAD",
    "c$": "CAD", "ca$": "CAD", "aud": "AUD", "a$": "AUD", "sgd": "SGD", "s$": "SGD",
    "aed": "AED", "chf": "CHF", "¥": "JPY", "jpy": "JPY", "pln": "PLN", "zł": "PLN",
    "sek": "SEK", "nok": "NOK", "dkk": "DKK", "nzd": "NZD", "hkd": "HKD", "myr": "MYR",
    "sar": "SAR", "qar": "QAR", "zar": "ZAR", "czk": "CZK",
}  # fmt: skip
_CUR = (
    r"(?:₹|rs\.?(?=\s?\d)|inr|us\$|usd|ca\$|c\$|a\$|s\$|\$|€|eur|£|gbp|cad|aud|sgd|aed|chf|¥|jpy"
    r"|pln|zł|sek|nok|dkk|nzd|hkd|myr|sar|qar|zar|czk)"
)
_NUM = (
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{2,3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?![\d,])"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"  # "18 000" (Poland, France, …)
    r"|\d{1,12}(?:\.\d{1,2})?)(?![\d])"
)
_UNIT = r"(?:\s?(?:lpa|lakhs?|lacs?|lakh|crores?|cr|million|mn|thousand|l)\b|[km]\b)"
_SEP = r"\s*(?:-|–|—|‑|~|to|till)\s*"
_SALARY = re.compile(
    rf"(?:(?P<c1>{_CUR})\s?)?(?P<n1>{_NUM})(?P<u1>{_UNIT})?(?:\s?(?P<c4>€|£|eur|gbp|pln|zł|chf)(?!\w))?"
    rf"(?:{_SEP}(?:(?P<c2>{_CUR})\s?)?(?P<n2>{_NUM})(?P<u2>{_UNIT})?)?"
    rf"(?P<plus>\+(?!\s))?(?:\s?(?P<c3>usd|eur|gbp|inr|cad|aud|sgd|aed|pln|zł|sek|nok|dkk|chf"
    rf"|€|£)(?!\w))?",
    _I,
)
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "l": 1e5, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5,
               "lac": 1e5, "lacs": 1e5, "cr": 1e7, "crore": 1e7, "crores": 1e7, "m": 1e6,
               "mn": 1e6, "million": 1e6}  # fmt: skip
_INDIAN_UNITS = frozenset({"l", "lpa", "lakh", "lakhs", "lac", "lacs", "cr", "crore", "crores"})
_FILLER = (
    r"^\s*(?:\(?(?:fixed|gross|base|net|netto|brutto|ctc|usd|eur|gbp|inr)\)?\s*)?"
    r"(?:\(?\+?\s*vat\)?\s*)?"
)
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hour", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:hr|hour)\b|hourly\b|ph\b)", _I)),
    ("day", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:day|diem)\b|daily\b)", _I)),
    ("week", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:week|wk)\b|weekly\b)", _I)),
    ("month", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:month|mo|mth)\b|monthly\b|p\.?m\.?(?!\w))", _I)),
    ("year", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:year|yr|annum)\b|p\.?\s?a\b\.?|annual|yearly)", _I)),
)  # fmt: skip
_RATE_BEFORE = {
    "hour": re.compile(r"hourly|per hour", _I),
    "day": re.compile(r"day rate|daily rate|per day", _I),
    "month": re.compile(r"monthly|per month", _I),
}
_UP_TO = re.compile(r"(?:up\s?to|max(?:imum)?|not more than|till|below|under)\s*:?\s*$", _I)
_FROM = re.compile(r"(?:from|starting\s+(?:at|from)|min(?:imum)?|at least|over|above)\s*:?\s*$", _I)
_SALARY_WORDS = re.compile(
    r"salary|compensation|\bctc\b|\bpay\b|package|\bbase\b|budget\s*:|remuneration|\bote\b|"
    r"\brate\b|stipend|\bfee\b|per annum|\blpa\b|💰|💵|💸|earn",
    _I,
)
# Money that is not this job's pay: deal sizes, funding, bonds, incentives, allowances.
_NOT_PAY_BEFORE = re.compile(
    r"\b(?:acv|arr|revenue|turnover|deals?|funding|raised|valuation|bond|incentives?|worth|"
    r"gmv|loans?|budgets|budget of|invest\w*|transactions?|sales of|allowance|reimburse\w*|"
    r"cover of|insurance of|penalty|deposit)\b[^\n]{0,30}$",
    _I,
)
_NOT_PAY_AFTER = re.compile(
    r"^\W{0,3}(?:acv|arr|gmv|revenue|in (?:funding|revenue|sales)|sq|(?:annual\s+|yearly\s+)?"
    r"(?:account|portfolio|budget|deal|contract value|p&l|book of business|programme|program)s?\b)",
    _I,
)
_NO_SALARY = re.compile(r"competitive|not disclosed|undisclosed|negotiable|\bdoe\b|best in", _I)


@dataclass(frozen=True, slots=True)
class _Money:
    salary: SalaryRange | None  # None: a rate that is not a salary (day, week)
    keyword: bool  # pay words just before it
    strong: bool  # unmistakably money: currency and range, period or k/LPA unit


def _number(raw: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):  # "60.000" is sixty thousand
        raw = raw.replace(".", "")
    try:
        value = float(re.sub(r"[,\s]", "", raw))
    except ValueError:
        return None
    return value if value < 1e13 else None


def _scaled(raw: str, unit: str | None) -> float | None:
    value = _number(raw)
    if value is None:
        return None
    key = (unit or "").strip().lower()
    return value * _MULTIPLIER.get(key, 1.0)


def _period(m: re.Match[str], text: str) -> str:
    after = text[m.end() : m.end() + 30]
    for period, pattern in _PERIODS:
        if pattern.search(after):
            return period
    before = text[max(0, m.start() - 25) : m.start()]
    for period, pattern in _RATE_BEFORE.items():
        if pattern.search(before):
            return period
    return "year"


def _currency(m: re.Match[str], units: set[str], default: str | None) -> str | None:
    for group in ("c1", "c2", "c3", "c4"):
        symbol = m.group(group)
        if symbol:
            return _CUR_SYMBOLS.get(symbol.lower().rstrip())
    if units & _INDIAN_UNITS:
        return "INR"
    return default


def _money(m: re.Match[str], text: str, default_currency: str | None) -> _Money | None:
    u1 = (m.group("u1") or "").strip().lower() or None
    u2 = (m.group("u2") or "").strip().lower() or None
    n1, n2 = m.group("n1"), m.group("n2")
    # "15-22 Lacs", "$150-190K": the second unit covers a bare small first number.
    if n2 and u2 and not u1 and "," not in n1 and (_number(n1) or 0) < 1000:
        u1 = u2
    units = {u for u in (u1, u2) if u}
    currency = _currency(m, units, default_currency)
    if currency is None:
        return None
    low = _scaled(n1, u1)
    high = _scaled(n2, u2) if n2 else low
    if low is None or high is None or high < low:
        return None
    before = text[max(0, m.start() - 40) : m.start()]
    period = _period(m, text)
    explicit_period = any(p.search(text[m.end() : m.end() + 30]) for _, p in _PERIODS)
    keyword = bool(_SALARY_WORDS.search(text[max(0, m.start() - 60) : m.start()]))
    has_symbol = any(m.group(g) for g in ("c1", "c2", "c3", "c4"))
    strong = has_symbol and bool(n2 or explicit_period or units) or "lpa" in units
    if period in ("day", "week"):
        return _Money(None, keyword, strong)
    if period == "year" and high < (50_000 if currency == "INR" else 1_000):
        return None
    if n2 is None:
        if _UP_TO.search(before):
            low = None
        elif _FROM.search(before) or m.group("plus"):
            high = None
    return _Money(SalaryRange(low, high, currency, period), keyword, strong)


def _money_candidates(
    text: str, *, in_description: bool, default_currency: str | None
) -> Iterator[_Money]:
    for m in _SALARY.finditer(text):
        if in_description:
            before = text[max(0, m.start() - 40) : m.start()]
            if _NOT_PAY_BEFORE.search(before) or _NOT_PAY_AFTER.search(text[m.end() :]):
                continue
        money = _money(m, text, default_currency)
        if money is not None:
            yield money


def parse_salary(
    text: str, *, in_description: bool = False, default_currency: str | None = None
) -> SalaryRange | None:
    """Pay in the text's own currency and period; None for day rates and "competitive".

    With in_description, money must look like this job's pay (pay words before it, or a
    currency with a range, period or k/LPA unit) and deal sizes, bonds and incentives
    are skipped.
    """
    text = text[:_MAX_TEXT]
    candidates = list(
        _money_candidates(text, in_description=in_description, default_currency=default_currency)
    )
    if in_description:
        candidates = [c for c in candidates if c.keyword] or [c for c in candidates if c.strong]
    return candidates[0].salary if candidates else None


# --- place ----------------------------------------------------------------------------


def _alias_pattern(alias: str) -> str:
    escaped = re.escape(alias)
    if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 3:
        return rf"(?-i:(?<![\w.]){escaped}(?![\w]))"
    return rf"(?<!\w){escaped}(?!\w)"


def _alias_regex(aliases: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias (longest first) and a lookup from lowered alias to key."""
    lookup: dict[str, str] = {}
    for key, names in aliases.items():
        for name in names:
            lookup.setdefault(name.lower(), key)
    ordered = sorted(lookup, key=len, reverse=True)
    originals = {n.lower(): n for names in aliases.values() for n in names}
    pattern = "|".join(_alias_pattern(originals[a]) for a in ordered)
    return re.compile(pattern, _I), lookup


@functools.cache
def _places() -> dict[str, Any]:
    data = _toml("cities")
    cities = {name: [name, *spec.get("aliases", [])] for name, spec in data["cities"].items()}
    city_re, city_lookup = _alias_regex(cities)
    country_re, country_lookup = _alias_regex(data["countries"])
    state_re, state_lookup = _alias_regex(data["states"])
    regions = data["regions"]
    return {
        "city_re": city_re,
        "city_lookup": city_lookup,
        "city_country": {name: spec["country"] for name, spec in data["cities"].items()},
        "country_re": country_re,
        "country_lookup": country_lookup,
        "state_re": state_re,
        "state_lookup": state_lookup,
        "state_codes": {c: k for k, codes in data["state_codes"].items() for c in codes},
        "anywhere_re": _any(_alias_pattern(a) for a in regions["anywhere"]),
        "multi_re": _any(_alias_pattern(a) for a in regions["multi"]),
    }


def _countries_in(text: str) -> list[str]:
    places = _places()
    return [
        places["country_lookup"][m.group(0).lower()] for m in places["country_re"].finditer(text)
    ]


def parse_location(text: str) -> tuple[str | None, str | None]:
    """(canonical city, ISO country) named in a location string, else None for each."""
    text = text[:2000]
    places = _places()
    city_match = places["city_re"].search(text)
    city = places["city_lookup"][city_match.group(0).lower()] if city_match else None
    if city is not None:
        return city, places["city_country"][city]
    countries = _countries_in(text)
    if countries:
        return None, countries[0]
    state = places["state_re"].search(text)
    if state:
        return None, places["state_lookup"][state.group(0).lower()]
    code = re.search(r",\s*([A-Z]{2,3})\s*$", text)
    if code:
        return None, places["state_codes"].get(code.group(1))
    return None, None


@functools.cache
def _restriction_res() -> tuple[re.Pattern[str], ...]:
    """Phrases that tie a remote job to one place; group `p` holds the place words."""
    place = r"(?P<p>(?:the\s+)?[A-Z][\w.]*(?:[ -][A-Z][\w.]*){0,3}(?:\s*(?:/|or|and|&|,)\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)*)"
    triggers = (
        r"remote|work from home|wfh|work from anywhere|anywhere|based|located|living|live|"
        r"reside|residing|resident|authori[sz]ed to work|eligible to work|right to work|"
        r"candidates|applicants|hire|hiring|open to candidates(?: \w+)?"
    )
    return (
        re.compile(
            rf"(?i:\b(?:{triggers}))\s+(?i:only\s+)?(?i:in|within|from)\s+(?i:any\s+)?{place}"
        ),
        re.compile(rf"(?i:\b(?:remote|work from home|wfh))\s*(?:[-–—,:(/|]\s*)+{place}"),
        re.compile(rf"{place}[\s-]+(?i:only\b)"),
    )


_REMOTE_PLACE = re.compile(r"remote|work from home|\bwfh\b|anywhere|worldwide|online", _I)


# (found a restriction, its one country, else the regions and countries it is open to)
_Restriction = tuple[bool, str | None, tuple[str, ...]]


def _restricted_country(text: str) -> _Restriction:
    places = _places()
    for pattern in _restriction_res():
        for m in pattern.finditer(text):
            words = m.group("p")
            countries = set(_countries_in(words))
            city = places["city_re"].search(words)
            if city and not countries:
                countries.add(places["city_country"][places["city_lookup"][city.group(0).lower()]])
            if places["multi_re"].search(words) or len(countries) > 1:
                return True, None, _scope(words, countries)
            if countries:
                return True, countries.pop(), ()
    return False, None, ()


def _scope(words: str, countries: set[str]) -> tuple[str, ...]:
    """Where a multi-country remote job is open: its known regions and countries; empty
    when any of its words is a region without country data (then it restricts nothing)."""
    regions = [canonical_region(m.group(0)) for m in _places()["multi_re"].finditer(words)]
    if None in regions:
        return ()
    return tuple(sorted({*(r for r in regions if r), *countries}))


def _remote_country(
    location: str, text: str, currency: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """(the one country a remote job is open to, else the regions it is open to, if any)."""
    found, country, scope = _restricted_country(location)
    if found:
        return country, scope
    places = _places()
    if places["multi_re"].search(location):
        return None, _scope(location, set(_countries_in(location)))
    found, country, scope = _restricted_country(text)
    if found:
        return country, scope
    if places["anywhere_re"].search(location) or re.search(
        r"anywhere in the world|work from anywhere|from any country|worldwide|anywhere\b(?!\s+in\b)",
        text,
        _I,
    ):
        return None, ()
    _, country = parse_location(location)
    if country:
        return country, ()
    # Pay in rupees means an Indian payroll, so applicants must be in India.
    return ("IN" if currency == "INR" else None), ()


_LOCATION_LINE = re.compile(r"(?:location|based in|office)\s*[:\-–]\s*([^\n]{1,120})", _I)


def _onsite_place(location: str, text: str) -> tuple[str | None, str | None]:
    city, country = parse_location(location)
    if city or country:
        return city, country
    line = _LOCATION_LINE.search(text)
    if line:
        city, country = parse_location(line.group(1))
        if city or country:
            return city, country
    places = _places()
    m = places["city_re"].search(text)
    if m:
        name = places["city_lookup"][m.group(0).lower()]
        return name, places["city_country"][name]
    return None, None


# --- work mode ------------------------------------------------------------------------

_NUM_DAYS = r"(?:[1-7]|one|two|three|four|five|six|seven)"
_MODE_LABEL = re.compile(
    r"(?:work(?:ing)?\s*(?:mode|model|setup|set-up|pattern|arrangement|location type)|"
    r"workplace(?: type)?|location type|job type)\s*[:\-–—]\s*(?P<v>[^\n.;]{1,60})",
    _I,
)
_HYBRID_WORD = re.compile(
    r"\bhybride[sn]?\s+arbeiten\b|"
    # "(waterfall, agile, hybrid)" names a methodology, not where one works
    r"(?<!waterfall,\s)(?<!agile,\s)(?<!agile\sand\s)(?<!agile\sor\s)(?<!agile/)(?<!scrum,\s)"
    r"\bhybrid\b(?!\s+(?:cloud|summits?|events?|delivery|infrastructure|environments?|apps?|"
    r"approach|agile|methodolog\w*|projects?|solutions?|integrations?|vehicles?|cars?|"
    r"architecture|data|deployments?|it|mobile|models?\s+(?:of|for)\s+delivery|teams? of))",
    _I,
)
_OFFICE_DAYS = re.compile(
    rf"\b(?P<n>{_NUM_DAYS})(?:\s*(?:-|to)\s*{_NUM_DAYS})?\s*(?:days?|x)\s*"
    r"(?:(?:a|per|/|each|every|of the)\s*week\s*)?(?:in|at|from|on|to)?\s*(?:the\s*|our\s*)?"
    r"(?:office|on[\s-]?site|wfo|in[\s-]person|in-office|onsite|campus|lab)\b"
    rf"|\b(?P<n2>{_NUM_DAYS})\s*(?:office|on[\s-]?site|in-office)\s*days?\b"
    rf"|\bwork from office\W{{1,3}}(?:all\s*)?(?P<n3>{_NUM_DAYS})\s*days"
    rf"|\bwork from office,?\s*all\s*(?P<n4>{_NUM_DAYS})\s*days"
    rf"|\bon[\s-]?site\b[^\n.;]{{0,40}}?\((?P<n5>{_NUM_DAYS})\s*days"
    rf"|\b(?:in|at|from)\s+(?:the\s+|our\s+)?office\b[^\n.;]{{0,25}}?\b(?P<n6>{_NUM_DAYS})\s*days"
    # German: "2 Tage pro Woche im Büro"
    r"|\b(?P<n7>[1-5])\s*tage?\s*(?:pro|die|in der)\s*woche\s*(?:im|vor ort|ins)\s*(?:büro|office)?",
    _I,
)
_ONSITE_STRONG = re.compile(
    r"\bwork(?:ing)? from (?:the )?office\b|\bwfo\b|\b(?:on[\s-]?site|office[\s-]based|site[\s-]based|"
    r"in[\s-]office|in[\s-]person)\s+(?:role|position|job|only)\b|\bbased on[\s-]?site\b|"
    r"\bthis (?:role|position|job) is (?:based )?on[\s-]?site\b|\bsite[\s-]based\b|"
    r"\bnot (?:a )?remote\b|\bno remote\b|\bnot open to (?:fully )?remote\b|\bwork location:\s*project site",
    _I,
)
_REMOTE_WORDS = re.compile(
    r"\bremote\b(?![\s-]+(?:monitoring|control|sensing|access|patient|support sessions?))|"
    r"\bwork(?:ing)? from home\b|\bwfh\b|\bwork from anywhere\b|\bfrom anywhere\b|"
    r"\bdistributed team\b|\basync[\s-]first\b|\bremote[\s-]first\b",
    _I,
)
_NOT_REMOTE = re.compile(r"\b(?:not|no|non)[\s-](?:fully[\s-])?remote\b", _I)
_ONSITE_WEAK = re.compile(
    r"\b(?:on[\s-]?site|onsite)\b(?!\s*(?:visits?|meetings?|during|teams?|support|-offshore|/offshore))",
    _I,
)


def _office_days(text: str) -> int | None:
    days = []
    for m in _OFFICE_DAYS.finditer(text):
        raw = next((g for g in m.groups() if g), None)
        value = _small_int(raw) if raw else None
        if value is not None:
            days.append(value)
    return min(days) if days else None


def _mode_from_text(text: str) -> str | None:
    days = _office_days(text)
    if days is not None:
        return "hybrid" if days < 5 else "onsite"
    if _HYBRID_WORD.search(text):
        return "hybrid"
    if _ONSITE_STRONG.search(text):
        return "onsite"
    if _REMOTE_WORDS.search(text) and not _NOT_REMOTE.search(text):
        return "remote"
    if _ONSITE_WEAK.search(text):
        return "onsite"
    return None


def work_mode_of(
    *, description: str, location: str = "", title: str = "", remote: bool | None = None
) -> str:
    """remote, hybrid or onsite: what the text says beats the board's flag.

    Hybrid is any regular office presence ("3 days a week in office"); an optional desk
    or a quarterly meet-up keeps a job remote.
    """
    text = html_to_text(description)
    label = _MODE_LABEL.search(text)
    if label:
        mode = _mode_from_text(label.group("v"))
        if mode:
            return mode
    for source in (text, f"{title}\n{location}"[:2000]):
        mode = _mode_from_text(source)
        if mode:
            return mode
    if _places()["anywhere_re"].search(location[:2000]):  # "Worldwide" is a remote place
        return "remote"
    return "remote" if remote else "onsite"


# --- degrees --------------------------------------------------------------------------

_DEGREES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bachelor", re.compile(
        r"\bbachelor'?s?\b|\bb\.?\s?(?:e|tech|sc|s|a|ca|com|arch)\b\.?(?!\w)|\bundergraduate degree\b|"
        r"\bengineering degree\b|\bdegree in\b|\bgraduate in\b", _I)),
    ("master", re.compile(
        r"\bmaster'?s\b|\bm\.?\s?(?:tech|sc|ca|ba|s|e)\b\.?(?!\w)|\bmba\b|\bpost[\s-]?graduate\b", _I)),
    ("phd", re.compile(r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b", _I)),
)  # fmt: skip
_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("computer science", re.compile(r"computer science|\bcse\b|\bcs\b(?=\W+(?:or|degree|/))", _I)),
    ("software engineering", re.compile(r"software engineering", _I)),
    ("information technology", re.compile(r"information technology|\bB\.?\s?Tech\s+IT\b|\bMCA\b|\bBCA\b", _I)),
    ("cybersecurity", re.compile(r"cyber\s?security|information security", _I)),
    ("MIS", re.compile(r"\bMIS\b(?=[^\n]{0,30}degree)|management information systems", _I)),
    ("engineering", re.compile(r"\bB\.?\s?E\b\.?|\bB\.?\s?Tech\b|\bM\.?\s?Tech\b|engineering degree|degree in engineering", _I)),
)  # fmt: skip


def _degree(text: str) -> tuple[str | None, tuple[str, ...]]:
    levels = [level for level, pattern in _DEGREES if pattern.search(text)]
    fields = tuple(name for name, pattern in _FIELDS if pattern.search(text))
    return (levels[0] if levels else None), fields


# --- everything -----------------------------------------------------------------------


def _salary_of(
    salary_text: str | None, text: str, structured: SalaryRange | None
) -> SalaryRange | None:
    if structured is not None:
        return structured
    if salary_text and not _NO_SALARY.search(salary_text):
        found = parse_salary(salary_text)
        if found is not None:
            return found
        if re.search(r"\d", salary_text):  # a day rate or similar: no yearly salary
            return None
    return parse_salary(text, in_description=True)


def extract_facts(
    *,
    title: str,
    description: str,
    location: str = "",
    salary_text: str | None = None,
    remote: bool | None = None,
    structured_salary: SalaryRange | None = None,
) -> Facts:
    """Everything the matcher needs from one listing, read once at ingest."""
    title = title[:500]
    location = location[:500]
    text = html_to_text(description)
    years_min, years_max = parse_years(text)
    certs = _find_mentions(text, _named_patterns("certifications", "certifications"), strict=True)
    skills = _find_mentions(f"{title}\n{text}", _named_patterns("skills", "skills"), strict=False)
    methods = _find_mentions(
        f"{title}\n{text}", _named_patterns("methodologies", "methodologies"), strict=False
    )
    salary = _salary_of(salary_text, text, structured_salary)
    mode = work_mode_of(description=text, location=location, title=title, remote=remote)
    scope: tuple[str, ...] = ()
    if mode == "remote":
        city, _ = parse_location(location)
        where = f"{title}\n{text}"  # "Technical Project Manager (Remote, EU)"
        country, scope = _remote_country(location, where, salary.currency if salary else None)
    else:
        city, country = _onsite_place(location, text)
    degree_level, degree_fields = _degree(text)
    variant = classify_role(title, text)
    return Facts(
        role_variant=variant,
        title_key=title_key(title, variant),
        seniority=seniority_of(title, years_min),
        years_min=years_min,
        years_max=years_max,
        certifications=certs.names,
        skills=skills.names,
        methodologies=methods.names,
        preferred=tuple(sorted(certs.preferred | skills.preferred | methods.preferred)),
        degree_level=degree_level,
        degree_fields=degree_fields,
        salary=salary,
        work_mode=mode,
        country=country,
        city=city,
        remote_scope=scope,
        conditions=imposed(f"{title}\n{text}"),
        travel_percent=travel_percent(text),
    )
