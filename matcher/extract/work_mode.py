"""Whether a job is remote, hybrid or on site: what the text says beats the board's flag."""

from __future__ import annotations

import functools
import re

from matcher.extract.patterns import Anchored, anchored
from matcher.extract.place import parse_location, place_names
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE, html_to_text, small_int

_NUM_DAYS = r"(?:[1-7]|one|two|three|four|five|six|seven)"
_MODE_LABEL = anchored(
    r"(?:work(?:ing)?\s*(?:mode|model|setup|set-up|pattern|arrangement|location type|location)|"
    r"workplace(?: type)?|location type|job type|(?P<yn>work remotely|remote job))\s*[:\-–—]\s*(?P<v>[^\n.;]{1,60})"
    # a career site's field with its value on the next line: "Designation:\n Remote (US).",
    # "Location:\n Remote. We can employ you in ..." (a value naming no mode says nothing)
    r"|\b(?:designation|location)\s*:\s*\n\s*(?P<v2>(?:remote|hybrid|on[\s-]?site)\b[^\n.;]{0,50})",
    NOCASE,
)
_HYBRID_WORD = anchored(
    r"\bhybride[sn]?\s+arbeiten\b|"
    # French, Dutch, Spanish, Portuguese, Polish: "Hybride werken", "Modelo híbrido", "regime
    # híbrido", "praca hybrydowa", "télétravail 2 jours par semaine".
    r"\bhybride\s+(?:werken|werkplek)\b|\b(?:mode|travail|mod[eè]le|formule|horaire)\s+hybride\b|\b(?:modelo|regime|modalidad|esquema|trabajo|trabalho)\s+h[ií]brid[oa]\b|"
    r"\bh[ií]brid[oa]\b(?=\s*(?:[:·(|,.–-]|$))|\bhybrydow\w*|"
    # Romanian, Czech, Turkish: "program hibrid", "hybridní režim", "Praha – hybridně",
    # "Çalışma modeli: Hibrit"; office or home days: "2 zile la birou", "2 dny v kanceláři",
    # "home office 2 dny v týdnu", "haftada 2 gün evden"
    r"\bhibrid\b|\bhybridn[íě]\w*|\bhibrit\b|היברידי\w*|"
    r"\b[1-4]\s+zile\b[^.;\n]{0,30}\bbirou\b|\b[1-4]\s+dn[yí]\b[^.;\n]{0,20}\bv\s+kancel[áa][řr]i\b|"
    r"\bhome\s*office\s+[1-4](?:\s*[–-]\s*[1-4])?\s+dn[yí]\b|\b[1-4]\s+g[üu]n\s+evden\b|"
    r"\b[1-4](?:\s*[–-]\s*[1-4])?\s+dn[yí]\s+z\s+domova\b|"
    # Korean and Japanese office or home days: "주 3일 오피스 출근", "주 2일 재택근무", "週2日出社"
    r"주\s*[1-4]\s*일\s*(?:\S+\s*)?(?:재택|출근)|週\s*[1-4]\s*日(?:程度)?\s*(?:出社|在宅|リモート)|"
    # Italian, Spanish, Greek: "Smart working 2 giorni a settimana", "3 days of smart working",
    # "ibrido", "2 días de teletrabajo", "Teletrabajo 3 días", "presencial 3 días",
    # "2 días (en) oficina", "Υβριδικό μοντέλο"
    r"\bsmart\s+working\s+(?:[1-4]|uno|due|tre|quattro)\s+giorn[io]\b|"
    r"\b(?:[1-4]|one|two|three|four)\s+days?\s+of\s+smart\s+working\b|\bibrid[oa]\b|"
    r"\b[1-4]\s+giorni\s+(?:a\s+settimana\s+)?(?:in\s+ufficio|presso\s+il\s+cliente)\b|"
    r"\b[1-4]\s+d[ií]as\s+(?:de\s+)?teletrabajo\b|\bteletrabajo\s+[1-4]\s+d[ií]as\b|"
    r"\bpresencial\s+[1-4]\s+d[ií]as\b|\b[1-4]\s+d[ií]as\s+(?:en\s+)?oficina\b|υβριδικ\w*|"
    # Nordic and Baltic: "Hybridityö", "hübriidtöö", "hybridarbete", "Hibridinį darbą",
    # "distansarbete 2 dagar i veckan", "kontoret minst 3 dagar i veckan", "etätyö osan viikosta"
    r"\bhybridity[öo]\w*|\bhübriidtöö\w*|\bhybridarbete\b|\bhibridin\w*\s+darb\w*|\bhibrīd\w*|"
    r"\bdistansarbete\s+(?:[1-4](?:\s*[–-]\s*[1-4])?|en|två|tre|fyra)\s+dag(?:ar)?\b|"
    r"\bminst\s+[1-4]\s+dagar\s+i\s+veckan\b|\betätyö\w*\s+osan\s+viikosta\b|"
    r"\b(?:[1-4]|kaksi|kolme|neljä)(?:\s*[–-]\s*[1-4])?\s+päivää\s+viikossa\b|"
    # a label: "Hybride : trois jours par semaine ...", "Hybride: drie dagen per week ..."
    r"\bhybride\b(?=\s*:)|"
    r"\btélétravail\s*:?\s*(?:partiel|[1-4]\s+jours?)|\b[1-4]\s+jours?\s+(?:de\s+)?télétravail|"
    r"\bup to [1-9]\d\s?% (?:work(?:ing)? from home|remote(?:ly)?)\b|"
    # German home-office days and mobile work: "2 Tage Homeoffice pro Woche", "Homeoffice an
    # 2 Tagen", "Mobiles Arbeiten bis zu 60 %"; and "2 days per week from home"
    r"\b(?:[1-4]|ein|zwei|drei|vier)\s+tage?n?\s+(?:im\s+)?home[\s-]?office\b|"
    r"\bhome[\s-]?office\s+an\s+(?:[1-4]|zwei|drei|vier)\s+tagen\b|"
    # ...the days after it, or home-office days in English: "Homeoffice 2 Tage pro Woche",
    # "1 home-office day per week"
    r"\bhome[\s-]?office\s+(?:[1-4]|ein(?:en)?|zwei|drei|vier)\s+tage?n?\b|"
    r"\b(?:[1-4]|one|two|three|four)\s+home[\s-]?office\s+days?\b|"
    r"\bmobil(?:es|e)?\s+arbeiten\s+(?:bis\s+zu\s+)?[1-9]\d\s?%|"
    r"\b(?:[1-4]|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week\s+(?:from|at|working from)\s+home\b|"
    # "(waterfall, agile, hybrid)" names a methodology, not where one works
    r"(?<!waterfall,\s)(?<!agile,\s)(?<!agile\sand\s)(?<!agile\sor\s)(?<!agile/)(?<!scrum,\s)"
    r"\bhybrid\b(?![\s-]+(?:cloud|summits?|events?|delivery|infrastructure|environments?|apps?|"
    r"approach|agile|methodolog\w*|projects?|solutions?|integrations?|vehicles?|cars?|"
    r"architecture|data|deployments?|it|mobile|models?\s+(?:of|for)\s+delivery|teams? of|execution))",
    NOCASE,
)
_OFFICE_DAYS = anchored(
    rf"\b(?P<n>{_NUM_DAYS})(?:\s*(?:-|to)\s*{_NUM_DAYS})?\s*(?:days?|x)\s*"
    r"(?:(?:a|per|/|each|every|of the)\s*week\s*)?(?:in|at|from|on|to)?\s*(?:the\s*|our\s*)?"
    # the office may be named: "in our Bengaluru (Bagmane Tech Park) office"
    r"(?:(?<=our )(?:[\w-]+\s+|\([^()\n]{1,40}\)\s*){1,4}?(?=office|campus))?"
    r"(?:office|on[\s-]?site|wfo|in[\s-]person|in-office|onsite|campus|lab)\b"
    rf"|\b(?P<n2>{_NUM_DAYS})\s*(?:office|on[\s-]?site|in-office)\s*days?\b"
    rf"|\bwork from office\W{{1,3}}(?:all\s*)?(?P<n3>{_NUM_DAYS})\s*days"
    rf"|\bwork from office,?\s*all\s*(?P<n4>{_NUM_DAYS})\s*days"
    rf"|\bon[\s-]?site\b[^\n.;]{{0,40}}?\((?P<n5>{_NUM_DAYS})\s*days"
    rf"|\b(?:in|at|from)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){{0,6}}?(?:office|campus|hub)s?\b"
    rf"[^\n.;]{{0,25}}?\b(?P<n6>{_NUM_DAYS})\s*(?:[a-z-]+\s+)?days"
    rf"|\b(?:on[\s-]?site|presence|in[\s-]person)\b[^\n.;]{{0,60}}?\b(?P<n8>{_NUM_DAYS})\s*days?\s*(?:a|per|/|each)\s*week"
    # the place named after the days: "Three days a week in Shoreditch" (capitalised)
    rf"|\b(?P<n10>{_NUM_DAYS})\s*days?\s*(?:a|per|each)\s*week\s+in\s+(?-i:[A-Z])"
    # "three days a week at the Devanahalli site"
    rf"|\b(?P<n13>{_NUM_DAYS})\s*days?\s*(?:a|per|each)\s*week\s+at\s+(?:the\s+|our\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:site|office|campus|hub|plant|facility)\b"
    # the office named just before: "based in our Sheffield office; we expect you to work
    # there at least three days a week"
    rf"|\bwork\s+there\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?(?P<n14>{_NUM_DAYS})\s*days?\s*(?:a|per|each)\s*week"
    # French and Dutch: "trois jours par semaine dans nos bureaux", "drie dagen per week op
    # ons kantoor"
    r"|\b(?P<n11>[1-5]|deux|trois|quatre|twee|drie|vier)\s*(?:jours?\s+par\s+semaine\s+"
    r"(?:dans\s+nos\s+bureaux|au\s+bureau|sur\s+site)|dagen\s+per\s+week\s+op\s+"
    r"(?:ons\s+|het\s+)?kantoor)"
    # German: "2 Tage pro Woche im Büro"
    r"|\b(?P<n7>[1-5])\s*tage?\s*(?:pro|die|in der)\s*woche\s*(?:im|vor ort|ins)\s*(?:büro|office)?",
    NOCASE,
)
# A company-wide attendance policy: a share of the working time in the office is a
# regular office presence, so hybrid ("at least half of their work time in their assigned
# office", "60% of your time in the office").
_OFFICE_SHARE = anchored(
    # "an in-office expectation of 60% of the work week"
    r"\bin[\s-]office\s+(?:expectation|requirement|presence)\s+of\s+(?:at least\s+|about\s+|around\s+)?"
    r"(?:half|a majority|[1-9]\d\s?%)|"
    r"\b(?:at least |a minimum of |about |around )?(?:half|a majority|(?:[1-9]\d)\s?%) of "
    r"(?:their|your|the|our) (?:work(?:ing)? |)(?:time|week|days?)\b[^.\n]{0,30}?"
    r"\b(?:in|at|from) (?:their|your|the|an|our) (?:assigned |local |nearest |home )?(?:office|hub)\b",
    NOCASE,
)
# Office days by the month are a regular office presence too: "1 day per month in our Łódź
# office", "at least 2 days a month in our London office" (a quarterly meet-up is not).
_OFFICE_MONTHLY = anchored(
    rf"\b(?:{_NUM_DAYS}|once|twice)\s*(?:days?\s*|times?\s*)?(?:a|per|each|every)\s*month\s+"
    r"(?:in|at|from)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?(?:office|campus|hub)s?\b",
    NOCASE,
)
# Coming to an office regularly is a regular office presence: hybrid.
_OFFICE_REGULARLY = anchored(
    r"\b(?:travel|come|commute|report)\s+(?:in)?to\s+(?:our|the|an?)\s+(?:[\w-]+\s+){0,3}?"
    r"office\s+(?:on a\s+)?regular(?:ly|\s+basis)\b",
    NOCASE,
)
# Working from home is the choice of the person hired: the office is optional, so remote.
# ("Remote anywhere in EMEA, or hybrid from our Amsterdam office", "hybrid or remotely across
# Europe": the hire picks, and may pick home.)
_REMOTE_CHOICE = anchored(
    r"\b(?:fully|100%)\s+remote\s+(?:options?|is an option|is available)\b|"
    r"\bcan (?:choose to )?work (?:from home|remotely)\b[^.\n]{0,60}?\boption to work (?:in|from|at)\b|"
    r"\b(?:when|if) you (?:choose|decide|want|prefer) to work (?:from|in|at) (?:the|an|our) office\b|"
    r"(?<!not )(?<!no )(?<!non-)\bremote(?:ly)?\b[^.\n]{0,60}?\b(?:or|oder|ou)\s+(?:hybrid|h[ií]brido|hybride)\b|"
    # "Available Locations: Hybrid - Austin, Champaign, San Francisco or Remote - US"
    r"(?<!not )\bhybrid\b[^.\n;:]{0,80}?\bor\s+(?:fully\s+)?remote(?:ly)?\b",
    NOCASE,
)
# "If this position is listed as remote or hybrid, ...": a condition states no mode; nor
# "not remote or hybrid", nor what "some roles" or "other teams" do ("Some roles are hired for hybrid work in
# Toronto"). Searched only in the 80 characters before a mode word: no scan anchors it.
_CONDITION = re.compile(
    r"\b(?:if|whether|unless)\b[^.\n;:]{0,50}$|\b(?:not|no)\s+(?:fully\s+)?remote\s+(?:or|nor)\s+$|"
    r"\b(?:some|certain|other|select|a few)\s+(?:of our\s+)?(?:roles|positions|jobs|teams)\b[^.\n;:]{0,80}$",
    NOCASE,
)
# All three modes named in one breath describe a company's workforce, not this job: "the
# number of hybrid, office-based, and remote workers will vary from team to team".
_MODE_WORD = r"(?:hybrid|remote|office[\s-]based|on[\s-]?site|in[\s-]office|in[\s-]person)"
_ALL_MODES = re.compile(
    rf"\b{_MODE_WORD},?\s+(?:(?:and|or|&)\s+)?{_MODE_WORD},?\s+(?:(?:and|or|&)\s+)?{_MODE_WORD}\b",
    NOCASE,
)
# Flexibility to work from home, offered beside an office, is some days at home: hybrid
# ("Remote flexibility", "Work from home flexibility", "Flexible work-from-home schedule").
_HOME_FLEX = anchored(
    r"(?<!100% )(?<!full )(?<!fully )\b(?:remote|work[\s-]from[\s-]home|wfh)\s+flexibility\b|"
    r"\bflexible\s+(?:work[\s-]from[\s-]home|wfh)\b|"
    # "based in our Austin, TX office, and offers flexibility to work remotely as schedule permits"
    r"\boffice\b[^.\n]{0,80}?\bflexibility\s+to\s+work\s+(?:remotely|from\s+home)\b(?!\s+or\b)",
    NOCASE,
)
_ONSITE_STRONG = anchored(
    r"\bwork(?:ing)? from (?:the )?office\b|\bwfo\b|\b(?:on[\s-]?site|office[\s-]based|site[\s-]based|"
    r"in[\s-]office|in[\s-]person)\s+(?:role|position|job|only)\b|\bbased on[\s-]?site\b|"
    r"\bthis (?:role|position|job) is (?:based )?on[\s-]?site\b|\bsite[\s-]based\b|"
    r"\bnot (?:a )?remote\b|\bno remote\b|\bnot open to (?:fully )?remote\b|\bwork location:\s*project site|"
    r"\b(?:on[\s-]?site|in[\s-]office)\s+daily\b|\bdaily\s+(?:on[\s-]?site|in[\s-]office)\b",
    NOCASE,
)
_REMOTE_WORDS = anchored(
    r"\bremote\b(?![\s-]+(?:monitoring|control|sensing|access|patient|support sessions?|build|"
    r"execution|caching|desktops?|procedures?|servers?|devices?|sites?|debugging|teams? in|"
    # places far away and other people who work remotely: "construction in remote areas",
    # "supporting offices and remote employees"
    r"areas?|locations?|regions?|or rural|rural|communities|teams\b|employees|workers|staff|users))|"
    r"\bwork(?:ing)? from home\b|\bwfh\b|\bwork from anywhere\b|"
    # not a relocation offered to hires "from anywhere in the world"
    r"(?<!package )(?<!support )(?<!assistance )(?<!relocate )(?<!relocating )\bfrom anywhere\b|"
    r"\btelecommut\w*|"
    # Spanish: "teletrabajo 100%", "100% remoto", "empresa 100% remota"
    r"\bteletrabajo\s+100\s?%|\b100\s?%\s+(?:remot[oa]|teletrabajo)\b|"
    # Japanese: "フルリモート", "完全リモート", "完全在宅", "全国どこでも勤務可"
    r"フルリモート|完全リモート|完全在宅|全国どこでも|"
    # Polish: "praca zdalna", "pracę zdalną z terenu Polski", "Zdalnie (Polska)"
    r"\bprac[aęy]\s+zdaln\w*|\bzdalnie\b|"
    r"\basync[\s-]first\b|\bremote[\s-]first\b",
    NOCASE,
)
# "Work Remotely: No" (a field some boards print); "Temporarily due to COVID-19" says neither.
_YES_NO = {"no": "onsite", "yes": "remote"}
# USAJOBS' field: telework (some days at home) for a job that is not remote.
_TELEWORK_YES = anchored(r"\btelework\s+eligible\s*:\s*yes\b", NOCASE)
_IN_PERSON = re.compile(r"\s*in[\s-]person\b", re.IGNORECASE)
_NOT_REMOTE = anchored(r"\b(?:not|no|non)[\s-](?:fully[\s-])?remote\b", NOCASE)
_ONSITE_WEAK = anchored(
    r"\b(?:on[\s-]?site|onsite)\b(?!\s*(?:visits?|meetings?|during|teams?|support|travel|-offshore|/offshore))",
    NOCASE,
)


# The office named before the days: "Spinningfields office three days a week". Apart from
# `_OFFICE_DAYS`: "office" is in most texts, where that whole pattern would be tried.
# ...with a comma or where it is between: "Bellevue office, 3 days a week", "our Mississauga
# office near Square One, three days a week".
_OFFICE_THEN_DAYS = anchored(
    r"\boffice(?:\s+(?:near|at|in|on|by)\s+(?:[\w&'’.-]+\s+){0,3}?[\w&'’.-]+)?,?\s+"
    rf"(?P<n>{_NUM_DAYS})(?:\s*(?:-|–|to)\s*{_NUM_DAYS})?\s*days?\s*(?:a|per|each)\s*week\b",
    NOCASE,
)
_WEEKDAY = re.compile(r"mon|tues|wednes|thurs|fri")
# Office days named one by one: "in person on Tuesdays and Wednesdays" (a range, "Monday-
# Friday", is the whole week). Found from the weekday names, which few texts hold; what
# stands before them is checked after (`_OFFICE_BEFORE`).
_WEEKDAY_LIST = anchored(
    r"\b(?:(?:mon|tues|wednes|thurs|fri)days?(?:\s*(?:,|and|&)\s*)?){1,5}"
    r"(?!\s*(?:(?:through|thru|to|until|till)\s|[-–—]))",
    NOCASE,
)
_OFFICE_BEFORE = re.compile(
    r"(?:in[\s-]person|(?:in|at|from)\s+(?:the\s+|our\s+)?office|on[\s-]?site|in-office)\s+"
    r"(?:on\s+|every\s+)?$",
    NOCASE,
)
_FRENCH_DUTCH_DAYS = {"deux": 2, "trois": 3, "quatre": 4, "twee": 2, "drie": 3, "vier": 4}


def _office_days(scan: Scan) -> int | None:
    days = []
    for m in scan.finditer(_OFFICE_DAYS):
        raw = next((g for g in m.groups() if g), None)
        value = (small_int(raw) or _FRENCH_DUTCH_DAYS.get(raw.lower())) if raw else None
        if value is not None:
            days.append(value)
    for m in scan.finditer(_OFFICE_THEN_DAYS):
        value = small_int(m.group("n"))
        if value is not None:
            days.append(value)
    text = scan.text
    for m in scan.finditer(_WEEKDAY_LIST):
        if _OFFICE_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            days.append(len(set(_WEEKDAY.findall(m.group(0).lower()))))
    return min(days) if days else None


def _stated(scan: Scan, entry: Anchored) -> bool:
    """Whether the text says `entry` other than as a condition ("if ... hybrid")."""
    text = scan.text
    return any(
        _CONDITION.search(text, max(0, m.start() - 80), m.start()) is None
        and not _in_mode_list(text, m.start())
        for m in scan.finditer(entry)
    )


def _in_mode_list(text: str, at: int) -> bool:
    """Whether the mode word at `at` is one of three listed together (a menu)."""
    window = text[max(0, at - 50) : at + 60]
    return any(m.start() <= at - max(0, at - 50) < m.end() for m in _ALL_MODES.finditer(window))


def _mode_from_text(scan: Scan) -> str | None:
    days = _office_days(scan)
    if days is not None:
        return "hybrid" if days < 5 else "onsite"
    if scan.search(_REMOTE_CHOICE):
        return "remote"
    if (
        _stated(scan, _HYBRID_WORD)
        or scan.search(_OFFICE_SHARE)
        or scan.search(_OFFICE_REGULARLY)
        or scan.search(_OFFICE_MONTHLY)
        or scan.search(_HOME_FLEX)
    ):
        return "hybrid"
    if scan.search(_ONSITE_STRONG):
        return "onsite"
    if scan.search(_REMOTE_WORDS) and not scan.search(_NOT_REMOTE):
        return "remote"
    return None


def _weak_mode(scan: Scan) -> str | None:
    """What a bare "on site" says ("problem-solve on site"): less than a title or a
    location that names the mode."""
    return "onsite" if scan.search(_ONSITE_WEAK) else None


@functools.lru_cache(maxsize=4096)
def _short_mode(text: str) -> str | None:
    """The mode a label's value or a title and location state: strings that repeat."""
    scan = Scan(text)
    return _mode_from_text(scan) or _weak_mode(scan)


# A city, then a bare "Remote" tag an aggregator appends to every location ("Bengaluru,
# India,India,Remote"): with a text that says nothing of remote work, the job is at the city.
_REMOTE_TAG = re.compile(r"^(?P<place>[^;|()]+?),\s*remote\s*$", re.IGNORECASE)


def _city_tagged_remote(location: str) -> bool:
    tagged = _REMOTE_TAG.match(location[:300])
    if tagged is None or tagged.group("place").count(",") > 2:  # a list of countries: remote
        return False
    return parse_location(tagged.group("place"))[0] is not None


def work_mode_of(
    *, description: str, location: str = "", title: str = "", remote: bool | None = None
) -> str:
    """remote, hybrid or onsite: what the text says beats the board's flag.

    Hybrid is any regular office presence ("3 days a week in office"); an optional desk
    or a quarterly meet-up keeps a job remote.
    """
    scan = Scan(html_to_text(description))
    return mode_in(scan, location=location, title=title, remote=remote)


# The role's own mode, said of it: "This position is remote.", "This role is on site at our
# Austin campus five days a week". It outranks a company-wide policy in the same text ("Our
# hybrid employees work on campus at least three days per week"), which is for roles that
# say nothing of their own. ("The role is office-based" says where its base is, not that it
# has no days at home: the rest of the text decides.)
_OWN_MODE = anchored(
    r"\b(?:this|the)\s+(?:position|role|job|opportunity)\s+is\s+(?:a\s+|an\s+)?"
    r"(?:fully\s+|100\s?%\s+|entirely\s+)?(?:based\s+)?"
    r"(?P<m>remote|hybrid|on[\s-]?site|in[\s-]office|in[\s-]person)(?![\w-])"
    r"(?P<rest>[^.;\n]{0,60})",
    NOCASE,
)
_FEW_DAYS = re.compile(r"\b(?:[1-4]|one|two|three|four)\s+days?\b", re.IGNORECASE)


def _own_mode(scan: Scan) -> str | None:
    m = scan.search(_OWN_MODE)
    if m is None:
        return None
    said = m.group("m").lower()
    if said.startswith(("remote", "hybrid")):
        return said
    # ("This role is on site three days a week" is a regular office presence: hybrid)
    rest = m.group("rest")
    return "hybrid" if _FEW_DAYS.search(rest) or "hybrid" in rest.lower() else "onsite"


def mode_in(scan: Scan, *, location: str, title: str, remote: bool | None) -> str:
    """work_mode_of a description made plain text (`scan`)."""
    for label in scan.finditer(_MODE_LABEL):  # "Job Type: Full-time" says nothing of it
        value = label.group("v") or label.group("v2")
        # "Work Location: In person" (the field job boards such as Indeed print) is on site.
        # Its answer is the first word: "Remote job: No  Telework eligible: No" (USAJOBS)
        answer = value.split()[0].casefold() if value.split() else ""
        mode = _YES_NO.get(answer) if label.group("yn") else None
        if mode == "onsite" and scan.search(_TELEWORK_YES):
            mode = "hybrid"  # "Remote job: No  Telework eligible: Yes": some days at home
        mode = mode or ("onsite" if _IN_PERSON.match(value) else _short_mode(value))
        if mode:
            return mode
    mode = _own_mode(scan) or _mode_from_text(scan)
    if mode is None and _city_tagged_remote(location) and not _short_mode(title[:500]):
        return "onsite"
    mode = mode or _short_mode(f"{title}\n{location}"[:2000]) or _weak_mode(scan)
    if mode:
        return mode
    if place_names()["anywhere_re"].search(location[:2000]):  # "Worldwide" is a remote place
        return "remote"
    return "remote" if remote else "onsite"
