"""A batch of PDFs → one JSON each: discovery, parallel workers, skip-if-current, atomic writes.

One PDF is one unit of work with no shared state, so a failure (bad file,
over a limit, a bug, a worker killed by the system) is reported in one line
and never touches the others; outputs appear whole or not at all (temp file +
rename, with Ctrl-C held off while a file is being written), so an interrupted
batch leaves nothing half-written and a rerun picks up the rest.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import hashlib
import json
import os
import re
import signal
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError

from extract.outputs.files import clean_stale_temps, sha256_file, write_atomic
from extract.reading.damage import damage_message, raised_by_pdf_library
from extract.reading.read import ReadError, ReadLimits
from schemas import SCHEMA_VERSION, Document, ExtractWarning, record_types


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits; a document over one stops with an error and the batch goes on."""

    max_pages: int = 1000
    max_seconds: float = 300.0
    max_chars: int = 5_000_000
    max_bytes: int = 200_000_000
    max_memory_mb: int = 4096
    """Address-space cap while one document runs (0 = none): the backstop for what `max_stream_bytes` misses."""
    max_stream_bytes: int = 64_000_000
    """One page stream, inflated: past it the page is skipped with a warning (a compression bomb)."""

    def read_limits(self) -> ReadLimits:
        return ReadLimits(
            max_pages=self.max_pages,
            max_chars=self.max_chars,
            max_bytes=self.max_bytes,
            max_stream_bytes=self.max_stream_bytes,
        )


@dataclass(frozen=True, slots=True)
class Job:
    pdf: Path
    out: Path
    force: bool = False


@dataclass(slots=True)
class Result:
    pdf: Path
    status: str  # ok | skipped | failed
    out: Path | None = None
    message: str = ""
    pages: int = 0
    seconds: float = 0.0
    warnings: int = 0
    records: int = 0


class DocumentTimeout(BaseException):
    """A document over its time limit.

    A BaseException, like KeyboardInterrupt, so that the stages' `except Exception`
    (the reader keeps a page that fails as an empty page with a warning) cannot
    swallow it and let the document run on with pages missing.
    """


# Only the records found in the text count as a result's "records": themes and contributors are summaries of
# them and warnings are not findings, so this is a deliberate subset of schemas.record_types().
RECORD_LISTS = tuple(t for t in record_types() if t not in ("themes", "contributors", "warnings"))

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Code points that cannot be written as UTF-8: what a file name that is not valid UTF-8 decodes to."""


# ---------------------------------------------------------------- discovery


def discover(paths: list[Path]) -> tuple[list[Path], list[Result]]:
    """PDF files under the given paths (folders recursively, symlink loops visited once).

    The walk keeps its own stack, so no folder depth can exhaust Python's recursion limit.
    """
    found: list[Path] = []
    problems: list[Result] = []
    seen: set[tuple[int, int]] = set()

    def entries(d: Path) -> list[os.DirEntry] | None:
        """The folder's entries by name, or None when it was seen already or cannot be read."""
        try:
            st = d.stat()
        except OSError as e:
            problems.append(Result(d, "failed", message=f"cannot read folder: {e.strerror or e}"))
            return None
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return None
        seen.add(key)
        try:
            return sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            problems.append(Result(d, "failed", message=f"cannot list folder: {e.strerror or e}"))
            return None

    def walk(root: Path) -> None:
        first = entries(root)
        stack: list[Iterator[os.DirEntry]] = [iter(first)] if first is not None else []
        while stack:
            e = next(stack[-1], None)
            if e is None:
                stack.pop()
                continue
            p = Path(e.path)
            try:
                if e.is_dir():
                    if e.name.lower().endswith(".pdf") and not any(True for _ in _safe_iter(p)):
                        problems.append(Result(p, "failed", message="is a directory, not a PDF file"))
                        continue
                    sub = entries(p)
                    if sub is not None:
                        stack.append(iter(sub))
                elif e.name.lower().endswith(".pdf"):
                    found.append(p)
            except OSError as err:
                problems.append(Result(p, "failed", message=f"cannot read: {err.strerror or err}"))

    for p in paths:
        if p.is_dir():
            walk(p)
        elif p.exists() or p.is_symlink():
            found.append(p)
        else:
            problems.append(Result(p, "failed", message="no such file or folder"))
    unique: list[Path] = []
    keys: set[str] = set()
    for p in found:
        k = os.path.realpath(p)
        if k not in keys:
            keys.add(k)
            unique.append(p)
    return unique, problems


def _safe_iter(p: Path) -> Iterator[os.DirEntry]:
    try:
        yield from os.scandir(p)
    except OSError:
        return


def output_paths(pdfs: list[Path], out_dir: Path) -> list[Path]:
    """<stem>.json per PDF; a name that two PDFs would share gets a short hash of its path.

    Names are compared as written (non-UTF-8 bytes replaced) and without case, so two
    names that differ only there (or only in case, on macOS and Windows) never overwrite.
    """
    counts: dict[str, int] = {}
    for p in pdfs:
        k = _safe_stem(p).casefold()
        counts[k] = counts.get(k, 0) + 1
    out: list[Path] = []
    for p in pdfs:
        stem = _safe_stem(p)
        if counts[stem.casefold()] > 1:
            stem += "-" + hashlib.sha1(str(p).encode("utf-8", "surrogateescape")).hexdigest()[:8]
        out.append(out_dir / f"{stem}.json")
    return out


def _safe_stem(p: Path) -> str:
    """The file's stem, with bytes that are not valid UTF-8 replaced (JSON names must be text)."""
    return p.stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "_")


def up_to_date(pdf: Path, out: Path) -> bool:
    """The JSON exists, was made from these exact bytes, and by this schema version."""
    try:
        with out.open("rb") as f:
            head = json.load(f)
        doc = head.get("document") or {}
        return head.get("schema_version") == SCHEMA_VERSION and doc.get("sha256") == sha256_file(pdf)
    except (OSError, ValueError, AttributeError):
        return False


# ---------------------------------------------------------------- writing


def _clean_text(obj: Any) -> Any:
    if isinstance(obj, str):
        return LONE_SURROGATE.sub("\ufffd", obj)
    if isinstance(obj, list | tuple):
        return type(obj)(_clean_text(x) for x in obj)
    if isinstance(obj, dict):
        return {k: _clean_text(v) for k, v in obj.items()}
    return obj


def dump(doc: Document) -> bytes:
    """The JSON bytes of a document: deterministic (no timestamps, stable order).

    Text that cannot be UTF-8 (a file name in another encoding, a PDF string with
    a broken surrogate pair) gets U+FFFD for each bad code point (one for one, so
    offsets stay exact) and a warning, instead of failing the document.
    """
    try:
        return (doc.model_dump_json(indent=1) + "\n").encode("utf-8")
    except (PydanticSerializationError, UnicodeEncodeError):
        data = _clean_text(doc.model_dump(mode="python"))
        data["warnings"].append(
            ExtractWarning(
                code="invalid_characters",
                message="text that is not valid Unicode (e.g. the file name) was written with U+FFFD in its place",
            ).model_dump(mode="python")
        )
        fixed = Document.model_validate(data)
        return (fixed.model_dump_json(indent=1) + "\n").encode("utf-8")


# ---------------------------------------------------------------- time limit


ALARM_REPEAT = 1.0
"""Seconds between repeats of a timeout that some code caught and ignored."""


def _alarm(seconds: float) -> Callable[[], None]:
    """Arm a timeout for this document; returns the disarm function.

    In a process's main thread (CLI, process pool) SIGALRM interrupts the work.
    Elsewhere (a Dask worker runs tasks in threads) a timer raises the timeout
    in this thread at its next Python instruction: the reader is pure Python,
    so that is soon enough. Either way the timeout repeats until disarmed.
    """
    if seconds <= 0:
        return lambda: None
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM"):

        def on_alarm(signum: int, frame: object) -> None:
            raise DocumentTimeout(f"took longer than the limit of {seconds:g} s")

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)

        def disarm() -> None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)

        return disarm
    return _thread_alarm(seconds)


def _thread_alarm(seconds: float) -> Callable[[], None]:
    tid = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}
    set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc

    stop = threading.Event()

    def fire() -> None:
        delay = seconds
        while not stop.wait(delay):
            with lock:
                if not state["armed"]:
                    return
                state["fired"] = True
                set_async(ctypes.c_ulong(tid), ctypes.py_object(DocumentTimeout))
            delay = ALARM_REPEAT

    timer = threading.Thread(target=fire, name="document-timeout", daemon=True)
    timer.start()

    def disarm() -> None:
        with lock:
            state["armed"] = False
            stop.set()
            if state["fired"]:  # raised already, or still pending: clear it so it cannot land later
                set_async(ctypes.c_ulong(tid), None)

    return disarm


# ---------------------------------------------------------------- memory cap


def _memory_cap(megabytes: int) -> Callable[[], None]:
    """Lower this process's address-space limit while one document runs; returns the undo.

    Only in a main thread: the limit is per process, and threads (Dask) share it.
    An allocation over the cap raises MemoryError in Python code, so the document
    fails alone. The cap never drops below what the process already uses.
    """
    if megabytes <= 0 or threading.current_thread() is not threading.main_thread():
        return lambda: None
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max(megabytes << 20, _address_space() + (256 << 20))
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft != resource.RLIM_INFINITY and soft <= cap:
            return lambda: None
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        return lambda: None

    def release() -> None:
        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return release


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# ---------------------------------------------------------------- one document


def _one_line(message: str, limit: int = 300) -> str:
    return LONE_SURROGATE.sub("\ufffd", " ".join(message.split()))[:limit]


def _failed(job: Job, message: str, t0: float) -> Result:
    return Result(job.pdf, "failed", message=_one_line(message), seconds=time.perf_counter() - t0)


def _check_input(pdf: Path) -> str | None:
    """Why this path cannot be read as a PDF file, checked without opening it (a FIFO would block)."""
    try:
        st = pdf.stat()
    except OSError as e:
        return f"cannot open: {e.strerror or e}"
    if stat.S_ISDIR(st.st_mode):
        return "is a directory, not a PDF file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (device, pipe or socket)"
    return None


_GC_STATE = {"jobs": 0}


def _tune_gc() -> None:
    """Collect cyclic garbage less often in a process that extracts documents.

    pdfminer allocates millions of short-lived objects; with Python's default
    thresholds the collector keeps rescanning the long-lived ones (the spaCy
    models, caches) and costs ~15% of a run. What is alive before the first
    and the second document (imports, then the models) is frozen out of
    collection, after a full collection so no garbage is frozen with it.
    """
    n = _GC_STATE["jobs"]
    _GC_STATE["jobs"] = n + 1
    if n > 1:
        return
    gc.collect()
    gc.freeze()
    if n == 0:
        gc.set_threshold(50_000, 20, 100)


def run_job(job: Job, limits: Limits, nlp: str | None = None, reader: str = "pdfplumber") -> Result:
    """Extract one PDF and write its JSON; every failure becomes a Result, never an exception."""
    from extract.running.pipeline import Options, extract_file

    t0 = time.perf_counter()
    _tune_gc()
    try:
        problem = _check_input(job.pdf)
        if problem:
            return _failed(job, problem, t0)
        if not job.force and job.out.exists() and up_to_date(job.pdf, job.out):
            return Result(job.pdf, "skipped", job.out, "up to date")
        release = _memory_cap(limits.max_memory_mb)
        disarm = _alarm(limits.max_seconds)
        started = time.perf_counter()
        try:
            doc = extract_file(job.pdf, Options(limits=limits.read_limits(), nlp=nlp, reader=reader))
            data = dump(doc)
        finally:
            disarm()
            release()
        if limits.max_seconds > 0 and time.perf_counter() - started > limits.max_seconds:
            # the alarm can land where Python swallows it (a garbage-collector callback, a __del__)
            raise DocumentTimeout(f"took longer than the limit of {limits.max_seconds:g} s")
        Document.model_validate_json(data)  # what is written is what validates
    except ReadError as e:
        return _failed(job, str(e), t0)
    except DocumentTimeout as e:
        return _failed(job, str(e) or f"took longer than the limit of {limits.max_seconds:g} s", t0)
    except MemoryError:
        return _failed(job, "ran out of memory", t0)
    except RecursionError:
        return _failed(job, "damaged PDF: objects nested too deeply", t0)
    except OSError as e:
        return _failed(job, f"cannot read: {e.strerror or e}", t0)
    except Exception as e:  # a bug on one document must not stop the batch
        if raised_by_pdf_library(e):
            return _failed(job, damage_message(e), t0)
        return _failed(job, f"internal error: {type(e).__name__}: {e}", t0)
    try:
        write_atomic(job.out, data)
    except OSError as e:
        if e.errno == errno.ENOSPC:
            return _failed(job, f"cannot write output {job.out}: disk full", t0)
        return _failed(job, f"cannot write output {job.out}: {e.strerror or e}", t0)
    return Result(
        job.pdf,
        "ok",
        job.out,
        pages=doc.document.pages,
        seconds=time.perf_counter() - t0,
        warnings=len(doc.warnings),
        records=sum(len(getattr(doc, k)) for k in RECORD_LISTS),
    )


# ---------------------------------------------------------------- many documents


def _worker_init() -> None:
    # Ctrl-C is the parent's to handle: workers finish their document or are terminated.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (a scheduler stopping the job) like Ctrl-C: finished files stay, nothing half-made."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


WORKER_DIED = "worker process died (killed by the system, out of memory, or a crash in native code)"


def run_batch(
    jobs: list[Job],
    limits: Limits,
    workers: int,
    nlp: str | None = None,
    on_result: Callable[[Result], None] | None = None,
    reader: str = "pdfplumber",
) -> list[Result]:
    """Run jobs in `workers` processes (1 = in this process), results in input order.

    A worker that dies takes the pool with it, and every document it was running
    looks guilty; those documents are rerun one at a time in a fresh process, so
    only the one that really kills its worker is reported, and the batch goes on.
    """
    results: dict[int, Result] = {}

    def done(i: int, r: Result) -> None:
        results[i] = r
        if on_result:
            on_result(r)

    for folder in sorted({j.out.parent for j in jobs}):
        clean_stale_temps(folder)
    if workers <= 1 or len(jobs) <= 1:
        for i, job in enumerate(jobs):
            done(i, run_job(job, limits, nlp, reader))
        return [results[i] for i in range(len(jobs))]
    started = time.time()
    queue: deque[int] = deque(range(len(jobs)))
    while queue:
        suspects = _run_pool(jobs, queue, limits, workers, nlp, done, reader)
        for i in suspects:  # one at a time, each in its own process
            lone: deque[int] = deque([i])
            # a suspect may have finished before the pool broke: its output, written by this
            # batch, would read as 'up to date'; run it again so it is reported as made
            again = list(jobs)
            again[i] = replace(jobs[i], force=True) if _written_since(jobs[i].out, started) else jobs[i]
            if _run_pool(again, lone, limits, 1, nlp, done, reader):
                done(i, Result(jobs[i].pdf, "failed", message=WORKER_DIED))
    return [results[i] for i in range(len(jobs))]


def _written_since(path: Path, since: float) -> bool:
    try:
        return path.stat().st_mtime >= since - 1.0
    except OSError:
        return False


def _run_pool(
    jobs: list[Job],
    queue: deque[int],
    limits: Limits,
    workers: int,
    nlp: str | None,
    done: Callable[[int, Result], None],
    reader: str = "pdfplumber",
) -> list[int]:
    """Feed `queue` through one process pool; returns the jobs in flight if the pool broke."""
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        pending: dict[Future, int] = {}
        try:
            while queue or pending:
                while queue and len(pending) < workers * 2:
                    i = queue.popleft()
                    try:
                        pending[pool.submit(run_job, jobs[i], limits, nlp, reader)] = i
                    except BrokenProcessPool:
                        queue.appendleft(i)
                        return sorted(pending.values())
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                broken = False
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        done(i, fut.result())
                    except BrokenProcessPool:
                        broken = True
                        pending[fut] = i
                    except Exception as e:  # the result could not come back (e.g. not picklable)
                        done(
                            i,
                            Result(jobs[i].pdf, "failed", message=_one_line(f"worker error: {type(e).__name__}: {e}")),
                        )
                if broken:
                    return sorted(pending.values())
        except KeyboardInterrupt:
            for fut in pending:
                fut.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return []
