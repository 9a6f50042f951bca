"""The members a joint submission lists: 'integrada por A, B y C', 'the following organisations: A; B; C'.

A coalition names its co-authors as a list after an introducer (each language's
`member_lists` cues), on the cover, in an opening paragraph or in a footnote to
the coalition's name. The list is read by its structure — separators, a closing
conjunction, parenthesised acronyms and places — and accepted only when its
items look like organisations, so a list of people or topics after a colon is
not taken for authors. Supporters and sources ('endorsed by', 'con el apoyo de')
are not authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from extract.finders.metadata.cues import Cues, load_cues
from extract.finders.metadata.view import View, ws
from extract.finders.states import lookup_state
from extract.text.fold import fold

LIST_CHARS = 2500
"""A list of members longer than this is an annex, read elsewhere."""
MIN_ITEMS = 2
ORG_SHARE = 0.4
"""At least this share of the items must look like organisations (a name word or an acronym)."""
MAX_ITEM_WORDS = 18
CAPITAL_SHARE = 0.6
PLACE_TAIL_WORDS = 2
"""'..., Universidad de Los Andes. Mérida. Venezuela,': short pieces after a stop are the address."""
INTRO_WINDOW = 200
"""How much text before a list's introducer is read for 'endorsed by' and the like."""

ITEM_SEP = "\u241e"
PARENS = re.compile(r"\s*\([^()]{0,120}\)")
SEPARATORS = re.compile(r"\s*[;,]\s+|\s*[;,]$|(?<=[”»\"])\s*(?=[“«\"])|\s+[•·▪]\s+|\s+[-–]\s+(?=[A-ZÁÉÍÓÚÑ])")
STOP_SPLIT = re.compile(r"(?<=[^\s.]{2})\.\s+(?=[^\W\d_])")
MIXED_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑáéíóúñ&.\-]{1,11}$")
LEGAL_SUFFIXES = frozenset({"inc", "ltd", "llp", "limited", "a.c", "ac", "cic", "plc", "e.v", "asbl"})
"""A legal form that follows a name after a comma ('X, Inc.'), folded and without its final dot."""


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The list grammar, built once from the connecting words in data/doc_kinds.json."""

    after_paren_join: re.Pattern[str]
    last_conjunction: re.Pattern[str]
    enumeration_end: re.Pattern[str]
    line_continues: re.Pattern[str]


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> _Patterns:
    cues = load_cues()
    conj = f"(?:{_alternatives(cues.conjunctions)})"
    art = _alternatives(cues.articles)
    lead = f"(?:(?:{art})\\s*|{_alternatives(cues.elided_articles)})"
    return _Patterns(
        after_paren_join=re.compile(rf"\)\s*[,;]?\s*{conj}\s+(?=\S)", re.I),
        last_conjunction=re.compile(rf"\s+{conj}\s+(?=[^\W\d_])", re.I),
        enumeration_end=re.compile(
            rf"^{lead}?([^\W\d_][\w-]*)\s+{conj}\s+(?:(?:{art})\s+)?(\S.*)$",
            re.I,
        ),
        line_continues=re.compile(rf"(?:[,;:]|\s{conj})\s*$", re.I),
    )


def _is_acronym(word: str) -> bool:
    """'NORVIDA', 'RedSur', 'A.C.': a short name with capitals inside."""
    w = word.strip(".,;:")
    return bool(MIXED_ACRONYM.match(w)) and sum(c.isupper() for c in w) >= 2


def _name_like(piece: str) -> bool:
    words = piece.split()
    if not words or len(words) > MAX_ITEM_WORDS or not words[0][:1].isupper():
        return False
    content = [w for w in words if fold(w).strip(".,") not in load_cues().connectors]
    if not content:
        return False
    capitals = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    return capitals / len(content) >= CAPITAL_SHARE


def _all_capitalised(piece: str) -> bool:
    return all(w[:1].isupper() or fold(w) in load_cues().connectors for w in piece.split())


def _org_like(item: str, cues: Cues) -> bool:
    words = item.split()
    if len(words) == 1:
        return _is_acronym(words[0])
    return any(fold(w).strip(".,") in load_cues().head_words for w in words)


def _place(piece: str) -> bool:
    return len(piece.split()) <= PLACE_TAIL_WORDS or lookup_state(piece) is not None


def _joined_lines(lines: list[str]) -> str:
    """Cover lines as one list: a line carries on only when it ends with a separator or a conjunction."""
    out = []
    for i, line in enumerate(lines):
        line = line.strip()
        if not line:
            break
        out.append(line)
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not _patterns().line_continues.search(line) and not following[:1].islower():
            break  # a next line in lower case carries on the name the break cut
    return " ".join(out)


def _items(text: str) -> list[str]:
    """The names of one list, in order; empty when the text after the introducer is not a list of names."""
    text = _patterns().after_paren_join.sub(f") {ITEM_SEP} ", text[:LIST_CHARS])  # 'A (AA) y B': the acronym closes A
    text = PARENS.sub("", text)  # acronyms, places, glosses
    pieces = [p for p in re.split(rf"\s*{ITEM_SEP}\s*|" + SEPARATORS.pattern, text) if p is not None]
    items: list[str] = []
    ended = False
    for raw in pieces:
        piece = ws(raw).strip(' .:“”«»"')
        if not piece:
            continue
        if items and fold(piece).rstrip(".") in LEGAL_SUFFIXES:
            items[-1] += ", " + piece  # 'X, Inc.'
            continue
        if items and continues_enumeration(items[-1], piece):
            items[-1] += ", " + piece  # 'Centro de Investigación, Formación y Estudios': one name
            continue
        for k, sub in enumerate(STOP_SPLIT.split(piece)):
            sub = sub.strip(" .")
            if k and _place(sub):
                continue  # '... Universidad de Los Andes. Mérida. Venezuela'
            if not _name_like(sub) or (k and not _all_capitalised(sub)):
                ended = True  # after a full stop only a name set wholly in capitals goes on with the list
                break
            if any(n.search(sub) for n in load_cues().not_authors):
                ended = True  # 'supporters include …': the authors' list is over
                break
            items.append(sub)
        if ended:
            break
    if items:
        items[-1:] = _closing_pair(items[-1])
    return [i for i in items if lookup_state(i) is None]


def continues_enumeration(previous: str, piece: str) -> bool:
    """'… de Niñas, Niños y Adolescentes', '… para la Seguridad, la Defensa y la Fuerza …': a piece
    after a comma that ends an enumeration of nouns begun inside the previous name."""
    m = _patterns().enumeration_end.match(piece)
    if not m or fold(m.group(2).split()[0]) in load_cues().head_words:
        return False
    words = [fold(w) for w in previous.split()]
    if len(words) >= 3 and words[-2] in load_cues().articles:
        words = words[:-2] + words[-1:]
    return len(words) >= 2 and words[-2] in load_cues().prepositions


def _closing_pair(item: str) -> list[str]:
    """'B y C' closing a list is two names; of several conjunctions, the one before an organisation's word."""
    splits = [
        (item[: m.start()], item[m.end() :])
        for m in _patterns().last_conjunction.finditer(item)
        if _name_like(item[: m.start()]) and _name_like(item[m.end() :])
    ]
    if not splits:
        return [item]
    for left, right in splits:
        first = right.split()[0]
        if _is_acronym(first) or fold(first) in load_cues().head_words:
            return [left, right]
    return list(splits[0])


def _accepted(items: list[str], cues: Cues) -> bool:
    if len(items) < MIN_ITEMS:
        return False
    return sum(_org_like(i, cues) for i in items) / len(items) >= ORG_SHARE


def _lists_in(text: str, cues: Cues, joint: bool, by_lines: bool = False) -> Iterable[list[str]]:
    """Every accepted list `text` introduces; `by_lines`: a list of cover lines ends with a line that does not carry on.

    A list counts when the document says it is joint, or when its own introducer says its
    organisations wrote the document ('elaborado por las siguientes organizaciones:');
    otherwise 'composed of' describes an organisation, not the document's authors.
    """
    for p in cues.member_lists:
        for m in p.finditer(text):
            before = text[max(0, m.start() - INTRO_WINDOW) : m.end()]
            clause = re.split(r"[.;]\s", before)[-1]
            if any(n.search(clause) for n in cues.not_authors):
                continue  # 'supported by the following organisations:'
            if not joint and not any(a.search(clause) for a in cues.authoring):
                continue
            rest = text[m.end() :]
            if by_lines:
                head, *lines = rest.lstrip(" ").split("\n")
                rest = _joined_lines([head, *lines] if head.strip() else lines)
            items = _items(rest)
            if _accepted(items, cues):
                yield items


def members(v: View) -> list[str]:
    """Every member a joint submission lists as its authors, in printed order, each once."""
    cues = load_cues()
    found: list[list[str]] = []
    lead = fold(" ".join([*v.cover[:40], *v.titles, *v.head[:3]]))
    joint = any(p.search(lead) for p in cues.joint)
    found.extend(_lists_in("\n".join(v.cover[:40]), cues, joint, by_lines=True))
    for text in [*v.head[:3], *v.lead_notes]:
        found.extend(_lists_in(text, cues, joint))
    keys = {fold(i) for items in found for i in items}
    out: list[str] = []
    seen: set[str] = set()
    for items in found:
        for item in items:
            key = fold(item)
            if key in seen or any(k.startswith(key + " ") for k in keys):
                continue  # a name a line break cut, read whole elsewhere
            seen.add(key)
            out.append(item)
    return out
