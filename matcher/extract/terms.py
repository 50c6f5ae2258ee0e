"""The terms of employment a listing offers: a contract (fixed-term, contract-to-hire,
C2C, freelance), an internship, or a permanent job — from the title, the board's own field
and the text, in that order. None when nothing says."""

from __future__ import annotations

import re

from matcher.extract.patterns import anchored
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE

_CONTRACT = (
    r"\bcontract(?:or)?\s+(?:role|position|job|basis|assignment|engagement|opportunity)\b|"
    r"\b\d{1,2}[\s-]*(?:\+\s*)?months?\s+(?:\w+\s+)?contract\b|\bcontract\s+(?:of|for)\s+\d{1,2}\s+months?\b|"
    r"\bfixed[\s-]term\b|\bftc\b|\bc2h\b|\bcontract[\s-]to[\s-]hire\b|\bc2c\b|\bcorp[\s-]to[\s-]corp\b|"
    r"\b1099\b|\bfreelanc\w*|\btemporary\s+(?:role|position|assignment)\b|\bcdd\b|\bbefristet\w*|"
    r"\bon\s+contract\b|\bcontractual\b|\bthird[\s-]party\s+payroll\b"
)
_INTERNSHIP = r"\bintern(?:ship)?\b|\btrainee(?:ship)?\b|\bapprentice(?:ship)?\b"
_PERMANENT = (
    r"\bpermanent\s+(?:role|position|job|employment|contract|opportunity|full[\s-]time)\b|"
    r"\bfull[\s-]time,?\s+permanent\b|\bcdi\b|\bunbefristet\w*|\bcontrato\s+indefinido\b|"
    r"\bvast\s+contract\b|\bumowa\s+o\s+pracę\b|\bon\s+(?:our|the company'?s)\s+payroll\b"
)
_TEXT_CONTRACT = anchored(_CONTRACT, NOCASE)
_TEXT_PERMANENT = anchored(_PERMANENT, NOCASE)
_TITLE = (
    ("contract", re.compile(_CONTRACT + r"|\bcontract\b|\bcontractor\b", NOCASE)),
    ("internship", re.compile(_INTERNSHIP, NOCASE)),
    ("permanent", re.compile(_PERMANENT + r"|\bpermanent\b", NOCASE)),
)
# What boards put in their employment-type field ("CONTRACTOR", "Fixed Term", "Intern").
_BOARD = (
    ("contract", re.compile(r"contract|temp|fixed|freelanc|c2h|c2c|1099|seasonal", NOCASE)),
    ("internship", re.compile(r"intern|trainee|apprentice", NOCASE)),
    ("permanent", re.compile(r"permanent|regular|\bfte\b", NOCASE)),
)


def employment_in(title: str, board_type: str | None, scan: Scan) -> str | None:
    """ "contract", "internship", "permanent" or None."""
    for kind, pattern in _TITLE:
        if pattern.search(title):
            return kind
    if board_type:
        for kind, pattern in _BOARD:
            if pattern.search(board_type):
                return kind
    contract = scan.count(_TEXT_CONTRACT)
    permanent = scan.count(_TEXT_PERMANENT)
    if contract > permanent:
        return "contract"
    if permanent:
        return "permanent"
    return None
