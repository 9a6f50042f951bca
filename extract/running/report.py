"""What the CLI prints: batch summaries, one-document summaries, validation lines (rich)."""

from __future__ import annotations

import errno
import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from extract.running.batch import Result
from schemas import CycleLinks, Document, record_types

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
"""The README's exit codes, the same for every command: an input that is missing, unreadable or
invalid is a failed input (1); a bad option or an output path that cannot be written is a usage
error (2), found before any work."""


def display_name(path: Path | str) -> str:
    """A path as text even when its bytes are not valid UTF-8."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def os_reason(e: OSError) -> str:
    """The reason of an OSError without its errno prefix or repeated path."""
    return e.strerror or type(e).__name__


def _blocked(existing: Path) -> str | None:
    """Why nothing can be created inside `existing`, the nearest folder that exists."""
    if not existing.is_dir():
        return os.strerror(errno.ENOTDIR)
    if not os.access(existing, os.W_OK | os.X_OK):
        try:
            readonly = bool(os.statvfs(existing).f_flag & os.ST_RDONLY)
        except OSError:
            readonly = False
        return os.strerror(errno.EROFS if readonly else errno.EACCES)
    return None


def output_problem(path: Path, *, folder: bool = False) -> str | None:
    """Why `path` (a file, or a folder when `folder`) cannot be written, or None.

    Checked before any work and without creating anything, so a command that cannot
    write its result says so at once, and a failed command leaves no empty folder behind.
    """
    path = Path(path)
    if path.exists():
        if folder:
            return os.strerror(errno.ENOTDIR) if not path.is_dir() else _blocked(path)
        if path.is_dir():
            return os.strerror(errno.EISDIR)
    parent = path if folder and path.exists() else path.parent
    while not parent.exists() and parent != parent.parent:
        if parent.is_symlink():  # a dangling link: creating through it would fail
            return os.strerror(errno.ENOENT)
        parent = parent.parent
    return _blocked(parent)


def cannot_write(path: Path, reason: str) -> str:
    return f"error: {display_name(path)}: cannot write ({reason})"


def check_output(path: Path, console: Console, *, folder: bool = False) -> None:
    """Exit 2 with one line when `path` cannot be written."""
    reason = output_problem(path, folder=folder)
    if reason:
        console.print(cannot_write(path, reason), markup=False)
        raise typer.Exit(EXIT_USAGE)


F = TypeVar("F", bound=Callable[..., Any])


def one_line_errors(fn: F) -> F:
    """The last guard of every command: an OSError the command did not foresee (a file that
    vanished, a disk that filled) ends in one line naming the path, never in a traceback."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OSError as e:
            where = e.filename if e.filename is not None else "?"
            Console(stderr=True, highlight=False, soft_wrap=True).print(
                f"error: {display_name(where)}: {os_reason(e)}", markup=False
            )
            raise typer.Exit(EXIT_FAILED) from None

    return run  # type: ignore[return-value]


def nlp_problem(name: str) -> str | None:
    """Why the spaCy pipeline `name` cannot be loaded, or None: checked once, before the batch,
    rather than failing every document."""
    from extract.finders import nlp as nlp_mod

    try:
        nlp_mod.load(name)
    except (OSError, ImportError, ValueError, KeyError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return f"cannot load this spaCy pipeline ({first})"
    return None


def batch_summary(results: list[Result], console: Console, seconds: float) -> None:
    ok = [r for r in results if r.status == "ok"]
    skipped = [r for r in results if r.status == "skipped"]
    failed = [r for r in results if r.status == "failed"]
    table = Table(title="upr-extract", show_edge=False)
    table.add_column("status")
    table.add_column("files", justify="right")
    table.add_column("pages", justify="right")
    table.add_column("records", justify="right")
    table.add_column("warnings", justify="right")
    for label, rs, style in (("extracted", ok, "green"), ("up to date", skipped, "dim"), ("failed", failed, "red")):
        # an up-to-date file is not read again, so its pages and records are not counted: "-", not 0
        counted = rs is not skipped or not rs
        table.add_row(
            f"[{style}]{label}[/]",
            str(len(rs)),
            *(str(sum(getattr(r, k) for r in rs)) if counted else "-" for k in ("pages", "records", "warnings")),
        )
    console.print(table)
    pages = sum(r.pages for r in ok)
    if ok and seconds > 0:
        console.print(f"{len(ok)} extracted in {seconds:.1f} s ({pages / seconds:.1f} pages/s)")


def failure_line(r: Result) -> str:
    return f"error: {display_name(r.pdf)}: {r.message}"


def _is_link_file(data: bytes) -> bool:
    """A JSON object with the link file's own keys (and not a document's): `upr-extract link` wrote it."""
    try:
        obj = json.loads(data)
    except ValueError:
        return False
    return isinstance(obj, dict) and "links" in obj and "reports" in obj and "document" not in obj


def validate_file(path: Path) -> str | None:
    """None if the file is a valid document JSON or link file, else the one-line reason."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return f"{display_name(path)}: invalid: cannot read ({os_reason(e)})"
    model: type[BaseModel] = CycleLinks if _is_link_file(data) else Document
    try:
        model.model_validate_json(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        kind = " link file" if model is CycleLinks else ""
        return (
            f"{display_name(path)}: invalid{kind}: {e.error_count()} error(s); "
            f"first at {where or '(root)'}: {first.get('msg')}"
        )
    except ValueError as e:
        return f"{display_name(path)}: invalid: not JSON ({e})"
    return None


def show_document(path: Path, console: Console) -> None:
    """Every piece of the document's text is escaped: rich would read "[abc]" as markup and drop it."""
    doc = Document.model_validate_json(path.read_bytes())
    d = doc.document
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    state = f"{d.state_under_review.name} ({d.state_under_review.iso3})" if d.state_under_review else "-"
    for k, v in (
        ("file", d.source_file),
        ("kind", d.kind),
        ("title", d.title or "-"),
        ("organisations", "; ".join(d.organisations) or "-"),
        ("state under review", state),
        ("language", d.language),
        ("date", d.date or "-"),
        ("symbol", d.symbol or "-"),
        ("pages", str(d.pages)),
    ):
        head.add_row(k, escape(v))
    console.print(head)
    counts = Table(title="records", show_edge=False)
    counts.add_column("type")
    counts.add_column("count", justify="right")
    for k in record_types():
        counts.add_row(k, str(len(getattr(doc, k))))
    console.print(counts)
    if doc.sections:
        console.print("[bold]outline[/]")
        for s in doc.sections:
            num = f"{s.number} " if s.number else ""
            console.print(f"{'  ' * (s.level - 1)}{escape(num + s.title)}  [dim]p.{s.page_start}[/]")
    if doc.recommendations:
        console.print(f"[bold]recommendations[/] {_first(10, len(doc.recommendations))}")
        for r in doc.recommendations[:10]:
            num = f"{r.number} " if r.number else "- "
            console.print(f"  {escape(num + r.text[:140])}")
    if doc.warnings:
        console.print(f"[bold yellow]warnings[/] {_first(20, len(doc.warnings))}")
        for w in doc.warnings[:20]:
            console.print(f"  {escape(f'[{w.code}] {w.message}')}")


def _first(n: int, total: int) -> str:
    return f"(first {n} of {total})" if total > n else f"({total})"


SCHEMA_FILES = {"document.schema.json": Document, "links.schema.json": CycleLinks}


def schema_json(model: type[BaseModel] = Document) -> str:
    """The JSON Schema of a model, as committed under schemas/ (a test keeps them equal)."""
    return json.dumps(model.model_json_schema(), indent=1, ensure_ascii=False) + "\n"
