"""The CLI's shared parts: the typer app, global options, state, consoles, exit codes.

Exit codes: 0 ok, 1 some sources failed (or another run holds the lock), 2 bad input or
config. Errors the user can fix are one line on stderr; tracebacks only for bugs, or -v.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.engine import Engine

from jobmatch import pipeline
from jobmatch.config import Config, default_config, load_config
from jobmatch.errors import ConfigError, InputError
from jobmatch.locations import find_config, user_config_dir, user_data_dir
from matcher.profile import Profile, load_profile
from storage.engine import open_engine

EXIT_OK, EXIT_SOURCES_FAILED, EXIT_BAD_INPUT = 0, 1, 2
PACKAGES = ("jobmatch", "scraper", "matcher", "storage")

app = typer.Typer(
    help="Fetch technical project manager jobs from public boards and rank them against your CV.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line


@dataclass
class State:
    config_path: Path | None  # as given (--config, $JOBMATCH_CONFIG); None: look for one
    db_url: str | None
    verbose: int
    quiet: bool = False
    _config: Config | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def config_file(self) -> Path | None:
        """The config file in use, or None when there is none (the defaults apply)."""
        return find_config(self.config_path)

    @property
    def config(self) -> Config:
        if self._config is None:
            found = self.config_file
            if found is None:
                self._config = default_config(user_data_dir(), user_config_dir() / "config.toml")
            else:
                self._config = load_config(found)
            _log_to_file(self._config)
        return self._config

    def writable_config(self) -> Path:
        """The config file a command may edit; there must be one."""
        found = self.config_file
        if found is None:
            raise ConfigError(
                "no config file (./config.toml or "
                f"{user_config_dir() / 'config.toml'}): `jobmatch init` writes a starter one"
            )
        return found

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            url = self.db_url or self.config.storage.url
            if self.db_url is None and self.config_file is None:
                _say_where_the_default_database_is(url)
            self._engine = open_engine(url)
        return self._engine

    def profiles(self, path: Path | None) -> list[Profile]:
        if path is not None:
            return [load_profile(path)]
        if not self.config.profiles:
            raise ConfigError(
                f"{self.config.path}: profiles: none configured; add [[profiles]] or pass --profile"
            )
        return [load_profile(entry.path) for entry in self.config.profiles]

    def score(self, profiles: list[Profile]) -> None:
        """Extract facts for new listing versions, then score what changed per profile."""
        matcher = self.config.matcher
        with progress_bar(enabled=not self.quiet) as bar:

            def advance_for(profile: Profile) -> Callable[[int], None] | None:
                if bar is None:
                    return None
                return partial(bar.advance, bar.add_task(f"scoring for {profile.name}", total=None))

            pipeline.refresh_scores(
                self.engine,
                profiles,
                weights=matcher.weights,
                rates_to_usd=matcher.rates_to_usd,
                progress_for=advance_for,
                workers=matcher.worker_count(),
            )


def _say_where_the_default_database_is(url: str) -> None:
    """Once, when it is created: with no config file, the data goes to the user's folder."""
    database = Path(url.removeprefix("sqlite:///"))
    if not database.exists():
        database.parent.mkdir(parents=True, exist_ok=True)
        err.print(
            f"No config file found: using the defaults, with the database at {database} "
            "(`jobmatch init` writes a starter config).",
            markup=False,
        )


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Progress | None]:
    """A rich progress bar on a terminal; nothing in cron or when piped."""
    if not (enabled and err.is_terminal):
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err,
        transient=True,
    )  # fmt: skip
    with bar:
        yield bar


def _log_to_file(config: Config) -> None:
    if config.log.file is None:
        return
    handler = logging.FileHandler(config.log.file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(config.log.level)
    for package in PACKAGES:
        logger = logging.getLogger(package)
        logger.addHandler(handler)
        logger.setLevel(min(logger.level or logging.WARNING, handler.level))


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            envvar="JOBMATCH_CONFIG",
            help="The config file; default: ./config.toml, else the user's "
            "(~/.config/jobmatch/config.toml), else built-in defaults.",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="JOBMATCH_DB", help="Database URL; overrides [storage] url."),
    ] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging.")] = 0,
) -> None:
    """Fetch technical project manager jobs from public boards and rank them against your CV.

    Example: jobmatch --config config.toml run
    """
    # Our own warnings by default; other libraries' chatter only with -vv.
    logging.basicConfig(
        level=logging.ERROR if verbose < 2 else logging.DEBUG,
        format="%(levelname)s %(name)s: %(message)s",
    )
    for package in PACKAGES:
        logging.getLogger(package).setLevel(logging.WARNING - 10 * min(verbose, 2))
    # psycopg sets its own logger to WARNING: its "error ignored" notes after a dropped
    # connection would stand beside the one-line error.
    logging.getLogger("psycopg").setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)
    ctx.obj = State(config_path=config, db_url=db, verbose=verbose)


def write_file(path: Path, text: str) -> None:
    """Write a file the user named; a folder that is missing or not writable is bad input."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(f"{path}: cannot write ({e.strerror})") from None


def state_of(ctx: typer.Context) -> State:
    state = ctx.obj
    assert isinstance(state, State)
    return state


ProfileOption = Annotated[
    Path | None,
    typer.Option("--profile", "-p", help="A profile TOML; default: the config's first profile."),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Fetch even sources fetched within their min_interval.")
]
