"""Working conditions a listing imposes (night shifts, a service bond, travel), read once per
listing version; and which of them a profile's exclude keywords rule out.

A user who excludes "night shift" means the shift, not the two words: a listing asking for
"US shift" hours or "6:30 PM to 3:30 AM" imposes it too, and one saying "no night shifts"
does not. The conditions and their wordings are data (taxonomy/conditions.toml).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from matcher.taxonomy_data import taxonomy

_I = re.IGNORECASE
# A negation earlier in the same clause: "No service bond", "not a night shift role".
# ...or set against it: "nothing like the 50% travel of consulting roles", "unlike".
_NEGATION = re.compile(
    r"\b(?:no|not|without|never|nor|free of|nothing like|unlike|rather than|instead of|none of|"
    # German, French, Spanish, Vietnamese
    r"kein\w*|nicht|ohne|pas de|sans|sin|ning[uú]n\w*|kh[oô]ng|"
    # Dutch, Swedish, Italian, Portuguese: "geen ZZP-opdracht", "ingen beredskap", "nessun
    # turno", "não é 100% presencial", "sem guardias"
    r"geen|niet|ingen|inga|inte|nessun\w*|n[ãa]o|nem|sem|"
    # Polish: "nie wymagamy niemieckiego", "bez dyżurów"
    r"nie|bez|"
    # contractions: "You won't need SC clearance", "we don't do night shifts"
    r"(?:won|don|doesn|isn|aren|wouldn)[’']t)\b",
    _I,
)
_CLAUSE_END = re.compile(r"[.;:!?,\n•]")
_NEGATION_REACH = 40  # characters looked back for a negation
_TRAVEL = re.compile(
    # ...and German's "Reisebereitschaft 50 %", "Reisetätigkeit"
    # (a range's top is the most asked: "Travel: 25%-35%")
    r"\b(?:travel(?:l?ing)?|reise\w*)\b(?:ca\.|approx\.|[^.;\n]){0,60}?(?<![\d.])(\d{1,3})\s*%"
    r"(?:\s*(?:-|–|to)\s*(?P<top>\d{1,3})\s*%)?"
    r"|(?<![\d.])(\d{1,3})\s*%\s*(?:of\s+(?:the\s+)?(?:time|week)\s+)?(?:[a-z-]+\s+)?(?:travel|reise)",
    _I,
)
_PERCENT = re.compile(r"(\d{1,3})\s*%")


def phrase_words(phrase: str) -> list[str]:
    """A phrase's words, lower case, split at spaces and hyphens ("On-call" → on, call)."""
    return [word for word in re.split(r"[\s-]+", phrase.strip().lower()) if word]


def phrase_pattern(phrase: str) -> str:
    """A phrase as whole words, any spacing or hyphen between them, the last one optionally
    plural: "night shift" also finds "Night-Shifts". Lookarounds, not \\b: a phrase may end
    in a symbol ("travel 50%")."""
    words = [re.escape(word) for word in phrase_words(phrase)]
    plural = "(?:e?s)?" if words and words[-1][-1:].isalpha() else ""
    return r"(?<!\w)" + r"[\s-]+".join(words) + plural + r"(?!\w)"


# ...or one right after it, as a form's answer: "On-call: not applicable to this role".
# Or said plainly after it: "Security clearance not required", "on-call is not expected".
_NEGATED_AFTER = re.compile(
    r"[\s)\]]*[:\-–—]\s*(?:not applicable|n/a\b|none\b|not required|not needed|no\b"
    # ...in Polish, German, French, Dutch, Swedish: "Praca zmianowa: nie"
    r"|nie\b|nein\b|non\b|nee\b|nej\b)"
    # a question answered no: "Wochenendarbeit? Gibt es bei uns nicht", "Weekend work? Never."
    r"|\s*\?\s*(?:no\b|never\b|none\b|nein\b|gibt es (?:bei uns )?nicht\b|non\b)"
    r"|\s+(?:is\s+|are\s+|will\s+)?(?:not|never)\s+(?:be\s+)?"
    r"(?:required|needed|necessary|applicable|expected|involved|mandatory)\b"
    r"|\s+(?:is|are)n[’']t\s+(?:required|needed|necessary|expected|mandatory)\b"
    # ...or asked as a plus: "a Secret clearance is a plus but is not required"
    r"|\s+(?:is|are|would\s+be)\s+(?:a\s+|an\s+)?(?:plus|bonus|nice[\s-]to[\s-]have|preferred|"
    r"desirable|advantage|asset)\b"
    # ...or offered beside an employment contract: "on a B2B contract (or UoP equivalent)"
    r"|(?:\s+contract)?\s*\(?\s*or\s+(?:an?\s+)?(?:uop|umowa\s+o\s+prac\w*|employment\s+contract|permanent\s+employment)\b"
    # Hindi written in Latin letters, as Indian boards do: "koi service bond nahi"
    r"|\s+(?:bhi\s+)?nah[iī]n?\b",
    _I,
)
# ...or names what a product does, not a duty: "we build on-call scheduling software".
_PRODUCT_AFTER = re.compile(
    # (a list's other items or a gloss may come between: "the vehicle registration fee and
    # road-tax collection module", "security deposit (collateral cash) modules")
    r"(?:\s+(?:and|&|or|/)\s+[\w-]+(?:\s+[\w-]+){0,2}|\s*\([^()\n]{1,40}\)"
    # ...or a word of the product's: "our new on-call pickup feature"
    r"|[\s-]+[^\W\d]+(?=[\s-]+(?:features?|modules?|apps?|tools?)\b))?"
    r"[\s-]+(?:scheduling|management|software|platforms?|tools?|apps?|applications?|paging|"
    r"solutions?|products?|systems?|engines?|modules?|casework|cases|"
    # a bank's products and a market's instruments: "fixed-term deposits", "bond trading"
    r"deposits?|savings|accounts?|trading|traders?|portfolios?|"
    # equipment: "a standby generator", "standby power"
    r"generators?|power|inverters?|batter(?:y|ies)|replicas?|databases?|servers?|"
    # what a product looks up or records: "our on-call finder", "night shift handovers"
    r"finders?|lookups?|director(?:y|ies)|handovers?|features?|"
    # ...or the paperwork about it: "forms staff use to request overtime and weekend work
    # approvals"
    r"approvals?|requests?|forms?|claims?|"
    # ...or money a product moves: "rent collection and security deposit refunds"
    r"refunds?|settlements?|collections?|"
    # ...or a service or rule the work is about: "driver licence renewals", "the French
    # required labelling rules"
    r"renewals?|label(?:l)?ing|labels|rules|regulations|packaging|signage|"
    # numbers about it: "dashboards that compare day and night shift OEE", "their daily
    # sales target achievement", "weekend working data"
    r"oee|output|yield|kpis?|metrics|data|dashboards?|achievement|attainment|"
    # the people who work it: "roster rules for morning, evening and night shift agents"
    r"agents?|workers?|operators?|employees|crews|"
    # ...or a service others give the staff: "24/7 on-call nurse line", "an on-call doctor"
    r"nurses?|doctors?|physicians?|clinicians?|gps?|counsel+ors?|pharmacists?|therapists?|"
    r"helplines?|hotlines?)\b"
    # post-trade processing: "equity and fixed-income security clearance and settlement"
    r"|\s+(?:and|&)\s+settlements?\b"
    # ...or a kind of leave: "superannuation paid on unpaid parental leave"
    r"|[\s-]+(?:(?:parental|maternity|paternity|annual|sick|personal|study|career|carer['’]?s)\s+)?"
    r"(?:leave|holidays?|time\s+off|sabbaticals?)\b"
    # ...or others' in Spanish and Portuguese: "escalas de plantão de médicos e enfermeiros"
    r"|\s+(?:de|para)\s+(?:(?:los|las|sus|seus|suas|os|as)\s+)?(?:m[ée]dic[oa]s|enfermeir[oa]s|"
    r"enfermer[oa]s|personal|funcion[áa]rios|colaboradores|trabajadores|trabalhadores)\b"
    # ...or a benefit for other roles: "Night shift allowance and transport for eligible
    # shift-based roles"
    r"|(?:[\s-]+(?:allowances?|pay|premiums?|differentials?))?"
    r"(?:\s+(?:and|&)\s+[\w-]+(?:\s+[\w-]+){0,2})?\s+for\s+(?:all\s+)?(?:eligible|applicable|qualifying)"
    r"\s+(?:[\w-]+\s+){0,2}(?:roles|employees|staff|colleagues|associates|teams)\b"
    # ...or others' papers a product keeps: "manage training bond agreements for their staff"
    r"|(?:[\s-]+[\w-]+){0,2}\s+for\s+their\s+(?:own\s+)?(?:staff|employees|teams?|workers|people|workforce)\b"
    # ...of goods or people a product screens: "the security clearance of shipments"
    r"|\s+of\s+(?:the\s+)?(?:shipments?|goods|cargo|parcels|baggage|passengers|visitors|containers)\b"
    # ...or data set up in a system: "configure territories, routes and sales targets in the CRM"
    r"|\s+in\s+(?:the\s+|our\s+)?(?:new\s+)?(?:crm|system|platform|tool|app|software|module|erp)\b"
    # ...or a sign-off the work gets, not one the hire needs: "every release needs security
    # clearance from our Cyber Security team before go-live"
    r"|\s+from\s+(?:the\s+|our\s+|a\s+)?(?:[\w-]+\s+){0,3}(?:team|board|committee|function)\b",
    _I,
)
# ...or is what a product does for its users: "a rostering module that plans nurses' day and
# night-shift rosters", "a SaaS that helps 300 factories plan night shifts".
_PRODUCT_DOES = re.compile(
    r"\b(?:apps?|applications?|platforms?|systems?|software|tools?|modules?|products?|engines?|"
    r"saas|solutions?|dashboards?|reports?|analytics)\s+(?:that|which)\s+(?:\w+\s+){0,1}(?:plans?|schedules?|rosters?|"
    r"manages?|tracks?|automates?|replaces?|processe?s?|handles?|helps?|shows?|displays?|monitors?)\b[^.;!?\n]{0,80}$"
    # "It replaces spreadsheets and whiteboards for shift patterns, leave requests and the
    # on-call rotas": the product named before, as "it"
    r"|\bit\s+(?:plans|schedules|rosters|manages|tracks|automates|replaces)\b[^.;!?\n]{0,100}$"
    # ...or with its verb right after it: "our platform rosters 40,000 nurses across day and
    # night shifts"
    r"|\b(?:app|platform|system|software|tool|module|product|engine|saas)\s+(?:plans|schedules|"
    r"rosters|manages|tracks|automates|runs|powers|assesses|determines|checks|decides|calculates|"
    # ...or the users' verb after it: "customers use our platform to plan FIFO rosters"
    r"to\s+(?:plan|schedule|roster|manage|track|automate|run|book))\b"
    r"[^.;!?\n]{0,100}$"
    # Spanish and Portuguese: "el motor de disponibilidad para viajar", "sistema de guardias";
    # "Nuestro motor consulta la disponibilidad para viajar", "el software con el que 180
    # hospitales arman los roles de turno nocturno"
    r"|\b(?:motor|sistema|plataforma|m[óo]dulo|aplicaci[óo]n|aplicativo|software)\s+de\s+$"
    r"|\b(?:motor|sistema|plataforma|m[óo]dulo|aplicaci[óo]n|aplicativo|software)\s+"
    r"(?:consulta|calcula|gestiona|planifica|muestra|busca|organiza)\s+(?:(?:la|el|los|las|a|o|os|as)\s+)?$"
    r"|\b(?:software|sistema|plataforma|aplicaci[óo]n|aplicativo)\s+(?:con\s+(?:el|la)\s+que|com\s+o\s+qual|que)\b"
    r"[^.;!?\n]{0,100}$",
    _I,
)
_PRODUCT_REACH = 140  # characters looked back for the product's sentence
# ...or is what other jobs ask, set against this one: "Unlike consulting roles that ask for
# travel 75% of the week, this job is local" (the sentence's opening clause).
_SET_AGAINST = re.compile(
    r"(?:^|[.!?\n]\s*)(?:unlike|compared\s+(?:to|with)|in\s+contrast\s+to)\b[^,.;!?\n]*"
    # ...a relative clause still describes them: "Unlike our field leads, who carry 50% travel"
    r"(?:,\s*(?:who|which|that|where)\b[^,.;!?\n]*)?$",
    _I,
)
_SET_AGAINST_WORDS = ("unlike", "compared", "contrast")
# (the pattern needs one of these: most windows have none, and the search costs tens of
# microseconds)
_PRODUCT_WORDS = ("that", "which", "it ", "platform", "system", "software", "tool", "module", "dashboard", "report",
                  "product", "engine", "saas", "app ", "motor", "plataforma", "sistema",
                  "aplicaci", "aplicativo", "analytics")  # fmt: skip


# ...or belongs to others: "4,000 engineering teams use us to build their on-call rotas",
# "our customers' night shifts".
def _others_before(text: str, start: int) -> bool:
    """Whether the mention at `start` is others' (`_OTHERS_BEFORE`): the search runs only when
    a word it needs is in the 90 characters before, as in few texts."""
    window = text[max(0, start - 90) : start]
    lowered = window.lower()
    if not any(word in lowered for word in _OTHERS_WORDS):
        return False
    return _OTHERS_BEFORE.search(window) is not None and _HIRE_STAFFS.search(window) is None


_OTHERS_WORDS = ("their", "'", "’", "handled by", "nurses", "doctors", "physicians", "drivers",
                 "agents", "workers", "operators", "technicians", "caregivers", "guards", "crews",
                 "warehouse", "stores", "branches", "plants", "factories", "call cent", "desk",
                 "physician", "doctor", "clinician", "nurse", "surgeon", "driver", "ihre")  # fmt: skip
_OTHERS_BEFORE = re.compile(
    r"\b(?:customers?|clients?|users?|teams\s+use|companies|businesses|factories|hospitals)\b"
    r"[^.;\n]{0,50}\btheir\s+(?:[\w-]+\s+)?$"
    # "migration of 900 support groups and their on-call schedules"
    r"|\b[a-z]+s\s+and\s+their\s+(?:[\w-]+\s+)?$"
    r"|\b(?:customers['’]|clients['’]|users['’]|patients['’]|nurses['’]|drivers['’]|employees['’])\s+(?:[\w-]+\s+)?$"
    # one of them: "checks each driver's driving licence", "the patient's night-time care"
    r"|\b(?:customer|client|user|patient|nurse|driver|employee|member)['’]s\s+(?:[\w-]+\s+)?$"
    # an occupation's own: "physician on-call schedules", "nurse night shifts"
    r"|\b(?:physicians?|doctors?|clinicians?|nurses?|surgeons?|drivers?)\s+$"
    # "Our nurses work day, evening and night shift rotations": the staff a product serves
    # "Our warehouses dispatch orders 6 days a week": the business's other sites
    r"|\b(?:warehouses?|stores|branches|plants|factories|call\s+cent(?:er|re)s|desks?|helpdesks?)\s+[\w-]+\b[^.;\n]{0,40}$"
    # German: "Kliniken ... planen mit uns ihren Schichtdienst" (the customers' own shifts)
    r"|\b(?:kunden|kund:innen|kliniken|krankenh[äa]user|pflegeheime|betriebe|unternehmen)\b[^.;\n]{0,60}\bihre[nmrs]?\s+(?:[\w-]+\s+)?$"
    # "incidents are handled by the engineering on-call rota"
    r"|\bhandled\s+by\s+(?:the|our|an?)\s+(?:[\w-]+\s+)?$"
    r"|\b(?:nurses|doctors|physicians|drivers|agents|workers|operators|technicians|caregivers|"
    r"guards|crews)\s+(?:work|cover|staff|rotate)\b[^.;\n]{0,50}$",
    _I,
)
# ...or is the company's past: "Founded in 2009 as a BPO voice provider, we are now a
# software house", "formerly a night-shift call centre".
_HISTORY_BEFORE = re.compile(
    r"\b(?:founded|started|began|launched|established)\b[^.;!?\n]{0,40}?\bas\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}$|\b(?:formerly|originally)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    _I,
)
_HISTORY_WORDS = (
    "founded",
    "started",
    "began",
    "launched",
    "established",
    "formerly",
    "originally",
)
# ...unless the hire is the one who staffs the place: "Cover the coordination desk on
# rotating shifts"
_HIRE_STAFFS = re.compile(
    r"\b(?:cover|covering|staff|staffing|man|manning|work|working|run|running)\s+(?:the|a|our)\s+"
    r"(?:[\w-]+\s+){0,2}(?:desks?|helpdesks?|service\s+desk|counter|floor)\b[^.;\n]{0,40}$",
    _I,
)
# ...or is a thing made digital: "the next release of the digital driver licence"
_DIGITAL_BEFORE = re.compile(r"\b(?:digital|mobile|online|electronic|virtual)[\s-]+$", _I)
# A heading ("Hours and on-call", "On-call:") names a topic the lines under it settle: the
# mention alone on its line, or joined to one other topic word, imposes nothing by itself.
_TOPIC = r"[\w-]+\s+(?:and|&)\s+"


def negated(text: str, start: int, end: int | None = None, *, heading: bool = True) -> bool:
    """Whether the mention at `start` (ending at `end`, when known) is negated in its
    clause, or (`heading`) is only a heading."""
    before = text[max(0, start - _NEGATION_REACH) : start]
    clause = _CLAUSE_END.split(before)[-1]
    if _NEGATION.search(clause) or _negated_list(text, start, end, clause):
        return True
    if _others_before(text, start) or _DIGITAL_BEFORE.search(text, max(0, start - 12), start):
        return True
    window = text[max(0, start - _PRODUCT_REACH) : start]
    lowered = window.lower()
    if any(word in lowered for word in _SET_AGAINST_WORDS) and _SET_AGAINST.search(window):
        return True
    if any(word in lowered for word in _HISTORY_WORDS) and _HISTORY_BEFORE.search(window):
        return True
    if any(word in lowered for word in _PRODUCT_WORDS) and _PRODUCT_DOES.search(window):
        return True
    if end is None:
        return False
    return bool(_NEGATED_AFTER.match(text, end) or _PRODUCT_AFTER.match(text, end)) or (
        heading and _heading(text, start, end)
    )


# A mention that is an item of a list, right after its comma, in a list whose head is a
# negated clause: "we never ask candidates for a registration fee, security deposit, laptop
# charges or any payment" negates every item; "no dress code, free lunch, a service bond"
# negates only the first (a short item of its own), "No night shifts, weekend work is
# required" starts a new clause.
_LIST_GLUE = re.compile(r"\s*(?:(?:[^\W\d][\w-]*\s+){0,4}(?:and|or|nor)\s+)?(?:an?\s+|any\s+)?", _I)
# ...unless a verb follows it: "No night shifts, weekend work is required" is a clause.
_CLAUSE_VERB = re.compile(
    r"(?:e?s)?\s+(?:is|are|was|will|would|must|shall|may|can|applies|apply|required|mandatory"
    r"|expected|needed)\b",
    _I,
)
_LIST_REACH = 160  # characters looked back over a list's earlier items
_LIST_ITEM_WORDS = 5  # a segment this short is an item; a longer one is the list's head
_OTHER_CLAUSE_END = re.compile(r"[.;:!?\n•]")


def _negated_list(text: str, start: int, end: int | None, clause: str) -> bool:
    """Whether the mention is an item of a list whose head is negated."""
    at = start - len(clause)
    if end is None or at < 1 or text[at - 1] != "," or not _LIST_GLUE.fullmatch(clause):
        return False
    if _CLAUSE_VERB.match(text, end):
        return False
    wider = _OTHER_CLAUSE_END.split(text[max(0, at - 1 - _LIST_REACH) : at - 1])[-1]
    for segment in reversed(wider.split(",")):
        if len(segment.split()) > _LIST_ITEM_WORDS:  # the list's head
            return _NEGATION.search(segment) is not None
    return False


# A mention that says it is required is a requirement, alone on its line or not.
_REQUIRED_WORD = re.compile(r"required|mandatory|essential|\bmust\b|必須", _I)


def _heading(text: str, start: int, end: int) -> bool:
    if ":" in text[start:end].rstrip(": "):  # a field with its value: "Nationality: Saudi"
        return False
    if _REQUIRED_WORD.search(text, start, end):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip().rstrip(":").strip()
    mention = re.escape(text[start:end])
    return re.fullmatch(rf"(?:{_TOPIC})?{mention}(?:\s+(?:and|&)\s+[\w-]+)?", line, _I) is not None


@dataclass(frozen=True, slots=True)
class Condition:
    name: str
    says: frozenset[str]  # normalised phrases and keywords a user may write for it
    phrases: re.Pattern[str]  # the phrases (not the keywords) in a listing
    first_words: tuple[str, ...]  # every phrase starts with one: a quick `in` test first
    patterns: re.Pattern[str] | None  # other ways listings impose it
    # Normalised words a user may write for it that are too common to look for in a
    # listing as written ("bond": a fixed-income desk's bonds are no service bond).
    keywords: frozenset[str] = frozenset()
    # The phrases' and patterns' sources one by one: a scan reads each for where it can
    # start and what it needs ("must ... speak Mandarin" is tried only where "mandarin" is).
    phrase_sources: tuple[str, ...] = ()
    pattern_sources: tuple[str, ...] = ()


@functools.cache
def conditions() -> tuple[Condition, ...]:
    table = taxonomy("conditions")["conditions"]
    found = []
    for name, entry in table.items():
        says = [name, *entry.get("says", [])]
        patterns = entry.get("patterns", [])
        phrase_sources = tuple(phrase_pattern(phrase) for phrase in says)
        found.append(
            Condition(
                name=name,
                says=frozenset(normalise(p) for p in [*says, *entry.get("keywords", [])]),
                phrases=re.compile("|".join(phrase_sources), _I),
                first_words=tuple({(phrase_words(p) or [""])[0] for p in says}),
                patterns=re.compile("|".join(f"(?:{p})" for p in patterns), _I)
                if patterns
                else None,
                keywords=frozenset(normalise(k) for k in entry.get("keywords", [])),
                phrase_sources=phrase_sources,
                pattern_sources=tuple(patterns),
            )
        )
    return tuple(found)


def normalise(phrase: str) -> str:
    """Lower case, single spaces, no hyphens, no plural "s" on the last word."""
    words = phrase_words(phrase)
    if words and len(words[-1]) > 3 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def imposed(text: str) -> tuple[str, ...]:
    """Names of the conditions the text imposes (a negated mention imposes nothing)."""
    lowered = text.lower()
    names = []
    for condition in conditions():
        said = any(word in lowered for word in condition.first_words)
        found = [condition.phrases] if said else []
        found += [condition.patterns] if condition.patterns is not None else []
        unnegated, spared = [], False
        for match in (m for pattern in found for m in pattern.finditer(text)):
            if not negated(text, match.start(), match.end()):
                unnegated.append(match.span())
            elif not spared:
                spared = hire_spared(text, match.start())
        if kept(condition.name, text, unnegated, spared, lambda: own_hours_stated(text)):
            names.append(condition.name)
    return tuple(names)


# A negation said of the hire: "you will not be on call yourself", "this role does not
# join the overnight roster". It settles the condition for the whole listing.
_HIRE_NEGATION = re.compile(
    r"\b(?:you|this\s+(?:role|position|post|job)|the\s+(?:role|position|post|job))\s+"
    r"(?:(?:will|would|do|does|are|is|shall)\s*(?:not|n[’']t)|won[’']t|cannot|can[’']t)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    _I,
)
# A mention asked for in its own clause stands whatever else the listing says.
_ASKED_HERE = re.compile(
    r"\b(?:required|mandatory|essential|must|expected|occasional\w*|may\s+be|will\s+need|"
    r"will\s+have\s+to|need\s+to)\b",
    _I,
)
_CLAUSE = re.compile(r"[^.;!?\n]*")


def hire_spared(text: str, start: int) -> bool:
    """Whether the negation before the mention at `start` is said of the hire."""
    clause = _CLAUSE_END.split(text[max(0, start - _NEGATION_REACH - 20) : start])[-1]
    return _HIRE_NEGATION.search(clause) is not None


@functools.cache
def _own_hours() -> tuple[frozenset[str], str]:
    """The conditions the hire's stated hours settle, and the pattern of such statements."""
    table = taxonomy("conditions")["own_hours"]
    return frozenset(table["settles"]), "|".join(f"(?:{p})" for p in table["patterns"])


def own_hours_pattern_source() -> str:
    """The pattern of statements of the hire's own hours (case-insensitive)."""
    return _own_hours()[1]


@functools.cache
def _own_hours_pattern() -> re.Pattern[str]:
    return re.compile(own_hours_pattern_source(), _I)


def own_hours_stated(text: str) -> bool:
    """Whether the listing states the hire's own hours as weekdays or office hours."""
    return _own_hours_pattern().search(text) is not None


def kept(
    name: str,
    text: str,
    unnegated: list[tuple[int, int]],
    spared: bool,
    own_hours: Callable[[], bool],
) -> bool:
    """Whether condition `name`, mentioned unnegated at `unnegated`, is imposed: unless the
    listing settles that the hire does not work it (a negation said of the hire, `spared`;
    or the hire's own hours stated as weekdays, for the conditions they settle), when only
    a mention asked for in its own clause stands."""
    if not unnegated:
        return False
    if not spared and not (name in _own_hours()[0] and own_hours()):
        return True
    for start, end in unnegated:
        opening = _CLAUSE_END.split(text[max(0, start - 80) : start])[-1]
        closing = _CLAUSE.match(text, end)
        if _ASKED_HERE.search(opening) or (closing and _ASKED_HERE.search(closing.group())):
            return True
    return False


@functools.cache
def implied_travel() -> tuple[tuple[re.Pattern[str], int], ...]:
    """Wordings that ask a share of the time away without a percentage, and that share."""
    rows = taxonomy("conditions")["travel_implied"]["patterns"]
    return tuple((re.compile(pattern, _I), int(share)) for pattern, share in rows)


def travel_share(text: str, match: re.Match[str]) -> int | None:
    """The share of the time a `_TRAVEL` match asks, unless negated before the travel word
    or before its share ("light, nothing like the 50% travel of consulting"), or over 100."""
    share_at = match.start(1) if match.group(1) else match.start(3)
    if negated(text, match.start()) or negated(text, share_at):
        return None
    value = int(match.group("top") or match.group(1) or match.group(3))
    return value if value <= 100 else None


def travel_percent(text: str) -> int | None:
    """The most travel the text asks for, as a percentage of the time ("up to 50% travel",
    "every second week at the client's site")."""
    shares = [
        share
        for pattern, share in implied_travel()
        if any(not negated(text, m.start()) for m in pattern.finditer(text))
    ]
    shares += [s for m in _TRAVEL.finditer(text) if (s := travel_share(text, m)) is not None]
    return max(shares) if shares else None


@dataclass(frozen=True, slots=True)
class Excluded:
    """What a profile's exclude keywords rule out beyond their own words."""

    conditions: dict[str, str]  # condition name → the keyword as the user wrote it
    travel: tuple[int, str] | None  # (the least travel share ruled out, keyword), if any
    # Keywords read only as their condition, never looked for as written ("bond")
    only_as_condition: frozenset[str] = frozenset()
    # Every keyword (normalised) that names a condition, the first for each or not
    naming: frozenset[str] = frozenset()
    # Terms of employment ruled out (Facts.employment values) → the keyword as written
    terms: dict[str, str] = field(default_factory=dict)
    # Work modes ruled out (Facts.work_mode values) → the keyword as written
    modes: dict[str, str] = field(default_factory=dict)


_TRAVEL_ALONE = frozenset({
    "travel", "travelling", "traveling", "business travel", "reisen",
    # a kind of travel named: "national travel" (around a country), regional, frequent
    "national travel", "nationwide travel", "regional travel", "international travel",
    "frequent travel", "regular travel", "extensive travel", "overseas travel", "heavy travel",
})  # fmt: skip
REGULAR_TRAVEL = 25  # percent of the time: a week a month
# "Extensive" or "heavy" travel is more than a week a month: half the time, as listings
# that say it put it ("extensive travel (50%+)"); "up to 25%" is not extensive.
EXTENSIVE_TRAVEL = 50
_EXTENSIVE = frozenset({"extensive travel", "heavy travel"})


def excluded(keywords: Iterable[str]) -> Excluded:
    """Exclude keywords that name a condition ("night shifts", "US shift") rule the
    condition out; "travel 50%" or "50% travel" rules out travel of 50% or more."""
    ruled_out: dict[str, str] = {}
    travel: tuple[int, str] | None = None
    only: set[str] = set()
    naming: set[str] = set()
    terms: dict[str, str] = {}
    modes: dict[str, str] = {}
    employment, work_modes = _employment_keywords(), _mode_keywords()
    for keyword in keywords:
        key = normalise(keyword)
        kind = employment.get(key)
        if kind is not None:
            terms.setdefault(kind, keyword)
            only.add(key)
        mode = work_modes.get(key)
        if mode is not None:
            modes.setdefault(mode, keyword)
            only.add(key)
        for condition in conditions():
            if key in condition.says:
                ruled_out.setdefault(condition.name, keyword)
                naming.add(key)
            if key in condition.keywords:
                only.add(key)
        share = _PERCENT.search(keyword)
        if (
            share
            and ("travel" in key or "reise" in key)
            and (travel is None or int(share.group(1)) < travel[0])
        ):
            travel = (int(share.group(1)), keyword)
        elif key in _TRAVEL_ALONE:
            # "travel" alone means travel the job requires, regularly: a week a month or
            # more, not the word ("Travel Tech", "travel paid") nor a few trips a year.
            only.add(key)
            least = EXTENSIVE_TRAVEL if key in _EXTENSIVE else REGULAR_TRAVEL
            if travel is None or travel[0] > least:
                travel = (least, keyword)
    return Excluded(ruled_out, travel, frozenset(only), frozenset(naming), terms, modes)


@functools.cache
def _mode_keywords() -> dict[str, str]:
    """Normalised keyword → the work mode it names (taxonomy/conditions.toml)."""
    table = taxonomy("conditions")["mode_keywords"]
    return {normalise(word): mode for mode, words in table.items() for word in words}


@functools.cache
def _employment_keywords() -> dict[str, str]:
    """Normalised keyword → the employment term it names (taxonomy/conditions.toml)."""
    table = taxonomy("conditions")["employment_keywords"]
    return {normalise(word): kind for kind, words in table.items() for word in words}
