"""Batch runs: a pool of bounded workers, incremental and crash-safe runs, bad inputs,
and the same work on a Dask cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLES, require_tesseract

SCAN_003 = "003-bacau-raport-plan-servicii-sociale-2021-2023-scan.pdf"
from corpus import SMALL_DOCX, SMALL_PDF, build_corpus, pdf_bomb, replicate
from planuri.batch import Limits, LocalPool, Task
from planuri.cli import main
from planuri.pipeline import Settings, file_sha256
from planuri.writer import Output


def parquet_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def statuses(out: Path) -> dict[str, tuple[str, str | None]]:
    docs = pd.read_parquet(out / "documents")
    return {Path(r.source_file).name: (r.status, None if pd.isna(r.error) else r.error) for r in docs.itertuples()}


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory) -> Path:
    """Every sample's DOCX and ruled PDF, and one sample in each other form (borderless PDF,
    scan, .doc, .odt): each way of reading, without OCR-ing every scan of samples/ each time."""
    folder = tmp_path_factory.mktemp("mixed")
    for sample in sorted(p.parent for p in SAMPLES.glob("*/source.yaml")):
        for suffix in (".docx", ".pdf"):
            (folder / f"{sample.name}{suffix}").write_bytes((sample / f"{sample.name}{suffix}").read_bytes())
    small = SMALL_PDF.parent
    for name in (f"{small.name}-borderless.pdf", f"{small.name}-scan.pdf", f"{small.name}.doc", f"{small.name}.odt"):
        (folder / name).write_bytes((small / name).read_bytes())
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus") / "in"
    return folder, build_corpus(folder)


@pytest.fixture(scope="module")
def corpus_run(corpus, tmp_path_factory):
    folder, cases = corpus
    out = tmp_path_factory.mktemp("corpus-out") / "out"
    code = main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "2", "--memory-limit", "1500"])
    return code, out, cases


def test_every_bad_input_gets_its_status_and_the_batch_goes_on(corpus_run):
    code, out, cases = corpus_run
    assert code == 1
    got = statuses(out)
    assert len(got) == len(cases)  # the symlink loop added nothing, nothing was lost
    for name, case in cases.items():
        status, error = got[case.path.name]
        assert status == case.status, (name, error)
        if case.error:
            assert error.startswith(case.error + ":"), (name, error)


def test_good_documents_of_a_broken_batch_are_written_intact(corpus_run):
    _, out, cases = corpus_run
    docs = pd.read_parquet(out / "documents").set_index("source_file")
    name = str(cases["diacritics"].path)
    assert docs.loc[name, "n_actions"] == 34
    actions = pd.read_parquet(out / "actions")
    assert (actions.groupby("doc_id", observed=True).size()[docs.loc[name, "doc_id"]]) == 34
    assert docs.loc[str(cases["owner-password"].path), "n_actions"] == 34
    assert docs.loc[str(cases["1000-pages"].path), "pages"] == 1000


def test_external_entities_are_not_resolved(corpus_run):
    _, out, _ = corpus_run
    for path in out.rglob("*.parquet"):
        assert b"SECRET-CONTENT-42" not in path.read_bytes()
    cells = pd.read_parquet(out / "cells")
    assert not cells["text"].str.contains("SECRET-CONTENT-42").any()


def test_run_report(corpus_run):
    _, out, cases = corpus_run
    report = json.loads((out / "run.json").read_text())
    assert report["state"] == "finished" and report["started"] <= report["finished"]
    failed = sum(c.status == "failed" for c in cases.values())
    assert report["counts"]["failed"] == failed == len(report["failures"])
    assert all(f["error"] for f in report["failures"])
    assert {"planuri", "pdfplumber", "pandas", "pyarrow", "pandera"} <= set(report["versions"])
    # memory stayed under the limit, the 1000-page PDF included
    assert max(report["peak_memory_mb_per_worker"].values()) < 1500


def test_password_opens_an_encrypted_pdf(corpus, tmp_path):
    _, cases = corpus
    path = cases["user-password"].path
    assert main(["run", str(path), "--out", str(tmp_path), "--quiet", "--workers", "1", "--password", "secret"]) == 0
    assert statuses(tmp_path)[path.name] == ("ok", None)
    assert main(["run", str(path), "--out", str(tmp_path / "b"), "--quiet", "--workers", "1", "--password", "wrong"]) == 1
    assert "password given does not open it" in statuses(tmp_path / "b")[path.name][1]


def run_pool(paths: list[Path], out: Path, limits: Limits, kill_after: float | None = None):
    output = Output(out)
    pool = LocalPool(1, Settings(), output, limits)
    tasks = [Task(i, str(p), file_sha256(p)) for i, p in enumerate(paths)]
    if kill_after is not None:  # the OOM killer, or a segfault, as seen from outside
        def killer():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not pool.slots[0].acknowledged:
                time.sleep(0.05)
            time.sleep(kill_after)
            os.kill(pool.slots[0].process.pid, signal.SIGKILL)
        threading.Thread(target=killer, daemon=True).start()
    return list(pool.run(tasks)), pool


def test_a_document_past_the_time_limit_is_killed_and_the_batch_goes_on(tmp_path):
    # the limit sits far from both documents' times, whatever the machine's speed: the 68-page
    # scan OCRs for minutes, the small DOCX reads in a fraction of a second (the worker warms
    # up before its first document, so the limit counts no start-up or first imports)
    require_tesseract()
    long_scan = SAMPLES / SCAN_003.split("-scan")[0] / SCAN_003
    results, _ = run_pool([long_scan, SMALL_DOCX], tmp_path, Limits(timeout=15.0))
    assert results[0].status == "failed" and results[0].error.startswith("timeout:")
    assert results[1].status == "ok" and results[1].n_actions == 34


def test_a_document_past_the_memory_limit_is_killed(tmp_path):
    bomb = pdf_bomb(tmp_path / "in" / "bomba.pdf", megabytes=800)
    results, _ = run_pool([bomb, SMALL_DOCX], tmp_path / "out", Limits(memory_mb=400, timeout=120))
    assert results[0].status == "failed" and results[0].error.startswith("memory-limit:")
    assert results[1].status == "ok"
    assert statuses(tmp_path / "out")["bomba.pdf"][0] == "failed"


def test_a_dying_worker_loses_only_its_document(corpus, tmp_path):
    _, cases = corpus
    results, _ = run_pool([cases["1000-pages"].path, SMALL_DOCX], tmp_path, Limits(timeout=60), kill_after=1.0)
    assert results[0].status == "failed" and results[0].error.startswith("worker-died:")
    assert "signal 9" in results[0].error
    assert results[1].status == "ok"


def test_parallel_and_sequential_runs_write_the_same_bytes(tmp_path, mixed_inputs):
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", str(mixed_inputs), "--out", str(one), "--quiet", "--workers", "1"]) == 0
    assert main(["run", str(mixed_inputs), "--out", str(two), "--quiet", "--workers", "2"]) == 0
    assert parquet_files(one) == parquet_files(two)


def test_incremental_runs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    first = folder / SMALL_DOCX.name
    first.write_bytes(SMALL_DOCX.read_bytes())
    out = tmp_path / "out"
    main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "1"])
    before = parquet_files(out)
    # a second run skips what is done and writes nothing
    main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "1"])
    report = json.loads((out / "run.json").read_text())
    assert report["counts"] == {"skipped": 1} and parquet_files(out) == before
    # --force processes it again, to the same bytes
    main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "1", "--force"])
    assert parquet_files(out) == before
    # a changed file is a new document
    [copy] = replicate([SMALL_DOCX], folder, 1)
    main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "1"])
    report = json.loads((out / "run.json").read_text())
    assert report["counts"] == {"ok": 1, "skipped": 1}
    assert len(pd.read_parquet(out / "documents")) == 2


def test_killed_run_leaves_complete_partitions_and_the_next_run_finishes(tmp_path):
    folder = tmp_path / "in"
    replicate([SMALL_DOCX, SMALL_PDF], folder, 4)  # 8 documents, a few seconds
    reference = tmp_path / "reference"
    assert main(["run", str(folder), "--out", str(reference), "--quiet", "--workers", "1"]) == 0

    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "planuri", "run", str(folder), "--out", str(out), "--quiet",
                             "--workers", "1"], start_new_session=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("documents/doc_id=*/part-0.parquet"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker, at once
    proc.wait()
    written = len(list(out.glob("documents/doc_id=*/part-0.parquet")))
    assert 3 <= written < 8
    for path in out.rglob("*.parquet"):  # every partition left behind is a whole file
        assert pd.read_parquet(path) is not None
    (out / "actions" / "doc_id=0000000000000000").mkdir(parents=True)
    (out / "actions" / "doc_id=0000000000000000" / ".part-0.parquet.1.x.tmp").write_bytes(b"half")  # as if cut

    assert main(["run", str(folder), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    assert parquet_files(out) == parquet_files(reference)
    assert not [p for p in out.rglob("*.tmp")]  # leftovers of the killed run are cleaned up
    (out / "actions" / "doc_id=0000000000000000").rmdir()


def test_dask_cluster_gives_the_local_result(tmp_path, mixed_inputs):
    distributed = pytest.importorskip("dask.distributed")
    local = tmp_path / "local"
    assert main(["run", str(mixed_inputs), "--out", str(local), "--quiet", "--workers", "2"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "dask"
        assert main(["run", str(mixed_inputs), "--out", str(out), "--quiet", "--executor", "dask",
                     "--scheduler", cluster.scheduler_address]) == 0
    assert parquet_files(out) == parquet_files(local)
    assert json.loads((out / "run.json").read_text())["settings"]["executor"] == "dask"
