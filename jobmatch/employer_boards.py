"""Which sources are one employer's own board: duplicate grouping keeps two open listings of
such a board apart (an ATS lists each requisition once)."""

from __future__ import annotations

from scraper.registry import SOURCES

# Employer ATSs that other tools record listings from (JobSpy runs, public datasets, a
# JSONL export) beside the types of this tool's own sources.
_OTHER_EMPLOYER_BOARDS = frozenset({
    "icims", "taleo", "jobvite", "eightfold", "phenom", "pageup", "eploy", "tribepad",
    "darwinbox", "careers-site", "ultipro", "adp", "paycom", "paylocity", "avature",
})  # fmt: skip
_EMPLOYER_BOARDS = (
    frozenset(kind for kind, cls in SOURCES.items() if cls.one_employer) | _OTHER_EMPLOYER_BOARDS
)


def employer_board(source: str) -> str | None:
    """The source when it is one employer's own board, by its type: sources are named
    "type:slug", as the starter config and the board registry name them (a name without
    a known type is no employer's board, as far as grouping goes)."""
    kind = source.split(":", 1)[0].strip().lower()
    return source if kind in _EMPLOYER_BOARDS else None
