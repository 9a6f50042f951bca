"""What the CLI prints: batch summaries, one-document summaries, validation lines (rich)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.table import Table

from extract.running.batch import Result
from schemas import CycleLinks, Document, record_types


def display_name(path: Path) -> str:
    """A path as text even when its bytes are not valid UTF-8."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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
        table.add_row(
            f"[{style}]{label}[/]",
            str(len(rs)),
            str(sum(r.pages for r in rs)),
            str(sum(r.records for r in rs)),
            str(sum(r.warnings for r in rs)),
        )
    console.print(table)
    pages = sum(r.pages for r in ok)
    if ok and seconds > 0:
        console.print(f"{len(ok)} extracted in {seconds:.1f} s ({pages / seconds:.1f} pages/s)")


def failure_line(r: Result) -> str:
    return f"error: {display_name(r.pdf)}: {r.message}"


def validate_file(path: Path) -> str | None:
    """None if the file is a valid document JSON, else the one-line reason."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return f"{display_name(path)}: invalid: cannot read ({e.strerror or e})"
    try:
        Document.model_validate_json(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        return f"{display_name(path)}: invalid: {e.error_count()} error(s); first at {where or '(root)'}: {first.get('msg')}"
    except ValueError as e:
        return f"{display_name(path)}: invalid: not JSON ({e})"
    return None


def show_document(path: Path, console: Console) -> None:
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
        head.add_row(k, v)
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
            console.print(f"{'  ' * (s.level - 1)}{num}{s.title}  [dim]p.{s.page_start}[/]")
    if doc.recommendations:
        console.print(f"[bold]recommendations[/] (first 10 of {len(doc.recommendations)})")
        for r in doc.recommendations[:10]:
            num = f"{r.number} " if r.number else "- "
            console.print(f"  {num}{r.text[:140]}")
    if doc.warnings:
        console.print("[bold yellow]warnings[/]")
        for w in doc.warnings[:20]:
            console.print(f"  [{w.code}] {w.message}")


SCHEMA_FILES = {"document.schema.json": Document, "links.schema.json": CycleLinks}


def schema_json(model: type[BaseModel] = Document) -> str:
    """The JSON Schema of a model, as committed under schemas/ (a test keeps them equal)."""
    return json.dumps(model.model_json_schema(), indent=1, ensure_ascii=False) + "\n"
