"""The HTML report in a real browser (headless Chromium): its script runs under its CSP and
nothing injected does; sorting and filters as a user clicks them; and how many matches a
1366×768 screen shows before any scrolling, measured by the browser's own layout."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from jobmatch.report import render_report
from tests.cdp import CHROMIUM, shoot
from tests.test_report import IMG_TITLE, NOW, SCRIPT_TITLE, record

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install -y chromium)"
    ),
]


def dump_dom(page: Path, profile_dir: Path) -> str:
    return dump_dom_at(page.as_uri(), profile_dir)


def dump_dom_at(url: str, profile_dir: Path) -> str:
    """The page's DOM after its script ran, as headless Chromium serialises it."""
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
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_report_in_headless_chromium(tmp_path: Path) -> None:
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
    assert '<nav class="tools" id="tools">' in dom
    assert dom.count('<details class="m"') == 3
    # Nothing injected ran: the title is ours and no element got the attribute.
    assert "<title>jobmatch — Asha</title>" in dom
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None and body.group(0) == "<body>"
    assert 'data-pwned="' not in dom
    assert "<img" not in dom
    # ...and the hostile text is still there to read, as text.
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom


def test_csp_blocks_markup_that_slipped_past_escaping(tmp_path: Path) -> None:
    page = render_report([record()], profile_name="Asha", generated_at=NOW)
    slipped = page.replace('<main id="matches">', f'<main id="matches">{SCRIPT_TITLE}{IMG_TITLE}')
    path = tmp_path / "slipped.html"
    path.write_text(slipped, encoding="utf-8")
    dom = dump_dom(path, tmp_path / "chromium-profile")
    assert re.search(r'<span id="shown-count"[^>]*>1 of 1 shown</span>', dom)  # ours ran
    assert "<title>jobmatch — Asha</title>" in dom  # the injected script did not
    assert 'data-pwned="' not in dom  # nor the injected handler


def many_records(count: int) -> list[dict[str, Any]]:
    """`count` matches as varied as a real night's: long titles and places, contract pay,
    flags, statuses, a dealbreaker, no pay at all."""
    titles = [
        "Senior Technical Program Manager, Cloud Infrastructure and Developer Platforms (Remote)",
        "Scrum Master",
        "Technical Project Manager – Payments",
        "Agile Delivery Lead, Core Banking Modernisation Programme",
        "IT Project Manager (Contract, 6 months)",
    ]
    modes = ["hybrid", "remote", "onsite"]
    salaries: list[dict[str, Any] | None] = [
        {"min": 3_000_000, "max": 4_200_000, "currency": "INR", "period": "year"},
        {"min": 60, "max": 80, "currency": "USD", "period": "hour"},
        None,
        {"min": 140_000, "max": 175_000, "currency": "USD", "period": "year"},
    ]
    records = []
    for n in range(count):
        records.append(
            record(
                id=100 + n,
                score=98 - n * 4,
                title=titles[n % len(titles)],
                company=f"Company {n} Private Limited, a very long registered name",
                location="Bengaluru, Karnataka, India; Hyderabad, Telangana, India",
                status=[None, "applied", "saved"][n % 3],
                flags=["open 74 days", "reposted 3× since 12 Sep"] if n % 4 == 1 else [],
                facts={
                    **record()["facts"],
                    "work_mode": modes[n % 3],
                    "salary": salaries[n % 4],
                    "role_variant": ["technical_project_manager", "scrum_master"][n % 2],
                },
                posted_at=f"2025-0{1 + n % 3}-0{1 + n % 9}T00:00:00+00:00",
                reasons=[*record()["reasons"], *[f"extra note {k}" for k in range(n % 7)]],
            )
        )
    records[-1] = record(
        id=999, score=0, components={}, reasons=["dealbreaker: requires the right to work in US"]
    )
    return records


# Measured in the page, by the browser's own layout: how many match rows lie entirely in the
# viewport, and the viewport's size.
ABOVE_THE_FOLD = """(function () {
  var rows = document.querySelectorAll("#matches details.m"), above = 0;
  rows.forEach(function (row) {
    var box = row.getBoundingClientRect();
    if (!row.hidden && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight) {
      above += 1;
    }
  });
  return {width: innerWidth, height: innerHeight, rows: rows.length, above: above,
          shown: document.getElementById("shown-count").textContent,
          scrollWidth: document.documentElement.scrollWidth};
})()"""


def test_a_1366x768_screenshot_shows_at_least_ten_matches(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    html = render_report(many_records(18), profile_name="Asha Rao", generated_at=NOW)
    page.write_text(html, encoding="utf-8")
    shot = shoot(
        page.as_uri(), ABOVE_THE_FOLD, width=1366, height=768, profile_dir=tmp_path / "chromium"
    )
    (tmp_path / "report-1366x768.png").write_bytes(shot.png)
    print(f"above the fold at 1366x768: {shot.value}")  # the figure, with pytest -s
    assert shot.size == (1366, 768)
    measured = shot.value
    assert (measured["width"], measured["height"]) == (1366, 768)
    assert measured["rows"] == 18 and measured["shown"] == "18 of 18 shown"  # our script ran
    assert measured["scrollWidth"] <= 1366  # long titles are cut, not scrolled sideways
    assert measured["above"] >= 10, measured


# A user's clicks: choose a sort, then filters, reading the order and count after each.
INTERACT = """(function () {
  function ids() {
    return Array.prototype.slice.call(document.querySelectorAll("#matches details.m"))
      .filter(function (row) { return !row.hidden; })
      .map(function (row) { return row.id; });
  }
  function pick(id, value) {
    var select = document.getElementById(id);
    select.value = value;
    select.dispatchEvent(new Event("change"));
    return {ids: ids(), shown: document.getElementById("shown-count").textContent,
            hash: location.hash};
  }
  return {start: ids(), pay: pick("f-sort", "pay"), date: pick("f-sort", "date"),
          remote: pick("f-mode", "remote"), stale: pick("f-flag", "stale"),
          applied: pick("f-status", "applied"), role: pick("f-role", "scrum_master"),
          none: pick("f-flag", "none")};
})()"""


def sortable_records() -> list[dict[str, Any]]:
    facts = record()["facts"]

    def pay(top: float, currency: str = "INR", period: str = "year") -> dict[str, Any]:
        return {"min": None, "max": top, "currency": currency, "period": period}

    return [  # best score first, as `matches` gives them
        record(id=1, score=90, posted_at="2025-03-01T00:00:00+00:00",
               facts={**facts, "salary": pay(2_000_000), "work_mode": "hybrid"}),
        record(id=2, score=80, posted_at="2025-03-09T00:00:00+00:00",
               facts={**facts, "salary": None, "work_mode": "remote"},
               flags=["open 60 days"], status="applied"),
        record(id=3, score=70, posted_at=None, first_seen="2025-03-05T00:00:00+00:00",
               facts={**facts, "salary": pay(80, "USD", "hour"), "work_mode": "remote",
                      "role_variant": "scrum_master"}),
        record(id=4, score=60, posted_at="2025-02-01T00:00:00+00:00",
               facts={**facts, "salary": pay(150_000, "USD"), "work_mode": "remote"},
               flags=["reposted 2× since 01 Feb"], status="applied"),
    ]  # fmt: skip


def test_sort_and_filters_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        render_report(sortable_records(), profile_name="me", generated_at=NOW), encoding="utf-8"
    )
    seen = shoot(page.as_uri(), INTERACT, width=1366, height=768, profile_dir=tmp_path / "c").value
    rank = {f"match-{n}": n for n in range(1, 5)}  # the rows' ids are their score ranks
    assert [rank[i] for i in seen["start"]] == [1, 2, 3, 4]  # by score
    # USD 80/hr = 166k a year > USD 150k > ₹20 LPA (24k); no pay last.
    assert [rank[i] for i in seen["pay"]["ids"]] == [3, 4, 1, 2]
    assert seen["pay"]["hash"] == "#sort=pay"
    assert [rank[i] for i in seen["date"]["ids"]] == [2, 3, 1, 4]  # posted, else first seen
    assert [rank[i] for i in seen["remote"]["ids"]] == [2, 3, 4]
    assert seen["remote"]["shown"] == "3 of 4 shown"
    assert [rank[i] for i in seen["stale"]["ids"]] == [2]
    assert [rank[i] for i in seen["applied"]["ids"]] == [2]
    assert seen["role"]["ids"] == [] and seen["role"]["shown"] == "0 of 4 shown"
    assert (
        seen["none"]["hash"] == "#sort=date&role=scrum_master&mode=remote&status=applied&flag=none"
    )

    # The view kept in the address opens as it was left; values it doesn't offer are ignored.
    dom = dump_dom_at(f"{page.as_uri()}#sort=pay&mode=remote&flag=flagged", tmp_path / "d")
    tags = re.findall(r'<details class="m" id="(match-\d)"([^>]*)>', dom)
    assert [(row, "hidden" in attrs) for row, attrs in tags] == [
        ("match-3", True), ("match-4", False), ("match-1", True), ("match-2", False)
    ]  # fmt: skip
    odd = dump_dom_at(f"{page.as_uri()}#sort=evil&mode=%3Cb%3E&flag=%E0%A4", tmp_path / "e")
    assert re.findall(r'<details class="m" id="(match-\d)"', odd) == [
        f"match-{n}" for n in (1, 2, 3, 4)
    ]
    assert "4 of 4 shown" in odd
