"""`jobmatch schedule`: a thin APScheduler 3.x daemon around the same run cron starts.

Cron is the first choice (see `cron_line`); this is for machines without it. One job,
in memory: `max_instances=1` (a slow night never overlaps the next), `coalesce=True`
(runs missed while the machine slept collapse into one) and a misfire grace time (a run
later than that is skipped, not started at noon).

Stopping: SIGTERM or SIGINT stops scheduling at once; a run in progress is allowed to
finish (it is logged), then "stopped" is logged and `run_forever` returns. A second
signal while waiting exits the process at once with status 128 + signal number.

The signal handlers do nothing but wake the main thread (`signal.set_wakeup_fd`): a
handler runs between two bytecodes of the main thread, which may hold a scheduler or
`threading.Event` lock at that moment, so shutting the scheduler down from inside the
handler could deadlock or remove the job under the scheduler's feet.
"""

from __future__ import annotations

import itertools
import logging
import os
import select
import shlex
import signal
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.events import (
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    EVENT_SCHEDULER_STARTED,
    JobEvent,
    SchedulerEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from jobmatch.errors import JobmatchError

JOB_ID = "jobmatch-run"
CRON_LOG = "jobmatch-cron.log"
_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class ScheduleError(JobmatchError):
    """A crontab expression or time zone that cannot be used."""


def cron_trigger(cron: str, timezone: str | None = None) -> Any:
    """`CronTrigger.from_crontab`, with bad input as a one-line ScheduleError."""
    try:
        return CronTrigger.from_crontab(cron, timezone=timezone)
    except ValueError as e:
        raise ScheduleError(f"schedule: {cron!r} is not a crontab expression ({e})") from None
    except KeyError:  # zoneinfo.ZoneInfoNotFoundError
        raise ScheduleError(f"schedule: unknown time zone {timezone!r}") from None


def run_forever(
    job: Callable[[], int],
    *,
    cron: str | None = None,
    trigger: Any = None,
    timezone: str | None = None,
    misfire_grace_time: int = 3600,
    logger: logging.Logger,
) -> None:
    """Run `job` on the `cron` schedule until SIGTERM or SIGINT.

    `job` returns an exit code (0 ok, like `jobmatch run`); an exception is logged with
    its traceback and the next run still happens. `trigger` (any APScheduler 3 trigger)
    replaces `cron`, for tests that need runs every fraction of a second. Call from the
    main thread: signal handlers are installed for the duration and restored afterwards.
    """
    if (cron is None) == (trigger is None):
        raise ValueError("give exactly one of cron or trigger")
    if trigger is None:
        assert cron is not None
        trigger = cron_trigger(cron, timezone)

    executor = ThreadPoolExecutor(max_workers=1)
    options: dict[str, Any] = {"executors": {"default": executor}}
    if timezone is not None:
        options["timezone"] = timezone
    scheduler = BackgroundScheduler(**options)
    runs = itertools.count(1)
    busy = threading.Lock()  # held while a run is in progress
    current = 0
    stopping = threading.Event()

    def next_run() -> str:
        if stopping.is_set():
            return "none (stopping)"
        scheduled = scheduler.get_job(JOB_ID)
        when = getattr(scheduled, "next_run_time", None)
        return when.isoformat(timespec="seconds") if when is not None else "none"

    def run_once() -> None:
        nonlocal current
        with busy:
            current = next(runs)
            logger.info("run %d started", current)
            started = time.monotonic()
            try:
                code = job()
            except SystemExit as e:  # a job that calls sys.exit() still reports its code
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except Exception:
                logger.exception(
                    "run %d failed after %.1f s; next run at %s",
                    current,
                    time.monotonic() - started,
                    next_run(),
                )
                return
            logger.log(
                logging.INFO if code == 0 else logging.WARNING,
                "run %d finished with exit code %d after %.1f s; next run at %s",
                current,
                code,
                time.monotonic() - started,
                next_run(),
            )

    def on_started(event: SchedulerEvent) -> None:
        logger.info("scheduler started; next run at %s", next_run())

    def on_skipped(event: JobEvent) -> None:
        if event.code == EVENT_JOB_MAX_INSTANCES:
            logger.warning("run skipped: run %d is still in progress", current)
        else:
            logger.warning(
                "run due at %s skipped: more than %d s late (misfire_grace_time)",
                event.scheduled_run_time,
                misfire_grace_time,
            )

    scheduler.add_listener(on_started, EVENT_SCHEDULER_STARTED)
    scheduler.add_listener(on_skipped, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
    scheduler.add_job(
        run_once,
        trigger,
        id=JOB_ID,
        name="jobmatch run",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=misfire_grace_time,
        replace_existing=True,
    )
    with _StopSignals() as signals:
        scheduler.start()
        first = signals.next()
        assert first is not None  # no timeout: waits for one
        stopping.set()
        logger.info("%s received: stopping", first.name)
        scheduler.shutdown(wait=False)
        if busy.locked():
            logger.info("waiting for run %d to finish", current)
        while busy.locked():
            again = signals.next(timeout=0.1)
            if again is not None:
                logger.warning("%s again: exiting without waiting for run %d", again.name, current)
                logging.shutdown()
                os._exit(128 + again)
        executor.shutdown(wait=True)
    logger.info("stopped")


class _StopSignals:
    """SIGTERM and SIGINT, delivered to the main thread through a socket pair.

    Installed for the duration of the `with` block, then the previous handlers and wakeup
    fd come back.
    """

    def __enter__(self) -> _StopSignals:
        self._pending: list[signal.Signals] = []
        self._reader, self._writer = socket.socketpair()
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, _wake_only) for sig in _STOP_SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()

    def next(self, timeout: float | None = None) -> signal.Signals | None:
        """The next stop signal, waiting up to `timeout` seconds (None: for ever)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._pending:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            readable, _, _ = select.select([self._reader], [], [], left)
            if not readable:
                return None
            caught = self._reader.recv(64)  # one byte per signal caught
            self._pending += [signal.Signals(n) for n in caught if n in _STOP_SIGNALS]
        return self._pending.pop(0)


def _wake_only(signum: int, frame: FrameType | None) -> None:
    """Replaces the default action (exit, KeyboardInterrupt); set_wakeup_fd does the rest."""


def cron_line(config_path: Path, cron: str, jobmatch_bin: Path) -> str:
    """A crontab line running `jobmatch run` nightly, appending output to a log beside the config.

    Paths are made absolute and shell-quoted; `%` (a newline to cron) is escaped.
    """
    cron_trigger(cron)  # reject what cron would reject, with our error
    schedule = " ".join(cron.split())
    config = config_path.expanduser().resolve()
    folder = config.parent
    binary = jobmatch_bin.expanduser().absolute()  # keep the venv path; don't follow symlinks
    command = (
        f"cd {shlex.quote(str(folder))} && {shlex.quote(str(binary))} "
        f"--config {shlex.quote(str(config))} run --quiet "
        f">> {shlex.quote(str(folder / CRON_LOG))} 2>&1"
    )
    return f"{schedule} {command.replace('%', chr(92) + '%')}"
