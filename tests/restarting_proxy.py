"""A TCP proxy on 127.0.0.1 that can play a database server restarting, without touching the
real (shared) server behind it.

`restart()` does to every client what a restart does: each open connection is dropped at once
(both directions, reset), nothing listens for `down` seconds (a connect is refused), then the
port listens again and new connections reach the server as before. `restart_on(pattern)` does
it the moment a client sends bytes containing `pattern` (an SQL statement's text), which are
not forwarded: the statement, and its transaction, never reach the server.

Threads and the standard library only: one thread accepts, two pump each connection.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from types import TracebackType

CHUNK = 65536


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already gone
        sock.shutdown(socket.SHUT_RDWR)  # wakes the pump thread blocked in recv() on it
    sock.close()


def _abort(sock: socket.socket) -> None:
    """Drop a connection as a dying server does: a reset, not a polite goodbye."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _close(sock)


def _wait(done: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        time.sleep(0.02)
    return done()


class RestartingProxy:
    """Forwards 127.0.0.1:`port` to `upstream`; `restart()` drops and refuses connections."""

    def __init__(self, upstream: tuple[str, int], *, down: float = 1.5) -> None:
        self.upstream = upstream
        self.down = down  # seconds of refusing connections per restart
        self.restarts = 0
        self.port = 0
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._generation = 0  # bumped by each restart: a connection accepted before is dropped
        self._open: set[socket.socket] = set()
        self._pattern: bytes | None = None
        self._stopped = threading.Event()
        self._relisten: threading.Timer | None = None
        self._bound: socket.socket | None = None  # the port while nothing listens on it
        self._accepting = threading.Thread(target=self._accept_loop, name="proxy", daemon=True)

    def __enter__(self) -> RestartingProxy:
        self._bound = self._bind()
        self._listen()
        self._accepting.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stopped.set()
        if self._relisten is not None:
            self._relisten.cancel()
        self._drop_all()
        self._accepting.join()  # its poll() on the listener ends: the port is free

    def restart(self, down: float | None = None) -> None:
        """Drop every connection now and refuse new ones for `down` seconds (in the background:
        this returns at once)."""
        self._drop_all()
        self.restarts += 1
        if self._relisten is not None:  # a restart while down: down again from now
            self._relisten.cancel()
        self._relisten = threading.Timer(self.down if down is None else down, self._listen)
        self._relisten.daemon = True
        self._relisten.start()

    def restart_on(self, pattern: bytes) -> None:
        """Restart when a client next sends `pattern` (once)."""
        self._pattern = pattern

    def wait_listening(self, timeout: float = 30) -> bool:
        """Whether the proxy is up again (waiting up to `timeout` seconds for it)."""
        return _wait(lambda: self._listener is not None, timeout)

    def _bind(self) -> socket.socket:
        """The port, bound but not listening: a connect is refused, and no other socket can
        take the port while the server is down."""
        deadline = time.monotonic() + 2
        while True:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", self.port))
            except OSError:
                sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)  # the accept loop's poll() still holds the closed listener
                continue
            self.port = sock.getsockname()[1]
            return sock

    def _listen(self) -> None:
        with self._lock:
            if self._stopped.is_set() or self._bound is None:
                return
            self._listener, self._bound = self._bound, None
            self._listener.listen()
            self._listener.settimeout(0.05)  # the accept loop notices a restart or stop soon

    def _drop_all(self) -> None:
        with self._lock:
            self._generation += 1
            for sock in self._open:  # first: they hold the port too
                _abort(sock)
            self._open = set()
            listener, self._listener = self._listener, None
            if listener is not None:
                listener.close()
                if not self._stopped.is_set():
                    self._bound = self._bind()
            if self._stopped.is_set() and self._bound is not None:
                self._bound.close()
                self._bound = None

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            with self._lock:
                listener, generation = self._listener, self._generation
            if listener is None:
                time.sleep(0.02)
                continue
            try:
                client, _ = listener.accept()
            except OSError:  # a timeout, or the listener closed by a restart
                continue
            self._join(client, generation)

    def _join(self, client: socket.socket, generation: int) -> None:
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            _abort(client)
            return
        for sock in (client, server):
            sock.settimeout(None)
        with self._lock:
            late = generation != self._generation  # a restart came between accept and now
            if not late:
                self._open.update((client, server))
        if late:
            _abort(client)
            _abort(server)
            return
        for source, sink, watch in ((client, server, True), (server, client, False)):
            threading.Thread(
                target=self._pump, args=(source, sink, watch), name="proxy-pump", daemon=True
            ).start()

    def _pump(self, source: socket.socket, sink: socket.socket, watch: bool) -> None:
        tail = b""
        try:
            while chunk := source.recv(CHUNK):
                pattern = self._pattern if watch else None
                if pattern is not None and pattern in tail + chunk:
                    self._pattern = None
                    self.restart()  # before forwarding: the server never sees the statement
                    return
                tail = chunk[-64:]
                sink.sendall(chunk)
        except OSError:
            pass  # dropped by a restart, or the other side went away
        self._close_pair(source, sink)

    def _close_pair(self, *socks: socket.socket) -> None:
        # One side ended its connection: end the other side too, as the server would.
        with self._lock:
            mine = [sock for sock in socks if sock in self._open]
            self._open.difference_update(mine)
        for sock in mine:
            _close(sock)
