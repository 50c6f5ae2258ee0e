"""Every pattern's matches in a text, without running any pattern at every character.

Python's `re` looks for a case-insensitive pattern, or one that opens with `\\b` or a
lookbehind, by trying a match at every position: each such pattern costs tens of
microseconds per kilobyte, and the extractor has hundreds. Here each registered pattern
is read (prefixes.py, from the parse tree `re` itself builds) for its *prefixes*,
lower-case strings one of which every match starts with, and its *needs*, strings one of
which every match contains. One Aho-Corasick pass over the lower-cased text finds all of
them (patterns.py keeps the automaton); a branch whose needs are absent cannot match, and
the others are tried (`match`) only where one of their prefixes starts, less the places a
`\b` or lookbehind rules out. `finditer` tries positions left to right and `match` at a
position is what it tries there, so the matches are the very ones `finditer` gives.

Lower-casing stands in for `re.IGNORECASE` only where it is a one-to-one case fold with
the same equivalences: a text holding one of the few letters `re` folds otherwise (Greek
sigma and its kin, dotted and dotless i, long s, a few Cyrillic forms) or a non-ASCII
digit (which `\\d` matches) is scanned the plain way, as are short strings.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from matcher.extract.patterns import LITERALS, REGISTRY, Anchored, Index, Table, index_of
from matcher.extract.prefixes import RUN, Branch, is_word

# Characters whose case-insensitive matching lower-casing does not reproduce (re's extra
# case equivalences, and İ whose lower case is two characters); tests/test_scan.py derives
# the list again from the running Python's Unicode data.
CASE_SPECIAL = (
    "\u00b5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1"
    "\u03a3\u03a6\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6"
    "\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f4\u03f5\u0412\u0414\u041e\u0421\u0422\u042a"
    "\u0432\u0434\u043e\u0441\u0442\u044a\u0462\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85"
    "\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64a\ua64b\ufb05\ufb06"
)
# Each character as one byte: digits "0", ASCII word characters "w", other ASCII " ", the
# rest (as encoded with "replace") "?". Found with bytes.find, run starts cost little.
_CLASSES = (
    bytes(
        ord("0")
        if chr(b).isdigit()
        else ord("w")
        if chr(b).isalnum() or b == ord("_")
        else ord("?")
        if b == ord("?")
        else ord(" ")
        for b in range(128)
    )
    + b"?" * 128
)


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    position = data.find(needle)
    while position >= 0:
        yield position
        position = data.find(needle, position + 1)


def _classes(lower: str) -> bytes:
    """Each character of `lower` as its class (`_CLASSES`)."""
    return lower.encode("ascii", "replace").translate(_CLASSES)


def _digit_runs(classes: bytes, lower: str, word: bool) -> list[int]:
    """Where runs of ASCII digits start in `lower` (after a non-word character, or at the
    start, if `word`)."""
    runs = [0] if classes[:1] == b"0" else []
    # After a "?", the character decides: "?" itself, or a non-ASCII one.
    after = [p + 1 for p in _find_all(classes, b"?0") if not word or not is_word(lower[p])]
    after += [p + 1 for p in _find_all(classes, b" 0")]
    if not word:
        after += [p + 1 for p in _find_all(classes, b"w0")]
    return runs + sorted(after)


# A class (`_CLASSES`) as 1 for a word character (digits and ASCII word characters), else 0.
_WORD_CLASSES = bytes(1 if b in b"0w" else 0 for b in range(256))

_SHORT = 200  # characters: shorter texts are scanned the plain way


@functools.cache
def _unfaithful() -> re.Pattern[str]:
    """The CASE_SPECIAL letters and the non-ASCII decimal digits of the BMP, one class
    (`re` tests a class of BMP characters with one bitmap look-up)."""
    digits = (chr(c) for c in range(0x80, 0x10000) if chr(c).isdecimal())
    return re.compile("[" + "".join(map(re.escape, sorted({*CASE_SPECIAL, *digits}))) + "]")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def faithful(text: str) -> bool:
    """Whether lower-casing `text` keeps every position and folds cases as `re` does."""
    if text.isascii():
        return True
    # Only the non-ASCII characters can be unfaithful: a text's few, looked at alone (the
    # class of thousands of letters tried at every character cost five times as much).
    rest = _ASCII_RUNS.sub("", text)
    if _unfaithful().search(rest) is not None:
        return False
    return not any(c.isdecimal() for c in _ASTRAL.findall(rest))  # astral digits: rare


# --- scanning a text -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    """Where to try which pattern, in order (alternatives at one position in their order)."""

    positions: list[int]
    patterns: list[re.Pattern[str]]  # per position (split entries)
    numbers: list[int] | None = None  # per position, its branch (split entries)
    pattern: re.Pattern[str] | None = None  # at every position (whole patterns)

    def __bool__(self) -> bool:
        return bool(self.positions)


_NOWHERE = Plan([], [])
_SPREAD = 1 << 20  # more branches than any pattern has
_NO_POSITIONS: list[int] = []
_UNPLANNED: Any = object()


class Scan:
    """One text with the positions of every registered string in it.

    A tail (`tail`) reads its base's positions, moved by where it starts.
    """

    __slots__ = (
        "text", "lower", "_plain", "_short", "_hits", "_index", "_keys", "_plans",
        "_base", "_shift", "_filtered", "_classes", "_words",
    )  # fmt: skip

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        # Lower-casing must keep every position (and fold cases as re does: `_positions`).
        self._plain = len(self.lower) != len(text)
        # Short strings (titles, locations) cost as little scanned the plain way, but for
        # long lists of names (`Anchored.big`).
        self._short = len(text) < _SHORT
        self._hits: dict[str, list[int]] | None = None
        self._index: Index | None = None
        self._keys: set[str] | None = None  # the prefixes in the text, digit runs too
        self._plans: dict[int, Plan | None] = {}
        self._base: Scan = self
        self._shift = 0
        self._filtered: dict[tuple[str, bool, str], list[int]] = {}
        self._classes: bytes | None = None  # the base's, once digit runs are asked for
        self._words: bytes | None = None  # the base's word characters, once asked for

    def tail(self, start: int) -> Scan:
        """The scan of `text[start:]`, reusing this one's positions."""
        part = Scan.__new__(Scan)
        part.text = self.text[start:]
        part.lower = self.lower[start:] if not self._plain else part.text.lower()
        part._plain, part._short = self._plain, len(part.text) < _SHORT
        part._hits, part._index, part._keys, part._plans = None, None, None, {}
        part._base, part._shift, part._filtered, part._classes = self, start, {}, None
        part._words = None
        return part

    def _positions(self) -> dict[str, list[int]] | None:
        """Where each registered string starts in the base's lower-cased text; None when
        the text is scanned the plain way."""
        if self._hits is None and not self._plain:
            base = self._base
            if base is not self:
                shared = base._positions()
                if shared is None:
                    self._plain, self.lower = True, self.text.lower()
                    return None
                self._hits, self._index = shared, base._index
                return shared
            if not faithful(self.text):
                self._plain = True
                return None
            self._index = index = index_of(len(REGISTRY), len(LITERALS))
            hits: dict[str, list[int]] = {}
            for end, (string, back) in index.automaton.iter(self.lower):
                found = hits.get(string)
                if found is None:
                    hits[string] = [end - back]
                else:
                    found.append(end - back)
            self._hits = hits
        return self._hits

    def _runs(self, key: str, word: bool) -> list[int]:
        """Where runs of digits start in the base (after a non-word character if `word`),
        with one of the digits the key names (and no longer than its "/N" says)."""
        base = self._base
        hits = base._hits
        assert hits is not None
        every = RUN + ("w" if word else "")
        lower, classes = base.lower, base._class_bytes()
        runs = hits.get(every)
        if runs is None:
            runs = hits[every] = _digit_runs(classes, lower, word)
        digits, _, most = key[len(RUN) :].partition("/")
        if len(digits) != 10:
            runs = [p for p in runs if lower[p] in digits]
        if most:  # no longer than `most` digits: not `most` + 1 digits from its start
            longer = b"0" * (int(most) + 1)
            runs = [p for p in runs if not classes.startswith(longer, p)]
        return runs

    @property
    def plain(self) -> bool:
        """Whether this text is scanned the plain way (every pattern at every position)."""
        self._positions()
        return self._plain or self._short

    def contains(self, word: str) -> bool:
        """Whether the lower-cased text contains `word` (registered with `literal`)."""
        hits = None if self._short else self._positions()
        index = self._index
        if hits is None or index is None or not word or word not in index.literals:
            return word in self.lower
        found = hits.get(word)
        return found is not None and found[-1] >= self._shift

    def _plan(self, entry: Anchored) -> Plan | None:
        """Where to try what, in order; None: scan in full."""
        if self._short and not entry.big:
            return None
        plan: Plan | None = self._plans.get(entry.index, _UNPLANNED)
        if plan is _UNPLANNED:
            keys = self._base._present_keys()
            index = self._base._index
            if (
                keys is not None
                and index is not None
                and not entry.open
                and entry.index < index.entries
                and index.keys[entry.index].isdisjoint(keys)
            ):
                return _NOWHERE  # nothing it starts with is in the text
            plan = self._plans[entry.index] = self._make_plan(entry)
        return plan

    def _present_keys(self) -> set[str] | None:
        """The registered prefixes found in the text (digit runs counted as found)."""
        if self._keys is None:
            hits = self._positions()
            if hits is None or self._index is None:
                return None
            self._keys = {*hits, *self._index.runs}
        return self._keys

    def _make_plan(self, entry: Anchored) -> Plan | None:
        hits = self._positions()
        index = self._index
        if hits is None or index is None or entry.branches is None:
            return None
        if entry.index >= index.entries:  # registered after this text was scanned
            return None
        branches = entry.branches
        if entry.open and any(_present(branches[n], hits) for n in entry.open):
            return None
        base = self._base
        keys = base._present_keys()
        if keys is None:
            return None
        prefixes = index.prefixes[entry.index]
        present: dict[int, bool] = {}
        lists: list[tuple[list[int], int]] = []
        starts_of, filtered = base._starts_of, base._filtered
        for key in index.keys[entry.index] & keys:
            for number, word in prefixes[key]:
                branch = branches[number]
                if branch.needs:
                    ok = present.get(number)
                    if ok is None:
                        ok = present[number] = _present(branch, hits)
                    if not ok:
                        continue
                if word or branch.not_after or key[0] == "\x00":
                    found = filtered.get((key, word, branch.not_after))
                    if found is None:
                        found = starts_of(key, word, branch.not_after)
                else:
                    found = hits[key]
                if found:
                    lists.append((found, number))
        if not lists:
            return _NOWHERE
        shift = self._shift
        if not entry.split:  # the whole pattern, once per position
            if len(lists) == 1:
                positions = lists[0][0]
            else:
                positions = sorted(set(chain.from_iterable(found for found, _ in lists)))
            if shift:
                positions = self._moved(positions)
            return Plan(positions, [], None, entry.pattern)
        # Position and branch in one int, sorted at C speed: a position's branches in order.
        order = sorted([p * _SPREAD + number for found, number in lists for p in found])
        if shift:
            order = order[bisect.bisect_left(order, shift * _SPREAD) :]
        numbers = [key % _SPREAD for key in order]
        return Plan(
            [key // _SPREAD - shift for key in order], entry.branch_patterns(numbers), numbers
        )

    def _starts_of(self, key: str, word: bool, refused: str) -> list[int]:
        """Where a prefix starts (in this base scan), less the places where a word
        character (`word`) or a refused one stands before; cached, branches share them."""
        hits = self._hits
        assert hits is not None
        if key[0] != "\x00" and not (word or refused):
            return hits.get(key, _NO_POSITIONS)
        cache = self._filtered
        found = cache.get((key, word, refused))
        if found is None:
            if key[0] == "\x00":  # digit runs, those after a non-word character if `word`
                found, filter_words = self._runs(key, word), False
            else:
                found, filter_words = hits.get(key, _NO_POSITIONS), word
            if found and filter_words:  # not after a word character
                words = self._word_characters()
                found = [p for p in found if not p or not words[p - 1]]
            if found and refused:
                text = self.text
                found = [p for p in found if not p or text[p - 1] not in refused]
            cache[(key, word, refused)] = found
        return found

    def _class_bytes(self) -> bytes:
        """Each character of this (base) scan's lower-cased text as its class, made once."""
        classes = self._classes
        if classes is None:
            classes = self._classes = _classes(self.lower)
        return classes

    def _word_characters(self) -> bytes:
        """Per character of the base's text, 1 where it is a word character (`\\w` as
        `str.isalnum()` or "_" tells it), else 0: one C pass, then an index per look-up."""
        words = self._words
        if words is None:
            text = self.text
            classes = self._class_bytes()
            mask = bytearray(classes.translate(_WORD_CLASSES))
            if not text.isascii():  # "?" is a non-ASCII character (or "?"): ask it
                for at in _find_all(classes, b"?"):
                    c = text[at]
                    mask[at] = c.isalnum() or c == "_"
            words = self._words = bytes(mask)
        return words

    def _moved(self, positions: list[int]) -> list[int]:
        """Base positions as positions in this tail (those before it dropped)."""
        shift = self._shift
        return [p - shift for p in positions[bisect.bisect_left(positions, shift) :]]

    def may_match(self, entry: Anchored, start: int = 0, end: int | None = None) -> bool:
        """False when no match of `entry` can start in text[start:end] (cheaper than
        finditer)."""
        plan = self._plan(entry)
        if plan is None:
            return True
        positions = plan.positions
        index = bisect.bisect_left(positions, start) if start else 0
        return index < len(positions) and (end is None or positions[index] < end)

    def finditer(
        self, entry: Anchored, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """`entry.pattern.finditer(text, start, end)`, tried only where a match can start:
        at each position, the alternatives that can start there in their order."""
        text = self.text
        end = len(text) if end is None else end
        plan = self._plan(entry)
        if plan is None:
            yield from entry.pattern.finditer(text, start, end)
            return
        positions, patterns, whole = plan.positions, plan.patterns, plan.pattern
        last = start
        for index in range(bisect.bisect_left(positions, start) if start else 0, len(positions)):
            position = positions[index]
            if position < last:
                continue
            if position >= end:
                break
            found = (whole or patterns[index]).match(text, position, end)
            if found is not None:
                yield found
                last = found.end()

    def finditer_groups(self, found: Table) -> Iterator[tuple[int, re.Match[str]]]:
        """(group, match) for every match of each group's pattern (`finditer` of each on
        its own: a group's matches do not overlap; other groups' may)."""
        text, groups = self.text, found.groups
        plan = self._plan(found.entry)
        if plan is None:
            for group, pattern in enumerate(found.patterns):
                for match in pattern.finditer(text):
                    yield group, match
            return
        if not plan or plan.numbers is None:
            return
        last: dict[int, int] = {}
        for position, pattern, number in zip(
            plan.positions, plan.patterns, plan.numbers, strict=True
        ):
            group = groups[number]
            if position < last.get(group, 0):
                continue
            found_here = pattern.match(text, position)
            if found_here is not None:
                yield group, found_here
                last[group] = found_here.end()

    def groups_found(self, found: Table) -> set[int]:
        """The groups of `found` with a match in the text."""
        plan = self._plan(found.entry)
        if plan is None:
            return {g for g, pattern in enumerate(found.patterns) if pattern.search(self.text)}
        groups, text, seen = found.groups, self.text, set[int]()
        if not plan or plan.numbers is None:
            return seen
        for position, pattern, number in zip(
            plan.positions, plan.patterns, plan.numbers, strict=True
        ):
            group = groups[number]
            if group not in seen and pattern.match(text, position) is not None:
                seen.add(group)
        return seen

    def search(
        self, entry: Anchored, start: int = 0, end: int | None = None
    ) -> re.Match[str] | None:
        return next(self.finditer(entry, start, end), None)

    def count(self, entry: Anchored) -> int:
        return sum(1 for _ in self.finditer(entry))


def _present(branch: Branch, hits: dict[str, list[int]]) -> bool:
    """Whether the text holds one string of each set the branch's matches need."""
    keys = hits.keys()
    return all(not keys.isdisjoint(need) for need in branch.needs)
