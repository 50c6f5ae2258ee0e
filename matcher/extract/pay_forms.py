"""Pay as some boards write it, read into the forms `salary` knows: Japanese and Vietnamese
amounts rewritten ("年収 450万円〜600万円" -> "JPY 4500000 - 6000000 per year"), and the Gulf's
basic salary with allowances on top."""

from __future__ import annotations

import re

from matcher.extract.patterns import anchored
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE

# --- pay as Japanese and Vietnamese boards write it ----------------------------------------

# "年収 450万円〜600万円" (a year's pay, in units of 10,000 yen), "月給35万円〜55万円" (a
# month's), "時給 7,000円" (an hour's); Daijob's "11 million yen ~ 15 million yen";
# Vietnamese "20 - 30 triệu/tháng" (millions of dong a month), "20 tr - 28 tr ₫/tháng".
# Rewritten into the forms salary._SALARY reads: "JPY 4500000 - 6000000 per year".
_YEN_AMOUNTS = re.compile(
    r"(?P<kind>年収|年俸|月給|月収|時給|日給)?\s*[:：]?\s*(?P<a>\d[\d,]*(?:\.\d+)?)\s*(?P<ua>万)?\s*円?"
    r"(?:\s*[〜～~\-–]\s*(?P<b>\d[\d,]*(?:\.\d+)?)\s*(?P<ub>万)?)?\s*円"
)
_YEN_PERIOD = {"年収": " per year", "年俸": " per year", "月給": " per month", "月収": " per month",
               "時給": " per hour", "日給": " per day"}  # fmt: skip
_YEN_WORD = re.compile(r"(\d[\d,.]*(?:\s*million)?)\s*yen\b", re.IGNORECASE)
_TRIEU = re.compile(r"(\d[\d,.]*)\s*(?:triệu|tr)(?!\w)\s*(?:₫|đ|vnđ|vnd)?", re.IGNORECASE)
_VI_PERIOD = re.compile(r"\s*/\s*(?:(tháng)|(năm))", re.IGNORECASE)


def east_asian_pay(text: str) -> str:
    """`text` with Japanese and Vietnamese pay written as the forms `_SALARY` reads."""
    if "円" in text:
        text = _YEN_AMOUNTS.sub(_yen, text)
    if "yen" in text or "Yen" in text or "YEN" in text:
        text = _YEN_WORD.sub(r"JPY \1", text)
    if "triệu" in text or "Triệu" in text or "₫" in text or "tháng" in text:
        text = _TRIEU.sub(r"VND \1 million", text)
        text = _VI_PERIOD.sub(lambda m: " per month" if m.group(1) else " per year", text)
    return text


def _yen(m: re.Match[str]) -> str:
    def amount(number: str, unit: str | None) -> str:
        value = float(number.replace(",", "")) * (10_000 if unit else 1)
        return f"{value:.0f}"

    unit_b = m.group("ub")
    low = amount(m.group("a"), m.group("ua") or (unit_b if m.group("b") else None))
    high = f" - {amount(m.group('b'), unit_b)}" if m.group("b") else ""
    return f"JPY {low}{high}{_YEN_PERIOD.get(m.group('kind') or '', '')}"


# --- a basic salary with allowances on top ------------------------------------------------

# "Basic salary AED 24,000 per month plus housing, transport and utility allowances": the
# Gulf's way of stating pay, where the allowances (often 40-50% of the package) come on top
# and the package is not given. A stated total ("= AED 35,000 total monthly package") or a
# share of CTC ("basic 40% of CTC") is not this.
_BASIC_PLUS_ALLOWANCES = anchored(
    r"\bbasic\b\s*(?:monthly\s+)?(?:salary|pay)?\s*(?:of\s+|:\s*|[-–]\s*)?"
    r"(?:[A-Z]{2,3}\.?|[$£€₹])?\s?(?:\d{1,3}(?:[,.\s]\d{3})+|\d{4,})(?:\.\d+)?(?!\s*%)"
    r"[^.;\n=]{0,60}?(?:\+|\bplus\b|\bwith\b|\band\b)[^.;\n=]{0,80}?\ballowances?\b",
    NOCASE,
)
_PACKAGE_STATED = anchored(
    r"\b(?:total|gross|overall)\s+(?:monthly\s+|annual\s+|yearly\s+)?(?:package|compensation|"
    r"remuneration|pay|salary|ctc)\b|=\s*(?:[A-Z]{2,3}\.?|[$£€₹])?\s?\d",
    NOCASE,
)


def basic_pay_in(scan: Scan) -> bool:
    """Whether the pay the text states is a basic salary with allowances on top, the whole
    package not stated."""
    return scan.search(_BASIC_PLUS_ALLOWANCES) is not None and scan.search(_PACKAGE_STATED) is None
