"""One host's politeness: places in flight, spaced starts, pauses and the skip."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from dataclasses import dataclass

from scraper.errors import FetchError


@dataclass(frozen=True, slots=True)
class _Start:
    """A claimed request start: the host's next start time before and after the claim."""

    before: float
    after: float


class _HostGate:
    """One host's politeness: the rules in `HttpSettings`, for one host."""

    def __init__(self, host: str, concurrency: int, delay: float, skip_after: int) -> None:
        self.host = host
        self._sem = asyncio.Semaphore(concurrency)
        self.gap = delay / concurrency  # mean seconds between starts; robots may raise it
        self._skip_after = skip_after
        self._next_at = 0.0  # earliest next start (monotonic clock)
        self._paused_until = 0.0
        self._wake = asyncio.Event()  # set when waiters should look again sooner
        self.failures = 0  # failed requests in a row
        self._last_failure = ""
        self.skipped = False  # for the rest of the night, once set

    async def start(self, url: str) -> _Start:
        """Wait for a place in flight and the host's next start time, then claim it."""
        self._raise_if_skipped(url)
        await self._sem.acquire()
        try:
            while True:
                self._raise_if_skipped(url)
                now = time.monotonic()
                ready = max(self._next_at, self._paused_until)
                if ready <= now:
                    break
                wake = self._wake
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(ready - now):
                        await wake.wait()
        except BaseException:
            self._sem.release()
            raise
        # The next gap runs from when this start was due, not from when a busy event loop
        # got to it (so the rate holds), but catches up a quarter of a gap at most, and
        # never brings two starts closer than the shortest randomised gap (half the mean).
        base = max(ready, now - self.gap / 4)
        after = max(base + self.gap * random.uniform(0.5, 1.5), now + self.gap / 2)
        claim = _Start(before=self._next_at, after=after)
        self._next_at = claim.after
        return claim

    def finish(self, claim: _Start, *, reached: bool) -> None:
        # Nothing reached the server: the start is given back unless a later one was claimed.
        if not reached and self._next_at == claim.after:
            self._next_at = claim.before
            self._notify()
        self._sem.release()

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def succeeded(self) -> None:
        self.failures = 0

    def failed(self, error: FetchError) -> None:
        self.failures += 1
        self._last_failure = str(error).removeprefix(f"{error.url}: ")
        if not self.skipped and 0 < self._skip_after <= self.failures:
            self.skipped = True
            self._notify()  # waiters fail now instead of at their start time

    def _notify(self) -> None:
        self._wake.set()
        self._wake = asyncio.Event()

    def _raise_if_skipped(self, url: str) -> None:
        if self.skipped:
            raise FetchError(
                f"{url}: host {self.host} skipped after {self._skip_after} consecutive failures"
                f" (last: {self._last_failure})",
                url=url,
            )
