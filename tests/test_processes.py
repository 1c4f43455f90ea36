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
