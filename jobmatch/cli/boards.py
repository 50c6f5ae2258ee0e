"""`jobmatch boards`: find a company's board in the registry, add it to the config, discover
boards the registry lacks, re-check the configured ones, refresh the registry."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from jobmatch.boards import check as board_check
from jobmatch.boards.check import BoardHealth
from jobmatch.boards.refs import resolve_all
from jobmatch.boards.registry import (
    SOURCE_TYPES,
    BoardEntry,
    BoardIndex,
    load_registry,
    search,
    user_registry_dir,
)
from jobmatch.cli.app import EXIT_OK, EXIT_SOURCES_FAILED, app, err, out, state_of
from jobmatch.config_edit import add_sources
from jobmatch.errors import InputError

boards_app = typer.Typer(
    help="Company job boards: search the registry, add, discover, verify, update.",
    no_args_is_help=True,
)
app.add_typer(boards_app, name="boards")

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table | json")]


def _format(value: str) -> str:
    if value not in ("table", "json"):
        raise InputError(f"--format: expected table or json, got {value!r}")
    return value


@boards_app.command("search")
def search_command(
    text: Annotated[str, typer.Argument(help="A company name (or part of one) or a token.")],
    type_: Annotated[
        str | None, typer.Option("--type", "-t", help="Only boards of this source type.")
    ] = None,
    india: Annotated[
        bool, typer.Option("--india", help="Only boards known to hire in India.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most boards to show.")] = 10,
    format_: FormatOption = "table",
) -> None:
    """Find companies' boards by name in the registry.

    Example: jobmatch boards search razorpay --india
    """
    _format(format_)
    if type_ is not None and type_ not in SOURCE_TYPES:
        raise InputError(f"--type: unknown {type_!r}; known: {', '.join(sorted(SOURCE_TYPES))}")
    found = search(load_registry(), text, type=type_, india=india, limit=limit)
    if format_ == "json":
        records = [_entry_record(entry) | {"score": round(score, 1)} for entry, score in found]
        out.print_json(json.dumps(records))
        return
    if not found:
        err.print(f"no board in the registry matches {text!r}", markup=False)
        raise typer.Exit(EXIT_SOURCES_FAILED)
    table = Table("company", "type", "board", "India", "add with")
    for entry, _ in found:
        table.add_row(
            entry.company, entry.type, _board_text(entry), entry.hires_in_india or "?", entry.name
        )
    out.print(table)


def _entry_record(entry: BoardEntry) -> dict[str, object]:
    return {
        "company": entry.company,
        "type": entry.type,
        "name": entry.name,
        "source": entry.source_config(),
        "hq_country": entry.hq_country or None,
        "hires_in_india": entry.hires_in_india or None,
        "evidence": entry.evidence or None,
        "registry": entry.registry or None,
    }


def _board_text(entry: BoardEntry) -> str:
    return "/".join(part for part in (entry.token, entry.instance, entry.site) if part)


@boards_app.command("add")
def add_command(
    ctx: typer.Context,
    boards: Annotated[
        list[str],
        typer.Argument(
            help="Company names in the registry, careers-page URLs, or TYPE:TOKEN "
            "(workday:TENANT/wdN/SITE, oracle:HOST/SITE, zoho:BOARD/in)."
        ),
    ],
) -> None:
    """Add boards to the config's [[sources]], keeping its comments and layout.

    Example: jobmatch boards add Razorpay greenhouse:phonepe https://jobs.lever.co/paytm
    """
    state = state_of(ctx)
    entries = resolve_all(boards, BoardIndex(load_registry()))
    path = state.writable_config()
    result = add_sources(path, [entry.source_config() for entry in entries])
    for name in result.added:
        out.print(f"added {name} to {path}", markup=False)
    for line in result.refused:
        err.print(line, markup=False, style="yellow")
    if result.refused:
        raise typer.Exit(EXIT_SOURCES_FAILED)


@boards_app.command("discover")
def discover_command(
    ctx: typer.Context,
    company: Annotated[str, typer.Argument(help="The company's name.")],
    domain: Annotated[
        str | None, typer.Option("--domain", "-d", help="Its web domain, e.g. razorpay.com.")
    ] = None,
    slug: Annotated[
        str | None, typer.Option("--slug", help="The board token to try, instead of a guess.")
    ] = None,
    add: Annotated[bool, typer.Option("--add", help="Add the live boards to the config.")] = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", hidden=True, help="Probe this server instead (tests, mirrors)."),
    ] = None,
    format_: FormatOption = "table",
) -> None:
    """Probe each supported ATS for the company's board: one polite request per provider.

    Example: jobmatch boards discover "Acme Analytics" --domain acme.io --add
    """
    _format(format_)
    state = state_of(ctx)
    settings = state.config.http.settings()
    slug, probes = board_check.discover(
        company, settings, slug=slug, domain=domain, base_url=base_url
    )
    live = [probe for probe in probes if probe.live]
    if format_ == "json":
        out.print_json(json.dumps({"slug": slug, "boards": [_health_record(p) for p in probes]}))
    elif not live:
        err.print(
            f"{company}: no board for slug {slug!r} on any of {len(probes)} providers "
            "(each answered not found or failed); try --slug or --domain",
            markup=False,
        )
    else:
        _print_health(live, title=f"{company} (slug {slug!r})")
    if add and live:
        tables = [_config_table(p) for p in live]
        path = state.writable_config()
        result = add_sources(path, tables)
        for name in result.added:
            out.print(f"added {name} to {path}", markup=False)
        for line in result.refused:
            err.print(line, markup=False, style="yellow")
    if not live:
        raise typer.Exit(EXIT_SOURCES_FAILED)


def _config_table(probe: BoardHealth) -> dict[str, object]:
    assert probe.config is not None
    keys = probe.config.model_dump(
        exclude_defaults=True, exclude={"keywords", "base_url", "max_pages"}
    )
    return {"type": probe.config.type, **keys}


@boards_app.command("verify")
def verify_command(
    ctx: typer.Context,
    format_: FormatOption = "table",
) -> None:
    """Re-check every configured board: gone, moved, empty, failing, or healthy with counts.
    Exits 1 if any is broken, so cron mails it.

    Example: jobmatch boards verify
    """
    _format(format_)
    state = state_of(ctx)
    config = state.config
    checked = board_check.verify(config.enabled_sources(), config.http.settings())
    if format_ == "json":
        out.print_json(json.dumps([_health_record(p) for p in checked]))
    else:
        _print_health(checked, title=f"{len(checked)} boards in {config.path}")
        for probe in checked:
            if probe.broken or probe.detail:
                style = "red" if probe.broken else "yellow"
                err.print(
                    f"{probe.name} — {probe.state}: {probe.detail}", markup=False, style=style
                )
    broken = [p for p in checked if p.broken]
    raise typer.Exit(EXIT_SOURCES_FAILED if broken else EXIT_OK)


def _health_record(probe: BoardHealth) -> dict[str, object]:
    return {
        "name": probe.name,
        "state": probe.state,
        "listed": probe.listed,
        "wanted": probe.wanted,
        "detail": probe.detail or None,
    }


def _print_health(probes: list[BoardHealth], *, title: str) -> None:
    table = Table("board", "state", "listed", "wanted titles", title=title)
    for probe in probes:
        listed = "?" if probe.listed is None else str(probe.listed)
        table.add_row(probe.name, probe.state, listed, str(probe.wanted))
    out.print(table)


@boards_app.command("update")
def update_command() -> None:
    """Download the public board registries and rebuild the local registry from them.

    Example: jobmatch boards update
    """
    from jobmatch.boards.update import update_registry_cli

    summary = update_registry_cli(user_registry_dir())
    out.print(summary, markup=False)
