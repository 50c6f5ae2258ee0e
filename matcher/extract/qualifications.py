"""Certifications, skills and methodologies a listing asks for, and the degree.

A name counts where the listing asks for it: a "preferred", "a plus" or a heading such as
"Nice to have:" makes it preferred, and (for certifications) a clause that sells a course,
refuses the certificate or screens candidates for it drops it. Vocabulary is data in
taxonomy/*.toml.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from matcher.extract.patterns import Table, anchored, table
from matcher.extract.scan import Scan
from matcher.extract.text import NOCASE, Clauses
from matcher.taxonomy_data import taxonomy


@dataclass(frozen=True, slots=True)
class Names:
    """A vocabulary: canonical names, and each name's aliases as one group of a Table."""

    names: tuple[str, ...]
    table: Table


@functools.cache
def named_patterns(name: str, key: str) -> Names:
    """The names of a `name = [patterns]` table in taxonomy/<name>.toml."""
    entries = taxonomy(name)[key]
    return Names(tuple(entries), table(entries.values()))


_PREFERRED = anchored(
    r"\bprefer(?:red|able|ably)?\b|\bplus\b|nice[\s-]to[\s-]have|good[\s-]to[\s-]have|"
    r"\bdesir(?:able|ed)\b|\bbonus\b|\bideally\b|\badvantage(?:ous)?\b|\bwelcome[ds]?\b|"
    r"\bbeneficial\b|\boptional\b|\bwould be great\b|\bhelpful\b|\bideal\s*:?\s*(?=\d)|"
    # Canadian and British "an asset"; French "un atout", German "von Vorteil"
    r"\b(?:an|considered an|is an|would be an)\s+asset\b|\bun\s+atout\b|\bvon\s+vorteil\b|"
    # Vietnamese "ưu tiên", "là lợi thế"; Indonesian "diutamakan", "menjadi nilai tambah"
    r"\bưu\s+tiên\b|\blợi\s+thế\b|\bdiutamakan\b|\bnilai\s+tambah\b",
    NOCASE,
)
_REQUIRED = anchored(
    r"\brequired\b|\bmandatory\b|\bmust\b|\bessential\b|\bneeded\b|\bcompulsory\b", NOCASE
)
# A certification named but not asked for: refused, sold, screened for, or paid for later.
_NOT_ASKED = anchored(
    r"\bnot\s+(?:required|necessary|needed|mandatory|essential|accepted|a requirement)\b|"
    r"\b(?:don'?t|do not|doesn'?t|won'?t|will not|cannot|can'?t)\s+(?:accept|need|require)|"
    r"\bno\s+(?:certs?|certifications?)\s+(?:needed|required)|"
    r"\b(?:course|courses|training|prep|preparation|boot\s?camps?|curriculum|classes|"
    r"trained|upskilling|academy|learners|enrol\w*|exam[\s-]prep)\b|"
    r"\b(?:help|support)(?:s)? you (?:get|earn|obtain|achieve|towards|to (?:get|earn|obtain))|"
    r"\bwe(?:'ll| will)?(?: also| even| happily)? (?:sponsor|pay for|fund|cover)|"
    r"\bif you (?:want|wish|choose|decide|would like) to (?:take|get|earn|pursue|sit)\b|"
    # ...not visa sponsorship ("authorized to work in the US without sponsorship")
    # a benefit: "annual learning budget for certifications (PMP, SAFe, AWS)"
    r"\b(?:learning|training|education|certification|development)\s+(?:budget|allowance|stipend)\b|"
    r"\breimburse|(?<!without )(?<!no )(?<!visa )\bsponsor(?:ship|ed)\b(?!\s+(?:now|for\s+(?:a\s+|an\s+)?(?:visa|work)))|"
    r"\bscreen(?:ed|ing)?\s+(?:for|on)\b|in lieu of|"
    r"\b(?:verify|verifies|verifying|validate|check)\s+(?:[\w/,-]+\s+){0,6}?credentials\b|"
    # What a recruiter looks for in candidates is not what the recruiter's job asks.
    r"\b(?:screen|source|headhunt|assess|vet|shortlist)\w*\s+(?:and\s+\w+\s+)?"
    r"(?:[\w/-]+\s+){0,6}?(?:candidates?|profiles|professionals)\b|\bcandidates'",
    NOCASE,
)


@dataclass(frozen=True, slots=True)
class Mentions:
    names: tuple[str, ...]
    preferred: frozenset[str]


class Qualifiers:
    """The qualifiers in each clause of one text, found once for every table read in it.

    Every clause starts after a split character (or at the text's start), never inside a
    word, so a pattern searched between a clause's bounds in the whole text finds what it
    finds in the clause alone.
    """

    def __init__(self, clauses: Clauses, scan: Scan) -> None:
        self.clauses = clauses
        self.scan = scan
        self._markers: dict[int, list[tuple[int, str]]] = {}
        self._not_asked: dict[int, bool] = {}
        self._heading_preferred: dict[int, bool] = {}

    def bounds(self, index: int) -> tuple[int, int]:
        spans = self.clauses.spans
        return spans[index] if spans else (0, len(self.scan.text))

    def markers(self, index: int) -> list[tuple[int, str]]:
        """(position in the clause, 'preferred' or 'required') of its qualifiers."""
        found = self._markers.get(index)
        if found is None:
            start, end = self.bounds(index)
            scan, found = self.scan, []
            for entry, kind in ((_PREFERRED, "preferred"), (_REQUIRED, "required")):
                if scan.may_match(entry, start, end):
                    found += [(m.start() - start, kind) for m in scan.finditer(entry, start, end)]
            self._markers[index] = found
        return found

    def not_asked(self, index: int) -> bool:
        found = self._not_asked.get(index)
        if found is None:
            start, end = self.bounds(index)
            found = self.scan.may_match(_NOT_ASKED, start, end) and (
                self.scan.search(_NOT_ASKED, start, end) is not None
            )
            self._not_asked[index] = found
        return found

    def under_preferred_heading(self, index: int, hit: set[int]) -> bool:
        """Whether the last short clause before it that names nothing (a heading such as
        "Nice to have:") says "preferred"."""
        if not self.clauses.spans:
            raise IndexError("list index out of range")  # as indexing no flags did
        heading = self.clauses.heading_before(index, hit)
        if heading is None:
            return False
        found = self._heading_preferred.get(heading)
        if found is None:
            start, end = self.clauses.spans[heading]
            found = self.scan.may_match(_PREFERRED, start, end) and (
                self.scan.search(_PREFERRED, start, end) is not None
            )
            self._heading_preferred[heading] = found
        return found


def asked_as_plus(qualifiers: Qualifiers, spans: list[tuple[int, int]]) -> list[bool]:
    """For each span of the text (years asked, say), whether it is asked as a plus: a
    "preferred" word before it in its clause ("ideally 7+ years"), one ending the clause
    ("... experience a plus"), or a "Nice to have" heading over a clause with neither kind.
    A word after it mid-clause qualifies something else ("6+ years, ideally in banking")."""
    clauses = qualifiers.clauses
    indices = [clauses.index(start) for start, _ in spans]
    hit = set(indices)
    found = []
    for (start, end), index in zip(spans, indices, strict=True):
        clause_start, clause_end = qualifiers.bounds(index)
        markers = qualifiers.markers(index)
        before = [(pos, kind) for pos, kind in markers if pos < start - clause_start]
        tail = clause_end - clause_start - _CLAUSE_TAIL
        last = [kind for pos, kind in markers if pos >= max(end - clause_start, tail)]
        if before:
            plus = max(before)[1] == "preferred"
        elif last:
            plus = last[-1] == "preferred"
        else:
            plus = not markers and qualifiers.under_preferred_heading(index, hit)
        found.append(plus)
    return found


_CLAUSE_TAIL = 16  # characters: "... is a plus", "... preferred" end a clause


def _nearest_marker(markers: list[tuple[int, str]], start: int, end: int) -> str | None:
    """'preferred' or 'required' for the qualifier nearest a mention, after it first."""
    after = [(pos - end, kind) for pos, kind in markers if pos >= end]
    if after:
        return min(after)[1]
    before = [(start - pos, kind) for pos, kind in markers if pos < start]
    return min(before)[1] if before else None


def mentions_in(qualifiers: Qualifiers, vocabulary: Names, *, strict: bool) -> Mentions:
    """Names of `vocabulary` mentioned in the text; strict drops mentions not asked for."""
    clauses, scan = qualifiers.clauses, qualifiers.scan
    spans = clauses.spans
    hits: list[tuple[str, int, int, int]] = []  # name, clause index, start, end in clause
    names, where = vocabulary.names, clauses.index
    for group, m in scan.finditer_groups(vocabulary.table):
        start, end = m.span()
        index = where(start)
        offset = spans[index][0] if spans else 0
        hits.append((names[group], index, start - offset, end - offset))
    hit = {index for _, index, _, _ in hits}
    asked: dict[str, bool] = {}  # name -> required somewhere
    for name, index, start, end in hits:
        if asked.get(name):
            continue  # required already: another mention cannot change that
        marker = _nearest_marker(qualifiers.markers(index), start, end)
        if strict and marker != "preferred" and qualifiers.not_asked(index):
            continue
        required = marker == "required" or (
            marker is None and not qualifiers.under_preferred_heading(index, hit)
        )
        asked[name] = asked.get(name, False) or required
    return Mentions(tuple(sorted(asked)), frozenset(n for n, req in asked.items() if not req))


# --- degrees --------------------------------------------------------------------------

_DEGREES = (
    ("bachelor",
        r"\bbachelor'?s?\b|\bb\.?\s?(?:e|tech|sc|s|a|ca|com|arch)\b\.?(?!\w)|\bundergraduate degree\b|"
        r"\bengineering degree\b|\bdegree in\b|\bgraduate in\b"),
    ("master",
        r"\bmaster'?s\b|\bm\.?\s?(?:tech|sc|ca|ba|s|e)\b\.?(?!\w)|\bmba\b|\bpost[\s-]?graduate\b"),
    ("phd", r"\bph\.?\s?d\b|\bdoctorate\b|\bdoctoral\b"),
)  # fmt: skip
_FIELDS = (
    ("computer science", r"computer science|\bcse\b|\bcs\b(?=\W+(?:or|degree|/))"),
    ("software engineering", r"software engineering"),
    ("information technology", r"information technology|\bB\.?\s?Tech\s+IT\b|\bMCA\b|\bBCA\b"),
    ("cybersecurity", r"cyber\s?security|information security"),
    ("MIS", r"\bMIS\b(?=[^\n]{0,30}degree)|management information systems"),
    ("engineering", r"\bB\.?\s?E\b\.?|\bB\.?\s?Tech\b|\bM\.?\s?Tech\b|engineering degree|degree in engineering"),
)  # fmt: skip
# Every level and field pattern, each a group of its own, read in one plan.
_DEGREE_TABLE = table([pattern] for _, pattern in (*_DEGREES, *_FIELDS))


def degree_in(scan: Scan) -> tuple[str | None, tuple[str, ...]]:
    """The first degree level named (bachelor before master before PhD) and the fields."""
    found = scan.groups_found(_DEGREE_TABLE)
    levels = [level for number, (level, _) in enumerate(_DEGREES) if number in found]
    fields = tuple(
        name for number, (name, _) in enumerate(_FIELDS, start=len(_DEGREES)) if number in found
    )
    return (levels[0] if levels else None), fields


def certification_table() -> Names:
    return named_patterns("certifications", "certifications")


def skill_table() -> Names:
    return named_patterns("skills", "skills")


def methodology_table() -> Names:
    return named_patterns("methodologies", "methodologies")
