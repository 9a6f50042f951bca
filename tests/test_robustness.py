"""Hostile inputs and hostile conditions: every one is a one-line error naming the file, or a
JSON carrying a warning; the batch goes on; nothing half-written is ever left behind.

Inputs come from `extract.running.sample.bad_inputs` (generated here, never committed).
Conditions the machine cannot produce on demand are simulated, and each test
says how: a full disk by a file object whose write raises ENOSPC, a worker
killed by the system by a job that SIGKILLs its own process, a folder that
cannot be created by a path under a regular file (these tests run as root, and
chmod does not stop root).
"""

from __future__ import annotations

import csv
import errno
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest

from extract.outputs import files
from extract.reading.streams import inflated_size_exceeds
from extract.running import batch, sample
from extract.running.batch import Job, Limits, Result, _memory_cap, discover, output_paths, run_batch, run_job
from schemas import Document
from tests.conftest import copies

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
RAW = REPO / "data" / "raw"

# bad_inputs() name -> (status, what the message or the JSON must say)
EXPECTED: dict[str, tuple[str, str | None]] = {
    "not_pdf": ("failed", "not a PDF"),
    "empty": ("failed", "empty file"),
    "random_bytes": ("failed", "not a PDF"),
    "header_then_garbage": ("failed", "damaged PDF"),
    "truncated_header": ("failed", "damaged PDF"),
    "truncated_quarter": ("failed", "damaged PDF"),
    "truncated_half": ("failed", "damaged PDF"),
    "truncated_three_quarters": ("failed", "damaged PDF"),
    "truncated_tail": ("failed", "damaged PDF"),
    "encrypted_user": ("failed", "encrypted PDF: a password is needed"),
    "encrypted_owner": ("ok", None),  # no user password: readable, as any viewer opens it
    "zero_pages": ("failed", "no pages"),
    "scanned": ("ok", "no_text_layer"),
    "bomb_page_count": ("ok", "no_text_layer"),  # /Count lies: the one real page is read
    "bomb_cycle": ("ok", "no_text_layer"),  # a page tree that points at itself is walked once
    "bomb_nested": ("ok", "no_text_layer"),
    "directory": ("failed", "is a directory"),
    "non_utf8_name": ("ok", "invalid_characters"),
}


def _one_line(r: Result) -> None:
    assert "\n" not in r.message and "\r" not in r.message, r.message
    assert not r.message.startswith("internal error"), r.message
    assert not r.message.startswith("worker"), r.message


def _no_temp_files(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if p.name.endswith(files.TEMP_SUFFIX)] if folder.exists() else []
    assert not left, left


def _valid(path: Path) -> Document:
    return Document.model_validate_json(path.read_bytes())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    d = tmp_path_factory.mktemp("hostile") / "in"
    files = sample.bad_inputs(d)
    sample.symlink_loop(d / "loop")
    fifo = d / "pipe.pdf"
    os.mkfifo(fifo)
    files["fifo"] = fifo
    return d, files


@pytest.fixture(scope="module")
def hostile_batch(
    hostile: tuple[Path, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[Path, Result], Path]:
    """The whole hostile folder through one batch, in this process."""
    in_dir, _files = hostile
    out = tmp_path_factory.mktemp("hostile_out")
    pdfs, problems = discover([in_dir])
    jobs = [Job(p, o) for p, o in zip(pdfs, output_paths(pdfs, out), strict=True)]
    results = problems + run_batch(jobs, Limits(max_seconds=120), workers=1)
    return {r.pdf: r for r in results}, out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input(name: str, hostile: tuple[Path, dict[str, Path]], hostile_batch: Any) -> None:
    _, files = hostile
    if name not in files:
        pytest.skip(f"this filesystem refuses the {name} case")
    results, out = hostile_batch
    r = results[files[name]]
    status, says = EXPECTED[name]
    assert r.status == status, (name, r)
    _one_line(r)
    if status == "failed":
        assert says and says in r.message, r.message
        return
    doc = _valid(r.out)
    codes = {w.code for w in doc.warnings}
    if says:
        assert says in codes, (name, codes)
    _no_temp_files(out)


def test_non_utf8_name_is_written_as_text(hostile: tuple[Path, dict[str, Path]], hostile_batch: Any) -> None:
    _, files = hostile
    if "non_utf8_name" not in files:
        pytest.skip("this filesystem refuses file names that are not UTF-8")
    results, _ = hostile_batch
    r = results[files["non_utf8_name"]]
    doc = _valid(r.out)
    assert "\ufffd" in doc.document.source_file
    assert r.out.name.isprintable() and r.out.suffix == ".json"


def test_fifo_named_pdf_is_refused_without_blocking(hostile: tuple[Path, dict[str, Path]], hostile_batch: Any) -> None:
    results, _ = hostile_batch
    r = results[hostile[1]["fifo"]]
    assert r.status == "failed" and "not a regular file" in r.message


def test_symlink_loop_is_walked_once(hostile: tuple[Path, dict[str, Path]], hostile_batch: Any) -> None:
    in_dir, _ = hostile
    pdfs, problems = discover([in_dir / "loop"])
    assert [p.name for p in pdfs] == ["inside_loop.pdf"]
    assert not problems
    results, _ = hostile_batch
    done = [r for p, r in results.items() if p.name == "inside_loop.pdf"]
    assert len(done) == 1 and done[0].status == "ok"


def test_deep_folder_tree_is_walked(tmp_path: Path) -> None:
    """Deeper than Python's recursion limit: the walk keeps its own stack."""
    levels = sys.getrecursionlimit() + 100
    d = str(tmp_path)
    try:
        for _ in range(levels):
            d += "/d"
            os.mkdir(d)  # one level at a time: pathlib's and os's makedirs recurse
        Path(d, "deep.pdf").write_bytes(b"%PDF-1.4")
        pdfs, problems = discover([tmp_path])
        assert [p.name for p in pdfs] == ["deep.pdf"] and not problems
    finally:  # and so does shutil.rmtree, which pytest would use to clean up
        Path(d, "deep.pdf").unlink(missing_ok=True)
        while d != str(tmp_path):
            if os.path.isdir(d):
                os.rmdir(d)
            d = os.path.dirname(d)


def test_output_names_never_collide(tmp_path: Path) -> None:
    """Names equal once undecodable bytes are replaced, or equal but for case, get distinct outputs."""
    names = [os.fsdecode(b"r\xe9port.pdf"), os.fsdecode(b"r\xffport.pdf"), "Report.pdf", "report.pdf", "other.pdf"]
    pdfs = [tmp_path / n for n in names]
    outs = output_paths(pdfs, tmp_path / "out")
    assert len({o.name.casefold() for o in outs}) == len(outs)
    assert outs[-1].name == "other.json"
    assert all(o.name.isprintable() for o in outs)


def test_batch_goes_on_after_every_failure(hostile_batch: Any) -> None:
    results, out = hostile_batch
    statuses = [r.status for r in results.values()]
    assert statuses.count("failed") >= 10 and statuses.count("ok") >= 6
    _no_temp_files(out)
    for f in out.glob("*.json"):
        _valid(f)


# ---------------------------------------------------------------- truncated at many offsets


@pytest.fixture(scope="module")
def pdf_bytes() -> dict[str, bytes]:
    return {"tiny": sample.tiny_pdf_bytes(), "submission": (RAW / "ngo_lantern_rights_veloria_2023.pdf").read_bytes()}


@pytest.mark.parametrize("source", ["tiny", "submission"])
def test_truncated_at_many_offsets(source: str, pdf_bytes: dict[str, bytes], tmp_path: Path) -> None:
    data = pdf_bytes[source]
    offsets = sorted({1, 8, 16, 64, 200, *(len(data) * k // 23 for k in range(1, 23)), len(data) - 1})
    for off in offsets:
        pdf = tmp_path / f"cut_{off}.pdf"
        pdf.write_bytes(data[:off])
        r = run_job(Job(pdf, tmp_path / f"cut_{off}.json"), Limits(max_seconds=60))
        _one_line(r)
        if r.status == "ok":
            _valid(r.out)
        else:
            assert r.status == "failed" and r.message, (off, r)
    _no_temp_files(tmp_path)


def test_flipped_bytes(pdf_bytes: dict[str, bytes], tmp_path: Path) -> None:
    """Bytes overwritten in the middle of the file (a bad sector, a broken download)."""
    data = bytearray(pdf_bytes["submission"])
    for k, at in enumerate(range(len(data) // 5, len(data) - 64, len(data) // 5)):
        damaged = bytearray(data)
        damaged[at : at + 64] = bytes((b * 7 + 13) % 256 for b in damaged[at : at + 64])
        pdf = tmp_path / f"flip_{k}.pdf"
        pdf.write_bytes(bytes(damaged))
        r = run_job(Job(pdf, tmp_path / f"flip_{k}.json"), Limits(max_seconds=60))
        _one_line(r)
        if r.status == "ok":
            _valid(r.out)


# ---------------------------------------------------------------- limits


def test_time_limit_stops_the_document(tmp_path: Path) -> None:
    """The reader keeps a page that raises as an empty page: the timeout must not be one of those."""
    pdf = RAW / "un_wgreport_veloria_2018.pdf"
    r = run_job(Job(pdf, tmp_path / "w.json"), Limits(max_seconds=0.2))
    assert r.status == "failed" and "took longer than the limit of 0.2 s" in r.message
    assert not (tmp_path / "w.json").exists()
    _no_temp_files(tmp_path)


def test_time_limit_in_a_worker_thread(tmp_path: Path) -> None:
    """Dask runs tasks in threads, where SIGALRM cannot reach: the limit still holds."""
    pdf = RAW / "un_wgreport_veloria_2018.pdf"
    got: list[Result] = []
    t = threading.Thread(target=lambda: got.append(run_job(Job(pdf, tmp_path / "w.json"), Limits(max_seconds=0.2))))
    t.start()
    t.join(120)
    assert got and got[0].status == "failed" and "took longer" in got[0].message
    assert not (tmp_path / "w.json").exists()
    # the thread's next document is not hit by a late timeout
    t2 = threading.Thread(target=lambda: got.append(run_job(Job(pdf, tmp_path / "w.json"), Limits(max_seconds=120))))
    t2.start()
    t2.join(120)
    assert got[1].status == "ok", got[1]


@pytest.mark.parametrize(
    ("limits", "says"),
    [
        (Limits(max_pages=1), "pages, over the limit of 1"),
        (Limits(max_chars=500), "over the limit of 500 characters"),
        (Limits(max_bytes=10_000), "bytes, over the limit of 10,000"),
    ],
)
def test_size_limits(limits: Limits, says: str, tmp_path: Path) -> None:
    r = run_job(Job(RAW / "ngo_lantern_rights_veloria_2023.pdf", tmp_path / "x.json"), limits)
    assert r.status == "failed" and says in r.message, r.message
    assert not (tmp_path / "x.json").exists()


def _flate_bomb(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream inflates from ~5 kB per MB to `megabytes` MB of spaces."""
    z = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    body = b"".join(z.compress(chunk) for _ in range(megabytes)) + z.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"
    path.write_bytes(
        sample._hand_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                sample._PAGE_OBJ,
                content,
            ]
        )
    )
    return path


BOMB_CHILD = """
import json, sys
from pathlib import Path
from extract.running.batch import Job, Limits, run_job
r = run_job(Job(Path(sys.argv[1]), Path(sys.argv[2])), Limits(max_seconds=120))
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child forked from a
# large pytest process would report the parent's size
hwm = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM:"))
print(json.dumps({"status": r.status, "message": r.message, "rss_mb": hwm / 1024}))
"""


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read from /proc/self/status (Linux)")
def test_compression_bomb_fails_alone(tmp_path: Path) -> None:
    """A 2 MB file whose stream inflates to 400 MB (read whole: ~850 MB RSS): its page is skipped, unread."""
    bomb = _flate_bomb(tmp_path / "bomb.pdf", 400)
    assert bomb.stat().st_size < 3_000_000
    proc = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD, str(bomb), str(tmp_path / "bomb.json")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["status"] == "ok", got
    assert got["rss_mb"] < 300, got
    warned = [w for w in _valid(tmp_path / "bomb.json").warnings if w.code == "page_unreadable"]
    assert warned and "decompression bomb" in warned[0].message, warned


def test_stream_guard_counts_exactly() -> None:
    """The guard inflates in chunks: it tells a stream just over the limit from one just under it."""
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    raw = zlib.compress(b"q " * 600_000)  # 1.2 MB inflated
    stream = PDFStream({"Filter": LIT("FlateDecode"), "Length": len(raw)}, raw)
    assert inflated_size_exceeds(stream, 1_000_000)
    assert not inflated_size_exceeds(stream, 1_300_000)
    hexed = PDFStream({"Filter": [LIT("ASCIIHexDecode"), LIT("FlateDecode")]}, raw.hex().encode() + b">")
    assert inflated_size_exceeds(hexed, 1_000_000)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is the Linux address-space limit")
def test_memory_cap_is_set_and_released() -> None:
    """The backstop lowers the address-space limit for one document and gives it back after."""
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    if before[0] != resource.RLIM_INFINITY:
        pytest.skip("this machine already limits the address space")
    release = _memory_cap(1024)
    try:
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        assert soft != resource.RLIM_INFINITY and soft >= 1024 << 20
    finally:
        release()
    assert resource.getrlimit(resource.RLIMIT_AS) == before


# ---------------------------------------------------------------- the output side


class _FullDisk:
    """A file object whose writes fail as on a full disk (ENOSPC), for one target name."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _samples(tmp_path: Path, n: int = 3) -> list[Path]:
    """n copies of a one-page PDF under distinct names."""
    return copies(sample.tiny_pdf_bytes(), tmp_path / "in", n, "copy")


def test_disk_full_fails_that_document_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: os.fdopen in extract.running.batch returns a file whose write raises ENOSPC for copy_1."""
    real_fdopen = os.fdopen

    def fdopen(fd: int, *a: Any, **k: Any) -> Any:
        f = real_fdopen(fd, *a, **k)
        return _FullDisk(f) if ".copy_1.json." in os.readlink(f"/proc/self/fd/{fd}") else f

    monkeypatch.setattr(batch.os, "fdopen", fdopen)
    pdfs = _samples(tmp_path)
    out = tmp_path / "out"
    results = run_batch([Job(p, out / f"{p.stem}.json") for p in pdfs], Limits(), workers=1)
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert "disk full" in results[1].message and "copy_1.json" in results[1].message
    _one_line(results[1])
    assert not (out / "copy_1.json").exists()
    _no_temp_files(out)


def test_output_path_taken_by_a_folder(tmp_path: Path) -> None:
    pdf = _samples(tmp_path, 1)[0]
    out = tmp_path / "out"
    (out / "copy_0.json").mkdir(parents=True)
    r = run_job(Job(pdf, out / "copy_0.json"), Limits())
    assert r.status == "failed" and "cannot write output" in r.message
    _no_temp_files(out)


def test_output_folder_under_a_file(tmp_path: Path) -> None:
    """An output folder that cannot exist (its parent is a file): chmod would not stop root."""
    pdf = _samples(tmp_path, 1)[0]
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    r = run_job(Job(pdf, blocker / "out" / "copy_0.json"), Limits())
    assert r.status == "failed" and "cannot write output" in r.message


def test_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.json"
    target.write_bytes(b'{"old": true}')
    real_fdopen = os.fdopen

    class Boom(_FullDisk):
        def write(self, data: bytes) -> int:
            raise KeyboardInterrupt

    monkeypatch.setattr(batch.os, "fdopen", lambda fd, *a, **k: Boom(real_fdopen(fd, *a, **k)))
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, b'{"new": true}')
    assert target.read_bytes() == b'{"old": true}'
    _no_temp_files(tmp_path)


def test_ctrl_c_during_a_write_waits_for_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGINT arriving mid-write is held until the file is whole and renamed, then delivered."""
    target = tmp_path / "doc.json"
    real_fdopen = os.fdopen

    class Interrupting:
        def __init__(self, real: Any) -> None:
            self.real = real

        def __enter__(self) -> Interrupting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.real.close()

        def write(self, data: bytes) -> int:
            os.kill(os.getpid(), signal.SIGINT)
            return self.real.write(data)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

    monkeypatch.setattr(batch.os, "fdopen", lambda fd, *a, **k: Interrupting(real_fdopen(fd, *a, **k)))
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, b'{"whole": true}')
    assert target.read_bytes() == b'{"whole": true}'
    _no_temp_files(tmp_path)


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    files.write_atomic(target, b"{}")
    assert target.stat().st_mode & 0o777 == 0o666 & ~files.UMASK


def test_stale_temp_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".copy_0.json.{files.HOST}-{dead_pid}.abc123.tmp"
    live = tmp_path / f".copy_1.json.{files.HOST}-{os.getpid()}.def456.tmp"
    other_host = tmp_path / f".copy_2.json.elsewhere-{dead_pid}.ghi789.tmp"
    for p in (stale, live, other_host):
        p.write_bytes(b"{")
    removed = files.clean_stale_temps(tmp_path)
    assert removed == [stale]
    assert live.exists() and other_host.exists()


# ---------------------------------------------------------------- a worker killed by the system


_REAL_RUN_JOB = batch.run_job


def _job_killing_copy_1(j: Job, limits: Limits, *args: Any) -> Result:
    """Module level so the pool can pickle it by name."""
    if j.pdf.name == "copy_1.pdf":
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_RUN_JOB(j, limits, *args)


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patched job reaches workers by fork")
def test_worker_killed_fails_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: the job for copy_1 SIGKILLs its own worker (as the OOM killer would)."""
    monkeypatch.setattr(batch, "run_job", _job_killing_copy_1)
    pdfs = _samples(tmp_path, 4)
    out = tmp_path / "out"
    results = run_batch([Job(p, out / f"{p.stem}.json") for p in pdfs], Limits(), workers=2)
    assert [r.status for r in results] == ["ok", "failed", "ok", "ok"], [r.message for r in results]
    assert results[1].message == batch.WORKER_DIED
    _no_temp_files(out)


# ---------------------------------------------------------------- the shared corpus


def _manifest() -> list[dict[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        pytest.skip("../shared/corpus is absent: this test reads the corpus manifest and its PDFs")
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_corpus_files_without_text_layer(tmp_path: Path) -> None:
    """Scanned files give a JSON with a 'no text layer' warning; a damaged one a one-line error."""
    rows = [r for r in _manifest() if r.get("has_text_layer") == "no"]
    assert rows
    for row in rows:
        pdf = CORPUS / row["file"]
        r = run_job(Job(pdf, tmp_path / f"{pdf.stem}.json"), Limits(max_seconds=120))
        _one_line(r)
        if row.get("pages") == "0":
            assert r.status == "failed" and "damaged" in r.message, r
        else:
            assert r.status == "ok", r
            assert "no_text_layer" in {w.code for w in _valid(r.out).warnings}
    _no_temp_files(tmp_path)


# ---------------------------------------------------------------- damaged copies of real PDFs

DAMAGE_KINDS = ("flip", "zero", "duplicate", "cut", "stream_length", "xref_offset", "box", "dictionary")
BOX_JUNK = (b"[0 0 a b]", b"[0 0 612]", b"[]", b"[0 0 1e999 1e999]", b"7", b"(box)", b"[0 0 -612 -792]")


def damaged_copy(data: bytes, kind: str, rng: random.Random) -> bytes:
    """One damaged copy of a PDF, as bad sectors, broken downloads and careless tools leave them."""
    n = len(data)
    out = bytearray(data)
    if kind == "flip":  # a few scattered bytes changed
        for _ in range(rng.randint(1, 24)):
            at = rng.randrange(n // 20, n)
            out[at] ^= rng.randint(1, 255)
    elif kind == "zero":  # a block overwritten with zeros
        size = rng.randint(64, 4096)
        at = rng.randrange(n // 20, max(n // 20 + 1, n - size))
        out[at : at + size] = bytes(len(out[at : at + size]))
    elif kind == "duplicate":  # a block written twice: every offset after it is off
        size = rng.randint(64, 4096)
        at = rng.randrange(n // 20, max(n // 20 + 1, n - size))
        out[at:at] = data[at : at + size]
    elif kind == "cut":  # a download that stopped early
        out = out[: rng.randint(n // 4, n - 1)]
    elif kind == "stream_length":  # /Length values that lie about their streams
        lengths = list(re.finditer(rb"/Length\s+(\d+)", data))
        for m in rng.sample(lengths, min(len(lengths), rng.randint(1, 4))):
            wrong = str(max(0, int(m.group(1)) + rng.choice((-500, -37, -1, 1, 64, 9999)))).encode()
            out[m.start(1) : m.end(1)] = wrong.rjust(len(m.group(1)), b"0")[-len(m.group(1)) :]
    elif kind == "xref_offset":  # cross-reference offsets that point at the wrong bytes
        for m in re.finditer(rb"startxref\s+(\d+)", data):
            digits = m.group(1)
            out[m.start(1) : m.end(1)] = str(rng.randrange(10 ** len(digits))).encode().rjust(len(digits), b"0")
        for m in list(re.finditer(rb"(\d{10}) (\d{5}) n", data))[: rng.randint(1, 40)]:
            if rng.random() < 0.5:
                out[m.start(1) : m.end(1)] = str(rng.randrange(n)).encode().rjust(10, b"0")
    elif kind == "box":  # page boxes that are not four numbers
        boxes = list(re.finditer(rb"/(?:MediaBox|CropBox|BBox)\s*(\[[^\]]*\])", data))
        for m in sorted(rng.sample(boxes, min(len(boxes), rng.randint(1, 3))), key=lambda m: -m.start()):
            out[m.start(1) : m.end(1)] = rng.choice(BOX_JUNK)
    elif kind == "dictionary":  # dictionaries whose delimiters or keys are broken
        marks = list(re.finditer(rb"<<|>>|/[A-Z][A-Za-z]+", data[: n // 2]))
        for m in sorted(rng.sample(marks, min(len(marks), rng.randint(1, 6))), key=lambda m: -m.start()):
            out[m.start() : m.end()] = rng.choice((b"<", b">", b"(", b"", b"/ ", b"<<<<", b"]"))
    else:
        raise ValueError(kind)
    return bytes(out)


def damaged_copies(data: bytes, seed: int, per_kind: int = 2) -> list[tuple[str, bytes]]:
    """`per_kind` damaged copies of every kind, the same ones for the same seed."""
    rng = random.Random(seed)
    return [(f"{kind}_{k}", damaged_copy(data, kind, rng)) for kind in DAMAGE_KINDS for k in range(per_kind)]


LOSS_WARNINGS = {
    "text_not_placed",
    "content_stream_undecodable",
    "page_unreadable",
    "page_without_text",
    "no_text_layer",
}
FAR_BELOW = 0.6
"""Text kept (or read) under this share of the reference is a loss that must be warned about."""


def _check_damaged(pdf: Path, out: Path, intact_read: int) -> str:
    """A damaged copy ends in one readable line, or in a JSON that warns about whatever text it lost."""
    r = run_job(Job(pdf, out, force=True), Limits(max_seconds=120))
    _one_line(r)
    if r.status == "failed":
        assert "b'" not in r.message and 'b"' not in r.message and "\\x" not in r.message, r.message
        return r.message.split(":")[0]
    doc = _valid(out)
    c = doc.document.characters
    assert c is not None
    codes = {w.code for w in doc.warnings}
    placed = c.body + c.notes + c.headings + c.furniture + c.cover + c.tables + c.markers
    if placed < FAR_BELOW * c.read:
        assert "text_not_placed" in codes, (pdf.name, placed, c.read, codes)
    if c.read < FAR_BELOW * intact_read:
        assert codes & LOSS_WARNINGS, (pdf.name, c.read, intact_read, codes)
    return "ok, warned" if codes & LOSS_WARNINGS else "ok"


def _intact_read(pdf: Path, tmp: Path) -> int:
    out = tmp / f"{pdf.stem}.intact.json"
    r = run_job(Job(pdf, out), Limits(max_seconds=120))
    assert r.status == "ok", r
    doc = _valid(out)
    c = doc.document.characters
    assert c is not None and not {w.code for w in doc.warnings} & LOSS_WARNINGS
    return c.read


@pytest.mark.slow
def test_damaged_copies_lose_nothing_silently(tmp_path: Path) -> None:
    data = (RAW / "ngo_lantern_rights_veloria_2023.pdf").read_bytes()
    src = tmp_path / "intact.pdf"
    src.write_bytes(data)
    intact = _intact_read(src, tmp_path)
    outcomes = []
    for name, damaged in damaged_copies(data, seed=17, per_kind=1):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(damaged)
        outcomes.append(_check_damaged(pdf, tmp_path / f"{name}.json", intact))
    assert len(outcomes) == len(DAMAGE_KINDS)
    _no_temp_files(tmp_path)


@pytest.mark.slow
def test_damaged_corpus_copies_lose_nothing_silently(tmp_path: Path) -> None:
    """Copies of a few small corpus PDFs, damaged every way the generator knows, several times over."""
    rows = [r for r in _manifest() if r.get("has_text_layer") == "yes" and r.get("pages", "").isdigit()]
    small = sorted(r["file"] for r in rows if 3 <= int(r["pages"]) <= 8 and (CORPUS / r["file"]).is_file())
    if not small:
        pytest.skip("no small text PDF in ../shared/corpus")
    picked = random.Random(2026).sample(small, min(3, len(small)))
    per_kind = 2
    outcomes: dict[str, int] = {}
    for k, name in enumerate(picked):
        data = (CORPUS / name).read_bytes()
        intact = _intact_read(CORPUS / name, tmp_path)
        for tag, damaged in damaged_copies(data, seed=k, per_kind=per_kind):
            pdf = tmp_path / f"{Path(name).stem}__{tag}.pdf"
            pdf.write_bytes(damaged)
            outcome = _check_damaged(pdf, pdf.with_suffix(".json"), intact)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert sum(outcomes.values()) == len(picked) * len(DAMAGE_KINDS) * per_kind, outcomes
    _no_temp_files(tmp_path)


@pytest.mark.parametrize("box", [b"[0 0 a b]", b"[0 0 612]"])
def test_malformed_page_box_is_a_damaged_pdf(box: bytes, tmp_path: Path) -> None:
    """pdfplumber re-reads a broken page tree while closing: that must not hide the reader's own error."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Contents 4 0 R >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page]
    pdf = tmp_path / "box.pdf"
    pdf.write_bytes(sample._hand_pdf([*objects, b"<< /Length 0 >>\nstream\n\nendstream"]))
    r = run_job(Job(pdf, tmp_path / "box.json"), Limits(max_seconds=60))
    _one_line(r)
    assert r.status == "ok" or r.message.startswith("damaged PDF: "), r.message


def test_library_errors_are_damage_and_ours_are_bugs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdfminer.utils import apply_matrix_pt

    from extract.running import pipeline

    pdf = tmp_path / "any.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())

    def in_library(path: Path, options: Any = None) -> Any:
        return apply_matrix_pt(None, (b"\x93", 0))  # type: ignore[arg-type]

    def in_ours(path: Path, options: Any = None) -> Any:
        return len(None)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract_file", in_library)
    r = run_job(Job(pdf, tmp_path / "a.json"), Limits(max_seconds=60))
    assert r.status == "failed" and r.message.startswith("damaged PDF: "), r.message
    monkeypatch.setattr(pipeline, "extract_file", in_ours)
    r = run_job(Job(pdf, tmp_path / "b.json"), Limits(max_seconds=60))
    assert r.status == "failed" and r.message.startswith("internal error: TypeError"), r.message
