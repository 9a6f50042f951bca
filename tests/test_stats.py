"""Run statistics: exact counts on small fictional documents, the rich tables, and the chart."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from extract.outputs.stats import RECORD_TYPES, plot_stats, print_stats, stats, summarise
from schemas import Document, ExtractWarning
from tests.test_export import make_doc, write_docs


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    a = make_doc(
        recs=(
            ("r1", "Repeal the press law.", ["freedom-of-expression"]),
            ("r2", "Free all bloggers.", ["freedom-of-expression", "detention", "detention"]),
        )
    )
    b = make_doc("joint_meadow_arcadia.pdf", recs=(("r1", "Build schools.", ["education"]),))
    b.warnings = [
        ExtractWarning(code="marker_without_footnote", message="m", page=1),
        ExtractWarning(code="marker_without_footnote", message="m", page=2),
        ExtractWarning(code="page_unreadable", message="p", page=3),
    ]
    c = make_doc("ngo_quiet.pdf", recs=())
    c.warnings = []
    return write_docs(tmp_path / "json", a, b, c)


def test_counts_per_type_document_theme_and_warnings(run_dir: Path) -> None:
    s = stats(run_dir)
    assert [d.document_id for d in s.documents] == ["joint_meadow_arcadia", "ngo_lantern_arcadia", "ngo_quiet"]
    assert s.per_type["recommendations"] == 3 and s.per_type["warnings"] == 4 and s.per_type["paragraphs"] == 3
    assert set(s.per_type) == set(RECORD_TYPES)
    assert s.per_kind == {"ngo_submission": 3}
    themes = {t.id: (t.recommendations, t.documents) for t in s.per_theme}
    # a theme listed twice on one recommendation counts once; the themes table counts toward documents
    assert themes == {"freedom-of-expression": (2, 3), "detention": (1, 1), "education": (1, 1)}
    assert s.per_theme[0].id == "freedom-of-expression" and s.per_theme[0].label == "Freedom of expression"
    assert [d.document_id for d in s.most_warnings] == ["joint_meadow_arcadia", "ngo_lantern_arcadia"]
    assert s.warning_codes == {"marker_without_footnote": 2, "page_unreadable": 1, "w_test": 1}
    assert s.documents[0].warning_codes == {"marker_without_footnote": 2, "page_unreadable": 1}


def test_to_dict_is_json(run_dir: Path) -> None:
    d = json.loads(json.dumps(stats(run_dir).to_dict()))
    assert d["most_warnings"][0] == "joint_meadow_arcadia"
    assert d["documents"][1]["counts"]["recommendations"] == 2


def test_rich_tables_name_every_view(run_dir: Path) -> None:
    buf = io.StringIO()
    print_stats(stats(run_dir), Console(file=buf, width=100, color_system=None))
    text = buf.getvalue()
    for title in ("records per type", "records per document", "themes", "most warnings"):
        assert title in text
    assert "marker_without_footnote ×2" in text and "freedom-of-expression" in text


def test_narrow_terminal_keeps_every_column(run_dir: Path) -> None:
    buf = io.StringIO()
    print_stats(stats(run_dir), Console(file=buf, width=80, color_system=None))
    header = next(line for line in buf.getvalue().splitlines() if line.startswith("document") and "warn" in line)
    assert len(header) <= 80


def test_empty_folder(tmp_path: Path) -> None:
    s = summarise([])
    assert s.documents == [] and s.per_theme == [] and s.most_warnings == []
    buf = io.StringIO()
    print_stats(s, Console(file=buf, width=80))
    assert "0 document(s)" in buf.getvalue()


def test_plot_writes_a_png(run_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = plot_stats(stats(run_dir), tmp_path / "sub" / "stats.png")
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    from PIL import Image

    assert Image.open(out).size == (1400, 1000)
    assert plot_stats(summarise([]), tmp_path / "empty.png").exists()


def test_documents_are_plain_models(run_dir: Path) -> None:
    for f in run_dir.glob("*.json"):
        Document.model_validate_json(f.read_bytes())


def test_follow_up_verdicts_per_state_and_theme(tmp_path: Path) -> None:
    """Linked verdicts take their recommendation's themes; the others their section's, else '(none)'."""
    from schemas import DocumentMeta, FollowUp, Footnote, Paragraph, Recommendation, Section, StateRef
    from schemas.records import Anchor

    def meta(name: str, kind: str, state: StateRef | None) -> DocumentMeta:
        return DocumentMeta(source_file=name, sha256="0" * 64, pages=1, kind=kind, state_under_review=state)  # type: ignore[arg-type]

    def fu(
        fid: str, numbers: list[str], status: str, paragraph: str | None = None, note: str | None = None
    ) -> FollowUp:
        return FollowUp(
            id=fid, numbers=numbers, status=status, text="Nothing changed.", paragraph=paragraph, footnote=note, page=1
        )  # type: ignore[arg-type]

    arcadia = StateRef(name="Arcadia", iso3="ARC")
    report = Document(
        document=meta("wg_arcadia.pdf", "working_group_report", arcadia),
        recommendations=[
            Recommendation(
                id="r1",
                number="88.12",
                text="Amend the press law.",
                page=1,
                bbox=(0, 0, 1, 1),
                origin="report",
                themes=["freedom-of-expression"],
            )
        ],
    )
    sub = Document(
        document=meta("ngo_arcadia.pdf", "ngo_submission", arcadia),
        sections=[Section(id="s1", title="Detention", level=1, page_start=1, page_end=1, themes=["detention"])],
        paragraphs=[Paragraph(id="p1", section="s1", page=1, bbox=(0, 0, 1, 1), text="Nothing changed.")],
        follow_ups=[
            fu("fu1", ["88.12"], "not_implemented", "p1"),  # linked: the recommendation's theme, not the section's
            fu("fu2", [], "partially_implemented", "p1"),
            fu("fu3", [], "not_implemented"),
            fu("fu4", [], "partially_implemented", note="fn1"),  # in a note: the section of its marker
        ],
        footnotes=[
            Footnote(
                id="fn1",
                number=1,
                text="Nothing changed.",
                page=1,
                bbox=(0, 0, 1, 1),
                anchors=[Anchor(paragraph="p1", page=1, offset=3)],
            )
        ],
    )
    other = Document(
        document=meta("ngo_nowhere.pdf", "ngo_submission", None), follow_ups=[fu("fu1", ["5.1"], "implemented")]
    )
    s = stats(write_docs(tmp_path / "json", report, sub, other))
    assert [(v.key, v.label, v.counts) for v in s.verdicts_per_state] == [
        ("ARC", "Arcadia", {"partially_implemented": 2, "not_implemented": 2}),
        ("(unknown)", "(unknown)", {"implemented": 1}),
    ]
    assert {v.key: v.counts for v in s.verdicts_per_theme} == {
        "freedom-of-expression": {"not_implemented": 1},
        "detention": {"partially_implemented": 2},
        "(none)": {"implemented": 1, "not_implemented": 1},
    }
    buf = io.StringIO()
    print_stats(s, Console(file=buf, width=120, color_system=None))
    text = buf.getvalue()
    assert "follow-up verdicts per State" in text and "follow-up verdicts per theme" in text
    assert "Arcadia (ARC)" in text and "not implemented" in text
    assert json.loads(json.dumps(s.to_dict()))["verdicts_per_state"][0]["counts"]["not_implemented"] == 2


def test_no_follow_ups_no_verdict_tables(run_dir: Path) -> None:
    s = stats(run_dir)
    assert s.verdicts_per_state == [] and s.verdicts_per_theme == []
    buf = io.StringIO()
    print_stats(s, Console(file=buf, width=100, color_system=None))
    assert "verdicts" not in buf.getvalue()
