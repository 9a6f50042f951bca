"""UN document symbols, read by the grammar of the UN symbol system rather than from a list.

A symbol is a root (the parent organ or treaty body: "A", "E", "CCPR"...) followed by
'/'-separated components: series designations of subsidiary bodies ("HRC", "C.12",
"WG.6"), a session or year, a State's ISO 3166-1 alpha-3 code, a document type ("CO",
"RES", "L.12"), a serial number or range ("18-20") and modifiers ("Add.1", "Corr.1",
"Rev.1"). PDFs print them with stray spaces around slashes, line breaks inside them,
trailing full stops and, in OHCHR links, only inside a file name
("A_HRC_10_22_Add1_France.pdf", "CRC.C.FRA.CO.4.pdf"). The tables of the grammar
live in extract/data/un_symbols.json.

Public API:
    parse_symbol(text) -> UNDocumentParsed | None
    find_symbols(text) -> list[SymbolMatch]
    symbol_from_url(url) -> UNDocumentParsed | None
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from extract import DATA_DIR
from schemas import UNDocumentParsed

DATA = DATA_DIR / "un_symbols.json"
_T = json.loads(DATA.read_text(encoding="utf-8"))

ROOTS: dict[str, str] = _T["roots"]
SERIES: dict[str, str] = _T["series"]
SERIES_WORDS: frozenset[str] = frozenset(_T["series_words"])
DOC_TYPES: dict[str, str] = _T["document_types"]
SERIES_DOTTED: frozenset[str] = frozenset(_T["dotted"]["series"])
DOC_DOTTED: frozenset[str] = frozenset(_T["dotted"]["document"])
DOTTED_ROOTS: dict[str, list[str]] = _T["dotted_roots"]
MODIFIERS: dict[str, str] = _T["modifiers"]
URL_EXTENSIONS: frozenset[str] = frozenset(e.lower() for e in _T["url_extensions"])
LANGUAGE_TAILS: frozenset[str] = frozenset(t.upper() for t in _T["language_tails"])
RESOLUTION_TYPES = frozenset({"RES", "DEC", "PRST"})
ROOTLESS_SERIES: tuple[str, ...] = tuple(_T["rootless"]["series"])
ROOTLESS_WINDOW: int = _T["rootless"]["window"]

_ROOT_ALT = "|".join(sorted(map(re.escape, ROOTS), key=len, reverse=True))
_MOD_ALT = "|".join(f"{m}|{m.upper()}|{m.lower()}" for m in MODIFIERS)

# One component. Alternatives are tried in order and each must end at a word boundary,
# so a component never eats the start of the next word. No alternative can match the
# empty string and no quantifier is nested, which keeps matching linear.
_FUSED_HEADS = "|".join(sorted({*MODIFIERS, *DOC_DOTTED}, key=len, reverse=True))
_FUSED_NEXT = rf"(?=(?:{_FUSED_HEADS})\.\s?\d)"
"""A modifier or dotted document type printed without its slash: "A/HRC/WG.6/9L.3"."""

# One component. Alternatives are tried in order and each must end at a word boundary,
# so a component never eats the start of the next word. No alternative can match the
# empty string and no quantifier is nested, which keeps matching linear.
_COMPONENT = (
    rf"(?:(?:(?:{_MOD_ALT})\.?\s?\d{{1,4}}"  # Add.1, Add. 1, Add1
    r"|[A-Z][A-Za-z]{0,5}\.\s?\d{1,4}"  # WG.6, C.12, CN.4, Sub.2, L.12, SR.314
    r"|(?:Res|Dec)"  # lower-case resolution/decision markers
    r"|[A-Z]{1,6}\d{0,3}"  # HRC, GBR, CO, CO1 (fused), C
    r")(?![A-Za-z0-9])"
    rf"|\d{{1,5}}(?:[-–]\d{{1,5}})?(?:(?![A-Z0-9])|{_FUSED_NEXT}))"  # 8, 2004, 18-20; "3para" lost a space
)
# '/' with at most one space either side (a line break or a stray space); never before
# another root, so "A/HRC/8/25 / CRC/C/..." stays two symbols. ". Add.1" also separates,
# and nothing at all before a fused modifier.
_SEP = rf"(?:\s?/\s?|\.\s?(?=(?:Add|Corr|Rev)\.\s?\d)|(?<=\d){_FUSED_NEXT})(?!(?:{_ROOT_ALT})\s?/)"

SYMBOL_RE = re.compile(rf"(?<![\w.\-@])(?:{_ROOT_ALT})(?:{_SEP}{_COMPONENT})+")
FULL_RE = re.compile(rf"\s*((?:{_ROOT_ALT})(?:{_SEP}{_COMPONENT})+)[\s.,;:)\]]*")

_MOD_PART = re.compile(rf"^({_MOD_ALT})\.?(\d+)$")
_DOTTED_PART = re.compile(r"^([A-Z][A-Za-z]{0,5})\.(\d+)$")
_FUSED_PART = re.compile(r"^([A-Z]{1,6})(\d{1,3})$")
_NUM_PART = re.compile(r"^\d+(?:-\d+)?$")
_SPLIT = re.compile(rf"\s?/\s?|\.\s?(?=(?:Add|Corr|Rev)\.)|(?<=\d){_FUSED_NEXT}")
_SPACES = re.compile(r"\s+")
_CANON_MOD = {m.lower(): m for m in MODIFIERS}

MIN_COMPONENTS = 2
"""Components after the root: "A/63/38" has two; "A/C" (air conditioning) has one."""


@dataclass(frozen=True, slots=True)
class SymbolMatch:
    """A symbol found in a text: text[start:end] is the symbol as printed."""

    start: int
    end: int
    text: str
    parsed: UNDocumentParsed


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def _component(p: str) -> list[str]:
    """Normalise one printed component; a fused "CO1" gives two, "WG6" gives "WG.6"."""
    m = _MOD_PART.match(p)
    if m:
        return [f"{_CANON_MOD[m.group(1).lower()]}.{int(m.group(2))}"]
    if p in ("Res", "Dec"):
        return [p.upper()]
    m = _FUSED_PART.match(p)
    if m:
        head, num = m.groups()
        if head in SERIES_DOTTED - {"C"} or head in DOC_DOTTED:
            return [f"{head}.{num}"]
        if head in DOC_TYPES:
            return [head, num]
        if len(head) == 3 and head in _iso3():
            return [head, num]  # "CRC/C/VEN2": the slash before the number was lost
    return [p]


def _components(printed: str) -> list[str] | None:
    """Split a printed symbol into normalised components (None when the grammar refuses it)."""
    raw = [_SPACES.sub("", p).replace("–", "-") for p in _SPLIT.split(printed)]
    if not raw or raw[0] not in ROOTS or not all(raw):
        return None
    out = [raw[0]]
    for p in raw[1:]:
        out.extend(_component(p))
    return out if _valid(out) else None


def _valid(comps: list[str]) -> bool:
    """The grammar's global conditions: enough components, and a number or a State code."""
    rest = comps[1:]
    if len(rest) < MIN_COMPONENTS:
        return False
    if any(c[:1].isdigit() or ("." in c and _head(c)[0] not in SERIES_DOTTED) for c in rest):
        return True
    # "CCPR/C/GBR/CO": printed without its number, still a symbol of a State's report
    return len(rest) >= 3 and any(c in _iso3() for c in rest)


def _head(c: str) -> tuple[str, str | None]:
    head, dot, num = c.partition(".")
    return head, (num if dot else None)


def _parts(comps: list[str], from_url: bool = False) -> UNDocumentParsed:
    """Name the components: series, session, State, document type, number, modifiers."""
    root = comps[0]
    i = 1
    while i < len(comps):
        head, num = _head(comps[i])
        if comps[i] in SERIES_WORDS or (num is not None and head in SERIES_DOTTED):
            i += 1
        else:
            break
    series = comps[:i]
    body = ROOTS[root]
    for k in range(len(series), 0, -1):
        b = SERIES.get("/".join(series[:k]))
        if b:
            body = b
            break
    doc_type: str | None = next((c for c in series if _head(c)[0] == "WG" and "." in c), None)
    state: str | None = None
    nums: list[str] = []
    views: list[str] = []  # the "N/YYYY" after a "D" (views on a communication)
    mods: dict[str, str] = {}
    for c in comps[i:]:
        head, num = _head(c)
        if num is not None and head in MODIFIERS:
            mods[head] = num
        elif _NUM_PART.match(c):
            (views if doc_type == "D" else nums).append(c)
        elif head in DOC_TYPES or head in DOC_DOTTED:
            doc_type = head
            if num is not None:
                nums.append(num)
        elif len(c) == 3 and state is None and c in _iso3():
            state = c
    if views:
        number: str | None = "/".join(views)
        session = nums[0] if nums else None
    else:
        number = nums[-1] if nums else None
        session = nums[0] if len(nums) >= 2 else None
    return UNDocumentParsed(
        symbol="/".join(comps),
        body=body,
        series="/".join(series),
        session=session,
        state_iso3=state,
        document_type=doc_type,
        number=number,
        addendum=mods.get("Add"),
        corrigendum=mods.get("Corr"),
        revision=mods.get("Rev"),
        from_url=from_url,
    )


def parse_symbol(text: str) -> UNDocumentParsed | None:
    """The normalised symbol and its parts, when the whole of `text` is one symbol.

    Surrounding spaces and trailing punctuation are ignored; "A/HRC/16/12/ Add.1."
    gives "A/HRC/16/12/Add.1".
    """
    m = FULL_RE.fullmatch(text)
    if m is None:
        return None
    comps = _components(m.group(1))
    return _parts(comps) if comps else None


def find_symbols(text: str) -> list[SymbolMatch]:
    """Every symbol printed in `text`, left to right, with exact offsets of the printed form.

    `parsed.repaired` says the normalised symbol is more than the printed one without its
    spaces: a slash, a dot or the root was missing.
    """
    out: list[SymbolMatch] = []
    if "/" not in text:
        return out
    for m in SYMBOL_RE.finditer(text):
        comps = _components(m.group())
        if comps is None:
            continue
        parsed = _parts(comps)
        if _SPACES.sub("", m.group()).replace("–", "-") != parsed.symbol:
            parsed = parsed.model_copy(update={"repaired": True})
        out.append(SymbolMatch(m.start(), m.end(), m.group(), parsed))
    out.extend(_rootless(text, out))
    return sorted(out, key=lambda s: s.start)


_TREATY_ROOTS = tuple(sorted((r for r in ROOTS if any(f"{r}/{c}" in SERIES for c in ROOTLESS_SERIES)), key=len))
_TREATY_ROOT_RE = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, _TREATY_ROOTS)) + r")(?![\w/])")
_ROOTLESS_RE = re.compile(r"(?<![\w/.\-@])(?:" + "|".join(map(re.escape, ROOTLESS_SERIES)) + r")\s?/\s?[A-Z]")


def _rootless(text: str, found: list[SymbolMatch]) -> list[SymbolMatch]:
    """'CEDAW ..., C/XYZ/CO/6': a treaty body's symbol printed without its root, given the root named before it."""
    out: list[SymbolMatch] = []
    for m in _ROOTLESS_RE.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        roots = _TREATY_ROOT_RE.findall(text, max(0, m.start() - ROOTLESS_WINDOW), m.start())
        if not roots:
            continue
        root = roots[-1]
        whole = SYMBOL_RE.match(f"{root}/{text[m.start() :]}")
        if whole is None:
            continue
        end = m.start() + whole.end() - len(root) - 1
        comps = _components(whole.group())
        if comps is None or comps[1] not in ROOTLESS_SERIES:
            continue
        parsed = _parts(comps).model_copy(update={"repaired": True})
        out.append(SymbolMatch(m.start(), end, text[m.start() : end], parsed))
    return out


# ---------------------------------------------------------------- symbols in links

_URL_TOKEN = re.compile(r"[_.]|%20|\s")
_URL_TOKEN_HYPHEN = re.compile(r"[_.\-]|%20|\s")
_URL_MOD = re.compile(r"^(add|corr|rev|amend)(\d{1,4})$", re.I)
_URL_DOTTED = re.compile(r"^(WG|SR|CRP|PV|L|CN|AC|CONF|SUB)(\d{1,4})$", re.I)
"""A dotted head fused with its number in a file name ("WG6", "SR314")."""
_URL_NUM = re.compile(r"^\d{1,5}(?:-\d{1,5})?$")
_URL_WORD = re.compile(r"^(?:[A-Z]{1,6}|[a-z]{1,6})$")


def symbol_from_url(url: str) -> UNDocumentParsed | None:
    """The symbol a link points to: printed in its path or query, or spelt in its file name.

    "…/A_HRC_10_22_Add1_France.pdf" gives A/HRC/10/22/Add.1 and
    "…/CRC.C.FRA.CO.4.pdf" gives CRC/C/FRA/CO/4.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    decoded = unquote(parts.path + ("?" + parts.query if parts.query else ""))
    found = find_symbols(decoded)
    if found:
        return found[0].parsed.model_copy(update={"from_url": True})
    name = unquote(parts.path).rstrip("/").rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    if dot and ext.lower() in URL_EXTENSIONS:
        name = stem
    tokens = [t for t in _URL_TOKEN.split(name) if t]
    comps = _url_components(tokens)
    if comps is None and "-" in name:  # "A-HRC-19-12.pdf": hyphens as separators (ranges then read as two)
        comps = _url_components([t for t in _URL_TOKEN_HYPHEN.split(name) if t])
    if comps is None:
        return None
    return _parts(comps, from_url=True)


def _url_components(tokens: list[str]) -> list[str] | None:
    """Rebuild the components of a file-name symbol; the longest valid prefix wins."""
    if not tokens or tokens[0].upper() not in ROOTS:
        return None
    lower = tokens[0].islower()
    comps = [tokens[0].upper()]
    i = 1
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        m = _URL_MOD.match(t)
        if m:
            comps.append(f"{_CANON_MOD[m.group(1).lower()]}.{int(m.group(2))}")
            i += 1
            continue
        if t.lower() in _CANON_MOD and nxt.isdigit():
            comps.append(f"{_CANON_MOD[t.lower()]}.{int(nxt)}")
            i += 2
            continue
        m = _URL_DOTTED.match(t)
        if m and not (lower and not t.islower()):
            head = "Sub" if m.group(1).lower() == "sub" else m.group(1).upper()
            comps.append(f"{head}.{m.group(2)}")
            i += 1
            continue
        up = t.upper()
        if up in DOTTED_ROOTS and comps[-1] in DOTTED_ROOTS[up] and len(comps) == 1 and nxt.isdigit():
            comps.append(f"{up}.{nxt}")  # E.C.12 → E/C.12
            i += 2
            continue
        if up in ("WG", "SUB") and nxt.isdigit():
            comps.append(f"{'Sub' if up == 'SUB' else 'WG'}.{nxt}")
            i += 2
            continue
        if _URL_NUM.match(t):
            comps.append(t)
            i += 1
            continue
        m = _FUSED_PART.match(t.upper())
        if m and m.group(1) in DOC_TYPES and (t.isupper() or (lower and t.islower())):
            comps.extend((m.group(1), m.group(2)))
            i += 1
            continue
        if _URL_WORD.match(t) and (t.isupper() or lower) and up not in ROOTS:
            comps.append(up)
            i += 1
            continue
        break
    # a language tail ("_E") or a State's name ends the symbol
    while len(comps) > 1 and comps[-1] in LANGUAGE_TAILS and not comps[-1][:1].isdigit() and not _valid_last(comps):
        comps.pop()
    while len(comps) > 1:
        if _valid(comps) and _ends_well(comps):
            return comps
        comps.pop()
    return None


def _valid_last(comps: list[str]) -> bool:
    """A trailing one-letter component is grammar only where a document type is that letter."""
    return comps[-1] in DOC_TYPES and len(comps[-1]) > 1


def _ends_well(comps: list[str]) -> bool:
    """A file-name symbol ends on a number, a modifier, or a State code (never on a bare word)."""
    last = comps[-1]
    return last[:1].isdigit() or "." in last or last in _iso3()
