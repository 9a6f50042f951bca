"""The link stage: cited recommendations → the report that holds them (Ruritania and Veloria are fictional)."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from extract.outputs.link import (
    LinkInputError,
    link_documents,
    link_folder,
    number_key,
    number_sort_key,
    read_folder,
    report_base,
    symbol_key,
)
from schemas import (
    CycleLinks,
    Document,
    DocumentMeta,
    FollowUp,
    Recommendation,
    StateRef,
    UPRRecommendationCitation,
    UPRRecommendationParsed,
)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
RAW = REPO / "data" / "raw"

# ---------------------------------------------------------------- building small documents


def meta(file: str, kind: str, symbol: str | None = None, state: str | None = "Ruritania") -> DocumentMeta:
    """A document about a fictional State that the State table does not know: give it an ISO3 anyway."""
    ref = StateRef(name=state, iso3="RRR") if state == "Ruritania" else None
    if state and state != "Ruritania":
        ref = StateRef(name=state, iso3=state[:3].upper())
    return DocumentMeta(source_file=file, sha256="0" * 64, pages=1, kind=kind, symbol=symbol, state_under_review=ref)  # type: ignore[arg-type]


def rec(number: str, states: list[str], position: str | None = None, origin: str = "report") -> Recommendation:
    return Recommendation(
        id=f"rec{number}",
        text=f"Do the thing numbered {number}",
        number=number,
        recommending_states=states,
        position=position,  # type: ignore[arg-type]
        page=1,
        bbox=(0, 0, 1, 1),
        origin=origin,  # type: ignore[arg-type]
    )


def cite(cid: str, number: str, states: list[str] | None = None, symbol: str | None = None, text: str | None = None):  # type: ignore[no-untyped-def]
    return UPRRecommendationCitation(
        id=cid,
        text=text or number,
        page=1,
        paragraph="p1",
        parsed=UPRRecommendationParsed(number=number, states=states or [], source_symbol=symbol),
    )


def report(file: str, symbol: str | None, recs: list[Recommendation], state: str | None = "Ruritania") -> Document:
    return Document(document=meta(file, "working_group_report", symbol, state), recommendations=recs)


def addendum(file: str, symbol: str | None, positions: dict[str, str], state: str | None = "Ruritania") -> Document:
    recs = [rec(n, [], p, origin="addendum") for n, p in positions.items()]
    return Document(document=meta(file, "working_group_addendum", symbol, state), recommendations=recs)


def submission(file: str, cits: list[UPRRecommendationCitation], state: str | None = "Ruritania") -> Document:
    return Document(document=meta(file, "ngo_submission", None, state), citations=cits)


def by_number(links: CycleLinks) -> dict[str, object]:
    return {lk.number: lk for lk in links.links}


def codes(links: CycleLinks) -> list[str]:
    return [w.code for w in links.warnings]


REPORT_2015 = report(
    "wg_2015.pdf",
    "A/HRC/30/7",
    [
        rec("120.1", ["Chile"], "supported"),
        rec("120.2", ["Russian Federation"]),
        rec("121.10", ["Netherlands"], "noted"),
    ],
)
REPORT_2020 = report(
    "wg_2020.pdf",
    "A/HRC/45/9",
    [rec("120.1", ["Japan"], "supported"), rec("120.2", ["Ghana"], "supported"), rec("133.4", ["Peru"], "noted")],
)

# ---------------------------------------------------------------- keys


def test_numbers_sort_numerically() -> None:
    assert sorted(["124.10", "124.4", "125.1", "124.40", "9.2"], key=number_sort_key) == [
        "9.2",
        "124.4",
        "124.10",
        "124.40",
        "125.1",
    ]


@given(st.lists(st.lists(st.integers(0, 10**6), min_size=1, max_size=4), min_size=1, max_size=20))
def test_number_order_is_the_order_of_its_integers(parts: list[list[int]]) -> None:
    numbers = [".".join(map(str, p)) for p in parts]
    assert [number_sort_key(n) for n in sorted(numbers, key=number_sort_key)] == sorted(
        number_sort_key(n) for n in numbers
    )
    assert [list(map(int, n.split("."))) for n in sorted(numbers, key=number_sort_key)] == sorted(parts)


@settings(max_examples=50)
@given(st.text(alphabet="0123456789./AaDd ", max_size=200))
def test_keys_never_fail(text: str) -> None:
    number_sort_key(number_key(text))
    report_base(text)


@pytest.mark.timing
def test_keys_are_fast_on_adversarial_input() -> None:
    hostile = ["1." * 50_000, "/Add." * 20_000 + "x", "A/HRC/" + "/ADD. 1" * 15_000, "9" * 100_000]
    t0 = time.perf_counter()
    for text in hostile:
        number_sort_key(number_key(text))
        report_base(text)
    assert time.perf_counter() - t0 < 2.0


def test_symbols_compare_without_case_spaces_or_addendum() -> None:
    assert symbol_key(" A/HRC/30/7 ") == "A/HRC/30/7"
    assert report_base("A/HRC/30/7/Add. 1") == "A/HRC/30/7"
    assert report_base(None) is None


# ---------------------------------------------------------------- matching


def test_cited_symbol_links_with_text_states_and_position() -> None:
    sub = submission("ngo.pdf", [cite("cit1", "120.1", ["Chile"], "A/HRC/30/7")])
    links = link_documents([sub, REPORT_2015])
    (lk,) = links.links
    assert (lk.report, lk.report_symbol, lk.recommendation) == ("wg_2015.pdf", "A/HRC/30/7", "rec120.1")
    assert lk.text == "Do the thing numbered 120.1" and lk.recommending_states == ["Chile"]
    assert (lk.position, lk.position_source, lk.matched_by) == ("supported", "report", "symbol")
    assert lk.cited_by[0].model_dump() == {
        "document": "ngo.pdf",
        "citation": "cit1",
        "cited_symbol": "A/HRC/30/7",
        "states": ["Chile"],
        "matched_by": "symbol",
    }
    assert links.warnings == []
    assert [r.document for r in links.reports] == ["ngo.pdf", "wg_2015.pdf"]
    assert links.reports[1].symbol == "A/HRC/30/7" and links.reports[1].state_iso3 == "RRR"


def test_state_names_agree_through_the_state_table() -> None:
    sub = submission("ngo.pdf", [cite("c1", "120.2", ["Russia"]), cite("c2", "121.10", ["the Netherlands"])])
    links = link_documents([sub, REPORT_2015])
    assert "state_mismatch" not in codes(links)
    assert {lk.matched_by for lk in links.links} == {"numbers_and_states"}
    assert codes(links) == ["matched_without_symbol"]
    assert "A/HRC/30/7" in links.warnings[0].message


def test_several_cycles_best_fit_beats_a_wrong_cited_symbol() -> None:
    """The submission prints the older symbol, but its numbers and States are the newer report's."""
    sub = submission(
        "ngo.pdf", [cite("c1", "120.1", ["Japan"], "A/HRC/30/7"), cite("c2", "133.4", ["Peru"], "A/HRC/30/7")]
    )
    links = link_documents([REPORT_2015, sub, REPORT_2020])
    assert {lk.report for lk in links.links} == {"wg_2020.pdf"}
    assert {lk.matched_by for lk in links.links} == {"numbers_and_states"}
    (w,) = [w for w in links.warnings if w.code == "cited_symbol_contradicted"]
    assert "A/HRC/30/7" in w.message and "A/HRC/45/9" in w.message and w.document == "ngo.pdf"


def test_several_cycles_cited_symbol_decides_a_tie() -> None:
    sub = submission("ngo.pdf", [cite("c1", "120.1", [], "A/HRC/30/7"), cite("c2", "120.2", [], "A/HRC/30/7")])
    links = link_documents([REPORT_2020, REPORT_2015, sub])
    assert {(lk.report, lk.matched_by) for lk in links.links} == {("wg_2015.pdf", "symbol")}
    assert links.warnings == []


def test_cited_symbol_absent_from_the_batch_is_named_with_the_report_used() -> None:
    sub = submission("ngo.pdf", [cite("c1", "133.4", ["Peru"], "A/HRC/12/3")])
    links = link_documents([sub, REPORT_2015, REPORT_2020])
    assert links.links[0].report == "wg_2020.pdf"
    (w,) = [w for w in links.warnings if w.code == "cited_symbol_not_in_batch"]
    assert "A/HRC/12/3" in w.message and "A/HRC/45/9" in w.message


def test_the_same_state_under_review_comes_first() -> None:
    other = report("wg_other.pdf", "A/HRC/30/8", [rec("120.1", ["Chile"], "noted")], state="Elbonia")
    sub = submission("ngo.pdf", [cite("c1", "120.1", ["Chile"])])
    links = link_documents([other, sub, REPORT_2015])
    assert links.links[0].report == "wg_2015.pdf" and links.links[0].position == "supported"


def test_a_report_of_another_state_needs_more_than_a_number() -> None:
    other = report("wg_other.pdf", "A/HRC/30/8", [rec("120.1", ["Chile"])], state="Elbonia")
    links = link_documents([other, submission("ngo.pdf", [cite("c1", "120.1")])])
    assert links.links[0].report is None and links.links[0].text is None
    assert "no_report_for_state" in codes(links)
    # a printed State that agrees is enough, with a warning that the States under review differ
    links = link_documents([other, submission("ngo.pdf", [cite("c1", "120.1", ["Chile"])])])
    assert links.links[0].report == "wg_other.pdf"
    assert "state_under_review_differs" in codes(links)


def test_number_absent_from_the_resolved_report_is_a_warning_naming_both() -> None:
    sub = submission(
        "ngo.pdf", [cite("c1", "120.1", ["Chile"], "A/HRC/30/7"), cite("c2", "120.9", ["Peru"], "A/HRC/30/7")]
    )
    links = link_documents([sub, REPORT_2015])
    lk = by_number(links)["120.9"]
    assert lk.report is None and lk.text is None and lk.cited_by[0].citation == "c2"  # type: ignore[attr-defined]
    (w,) = [w for w in links.warnings if w.code == "number_absent"]
    assert all(s in w.message for s in ("ngo.pdf", "120.9", "Peru", "A/HRC/30/7", "wg_2015.pdf"))


def test_a_number_absent_from_the_chosen_report_may_sit_in_another_cycle() -> None:
    """The group goes to 2020, but 121.10 (the Netherlands) is only in 2015: linked there, with the warning."""
    sub = submission("ngo.pdf", [cite("c1", "133.4", ["Peru"]), cite("c2", "121.10", ["Netherlands"])])
    links = by_number(link_documents([sub, REPORT_2015, REPORT_2020]))
    assert links["133.4"].report == "wg_2020.pdf"  # type: ignore[attr-defined]
    assert links["121.10"].report == "wg_2015.pdf" and links["121.10"].position == "noted"  # type: ignore[attr-defined]


def test_number_no_report_holds_gives_a_null_link() -> None:
    links = link_documents([submission("ngo.pdf", [cite("c1", "77.7", ["Peru"], "A/HRC/1/1")])])
    (lk,) = links.links
    assert (lk.report, lk.text, lk.position, lk.recommending_states) == (None, None, None, [])
    assert codes(links) == ["number_not_in_batch"] and "77.7" in links.warnings[0].message


def test_state_mismatch_names_both_states() -> None:
    sub = submission("ngo.pdf", [cite("c1", "120.1", ["Brazil"], "A/HRC/30/7")])
    links = link_documents([sub, REPORT_2015])
    assert links.links[0].report == "wg_2015.pdf"
    (w,) = links.warnings
    assert w.code == "state_mismatch" and "Brazil" in w.message and "Chile" in w.message and "120.1" in w.message


def test_a_printed_range_shares_its_states() -> None:
    """'120.1–120.2 (Chile and Russia)': each number needs one of the States, not all."""
    text = "120.1–120.2 (Chile and Russia)"
    sub = submission(
        "ngo.pdf",
        [cite("c1", "120.1", ["Chile", "Russia"], text=text), cite("c2", "120.2", ["Chile", "Russia"], text=text)],
    )
    assert "state_mismatch" not in codes(link_documents([sub, REPORT_2015]))
    # a single number printed with a State the report does not give is a mismatch
    sub = submission("ngo.pdf", [cite("c1", "120.1", ["Chile", "Peru"])])
    assert "state_mismatch" in codes(link_documents([sub, REPORT_2015]))


def test_positions_come_from_the_addendum_when_the_report_prints_none() -> None:
    rep = report(
        "wg.pdf", "A/HRC/30/7", [rec("115.1", ["Chile"]), rec("115.2", ["Peru"]), rec("115.3", ["Japan"], "noted")]
    )
    add = addendum("wg_add.pdf", "A/HRC/30/7/Add.1", {"1": "supported", "115.2": "noted", "3": "supported"})
    sub = submission("ngo.pdf", [cite(f"c{i}", f"115.{i}", [], "A/HRC/30/7") for i in (1, 2, 3)])
    links = by_number(link_documents([sub, add, rep]))
    assert (links["115.1"].position, links["115.1"].position_source) == ("supported", "addendum")  # type: ignore[attr-defined]
    assert links["115.2"].position == "noted"  # type: ignore[attr-defined]
    assert (links["115.3"].position, links["115.3"].position_source) == ("noted", "report")  # type: ignore[attr-defined]
    warnings = link_documents([sub, add, rep]).warnings
    assert [w.code for w in warnings] == ["position_conflict"] and "115.3" in warnings[0].message


def test_an_addendum_without_a_symbol_pairs_with_its_states_only_report() -> None:
    add = addendum("wg_add.pdf", None, {"120.2": "supported"})
    links = link_documents([submission("ngo.pdf", [cite("c1", "120.2", [], "A/HRC/30/7")]), add, REPORT_2015])
    assert links.links[0].position == "supported"
    assert "addendum_paired_by_state" in codes(links)
    lonely = link_documents([addendum("wg_add.pdf", "A/HRC/99/1/Add.1", {"1": "noted"}), REPORT_2015, REPORT_2020])
    assert codes(lonely) == ["addendum_unpaired"]


def test_a_citation_of_the_addendum_symbol_finds_the_report() -> None:
    links = link_documents([submission("ngo.pdf", [cite("c1", "120.1", [], "A/HRC/30/7/Add.1")]), REPORT_2015])
    assert (links.links[0].report, links.links[0].matched_by) == ("wg_2015.pdf", "symbol")


def test_an_addendums_own_numbers_are_not_citations() -> None:
    add = addendum("wg_add.pdf", "A/HRC/30/7/Add.1", {"120.1": "supported"})
    add.citations.append(cite("c1", "120.1"))
    add.citations.append(cite("c2", "120.2", [], "A/HRC/30/7"))
    assert link_documents([add, REPORT_2015]).links == []


def test_every_citing_document_is_listed_and_order_is_deterministic() -> None:
    docs = [
        REPORT_2015,
        REPORT_2020,
        submission(
            "b.pdf", [cite("c1", "121.10", ["Netherlands"], "A/HRC/30/7"), cite("c2", "120.2", [], "A/HRC/30/7")]
        ),
        submission("a.pdf", [cite("c9", "120.2", ["Russian Federation"], "A/HRC/30/7"), cite("c3", "88.1")]),
        submission("c.pdf", [cite("c1", "133.4", ["Peru"], "A/HRC/45/9")]),
    ]
    first = link_documents(docs)
    assert [(lk.report, lk.number) for lk in first.links] == [
        ("wg_2015.pdf", "120.2"),
        ("wg_2015.pdf", "121.10"),
        ("wg_2020.pdf", "133.4"),
        (None, "88.1"),
    ]
    assert [(c.document, c.citation) for c in first.links[0].cited_by] == [("a.pdf", "c9"), ("b.pdf", "c2")]
    for seed in range(5):
        shuffled = docs[:]
        random.Random(seed).shuffle(shuffled)
        assert link_documents(shuffled) == first
    assert CycleLinks.model_validate_json(first.model_dump_json()) == first


# ---------------------------------------------------------------- folders and the CLI


def write_docs(folder: Path, docs: list[Document]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / (Path(d.document.source_file).stem + ".json")).write_text(d.model_dump_json(), encoding="utf-8")


def test_folder_reading_skips_link_files_and_reports_bad_json(tmp_path: Path) -> None:
    write_docs(tmp_path, [REPORT_2015, submission("ngo.pdf", [cite("c1", "120.1", ["Chile"])])])
    (tmp_path / "links.json").write_text(link_documents([REPORT_2015]).model_dump_json(), encoding="utf-8")
    assert len(link_folder(tmp_path).links) == 1
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    docs, problems = read_folder(tmp_path)
    assert len(docs) == 2 and [p.split(":")[0] for p in problems] == ["broken.json", "other.json"]
    with pytest.raises(LinkInputError):
        link_folder(tmp_path)
    with pytest.raises(LinkInputError):
        link_folder(tmp_path / "empty")


def test_cli_link(tmp_path: Path) -> None:
    from cli import app

    runner = CliRunner()
    folder, out = tmp_path / "cycle", tmp_path / "out" / "links.json"
    write_docs(folder, [REPORT_2015, submission("ngo.pdf", [cite("c1", "120.1", ["Chile"], "A/HRC/30/7")])])
    result = runner.invoke(app, ["link", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["links"][0]["report"] == "wg_2015.pdf" and data["links"][0]["position"] == "supported"
    assert "1 cited recommendations" in result.output
    # a folder of links only, or nothing: 1; a bad JSON beside good ones: the file is written, exit 1
    (tmp_path / "empty").mkdir()
    assert runner.invoke(app, ["link", str(tmp_path / "empty"), "--out", str(out)]).exit_code == 1
    (folder / "broken.json").write_text("[", encoding="utf-8")
    out.unlink()
    result = runner.invoke(app, ["link", str(folder), "--out", str(out), "-q"])
    assert result.exit_code == 1 and "broken.json" in result.output and out.is_file()
    # a missing input is a failed input (1); usage: a file for the folder, no --out (2)
    assert runner.invoke(app, ["link", str(tmp_path / "nowhere"), "--out", str(out)]).exit_code == 1
    assert runner.invoke(app, ["link", str(out), "--out", str(tmp_path / "l2.json")]).exit_code == 2
    assert runner.invoke(app, ["link", str(folder)]).exit_code == 2


# ---------------------------------------------------------------- the sample cycle (fictional Veloria)


@pytest.fixture(scope="module")
def sample_links() -> CycleLinks:
    from extract.running.pipeline import extract_file
    from extract.running.sample import SAMPLE_FILES

    paths = [RAW / SAMPLE_FILES[k] for k in ("submission", "submission_es", "wg_report")]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"sample PDFs absent ({missing[0]}): run `upr-extract sample data/raw`")
    return link_documents([extract_file(p) for p in paths])


def test_sample_cycle_links_every_cited_recommendation(sample_links: CycleLinks) -> None:
    from extract.running.sample import SAMPLE_FILES, expected

    facts = expected()
    links = by_number(sample_links)
    for key in ("submission", "submission_es"):
        mismatched = {m["number"]: m for m in facts[key].get("state_mismatches", [])}
        for number, states in facts[key]["cited_recommendations"]:
            lk = links[number]
            assert lk.report == SAMPLE_FILES["wg_report"], number  # type: ignore[attr-defined]
            assert lk.report_symbol == facts[key]["cited_report"] and lk.text, number  # type: ignore[attr-defined]
            assert SAMPLE_FILES[key] in {c.document for c in lk.cited_by}, number  # type: ignore[attr-defined]
            want = [mismatched[number]["report"]] if number in mismatched else states
            assert lk.recommending_states == want, number  # type: ignore[attr-defined]


def test_sample_cycle_warns_of_the_deliberate_state_mismatch(sample_links: CycleLinks) -> None:
    from extract.running.sample import SAMPLE_FILES, expected

    (m,) = expected()["submission_es"]["state_mismatches"]
    (w,) = [w for w in sample_links.warnings if w.code == "state_mismatch"]
    assert w.document == SAMPLE_FILES["submission_es"]
    assert m["number"] in w.message and m["cited"] in w.message and m["report"] in w.message


# ---------------------------------------------------------------- the Kazakhstan pair (shared corpus)

KAZ_CITED = {
    "124.4": "Brazil",
    "124.5": "Chile",
    "124.6": "Canada",
    "125.23": "Morocco",
    "125.24": "Spain",
    "125.72": "Italy",
    "125.73": "Liechtenstein",
}


@pytest.fixture(scope="module")
def kazakhstan() -> tuple[CycleLinks, Document]:
    paths = [CORPUS / "seed_amnesty_kazakhstan_2019.pdf", CORPUS / "un_wgreport_kazakhstan_2014.pdf"]
    if not all(p.is_file() for p in paths):
        pytest.skip("../shared/corpus (the Kazakhstan submission and report) is absent beside the repo")
    from extract.running.pipeline import extract_file

    sub, rep = (extract_file(p) for p in paths)
    return link_documents([sub, rep]), rep


def test_kazakhstan_seven_citations_resolve(kazakhstan: tuple[CycleLinks, Document]) -> None:
    links, rep = kazakhstan
    texts = {r.number: r.text for r in rep.recommendations if r.origin == "report"}
    got = by_number(links)
    assert set(got) == set(KAZ_CITED)
    for number, state in KAZ_CITED.items():
        lk = got[number]
        assert lk.report == "un_wgreport_kazakhstan_2014.pdf" and lk.report_symbol == "A/HRC/28/10"  # type: ignore[attr-defined]
        assert lk.text and lk.text == texts[number] and len(lk.text) > 40  # type: ignore[attr-defined]
        assert lk.recommending_states == [state]  # type: ignore[attr-defined]
        assert lk.position == "supported" and lk.matched_by == "numbers_and_states"  # type: ignore[attr-defined]
        assert [c.document for c in lk.cited_by] == ["seed_amnesty_kazakhstan_2019.pdf"]  # type: ignore[attr-defined]


def test_kazakhstan_symbol_mismatch_is_a_warning_naming_both(kazakhstan: tuple[CycleLinks, Document]) -> None:
    links, _ = kazakhstan
    named = [w for w in links.warnings if "A/HRC/14/10" in w.message and "A/HRC/28/10" in w.message]
    assert [w.code for w in named] == ["cited_symbol_not_in_batch"]
    assert named[0].document == "seed_amnesty_kazakhstan_2019.pdf"
    assert not [w for w in links.warnings if w.code in ("state_mismatch", "number_absent", "number_not_in_batch")]


def test_extract_can_write_the_batch_link_file(tmp_path: Path) -> None:
    """`extract --link` links the documents of the run it just wrote (the sample cycle)."""
    from cli import app

    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    links = tmp_path / "links.json"
    result = CliRunner().invoke(
        app, ["extract", str(raw), "--out", str(tmp_path / "out"), "--jobs", "1", "-q", "--link", str(links)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(links.read_text(encoding="utf-8"))
    numbers = {lk["number"] for lk in data["links"] if lk["report"]}
    assert {"98.12", "98.13"} <= numbers


# ---------------------------------------------------------------- follow-up verdicts (fictional Ruritania)


def follow_up(fid: str, numbers: list[str], status: str, citations: list[str] | None = None, **kw: object) -> FollowUp:
    return FollowUp(
        id=fid,
        numbers=numbers,
        status=status,  # type: ignore[arg-type]
        text=f"Verdict {fid}: the law has still not been amended.",
        citations=citations or [],
        page=2,
        **kw,  # type: ignore[arg-type]
    )


def with_follow_ups(doc: Document, fus: list[FollowUp]) -> Document:
    return doc.model_copy(update={"follow_ups": fus})


def test_verdicts_of_every_citing_document_sit_beside_the_position() -> None:
    subs = [
        with_follow_ups(
            submission(f"ngo{i}.pdf", [cite("c1", "120.1", ["Chile"], "A/HRC/30/7")]),
            [follow_up("fu1", ["120.1"], "not_implemented", ["c1"], state_response="accepted")],
        )
        for i in range(3)
    ]
    subs.append(
        with_follow_ups(
            submission("ngo9.pdf", [cite("c4", "120.1", ["Chile"], "A/HRC/30/7")]),
            [
                follow_up("fu7", ["120.1"], "partially_implemented"),  # no citation id: found by its number
                follow_up("fu8", ["120.1"], "unclear", ["c4"]),
            ],
        )
    )
    links = link_documents([*subs, REPORT_2015])
    (lk,) = links.links
    assert [(v.document, v.follow_up, v.status) for v in lk.follow_ups] == [
        ("ngo0.pdf", "fu1", "not_implemented"),
        ("ngo1.pdf", "fu1", "not_implemented"),
        ("ngo2.pdf", "fu1", "not_implemented"),
        ("ngo9.pdf", "fu7", "partially_implemented"),
        ("ngo9.pdf", "fu8", "unclear"),
    ]
    assert lk.follow_ups[0].model_dump() == {
        "document": "ngo0.pdf",
        "follow_up": "fu1",
        "status": "not_implemented",
        "state_response": "accepted",
        "text": "Verdict fu1: the law has still not been amended.",
        "page": 2,
    }
    assert lk.verdicts == {"partially_implemented": 1, "not_implemented": 3, "unclear": 1}
    assert lk.verdict_summary == (
        "supported — 1 submission says partly implemented, 3 submissions say not implemented, "
        "1 submission gives no clear verdict"
    )
    assert links.warnings == []


def test_a_link_without_verdicts_keeps_its_old_shape() -> None:
    links = link_documents([submission("ngo.pdf", [cite("c1", "120.1", ["Chile"], "A/HRC/30/7")]), REPORT_2015])
    (lk,) = links.links
    assert (lk.follow_ups, lk.verdicts, lk.verdict_summary) == ([], {}, None)


def test_a_verdict_on_several_numbers_reaches_each_link_once() -> None:
    sub = with_follow_ups(
        submission("ngo.pdf", [cite("c1", "120.1", ["Chile"]), cite("c2", "120.2", ["Russia"])]),
        [follow_up("fu1", ["120.1", "120.2"], "regressed", ["c1", "c2"])],
    )
    links = link_documents([sub, REPORT_2015])
    assert {lk.number: [v.follow_up for v in lk.follow_ups] for lk in links.links} == {
        "120.1": ["fu1"],
        "120.2": ["fu1"],
    }
    # the report prints no position for 120.2: the summary says so
    assert by_number(links)["120.2"].verdict_summary == "position unknown — 1 submission says regressed"  # type: ignore[attr-defined]


def test_an_uncited_verdict_number_is_resolved_or_listed_as_not_in_the_batch() -> None:
    sub = with_follow_ups(
        submission("ngo.pdf", []),
        [
            follow_up("fu1", ["121.10"], "implemented", state_response="noted"),
            follow_up("fu2", ["77.7"], "not_implemented", report="A/HRC/19/3", state_response="accepted"),
            follow_up("fu3", [], "unclear"),  # described in words only: no number, no link
        ],
    )
    links = link_documents([sub, REPORT_2015])
    lk = by_number(links)
    assert lk["121.10"].report == "wg_2015.pdf" and lk["121.10"].position == "noted"  # type: ignore[attr-defined]
    assert lk["121.10"].cited_by == [] and lk["121.10"].verdicts == {"implemented": 1}  # type: ignore[attr-defined]
    assert lk["77.7"].report is None  # type: ignore[attr-defined]
    assert lk["77.7"].verdict_summary == "accepted (say the submissions) — 1 submission says not implemented"  # type: ignore[attr-defined]
    assert codes(links) == ["follow_up_number_not_in_batch"]
    assert "A/HRC/19/3" in links.warnings[0].message and "fu2" in links.warnings[0].message
    assert len(links.links) == 2


def test_cli_link_prints_verdict_counts(tmp_path: Path) -> None:
    from cli import app

    folder, out = tmp_path / "cycle", tmp_path / "links.json"
    sub = with_follow_ups(
        submission("ngo.pdf", [cite("c1", "120.1", ["Chile"], "A/HRC/30/7")]),
        [follow_up("fu1", ["120.1"], "not_implemented", ["c1"])],
    )
    write_docs(folder, [REPORT_2015, sub])
    result = CliRunner().invoke(app, ["link", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "verdicts on 1 cited recommendations: not implemented 1" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["links"][0]["verdicts"] == {"not_implemented": 1}
    CycleLinks.model_validate(data)
