"""`extract --scheduler`: the batch on a Dask LocalCluster gives what the local batch gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extract.running import sample
from extract.running.batch import Job, Limits, Result, output_paths, run_batch
from schemas import Document

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason="the Dask extra is not installed (pip install '.[dask]')"
)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The two submission samples, plus one encrypted and one empty file that must fail alone."""
    d = tmp_path_factory.mktemp("dask_in")
    bad = sample.bad_inputs(d / "bad")
    return [*sorted(RAW.glob("ngo_*.pdf")), bad["encrypted_user"], bad["empty"]]


def _jobs(pdfs: list[Path], out: Path) -> list[Job]:
    return [Job(p, o) for p, o in zip(pdfs, output_paths(pdfs, out), strict=True)]


def test_local_cluster_matches_the_local_batch(inputs: list[Path], tmp_path: Path) -> None:
    from extract.running.distributed import run_on_dask

    seen: list[Result] = []
    dask_results = run_on_dask(
        _jobs(inputs, tmp_path / "dask"), Limits(), "local", workers=2, processes=False, on_result=seen.append
    )
    local_results = run_batch(_jobs(inputs, tmp_path / "local"), Limits(), workers=1)
    assert [r.pdf for r in dask_results] == inputs
    assert len(seen) == len(inputs)
    assert [(r.status, r.message, r.pages) for r in dask_results] == [
        (r.status, r.message, r.pages) for r in local_results
    ]
    assert [r.status for r in dask_results] == ["ok"] * (len(inputs) - 2) + ["failed", "failed"]
    assert "encrypted" in dask_results[-2].message and "empty" in dask_results[-1].message
    for r in dask_results[:-2]:
        assert r.out is not None
        Document.model_validate_json(r.out.read_bytes())
        assert r.out.read_bytes() == (tmp_path / "local" / r.out.name).read_bytes()
    assert not [p for p in (tmp_path / "dask").iterdir() if p.name.endswith(".tmp")]


def test_time_limit_holds_in_dask_threads(tmp_path: Path) -> None:
    """Dask runs each task in a worker thread, where SIGALRM cannot reach: the thread timer does."""
    from extract.running.distributed import run_on_dask

    pdf = RAW / "un_wgreport_veloria_2018.pdf"
    [r] = run_on_dask(_jobs([pdf], tmp_path), Limits(max_seconds=0.2), "local", workers=1, processes=False)
    assert r.status == "failed" and "took longer" in r.message
    assert not list(tmp_path.glob("*.json"))


def test_up_to_date_outputs_are_skipped_on_the_cluster(tmp_path: Path) -> None:
    from extract.running.distributed import run_on_dask

    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    jobs = _jobs([pdf], tmp_path / "out")
    assert run_on_dask(jobs, Limits(), "local", workers=1, processes=False)[0].status == "ok"
    assert run_on_dask(jobs, Limits(), "local", workers=1, processes=False)[0].status == "skipped"


def test_a_task_that_errors_becomes_a_failed_result() -> None:
    from extract.running.distributed import _result

    class Errored:
        status = "error"

        def exception(self) -> BaseException:
            return RuntimeError("boom\nsecond line")

    r = _result(Errored(), Job(Path("x.pdf"), Path("x.json")))
    assert r.status == "failed" and r.message == "task failed: RuntimeError: boom second line"


def test_empty_job_list() -> None:
    from extract.running.distributed import run_on_dask

    assert run_on_dask([], Limits(), "local") == []


@pytest.mark.slow
def test_cli_on_a_process_local_cluster(tmp_path: Path) -> None:
    """The real command with worker processes (spawned, as on a cluster)."""
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "cli.py", "extract", str(RAW), "--out", str(tmp_path), "--scheduler", "local", "-j", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(list(tmp_path.glob("*.json"))) == len(list(RAW.glob("*.pdf")))
