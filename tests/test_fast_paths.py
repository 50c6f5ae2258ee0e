"""Fast paths of fact extraction that skip a regex where a cheaper test shows it finds
nothing: on made-up text full of near misses, the skip is taken only when the regex would
indeed find nothing (test_scan.py holds the scan's own machinery).
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from matcher.extract import salary
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
    for m in salary._PERIOD_BEFORE_SEP.finditer(text):
        found = salary._PERIOD_SIGN.search(text, m.start())
        assert found is not None and found.start() < m.end()
    scan = Scan(text)
    assert salary._up_to_second_in(scan) == bool(salary._UP_TO_SECOND.search(text))
    if salary._joins_nothing(scan):
        assert salary.joined_ranges(text) == text
