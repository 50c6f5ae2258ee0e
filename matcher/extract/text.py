"""A listing's text as every fact family reads it: HTML made plain, cut into clauses,
and scanned once for every pattern's prefixes (`Reading`)."""

from __future__ import annotations

import bisect
import html
import re
from functools import cached_property

from matcher.extract.prefixes import SPACES
from matcher.extract.scan import Scan

# Longer text is board noise (or an attack); the facts are in the first pages.
MAX_TEXT = 20_000
NOCASE = re.IGNORECASE  # every pattern here ignores case unless it says otherwise

# --- numbers -----------------------------------------------------------------------------

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20,
}  # fmt: skip
WORD_NUM = "|".join(_WORD_NUMBERS)


def small_int(token: str) -> int | None:
    """A number written in digits or in words ("three"), else None."""
    token = token.lower().strip()
    if token in _WORD_NUMBERS:
        return _WORD_NUMBERS[token]
    try:
        return int(float(token))
    except ValueError:
        return None


# --- HTML to plain text ------------------------------------------------------------------

_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer"
    r"|blockquote|pre|br|hr)\b[^<>]{0,1000}>",
    NOCASE,
)
_TAG = re.compile(r"<[/!a-zA-Z][^<>]{0,1000}>")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&])")
# Control characters and whitespace other than a space or newline become spaces, in one
# class of listed characters (`re` tests it with a bitmap), then runs of spaces one space.
_ODD = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f" + "".join(c for c in SPACES if c > "\x1f" and c != " ") + "]"
)
_SPACE_RUN = re.compile(r"  +")
_BLANK_LINES = re.compile(r"\n\n+")


def html_to_text(description: str) -> str:
    """Plain text with one line per HTML block; plain text passes through tidied: lines
    stripped, whitespace within them single spaces, no empty lines."""
    text = description[:MAX_TEXT]
    if "<" in text:
        text = _TAG.sub(" ", _BLOCK_TAG.sub("\n", text))
    text = html.unescape(text) if "&" in text else text
    if "\\" in text:  # Markdown from some boards and JobSpy: "6\-9 years", "10\-14 LPA"
        text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    text = _SPACE_RUN.sub(" ", _ODD.sub(" ", text.replace("\r", "\n")))
    text = text.replace("\n ", "\n").replace(" \n", "\n")
    if not text.isascii() and _CJK.search(text):
        # Chinese, Japanese and Korean run Latin words and numbers into their own script
        # ("PMP持证者优先", "5年以上"): a space between them lets "PMP" be a word.
        text = _CJK_BOUNDARY.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip(" \n")


_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_CJK = re.compile(f"[{_CJK_CHARS}]")
_CJK_BOUNDARY = re.compile(
    f"(?<=[{_CJK_CHARS}])(?=[A-Za-z0-9$])|(?<=[A-Za-z0-9])(?=[{_CJK_CHARS}])"
)


def _plain_again(text: str) -> str:
    """html_to_text(text) for a text html_to_text made: itself unless a tag, an entity or an
    escape is left in it (the rest of html_to_text changes nothing in its output)."""
    found = text
    if "<" in found:
        found = _TAG.sub(" ", _BLOCK_TAG.sub("\n", found))
    if "&" in found:
        found = html.unescape(found)
    if "\\" in found:
        found = _MARKDOWN_ESCAPE.sub(r"\1", found)
    return text if found == text else html_to_text(text)


# --- clauses -------------------------------------------------------------------------------
# A clause: the span a "preferred" or "not required" applies to. It ends at a newline, a
# semicolon or bullet, a sentence's full stop, or a spaced dash before a capital:
#   \n|[;•▪●◦✓✔✅👉]|(?<=[a-z0-9)])[.!?](?=\s|$)|\s[-–—]\s(?=[A-Z])
# The same splits, written to open with one character class so that `re` jumps between
# candidates at C speed. A dash split is found at its dash, without the spaces around it
# (it begins one character before and ends one after); a split that begins inside the one
# before it is no split (its space, or the newline after it, was that split's).
_SPLIT = re.compile(
    r"[\n;•▪●◦✓✔✅👉.!?\-–—]"
    r"(?:(?<=[\n;•▪●◦✓✔✅👉])|(?<=[a-z0-9)][.!?])(?=\s|$)|(?<=\s[-–—])(?=\s[A-Z]))"
)
_DASHES = "-–—"


def _splits(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    last = 0
    for m in _SPLIT.finditer(text):
        start, end = m.span()
        if text[start] in _DASHES:
            start, end = start - 1, end + 1
        if start >= last:
            found.append((start, end))
            last = end
    return found


def _spans(length: int, splits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for split_start, split_end in splits:
        if split_start > start:
            spans.append((start, split_start))
        start = split_end
    if start < length:
        spans.append((start, length))
    return spans


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause in text."""
    return _spans(len(text), _splits(text))


class Clauses:
    """The clauses of a text, with what the mention rules ask of each, computed once."""

    def __init__(self, text: str, spans: list[tuple[int, int]], plain_from: int) -> None:
        self.text = text
        self.spans = spans
        self.starts = [start for start, _ in spans]
        self._plain_from = plain_from  # from here on whitespace is single spaces

    def index(self, position: int) -> int:
        """The clause a match starting at `position` is counted in."""
        return max(0, bisect.bisect_right(self.starts, position) - 1)

    def words(self, index: int) -> int:
        """How many words clause `index` has (as `str.split` counts them)."""
        start, end = self.spans[index]
        if start < self._plain_from:
            return len(self.text[start:end].split())
        # Whitespace is single spaces here: words = spaces + 1, less a space at either end.
        text = self.text
        return text.count(" ", start, end) + 1 - (text[start] == " ") - (text[end - 1] == " ")

    def heading_before(self, index: int, hit: set[int]) -> int | None:
        """The last clause before `index` that names nothing (not in `hit`) and has at most
        six words: a heading such as "Nice to have:"."""
        for before in range(index - 1, -1, -1):
            if before not in hit and self.words(before) <= 6:
                return before
        return None


# --- the shared view -----------------------------------------------------------------------


class Reading:
    """One listing's title and text, read once for every fact family.

    `text` is the description as plain text; `titled` is the title, a newline and the text
    (where a role's words count wherever they are). Both share one scan.
    """

    def __init__(self, title: str, description: str) -> None:
        self.title = title
        self.text = html_to_text(description)
        self.titled = f"{title}\n{self.text}"
        self.titled_scan = Scan(self.titled)
        self.text_scan = self.titled_scan.tail(len(title) + 1)
        # Work mode and role have always made their input plain once more (they take a
        # description); that changes the text only where a tag, entity or escape is left.
        again = _plain_again(self.text)
        self.again = again
        self.again_scan = self.text_scan if again is self.text else Scan(again)

    @cached_property
    def _text_splits(self) -> list[tuple[int, int]]:
        return _splits(self.text)

    @cached_property
    def text_clauses(self) -> Clauses:
        return Clauses(self.text, _spans(len(self.text), self._text_splits), 0)

    @cached_property
    def titled_clauses(self) -> Clauses:
        # The title's own splits (read with the newline and what follows it, as they are in
        # `titled`), then the text's, moved past the title.
        offset = len(self.title) + 1
        head = [s for s in _splits(self.titled[: offset + 1]) if s[0] < offset]
        tail = [(s + offset, e + offset) for s, e in self._text_splits]
        spans = _spans(len(self.titled), head + tail)
        return Clauses(self.titled, spans, offset)
