"""The law-name grammar: who a name is ("Trade Union Law of 2014", "the Convention", "Código penal").

A NAME is read by a noun-phrase grammar around a head word (Code, Act, Law, Ley, Loi...);
spellings of one national law share a key (`national_key`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from extract.finders.articles.words import words
from extract.finders.instruments import (
    Instrument,
    resolve_instrument,
)
from extract.finders.states import find_states, lookup_state
from extract.text.fold import fold

Kind = Literal["national", "international"]

NUMBER_TAG_RE = re.compile(r"\s{0,3}(?:N[o°º]|n[o°º]|N\.\s?º|n\.\s?º|Nr|núm|Núm|Num|num|[Nn]úmero|[Nn]umber)\.?\s?\d")

# The noun-phrase grammar of a name.
NAME_TOKEN_RE = re.compile(
    r"[ \t\r\n]{0,4}(?:"
    r"(?P<tag>(?:N[o°º]|n[o°º]|Nr|núm|Núm|Num|num)\.?\s?(?=\d)|Número\s(?=\d)|[Nn]umber\s(?=\d))"
    r"|(?P<w>[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*)"
    r"|(?P<n>\d{1,4}(?:[./-]\d{1,5}){0,3})"
    r"|(?P<p>\((?:[A-Z][A-Za-z]{1,11}(?: [A-Z][A-Za-z]{1,11}){0,2}|\d{4})\))"  # "Act (Northern Ireland) 1967"
    r"|(?P<c>,)"
    r"|(?P<q>[“\"«]\s?[A-ZÀ-Ý][^“”\"«»\n]{1,118}[”\"»])"
    r"|(?P<ap>['’])"
    r")"
)
OPEN_QUOTES = '“"«‘'
CLOSE_QUOTES = '”"»’'
DETERMINERS = words("determiners")
ANAPHORIC = words("anaphoric")
QUALIFIERS = words("qualifiers")
CONJ = words("conjunctions")
CONN = words("connectives")
# Head words of instrument names. ROMANCE_HEADS come first in their names and may be
# followed directly by capitalised words ("Ley Orgánica", "Decreto Presidencial").
NATIONAL_HEADS = words("national_heads")
INTERNATIONAL_HEADS = words("international_heads")
HEADS = NATIONAL_HEADS | INTERNATIONAL_HEADS
ROMANCE_HEADS = words("leading_heads")
CONSTITUTION_HEADS = words("constitution_heads")
# Lower-case words a law's name may carry: "criminal code", "Código penal", "Code pénal".
LOWER_NAME_WORDS = words("lower_name_words")
# Lower-case nouns that, after "of the"/"del", point back to the instrument just named.
ANAPHORIC_NOUNS = words("anaphoric_nouns")
CONSTITUTION_FILLERS = words("constitution_fillers")
STATE_WORDS = words("state_words")
# Generic short forms that count even in lower case ("the convention", "la constitución").
LOWER_GENERICS = words("lower_generics")
LAST_WORD_RE = re.compile(r"([^\W\d_]+)\s{1,3}$")
QUALIFIER_LEAD_RE = re.compile(r"^(?:(?:" + "|".join(sorted(QUALIFIERS)) + r")\s+)+", re.IGNORECASE)
GENERIC_DEPTH = 200  # how many names back a short form ("the Convention") may point
NAME_WINDOW = 240  # the most characters of a name before its head word
WORD_RE = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]*")
_ACCENTS = {"a": "[aáàâä]", "e": "[eéèêë]", "i": "[iíìîï]", "o": "[oóòôö]", "u": "[uúùûü]", "c": "[cç]", "n": "[nñ]"}
HEAD_SEARCH_RE = re.compile(
    r"(?i)(?<![^\W_])(?:" + "|".join("".join(_ACCENTS.get(c, c) for c in h) for h in sorted(HEADS)) + r")(?![^\W_])"
)
# Capitalised words that open a sentence, not a name ("According to the Constitution").
LEAD_STOP = words("lead_stop")
# Connectives that may follow an English head word inside one name ("Law on ...", "Code of ...").
HEAD_CONN = words("head_connectives")
# Lower-case head words that may open a name or short form ("the constitution", "del código penal").
LOWER_HEAD_FIRST = words("lower_heads_first")
# ... and those that may close one after a lower-case modifier ("criminal code"; not "criminal law").
LOWER_HEAD_AFTER = words("lower_heads_after")
# ... and those that open one before a lower-case modifier, in French ("code pénal", "code du travail").
LOWER_HEAD_BEFORE = words("lower_heads_before")
TITLE_LEAD_RE = re.compile(r"^[\s\-–—:.(]{0,6}")
TITLE_STOP = words("title_stop")
KEYWORD_WORDS = words("keyword_words")
# "Loi de protection civile en montagne (Loi Alpina)": a name that opens with its head and runs in
# lower case up to the short name the document gives it in parentheses (head word first or last).
SHORT_NAME_TOKEN = r"[A-Z][^\W_]*(?:-[^\W_]+)?"
LONG_NAME_RE = re.compile(
    r"((?:\s{1,3}[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*){1,14})\s{0,3}"
    r"\(\s?(?:([^\W\d_]+)\s{1,3}(" + SHORT_NAME_TOKEN + r")|(" + SHORT_NAME_TOKEN + r")\s{1,3}([^\W\d_]+))\s?\)"
)


def short_name(text: str, head_end: int, head: str) -> tuple[int, str] | None:
    """(end of the full name, the short name's distinctive word) when the head at `head_end`
    opens a long name followed by "(Head Word)" or "(Word Head)" with the same head."""
    m = LONG_NAME_RE.match(text, head_end)
    if m is None:
        return None
    paren_head, word = (m.group(2), m.group(3)) if m.group(3) else (m.group(5), m.group(4))
    if fold(paren_head) != head or fold(word) in HEADS:
        return None
    if any(fold(w) in KEYWORD_WORDS for w in m.group(1).split()):
        return None
    return m.end(1), word


@dataclass(frozen=True, slots=True)
class Ref:
    """An instrument a name points to: a table id or a national key."""

    kind: Kind
    key: str
    head: str


@dataclass(slots=True)
class Name:
    """A name read at a position: `ref` when it names an instrument, `generic` for a short form."""

    start: int
    end: int
    surface: str
    ref: Ref | None = None
    generic: str | None = None  # head word of "the Convention"; "*" for "the text", "its"
    instrument: Instrument | None = None
    year: str | None = None  # "the 1999 Act": a short form that keeps its year
    short: bool = False  # an abbreviation the document defined ("LPA")


def _is_state_word(word: str) -> bool:
    return lookup_state(word, adjectives=True) is not None


def _closes_enumeration(text: str, pos: int) -> bool:
    """After a comma inside a name: 'Borders, Citizenship and Immigration Act' goes on to 'and' + a capital."""
    p = pos
    for _ in range(8):
        m = NAME_TOKEN_RE.match(text, p)
        if not m or (not m.group("w") and not m.group("c")):
            return False
        w = m.group("w")
        if w and fold(w) in CONJ:
            nxt = NAME_TOKEN_RE.match(text, m.end())
            return bool(nxt and nxt.group("w") and nxt.group("w")[0].isupper())
        if w and not w[0].isupper():
            return False
        p = m.end()
    return False


def _followed_by_digit(text: str, pos: int) -> bool:
    return bool(re.match(r"\s{0,3}\d", text[pos : pos + 5]))


@dataclass(slots=True)
class _Tok:
    kind: str  # w n p c ap tag
    text: str
    fold: str
    start: int
    end: int
    role: str = ""  # head cap conn conj adj year num paren comma ap tag


def _lower_name_word_next(text: str, pos: int) -> bool:
    """'code pénal', 'code du travail': a modifier of a law's name follows, after at most one connective."""
    for _ in range(2):
        m = NAME_TOKEN_RE.match(text, pos)
        if not m or not m.group("w"):
            return False
        f = fold(m.group("w"))
        if f in LOWER_NAME_WORDS:
            return True
        if f not in CONN:
            return False
        pos = m.end()
    return False


def skip_determiners(text: str, pos: int) -> tuple[int, bool]:
    """Past up to three determiners and anaphora before a name ("the", "this", "su", "ladite"):
    where the name may start, and whether an anaphoric word ("this", "ladite") was among them."""
    p = pos
    anaphoric = False
    for _ in range(3):
        m = NAME_TOKEN_RE.match(text, p)
        if not m or not m.group("w"):
            break
        f = fold(m.group("w"))
        if f not in DETERMINERS and f not in ANAPHORIC:
            break
        anaphoric = anaphoric or f in ANAPHORIC
        p = m.end()
        while p < len(text) and text[p] == " ":
            p += 1
    return p, anaphoric


def parse_name(text: str, pos: int) -> Name | None:
    """Read a national or unknown instrument name (or a generic short form) starting at `pos`.

    Returns None when no instrument name starts there. Linear: each token is read once
    and a name has at most 30 tokens.
    """
    p, anaphoric = skip_determiners(text, pos)
    first = NAME_TOKEN_RE.match(text, p)
    if first and first.group("w") and fold(first.group("w")) in LEAD_STOP:
        return None  # "According to the Constitution": the name starts later
    toks: list[_Tok] = []
    seen_head = False
    while len(toks) < 30:
        m = NAME_TOKEN_RE.match(text, p)
        if not m:
            break
        kind = m.lastgroup or ""
        raw = m.group(kind)
        tok = _Tok(kind, raw, fold(raw), m.start(kind), m.end(kind))
        prev = toks[-1] if toks else None
        if kind == "w":
            f = tok.fold
            if f in KEYWORD_WORDS and _followed_by_digit(text, tok.end):
                break
            if raw[0].isupper():
                shouting = len(raw) > 1 and raw.isupper()
                if prev is not None and prev.role == "conj" and shouting:
                    break
                # an English head ends its name unless a connective follows: "Code of ...", not "Code Kazakhstan"
                english_head = prev is not None and prev.role == "head" and prev.fold not in ROMANCE_HEADS
                if english_head and f not in HEADS and f not in LOWER_NAME_WORDS and not _is_state_word(raw):
                    prev.role = "cap"  # "Law School", "Code Red": the head word was a modifier
                tok.role = "head" if f in HEADS else "cap"
            elif f in CONJ:
                nxt = NAME_TOKEN_RE.match(text, tok.end)
                nw = nxt.group("w") if nxt else None
                if not toks or not nw or not nw[0].isupper() or (len(nw) > 1 and nw.isupper()):
                    break
                if prev is not None and prev.role == "head" and prev.fold not in ROMANCE_HEADS:
                    break  # "the Public Order Act and Schedule 2": a name does not go on after its head
                if fold(nw) in KEYWORD_WORDS:
                    break
                tok.role = "conj"
            elif f in CONN:
                english_head = prev is not None and prev.role == "head" and prev.fold not in ROMANCE_HEADS
                if not toks or (english_head and f not in HEAD_CONN):
                    break  # "Act with the Constitution": two names, not one
                tok.role = "conn"
            elif (
                (f in LOWER_HEAD_AFTER and prev is not None and prev.role == "adj")
                or (not toks and f in LOWER_HEAD_FIRST)
                or (not toks and f in HEADS and NUMBER_TAG_RE.match(text, tok.end))
                or (not toks and f in LOWER_HEAD_BEFORE and _lower_name_word_next(text, tok.end))
            ):  # "loi n° 2004-228", "ley N.º 26.061"
                tok.role = "head"  # "criminal code", "código", "the constitution"; not "High Court order"
            elif f in QUALIFIERS and not toks:
                tok.role = "qual"
            elif f in LOWER_NAME_WORDS or (prev is not None and prev.role in ("head", "adj") and _is_state_word(raw)):
                tok.role = "adj"
            else:
                break
        elif kind == "tag":
            tok.role = "tag"
        elif kind == "q":
            # a quoted title after the law's name: 'Law of the Republic of Kazakhstan “On Mass Media”'
            if prev is None or prev.role not in ("head", "cap", "year", "num", "paren") or not seen_head:
                break
            tok.role = "title"
        elif kind == "n":
            year = len(raw) == 4 and raw.isdigit() and 1800 <= int(raw) <= 2099
            if prev is not None and prev.role == "tag":
                tok.role = "num"
            elif year and prev is not None and (prev.role in ("head", "cap", "adj", "paren") or prev.fold == "of"):
                tok.role = "year"
            elif year and not toks:
                tok.role = "year"  # "the 1998 Human Rights Act"
            else:
                break
        elif kind == "p":
            if prev is None or prev.role not in ("head", "cap", "year", "adj"):
                break
            inner = raw[1:-1]
            if not inner.isdigit() and len(inner) > 3 and lookup_state(inner) is not None:
                break  # "Constitution (Belgium)": a State speaking, not part of the name
            if prev.role == "head" and prev.fold in {fold(w) for w in inner.split()} and len(inner.split()) == 2:
                break  # "Broadcasting Act (Radio Act)": the short name the document gives the law
            acronym = inner.isupper() and len(inner) > 1
            if acronym and _subsequence(fold(inner), fold(_initials(text[toks[0].start : prev.end]))):
                break  # "Human Rights Act (HRA)": the document defines an abbreviation
            tok.role = "paren"
        elif kind == "c":
            if prev is None or prev.role not in ("cap", "head") or not _closes_enumeration(text, tok.end):
                break
            tok.role = "comma"
        elif kind == "ap":
            # "Peoples' Rights", "Children's" (the letter s is read with the word)
            nxt = NAME_TOKEN_RE.match(text, tok.end)
            if (
                prev is None
                or prev.role not in ("cap", "head")
                or not (nxt and nxt.group("w") and nxt.group("w")[0].isupper())
            ):
                break
            tok.role = "ap"
        if tok.role in ("head",):
            seen_head = True
        toks.append(tok)
        p = m.end()
    while toks and toks[-1].role in ("conn", "conj", "comma", "ap", "tag", "qual"):
        toks.pop()
    if not toks:
        return None
    if toks[-1].role == "year" and not seen_head and len(toks) == 1:
        return None
    heads = [t for t in toks if t.role == "head"]
    if heads and heads[0].fold in ROMANCE_HEADS and toks[0] is not heads[0]:
        toks = toks[toks.index(heads[0]) :]  # "Tanto la Constitución": a Spanish name starts at its head
    start, end = toks[0].start, toks[-1].end
    if heads and toks[0] is heads[0] and heads[0].fold in ROMANCE_HEADS and text[heads[0].start].isupper():
        long = short_name(text, heads[0].end, heads[0].fold)
        if long is not None and long[0] > end:
            # "Loi de protection civile en montagne (Loi Alpina)": the lower-case words are the name's
            end = long[0]
            toks = [heads[0], _Tok("w", text[heads[0].end : end], "", heads[0].end, end, "cap")]
            heads = [heads[0]]
    surface = text[start:end]
    if not heads:
        return Name(start, end, surface)  # no instrument here; the caller decides what that means
    content = [t for t in toks if t.role in ("head", "cap", "adj", "num", "year", "paren", "title")]
    last_head = heads[-1].fold
    if anaphoric and len(heads) == len(content):
        return Name(start, end, surface, generic=last_head)
    if len(content) == 1:
        return Name(start, end, surface, generic=last_head)
    if len(content) == 2 and {t.role for t in content} == {"head", "year"}:
        year = next(t.text for t in content if t.role == "year")
        return Name(start, end, surface, generic=last_head, year=year)  # "the 1999 Act"
    kind: Kind = "international" if last_head in INTERNATIONAL_HEADS else "national"
    if kind == "international":
        inst = resolve_instrument(surface)
        if inst is not None:  # a variant spelling of a table instrument
            return Name(start, end, surface, ref=Ref(kind, inst.id, last_head), instrument=inst)
    return Name(start, end, surface, ref=Ref(kind, national_key(surface, last_head), last_head))


def national_key(surface: str, head: str) -> str:
    """One key for the spellings of one law: content words, no State names or qualifiers."""
    drop: set[int] = set()
    for s, e, _ in find_states(surface, adjectives=True):
        drop.update(range(s, e))
    words = []
    for m in re.finditer(r"[^\W_]+", surface):
        if m.start() in drop:
            continue
        f = fold(m.group(0))
        if f in CONN or f in CONJ or f in DETERMINERS or f in QUALIFIERS or f in STATE_WORDS:
            continue
        if not m.group(0)[0].isupper() and _is_state_word(m.group(0)):
            continue  # "Código penal venezolano", "Constitution cubaine"
        words.append(f)
    if head in CONSTITUTION_HEADS and all(w in CONSTITUTION_HEADS or w in CONSTITUTION_FILLERS for w in words):
        return "constitution"
    return " ".join(sorted(set(words))) or head


def _initials(surface: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", surface) if fold(w) not in CONN and fold(w) not in CONJ)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _head_of(inst: Instrument) -> str:
    for t in re.findall(r"[^\W_]+", fold(inst.name)):
        if t in HEADS:
            return t
    return next(iter(inst.heads), "convention")
