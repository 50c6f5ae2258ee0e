"""A package stated as its parts, as the Gulf writes pay: "Basic salary QAR 12,000 + housing
allowance QAR 4,000 + transport allowance QAR 1,000 per month". The pay is the whole
package: its total where the listing states one ("(total AED 27,000 per month)"), else the
parts' sum. (A basic salary whose allowances come on top unstated is `pay_forms.basic_pay_in`.)
"""

from __future__ import annotations

import re

from matcher.extract.patterns import anchored
from matcher.extract.salary import _CUR, _CUR_SYMBOLS, _NUM, _number, could_be_pay
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE
from matcher.facts import SalaryRange
from matcher.taxonomy_data import taxonomy

_BASIC = anchored(rf"\bbasic(?:\s+(?:monthly\s+)?(?:salary|pay))?\s*:?\s*(?={_CUR})", NOCASE)
_AMOUNT = re.compile(rf"(?P<c>{_CUR})\s?(?P<n>{_NUM})", NOCASE)
# Each further part: "+ housing allowance QAR 4,000", "+ transport AED 2,000"
_PART = re.compile(
    r"\s*\+\s*(?:(?:housing|accommodation|transport(?:ation)?|car|food|utilit(?:y|ies)|other|"
    r"mobile|phone|education)\s+)?(?:allowances?\s*)?:?\s*",
    NOCASE,
)
_TOTAL = re.compile(r"[\s,]*\(?\s*(?:=|total(?:\s+package)?\s*:?|in\s+total)\s*", NOCASE)
_PER_MONTH = re.compile(
    r"[\s)]*(?:per\s+month|a\s+month|monthly|/\s*month|p\.?\s?m\.?(?!\w))", NOCASE
)
_PER_YEAR = re.compile(
    r"[\s)]*(?:per\s+(?:year|annum)|a\s+year|annually|yearly|/\s*year|p\.?\s?a\.?(?!\w))", NOCASE
)


def _money(text: str, at: int) -> tuple[str, float, int] | None:
    """(currency, amount, end) of the amount at `at`, or None."""
    m = _AMOUNT.match(text, at)
    if m is None:
        return None
    currency = _CUR_SYMBOLS.get(m.group("c").lower().strip())
    value = _number(m.group("n"))
    return (currency, value, m.end()) if currency and value else None


def package_in(scan: Scan) -> SalaryRange | None:
    """The package of a basic salary and allowances each with its amount, in one currency."""
    text = scan.text
    for basic in scan.finditer(_BASIC):
        first = _money(text, basic.end())
        if first is None:
            continue
        currency, total, at = first
        parts = 1
        while (joint := _PART.match(text, at)) is not None:
            part = _money(text, joint.end())
            if part is None or part[0] != currency:
                break
            total, at, parts = total + part[1], part[2], parts + 1
        if parts < 2:
            continue
        stated = _TOTAL.match(text, at)
        said = _money(text, stated.end()) if stated is not None else None
        if said is not None and said[0] == currency:
            total, at = said[1], said[2]
        if _PER_YEAR.match(text, at):
            period = "year"
        elif _PER_MONTH.match(text, at) or currency in taxonomy("currencies")["monthly_by_default"]:
            period = "month"
        else:
            continue
        found = SalaryRange(total, total, currency, period)
        if could_be_pay(found):
            return found
    return None
