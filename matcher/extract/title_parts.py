"""A title read as a recruiter reads it: the head occupation with its modifiers (the
*core*: "Senior Technical Project Manager"), and qualifiers after dashes, commas,
parentheses, bars, "for" and "@" that only refine it (team, domain, place, work mode,
"Freshers", "Urgent").

"Content Writer – Project Management" is a writer: the project words sit in a qualifier.
"Urgent Opening For Technical Project Manager @ Pune" is a TPM: the first part names no
occupation, so the core is the first part that does. "Manager, Technical Program" and
"Director – Program Management" name the field after the head: a bare managerial head
takes the next part into its core. The vocabulary is data in taxonomy/roles.toml
([head]).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from matcher.extract.patterns import any_of
from matcher.taxonomy_data import taxonomy

# Separators between a title's parts. A hyphen separates only with spaces around it
# ("Fit-out", "E-commerce" stay words); "/" only with spaces ("CI/CD", "Scrum Master/Agile
# Coach" stay one part).
_SEPARATOR = re.compile(
    r"\s+[-–—|:/]+\s+|\s*[–—|:]\s*|\s*[,;()\[\]{}]\s*|\s+(?:for|@|at)\s+|\s*@\s*",
    re.IGNORECASE,
)


# A slash between two occupations joins them into one job.
_JOINED = re.compile(r"\s+/+\s+")


@dataclass(frozen=True, slots=True)
class TitleParts:
    """Where the core lies in the title it was read from, and what the core's head is."""

    start: int
    end: int
    core: str
    bare: bool  # no occupation noun anywhere: the core is the whole title

    def overlaps(self, match: re.Match[str]) -> bool:
        """A rule's match counts when it touches the core: words only in a qualifier
        refine the role, they do not decide it."""
        return match.start() < self.end and match.end() > self.start


@functools.cache
def _occupation() -> re.Pattern[str]:
    return any_of(taxonomy("roles")["head"]["occupation_nouns"])


@functools.cache
def _bare_heads() -> re.Pattern[str]:
    """A part that is only a managerial head with level words: "Senior Manager"."""
    words = "|".join(taxonomy("roles")["head"]["bare"])
    return re.compile(rf"^(?:(?:{words})\b[\s.]*)+$", re.IGNORECASE)


@functools.cache
def _heads(key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """roles.toml [head.<key>]: per role variant, the heads that make a core that role."""
    table = taxonomy("roles")["head"][key]
    return tuple((variant, any_of(patterns)) for variant, patterns in table.items())


def _head_variant(core: str, key: str) -> str | None:
    return next((variant for variant, pattern in _heads(key) if pattern.search(core)), None)


@functools.lru_cache(maxsize=4096)
def parse_title(title: str) -> TitleParts:
    """The core of an (expanded, lower-case) title and where it lies."""
    parts: list[tuple[int, int]] = []
    at = 0
    for sep in _SEPARATOR.finditer(title):
        if sep.start() > at:
            parts.append((at, sep.start()))
        at = sep.end()
    if at < len(title):
        parts.append((at, len(title)))
    parts = [(s, e) for s, e in parts if title[s:e].strip()]
    occupation = _occupation()
    for index, (start, end) in enumerate(parts):
        text = title[start:end]
        if not occupation.search(text):
            continue
        if _bare_heads().match(text.strip()) and index + 1 < len(parts):
            end = parts[index + 1][1]  # "Manager, Technical Program": the field follows
        elif index + 1 < len(parts) and _JOINED.fullmatch(title, end, parts[index + 1][0]):
            joined = title[parts[index + 1][0] : parts[index + 1][1]]
            if occupation.search(joined):  # "Project Manager / Scrum Master": one job, two hats
                end = parts[index + 1][1]
        return TitleParts(start, end, title[start:end].strip(), bare=False)
    return TitleParts(0, len(title), title.strip(), bare=True)


def graded(core: str) -> bool:
    """Whether a core opens with a grade on an employer's ladder and nothing else ("Senior
    Consultant – Technology Transformation", "Manager – Technology", "Assistant Manager"):
    the job is in the duties."""
    first = _SEPARATOR.split(core, maxsplit=1)[0].strip()
    return bool(first) and _bare_heads().match(first) is not None


def last_word_outside(core: str) -> str | None:
    """The role of a core whose last noun teaches, writes, sells or hires ("Project
    Management Trainer"), whatever project words come before it; else None."""
    return _head_variant(core, "last_word_outside")


def decided_anywhere(title: str) -> str | None:
    """The role of a title that anywhere, qualifiers too, names a course sold to learners
    ("Project Manager Trainee (PMP Bootcamp)") or work that runs no projects ("Project
    Assistant - Data Entry"), or None."""
    return _head_variant(title, "anywhere")


def outside_project_work(core: str) -> str | None:
    """The role of a core whose head is an occupation that does not run projects (a
    writer, a trainer, a seller, a recruiter, an analyst), or None."""
    return _head_variant(core, "outside_project_work")
