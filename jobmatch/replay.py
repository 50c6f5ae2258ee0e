"""A real HTTP server on 127.0.0.1 serving recorded board responses by path.

Used by `jobmatch demo` (a newcomer without network sees the product work) and by the
tests, which stand it in for several boards at once.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

_NOT_FOUND = b'{"status": 404, "error": "Not Found"}'


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: a slow board
    etag: bool = False  # send an ETag and answer a matching If-None-Match with 304


@contextmanager
def serve(routes: Mapping[str, Reply]) -> Iterator[tuple[str, list[str]]]:
    """Serve `{path: Reply}` (the routes may change while serving); unknown paths are 404.

    Yields (base URL, the request targets seen so far).
    """
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (the stdlib's name)
            requested.append(self.path)
            reply = routes.get(urlsplit(self.path).path, Reply(404, _NOT_FOUND))
            if reply.delay:
                time.sleep(reply.delay)
            headers = dict(reply.headers)
            status, body = reply.status, reply.body
            if reply.etag:
                headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == headers["ETag"]:
                    status, body = 304, b""  # lets conditional requests be seen working
            self.send_response(status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True  # a slow reply must not hold up shutdown
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}", requested
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_greenhouse(boards: Mapping[str, bytes]) -> Iterator[str]:
    """Serve `{token: jobs response}` at Greenhouse's path, with ETags; yields the base URL."""
    routes = {
        f"/v1/boards/{token}/jobs": Reply(200, body, etag=True) for token, body in boards.items()
    }
    with serve(routes) as (url, _):
        yield url
