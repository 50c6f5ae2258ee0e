"""config.toml, loaded with tomllib into frozen pydantic models.

Every key is declared once with its default; unknown keys are errors. A problem is one
line naming the file, the key and what is wrong.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from jobmatch.errors import ConfigError
from jobmatch.notify import NotifySection
from jobmatch.parallel import available_cpus
from matcher.profile import describe_problems, one_line
from matcher.score import DEFAULT_RATES_TO_USD, DEFAULT_WEIGHTS
from scraper.base import SourceConfig
from scraper.errors import UnknownSourceType
from scraper.http import SHARED_HOSTS, HttpSettings
from scraper.registry import source_class


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StorageSection(_Section):
    url: str = Field(default="sqlite:///jobmatch.db", description="SQLAlchemy database URL")


class HttpSection(_Section):
    """Politeness, per host; the exact rules are in `scraper.http.HttpSettings`."""

    timeout: float = Field(default=20.0, gt=0, description="seconds per request")
    connect_timeout: float = Field(
        default=10.0, gt=0, description="seconds to look up and connect to a host"
    )
    user_agent: str = Field(
        default="jobmatch/0.1 (+https://github.com/jobmatch/jobmatch; jobmatch@example.org)",
        min_length=1,
        description="identifies the tool and a contact to board operators",
    )
    per_host: int = Field(
        default=1, ge=1, le=8, description="requests in flight to a host not in shared_hosts"
    )
    shared_hosts: tuple[str, ...] = Field(
        default=SHARED_HOSTS,
        description="API hosts serving many companies' boards (host or host:port);"
        " setting it replaces the default list",
    )
    shared_host_concurrency: int = Field(
        default=4, ge=1, le=16, description="requests in flight to a shared host"
    )
    delay: float = Field(
        default=1.0,
        ge=0,
        description="mean seconds between requests per place in flight: a host allowing N"
        " in flight gets a request start every delay/N seconds (randomised 0.5x-1.5x)",
    )
    retries: int = Field(
        default=2, ge=0, le=10, description="retries on 408/429/5xx and broken connections"
    )
    connect_retries: int = Field(
        default=1,
        ge=0,
        le=10,
        description="retries when no connection could be made (DNS, refused); at most retries",
    )
    backoff: float = Field(
        default=1.0, ge=0, description="seconds before the first retry; doubles each retry"
    )
    max_retry_after: float = Field(
        default=60.0,
        ge=0,
        description="longest wait a server's Retry-After may ask for; longer asks are capped",
    )
    skip_host_after: int = Field(
        default=5,
        ge=0,
        description="failed requests in a row after which a host is skipped for the night;"
        " 0: never",
    )
    max_mb: int = Field(default=20, ge=1, description="largest response accepted, in MB")

    @field_validator("shared_hosts")
    @classmethod
    def _bare_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        hosts = tuple(h.strip().lower() for h in value)
        bad = [h for h in hosts if not h or "/" in h or " " in h]
        if bad:
            raise ValueError(f"expected host names such as 'api.lever.co', got {bad[0]!r}")
        return hosts

    def settings(self) -> HttpSettings:
        return HttpSettings(
            user_agent=self.user_agent,
            timeout=self.timeout,
            connect_timeout=self.connect_timeout,
            per_host=self.per_host,
            shared_hosts=self.shared_hosts,
            shared_host_concurrency=self.shared_host_concurrency,
            delay=self.delay,
            retries=self.retries,
            connect_retries=self.connect_retries,
            backoff=self.backoff,
            max_retry_after=self.max_retry_after,
            skip_host_after=self.skip_host_after,
            max_bytes=self.max_mb * 1024 * 1024,
        )


class ProfileEntry(_Section):
    name: str = Field(min_length=1)
    path: Path


class ScheduleSection(_Section):
    cron: str = Field(default="0 2 * * *", description="crontab expression for `schedule`")

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        try:
            CronTrigger.from_crontab(value)
        except ValueError as e:
            raise ValueError(f"not a crontab expression: {e}") from None
        return value


class MatcherSection(_Section):
    weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    rates_to_usd: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_RATES_TO_USD))
    workers: int = Field(
        default=0,
        ge=0,
        description="processes for large batches (scoring 5000+, reading 500+ listings);"
        " 0: one per CPU core",
    )

    def worker_count(self) -> int:
        return self.workers or available_cpus()

    @field_validator("weights")
    @classmethod
    def _known_weights(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = set(value) - set(DEFAULT_WEIGHTS)
        if unknown:
            raise ValueError(
                f"unknown components {sorted(unknown)}; known: {sorted(DEFAULT_WEIGHTS)}"
            )
        if any(v < 0 for v in value.values()):
            raise ValueError("weights must be >= 0")
        return {**DEFAULT_WEIGHTS, **value}


class DigestSection(_Section):
    min_score: float = Field(
        default=60, ge=0, le=100, description="new matches at or above this go in the digest"
    )
    limit: int = Field(default=20, ge=1, description="most matches per profile in the digest")


class FlagsSection(_Section):
    stale_days: int | None = Field(
        default=45, ge=1, description="flag a job open longer than this many days; unset: never"
    )
    reposted_from: int | None = Field(
        default=2, ge=1, description="flag a job its board reposted this many times or more"
    )


class LogSection(_Section):
    file: Path | None = Field(default=None, description="also log to this file (appended)")
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class Config(_Section):
    path: Path = Path("config.toml")
    storage: StorageSection = StorageSection()
    http: HttpSection = HttpSection()
    schedule: ScheduleSection = ScheduleSection()
    matcher: MatcherSection = MatcherSection()
    digest: DigestSection = DigestSection()
    flags: FlagsSection = FlagsSection()
    log: LogSection = LogSection()
    notify: NotifySection | None = None
    profiles: tuple[ProfileEntry, ...] = ()
    sources: tuple[SourceConfig, ...] = ()

    def enabled_sources(self) -> list[SourceConfig]:
        return [s for s in self.sources if s.enabled]


def default_config(data_dir: Path, path: Path) -> Config:
    """The documented defaults, for a user with no config file: the database in
    `data_dir`, no sources and no profiles until they add some. `path` is where a config
    would be (`jobmatch init` writes one there)."""
    url = f"sqlite:///{data_dir / 'jobmatch.db'}"
    return parse_config({"storage": {"url": url}}, path)


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read config ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Validate a parsed TOML document. Relative paths are taken from the config's folder."""
    raw_sources = data.pop("sources", [])
    if not isinstance(raw_sources, list):
        raise ConfigError(f"{path}: sources: must be an array of tables ([[sources]])")
    # Every problem is collected, so `config check` can list them all, line by line.
    problems: list[str] = []
    sources = []
    for index, raw in enumerate(raw_sources):
        try:
            sources.append(_parse_source(raw, index, path))
        except ConfigError as e:
            problems += e.problems
    names = [s.name for s in sources]
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"{path}: sources: name {name!r} is used twice; names must be unique")
    try:
        config = Config.model_validate({**data, "path": path, "sources": tuple(sources)})
    except ValidationError as e:
        problems = [f"{path}: {line}" for line in describe_problems(e)] + problems
    if problems:
        raise ConfigError(one_line(problems), problems=problems)
    base = path.resolve().parent
    profiles = tuple(p.model_copy(update={"path": base / p.path}) for p in config.profiles)
    storage = config.storage.model_copy(update={"url": _resolve_sqlite(config.storage.url, base)})
    log = config.log
    if log.file is not None:
        log = log.model_copy(update={"file": base / log.file})
    return config.model_copy(update={"profiles": profiles, "storage": storage, "log": log})


def _parse_source(raw: Any, index: int, path: Path) -> SourceConfig:
    where = f"{path}: sources[{index}]"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a table")
    if "type" not in raw:
        raise ConfigError(f'{where}.type: missing (which board: e.g. type = "greenhouse")')
    try:
        model = source_class(str(raw["type"])).config_model
    except UnknownSourceType as e:
        raise ConfigError(f"{where}.type: {e}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        problems = describe_problems(e, prefix=f"{where}.")
        raise ConfigError(one_line(problems), problems=problems) from None


def _resolve_sqlite(url: str, base: Path) -> str:
    """`sqlite:///jobmatch.db` means beside the config file, so cron's cwd doesn't matter."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return url
    database = url[len(prefix) :]
    if not database or database == ":memory:" or database.startswith("/"):
        return url
    return prefix + str(base / database)
