"""The analyst commands (export, review, stats) as plain typer-annotated functions.

cli.py registers them on its app, one line each:

    from extract.running.cli_analyst import export_cmd, review_cmd, stats_cmd
    app.command("export")(export_cmd)
    app.command("review")(review_cmd)
    app.command("stats")(stats_cmd)

They only parse options and call extract.outputs.export / extract.outputs.review / extract.outputs.stats.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _need(path: Path, what: str) -> None:
    if not path.exists():
        err.print(f"error: {path}: no such {what}", markup=False)
        raise typer.Exit(EXIT_USAGE)


def export_cmd(
    json_dir: Annotated[Path, typer.Argument(help="folder of JSON files written by extract (or one JSON file)")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="csv (a folder of files), xlsx, sqlite or jsonl")
    ] = "sqlite",
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="output file (a folder for csv)")] = None,
) -> None:
    """Write every record of a run as tables: CSV files, an Excel workbook, a SQLite database or JSON lines."""
    from extract.outputs.export import FORMATS, export

    if fmt not in FORMATS:
        err.print(f"error: --format must be one of {', '.join(FORMATS)}", markup=False)
        raise typer.Exit(EXIT_USAGE)
    _need(json_dir, "folder or file")
    target = out_path or Path(f"upr-export{'' if fmt == 'csv' else '.' + fmt}")
    try:
        res = export(json_dir, fmt, target)  # type: ignore[arg-type]
    except OSError as e:
        err.print(f"error: {target}: {e.strerror or e}", markup=False)
        raise typer.Exit(EXIT_FAILED) from None
    for p in res.problems:
        err.print(f"warning: {p}", markup=False)
    if not res.documents:
        err.print(f"error: no document JSON found in {json_dir}", markup=False)
        raise typer.Exit(EXIT_FAILED)
    main = ", ".join(
        f"{res.rows[t]} {t}" for t in ("recommendations", "cases", "legal_articles", "citations", "footnotes")
    )
    out.print(f"{target}: {res.documents} documents; {main}", markup=False)


def review_cmd(
    source: Annotated[Path, typer.Argument(help="a JSON file written by extract, or a folder of them")],
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", help="the PDF (for one JSON) or a folder searched for each JSON's source_file"),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="folder for the HTML pages and page images")] = Path(
        "review"
    ),
    scale: Annotated[float, typer.Option(help="page image resolution, x 72 dpi")] = 1.5,
    inline: Annotated[
        bool, typer.Option("--inline", help="embed page images in the HTML (one file per document)")
    ] = False,
) -> None:
    """Write a static HTML page per document with every record drawn over its PDF page."""
    from extract.outputs.review import write_review, write_reviews

    _need(source, "file or folder")
    if source.is_dir():
        pdf_dir = pdf or source
        if not pdf_dir.is_dir():
            err.print("error: with a folder of JSON files, --pdf must be a folder", markup=False)
            raise typer.Exit(EXIT_USAGE)
        results = write_reviews(source, pdf_dir, out_dir, scale=scale, inline_images=inline)
    else:
        if pdf is None or not pdf.is_file():
            err.print("error: --pdf FILE.pdf is needed for one JSON file", markup=False)
            raise typer.Exit(EXIT_USAGE)
        try:
            results = [write_review(source, pdf, out_dir, scale=scale, inline_images=inline)]
        except Exception as e:  # unreadable PDF or JSON: one line, not a traceback
            err.print(f"error: {source}: {type(e).__name__}: {e}", markup=False)
            raise typer.Exit(EXIT_FAILED) from None
    failed = 0
    for r in results:
        for p in r.problems:
            err.print(f"{'warning' if r.html else 'error'}: {p}", markup=False)
        if r.html is None:
            failed += 1
        else:
            out.print(f"{r.html}  ({r.pages} pages, {r.boxes} boxes)", markup=False)
    if len(results) > 1 or source.is_dir():
        out.print(f"{out_dir / 'index.html'}: {len(results) - failed} pages, {failed} without PDF", markup=False)
    raise typer.Exit(EXIT_FAILED if failed or not results else EXIT_OK)


def stats_cmd(
    json_dir: Annotated[Path, typer.Argument(help="folder of JSON files written by extract")],
    plot: Annotated[Path | None, typer.Option("--plot", help="also draw the counts as a PNG chart here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the counts as JSON instead of tables")] = False,
    per_document: Annotated[bool, typer.Option(help="include the per-document table")] = True,
) -> None:
    """Counts per record type, per document and per theme, and the documents with the most warnings."""
    from extract.outputs.stats import plot_stats, print_stats, stats

    _need(json_dir, "folder or file")
    s = stats(json_dir)
    if as_json:
        sys.stdout.write(json.dumps(s.to_dict(), indent=1, ensure_ascii=False) + "\n")
    else:
        print_stats(s, out, per_document=per_document)
    if plot is not None:
        try:
            plot_stats(s, plot)
        except RuntimeError as e:
            err.print(f"error: {e}", markup=False)
            raise typer.Exit(EXIT_FAILED) from None
        err.print(f"wrote {plot}", markup=False)
    raise typer.Exit(EXIT_OK if s.documents else EXIT_FAILED)


app = typer.Typer(help="Analyst outputs: tables, review pages, counts.", no_args_is_help=True, add_completion=False)
app.command("export")(export_cmd)
app.command("review")(review_cmd)
app.command("stats")(stats_cmd)
