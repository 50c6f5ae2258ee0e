"""HTML to clean text, and the small text repairs boards need."""

from __future__ import annotations

import html
import re

import nh3
from selectolax.lexbor import LexborHTMLParser

# Block elements end a line; list items get a bullet so requirements stay readable.
_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_LONE_BULLET = re.compile(r"•\s*\n+\s*")  # <li><p>text</p></li> puts the text a line below


def unescape_html(escaped: str) -> str:
    """Undo entity escaping, twice where a board escaped twice (e.g. `&amp;lt;p&amp;gt;`)."""
    once = html.unescape(escaped)
    if "&lt;" in once and not _LOOKS_LIKE_HTML.search(once):
        return html.unescape(once)  # still escaped markup, no real tags yet
    return once


def html_to_text(markup: str) -> str:
    """Clean text from an HTML fragment: no tags, no scripts, one line per block."""
    if not markup:
        return ""
    if not _LOOKS_LIKE_HTML.search(markup):
        return _tidy(html.unescape(markup))
    tree = LexborHTMLParser(markup)
    tree.strip_tags(["script", "style", "noscript", "template"])
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css(",".join(_BLOCK_TAGS)):
        if node.tag == "li":
            node.insert_before("\n• ")
        elif node.tag == "br":
            node.insert_before("\n")
        else:
            node.insert_before("\n")
            node.insert_after("\n")
    return _tidy(root.text(deep=True, separator=""))


def _tidy(text: str) -> str:
    text = text.replace("\r", "")
    # Runs of blanks never span lines, so the whole text is collapsed at once; plain spaces
    # (nearly always all there is) by str.replace, several times faster than the regex.
    if "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    else:
        while "  " in text:
            text = text.replace("  ", " ")
    lines = (line.strip() for line in text.split("\n"))
    joined = _LONE_BULLET.sub("• ", "\n".join(lines))
    return _BLANK_LINES.sub("\n\n", joined).strip()


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 that was decoded as Latin-1 (e.g. 'â€™' for '’'), when that is what it is."""
    if not text or all(ord(c) < 128 for c in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


# What a job ad needs to read well; everything else is unwrapped to its text, and script,
# style and the like are dropped with their content (nh3's defaults).
_SAFE_TAGS = frozenset(
    {"p", "br", "hr", "div", "span", "ul", "ol", "li", "dl", "dt", "dd", "strong", "b", "em",
     "i", "u", "s", "sub", "sup", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
     "code", "table", "thead", "tbody", "tr", "th", "td", "a"}
)  # fmt: skip


def sanitize_html(markup: str) -> str:
    """Board HTML made safe to keep and show: allow-listed tags, only http(s)/mailto links."""
    if not markup:
        return ""
    return nh3.clean(
        markup,
        tags=set(_SAFE_TAGS),
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
