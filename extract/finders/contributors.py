"""Who contributed to a summary of stakeholders' submissions, and which paragraphs cite each.

OHCHR's summary of stakeholders' submissions lists its sources once, in a note or
annex ("Civil society ... HWI Harbour Watch International, London, United Kingdom;
JS1 Joint submission 1 submitted by: ..."), then cites them by abbreviation in notes
("HWI, p. 3.") or in parentheses. The list is read by its printed grammar: a
section label, then entries "ABBREVIATION Full name[, place][, country][*]"
separated by semicolons (older summaries leave some sections unseparated).

Public API:
    find_contributors(doc) -> list[schemas.Contributor]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.finders.states import lookup_state
from extract.structure.units import DocText, TextUnit
from extract.text.fold import fold
from schemas import Contributor

LIST_START = re.compile(
    r"stakeholders listed below|(?:^|\s)civil society\s*(?:individual submissions?\s*:)?|"
    r"list of (?:stakeholders|contributors)|contributions? (?:were|was) received from",
    re.I,
)
"""Where the list of contributors begins (a note on the summary's first paragraph, or an annex)."""

SECTIONS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"\bcivil society\b\s*:?", re.I), "ngo"),
    (re.compile(r"\bindividual submissions?\s*:?", re.I), "ngo"),
    (re.compile(r"\bjoint submissions?\s*:", re.I), "joint"),
    (re.compile(r"\bnational human rights institutions?(?:\s*\(NHRIs?\))?\s*:?", re.I), "nhri"),
    (re.compile(r"\bregional (?:intergovernmental )?organi[sz]ations?(?:\(s\))?\s*:?", re.I), "regional"),
    (re.compile(r"\b(?:international|intergovernmental) organi[sz]ations?(?:\(s\))?\s*:", re.I), "other"),
    (re.compile(r"\b(?:united nations|UN) (?:entities|agencies)\s*:", re.I), "other"),
    (re.compile(r"\bother(?: stakeholders)?\s*:", re.I), "other"),
    (re.compile(r"\battachments?\s*:", re.I), None),
]
"""Section labels of the list and the Contributor kind of their entries; None = not contributors (attachments)."""

ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*$")
"""A printed abbreviation: 'AI', 'JS1', 'CoE-Commissioner', 'PTPR/JS4', 'Ombudsman/HRORS'."""

NEW_ENTRY = re.compile(r"(?<=[a-z)*.\]]) (?=(?:[A-Z][a-z]*){1,2}[A-Z][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)* [A-Z])")
"""Inside an unseparated section, an entry starts at an abbreviation (two capitals or more) before a name."""

NOTE_PREFIX = re.compile(r"^(?:(?:one|two) asterisks? denotes?[^)]*\)|\([^()]*asterisk[^()]*\))\s*", re.I)
PAREN_COUNTRY = re.compile(r"\s*\([^()]{2,60}\)\s*$")
JOINT = re.compile(r"(?:^|/)JS ?\d+$")
NHRI_NAME = re.compile(r"\bombuds(?:man|person)\b|\bhuman rights (?:commission|institution)\b|\bdefensor", re.I)


@dataclass(slots=True)
class _Entry:
    abbreviation: str
    name: str
    kind: str
    paragraphs: list[str] = field(default_factory=list)


def _list_text(doc: DocText) -> tuple[str, str | None] | None:
    """The text of the contributors' list and the id of the unit holding it."""
    units = list(doc.units)
    for i, u in enumerate(units):
        m = LIST_START.search(u.text)
        if m is None:
            continue
        text = u.text[m.start() :]
        # an annex list may run over several paragraphs
        j = i + 1
        while j < len(units) and len(text) < 20_000 and units[j].source == u.source and _continues(units[j]):
            text += " " + units[j].text
            j += 1
        return text, u.id
    return None


def _continues(u: TextUnit) -> bool:
    first = u.text.strip().split(" ", 1)[0] if u.text.strip() else ""
    return (bool(ABBREVIATION.match(first)) and ";" in u.text[:300]) or any(p.match(u.text) for p, _ in SECTIONS)


def _sections(text: str) -> list[tuple[str, str]]:
    """(kind, text) per labelled section, in order."""
    marks: list[tuple[int, int, str | None]] = []
    for pat, kind in SECTIONS:
        for m in pat.finditer(text):
            if not m.group().rstrip().endswith(":"):
                before = text[: m.start()].rstrip()
                after = text[m.end() :].lstrip()
                nxt = after.split(" ", 1)[0] if after else ""
                if before and before[-1] not in ";.:*)]":
                    continue  # a label opens a section; inside a title it is just words
                if not (_looks_abbreviated(nxt) or any(p.match(after) for p, _ in SECTIONS)):
                    continue
            marks.append((m.start(), m.end(), kind))
    marks.sort()
    out: list[tuple[str | None, str]] = []
    last_end = 0
    kind: str | None = "ngo"
    real: str = "ngo"
    for start, end, k in marks:
        if start < last_end:
            continue
        if start > last_end:
            out.append((kind, text[last_end:start]))
        if k == "ngo" and kind == "joint":
            k = "joint"
        kind = k
        if k is not None:
            real = k
        last_end = end
    out.append((kind, text[last_end:]))
    # entries printed after a contributor's attachments belong to the section before them
    return [(k if k is not None else f"attached:{real}", t) for k, t in out]
    return out


def _looks_abbreviated(tok: str) -> bool:
    """'AI', 'JS1', 'CoE-ECRI', 'LEGEBITRA': two capitals or a digit; not 'The' or 'Social'."""
    t = tok.strip("(),;:")
    return bool(ABBREVIATION.match(t)) and (sum(c.isupper() for c in t) >= 2 or any(c.isdigit() for c in t))


def _entries(kind: str, text: str) -> list[_Entry]:
    text = NOTE_PREFIX.sub("", text.strip())
    if ";" in text:
        pieces: list[str] = []
        for p in re.split(r";\s*", text):
            if not p.strip():
                continue
            first = p.split()[0]
            dup = len(p.split()) > 3 and _fold_words(p.split()[:2]) == _fold_words(_drop_the(p.split()[2:])[:2])
            if pieces and not (_looks_abbreviated(first) or dup):
                pieces[-1] += "; " + p  # a co-author of a joint submission, printed after a semicolon
            else:
                pieces.append(p)
    else:
        pieces = NEW_ENTRY.split(text)
    out = []
    for piece in pieces:
        e = _entry(kind, piece.strip(" .,"))
        if e is not None:
            out.append(e)
    return out


def _fold_words(ws: list[str]) -> list[str]:
    """Words compared without their trailing punctuation, case or accents."""
    return [fold(w.strip(",.;:")) for w in ws]


def _drop_the(ws: list[str]) -> list[str]:
    return ws[1:] if ws and ws[0].casefold() == "the" else ws


def _entry(kind: str, piece: str) -> _Entry | None:
    toks = piece.split()
    if len(toks) < 2:
        return None
    n = 1
    # "Broken Chalk The Broken Chalk": a name printed twice, the first time as its short form
    for k in (3, 2):
        if len(toks) > 2 * k and _fold_words(toks[:k]) == _fold_words(_drop_the(toks[k:])[:k]):
            n = k
            break
    if toks[0].startswith("("):
        return None  # "(CoE-ECRI) ...": a document attached by a contributor, not a contributor
    abbr = " ".join(toks[:n]).strip("()")
    if n == 1 and not _looks_abbreviated(abbr):
        return None
    name = _strip_place(" ".join(toks[n:]))
    name = re.sub(r"\s*\((?:joint submission|" + re.escape(abbr) + r")\)", "", name, flags=re.I).strip()
    if not name:
        return None
    k = kind
    if JOINT.search(abbr) or re.search(r"joint submission", piece, re.I):
        k = "joint"
    elif NHRI_NAME.search(name) and kind in ("ngo", "other"):
        k = "nhri"
    return _Entry(abbreviation=abbr, name=name, kind=k)


def _strip_place(name: str) -> str:
    """'Harbour Watch International, London, United Kingdom*' → 'Harbour Watch International'."""
    s = name.strip().rstrip("*").strip()
    located = False
    m = PAREN_COUNTRY.search(s)
    if m and lookup_state(m.group().strip(" ()")) is not None:
        s = s[: m.start()].rstrip(" ,*")
        located = True
    parts = [p.strip() for p in s.split(",")]
    while len(parts) > 1 and lookup_state(parts[-1].rstrip("*. ")) is not None:
        parts.pop()
        located = True
    if located and len(parts) > 1:
        last = parts[-1].split()
        if 1 <= len(last) <= 3 and all(w[:1].isupper() for w in last):
            parts.pop()  # the city before the country
    return ", ".join(parts).strip(" ,*")


def _cites(text: str, abbreviations: list[str]) -> set[str]:
    """Abbreviations named in `text` as whole tokens (longest first, so 'CoE-ECRI' is not 'CoE')."""
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for a in abbreviations:
        for m in re.finditer(r"(?<![\w\-/])" + re.escape(a) + r"(?![\w\-/])", text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.add(a)
    return found


def find_contributors(doc: DocText) -> list[Contributor]:
    """The stakeholders a summary lists, with the paragraphs that cite each (ids 'org1', 'org2', ...)."""
    got = _list_text(doc)
    if got is None:
        return []
    text, list_unit = got
    entries: list[_Entry] = []
    seen: set[str] = set()
    for kind, section in _sections(text):
        attached = kind.startswith("attached:")
        for e in _entries(kind.removeprefix("attached:"), section):
            if attached and e.kind != "joint" and not _looks_abbreviated(e.abbreviation.split()[0]):
                continue
            if e.abbreviation not in seen:
                seen.add(e.abbreviation)
                entries.append(e)
    if not entries:
        return []
    by_abbr = {e.abbreviation: e for e in entries}
    # each part of 'PTPR/JS4' or 'Ombudsman/HRORS' cites the same contributor
    aliases: dict[str, str] = {}
    for e in entries:
        aliases[e.abbreviation] = e.abbreviation
        for part in e.abbreviation.split("/"):
            aliases.setdefault(part, e.abbreviation)
    order = sorted(aliases, key=len, reverse=True)
    for u in doc.units:
        if u.id == list_unit:
            continue
        hits = _cites(u.text, order)
        if not hits:
            continue
        target = u.anchor if u.is_footnote else u.id
        if target is None:
            continue
        for a in hits:
            e = by_abbr[aliases[a]]
            if target not in e.paragraphs:
                e.paragraphs.append(target)
    return [
        Contributor(id=f"org{i}", abbreviation=e.abbreviation, name=e.name, kind=e.kind, paragraphs=e.paragraphs)
        for i, e in enumerate(entries, 1)
    ]
