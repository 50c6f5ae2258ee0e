"""The role a listing is for, and its title as words to compare with target roles.

The title decides (rules in taxonomy/roles.toml); the description settles what the title
leaves open: which of product, project or program manager a "TPM" is, and whether a
project role is outside technology. Everything read from the title alone is cached per
title.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from matcher.extract.patterns import Anchored, alternation, anchored, any_of
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE, html_to_text
from matcher.extract.title import MAX_TITLE, expand_title
from matcher.extract.title_parts import (
    decided_anywhere,
    graded,
    last_word_outside,
    outside_project_work,
    parse_title,
)
from matcher.taxonomy_data import taxonomy


@dataclass(frozen=True, slots=True)
class _RoleRule:
    variant: str
    title: re.Pattern[str]
    resolve: str
    unless: re.Pattern[str] | None


@functools.cache
def _role_rules() -> tuple[_RoleRule, ...]:
    rules = []
    for raw in taxonomy("roles")["rule"]:
        unless = any_of(raw["unless"]) if raw.get("unless") else None
        rules.append(
            _RoleRule(raw["variant"], any_of(raw["title"]), raw.get("resolve", ""), unless)
        )
    return tuple(rules)


@functools.cache
def _title_words(key: str) -> re.Pattern[str]:
    return any_of(taxonomy("roles")["domain"][key])


@functools.cache
def _context_words(key: str) -> Anchored:
    return alternation(taxonomy("roles")["domain"][key])


@dataclass(frozen=True, slots=True)
class _Title:
    """What the expanded title alone says."""

    rule: _RoleRule | None  # the first rule whose words touch the title's core
    excluded: bool  # the rule's `unless` matches too
    head_variant: str | None  # no rule touches the core, whose head does not run projects
    tech: bool  # technology words ("technical", "software", "cloud")
    non_tech: bool  # words outside technology ("construction", "marketing")
    it: bool  # IT words ("infrastructure", "ERP")
    it_program: bool  # the IT words that make a program an IT program ("ERP", not "network")
    technical: bool  # words that the role delivers technology itself ("technical", "software")
    software: bool  # a software product or system named ("Warehouse Management System")
    operations: bool  # a contact centre's operations ("Call Center", "Voice Process")
    annotation: bool  # data annotation or labelling ("Data Annotation Operations")
    digital: bool  # "digital", which at the NHS or a council means its IT
    bare_pm: bool  # "PM" without "project" or "program"
    program: bool  # "program", "portfolio" or "PMO"
    graded: bool  # the core is a grade and a vague field: the duties name the job
    core: str  # the head occupation with its modifiers (title_parts.parse_title)


# "Executive Assistant to the CTO" is an assistant, whoever it serves.
_SERVES = re.compile(r"\s+(?:to|for)\s+(?:the|our|a)\s+[^,(|/]*")


@functools.lru_cache(maxsize=4096)
def _read_title(title: str) -> _Title:
    expanded = _SERVES.sub("", expand_title(title[:MAX_TITLE]))
    parts = parse_title(expanded)
    # The head occupation and its modifiers decide; words only in a qualifier ("Content
    # Writer – Project Management") refine the role but never make it.
    rule = next(
        (r for r in _role_rules() if any(parts.overlaps(m) for m in r.title.finditer(expanded))),
        None,
    )
    head_variant = (
        decided_anywhere(expanded)
        or last_word_outside(parts.core)
        or (None if rule else outside_project_work(parts.core))
    )
    if rule is None and head_variant is None:
        rule = next((r for r in _role_rules() if r.title.search(expanded)), None)
    return _Title(
        rule=rule,
        excluded=bool(rule and rule.unless and rule.unless.search(expanded)),
        head_variant=head_variant,
        tech=(tech := bool(_title_words("tech_title").search(expanded))),
        non_tech=bool(_title_words("non_tech_title").search(expanded))
        or (not tech and bool(_title_words("non_tech_title_alone").search(expanded))),
        it=bool(_title_words("it_title").search(expanded)),
        it_program=bool(_title_words("it_program_title").search(expanded)),
        technical=bool(_title_words("technical_title").search(expanded)),
        software=bool(_title_words("software_title").search(expanded)),
        operations=bool(_title_words("operations_title").search(expanded)),
        annotation=bool(_title_words("annotation_title").search(expanded)),
        digital=bool(re.search(r"\bdigital\b", expanded)),
        bare_pm=bool(
            re.search(r"\bpm\b", expanded) and not re.search(r"project|program", expanded)
        ),
        program=bool(re.search(r"program|portfolio|\bpmo\b", expanded)),
        graded=graded(parts.core),
        core=parts.core,
    )


def _outside_tech(title: _Title, scan: Scan, *, read_text: bool) -> bool:
    """A project role outside technology: by its title words, else by the duties."""
    if title.annotation and not title.technical:
        return True
    # (a title naming software or a system: the duties decide)
    if title.non_tech and not title.tech and not title.software:
        return True
    if not (read_text or title.tech or title.software):  # both kinds: the duties decide
        return False
    non_tech = scan.count(_context_words("non_tech_context"))
    tech = scan.count(_context_words("tech_context"))
    if (title.tech or title.software) and (not title.non_tech or title.software):
        # "Technical Project Manager – Data Centre Build": a construction job all the same
        # when its duties are overwhelmingly outside technology.
        return non_tech >= 8 and non_tech >= 3 * tech
    return non_tech >= 4 and non_tech > tech


_PRODUCT_MENTION = anchored(r"(?<!not a )(?<!not an )\bproduct\s+(?:manager|management)\b", NOCASE)
_PROJECT_MENTION = anchored(
    r"\b(?:project|program|programme|delivery)\s+manag(?:er|ement)\b", NOCASE
)
_TPM_PRODUCT = anchored(
    r"technical\s+product\s+manager|this is a product (?:management )?role", NOCASE
)
_TPM_PROJECT = anchored(r"technical\s+project\s+manager", NOCASE)
_TPM_PROGRAM = anchored(r"technical\s+program(?:me)?\s+manager|engineering program manager", NOCASE)


def _resolve_tpm(scan: Scan) -> str:
    counts = {
        "product_manager": scan.count(_TPM_PRODUCT),
        "technical_project_manager": scan.count(_TPM_PROJECT),
        "technical_program_manager": scan.count(_TPM_PROGRAM),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "technical_program_manager"


def _resolve_generic(title: _Title, scan: Scan) -> str:
    if title.bare_pm and scan.count(_PRODUCT_MENTION) > scan.count(_PROJECT_MENTION):
        return "product_manager"
    if _outside_tech(title, scan, read_text=True):
        return "non_technical_project_manager"
    if title.it and (title.it_program or not title.program):
        return "it_project_manager"
    if title.program:  # PMO heads govern programs
        return "technical_program_manager"
    return "technical_project_manager"


# An IT project's work is the company's own systems: enough of it, and more than of
# software delivered to customers.
IT_WORK_MIN = 3


def _internal_it(scan: Scan) -> bool:
    it = scan.count(_context_words("it_context"))
    return it >= IT_WORK_MIN and it > scan.count(_context_words("product_context"))


# Grade titles ("Manager", "Senior Associate", "Consultant") say a level, not a job: the
# job is the title the text states ("Job Title: …", "Position: …", "Job Description – …").
@functools.cache
def _grade_title() -> re.Pattern[str]:
    words = [*taxonomy("roles")["head"]["bare"], "consultants?", "officer"]
    return re.compile(r"^(?:\s*(?:{})\b[\s,.-]*)+$".format("|".join(words)), NOCASE)


_STATED_TITLE = anchored(
    r"\b(?:job\s+title|position\s+title|job\s+role|position|role|designation|job\s+description)"
    r"\s*[:\-–—]\s*(?P<t>[^\n]{3,80})",
    NOCASE,
)


def job_title(title: str, scan: Scan) -> str:
    """The title that names the job: the listing's, or for a grade title the one its text
    states."""
    grade = _grade_title()
    if not grade.match(title):
        return title
    for stated in scan.finditer(_STATED_TITLE):
        named = stated.group("t").strip()
        if not grade.match(named):
            return named
    return title


# A course sold to career changers, however the title reads ("Entry Level Project Manager -
# Software Implementation (Paid Training)"): the learner pays a fee. (An apprenticeship that
# is "not an offer of employment" pays a stipend: a role all the same.)
_CURRENCY = r"(?:[$£€₹]|rs\.?\s*|inr\s*|usd\s*|cad\s*|gbp\s*)\d"
_TUITION = anchored(rf"\btuition\s*(?:fees?\s*)?[:\-–]?\s*(?:is\s+)?{_CURRENCY}", NOCASE)
# ...found from the fee (a course's words are in every posting: "training programs"), the
# course checked before it
_FEE = anchored(rf"\bfees?\s*[:\-–]?\s*(?:is\s+|of\s+)?{_CURRENCY}", NOCASE)
_COURSE_BEFORE = re.compile(r"\b(?:course|programme|program|training|enrol+ment)\s+$", NOCASE)


def _sells_course(scan: Scan) -> bool:
    """Whether the text asks the learner for tuition or a course fee."""
    if scan.search(_TUITION) is not None:
        return True
    text = scan.text
    return any(
        _COURSE_BEFORE.search(text, max(0, m.start() - 16), m.start()) for m in scan.finditer(_FEE)
    )


def role_in(title: str, scan: Scan) -> str:
    """The role variant of a listing titled `title` whose plain text `scan` holds; a
    technical project or programme manager whose work is internal IT is an IT one."""
    variant = _variant_in(title, scan)
    if variant != "other" and _sells_course(scan):
        return "other"
    if variant in _IT_OR_TECHNICAL and (_it_title(title, scan) or _internal_it(scan)):
        return "it_project_manager"
    return variant


# A public employer's digital projects are IT when the text is not about selling software.
PUBLIC_SIGNS_MIN = 2
PRODUCT_WORDS_MAX = 2


def _it_title(title: str, scan: Scan) -> bool:
    """A title naming the company's own systems and not technology delivered ("LIMS
    Implementation Project Manager", "Director, EHR Program Management Office"), or a
    public employer's "Digital Project Manager"."""
    read = _read_title(title)
    if read.technical:
        return False
    if read.it and (read.it_program or not read.program):
        return True
    return (
        read.digital
        and not read.tech
        and scan.count(_context_words("public_it_employer")) >= PUBLIC_SIGNS_MIN
        and scan.count(_context_words("product_context")) <= PRODUCT_WORDS_MAX
    )


_IT_OR_TECHNICAL = frozenset({"technical_project_manager", "technical_program_manager"})


def _variant_in(title: str, scan: Scan) -> str:
    read = _read_title(title)
    rule = read.rule
    if read.head_variant:
        return read.head_variant
    if rule is None:
        return _by_duties(read, scan) if read.graded else "other"
    if read.excluded:
        return "other"
    if rule.resolve == "tpm":
        return _resolve_tpm(scan)
    if rule.resolve == "generic":
        return _resolve_generic(read, scan)
    if rule.resolve == "domain":
        if rule.variant == "delivery_manager" and read.operations:
            outside = True
        elif rule.variant == "delivery_manager" and read.non_tech and not read.tech:
            # A delivery manager's title names the field it delivers for ("Delivery Manager -
            # Clinical Rostering" builds the wards' rostering app): the duties decide.
            outside = _duties_outside(scan)
        else:
            outside = _outside_tech(read, scan, read_text=not read.tech)
        if outside:
            # A delivery manager outside technology runs operations, not projects.
            return (
                "other" if rule.variant == "delivery_manager" else "non_technical_project_manager"
            )
    return rule.variant


# A grade title ("Senior Consultant – Technology Transformation", "Manager – Technology")
# is a project job when the duties are a project manager's: several of them named (data:
# roles.toml [duties]). In a PMO, below a manager's grade, it is a project assistant's.
PROJECT_DUTIES_MIN = 3
_SENIOR_GRADE = re.compile(
    r"\b(?:manager|lead|leader|head|director|vp|vice president|avp|svp|evp|principal)\b", NOCASE
)


# (plain patterns, read only for grade titles: registered with the scan, their common
# words would cost every text a little)
@functools.cache
def _duties() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, NOCASE) for p in taxonomy("roles")["duties"]["project"])


_IN_A_PMO = re.compile(r"\bpmo\b|\b(?:project|program(?:me)?)\s+management\s+office\b", NOCASE)


def _by_duties(read: _Title, scan: Scan) -> str:
    text = scan.text
    named = sum(1 for duty in _duties() if duty.search(text) is not None)
    if named < PROJECT_DUTIES_MIN:
        return "other"
    if _outside_tech(read, scan, read_text=True):
        return "non_technical_project_manager"
    if _IN_A_PMO.search(text) is not None and not _SENIOR_GRADE.search(read.core):
        return "technical_project_assistant"
    return "technical_project_manager"


def _duties_outside(scan: Scan) -> bool:
    """Duties mostly outside technology, by their words."""
    non_tech = scan.count(_context_words("non_tech_context"))
    return non_tech >= 4 and non_tech > scan.count(_context_words("tech_context"))


def classify_role(title: str, description: str) -> str:
    """The role variant: the title decides, the description settles what it leaves open."""
    return role_in(title, Scan(html_to_text(description)))


_ACRONYM_TITLES = {
    "technical_program_manager": "technical program manager",
    "technical_project_manager": "technical project manager",
    "product_manager": "technical product manager",
}
_TPM = re.compile(r"\btpms?\b", NOCASE)
# Level words are compared by the level component, and what follows a separator is the
# team ("Technical Program Manager, Platform"): neither says what the role is.
_KEY_LEVELS = re.compile(
    r"\b(?:senior|junior|lead|principal|staff|head|chief|i{1,3}|iv|[1-4])\b", NOCASE
)
# Not "…, Technical Infrastructure": there the qualifier says the role is technical.
_QUALIFIER = re.compile(r"\s*(?:[,(|/–—]|\s-\s)(?!\s*technical\b).*$", NOCASE)


@functools.lru_cache(maxsize=4096)
def title_key(title: str, variant: str) -> str:
    """The title as words to compare with target roles: abbreviations and typos undone,
    'TPM' spelled out as the role the listing turned out to be, level words and the
    team qualifier dropped."""
    expanded = expand_title(title[:MAX_TITLE])
    spelled = _ACRONYM_TITLES.get(variant)
    if spelled:
        expanded = _TPM.sub(spelled, expanded)
    core = _KEY_LEVELS.sub(" ", _QUALIFIER.sub("", expanded))
    return " ".join(core.split()) or expanded
