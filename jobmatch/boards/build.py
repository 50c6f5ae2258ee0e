"""Build a board registry (board_registry.COLUMNS) from public registries, in their own formats.

Pure functions over text: the caller reads the files (tools/build_registry.py from disk,
registry_update from pinned URLs) and writes what `build` returns. Upstreams, in the order
they win a duplicate:

- colophon-group/jobseek `apps/crawler/data/boards.csv` (company_slug, board_slug,
  board_url, monitor_type, monitor_config as JSON, scraper_type, scraper_config) with
  `companies.csv` (slug, name, ...) for the display names;
- strelov1/freehire `sources/<provider>.yml`: a YAML list of {company, board, and
  optionally provider, region, hub, tenants};
- kalil0321/ats-scrapers `ats-companies/<ats>.csv`: name, slug, url.

A row whose provider jobmatch has no source for is dropped and counted under that
provider; a row that cannot be read into a valid board is dropped with the reason.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

from jobmatch.boards.registry import (
    SOURCE_TYPES,
    BoardEntry,
    RegistryError,
    dedupe,
    format_registry,
    problem,
)

JOBSEEK, FREEHIRE, ATS_SCRAPERS = "jobseek", "freehire", "ats-scrapers"
REGISTRIES = (JOBSEEK, FREEHIRE, ATS_SCRAPERS)  # earlier wins a duplicate

# Upstream provider name -> jobmatch source type. Anything else is dropped, never guessed.
_COMMON = {type_: type_ for type_ in SOURCE_TYPES}
JOBSEEK_TYPES = {**_COMMON, "oracle_hcm": "oracle", "zohorecruit": "zoho"}
FREEHIRE_TYPES = {**_COMMON, "zohorecruit": "zoho"}
ATS_SCRAPERS_TYPES = {**_COMMON, "zohorecruit": "zoho"}

# jobseek's rss monitor serves two of our types through a preset.
_RSS_PRESETS = {"teamtailor": "teamtailor", "successfactors": "successfactors"}
# jobseek monitor_config keys that hold the board token, most specific first.
_TOKEN_KEYS = ("token", "board_token", "slug", "org", "company_identifier", "company_slug")
_TOKEN_KEYS_LOOSE = ("company", "tenant")  # in some types' configs these name the board
_WORKDAY_TENANT_KEYS = ("tenant", "company", "employer")
_WORKDAY_SITE_KEYS = (
    "site",
    "board",
    "site_id",
    "board_id",
    "job_board",
    "board_slug",
    "board_token",
)

SUCCESSFACTORS_FEED = "/googlefeed.xml"  # the Career Site Builder job feed jobseek reads too
# Zoho Recruit keeps an account in one data centre; an account on the Indian one is an
# Indian-registered recruiter, the strongest India signal any of these registries carries.
ZOHO_INDIA_EVIDENCE = "zoho-datacenter-in"

_LOCALE = re.compile(r"[a-z]{2}-[a-z]{2}", re.IGNORECASE)  # en-US in a Workday path
_MIT = ("Permission is hereby granted, free of charge", "MIT")


class RegistryBuildError(RegistryError):
    """An upstream file cannot be read, or its licence is not the one we can ship under."""


class _Skip(Exception):
    """A row that cannot become a board; the message is the drop reason."""


class _Unusable(_Skip):
    """The board is on a host we know and cannot read (a Greenhouse EU board, say): its
    slug must not be tried on the default host instead."""


@dataclass(frozen=True, slots=True)
class Upstream:
    """One upstream registry's files, as text."""

    registry: str  # JOBSEEK, FREEHIRE or ATS_SCRAPERS
    url: str  # the repository's public address, for the notices
    files: Mapping[str, str]  # file name (no folder) -> text
    license_text: str
    commit: str = ""


@dataclass(slots=True)
class Parsed:
    entries: list[BoardEntry] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)  # reason -> rows


@dataclass(slots=True)
class BuildResult:
    entries: list[BoardEntry]
    upstreams: list[Upstream]
    kept_by_registry: Counter[str]
    dropped: Counter[tuple[str, str]]  # (registry, reason) -> rows
    evidence_matched: int = 0
    evidence_unmatched: int = 0

    @property
    def kept_by_type(self) -> Counter[str]:
        return Counter(entry.type for entry in self.entries)

    def csv_text(self) -> str:
        return format_registry(self.entries)

    def notices_text(self) -> str:
        return notices(self.upstreams, self.kept_by_registry)

    def report_lines(self) -> list[str]:
        """What a person running the build wants to see: kept per type, dropped per reason."""
        lines = [f"kept {len(self.entries)} boards"]
        lines += [f"  {type_}: {n}" for type_, n in sorted(self.kept_by_type.items())]
        lines += [f"kept from {registry}: {n}" for registry, n in self._per_registry()]
        dropped = sorted(self.dropped.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
        lines.append(f"dropped {sum(self.dropped.values())} rows")
        lines += [f"  {registry}: {reason}: {n}" for (registry, reason), n in dropped]
        if self.evidence_matched or self.evidence_unmatched:
            lines.append(
                f"india evidence: {self.evidence_matched} rows applied, "
                f"{self.evidence_unmatched} matched no board"
            )
        return lines

    def _per_registry(self) -> list[tuple[str, int]]:
        return [(r, self.kept_by_registry[r]) for r in REGISTRIES if r in self.kept_by_registry]


def build(upstreams: Sequence[Upstream], evidence: Sequence[tuple[str, str]] = ()) -> BuildResult:
    """Parse each upstream, merge them (earlier registries in REGISTRIES win a duplicate),
    then apply India evidence files, given as (origin, text)."""
    unknown = [up.registry for up in upstreams if up.registry not in REGISTRIES]
    if unknown:
        raise RegistryBuildError(f"unknown registry {unknown[0]!r}; known: {', '.join(REGISTRIES)}")
    ordered = sorted(upstreams, key=lambda up: REGISTRIES.index(up.registry))
    dropped: Counter[tuple[str, str]] = Counter()
    rows: list[BoardEntry] = []
    for upstream in ordered:
        check_license(upstream)
        parsed = parse_upstream(upstream)
        rows += parsed.entries
        dropped.update({(upstream.registry, why): n for why, n in parsed.dropped.items()})
    kept, duplicates = dedupe(rows)
    for entry in duplicates:
        dropped[(entry.registry, "duplicate of a board listed earlier")] += 1
    matched = unmatched = 0
    for origin, text in evidence:
        kept, hit, miss = apply_evidence(kept, text, origin)
        matched, unmatched = matched + hit, unmatched + miss
    kept.sort(key=lambda e: (e.company.casefold(), e.type, e.token.casefold(), e.instance, e.site))
    return BuildResult(
        entries=kept,
        upstreams=list(ordered),
        kept_by_registry=Counter(entry.registry for entry in kept),
        dropped=dropped,
        evidence_matched=matched,
        evidence_unmatched=unmatched,
    )


def parse_upstream(upstream: Upstream) -> Parsed:
    if upstream.registry == JOBSEEK:
        boards = upstream.files.get("boards.csv")
        if boards is None:
            raise RegistryBuildError(f"{JOBSEEK}: no boards.csv among the files given")
        return parse_jobseek(boards, upstream.files.get("companies.csv"))
    if upstream.registry == FREEHIRE:
        return parse_freehire(upstream.files)
    assert upstream.registry == ATS_SCRAPERS, upstream.registry
    return parse_ats_scrapers(upstream.files)


def check_license(upstream: Upstream) -> None:
    """Refuse an upstream whose licence is not MIT: its notice is what lets us ship its rows."""
    if not all(marker in upstream.license_text for marker in _MIT):
        raise RegistryBuildError(
            f"{upstream.registry}: its LICENSE is not the MIT licence; not using its data"
        )


def notices(upstreams: Iterable[Upstream], kept: Mapping[str, int]) -> str:
    """THIRD_PARTY_NOTICES.md: each registry used, where from, and its licence in full."""
    parts = [
        "# Third-party notices\n\n"
        "`boards.csv` beside this file was built by jobmatch from the public board registries "
        "below. Each is used under the MIT licence, reproduced in full.\n"
    ]
    for upstream in upstreams:
        commit = f"- Commit: `{upstream.commit}`\n" if upstream.commit else ""
        parts.append(
            f"\n## {upstream.registry}\n\n"
            f"- Source: {upstream.url}\n{commit}"
            f"- Files: {', '.join(sorted(upstream.files))}\n"
            f"- Boards kept from it: {kept.get(upstream.registry, 0)}\n\n"
            f"```text\n{upstream.license_text.strip()}\n```\n"
        )
    return "".join(parts)


# jobseek -----------------------------------------------------------------------------------


def parse_jobseek(boards_csv: str, companies_csv: str | None = None) -> Parsed:
    names = _jobseek_names(companies_csv) if companies_csv else {}
    parsed = Parsed()
    for row in _dict_rows(boards_csv, "boards.csv", ("company_slug", "board_url", "monitor_type")):
        provider = row["monitor_type"].strip()
        try:
            config = json.loads(row.get("monitor_config") or "{}")
        except json.JSONDecodeError:
            parsed.dropped[f"{provider}: monitor_config is not JSON"] += 1
            continue
        if not isinstance(config, dict):
            config = {}
        if provider == "rss":
            preset = str(config.get("preset", "generic"))
            if config.get("variant") == "legacy":
                preset += " (legacy)"  # a page scraper, not a feed
            provider, type_ = f"rss:{preset}", _RSS_PRESETS.get(preset)
        else:
            type_ = JOBSEEK_TYPES.get(provider)
        if type_ is None:
            parsed.dropped[f"unsupported provider {provider!r}"] += 1
            continue
        slug = row["company_slug"].strip()
        company = names.get(slug) or slug
        try:
            token, instance, site = _jobseek_board(type_, row["board_url"].strip(), config)
        except _Skip as why:
            parsed.dropped[f"{provider}: {why}"] += 1
            continue
        _add(parsed, type_, company, token, instance, site, JOBSEEK)
    return parsed


def _jobseek_names(companies_csv: str) -> dict[str, str]:
    rows = _dict_rows(companies_csv, "companies.csv", ("slug", "name"))
    return {row["slug"].strip(): row["name"].strip() for row in rows}


def _jobseek_board(type_: str, url: str, config: Mapping[str, Any]) -> tuple[str, str, str]:
    """(token, instance, site) of a jobseek board. Its configs name the token by many keys
    (token, slug, org, ...), so for Workday the URL is read first; for the others the config
    token wins and the URL adds what it lacks (a Lever or Personio region). A board on a
    company's own domain has only the config to go on."""

    def first(keys: Iterable[str]) -> str:
        return next((str(config[k]).strip() for k in keys if config.get(k)), "")

    if type_ == "workday":
        try:
            return locate("workday", url)
        except _Unusable:
            raise
        except _Skip:  # a custom domain: the config names the board
            tenant, site = first(_WORKDAY_TENANT_KEYS), first((*_WORKDAY_SITE_KEYS, "instance"))
            instance = first(("wd_instance",))
            if tenant and site and instance:
                return tenant, instance, site
            raise
    if type_ == "oracle":
        host, site = first(("host",)), first(("site", "site_number"))
        if host and site:
            return locate("oracle", f"{host}/{site}")
        return locate("oracle", url)
    if type_ == "successfactors":
        return locate("successfactors", first(("feed_url", "url")) or url)
    if type_ == "teamtailor":
        return locate("teamtailor", first(("feed_url",)) or url)
    token = first(_TOKEN_KEYS) or first(_TOKEN_KEYS_LOOSE)
    if type_ == "recruitee" and not token:
        token = first(("api_base",))  # a recruitee.com host, or a custom one we cannot use
    try:
        from_url = locate(type_, url)
    except _Unusable:
        raise
    except _Skip:
        if not token:
            raise
        return locate(type_, token)
    if not token or token.casefold() == from_url[0].casefold():
        return from_url
    if type_ == "lever" and config.get("region") == "eu":
        return token, "eu", ""
    return locate(type_, token)


# freehire ----------------------------------------------------------------------------------


def parse_freehire(files: Mapping[str, str]) -> Parsed:
    """`files`: "<provider>.yml" -> text; the file name is each entry's default provider."""
    parsed = Parsed()
    for name in sorted(files):
        if not name.endswith((".yml", ".yaml")):
            continue
        default_provider = name.rsplit(".", 1)[0]
        try:
            items = parse_simple_yaml(files[name])
        except ValueError as e:
            raise RegistryBuildError(f"{FREEHIRE}: {name}:{e}") from None
        for item in items:
            provider = item.get("provider") or default_provider
            type_ = FREEHIRE_TYPES.get(provider)
            if type_ is None:
                parsed.dropped[f"unsupported provider {provider!r}"] += 1
                continue
            board = item.get("board", "")
            try:
                token, instance, site = locate(type_, board)
            except _Skip as why:
                parsed.dropped[f"{provider}: {why}"] += 1
                continue
            if type_ == "lever" and item.get("region") == "eu":
                instance = "eu"
            _add(parsed, type_, item.get("company", ""), token, instance, site, FREEHIRE)
    return parsed


_YAML_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*) *:(?: +(?P<value>.*))?")


def parse_simple_yaml(text: str) -> list[dict[str, str]]:
    """A top-level YAML list of flat mappings of scalars, the shape freehire's board files
    use (PyYAML is not a dependency). Nested blocks (a hub's `tenants` map) are skipped;
    a construct outside that shape raises ValueError("LINE: what") rather than being misread.
    """
    items: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    key_indent: int | None = None  # the column an item's keys start at, once known
    opened_block = False  # the last key had no value: deeper lines belong to it
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if not body or body.startswith("#") or line in ("---", "..."):
            continue
        if body.startswith("\t"):
            raise ValueError(f"{number}: a tab in the indentation")
        if current is not None and key_indent is not None:
            nested = indent > key_indent or (
                indent == key_indent and opened_block and body.startswith("-")
            )
            if nested:
                continue  # inside a block under the last key: not a board field
        if indent == 0 and (body == "-" or body.startswith("- ")):
            current = {}
            items.append(current)
            opened_block = False
            if body == "-":
                key_indent = None  # the keys follow on the next lines
                continue
            body = body[1:].lstrip(" ")
            key_indent = len(line) - len(body)
        elif current is None:
            if body == "[]":
                continue
            raise ValueError(f"{number}: expected a list item ('- company: ...')")
        elif key_indent is None:
            key_indent = indent
        elif indent != key_indent:
            raise ValueError(f"{number}: unexpected indentation")
        match = _YAML_KEY.fullmatch(body)
        if current is None or not match:
            raise ValueError(f"{number}: expected 'key: value'")
        value = match["value"] or ""
        opened_block = not value.strip()
        current[match["key"]] = _scalar(value, number)
    return items


def _scalar(value: str, number: int) -> str:
    """One YAML scalar: plain, 'single' or "double" quoted; '#' after a space is a comment."""
    value = value.strip()
    if value.startswith('"'):
        end = _closing_quote(value)
        if end < 0:
            raise ValueError(f"{number}: an unterminated double-quoted string")
        _trailing_comment(value[end + 1 :], number)
        try:
            decoded = json.loads(value[: end + 1])  # JSON escapes are YAML's common subset
        except json.JSONDecodeError:
            raise ValueError(f"{number}: an escape this reader does not know") from None
        return str(decoded)
    if value.startswith("'"):
        text, rest = _single_quoted(value, number)
        _trailing_comment(rest, number)
        return text
    if value[:1] in ("[", "{", "&", "*", "!", "|", ">", "%", "@", "`"):
        raise ValueError(f"{number}: {value[:1]!r} starts YAML this reader does not handle")
    return re.split(r"\s+#", value, maxsplit=1)[0].strip()


def _closing_quote(value: str) -> int:
    i = 1
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == '"':
            return i
        i += 1
    return -1


def _single_quoted(value: str, number: int) -> tuple[str, str]:
    out, i = [], 1
    while i < len(value):
        if value[i] == "'":
            if value[i + 1 : i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), value[i + 1 :]
        out.append(value[i])
        i += 1
    raise ValueError(f"{number}: an unterminated single-quoted string")


def _trailing_comment(rest: str, number: int) -> None:
    if rest.strip() and not rest.strip().startswith("#"):
        raise ValueError(f"{number}: text after a quoted string")


# ats-scrapers ------------------------------------------------------------------------------


def parse_ats_scrapers(files: Mapping[str, str]) -> Parsed:
    """`files`: "<ats>.csv" -> text with `name,slug,url` (or the legacy `name,url` where the
    url column holds the slug)."""
    parsed = Parsed()
    for name in sorted(files):
        if not name.endswith(".csv"):
            continue
        provider = name.removesuffix(".csv")
        type_ = ATS_SCRAPERS_TYPES.get(provider)
        if type_ is None:
            rows = _dict_rows(files[name], name, ())
            parsed.dropped[f"unsupported provider {provider!r}"] += len(rows)
            continue
        rows = _dict_rows(files[name], name, ("name",))
        for row in rows:
            slug, url = (row.get("slug") or "").strip(), (row.get("url") or "").strip()
            try:
                try:  # the URL carries what a slug lacks (a Workday instance, a Zoho region)
                    token, instance, site = locate(type_, url)
                except _Unusable:
                    raise
                except _Skip:
                    if not slug:
                        raise
                    token, instance, site = locate(type_, slug)
            except _Skip as why:
                parsed.dropped[f"{provider}: {why}"] += 1
                continue
            _add(parsed, type_, row["name"], token, instance, site, ATS_SCRAPERS)
    return parsed


# Boards out of URLs, hosts and slugs -------------------------------------------------------

# Hosts whose first label is the board token: suffix -> type.
_SUBDOMAIN_HOSTS = {
    ".recruitee.com": "recruitee",
    ".bamboohr.com": "bamboohr",
    ".breezy.hr": "breezy",
    ".pinpointhq.com": "pinpoint",
    ".keka.com": "keka",
    ".teamtailor.com": "teamtailor",
    ".workable.com": "workable",
}
# Hosts whose path holds the token: host -> (type, path segments before the token).
_PATH_HOSTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "boards.greenhouse.io": ("greenhouse", ()),
    "job-boards.greenhouse.io": ("greenhouse", ()),
    "boards-api.greenhouse.io": ("greenhouse", ("v1", "boards")),
    "api.greenhouse.io": ("greenhouse", ("v1", "boards")),
    "jobs.lever.co": ("lever", ()),
    "jobs.eu.lever.co": ("lever", ()),
    "api.lever.co": ("lever", ("v0", "postings")),
    "api.eu.lever.co": ("lever", ("v0", "postings")),
    "jobs.ashbyhq.com": ("ashby", ()),
    "api.ashbyhq.com": ("ashby", ("posting-api", "job-board")),
    "apply.workable.com": ("workable", ()),
    "careers.smartrecruiters.com": ("smartrecruiters", ()),
    "jobs.smartrecruiters.com": ("smartrecruiters", ()),
    "api.smartrecruiters.com": ("smartrecruiters", ("v1", "companies")),
    "ats.rippling.com": ("rippling", ()),
    "api.rippling.com": ("rippling", ("platform", "api", "ats", "v1", "board")),
}
_NOT_TOKENS = frozenset({"www", "api", "app", "apply", "jobs", "careers", "embed", "j"})


def locate(type_: str, raw: str) -> tuple[str, str, str]:
    """(token, instance, site) of a `type_` board given as a slug, a host or a URL.
    Raises _Skip with the reason when it cannot be read as one."""
    raw = raw.strip()
    if not raw:
        raise _Skip("no board given")
    if "/" not in raw and "." not in raw and ":" not in raw:
        return _from_slug(type_, raw)
    parts = urlsplit(raw if "://" in raw else "https://" + raw)
    host = (parts.hostname or "").lower().removesuffix(".")
    if not host:
        raise _Skip("not a URL")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if type_ == "workday":
        return _workday(host, segments)
    if type_ == "oracle":
        return _oracle(host, segments)
    if type_ == "successfactors":
        return _successfactors(parts, host)
    if type_ == "zoho":
        return _zoho(host)
    if type_ == "personio":
        found = re.fullmatch(r"([a-z0-9-]+)\.jobs\.personio\.(de|com)", host)
        if found:
            return found[1], found[2], ""
        raise _Skip("not a jobs.personio.de/.com host")
    if type_ == "greenhouse" and ".eu.greenhouse.io" in host:
        raise _Unusable("a Greenhouse EU board (our source reads the US API only)")
    if type_ == "teamtailor" and host.endswith(".teamtailor.com") and host.count(".") > 2:
        raise _Unusable("a regional Teamtailor host (e.g. .na.)")
    for suffix, kind in _SUBDOMAIN_HOSTS.items():
        if host.endswith(suffix) and kind == type_:
            label = host.removesuffix(suffix)
            if "." not in label and label not in _NOT_TOKENS:
                return _from_slug(type_, label)
    path_host = _PATH_HOSTS.get(host)
    if path_host and path_host[0] == type_:
        token = _after(segments, path_host[1])
        if type_ == "greenhouse":
            token = parse_qs(parts.query).get("for", [token])[0]
        if token and token.casefold() not in _NOT_TOKENS:
            return _from_slug(type_, token, instance="eu" if ".eu.lever.co" in host else "")
    raise _Skip(f"not a {type_} board URL (a custom domain?)")


def _from_slug(type_: str, slug: str, instance: str = "") -> tuple[str, str, str]:
    if type_ in ("workday", "oracle", "successfactors"):
        raise _Skip("a bare name where a URL is needed")
    if type_ == "zoho":
        raise _Skip("no Zoho data centre (a bare name, not a host)")
    return slug, instance, ""


def _after(segments: list[str], prefix: tuple[str, ...]) -> str:
    if len(segments) <= len(prefix) or tuple(s.lower() for s in segments[: len(prefix)]) != prefix:
        return ""
    return segments[len(prefix)]


def _workday(host: str, segments: list[str]) -> tuple[str, str, str]:
    found = re.fullmatch(r"([a-z0-9_-]+)\.(wd[0-9]{1,3})\.myworkdayjobs\.com", host)
    if not found:
        if host.endswith(".myworkdaysite.com"):
            raise _Unusable("a myworkdaysite.com board (no tenant host)")
        raise _Skip("not a <tenant>.wdN.myworkdayjobs.com URL")
    rest = segments
    if [s.lower() for s in rest[:3]] == ["wday", "cxs", found[1]]:
        rest = rest[3:]  # the API path: /wday/cxs/<tenant>/<site>/jobs
    if len(rest) > 1 and _LOCALE.fullmatch(rest[0]):
        rest = rest[1:]
    if not rest:
        raise _Skip("a Workday URL without a site")
    return found[1], found[2], rest[0]


def _oracle(host: str, segments: list[str]) -> tuple[str, str, str]:
    if ".oraclecloud" not in host:
        raise _Skip("not an Oracle Cloud host (a branded domain?)")
    lowered = [s.lower() for s in segments]
    if "sites" in lowered and lowered.index("sites") + 1 < len(segments):
        return host, "", segments[lowered.index("sites") + 1]
    if len(segments) == 1:  # freehire's "<host>/<siteNumber>"
        return host, "", segments[0]
    raise _Skip("an Oracle URL without a site")


def _successfactors(parts: SplitResult, host: str) -> tuple[str, str, str]:
    if re.fullmatch(r"career[0-9]*\.successfactors\.(com|eu)", host):
        raise _Unusable("a legacy SuccessFactors career page (no feed)")
    if parts.path.lower().endswith(".xml"):
        return f"https://{host}{parts.path}", "", ""
    return f"https://{host}{SUCCESSFACTORS_FEED}", "", ""


def _zoho(host: str) -> tuple[str, str, str]:
    found = re.fullmatch(r"([a-z0-9-]+)\.zohorecruit\.([a-z.]+)", host)
    if not found:
        raise _Skip("not a <name>.zohorecruit.<dc> host")
    if found[2] not in ("com", "in", "eu"):
        raise _Unusable(f"Zoho data centre .{found[2]} (we read com, in, eu)")
    return found[1], found[2], ""


# Shared ------------------------------------------------------------------------------------


def _add(
    parsed: Parsed,
    type_: str,
    company: str,
    token: str,
    instance: str,
    site: str,
    registry: str,
) -> None:
    company = " ".join(company.split()) or token
    entry = BoardEntry(company, type_, token, instance, site, registry=registry)
    if type_ == "zoho" and instance == "in":
        entry = replace(entry, hires_in_india="yes", evidence=ZOHO_INDIA_EVIDENCE)
    why = problem(entry)
    if why:
        parsed.dropped[f"{type_}: invalid row: {why.split(', got')[0]}"] += 1
    else:
        parsed.entries.append(entry)


def _dict_rows(text: str, origin: str, required: Sequence[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    missing = [column for column in required if column not in (reader.fieldnames or ())]
    if missing:
        raise RegistryBuildError(f"{origin}: no column {', '.join(missing)} in the header")
    try:
        return [{k: v or "" for k, v in row.items() if k is not None} for row in reader]
    except csv.Error as e:
        raise RegistryBuildError(f"{origin}:{reader.line_num}: not CSV ({e})") from None


def apply_evidence(
    entries: list[BoardEntry], text: str, origin: str
) -> tuple[list[BoardEntry], int, int]:
    """Set hires_in_india (and hq_country) from an evidence CSV with the columns type, token,
    hires_in_india and optionally instance, site, evidence, hq_country — e.g. what a look at
    a board's listings found. Returns (entries, rows applied, rows matching no board)."""
    rows = _dict_rows(text, origin, ("type", "token", "hires_in_india"))
    by_key = {entry.key(): i for i, entry in enumerate(entries)}
    out, matched, unmatched = list(entries), 0, 0
    for number, row in enumerate(rows, start=2):
        probe = BoardEntry(
            "", row["type"], row["token"], row.get("instance", ""), row.get("site", "")
        )
        at = by_key.get(probe.key())
        if at is None:
            unmatched += 1
            continue
        updated = replace(
            out[at],
            hires_in_india=row["hires_in_india"].strip(),
            evidence=(row.get("evidence") or "listings").strip(),
            hq_country=(row.get("hq_country") or out[at].hq_country).strip().upper(),
        )
        why = problem(updated)
        if why:
            raise RegistryBuildError(f"{origin}:{number}: {why}")
        out[at] = updated
        matched += 1
    return out, matched, unmatched
