"""The HTML report: escaping of untrusted listing text, safe links, one compact row per match
with its details folded, and the report a user writes from a real run (browser tests: see
test_report_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jobmatch.cli import app
from jobmatch.demo import demo_boards
from jobmatch.replay import serve_greenhouse
from jobmatch.report import format_salary, reason_kind, render_report, safe_url
from tests.test_cli import write_config

NOW = datetime(2025, 3, 10, 7, 30, tzinfo=UTC)
SCRIPT_TITLE = "<script>document.title='PWNED'</script>"
IMG_TITLE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": 7,
        "source": "greenhouse:northwind",
        "external_id": "4011",
        "title": "Senior Technical Project Manager",
        "company": "Northwind Cloud",
        "location": "Bengaluru, India",
        "url": "https://boards.greenhouse.io/northwind/jobs/4011",
        "score": 86.4,
        "reasons": [
            "title ≈ Technical Project Manager (100)",
            "has PMP (required)",
            "missing CSM (preferred)",
            "stretch: asks 7+ years, you have 6",
            "skills matched: jira, aws",
            "hybrid in London: relocation",
        ],
        "components": {
            "role": {"points": 35.0, "max": 35.0, "notes": ["role: technical project manager"]},
            "required": {"points": 10.0, "max": 10.0, "notes": ["has PMP (required)"]},
            "preferred": {"points": 0.0, "max": 5.0, "notes": ["missing CSM (preferred)"]},
            "salary": {"points": 7.2, "max": 12.0, "notes": []},
        },
        "facts": {
            "role_variant": "technical_project_manager",
            "seniority": "senior",
            "years_min": 7,
            "certifications": ["PMP", "CSM"],
            "salary": {"min": 3_000_000, "max": 4_200_000, "currency": "INR", "period": "year"},
            "work_mode": "hybrid",
            "country": "IN",
        },
        "posted_at": "2025-03-07T00:00:00+00:00",
        "first_seen": "2025-03-08T02:00:00+00:00",
    }
    base.update(overrides)
    return base


def hostile_record() -> dict[str, Any]:
    return record(
        id=666,
        title="<script>alert(1)</script>",
        company='Evil" onmouseover="alert(2)',
        location="<b>nowhere</b>",
        url="javascript:alert(3)",
        reasons=['has "onmouseover=alert(4) x', "missing <script>alert(5)</script>"],
        components={
            "role": {"points": 1, "max": 35, "notes": ['"onmouseover=alert(6)', "<i>x</i>"]}
        },
        facts={
            "role_variant": '"><script>alert(7)</script>',
            "work_mode": "<svg onload=alert(8)>",
            "country": '"onmouseover=alert(9)',
            "seniority": None,
            "years_min": None,
            "certifications": ["<PMP>"],
            "salary": None,
        },
        status='new" onclick="alert(10)',
        also_on=[
            {"source": "<b>remoteok</b>", "url": "javascript:alert(11)"},
            {"source": "lever", "url": 'https://jobs.lever.co/x/1?a=1&b="2"'},
        ],
    )


def tags_outside_scripts(page: str) -> list[str]:
    """Every start tag in the page, with the one inline script's body removed."""
    without_script = re.sub(r"<script>.*?</script>", "<script></script>", page, flags=re.S)
    return re.findall(r"<([a-zA-Z][^\s/>]*)", without_script)


def test_listing_text_is_escaped_everywhere() -> None:
    page = render_report([hostile_record()], profile_name="<me>", generated_at=NOW)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'onmouseover="' not in page
    assert "onmouseover=alert" in page.replace("&quot;", "")  # present, but only as text
    assert "&quot;onmouseover=alert(4)" in page
    for raw in ("<svg", "<b>nowhere", "<b>remoteok", "<i>x", "<PMP>", "<me>"):
        assert raw not in page, raw
    assert 'onclick="' not in page
    assert page.count("<script") == 1  # ours, and only ours
    allowed = {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "div", "span", "b",
        "time", "nav", "label", "select", "option", "main", "details", "summary", "a", "ul",
        "li", "code", "script",
    }  # fmt: skip
    assert set(tags_outside_scripts(page)) <= allowed


def test_unsafe_urls_are_dropped_and_links_are_isolated() -> None:
    page = render_report([hostile_record()], profile_name="me", generated_at=NOW)
    assert "javascript:" not in page
    assert 'href="https://jobs.lever.co/x/1?a=1&amp;b=&quot;2&quot;"' in page
    for anchor in re.findall(r"<a [^>]*>", page):
        assert 'rel="noopener noreferrer"' in anchor and 'target="_blank"' in anchor
    assert safe_url("https://example.com/a") == "https://example.com/a"
    assert safe_url("HTTP://example.com") == "HTTP://example.com"
    for bad in (
        "javascript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<b>",
        "//example.com",
        "/jobs/1",
        "https://",
        "https:// x",
        None,
        42,
    ):
        assert safe_url(bad) is None, bad


def rows(page: str) -> list[str]:
    """Each match's markup, from its <details> to the next."""
    return re.findall(r'<details class="m".*?</details>', page, flags=re.S)


def test_one_compact_row_per_match_with_details_folded() -> None:
    page = render_report(
        [record(), record(id=8, score=40, title="Scrum Master", facts=None)],
        profile_name="Asha",
        generated_at=NOW,
        filters="--min-score 30 --since 14d",
    )
    first, second = rows(page)
    assert len(rows(page)) == 2 and "<details open" not in page  # all folded
    summary = re.search(r"<summary>(.*?)</summary>", first, flags=re.S)
    assert summary is not None
    row = summary.group(1)
    # The row: score, parts bar, title, company, place, pay, posted; nothing else.
    assert '<span class="sc hi" title="score 86 of 100">86</span>' in row
    assert '<span class="t">Senior Technical Project Manager</span>' in row
    assert '<span class="co" title="Northwind Cloud">Northwind Cloud</span>' in row
    assert '<span class="pl" title="Bengaluru, India">Bengaluru, India</span>' in row
    assert '<span class="pay">₹30–42 LPA</span>' in row
    assert '<span class="when">3d</span>' in row
    assert "<li" not in row and "jobmatch mark" not in row  # reasons and command fold away
    assert '<span class="sc lo" title="score 40 of 100">40</span>' in second
    assert '<span class="pay none">—</span>' in second  # no facts, no pay: a dash
    # The fold: every reason, coloured, the score's parts, links and the mark command.
    more = first.split("</summary>", 1)[1]
    assert '<li class="ok">has PMP (required)</li>' in more
    assert '<li class="missing">missing CSM (preferred)</li>' in more
    assert '<li class="stretch">stretch: asks 7+ years, you have 6</li>' in more
    assert '<li class="stretch">hybrid in London: relocation</li>' in more
    assert '<li class="ok">skills matched: jira, aws</li>' in more
    assert '<span class="pts">7.2/12</span>' in more and "preferred certs" in more
    assert "posted 3 days ago" in more and "first seen 2 days ago" in more
    assert '<code class="cmd">jobmatch mark 7 applied</code>' in more
    assert '<code class="cmd">jobmatch mark 8 applied</code>' in second
    assert "--min-score 30 --since 14d" in page
    assert "Asha" in page and "2025-03-10 07:30 UTC" in page
    assert '<option value="technical_project_manager">technical project manager</option>' in page
    assert '<option value="hybrid">hybrid</option>' in page


def test_reasons_are_shown_in_the_order_given_and_never_cut() -> None:
    """`output.match_record` orders reasons as the CLI shows them (dealbreakers and gaps
    first); the page keeps that order and all of them, however many."""
    reasons = ["dealbreaker: mentions 'night shift'", "missing CSM (required)"] + [
        f"note {n}" for n in range(14)
    ]
    page = render_report([record(reasons=reasons)], profile_name="me", generated_at=NOW)
    shown = re.findall(r'<li class="[a-z]+">([^<]*)</li>', page)
    assert shown == [r.replace("'", "&#x27;") for r in reasons]
    assert '<span class="badge dealbreaker">dealbreaker</span>' in page


def test_the_stacked_bar_is_as_long_as_the_score_split_by_its_parts() -> None:
    page = render_report([record()], profile_name="me", generated_at=NOW)
    stack = re.search(r'<span class="stack" title="([^"]*)">(.*?)</span></span>', page)
    assert stack is not None
    assert stack.group(1) == (
        "role fit 35/35 · required certs 10/10 · preferred certs 0/5 · salary 7.2/12"
    )
    segments = re.findall(r'<span class="c-([a-z]+)" style="width:([0-9.]+)%">', stack.group(2))
    assert [name for name, _ in segments] == ["role", "required", "salary"]  # 0 points: none
    widths = [float(width) for _, width in segments]
    assert sum(widths) == pytest.approx(86.4, abs=0.2)  # the bar is the score long...
    assert widths[0] / widths[1] == pytest.approx(3.5, rel=0.01)  # ...in the points' shares
    ruled_out = render_report(
        [record(score=0, components={}, reasons=["dealbreaker: no visa sponsorship"])],
        profile_name="me",
        generated_at=NOW,
    )
    assert '<span class="stack" title="no parts scored"></span>' in ruled_out


def test_rows_carry_what_sorting_and_filtering_need() -> None:
    hourly = {"min": 40, "max": 50, "currency": "USD", "period": "hour"}
    odd = {"min": 1, "max": 2, "currency": "XYZ", "period": "year"}
    page = render_report(
        [
            record(id=1, status="applied", flags=["open 74 days", "reposted 3× since 12 Sep"]),
            record(id=2, facts={**record()["facts"], "salary": hourly, "work_mode": "remote"}),
            record(id=3, facts={**record()["facts"], "salary": odd}, posted_at=None),
            record(id=4, facts=None, posted_at=None, first_seen=None, flags=["open 50 days"]),
        ],
        profile_name="me",
        generated_at=NOW,
    )
    one, two, three, four = rows(page)
    # Pay: the top of the range a year in USD, as the matcher compares it with the floor.
    assert 'data-pay="50400"' in one  # ₹42 LPA × 0.012
    assert 'data-pay="104000"' in two  # USD 50/hr × 2080 h
    assert "data-pay" not in three and "data-pay" not in four  # no rate, no pay: sorted last
    posted = int(datetime(2025, 3, 7, tzinfo=UTC).timestamp())
    first_seen = int(datetime(2025, 3, 8, 2, tzinfo=UTC).timestamp())
    assert f'data-date="{posted}"' in one and f'data-date="{first_seen}"' in three
    assert "data-date" not in four
    assert 'data-status="applied"' in one and 'data-status="unmarked"' in two
    assert 'data-flag="flagged stale reposted"' in one and 'data-flag="none"' in two
    assert 'data-flag="flagged stale"' in four
    assert 'data-mode="remote"' in two and 'data-role="technical_project_manager"' in one
    # The evidence shows in the row and in the fold.
    assert (  # in the row, short: the kinds, with the evidence as the tooltip
        '<span class="badge flag" title="open 74 days, reposted 3× since 12 Sep">'
        "⚑ stale, reposted</span>"
    ) in one
    assert '<span class="badge flag" title="open 50 days">⚑ stale</span>' in four
    assert '<span class="flag">⚑ open 74 days, reposted 3× since 12 Sep</span>' in one
    assert '<span class="badge status-applied">applied</span>' in one
    tools = re.search(r'<nav class="tools".*?</nav>', page, flags=re.S)
    assert tools is not None
    for option in (
        '<option value="pay">pay (highest first)</option>',
        '<option value="date">date (newest first)</option>',
        '<option value="flagged">any flag</option>',
        '<option value="stale">stale</option>',
        '<option value="reposted">reposted</option>',
        '<option value="none">no flag</option>',
        '<option value="applied">applied</option>',
        '<option value="unmarked">unmarked</option>',
        '<option value="remote">remote</option>',
    ):
        assert option in tools.group(0), option


def test_status_and_also_on_are_shown_when_present() -> None:
    page = render_report(
        [record(status="applied", also_on=[{"source": "lever", "url": "https://lever.co/j"}])],
        profile_name="me",
        generated_at=NOW,
    )
    assert '<span class="badge status-applied">applied</span>' in page
    assert "also on" in page and 'href="https://lever.co/j"' in page
    plain = render_report([record()], profile_name="me", generated_at=NOW)
    assert 'class="badge status' not in plain and "also on" not in plain


def test_zero_records() -> None:
    page = render_report([], profile_name="me", generated_at=NOW, filters="--remote")
    assert "No matches." in page
    assert '<b id="match-count">0</b> matches' in page
    assert "<details" not in page and "<script" not in page


def test_page_is_self_contained_and_csp_allows_only_its_script() -> None:
    page = render_report([record()], profile_name="me", generated_at=NOW)
    assert not re.search(r"(?:src|href)=\"(?!https://boards\.greenhouse\.io)", page)
    assert "@import" not in page and "url(" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    script = re.search(r"<script>(.*?)</script>", page, flags=re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    policy = csp.group(1).replace("&#x27;", "'")
    assert "default-src 'none'" in policy
    assert f"script-src 'sha256-{digest}'" in policy
    # The same records give the same page: no per-run nonce.
    assert page == render_report([record()], profile_name="me", generated_at=NOW)


@pytest.mark.parametrize(
    ("salary", "shown"),
    [
        ({"min": 3_000_000, "max": 4_200_000, "currency": "INR", "period": "year"}, "₹30–42 LPA"),
        ({"min": 140_000, "max": 175_000, "currency": "USD", "period": "year"}, "USD 140k–175k/yr"),
        ({"min": None, "max": 5_500_000, "currency": "INR", "period": "year"}, "up to ₹55 LPA"),
        ({"min": 2_250_000, "max": None, "currency": "INR", "period": "year"}, "₹22.5+ LPA"),
        ({"min": 60, "max": 80, "currency": "usd", "period": "hour"}, "USD 60–80/hr"),
        ({"min": 5000, "max": 5000, "currency": "EUR", "period": "month"}, "EUR 5k/mo"),
        ({"min": None, "max": None, "currency": "USD", "period": "year"}, ""),
    ],
)
def test_salary_format(salary: dict[str, Any], shown: str) -> None:
    assert format_salary(salary) == shown


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("has PMP (required)", "ok"),
        ("skills matched: jira", "ok"),
        ("missing CSM (required)", "missing"),
        ("skills missing: kubernetes", "missing"),
        ("dealbreaker: mentions 'travel'", "missing"),
        ("stretch: asks 10+ years, you have 6", "stretch"),
        ("level lead: 1 above yours", "stretch"),
        ("pay up to USD 90k/yr, below your floor", "stretch"),
        ("onsite in London: relocation", "stretch"),
        ("title ≈ Technical Project Manager (92)", "info"),
    ],
)
def test_reason_kind(reason: str, kind: str) -> None:
    assert reason_kind(reason) == kind


def cli(config: Path, *args: str) -> str:
    """`jobmatch --config CONFIG ARGS` in this process (typer's runner): its stdout."""
    result = CliRunner().invoke(app, ["--config", str(config), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout + result.stderr


def test_the_report_a_user_writes_shows_what_matches_shows_and_its_mark_command_works(
    tmp_path: Path,
) -> None:
    with serve_greenhouse(demo_boards()) as url:
        config = write_config(tmp_path, url)
        cli(config, "run")
    expected = json.loads(cli(config, "matches", "--format", "json", "--limit", "100"))
    out = tmp_path / "report.html"
    assert f"({len(expected)} matches)" in cli(config, "report", "--out", str(out))
    shown = rows(out.read_text(encoding="utf-8"))
    assert len(shown) == len(expected) >= 5
    for row, match in zip(shown, expected, strict=True):
        # Same listing, same order, every reason in the order the CLI ranks them.
        assert f'<span class="t">{html.escape(match["title"])}</span>' in row
        reasons = [html.unescape(r) for r in re.findall(r'<li class="[a-z]+">([^<]*)</li>', row)]
        assert reasons == match["reasons"]
    # The command in the fold, pasted into a shell as it is, marks the job.
    best = expected[0]
    command = re.findall(r'<code class="cmd">([^<]*)</code>', shown[0])
    assert command == [f"jobmatch mark {best['id']} applied"]
    cli(config, *command[0].split()[1:])
    cli(config, "report", "--out", str(out))
    first = rows(out.read_text(encoding="utf-8"))[0]
    assert 'data-status="applied"' in first
    assert '<span class="badge status-applied">applied</span>' in first
