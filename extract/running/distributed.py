"""`extract --scheduler ADDRESS`: the same batch on a Dask distributed cluster.

One PDF → one JSON has no shared state, so an archive maps onto an existing
engine as a plain `map`: each task is `extract.running.batch.run_job`, which already
turns every failure into a Result and writes atomically, so a task never
raises and never leaves half a file. Dask adds what one machine lacks:
many hosts, work stealing, and rerunning a task whose worker died (a task that
kills workers repeatedly comes back as a failed Result naming its file).

Dask is an optional extra (`pip install '.[dask]'`); it is imported only here,
only when asked for. Workers must see the input PDFs and the output folder at
the same paths as the client (a shared filesystem), and have this package
installed (spaCy models are loaded once per worker process and reused).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from extract.running.batch import Job, Limits, Result, run_job

LOCAL = "local"
"""The scheduler address that means: start a LocalCluster on this machine."""

INSTALL_HINT = "the Dask extra is not installed: pip install 'upr-extract[dask]' (or: pip install '.[dask]')"


class DaskUnavailable(RuntimeError):
    """Dask (distributed) is needed for --scheduler and is missing."""


def _dask() -> Any:
    try:
        import dask.distributed as dd
    except ImportError as e:
        raise DaskUnavailable(INSTALL_HINT) from e
    return dd


def run_on_dask(
    jobs: list[Job],
    limits: Limits,
    scheduler: str,
    nlp: str | None = None,
    *,
    workers: int | None = None,
    on_result: Callable[[Result], None] | None = None,
    processes: bool = True,
    reader: str = "pdfplumber",
) -> list[Result]:
    """Run every job as a Dask task; results in input order.

    `scheduler` is a scheduler address (`tcp://host:8786`) or 'local' for a
    LocalCluster of `workers` single-threaded worker processes (default: all
    cores; `processes=False` runs them as threads in this process, for tests).
    """
    dd = _dask()
    if not jobs:
        return []
    if scheduler == LOCAL:
        n = workers or os.cpu_count() or 1
        with (
            dd.LocalCluster(
                n_workers=min(n, len(jobs)),
                threads_per_worker=1,
                processes=processes,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as cluster,
            dd.Client(cluster) as client,
        ):
            return _run(client, dd, jobs, limits, nlp, on_result, reader)
    with dd.Client(scheduler) as client:
        return _run(client, dd, jobs, limits, nlp, on_result, reader)


def _run(
    client: Any,
    dd: Any,
    jobs: list[Job],
    limits: Limits,
    nlp: str | None,
    on_result: Callable[[Result], None] | None,
    reader: str = "pdfplumber",
) -> list[Result]:
    # Absolute paths: a worker on another host has its own working folder.
    tasks = [replace(j, pdf=j.pdf.absolute(), out=j.out.absolute()) for j in jobs]
    futures = client.map(run_job, tasks, limits=limits, nlp=nlp, reader=reader, pure=False)
    index = {f.key: i for i, f in enumerate(futures)}
    results: dict[int, Result] = {}
    try:
        for fut in dd.as_completed(futures):
            i = index[fut.key]
            r = _result(fut, jobs[i])
            r.pdf = jobs[i].pdf  # reported as the user named it
            if r.out is not None:
                r.out = jobs[i].out
            results[i] = r
            if on_result:
                on_result(results[i])
    except KeyboardInterrupt:
        client.cancel(futures)  # running tasks finish their document; queued ones never start
        raise
    return [results[i] for i in range(len(jobs))]


def _result(fut: Any, job: Job) -> Result:
    """A task's Result; a task that errored (its worker kept dying) becomes a failed Result."""
    if fut.status == "finished":
        return fut.result()
    try:
        exc = fut.exception()
    except Exception as e:  # cancelled
        exc = e
    name = type(exc).__name__
    if name == "KilledWorker":
        message = "worker process died on this document (killed by the system, out of memory, or a crash)"
    else:
        message = f"task failed: {name}: {exc}"
    return Result(job.pdf, "failed", message=" ".join(message.split())[:300])
