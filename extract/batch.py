"""A batch of PDFs → one JSON each: discovery, parallel workers, skip-if-current, atomic writes.

One PDF is one unit of work with no shared state, so a failure (bad file,
over a limit, a bug) is reported in one line and never touches the others;
outputs appear whole or not at all (temp file + rename), so an interrupted
batch leaves nothing half-written and a rerun picks up the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from extract.read import ReadError, ReadLimits
from schemas import SCHEMA_VERSION, Document


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-document limits; a document over one stops with an error and the batch goes on."""

    max_pages: int = 1000
    max_seconds: float = 300.0
    max_chars: int = 5_000_000
    max_bytes: int = 200_000_000

    def read_limits(self) -> ReadLimits:
        return ReadLimits(max_pages=self.max_pages, max_chars=self.max_chars, max_bytes=self.max_bytes)


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


class DocumentTimeout(Exception):
    pass


def discover(paths: list[Path]) -> tuple[list[Path], list[Result]]:
    """PDF files under the given paths (folders recursively, symlink loops visited once)."""
    found: list[Path] = []
    problems: list[Result] = []
    seen: set[tuple[int, int]] = set()

    def visit_dir(d: Path) -> None:
        try:
            st = d.stat()
        except OSError as e:
            problems.append(Result(d, "failed", message=f"cannot read folder: {e.strerror or e}"))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return
        seen.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            problems.append(Result(d, "failed", message=f"cannot list folder: {e.strerror or e}"))
            return
        for e in entries:
            p = Path(e.path)
            try:
                if e.is_dir():
                    if e.name.lower().endswith(".pdf") and not any(True for _ in _safe_iter(p)):
                        problems.append(Result(p, "failed", message="is a directory, not a PDF file"))
                        continue
                    visit_dir(p)
                elif e.name.lower().endswith(".pdf"):
                    found.append(p)
            except OSError as err:
                problems.append(Result(p, "failed", message=f"cannot read: {err.strerror or err}"))

    for p in paths:
        if p.is_dir():
            visit_dir(p)
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
    """<stem>.json per PDF; a stem seen twice gets a short hash of its path so nothing is overwritten."""
    counts: dict[str, int] = {}
    for p in pdfs:
        counts[p.stem] = counts.get(p.stem, 0) + 1
    out: list[Path] = []
    for p in pdfs:
        stem = _safe_stem(p)
        if counts[p.stem] > 1:
            stem += "-" + hashlib.sha1(str(p).encode("utf-8", "surrogateescape")).hexdigest()[:8]
        out.append(out_dir / f"{stem}.json")
    return out


def _safe_stem(p: Path) -> str:
    """The file's stem, with bytes that are not valid UTF-8 replaced (JSON names must be text)."""
    return p.stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\ufffd", "_")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def up_to_date(pdf: Path, out: Path) -> bool:
    """The JSON exists, was made from these exact bytes, and by this schema version."""
    try:
        with out.open("rb") as f:
            head = json.load(f)
        doc = head.get("document") or {}
        return head.get("schema_version") == SCHEMA_VERSION and doc.get("sha256") == sha256_file(pdf)
    except (OSError, ValueError):
        return False


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def dump(doc: Document) -> bytes:
    """The JSON bytes of a document: deterministic (no timestamps, stable order)."""
    return (doc.model_dump_json(indent=1) + "\n").encode("utf-8")


def _alarm(seconds: float) -> Callable[[], None]:
    """Arm a SIGALRM timeout in this (worker) process; returns the disarm function."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        return lambda: None

    def on_alarm(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"took longer than the limit of {seconds:g} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)

    return disarm


def run_job(job: Job, limits: Limits, nlp: str | None = None) -> Result:
    """Extract one PDF and write its JSON; every failure becomes a Result, never an exception."""
    from extract.pipeline import Options, extract_file

    t0 = time.perf_counter()
    name = job.pdf
    try:
        if not job.force and job.out.exists() and up_to_date(job.pdf, job.out):
            return Result(name, "skipped", job.out, "up to date")
        disarm = _alarm(limits.max_seconds)
        try:
            doc = extract_file(job.pdf, Options(limits=limits.read_limits(), nlp=nlp))
            data = dump(doc)
        finally:
            disarm()
        Document.model_validate_json(data)  # what is written is what validates
        write_atomic(job.out, data)
        n = sum(
            len(getattr(doc, k))
            for k in ("sections", "paragraphs", "footnotes", "citations", "legal_articles", "cases", "recommendations")
        )
        return Result(
            name,
            "ok",
            job.out,
            pages=doc.document.pages,
            seconds=time.perf_counter() - t0,
            warnings=len(doc.warnings),
            records=n,
        )
    except ReadError as e:
        return Result(name, "failed", message=str(e), seconds=time.perf_counter() - t0)
    except DocumentTimeout as e:
        return Result(name, "failed", message=str(e), seconds=time.perf_counter() - t0)
    except MemoryError:
        return Result(name, "failed", message="ran out of memory", seconds=time.perf_counter() - t0)
    except OSError as e:
        where = f" ({e.filename})" if getattr(e, "filename", None) else ""
        return Result(
            name, "failed", message=f"cannot write output: {e.strerror or e}{where}", seconds=time.perf_counter() - t0
        )
    except RecursionError:
        return Result(
            name, "failed", message="damaged PDF: objects nested too deeply", seconds=time.perf_counter() - t0
        )
    except Exception as e:  # a bug on one document must not stop the batch
        return Result(
            name, "failed", message=f"internal error: {type(e).__name__}: {e}"[:300], seconds=time.perf_counter() - t0
        )


def _worker_init() -> None:
    # Ctrl-C is the parent's to handle: workers finish or are terminated, never half-write.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_batch(
    jobs: list[Job],
    limits: Limits,
    workers: int,
    nlp: str | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run jobs in `workers` processes (1 = in this process), results in input order."""
    results: dict[int, Result] = {}
    if workers <= 1 or len(jobs) <= 1:
        for i, job in enumerate(jobs):
            r = run_job(job, limits, nlp)
            results[i] = r
            if on_result:
                on_result(r)
        return [results[i] for i in range(len(jobs))]
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        pending: dict[Future, int] = {}
        it = iter(enumerate(jobs))
        try:
            for _ in range(workers * 2):
                nxt = next(it, None)
                if nxt is None:
                    break
                pending[pool.submit(run_job, nxt[1], limits, nlp)] = nxt[0]
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    i = pending.pop(fut)
                    try:
                        r = fut.result()
                    except Exception as e:  # a worker died (killed, out of memory)
                        r = Result(jobs[i].pdf, "failed", message=f"worker died: {type(e).__name__}: {e}"[:300])
                    results[i] = r
                    if on_result:
                        on_result(r)
                    nxt = next(it, None)
                    if nxt is not None:
                        pending[pool.submit(run_job, nxt[1], limits, nlp)] = nxt[0]
        except KeyboardInterrupt:
            for fut in pending:
                fut.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [results[i] for i in range(len(jobs))]
