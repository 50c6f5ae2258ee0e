"""The page: a header, a sticky bar of sort and filters, then one compact row per match
whose `<details>` folds the reasons, the score's parts, the links and the `mark` command.

Every piece of listing text is untrusted: it is cleaned of control characters and
HTML-escaped (attributes too); links are kept only when they are plain http(s) URLs.
Data for sorting and filtering travels in data-* attributes, never as embedded JSON.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from jobmatch.output import clean
from jobmatch.report.assets import COMPONENT_LABELS, CONTENT_SECURITY_POLICY, CSS, SCRIPT
from jobmatch.report.values import (
    ago,
    as_utc,
    band,
    esc,
    facts_of,
    flag_kind,
    format_salary,
    label,
    number,
    parse_time,
    reason_kind,
    safe_url,
    score_of,
    short_ago,
    slug,
    text,
    yearly_usd,
)

_UNMARKED = "unmarked"
_LINK = 'rel="noopener noreferrer" target="_blank"'


def render_report(
    records: Sequence[Mapping[str, Any]],
    *,
    profile_name: str,
    generated_at: datetime,
    filters: str = "",
) -> str:
    """One HTML page for `records` (dicts shaped like `output.match_record`), best first."""
    when = as_utc(generated_at)
    title = f"jobmatch — {clean(profile_name) or 'profile'}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CONTENT_SECURITY_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(records, profile_name=profile_name, when=when, filters=filters),
    ]
    if records:
        parts.append(_tools(records))
        parts.append('<main id="matches">')
        parts.append(
            '<div class="cols" aria-hidden="true"><span></span><span>score</span>'
            "<span>parts</span><span>job</span><span>company</span><span>place</span>"
            '<span>pay</span><span class="when">posted</span></div>'
        )
        parts.extend(_row(rank, record, when) for rank, record in enumerate(records, start=1))
        parts.append("</main>")
        parts.append(f"<script>{SCRIPT}</script>")
    else:
        parts.append('<main id="matches"><p class="empty">No matches.</p></main>')
    parts.extend(["</body>", "</html>", ""])
    return "\n".join(parts)


def _header(
    records: Sequence[Mapping[str, Any]], *, profile_name: str, when: datetime, filters: str
) -> str:
    count = len(records)
    meta = [
        f"<span>profile <b>{esc(clean(profile_name))}</b></span>",
        f'<span>generated <time datetime="{esc(when.isoformat())}">'
        f"{esc(when.strftime('%Y-%m-%d %H:%M'))} UTC</time></span>",
        f'<span><b id="match-count">{count}</b> {"match" if count == 1 else "matches"}</span>',
    ]
    if clean(filters):
        meta.append(f'<span>filters <b class="filters-used">{esc(clean(filters))}</b></span>')
    extra = ""
    if records:
        scores = [score_of(record) for record in records]
        hi = sum(1 for s in scores if s >= 70)
        mid = sum(1 for s in scores if 45 <= s < 70)
        extra = (
            '<div class="bands">'
            f'<span class="band hi">{hi} strong (70+)</span>'
            f'<span class="band mid">{mid} fair (45–69)</span>'
            f'<span class="band lo">{count - hi - mid} weak (&lt;45)</span>'
            "</div>"
            '<ul class="legend" title="the parts of each score, in the bars">'
            + "".join(
                f'<li><span class="sw c-{name}"></span>{esc(shown)}</li>'
                for name, shown in COMPONENT_LABELS.items()
            )
            + "</ul>"
        )
    return (
        '<header class="top">'
        f"<h1>Job matches for {esc(clean(profile_name))}</h1>"
        f'<div class="meta">{"".join(meta)}</div>{extra}</header>'
    )


def _tools(records: Sequence[Mapping[str, Any]]) -> str:
    # Hidden until the script runs: without JavaScript the rows stay in score order, unfiltered.
    roles = _distinct(facts_of(r).get("role_variant") for r in records)
    modes = _distinct(facts_of(r).get("work_mode") for r in records)
    statuses = _distinct(_status(r) for r in records)
    kinds = _distinct(flag_kind(flag) for r in records for flag in _flags(r))
    flag_options = [("flagged", "any flag")] if kinds else []
    flag_options += [(k, k) for k in kinds if k != "other"] + [("none", "no flag")]
    sorts = [("score", "score"), ("pay", "pay (highest first)"), ("date", "date (newest first)")]
    return (
        '<nav class="tools" id="tools" hidden>'
        f'<label>sort by <select id="f-sort">{_options(sorts, everything=False)}</select></label>'
        f'<label>role <select id="f-role">{_options([(v, label(v)) for v in roles])}</select>'
        "</label>"
        f'<label>work mode <select id="f-mode">{_options([(v, v) for v in modes])}</select>'
        "</label>"
        f'<label>status <select id="f-status">{_options([(v, v) for v in statuses])}</select>'
        "</label>"
        f'<label>flag <select id="f-flag">{_options(flag_options)}</select></label>'
        '<span id="shown-count" aria-live="polite"></span>'
        "</nav>"
    )


def _options(values: Iterable[tuple[str, str]], *, everything: bool = True) -> str:
    options = ['<option value="">all</option>'] if everything else []
    options.extend(f'<option value="{esc(v)}">{esc(shown)}</option>' for v, shown in values)
    return "".join(options)


def _row(rank: int, record: Mapping[str, Any], now: datetime) -> str:
    facts = facts_of(record)
    score = score_of(record)
    title = clean(text(record.get("title"))) or "(untitled)"
    company = clean(text(record.get("company")))
    place = clean(text(record.get("location"))) or clean(text(facts.get("work_mode")))
    salary = facts.get("salary")
    pay = format_salary(salary) if isinstance(salary, Mapping) else ""
    yearly = yearly_usd(salary)
    when = parse_time(record.get("posted_at")) or parse_time(record.get("first_seen"))
    flags = _flags(record)
    status = _status(record)
    reasons = _reasons(record)
    attrs = {
        "rank": str(rank),
        "score": f"{score:g}",
        "pay": "" if yearly is None else f"{yearly:.0f}",
        "date": "" if when is None else f"{when.timestamp():.0f}",
        "role": text(facts.get("role_variant")),
        "mode": text(facts.get("work_mode")),
        "status": status,
        "flag": " ".join(["flagged", *dict.fromkeys(map(flag_kind, flags))]) if flags else "none",
    }
    data = " ".join(f'data-{key}="{esc(value)}"' for key, value in attrs.items() if value)
    badges = ""
    if any(reason.startswith("dealbreaker") for reason in reasons):
        badges += '<span class="badge dealbreaker">dealbreaker</span>'
    if status != _UNMARKED:
        badges += f'<span class="badge status-{esc(slug(status))}">{esc(status)}</span>'
    if flags:  # short in the row: the kinds; the evidence in the tooltip and the fold
        kinds = ", ".join(_flag_kinds(flags))
        badges += f'<span class="badge flag" title="{esc(", ".join(flags))}">⚑ {esc(kinds)}</span>'
    return (
        f'<details class="m" id="match-{rank}" {data}>'
        "<summary>"
        '<span class="caret"></span>'
        f'<span class="sc {band(score)}" title="score {score:.0f} of 100">{score:.0f}</span>'
        f"{_stack(record.get('components'), score)}"
        f'<span class="job" title="{esc(title)}"><span class="t">{esc(title)}</span>{badges}'
        "</span>"
        f'<span class="co" title="{esc(company)}">{esc(company) or "—"}</span>'
        f'<span class="pl" title="{esc(place)}">{esc(place) or "—"}</span>'
        f'<span class="pay{"" if pay else " none"}">{esc(pay) or "—"}</span>'
        f'<span class="when">{esc(short_ago(when, now)) if when else "—"}</span>'
        "</summary>"
        '<div class="more">'
        f"{_reason_list(reasons)}"
        f"{_component_list(record.get('components'))}"
        f"{_links(record, flags, now)}"
        "</div></details>"
    )


def _parts(components: Any) -> list[tuple[str, float, float]]:
    """(name, points, max) of each scored component, in the matcher's order."""
    if not isinstance(components, Mapping):
        return []
    parts = []
    for name, comp in components.items():
        if isinstance(comp, Mapping) and number(comp.get("max")) > 0:
            top = number(comp.get("max"))
            parts.append((clean(str(name)), max(0.0, min(top, number(comp.get("points")))), top))
    return parts


def _stack(components: Any, score: float) -> str:
    """One bar as long as the score, split by each component's share of the points."""
    parts = _parts(components)
    got = sum(points for _, points, _ in parts)
    tip = " · ".join(f"{_component_label(n)} {p:g}/{t:g}" for n, p, t in parts)
    segments = "".join(
        f'<span class="{_component_class(name)}" style="width:{points / got * score:.1f}%"></span>'
        for name, points, _ in parts
        if points > 0 and got > 0
    )
    return f'<span class="stack" title="{esc(tip or "no parts scored")}">{segments}</span>'


def _component_list(components: Any) -> str:
    rows = "".join(
        f'<li><span><span class="sw {_component_class(name)}"></span>'
        f"{esc(_component_label(name))}</span>"
        f'<span class="pts">{points:g}/{top:g}</span></li>'
        for name, points, top in _parts(components)
    )
    return f'<ul class="comps">{rows}</ul>' if rows else ""


def _component_label(name: str) -> str:
    return COMPONENT_LABELS.get(name, name)


def _component_class(name: str) -> str:
    return f"c-{name}" if name in COMPONENT_LABELS else "c-other"


def _reasons(record: Mapping[str, Any]) -> list[str]:
    """The record's reasons as given: `output.match_record` orders them as the CLI does."""
    reasons = record.get("reasons")
    if not isinstance(reasons, list | tuple):
        return []
    return [shown for shown in (clean(text(reason)) for reason in reasons) if shown]


def _reason_list(reasons: list[str]) -> str:
    items = "".join(f'<li class="{reason_kind(r)}">{esc(r)}</li>' for r in reasons)
    return f'<ul class="reasons">{items}</ul>' if items else '<ul class="reasons"></ul>'


def _links(record: Mapping[str, Any], flags: list[str], now: datetime) -> str:
    parts: list[str] = []
    source = clean(text(record.get("source")))
    url = safe_url(record.get("url"))
    if url:
        shown = f"open on {source}" if source else "open listing"
        parts.append(f'<a href="{esc(url)}" {_LINK}>{esc(shown)}</a>')
    elif source:
        parts.append(f"<span>from {esc(source)}</span>")
    also = record.get("also_on")
    if isinstance(also, list | tuple):
        others = []
        for item in also:
            if not isinstance(item, Mapping):
                continue
            name = clean(text(item.get("source"))) or "elsewhere"
            link = safe_url(item.get("url"))
            others.append(f'<a href="{esc(link)}" {_LINK}>{esc(name)}</a>' if link else esc(name))
        if others:
            parts.append(f'<span class="also-on">also on {", ".join(others)}</span>')
    if flags:
        parts.append(f'<span class="flag">⚑ {esc(", ".join(flags))}</span>')
    for key, verb in (("posted_at", "posted"), ("first_seen", "first seen")):
        when = parse_time(record.get(key))
        if when is not None:
            parts.append(
                f'<span><time datetime="{esc(when.isoformat())}">{verb} {ago(when, now)}</time>'
                "</span>"
            )
    note = clean(text(record.get("note")))
    if note:
        parts.append(f'<span class="note">note: {esc(note)}</span>')
    listing_id = clean(text(record.get("id")))
    if listing_id:
        parts.append(f"<span>id {esc(listing_id)}</span>")
        parts.append(
            f'<span>mark it: <code class="cmd">jobmatch mark {esc(listing_id)} applied</code></span>'
        )
    return f'<div class="links">{"".join(parts)}</div>' if parts else ""


def _status(record: Mapping[str, Any]) -> str:
    return clean(text(record.get("status"))) or _UNMARKED


def _flags(record: Mapping[str, Any]) -> list[str]:
    flags = record.get("flags")
    if not isinstance(flags, list | tuple):
        return []
    return [shown for shown in (clean(text(flag)) for flag in flags) if shown]


def _flag_kinds(flags: list[str]) -> list[str]:
    """Each flag's kind once ('stale', 'reposted'); a flag of no known kind as it is."""
    return list(
        dict.fromkeys(flag if flag_kind(flag) == "other" else flag_kind(flag) for flag in flags)
    )


def _distinct(values: Iterable[Any]) -> list[str]:
    return sorted({str(v) for v in values if v not in (None, "")})
