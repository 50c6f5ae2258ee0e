"""Every network fault a night can meet, against real servers on 127.0.0.1, through
`jobmatch fetch` and `jobmatch sources` (pipeline, storage, SQLite), once per fetch style.

For each fault × board: a database holding a good first night of four boards (a JSON API,
a tenant POST API, an RSS feed, career pages with JSON-LD), the fault on one board's host
the second night, and what must hold (issue #14):

- the night goes on: the other boards are fetched and stored as before;
- the failing board has a one-line reason in `jobmatch sources` (≤ 160 characters here),
  and the exit code is 1; a fault the board survives (a short burst, a 301, a charset)
  stores its listings and exits 0;
- nothing stored is lost, duplicated or closed;
- its host received no more requests than the retries allow (no storm), and each retry
  after a Retry-After waited the capped time, not the server's ask nor nothing.

The rig (boards, faults, nights) is tests/faults.py; bench/chaos.py runs it for figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from tests.fault_server import Answer, FaultServer, Request
from tests.faults import (
    FAULTS,
    HTTP,
    LINE_MAX,
    RETRIES,
    Board,
    Fault,
    Night,
    Rig,
    boards,
    cli,
    rig,
    rows,
    second_night,
)

BOARDS = boards()
BY_NAME = {fault.name: fault for fault in FAULTS}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    with rig(tmp_path_factory.mktemp("faults")) as built:
        yield built


def case_id(fault: Fault, board: Board) -> str:
    return f"{fault.name.replace(' ', '_')}-{board.type}"


CASES = [
    pytest.param(fault, board, id=case_id(fault, board)) for fault in FAULTS for board in BOARDS
]


@pytest.mark.parametrize(("fault", "board"), CASES)
def test_a_fault_on_one_board_costs_only_that_board(
    made: Rig, tmp_path: Path, fault: Fault, board: Board
) -> None:
    night = second_night(made, tmp_path / "night", board, fault)
    assert "Traceback" not in night.stderr, night.stderr
    assert night.seconds < 8, "the night waited on the fault"  # each ends in a few tries

    # Nothing stored is lost, duplicated or closed; the other boards are as they were.
    assert (night.lost, night.duplicates, night.wrongly_closed) == (0, 0, 0)
    assert night.after == night.before
    others = {name: run for name, run in night.runs.items() if name != board.name}
    assert others == {b.name: ("ok", None) for b in BOARDS if b is not board}, night.stderr

    status, error = night.runs[board.name]
    if fault.expects(board) == "failed":
        assert night.code == 1, night.stderr
        assert status == "failed"
        assert_one_line_reason(night, board, fault, error)
    else:
        assert night.code == 0, night.stderr
        assert (status, error) == ("ok", None)
        assert night.sources_line.split("\t")[4] == "ok"

    assert_no_storm(night, board, fault)


def assert_one_line_reason(night: Night, board: Board, fault: Fault, error: str | None) -> None:
    assert error is not None
    assert "\n" not in error and len(error) <= LINE_MAX, error
    assert re.search(fault.reason, error), error
    columns = night.sources_line.split("\t")
    assert columns[4] == "failed" and columns[-1] == error, night.sources_line
    said = [line for line in night.stderr.splitlines() if line.startswith(board.name + " — ")]
    line = f"{board.name} — {error}"  # in the console, cut to LINE_MAX
    assert said == [line if len(line) <= LINE_MAX else line[: LINE_MAX - 1] + "…"], night.stderr


def assert_no_storm(night: Night, board: Board, fault: Fault) -> None:
    budget = fault.budget(board)
    assert len(night.requests) <= budget, [r.path for r in night.requests]
    if fault.base_url is None:  # the fault was met, not skipped past
        assert night.requests, "the board's host was never asked"
    if fault.retry_after is not None:
        # Retried once per try after waiting the capped Retry-After: not the server's ask
        # (1 s, a day, a date 30 s ahead), and not at once.
        data = [r for r in night.requests if r.path != "/robots.txt"]
        assert len(data) == board.tries * (RETRIES + 1)
        gaps = [b.at - a.at for a, b in pairwise(data)]
        retried = gaps[:: RETRIES + 1] if RETRIES else []
        cap = float(HTTP["max_retry_after"])
        assert all(cap * 0.9 <= gap < 0.9 for gap in retried), gaps


@pytest.mark.parametrize("fault", ["non-UTF-8 with charset", "non-UTF-8 without charset"])
@pytest.mark.parametrize("board", [b for b in BOARDS if b.title], ids=lambda b: b.type)
def test_a_body_in_latin_1_is_read_as_written(
    made: Rig, tmp_path: Path, fault: str, board: Board
) -> None:
    """With its charset named, or said only in the document (an XML declaration, a meta
    tag), or not at all (JSON): "Zürich", never "Z\ufffdrich"."""
    second_night(made, tmp_path / "night", board, BY_NAME[fault])
    titles = [t for (t,) in rows(tmp_path / "night" / "jobs.db",
                                f"SELECT title FROM listing WHERE source = '{board.name}'")]  # fmt: skip
    assert [t for t in titles if "rich" in t and t.endswith(" Zürich")], titles
    assert not [t for t in titles if "\ufffd" in t], titles


def test_retry_after_below_the_cap_is_waited_in_full(made: Rig, tmp_path: Path) -> None:
    greenhouse = BOARDS[0]
    fault = BY_NAME["429 once, then good"]  # Retry-After: 1
    night = second_night(made, tmp_path / "night", greenhouse, fault, {"max_retry_after": 5})
    assert night.code == 0, night.stderr
    first, second = night.requests[:2]
    assert 0.95 <= second.at - first.at < 2.0


def test_a_failing_host_is_skipped_after_consecutive_failures(tmp_path: Path) -> None:
    """Six boards on one host that answers 500: each failure after its retries counts, and
    after `skip_host_after` in a row the rest fail at once, unasked."""
    with FaultServer(lambda request: Answer(500, b"down")) as server:
        sources = "".join(
            f'[[sources]]\ntype = "greenhouse"\nname = "greenhouse:b{i}"\nboard = "b{i}"\n'
            f'base_url = "{server.url}"\nkeywords = []\n'
            for i in range(6)
        )
        settings = {**HTTP, "skip_host_after": 3}
        http = "".join(f"{key} = {value!r}\n" for key, value in settings.items())
        config = tmp_path / "config.toml"
        config.write_text(
            f'[storage]\nurl = "sqlite:///jobs.db"\n[http]\n{http}{sources}', encoding="utf-8"
        )
        code, _, stderr = cli("--config", str(config), "fetch")
        asked = server.count()
    assert code == 1
    # Each failed attempt counts: the host is asked 3 times in all, not once per board.
    assert asked == 3, asked
    lines = [line for line in stderr.splitlines() if line.startswith("greenhouse:b")]
    assert len(lines) == 6 and all("HTTP 500" in line for line in lines), stderr
    skipped = [line for line in lines if "skipped after 3 consecutive failures" in line]
    assert len(skipped) >= 3, stderr


def test_the_fault_server_really_misbehaves() -> None:
    """The rig itself: a drip is slow, a reset resets, a truncation is short."""
    import socket
    import time

    def respond(request: Request) -> Answer:
        mode = request.path.strip("/")
        return Answer(body=b"0123456789", mode=mode, drip_every=0.05)

    with FaultServer(respond) as server:

        def fetch(path: str) -> tuple[bytes, float, str]:
            started = time.monotonic()
            data, ended = b"", "closed"
            with socket.create_connection(("127.0.0.1", server.port), timeout=2) as sock:
                sock.sendall(f"GET /{path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                try:
                    while chunk := sock.recv(4096):
                        data += chunk
                except ConnectionResetError:
                    ended = "reset"
                except TimeoutError:
                    ended = "timeout"
            return data, time.monotonic() - started, ended

        body, seconds, _ = fetch("drip")
        assert body.endswith(b"\r\n\r\n0123456789") and seconds >= 0.45
        body, _, ended = fetch("reset")
        assert ended == "reset" and not body.endswith(b"0123456789")
        body, _, ended = fetch("truncate")
        assert b"Content-Length: 1010" in body and body.endswith(b"0123456789")
    assert ended == "closed"
