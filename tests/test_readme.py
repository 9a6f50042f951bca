"""Every command and SQL query of README.md, run against the sample, printing what the README says.

The commands are read from the README's code blocks, not copied here, so an example that stops
working (or a new one) fails this test. They run in order, in a folder holding the sample as
`data/raw/`, the way a new user would type them after the quick start. Paths that only exist
elsewhere (the shared corpus, a cluster) are replaced by the sample and a local cluster.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sqlite3
from importlib.util import find_spec
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
RAW = REPO / "data" / "raw"

SUBSTITUTE = {
    "../shared/corpus": "data/raw",  # bench: the sample stands in for the corpus
    "/shared/pdfs": "data/raw",
    "/shared/json": "data/cluster_out",
    "tcp://HOST:8786": "local",  # a LocalCluster stands in for the remote scheduler
    "OLD_RUN NEW_RUN": "data/out data/out",
}
EXTRA_ARGS = {
    # the linearity check (10x pages) and all cores are the corpus's figures; here one pass, one worker
    "bench": ["--scale", "0", "--jobs", "1"],
}
MENTIONS = {"upr-extract link": "the command named in prose (its example is in the command table)"}
NOT_RUN = {
    "python -m pytest": "the test suite itself",
    "python cli.py extract <the 16 gold PDFs>": "needs ../shared/gold (scored by ../shared/eval/score.py)",
    "dask ": "the cluster's own processes; `--scheduler local` runs the same path",
    ".venv/bin/python -m pytest": "the browser tests themselves",
}


def _blocks(lang: str = "") -> list[str]:
    """The README's fenced code blocks of one language ("" = no language), fence by fence."""
    blocks: list[str] = []
    current: list[str] | None = None
    current_lang = ""
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current, current_lang = [], line[3:].strip()
            else:
                if current_lang == lang:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def readme_commands() -> list[str]:
    """Every `upr-extract ...` line of the README's code blocks and inline `code` spans that is a
    whole command (not a placeholder like `diff OLD NEW`), comments cut off."""
    found: list[str] = []
    for block in _blocks():
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if "upr-extract " in line:
                found.append("upr-extract " + line.split("upr-extract ", 1)[1].strip())
    for span in re.findall(r"`(upr-extract [^`]+)`", README):
        if span not in MENTIONS and not re.search(r"[A-Z]{2,}", span.replace("OLD_RUN NEW_RUN", "")):
            found.append(span)
    return list(dict.fromkeys(found))


def test_the_readme_lists_every_command() -> None:
    table = set(re.findall(r"^\| `(\w+)[ `]", README, flags=re.M))
    registered = {c.name or (c.callback.__name__ if c.callback else "") for c in cli.app.registered_commands}
    assert table == registered


def test_commands_outside_the_sample_are_named() -> None:
    """A code-block line that is neither an upr-extract command nor listed in NOT_RUN is an example
    this test would miss."""
    for block in _blocks():
        for line in block.splitlines():
            line = line.strip()
            if not line or "upr-extract " in line or line.startswith(("SELECT", "FROM", "JOIN", "WHERE", "ORDER")):
                continue
            if re.match(r"^(python|\.venv|dask|pip|apt)", line):
                assert any(line.startswith(k) or k in line for k in NOT_RUN) or "upr-extract" in line, line


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(RAW, d / "data" / "raw")
    return d


def _run(command: str) -> tuple[int, str, str]:
    for old, new in SUBSTITUTE.items():
        command = command.replace(old, new)
    args = shlex.split(command)[1:]
    args += EXTRA_ARGS.get(args[0], [])
    r = CliRunner().invoke(cli.app, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), (command, r.exception)
    return r.exit_code, r.stdout, r.stderr


def test_every_readme_command_runs_on_the_sample(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    commands = readme_commands()
    assert commands[0] == "upr-extract extract data/raw --out data/out"  # the quick start comes first
    seen: set[str] = set()
    for command in commands:
        args = shlex.split(command)
        if "--plot" in args and find_spec("matplotlib") is None:
            continue  # the `plot` extra, installed in CI (.ci/run); test_stats covers its absence
        if "--scheduler" in args and find_spec("distributed") is None:
            continue  # the `dask` extra, installed in CI
        code, out, err = _run(command)
        assert code == 0, (command, out, err)
        assert "Traceback" not in out + err
        seen.add(args[1])
        if args[1] == "export":
            assert re.search(r": 3 documents; \d+ recommendations", out), out
        if "--json" in args and args[1] == "stats":
            assert json.loads(out)["documents"]
        if args[1] == "sample":  # "regenerates data/raw/ deterministically"
            for p in RAW.glob("*.pdf"):
                assert (workdir / "data" / "raw" / p.name).read_bytes() == p.read_bytes(), p.name
    for out_path in ("upr.sqlite", "upr.xlsx", "tables/recommendations.csv", "upr.jsonl", "review/index.html"):
        assert (workdir / out_path).exists(), out_path
    assert (workdir / "review" / "un_wgreport_veloria_2018.html").is_file()
    assert {"extract", "review", "export", "stats", "diff", "sample", "bench"} <= seen

    query = _blocks("sql")
    assert len(query) == 1
    with sqlite3.connect(workdir / "upr.sqlite") as db:
        rows = db.execute(query[0]).fetchall()
    printed = next(b for b in _blocks() if b.startswith(rows[0][0] if rows else "")) if rows else ""
    assert ["|".join("" if v is None else str(v) for v in row) for row in rows] == printed.splitlines()
    assert len(rows) == 2  # the two of the sample submission that ask for freedom of expression


def test_readme_theme_ids_exist() -> None:
    """A theme id the README filters on is one of the taxonomy's."""
    themes = json.loads((REPO / "extract" / "data" / "uhri_themes.json").read_text(encoding="utf-8"))
    ids = {t["id"] for t in themes["themes"]}
    used = re.findall(r"theme = '([^']+)'", README)
    assert used and set(used) <= ids


TABLE_PLACEHOLDERS = [  # in order: the more specific first
    ("PATH... --out DIR", "data/raw --out data/out"),
    ("FILE.json...", "data/out/un_wgreport_veloria_2018.json data/links.json"),
    (
        "FILE.json --pdf FILE.pdf --out DIR",
        "data/out/un_wgreport_veloria_2018.json --pdf data/raw/un_wgreport_veloria_2018.pdf --out review_table",
    ),
    ("link DIR --out FILE.json", "link data/out --out data/links.json"),
    ("FILE.json", "data/out/un_wgreport_veloria_2018.json"),
    ("csv\\|xlsx\\|sqlite\\|jsonl --out PATH", "jsonl --out table.jsonl"),
    ("--plot FILE.png", "--plot table.png"),
    ("--out FILE", "--out schema.json"),
    ("OLD NEW", "data/out data/out"),
    ("PATH...", "data/raw"),
    ("DIR", "data/out"),
]


def test_every_command_of_the_table_runs_on_the_sample(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command table's forms, placeholders filled with the sample, optional parts included."""
    monkeypatch.chdir(workdir)
    rows = re.findall(r"^\| `([^`]+)` \|", README, flags=re.M)
    order = sorted(rows, key=lambda r: (not r.startswith("extract"), not r.startswith("link")))
    for form in order:
        command = form.replace("[", "").replace("]", "")
        if command.startswith("sample"):
            command = "sample data/raw"
        for old, new in TABLE_PLACEHOLDERS:
            command = command.replace(old, new)
        if command.startswith("stats") and find_spec("matplotlib") is None:
            command = command.split(" --plot")[0]
        code, out, err = _run("upr-extract " + command)
        assert code == 0, (form, command, out, err)
        assert not re.search(r"\b[A-Z]{3,}\b", command), command  # no placeholder left
    assert "2 valid, 0 invalid" in _run("upr-extract validate " + TABLE_PLACEHOLDERS[1][1])[1]
