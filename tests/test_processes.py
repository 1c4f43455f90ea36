"""Child processes: a LibreOffice conversion past its time limit leaves nothing running; the default
number of workers fits the CPUs the process may use and the machine's memory."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from planuri.extract.errors import ExtractError
from planuri.extract.legacy import ConvertSettings, converted_to_docx


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_conversion_timeout_kills_the_wrappers_child_too(tmp_path, monkeypatch):
    """``soffice`` is a shell script running ``soffice.bin``: a fake one whose child sleeps must see
    both die at the time limit, not only the shell."""
    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text('#!/bin/sh\nsleep 300 &\necho $! > "$FAKE_CHILD_PID"\nwait\n')
    fake.chmod(0o755)
    monkeypatch.setenv("FAKE_CHILD_PID", str(pid_file))
    source = tmp_path / "plan.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    started = time.monotonic()
    with pytest.raises(ExtractError) as e:
        with converted_to_docx(source, "doc", ConvertSettings(soffice=str(fake), timeout=1.0)):
            pass
    assert e.value.code == "conversion-timeout" and time.monotonic() - started < 30
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child), f"the wrapper's child {child} survived the time-out"


def test_default_workers_fit_the_cpus_and_the_memory():
    from planuri.batch import default_workers

    assert default_workers(2048, cpus=8, memory_total_mb=64_000) == 8  # the CPUs bound
    assert default_workers(2048, cpus=8, memory_total_mb=7_000) == 3  # 3 x 2048 MB fit in 7000 MB, 4 do not
    assert default_workers(2048, cpus=8, memory_total_mb=1_000) == 1  # always one
    assert default_workers(512, cpus=2, memory_total_mb=None) == 2  # memory unknown: the CPUs


def test_the_default_counts_the_cpus_this_process_may_use(monkeypatch):
    from planuri import batch

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert batch.usable_cpus() == 2
    assert batch.default_workers(100, memory_total_mb=10_000) == 2
    total = batch.machine_memory_mb()
    assert total is None or 64 <= total <= 2**24  # MB: from 64 MB to 16 TB
    if total:  # a worker allowed the whole memory: one worker, whatever the CPUs
        assert batch.default_workers(total, cpus=8) == 1
