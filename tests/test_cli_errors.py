"""Every command against places it cannot use: one line naming the path and the reason, the README's
exit codes (1 an input failed, 2 a usage error), never a traceback, and nothing half-made.

Two kinds of bad place: a path under a plain file (fails for every user, root included) and a
read-only folder (chmod; skipped as root, whom chmod does not stop).
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import cli
from extract.running import sample
from schemas import CycleLinks, Document, ExtractWarning

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
WG = "un_wgreport_veloria_2018"


def _invoke(*args: str) -> tuple[int, str, str, BaseException | None]:
    r = CliRunner().invoke(cli.app, list(args))
    return r.exit_code, r.stdout, r.stderr, r.exception


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample extracted once: the inputs every analyst command reads."""
    out = tmp_path_factory.mktemp("cli_errors") / "out"
    code, _, err, _ = _invoke("extract", str(RAW), "--out", str(out), "--jobs", "1", "-q")
    assert code == 0, err
    return out


def _writes(bad: Path, out: Path) -> list[tuple[list[str], Path]]:
    """Commands whose output would go under `bad`, and the path each must name."""
    pdf = RAW / f"{WG}.pdf"
    return [
        (["schema", "--out", str(bad / "s.json")], bad / "s.json"),
        (["sample", str(bad / "raw")], bad / "raw"),
        (["stats", str(out), "--plot", str(bad / "p.png")], bad / "p.png"),
        (["export", str(out), "--format", "sqlite", "--out", str(bad / "u.sqlite")], bad / "u.sqlite"),
        (["export", str(out), "--format", "csv", "--out", str(bad / "csv")], bad / "csv"),
        (["link", str(out), "--out", str(bad / "l.json")], bad / "l.json"),
        (["review", str(out / f"{WG}.json"), "--pdf", str(pdf), "--out", str(bad / "rev")], bad / "rev"),
        (["review", str(out), "--pdf", str(RAW), "--out", str(bad / "rev")], bad / "rev"),
        (["diff", str(out), str(out), "--json", str(bad / "d.json")], bad / "d.json"),
        (["bench", str(pdf), "--scale", "0", "--json", str(bad / "b.json")], bad / "b.json"),
        (["extract", str(pdf), "--out", str(bad / "o")], bad / "o"),
    ]


def _reads(bad: Path, out: Path, tmp: Path) -> list[tuple[list[str], Path]]:
    """Commands whose input would be under `bad` (which cannot exist)."""
    missing = bad / "x"
    return [
        (["validate", str(missing)], missing),
        (["show", str(missing)], missing),
        (["stats", str(missing)], missing),
        (["export", str(missing), "--out", str(tmp / "u.sqlite")], missing),
        (["link", str(missing), "--out", str(tmp / "l.json")], missing),
        (["review", str(missing), "--pdf", str(RAW), "--out", str(tmp / "rev")], missing),
        (["diff", str(missing), str(out)], missing),
        (["bench", str(missing)], missing),
        (["extract", str(missing), "--out", str(tmp / "o")], missing),
    ]


def _one_line(code: int, out: str, err: str, exc: BaseException | None, path: Path, want: int) -> None:
    assert isinstance(exc, SystemExit) or exc is None, repr(exc)
    assert "Traceback" not in out + err
    assert code == want, (code, out, err)
    naming = [ln for ln in (out + err).splitlines() if str(path) in ln]
    assert len(naming) == 1, (out, err)
    assert naming[0].startswith(("error:", f"{path}:")), naming


@pytest.fixture
def under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "plain").write_text("not a folder")
    return tmp_path / "plain" / "sub"


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod does not stop root from writing (the under-a-file case covers it)")
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield d
    d.chmod(stat.S_IRWXU)


def test_every_command_under_a_plain_file_says_so_in_one_line(under_a_file: Path, run: Path, tmp_path: Path) -> None:
    for args, path in _writes(under_a_file, run):
        _one_line(*_invoke(*args), path, 2)
        assert "Not a directory" in _invoke(*args)[2], args
    for args, path in _reads(under_a_file, run, tmp_path):
        _one_line(*_invoke(*args), path, 1)
    assert not (tmp_path / "o").exists()  # a missing input makes no output folder


def test_every_command_in_a_read_only_folder_says_so_in_one_line(read_only: Path, run: Path) -> None:
    for args, path in _writes(read_only, run):
        code, out, err, exc = _invoke(*args)
        _one_line(code, out, err, exc, path, 2)
        assert "ermission denied" in err or "ead-only" in err, err
    assert list(read_only.iterdir()) == []


def test_a_real_process_ends_in_one_line(under_a_file: Path) -> None:
    p = subprocess.run(
        [sys.executable, str(REPO / "cli.py"), "schema", "--out", str(under_a_file / "s.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2 and p.stderr == f"error: {under_a_file / 's.json'}: cannot write (Not a directory)\n"


def test_an_unforeseen_os_error_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The guard around every command, for an OSError no check saw coming."""
    from extract.running import report

    def vanished() -> str:
        raise FileNotFoundError(2, "No such file or directory", str(tmp_path / "gone.json"))

    monkeypatch.setattr(report, "schema_json", vanished)
    code, _, err, _ = _invoke("schema")
    assert code == 1 and err == f"error: {tmp_path / 'gone.json'}: No such file or directory\n"


# ---------------------------------------------------------------- what the commands say


def test_show_a_pdf_says_to_extract_first() -> None:
    code, _, err, _ = _invoke("show", str(RAW / f"{WG}.pdf"))
    assert code == 2 and "run `upr-extract extract" in err and "Traceback" not in err


def test_bad_nlp_is_checked_once_before_the_batch(tmp_path: Path) -> None:
    code, _, err, _ = _invoke("extract", str(RAW), "--out", str(tmp_path / "o"), "--nlp", "no_such_pipeline")
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("error: --nlp no_such_pipeline: cannot load")
    assert not (tmp_path / "o").exists()


def test_bench_without_pdfs_says_where_it_looked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.running import bench

    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(bench, "default_paths", lambda: [empty])
    code, _, err, _ = _invoke("bench")
    assert code == 2 and err == f"error: no PDF files found in {empty}\n"


def test_review_needs_the_pdf_and_the_right_one(run: Path, tmp_path: Path) -> None:
    code, _, err, _ = _invoke("review", str(run), "--out", str(tmp_path / "r"))
    assert code == 2 and "--pdf" in err
    other = tmp_path / f"{WG}.pdf"
    other.write_bytes((RAW / f"{WG}.pdf").read_bytes() + b"\n% not the same file\n")
    code, out, err, _ = _invoke("review", str(run / f"{WG}.json"), "--pdf", str(other), "--out", str(tmp_path / "r"))
    assert code == 1 and "sha256 differs" in err and "--force" in err and not (tmp_path / "r").exists()
    args = ["review", str(run / f"{WG}.json"), "--pdf", str(other), "--out", str(tmp_path / "r"), "--force"]
    code, out, err, _ = _invoke(*args)
    assert code == 0 and "records)" in out and (tmp_path / "r" / f"{WG}.html").is_file()


def test_validate_recognises_link_files(run: Path, tmp_path: Path) -> None:
    links = tmp_path / "links.json"
    assert _invoke("link", str(run), "--out", str(links), "-q")[0] == 0
    code, out, _, _ = _invoke("validate", str(links), str(run / f"{WG}.json"))
    assert code == 0 and out.strip().endswith("2 valid, 0 invalid")
    bad = tmp_path / "bad_links.json"
    data = json.loads(links.read_text())
    data["links"] = "not a list"
    bad.write_text(json.dumps(data))
    code, out, _, _ = _invoke("validate", str(bad))
    assert code == 1 and "invalid link file" in out
    CycleLinks.model_validate_json(links.read_bytes())


def test_up_to_date_files_are_not_counted_as_zero_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(sample.tiny_pdf_bytes())
    args = ("extract", str(pdf), "--out", str(tmp_path / "o"), "--jobs", "1")
    assert _invoke(*args)[0] == 0
    code, _, err, _ = _invoke(*args)
    row = next(ln for ln in err.splitlines() if ln.strip().startswith("up to date"))
    assert code == 0 and row.split()[5:] == ["│", "-", "│", "-", "│", "-"], row


def test_progress_bar_names_the_file_being_worked_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=buf, force_terminal=True, width=200, highlight=False))
    for name in ("first_fictional.pdf", "second_fictional.pdf"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_bytes(sample.tiny_pdf_bytes())
    assert _invoke("extract", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--jobs", "1")[0] == 0
    frames = buf.getvalue().split("\r")
    # before anything finished (0/2), the bar already names the file being read
    assert any("0/2" in f and "first_fictional.pdf" in f for f in frames), frames[:3]


# ---------------------------------------------------------------- printed text is the text read


def _doc_with(tmp_path: Path, text: str, n_recs: int, source: str = "fictional.pdf") -> Path:
    from schemas import DocumentMeta, Recommendation

    doc = Document(
        document=DocumentMeta(source_file=source, sha256="0" * 64, pages=1, kind="ngo_submission", title=text),
        recommendations=[
            Recommendation(id=f"r{i}", text=f"{text} {i}", page=1, bbox=(0, 0, 1, 1)) for i in range(n_recs)
        ],
        warnings=[ExtractWarning(code="no_text_layer", message=text, page=1)],
    )
    p = tmp_path / "fictional.json"
    p.write_text(doc.model_dump_json(), encoding="utf-8")
    return p


def test_show_prints_brackets_as_read(tmp_path: Path) -> None:
    text = "[disseminate] information [/] [bold]x"
    code, out, _, _ = _invoke("show", str(_doc_with(tmp_path, text, 9)))
    assert code == 0
    assert out.count(text) >= 1 + 9 + 1  # title, each recommendation, the warning
    assert "[no_text_layer]" in out
    assert "recommendations (9)" in out and "first 10 of 9" not in out


def test_stats_prints_brackets_as_read(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir()
    p = _doc_with(tmp_path, "[disseminate] information", 1, source="[disseminate] doc.pdf")
    p.rename(folder / "doc.json")
    code, out, _, _ = _invoke("stats", str(folder))
    assert code == 0 and "[disseminate] doc" in out and "no_text_layer" in out


def test_help_shows_placeholders_and_choices() -> None:
    for command in ("extract", "export", "review", "bench", "validate"):
        r = CliRunner().invoke(cli.app, [command, "--help"], env={"COLUMNS": "200"})
        assert r.exit_code == 0
        assert "<bool>" not in r.stdout and "{" not in r.stdout, r.stdout
    r = CliRunner().invoke(cli.app, ["extract", "--help"], env={"COLUMNS": "200"})
    assert "PATHS..." in r.stdout
    r = CliRunner().invoke(cli.app, ["export", "--help"], env={"COLUMNS": "200"})
    assert "csv|xlsx|sqlite|jsonl" in r.stdout


def test_plot_extra_is_checked_before_any_work(run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extract.outputs import stats

    def no_work(*_: object) -> None:
        raise AssertionError("counted before checking the plot extra")

    monkeypatch.setattr(stats, "plotting_problem", lambda: stats.PLOT_HINT)
    monkeypatch.setattr(stats, "stats", no_work)
    code, _, err, _ = _invoke("stats", str(run), "--plot", str(tmp_path / "p.png"))
    assert code == 2 and err == f"error: {stats.PLOT_HINT}\n" and not (tmp_path / "p.png").exists()
