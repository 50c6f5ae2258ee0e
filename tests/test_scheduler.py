"""The `schedule` daemon's wiring (runs, failures, signals) and the cron line.

Runs fire every half second through the `trigger` argument; the CLI passes a crontab.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jobmatch.scheduler import ScheduleError, cron_line, cron_trigger, run_forever

ROOT = Path(__file__).parent.parent

DAEMON = """
import logging, sys, time
from apscheduler.triggers.interval import IntervalTrigger
from jobmatch.scheduler import run_forever

logging.basicConfig(filename=sys.argv[1], level=logging.INFO, format="%(name)s %(message)s")

def job():
    time.sleep(float(sys.argv[2]))  # long enough for the signal to arrive mid-run
    return 0

run_forever(
    job,
    trigger=IntervalTrigger(seconds=float(sys.argv[3]), timezone="UTC"),
    timezone="UTC",
    logger=logging.getLogger("daemon"),
)
"""


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


@contextlib.contextmanager
def running_daemon(
    tmp_path: Path, job_seconds: float, every: float = 0.5, name: str = "daemon"
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """A daemon process whose runs start every `every` s; killed and reaped on the way out."""
    script, log = tmp_path / "daemon.py", tmp_path / f"{name}.log"
    script.write_text(DAEMON, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-W", "error", str(script), str(log), str(job_seconds), str(every)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        yield process, log
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()  # reaps it and closes the pipes, whatever happened


def read_lines(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_daemon_runs_until_signalled_and_lets_the_run_finish(
    tmp_path: Path, signum: signal.Signals
) -> None:
    with running_daemon(tmp_path, job_seconds=0.6) as (process, log):

        def lines() -> list[str]:
            return read_lines(log)

        wait_for(lambda: "daemon run 2 started" in lines())
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=10)

    assert process.returncode == 0, stderr.decode()
    assert stderr == b""
    daemon = [
        line.removeprefix("daemon ")
        for line in lines()
        if line.startswith("daemon ") and not line.startswith("daemon run skipped")
    ]
    assert daemon[0].startswith("scheduler started; next run at ")
    assert daemon[1] == "run 1 started"
    assert daemon[2].startswith("run 1 finished with exit code 0 after ")
    tail = daemon[-5:]
    assert tail[0] == "run 2 started"
    assert tail[1] == f"{signum.name} received: stopping"
    assert tail[2] == "waiting for run 2 to finish"
    assert tail[3].startswith("run 2 finished with exit code 0 after ")
    assert tail[4] == "stopped"


def test_a_second_signal_exits_without_waiting(tmp_path: Path) -> None:
    with running_daemon(tmp_path, job_seconds=60) as (process, log):
        wait_for(lambda: "daemon run 1 started" in read_lines(log))
        process.send_signal(signal.SIGTERM)
        wait_for(lambda: "daemon waiting for run 1 to finish" in read_lines(log))
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)

    assert process.returncode == 128 + signal.SIGTERM
    assert read_lines(log)[-1] == "daemon SIGTERM again: exiting without waiting for run 1"


def test_a_signal_at_any_moment_of_the_scheduler_loop_stops_it_cleanly(tmp_path: Path) -> None:
    # With a trigger every millisecond the scheduler's loop is always busy somewhere: the
    # signal lands inside its locks sooner or later (it used to hang or crash there).
    for attempt in range(8):
        with running_daemon(tmp_path, job_seconds=0.3, every=0.001, name=f"loop{attempt}") as (
            process,
            log,
        ):
            wait_for(lambda: "daemon run 1 started" in read_lines(log))  # noqa: B023
            time.sleep(0.01 * attempt)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=10)
        assert process.returncode == 0, stderr.decode()
        assert read_lines(log)[-1] == "daemon stopped"


def test_a_failing_run_is_logged_and_the_next_run_happens(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from apscheduler.triggers.interval import IntervalTrigger

    calls: list[int] = []

    def job() -> int:
        calls.append(len(calls) + 1)
        if len(calls) == 1:
            raise RuntimeError("board exploded")
        os.kill(os.getpid(), signal.SIGINT)  # stop after this run, from inside the run
        return 1

    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    watchdog = threading.Timer(15, os.kill, (os.getpid(), signal.SIGTERM))  # never hang
    watchdog.start()
    try:
        with caplog.at_level(logging.INFO, logger="test.scheduler"):
            run_forever(
                job,
                trigger=IntervalTrigger(seconds=0.3, timezone="UTC"),
                timezone="UTC",
                logger=logging.getLogger("test.scheduler"),
            )
    finally:
        watchdog.cancel()

    assert calls == [1, 2]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before
    records = [r for r in caplog.records if r.name == "test.scheduler"]
    messages = [r.getMessage() for r in records]
    failed = next(r for r in records if r.getMessage().startswith("run 1 failed after "))
    assert failed.levelno == logging.ERROR
    assert failed.exc_info is not None and "board exploded" in str(failed.exc_info[1])
    finished = next(r for r in records if r.getMessage().startswith("run 2 finished"))
    assert "with exit code 1" in finished.getMessage()
    assert finished.levelno == logging.WARNING  # a non-zero exit code needs attention
    assert messages[-1] == "stopped"
    assert "SIGINT received: stopping" in messages


def test_give_cron_or_trigger() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        run_forever(lambda: 0, logger=logging.getLogger("test"))


def test_bad_cron_and_time_zone_are_one_line_errors() -> None:
    with pytest.raises(ScheduleError, match=r"'\* \* \*' is not a crontab expression"):
        cron_trigger("* * *")
    with pytest.raises(ScheduleError, match="unknown time zone 'Mars/Olympus'"):
        cron_trigger("0 2 * * *", "Mars/Olympus")
    assert "hour='2'" in repr(cron_trigger("0 2 * * *", "Europe/Berlin"))


def test_cron_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    binary = tmp_path / ".venv" / "bin" / "jobmatch"

    line = cron_line(config, "30 2 * * *", binary)

    assert line == (
        f"30 2 * * * cd {tmp_path} && {binary} --config {config} run --quiet "
        f">> {tmp_path}/jobmatch-cron.log 2>&1"
    )


def test_cron_line_makes_paths_absolute_and_quotes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my jobs 100%"
    folder.mkdir()
    monkeypatch.chdir(folder)

    line = cron_line(Path("config.toml"), " 0  6 * * 1-5 ", Path("bin/jobmatch"))

    schedule, command = line[:12], line[12:]
    assert schedule == "0 6 * * 1-5 "
    unescaped = command.replace("\\%", "%")
    assert "%" not in command.replace("\\%", "")  # cron turns a bare % into a newline
    assert shlex.split(unescaped) == [
        "cd",
        str(folder),
        "&&",
        str(folder / "bin" / "jobmatch"),
        "--config",
        str(folder / "config.toml"),
        "run",
        "--quiet",
        ">>",
        str(folder / "jobmatch-cron.log"),
        "2>&1",
    ]


def test_cron_line_rejects_what_cron_would() -> None:
    with pytest.raises(ScheduleError):
        cron_line(Path("config.toml"), "@daily", Path("jobmatch"))
