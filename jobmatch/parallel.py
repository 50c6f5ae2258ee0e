"""Run the shards of a CPU-bound job in forked processes.

Scoring 100k listings is pure Python: threads would share one core under the GIL. Each
shard is a whole job of its own (read its part, work, write), so nothing but a small result
crosses between processes. A shard whose child fails or dies costs only time: it is run
again here, so its error surfaces exactly as it would in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TypeVar

R = TypeVar("R")


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may run on
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_sharded(
    task: Callable[[int, int], R],
    shards: int,
    *,
    in_child: Callable[[], None] | None = None,
) -> list[R]:
    """[task(k, shards) for k in range(shards)]: shard 0 in this process, the others in
    forked children, which first call `in_child` (to drop inherited database connections).
    `task` must be safe to run twice for a shard: a failed child's shard is redone here."""
    if shards <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [task(k, shards) for k in range(max(shards, 1))]
    context = multiprocessing.get_context("fork")
    children: list[tuple[BaseProcess, Connection]] = []
    for k in range(1, shards):
        receiver, sender = context.Pipe(duplex=False)
        child: BaseProcess = context.Process(
            target=_child, args=(task, k, shards, in_child, sender), daemon=True
        )
        child.start()
        sender.close()  # the child holds the only writing end: EOF here if it dies
        children.append((child, receiver))
    results = [task(0, shards)]
    for k, (child, receiver) in enumerate(children, start=1):
        try:
            answer: tuple[R] | None = receiver.recv()
        except (EOFError, OSError):  # killed (out of memory, a signal) before it answered
            answer = None
        finally:
            receiver.close()
            child.join()
        results.append(answer[0] if answer is not None else task(k, shards))
    return results


def run_in_child(task: Callable[[], R], *, in_child: Callable[[], None] | None = None) -> R:
    """task() in a forked child, so that what it allocates goes back to the system when it
    ends (a process's freed heap mostly stays its own). Here where there is no fork, or when
    the child fails or dies: then its error surfaces as it would in one process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return task()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child: BaseProcess = context.Process(
        target=_child, args=(lambda _k, _n: task(), 0, 1, in_child, sender), daemon=True
    )
    child.start()
    sender.close()
    try:
        answer: tuple[R] | None = receiver.recv()
    except (EOFError, OSError):
        answer = None
    finally:
        receiver.close()
        child.join()
    return answer[0] if answer is not None else task()


def _child(
    task: Callable[[int, int], R],
    k: int,
    shards: int,
    in_child: Callable[[], None] | None,
    sender: Connection,
) -> None:
    answer: tuple[R] | None = None
    try:
        if in_child is not None:
            in_child()
        answer = (task(k, shards),)
    except BaseException:  # the parent redoes this shard and raises there, with context
        answer = None
    sender.send(answer)
    sender.close()
