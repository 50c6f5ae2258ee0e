"""A real HTTP server on 127.0.0.1 that serves recorded Greenhouse board responses.

Used by `jobmatch demo` (a newcomer without network sees the product work) and by tests.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_JOBS_PATH = re.compile(r"^/v1/boards/(?P<token>[^/?]+)/jobs(?:\?.*)?$")


def _handler(boards: Mapping[str, bytes]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (the stdlib's name)
            found = _JOBS_PATH.match(self.path)
            body = boards.get(found["token"]) if found else None
            if body is None:
                self._send(404, b'{"status": 404, "error": "Not Found"}')
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", etag=etag)  # lets conditional requests be seen working
            else:
                self._send(200, body, etag=etag)

        def _send(self, status: int, body: bytes, etag: str | None = None) -> None:
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    return Handler


@contextmanager
def serve_greenhouse(boards: Mapping[str, bytes]) -> Iterator[str]:
    """Serve `{token: response body}` on a free port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(boards))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.shutdown()
        server.server_close()
