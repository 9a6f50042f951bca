"""The whole shared corpus, end to end (slow: run in CI with `pytest -m slow`).

Every text PDF must give a JSON that validates; scanned ones a JSON that says
so; the damaged one a one-line error. Then two properties that must hold on
every real document: no paragraph line is printed where a note line is, and
no paragraph holds a line that repeats at the same place on page after page
(a running header or footer). Finally the shared scorer on the gold set, held
to the issues' bars.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from schemas import Document
from tests.conftest import CORPUS, REPO, SHARED, needs_corpus

pytestmark = [pytest.mark.slow, needs_corpus]


def manifest() -> dict[str, dict[str, str]]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as f:
        return {row["file"]: row for row in csv.DictReader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    from extract.running.batch import Job, Limits, discover, output_paths, run_batch

    out = tmp_path_factory.mktemp("corpus_json")
    pdfs, problems = discover([CORPUS])
    assert not problems
    jobs = [Job(p, o) for p, o in zip(pdfs, output_paths(pdfs, out), strict=True)]
    results = run_batch(jobs, Limits(), workers=os.cpu_count() or 1)
    return out, {r.pdf.name: r for r in results}


def test_every_text_pdf_gives_a_valid_json(corpus_out: tuple[Path, dict]) -> None:
    out, results = corpus_out
    for name, row in manifest().items():
        r = results[name]
        if row["has_text_layer"] == "yes":
            assert r.status == "ok", (name, r.message)
            Document.model_validate_json((out / f"{Path(name).stem}.json").read_bytes())


def test_scanned_and_damaged_pdfs_say_what_is_wrong(corpus_out: tuple[Path, dict]) -> None:
    out, results = corpus_out
    for name, row in manifest().items():
        if row["has_text_layer"] == "yes":
            continue
        r = results[name]
        if r.status == "failed":
            assert r.message and "\n" not in r.message
        else:
            doc = Document.model_validate_json((out / f"{Path(name).stem}.json").read_bytes())
            assert any(w.code == "no_text_layer" for w in doc.warnings), name


def _docs(out: Path) -> list[Document]:
    return [Document.model_validate_json(p.read_bytes()) for p in sorted(out.glob("*.json"))]


def test_no_note_text_inside_paragraphs(corpus_out: tuple[Path, dict]) -> None:
    for doc in _docs(corpus_out[0]):
        notes = defaultdict(list)
        for f in doc.footnotes:
            for sp in f.spans:
                notes[sp.page].append(sp.bbox)
        for p in doc.paragraphs:
            for sp in p.spans:
                for box in notes[sp.page]:
                    w = min(box[2], sp.bbox[2]) - max(box[0], sp.bbox[0])
                    h = min(box[3], sp.bbox[3]) - max(box[1], sp.bbox[1])
                    assert w <= 1 or h <= 1, (doc.document.source_file, p.id, p.text[sp.start : sp.end])


def test_no_running_header_or_footer_inside_paragraphs(corpus_out: tuple[Path, dict]) -> None:
    for doc in _docs(corpus_out[0]):
        if doc.document.pages < 4:
            continue
        seen: dict[tuple[str, int], set[int]] = defaultdict(set)
        for p in doc.paragraphs:
            for sp in p.spans:
                line = p.text[sp.start : sp.end].strip()
                if len(line) >= 8:
                    seen[(line, round(sp.bbox[1] / 4))].add(sp.page)
        repeated = [k for k, pages in seen.items() if len(pages) >= max(3, doc.document.pages // 2)]
        assert not repeated, (doc.document.source_file, repeated[:3])


def test_gold_scores_meet_the_issue_bars(corpus_out: tuple[Path, dict], tmp_path: Path) -> None:
    """The shared scorer on ../shared/gold (measurement only: gold is never read to extract)."""
    gold = SHARED / "gold"
    scorer = SHARED / "eval" / "score.py"
    if not gold.is_dir() or not scorer.is_file():
        pytest.skip("../shared/gold or its scorer is absent")
    out = corpus_out[0]

    def figures(match: str) -> dict[str, dict]:
        target = tmp_path / "figures.json"
        subprocess.run(
            [
                sys.executable,
                str(scorer),
                "--gold",
                str(gold),
                "--pred",
                str(out),
                "--match",
                match,
                "--quiet",
                "--json",
                str(target),
            ],
            check=True,
            cwd=REPO,
            capture_output=True,
        )
        return json.loads(target.read_text())["total"]

    subs = figures("^(?!un_)")
    bars = {
        "sections": 0.90,
        "section_levels": 0.90,
        "footnotes": 0.95,
        "un_symbols": 0.95,
        "prior_rec_numbers": 0.95,
        "prior_rec_states": 0.90,
        "legal_articles": 0.85,
        "cases": 0.85,
        "recommendations": 0.90,
        "doc_kind": 0.95,
        "doc_state": 0.95,
        "doc_organisations": 0.90,
    }
    for measure, bar in bars.items():
        assert subs[measure]["f1"] >= bar, (measure, subs[measure])
    assert subs["footnote_anchors"]["r"] >= 0.90
    reports = figures("^un_wgreport")
    for measure, bar in {
        "recommendations": 0.98,
        "rec_numbers": 0.98,
        "rec_states": 0.97,
        "rec_positions": 0.95,
        "rec_themes": 0.60,
    }.items():
        assert reports[measure]["f1"] >= bar, (measure, reports[measure])
