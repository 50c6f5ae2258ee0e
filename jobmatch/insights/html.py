"""Insights as one self-contained HTML page: the same sections as the terminal, with small
inline SVG charts (pay ranges beside the floor, weekly trend). No script at all; the
Content-Security-Policy allows inline styles only, so nothing injected could run, and the
page loads nothing from anywhere. All text is escaped; it is ours or the taxonomy's, except
the profile's name, which is escaped like everything else.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from jobmatch.insights.model import Insights, PaySection, TrendSection
from jobmatch.insights.render import Block, blocks, headline, money
from jobmatch.output import clean

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)

_CSS = """
:root{--bg:#f4f5f7;--card:#fff;--ink:#1d2330;--mute:#5d6677;--line:#e2e5ea;--accent:#3552c4;
--soft:#c9d3f5;--ok:#1f8a4c;--warn:#a86500}
@media (prefers-color-scheme:dark){:root{--bg:#14171d;--card:#1d222b;--ink:#e6e9ef;
--mute:#9aa3b2;--line:#2c333f;--accent:#8ea2ff;--soft:#39446b;--ok:#4cc584;--warn:#f0b14a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header.top{padding:24px 28px 18px;background:var(--card);border-bottom:1px solid var(--line)}
header.top h1{margin:0 0 4px;font-size:22px}
.meta{color:var(--mute);font-size:13px}
main{max-width:1100px;margin:0 auto;padding:18px 20px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;
padding:16px 18px;margin:0 0 16px}
section h2{margin:0 0 6px;font-size:18px}
p.note{margin:4px 0;color:var(--mute);font-size:13.5px}
table{border-collapse:collapse;margin:10px 0;font-size:14px;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
th{font-size:12.5px;color:var(--mute);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.few{color:var(--mute);font-style:italic}
svg{display:block}
.bar{fill:var(--accent)}.range{fill:var(--soft)}.median{fill:var(--accent)}
.floor{stroke:var(--warn);stroke-width:2}.base{stroke:var(--line)}
.legend{font-size:12.5px;color:var(--mute)}
"""


def _e(text: object) -> str:
    return html.escape(clean(str(text)), quote=True)


def render_html(insights: Insights) -> str:
    title, subtitle = headline(insights)
    sections = []
    for block in blocks(insights):
        if block.key == "pay":
            sections.append(_pay(block, insights.pay))
        elif block.key == "trend":
            sections.append(_trend(block, insights.trend))
        else:
            sections.append(_section(block, _table(block)))
    generated = insights.generated_at.strftime("%Y-%m-%d %H:%M")
    return "\n".join(
        [
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
            f'<header class="top"><h1>{_e(title)}</h1>'
            f'<div class="meta">{_e(subtitle)} · generated {_e(generated)} UTC</div></header>',
            "<main>",
            *sections,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def render_sections(shown: Sequence[Block]) -> str:
    """Blocks as plain sections (heading, notes, table; no charts), for a page that brings
    its own frame and style: the weekly digest's e-mail. Classes as on the page: `num`
    for right-aligned cells, `note` and `few`."""
    return "\n".join(_section(block, _table(block)) for block in shown)


def _section(block: Block, body: str, extra_footer: Sequence[str] = ()) -> str:
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in block.notes)
    footer = "".join(f'<p class="note">{_e(f)}</p>' for f in (*block.footer, *extra_footer))
    return (
        f'<section id="{_e(block.key)}"><h2>{_e(block.title)}</h2>{notes}{body}{footer}</section>'
    )


def _table(block: Block, extra: Sequence[str] | None = None, extra_head: str = "") -> str:
    if not block.header:
        return ""
    head = "".join(
        f"<th{' class=num' if k in block.numeric else ''}>{_e(h)}</th>"
        for k, h in enumerate(block.header)
    )
    if extra is not None:
        head += f"<th>{_e(extra_head)}</th>"
    rows = []
    for r, row in enumerate(block.rows):
        cells = "".join(_cell(k, cell, block) for k, cell in enumerate(row))
        if extra is not None:
            cells += f"<td>{extra[r]}</td>"
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(k: int, cell: str, block: Block) -> str:
    if cell == "too few":
        return f'<td class="few">{_e(cell)}</td>'
    return f"<td{' class=num' if k in block.numeric else ''}>{_e(cell)}</td>"


def _pay(block: Block, pay: PaySection) -> str:
    """Each group's 25th-75th range as a bar, its median as a tick, the floor as a line."""
    if not block.header:
        return _section(block, "")
    shown = [g for g in pay.groups if not g.too_few and g.p75 is not None]
    top = max([g.p75 or 0.0 for g in shown] + [pay.floor or 0.0]) * 1.1 or 1.0
    width, height = 220, 18

    def x(value: float) -> float:
        return round(value / top * width, 1)

    charts = []
    for g in pay.groups:
        if g.too_few or g.p25 is None or g.p50 is None or g.p75 is None:
            charts.append("")
            continue
        label = (f"{g.level}, {g.place}: {money(g.p25, pay.currency)} to "
                 f"{money(g.p75, pay.currency)}, median {money(g.p50, pay.currency)}")  # fmt: skip
        parts = [
            f'<svg width="{width}" height="{height}" role="img" aria-label="{_e(label)}">',
            f'<line class="base" x1="0" y1="{height / 2}" x2="{width}" y2="{height / 2}"/>',
            f'<rect class="range" x="{x(g.p25)}" y="3" width="{max(x(g.p75) - x(g.p25), 1)}" '
            f'height="{height - 6}" rx="3"/>',
            f'<rect class="median" x="{max(x(g.p50) - 1, 0)}" y="1" width="2" '
            f'height="{height - 2}"/>',
        ]
        if pay.floor:
            parts.append(f'<line class="floor" x1="{x(pay.floor)}" y1="0" x2="{x(pay.floor)}" '
                         f'y2="{height}"/>')  # fmt: skip
        parts.append("</svg>")
        charts.append("".join(parts))
    legend = ("Bars: 25th to 75th percentile, the tick the median"
              + ("; the amber line your floor." if pay.floor else "."))  # fmt: skip
    return _section(block, _table(block, charts, "range"), (legend,))


def _trend(block: Block, trend: TrendSection) -> str:
    """A small column chart of new jobs per week for each variant."""
    if not block.header:
        return _section(block, "")
    top = max((max(s.counts) for s in trend.series), default=0) or 1
    column, gap, height = 9, 2, 36
    charts = []
    for series in trend.series:
        weeks = len(series.counts)
        bars = []
        for k, count in enumerate(series.counts):
            h = round(count / top * (height - 2), 1) if count else 0
            day = trend.weeks[k].isoformat()
            bars.append(
                f'<rect class="bar" x="{k * (column + gap)}" y="{height - h}" width="{column}" '
                f'height="{h}"><title>{_e(f"week of {day}: {count}")}</title></rect>'
            )
        label = f"{series.variant.replace('_', ' ')}: {series.total} new jobs in {weeks} weeks"
        charts.append(
            f'<svg width="{weeks * (column + gap)}" height="{height}" role="img" '
            f'aria-label="{_e(label)}">'
            f'<line class="base" x1="0" y1="{height - 0.5}" x2="{weeks * (column + gap)}" '
            f'y2="{height - 0.5}"/>{"".join(bars)}</svg>'
        )
    # The chart replaces the sparkline column; the counts stay.
    plain = Block(block.key, block.title, block.notes,
                  tuple(h for k, h in enumerate(block.header) if k != 1),
                  tuple(tuple(c for k, c in enumerate(row) if k != 1) for row in block.rows),
                  block.footer, frozenset({1, 2}))  # fmt: skip
    return _section(plain, _table(plain, charts, "weekly"))
