"""`upr-extract bench`: the phases run, the figures add up, the stage timers leave no trace."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import cli
from extract.running import bench, sample

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


def test_stage_timers_time_each_stage_and_restore_the_functions(tmp_path: Path) -> None:
    import importlib

    from extract.running.pipeline import extract_file

    before = {(m, a): getattr(importlib.import_module(m), a) for _, m, a in bench.STAGES}
    totals: dict[str, float] = {}
    with bench.stage_timers(totals):
        extract_file(RAW / "ngo_aprodehm_veloria_2023_es.pdf")
    after = {(m, a): getattr(importlib.import_module(m), a) for _, m, a in bench.STAGES}
    assert before == after
    for stage in ("read", "lines", "spine", "doctext", "metadata", "citations", "articles", "recommendations"):
        assert totals.get(stage, 0) > 0, stage
    assert totals["lines"] < totals["read"]


def test_stage_rows_split_the_reader_and_keep_the_rest() -> None:
    ph = bench.Phase("p", docs=1, pages=10, seconds=10.0, stages={"read": 6.0, "lines": 1.0, "spine": 2.0})
    rows = dict(bench.stage_rows(ph))
    assert rows["read: pdfplumber"] == 5.0 and rows["read: lines (ours)"] == 1.0
    assert rows["spine"] == 2.0 and rows["other (validation, batch)"] == 2.0


def _report() -> bench.Report:
    phases = [
        bench.Phase("pdfplumber alone", docs=2, pages=20, seconds=3.0, rss_mb=60),
        bench.Phase("pipeline, 1 process", docs=2, pages=20, seconds=4.0, rss_mb=200, stages={"read": 3.0}),
        bench.Phase("pipeline, --jobs 2", docs=2, pages=20, seconds=2.5, workers=2, rss_mb=80, worker_rss_mb=210),
    ]
    return bench.Report(
        files=2,
        pages=20,
        phases=phases,
        ratio=4.0 / 3.0,
        linear_ratio=1.02,
        pages_per_core_hour=18_000,
        archive_docs=50_000,
        archive_core_hours=27.8,
        cores=2,
    )


def test_report_prints_and_writes_json(tmp_path: Path) -> None:
    buf = io.StringIO()
    bench.print_report(_report(), Console(file=buf, width=160))
    text = buf.getvalue()
    assert "pipeline / pdfplumber alone: 1.33x" in text
    assert "pages per core-hour: 18,000" in text and "50,000 PDFs" in text
    bench.write_json(_report(), tmp_path / "b.json")
    data = json.loads((tmp_path / "b.json").read_text())
    assert data["phases"][1]["pages_per_s"] == 5.0 and data["ratio"] == pytest.approx(4 / 3)


def test_bench_command_end_to_end(tmp_path: Path) -> None:
    """A one-page file: every phase runs in its own process and the linearity check doubles the pages."""
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    r = CliRunner().invoke(
        cli.app, ["bench", str(pdf), "--jobs", "1", "--scale", "2", "--profile", "--json", str(tmp_path / "b.json")]
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads((tmp_path / "b.json").read_text())
    names = [p["name"] for p in data["phases"]]
    assert names == [
        "pdfplumber alone",
        "pipeline, 1 process",
        "pipeline, 1 process, --reader pdfium",
        "pipeline, 1 process, cProfile",
        "1 document, 1x pages",
        "1 document, 2x pages",
    ]
    assert data["phases"][3]["hot"] and not data["phases"][1]["hot"]  # the timed run carries no profiler
    assert data["reader_ratios"]["pdfium"] > 0 and "--reader pdfium / pdfplumber alone" in r.stdout
    assert data["reader_cpu_ratios"]["pdfium"] > 0 and data["phases"][0]["cpu_seconds"] > 0
    assert ", CPU " in r.stdout  # both clocks: a busy machine inflates wall time, not CPU time
    pages = {p["name"]: p["pages"] for p in data["phases"]}
    assert pages["pdfplumber alone"] == pages["pipeline, 1 process"] == 1
    assert pages["1 document, 2x pages"] == 2 * pages["1 document, 1x pages"]
    assert data["ratio"] > 0 and data["phases"][1]["rss_mb"] > 0
    assert "pipeline / pdfplumber alone" in r.stdout and "hot spots" in r.stdout


def test_bench_without_pdfs_is_a_usage_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli.app, ["bench", str(tmp_path), "--scale", "0"])
    assert r.exit_code == 2


@pytest.mark.slow
def test_bench_on_the_samples_with_workers(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        cli.app, ["bench", str(RAW), "--jobs", "2", "--scale", "3", "--json", str(tmp_path / "b.json")]
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads((tmp_path / "b.json").read_text())
    assert any(p["workers"] == 2 and p["worker_rss_mb"] > 0 for p in data["phases"])
    assert 0.5 < data["linear_ratio"] < 2.0
