"""Checks before an XML feed reaches ElementTree: refuse what could expand entities, and
name an HTML page or an empty answer for what it is."""

from __future__ import annotations

import re

from scraper.errors import ParseError
from scraper.http import describe_page

# A DTD is the only place entities are declared, and no job feed has one. Refusing any
# document that declares one keeps ElementTree from expanding "billion laughs" or quadratic
# blow-up entities: its expat protection depends on the libexpat version Python is built
# with. CDATA sections are dropped before the check, because a description may quote
# "<!DOCTYPE html>" as plain text and that cannot declare anything.
_CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.DOTALL)
_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)\b", re.IGNORECASE)
_HTML_PAGE = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.IGNORECASE)


def check_feed(document: str, *, source: str, expected: str, pages: bool = True) -> None:
    """Raise ParseError unless `document` may be parsed as the `expected` feed. With
    `pages`, an empty answer and an HTML page (a retired feed, a career site) are named."""
    if pages and not document.strip():
        raise ParseError(f"{source}: empty response, expected {expected}")
    if pages and _HTML_PAGE.match(document.lstrip("\ufeff")):
        raise ParseError(f"{source}: expected {expected}, got {describe_page(document)}")
    if _DECLARATION.search(_CDATA.sub("", document)):
        raise ParseError(
            f"{source}: expected {expected}, got a document with a DOCTYPE or ENTITY "
            "declaration (refused: entity expansion)"
        )
