"""Each fact in one place: what a document's outcome reports, how runs count statuses, the limits' defaults."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from planuri import batch, cli, runlog
from planuri.pipeline import DocumentResult, Outcome


def test_a_summary_is_a_documents_outcome_without_its_frames():
    """batch.Summary and pipeline.DocumentResult share one list of fields (pipeline.Outcome), so a
    field added to the outcome reaches the worker's summary, the run log and the CLI."""
    assert issubclass(batch.Summary, Outcome) and issubclass(DocumentResult, Outcome)
    values = {f.name: f"value of {f.name}" for f in dataclasses.fields(Outcome)}
    result = DocumentResult(**values, sha256="f" * 64, frames={"actions": None})
    summary = batch.summarize(result)
    assert {f.name: getattr(summary, f.name) for f in dataclasses.fields(Outcome)} == values
    assert not hasattr(summary, "frames") and summary.worker is None


def test_the_cli_summary_and_the_run_log_count_statuses_alike():
    results = [SimpleNamespace(status=s, pages=1, n_tables=0, n_action_tables=0, n_actions=0, n_issues=0,
                               path="x", error=None, doc_id="d")
               for s in ("ok", "ok", "failed", "no-action-plan")]
    skipped = [{"path": "y"}]
    counts = runlog.status_counts(results, skipped)
    assert counts == {"ok": 2, "failed": 1, "no-action-plan": 1, "skipped": 1}
    assert runlog.run_report("now", {}, results, skipped, None, 1.0)["counts"] == counts
    text = cli.summary(results, skipped, 1.0, "out")
    assert "documents       5   failed: 1  no-action-plan: 1  ok: 2  skipped: 1" in text
    assert cli.status_counts is runlog.status_counts


def test_the_cli_takes_its_limits_defaults_from_batch_limits(monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Other(batch.Limits):
        timeout: float = 12.5
        memory_mb: int = 777

    monkeypatch.setattr(cli, "Limits", Other)
    args = cli.build_parser().parse_args(["run", "somewhere"])
    assert (args.timeout, args.memory_limit) == (12.5, 777)


def test_a_failed_write_keeps_its_traceback_in_the_summary_and_the_run_log(tmp_path):
    """A worker's write that fails is the document's internal-error, its traceback kept (run.json)."""
    from conftest import SAMPLE_FOLDERS
    from planuri.pipeline import Settings, file_sha256

    class BrokenOutput:
        def write_document(self, doc_id, frames, replaces):
            raise OSError("disk full in write_document")

    docx = SAMPLE_FOLDERS[0] / f"{SAMPLE_FOLDERS[0].name}.docx"
    task = batch.Task(0, str(docx), file_sha256(docx))
    summary = batch.run_task(task, Settings(), BrokenOutput())
    assert summary.status == "failed" and summary.error == "internal-error: OSError: disk full in write_document"
    assert "raise OSError" in summary.traceback and "write_document" in summary.traceback
    failure, = runlog.run_report("now", {}, [summary], [], None, 1.0)["failures"]
    assert failure["traceback"] == summary.traceback
