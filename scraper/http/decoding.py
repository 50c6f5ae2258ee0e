"""A response body as text: its charset, else UTF-8, else what the document declares."""

from __future__ import annotations

import contextlib
import re

# Where a header names no charset: what the document says of itself (an XML declaration,
# an HTML meta tag) is read if it is not UTF-8.
_DECLARED = re.compile(
    rb"""<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']|<meta[^>]*charset\s*=\s*["']?([\w.:-]+)""",
    re.IGNORECASE,
)


def _decode(body: bytes, charset: str | None) -> str:
    """The body as text: in the header's charset, else UTF-8, else the document's declared
    encoding, else windows-1252 (what browsers assume); an unknown charset name is ignored."""
    for encoding in (charset, "utf-8"):
        if encoding:
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                return body.decode(encoding, errors="replace" if encoding == charset else "strict")
    declared = _DECLARED.search(body[:2048])
    name = (declared[1] or declared[2]).decode("ascii") if declared else ""
    with contextlib.suppress(LookupError):
        return body.decode(name or "windows-1252", errors="replace")
    return body.decode("windows-1252", errors="replace")
