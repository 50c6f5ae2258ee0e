"""What a user types to name a board: a careers-page URL, `TYPE:TOKEN`, or a company name in
the registry. Each becomes a `BoardEntry`, checked like a registry row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from jobmatch.boards.registry import (
    INSTANCE_KEYS,
    SOURCE_TYPES,
    BoardEntry,
    BoardIndex,
    problem,
    search,
)
from jobmatch.errors import JobmatchError


class BoardRefError(JobmatchError):
    """A board reference that names no board (one line: what was typed and why)."""


# Hosts whose first path segment is the board token.
_PATH_HOSTS = {
    "boards.greenhouse.io": "greenhouse",
    "job-boards.greenhouse.io": "greenhouse",
    "job-boards.eu.greenhouse.io": "greenhouse",
    "jobs.lever.co": "lever",
    "jobs.eu.lever.co": "lever",
    "jobs.ashbyhq.com": "ashby",
    "apply.workable.com": "workable",
    "careers.smartrecruiters.com": "smartrecruiters",
    "jobs.smartrecruiters.com": "smartrecruiters",
    "ats.rippling.com": "rippling",
}
# Tenant subdomains: {token}.<suffix>.
_SUBDOMAIN_SUFFIXES = {
    "recruitee.com": "recruitee",
    "keka.com": "keka",
    "bamboohr.com": "bamboohr",
    "teamtailor.com": "teamtailor",
    "breezy.hr": "breezy",
    "pinpointhq.com": "pinpoint",
}
_PERSONIO = re.compile(r"^([a-z0-9-]+)\.jobs\.personio\.(de|com)$")
_ZOHO = re.compile(r"^([a-z0-9-]+)\.zohorecruit\.(com|in|eu)$")
_WORKDAY = re.compile(r"^([a-z0-9-]+)\.(wd\d{1,3})\.myworkdayjobs\.com$")
_LOCALE = re.compile(r"^[a-z]{2}-[A-Z]{2}$")
_ORACLE_SITE = re.compile(r"/sites/([A-Za-z0-9_]+)")


def from_url(url: str) -> BoardEntry | None:
    """The board a careers-page URL belongs to, or None for a URL of no known ATS."""
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    if host in _PATH_HOSTS and segments:
        kind = _PATH_HOSTS[host]
        instance = "eu" if kind == "lever" and ".eu." in host else ""
        return _entry(kind, segments[0], instance=instance)
    if host == "boards-api.greenhouse.io" and len(segments) > 2:
        return _entry("greenhouse", segments[2])
    for suffix, kind in _SUBDOMAIN_SUFFIXES.items():
        if host.endswith("." + suffix) and host.count(".") == suffix.count(".") + 1:
            return _entry(kind, host.split(".")[0])
    if found := _PERSONIO.match(host):
        return _entry("personio", found[1], instance=found[2])
    if found := _ZOHO.match(host):
        return _entry("zoho", found[1], instance=found[2])
    if found := _WORKDAY.match(host):
        sites = [s for s in segments if not _LOCALE.match(s)]
        if sites:
            return _entry("workday", found[1], instance=found[2], site=sites[0])
    if host.endswith(".oraclecloud.com") and (site := _ORACLE_SITE.search(parts.path)):
        return _entry("oracle", host, site=site[1])
    return None


def from_type_token(text: str) -> BoardEntry | None:
    """`TYPE:TOKEN` (Workday `workday:TENANT/wdN/SITE`, Oracle `oracle:HOST/SITE`, Zoho
    `zoho:BOARD/in`, Lever `lever:BOARD/eu`, SuccessFactors `successfactors:FEED-URL`)."""
    kind, colon, rest = text.partition(":")
    if not colon or kind not in SOURCE_TYPES or not rest:
        return None
    if kind == "successfactors":
        return _entry(kind, rest)
    parts = rest.split("/")
    if kind == "workday" and len(parts) == 3:
        return _entry(kind, parts[0], instance=parts[1], site=parts[2])
    if kind == "oracle" and len(parts) == 2:
        return _entry(kind, parts[0], site=parts[1])
    if kind in INSTANCE_KEYS and kind != "workday" and len(parts) == 2:
        return _entry(kind, parts[0], instance=parts[1])
    if len(parts) == 1:
        return _entry(kind, parts[0], instance="com" if kind == "zoho" else "")
    return _entry(kind, rest)  # checked below: the token's own rule says what is wrong


def _entry(kind: str, token: str, *, instance: str = "", site: str = "") -> BoardEntry:
    return BoardEntry(company=token, type=kind, token=token, instance=instance, site=site)


def resolve(text: str, index: BoardIndex, *, company: str | None = None) -> list[BoardEntry]:
    """The boards `text` names: a URL or TYPE:TOKEN gives one; a company name gives every
    board the registry holds for that exact name (or for one unmistakable match)."""
    text = text.strip()
    entry = from_type_token(text) or (from_url(text) if "." in text else None)
    if entry is not None:
        if company:
            entry = _with_company(entry, company)
        else:  # the registry's display name, where the registry knows the board
            known = [e for e in index.entries if e.key() == entry.key()]
            entry = _with_company(entry, known[0].company) if known else entry
        why = problem(entry)
        if why:
            raise BoardRefError(f"{text}: {why}")
        return [entry]
    return _by_name(text, index)


def _by_name(text: str, index: BoardIndex) -> list[BoardEntry]:
    exact = [e for e in index.entries if e.company.casefold() == text.casefold()]
    if exact:
        return exact
    # A weak fuzzy likeness is no answer to "add this company": only close names count.
    found = [hit for hit in search(index, text, limit=5) if hit[1] >= 85]
    if len(found) == 1 or (found and found[0][1] >= 95 and found[1][1] < 95):
        return [found[0][0]]
    if not found:
        raise BoardRefError(
            f"{text}: no company of that name in the board registry; give a careers-page URL, "
            "TYPE:TOKEN, or try `jobmatch boards discover`"
        )
    names = "; ".join(f"{e.company} ({e.name})" for e, _ in found)
    raise BoardRefError(f"{text}: more than one board could be meant: {names}; name one")


def _with_company(entry: BoardEntry, company: str) -> BoardEntry:
    return BoardEntry(
        company, entry.type, entry.token, entry.instance, entry.site, entry.hq_country,
        entry.hires_in_india, entry.evidence, entry.registry,
    )  # fmt: skip


def resolve_all(texts: Sequence[str], index: BoardIndex) -> list[BoardEntry]:
    return [entry for text in texts for entry in resolve(text, index)]
