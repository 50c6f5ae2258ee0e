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
    r"(?P<open>\s*[〜～~](?!\s*\d))?"
)
_YEN_PERIOD = {"年収": " per year", "年俸": " per year", "月給": " per month", "月収": " per month",
               "時給": " per hour", "日給": " per day"}  # fmt: skip
_YEN_WORD = re.compile(r"(\d[\d,.]*(?:\s*million)?)\s*yen\b", re.IGNORECASE)
_TRIEU = re.compile(r"(\d[\d,.]*)\s*(?:triệu|tr)(?!\w)\s*(?:₫|đ|vnđ|vnd)?", re.IGNORECASE)
_VI_PERIOD = re.compile(r"\s*/\s*(?:(tháng)|(năm))", re.IGNORECASE)


# Chinese boards: "18-28K·13薪" (thousands of yuan a month, paid 13 times a year), "年薪30-45万"
# (a year's pay in units of 10,000), "2.5-3.5万/月", "月薪 46,000~58,000元", "年薪 NT$1,200,000
# 以上" (and above: a floor). 万 is yuan (CNY), 萬 (traditional) Taiwan's dollar; `in_local_dollars`
# reads either as the local currency where the listing is.
_DASH = r"\s*(?:-|–|—|~|～|〜|至|到)\s*"
_K_MONTHS = re.compile(
    rf"(?<![\d.])(?P<a>\d{{1,3}}(?:\.\d)?)(?:{_DASH}(?P<b>\d{{1,3}}(?:\.\d)?))?\s*[Kk千]"
    r"(?:\s*[·•*xX×]\s*\d{1,2}\s*薪|\s*/\s*月)"
)
_WAN = re.compile(
    r"(?P<kind>年薪|月薪|年收入?|月收入?)?\s*[:：]?\s*(?:人民币|RMB|NT\$|¥|￥)?\s*"
    rf"(?<![\d.])(?P<a>\d{{1,4}}(?:\.\d+)?)\s*(?P<ua>[万萬])?(?:{_DASH}(?P<b>\d{{1,4}}(?:\.\d+)?))?"
    r"\s*(?P<u>[万萬])\s*(?:元|台幣|新台幣)?(?P<per>\s*/\s*[月年])?(?P<more>\s*以上)?"
)
_YUAN = re.compile(
    r"(?P<kind>年薪|月薪|時薪|时薪)\s*[:：]?\s*(?P<cur>NT\$|RMB|人民币|¥|￥|HK\$)?\s*"
    rf"(?P<a>\d[\d,]*)(?:{_DASH}(?:NT\$\s*)?(?P<b>\d[\d,]*))?\s*(?:元)?(?P<more>\s*以上)?"
)
# "NT$ 50,000 - 70,000 (月薪)": the period after the amounts
_PERIOD_AFTER = re.compile(r"\(\s*(月薪|年薪)\s*\)")
_CN_PERIOD = {"年薪": " per year", "年收": " per year", "年收入": " per year", "月薪": " per month",
              "月收": " per month", "月收入": " per month", "時薪": " per hour", "时薪": " per hour"}  # fmt: skip


def chinese_pay(text: str) -> str:
    """`text` with pay as Chinese boards write it in the forms `_SALARY` reads."""
    if "薪" in text or "K/月" in text or "k/月" in text:
        text = _K_MONTHS.sub(_thousands, text)
    if "万" in text or "萬" in text:
        text = _WAN.sub(_wan, text)
    if "薪" in text:
        text = _YUAN.sub(_yuan, text)
        text = _PERIOD_AFTER.sub(lambda m: _CN_PERIOD[m.group(1)], text)
    return text


def _thousands(m: re.Match[str]) -> str:
    low = float(m.group("a")) * 1000
    high = f" - {float(m.group('b')) * 1000:.0f}" if m.group("b") else ""
    return f"CNY {low:.0f}{high} per month"


def _wan(m: re.Match[str]) -> str:
    currency = "TWD" if m.group("u") == "萬" or "NT$" in m.group(0) else "CNY"
    low = float(m.group("a")) * 10_000
    high = float(m.group("b")) * 10_000 if m.group("b") else None
    kind, per = m.group("kind"), (m.group("per") or "").strip()
    if kind:
        period = _CN_PERIOD.get(kind, " per year")
    elif per:
        period = " per month" if per.endswith("月") else " per year"
    else:  # "1.5-2.5万" is a month's pay, "30-45万" a year's
        period = " per month" if (high or low) <= 100_000 else " per year"
    if m.group("more"):
        return f"from {currency} {low:.0f}{period}"
    return f"{currency} {low:.0f}{f' - {high:.0f}' if high else ''}{period}"


def _yuan(m: re.Match[str]) -> str:
    cur = m.group("cur") or ""
    currency = {"NT$": "TWD", "HK$": "HKD"}.get(cur, "CNY")
    low = m.group("a").replace(",", "")
    high = f" - {m.group('b').replace(',', '')}" if m.group("b") else ""
    period = _CN_PERIOD[m.group("kind")]
    if m.group("more"):
        return f"from {currency} {low}{period}"
    return f"{currency} {low}{high}{period}"


# Korean boards: "연봉 9,000만원 ~ 1억 2,000만원" (a year's pay; 만 is 10,000 won, 억 100 million),
# "월 350만원" (a month's), "5,000~6,500만원" (the unit after the second), "1억 이상" (and above).
_KRW_AMOUNT = r"(?:(?P<{e}>\d{{1,3}})\s*억\s*)?(?:(?P<{m}>\d{{1,2}}(?:,\d{{3}})|\d{{1,4}})\s*(?P<{u}>만)?\s*원?)?"
_WON = re.compile(
    r"(?P<kind>연봉|월급?|월\s*급여|시급)?\s*[:：]?\s*"
    + _KRW_AMOUNT.format(e="ea", m="ma", u="ua")
    + r"(?:\s*[~～〜\-–]\s*"
    + _KRW_AMOUNT.format(e="eb", m="mb", u="ub")
    + r")?(?P<more>\s*이상)?"
)
_KRW_PERK_AFTER = re.compile(r"\s*\S*(?:비|수당|보상금|지원금|포인트)(?!\w)")
_KRW_PERK_BEFORE = re.compile(r"(?:보상금|추천인|지원자|상금|수당)\s*[:：]?\s*$")
_KRW_PERIOD = {"연봉": " per year", "월": " per month", "월급": " per month", "시급": " per hour"}


def korean_pay(text: str) -> str:
    """`text` with pay as Korean boards write it in the forms `_SALARY` reads."""
    return _WON.sub(_won, text)


def _won(m: re.Match[str]) -> str:
    def amount(eok: str | None, man: str | None, unit: str | None) -> float | None:
        if not eok and not man:
            return None
        value = float(eok or 0) * 100_000_000
        if man:
            value += float(man.replace(",", "")) * (10_000 if unit or eok else 1)
        return value

    said = m.group(0)
    # the Korean units, said of money: "원" (won) or a pay word ("가맹점 2만 곳" counts shops)
    if ("억" not in said and "만" not in said) or not (
        m.group("kind") or "원" in said or "억" in said
    ):
        return said
    # a perk or a bonus, not pay: "연 200만 원 자기계발비", "추천인 50만원" (a referral reward)
    after = m.string[m.end() : m.end() + 12]
    before = m.string[max(0, m.start() - 10) : m.start()]
    if _KRW_PERK_AFTER.match(after) or _KRW_PERK_BEFORE.search(before):
        return said
    unit_b = m.group("ub")
    low = amount(m.group("ea"), m.group("ma"), m.group("ua") or unit_b)
    high = amount(m.group("eb"), m.group("mb"), unit_b)
    if low is None:
        return said
    kind = (m.group("kind") or "").replace(" ", "")
    period = _KRW_PERIOD.get("월" if kind.startswith("월") else kind, " per year")
    if m.group("more"):
        return f"from KRW {low:.0f}{period}"
    return f"KRW {low:.0f}{f' - {high:.0f}' if high else ''}{period}"


def east_asian_pay(text: str) -> str:
    """`text` with Japanese, Chinese, Korean and Vietnamese pay written as the forms `_SALARY`
    reads."""
    if "억" in text or "만원" in text or "만 원" in text:
        text = korean_pay(text)
    if "円" in text:  # first: yen amounts are in 万 too ("年収 450万円〜600万円")
        text = _YEN_AMOUNTS.sub(_yen, text)
    if "薪" in text or "万" in text or "萬" in text or "/月" in text:
        text = chinese_pay(text)
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
    # "月給32万円～" with nothing after the dash: that much and more
    more = "from " if not high and m.group("open") else ""
    return f"{more}JPY {low}{high}{_YEN_PERIOD.get(m.group('kind') or '', '')}"


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
