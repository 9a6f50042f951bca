"""`upr-extract bench`: how fast the pipeline runs beside the reader it is built on.

One run on the same files measures: pdfplumber alone opening every PDF and
reading every page's characters (the floor: our reader needs exactly that),
the whole pipeline in one process (and their ratio), the pipeline with
`--jobs` workers, the single-process pipeline again with each further reader
(`--reader pdfium`), and whether cost is linear in pages (one document of P pages
against the same pages concatenated K times: a quadratic pass shows up there,
not across a list of files). Each phase runs in a fresh process, so its peak
RSS is its own (getrusage: the process itself, and its largest worker).

The single-process phase also times each stage by wrapping the stage
functions the pipeline calls through their modules (no profiler overhead);
`profile=True` adds cProfile's top functions by own time.
"""

from __future__ import annotations

import contextlib
import cProfile
import functools
import importlib
import io
import multiprocessing
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extract.reading.readers import READERS

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "data" / "raw"

ARCHIVE_DOCS = 50_000
"""Order of magnitude of the UPR documents OHCHR has published, for the archive-scale estimate."""

LINEAR_PAGES = 40
"""Pages of the 1x document of the linearity check (files are concatenated up to this)."""

# (label, module, function): top-level calls of the pipeline, disjoint, timed inclusively.
# `lines` runs inside `read`; the table shows read minus lines as pdfplumber's share.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("read", "extract.running.pipeline", "read_pdf"),
    ("read", "extract.running.pipeline", "read"),  # the other readers; never nested in read_pdf
    ("lines", "extract.reading.read", "lines_from_chars"),
    ("spine", "extract.running.pipeline", "run_spine"),
    ("doctext", "extract.running.pipeline", "doctext"),
    ("metadata", "extract.running.assemble", "describe"),
    ("citations", "extract.finders.citations", "find_citations"),
    ("articles", "extract.finders.articles", "find_articles_with_warnings"),
    ("cases", "extract.finders.cases", "find_cases"),
    ("recommendations", "extract.finders.registry", "_found_recommendations"),
    ("actions", "extract.finders.registry", "_with_actions"),
    ("themes", "extract.finders.themes", "tag_recommendations"),
    ("contributors", "extract.finders.contributors", "find_contributors"),
    ("locate", "extract.running.assemble", "locate_all"),
    ("json", "extract.running.batch", "dump"),
    ("write", "extract.running.batch", "write_atomic"),  # patched where run_job looks it up
)
NESTED = {"lines": "read"}


@dataclass
class Phase:
    """One measured run."""

    name: str
    docs: int = 0
    pages: int = 0
    failed: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user+sys of the process that ran the phase (its workers not included)
    workers: int = 1
    rss_mb: float = 0.0  # peak RSS of the process that ran the phase
    worker_rss_mb: float = 0.0  # peak RSS of its largest worker process (0 when none)
    stages: dict[str, float] = field(default_factory=dict)
    hot: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


@dataclass
class Report:
    files: int
    pages: int
    phases: list[Phase]
    ratio: float | None  # pipeline single / pdfplumber alone
    linear_ratio: float | None  # seconds per page at Kx / at 1x
    pages_per_core_hour: float | None
    archive_docs: int
    archive_core_hours: float | None
    cores: int
    reader_ratios: dict[str, float] = field(default_factory=dict)
    """single-process pipeline with each reader / pdfplumber alone"""
    reader_cpu_ratios: dict[str, float] = field(default_factory=dict)
    """the same in CPU time (user+sys), which a busy machine does not inflate"""

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        for p, d in zip(self.phases, out["phases"], strict=True):
            d["pages_per_s"] = round(p.pages_per_s, 3)
            d["docs_per_s"] = round(p.docs_per_s, 4)
        return out


def default_paths() -> list[Path]:
    """The shared corpus when it sits beside the repo, else the committed samples."""
    return [CORPUS] if CORPUS.is_dir() else [SAMPLES]


def _maxrss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


# ---------------------------------------------------------------- phases (each in a fresh process)


def _read_only(pdfs: list[str]) -> Phase:
    """pdfplumber alone: open, every page's characters, close: what our reader asks of it."""
    import pdfplumber

    ph = Phase("pdfplumber alone")
    t0, c0 = time.perf_counter(), time.process_time()
    for f in pdfs:
        try:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.chars  # noqa: B018 - parsing the page is the point
                    page.close()
                    ph.pages += 1
            ph.docs += 1
        except Exception:
            ph.failed += 1
    ph.seconds = time.perf_counter() - t0
    ph.cpu_seconds = time.process_time() - c0
    ph.rss_mb = _maxrss_mb(resource.RUSAGE_SELF)
    return ph


@contextlib.contextmanager
def stage_timers(totals: dict[str, float]) -> Iterator[None]:
    """Add each stage's inclusive seconds to `totals` while the block runs."""
    patched: list[tuple[Any, str, Any]] = []

    def wrap(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                totals[label] = totals.get(label, 0.0) + time.perf_counter() - t

        return timed

    try:
        for label, mod_name, attr in STAGES:
            mod = importlib.import_module(mod_name)
            fn = getattr(mod, attr, None)
            if fn is None:
                continue
            patched.append((mod, attr, fn))
            setattr(mod, attr, wrap(label, fn))
        yield
    finally:
        for mod, attr, fn in reversed(patched):
            setattr(mod, attr, fn)


def _pipeline(
    pdfs: list[str], workers: int, name: str, timers: bool, profile: bool, reader: str = "pdfplumber"
) -> Phase:
    """The whole pipeline, files written to a scratch folder; one warm-up document first (models, caches)."""
    from extract.running.batch import Job, Limits, output_paths, run_batch, run_job

    paths = [Path(f) for f in pdfs]
    ph = Phase(name, workers=workers)
    with tempfile.TemporaryDirectory(prefix="upr-bench-") as tmp:
        out = Path(tmp)
        jobs = [Job(p, o, force=True) for p, o in zip(paths, output_paths(paths, out), strict=True)]
        limits = Limits(max_seconds=0)
        if workers <= 1 and jobs:
            t = time.perf_counter()
            run_job(Job(jobs[0].pdf, out / "warm-up.json", force=True), limits, reader=reader)
            ph.note = f"warm-up (imports, spaCy models) {time.perf_counter() - t:.1f} s, not counted"
        prof = cProfile.Profile() if profile else None
        ctx = stage_timers(ph.stages) if timers else contextlib.nullcontext()
        t0, c0 = time.perf_counter(), time.process_time()
        with ctx:
            if prof:
                prof.enable()
            results = run_batch(jobs, limits, workers, reader=reader)
            if prof:
                prof.disable()
        ph.seconds = time.perf_counter() - t0
        ph.cpu_seconds = time.process_time() - c0
    for r in results:
        if r.status == "ok":
            ph.docs += 1
            ph.pages += r.pages
        else:
            ph.failed += 1
    ph.rss_mb = _maxrss_mb(resource.RUSAGE_SELF)
    ph.worker_rss_mb = _maxrss_mb(resource.RUSAGE_CHILDREN)
    if prof:
        ph.hot = hot_spots(prof, ph.pages)
    return ph


def hot_spots(prof: cProfile.Profile, pages: int, top: int = 15) -> list[dict[str, Any]]:
    """The functions with the most own time, as ms per page (profiler overhead included)."""
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tottime, cumtime, calls, f"{_short(file)}:{line}:{func}"))
    rows.sort(reverse=True)
    per = max(pages, 1)
    return [
        {"function": name, "calls": calls, "own_ms_per_page": 1000 * tt / per, "cum_ms_per_page": 1000 * ct / per}
        for tt, ct, calls, name in rows[:top]
    ]


def _short(file: str) -> str:
    p = Path(file)
    for root in (REPO, Path(sys.prefix)):
        with contextlib.suppress(ValueError):
            return str(p.relative_to(root))
    return p.name if p.is_absolute() else file


def _concatenated(pdfs: list[str], times: int, min_pages: int, dest: Path) -> tuple[Path, Path, int] | None:
    """One PDF of the first files up to `min_pages` pages, and the same pages `times` over."""
    import pypdfium2 as pdfium

    base = pdfium.PdfDocument.new()
    for f in pdfs:
        if len(base) >= min_pages:
            break
        try:
            src = pdfium.PdfDocument(f)
            base.import_pages(src)
            src.close()
        except Exception:
            continue
    n = len(base)
    if n == 0:
        return None
    one = dest / "linear_1x.pdf"
    base.save(str(one))
    big = pdfium.PdfDocument.new()
    for _ in range(times):
        src = pdfium.PdfDocument(str(one))
        big.import_pages(src)
        src.close()
    many = dest / f"linear_{times}x.pdf"
    big.save(str(many))
    base.close()
    big.close()
    return one, many, n


def _linearity(pdfs: list[str], times: int) -> tuple[Phase, Phase] | None:
    from extract.running.batch import Job, Limits, run_job

    with tempfile.TemporaryDirectory(prefix="upr-bench-lin-") as tmp:
        d = Path(tmp)
        made = _concatenated(pdfs, times, LINEAR_PAGES, d)
        if made is None:
            return None
        one, many, _n = made
        limits = Limits(max_seconds=0, max_pages=10**6, max_chars=10**9, max_bytes=10**10)
        run_job(Job(one, d / "warm.json", force=True), limits)  # models and caches loaded before timing
        phases = []
        for label, pdf in (("1 document, 1x pages", one), (f"1 document, {times}x pages", many)):
            t0 = time.perf_counter()
            r = run_job(Job(pdf, d / f"{pdf.stem}.json", force=True), limits)
            ph = Phase(label, docs=1 if r.status == "ok" else 0, pages=r.pages, failed=int(r.status != "ok"))
            ph.seconds = time.perf_counter() - t0
            ph.rss_mb = _maxrss_mb(resource.RUSAGE_SELF)
            ph.note = r.message
            phases.append(ph)
        return phases[0], phases[1]


def _in_fresh_process(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn in a new interpreter so its peak RSS and imports are its own."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(fn, *args).result()


# ---------------------------------------------------------------- the whole benchmark


def run(
    paths: list[Path] | None = None,
    jobs: int = 0,
    scale: int = 10,
    profile: bool = False,
    archive_docs: int = ARCHIVE_DOCS,
    on_phase: Callable[[Phase], None] | None = None,
    readers: list[str] | None = None,
) -> Report:
    """Every phase on the same files; `jobs` 0 = all cores; `scale` < 2 skips the linearity check.

    `readers` (default both): the single-process pipeline runs once per reader; the first one
    also gets the profiled, parallel and linearity runs.
    """
    from extract.running.batch import discover

    pdfs, _problems = discover(paths or default_paths())
    files = [str(p) for p in pdfs]
    cores = os.cpu_count() or 1
    if not files:
        return Report(0, 0, [], None, None, None, archive_docs, None, cores)
    workers = jobs if jobs > 0 else cores
    phases: list[Phase] = []

    def add(ph: Phase) -> Phase:
        phases.append(ph)
        if on_phase:
            on_phase(ph)
        return ph

    readers = list(dict.fromkeys(readers or READERS))
    main = readers[0]
    tag = "" if main == "pdfplumber" else f", --reader {main}"
    read = add(_in_fresh_process(_read_only, files))
    single = add(_in_fresh_process(_pipeline, files, 1, f"pipeline, 1 process{tag}", True, False, main))
    others = [
        add(_in_fresh_process(_pipeline, files, 1, f"pipeline, 1 process, --reader {r}", True, False, r))
        for r in readers[1:]
    ]
    if profile:  # a run of its own: the profiler's overhead must not enter the ratio
        add(_in_fresh_process(_pipeline, files, 1, f"pipeline, 1 process, cProfile{tag}", False, True, main))
    if workers > 1 and len(files) > 1:
        add(_in_fresh_process(_pipeline, files, workers, f"pipeline, --jobs {workers}{tag}", False, False, main))
    linear_ratio = None
    if scale >= 2:
        lin = _in_fresh_process(_linearity, files, scale)
        if lin:
            one, many = add(lin[0]), add(lin[1])
            if one.pages and many.pages and one.seconds:
                linear_ratio = (many.seconds / many.pages) / (one.seconds / one.pages)
    ratio = single.seconds / read.seconds if read.seconds and single.pages else None
    reader_ratios = {
        r: ph.seconds / read.seconds
        for r, ph in zip(readers, [single, *others], strict=True)
        if read.seconds and ph.pages
    }
    reader_cpu_ratios = {
        r: ph.cpu_seconds / read.cpu_seconds
        for r, ph in zip(readers, [single, *others], strict=True)
        if read.cpu_seconds and ph.pages
    }
    pch = 3600 * single.pages_per_s if single.pages else None
    mean_pages = single.pages / single.docs if single.docs else None
    archive = archive_docs * mean_pages / pch if pch and mean_pages else None
    return Report(
        files=len(files),
        pages=read.pages,
        phases=phases,
        ratio=ratio,
        linear_ratio=linear_ratio,
        pages_per_core_hour=pch,
        archive_docs=archive_docs,
        archive_core_hours=archive,
        cores=cores,
        reader_ratios=reader_ratios,
        reader_cpu_ratios=reader_cpu_ratios,
    )


# ---------------------------------------------------------------- printing


TABLE_WIDTH = 120
"""Tables keep this width when output is not a terminal (rich would squeeze them into 80 columns)."""


def print_report(report: Report, console: Any) -> None:
    """Rich tables: phases, stages of the single-process run, hot spots, and the derived figures."""
    from rich.console import Console
    from rich.table import Table

    if not console.is_terminal and console.width < TABLE_WIDTH:
        console = Console(file=console.file, width=TABLE_WIDTH, highlight=False)

    t = Table(
        title=f"upr-extract bench: {report.files} PDFs, {report.pages} pages, {report.cores} cores", show_edge=False
    )
    for col, just in (
        ("phase", "left"),
        ("docs", "right"),
        ("pages", "right"),
        ("failed", "right"),
        ("seconds", "right"),
        ("CPU s", "right"),
        ("pages/s", "right"),
        ("docs/s", "right"),
        ("peak RSS MB", "right"),
        ("worker RSS MB", "right"),
    ):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for p in report.phases:
        t.add_row(
            p.name,
            str(p.docs),
            str(p.pages),
            str(p.failed),
            f"{p.seconds:.1f}",
            f"{p.cpu_seconds:.1f}" if p.cpu_seconds else "-",
            f"{p.pages_per_s:.2f}",
            f"{p.docs_per_s:.2f}",
            f"{p.rss_mb:.0f}",
            f"{p.worker_rss_mb:.0f}" if p.worker_rss_mb else "-",
        )
    console.print(t)
    single = next((p for p in report.phases if p.stages), None)
    profiled = next((p for p in report.phases if p.hot), None)
    if single and single.pages:
        st = Table(title="stages, 1 process (inclusive)", show_edge=False)
        st.add_column("stage")
        st.add_column("seconds", justify="right")
        st.add_column("ms/page", justify="right")
        st.add_column("share", justify="right")
        for label, secs in stage_rows(single):
            st.add_row(label, f"{secs:.1f}", f"{1000 * secs / single.pages:.1f}", f"{100 * secs / single.seconds:.0f}%")
        console.print(st)
    if profiled:
        ht = Table(title="hot spots: own time (cProfile, overhead included)", show_edge=False)
        ht.add_column("function")
        ht.add_column("calls", justify="right")
        ht.add_column("own ms/page", justify="right")
        ht.add_column("cum ms/page", justify="right")
        for h in profiled.hot:
            ht.add_row(h["function"], str(h["calls"]), f"{h['own_ms_per_page']:.1f}", f"{h['cum_ms_per_page']:.1f}")
        console.print(ht)
    for p in report.phases:
        if p.note:
            console.print(f"{p.name}: {p.note}")
    lines = []
    if report.ratio is not None:
        lines.append(f"pipeline / pdfplumber alone: {report.ratio:.2f}x (target <= 1.5x)")
    for reader, r in report.reader_ratios.items():
        if reader != "pdfplumber":
            cpu = report.reader_cpu_ratios.get(reader)
            also = f", CPU {cpu:.2f}x" if cpu is not None else ""
            lines.append(f"pipeline --reader {reader} / pdfplumber alone: wall {r:.2f}x{also} (target <= 0.6x)")
    if report.linear_ratio is not None:
        lines.append(f"seconds per page, Kx document / 1x document: {report.linear_ratio:.2f} (1.0 = linear)")
    if report.pages_per_core_hour:
        lines.append(f"pages per core-hour: {report.pages_per_core_hour:,.0f}")
    if report.archive_core_hours:
        lines.append(
            f"archive of {report.archive_docs:,} PDFs: ~{report.archive_core_hours:,.0f} core-hours "
            f"(~{report.archive_core_hours / report.cores:,.0f} h on these {report.cores} cores, "
            f"~{report.archive_core_hours / 64:,.1f} h on 64 cores)"
        )
    for line in lines:
        console.print(line)


def stage_rows(ph: Phase) -> list[tuple[str, float]]:
    """(label, seconds) per stage, pdfplumber's share split from our line grouping, the rest as 'other'."""
    s = dict(ph.stages)
    rows: list[tuple[str, float]] = []
    if "read" in s:
        rows.append(
            ("read: pdfplumber" if "pdfium" not in ph.name else "read: pdfium", s["read"] - s.get("lines", 0.0))
        )
        rows.append(("read: lines (ours)", s.get("lines", 0.0)))
    for label, secs in s.items():
        if label not in ("read", "lines"):
            rows.append((label, secs))
    counted = sum(v for k, v in s.items() if k not in NESTED)
    rows.append(("other (validation, batch)", max(ph.seconds - counted, 0.0)))
    return rows


def write_json(report: Report, path: Path) -> None:
    import json

    from extract.outputs.files import write_atomic

    write_atomic(path, (json.dumps(report.as_json(), indent=1) + "\n").encode("utf-8"))
