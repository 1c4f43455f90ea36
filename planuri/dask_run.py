"""The same per-document work on a Dask distributed cluster (``--executor dask``).

Each document is one task: the cluster's worker reads it and writes its partitions to
the output (a shared path or an fsspec URL every worker can reach) and returns a small
summary.  Time and memory per task are bounded by the cluster: Dask restarts a worker
that passes its memory limit (``--memory-limit`` of ``dask worker``), and a task lost
that way is reported as failed here.
"""

from __future__ import annotations

import traceback
from typing import Iterator

from planuri.batch import Summary, Task, process_and_write, record_failure
from planuri.pipeline import Settings
from planuri.writer import Output


def run_dask(tasks: list[Task], settings: Settings, output: Output, scheduler: str | None,
             client=None) -> Iterator[Summary]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError as e:  # pragma: no cover - depends on the installation
        raise SystemExit("the dask executor needs dask.distributed: pip install 'planuri[dask]'") from e
    own = client is None
    client = client or Client(scheduler)
    try:
        futures = {client.submit(process_and_write, t.path, settings, output, t.sha256, t.replaces, pure=False,
                                 key=f"planuri-{t.index}-{t.sha256[:16]}"): t for t in tasks}
        for future in as_completed(futures):
            task = futures[future]
            try:
                yield future.result()
            except Exception as e:  # the task or its worker died
                yield record_failure(task, settings, output, "worker-died", f"{type(e).__name__}: {e}", 0.0,
                                     tb=traceback.format_exc())
    finally:
        if own:
            client.close()
