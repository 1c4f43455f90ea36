"""Many documents: a pool of worker processes, each document under a time and a memory limit.

The parent hands one document at a time to each worker over a pipe and watches the
workers: a document that runs past ``timeout`` seconds or past ``memory_mb`` of
resident memory has its worker killed; a worker that dies (segfault, OOM kill) loses
only its document.  Such a document is recorded as failed, with the limit in its
error, and the worker is replaced.  Workers write their documents' partitions
themselves and report a small summary; they are renewed every ``max_tasks``
documents so memory stays flat however long the batch.
"""

from __future__ import annotations

import dataclasses
import multiprocessing as mp
import os
import signal
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Iterator

import psutil

from planuri.pipeline import DocumentResult, Outcome, Settings, failed_result, process_file
from planuri.writer import Output


@dataclass(frozen=True)
class Limits:
    timeout: float = 600.0  # seconds per document (a 68-page scan OCRs in about 200 s)
    memory_mb: int = 2048  # resident memory per worker
    max_tasks: int = 100  # documents per worker before it is renewed
    startup: float = 120.0  # seconds a new worker may take to take its first document


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity: a container's or taskset's share), not the machine's."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def machine_memory_mb() -> int | None:
    """The memory this process may use, in MB: the machine's, or its cgroup's limit when lower; None
    when unknown."""
    found = []
    try:
        found.append(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20)
    except (AttributeError, ValueError, OSError):
        pass
    try:  # cgroup v2: "max" or a byte count
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit.isdigit():
            found.append(int(limit) // 2**20)
    except OSError:
        pass
    return min(found) if found else None


def default_workers(memory_mb: int, cpus: int | None = None, memory_total_mb: int | None = None) -> int:
    """One worker per usable CPU, but no more than the memory holds at ``memory_mb`` each (a worker
    may grow to its limit before it is killed), and at least one."""
    cpus = usable_cpus() if cpus is None else cpus
    memory_total_mb = machine_memory_mb() if memory_total_mb is None else memory_total_mb
    by_memory = memory_total_mb // memory_mb if memory_total_mb else cpus
    return max(1, min(cpus, by_memory))


@dataclass(frozen=True)
class Task:
    index: int
    path: str
    sha256: str
    replaces: tuple[str, ...] = ()  # doc_ids of earlier versions of this file, removed once it is written


@dataclass
class Summary(Outcome):
    """What is reported about one processed document: its ``Outcome`` and the worker that read it."""

    worker: int | None = None


def summarize(result: DocumentResult) -> Summary:
    return Summary(**{f.name: getattr(result, f.name) for f in dataclasses.fields(Outcome)})


def process_and_write(path: str, settings: Settings, output: Output, sha256: str | None = None,
                      replaces: tuple[str, ...] = ()) -> Summary:
    result = process_file(Path(path), settings, sha256)
    output.write_document(result.doc_id, result.frames, replaces)
    return summarize(result)


def record_failure(task: Task, settings: Settings, output: Output, code: str, message: str, seconds: float,
                   tb: str | None = None) -> Summary:
    result = failed_result(Path(task.path), task.sha256, code, f"{code}: {message}", engine=settings.engine,
                           seconds=seconds, tb=tb)
    output.write_document(result.doc_id, result.frames, task.replaces)
    return summarize(result)


def warm_up(output: Output) -> None:
    """Do once, before the first document, what every document's first read would otherwise pay
    for: the lazy imports of the readers and the first validation and parquet write.  The time
    limit then counts a document's own work, not the worker's start."""
    import planuri.extract.word.reader  # noqa: F401  (python-docx, imported on the first DOCX)
    from planuri.pipeline import failed_result
    from planuri.writer import parquet_bytes

    frames = failed_result(Path("warm-up"), "0" * 64, "internal-error", "warm-up", fmt="pdf").frames
    for name, frame in frames.items():
        parquet_bytes(name, frame)


def _worker_main(conn, settings: Settings, target: str) -> None:
    output = Output(target)
    warm_up(output)
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(("started", task.index))  # the clock of the time limit starts now
        conn.send(run_task(task, settings, output))


def run_task(task: Task, settings: Settings, output: Output) -> Summary:
    """One document read and written; a failed write (or a bug past process_file) is reported as the
    document's internal-error with its traceback (kept in run.json, printed by --verbose), rather than
    killing the worker."""
    try:
        return process_and_write(task.path, settings, output, task.sha256, task.replaces)
    except Exception as e:
        return Summary(path=task.path, doc_id=task.sha256[:16], status="failed",
                       error=f"internal-error: {type(e).__name__}: {e}", traceback=traceback.format_exc())


@dataclass
class Slot:
    number: int
    process: mp.Process | None = None
    conn: object = None
    task: Task | None = None
    started: float = 0.0
    acknowledged: bool = False
    done: int = 0
    peak_rss: int = 0  # bytes, over the slot's life


@dataclass
class LocalPool:
    workers: int
    settings: Settings
    output: Output
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        self.ctx = mp.get_context("spawn")  # no fork: the parent may hold threads (Arrow)
        self.slots = [Slot(i + 1) for i in range(max(1, self.workers))]

    def _start(self, slot: Slot) -> None:
        parent, child = self.ctx.Pipe()
        slot.process = self.ctx.Process(target=_worker_main, args=(child, self.settings, self.output.target),
                                        name=f"planuri-worker-{slot.number}", daemon=True)
        # Ctrl-C reaches the whole process group: the workers (and the converters and OCR they start)
        # ignore it, inherited from here, and the parent stops them -- no tracebacks, no half-read documents
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            slot.process.start()
        finally:
            if main:
                signal.signal(signal.SIGINT, previous)
        child.close()
        slot.conn, slot.done = parent, 0

    def _stop(self, slot: Slot, kill: bool = False) -> None:
        if slot.process is None:
            return
        if kill:
            try:
                for child in psutil.Process(slot.process.pid).children(recursive=True):
                    child.kill()
            except psutil.Error:
                pass
            slot.process.kill()
        else:
            try:
                slot.conn.send(None)
            except (OSError, ValueError):
                slot.process.kill()
        slot.process.join(timeout=10)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()
        slot.process = slot.conn = None

    def _rss(self, slot: Slot) -> int:
        try:
            proc = psutil.Process(slot.process.pid)
            return proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
        except psutil.Error:
            return 0

    def _fail(self, slot: Slot, code: str, message: str) -> Summary:
        task, slot.task = slot.task, None
        self._stop(slot, kill=True)
        summary = record_failure(task, self.settings, self.output, code, message, time.monotonic() - slot.started)
        summary.worker = slot.number
        return summary

    def run(self, tasks: list[Task]) -> Iterator[Summary]:
        pending = deque(tasks)
        try:
            while pending or any(s.task for s in self.slots):
                for slot in self.slots:
                    if slot.task is None and pending:
                        if slot.process is None or not slot.process.is_alive() or slot.done >= self.limits.max_tasks:
                            self._stop(slot)
                            self._start(slot)
                        slot.task, slot.started, slot.acknowledged = pending.popleft(), time.monotonic(), False
                        slot.conn.send(slot.task)
                busy = [s for s in self.slots if s.task]
                wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout=0.2)
                for slot in busy:
                    summary = self._check(slot)
                    if summary is not None:
                        yield summary
        finally:
            for slot in self.slots:
                self._stop(slot, kill=bool(slot.task))

    def _check(self, slot: Slot) -> Summary | None:
        try:
            while slot.conn.poll():
                message = slot.conn.recv()
                if isinstance(message, tuple):  # ("started", index): the worker took the document
                    slot.started, slot.acknowledged = time.monotonic(), True
                    continue
                message.worker, slot.task = slot.number, None
                slot.done += 1
                return message
        except (EOFError, OSError):
            pass
        if not slot.process.is_alive():
            code = slot.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            return self._fail(slot, "worker-died", f"the worker process died ({how}) while reading this document")
        rss = self._rss(slot)
        slot.peak_rss = max(slot.peak_rss, rss)
        elapsed = time.monotonic() - slot.started
        if not slot.acknowledged:
            if elapsed > self.limits.startup:
                return self._fail(slot, "worker-died", f"the worker did not start within {self.limits.startup:g} s")
        elif elapsed > self.limits.timeout:
            return self._fail(slot, "timeout", f"reading took longer than the time limit of {self.limits.timeout:g} s")
        if rss > self.limits.memory_mb * 1024 * 1024:
            return self._fail(slot, "memory-limit",
                              f"reading used more than the memory limit of {self.limits.memory_mb} MB")
        return None

    def peak_memory_mb(self) -> dict[int, float]:
        return {s.number: round(s.peak_rss / 2**20, 1) for s in self.slots}
