"""The sample generator: deterministic, small, and every layout feature really in the PDFs.

The reader, the footnote linker and the robustness tests rely on these files
holding what they claim (raised small markers, notes under a short rule,
continued and deferred notes, two columns, ligatures, soft hyphens, ...), so
each property is checked on the PDF itself through pdfplumber, not on the
generator's intentions.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pycountry
import pytest

from extract.running import sample

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"

BODY_SIZE = 11.0
NOTE_SIZE = 8.5
TOP_FURNITURE = 60.0  # the running header lies above this (pdfplumber top, points)
BOTTOM_FURNITURE = 780.0  # the footer lies below this
TEXT_WIDTH = 451.3  # width of the NGO text block, for the note area under a rule

EXPECTED_PAGES = {
    "standard": 5,
    "two_column": 5,
    "endnotes": 5,
    "continued_footnotes": 5,
    "spanish": 2,
    "wg_report": 8,
}


# --------------------------------------------------------------------------- helpers


@dataclass
class PageData:
    """What the tests read of one page, parsed once per module (pdfplumber is the slow part)."""

    number: int
    width: float
    chars: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    text: str


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    out = {variant: sample.submission_bytes(variant) for variant in sample.VARIANTS}
    out["wg_report"] = sample.wg_report_bytes()
    return out


@pytest.fixture(scope="module")
def parsed(pdfs: dict[str, bytes]) -> dict[str, list[PageData]]:
    return {name: parse(data) for name, data in pdfs.items()}


def parse(data: bytes) -> list[PageData]:
    with opened(data) as pdf:
        return [
            PageData(p.page_number, float(p.width), list(p.chars), list(p.lines), p.extract_text() or "")
            for p in pdf.pages
        ]


@contextmanager
def opened(data: bytes) -> Iterator[pdfplumber.PDF]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield pdf


def same(a: float, b: float) -> bool:
    return abs(a - b) < 0.01


def squash(text: str) -> str:
    """Compare texts without ligature glyphs, spacing or line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def note_rules(page: PageData) -> list[dict[str, Any]]:
    return sorted(
        (ln for ln in page.lines if abs(ln["linewidth"] - sample.NOTE_RULE_WIDTH) < 0.01),
        key=lambda ln: ln["x0"],
    )


def in_body(ch: dict[str, Any]) -> bool:
    return TOP_FURNITURE < ch["top"] < BOTTOM_FURNITURE


def markers(page: PageData) -> list[str]:
    """Labels of superscript markers: small digits raised above the full-size text just before them."""
    chars = [c for c in page.chars if in_body(c)]
    runs: list[list[dict[str, Any]]] = []
    for i, c in enumerate(chars):
        if c["size"] >= 0.8 * BODY_SIZE or not c["text"].isdigit():
            continue
        last = runs[-1][-1] if runs else None
        if last is chars[i - 1] and abs(last["x1"] - c["x0"]) < 1.0 and same(last["top"], c["top"]):
            runs[-1].append(c)
            continue
        before = chars[i - 1] if i else None
        if (
            before is not None
            and before["size"] >= 10
            and abs(before["x1"] - c["x0"]) < 1.0
            and 2 <= before["bottom"] - c["bottom"] < 8
        ):
            runs.append([c])
    return ["".join(c["text"] for c in run) for run in runs]


def note_area(page: PageData, rule: dict[str, Any], width: float) -> list[dict[str, Any]]:
    return [
        c
        for c in page.chars
        if c["top"] > rule["top"] and c["top"] < BOTTOM_FURNITURE and rule["x0"] - 1 <= c["x0"] <= rule["x0"] + width
    ]


def area_labels(chars: list[dict[str, Any]]) -> list[str]:
    """Note labels printed in a note area (small raised digits at the start of a note)."""
    labels: list[str] = []
    last = None
    for c in chars:
        if c["size"] < 0.8 * NOTE_SIZE and c["text"].strip():
            if last is not None and abs(last["x1"] - c["x0"]) < 0.5 and last["top"] == c["top"]:
                labels[-1] += c["text"]
            else:
                labels.append(c["text"])
            last = c
        else:
            last = None
    return labels


def text_of(chars: list[dict[str, Any]]) -> str:
    return "".join(c["text"] for c in chars)


def page_texts(data: bytes) -> list[str]:
    with opened(data) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def lig_chars(pages: list[PageData]) -> str:
    return "".join(c["text"] for p in pages for c in p.chars if c["text"] in "\ufb01\ufb02")


def note_texts(key: str = "submission") -> list[str]:
    """Note texts in number order (order of first marker) for a submission."""
    content = sample.load_text()[key]
    order: list[str] = []
    for block in content["blocks"]:
        for value in block.values():
            for m in re.finditer(r"\[\^(\w+)\]", json.dumps(value, ensure_ascii=False)):
                if m.group(1) not in order:
                    order.append(m.group(1))
    return [content["notes"][k] for k in order]


# --------------------------------------------------------------------------- the generator


def test_output_is_deterministic(pdfs: dict[str, bytes]) -> None:
    # Two variants cover every code path of the submission (notes split, deferred, carried).
    for variant in ("standard", "continued_footnotes"):
        assert sample.submission_bytes(variant) == pdfs[variant], variant
    assert sample.wg_report_bytes() == pdfs["wg_report"]


def test_every_pdf_opens_with_its_page_count(parsed: dict[str, list[PageData]]) -> None:
    for name, pages in parsed.items():
        assert len(pages) == EXPECTED_PAGES[name], name
        assert all(p.chars for p in pages), f"{name}: a page has no text layer"


def test_main_writes_the_committed_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sample.main([str(tmp_path)]) == 0
    paths = sorted(tmp_path.iterdir())
    assert [p.name for p in paths] == sorted(sample.SAMPLE_FILES.values())
    for path in paths:
        assert path.stat().st_size < 100_000, path.name
        committed = RAW / path.name
        assert committed.is_file(), f"{committed} missing: run python -m extract.running.sample data/raw"
        fresh, kept = path.read_bytes(), committed.read_bytes()
        # Another reportlab release may change bytes; what a reader sees must not change.
        assert fresh == kept or page_texts(fresh) == page_texts(kept), f"regenerate {committed}"
    assert sample.main(["--force"]) == 2
    assert "usage" in capsys.readouterr().err


def test_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown variant"):
        sample.submission_bytes("three_column")  # type: ignore[arg-type]


def test_prose_stays_in_the_standard_fonts(parsed: dict[str, list[PageData]]) -> None:
    """Text outside WinAnsi would make reportlab switch to a fallback font mid-word."""

    def strings(node: Any) -> Iterator[str]:
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    for text in strings(sample.load_text()):
        text.encode("cp1252")
    allowed = {
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-BoldOblique",
        "Symbol",
        "Courier",
        "Times-Roman",
        "Times-Bold",
    }
    for name, pages in parsed.items():
        fonts = {c["fontname"] for p in pages for c in p.chars}
        assert fonts <= allowed, (name, fonts - allowed)


def test_the_state_is_fictional() -> None:
    state = sample.load_text()["state"]
    assert pycountry.countries.get(alpha_3=state["code"]) is None
    assert pycountry.countries.get(name=state["name"]) is None


# --------------------------------------------------------------------------- the standard submission


def test_markers_are_small_raised_and_numbered_in_order(parsed: dict[str, list[PageData]]) -> None:
    found = [label for page in parsed["standard"] for label in markers(page)]
    assert found == [str(n) for n in range(1, len(note_texts()) + 1)]


def test_footnotes_sit_under_a_short_rule_on_their_markers_page(parsed: dict[str, list[PageData]]) -> None:
    notes = note_texts()
    for page in parsed["standard"]:
        labels = markers(page)
        rules = note_rules(page)
        if not labels:
            assert not rules
            continue
        assert len(rules) == 1 and rules[0]["width"] <= sample.SHORT_RULE + 0.5, page.number
        area = note_area(page, rules[0], TEXT_WIDTH)
        assert area_labels(area) == labels, page.number
        assert {round(c["size"], 1) for c in area} <= {NOTE_SIZE, round(NOTE_SIZE * 0.64, 1)}
        squashed = squash(text_of(area))
        for label in labels:
            assert squash(label + notes[int(label) - 1]) in squashed, (page.number, label)
        above = [c for c in page.chars if in_body(c) and c["top"] < rules[0]["top"]]
        assert not [c for c in above if same(c["size"], NOTE_SIZE)], "note text above the rule"


def test_standard_text_layer_carries_the_documented_features(parsed: dict[str, list[PageData]]) -> None:
    pages = parsed["standard"]
    flat = unicodedata.normalize("NFKC", " ".join(p.text for p in pages)).replace("\n", " ")
    for needle in (
        "Submission to the Universal Periodic Review of the Republic of",
        "I. Introduction",
        "A. National human rights framework",
        "1.1 Arrest and pre-trial detention",
        "12. The Ombudsman noted",
        "recommendations 98.12 (Chile) and 98.13 (Norway)",
        "98.20–98.22 (Brazil, Ghana and Japan)",
        "Article 212 of the Penal Code",
        "Article 19(3) of the ICCPR",
        "arrested at his home on 14 March 2021",
        "four-year term",
        "released on 30 June 2023",
        "CCPR/C/VLR/CO/2",
        "A/HRC/WG.6/31/VLR/1",
        "https://www.lanternrights.example/upr/2023/method",
        "V. Recommendations",
    ):
        assert needle in flat, needle
    ligatures = lig_chars(pages)
    assert "\ufb01" in ligatures and "\ufb02" in ligatures, "fi/fl ligature glyphs in the text layer"


def test_running_header_and_footer_on_every_page(parsed: dict[str, list[PageData]]) -> None:
    content = sample.load_text()["submission"]
    pages = parsed["standard"]
    for page in pages:
        lines = page.text.splitlines()
        assert lines[-1] == f"{content['footer']} Page {page.number} of {len(pages)}"
        assert (lines[0] == content["header"]) == (page.number > 1)


def test_a_word_is_hyphenated_at_a_line_end(parsed: dict[str, list[PageData]]) -> None:
    words = {w.replace("-", "") for w in sample.load_text()["hyphenate"]}
    broken = []
    for page in parsed["standard"]:
        lines = page.text.splitlines()
        for line, following in itertools.pairwise(lines):
            if line.endswith("-") and following:
                head = line.rsplit(" ", 1)[-1][:-1]
                tail = re.match(r"[A-Za-z]*", following)
                if tail and head + tail.group() in words:
                    broken.append(head + tail.group())
    assert broken, "no soft hyphen was broken at a line end"


def test_bullets_use_symbol_and_courier_glyphs(parsed: dict[str, list[PageData]]) -> None:
    chars = [c for p in parsed["standard"] for c in p.chars]
    bullets = [c for c in chars if c["fontname"] == "Symbol"]
    subs = [c for c in chars if c["fontname"] == "Courier"]
    assert bullets and all(c["text"] == "\u2022" and same(c["size"], BODY_SIZE) for c in bullets)
    assert len(subs) == 4 and all(c["text"] == "o" for c in subs)
    assert min(c["x0"] for c in subs) > max(c["x0"] for c in bullets)


def test_table_and_quote(pdfs: dict[str, bytes], parsed: dict[str, list[PageData]]) -> None:
    rows = next(b["table"] for b in sample.load_text()["submission"]["blocks"] if "table" in b)
    number = next(p.number for p in parsed["standard"] if "Table 1." in p.text)
    with opened(pdfs["standard"]) as pdf:
        tables = [t.extract() for t in pdf.pages[number - 1].find_tables()]
    assert rows in tables
    quote = "".join(
        c["text"]
        for p in parsed["standard"]
        for c in p.chars
        if c["fontname"] == "Helvetica-Oblique" and same(c["size"], 10.5)
    )
    assert quote.startswith("“Nobody ever asked me")


def test_a_recommendation_runs_over_a_page_break(parsed: dict[str, list[PageData]]) -> None:
    blocks = sample.load_text()["submission"]["blocks"]
    items = [i if isinstance(i, str) else i["t"] for i in blocks[-1]["ul"]]
    texts = [squash(p.text) for p in parsed["standard"]]
    split = [
        item
        for item in items
        if any(
            squash(item[:40]) in a and squash(item[-40:]) in b and squash(item) not in a
            for a, b in itertools.pairwise(texts)
        )
    ]
    assert split, "no recommendation is split across pages"


# --------------------------------------------------------------------------- layout variants


def test_two_columns_each_with_its_own_footnotes(parsed: dict[str, list[PageData]]) -> None:
    pages = parsed["two_column"]
    page = pages[1]
    mid = page.width / 2
    body = [c for c in page.chars if in_body(c) and same(c["size"], BODY_SIZE)]
    left = [c for c in body if c["x1"] <= mid - sample.NGO_COLUMN_GAP / 2 + 0.5]
    right = [c for c in body if c["x0"] >= mid + sample.NGO_COLUMN_GAP / 2 - 0.5]
    assert left and right and len(left) + len(right) == len(body), "text crosses the gutter"
    rules = note_rules(page)
    assert len(rules) == 2 and rules[0]["x0"] < mid < rules[1]["x0"]
    found = [label for p in pages for label in markers(p)]
    assert found == [str(n) for n in range(1, len(note_texts()) + 1)]


def test_endnotes_are_collected_in_a_notes_section(parsed: dict[str, list[PageData]]) -> None:
    notes = note_texts()
    pages = parsed["endnotes"]
    assert not any(note_rules(p) for p in pages)
    found = [label for p in pages for label in markers(p)]
    heading = next(i for i, p in enumerate(pages) if "\nNotes\n" in p.text)
    tail = [c for p in pages[heading:] for c in p.chars if in_body(c) and c["size"] < NOTE_SIZE + 0.01]
    assert found == [str(n) for n in range(1, len(notes) + 1)]
    assert area_labels(tail) == found
    squashed = squash(text_of(tail))
    assert all(squash(n) in squashed for n in notes)


def test_continued_and_deferred_footnotes(parsed: dict[str, list[PageData]]) -> None:
    data = sample.load_text()
    override = data["variants"]["continued_footnotes"]["notes"]
    notes = note_texts()
    keys = list(dict.fromkeys(re.findall(r"\[\^(\w+)\]", json.dumps(data["submission"]["blocks"]))))
    long_n = keys.index("ledger") + 1
    late_n = keys.index(next(k for k, v in override.items() if v.get("defer"))) + 1
    long_text = squash(notes[long_n - 1] + override["ledger"]["append"])
    pages = parsed["continued_footnotes"]
    marker_page = {int(m): i for i, p in enumerate(pages) for m in markers(p)}
    areas = []
    for p in pages:
        rules = note_rules(p)
        areas.append((rules, note_area(p, rules[0], TEXT_WIDTH) if rules else []))
    # The long note starts on its marker's page and ends at the top of the next page's notes,
    # under a full-width continuation rule and before that page's own notes.
    k = marker_page[long_n]
    head = squash(text_of(areas[k][1]))
    rules, tail_area = areas[k + 1]
    start = head.index(str(long_n) + long_text[:30])
    piece = head[start + len(str(long_n)) :]
    assert long_text.startswith(piece) and len(piece) < len(long_text)
    assert squash(text_of(tail_area)).startswith(long_text[len(piece) :])
    assert rules[0]["width"] > sample.SHORT_RULE + 100
    # The deferred note lands on the page after its marker, at the head of that page's notes.
    k = marker_page[late_n]
    assert str(late_n) not in area_labels(areas[k][1])
    assert area_labels(areas[k + 1][1])[0] == str(late_n)
    assert areas[k + 1][0][0]["width"] <= sample.SHORT_RULE + 0.5


def test_spanish_submission(parsed: dict[str, list[PageData]]) -> None:
    pages = parsed["spanish"]
    flat = unicodedata.normalize("NFKC", " ".join(p.text for p in pages)).replace("\n", " ")
    for needle in (
        "Recomendaciones",
        "artículo 49 de la Constitución",
        "Recomendamos al Estado",
        "recomendación 98.15 (Chile)",
        "Página 1 de 2",
        "E/C.12/VLR/CO/3",
    ):
        assert needle in flat, needle
    assert any("2,1 % del" in line for p in pages for line in p.text.splitlines()), "no-break space before %"
    found = [m for p in pages for m in markers(p)]
    assert found == [str(n) for n in range(1, len(note_texts("submission_es")) + 1)]


# --------------------------------------------------------------------------- the Working Group report


def test_wg_report_cover_and_furniture(parsed: dict[str, list[PageData]]) -> None:
    report = sample.load_text()["wg_report"]
    first, *later = parsed["wg_report"]
    for needle in (
        "United Nations",
        "/HRC/40/97",
        "General Assembly",
        "Distr.: General",
        "3 January 2019",
        "Human Rights Council",
        "Agenda item 6",
        report["job_number"],
    ):
        assert needle in first.text, needle
    stars = [c for c in first.chars if c["text"] == "*"]
    assert len(stars) == 2 and all(c["size"] < 12 for c in stars), "the title's star marker and its note"
    assert "The annex to the present report" in first.text.split(report["job_number"])[0].splitlines()[-1]
    for page in later:
        lines = page.text.splitlines()
        assert lines[0] == report["symbol"]
        assert lines[-1] == str(page.number)


def test_wg_report_recommendations_are_numbered_and_grouped(parsed: dict[str, list[PageData]]) -> None:
    report = sample.load_text()["wg_report"]
    flat = " ".join(p.text for p in parsed["wg_report"]).replace("\n", " ")
    assert "96. The following recommendations have been examined by Veloria and enjoy its support:" in flat
    assert "97. The following recommendations will be examined by Veloria" in flat
    assert "98. The following recommendations have been examined by Veloria and have been noted:" in flat
    for para, group in ((96, "supported"), (97, "examined"), (98, "noted")):
        for i, (text, states) in enumerate(report["recommendations"][group], start=1):
            printed = f"{para}.{i} {text} " + " ".join(f"({s})" for s in states)
            assert printed in flat, printed


def test_cited_recommendations_match_the_report() -> None:
    data = sample.load_text()
    report = data["wg_report"]
    table = {
        f"{para}.{i}": states
        for para, group in ((96, "supported"), (97, "examined"), (98, "noted"))
        for i, (_, states) in enumerate(report["recommendations"][group], start=1)
    }
    facts = sample.expected()
    for number, states in facts["submission"]["cited_recommendations"]:
        assert table[number] == states, number
    mismatches = [
        {"number": n, "cited": s[0], "report": table[n][0]}
        for n, s in facts["submission_es"]["cited_recommendations"]
        if table[n] != s
    ]
    assert mismatches == facts["submission_es"]["state_mismatches"]
    assert facts["submission"]["cited_report"] == report["symbol"]


# --------------------------------------------------------------------------- hostile inputs


def readable_pages(path: Path, password: str = "") -> int | None:
    """Pages pdfplumber reads from `path`, or None when it refuses the file."""
    try:
        with pdfplumber.open(path, password=password) as pdf:
            return sum(1 for p in pdf.pages if p.chars is not None)
    except Exception:
        return None


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory, pdfs: dict[str, bytes]) -> dict[str, Path]:
    return sample.bad_inputs(tmp_path_factory.mktemp("bad"), source=pdfs["standard"])


def test_bad_inputs_are_what_they_claim(bad: dict[str, Path]) -> None:
    for name in ("not_pdf", "empty", "random_bytes", "header_then_garbage", "truncated_header"):
        assert readable_pages(bad[name]) is None, name
    full = EXPECTED_PAGES["standard"]
    for name in ("truncated_quarter", "truncated_half", "truncated_three_quarters", "truncated_tail"):
        pages = readable_pages(bad[name])
        assert pages is None or pages < full, name
    assert bad["empty"].stat().st_size == 0
    assert bad["directory"].is_dir() and bad["directory"].suffix == ".pdf"


def test_encrypted_inputs(bad: dict[str, Path]) -> None:
    assert readable_pages(bad["encrypted_user"]) is None
    assert readable_pages(bad["encrypted_user"], password=sample.USER_PASSWORD) == 1
    assert b"/Encrypt" in bad["encrypted_owner"].read_bytes()
    with pdfplumber.open(bad["encrypted_owner"]) as pdf:
        assert "Veloria" in (pdf.pages[0].extract_text() or "")


def test_zero_page_scanned_and_bombs(bad: dict[str, Path]) -> None:
    assert readable_pages(bad["zero_pages"]) == 0
    with pdfplumber.open(bad["scanned"]) as pdf:
        assert len(pdf.pages) == 1 and not pdf.pages[0].chars and len(pdf.pages[0].images) == 1
    assert b"/Count 2147483647" in bad["bomb_page_count"].read_bytes()
    assert b"/Kids [2 0 R" in bad["bomb_cycle"].read_bytes()
    assert b"[" * 10_000 in bad["bomb_nested"].read_bytes()
    for name in ("bomb_page_count", "bomb_cycle"):
        assert readable_pages(bad[name]) in (None, 1), name


@pytest.mark.timing
def test_bombs_are_read_quickly(bad: dict[str, Path]) -> None:
    started = time.monotonic()
    for name in ("bomb_page_count", "bomb_cycle"):
        readable_pages(bad[name])
    assert time.monotonic() - started < 10


def test_non_utf8_name(bad: dict[str, Path]) -> None:
    if "non_utf8_name" not in bad:
        pytest.skip("this filesystem refuses file names that are not UTF-8")
    raw = os.fsencode(bad["non_utf8_name"].name)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert readable_pages(bad["non_utf8_name"]) == 1


def test_bad_inputs_are_deterministic(bad: dict[str, Path], tmp_path: Path, pdfs: dict[str, bytes]) -> None:
    again = sample.bad_inputs(tmp_path, source=pdfs["standard"])
    assert again.keys() == bad.keys()
    for name, path in bad.items():
        if path.is_file():
            assert path.read_bytes() == again[name].read_bytes(), name


def test_symlink_loop(tmp_path: Path) -> None:
    folder = sample.symlink_loop(tmp_path / "loop")
    link = folder / "again"
    assert link.is_symlink() and link.resolve() == folder.resolve()
    assert readable_pages(folder / "inside_loop.pdf") == 1
    assert sample.symlink_loop(folder) == folder  # idempotent
