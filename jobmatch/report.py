"""Render ranked matches as one self-contained HTML page: cards, score bars, chips, filters.

Every piece of listing text is untrusted: it is cleaned of control characters and
HTML-escaped (attributes too); links are kept only when they are plain http(s) URLs. The
page loads nothing from anywhere, and its Content-Security-Policy allows only its own
inline script (by hash), so an escaping slip still could not run an injected script.
Data for the in-page filters travels in data-* attributes, never as embedded JSON.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from jobmatch.output import clean

# Component names as `matcher.score` writes them; anything else is shown under its own name.
_COMPONENT_LABELS: Mapping[str, str] = {
    "role": "role fit",
    "level": "level",
    "required": "required certs",
    "preferred": "preferred certs",
    "skills": "skills",
    "location": "location",
    "salary": "salary",
    "recency": "recency",
}
_PERIODS: Mapping[str, str] = {
    "year": "yr",
    "month": "mo",
    "hour": "hr",
    "week": "wk",
    "day": "day",
}
_OK_PREFIXES = ("has ", "skills matched", "meets ")
_MISSING_PREFIXES = ("missing", "skills missing", "dealbreaker")
_STRETCH_PREFIXES = ("stretch", "below", "above", "relocation")
# Score notes put the amber words mid-sentence too ("level lead: 1 above yours",
# "onsite in London: relocation", "pay up to USD 90k/yr, below your floor").
_STRETCH_WORDS = re.compile(r"\b(?:stretch|below|above|relocation)\b", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")

_CSS = """
:root{--bg:#f4f5f7;--card:#fff;--ink:#1d2330;--mute:#5d6677;--line:#e2e5ea;--chip:#eef1f5;
--ok:#1f8a4c;--ok-bg:#e5f5ec;--warn:#a86500;--warn-bg:#fdf1dc;--bad:#c0392b;--bad-bg:#fbe7e5;
--accent:#3552c4;--track:#e6e9ef}
@media (prefers-color-scheme:dark){:root{--bg:#14171d;--card:#1d222b;--ink:#e6e9ef;
--mute:#9aa3b2;--line:#2c333f;--chip:#272e3a;--ok:#4cc584;--ok-bg:#173526;--warn:#f0b14a;
--warn-bg:#3a2c12;--bad:#f0756a;--bad-bg:#3d1c1a;--accent:#8ea2ff;--track:#2c333f}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{padding:24px 28px 18px;background:var(--card);border-bottom:1px solid var(--line)}
header.top h1{margin:0 0 4px;font-size:22px}
.meta{color:var(--mute);font-size:13px;display:flex;flex-wrap:wrap;gap:4px 16px}
.meta b{color:var(--ink);font-weight:600}
.bands{margin-top:10px;display:flex;gap:8px;flex-wrap:wrap;font-size:13px}
.band{padding:2px 10px;border-radius:999px;font-weight:600}
.band.hi{background:var(--ok-bg);color:var(--ok)}
.band.mid{background:var(--warn-bg);color:var(--warn)}
.band.lo{background:var(--bad-bg);color:var(--bad)}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:10px 18px;padding:12px 28px;
position:sticky;top:0;z-index:2;background:var(--bg);border-bottom:1px solid var(--line)}
.filters label{font-size:13px;color:var(--mute)}
.filters select{margin-left:6px;font:inherit;padding:3px 6px;border-radius:6px;
border:1px solid var(--line);background:var(--card);color:var(--ink)}
#shown-count{font-size:13px;font-weight:600;margin-left:auto}
main{max-width:1100px;margin:0 auto;padding:18px 20px 48px}
.empty{text-align:center;color:var(--mute);padding:60px 0;font-size:18px}
.card{display:grid;grid-template-columns:56px 104px 1fr;gap:0 18px;background:var(--card);
border:1px solid var(--line);border-radius:12px;padding:16px 18px;margin:0 0 14px;
box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card[hidden]{display:none}
.rank{font-size:15px;font-weight:700;color:var(--mute);padding-top:6px}
.score .num{display:block;font-size:40px;font-weight:800;line-height:1;letter-spacing:-1px}
.score .of{font-size:12px;color:var(--mute)}
.score.hi .num{color:var(--ok)}.score.mid .num{color:var(--warn)}.score.lo .num{color:var(--bad)}
.bar{height:8px;border-radius:4px;background:var(--track);overflow:hidden;margin-top:8px}
.bar>span{display:block;height:100%;border-radius:4px}
.hi .bar>span,.comp.hi .bar>span{background:var(--ok)}
.mid .bar>span,.comp.mid .bar>span{background:var(--warn)}
.lo .bar>span,.comp.lo .bar>span{background:var(--bad)}
.body{min-width:0}
.body h2{margin:0;font-size:18px;line-height:1.3;overflow-wrap:anywhere}
.body h2 a{color:var(--ink);text-decoration:none}
.body h2 a:hover{color:var(--accent);text-decoration:underline}
.sub{color:var(--mute);font-size:14px;margin-top:2px;overflow-wrap:anywhere}
.sub .company{color:var(--ink);font-weight:600}
.status{display:inline-block;margin-left:8px;padding:0 8px;border-radius:999px;font-size:12px;
font-weight:600;background:var(--chip);color:var(--accent);vertical-align:2px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:10px 0 0;padding:0;list-style:none}
.chip{background:var(--chip);border-radius:999px;padding:2px 10px;font-size:12.5px;
overflow-wrap:anywhere}
.chip .k{color:var(--mute);margin-right:4px}
.chip.money{background:var(--ok-bg);color:var(--ok);font-weight:600}
.comps{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:8px 18px;
margin:14px 0 0}
.comp{font-size:12.5px;cursor:help}
.comp .bar{height:6px;margin-top:3px}
.comp .row{display:flex;justify-content:space-between;gap:8px}
.comp .pts{color:var(--mute);font-variant-numeric:tabular-nums}
.reasons{margin:12px 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px}
.reasons li{font-size:13px;padding:2px 10px 2px 8px;border-radius:6px;background:var(--chip);
overflow-wrap:anywhere}
.reasons li::before{font-weight:700;margin-right:6px}
.reasons .ok{background:var(--ok-bg);color:var(--ok)}.reasons .ok::before{content:"\\2713"}
.reasons .missing{background:var(--bad-bg);color:var(--bad)}
.reasons .missing::before{content:"\\2717"}
.reasons .stretch{background:var(--warn-bg);color:var(--warn)}
.reasons .stretch::before{content:"~"}
.reasons .info::before{content:"\\00b7"}
.links{margin-top:12px;font-size:13px;color:var(--mute);display:flex;flex-wrap:wrap;gap:4px 14px}
.links a{color:var(--accent)}
.links .flag{color:#b45309;font-weight:600}
@media (max-width:720px){.card{grid-template-columns:40px 1fr}
.body{grid-column:1/-1;margin-top:10px}.filters,header.top{padding-left:16px;padding-right:16px}}
@media print{.filters{display:none}.card{break-inside:avoid;box-shadow:none}}
"""

# The page's one script. Its SHA-256 goes in the CSP, so the text must not vary per page.
_SCRIPT = """
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card"));
  var variant = document.getElementById("f-variant");
  var mode = document.getElementById("f-mode");
  var count = document.getElementById("shown-count");
  var bar = document.getElementById("filters");
  if (!variant || !mode || !count || !bar) { return; }
  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (!variant.value || card.getAttribute("data-variant") === variant.value) &&
               (!mode.value || card.getAttribute("data-mode") === mode.value);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + cards.length + " shown";
    count.setAttribute("data-shown", String(shown));
  }
  variant.addEventListener("change", apply);
  mode.addEventListener("change", apply);
  bar.hidden = false;
  apply();
})();
"""


def _script_hash() -> str:
    digest = hashlib.sha256(_SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src '{_script_hash()}'; base-uri 'none'; form-action 'none'"
)


def render_report(
    records: Sequence[Mapping[str, Any]],
    *,
    profile_name: str,
    generated_at: datetime,
    filters: str = "",
) -> str:
    """One HTML page for `records` (dicts shaped like `output.match_record`), best first."""
    when = _as_utc(generated_at)
    cards = [_card(rank, record, when) for rank, record in enumerate(records, start=1)]
    variants = _distinct(_facts(record).get("role_variant") for record in records)
    modes = _distinct(_facts(record).get("work_mode") for record in records)
    title = f"jobmatch — {clean(profile_name) or 'profile'}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        _header(records, profile_name=profile_name, when=when, filters=filters),
    ]
    if records:
        parts.append(_filter_bar(variants, modes))
        parts.append('<main id="matches">')
        parts.extend(cards)
        parts.append("</main>")
        parts.append(f"<script>{_SCRIPT}</script>")
    else:
        parts.append('<main id="matches"><p class="empty">No matches.</p></main>')
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)


def _header(
    records: Sequence[Mapping[str, Any]], *, profile_name: str, when: datetime, filters: str
) -> str:
    scores = [_score(record) for record in records]
    count = len(records)
    meta = [
        f"<span>profile <b>{_e(clean(profile_name))}</b></span>",
        f'<span>generated <time datetime="{_e(when.isoformat())}">'
        f"{_e(when.strftime('%Y-%m-%d %H:%M'))} UTC</time></span>",
        f'<span><b id="match-count">{count}</b> {"match" if count == 1 else "matches"}</span>',
    ]
    if clean(filters):
        meta.append(f'<span>filters <b class="filters-used">{_e(clean(filters))}</b></span>')
    bands = ""
    if records:
        hi = sum(1 for s in scores if s >= 70)
        mid = sum(1 for s in scores if 45 <= s < 70)
        lo = count - hi - mid
        bands = (
            '<div class="bands">'
            f'<span class="band hi">{hi} strong (70+)</span>'
            f'<span class="band mid">{mid} fair (45–69)</span>'
            f'<span class="band lo">{lo} weak (&lt;45)</span>'
            "</div>"
        )
    return (
        '<header class="top">'
        f"<h1>Job matches for {_e(clean(profile_name))}</h1>"
        f'<div class="meta">{"".join(meta)}</div>{bands}</header>'
    )


def _filter_bar(variants: list[str], modes: list[str]) -> str:
    # Hidden until the script runs: without JavaScript there is nothing to filter with.
    return (
        '<nav class="filters" id="filters" hidden>'
        f'<label>role <select id="f-variant">{_options(variants, _label)}</select></label>'
        f'<label>work mode <select id="f-mode">{_options(modes, str)}</select></label>'
        '<span id="shown-count" aria-live="polite"></span>'
        "</nav>"
    )


def _options(values: list[str], label: Callable[[str], str]) -> str:
    options = ['<option value="">all</option>']
    options.extend(f'<option value="{_e(v)}">{_e(label(v))}</option>' for v in values)
    return "".join(options)


def _card(rank: int, record: Mapping[str, Any], now: datetime) -> str:
    facts = _facts(record)
    score = _score(record)
    band = _band(score)
    title = clean(_text(record.get("title"))) or "(untitled)"
    url = safe_url(record.get("url"))
    heading = (
        f'<a href="{_e(url)}" rel="noopener noreferrer" target="_blank">{_e(title)}</a>'
        if url
        else _e(title)
    )
    status = clean(_text(record.get("status")))
    if status:
        slug = _SLUG.sub("-", status.lower()).strip("-")
        heading += f'<span class="status status-{slug}">{_e(status)}</span>'
    sub = [f'<span class="company">{_e(clean(_text(record.get("company"))) or "—")}</span>']
    location = clean(_text(record.get("location")))
    if location:
        sub.append(f'<span class="location">{_e(location)}</span>')
    return (
        f'<article class="card" id="match-{rank}" data-rank="{rank}" data-score="{score:g}" '
        f'data-variant="{_e(_text(facts.get("role_variant")))}" '
        f'data-mode="{_e(_text(facts.get("work_mode")))}">'
        f'<div class="rank">#{rank}</div>'
        f'<div class="score {band}" title="score {score:.0f} of 100">'
        f'<span class="num">{score:.0f}</span><span class="of">/ 100</span>'
        f'<div class="bar"><span style="width:{_pct(score, 100)}%"></span></div></div>'
        '<div class="body">'
        f"<h2>{heading}</h2>"
        f'<div class="sub">{" · ".join(sub)}</div>'
        f"{_chips(facts)}"
        f"{_components(record.get('components'))}"
        f"{_reasons(record.get('reasons'))}"
        f"{_links(record, url, now)}"
        "</div></article>"
    )


def _chips(facts: Mapping[str, Any]) -> str:
    chips: list[str] = []

    def add(key: str, value: str, css: str = "") -> None:
        if value:
            cls = f"chip {css}".strip()
            chips.append(f'<li class="{cls}"><span class="k">{key}</span>{_e(value)}</li>')

    add("role", _label(_text(facts.get("role_variant"))))
    add("level", clean(_text(facts.get("seniority"))))
    years = facts.get("years_min")
    if isinstance(years, int | float) and not isinstance(years, bool):
        add("exp", f"{years:g}+ yrs")
    add("mode", clean(_text(facts.get("work_mode"))))
    add("country", clean(_text(facts.get("country"))))
    salary = facts.get("salary")
    if isinstance(salary, Mapping):
        add("pay", format_salary(salary), "money")
    certs = facts.get("certifications")
    if isinstance(certs, list | tuple):
        add("certs", ", ".join(clean(_text(c)) for c in certs if clean(_text(c))))
    return f'<ul class="chips">{"".join(chips)}</ul>' if chips else ""


def _components(components: Any) -> str:
    if not isinstance(components, Mapping) or not components:
        return ""
    rows: list[str] = []
    for name, comp in components.items():
        if not isinstance(comp, Mapping):
            continue
        points = _number(comp.get("points"))
        top = _number(comp.get("max"))
        if top <= 0:
            continue
        notes = comp.get("notes")
        lines = [clean(_text(n)) for n in notes] if isinstance(notes, list | tuple) else []
        tip = "\n".join(line for line in lines if line) or "nothing to note"
        label = _COMPONENT_LABELS.get(str(name), clean(str(name)))
        rows.append(
            f'<div class="comp {_band(points / top * 100)}" title="{_e(tip)}" '
            f'data-component="{_e(clean(str(name)))}">'
            f'<div class="row"><span class="name">{_e(label)}</span>'
            f'<span class="pts">{points:g}/{top:g}</span></div>'
            f'<div class="bar"><span style="width:{_pct(points, top)}%"></span></div></div>'
        )
    return f'<div class="comps">{"".join(rows)}</div>' if rows else ""


def _reasons(reasons: Any) -> str:
    if not isinstance(reasons, list | tuple):
        return ""
    items = []
    for reason in reasons:
        text = clean(_text(reason))
        if text:
            items.append(f'<li class="{reason_kind(text)}">{_e(text)}</li>')
    return f'<ul class="reasons">{"".join(items)}</ul>' if items else ""


def _links(record: Mapping[str, Any], url: str | None, now: datetime) -> str:
    parts: list[str] = []
    source = clean(_text(record.get("source")))
    if url:
        label = f"open on {source}" if source else "open listing"
        parts.append(
            f'<a href="{_e(url)}" rel="noopener noreferrer" target="_blank">{_e(label)}</a>'
        )
    elif source:
        parts.append(f"<span>from {_e(source)}</span>")
    also = record.get("also_on")
    if isinstance(also, list | tuple):
        others = []
        for item in also:
            if not isinstance(item, Mapping):
                continue
            name = clean(_text(item.get("source"))) or "elsewhere"
            link = safe_url(item.get("url"))
            others.append(
                f'<a href="{_e(link)}" rel="noopener noreferrer" target="_blank">{_e(name)}</a>'
                if link
                else _e(name)
            )
        if others:
            parts.append(f'<span class="also-on">also on {", ".join(others)}</span>')
    flags = record.get("flags")
    if isinstance(flags, list | tuple) and flags:
        text = ", ".join(clean(_text(flag)) for flag in flags)
        parts.append(f'<span class="flag">⚑ {_e(text)}</span>')
    for key, verb in (("posted_at", "posted"), ("first_seen", "first seen")):
        when = _parse_time(record.get(key))
        if when is not None:
            parts.append(
                f'<span><time datetime="{_e(when.isoformat())}">{verb} {_ago(when, now)}</time>'
                "</span>"
            )
    if record.get("id") is not None:
        parts.append(f"<span>id {_e(clean(_text(record.get('id'))))}</span>")
    return f'<div class="links">{"".join(parts)}</div>' if parts else ""


def reason_kind(reason: str) -> str:
    """ok (green), missing (red), stretch (amber) or info, from a score note's wording."""
    text = reason.strip().lower()
    if text.startswith(_OK_PREFIXES):
        return "ok"
    if text.startswith(_MISSING_PREFIXES):
        return "missing"
    if text.startswith(_STRETCH_PREFIXES) or _STRETCH_WORDS.search(text):
        return "stretch"
    return "info"


def format_salary(salary: Mapping[str, Any]) -> str:
    """'₹30–42 LPA' for rupees a year, 'USD 140k–175k/yr' otherwise; '' when unusable."""
    low = _maybe_number(salary.get("min"))
    high = _maybe_number(salary.get("max"))
    currency = clean(_text(salary.get("currency"))).upper()
    period = clean(_text(salary.get("period"))).lower() or "year"
    lakhs = currency == "INR" and period == "year"
    fmt: Callable[[float], str] = _lakhs if lakhs else _thousands
    if low is not None and high is not None and low != high:
        lead, core = "", f"{fmt(low)}–{fmt(high)}"
    elif low is not None:
        lead, core = "", fmt(low) + ("+" if high is None else "")
    elif high is not None:
        lead, core = "up to ", fmt(high)
    else:
        return ""
    if lakhs:
        return f"{lead}₹{core} LPA"
    symbol = "₹" if currency == "INR" else f"{currency} " if currency else ""
    return f"{lead}{symbol}{core}/{_PERIODS.get(period, period)}"


def _lakhs(value: float) -> str:
    return _short(value / 100_000)


def _thousands(value: float) -> str:
    return f"{_short(value / 1000)}k" if abs(value) >= 1000 else _short(value)


def _short(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def safe_url(value: Any) -> str | None:
    """The URL if it is a plain absolute http(s) link, else None (javascript:, data:, ...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in url):
        return None
    lowered = url.lower()
    if not lowered.startswith(("http://", "https://")):
        return None
    host = url.split("://", 1)[1].split("/", 1)[0]
    return url if host and not host.startswith("@") else None


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _label(variant: str) -> str:
    return clean(variant).replace("_", " ")


def _facts(record: Mapping[str, Any]) -> Mapping[str, Any]:
    facts = record.get("facts")
    return facts if isinstance(facts, Mapping) else {}


def _distinct(values: Iterable[Any]) -> list[str]:
    return sorted({str(v) for v in values if v not in (None, "")})


def _score(record: Mapping[str, Any]) -> float:
    return max(0.0, min(100.0, _number(record.get("score"))))


def _number(value: Any) -> float:
    number = _maybe_number(value)
    return 0.0 if number is None else number


def _maybe_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if number == number and abs(number) != float("inf") else None


def _pct(points: float, top: float) -> str:
    share = max(0.0, min(1.0, points / top)) if top > 0 else 0.0
    return f"{share * 100:.1f}"


def _band(score: float) -> str:
    return "hi" if score >= 70 else "mid" if score >= 45 else "lo"


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return _as_utc(datetime.fromisoformat(value))
    except ValueError:
        return None


def _ago(when: datetime, now: datetime) -> str:
    days = (now - when).total_seconds() / 86400
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    if days < 60:
        return f"{days:.0f} days ago"
    return when.strftime("%Y-%m-%d")
