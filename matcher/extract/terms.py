"""The terms of employment a listing offers: part-time hours, a contract (fixed-term,
contract-to-hire, C2C, freelance), an internship, or a permanent job — from the title, the
board's own field and the text, in that order. None when nothing says."""

from __future__ import annotations

import re

from matcher.extract.patterns import anchored
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE

_CONTRACT = (
    r"\bcontract(?:or)?\s+(?:role|position|job|basis|assignment|engagement|opportunity)\b|"
    r"\b\d{1,2}[\s-]*(?:\+\s*)?months?\s+(?:\w+\s+)?contract\b|\bcontract\s+(?:of|for)\s+\d{1,2}\s+months?\b|"
    # an agency's time-limited placement: "a 9-month assignment through our payroll"
    r"\b\d{1,2}[\s-]*months?\s+(?:w2\s+)?(?:assignment|engagement)\b|"
    # (not a bank's "fixed-term deposits" or "fixed term savings accounts")
    r"\bfixed[\s-]term\b(?!\s+contracts\b)(?![\s-]+(?:deposits?|savings|accounts?|bonds?|loans?|mortgages?|rates?)\b)|\bftc\b|\bc2h\b|\bcontract[\s-]to[\s-]hire\b|\bc2c\b|\bcorp[\s-]to[\s-]corp\b|"
    r"\b1099\b|\bfreelanc\w*|\btemporary\s+(?:role|position|assignment)\b|\bcdd\b|\bbefristet\w*|"
    r"\bon\s+contract\b|\bthird[\s-]party\s+payroll\b|"
    # "Job Type: Contractual / Temporary", "on a contractual basis"; not the contractual
    # milestones, SLAs or arrangements a job manages
    r"\bcontractual\b(?=\s*(?:[/,;.|)\n–—-]|$)|\s+(?:basis|role|position|job|employment|engagement|post|hiring|assignment)\b)|"
    # Dutch, Spanish, Swedish: "ZZP-opdracht", "als zzp'er", "autónomo", "contrato temporal",
    # "visstidsanställning", "vikariat"; registering at the Chamber of Commerce to invoice
    r"\bzzp[\s-]*(?:opdracht|basis|constructie)\b|\bals\s+zzp(?:['’]?er)?\b|\bkvk[\s-]inschrijving\b|"
    r"\binschrijving\s+bij\s+de\s+kvk\b|\b(?:contrato\s+)?(?:de\s+)?aut[óo]nomo\b|\bcontrato\s+temporal\b|"
    r"\bvisstidsanst[äa]llning\b|\bvikariat\b|\btidsbegr[äa]nsad\s+anst[äa]llning\b|"
    # Chinese: an agency's dispatched worker, a fixed-term hire ("派遣職", "约聘一年")
    r"派遣|[約约]聘"
)
# Part-time said of the job itself, not "full-time or part-time study" or a part-time MBA:
# "part-time role", "this position is part-time", "20 hours per week" (not "employees
# working at least 20 hours a week are eligible"), "in Teilzeit" (not "Teilzeit möglich").
_PART_TIME_WORDS = (
    r"\bpart[\s-]?time\s+(?:role|position|job|basis|contract|employment|opportunity|hours)\b|"
    # "the role is part-time": found from "part" (a branch from "role" would be tried at
    # every "role")
    r"\bpart[\s-]?time\b(?<=\bis\spart-time|\bis\spart\stime)|"
    r"(?<=\bin\s)teilzeit\b|\bteilzeit\s+mit\b|\bteilzeitstelle\b|\btemps\s+partiel\b|"
    r"\b(?:media\s+jornada|tiempo\s+parcial)\b|\bmeio\s+per[íi]odo\b"
)
# Hours a week under 30 ("20 hours a week", "10-15 hrs/week"; not "employees working at
# least 20 hours a week"): found from the "hours a week" (few texts say it; a number is in
# every text), then the number before it checked.
_HOURS_NUMBER = r"(?<![\d.,])(?<!least )\b(?:[1-9]|[12]\d)\s*(?:-\s*(?:[1-9]|[12]\d)\s*)?"
_HOURS_A_WEEK = r"\b(?:hours?|hrs?)\s*(?:per|a|/|each)\s*week\b|\bh/week\b"
_NUMBER_BEFORE = re.compile(_HOURS_NUMBER + r"$", NOCASE)
_INTERNSHIP = (
    r"\bintern(?:ship)?\b|\btrainee(?:ship)?\b|\bapprentice(?:ship)?\b|"
    r"\bpr[áa]cticas\b|\bbecari[oa]\b|\bpraktik\w*"
)
_PERMANENT = (
    r"\bpermanent,?\s+(?:role|position|job|employment|contract|opportunity|full[\s-]time)\b|"
    r"\bfull[\s-]time,?\s+permanent\b|\bcdi\b|\bunbefristet\w*|\bcontrato\s+indefinido\b|"
    r"\bvast\s+contract\b|\bumowa\s+o\s+pracę\b|\(uop\)|\bon\s+(?:our|the company'?s)\s+payroll\b|"
    r"\btillsvidareanst[äa]llning\b|\bvaste\s+baan\b|\bin\s+loondienst\b|\bdirect[\s-]hire\b"
)
_TEXT_PART_TIME = anchored(_PART_TIME_WORDS, NOCASE)
_TEXT_HOURS_A_WEEK = anchored(_HOURS_A_WEEK, NOCASE)
_TEXT_CONTRACT = anchored(_CONTRACT, NOCASE)
_TEXT_PERMANENT = anchored(_PERMANENT, NOCASE)
# In a title the words alone say it: "Scrum Master – Part-time (20 h/week)", "in Teilzeit".
_PART_TIME_TITLE = re.compile(r"\bpart[\s-]?time\b|\bteilzeit\b|\btemps\s+partiel\b", NOCASE)
# "Full-time, Part-time" offers both: not a part-time job.
_PART_TIME_BOARD = re.compile(r"^(?!.*full).*(?:part[\s_-]?time|teilzeit)", NOCASE | re.DOTALL)
# ("Contract Lifecycle Management", "Contract Manager" name a product or a field, not terms)
_TITLE = (
    (
        "contract",
        re.compile(
            _CONTRACT + r"|\bcontract\b(?![\s-]+(?:lifecycle|management|manager|authoring|review|"
            r"analytics|intelligence|software|platform|negotiation|drafting|repository|"
            r"compliance|administration|administrator|specialist|analyst))|\bcontractor\b",
            NOCASE,
        ),
    ),
    ("internship", re.compile(_INTERNSHIP, NOCASE)),
    ("permanent", re.compile(_PERMANENT + r"|\bpermanent\b", NOCASE)),
)
# What boards put in their employment-type field ("CONTRACTOR", "Fixed Term", "Intern").
_BOARD = (
    (
        "contract",
        re.compile(r"contract|temp|fixed|freelanc|c2h|c2c|1099|seasonal|aut[óo]nomo|zzp", NOCASE),
    ),
    ("internship", re.compile(r"intern|trainee|apprentice|pr[áa]cticas|becari", NOCASE)),
    ("permanent", re.compile(r"permanent|regular|\bfte\b", NOCASE)),
)


def employment_in(title: str, board_type: str | None, scan: Scan) -> str | None:
    """ "part_time", "contract", "internship", "permanent" or None. Part-time first,
    wherever it is said: a part-time contract is short of a full-time seeker's hours
    whatever its term."""
    if (
        _PART_TIME_TITLE.search(title)
        or (board_type and _PART_TIME_BOARD.search(board_type))
        or scan.search(_TEXT_PART_TIME) is not None
        or _few_hours_a_week(scan)
    ):
        return "part_time"
    for kind, pattern in _TITLE:
        if pattern.search(title):
            return kind
    if board_type:
        for kind, pattern in _BOARD:
            if pattern.search(board_type):
                return kind
    # "a permanent, full-time position — not a contract role": a negated mention says none
    text = scan.text
    contract = sum(
        1
        for m in scan.finditer(_TEXT_CONTRACT)
        if not _NOT_BEFORE.search(text, max(0, m.start() - 12), m.start())
    )
    permanent = scan.count(_TEXT_PERMANENT)
    if contract > permanent:
        return "contract"
    if permanent:
        return "permanent"
    return None


_NOT_BEFORE = re.compile(r"\b(?:not\s+an?|no|non-?|never\s+an?)\s*$", NOCASE)


def _few_hours_a_week(scan: Scan) -> bool:
    text = scan.text
    return any(
        _NUMBER_BEFORE.search(text, max(0, m.start() - 12), m.start())
        for m in scan.finditer(_TEXT_HOURS_A_WEEK)
    )
