"""The file primitives every writer and reader of a run shares: one atomic writer, one run loader.

Writing: a temp file in the target's folder, fsync, then os.replace, so a reader
never sees half a file; Ctrl-C and SIGTERM are held while a file is written. The
temp name carries this host and process id, so `clean_stale_temps` can remove
what a killed process left without touching a live writer's file.

Reading: `load_run` is the one view of "the documents of a run" that link,
export, stats and review share, so they never disagree on which documents a
folder holds or what each one is called.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import signal
import socket
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas import Document

TEMP_SUFFIX = ".tmp"
HOST = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40] or "host"
# .<target name>.<host>-<pid>.<random>.tmp: a rerun can tell a dead process's leftover from a live one's
TEMP_NAME = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9_-]+)-(?P<pid>\d+)\.[^.]+\.tmp$")

LINK_FILE_KEYS = frozenset({"reports", "links"})
"""Top-level keys that mark a JSON in a run folder as a link file rather than a document."""


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


UMASK = _read_umask()  # read once, at import, before any thread exists


# ---------------------------------------------------------------- writing

HELD_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM") if hasattr(signal, n))


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back until the block ends, so a file is never left half-made.

    The Python handlers are swapped for one that only notes the signal, which is
    then passed to the original handler. (Blocking with pthread_sigmask is not
    enough: native threads, e.g. BLAS's, would take the signal for the process.)
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    old: dict[int, Any] = {}
    try:
        for s in HELD_SIGNALS:
            old[s] = signal.signal(s, lambda signum, frame: pending.append(signum))
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)
        for s in dict.fromkeys(pending):
            h = old.get(s)
            if callable(h):
                h(s, None)
            elif h != signal.SIG_IGN:
                signal.raise_signal(s)


def _temp(path: Path) -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=f".{path.name}.{HOST}-{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)


def _commit(tmp: str, path: Path) -> None:
    """The usual permissions (0666 less the umask, not mkstemp's 0600), then the rename."""
    os.chmod(tmp, 0o666 & ~UMASK)
    os.replace(tmp, path)


@contextlib.contextmanager
def _removed_on_failure(tmp: str) -> Iterator[None]:
    """Whatever stops the block (an error, Ctrl-C), the temp file goes and the cause goes on."""
    try:
        yield
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to a temp file in the same folder, fsync it, then rename over `path`."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with signals_held():
        fd, tmp = _temp(path)
        with _removed_on_failure(tmp):
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            _commit(tmp, path)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temp path for a writer that needs a file name (SQLite, matplotlib); renamed over `path` on success.

    Signals are held only for the fsync and rename: building the file may take long and
    an interrupt then just removes the temp file.
    """
    path = Path(path)
    fd, tmp = _temp(path)
    os.close(fd)
    with _removed_on_failure(tmp):
        yield Path(tmp)
        with signals_held():
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            _commit(tmp, path)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove temp files left in `folder` by processes of this host that no longer run."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for e in entries:
        m = TEMP_NAME.match(e.name)
        if not m or m["host"] != HOST or _pid_alive(int(m["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(e.path)
            removed.append(Path(e.path))
    return removed


# ---------------------------------------------------------------- reading a run


@dataclass(slots=True)
class Loaded:
    """Documents keyed by their document id, in id order, and one line per file that was not used."""

    documents: list[tuple[str, Document]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """document id → the JSON file it was read from (review re-reads it next to its PDF)."""


def is_link_file(data: object) -> bool:
    """A `link` output (written into the run folder, say) rather than a document."""
    return isinstance(data, dict) and data.keys() >= LINK_FILE_KEYS and "document" not in data


def json_files(path: Path) -> list[Path]:
    """A JSON file, or every *.json under a folder (recursively, hidden files and folders skipped), sorted."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.rglob("*.json")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def read_document(path: Path) -> tuple[Document | None, str | None]:
    """One JSON file as a Document; (None, None) for a link file, (None, reason) for anything else."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, f"unreadable ({e.strerror or e})"
    try:
        return Document.model_validate_json(raw), None
    except ValidationError as e:
        invalid = e
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, f"unreadable JSON ({e})"
    if is_link_file(data):
        return None, None
    first = invalid.errors()[0]
    where = ".".join(str(x) for x in first.get("loc", ())) or "(root)"
    return None, f"not a document JSON ({invalid.error_count()} error(s); first at {where})"


def load_run(path: Path) -> Loaded:
    """Every document JSON of a run (a folder, recursively, or one file).

    The document id is the PDF's file name without extension, plus "-" and the first
    8 hex digits of its sha256 when two different PDFs share that name. The same PDF
    found twice (same name and sha256) is kept once.
    """
    path = Path(path)
    out = Loaded()
    parsed: list[tuple[Document, str]] = []
    where: dict[str, Path] = {}
    for f in json_files(path):
        rel = f.name if f == path else f.relative_to(path).as_posix()
        doc, problem = read_document(f)
        if doc is not None:
            parsed.append((doc, rel))
            where[rel] = f
        elif problem:
            out.problems.append(f"{rel}: {problem}")
    shas: dict[str, set[str]] = {}
    for doc, _ in parsed:
        shas.setdefault(Path(doc.document.source_file).stem, set()).add(doc.document.sha256)
    seen: dict[str, str] = {}
    for doc, rel in sorted(parsed, key=lambda x: (x[0].document.source_file, x[1])):
        stem = Path(doc.document.source_file).stem
        did = stem if len(shas[stem]) == 1 else f"{stem}-{doc.document.sha256[:8]}"
        if did in seen:
            out.problems.append(f"{rel}: skipped, same PDF as {seen[did]}")
            continue
        seen[did] = rel
        out.documents.append((did, doc))
        out.files[did] = where[rel]
    out.documents.sort(key=lambda x: x[0])
    return out


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in 1 MB chunks (PDFs and JSON of any size)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
