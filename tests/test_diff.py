"""The corpus diff: records matched by content, so a shifted id is no change and a real change is named."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app
from extract.outputs.diff import diff_documents, diff_runs, format_diff, summary


def _doc(paragraphs: list[str], sections: list[tuple[str, int]], recs: list[str] | None = None) -> dict:
    secs = [
        {"id": f"s{i + 1}", "title": t, "level": lvl, "page_start": 1, "page_end": 1}
        for i, (t, lvl) in enumerate(sections)
    ]
    pars = [
        {"id": f"p{i + 1}", "section": "s1", "page": 1, "bbox": [0, 0, 1, 1], "text": t}
        for i, t in enumerate(paragraphs)
    ]
    return {
        "document": {"source_file": "x.pdf", "kind": "ngo_submission", "pages": 1},
        "sections": secs,
        "paragraphs": pars,
        "recommendations": [
            {"id": f"r{i + 1}", "text": t, "page": 1, "paragraphs": ["p1"]} for i, t in enumerate(recs or [])
        ],
    }


def test_identical_documents_have_no_difference() -> None:
    d = _doc(["Alpha.", "Beta."], [("Intro", 1)], ["Ratify the Convention."])
    assert diff_documents(d, json.loads(json.dumps(d))).status == "same"


def test_an_inserted_paragraph_is_one_addition_not_a_cascade_of_changed_ids() -> None:
    old = _doc(["Alpha.", "Beta."], [("Intro", 1)], ["Ratify the Convention."])
    new = _doc(["New first.", "Alpha.", "Beta."], [("Intro", 1)], ["Ratify the Convention."])
    # the recommendation still points at the paragraph "Alpha." in the old run, which is now p2
    new["recommendations"][0]["paragraphs"] = ["p2"]
    d = diff_documents(old, new)
    assert list(d.types) == ["paragraphs"]
    assert [r["text"] for r in d.types["paragraphs"].added] == ["New first."]
    assert not d.types["paragraphs"].changed


def test_a_changed_field_is_named_and_a_reference_to_another_record_counts() -> None:
    old = _doc(["Alpha."], [("Intro", 1), ("Detail", 2)], ["Ratify the Convention."])
    new = _doc(["Alpha."], [("Intro", 1), ("Detail", 1)], ["Ratify the Convention."])
    new["paragraphs"][0]["section"] = "s2"
    d = diff_documents(old, new)
    assert d.types["sections"].changed[0].fields == ["level"]
    assert d.types["paragraphs"].changed[0].fields == ["section"]
    lines = format_diff([d])
    assert any("level: 2 → 1" in ln for ln in lines)


def test_runs_are_paired_by_relative_path_and_summarised(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    (a / "sub").mkdir(parents=True)
    (b / "sub").mkdir(parents=True)
    (a / "sub" / "x.json").write_text(json.dumps(_doc(["Alpha."], [("Intro", 1)], ["Ratify it."])))
    (b / "sub" / "x.json").write_text(json.dumps(_doc(["Alpha."], [("Intro", 1)], ["Repeal it."])))
    (a / "gone.json").write_text(json.dumps(_doc([], [])))
    (b / "links.json").write_text(json.dumps({"reports": []}))  # not a document: not compared
    diffs = diff_runs(a, b)
    s = summary(diffs)
    assert s["documents"] == {"changed": 1, "only_old": 1}
    assert s["records"]["recommendations"] == {"added": 1, "removed": 1, "changed": 0}


def test_diff_command_prints_and_exits_by_flag(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x.json").write_text(json.dumps(_doc(["Alpha."], [("Intro", 1)])))
    (b / "x.json").write_text(json.dumps(_doc(["Alpha!"], [("Intro", 1)])))
    runner = CliRunner()
    res = runner.invoke(app, ["diff", str(a), str(b)])
    assert res.exit_code == 0, res.output
    assert "+ paragraphs: Alpha!" in res.output and "1 changed" in res.output
    res = runner.invoke(app, ["diff", str(a), str(b), "--exit-code", "--json", str(tmp_path / "d.json")])
    assert res.exit_code == 1
    assert json.loads((tmp_path / "d.json").read_text())["summary"]["documents"] == {"changed": 1}
    res = runner.invoke(app, ["diff", str(a), str(tmp_path / "missing")])
    assert res.exit_code == 1 and "no such file" in res.output  # a missing input is a failed input
