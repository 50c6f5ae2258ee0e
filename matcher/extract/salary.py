"""Pay a listing offers: in its own currency and period, from the board's salary field or
else from the description, where deal sizes, funding, bonds and allowances are not pay."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from matcher.extract.patterns import anchored
from matcher.extract.pay_forms import east_asian_pay
from matcher.extract.pay_ranges import joined_ranges, joins_nothing
from matcher.extract.scan import Scan
from matcher.extract.text import MAX_TEXT, NOCASE
from matcher.facts import SalaryRange
from matcher.taxonomy_data import taxonomy

_CUR_SYMBOLS = {
    "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "$": "USD", "us$": "USD",
    "usd$": "USD", "usd $": "USD",
    "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "cad": "CAD",
    "c$": "CAD", "ca$": "CAD", "aud": "AUD", "a$": "AUD", "au$": "AUD", "sgd": "SGD", "s$": "SGD",
    "sg$": "SGD", "nz$": "NZD",
    "aed": "AED", "chf": "CHF", "¥": "JPY", "jpy": "JPY", "pln": "PLN", "zł": "PLN",
    "sek": "SEK", "nok": "NOK", "dkk": "DKK", "nzd": "NZD", "hkd": "HKD", "myr": "MYR",
    "sar": "SAR", "qar": "QAR", "zar": "ZAR", "czk": "CZK", "r$": "BRL", "brl": "BRL",
    "php": "PHP", "₱": "PHP", "idr": "IDR", "rp": "IDR", "rp.": "IDR", "rm": "MYR",
    "thb": "THB", "฿": "THB", "vnd": "VND", "₫": "VND",
    "ils": "ILS", "₪": "ILS", "euro": "EUR", "euros": "EUR",
    "cop": "COP", "mxn": "MXN", "ars": "ARS", "clp": "CLP", "pen": "PEN",
    "kes": "KES", "ksh": "KES", "ksh.": "KES", "ngn": "NGN", "₦": "NGN", "egp": "EGP",
    "e£": "EGP", "mad": "MAD", "nt$": "TWD", "twd": "TWD", "₩": "KRW", "krw": "KRW",
    "cny": "CNY", "rmb": "CNY", "hk$": "HKD", "kr": "SEK", "s/": "PEN", "uyu": "UYU",
    "try": "TRY", "tl": "TRY", "₺": "TRY", "ron": "RON", "lei": "RON", "kč": "CZK",
    "huf": "HUF", "nis": "ILS", "pkr": "PKR", "lkr": "LKR", "npr": "NPR", "bdt": "BDT",
    "tk": "BDT", "tk.": "BDT", "৳": "BDT", "jod": "JOD",
    # the Gulf's dinars and Oman's rial by code: "BHD 1,800 - 2,300", "KWD 700", "OMR 1,400"
    "bhd": "BHD", "kwd": "KWD", "omr": "OMR",
    # in Arabic: the Saudi and Qatari riyal, the Jordanian dinar (a bare riyal or dinar is the
    # Gulf's and Jordan's most written: Saudi, Jordanian)
    "ريال سعودي": "SAR", "ريال قطري": "QAR", "ريال": "SAR", "دينار أردني": "JOD", "دينار": "JOD",
    "درهم إماراتي": "AED", "درهم": "AED",
}  # fmt: skip
_CUR = (
    r"(?:₹|rs\.?(?=\s?\d)|inr|us\$|usd\s?\$|usd|ca\$|c\$|au\$|a\$|nz\$|sg\$|s\$|nt\$|hk\$|\$|€|eur|£|gbp|cad|aud|sgd|aed|chf|¥|jpy"
    # East Asia: "NT$1,400,000", "₩70,000,000", "KRW", "CNY"/"RMB"
    r"|twd|₩|krw|cny|rmb|uyu|(?-i:S/)(?=\s?\d)"
    r"|pln|zł|sek|nok|dkk|nzd|hkd|myr|sar|qar|zar|czk|r\$|brl|ils|₪"
    # Southeast Asia: "PHP 50,000", "₱90,000", "Rp 45.000.000", "RM 8,000" (upper case: "rm" is
    # a word), "฿", "₫"
    r"|php|₱|idr|(?-i:Rp)\.?(?=\s?\d)|(?-i:RM)(?=\s?\d)|thb|฿|vnd|₫"
    # Latin America's pesos and soles by code ("COP 6.000.000"; their "$" is read as USD);
    # ARS and PEN in capitals ("years", "open")
    r"|cop|mxn|clp|(?-i:ARS|PEN)(?=\s?\d)"
    # Africa's: "KES 150,000", "KSh 150,000", "₦900,000", "E£60,000" (South Africa's "R55 000"
    # is read in a board's salary field, `_RAND`)
    r"|kes|ksh\.?(?=\s?\d)|ngn|₦|egp|e£|(?-i:MAD)(?=\s?\d)"
    # Turkey's lira, Romania's leu, Hungary's forint by code or sign ("TRY 60,000", "₺110.000",
    # "RON 23,000"; "try" and "ron" are words: in capitals)
    r"|₺|(?-i:TRY|TL|RON)(?=\s?\d)|huf|(?-i:NIS)(?=\s?\d)"
    # South Asia beyond India: Pakistan's, Sri Lanka's and Nepal's rupees by code, the taka
    # by code or sign ("Tk. 1,80,000", "৳"); their "Rs." is read where the job is
    r"|pkr|lkr|npr|bdt|৳|(?-i:Tk)\.?(?=\s?\d)|jod|bhd|kwd|omr)"
)
_NUM = (
    r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+,\d{2}(?!\d)"  # "18.000,00": a decimal comma
    r"|\d{1,3},\d{2}(?![\d,.])"  # "R$ 140,00": a decimal comma, no thousands
    r"|\d{1,3}(?:,\d{2,3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?![\d,])"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[,.]\d)"  # "18 000" (Poland, France, …)
    r"|\d{1,3}(?:['’]\d{3})+(?!\d|[,.]\d)"  # "120'000" (Switzerland)
    r"|\d{1,12}(?:\.\d{1,2})?)(?![\d])"
)
_UNIT = r"(?:\s?(?:lpa|lakhs?|lacs?|lakh|crores?|cr|million|mn|thousand|l|אלף|लाख)\b|[km]\b|\s[km](?=€|£))"
_SEP = r"\s*(?:-|–|—|‑|~|to|till|\s(?:bis|und|à|a|tot|do|e|et|y)\s)\s*(?=\D{0,8}\d)"
_SALARY = anchored(
    rf"(?:(?P<c1>{_CUR})\s?)?(?P<n1>{_NUM})(?P<u1>{_UNIT})?(?:\s?(?P<c4>€|£|euros?|eur|gbp|pln|zł|chf|\$)(?!\w))?"
    rf"(?:{_SEP}(?:(?P<c2>{_CUR})\s?)?(?P<n2>{_NUM})(?P<u2>{_UNIT})?)?"
    rf"(?P<plus>\+(?!\s))?(?:\s?(?P<c3>usd|eur|euros?|gbp|inr|cad|aud|sgd|aed|pln|zł|sek|nok|dkk|chf"
    rf"|brl|ils|cop|mxn|ars|clp|pen|kes|ngn|egp|mad|zar|myr|sar|qar|jpy|krw|twd|cny|vnd|nzd|hkd|kr|€|£|\$"
    # after the amount: "60.000 TL", "13.000 RON", "8.000 lei", "65 000 Kč", "900 000 Ft"
    rf"|(?-i:TL|TRY|RON|NIS)|lei|kč|czk|huf|₺|₪|pkr|lkr|npr|bdt|৳|jod|bhd|kwd|omr"
    rf"|ريال\s+سعودي|ريال\s+قطري|ريال|دينار\s+أردني|دينار|درهم\s+إماراتي|درهم)(?!\w))?",
    NOCASE,
)
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "אלף": 1e3, "लाख": 1e5, "l": 1e5, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5,
               "lac": 1e5, "lacs": 1e5, "cr": 1e7, "crore": 1e7, "crores": 1e7, "m": 1e6,
               "mn": 1e6, "million": 1e6}  # fmt: skip
_INDIAN_UNITS = frozenset(
    {"l", "lpa", "lakh", "lakhs", "lac", "lacs", "cr", "crore", "crores", "लाख"}
)
_FILLER = (
    r"^\s*(?:\(?(?:fixed|gross|base|net|netto|brutto|bruto|brutos|brut|ctc|usd|eur|gbp|inr|pln|brl)\)?\s*)?"
    r"(?:\(?\+?\s*vat\)?\s*)?\(?"  # ...and a period in brackets: "(Mensual)"
)
_PERIODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("hour", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?|pro|por)\s*(?:hr|hour|stunde|std\.?|uur|hora|ora|timme|tim)\b|/\s*h\b|hourly\b|ph\b)", NOCASE)),
    ("day", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:day|diem|zi|g[üu]n)\b|daily\b|p\.\s?d\.|p/d\b|pd\b)", NOCASE)),
    ("week", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?)\s*(?:week|wk)\b|weekly\b)", NOCASE)),
    ("month", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?|par|por|pro|al)\s*(?:month|mo|mth|mois|mes|m[êe]s|monat|maand|bulan|mies|m[åa]n(?:ad)?|mese|lun[ăa]|m[ěe]s[íi]c|mesiac|kk|kuukausi|kuus|m[ėe]n|mēn(?:esī)?)\b|/\s*ay\b|شهري(?:اً|ا)?|في\s+الشهر|(?:ברוטו\s+|נטו\s+)?לחודש|monthly\b|प्रति\s+(?:माह|महीना)|मासिक|p\.?m\.?(?!\w)|mensu\w*|mensa\w*|monatlich|maandelijk\w*|miesi[ęe]cz\w*|m[ěe]s[íi][čc]n[ěe]|lunar\b|mesa[čc]ne|ayl[ıi]k|[x×]\s*1[2-4]\s*(?:meses|months|m[êe]s|pagas|salaries|sal[aá]rios|(?:monats)?geh[äa]lter)\b)", NOCASE)),
    ("year", re.compile(_FILLER + r"(?:(?:/|per|an?|p\.?|par|por|pro|al)\s*(?:year|yr|annum|an|ann[ée]e|a[ñn]o|jahr|jaar|rok|[åa]r|anno)\b|p\.?\s?a\b\.?|annual|yearly|प्रति\s+(?:वर्ष|साल)|सालाना|वार्षिक|annuel\w*|anual\w*|j[äa]hrlich|jaarlijks|rocznie)", NOCASE)),
)  # fmt: skip
_RATE_BEFORE = {
    "hour": re.compile(r"hourly|per hour", NOCASE),
    "day": re.compile(
        r"day rate|daily rate|per day|tagessatz|\btjm\b|taux journalier|dagpris", NOCASE
    ),
    "month": re.compile(
        r"monthly|per month|mensuel\w*|mensual\w*|mensile|månadslön|maandsalaris|ayl[ıi]k|"
        r"lunar|m[ěe]s[íi][čc]n[ěe]|kuukausipalk\w*|brutopalk\w*|kuutasu",
        NOCASE,
    ),
}
# ...and in French, Spanish, German, Portuguese, Dutch: "jusqu'à 65 K€", "hasta", "bis zu"
_UP_TO = re.compile(
    r"(?:up\s?to|max(?:imum)?|not more than|till|below|under|jusqu[’']?\s?(?:à|a)|hasta|bis zu|"
    r"até|tot)\s*:?\s*$",
    NOCASE,
)
_FROM = re.compile(
    r"(?:from|starting\s+(?:at|from)|min(?:imum)?|at least|over|above|ab|à partir de|desde|vanaf|od|"
    r"alates|nuo|från)"
    r"\s*:?\s*$",
    NOCASE,
)
_SALARY_WORDS = re.compile(
    r"salary|compensation|\bbasic\b|\bctc\b|\bpay\b|package|\bbase\b|budget\s*:|remuneration|\bote\b|"
    r"\brate\b|stipend|\bfee\b|per annum|\blpa\b|💰|💵|💸|earn|"
    # French, Spanish, Portuguese, German, Dutch, Polish
    r"r[ée]mun[ée]ra\w*|salaire|salario|sueldo|sal[áa]rio|gehalt|verg[üu]tung|salaris|"
    r"wynagrodzenie|pensja|retribuci[óo]n|brutto|bruto|brut\b|שכר|"
    # Czech, Romanian, Turkish: "Mzda", "plat", "salariu", "maaş", "ücret"
    r"\bmzd\w*|\bplat\b|\bsalariu\w*|\bmaa[şs]\b|[üu]cret\w*|"
    # Nordic and Baltic: "Lön", "Palkka", "Palk", "Atlyginimas", "Alga"
    r"वेतन|\bl[öo]n\b|\bpalkka\b|\bpalk\b|\bbrutopalk\w*|\batlyginim\w*|\balga\b",
    NOCASE,
)
# Money that is not this job's pay: deal sizes, funding, bonds, incentives, allowances.
_NOT_PAY_BEFORE = re.compile(
    r"\b(?P<deal>acv|arr|revenue|turnover|deals?|funding|raised|valuation|bond|incentives?|worth|"
    r"gmv|loans?|budgets|budget of|invest\w*|transactions?|sales of|allowance|reimburse\w*|"
    r"cover of|insurance of|sum (?:insured|assured)|penalty|deposit|(?:portfolios?|accounts?|p&l)\s+(?:of|worth|valued|size)|"
    r"book of business|spend|capex|opex|savings|contract value|(?:ticket|project|deal) sizes?|market cap\w*|"
    # a perk's stipend: "Home-office stipend of $500"
    r"(?:home[\s-]?office|office|internet|phone|mobile|wellness|well-being|gym|fitness|learning|"
    r"equipment|setup|set-up|co-?working|commuter|commute)\s+stipend|"
    # a benefit's own sum: "Flexible benefits account (SGD 1,500 a year)"
    r"benefits?\s+(?:account|wallet|budget|credits?|points)|flex(?:ible)?\s+benefits?)"
    r"\b[^\n]{0,30}$",
    NOCASE,
)
# Tried with `match` where the money ends (no `^`: the rest of the text is not copied).
_NOT_PAY_AFTER = re.compile(
    r"\W{0,3}(?:acv|arr|gmv|revenue|in (?:total |new )?(?:funding|revenue|sales)|funding|"
    r"series\s+[a-f]\b|round\b|sq|(?:annual\s+|yearly\s+)?"
    r"(?:account|portfolio|budget|deal|contract value|p&l|book of business|programme|program)s?\b"
    # Perks: "$2,000 yearly learning budget", "$750 home office stipend"; not the next
    # sentence's ("CTC ₹4-6 LPA. Stipend during training ...").
    r"|(?<![.;!?])\s(?:(?!(?:plus|including|incl|with|per|a|an|the|lpa|ctc|base|salary|pay)\b)"
    r"[a-z&-]+\s+){0,4}(?:budget|stipend|allowance|reimbursement|credit)s?\b)",
    NOCASE,
)
_NO_SALARY = re.compile(r"competitive|not disclosed|undisclosed|negotiable|\bdoe\b|best in", NOCASE)


@dataclass(frozen=True, slots=True)
class _Money:
    salary: SalaryRange | None  # None: a rate that is not a salary (day, week)
    keyword: bool  # pay words just before it
    strong: bool  # unmistakably money: currency and range, period or k/LPA unit
    stipend: bool = False  # a trainee's or intern's stipend, paid until the job's pay starts
    confirmed: bool = False  # the pay once training ends ("CTC on confirmation")


def _number(raw: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):  # "60.000" is sixty thousand
        raw = raw.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})*,\d{2}", raw):  # "18.000,00", "140,00"
        raw = raw.replace(".", "").replace(",", ".")
    try:
        value = float(re.sub(r"[,\s'’]", "", raw))
    except ValueError:
        return None
    return value if value < 1e13 else None


def _scaled(raw: str, unit: str | None) -> float | None:
    value = _number(raw)
    if value is None:
        return None
    key = (unit or "").strip().lower()
    return value * _MULTIPLIER.get(key, 1.0)


def _stated_period(m: re.Match[str], text: str) -> str | None:
    """The period written just after the money ("per month", "p.a."), if any."""
    after = text[m.end() : m.end() + 30]
    return next((period for period, pattern in _PERIODS if pattern.search(after)), None)


def _period(m: re.Match[str], text: str, stated: str | None, currency: str, amount: float) -> str:
    if stated is not None:
        return stated
    before = text[max(0, m.start() - 25) : m.start()]
    for period, pattern in _RATE_BEFORE.items():
        if pattern.search(before):
            return period
    if _monthly_by_default(currency, amount):
        return "month"
    # US dollars too few for a year's pay, with no period said: a month's, as employers in
    # South-East Asia quote pay in dollars ("Salary: $800 - $1,200" for a coordinator in Ho
    # Chi Minh City). Not other currencies: ₹6,00,000 is a year's pay in India.
    if currency == "USD" and MONTHLY_FROM_USD <= amount < LITTLE_A_YEAR_USD:
        return "month"
    return "year"


# A month's pay is at least this (a figure under it, with no period, is no pay for a year
# or a month: an hourly rate or a fee).
MONTHLY_FROM_USD = 300.0


def _monthly_by_default(currency: str, amount: float) -> bool:
    """Where pay is quoted by the month (the Gulf, Africa, South-East Asia, Latin America,
    Poland: taxonomy/currencies.toml), an amount without a period is a month's when it could
    be one: at most MONTHLY_UP_TO_USD a month. Every labelled set's monthly figures in these
    currencies are under $19k a month, its yearly ones (Singapore's) over $57k a year."""
    between = taxonomy("currencies")["monthly_between"].get(currency)
    if between is not None:
        low, high = float(between[0]), float(between[1])
        return low <= amount <= high
    if currency not in taxonomy("currencies")["monthly_by_default"]:
        return False
    rate = _pay_bounds()[0].get(currency)
    return rate is not None and amount * rate <= MONTHLY_UP_TO_USD


MONTHLY_UP_TO_USD = 25_000.0


_INDIAN_GROUPING = re.compile(r"\d,\d\d,\d{3}")
# A currency without a rate in taxonomy/currencies.toml: no more than this a year.
_MOST_A_YEAR_ELSEWHERE = 5e6


@functools.cache
def _pay_bounds() -> tuple[Mapping[str, float], Mapping[str, tuple[float, float]]]:
    data = taxonomy("currencies")
    bounds = {period: (low, high) for period, (low, high) in data["pay_bounds_usd"].items()}
    return data["rates_to_usd"], bounds


def could_be_pay(salary: SalaryRange) -> bool:
    """Whether one job could pay this in its currency and period: a range whose top is
    outside taxonomy/currencies.toml's bounds is a budget, a deal or a misread number."""
    top = salary.max if salary.max is not None else salary.min
    if top is None:
        return False
    rates, bounds = _pay_bounds()
    rate = rates.get(salary.currency)
    if rate is None or salary.period not in bounds:
        return salary.period != "year" or 1_000 <= top <= _MOST_A_YEAR_ELSEWHERE
    low, high = bounds[salary.period]
    return low <= top * rate <= high and (salary.min is None or salary.min * rate <= high)


def _currency(m: re.Match[str], units: set[str], default: str | None) -> str | None:
    for group in ("c1", "c2", "c3", "c4"):
        symbol = m.group(group)
        if symbol:
            return _CUR_SYMBOLS.get(symbol.lower().rstrip())
    if units & _INDIAN_UNITS or _INDIAN_GROUPING.search(m.group("n1")):
        return "INR"  # "8,00,000": lakhs written the Indian way
    return default


def _units(m: re.Match[str]) -> tuple[str | None, str | None]:
    """The units of the money's two numbers ("k", "lakhs"), lower case."""
    u1 = (m.group("u1") or "").strip().lower() or None
    u2 = (m.group("u2") or "").strip().lower() or None
    n1, n2 = m.group("n1"), m.group("n2")
    # "15-22 Lacs", "$150-190K": the second unit covers a bare small first number.
    if n2 and u2 and not u1 and "," not in n1 and (_number(n1) or 0) < 1000:
        u1 = u2
    return u1, u2


def _money(
    m: re.Match[str], text: str, units: tuple[str | None, str | None], currency: str
) -> _Money | None:
    u1, u2 = units
    n1, n2 = m.group("n1"), m.group("n2")
    low = _scaled(n1, u1)
    high = _scaled(n2, u2) if n2 else low
    if low is None or high is None or high < low:
        return None
    before = text[max(0, m.start() - 40) : m.start()]
    stated = _stated_period(m, text)
    period = _period(m, text, stated, currency, high)
    explicit_period = stated is not None
    keyword = bool(_SALARY_WORDS.search(text[max(0, m.start() - 60) : m.start()]))
    has_symbol = any(m.group(g) for g in ("c1", "c2", "c3", "c4"))
    strong = has_symbol and bool(n2 or explicit_period or u1 or u2) or "lpa" in units
    lead = text[max(0, m.start() - 80) : m.start()]
    # The nearest pay word names the money: "Stipend ₹10k during training; CTC ₹4 LPA".
    named = [w.group().lower() for w in _PAY_NAMES.finditer(lead)]
    stipend = bool(named) and named[-1] == "stipend" and bool(_STIPEND.search(lead))
    # "CTC ₹4.2 LPA on confirmation": said before the money or just after it
    confirmed = not stipend and bool(
        _CONFIRMED.search(lead) or _CONFIRMED_AFTER.match(text, m.end())
    )
    if period in ("day", "week"):
        return _Money(None, keyword, strong)
    if not could_be_pay(SalaryRange(low, high, currency, period)):
        return None
    if n2 is None:
        if _UP_TO.search(before):
            low = None
        elif _FROM.search(before) or m.group("plus"):
            high = None
    return _Money(SalaryRange(low, high, currency, period), keyword, strong, stipend, confirmed)


# A stipend paid during training, and the pay after it: "Stipend during training: Rs 18,000
# per month - on successful completion you are confirmed ... with CTC Rs 4.2 LPA".
_STIPEND = re.compile(r"\bstipend\b(?![^.;\n]*\b(?:ctc|after|post)\b)", NOCASE)
_CONFIRMED_WORDS = (
    r"\b(?:on|upon|after)\s+(?:successful\s+)?(?:completion|confirmation|conversion)\b|"
    r"\bconfirmed\b|\bpost[\s-]training\b|\bafter\s+(?:the\s+)?training\b"
)
_CONFIRMED = re.compile(_CONFIRMED_WORDS, NOCASE)
_CONFIRMED_AFTER = re.compile(rf"[^.;\n]{{0,20}}?(?:{_CONFIRMED_WORDS})", NOCASE)
_PAY_NAMES = re.compile(r"\bstipend\b|\bctc\b|salary|\bpay\b|package|compensation", NOCASE)


def _money_candidates(
    scan: Scan, *, in_description: bool, default_currency: str | None
) -> Iterator[_Money]:
    text = scan.text
    for m in scan.finditer(_SALARY):
        # Most numbers of a description have no currency: no money, whatever is around them.
        units = _units(m)
        currency = _currency(m, {u for u in units if u}, default_currency)
        if currency is None:
            continue
        if in_description:
            before = text[max(0, m.start() - 40) : m.start()]
            not_pay = _NOT_PAY_BEFORE.search(before)
            # "accounts worth ₹8 Cr; CTC 30 LPA": pay words after the deal name the pay.
            if not_pay and _SALARY_WORDS.search(before, not_pay.end("deal")):
                not_pay = None
            if not_pay or _NOT_PAY_AFTER.match(text, m.end()):
                continue
        money = _money(m, text, units, currency)
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
    return salary_in(
        Scan(joined_ranges(text[:MAX_TEXT])),
        in_description=in_description,
        default_currency=default_currency,
    )


def salary_in(
    scan: Scan, *, in_description: bool = False, default_currency: str | None = None
) -> SalaryRange | None:
    """parse_salary of a scanned text (at most MAX_TEXT long)."""
    # The first candidate; in a description the first after pay words, else the first
    # strong one (read no further than the answer needs).
    first_strong: _Money | None = None
    stipend: _Money | None = None  # a training stipend: the pay after training wins
    for money in _money_candidates(
        scan, in_description=in_description, default_currency=default_currency
    ):
        if in_description and stipend is not None:
            if money.confirmed:
                return money.salary
            continue
        if in_description and money.keyword and money.stipend:
            stipend = money
            continue
        if not in_description or money.keyword:
            return money.salary
        if first_strong is None and money.strong:
            first_strong = money
    if stipend is not None:
        return stipend.salary
    return first_strong.salary if first_strong else None


# A pay grade's number before its range is no amount: "HEW Level 7 – $103,594 – $111,862 p.a."
_GRADE_DASH_SOURCE = (
    r"\b((?:level|band|grade|step|hew|aps)\s*\d{1,2}[a-z]?)\s*[–—-]\s*(?=[$£€₹]|[A-Z]{3}\s?\d)"
)
_GRADE_DASH = re.compile(_GRADE_DASH_SOURCE, re.IGNORECASE)
# ...found in a description from the scan's index (a search of every text would cost more
# than the rest of reading its pay)
_GRADE_DASH_ANCHORED = anchored(_GRADE_DASH_SOURCE, NOCASE)


def salary_of(
    salary_text: str | None,
    scan: Scan,
    structured: SalaryRange | None,
    dollar: str | None = None,
    rupee: str | None = None,
) -> SalaryRange | None:
    """The pay the listing offers. `dollar`: the currency a bare "$" is where the listing's
    location is (pesos in Mexico City or Buenos Aires: "$1.900.000 mensuales"), unless the
    listing says US dollars; `rupee` likewise for "Rs." (Pakistan's, Sri Lanka's rupee)."""
    if structured is not None and could_be_pay(structured):
        return structured
    if rupee:
        salary_text, scan = _as_local(_RUPEES, _SAYS_INDIAN_RUPEES, rupee, salary_text, scan)
    if dollar and "$" in f"{salary_text or ''}{scan.text}":
        salary_text, scan = _as_local(_BARE_DOLLAR, _SAYS_US_DOLLARS, dollar, salary_text, scan)
    if salary_text and _GRADE_DASH.search(salary_text):
        salary_text = _GRADE_DASH.sub(r"\1: ", salary_text)
    if salary_text and not _NO_SALARY.search(salary_text):
        found = parse_salary(east_asian_pay(_RAND.sub("ZAR ", salary_text)))
        # A board's bare number (no currency, period or range) is a hint some boards fill
        # with a sum or a median: pay the text states wins.
        if _BARE_NUMBER.fullmatch(salary_text) or _APPROXIMATE.match(salary_text):
            return _stated_in(scan) or found
        if found is not None:
            # A board's range without its period that is too little for a year's pay
            # ("$1,200 – $1,500") takes the period the text gives the same amounts
            # ("$1,200 – $1,500 per month"); the text is read only then.
            if _too_little_a_year(found) and not _PERIOD_SAID.search(salary_text):
                stated = _stated_in(scan)
                if stated is not None and (stated.min, stated.max, stated.currency) == (
                    found.min,
                    found.max,
                    found.currency,
                ):
                    return stated
            return found
        if re.search(r"\d", salary_text):  # a day rate or similar: no yearly salary
            return None
    return _stated_in(scan)


def _as_local(
    sign: re.Pattern[str],
    says_other: re.Pattern[str],
    code: str,
    salary_text: str | None,
    scan: Scan,
) -> tuple[str | None, Scan]:
    """`salary_text` and `scan` with a currency sign written as the local currency's code,
    unless the listing names the other currency the sign also stands for."""
    said = f"{salary_text or ''}\n{scan.text}"
    if not sign.search(said) or says_other.search(said):
        return salary_text, scan
    local = f"{code} "
    return (sign.sub(local, salary_text) if salary_text else salary_text), Scan(
        sign.sub(local, scan.text)
    )


# A "$" with no letter before it ("R$", "US$", "C$" name their dollar).
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z])\$")


_ANY_CURRENCY = re.compile(_CUR + r"|\b(?:euros?|lei|kč|nis)\b|₪|₺", NOCASE)


def in_country_currency(salary_text: str, country: str | None) -> SalaryRange | None:
    """A board's pay field with amounts and no currency ("190K-230K Annually", "30,000 per
    month") in the currency of the country the listing is in; None for a day's rate or a
    figure no job pays."""
    currency = _by_country("currency_by_country", country)
    if currency is None or _ANY_CURRENCY.search(salary_text) or _NO_SALARY.search(salary_text):
        return None
    if _BARE_NUMBER.fullmatch(salary_text):  # a bare number is a hint, not a range
        return None
    found = parse_salary(f"{currency} {salary_text}")
    if found is None or found.period not in ("year", "month", "hour") or not could_be_pay(found):
        return None
    return found


# "Rs. 250,000", "Rs 350,000": a rupee whose country is where the job is.
_RUPEES = re.compile(r"(?<![A-Za-z])R[sS]\.?\s?(?=\d)")
_SAYS_INDIAN_RUPEES = re.compile(r"\bINR\b|₹|\bIndian\s+rupees?\b", re.IGNORECASE)


def local_rupee(country: str | None) -> str | None:
    """The currency "Rs." is in `country`, when it is not India's rupee."""
    return _by_country("rupee_by_country", country)


def local_dollar(country: str | None) -> str | None:
    """The currency a bare "$" is in `country`, when it is not the US dollar."""
    return _by_country("dollar_by_country", country)


def _by_country(table: str, country: str | None) -> str | None:
    """`country`'s entry in one of taxonomy/currencies.toml's tables by country."""
    found: str | None = taxonomy("currencies")[table].get(country) if country else None
    return found


# South Africa's rand as boards write it, a capital R before the amount: "R55 000 - R70 000".
_RAND = re.compile(r"(?<![\w$])R(?=\d)")
_BARE_NUMBER = re.compile(r"\s*\d[\d,]*(?:\.\d+)?\s*")


def _too_little_a_year(salary: SalaryRange) -> bool:
    """A yearly figure under LITTLE_A_YEAR_USD: more likely a month's, said elsewhere."""
    top = salary.max if salary.max is not None else salary.min
    rate = _pay_bounds()[0].get(salary.currency)
    return (
        salary.period == "year"
        and top is not None
        and rate is not None
        and (top * rate < LITTLE_A_YEAR_USD)
    )


LITTLE_A_YEAR_USD = 10_000.0
# Any word of a period in a board's salary field.
_PERIOD_SAID = re.compile(
    r"\b(?:per|a|an|p)\b|/|hour|hr\b|day|week|month|\bmo\b|year|yr\b|annum|annual|p\.?a\b|"
    r"\bmes\b|m[êe]s|mies|mensu|monat|jahr|lpa|lakh|\bl\b|ctc",
    re.IGNORECASE,
)
# "~190k", "approx. $120k": a board's rounded figure, not the posting's own words.
_APPROXIMATE = re.compile(
    r"\s*(?:~|≈|approx(?:imately|\.)?\s|about\s|circa\s|ca\.\s)", re.IGNORECASE
)


def _stated_in(scan: Scan) -> SalaryRange | None:
    if scan.search(_GRADE_DASH_ANCHORED):
        scan = Scan(_GRADE_DASH.sub(r"\1: ", scan.text))
    joined = scan.text if joins_nothing(scan) else joined_ranges(scan.text)
    joined = east_asian_pay(joined)
    return salary_in(scan if joined == scan.text else Scan(joined), in_description=True)


_SAYS_RENMINBI = re.compile(r"人民币|人民幣|\bRMB\b|\bCNY\b")
_SAYS_US_DOLLARS = re.compile(r"\bUSD\b|\bUS\s?\$|\bU\.S\. dollars|\bUS dollars", re.IGNORECASE)


def in_local_dollars(
    salary: SalaryRange | None, country: str | None, text: str
) -> SalaryRange | None:
    """A "$" read from the text of a job in Canada, Australia, Singapore... is that country's
    dollar unless the listing says US dollars; a "kr" in Norway or Denmark their krone."""
    if salary is None or country is None:
        return salary
    if salary.currency == "SEK":  # a bare "kr" in Norway or Denmark is theirs
        krona = taxonomy("currencies")["krona_by_country"].get(country)
        return SalaryRange(salary.min, salary.max, krona, salary.period) if krona else salary
    if salary.currency == "CNY":  # yuan in Taiwan or Hong Kong are theirs
        local = taxonomy("currencies")["yuan_by_country"].get(country)
        if local is None or _SAYS_RENMINBI.search(text):
            return salary
        return SalaryRange(salary.min, salary.max, local, salary.period)
    if salary.currency != "USD":
        return salary
    local = taxonomy("currencies")["dollar_by_country"].get(country)
    if local is None or _SAYS_US_DOLLARS.search(text):
        return salary
    return SalaryRange(salary.min, salary.max, local, salary.period)
