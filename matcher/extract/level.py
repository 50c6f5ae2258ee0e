"""Years of experience asked and the level of a role (FORMAT.md's ladder)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from matcher.extract.patterns import anchored
from matcher.extract.scan import Scan
from matcher.extract.text import MAX_TEXT, NOCASE, WORD_NUM, small_int
from matcher.extract.title import MAX_TITLE, expand_title

# --- years of experience --------------------------------------------------------------

_YN = rf"(?:\d{{1,2}}(?:\.\d)?|{WORD_NUM})"
# "years" in the languages the boards write: English, German, Hindi, French, Spanish and
# Portuguese, Dutch, Polish, Swedish, Italian, Romanian, Czech, Turkish, Hebrew, Bengali,
# Finnish, Estonian, Lithuanian, Latvian, Arabic
_YEAR_WORD = (
    r"(?:years?|yrs?|jahre?n?|saal|ans\b|an(?=\s+d[e'’])|a[ñn]os?|jaar|lat|lata|års|anni|ani|let|"
    r"roky?|roků|y[ıi]l|שנ(?:ים|ות)|বছর|vuo(?:den|tta|si)|aasta(?:t|st)?|år|met(?:ų|ai|us)|"
    r"gad(?:a|u|us|i)|سنوات|سنة|वर्ष|साल|tahun|năm)"
)
_YEARS = anchored(
    # "2 5 years": a range whose dash a page's encoding lost (only ascending, see below)
    rf"(?<![\w.,-])(?P<a>{_YN})\s*(?:\+|plus)?\s*(?:-|–|—|to|a|à|bis|até|hasta|tot|do|,?\s*en\s+fazla|إلى|الى|(?<=\d)\s(?=\d))\s*(?P<b>{_YN})\s*(?P<plus2>\+)?"
    rf"\s*{_YEAR_WORD}\b"
    # also "(5) years", "3-years", "3 years+"
    rf"|(?<![\w.,-])\(?(?P<s>{_YN})\)?\s*(?P<plus>\+|plus)?[\s-]*(?:\(\s*\w+\s*\)\s*)?"
    rf"(?:(?:overall|total)\s+)?{_YEAR_WORD}\b(?P<plus3>\+)?",
    NOCASE,
)
# Text whose line breaks were lost, where a number runs on from a word: "required7+ years",
# "a plus.2+ years". Only with the "+". Anchored on its "+ years" (a digit would anchor it
# at every number of every text) and matched from the digits just before.
_PLUS_YEARS = anchored(r"\+\s*(?:years?|yrs?)\b", NOCASE)
_YEARS_GLUED = re.compile(
    r"(?:(?<=[a-z])|(?<=[a-z]\.))(?P<g>\d{1,2})\s*\+\s*(?:years?|yrs?)\b", NOCASE
)
_SPACE = re.compile(r"\s")
# A form's field: "Years of Experience: 5".
_YEARS_FIELD = anchored(
    r"\byears of (?:relevant |total |work |professional )?experience\s*(?:required\s*)?"
    r"[:\-–]\s*(?P<n>\d{1,2})\b(?![.,]?\d)",
    NOCASE,
)
# ...and France Travail's: "Expérience : 3 An(s)"
_EXPERIENCE_FIELD = anchored(r"\bexp[ée]rience\s*:\s*(?P<n>\d{1,2})\s*an\(s\)", NOCASE)
_YEARS_MIN_WORDS = re.compile(
    r"(?:minimum|minimal|min\.?|mind\.?|mindestens|at least|atleast|over|more than|no less than"
    r"|upwards of|m[ií]nim[ao](?: de)?|minimaal|au moins|al menos|pelo menos|co najmniej"
    r"|experiencia m[ií]nima de|minst|almeno"
    # Romanian, Czech, Turkish: "cel puțin 4", "alespoň 3 roky", "en az 2 yıl"
    r"|cel\s+pu[țţt]in|alespo[ňn]|aspo[ňn]|minim[áa]ln[ěe]|en\s+az|কমপক্ষে"
    # Finnish, Estonian, Lithuanian, Latvian: "vähintään 5 vuoden", "vähemalt 3 aastat",
    # "ne mažesnė nei 3 metų", "vismaz 4 gadu"
    r"|vähintään|vähemalt|ne\s+ma[žz]esn[ėe]\s+nei|bent|vismaz"
    # Arabic: "خبرة لا تقل عن 10 سنوات" (no less than)
    r"|لا\s+ت?يقل\s+عن|لا\s+تقل\s+عن"
    # Hindi: "कम से कम 10 वर्ष का अनुभव" (at least ten years' experience)
    r"|कम\s+से\s+कम)\s*(?:of\s*)?$",
    NOCASE,
)
_DURATION_WORDS = re.compile(r"(?:over|more than)\s*(?:of\s*)?$", NOCASE)
# "within two years", "for the past 10 years", "10 years ago": not experience asked.
_YEARS_NOT_BEFORE = re.compile(
    r"(?:within|after|every|each|past|last|next|first|since|founded|established|trusted|"
    r"serving|age|aged|upto|up to|bond of|contract of|for the|"
    # an upper bound: Job Bank's "Experience: 5 years to less than 7 years", "5 ans à moins
    # de 7 ans" (not "no less than 5 years")
    r"(?<!not )(?<!no )(?:less|fewer)\s+than|(?<!au )moins\s+de|"
    # a budget's or a contract's term: "(£42m over three years)", "$5M across 2 years"
    r"(?:[$£€₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[km]|bn|million|billion|crores?|lakhs?))\s+(?:over|across)|"
    # a company's history: "pushing the boundaries of projects for over 12 years"
    r"for\s+(?:over|more than|nearly|almost|about|well over)|"
    # an age limit, as government notices state it: "Age: Not more than 35 years"
    r"\bage\b(?:\s+limit)?[\s:–-]*(?:not\s+(?:more\s+than|exceeding|above)|maximum|max\.?|"
    r"below|under|less\s+than|at\s+least|minimum|min\.?|over|above|from)|"
    # Bdjobs' age band: "Age 28 to 40 years", "Age at least 30 years"
    r"\bage\s*:?|"
    # the top of an Arabic range whose bottom is a word: "من سنة إلى 3 سنوات" (one to three)
    r"(?:سنة|سنتين|سنتان)\s+(?:إلى|الى))\s*(?:the\s*)?$",
    NOCASE,
)
_YEARS_NOT_AFTER = re.compile(
    r"^'?\s*(?:ago\b|-?olds?\b|of age\b|running(?=\s*(?:[.,;:!)\n]|$))|in a row\b|warranty|bond|service bond|contract|lock-in|(?:uk |us )?residen(?:cy|ce|ts?\b)|of (?:\w+ )?(?:residency|"
    r"residence|history|operations?(?!\w|[^.;\n]{0,60}\b(?:experience|management)\b))|in business"
    r"|of (?:uk |us )?residen(?:cy|ce|ts?\b)|cohort|programme|program\b|"
    # a vetting's look-back: "at least 10 years of checkable background"
    r"of\s+(?:checkable|verifiable|traceable)\b|"
    r"track|tenure|commitment|rotation|"
    # Turkish military service deferred ("en az 2 yıl tecilli"): no experience
    r"tecil\w*|"
    # a US federal grade's step: "one year of specialized experience equivalent to at least
    # the GS-12 level" (time at the grade below, not the experience a career holds)
    r"of\s+specialized\s+experience\b[^.;\n]{0,40}\b(?:GS|grade)[\s-]*\d|"
    # "15 years full time education" (schooling, not work); a substitution clause
    r"(?:of\s+)?(?:full[\s-]?time\s+|formal\s+)?(?:education|schooling)\b|of additional\b|"
    # a company's time in its market: "mais de 25 anos de experiência no mercado"
    r"(?:of\s+|de\s+|d['’])?(?:experience|experi[êe]ncia|exp[ée]rience)\s+(?:in|no|en|sur)\s+"
    r"(?:the\s+|el\s+|le\s+)?(?:market|mercado|march[ée])\b)",
    NOCASE,
)
_EXPERIENCE_WORD = re.compile(
    r"\bexp(?:erience[ds]?)?\b|\bbackground\b|\bas an?\b|\b(?:berufs)?erfahrung\b|"
    r"\bexp[ée]rienc\w*|\bexperi[eê]ncia\b|\bervaring\b|\bdo[sś]wiadczeni\w*|"
    r"\berfarenhet\w*|\besperienz\w*|"
    # Romanian, Czech, Turkish: "ani de experiență", "let praxe", "roky zkušeností", "yıl deneyimli"
    r"\bexperien[țţt]\w*|\bpraxe\b|\bpraxí\b|\bzku[šs]enost\w*|\bdeneyim\w*|\btecr[üu]be\w*|"
    # Hebrew: "ניסיון של 5 שנים לפחות", "3 שנות ניסיון"
    r"ניסיון|অভিজ্ঞতা|अनुभव|\bpengalaman\b|kinh\s+nghiệm|\bkokemu\w*|\bkogemus\w*|\bpatirt\w*|\bpieredz\w*|خبرة|الخبرة",
    NOCASE,
)
# The work the years were spent on, named right after them: "5 years of capital project
# management", "8 years managing software delivery".
_DOING_AFTER = re.compile(
    r"\s+(?:of\s+(?:[\w&/,-]+\s+){0,4}?management|managing|leading|delivering|running|"
    # ...or the roles they were spent in: "more than 6 years in IT project roles"
    r"in\s+(?:[\w&/,-]+\s+){0,4}?(?:roles?|positions?|management|delivery))\b",
    NOCASE,
)
# No experience asked, in Vietnamese and Indonesian: "Không yêu cầu kinh nghiệm", "tidak perlu
# pengalaman"
_NO_EXPERIENCE_VI_ID = (
    r"không\s+yêu\s+cầu\s+kinh\s+nghiệm|\btidak\s+(?:perlu|wajib)\s+(?:ber)?pengalaman\b"
)
_FRESHER = anchored(
    r"\bfreshers?\b|फ्रेशर्स?|"
    rf"{_NO_EXPERIENCE_VI_ID}|"
    r"\bno (?:prior )?experience (?:required|needed)\b|\bentry[\s-]level\b|"
    # students and new graduates: "final-year students and 2026 graduates", "currently
    # enrolled undergraduate students", "Graduate Programme (2026 Intake)"
    r"\b(?:final[\s-]year|currently\s+enrolled(?:\s+\w+)?|undergraduate)\s+students?\b|"
    r"\b20\d\d\s+(?:graduates|batch|pass[\s-]?outs?|intake)\b|\bgraduate\s+(?:programme|scheme)\b|"
    # Turkish and Romanian interns and new graduates: "Stajyeri", "yeni mezun", "stagiar"
    r"\bstajyer\w*|\byeni\s+mezun\w*|\bstagiar\w*|"
    # new graduates and France's work-study ("New Grad 2027", "contrat en alternance")
    r"\bnew\s+grad(?:uate)?s?\b|\balternance\b|"
    # Korean and Japanese new graduates: "신입", "新卒"
    r"신입|新卒",
    NOCASE,
)


_FRESHERS_UP_TO = re.compile(r"\bfreshers?\s+(?:and|or|to)\s+(?:up\s*to\s+|upto\s+)?$", NOCASE)


# "8+ years of total experience", "total experience of 6 years": the total, named as such.
_TOTAL_AFTER = re.compile(r"^\W{0,3}(?:of\s+)?(?:total|overall)\b", NOCASE)
_TOTAL_BEFORE = re.compile(
    r"\b(?:total|overall)\s+(?:\w+\s+)?experience[\s:–-]{0,3}(?:of\s+)?$", NOCASE
)
# "7 years with a bachelor's or 5 with a master's", "5+ years (Senior) or 8+ (Staff)":
# alternatives, of which the smallest is what the job asks at least.
_OR_BETWEEN = re.compile(r"\bor\b|\boption\s*\d", NOCASE)
# ...told apart by education or level ("in battery or automotive products, with 3+ years as
# a program manager" is a sub-requirement, not an alternative).
_ALTERNATIVE_BY = re.compile(
    r"\b(?:bachelor|master|mba\b|ph\.?\s?d|doctora|degree|diploma|ged\b|high school|without|"
    r"(?:senior|staff|lead|principal)\s+level|level\s+(?:i{1,3}|[1-5])\b)",
    NOCASE,
)
ALTERNATIVE_SPAN = 140


def _asked(
    found: list[tuple[int, int | None, int, int]], text: str
) -> list[tuple[int, int | None, int, int]]:
    """The mentions that state the total: those named total, else all but the larger of
    two alternatives ("or")."""
    totals = [
        hit
        for hit in found
        if _TOTAL_AFTER.search(text[hit[3] : hit[3] + 20])
        or _TOTAL_BEFORE.search(text[max(0, hit[2] - 40) : hit[2]])
        or "total" in text[hit[2] : hit[3]].lower()
        or "overall" in text[hit[2] : hit[3]].lower()
    ]
    if totals:
        return totals
    ordered = sorted(found, key=lambda hit: hit[2])
    kept = list(ordered)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        between = text[earlier[3] : later[2]]
        if (
            len(between) <= ALTERNATIVE_SPAN
            and "\n" not in between
            and _OR_BETWEEN.search(between)
            and _ALTERNATIVE_BY.search(text, earlier[3], later[3] + 50)
        ):
            larger = earlier if earlier[0] > later[0] else later
            if larger in kept and earlier[0] != later[0]:
                kept.remove(larger)
    return kept


# Indeed's experience field: "Process Coordinator: 1 year (Required)".
_FIELD_ANSWER = re.compile(r"\s*\((?:required|preferred)\)", NOCASE)
_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")


# A requirement list's item that opens with the years: "• 5 years of B2B IT sales",
# "- 3 years in Odoo implementation".
_ITEM_OPENING = re.compile(
    r"\s*(?:[-•*▪●◦–]|\\-|\d{1,2}[.)])?\s*(?:(?:minimum|at\s+least)\s+(?:of\s+)?)?", NOCASE
)
_OF_WORK_AFTER = re.compile(r"\s+(?:of|in)\s+(?!the\b|age\b|our\b|business\b)[\w&/+-]", NOCASE)


def _opens_an_item(text: str, at: int, after: str) -> bool:
    """Whether the years at `at` open a line or list item and name the work they were in."""
    line_start = text.rfind("\n", 0, at) + 1
    return bool(_ITEM_OPENING.fullmatch(text, line_start, at) and _OF_WORK_AFTER.match(after))


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding `at` starts, looking back at most 60 characters."""
    start = max(0, at - 60)
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, start, at)]
    return breaks[-1] if breaks else start


def _years_matches(scan: Scan) -> Iterator[tuple[int, int | None, int, int]]:
    """(low, high, start, end) of each mention of years of experience asked."""
    text = scan.text
    for m in scan.finditer(_YEARS):
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 80]
        if _YEARS_NOT_BEFORE.search(before) or _YEARS_NOT_AFTER.search(after):
            continue
        if m.group("a") is not None:
            low, high = small_int(m.group("a")), small_int(m.group("b"))
            if low is None or high is None or high < low:
                continue
            yield low, (None if m.group("plus2") else high), m.start(), m.end()
            continue
        value = small_int(m.group("s"))
        if value is None:
            continue
        if _FRESHERS_UP_TO.search(before):  # "freshers and up to 2 years": none asked
            yield 0, value, m.start(), m.end()
            continue
        # ("over"/"more than" alone is also how long a thing has lasted: "customised over
        # twenty years"; with them the sentence must be about experience, as for a bare number)
        at_least = _YEARS_MIN_WORDS.search(before)
        strong = bool(m.group("plus") or m.group("plus3")) or bool(
            at_least and not _DURATION_WORDS.match(at_least.group(0))
        )
        # A bare "N years" counts only when the sentence is about experience.
        sentence_end = min(len(text), m.end() + 80)
        sentence = text[_sentence_start(text, m.start()) : sentence_end]
        if (
            strong
            or _EXPERIENCE_WORD.search(sentence)
            or _DOING_AFTER.match(after)
            or _FIELD_ANSWER.match(after)
            or _opens_an_item(text, m.start(), after)
        ):
            yield value, None, m.start(), m.end()
    for m in _glued_years(scan):
        after = text[m.end() : m.end() + 40]
        if not _YEARS_NOT_AFTER.search(after):
            yield int(m.group("g")), None, m.start(), m.end()
    for m in scan.finditer(_YEARS_FIELD):
        yield int(m.group("n")), None, m.start(), m.end()
    for m in scan.finditer(_EXPERIENCE_FIELD):
        yield int(m.group("n")), None, m.start(), m.end()
    for m in scan.finditer(_YEARS_KO):  # "경력 8년 이상", "경력 1~3년", "3년 이상의 … 경험"
        fewest = int(m.group("a") or m.group("c"))
        upto = int(m.group("b")) if m.group("b") else None
        yield fewest, (upto if upto is not None and upto >= fewest else None), m.start(), m.end()
    for m in scan.finditer(_YEARS_AR_WORDS):  # "سنتان", "خبرة سنة إلى سنتين": one or two
        yield (1 if m.group("one") else 2), None, m.start(), m.end()
    for m in scan.finditer(_ONE_YEAR_HE):  # "ניסיון של שנה לפחות": a year's experience
        yield 1, None, m.start(), m.end()
    for m in scan.finditer(_YEARS_JA_VI):
        yield (
            int(m.group("a") or m.group("b") or m.group("c") or m.group("d")),
            None,
            m.start(),
            m.end(),
        )
    # (only texts with "年" are searched: the pattern opens with a digit, which the scan
    # would try at every number of every text)
    for m in _YEARS_ZH.finditer(text) if "年" in text else ():
        least = int(m.group("d") or m.group("d2"))
        most = m.group("e") or m.group("e2")
        yield least, (int(most) if most and int(most) >= least else None), m.start(), m.end()


# Korean: "경력 8년 이상" (8+ years' experience), "경력 1~3년", "5년 이상의 PM 경험"
_YEARS_KO = anchored(
    r"경력\s*(?P<a>\d{1,2})\s*(?:[~～\-–]\s*(?P<b>\d{1,2})\s*)?년"
    r"|(?<![\d.])(?P<c>\d{1,2})\s*년\s*이상(?:의)?\s*(?:[^\s.。,]+\s+){0,3}?(?:경험|경력)"
)
# Arabic years in words: "سنوات الخبرة: سنتان" (two years), "خبرة سنتين", "خبرة سنة إلى سنتين",
# "من سنة إلى 3 سنوات" (the least first)
_YEARS_AR_WORDS = anchored(
    r"(?:خبرة|الخبرة\s*:|من)\s*(?:(?P<one>سنة)(?!\s*(?:واحدة\s+)?(?:فقط))|(?P<two>سنتان|سنتين))"
)
_ONE_YEAR_HE = anchored(r"ניסיון\s+של\s+שנה(?!\w)")


# Japanese "経験3年以上" / "3年以上の実務経験" (three years or more of experience) and Vietnamese
# "ít nhất 2 năm kinh nghiệm" (at least two years of experience).
_YEARS_JA_VI = anchored(
    r"経験\s*(?P<a>\d{1,2})\s*年以上|(?<!\d)(?P<b>\d{1,2})\s*年以上の(?:実務)?経験"
    r"|(?<!\d)(?<![-–~])(?<![-–~]\s)(?P<c>\d{1,2})\s*(?:\+\s*)?năm\s+kinh\s+nghiệm"
    # Thai: "ประสบการณ์ 1 ปีขึ้นไป" (a year or more), "…อย่างน้อย 5 ปี" (at least five years)
    r"|ประสบการณ์[^\n\d]{0,40}?(?P<d>\d{1,2})\s*ปี",
    NOCASE,
)


# Chinese: "5年以上IT项目管理经验", "3-5年互联网行业技术项目管理经验", "工作經歷：1年以上" (years,
# then the experience word in the same clause, or the field's label before them).
_YEARS_ZH = re.compile(
    r"(?:工作(?:经验|經驗|經歷|经历)\s*[:：]\s*)(?P<d>\d{1,2})(?:\s*[-~～至到]\s*(?P<e>\d{1,2}))?\s*年"
    r"|(?<![\d.])(?P<d2>\d{1,2})(?:\s*[-~～至到]\s*(?P<e2>\d{1,2}))?\s*年(?:以上)?"
    r"[^。；;，,\n]{0,30}?(?:经验|經驗|經歷|经历)",
)


# No experience asked, said outright (a year of it may still be preferred).
_NO_EXPERIENCE = anchored(
    r"\bno\s+(?:prior\s+)?experience\s+(?:is\s+)?(?:required|needed|necessary)\b|"
    r"\bexperience\s+(?:is\s+)?not\s+(?:required|necessary)\b|"
    rf"{_NO_EXPERIENCE_VI_ID}",
    NOCASE,
)


def _glued_years(scan: Scan) -> Iterator[re.Match[str]]:
    """What `_YEARS_GLUED.finditer` finds, tried only where a "+ years" is: from the one or
    two digits before it (and the spaces between), leftmost first."""
    text, last = scan.text, 0
    for plus in scan.finditer(_PLUS_YEARS):
        digits_end = plus.start()
        while digits_end > last and _SPACE.match(text, digits_end - 1):
            digits_end -= 1
        for start in (digits_end - 2, digits_end - 1):
            found = _YEARS_GLUED.match(text, start) if start >= last else None
            if found is not None:
                yield found
                last = found.end()
                break


def years_in(
    scan: Scan, plus: Callable[[list[tuple[int, int]]], list[bool]] | None = None
) -> tuple[int | None, int | None]:
    """parse_years of a scanned text (at most MAX_TEXT long). `plus` tells which mentions
    are asked as a plus ("7+ years preferred"): those count only when no other does."""
    try:
        found = [hit for hit in _years_matches(scan) if hit[0] <= 40]
    except RecursionError:  # pragma: no cover - defensive, regexes are linear
        found = []
    if not found:
        return (0, None) if scan.search(_FRESHER) else (None, None)
    if plus is not None and (len(found) > 1 or found[0][0] > 0):
        preferred = plus([(start, end) for _, _, start, end in found])
        required = [hit for hit, p in zip(found, preferred, strict=True) if not p]
        # "No experience required; a year of it preferred": none asked
        if not required and all(hit[0] > 0 for hit in found) and scan.search(_NO_EXPERIENCE):
            return 0, None
        found = required or found
    low, high, _, _ = max(_asked(found, scan.text), key=lambda hit: hit[0])
    return low, high


def parse_years(text: str) -> tuple[int | None, int | None]:
    """(years_min, years_max) of total experience asked; (None, None) when no number.

    The total is the largest lower bound: sub-requirements ("3+ years as a TPM") are never
    larger than the total they sit in.
    """
    return years_in(Scan(text[:MAX_TEXT]))


# --- seniority ------------------------------------------------------------------------

_LEVELS = ("entry", "junior", "mid", "senior", "lead", "principal")
_LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "entry",
        re.compile(
            r"\b(?:intern(?:ship)?|trainee|freshers?|apprentice|graduate|신입|인턴|新卒)\b", NOCASE
        ),
    ),
    # (not a requisition id: "Technical Program Manager (JR-8790)")
    ("junior", re.compile(r"\b(?:junior|jr|주니어|ジュニア)\b(?!\s*-?\s*\d)", NOCASE)),
    ("mid", re.compile(r"\b(?:mid[\s-]?level|intermediate)\b", NOCASE)),
    ("senior", re.compile(r"\b(?:senior|sr|snr|시니어|シニア|أول)\b", NOCASE)),
    # ("Staff" a rung only before the job: "Staff TPM", not "Front Desk Staff")
    ("lead", re.compile(r"\b(?:lead|head)\b|\bstaff\b(?=\s*[-,]?\s*[a-z])", NOCASE)),
    ("principal", re.compile(r"\b(?:principal|director|vp|vice[\s-]president|chief)\b", NOCASE)),
)
# Assistant/Associate is a level only in front of (or after) a role that has levels:
# "Associate Product Manager", "Technical Project Assistant"; not "Executive Assistant".
_ROLE_NOUN = (
    r"(?:project|program|programme|product|delivery|technical|agile|scrum|software|data"
    r"|engineer|engineering|developer|consultant|analyst|architect|designer|manager|pm|tpm|pmo)"
)
_ASSISTANT_LEVEL = re.compile(rf"\bassistant\s+{_ROLE_NOUN}\b|\b{_ROLE_NOUN}\s+assistant\b", NOCASE)
# ("Associate – Project Coordination", "Senior Associate - PMO": a grade, then its field)
_ASSOCIATE_LEVEL = re.compile(
    rf"\bassociate(?:\s+|\s*[-–—,:]\s*){_ROLE_NOUN}\b|\b{_ROLE_NOUN}\s+associate\b", NOCASE
)
_ASSOCIATE_NOT_LEVEL = re.compile(
    r"\b(?:support|sales|customer|research|executive)\s+associate\b", NOCASE
)


@functools.lru_cache(maxsize=4096)
def _title_level(title: str) -> str | None:
    """The lowest level word in the title, if any."""
    expanded = expand_title(title[:MAX_TITLE])
    levels = [level for level, pattern in _LEVEL_WORDS if pattern.search(expanded)]
    if _ASSISTANT_LEVEL.search(expanded):
        levels.append("entry")
    if _ASSOCIATE_LEVEL.search(expanded) and not _ASSOCIATE_NOT_LEVEL.search(expanded):
        levels.append("junior")
    return min(levels, key=_LEVELS.index) if levels else None


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
    return _title_level(title) or level_for_years(years_min)
