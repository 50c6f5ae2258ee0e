"""Pausing Python's cyclic garbage collector around large batches."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Grouping and scoring allocate 100k+ small containers and no reference cycles; the
    cyclic collector rescanning them all again and again costs a third to half the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
