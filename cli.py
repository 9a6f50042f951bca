"""upr-extract: UN Universal Periodic Review PDFs → validated JSON.

The CLI only parses options and calls the pipeline; the work lives in extract/.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

app = typer.Typer(
    name="upr-extract",
    help="Turn UN Universal Periodic Review PDFs into validated, structured JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)  # a data line is one line, however long

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Reader(StrEnum):
    """The PDF engines behind `--reader`; both give the same RawDocument."""

    pdfplumber = "pdfplumber"
    pdfium = "pdfium"


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively)")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="folder for the JSON files")] = Path("data/out"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="worker processes (0 = all cores)")] = 0,
    force: Annotated[bool, typer.Option("--force", help="re-extract even when the JSON is up to date")] = False,
    max_pages: Annotated[int, typer.Option(min=1, help="refuse documents with more pages")] = 1000,
    max_seconds: Annotated[
        float, typer.Option(min=0, help="stop a document after this many seconds (0 = no limit)")
    ] = 300.0,
    max_chars: Annotated[int, typer.Option(min=1, help="refuse documents with more characters")] = 5_000_000,
    max_memory: Annotated[
        int, typer.Option(min=0, help="MB of address space one document may use (0 = no cap)")
    ] = 4096,
    nlp: Annotated[str | None, typer.Option(help="spaCy pipeline for person names (default by language)")] = None,
    reader: Annotated[
        Reader, typer.Option(help="PDF engine: pdfplumber (default) or pdfium (faster, same output shape)")
    ] = Reader.pdfplumber,
    scheduler: Annotated[
        str | None, typer.Option(help="run on a Dask cluster at this address ('local' = a LocalCluster)")
    ] = None,
    link_file: Annotated[
        Path | None, typer.Option("--link", help="also write the review cycle's link file of this batch here")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar or summary")] = False,
) -> None:
    """Extract every PDF into OUT/<name>.json (skipping those already up to date)."""
    from extract.running.batch import Job, Limits, discover, output_paths, run_batch, sigterm_as_interrupt
    from extract.running.report import batch_summary, display_name, failure_line

    pdfs, problems = discover(paths)
    for r in problems:
        err.print(failure_line(r), markup=False)
    if not pdfs:  # nothing to do: exit before any output folder is made
        if not problems:
            err.print("error: no PDF files found in the given paths", markup=False)
        raise typer.Exit(EXIT_FAILED if problems else EXIT_USAGE)
    if nlp and not scheduler:
        from extract.running.report import nlp_problem

        why = nlp_problem(nlp)
        if why:
            err.print(f"error: --nlp {nlp}: {why}", markup=False)
            raise typer.Exit(EXIT_USAGE)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(out_dir, os.W_OK):
            raise PermissionError(13, "permission denied", str(out_dir))
    except OSError as e:
        err.print(f"error: {out_dir}: output folder is not writable ({e.strerror or e})", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    limits = Limits(max_pages=max_pages, max_seconds=max_seconds, max_chars=max_chars, max_memory_mb=max_memory)
    todo = [Job(p, o, force) for p, o in zip(pdfs, output_paths(pdfs, out_dir), strict=True)]
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    t0 = time.perf_counter()
    try:
        with sigterm_as_interrupt():
            if scheduler:
                from extract.running.distributed import DaskUnavailable, run_on_dask

                def on_done(r) -> None:  # type: ignore[no-untyped-def]
                    if r.status == "failed":
                        err.print(failure_line(r), markup=False)

                try:
                    results = run_on_dask(
                        todo, limits, scheduler, nlp, workers=jobs or None, on_result=on_done, reader=reader.value
                    )
                except DaskUnavailable as e:
                    err.print(f"error: {e}", markup=False)
                    raise typer.Exit(EXIT_USAGE) from None
            else:
                with Progress(
                    TextColumn("[bold]extracting"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    TextColumn("{task.description}"),
                    console=err,
                    disable=quiet or not err.is_terminal,
                    transient=True,
                ) as progress:
                    waiting = {j.pdf: None for j in todo}  # in input order: the first is the one being worked on

                    def working_on() -> str:
                        return display_name(Path(next(iter(waiting)).name)) if waiting else ""

                    task = progress.add_task(working_on(), total=len(todo))

                    def on_result(r) -> None:  # type: ignore[no-untyped-def]
                        if r.status == "failed":
                            progress.console.print(failure_line(r), markup=False)
                        waiting.pop(r.pdf, None)
                        progress.update(task, advance=1, description=working_on())

                    results = run_batch(
                        todo, limits, min(workers, max(1, len(todo))), nlp, on_result, reader=reader.value
                    )
    except KeyboardInterrupt:
        err.print("interrupted: finished files are written; run the same command again to do the rest", markup=False)
        raise typer.Exit(130) from None
    results = problems + results
    if not quiet:
        batch_summary(results, err, time.perf_counter() - t0)
    if link_file is not None:
        from extract.outputs.files import write_atomic
        from extract.outputs.link import link_files

        written = [r.out for r in results if r.status in ("ok", "skipped") and r.out is not None]
        links = link_files(written)
        write_atomic(link_file, (links.model_dump_json(indent=1) + "\n").encode("utf-8"))
        if not quiet:
            err.print(f"links: {len(links.links)} cited recommendations, {len(links.warnings)} warnings → {link_file}")
    raise typer.Exit(EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK)


@app.command()
def schema(
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of stdout")] = None,
) -> None:
    """Print (or write) the JSON Schema of the output documents."""
    from extract.outputs.files import write_atomic
    from extract.running.report import schema_json

    text = schema_json()
    if out_file is None:
        sys.stdout.write(text)
    else:
        _write_or_exit(out_file, text.encode("utf-8"), write_atomic)


@app.command()
def validate(files: Annotated[list[Path], typer.Argument(help="JSON files written by extract")]) -> None:
    """Check JSON files against the schema; one line per invalid file; exit 1 if any is."""
    from extract.running.report import validate_file

    bad = 0
    for f in files:
        problem = validate_file(f)
        if problem:
            bad += 1
            out.print(problem, markup=False)
    out.print(f"{len(files) - bad} valid, {bad} invalid", markup=False)
    raise typer.Exit(EXIT_FAILED if bad else EXIT_OK)


@app.command()
def show(file: Annotated[Path, typer.Argument(help="a JSON file written by extract")]) -> None:
    """A readable summary of one extracted document."""
    from extract.running.report import show_document, validate_file

    if file.suffix.lower() == ".pdf":
        err.print(f"error: {file}: a PDF; run `upr-extract extract {file}` first and show its JSON", markup=False)
        raise typer.Exit(EXIT_USAGE)
    problem = validate_file(file)
    if problem:
        err.print(f"error: {problem}", markup=False)
        raise typer.Exit(EXIT_FAILED)
    show_document(file, out)


@app.command()
def link(
    folder: Annotated[Path, typer.Argument(help="folder of JSON files written by extract (one review cycle)")],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="the link file to write")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no summary")] = False,
) -> None:
    """Link the cycle: each recommendation the documents cite → the report that holds it, its State and position."""
    from extract.outputs.files import load_run, write_atomic
    from extract.outputs.link import link_documents, print_summary
    from extract.running.report import check_output

    if not folder.is_dir():
        err.print(f"error: {folder}: {'not a folder' if folder.exists() else 'no such folder'}", markup=False)
        raise typer.Exit(EXIT_USAGE if folder.exists() else EXIT_FAILED)
    check_output(out_file, err)
    loaded = load_run(folder)
    docs, problems = [doc for _, doc in loaded.documents], loaded.problems
    for p in problems:
        err.print(f"error: {p}", markup=False)
    if not docs:
        err.print(f"error: {folder}: no document JSON found", markup=False)
        raise typer.Exit(EXIT_FAILED)
    links = link_documents(docs)
    try:
        write_atomic(out_file, (links.model_dump_json(indent=2) + "\n").encode("utf-8"))
    except OSError as e:
        err.print(f"error: {out_file}: cannot write ({e.strerror or e})", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    if not quiet:
        print_summary(links, err)
    raise typer.Exit(EXIT_FAILED if problems else EXIT_OK)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="the earlier run: a folder of JSON files (or one JSON file)")],
    new: Annotated[Path, typer.Argument(help="the later run, the same way")],
    detail: Annotated[int, typer.Option(min=0, help="records shown per change (0 = counts only)")] = 5,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="also write every difference to this JSON file")
    ] = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="exit 1 when the runs differ, as git diff does")
    ] = False,
) -> None:
    """Per document and record type, what the later run added, removed or changed."""
    from extract.outputs.diff import as_json, diff_runs, format_diff, summary
    from extract.outputs.files import write_atomic
    from extract.running.report import check_output

    for p in (old, new):
        if not p.exists():
            err.print(f"error: {p}: no such file or folder", markup=False)
            raise typer.Exit(EXIT_FAILED)
    if json_file:
        check_output(json_file, err)
    diffs = diff_runs(old, new)
    for line in format_diff(diffs, detail=detail):
        out.print(line, markup=False)
    s = summary(diffs)
    docs = s["documents"]
    out.print(
        f"{sum(docs.values())} documents: {docs.get('same', 0)} same, {docs.get('changed', 0)} changed, "
        f"{docs.get('only_old', 0)} only in {old}, {docs.get('only_new', 0)} only in {new}"
        + (f", {docs['unreadable']} unreadable" if docs.get("unreadable") else ""),
        markup=False,
    )
    if json_file:
        try:
            write_atomic(json_file, (json.dumps(as_json(diffs), ensure_ascii=False, indent=1) + "\n").encode())
        except OSError as e:
            err.print(f"error: {json_file}: cannot write ({e.strerror or e})", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
    if exit_code and docs.get("same", 0) != sum(docs.values()):
        raise typer.Exit(EXIT_FAILED)


@app.command()
def sample(
    out_dir: Annotated[Path, typer.Argument(help="folder for the sample PDFs")] = Path("data/raw"),
) -> None:
    """Write the sample PDFs (a fictional State's submissions and Working Group report)."""
    from extract.running.report import check_output
    from extract.running.sample import write_all

    check_output(out_dir, err, folder=True)
    for p in write_all(out_dir):
        out.print(str(p), markup=False)


@app.command()
def bench(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="PDF files or folders (default: ../shared/corpus, else data/raw)")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="workers of the parallel run (0 = all cores)")] = 0,
    scale: Annotated[
        int, typer.Option(min=0, help="linearity check: 1x pages against this many times (<2 = skip)")
    ] = 10,
    profile: Annotated[bool, typer.Option("--profile", help="add a cProfile run and print its hot spots")] = False,
    json_file: Annotated[Path | None, typer.Option("--json", help="write the figures to this JSON file")] = None,
    reader: Annotated[list[Reader] | None, typer.Option(help="reader(s) of the pipeline runs (default: both)")] = None,
) -> None:
    """Time pdfplumber alone against the whole pipeline (1 process and --jobs), pages/s, peak RSS."""
    from extract.running import bench as bench_mod
    from extract.running.report import check_output

    if json_file:
        check_output(json_file, err)
    looked = paths or bench_mod.default_paths()
    for p in paths or []:
        if not p.exists():
            err.print(f"error: {p}: no such file or folder", markup=False)
            raise typer.Exit(EXIT_FAILED)
    report = bench_mod.run(
        paths or None,
        jobs=jobs,
        scale=scale,
        profile=profile,
        readers=[r.value for r in reader] if reader else None,
        on_phase=lambda p: err.print(f"{p.name}: {p.seconds:.1f} s", markup=False),
    )
    if not report.files:
        where = ", ".join(str(p) for p in looked)
        err.print(f"error: no PDF files found in {where}", markup=False)
        raise typer.Exit(EXIT_USAGE)
    bench_mod.print_report(report, out)
    if json_file:
        _write_or_exit(json_file, report, lambda path, r: bench_mod.write_json(r, path))


def _write_or_exit(path: Path, what: Any, write: Callable[[Path, Any], object]) -> None:
    """Write `what` with `write`, or end in one line naming the path (exit 2) when it cannot be written."""
    from extract.running.report import cannot_write, check_output, os_reason

    check_output(path, err)
    try:
        write(path, what)
    except OSError as e:
        err.print(cannot_write(path, os_reason(e)), markup=False)
        raise typer.Exit(EXIT_USAGE) from None


from extract.running.cli_analyst import (  # noqa: E402  (commands live with their module)
    HelpCommand,
    export_cmd,
    review_cmd,
    stats_cmd,
)
from extract.running.report import one_line_errors  # noqa: E402

app.command("export")(export_cmd)
app.command("review")(review_cmd)
app.command("stats")(stats_cmd)
for _command in app.registered_commands:  # every command: one line on an unforeseen OSError, plain help
    _command.callback = one_line_errors(_command.callback) if _command.callback else None
    _command.cls = HelpCommand


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
