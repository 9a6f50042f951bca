"""`upr-extract extract` end to end: exit codes, one-line errors, skip-if-current, signals, determinism.

In-process runs use typer's CliRunner; Ctrl-C, SIGTERM and the hash-seed
determinism check need a real process, so they run `python cli.py extract`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli
from extract.outputs import files
from extract.running import sample
from extract.running.report import display_name
from schemas import Document
from tests.conftest import copies

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


def _invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli.app, list(args))
    return r.exit_code, r.stdout, r.stderr


def _error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error:")]


def _temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(files.TEMP_SUFFIX)] if folder.exists() else []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    d = tmp_path_factory.mktemp("cli_hostile") / "in"
    files = sample.bad_inputs(d)
    sample.symlink_loop(d / "loop")
    return d, files


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_hostile_folder_one_line_per_failure(jobs: str, hostile: tuple[Path, dict[str, Path]], tmp_path: Path) -> None:
    in_dir, files = hostile
    code, _out, err = _invoke("extract", str(in_dir), "--out", str(tmp_path), "--jobs", jobs, "--max-seconds", "120")
    assert code == 1, err
    assert "Traceback" not in err
    lines = _error_lines(err)
    failing = [
        n for n in files if n not in ("encrypted_owner", "scanned", "non_utf8_name") and not n.startswith("bomb")
    ]
    for name in failing:
        shown = display_name(files[name])
        assert sum(ln.startswith(f"error: {shown}: ") for ln in lines) == 1, (name, lines)
    assert len(lines) == len(failing), lines
    assert not [ln for ln in lines if "internal error" in ln or "worker" in ln]
    written = sorted(p.name for p in tmp_path.glob("*.json"))
    assert "scanned.json" in written and "inside_loop.json" in written
    for p in tmp_path.glob("*.json"):
        Document.model_validate_json(p.read_bytes())
    assert not _temp_files(tmp_path)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _invoke()[0] == 2
    assert _invoke("extract")[0] == 2
    assert _invoke("extract", str(RAW), "--jobs", "-1")[0] == 2
    assert _invoke("extract", str(RAW), "--no-such-option")[0] == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _invoke("extract", str(empty), "--out", str(tmp_path / "out"))
    assert code == 2 and "no PDF files found" in err


def test_missing_input_is_a_failed_input(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    code, _, err = _invoke("extract", str(pdf), str(tmp_path / "nowhere.pdf"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert _error_lines(err) == [f"error: {tmp_path / 'nowhere.pdf'}: no such file or folder"]
    assert (tmp_path / "out" / "one.json").is_file()


def test_output_folder_under_a_file_exits_2(tmp_path: Path) -> None:
    """A folder that cannot be made: its parent is a regular file (chmod would not stop root)."""
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    (tmp_path / "file").write_text("x")
    code, _, err = _invoke("extract", str(pdf), "--out", str(tmp_path / "file" / "out"))
    assert code == 2
    assert _error_lines(err) == [f"error: {tmp_path / 'file' / 'out'}: output folder is not writable (Not a directory)"]


def test_output_folder_not_writable_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated with os.access: root may write anywhere, so a read-only folder cannot be made here."""
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    out = tmp_path / "readonly"
    real_access = os.access
    monkeypatch.setattr(cli.os, "access", lambda p, mode, **k: False if Path(p) == out else real_access(p, mode, **k))
    code, _, err = _invoke("extract", str(pdf), "--out", str(out))
    assert code == 2
    assert _error_lines(err) == [f"error: {out}: output folder is not writable (permission denied)"]
    assert not list(out.glob("*.json"))


def test_up_to_date_outputs_are_skipped_until_forced_or_changed(tmp_path: Path) -> None:
    pdfs = []
    for i, text in enumerate(("First fictional page.", "Second fictional page.")):
        p = tmp_path / "in" / f"doc_{i}.pdf"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(sample.tiny_pdf_bytes(lines=[text]))
        pdfs.append(p)
    out = tmp_path / "out"
    args = ["extract", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"]
    assert _invoke(*args)[0] == 0
    stamp = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    time.sleep(0.01)
    code, _, err = _invoke(*args)
    assert code == 0 and {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamp
    assert "up to date" in err
    pdfs[0].write_bytes(sample.tiny_pdf_bytes(lines=["First fictional page, amended."]))
    assert _invoke(*args)[0] == 0
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert after["doc_0.json"] != stamp["doc_0.json"] and after["doc_1.json"] == stamp["doc_1.json"]
    assert _invoke(*args, "--force")[0] == 0
    forced = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert all(forced[k] != after[k] for k in forced)


def test_time_limit_option(tmp_path: Path) -> None:
    code, _, err = _invoke(
        "extract", str(RAW / "un_wgreport_veloria_2018.pdf"), "--out", str(tmp_path), "--max-seconds", "0.2"
    )
    assert code == 1 and "took longer than the limit of 0.2 s" in err
    assert not list(tmp_path.glob("*.json")) and not _temp_files(tmp_path)


def test_missing_dask_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.running import distributed

    def no_dask() -> None:
        raise distributed.DaskUnavailable(distributed.INSTALL_HINT)

    monkeypatch.setattr(distributed, "_dask", no_dask)
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    code, _, err = _invoke("extract", str(pdf), "--out", str(tmp_path / "out"), "--scheduler", "local")
    assert code == 2 and "pip install" in err and "[dask]" in err


# ---------------------------------------------------------------- real processes: signals, determinism


def _copies(folder: Path, n: int) -> list[Path]:
    return copies((RAW / "ngo_aprodehm_veloria_2023_es.pdf").read_bytes(), folder, n, "submission")


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(REPO / "cli.py"), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )


def _wait_for_first_json(out: Path, proc: subprocess.Popen[str], timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(out.glob("*.json")):
            return
        if proc.poll() is not None:
            pytest.fail(f"finished before any output: {proc.communicate()[1][-2000:]}")
        time.sleep(0.05)
    proc.kill()
    pytest.fail("no output appeared")


@pytest.mark.parametrize(("jobs", "sig"), [("1", signal.SIGINT), ("2", signal.SIGINT), ("1", signal.SIGTERM)])
def test_interrupted_batch_leaves_whole_files_and_a_rerun_finishes(jobs: str, sig: int, tmp_path: Path) -> None:
    """Ctrl-C (to the whole process group, as a terminal sends it) or SIGTERM mid-batch."""
    n = 6 if jobs == "1" else 16  # the pool has a few documents queued ahead that still finish after Ctrl-C
    _copies(tmp_path / "in", n)
    out = tmp_path / "out"
    args = ("extract", str(tmp_path / "in"), "--out", str(out), "--jobs", jobs, "-q")
    proc = _cli(*args)
    _wait_for_first_json(out, proc)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "interrupted" in err
    assert not _temp_files(out)
    done = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert 1 <= len(done) < n
    for p in out.glob("*.json"):
        Document.model_validate_json(p.read_bytes())
    rerun = _cli(*args)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err[-2000:]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert len(after) == n
    assert all(after[k] == v for k, v in done.items())  # done ones were skipped, not redone
    assert not _temp_files(out)


def test_same_pdf_same_bytes_across_runs_and_jobs(tmp_path: Path) -> None:
    """Two processes with different hash seeds, one in-process and one with 2 workers: byte-identical JSON."""
    runs = {"a": ("1", "1"), "b": ("2", "2")}
    procs = {
        k: _cli("extract", str(RAW), "--out", str(tmp_path / k), "--jobs", jobs, "-q", env={"PYTHONHASHSEED": seed})
        for k, (jobs, seed) in runs.items()
    }
    for k, p in procs.items():
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, (k, err[-2000:])
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").glob("*.json")}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").glob("*.json")}
    assert len(a) == len(list(RAW.glob("*.pdf"))) and a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
