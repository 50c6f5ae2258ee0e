"""Fast paths of fact extraction that skip a regex where a cheaper test shows it finds
nothing: on made-up text full of near misses, the skip is taken only when the regex would
indeed find nothing (test_scan.py holds the scan's own machinery).
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from matcher.extract import pay_ranges
from matcher.extract.prefixes import most_leading_digits, parse_tree, read_branch
from matcher.extract.scan import Scan

RUNS = settings(max_examples=300, deadline=None)
FILLER = " filler" * 40  # long enough to be scanned by its plan, not the plain way

_PAY_WORDS = st.sampled_from(
    ["$", "₹", "USD", "usd$", "CA$", "€", "£", "120,000", "150000", "85k", "12", "6,00,000",
     "/-", "/", "per", "a", "an", "year", "Year", "yr", "annum", "hour", "hr", "month", "mo",
     "mês", "mes", "times", "-", "–", "—", "to", "up", "Up", "up to", "upto", "between",
     "Between", "and", "min", "Min:", "minimum", "max", "maximum", "from", "From", "starting",
     ".", ",", ":", " ", "  ", "\n", "\t", "\u00a0", "lpa", "k", "m", "l", "cr", "setup"]
)  # fmt: skip
pay_texts = st.lists(_PAY_WORDS, max_size=30).map("".join) | st.lists(_PAY_WORDS, max_size=30).map(
    " ".join
)


@RUNS
@given(pay_texts)
@example("$130,000 per year - $165,000 per year")
@example("6,00,000/- to 8,00,000/- per year")
@example("between $102,000 USD and $138,000 USD; min 90000 max 110000 USD")
@example("from $135,000/year up to $155,000/year, 90k up to 100k")
@example("$44/hr to $46/hr")
@example("5 lpa a year – 6 lpa, 10 up\n to 12")
def test_a_range_rewrite_is_skipped_only_when_it_would_change_nothing(text: str) -> None:
    text += FILLER
    # Every match of the rewrite's pattern holds a match of its sign.
    for m in pay_ranges._PERIOD_BEFORE_SEP.finditer(text):
        found = pay_ranges._PERIOD_SIGN.search(text, m.start())
        assert found is not None and found.start() < m.end()
    scan = Scan(text)
    assert pay_ranges._up_to_second_in(scan) == bool(pay_ranges._UP_TO_SECOND.search(text))
    if pay_ranges.joins_nothing(scan):
        assert pay_ranges.joined_ranges(text) == text


# --- the longest run of digits a pattern's matches can open with ------------------------

_ATOMS = [r"\d", r"\d{1,2}", r"\d+", r"[1-7]", r"[0-5]\d", r"[a-c]", r"x", r"\.", r",", r"\s",
          r"\s*", r"\w", r".", r"[^x]", r"(?!\d)", r"(?![\d.])", r"(?!x)", r"\b", r"(?<!\d)",
          r"(?=\d)", r"\D", r"[\d.]", r"(?:\.\d)?", r"(?:\d,)?", r"(?:one|1)"]  # fmt: skip


@st.composite
def _small_patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """A pattern of the atoms, groups (optional or repeated) and alternatives."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            inner = "|".join(draw(st.lists(_small_patterns(depth + 1), min_size=1, max_size=3)))
            parts.append(f"(?:{inner})" + draw(st.sampled_from(["", "?", "*", "{1,2}", "+"])))
        else:
            parts.append(draw(st.sampled_from(_ATOMS)))
    return "".join(parts)


_DIGITS_TEXT = st.text(alphabet="0123456789123x .,abc-", max_size=40)


@settings(max_examples=600, deadline=None)
@given(_small_patterns(), _DIGITS_TEXT)
@example(r"\d{1,2}(?:\.\d)?\s*x", "123 x 12 x 1.5 x")
@example(r"[1-7](?:\s*-\s*[1-7])?\s*x", "1-2 x 12 x 3x")
@example(r"\d+(?!\d)", "12345")
@example(r"(?:\d\dx|\d){1,2}x", "123xx")  # the last copy ends the digits, later than the others
def test_a_match_opens_with_no_longer_run_of_digits_than_its_pattern_allows(
    pattern: str, text: str
) -> None:
    compiled = re.compile(pattern)
    most = most_leading_digits(parse_tree(compiled))
    if most is None:
        return
    for run in re.finditer(r"[0-9]+", text):
        if compiled.match(text, run.start()):
            assert len(run.group()) <= most, (pattern, text, run.start())


def test_a_letter_of_another_script_is_a_need_however_short() -> None:
    # "5년 이상" (five years or more) opens with a digit, tried at every number of every
    # text; its "년" rules out every text not in Korean, as "years" would not.
    korean = read_branch(parse_tree(re.compile(r"(?<![\d.])(\d{1,2})\s*년\s*이상")), False)
    assert frozenset({"년"}) in korean.needs
    # Latin letters that short are in nearly every text: no need of them.
    latin = read_branch(parse_tree(re.compile(r"(?<![\d.])(\d{1,2})\s*yr")), False)
    assert latin.needs == ()


def test_every_condition_pattern_has_a_place_to_start() -> None:
    """A condition pattern that may start anywhere ("^...", a class first) makes the scan
    try the whole table of conditions at every character of every posting (matcher 1.29's
    "^...(B2B)" made long postings ten times slower): each names where its matches start."""
    from matcher.extract.conditions import _conditions

    _, mentions = _conditions()
    entry = mentions.entry
    assert entry.branches is not None
    opens = [entry.sources[n] if entry.sources else n for n in entry.open]
    assert opens == []
