"""The network fault rig: four boards, one per fetch style, each on its own local host (a
`FaultServer`), and the faults a night can meet, injected into one board's host.

A case seeds a database with a good first night (`jobmatch fetch`), makes one board's
host misbehave, runs `jobmatch fetch --force` again and reads what holds: the other boards
stored as before, the failing one's line in `jobmatch sources`, the exit code, the rows
(none lost, duplicated or closed) and the requests the failing host received.

Used by tests/test_faults_network.py (each fault once per board) and bench/chaos.py.
"""

from __future__ import annotations

import email.utils
import gzip
import json
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import typer.main
from typer.testing import CliRunner

from jobmatch.cli import app
from jobmatch.replay import Reply, Route, routes_from_records
from tests.fault_server import Answer, FaultServer, Request, Responder, refused_url

FIXTURES = Path(__file__).parent / "fixtures"

# Small numbers so that every fault ends in well under a second or two.
HTTP = {
    "timeout": 3.0,  # a loaded machine never fails a good board; the timeout faults set less
    "connect_timeout": 3.0,
    "delay": 0,
    "retries": 1,
    "connect_retries": 1,
    "backoff": 0.01,
    "max_retry_after": 0.25,
    "skip_host_after": 5,
    "max_mb": 1,
}
RETRIES = int(HTTP["retries"])
SHORT_TIMEOUT = {"timeout": 0.4, "connect_timeout": 0.4}  # for the faults that wait it out
LINE_MAX = 160  # what a failure line may take in cron's mail (jobmatch.cli.fetch)
REDIRECTS = 20  # httpx follows at most this many redirects per request


# --- the boards ---------------------------------------------------------------------


@dataclass(frozen=True)
class Board:
    """One source on its own host. `routes` answer its good night; `robots` is its
    robots.txt (None: 404); `title` is a stored title the non-UTF-8 faults change."""

    type: str
    config: Mapping[str, Any]
    routes: list[Route]
    robots: bytes | None = None
    title: str | None = None  # as written in the board's body; None: not re-read on night 2
    obeys_robots: bool = True
    decl: tuple[bytes, bytes] | None = None  # an in-document charset declaration (old, new)
    tries: int = 1  # requests tried, whatever fails, before the source gives up (pages)

    @property
    def name(self) -> str:
        return f"{self.type}:fault"


def _contract_routes(board: str) -> list[Route]:
    contract = json.loads((FIXTURES / board / "contract.json").read_text())
    return routes_from_records(FIXTURES / board, contract["cases"]["normal"]["routes"])


def _contract_config(board: str) -> dict[str, Any]:
    contract = json.loads((FIXTURES / board / "contract.json").read_text())
    return {
        "keywords": [],
        **contract.get("config", {}),
        **contract["cases"]["normal"].get("config", {}),
    }


def _html(name: str) -> Reply:
    body = (FIXTURES / "jsonld" / name).read_bytes()
    return Reply(200, body, content_type="text/html; charset=utf-8")


def boards() -> list[Board]:
    """A JSON board API (Greenhouse), a tenant POST API with detail pages (Workday), an
    RSS feed (Teamtailor) and career pages with JSON-LD (jsonld)."""
    return [
        Board(
            "greenhouse",
            _contract_config("greenhouse"),
            _contract_routes("greenhouse"),
            title='"title": "Technical Project Manager"',
            obeys_robots=False,
        ),
        Board("workday", _contract_config("workday"), _contract_routes("workday")),
        Board(
            "teamtailor",
            _contract_config("teamtailor"),
            _contract_routes("teamtailor"),
            title="<title>Technical Program Manager</title>",
            decl=(b'encoding="UTF-8"', b'encoding="ISO-8859-1"'),
        ),
        Board(
            "jsonld",
            {
                "keywords": [],
                "urls": [
                    "https://careers.kranich.example/careers/tpm-berlin",
                    "https://careers.kranich.example/jobs/remote-scrum-master",
                ],
            },
            [
                Route("/careers/tpm-berlin", _html("careers_graph.html")),
                Route("/jobs/remote-scrum-master", _html("careers_array.html")),
            ],
            robots=(FIXTURES / "jsonld" / "robots.txt").read_bytes(),
            tries=2,  # one failing page does not stop the others
            title='"title": "Technical Program Manager (m/f/d)"',
            decl=(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">'),
        ),
    ]


def good(board: Board, prefix: str = "") -> Responder:
    """The board's good night; `prefix` is a path prefix it now lives under (a 301)."""

    def respond(request: Request) -> Answer:
        if request.path == "/robots.txt":
            if board.robots is None:
                return Answer(404, b"not found", content_type="text/plain")
            return Answer(200, board.robots, content_type="text/plain")
        path = request.path.removeprefix(prefix) if prefix else request.path
        if prefix and not request.path.startswith(prefix):
            return Answer(404, b'{"error": "not found"}')
        for route in board.routes:
            if route.matches(request.method, path, request.query, request.body):
                reply = route.reply
                return Answer(
                    reply.status, reply.body, headers=reply.headers,
                    content_type=reply.content_type,
                )  # fmt: skip
        return Answer(404, b'{"error": "not found"}')

    return respond


# --- the faults ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fault:
    """One misbehaviour of a board's host on the second night.

    `outcome` is "failed" or "ok" (a per-board dict where they differ); `reason` a regex
    the failing board's line must match; `budget` the most requests its host may receive
    (robots.txt included) given the board.
    """

    name: str
    make: Callable[[Board, Rig], Responder]
    outcome: str | Mapping[str, str] = "failed"
    reason: str = ""
    budget: Callable[[Board], int] = field(default=lambda board: 1 + (RETRIES + 1))
    retry_after: float | None = None  # each retry waited about this long (the cap)
    base_url: Callable[[], str] | None = None  # the board moved where no server answers
    http: Mapping[str, Any] = field(default_factory=dict)  # [http] settings for this night

    def expects(self, board: Board) -> str:
        if isinstance(self.outcome, str):
            return self.outcome
        return self.outcome.get(board.type, self.outcome.get("*", "failed"))


def _data(board: Board, answer: Answer) -> Responder:
    """`answer` to every request but robots.txt, which is answered as on a good night."""
    normal = good(board)

    def respond(request: Request) -> Answer:
        return normal(request) if request.path == "/robots.txt" else answer

    return respond


def _transform(board: Board, change: Callable[[Answer], Answer]) -> Responder:
    normal = good(board)

    def respond(request: Request) -> Answer:
        answer = normal(request)
        return answer if request.path == "/robots.txt" else change(answer)

    return respond


def _burst(board: Board, answer: Answer, first: int) -> Responder:
    """`answer` to the first `first` data requests, then the good night."""
    normal = good(board)
    seen = [0]

    def respond(request: Request) -> Answer:
        if request.path == "/robots.txt":
            return normal(request)
        seen[0] += 1
        return answer if seen[0] <= first else normal(request)

    return respond


def _latin1(board: Board, *, charset: bool) -> Responder:
    """The good night re-encoded as ISO-8859-1 with a "Zürich" in one title; the header
    names the charset or not (the document's own declaration says it, where it has one)."""

    def change(answer: Answer) -> Answer:
        text = answer.body.decode("utf-8")
        if board.title:
            text = text.replace(board.title, _zurich(board.title))
        body = text.encode("latin-1")
        if board.decl:
            body = body.replace(*board.decl)
        kind = answer.content_type.split(";")[0]
        headers = {k: v for k, v in answer.headers.items() if k.lower() != "content-type"}
        headers["Content-Type"] = f"{kind}; charset=ISO-8859-1" if charset else kind
        return Answer(answer.status, body, headers=headers)

    return _transform(board, change)


def _zurich(title: str) -> str:
    """`title` as written in the body, with " Zürich" at the end of the title text."""
    for end in ('"', "</title>"):
        if title.endswith(end):
            return title.removesuffix(end) + " Zürich" + end
    raise ValueError(title)


def _wrong_shape(board: Board) -> Answer:
    if board.type in ("teamtailor",):
        return Answer(
            200, b'<?xml version="1.0"?><feed><entry/></feed>', content_type="application/xml"
        )
    if board.type == "jsonld":
        return Answer(
            200,
            b"<!doctype html><html><body><p>Careers</p></body></html>",
            content_type="text/html",
        )
    return Answer(200, b'{"data": {"items": []}, "meta": {"total": 0}}')


def _not_data(board: Board) -> Answer:
    return Answer(200, b"\x00\x01 garbage, neither JSON nor XML \xff", content_type="text/plain")


LOGIN = (
    b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
    b'<form action="/login" method="post"><input name="user"><input type="password"'
    b' name="pw"></form></body></html>'
)
CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b'<div id="challenge-platform">Checking your browser</div></body></html>'
)
HTTP_DATE_AHEAD = 30.0  # a 503's Retry-After date: this far ahead, far past the cap


def _http_date(ahead: float) -> str:
    return email.utils.formatdate(time.time() + ahead, usegmt=True)


def _redirect_loop(board: Board, rig: Rig) -> Responder:
    def respond(request: Request) -> Answer:
        if request.path == "/robots.txt":
            return good(board)(request)
        return Answer(302, b"", headers={"Location": request.path + "x"})

    return respond


def _elsewhere(board: Board, rig: Rig) -> Responder:
    """An unknown company sent to the vendor's marketing site, on another host."""
    rig.elsewhere.respond = lambda request: Answer(
        200, b"<!doctype html><html><body><h1>Hire better with Acme ATS</h1></body></html>",
        content_type="text/html; charset=utf-8",
    )  # fmt: skip

    def respond(request: Request) -> Answer:
        if request.path == "/robots.txt":
            return good(board)(request)
        return Answer(302, b"", headers={"Location": f"{rig.elsewhere.url}/"})

    return respond


def _moved(board: Board, rig: Rig) -> Responder:
    """The board moved to a new URL on its host: a 301 from each old path."""
    moved = good(board, prefix="/new")

    def respond(request: Request) -> Answer:
        if request.path == "/robots.txt" or request.path.startswith("/new/"):
            return moved(request) if request.path != "/robots.txt" else good(board)(request)
        query = "?" + urlencode(request.query) if request.query else ""
        return Answer(301, b"", headers={"Location": "/new" + request.path + query})

    return respond


def _robots(status: int) -> Callable[[Board, Rig], Responder]:
    def make(board: Board, rig: Rig) -> Responder:
        normal = good(board)

        def respond(request: Request) -> Answer:
            if request.path == "/robots.txt":
                return Answer(status, b"error", content_type="text/plain")
            return normal(request)

        return respond

    return make


def _corrupt_gzip(board: Board) -> Responder:
    def change(answer: Answer) -> Answer:
        packed = gzip.compress(answer.body)
        broken = packed[:10] + bytes(b ^ 0x5A for b in packed[10:40]) + packed[40:]
        return Answer(answer.status, broken, headers={**answer.headers, "Content-Encoding": "gzip"},
                      content_type=answer.content_type)  # fmt: skip

    return _transform(board, change)


def _one_body(board: Board) -> bytes:
    return board.routes[0].reply.body


def _connects(board: Board) -> int:
    # Each connection refused counts toward the host skip, and is retried connect_retries
    # times; robots.txt, where the board obeys it, is the first thing that fails.
    return 1 + int(HTTP["connect_retries"])


def _data_attempts(board: Board) -> int:
    return (1 if board.obeys_robots else 0) + board.tries * (RETRIES + 1)


FAULTS: list[Fault] = [
    Fault(
        "connect refused",
        lambda board, rig: good(board),
        reason=r"cannot connect",
        budget=lambda board: 0,  # its own server is not asked: nothing listens where it points
        base_url=refused_url,
    ),
    Fault(
        "DNS failure",
        lambda board, rig: good(board),
        reason=r"cannot connect",
        budget=lambda board: 0,
        base_url=lambda: "http://jobs.no-such-board.invalid",  # RFC 6761: never resolves
    ),
    Fault(
        "read timeout",
        lambda board, rig: _data(board, Answer(mode="hang")),
        reason=r"timed out",
        budget=_data_attempts,
        http=SHORT_TIMEOUT,
    ),
    Fault(
        "drip one byte at a time",
        # A byte every 0.2 s never trips httpx's per-read timeout (0.4 s): only a deadline
        # on the whole exchange ends it. 80 bytes: without one, a 16 s wait, not for ever.
        lambda board, rig: _data(
            board, Answer(body=_one_body(board)[:80], mode="drip", drip_every=0.2)
        ),
        reason=r"timed out",
        budget=_data_attempts,
        http=SHORT_TIMEOUT,
    ),
    Fault(
        "reset mid-body",
        lambda board, rig: _data(board, Answer(body=_one_body(board), mode="reset")),
        reason=r"connection broken",
        budget=_data_attempts,
    ),
    Fault(
        "truncated body",
        lambda board, rig: _data(board, Answer(body=_one_body(board), mode="truncate")),
        reason=r"connection broken: body cut short \(\d+ of \d+ bytes\)",
        budget=_data_attempts,
    ),
    Fault(
        "body not JSON or XML",
        lambda board, rig: _data(board, _not_data(board)),
        outcome={"jsonld": "ok", "*": "failed"},
        reason=r"expected|not well-formed|malformed|got",
        budget=_data_attempts,
    ),
    Fault(
        "wrong-shape JSON or XML",
        lambda board, rig: _data(board, _wrong_shape(board)),
        outcome={"jsonld": "ok", "*": "failed"},
        reason=r"expected",
        budget=_data_attempts,
    ),
    Fault(
        "body over the size cap",
        lambda board, rig: _data(board, Answer(body=b"[" + b" " * (1024 * 1024 + 10) + b"]")),
        reason=r"larger than 1 MB",
        budget=_data_attempts,
    ),
    Fault(
        "redirect loop",
        _redirect_loop,
        reason=r"redirect",
        budget=lambda board: (1 if board.obeys_robots else 0) + board.tries * (REDIRECTS + 1),
    ),
    Fault(
        "redirect to another host",
        _elsewhere,
        outcome={"jsonld": "ok", "*": "failed"},  # a page with no postings: nothing to say
        reason=r"expected|HTML page|redirected",
        budget=_data_attempts,
    ),
    Fault(
        "301 to a new board URL",
        _moved,
        outcome={"*": "ok"},  # Workday's search is a POST: it must stay one after the 301
        budget=lambda board: 20,
    ),
    Fault(
        "404",
        lambda board, rig: _data(board, Answer(404, b'{"error": "Not Found"}')),
        reason=r"404|not found",
        budget=_data_attempts,
    ),
    Fault(
        "410",
        lambda board, rig: _data(board, Answer(410, b'{"error": "Gone"}')),
        reason=r"410",
        budget=_data_attempts,
    ),
    Fault(
        "429 Retry-After seconds",
        lambda board, rig: _data(board, Answer(429, b"slow down", headers={"Retry-After": "1"})),
        reason=r"HTTP 429",
        budget=_data_attempts,
        retry_after=float(HTTP["max_retry_after"]),
    ),
    Fault(
        "429 huge Retry-After",
        lambda board, rig: _data(
            board, Answer(429, b"slow down", headers={"Retry-After": "86400"})
        ),
        reason=r"HTTP 429",
        budget=_data_attempts,
        retry_after=float(HTTP["max_retry_after"]),
    ),
    Fault(
        "503 Retry-After HTTP-date",
        lambda board, rig: _data(
            board, Answer(503, b"maintenance", headers={"Retry-After": _http_date(HTTP_DATE_AHEAD)})
        ),
        reason=r"HTTP 503",
        budget=_data_attempts,
        retry_after=float(HTTP["max_retry_after"]),
    ),
    Fault(
        "429 once, then good",
        lambda board, rig: _burst(board, Answer(429, b"slow", headers={"Retry-After": "1"}), 1),
        outcome="ok",
        budget=lambda board: 20,
    ),
    Fault(
        "500 burst within retries",
        lambda board, rig: _burst(board, Answer(500, b"oops"), RETRIES),
        outcome="ok",
        budget=lambda board: 20,
    ),
    Fault(
        "500 burst past retries",
        lambda board, rig: _data(board, Answer(500, b"oops")),
        reason=r"HTTP 500",
        budget=_data_attempts,
    ),
    Fault(
        "robots.txt 5xx",
        _robots(503),
        outcome={"greenhouse": "ok", "*": "failed"},  # a documented API reads no robots.txt
        reason=r"robots\.txt",
        budget=lambda board: 1,
    ),
    Fault("robots.txt 403", _robots(403), outcome="ok", budget=lambda board: 20),
    Fault(
        "corrupt gzip",
        lambda board, rig: _corrupt_gzip(board),
        reason=r"gzip|decod|compress",
        budget=_data_attempts,
    ),
    Fault(
        "non-UTF-8 with charset",
        lambda board, rig: _latin1(board, charset=True),
        outcome="ok",
        budget=lambda board: 20,
    ),  # fmt: skip
    Fault(
        "non-UTF-8 without charset",
        lambda board, rig: _latin1(board, charset=False),
        outcome="ok",
        budget=lambda board: 20,
    ),  # fmt: skip
    Fault(
        "login page for data",
        lambda board, rig: _data(board, Answer(200, LOGIN, content_type="text/html")),
        reason=r"login page",
        budget=_data_attempts,
    ),
    Fault(
        "bot-challenge page for data",
        lambda board, rig: _data(board, Answer(200, CHALLENGE, content_type="text/html")),
        reason=r"bot-protection challenge",
        budget=_data_attempts,
    ),
]


# --- the rig: servers, config, nights -----------------------------------------------


@dataclass
class Rig:
    """One FaultServer per board (its host), one more for redirects elsewhere, and a
    database seeded with a good night of every board (`seed`, copied for each case)."""

    folder: Path
    boards: list[Board]
    servers: dict[str, FaultServer]
    elsewhere: FaultServer
    seed: Path

    def config(
        self,
        folder: Path,
        base_urls: Mapping[str, str] | None = None,
        http: Mapping[str, Any] | None = None,
    ) -> Path:
        """A config for `folder` (its database `jobs.db`) with every board; `base_urls`
        moves some boards (by type) elsewhere, e.g. to a port nothing listens on; `http`
        overrides some of `HTTP`."""
        base_urls = base_urls or {}
        lines = ['[storage]\nurl = "sqlite:///jobs.db"\n\n[http]']
        settings = {**HTTP, **(http or {})}
        lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
        for board in self.boards:
            url = base_urls.get(board.type, self.servers[board.type].url)
            lines.append(f'\n[[sources]]\ntype = "{board.type}"\nname = "{board.name}"')
            lines.append(f'base_url = "{url}"')
            lines += [f"{key} = {json.dumps(value)}" for key, value in board.config.items()]
        path = folder / "config.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def reset(self) -> None:
        for board in self.boards:
            self.servers[board.type].respond = good(board)
            self.servers[board.type].reset_counts()
        self.elsewhere.reset_counts()


_COMMAND = typer.main.get_command(app)  # built once: typer takes ~0.15 s to build it


def cli(*args: str) -> tuple[int, str, str]:
    """`jobmatch ARGS` in this process, as typer's runner runs it: (exit code, out, err).
    An exception other than an exit is a bug, and is raised."""
    with CliRunner().isolation() as streams:
        try:
            _COMMAND.main(args=list(args), prog_name="jobmatch")
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else int(e.code is not None)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return code, streams[0].getvalue().decode(), streams[1].getvalue().decode()


@contextmanager
def rig(folder: Path) -> Iterator[Rig]:
    """Servers for every board, and the seed database after one good night of all."""
    every = boards()
    with ExitStack() as stack:
        servers = {
            b.type: stack.enter_context(FaultServer(good(b))) for b in every
        }  # fmt: skip
        elsewhere = stack.enter_context(FaultServer(lambda request: Answer(404)))
        seeded = folder / "seed"
        seeded.mkdir(parents=True)
        made = Rig(folder, every, servers, elsewhere, seeded / "jobs.db")
        config = made.config(seeded)
        code, _, err = cli("--config", str(config), "fetch", "--force")
        if code != 0:
            raise AssertionError(f"the good night failed ({code}): {err}")
        yield made


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (its WAL included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def snapshot(db: Path) -> list[tuple[str, str, bool]]:
    """Every stored listing as (source, external id, open)."""
    found = rows(db, "SELECT source, external_id, closed_at IS NULL FROM listing ORDER BY 1, 2")
    return [(s, e, bool(o)) for s, e, o in found]


@dataclass(frozen=True)
class Night:
    """What a faulty second night did."""

    code: int
    stderr: str
    runs: dict[str, tuple[str, str | None]]  # source → (status, error) of its last run
    before: list[tuple[str, str, bool]]
    after: list[tuple[str, str, bool]]
    requests: list[Request]  # to the failing board's host
    elsewhere: int  # requests to the other host
    seconds: float
    sources_line: str  # the failing board's row in `jobmatch sources`

    @property
    def lost(self) -> int:
        keys = {(s, e) for s, e, _ in self.after}
        return sum(1 for s, e, _ in self.before if (s, e) not in keys)

    @property
    def duplicates(self) -> int:
        keys = [(s, e) for s, e, _ in self.after]
        return len(keys) - len(set(keys))

    @property
    def wrongly_closed(self) -> int:
        was_open = {(s, e) for s, e, o in self.before if o}
        return sum(1 for s, e, o in self.after if (s, e) in was_open and not o)


def second_night(
    made: Rig, folder: Path, board: Board, fault: Fault, http: Mapping[str, Any] | None = None
) -> Night:
    """Copy the seed, inject `fault` into `board`'s host and run `jobmatch fetch --force`."""
    made.reset()
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "jobs.db"
    copy_database(made.seed, db)
    moved = {board.type: fault.base_url()} if fault.base_url else {}
    config = made.config(folder, moved, {**fault.http, **(http or {})})
    server = made.servers[board.type]
    server.respond = fault.make(board, made)
    before = snapshot(db)
    started = time.monotonic()
    code, _, stderr = cli("--config", str(config), "fetch", "--force")
    seconds = time.monotonic() - started
    requests = list(server.requests)
    server.respond = good(board)
    _, out, _ = cli("--config", str(config), "sources")
    line = next((row for row in out.splitlines() if row.startswith(board.name + "\t")), "")
    runs = {
        source: (status, error)
        for source, status, error in rows(
            db,
            "SELECT source, status, error FROM fetch_run WHERE id IN "
            "(SELECT max(id) FROM fetch_run GROUP BY source)",
        )
    }
    return Night(
        code, stderr, runs, before, snapshot(db), requests, made.elsewhere.count(), seconds, line
    )
