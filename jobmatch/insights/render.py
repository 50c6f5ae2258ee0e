"""Insights as text: aligned columns for the terminal (and cron mail), Markdown, JSON.

Every section is first laid out as a `Block` (a heading, notes, a table), which the text
and Markdown writers then format; the HTML page (`insights.html`) uses the same blocks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from jobmatch.insights.model import (
    MIN_GROUP,
    DemandSection,
    Insights,
    LevelSection,
    OpeningsSection,
    PaySection,
    TrendSection,
)
from jobmatch.output import clean

SPARKS = "▁▂▃▄▅▆▇█"
_PERIOD_WORDS = {"hour": "hourly ×2080", "month": "monthly ×12", "week": "weekly ×52",
                 "day": "daily ×260"}  # fmt: skip


@dataclass(frozen=True)
class Block:
    key: str  # pay | openings | demand | levels | trend
    title: str
    notes: tuple[str, ...] = ()  # lines above the table
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    footer: tuple[str, ...] = ()  # lines below it
    numeric: frozenset[int] = field(default_factory=frozenset)  # right-aligned columns


def money(amount: float | None, currency: str) -> str:
    if amount is None:
        return "—"
    if currency.upper() == "INR":
        return f"₹{amount / 100_000:.1f} L"
    if amount >= 10_000:
        return f"{currency.upper()} {amount / 1000:,.0f}k"
    return f"{currency.upper()} {amount:,.0f}"


def sparkline(counts: Sequence[int]) -> str:
    top = max(counts, default=0)
    if top == 0:
        return SPARKS[0] * len(counts)
    return "".join(
        SPARKS[0] if c == 0 else SPARKS[1 + round((c / top) * (len(SPARKS) - 2))] for c in counts
    )


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%" if share else "—"


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def headline(insights: Insights) -> tuple[str, str]:
    since = insights.since.strftime("%Y-%m-%d")
    family = ", ".join(v.replace("_", " ") for v in insights.family) or "none"
    return (
        f"Career insights for {clean(insights.profile)}",
        f"{insights.listings} listings first seen since {since}; role family: {family}",
    )


def pay_block(pay: PaySection) -> Block:
    title = "Pay by level and place"
    if pay.with_pay == 0:
        return Block("pay", title, (f"No listing of the role family states pay we can use "
                                    f"({pay.jobs} jobs in the window).",))  # fmt: skip
    floor = f"your floor {money(pay.floor, pay.currency)}" if pay.floor else "no floor set"
    notes = (
        f"A year's pay in {pay.currency} ({floor}); {pay.with_pay} of {pay.jobs} jobs state "
        f"pay. Percentiles of the middle of each stated range; groups under {MIN_GROUP} jobs "
        "are too few to show.",
    )
    rows = []
    for g in pay.groups:
        scaled = ", ".join(f"{n} {_PERIOD_WORDS.get(p, p)}" for p, n in g.annualised.items())
        if g.too_few:
            rows.append((g.level, g.place, str(g.count), "too few", "", "", "", scaled))
            continue
        versus = ""
        if pay.floor and g.p50 is not None:
            versus = f"{(g.p50 / pay.floor - 1) * 100:+.0f}%"
        rows.append((g.level, g.place, str(g.count), money(g.p25, pay.currency),
                     money(g.p50, pay.currency), money(g.p75, pay.currency), versus, scaled))  # fmt: skip
    footer = [
        f"Rates: the fixed table of {pay.fx_date} ({pay.fx_source}; matcher/taxonomy/currencies.toml)."
    ]
    if pay.no_rate:
        left = ", ".join(f"{n} in {c}" for c, n in pay.no_rate.items())
        footer.append(f"Left out, no rate or period to scale: {left}.")
    if not rows:
        footer.insert(0, "None of them is in your places or remote.")
    return Block(
        "pay", title, notes,
        ("level", "place", "jobs", "25th", "median", "75th", "median vs floor", "annualised"),
        tuple(rows), tuple(footer), frozenset({2, 3, 4, 5, 6}),
    )  # fmt: skip


def openings_block(openings: OpeningsSection) -> Block:
    title = "What would open the most jobs"
    t = f"{openings.threshold:g}"
    notes = (
        f"Each item added to your profile alone, the listings rescored by the matcher: jobs "
        f"reaching the threshold, {t} ({openings.reaching} of {openings.jobs} open jobs reach it "
        "now), and jobs moving up a grade band (weak <45, fair 45-69, strong 70+).",
    )
    if not openings.top:
        return Block("openings", title, (*notes, "The relevant listings ask for nothing you lack."))
    rows = tuple(
        (str(rank), o.label, f"{o.asked_by} ({o.required_by})", _signed(o.reach),
         _signed(o.up_band), ", ".join(str(i) for i in o.examples) or "—")
        for rank, o in enumerate(openings.top, start=1)
    )  # fmt: skip
    tried = f"{openings.evaluated} rescored ({openings.rescored} listings)"
    if openings.evaluated < openings.candidates:
        tried += f"; the rest could not reach the top {len(openings.top)}"
    footer = (
        f"{openings.candidates} items asked for that you lack; {tried}. "
        "`jobmatch show ID` shows a listing.",
    )
    return Block(
        "openings", title, notes,
        ("#", "add", "asked by (required)", f"more ≥{t}", "up a band", "e.g. listings"),
        rows, footer, frozenset({0, 3, 4}),
    )  # fmt: skip


def demand_block(demand: DemandSection) -> Block:
    title = "Skills in demand"
    levels = f"{demand.levels[0]}–{demand.levels[-1]}" if demand.levels else ""
    notes = (f"Asked for by the {demand.jobs} jobs of the role family at {levels}, "
             "as a requirement or as a plus.",)  # fmt: skip
    rows: list[tuple[str, ...]] = []
    for mark, items in (("you have", demand.have), ("you don't", demand.lack)):
        for d in items:
            rows.append((mark, d.item, d.kind, _pct(d.share_required), _pct(d.share_preferred)))
            mark = ""
    if not rows:
        return Block("demand", title, (*notes, "They name no skills."))
    return Block("demand", title, notes, ("", "item", "kind", "required", "a plus"),
                 tuple(rows), (), frozenset({3, 4}))  # fmt: skip


def levels_block(levels: LevelSection) -> Block:
    t = f"{levels.threshold:g}"
    notes = (f"Open jobs of the role family by level; matches score {t}+; "
             "you meet: their years and required certifications.",)  # fmt: skip
    rows = tuple(
        (f"{r.level}{' (you)' if r.level == levels.yours else ''}", str(r.jobs), str(r.matches),
         str(r.meets), str(r.matches_met), "—" if r.best is None else f"{r.best:.0f}")
        for r in levels.rows if r.jobs or r.level in (levels.yours, levels.next_up)
    )  # fmt: skip
    return Block(
        "levels", "Level fit", notes,
        ("level", "jobs", f"matches ≥{t}", "you meet", "matches you meet", "best"),
        rows, (f"Verdict: {levels.verdict}.",), frozenset({1, 2, 3, 4, 5}),
    )  # fmt: skip


def trend_block(trend: TrendSection) -> Block:
    title = "Trend"
    first = trend.weeks[0].isoformat() if trend.weeks else ""
    notes = (f"New jobs a week ({len(trend.weeks)} weeks from the week of {first}), "
             "by the date posted, else first seen.",)  # fmt: skip
    if not trend.series:
        none = "No job of the role family appeared in the window"
        if trend.earlier:
            none += f" ({trend.earlier} first seen in it were posted before it)"
        return Block("trend", title, (*notes, none + "."))
    rows = tuple(
        (s.variant.replace("_", " "), sparkline(s.counts), str(s.total), str(s.counts[-1]))
        for s in trend.series
    )
    footer: tuple[str, ...] = ()
    if trend.earlier:
        footer = (f"{trend.earlier} more jobs were first seen in the window but posted before it.",)
    return Block("trend", title, notes, ("variant", "weekly", "total", "this week"), rows, footer,
                 frozenset({2, 3}))  # fmt: skip


def blocks(insights: Insights) -> list[Block]:
    return [
        pay_block(insights.pay),
        openings_block(insights.openings),
        demand_block(insights.demand),
        levels_block(insights.levels),
        trend_block(insights.trend),
    ]


def render_text(insights: Insights) -> str:
    return "\n".join([*headline(insights), *text_lines(blocks(insights))]) + "\n"


def text_lines(shown: Sequence[Block]) -> list[str]:
    """Blocks as the terminal shows them: a titled section each, tables aligned."""
    lines: list[str] = []
    for block in shown:
        lines += ["", block.title, "-" * len(block.title), *block.notes]
        if block.header:
            lines += _aligned(block)
        lines += block.footer
    return lines


# --- the weekly digest's insights (`[notify] insights = "weekly"`) -----------------------

DIGEST_OPENINGS = 3  # "would open" items in the digest
DIGEST_SKILLS = 5  # skills the profile lacks, most asked first
SHORT_LINE = 200  # characters per line of the push text; 5 lines stay far under Discord's 2000


def digest_blocks(insights: Insights) -> list[Block]:
    """The sections the weekly digest carries, compact: pay by level and place, the top
    openings, the most asked skills the profile lacks, level fit. Each keeps the first
    sentence of its notes (what the columns mean) and, for level fit, the verdict; the
    trend and the longer notes stay in `jobmatch insights`."""
    openings = replace(insights.openings, top=insights.openings.top[:DIGEST_OPENINGS])
    lacking = replace(insights.demand, have=(), lack=insights.demand.lack[:DIGEST_SKILLS])
    demand = demand_block(lacking)
    if demand.header:  # the first column only says "you don't": the title says it instead
        demand = replace(demand, header=demand.header[1:], rows=tuple(r[1:] for r in demand.rows),
                         numeric=frozenset(k - 1 for k in demand.numeric))  # fmt: skip
    compact = [
        replace(pay_block(insights.pay), footer=()),
        replace(openings_block(openings), footer=()),
        replace(demand, title="Skills in demand that you lack"),
        levels_block(insights.levels),
    ]
    return [replace(b, notes=tuple(_first_sentence(n) for n in b.notes)) for b in compact]


def _first_sentence(note: str) -> str:
    head, dot, _ = note.partition(". ")
    return head + dot.strip()


def render_digest_text(insights: Insights) -> str:
    """The weekly insights as the e-mail digest's text part shows them."""
    title, subtitle = headline(insights)
    return "\n".join([title, subtitle, *text_lines(digest_blocks(insights))]) + "\n"


def render_short(insights: Insights) -> str:
    """A few lines for ntfy and webhooks, whose messages are small: the median pay per
    level and place, the top openings, the skills most asked that the profile lacks and
    the level verdict; each line at most SHORT_LINE characters."""
    pay, since = insights.pay, insights.since.strftime("%Y-%m-%d")
    lines = [
        f"Weekly insights for {clean(insights.profile)} "
        f"({insights.listings} listings since {since}; `jobmatch insights` for all)"
    ]
    shown = [g for g in pay.groups if not g.too_few]
    if shown:
        floor = f" (your floor {money(pay.floor, pay.currency)})" if pay.floor else ""
        medians = "; ".join(f"{g.level} {g.place} {money(g.p50, pay.currency)}" for g in shown)
        lines.append(f"Median pay a year{floor}: {medians}")
    else:
        lines.append(
            f"Pay: no level and place has {MIN_GROUP} jobs stating it "
            f"({pay.with_pay} of {pay.jobs} jobs state pay)"
        )
    top = insights.openings.top[:DIGEST_OPENINGS]
    if top:
        t = f"{insights.openings.threshold:g}"
        lines.append(
            "Would open most: " + "; ".join(f"{o.label} {_signed(o.reach)} ≥{t}" for o in top)
        )
    lack = insights.demand.lack[:DIGEST_SKILLS]
    if lack:
        asked = "; ".join(f"{d.item} {_pct(d.share_required + d.share_preferred)}" for d in lack)
        lines.append(f"Asked for, you lack: {asked}")
    lines.append(f"Level fit: {insights.levels.verdict}")
    return "\n".join(_clip(line) for line in lines)


def _clip(line: str) -> str:
    return line if len(line) <= SHORT_LINE else line[: SHORT_LINE - 1] + "…"


def _aligned(block: Block) -> list[str]:
    table = [block.header, *block.rows]
    widths = [max(len(row[k]) for row in table) for k in range(len(block.header))]

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(widths[k]) if k in block.numeric else cell.ljust(widths[k])
            for k, cell in enumerate(row)
        ]
        return "  ".join(cells).rstrip()

    return [line(block.header), *(line(row) for row in block.rows)]


def _md(text: str) -> str:
    return clean(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(insights: Insights) -> str:
    title, subtitle = headline(insights)
    lines = [f"# {_md(title)}", "", _md(subtitle)]
    for block in blocks(insights):
        lines += ["", f"## {block.title}", ""]
        lines += [_md(note) for note in block.notes]
        if block.header:
            lines += ["", "| " + " | ".join(_md(h) for h in block.header) + " |"]
            lines.append(
                "|" + "|".join("---:" if k in block.numeric else "---"
                               for k in range(len(block.header))) + "|"
            )  # fmt: skip
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
        if block.footer:
            lines += ["", *(_md(f) for f in block.footer)]
    return "\n".join(lines) + "\n"


def render_json(insights: Insights) -> str:
    return json.dumps(insights.to_dict(), ensure_ascii=False, indent=2) + "\n"
