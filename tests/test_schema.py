"""The published JSON Schemas are the models' own, and outputs carry the contract's fields."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from extract.running.report import SCHEMA_FILES, schema_json
from schemas import Document, DocumentMeta

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


def test_committed_schemas_match_the_models() -> None:
    for name, model in SCHEMA_FILES.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == schema_json(model), (
            f"schemas/{name} is stale: run `upr-extract schema --out schemas/{name}`"
        )


def test_schema_command_prints_the_document_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Document"


def test_an_empty_document_has_every_contract_list() -> None:
    doc = Document(document=DocumentMeta(source_file="x.pdf", sha256="0" * 64, pages=0))
    data = json.loads(doc.model_dump_json())
    for key in (
        "sections",
        "paragraphs",
        "footnotes",
        "citations",
        "legal_articles",
        "cases",
        "recommendations",
        "themes",
        "warnings",
    ):
        assert data[key] == []
    for key in (
        "source_file",
        "sha256",
        "pages",
        "kind",
        "title",
        "organisations",
        "state_under_review",
        "language",
        "date",
        "symbol",
    ):
        assert key in data["document"]
