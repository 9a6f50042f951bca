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
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperArgument, TyperCommand, TyperOption

from extract.outputs.export import Format
from extract.running.report import EXIT_FAILED, EXIT_OK, EXIT_USAGE, cannot_write, check_output, os_reason

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class HelpCommand(TyperCommand):
    """Help written as a manual writes it: `PATHS...` for arguments and bare flags, where typer
    would print `{paths}...` and a `<bool>` type after every switch."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for p in params:
            if isinstance(p, TyperOption) and p.is_flag and p.metavar is None:
                p.metavar = ""
            elif isinstance(p, TyperArgument) and p.metavar is None and p.name:
                p.metavar = p.name.upper() + ("..." if p.nargs != 1 else "")
                p.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
        return params

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        self.get_params(ctx)
        pieces = []
        for piece in super().collect_usage_pieces(ctx):
            bare = piece.removesuffix("...") if piece.startswith("{") and piece.endswith("}...") else piece
            pieces.append(bare[1:-1] if bare.startswith("{") and bare.endswith("}") else bare)
        return pieces


def _need(path: Path, what: str) -> None:
    """A named input that is not there is a failed input (exit 1), as in every command."""
    if not path.exists():
        err.print(f"error: {path}: no such {what}", markup=False)
        raise typer.Exit(EXIT_FAILED)


def export_cmd(
    json_dir: Annotated[Path, typer.Argument(help="folder of JSON files written by extract (or one JSON file)")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="csv is a folder of files, the others one file")
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
    check_output(target, err, folder=fmt == "csv")
    try:
        res = export(json_dir, fmt, target)
    except OSError as e:
        err.print(cannot_write(target, os_reason(e)), markup=False)
        raise typer.Exit(EXIT_USAGE) from None
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
    force: Annotated[
        bool, typer.Option("--force", help="draw over a PDF whose sha256 is not the one the JSON was extracted from")
    ] = False,
) -> None:
    """Write a static HTML page per document with every record drawn over its PDF page."""
    from extract.outputs.review import write_review, write_reviews

    _need(source, "file or folder")
    if pdf is None:
        need = "PDF_DIR (a folder of the PDFs)" if source.is_dir() else "FILE.pdf"
        err.print(f"error: --pdf {need} is needed: the pages are drawn from the PDF", markup=False)
        raise typer.Exit(EXIT_USAGE)
    _need(pdf, "file or folder")
    if source.is_dir() != pdf.is_dir():
        kind = "a folder" if source.is_dir() else "a PDF file"
        err.print(f"error: {pdf}: with {source}, --pdf must be {kind}", markup=False)
        raise typer.Exit(EXIT_USAGE)
    check_output(out_dir, err, folder=True)
    if source.is_dir():
        results = write_reviews(source, pdf, out_dir, scale=scale, inline_images=inline, force=force)
    else:
        try:
            results = [write_review(source, pdf, out_dir, scale=scale, inline_images=inline, force=force)]
        except OSError as e:
            err.print(f"error: {e.filename or source}: {os_reason(e)}", markup=False)
            raise typer.Exit(EXIT_FAILED) from None
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
            out.print(f"{r.html}  ({r.pages} pages, {r.records} records)", markup=False)
    if len(results) > 1 or source.is_dir():
        out.print(f"{out_dir / 'index.html'}: {len(results) - failed} pages, {failed} not drawn", markup=False)
    raise typer.Exit(EXIT_FAILED if failed or not results else EXIT_OK)


def stats_cmd(
    json_dir: Annotated[Path, typer.Argument(help="folder of JSON files written by extract")],
    plot: Annotated[Path | None, typer.Option("--plot", help="also draw the counts as a PNG chart here")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the counts as JSON instead of tables")] = False,
    per_document: Annotated[bool, typer.Option(help="include the per-document table")] = True,
) -> None:
    """Counts per record type, per document and per theme, and the documents with the most warnings.

    Follow-up verdicts per State and theme (the assessed recommendations' themes, else the section's).
    """
    from extract.outputs.stats import plot_stats, plotting_problem, print_stats, stats

    _need(json_dir, "folder or file")
    if plot is not None:  # before any work: the extra, then the place to write
        missing = plotting_problem()
        if missing:
            err.print(f"error: {missing}", markup=False)
            raise typer.Exit(EXIT_USAGE)
        check_output(plot, err)
    s = stats(json_dir)
    if as_json:
        sys.stdout.write(json.dumps(s.to_dict(), indent=1, ensure_ascii=False) + "\n")
    else:
        print_stats(s, out, per_document=per_document)
    if plot is not None:
        try:
            plot_stats(s, plot)
        except OSError as e:
            err.print(cannot_write(plot, os_reason(e)), markup=False)
            raise typer.Exit(EXIT_USAGE) from None
        except RuntimeError as e:  # the plot extra vanished between the check and the drawing
            err.print(f"error: {e}", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
        err.print(f"wrote {plot}", markup=False)
    raise typer.Exit(EXIT_OK if s.documents else EXIT_FAILED)


app = typer.Typer(help="Analyst outputs: tables, review pages, counts.", no_args_is_help=True, add_completion=False)
app.command("export", cls=HelpCommand)(export_cmd)
app.command("review", cls=HelpCommand)(review_cmd)
app.command("stats", cls=HelpCommand)(stats_cmd)
