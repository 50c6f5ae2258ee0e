"""What a pattern's matches start with and contain, read from the pattern itself.

A pattern is read from the parse tree `re.compile` builds (CPython's re._parser) for its
*prefixes*, lower-case strings one of which every match starts with, and its *needs*,
strings one of which every match contains, per top-level alternative ("branch"). What the
reading does not know (an operation it has not met, a class of many characters at the
start) leaves the branch without prefixes: it is then looked for at every position.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, product
from math import prod
from typing import Any

DIGITS = frozenset("0123456789")
# What `\s` matches: every whitespace character is below U+3001.
SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
RUN = "\x00run"  # stands for the places a run of ASCII digits starts
_MAX_PREFIX = 6  # characters: selective enough, and few strings per pattern
_ENOUGH = 3  # characters after which a prefix is extended only by plain characters
# Strings per branch at most: the pay pattern has about 1,000 (some 40 currency signs, each
# before any of the 25 whitespace characters `\s?` allows); rare ones cost the automaton
# nothing in a text. Beyond, the branch is tried at every character.
_MAX_STRINGS = 2048
_MAX_CLASS = 40  # a character class of more characters is no prefix
_SMALL_CLASS = 12  # one of a larger class (`\s`) ends a prefix
_BRANCHING = frozenset({"IN", "BRANCH", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


# The parse tree `re.compile` itself builds (CPython's re._parser, no stubs): an operation
# this reading does not know only leaves that pattern to the plain scan.
_parser: Any = importlib.import_module("re._parser")

# A prefix: the string, and whether a word character can never stand just before a match
# starting with it (a `\b` or a lookbehind refusing \w before a word character).
Prefix = tuple[str, bool]


def _class_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(av).lower())
        elif name == "RANGE" and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c).lower() for c in range(av[0], av[1] + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            chars.update(DIGITS)  # non-ASCII digits send the text to the plain scan
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            chars.update(SPACES)
        else:
            return None
    if len(chars) > _MAX_CLASS or any(len(c) != 1 for c in chars):
        return None
    return chars


def _guard(name: str, av: Any) -> str:
    """What a zero-width check rules out just before: 'word' (`\\b`, or a lookbehind
    refusing \\w), 'digit' (a lookbehind refusing digits), else ''."""
    if name == "AT" and str(av) == "AT_BOUNDARY":
        return "boundary"
    if name == "ASSERT_NOT" and av[0] == -1:
        inner = list(av[1].data)
        if len(inner) == 1 and str(inner[0][0]) == "IN":
            if any(str(op) == "NEGATE" for op, _ in inner[0][1]):
                return ""
            kinds = {str(item) for op, item in inner[0][1] if str(op) == "CATEGORY"}
            if "CATEGORY_WORD" in kinds:
                return "word"
            if "CATEGORY_DIGIT" in kinds:
                return "digit"
    return ""


def is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Reader:
    """Collects the prefixes of one branch."""

    def __init__(self, run_suffix: str = "") -> None:
        self.out: set[Prefix] = set()
        self.run_suffix = run_suffix  # "/N": a run of digits it starts has at most N

    def add(self, prefix: str, guard: str) -> None:
        # After `\b`, a match starting with a word character follows a non-word character.
        word = guard == "word" or (guard == "boundary" and is_word(prefix[0]))
        self.out.add((prefix, word))

    def starts(self, seq: list[tuple[Any, Any]], prefix: str = "", guard: str = "") -> bool:
        """Add the prefixes of matches of `seq` that begin with `prefix`; False when a
        match may start with something no short string describes."""
        out = self.out
        for index, (op, av) in enumerate(seq):
            if len(prefix) >= _MAX_PREFIX or len(out) > _MAX_STRINGS:
                break
            name, rest = str(op), seq[index + 1 :]
            if name in ZERO_WIDTH:  # `match` checks them
                guard = guard or ("" if prefix else _guard(name, av))
                continue
            if len(prefix) >= _ENOUGH and name in _BRANCHING:
                break  # long enough to be rare; going on would multiply the strings
            if name == "LITERAL" and len(chr(av).lower()) == 1:
                prefix += chr(av).lower()
                continue
            if name == "IN":
                chars = _class_chars(av)
                if chars is None:
                    break
                if len(chars) > _SMALL_CLASS and prefix:  # one of many (`\s`), then stop
                    for char in chars:
                        self.add(prefix + char, guard)
                    return True
                digits = chars & DIGITS
                if digits and not prefix and guard:  # no digit just before: a run starts
                    run = RUN + "".join(sorted(digits)) + self.run_suffix
                    out.add((run, guard in ("word", "boundary")))
                elif digits:
                    for digit in digits:  # one of them, then stop: digits are rare enough
                        self.add(prefix + digit, guard)
                return all(self.starts(rest, prefix + c, guard) for c in sorted(chars - digits))
            if name == "BRANCH":
                return all(self.starts(list(alt.data) + rest, prefix, guard) for alt in av[1])
            if name == "SUBPATTERN":
                return self.starts(list(av[3].data) + rest, prefix, guard)
            if name == "ATOMIC_GROUP":
                return self.starts(list(av.data) + rest, prefix, guard)
            if name in _REPEATS:
                low, high, item = av
                if low == 0 and not self.starts(rest, prefix, guard):
                    return False
                # The first repetition; what follows it is known only without a second.
                return self.starts(list(item.data) + (rest if high == 1 else []), prefix, guard)
            break
        if not prefix:
            return False
        self.add(prefix, guard)
        return True


def _needs(seq: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Sets of lower-case strings: every match of `seq` contains one of each."""
    found: list[frozenset[str]] = []
    run = ""
    for op, av in seq:
        name = str(op)
        if name == "LITERAL" and len(chr(av).lower()) == 1:
            run += chr(av).lower()
            continue
        if run:
            found.append(frozenset({run}))
        run = ""
        if name == "SUBPATTERN":
            found += _needs(list(av[3].data))
        elif name == "ATOMIC_GROUP":
            found += _needs(list(av.data))
        elif name == "BRANCH":
            found += _either(_needs(list(alt.data)) for alt in av[1])
        elif name in _REPEATS and av[0] >= 1:
            found += _needs(list(av[2].data))
    if run:
        found.append(frozenset({run}))
    return found


_MIN_NEED = 3  # characters: shorter strings are in nearly every text...
_OTHER_SCRIPTS = "\u0370"  # ...but for letters of scripts beyond Latin ("년", "年", "ש")


def _rare(string: str) -> bool:
    """Whether a text holding `string` is rare enough for a need (one of the set) to rule
    out most texts: three characters or more, or a letter of another script than Latin."""
    return len(string) >= _MIN_NEED or min(string, default="") >= _OTHER_SCRIPTS


def _rare_set(strings: frozenset[str]) -> bool:
    return all(map(_rare, strings))


_MAX_WAYS = 64  # joined sets of a group of alternatives: beyond, only the most selective


def _either(alternatives: Iterable[list[frozenset[str]]]) -> list[frozenset[str]]:
    """Sets every match of one of the alternatives holds a string of: a set of each
    alternative, joined. Every way of choosing them is kept (when few): "bond of 2 years" or
    "2 years bond" needs "bond" as much as it needs a year or month."""
    useful = [[n for n in needs if _rare_set(n)] for needs in alternatives]
    if not useful or not all(useful):
        return []
    if prod(len(needs) for needs in useful) > _MAX_WAYS:
        return [frozenset(chain.from_iterable(_best(needs) or () for needs in useful))]
    joined = {frozenset(chain.from_iterable(way)) for way in product(*useful)}
    return [n for n in joined if not any(other < n for other in joined)]


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The set whose shortest string is longest: the rarest to be present by chance."""
    return max(sets, key=lambda s: min(map(len, s)), default=None)


def _minimal(prefixes: set[Prefix]) -> tuple[Prefix, ...]:
    """Without the prefixes a kept one begins (their hits are among its hits) unless it
    keeps only word starts and they do not."""
    kept: dict[str, bool] = {}
    for string, word in sorted(prefixes, key=lambda p: (len(p[0]), p[1])):
        # A digit run's key names digits, not characters: only the same key covers it.
        covered = any(
            string[:k] in kept and (word or not kept[string[:k]])
            for k in (range(1, len(string) + 1) if not string.startswith(RUN) else ())
        ) or (string.startswith(RUN) and string in kept and (word or not kept[string]))
        if not covered:
            kept[string] = word and kept.get(string, True)
    return tuple(sorted(kept.items()))


@dataclass(frozen=True, slots=True)
class Branch:
    """One alternative of a pattern: where its matches start, what they contain."""

    prefixes: tuple[Prefix, ...] | None  # None: it may start anywhere
    needs: tuple[frozenset[str], ...]  # one string of each must be in the text
    alone: bool  # tried alone (its own pattern) at its prefixes; else the whole pattern
    not_after: str = ""  # characters (without case) its lookbehind refuses before it


def _not_after(seq: list[tuple[Any, Any]]) -> str:
    """The uncased characters a lookbehind at the very start of `seq` refuses before a
    match: "(?<![\\w.,-])" gives ".,-"."""
    refused = ""
    for op, av in seq:
        name = str(op)
        if name == "ASSERT_NOT" and av[0] == -1:
            inner = list(av[1].data)
            if len(inner) == 1 and str(inner[0][0]) == "IN":
                items = inner[0][1]
                if not any(str(o) == "NEGATE" for o, _ in items):
                    refused += "".join(
                        chr(v)
                        for o, v in items
                        if str(o) == "LITERAL"
                        and chr(v).lower() == chr(v).upper()
                        and not chr(v).isspace()  # a tail's first character has none before it
                    )
        elif name not in ZERO_WIDTH:
            break
    return refused


# --- how many digits a match can open with ------------------------------------------------
# A pattern opening with a number of one or two digits ("3 days in office") is tried at
# every run of digits; told the longest run its matches can start with, the scan skips
# the longer ones ("2012", "180,000").

_ANY = (True, True)  # (may be a digit, may be another character)


def _char_kinds(op: str, av: Any) -> tuple[bool, bool]:
    """Whether one character matched by `op av` may be an ASCII digit, or something else."""
    if op == "LITERAL":
        return ("0" <= chr(av) <= "9", not "0" <= chr(av) <= "9")
    if op == "CATEGORY":
        kind = str(av)
        if kind == "CATEGORY_DIGIT":
            return (True, False)  # other scripts' digits send the text to the plain scan
        if kind in ("CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD"):
            return (False, True)
        return _ANY
    if op == "RANGE":
        low, high = chr(av[0]), chr(av[1])
        return (low <= "9" and high >= "0", low < "0" or high > "9")
    return _ANY


def _class_kinds(items: list[tuple[Any, Any]]) -> tuple[bool, bool]:
    if any(str(op) == "NEGATE" for op, _ in items):
        return _ANY
    kinds = [_char_kinds(str(op), av) for op, av in items]
    return (any(d for d, _ in kinds), any(o for _, o in kinds))


_NO_END = 1 << 30  # digits without bound


def _digit_lead(seq: list[tuple[Any, Any]]) -> tuple[int, int | None]:
    """(the most leading digits of a match of `seq` whose digits end inside it, at a
    character or a `(?!\\d)`; the most digits of a match that is all digits, None: none
    is). Upper bounds; what is not read counts as anything."""
    ended, carry = -1, 0
    for op, av in seq:
        stop, through = _lead_of(str(op), av)
        if stop >= 0:
            ended = max(ended, min(carry + stop, _NO_END))
        if through is None:
            return ended, None
        carry = min(carry + through, _NO_END)
    return ended, carry


def _lead_of(name: str, av: Any) -> tuple[int, int | None]:
    """_digit_lead of one item of a parse tree."""
    if name in ("LITERAL", "IN", "NOT_LITERAL", "ANY"):
        digit, other = (
            _char_kinds(name, av)
            if name == "LITERAL"
            else _class_kinds(av)
            if name == "IN"
            else _ANY
        )
        return (0 if other else -1), (1 if digit else None)
    if name == "ASSERT_NOT" and av[0] == 1:  # a lookahead refusing digits ends them
        inner = list(av[1].data)
        if len(inner) == 1 and str(inner[0][0]) in ("IN", "LITERAL", "CATEGORY"):
            op, arg = inner[0]
            digit, _ = _class_kinds(arg) if str(op) == "IN" else _char_kinds(str(op), arg)
            if digit and _digits_all_refused(str(op), arg):
                return 0, None
        return -1, 0
    if name in ZERO_WIDTH:
        return -1, 0
    if name == "SUBPATTERN":
        return _digit_lead(list(av[3].data))
    if name == "ATOMIC_GROUP":
        return _digit_lead(list(av.data))
    if name == "BRANCH":
        found = [_digit_lead(list(alt.data)) for alt in av[1]]
        throughs = [t for _, t in found if t is not None]
        return max(e for e, _ in found), (max(throughs) if throughs else None)
    if name in _REPEATS:
        low, high, item = av
        stop, through = _digit_lead(list(item.data))
        if through is None:
            return stop, (0 if low == 0 else None)
        most = _NO_END if high == _parser.MAXREPEAT and through else min(high * through, _NO_END)
        before = max(most - through, 0)  # the copies before the one that ends the digits
        return (min(before + stop, _NO_END) if stop >= 0 else -1), most
    return _NO_END, _NO_END


def _digits_all_refused(op: str, av: Any) -> bool:
    """Whether a lookahead of this one character refuses every ASCII digit."""
    if op == "CATEGORY":
        return str(av) == "CATEGORY_DIGIT"
    if op == "IN":
        if any(str(o) == "NEGATE" for o, _ in av):
            return False
        refused: set[str] = set()
        for o, a in av:
            if str(o) == "CATEGORY" and str(a) == "CATEGORY_DIGIT":
                return True
            if str(o) == "RANGE":
                refused.update(chr(c) for c in range(max(a[0], 48), min(a[1], 57) + 1))
            if str(o) == "LITERAL":
                refused.add(chr(a))
        return refused >= DIGITS
    return False


def most_leading_digits(seq: list[tuple[Any, Any]]) -> int | None:
    """The longest run of digits a match of `seq` can start at; None: no bound known (a
    match may end in digits, and the text's run go on)."""
    ended, through = _digit_lead(seq)
    return None if through is not None or ended >= _NO_END else max(ended, 0)


def read_branch(seq: list[tuple[Any, Any]], alone: bool) -> Branch:
    most = most_leading_digits(seq)
    reader = _Reader("" if most is None else f"/{most}")
    prefixes = _minimal(reader.out) if reader.starts(seq) else None
    if prefixes is not None and (
        len(prefixes) > _MAX_STRINGS
        or any(len(p) == 1 and (p.isalpha() or p.isspace()) for p, _ in prefixes)
    ):
        prefixes = None  # a single letter or space starts too much to be worth it
    # Needs spare tries only where the prefixes are common (short, or digits); strings
    # shorter than three characters are in nearly every text and rule nothing out.
    common = prefixes is None or any(len(p) <= 3 or p.startswith(RUN) for p, _ in prefixes)
    needs = {s for s in _needs(seq) if _rare_set(s)} if common else set()
    # Cut to the prefixes' length: "project" found as "projec" is one hit, not two.
    cut = {frozenset(n[:_MAX_PREFIX] for n in need) for need in needs}
    return Branch(prefixes, tuple(sorted(cut, key=sorted)), alone, _not_after(seq))


def parse_tree(pattern: re.Pattern[str] | str, flags: int = 0) -> list[tuple[Any, Any]]:
    """The parsed form of a compiled pattern, or of a pattern's source with its flags
    (parsing costs a third of compiling: read what is never tried without compiling it)."""
    if isinstance(pattern, re.Pattern):
        return list(_parser.parse(pattern.pattern, pattern.flags).data)
    return list(_parser.parse(pattern, flags).data)
