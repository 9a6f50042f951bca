"""Analyst tables: one row per record, keys unique per document, the same columns in every format.

Documents here are small fictional ones built in the test (and the docs' demo
document), so the expectations are exact; one corpus test exports real pipeline
output when ../shared/corpus is present.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from extract.outputs.export import (
    LIST_SEP,
    TABLES,
    build_tables,
    export,
    jsonl_lines,
    schema_markdown,
    sqlite_ddl,
)
from extract.outputs.files import load_run
from schemas import (
    Action,
    Case,
    Document,
    DocumentMeta,
    ExtractWarning,
    FollowUp,
    Footnote,
    LegalArticle,
    Mention,
    Paragraph,
    Recommendation,
    Section,
    StateRef,
    Theme,
)
from schemas.records import Anchor, URLCitation, URLParsed

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

README_QUERY = """
SELECT o.organisation, r.source_file, r.number, r.text
FROM recommendations AS r
JOIN recommendation_themes AS t ON t.document_id = r.document_id AND t.recommendation_id = r.id
JOIN document_organisations AS o ON o.document_id = r.document_id
WHERE t.theme = :theme AND r.state_iso3 = :state
ORDER BY o.organisation, r.document_id, r.page, r.id
"""


def make_doc(
    name: str = "ngo_lantern_arcadia.pdf",
    orgs: tuple[str, ...] = ("Lantern Rights Network",),
    state: tuple[str, str] | None = ("Arcadia", "ARC"),
    recs: tuple[tuple[str, str, list[str]], ...] = (("r1", "Repeal the press law.", ["freedom-of-expression"]),),
    sha: str | None = None,
) -> Document:
    bbox = (72.0, 100.0, 500.0, 130.0)
    return Document(
        document=DocumentMeta(
            source_file=name,
            sha256=sha or hashlib.sha256(name.encode()).hexdigest(),
            pages=2,
            kind="ngo_submission",
            title="A fictional submission",
            organisations=list(orgs),
            state_under_review=StateRef(name=state[0], iso3=state[1]) if state else None,
            language="en",
        ),
        sections=[Section(id="s1", title="Press freedom", number="I", level=1, page_start=1, page_end=2)],
        paragraphs=[Paragraph(id="p1", section="s1", page=1, bbox=bbox, text="Under article 9 of the Press Act.")],
        footnotes=[
            Footnote(
                id="fn1",
                number=1,
                text="See the court's ruling.",
                page=1,
                bbox=bbox,
                anchors=[Anchor(paragraph="p1", page=1, offset=5)],
            )
        ],
        citations=[
            URLCitation(
                id="c1",
                text="https://example.org/x",
                footnote="fn1",
                page=1,
                parsed=URLParsed(url="https://example.org/x"),
            )
        ],
        legal_articles=[
            LegalArticle(
                id="la1",
                article="9",
                instrument="Press Act",
                instrument_kind="national",
                mentions=[Mention(paragraph="p1", page=1, text="article 9 of the Press Act", start=6, end=32)],
            )
        ],
        cases=[Case(id="k1", name="Ana Pell", roles=["editor", "blogger"], legal_articles=["la1"])],
        recommendations=[
            Recommendation(
                id=rid,
                text=text,
                number=str(i),
                themes=themes,
                action=Action(verb="repeal", category=5),
                recommending_states=["Freedonia", "Ruritania"],
                legal_articles=["la1"],
                page=2,
                bbox=bbox,
            )
            for i, (rid, text, themes) in enumerate(recs, 1)
        ],
        themes=[Theme(id="freedom-of-expression", label="Freedom of expression", taxonomy="demo")],
        warnings=[ExtractWarning(code="w_test", message="something odd", page=2)],
    )


def write_docs(folder: Path, *docs: Document) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, d in enumerate(docs):
        (folder / f"{i:02d}_{Path(d.document.source_file).stem}.json").write_text(
            d.model_dump_json(indent=1), encoding="utf-8"
        )
    return folder


@pytest.fixture
def two_docs(tmp_path: Path) -> Path:
    a = make_doc(
        recs=(
            ("r1", "Repeal the press law.", ["freedom-of-expression"]),
            ("r2", "Free all bloggers.", ["freedom-of-expression", "detention"]),
            ("r3", "Build schools.", ["education"]),
        )
    )
    b = make_doc(
        "joint_meadow_arcadia.pdf",
        orgs=("Open Meadow Foundation", "Blue Kite Trust"),
        recs=(("r1", "Protect journalists.", ["freedom-of-expression"]),),
    )
    c = make_doc("ngo_other_state.pdf", state=("Ruritania", "RUR"))
    return write_docs(tmp_path / "json", a, b, c)


# ---------------------------------------------------------------- rows


def test_document_ids_are_file_stems_and_sorted(two_docs: Path) -> None:
    loaded = load_run(two_docs)
    assert [d for d, _ in loaded.documents] == ["joint_meadow_arcadia", "ngo_lantern_arcadia", "ngo_other_state"]
    assert loaded.problems == []


def test_same_stem_gets_sha_suffix_and_duplicates_are_skipped(tmp_path: Path) -> None:
    a = make_doc("dup.pdf", sha="a" * 64)
    b = make_doc("dup.pdf", sha="b" * 64)
    folder = write_docs(tmp_path / "j", a, b, a)
    loaded = load_run(folder)
    assert [d for d, _ in loaded.documents] == ["dup-aaaaaaaa", "dup-bbbbbbbb"]
    assert len(loaded.problems) == 1 and "same PDF" in loaded.problems[0]


def test_non_document_json_is_reported_not_fatal(two_docs: Path) -> None:
    (two_docs / "links.json").write_text(json.dumps({"schema_version": "1.1", "links": []}), encoding="utf-8")
    (two_docs / "broken.json").write_text("{not json", encoding="utf-8")
    loaded = load_run(two_docs)
    assert len(loaded.documents) == 3
    assert sorted(Path(p.split(":")[0]).name for p in loaded.problems) == ["broken.json", "links.json"]


def test_one_row_per_record_with_document_columns(two_docs: Path) -> None:
    t = build_tables(load_run(two_docs))
    assert len(t.rows["documents"]) == 3
    assert len(t.rows["recommendations"]) == 5
    assert {len(t.rows[n]) for n in ("footnotes", "citations", "legal_articles", "cases", "warnings")} == {3}
    rec = next(r for r in t.rows["recommendations"] if r["document_id"] == "joint_meadow_arcadia")
    assert rec["source_file"] == "joint_meadow_arcadia.pdf"
    assert rec["organisations"] == "Open Meadow Foundation; Blue Kite Trust"
    assert (rec["state"], rec["state_iso3"], rec["doc_kind"]) == ("Arcadia", "ARC", "ngo_submission")
    assert rec["recommending_states"] == "Freedonia" + LIST_SEP + "Ruritania"
    assert (rec["action_verb"], rec["action_category"], rec["page"]) == ("repeal", 5, 2)
    assert json.loads(str(rec["bbox"])) == [72.0, 100.0, 500.0, 130.0]
    la = t.rows["legal_articles"][0]
    assert la["n_mentions"] == 1 and json.loads(str(la["mentions"]))[0]["text"] == "article 9 of the Press Act"
    assert la["page"] == 1
    case = t.rows["cases"][0]
    assert case["roles"] == "editor; blogger" and case["legal_articles"] == "la1" and case["events"] is None
    fn = t.rows["footnotes"][0]
    assert fn["number"] == "1" and fn["paragraphs"] == "p1" and json.loads(str(fn["anchors"]))[0]["offset"] == 5
    assert t.rows["citations"][0]["identifier"] == "https://example.org/x"
    assert t.rows["warnings"][0]["id"] == "w1"


def test_every_row_has_every_column_and_a_document(two_docs: Path) -> None:
    t = build_tables(load_run(two_docs))
    ids = {r["id"] for r in t.rows["documents"]}
    for spec in TABLES:
        for row in t.rows[spec.name]:
            assert set(row) == set(spec.column_names), spec.name
            if spec.name != "documents":
                assert row["document_id"] in ids


def test_link_tables_one_row_per_item(two_docs: Path) -> None:
    t = build_tables(load_run(two_docs))
    themes = {(r["document_id"], r["recommendation_id"], r["theme"]) for r in t.rows["recommendation_themes"]}
    assert ("ngo_lantern_arcadia", "r2", "detention") in themes
    assert ("ngo_lantern_arcadia", "r2", "freedom-of-expression") in themes
    assert len(t.rows["recommendation_states"]) == 2 * 5
    orgs = [(r["document_id"], r["position"], r["organisation"]) for r in t.rows["document_organisations"]]
    assert ("joint_meadow_arcadia", 2, "Blue Kite Trust") in orgs
    assert len(t.rows["case_legal_articles"]) == 3


def test_duplicate_record_ids_are_kept_once(tmp_path: Path) -> None:
    d = make_doc(recs=(("r1", "One.", []), ("r1", "Same id again.", [])))
    t = build_tables(load_run(write_docs(tmp_path / "j", d)))
    assert [r["text"] for r in t.rows["recommendations"]] == ["One."]
    assert any("duplicate id 'r1'" in p for p in t.problems)


# ---------------------------------------------------------------- formats


def test_sqlite_schema_keys_indexes_and_readme_query(two_docs: Path, tmp_path: Path) -> None:
    db = tmp_path / "out.sqlite"
    res = export(two_docs, "sqlite", db)
    assert res.documents == 3
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {t.name for t in TABLES} <= names
    pk = [r[1] for r in sorted(con.execute("PRAGMA table_info(recommendations)"), key=lambda r: r[5]) if r[5]]
    assert pk == ["document_id", "id"]
    fks = {(r[2], r[3], r[4]) for r in con.execute("PRAGMA foreign_key_list(recommendations)")}
    assert ("documents", "document_id", "id") in fks
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    indexed = {r[1] for r in con.execute("SELECT * FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")}
    assert {"ix_recommendation_themes_theme", "ix_recommendations_state_iso3", "ix_documents_kind"} <= indexed
    assert "ix_document_organisations_organisation" in indexed
    rows = con.execute(README_QUERY, {"theme": "freedom-of-expression", "state": "ARC"}).fetchall()
    assert rows == [
        ("Blue Kite Trust", "joint_meadow_arcadia.pdf", "1", "Protect journalists."),
        ("Lantern Rights Network", "ngo_lantern_arcadia.pdf", "1", "Repeal the press law."),
        ("Lantern Rights Network", "ngo_lantern_arcadia.pdf", "2", "Free all bloggers."),
        ("Open Meadow Foundation", "joint_meadow_arcadia.pdf", "1", "Protect journalists."),
    ]
    plan = " ".join(str(r) for r in con.execute("EXPLAIN QUERY PLAN " + README_QUERY, {"theme": "x", "state": "y"}))
    assert "ix_recommendation_themes_theme" in plan or "ix_recommendations_state_iso3" in plan
    # a dangling reference is refused
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO recommendations (document_id, id, page) VALUES ('nope', 'r9', 1)")
    con.close()


def test_csv_one_file_per_table_with_same_columns(two_docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(two_docs, "csv", out)
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(t.name for t in TABLES)
    for spec in TABLES:
        with (out / f"{spec.name}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == spec.column_names
    with (out / "recommendations.csv").open(encoding="utf-8", newline="") as f:
        recs = list(csv.DictReader(f))
    assert len(recs) == 5 and recs[0]["themes"] == "freedom-of-expression"
    assert not list(out.glob(".*")), "temp files left behind"


def test_xlsx_one_sheet_per_table_text_never_a_formula(tmp_path: Path) -> None:
    d = make_doc(recs=(("r1", '=HYPERLINK("http://x")', []), ("r2", "bell\x07 inside", [])))
    folder = write_docs(tmp_path / "j", d)
    out = tmp_path / "t.xlsx"
    export(folder, "xlsx", out)
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == [t.name[:31] for t in TABLES]
    ws = wb["recommendations"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    assert header == TABLE_COLUMNS["recommendations"]
    text = header.index("text")
    assert rows[1][text] == '=HYPERLINK("http://x")'
    assert rows[2][text] == "bell inside"
    wb.close()


TABLE_COLUMNS = {t.name: t.column_names for t in TABLES}


def test_jsonl_one_line_per_record_with_type(two_docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    export(two_docs, "jsonl", out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    types = [x["type"] for x in lines]
    assert types.count("document") == 3 and types.count("recommendation") == 5 and types.count("warning") == 3
    rec = next(x for x in lines if x["type"] == "recommendation")
    assert rec["document_id"] == "joint_meadow_arcadia" and rec["state_iso3"] == "ARC"
    assert rec["themes"] == ["freedom-of-expression"] and rec["action"] == {"verb": "repeal", "category": 5}
    assert next(x for x in lines if x["type"] == "warning")["id"] == "w1"
    assert all("document_id" in x for x in lines if x["type"] != "document")
    # records come back whole: a paragraph line validates as a Paragraph again
    para = next(x for x in lines if x["type"] == "paragraph")
    Paragraph.model_validate({k: v for k, v in para.items() if k not in ("type", "document_id")})


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sqlite", "jsonl"])
def test_output_is_deterministic(two_docs: Path, tmp_path: Path, fmt: str) -> None:
    def run(name: str) -> dict[str, bytes]:
        out = tmp_path / name
        export(two_docs, fmt, out)  # type: ignore[arg-type]
        files = sorted(out.iterdir()) if out.is_dir() else [out]
        return {f.name: f.read_bytes() for f in files}

    assert run(f"a.{fmt}") == {k.replace("b.", "a."): v for k, v in run(f"b.{fmt}").items()}


def test_export_overwrites_atomically(two_docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "db.sqlite"
    out.write_bytes(b"old")
    export(two_docs, "sqlite", out)
    assert out.read_bytes()[:15] == b"SQLite format 3"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unknown_format_is_refused(two_docs: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        export(two_docs, "parquet", tmp_path / "x")  # type: ignore[arg-type]


def test_schema_doc_lists_every_table_and_ddl_runs() -> None:
    md = schema_markdown()
    for t in TABLES:
        assert f"`{t.name}`" in md
    con = sqlite3.connect(":memory:")
    for stmt in sqlite_ddl():
        con.execute(stmt)


def test_empty_folder_exports_empty_tables(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    res = export(tmp_path / "empty", "sqlite", tmp_path / "e.sqlite")
    assert res.documents == 0 and all(v == 0 for v in res.rows.values())
    assert list(jsonl_lines(load_run(tmp_path / "empty"))) == []


def _demo_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "docs" / "make_examples.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


def test_demo_document_exports(tmp_path: Path) -> None:
    _, js = _demo_module().build_demo(tmp_path / "demo")
    db = tmp_path / "demo.sqlite"
    res = export(js.parent, "sqlite", db)
    assert res.rows["recommendations"] == 3 and res.rows["citations"] == 3 and res.rows["cases"] == 1
    con = sqlite3.connect(db)
    got = con.execute(README_QUERY, {"theme": "freedom-of-expression", "state": "ARC"}).fetchall()
    assert [(o, n) for o, _, n, _ in got] == [
        ("Lantern Rights Network", "5.1"),
        ("Lantern Rights Network", "5.3"),
        ("Open Meadow Foundation", "5.1"),
        ("Open Meadow Foundation", "5.3"),
    ]


@pytest.mark.corpus
def test_real_pipeline_output_exports(tmp_path: Path) -> None:
    pdf = CORPUS / "ngo_howard_league_penal_reform_uk_2012.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not present")
    from extract.running.pipeline import extract_file

    doc = extract_file(pdf)
    folder = write_docs(tmp_path / "j", doc)
    for fmt, out in (("sqlite", tmp_path / "c.sqlite"), ("xlsx", tmp_path / "c.xlsx"), ("jsonl", tmp_path / "c.jsonl")):
        res = export(folder, fmt, out)  # type: ignore[arg-type]
        assert res.documents == 1 and res.rows["paragraphs"] == len(doc.paragraphs) > 0


def test_cli_commands(two_docs: Path, tmp_path: Path) -> None:
    """The analyst commands as cli.py registers them (extract.running.cli_analyst)."""
    from typer.testing import CliRunner

    from extract.running.cli_analyst import app

    runner = CliRunner()
    r = runner.invoke(app, ["export", str(two_docs), "--format", "sqlite", "--out", str(tmp_path / "x.sqlite")])
    assert r.exit_code == 0, r.output
    assert "3 documents; 5 recommendations" in r.output
    r = runner.invoke(app, ["export", str(two_docs), "--format", "parquet", "--out", str(tmp_path / "x")])
    assert r.exit_code == 2
    r = runner.invoke(app, ["export", str(tmp_path / "nowhere"), "--out", str(tmp_path / "y.sqlite")])
    assert r.exit_code == 1  # a missing input is a failed input
    r = runner.invoke(app, ["stats", str(two_docs), "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["per_type"]["recommendations"] == 5
    r = runner.invoke(app, ["review", str(two_docs / "00_ngo_lantern_arcadia.json")])
    assert r.exit_code == 2 and "--pdf" in r.output


# ---------------------------------------------------------------- one loader, one writer


def test_link_and_export_see_the_same_documents_in_a_nested_folder(tmp_path: Path) -> None:
    from extract.outputs.link import link_documents, read_folder

    a, b = make_doc("top.pdf"), make_doc("deep.pdf")
    write_docs(tmp_path / "run", a)
    write_docs(tmp_path / "run" / "sub" / "deeper", b, a)  # the same PDF twice: kept once
    write_docs(tmp_path / "run" / ".hidden", make_doc("hidden.pdf"))
    (tmp_path / "run" / "links.json").write_text(link_documents([a]).model_dump_json(), encoding="utf-8")
    (tmp_path / "run" / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    loaded = load_run(tmp_path / "run")
    docs, problems = read_folder(tmp_path / "run")
    assert [d for d, _ in loaded.documents] == ["deep", "top"]
    assert sorted(d.document.source_file for d in docs) == ["deep.pdf", "top.pdf"]
    assert problems == loaded.problems
    assert [p.split(":")[0] for p in problems] == ["other.json", "sub/deeper/01_top.json"]


def test_every_record_list_has_a_table_and_a_jsonl_type() -> None:
    from extract.outputs.export import JSONL_TYPES, RECORD_TABLES
    from schemas import record_types

    assert tuple(RECORD_TABLES) == record_types()
    assert tuple(attr for attr, _ in JSONL_TYPES) == record_types()


def test_write_atomic_takes_text_and_bytes(tmp_path: Path) -> None:
    from extract.outputs.files import write_atomic

    write_atomic(tmp_path / "a" / "t.txt", "é\n")
    write_atomic(tmp_path / "a" / "b.bin", b"\x00\x01")
    assert (tmp_path / "a" / "t.txt").read_bytes() == "é\n".encode()
    assert (tmp_path / "a" / "b.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b.bin", "t.txt"]


# ---------------------------------------------------------------- follow-ups


def with_follow_ups(doc: Document) -> Document:
    fus = [
        FollowUp(
            id="fu1",
            numbers=["88.12", "88.13"],
            report="A/HRC/99/1",
            subject="amend the Press Act",
            state_response="accepted",
            status="not_implemented",
            text="However, the law has still not been amended.",
            cues=["still not been amended"],
            paragraph="p1",
            start=0,
            end=44,
            page=1,
            bbox=(72.0, 100.0, 300.0, 112.0),
        ),
        FollowUp(id="fu2", status="unclear", text="Little has changed since.", footnote="fn1", page=2),
    ]
    return doc.model_copy(update={"follow_ups": fus})


def test_follow_ups_table_in_every_format(tmp_path: Path) -> None:
    folder = write_docs(tmp_path / "json", with_follow_ups(make_doc()))
    t = build_tables(load_run(folder))
    fu1, fu2 = t.rows["follow_ups"]
    assert (fu1["document_id"], fu1["id"], fu1["numbers"], fu1["report"]) == (
        "ngo_lantern_arcadia",
        "fu1",
        "88.12; 88.13",
        "A/HRC/99/1",
    )
    assert (fu1["state_response"], fu1["status"], fu1["paragraph"], fu1["page"]) == (
        "accepted",
        "not_implemented",
        "p1",
        1,
    )
    assert (fu1["subject"], fu1["text"], fu1["state_iso3"]) == (
        "amend the Press Act",
        "However, the law has still not been amended.",
        "ARC",
    )
    assert (fu2["numbers"], fu2["state_response"], fu2["status"], fu2["footnote"]) == (None, None, "unclear", "fn1")
    assert [(r["follow_up_id"], r["number"]) for r in t.rows["follow_up_numbers"]] == [
        ("fu1", "88.12"),
        ("fu1", "88.13"),
    ]

    db = tmp_path / "out.sqlite"
    export(folder, "sqlite", db)
    con = sqlite3.connect(db)
    q = "SELECT f.status, n.number FROM follow_ups f JOIN follow_up_numbers n ON n.document_id = f.document_id AND n.follow_up_id = f.id ORDER BY n.number"
    assert con.execute(q).fetchall() == [("not_implemented", "88.12"), ("not_implemented", "88.13")]
    con.close()
    export(folder, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "follow_ups.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows] == ["not_implemented", "unclear"]
    export(folder, "xlsx", tmp_path / "out.xlsx")
    ws = load_workbook(tmp_path / "out.xlsx", read_only=True)["follow_ups"]
    header, *values = list(ws.values)
    assert values[0][header.index("numbers")] == "88.12; 88.13"
    export(folder, "jsonl", tmp_path / "out.jsonl")
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    fu = [x for x in lines if x["type"] == "follow_up"]
    assert [x["id"] for x in fu] == ["fu1", "fu2"] and fu[0]["state_iso3"] == "ARC"
