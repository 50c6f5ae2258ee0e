"""A real HTTP/1.1 server on 127.0.0.1 that misbehaves on request, at the socket level.

`jobmatch.replay` serves well-formed answers through http.server; the faults a night meets
(a body that drips, a connection reset half way, a Content-Length the body never reaches,
a socket that accepts and never answers) need the raw socket. Each server is one "host"
(host:port), so what a failing board costs its host is counted apart from the others.

Used by tests/test_faults_network.py and bench/chaos.py.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit


def parse_head(head: str) -> tuple[str, str, dict[str, str]]:
    """An HTTP/1.1 request head (without its blank line) as (method, target, headers), the
    header names lower-case."""
    lines = head.split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return method, target, headers


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: Mapping[str, str]
    body: bytes
    headers: Mapping[str, str]  # lower-case names
    at: float  # time.monotonic() when it arrived


@dataclass(frozen=True, slots=True)
class Answer:
    """What to send back. `mode` says how:

    - "normal": status line, headers, Content-Length and the body;
    - "hang": read the request and never answer (the client's read timeout);
    - "drip": headers, then the body one byte every `drip_every` seconds;
    - "reset": headers and half the body, then a TCP RST (SO_LINGER 0);
    - "truncate": Content-Length `extra` bytes more than the body sent, then a clean close.
    """

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"
    mode: str = "normal"
    drip_every: float = 0.1
    extra: int = 1000


Responder = Callable[[Request], Answer]

_REASONS = {
    200: "OK", 301: "Moved Permanently", 302: "Found", 308: "Permanent Redirect",
    403: "Forbidden", 404: "Not Found", 410: "Gone", 422: "Unprocessable Entity",
    429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
}  # fmt: skip


class FaultServer:
    """Serve `respond(request)` on 127.0.0.1 until `close()`; `requests` keeps every request.

    `respond` may be replaced while serving (a good night, then a faulty one).
    """

    def __init__(self, respond: Responder) -> None:
        self.respond = respond
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port: int = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    def __enter__(self) -> FaultServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._accepter.join(timeout=5)
        self._sock.close()
        for thread in list(self._threads):
            thread.join(timeout=5)

    def count(self, *, robots: bool = True) -> int:
        """Requests received (`robots=False`: robots.txt ones left out)."""
        with self._lock:
            return sum(1 for r in self.requests if robots or r.path != "/robots.txt")

    def reset_counts(self) -> None:
        with self._lock:
            self.requests.clear()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.closing(conn):
            conn.settimeout(0.05)
            request = self._read_request(conn)
            if request is None:
                return
            with self._lock:
                self.requests.append(request)
            answer = self.respond(request)
            with contextlib.suppress(OSError):
                self._answer(conn, answer)

    def _read_request(self, conn: socket.socket) -> Request | None:
        data = b""
        deadline = time.monotonic() + 10
        while b"\r\n\r\n" not in data:
            chunk = self._recv(conn, deadline)
            if not chunk:
                return None
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        method, target, headers = parse_head(head.decode("latin-1"))
        length = int(headers.get("content-length") or 0)
        while len(rest) < length:
            chunk = self._recv(conn, deadline)
            if not chunk:
                return None
            rest += chunk
        parts = urlsplit(target)
        return Request(
            method=method,
            path=parts.path,
            query=dict(parse_qsl(parts.query, keep_blank_values=True)),
            body=rest[:length],
            headers=headers,
            at=time.monotonic(),
        )

    def _recv(self, conn: socket.socket, deadline: float) -> bytes:
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                return conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return b""
        return b""

    def _answer(self, conn: socket.socket, answer: Answer) -> None:
        body = answer.body
        length = len(body) + (answer.extra if answer.mode == "truncate" else 0)
        head = [f"HTTP/1.1 {answer.status} {_REASONS.get(answer.status, 'Status')}"]
        names = {name.lower() for name in answer.headers}
        if "content-type" not in names:
            head.append(f"Content-Type: {answer.content_type}")
        head += [f"{name}: {value}" for name, value in answer.headers.items()]
        head += [f"Content-Length: {length}", "Connection: close", "", ""]
        if answer.mode == "hang":
            self._wait_for_close(conn)
            return
        conn.sendall("\r\n".join(head).encode("latin-1"))
        if answer.mode == "drip":
            for index in range(len(body)):
                if self._stop.wait(answer.drip_every):
                    return
                conn.sendall(body[index : index + 1])
            return
        if answer.mode == "reset":
            conn.sendall(body[: len(body) // 2])
            time.sleep(0.05)  # let the half arrive before the reset
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        conn.sendall(body)
        if answer.mode == "normal":
            conn.shutdown(socket.SHUT_WR)

    def _wait_for_close(self, conn: socket.socket) -> None:
        """Hold the connection, answering nothing, until the client gives up."""
        while not self._stop.is_set():
            try:
                if not conn.recv(1024):
                    return
            except TimeoutError:
                continue
            except OSError:
                return


def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def fault_servers(count: int, respond: Responder) -> Iterator[list[FaultServer]]:
    """`count` servers (hosts), each answering with `respond` until replaced."""
    servers = [FaultServer(respond) for _ in range(count)]
    try:
        yield servers
    finally:
        for server in servers:
            server.close()
