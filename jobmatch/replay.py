"""A real HTTP server on 127.0.0.1 serving recorded board responses by path.

Used by `jobmatch demo` (a newcomer without network sees the product work) and by the
tests, which stand it in for several boards at once.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

_NOT_FOUND = b'{"status": 404, "error": "Not Found"}'


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: a slow board
    etag: bool = False  # send an ETag and answer a matching If-None-Match with 304


@dataclass(frozen=True)
class Route:
    """One recorded answer: to `method` on `path`, where the request's query string and
    JSON body contain `query` and `json` (a subset each; None: any body)."""

    path: str
    reply: Reply
    method: str = "GET"
    query: Mapping[str, str] = field(default_factory=dict)
    json: Mapping[str, Any] | None = None

    def matches(self, method: str, path: str, query: Mapping[str, str], body: bytes) -> bool:
        if method != self.method or path != self.path:
            return False
        if any(query.get(key) != str(value) for key, value in self.query.items()):
            return False
        if self.json is None:
            return True
        try:
            sent = json.loads(body or b"null")
        except ValueError:
            return False
        return isinstance(sent, dict) and all(
            sent.get(key) == value for key, value in self.json.items()
        )


def routes_from_records(folder: Path, records: Sequence[Mapping[str, Any]]) -> list[Route]:
    """Routes from `{method, path, query, json, status, file | body, headers}` records (the
    shape of a board's contract.json), reading each `file` from `folder`."""
    routes = []
    for record in records:
        body = (
            (folder / record["file"]).read_bytes()
            if "file" in record
            else str(record.get("body", "")).encode()
        )
        reply = Reply(record.get("status", 200), body, headers=record.get("headers", {}))
        routes.append(
            Route(
                record["path"],
                reply,
                method=record.get("method", "GET"),
                query={k: str(v) for k, v in record.get("query", {}).items()},
                json=record.get("json"),
            )
        )
    return routes


# (method, path, query, body, headers) → the reply
Resolver = Callable[[str, str, Mapping[str, str], bytes, Mapping[str, str]], Reply]


@contextmanager
def serve_with(resolve: Resolver) -> Iterator[tuple[str, list[str]]]:
    """A real server on 127.0.0.1 answering each request with `resolve`'s Reply.

    Yields (base URL, the request targets seen so far).
    """
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            requested.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            reply = resolve(self.command, parts.path, query, body, dict(self.headers.items()))
            if reply.delay:
                time.sleep(reply.delay)
            headers = dict(reply.headers)
            status, content = reply.status, reply.body
            if reply.etag:
                headers["ETag"] = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == headers["ETag"]:
                    status, content = 304, b""  # lets conditional requests be seen working
            self.send_response(status)
            if not any(name.lower() == "content-type" for name in headers):
                self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(content)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _answer  # noqa: N815  (the stdlib's names)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    server = _QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True  # a slow reply must not hold up shutdown
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}", requested
    finally:
        server.shutdown()
        server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (its timeout, Ctrl-C in `jobmatch demo`) is not an error of
        # the stand-in server's: no traceback on the terminal.
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(routes: Mapping[str, Reply]) -> Iterator[tuple[str, list[str]]]:
    """Serve `{path: Reply}` to any method (the routes may change while serving); unknown
    paths are 404. Yields (base URL, the request targets seen so far)."""

    def resolve(
        method: str, path: str, query: Mapping[str, str], body: bytes, headers: Mapping[str, str]
    ) -> Reply:
        return routes.get(path, Reply(404, _NOT_FOUND))

    with serve_with(resolve) as served:
        yield served


@contextmanager
def serve_routes(routes: Sequence[Route]) -> Iterator[tuple[str, list[str]]]:
    """Serve recorded `routes`: the first that matches a request answers it; none is 404."""

    def resolve(
        method: str, path: str, query: Mapping[str, str], body: bytes, headers: Mapping[str, str]
    ) -> Reply:
        for route in routes:
            if route.matches(method, path, query, body):
                return route.reply
        return Reply(404, _NOT_FOUND)

    with serve_with(resolve) as served:
        yield served


@contextmanager
def serve_greenhouse(boards: Mapping[str, bytes]) -> Iterator[str]:
    """Serve `{token: jobs response}` at Greenhouse's path, with ETags; yields the base URL."""
    routes = {
        f"/v1/boards/{token}/jobs": Reply(200, body, etag=True) for token, body in boards.items()
    }
    with serve(routes) as (url, _):
        yield url
