"""The command line's edges: bad option values and outputs are usage errors (one line, exit 2) found
before any document is read; Ctrl-C stops the workers quietly, writes run.json and exits 130, and
the same command run again resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLE_FOLDERS
from planuri.cli import main

DOCX = SAMPLE_FOLDERS[0] / f"{SAMPLE_FOLDERS[0].name}.docx"


@pytest.mark.parametrize("options,says", [
    (["--workers", "0"], "argument --workers: must be at least 1, not 0"),
    (["--workers", "two"], "argument --workers: not a number: 'two'"),
    (["--timeout", "-5"], "argument --timeout: must be more than 0, not -5"),
    (["--timeout", "0"], "argument --timeout: must be more than 0, not 0"),
    (["--memory-limit", "0"], "argument --memory-limit: must be at least 1, not 0"),
    (["--ocr-dpi", "-300"], "argument --ocr-dpi: must be at least 1, not -300"),
])
def test_bad_option_values_are_usage_errors(tmp_path, capsys, options, says):
    out = tmp_path / "out"
    assert main(["run", str(DOCX), "--out", str(out), *options]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"planuri run: error: {says}"]
    assert not out.exists()  # nothing was read or written


def test_an_output_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "taken"
    out.write_text("not a folder")
    assert main(["run", str(DOCX), "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [f"planuri: --out: {out} is a file, not a folder"]
    assert out.read_text() == "not a folder"


def test_an_output_under_a_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["run", str(DOCX), "--out", str(tmp_path / "file" / "out")]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"planuri: --out: cannot write to {tmp_path / 'file' / 'out'}: ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_an_unwritable_output_folder_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o500)
    try:
        assert main(["run", str(DOCX), "--out", str(out)]) == 2
        [line] = capsys.readouterr().err.strip().splitlines()
        assert line == f"planuri: --out: cannot write to {out}: Permission denied"
    finally:
        out.chmod(0o700)


def test_an_unknown_option_is_one_line(tmp_path, capsys):
    assert main(["run", str(DOCX), "--wrokers", "2"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == ["planuri: error: unrecognized arguments: --wrokers 2"]


def as_in_a_terminal() -> None:
    """The child's Ctrl-C as a terminal's shell gives it: a test run started in the background of a
    non-interactive shell (``cmd &``) ignores SIGINT, and every process started from it would too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_ctrl_c_stops_quietly_writes_run_json_and_the_next_run_resumes(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = []
    for folder in SAMPLE_FOLDERS[:3]:  # three quick DOCX, then PDFs that take longer
        files.append(folder / f"{folder.name}.docx")
    for folder in SAMPLE_FOLDERS[:3]:
        files.append(folder / f"{folder.name}.pdf")
    for f in files:
        (inputs / f.name).write_bytes(f.read_bytes())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "planuri", "run", str(inputs), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(command, start_new_session=True, preexec_fn=as_in_a_terminal, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(out.glob("documents/doc_id=*/part-0.parquet"))) < 1:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group gets SIGINT
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert stderr.strip().splitlines()[-1].startswith("planuri: interrupted after ")
    report = json.loads((out / "run.json").read_text())
    assert report["state"] == "interrupted" and report["finished"]
    done = len(list(out.glob("documents/doc_id=*/part-0.parquet")))
    # a document whose partitions were written as the signal came may not have reached the parent's count
    assert report["counts"].get("ok", 0) <= done and 1 <= done < len(files)
    assert not list(out.rglob("*.tmp"))

    resumed = subprocess.run(command + ["--quiet"], capture_output=True, text=True, timeout=900)
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((out / "run.json").read_text())
    assert report["state"] == "finished"
    assert report["counts"] == {"ok": len(files) - done, "skipped": done}
    assert len(list(out.glob("documents/doc_id=*/part-0.parquet"))) == len(files)


def test_workers_are_gone_after_ctrl_c(tmp_path):
    """No worker process (nor the OCR it runs) outlives an interrupted run."""
    import psutil

    inputs = tmp_path / "in"
    inputs.mkdir()
    pdf = SAMPLE_FOLDERS[1] / f"{SAMPLE_FOLDERS[1].name}-scan.pdf"  # OCR: long enough to be cut
    (inputs / pdf.name).write_bytes(pdf.read_bytes())
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "planuri", "run", str(inputs), "--out", str(out), "--workers", "2"],
                            start_new_session=True, preexec_fn=as_in_a_terminal, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    children: list = []
    while time.monotonic() < deadline and not children:
        try:
            children = psutil.Process(proc.pid).children(recursive=True)
        except psutil.Error:
            break
        time.sleep(0.05)
    time.sleep(1.0)
    children = psutil.Process(proc.pid).children(recursive=True)
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive
    assert json.loads((out / "run.json").read_text())["state"] == "interrupted"


def test_ocr_threads_share_the_cpus_among_the_workers(monkeypatch):
    """One scan's pages are read ``--ocr-threads`` at once; by default the usable CPUs are shared
    among the workers (one worker on two cores: two threads; two workers: one each)."""
    import planuri.cli as cli
    from planuri.api import _parse

    monkeypatch.setattr(cli, "usable_cpus", lambda: 2)
    threads = lambda *argv: cli.settings_from(_parse(["x.pdf"], list(argv))).ocr.threads  # noqa: E731
    assert threads() == 2 and threads("--workers", "1") == 2
    assert threads("--workers", "2") == 1 and threads("--workers", "3") == 1
    assert threads("--workers", "2", "--ocr-threads", "4") == 4
