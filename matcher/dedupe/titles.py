"""One job title read: normalised (board noise and abbreviations), its level words,
grade and requisition number, and the company name taken off its start."""

from __future__ import annotations

import functools
import re

from rapidfuzz.utils import default_process

from matcher.extract import parse_location, translate_title

# --- titles ---------------------------------------------------------------------------

# Abbreviations undone so that "Sr. TPM Mgr" and "Senior TPM Manager" read alike. "TPM" is
# left alone: it may be a project, program or product manager (see `_spell_tpm`).
_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "mgr": "manager",
    "mngr": "manager", "programme": "program", "proj": "project", "prog": "program",
    "asst": "assistant", "assoc": "associate", "engg": "engineering", "ops": "operations",
    "mgmt": "management", "mgt": "management",
}  # fmt: skip
_PHRASES = (("vice president", "vp"), ("dev ops", "devops"))
# A title's field in French, as Canada's bilingual employers post one job in both languages
# ("Gestionnaire de projets techniques – Réclamations" / "Technical Project Manager – Claims");
# the role words are translated with role extraction's table (`translate_title`).
_FRENCH_WORDS = {
    "réclamations": "claims", "reclamations": "claims", "réclamation": "claims",
    "paiements": "payments", "paiement": "payments", "donnée": "data",
    "infonuagique": "cloud", "moteur": "engine",
    "plateforme": "platform", "données": "data", "réseau": "network", "sécurité": "security",
    "souscription": "underwriting", "assurances": "insurance", "assurance": "insurance",
    "numérique": "digital", "jeu": "game", "jeux": "games", "vidéo": "video",
    "fédéral": "federal", "télécommunications": "telecommunications",
}  # fmt: skip
_GENDER = re.compile(
    r"\(?\b[mfwdxh]\s*/\s*[mfwdxh](?:\s*/\s*[mfwdx])?\b\)?|\(\s*(?:all genders|gn)\s*\)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_SEPARATOR = re.compile(r"\s+[-–—|/:@]\s+|\s*[|–—]\s*|,\s*")
# Pay in a title ("up to 90k", "$160k-$190k + equity", "25 LPA") says nothing of which job.
# A currency sign makes any amount pay ("£90-110k", "£575/day"); without one it takes a unit.
_AMOUNT = r"[$£€₹]?\s?\d+(?:[.,]\d+)?\s?(?:k|m|lpa|lakhs?|l)\b"
_SIGNED = r"[$£€₹]\s?\d[\d,.]*\s?(?:k|m|lpa|lakhs?|l)?\b"
_PAY_IN_TITLE = re.compile(
    rf"(?:up\s*to\s*)?(?:{_SIGNED}|{_AMOUNT})(?:\s*[-–]\s*(?:{_SIGNED}|{_AMOUNT}))?"
    r"(?:\s*(?:/|per\s+|a\s+)(?:day|hour|hr|year|yr|annum)\b)?(?:\s*\+\s*equity)?",
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
    # How an agency places the hire, not which job: "Direct Hire", "Direktvermittlung".
    "direct", "hire", "permanent", "perm", "direktvermittlung", "festanstellung", "cdi",
    # French articles and work modes; a language the job asks is not which job
    "de", "des", "du", "la", "le", "les", "et", "hybride", "bilingual", "bilingue",
})  # fmt: skip
# A segment naming a shift is the job's hours, whatever place it names ("US Shift", "UK
# shift"): one employer's night-shift and day opening under one title are two jobs.
_SHIFT_WORDS = frozenset({"shift", "shifts", "night", "nights", "rotational"})
# A whole bracketed or trailing segment made only of these (or a place) is dropped.
_NOISE_WORDS = _FILLER_WORDS | frozenset({
    "on", "site", "office", "work", "from", "home", "anywhere", "worldwide", "fully", "100",
    "new", "apply", "now", "based", "location", "only",
    # Regions a remote job is open to: "(LATAM)", "- EMEA"
    "emea", "apac", "latam", "americas", "europe", "anz", "mena", "dach", "nordics",
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


# An agency describes its client where the employer's name would be: "| Leading Fintech |",
# "- Tier-1 Telecom", "(Product Company)", "– Fortune 500 Bank": not which job.
_CLIENT = re.compile(
    r"\b(?:leading|tier[\s-]?(?:1|one|i)|reputed|renowned|well[\s-]known|top[\s-]?(?:\d+|tier)|"
    r"mnc|fortune[\s-]?\d+|product[\s-](?:based\s+)?(?:company|firm|startup)|our client|"
    r"(?:funded|unicorn)\s+startup|series[\s-][a-e]\b|"
    # "(Australian Client)", "- US Client": where the client is, not which job
    r"(?:us|uk|eu|[a-z]+(?:an|ese|ish))\s+clients?\b)",
    re.IGNORECASE,
)
# "Technical Project Manager for Pune location": the place, said in words.
_FOR_LOCATION = re.compile(r"\s+(?:for|at|in)\s+(?:[\w/.-]+\s+){1,3}?locations?\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)
def _is_noise(segment: str) -> bool:
    """A title segment that is board noise: work mode, place, gender, id, years, an
    agency's description of its client."""
    if _CLIENT.search(segment):
        return True
    words = default_process(_YEARS_IN_TITLE.sub(" ", segment)).split()
    rest = [w for w in words if w not in _NOISE_WORDS]
    if not rest:
        return True
    if not _SHIFT_WORDS.isdisjoint(rest):  # "- US Shift": the hours are the job's, no place
        return False
    if len(rest) <= 3:
        city, country = parse_location(" ".join(rest))
        if city or country:
            return True
        # As written: a short alias counts only in capitals ("NYC", "UK"; "us" is a word).
        city, country = parse_location(segment.strip())
        if city or country:
            return True
        # "Hybrid, Charlotte NC": a city that needs its state, written without a comma.
        cased = [w for w in _CASED_WORD.findall(segment) if w.lower() not in _NOISE_WORDS]
        if len(cased) >= 2:
            return _is_place(f"{' '.join(cased[:-1])}, {cased[-1]}")
    return False


def _is_place(city_and_state: str) -> bool:
    """ "Charlotte, NC": a city the place table knows with its state's code."""
    state = city_and_state.rsplit(",", 1)[-1]
    return _LONE_CODE.fullmatch(state) is not None and parse_location(city_and_state)[0] is not None


_CASED_WORD = re.compile(r"[^\W_][\w.'-]*")
_LONE_CODE = re.compile(r"\s*[A-Z]{2,3}\s*")  # "TN" once "Nashville" was split off


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
    text = translate_title(title[:300])
    if "ocation" in text:
        text = _FOR_LOCATION.sub(" ", text)
    # Each pattern runs only when its cheap tell is there: most titles are plain words.
    if "/" in text or "(" in text:
        text = _GENDER.sub(" ", text)
    if "(" in text or "[" in text or "{" in text:
        text = _BRACKETED.sub(lambda m: _keep_bracket(m, text), text)
    segments = _SEPARATOR.split(text)
    if len(segments) > 1:
        kept, skip = segments[:1], False
        for n, segment in enumerate(segments[1:], start=1):
            if skip:
                skip = False
                continue
            # A city then its state's code ("Charlotte, NC", split at the comma) is a
            # place; a code alone may be a field ("Project Manager - HR").
            following = segments[n + 1] if n + 1 < len(segments) else ""
            if _LONE_CODE.fullmatch(following) and _is_place(f"{segment}, {following.strip()}"):
                skip = True
                continue
            if not _is_noise(segment):
                kept.append(segment)
        text = " ".join(kept)
    if any(c.isdigit() for c in text):
        text = _JOB_ID.sub(" ", _YEARS_IN_TITLE.sub(" ", _PAY_IN_TITLE.sub(" ", text)))
    words = [
        _ABBREVIATIONS.get(w) or _FRENCH_WORDS.get(w, w)
        for w in default_process(text.replace("&", " and ")).split()
    ]
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
def translated(title: str) -> bool:
    """Whether the title names its role in another language ("Technischer Projektleiter"):
    then its text is in that language too, and no word comparison can confirm a copy."""
    # (a gender marker, "(m/w/d)", is no other language: English titles on German boards carry it)
    plain = _GENDER.sub(" ", title[:300]) if "/" in title or "(" in title else title[:300]
    return translate_title(plain) != plain


def same_words(a: str, b: str) -> bool:
    """Two normalised titles of the same words in any order ("project manager technical",
    a translation's order, and "technical project manager")."""
    return a == b or sorted(a.split()) == sorted(b.split())


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


def _without_company(title: str, company: str) -> str:
    """ "Orbitra: Technical Program Manager" at Orbitra: the company is not the job."""
    if company and title.startswith(company + " ") and len(title) > len(company) + 1:
        return title[len(company) + 1 :]
    return title
