"""The board registry: which job board a company posts on, and a search over it.

A registry is a UTF-8 CSV with the header in `COLUMNS`, one board a row. The package ships
`jobmatch/data/boards.csv`; `jobmatch boards update` writes a second one, built from public
registries, into the user data directory. Both are read here; nothing here touches the network.
"""

from __future__ import annotations

import csv
import heapq
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process, utils

from jobmatch.errors import JobmatchError
from jobmatch.locations import user_data_dir

COLUMNS = (
    "company",
    "type",
    "token",
    "instance",
    "site",
    "hq_country",
    "hires_in_india",
    "evidence",
    "registry",
)

# The config key the token goes under, per source type.
TOKEN_KEYS: dict[str, str] = {
    **dict.fromkeys(
        (
            "greenhouse",
            "lever",
            "ashby",
            "workable",
            "smartrecruiters",
            "recruitee",
            "personio",
            "zoho",
            "keka",
            "bamboohr",
            "teamtailor",
            "breezy",
            "rippling",
            "pinpoint",
        ),
        "board",
    ),
    "workday": "tenant",
    "oracle": "host",
    "successfactors": "feed_url",
}
SOURCE_TYPES = frozenset(TOKEN_KEYS)

# The config key `instance` goes under, and the values it may take ("" = not given).
INSTANCE_KEYS = {
    "workday": "instance",
    "zoho": "datacenter",
    "lever": "region",
    "personio": "domain",
}
_INSTANCE_VALUES = {"zoho": ("com", "in", "eu"), "lever": ("eu",), "personio": ("de", "com")}
_NEEDS_SITE = frozenset({"workday", "oracle"})

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ASHBY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]*[A-Za-z0-9._-]|[A-Za-z0-9]")  # "Flock Safety"
_HOST = re.compile(r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", re.IGNORECASE)
_WORKDAY_INSTANCE = re.compile(r"wd[0-9]{1,3}")
_SITE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_COUNTRY = re.compile(r"[A-Z]{2}")

SHIPPED = "jobmatch/data/boards.csv"  # how errors name the packaged file


class RegistryError(JobmatchError):
    """A registry file is missing, not UTF-8 or has a malformed row (one line: FILE:LINE: why)."""


@dataclass(frozen=True, slots=True)
class BoardEntry:
    company: str
    type: str
    token: str
    instance: str = ""
    site: str = ""
    hq_country: str = ""
    hires_in_india: str = ""  # "yes", "no" or "" (unknown)
    evidence: str = ""  # how hires_in_india was decided; "" when unknown
    registry: str = ""  # which registry the row came from

    @property
    def name(self) -> str:
        """The `name` its `[[sources]]` table gets: unique per board."""
        if self.type == "workday":
            return f"workday:{self.token}/{self.site}"
        if self.type == "oracle":
            return f"oracle:{self.token.split('.')[0]}/{self.site}"
        if self.type == "successfactors":
            return f"successfactors:{urlsplit(self.token).hostname or self.token}"
        return f"{self.type}:{self.token}"

    def source_config(self) -> dict[str, object]:
        """The `[[sources]]` table for this board: only the keys with a value."""
        config: dict[str, object] = {"type": self.type, "name": self.name}
        if self.company:
            config["company"] = self.company
        config[TOKEN_KEYS[self.type]] = self.token
        if self.instance and self.type in INSTANCE_KEYS:
            config[INSTANCE_KEYS[self.type]] = self.instance
        if self.site and self.type in _NEEDS_SITE:
            config["site"] = self.site
        return config

    def key(self) -> tuple[str, str, str, str]:
        """What makes two rows the same board. ATS tokens and Workday sites are matched
        without regard to case by the boards themselves, so the key ignores it too."""
        token = self.token.strip().casefold()
        if self.type == "successfactors":
            token = token.rstrip("/")
        # A Personio company name is one namespace answering on .de or .com: the domain
        # says where to fetch, not which board.
        instance = "" if self.type == "personio" else self.instance.casefold()
        return (self.type, token, instance, self.site.strip().casefold())


def problem(entry: BoardEntry) -> str | None:
    """What is wrong with a row, in a few words; None when nothing is."""
    if not entry.company.strip():
        return "company is empty"
    if entry.type not in SOURCE_TYPES:
        return f"unknown type {entry.type!r}; known: {', '.join(sorted(SOURCE_TYPES))}"
    token_problem = _token_problem(entry.type, entry.token)
    if token_problem:
        return token_problem
    instance_problem = _instance_problem(entry.type, entry.instance)
    if instance_problem:
        return instance_problem
    if entry.type in _NEEDS_SITE:
        if not _SITE.fullmatch(entry.site):
            return f"{entry.type} needs a site (letters, digits, . _ -), got {entry.site!r}"
    elif entry.site:
        return f"site is only for workday and oracle, got {entry.site!r} for {entry.type}"
    if entry.hq_country and not _COUNTRY.fullmatch(entry.hq_country):
        return f"hq_country must be an ISO 3166-1 alpha-2 code like IN, got {entry.hq_country!r}"
    if entry.hires_in_india not in ("", "yes", "no"):
        return f"hires_in_india must be yes, no or empty, got {entry.hires_in_india!r}"
    if entry.evidence and not entry.hires_in_india:
        return "evidence is given but hires_in_india is empty"
    return None


def _token_problem(type_: str, token: str) -> str | None:
    if not token:
        return "token is empty"
    if type_ == "successfactors":
        parts = urlsplit(token)
        if parts.scheme != "https" or not parts.hostname:
            return f"successfactors token must be an https feed URL, got {token!r}"
        return None
    pattern = {"oracle": _HOST, "ashby": _ASHBY}.get(type_, _SLUG)
    if not pattern.fullmatch(token):
        what = "a host name" if type_ == "oracle" else "letters, digits, . _ -"
        return f"{type_} token must be {what}, got {token!r}"
    return None


def _instance_problem(type_: str, instance: str) -> str | None:
    if type_ == "workday":
        if not _WORKDAY_INSTANCE.fullmatch(instance):
            return f"workday needs an instance like wd3, got {instance!r}"
        return None
    allowed = _INSTANCE_VALUES.get(type_)
    if allowed is None:
        return f"instance is not used by {type_}, got {instance!r}" if instance else None
    if type_ == "zoho" and not instance:
        return f"zoho needs an instance (datacenter {', '.join(allowed)})"
    if instance and instance not in allowed:
        return f"{type_} instance must be one of {', '.join(allowed)} or empty, got {instance!r}"
    return None


def parse_registry(text: str, origin: str) -> list[BoardEntry]:
    """Rows of one registry CSV; a RegistryError names `origin`:line and the problem."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    entries: list[BoardEntry] = []
    try:
        header = next(reader, None)
        if header is None:
            raise RegistryError(f"{origin}:1: empty file; expected the header {','.join(COLUMNS)}")
        if tuple(header) != COLUMNS:
            raise RegistryError(
                f"{origin}:1: expected the header {','.join(COLUMNS)}, got {','.join(header)}"
            )
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # a blank line
            if len(row) != len(COLUMNS):
                raise RegistryError(
                    f"{origin}:{reader.line_num}: expected {len(COLUMNS)} fields, got {len(row)}"
                )
            entry = BoardEntry(*(cell.strip() for cell in row))
            why = problem(entry)
            if why:
                raise RegistryError(f"{origin}:{reader.line_num}: {why}")
            entries.append(entry)
    except csv.Error as e:
        raise RegistryError(f"{origin}:{reader.line_num}: not CSV ({e})") from None
    return entries


def format_registry(entries: Iterable[BoardEntry]) -> str:
    """The CSV text for `entries` (header first), in the order given."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(astuple(entry) for entry in entries)
    return out.getvalue()


def dedupe(entries: Iterable[BoardEntry]) -> tuple[list[BoardEntry], list[BoardEntry]]:
    """(kept, duplicates): the first row for each board wins."""
    seen: set[tuple[str, str, str, str]] = set()
    kept: list[BoardEntry] = []
    duplicates: list[BoardEntry] = []
    for entry in entries:
        key = entry.key()
        if key in seen:
            duplicates.append(entry)
        else:
            seen.add(key)
            kept.append(entry)
    return kept, duplicates


def user_registry_dir() -> Path:
    """Where `jobmatch boards update` keeps the registry it builds."""
    return user_data_dir()


def user_registry_path() -> Path:
    return user_registry_dir() / "boards.csv"


def load_registry(paths: Sequence[Path] | None = None) -> list[BoardEntry]:
    """The boards of `paths`, or by default of the shipped registry and then the user's
    downloaded one if present. De-duplicated: a board in an earlier file wins."""
    texts: list[tuple[str, str]] = []
    if paths is None:
        shipped = resources.files("jobmatch") / "data" / "boards.csv"
        if shipped.is_file():  # the package works before any data is filled in
            texts.append((shipped.read_text(encoding="utf-8"), SHIPPED))
        if user_registry_path().is_file():
            texts.append((_read(user_registry_path()), str(user_registry_path())))
    else:
        texts = [(_read(path), str(path)) for path in paths]
    entries = [entry for text, origin in texts for entry in parse_registry(text, origin)]
    return dedupe(entries)[0]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"{path}: file not found") from None
    except UnicodeDecodeError as e:
        raise RegistryError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise RegistryError(f"{path}: cannot read ({e.strerror})") from None


# Search ----------------------------------------------------------------------------------

# Below this WRatio a name is not offered at all; exact and prefix matches always are.
_CUTOFF = 60.0


@dataclass(frozen=True, slots=True)
class _Subset:
    positions: list[int]  # into BoardIndex.entries
    names: list[str]
    tokens: list[str]


@dataclass(slots=True)
class BoardIndex:
    """Entries with their names and tokens normalised once, for repeated searches."""

    entries: Sequence[BoardEntry]
    names: list[str] = field(init=False)
    tokens: list[str] = field(init=False)
    _subsets: dict[tuple[str | None, bool], _Subset] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        # rapidfuzz 3 does not preprocess: normalise here, once, with its default_process,
        # rather than on every search by passing `processor=` to process.extract.
        self.names = [utils.default_process(entry.company) for entry in self.entries]
        self.tokens = [utils.default_process(_token_text(entry)) for entry in self.entries]

    def subset(self, type_: str | None, india: bool) -> _Subset:
        """The entries passing the filters, with their normalised texts (cached per filter)."""
        key = (type_, india)
        if key not in self._subsets:
            positions = [
                i
                for i, entry in enumerate(self.entries)
                if (type_ is None or entry.type == type_)
                and (not india or entry.hires_in_india == "yes")
            ]
            self._subsets[key] = _Subset(
                positions, [self.names[i] for i in positions], [self.tokens[i] for i in positions]
            )
        return self._subsets[key]


def _token_text(entry: BoardEntry) -> str:
    """The part of a token a person would type: a host's first label, a feed URL's host."""
    if entry.type == "successfactors":
        return urlsplit(entry.token).hostname or entry.token
    if entry.type == "oracle":
        return entry.token.split(".")[0]
    return entry.token


def _tier(query: str, name: str, token: str) -> int:
    """0 exact name or token, 1 the name's first word(s), 2 a name prefix, 3 a later word
    of the name, 4 a token prefix, 5 only alike."""
    if query == name or query.replace(" ", "") == token.replace(" ", ""):
        return 0
    if name.startswith(query + " "):
        return 1
    if name.startswith(query):
        return 2
    if " " + query in name:
        return 3
    return 4 if token.startswith(query) else 5


def search(
    entries: Sequence[BoardEntry] | BoardIndex,
    text: str,
    *,
    type: str | None = None,
    india: bool = False,
    limit: int = 10,
) -> list[tuple[BoardEntry, float]]:
    """Boards whose company name (or token) is like `text`, best first, with a 0-100 score.

    An exact name or token comes first, then names beginning with `text` as whole words,
    then other prefixes, then names with a later word starting with it, then the rest by
    rapidfuzz WRatio. Ties go to the shorter name, then alphabetical, so the order never
    depends on the input's order. `type` keeps one source type; `india` keeps boards known
    to hire in India. Pass a `BoardIndex` to search the same entries many times.
    """
    index = entries if isinstance(entries, BoardIndex) else BoardIndex(entries)
    query = utils.default_process(text)
    if not query or limit <= 0:
        return []
    subset = index.subset(type, india)
    scores: dict[int, float] = {}
    for choices in (subset.names, subset.tokens):
        for _, score, at in process.extract(
            query, choices, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=_CUTOFF
        ):
            scores[at] = max(scores.get(at, 0.0), float(score))
    for at, (name, token) in enumerate(zip(subset.names, subset.tokens, strict=True)):
        # a short query in a long name scores low on WRatio but is still a prefix match
        if at not in scores and (
            name.startswith(query) or token.startswith(query) or " " + query in name
        ):
            scores[at] = _CUTOFF

    def order(at: int) -> tuple[int, float, int, str, tuple[str, ...]]:
        name, token = subset.names[at], subset.tokens[at]
        entry = index.entries[subset.positions[at]]
        return (_tier(query, name, token), -scores[at], len(name), name, astuple(entry))

    ranked = [(order(at), at) for at in scores]
    return [
        (index.entries[subset.positions[at]], 100.0 if key[0] == 0 else scores[at])
        for key, at in heapq.nsmallest(limit, ranked)
    ]
