"""Shared fixtures: the real corpus (skipped cleanly where absent) and generated sample PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
RAW = REPO / "data" / "raw"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="../shared/corpus is absent: real-document tests need the shared corpus beside the repo"
)


def copies(data: bytes, folder: Path, n: int, name: str) -> list[Path]:
    """n copies of one PDF in `folder`, named name_0.pdf, name_1.pdf, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}_{i}.pdf" for i in range(n)]
    for p in paths:
        p.write_bytes(data)
    return paths


def corpus_pdf(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: this test reads a real document from the shared corpus")
    return path


@pytest.fixture(scope="session")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every layout variant of the sample submission, generated once per test session."""
    from extract.running import sample

    d = tmp_path_factory.mktemp("variants")
    return {v: sample.write_submission(d / f"sample_{v}.pdf", v) for v in sample.VARIANTS}


@pytest.fixture(scope="session")
def extracted(variants: dict[str, Path]):  # type: ignore[no-untyped-def]
    """The spine's Document for each variant (read once)."""
    from extract.running.pipeline import extract_file

    return {v: extract_file(p) for v, p in variants.items()}
