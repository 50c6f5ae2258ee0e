"""The HTML report: escaping of untrusted listing text, safe links, and a real browser run."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jobmatch.report import format_salary, reason_kind, render_report, safe_url

CHROMIUM = Path("/usr/bin/chromium")
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
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "div", "span",
        "b", "time", "nav", "label", "select", "option", "main", "article", "a", "ul", "li",
        "script",
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


def test_cards_have_score_bars_chips_and_coloured_reasons() -> None:
    page = render_report(
        [record(), record(id=8, score=40, title="Scrum Master", facts=None)],
        profile_name="Asha",
        generated_at=NOW,
        filters="--min-score 30 --since 14d",
    )
    assert page.count('<article class="card"') == 2
    assert '<span class="num">86</span>' in page
    assert 'class="score hi"' in page and 'class="score lo"' in page
    assert '<span style="width:86.4%"></span>' in page
    assert '<span class="pts">7.2/12</span>' in page
    assert 'title="missing CSM (preferred)"' in page  # a component's notes as its tooltip
    assert "required certs" in page and "preferred certs" in page
    assert "₹30–42 LPA" in page
    assert '<span class="k">exp</span>7+ yrs' in page
    assert '<span class="k">mode</span>hybrid' in page
    assert '<span class="k">role</span>technical project manager' in page
    assert '<li class="ok">has PMP (required)</li>' in page
    assert '<li class="missing">missing CSM (preferred)</li>' in page
    assert '<li class="stretch">stretch: asks 7+ years, you have 6</li>' in page
    assert '<li class="stretch">hybrid in London: relocation</li>' in page
    assert '<li class="ok">skills matched: jira, aws</li>' in page
    assert "--min-score 30 --since 14d" in page
    assert "Asha" in page and "2025-03-10 07:30 UTC" in page
    assert "posted 3 days ago" in page
    assert '<option value="technical_project_manager">' in page
    assert '<option value="hybrid">hybrid</option>' in page


def test_status_and_also_on_are_shown_when_present() -> None:
    page = render_report(
        [record(status="applied", also_on=[{"source": "lever", "url": "https://lever.co/j"}])],
        profile_name="me",
        generated_at=NOW,
    )
    assert '<span class="status status-applied">applied</span>' in page
    assert "also on" in page and 'href="https://lever.co/j"' in page
    plain = render_report([record()], profile_name="me", generated_at=NOW)
    assert 'class="status' not in plain and "also on" not in plain


def test_zero_records() -> None:
    page = render_report([], profile_name="me", generated_at=NOW, filters="--remote")
    assert "No matches." in page
    assert '<b id="match-count">0</b> matches' in page
    assert "<article" not in page and "<script" not in page


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


def dump_dom(page: Path, profile_dir: Path) -> str:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile_dir}",
        "--virtual-time-budget=2000",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.browser
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install -y chromium)")
    records = [
        record(id=1, title=SCRIPT_TITLE, url="javascript:document.title='PWNED'"),
        record(id=2, title=IMG_TITLE, company=IMG_TITLE, reasons=[IMG_TITLE]),
        record(
            id=3,
            title="Scrum Master",
            score=51,
            facts={**record()["facts"], "role_variant": "scrum_master", "work_mode": "remote"},
        ),
    ]
    page = tmp_path / "report.html"
    page.write_text(render_report(records, profile_name="Asha", generated_at=NOW), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "chromium-profile")

    # The script ran (the CSP let it): it filled in the count and showed the filter bar.
    assert re.search(r'<span id="shown-count"[^>]*>3 of 3 shown</span>', dom), dom[-3000:]
    assert '<nav class="filters" id="filters">' in dom
    assert dom.count('<article class="card"') == 3
    # Nothing injected ran: the title is ours and no element got the attribute.
    assert "<title>jobmatch — Asha</title>" in dom
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and body.group(0) == "<body>"
    assert 'data-pwned="' not in dom
    assert "<img" not in dom
    # ...and the hostile text is still there to read, as text.
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom


@pytest.mark.browser
def test_csp_blocks_markup_that_slipped_past_escaping(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install -y chromium)")
    page = render_report([record()], profile_name="Asha", generated_at=NOW)
    slipped = page.replace('<main id="matches">', f'<main id="matches">{SCRIPT_TITLE}{IMG_TITLE}')
    path = tmp_path / "slipped.html"
    path.write_text(slipped, encoding="utf-8")
    dom = dump_dom(path, tmp_path / "chromium-profile")
    assert re.search(r'<span id="shown-count"[^>]*>1 of 1 shown</span>', dom)  # ours ran
    assert "<title>jobmatch — Asha</title>" in dom  # the injected script did not
    assert 'data-pwned="' not in dom  # nor the injected handler
