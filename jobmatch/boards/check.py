"""Is a board alive? One probe fetch per board through the polite client: `boards verify`
re-checks the configured boards, `boards discover` probes each ATS for a company's slug."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from jobmatch.pipeline import describe_error
from scraper.base import DEFAULT_KEYWORDS, FetchResult, SourceConfig
from scraper.errors import NotFoundError, RobotsDisallowed, SourceError
from scraper.http import HttpSettings, PoliteClient
from scraper.registry import SOURCES, build_source, source_class

# The ATSs a company's slug alone addresses, in the order they are probed; a provider whose
# tenant needs more than a slug (Workday's instance and site, Oracle's host and site, a
# SuccessFactors feed URL) can't be guessed and is left to the registry. Zoho is probed on
# its Indian and global data centres.
PROBES: tuple[tuple[str, dict[str, str]], ...] = (
    ("greenhouse", {}),
    ("lever", {}),
    ("ashby", {}),
    ("workable", {}),
    ("smartrecruiters", {}),
    ("recruitee", {}),
    ("personio", {}),
    ("bamboohr", {}),
    ("breezy", {}),
    ("teamtailor", {}),
    ("pinpoint", {}),
    ("rippling", {}),
    ("keka", {}),
    ("zoho", {"datacenter": "in"}),
    ("zoho", {"datacenter": "com"}),
)
BROKEN = frozenset({"gone", "moved", "failed", "disallowed"})
# Company-name words a board token usually leaves out ("Acme Technologies Pvt Ltd" → acme).
_SUFFIXES = re.compile(
    r"\b(inc|llc|ltd|limited|pvt|private|plc|gmbh|ag|corp|corporation|co|company|"
    r"technologies|technology|labs|software|solutions|services|india|group|holdings)\b\.?"
)


@dataclass(frozen=True, slots=True)
class BoardHealth:
    name: str
    state: str  # healthy | empty | gone | moved | failed | disallowed
    listed: int | None  # postings the board lists (None where the source can't say)
    wanted: int  # of those, titles the keywords keep (the TPM family when probing)
    detail: str = ""
    config: SourceConfig | None = None

    @property
    def broken(self) -> bool:
        return self.state in BROKEN

    @property
    def live(self) -> bool:
        """A board that answered as a board (one with no openings today included)."""
        return self.state == "healthy" or (self.state == "empty" and not self.detail)


def guess_slug(company: str, domain: str | None = None) -> str:
    """The token most boards would give a company: the domain's first label, else the name
    without legal suffixes, accents, spaces or punctuation ("Razorpay Software" → razorpay)."""
    if domain:
        host = domain.lower().removeprefix("https://").removeprefix("http://").split("/")[0]
        return host.removeprefix("www.").split(".")[0]
    plain = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode().lower()
    trimmed = _SUFFIXES.sub(" ", plain)
    slug = re.sub(r"[^a-z0-9]", "", trimmed) or re.sub(r"[^a-z0-9]", "", plain)
    return slug


def probe_configs(slug: str, company: str, *, base_url: str | None = None) -> list[SourceConfig]:
    """One source config per slug-addressed ATS this install supports."""
    configs = []
    for kind, extra in PROBES:
        if kind not in SOURCES:
            continue
        suffix = f"/{extra['datacenter']}" if "datacenter" in extra else ""
        keys: dict[str, Any] = {
            "type": kind,
            "name": f"{kind}:{slug}{suffix}",
            "board": slug,
            "company": company,
            **extra,
        }
        if base_url:
            keys["base_url"] = base_url
        configs.append(source_class(kind).config_model.model_validate(keys))
    return configs


async def _probe(config: SourceConfig, http: PoliteClient) -> BoardHealth:
    source = build_source(config.model_copy(update={"max_pages": 1}))
    try:
        result: FetchResult = await source.fetch(http)
    except NotFoundError as e:
        detail = describe_error(config.name, e).replace("board not found", "not found")
        return BoardHealth(config.name, "gone", None, 0, detail, config)
    except RobotsDisallowed as e:
        return BoardHealth(config.name, "disallowed", None, 0, str(e), config)
    except SourceError as e:
        return BoardHealth(config.name, "failed", None, 0, describe_error(config.name, e), config)
    if http.redirects:  # a permanent redirect: the board lives elsewhere now
        old, new = next(iter(http.redirects.items()))
        detail = f"moved permanently: {old} → {new}; update the config"
        return BoardHealth(
            config.name, "moved", result.listed, len(result.listings), detail, config
        )
    listed, wanted = result.listed, len(result.listings)
    empty = listed == 0 or (listed is None and wanted == 0 and result.warning is not None)
    state = "empty" if empty else "healthy"
    return BoardHealth(config.name, state, listed, wanted, result.warning or "", config)


async def _probe_all(
    configs: Sequence[SourceConfig],
    settings: HttpSettings,
    transport: httpx.AsyncBaseTransport | None,
) -> list[BoardHealth]:
    async with PoliteClient(settings, transport=transport) as http:
        return list(await asyncio.gather(*(_probe(c, http.scoped()) for c in configs)))


def verify(
    configs: Sequence[SourceConfig],
    settings: HttpSettings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[BoardHealth]:
    """Each configured board probed with its own keywords (first page only)."""
    return asyncio.run(_probe_all(configs, settings, transport))


def discover(
    company: str,
    settings: HttpSettings,
    *,
    slug: str | None = None,
    domain: str | None = None,
    base_url: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> tuple[str, list[BoardHealth]]:
    """(slug, one BoardHealth per provider probed), counting TPM-family titles."""
    slug = slug or guess_slug(company, domain)
    if not slug:
        return slug, []
    configs = [
        c.model_copy(update={"keywords": DEFAULT_KEYWORDS})
        for c in probe_configs(slug, company, base_url=base_url)
    ]
    return slug, asyncio.run(_probe_all(configs, settings, transport))
