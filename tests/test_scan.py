"""matcher.extract.scan and text: the fast paths find exactly what the plain regexes find.

The goldens (test_facts_golden.py) hold the facts of real listings; these tests hold the
machinery on made-up text full of what is rare in listings: odd whitespace, case-folding
letters, digits of other scripts, markup left over.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from matcher.extract import extract_facts
from matcher.extract.authorisation import _places, _rights_required
from matcher.extract.level import _YEARS_GLUED, _glued_years
from matcher.extract.patterns import REGISTRY, Anchored, Table
from matcher.extract.prefixes import SPACES
from matcher.extract.scan import CASE_SPECIAL, Scan, faithful
from matcher.extract.text import Reading, _plain_again, clauses, html_to_text

# Pieces of listing text, and the characters the fast paths must not get wrong.
PIECES = [
    "Technical Program Manager", "5+ years", "3-5 yrs", "ten years", "$120k", "₹ 12 LPA",
    "€60.000", "Remote (US only)", "Hybrid - 3 days in office", "night shift", "on-call",
    "PMP preferred", "not required", "Location: Berlin", "1,200", "24/7", "Nice to have:",
    "CSM", "PSM II", "AWS certified", "B.Tech", "MBA", "Bengaluru", "NYC", "EMEA", "Jira",
    "work from home", "6 days a week", "bond of 2 years", "travel 40%", "9pm-6am",
    "US shift", "SC clearance", "TPM", "Scrum", "stakeholders", "budget", "München", "Zürich",
    "\t", "\u00a0", "\u2028", "\u3000", "\r\n", "\n", " ", "  ", ";", "•", " - ", " – ", ".",
    "&amp;", "&lt;p&gt;", "<br>", "<li>", "\\-", "Σ", "ς", "ſ", "İ", "K", "٣", "𝟙", "✅", "_5",
    "a5", "(3) years", "remote", "Senior", "Lead", "6σ", "ÜBER",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join)
RUNS = settings(max_examples=150, deadline=None)


@pytest.fixture(scope="module", autouse=True)
def every_pattern_registered() -> None:
    """Families register their patterns as they are first used: use them all."""
    for remote in (True, False):
        extract_facts(title="Senior TPM", description="Remote. 5 years. PMP. $100k", remote=remote)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@RUNS
@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_every_pattern_finds_what_finditer_finds(text: str, cut: int, tail: int) -> None:
    text = text * 4  # long enough not to be scanned the plain way
    scan = Scan(text)
    start, end = min(cut, len(text)), max(len(text) - tail, 0)
    for entry in list(REGISTRY):
        assert isinstance(entry, Anchored)
        want = _spans(entry.pattern.finditer(text))
        assert _spans(scan.finditer(entry)) == want, entry.pattern.pattern
        window = _spans(entry.pattern.finditer(text, start, end))
        assert _spans(scan.finditer(entry, start, end)) == window, entry.pattern.pattern


@RUNS
@given(texts, texts)
def test_a_tail_finds_what_its_own_scan_finds(head: str, text: str) -> None:
    whole = Scan(f"{head}\n{text * 4}")
    tail = whole.tail(len(head) + 1)
    alone = Scan(text * 4)
    for entry in list(REGISTRY):
        assert _spans(tail.finditer(entry)) == _spans(alone.finditer(entry))


def test_most_listing_text_takes_the_fast_path() -> None:
    scan = Scan("Senior Technical Program Manager – Bengaluru. 5+ years, PMP preferred. " * 4)
    assert not scan.plain
    assert Scan("Σ is a Greek letter, folded otherwise by re " * 8).plain
    assert Scan("digits of another script: ٣ " * 10).plain


def test_every_registered_pattern_is_looked_for_through_the_automaton() -> None:
    # A pattern with no prefixes is tried at every character of every text: the pay
    # pattern (about 40 currency signs, each before any of 25 whitespace characters) once
    # was, and cost a long posting more than all of its other patterns' plans together.
    # A branch with no prefixes ("İstanbul", whose lower case is longer) must at least need
    # a string the automaton finds, so that it is tried whole only in the texts holding it.
    plain = [
        entry.source[:60]
        for entry in REGISTRY
        if entry.branches is None or any(not entry.branches[number].needs for number in entry.open)
    ]
    assert plain == []


def test_case_special_holds_every_letter_re_folds_beyond_lower_case() -> None:
    casefix = pytest.importorskip("re._casefix")
    folded = set()
    for lower, others in casefix._EXTRA_CASES.items():
        folded |= {chr(lower), *map(chr, others)}
    expected = set()
    for code in range(0x80, 0x110000):
        char = chr(code)
        surrogate_or_digit = 0xD800 <= code <= 0xDFFF or char.isdecimal()
        special = len(char.lower()) != 1 or char in folded or char.lower() in folded
        if special and not surrogate_or_digit:
            expected.add(char)
    assert set(CASE_SPECIAL) == expected | {"\u03a3"}


def test_outside_case_special_lower_case_is_how_re_matches_letters() -> None:
    for code in range(0x80, 0x10000):
        char = chr(code)
        if char in CASE_SPECIAL or char.isdecimal() or char.lower() == char.upper():
            continue
        for letter in "abcdefghijklmnopqrstuvwxyz":
            matched = re.fullmatch(letter, char, re.IGNORECASE) is not None
            assert matched == (char.lower() == letter), char
    assert faithful("Zürich, München, Kraków – “quotes” ✅")
    assert not faithful("ſ") and not faithful("Σ") and not faithful("٣")


def test_spaces_are_every_whitespace_character() -> None:
    assert not any(chr(code).isspace() for code in range(0x3001, 0x110000))
    assert "".join(c for c in map(chr, range(0x3001)) if c.isspace()) == SPACES


# The clause rule as one regex, as it was written before it was made fast.
_CLAUSE_SPLIT = re.compile(r"\n|[;•▪●◦✓✔✅👉]|(?<=[a-z0-9)])[.!?](?=\s|$)|\s[-–—]\s(?=[A-Z])")
clause_texts = st.lists(
    st.sampled_from(["a", "B", "0", ")", ".", "!", "?", ";", "•", "-", "–", "—", " ", "\n", "\t"]),
    max_size=40,
).map("".join)


def _reference_clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@settings(max_examples=400, deadline=None)
@given(clause_texts)
def test_clauses_are_those_of_the_clause_regex(text: str) -> None:
    assert clauses(text) == _reference_clauses(text)


@RUNS
@given(clause_texts, texts)
def test_a_reading_cuts_title_and_text_as_one_string(title: str, description: str) -> None:
    reading = Reading(title, description)
    titled = reading.titled_clauses
    assert titled.spans == _reference_clauses(reading.titled)
    for index, (start, end) in enumerate(titled.spans):
        assert titled.words(index) == len(reading.titled[start:end].split())


_SPACE = re.compile(r"[^\S\n]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _reference_tidy(text: str) -> str:
    """html_to_text's whitespace rules as they were first written, line by line, and a space
    where a Latin letter or digit meets Chinese, Japanese or Korean script."""
    text = _CONTROL.sub(" ", text.replace("\r", "\n").replace("\u00a0", " "))
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(_spaced_scripts(line) for line in lines if line)


def _cjk(c: str) -> bool:
    point = ord(c)
    return any(
        low <= point <= high
        for low, high in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))
    )


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _spaced_scripts(line: str) -> str:
    out = []
    for before, c in zip(" " + line, line, strict=False):  # each character after the one before
        if (_cjk(before) and (_latin(c) or c == "$")) or (_latin(before) and _cjk(c)):
            out.append(" ")
        out.append(c)
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_plain_text_is_tidied_as_the_line_by_line_rules_did(text: str) -> None:
    plain = text.replace("<", "").replace("&", "").replace("\\", "")
    assert html_to_text(plain) == _reference_tidy(plain)


@RUNS
@given(texts)
def test_a_second_pass_is_skipped_only_when_it_changes_nothing(text: str) -> None:
    once = html_to_text(text)
    assert _plain_again(once) == html_to_text(once)
    assert html_to_text(html.escape(once)) is not None


def _tables() -> list[Table]:
    from matcher.extract import conditions, qualifications

    vocabularies = (
        qualifications.certification_table(),
        qualifications.skill_table(),
        qualifications.methodology_table(),
    )
    return [
        *(v.table for v in vocabularies),
        qualifications._DEGREE_TABLE,
        conditions._conditions()[1],
    ]


@RUNS
@given(texts)
def test_each_group_of_a_table_finds_what_its_own_finditer_finds(text: str) -> None:
    text = text * 4
    scan = Scan(text)
    for table in _tables():
        want = sorted(
            (group, m.span())
            for group, pattern in enumerate(table.patterns)
            for m in pattern.finditer(text)
        )
        assert sorted((g, m.span()) for g, m in scan.finditer_groups(table)) == want
        assert scan.groups_found(table) == {group for group, _ in want}


# The pattern authorisation.py searched whole before it looked from the phrase back.
_PLACE_THEN_PHRASE = re.compile(
    r"(?i:\b(?:valid\s+|current\s+)?)(?P<p>US|U\.S\.|UK|EU|[A-Z][a-z]+)\s+"
    r"(?i:work\s+(?:authori[sz]ation|permit|visa|rights?)\s+(?:is\s+)?(?:required|mandatory|needed))"
)
_RIGHTS_WORDS = st.sampled_from(
    ["US", "U.S.", "UK", "EU", "India", "Germany", "Canada", "Indian", "Valid", "valid",
     "current", "work", "Work", "permit", "visa", "is", "required", "Required", "a", "xUS",
     ".", ",", "\n", "  ", "work permit required", "Work Authorization is mandatory",
     "work visa needed", "work rights required"]
)  # fmt: skip


@RUNS
@given(st.lists(_RIGHTS_WORDS, max_size=30).map(" ".join))
def test_work_rights_read_from_the_phrase_back_as_the_whole_pattern_read_them(
    text: str,
) -> None:
    scan = Scan(text + " " + "filler " * 40)  # long enough to be scanned by its plan
    expected = [m.group("p") for m in _PLACE_THEN_PHRASE.finditer(scan.text)]
    assert _rights_required(scan) == [p for place in expected for p in _places(place)]


_GLUED_WORDS = st.sampled_from(
    ["required", "plus.", "a", "7", "12", "123", "+", " ", "  ", "\n", "years", "yrs", "year",
     "Year", "B.", "x7", "5+", "+ years", "d3", "experience", "required12", "plus.7 ",
     "d7  \n", "a123", "+yrs", "x1"]
)  # fmt: skip


@RUNS
@given(st.lists(_GLUED_WORDS, max_size=30).map("".join))
@example("required7 \n+ years, plus.12+yrs, a123+ years")  # spaces before the "+"; 3 digits
def test_glued_years_are_found_from_their_plus_as_the_whole_pattern_finds_them(text: str) -> None:
    scan = Scan(text + " " + "filler " * 40)  # long enough to be scanned by its plan
    found = [m.span() for m in _glued_years(scan)]
    assert found == [m.span() for m in _YEARS_GLUED.finditer(scan.text)]
