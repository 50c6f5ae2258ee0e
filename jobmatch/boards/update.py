"""Download the public board registries at pinned commits and build the user's registry.

`update_registry` fetches every file first and writes nothing unless all arrived, so an
unreachable URL leaves the previous registry as it was; the new files replace the old ones
by rename. The HTTP call is injected (`http_get`), so tests serve made-up files from
`httpx.MockTransport`. `local_upstream` reads the same registries from a checkout on disk,
for tools/build_registry.py.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from jobmatch.boards.build import (
    ATS_SCRAPERS,
    FREEHIRE,
    JOBSEEK,
    BuildResult,
    RegistryBuildError,
    Upstream,
    build,
)
from jobmatch.boards.registry import RegistryError, user_registry_dir
from scraper.http import HttpSettings

NOTICES = "THIRD_PARTY_NOTICES.md"
MAX_BYTES = 20 * 1024 * 1024  # the largest upstream file today is about 1 MB

HttpGet = Callable[[str], str]  # URL -> body text; raises RegistryUpdateError


class RegistryUpdateError(RegistryError):
    """A registry file could not be downloaded (one line naming its URL)."""


@dataclass(frozen=True, slots=True)
class PinnedRegistry:
    """One upstream repository at one commit, and the files of it we read."""

    registry: str  # JOBSEEK, FREEHIRE or ATS_SCRAPERS
    repo: str  # owner/name on GitHub
    commit: str
    files: tuple[str, ...]  # paths inside the repository
    license: str = "LICENSE"

    @property
    def repo_url(self) -> str:
        return f"https://github.com/{self.repo}"

    def raw_url(self, path: str) -> str:
        return f"https://raw.githubusercontent.com/{self.repo}/{self.commit}/{path}"


@dataclass(frozen=True, slots=True)
class RegistryUrls:
    jobseek: PinnedRegistry
    freehire: PinnedRegistry
    ats_scrapers: PinnedRegistry

    def all(self) -> tuple[PinnedRegistry, ...]:
        return (self.jobseek, self.freehire, self.ats_scrapers)


# Provider files we map to a jobmatch type (raw URLs cannot list a directory). freehire has
# no keka file; ats-scrapers has no zoho or keka file at these commits.
FREEHIRE_FILES = (
    "ashby",
    "bamboohr",
    "breezy",
    "greenhouse",
    "lever",
    "oracle",
    "personio",
    "pinpoint",
    "recruitee",
    "rippling",
    "smartrecruiters",
    "successfactors",
    "teamtailor",
    "workable",
    "workday",
    "zohorecruit",
)
ATS_SCRAPERS_FILES = tuple(name for name in FREEHIRE_FILES if name != "zohorecruit")

DEFAULT_URLS = RegistryUrls(
    jobseek=PinnedRegistry(
        JOBSEEK,
        "colophon-group/jobseek",
        "1763b11f93852716cc0088af5a90041a7148b57d",  # 2026-08-22
        ("apps/crawler/data/boards.csv", "apps/crawler/data/companies.csv"),
    ),
    freehire=PinnedRegistry(
        FREEHIRE,
        "strelov1/freehire",
        "10aabb2c497bab04638df8351af01d9093370ae6",  # 2026-09-02 (#2338)
        tuple(f"sources/{name}.yml" for name in FREEHIRE_FILES),
    ),
    ats_scrapers=PinnedRegistry(
        ATS_SCRAPERS,
        "kalil0321/ats-scrapers",
        "0772974df18c90530ca28f46541bed3cbde8584b",  # after v0.3.0 (2026-09-02)
        tuple(f"ats-companies/{name}.csv" for name in ATS_SCRAPERS_FILES),
    ),
)


@dataclass(frozen=True, slots=True)
class UpdateSummary:
    path: Path  # the boards.csv written
    boards: int
    kept_by_type: Counter[str]
    dropped: Counter[tuple[str, str]]  # (registry, reason) -> rows
    commits: dict[str, str]  # registry -> commit
    report: tuple[str, ...]  # BuildResult.report_lines()


def http_getter(client: httpx.Client, *, max_bytes: int = MAX_BYTES) -> HttpGet:
    """An HttpGet over `client`: 200 and UTF-8 or a RegistryUpdateError naming the URL."""

    def get(url: str) -> str:
        try:
            with client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise RegistryUpdateError(f"cannot download {url}: HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise RegistryUpdateError(f"cannot download {url}: over {max_bytes} bytes")
        except httpx.HTTPError as e:
            raise RegistryUpdateError(f"cannot download {url}: {type(e).__name__}") from e
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise RegistryUpdateError(f"cannot use {url}: not UTF-8 text") from None

    return get


def update_registry(
    dest_dir: Path | None = None,
    urls: RegistryUrls = DEFAULT_URLS,
    http_get: HttpGet | None = None,
    *,
    evidence: Sequence[Path] = (),
) -> UpdateSummary:
    """Download `urls`, build, and write boards.csv and THIRD_PARTY_NOTICES.md into
    `dest_dir` (default: the user data directory). `evidence` are India evidence CSVs."""
    dest_dir = dest_dir or user_registry_dir()
    evidence_texts = [(str(path), _read(path)) for path in evidence]
    if http_get is None:
        headers = {"User-Agent": HttpSettings().user_agent}
        with httpx.Client(headers=headers, timeout=30.0, follow_redirects=True) as client:
            upstreams = [download(pinned, http_getter(client)) for pinned in urls.all()]
    else:
        upstreams = [download(pinned, http_get) for pinned in urls.all()]
    result = build(upstreams, evidence_texts)
    path = write_registry(dest_dir / "boards.csv", result)
    return UpdateSummary(
        path=path,
        boards=len(result.entries),
        kept_by_type=result.kept_by_type,
        dropped=result.dropped,
        commits={pinned.registry: pinned.commit for pinned in urls.all()},
        report=tuple(result.report_lines()),
    )


def update_registry_cli(dest_dir: Path | None = None) -> str:
    """`update_registry` with the pinned URLs, as the text `jobmatch boards update` prints."""
    summary = update_registry(dest_dir)
    commits = ", ".join(f"{name} {commit[:12]}" for name, commit in summary.commits.items())
    return "\n".join(
        [*summary.report, f"from {commits}", f"wrote {summary.path} and {NOTICES} beside it"]
    )


def download(pinned: PinnedRegistry, http_get: HttpGet) -> Upstream:
    files = {path.rsplit("/", 1)[-1]: http_get(pinned.raw_url(path)) for path in pinned.files}
    return Upstream(
        registry=pinned.registry,
        url=pinned.repo_url,
        files=files,
        license_text=http_get(pinned.raw_url(pinned.license)),
        commit=pinned.commit,
    )


def write_registry(out: Path, result: BuildResult) -> Path:
    """Write `out` and THIRD_PARTY_NOTICES.md beside it, each by rename of a temp file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    _replace(out.parent / NOTICES, result.notices_text())
    _replace(out, result.csv_text())
    return out


def _replace(path: Path, text: str) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# Local checkouts, for tools/build_registry.py ----------------------------------------------

_LICENSE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "COPYING")
# Where each registry keeps its files, from the repository root.
_SUBDIRS = {
    JOBSEEK: "apps/crawler/data",
    FREEHIRE: "sources",
    ATS_SCRAPERS: "ats-companies",
}
_SUFFIXES = {FREEHIRE: (".yml", ".yaml"), ATS_SCRAPERS: (".csv",)}


def local_upstream(registry: str, path: Path, *, commit: str = "", url: str = "") -> Upstream:
    """A registry read from disk. `path` is the repository root, its data folder, or one
    data file (for jobseek its boards.csv; companies.csv beside it is read too). The licence
    is the first LICENSE file in that folder or one above it."""
    if path.is_file():
        folder, chosen = path.parent, [path]
        if registry == JOBSEEK:
            chosen += [p for p in (folder / "companies.csv",) if p.is_file() and p != path]
    elif path.is_dir():
        folder = path / _SUBDIRS[registry] if (path / _SUBDIRS[registry]).is_dir() else path
        if registry == JOBSEEK:
            chosen = [folder / "boards.csv"] + [
                p for p in (folder / "companies.csv",) if p.is_file()
            ]
        else:
            chosen = sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES[registry])
    else:
        raise RegistryBuildError(f"{registry}: {path}: no such file or folder")
    # jobseek's boards file is known by its role, whatever it is called on disk.
    names = ["boards.csv" if registry == JOBSEEK and p == chosen[0] else p.name for p in chosen]
    files = {name: _read(p) for name, p in zip(names, chosen, strict=True)}
    pinned = {p.registry: p for p in DEFAULT_URLS.all()}[registry]
    return Upstream(
        registry, url or pinned.repo_url, files, _find_license(registry, folder), commit
    )


def _find_license(registry: str, folder: Path) -> str:
    for candidate in [folder, *folder.parents][:5]:
        for name in _LICENSE_NAMES:
            if (candidate / name).is_file():
                return _read(candidate / name)
    raise RegistryBuildError(f"{registry}: no LICENSE file in {folder} or the folders above it")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise RegistryBuildError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise RegistryBuildError(f"{path}: cannot read ({e.strerror})") from None
