"""The patterns the extractor reads text with, registered once, and the one automaton
that finds every registered prefix and need in a text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

# pyahocorasick: one C pass finds every registered string (about 1,300) in a 6 KB text in
# about 100 us; the same search as one `re` alternation takes milliseconds.
import ahocorasick

from matcher.extract.prefixes import RUN, ZERO_WIDTH, Branch, parse_tree, read_branch


@dataclass(frozen=True, slots=True)
class Anchored:
    """A pattern with, per top-level alternative, where its matches start and what they
    contain. Patterns are compiled on first use: a list of 2,000 place names costs its
    compilation only in the processes that try it, and then only the names tried."""

    source: str
    flags: int
    branches: tuple[Branch, ...] | None  # None: unread, always scanned in full
    index: int  # registration order: texts scanned before it was registered lack its hits
    split: bool = False  # branches are tried alone (they carry their own pattern)
    open: tuple[int, ...] = ()  # the branches that may start anywhere
    big: bool = False  # a long list of names: worth the scan even in a short string
    sources: tuple[str, ...] = ()  # per branch, the pattern tried at its prefixes (split)
    # The compiled whole pattern, then per branch (split); filled as they are first used.
    compiled: list[re.Pattern[str] | None] = field(default_factory=lambda: [None])

    @property
    def pattern(self) -> re.Pattern[str]:
        whole = self.compiled[0]
        if whole is None:
            whole = self.compiled[0] = re.compile(self.source, self.flags)
        return whole

    def branch_patterns(self, numbers: list[int]) -> list[re.Pattern[str]]:
        """Per branch number, its own pattern (a split entry's)."""
        compiled = self.compiled
        found = [compiled[n + 1] for n in numbers]
        if None in found:
            for n in set(numbers):
                if compiled[n + 1] is None:
                    compiled[n + 1] = re.compile(self.sources[n], self.flags)
            found = [compiled[n + 1] for n in numbers]
        return found  # type: ignore[return-value]  # every one compiled above


REGISTRY: list[Anchored] = []
_BIG = 32  # parts: a list of names this long is scanned through the automaton even when short
LITERALS: set[str] = set()  # words `contains` answers
_UNREADABLE = (RecursionError, AttributeError, TypeError, IndexError, ValueError)


def anchored(pattern: re.Pattern[str] | str, flags: int = 0) -> Anchored:
    """`pattern` read for its prefixes and needs, and registered with the automaton."""
    compiled = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
    entry = _anchored(compiled)
    entry.compiled[0] = compiled
    return entry


@functools.cache
def _anchored(pattern: re.Pattern[str]) -> Anchored:
    try:
        tree = parse_tree(pattern)
        # re's parser moves what all alternatives start with (a `\b`) out in front.
        lead = 0
        while lead < len(tree) - 1 and str(tree[lead][0]) in ZERO_WIDTH:
            lead += 1
        alternatives = (
            [tree[:lead] + list(alt.data) for alt in tree[lead][1][1]]
            if len(tree) == lead + 1 and str(tree[lead][0]) == "BRANCH"
            else [tree]
        )
        branches: tuple[Branch, ...] | None = tuple(read_branch(a, False) for a in alternatives)
    except _UNREADABLE:
        branches = None
    return _register(pattern.pattern, pattern.flags, branches, ())


def alternation(parts: Iterable[str], flags: int = re.IGNORECASE) -> Anchored:
    """One pattern matching any of `parts` (each kept a group of its own), tried part by
    part where one can start: a long list of names costs what the names present cost."""
    return _alternation(tuple(f"(?:{p})" for p in parts), flags)


@functools.cache
def _alternation(parts: tuple[str, ...], flags: int) -> Anchored:
    whole = "|".join(parts)
    try:
        branches: tuple[Branch, ...] | None = tuple(
            read_branch(parse_tree(p, flags), True) for p in parts
        )
    except _UNREADABLE:
        re.compile(whole, flags)  # a pattern that does not compile says so here
        branches = None
    return _register(whole, flags, branches, parts if branches is not None else ())


_NEVER = re.compile("(?!)")  # an empty group matches nothing


@dataclass(frozen=True, slots=True)
class Table:
    """Groups of patterns, each group looked for on its own ("PMP": its aliases), all read
    from one plan: a long vocabulary costs what the names present cost."""

    entry: Anchored  # every part of every group, tried part by part
    groups: tuple[int, ...]  # per part: its group
    patterns: tuple[re.Pattern[str], ...]  # per group: its parts as one pattern


def top_level_alternatives(pattern: str) -> list[str]:
    """`pattern` split at its top-level "|" (not inside a group, a class or an escape)."""
    parts, depth, start, i = [], 0, 0, 0
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]" or pattern[i + 1 : i + 3] == "^]":
                i += 2 if pattern[i + 1] == "]" else 3  # "[]...]": the "]" is a member
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def table(groups: Iterable[Iterable[str]], flags: int = re.IGNORECASE) -> Table:
    """A Table of `groups` of patterns (each group matching any of its patterns). Each
    pattern's top-level alternatives become parts of their own: a part is read for where it
    can start and what it needs, which an alternation as a whole seldom has."""
    grouped = [[alt for part in parts for alt in top_level_alternatives(part)] for parts in groups]
    parts = [part for group in grouped for part in group]
    numbers = tuple(n for n, group in enumerate(grouped) for _ in group)
    patterns = tuple(any_of(group, flags) if group else _NEVER for group in grouped)
    return Table(alternation(parts, flags), numbers, patterns)


def _register(
    source: str, flags: int, branches: tuple[Branch, ...] | None, sources: tuple[str, ...]
) -> Anchored:
    split = any(b.alone for b in branches or ())
    open_ = tuple(n for n, b in enumerate(branches or ()) if b.prefixes is None)
    big = split and len(branches or ()) >= _BIG
    compiled: list[re.Pattern[str] | None] = [None] * (1 + len(sources))
    entry = Anchored(source, flags, branches, len(REGISTRY), split, open_, big, sources, compiled)
    REGISTRY.append(entry)
    return entry


def any_of(patterns: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One compiled pattern matching any of `patterns` (each kept a group of its own), for
    short strings such as titles: not registered, so it adds nothing to a text's scan."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def literal(word: str) -> str:
    """Register a lower-case `word` for `Scan.contains` (shorter than three characters it
    is in most texts: looked for with `in` instead)."""
    if len(word) >= 3:
        LITERALS.add(word)
    return word


@dataclass(frozen=True, slots=True)
class Index:
    """The automaton of every registered string, and per entry the prefixes it starts with."""

    automaton: Any
    # entry -> prefix -> (branch, word: only where no word character stands before)
    prefixes: dict[int, dict[str, tuple[tuple[int, bool], ...]]]
    keys: dict[int, frozenset[str]]  # entry -> its prefixes, to meet a text's hits at C speed
    entries: int  # how many entries it knows (those registered later it does not)
    literals: frozenset[str]
    runs: frozenset[str]  # the prefixes that are digit runs (found by `Scan._runs`)


@functools.cache
def index_of(entries: int, literals: int) -> Index:
    """The index of the registrations so far (a new one after more registrations)."""
    prefixes: dict[int, dict[str, list[tuple[int, bool]]]] = {}
    strings = set(LITERALS)
    for entry in REGISTRY:
        mine = prefixes.setdefault(entry.index, {})
        for number, branch in enumerate(entry.branches or ()):
            for prefix, word in branch.prefixes or ():
                mine.setdefault(prefix, []).append((number, word))
            strings.update(chain.from_iterable(branch.needs))
    every = {key for mine in prefixes.values() for key in mine}
    automaton = ahocorasick.Automaton()
    for string in strings | {k for k in every if not k.startswith(RUN)}:
        automaton.add_word(string, (string, len(string) - 1))
    automaton.make_automaton()
    return Index(
        automaton,
        {e: {k: tuple(v) for k, v in mine.items()} for e, mine in prefixes.items()},
        {e: frozenset(mine) for e, mine in prefixes.items()},
        len(REGISTRY),
        frozenset(LITERALS),
        frozenset(k for k in every if k.startswith(RUN)),
    )
