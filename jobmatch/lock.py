"""One run at a time: an advisory lock file, so an overlapping cron run exits at once."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jobmatch.errors import JobmatchError


class RunLocked(JobmatchError):
    """Another jobmatch run holds the lock."""


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """Hold `path` exclusively; the kernel releases it if the process dies, even by SIGKILL."""
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise RunLocked(
                f"another jobmatch run is in progress (pid {holder}, lock {path}); not starting"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()
