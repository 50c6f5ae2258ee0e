"""HTML to clean text, double escaping, mojibake, and date formats."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scraper.dates import parse_datetime
from scraper.text import fix_mojibake, html_to_text, sanitize_html, unescape_html


def test_html_becomes_lines_and_bullets_without_scripts() -> None:
    html = "<p>About&nbsp;us</p><ul><li>Own the plan</li><li>Run stand-ups</li></ul><script>x()</script>"
    assert html_to_text(html) == "About us\n\n• Own the plan\n• Run stand-ups"


def test_list_items_wrapping_paragraphs_keep_the_bullet_on_the_text() -> None:
    assert html_to_text("<ul><li><p>Own the plan</p></li><li><p>Ship</p></li></ul>") == (
        "• Own the plan\n\n• Ship"
    )


def test_plain_text_is_kept_with_entities_decoded() -> None:
    assert html_to_text("R&amp;D team\n\n\n\nline two") == "R&D team\n\nline two"


def test_double_escaped_html_is_unescaped_twice() -> None:
    assert unescape_html("&amp;lt;p&amp;gt;Hi&amp;lt;/p&amp;gt;") == "<p>Hi</p>"
    assert unescape_html("&lt;p&gt;R&amp;amp;D&lt;/p&gt;") == "<p>R&amp;D</p>"


def test_mojibake_is_repaired_only_when_it_is_mojibake() -> None:
    assert fix_mojibake("Weâ\x80\x99re hiring") == "We’re hiring"
    assert fix_mojibake("Café") == "Café"
    assert fix_mojibake("₹30 LPA") == "₹30 LPA"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-20T09:14:02-05:00", datetime(2026, 11, 20, 14, 14, 2, tzinfo=UTC)),
        ("2026-11-20T09:14:02.508+00:00", datetime(2026, 11, 20, 9, 14, 2, 508000, tzinfo=UTC)),
        ("2026-11-20T09:14:02Z", datetime(2026, 11, 20, 9, 14, 2, tzinfo=UTC)),
        ("2026-11-20T09:14:02", datetime(2026, 11, 20, 9, 14, 2, tzinfo=UTC)),
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
        ("2026-11-20 09:14:02 UTC", datetime(2026, 11, 20, 9, 14, 2, tzinfo=UTC)),
        ("Fri, 20 Nov 2026 09:14:02 +0000", datetime(2026, 11, 20, 9, 14, 2, tzinfo=UTC)),
        (1795237200, datetime(2026, 11, 21, 5, 0, tzinfo=UTC)),
        (1795237200000, datetime(2026, 11, 21, 5, 0, tzinfo=UTC)),
        ("1795237200", datetime(2026, 11, 21, 5, 0, tzinfo=UTC)),
        ("not a date", None),
        ("¹", None),  # a superscript is a digit to str.isdigit, not to float()
        ("٣", None),
        ("", None),
        (None, None),
        (True, None),
        (10**30, None),
    ],
)
def test_dates_in_every_board_format_become_utc(value: object, expected: datetime | None) -> None:
    assert parse_datetime(value) == expected


def test_kept_html_is_sanitised_to_an_allow_list() -> None:
    dirty = (
        '<p onclick="steal()">Lead <b>delivery</b><script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">bad</a> <a href="https://ex.org/apply">apply</a>'
        '<iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)><blink>t</blink>'
    )
    clean = sanitize_html(dirty)
    assert "<p>Lead <b>delivery</b></p>" in clean
    assert 'href="https://ex.org/apply"' in clean
    for bad in ("script", "alert", "onclick", "javascript:", "iframe", "onerror", "<img", "blink"):
        assert bad not in clean
    assert clean.endswith("t")  # unknown tags are unwrapped, their text kept
