"""Articles (and sections, rules) of law cited in a document, each tied to its instrument.

A reference is read by a small grammar, left to right from a keyword:

    keyword  number [sub...] (separator [keyword] number [sub...])*  [attachment]

- keywords: Article(s), Art(s)., artículo(s), section(s), s., ss., Rule(s);
- subs: "19(3)", "37(a/c)", "19.3", ", paragraph 5,", ", parágrafo 3", "paragraph 3 of
  article 19"; a descriptive parenthesis ("Article 12 (Equality before the law)") is skipped;
- separators: commas, and/y/et/or/and-or, ranges ("222 to 228", "222-228");
- attachment: "of (the) NAME", "de la / del / du NAME", ", NAME", "NAME" right after the
  number ("article 3 ECHR", "s.58 Children Act 2004"), "(NAME)", or NAME right before the
  keyword ("ECHR Articles 2 and 3", "ICCPR Article 9").

A NAME is an international instrument of extract/instruments.py, an abbreviation the
document defines ("the 1998 Human Rights Act (HRA)"), a national law read by a noun-phrase
grammar (capitalised words, connectives and qualifiers around a head word such as Code,
Act, Law, Constitution, Código, Ley, Loi: "Trade Union Law of 2014", "Ley Orgánica de
Procedimientos Administrativos", "Constitution cubaine"), or a generic short form ("the
Convention", "this Code", "del texto decretado") that refers back to an instrument named
earlier.

A reference without an attachment is resolved as a reader would, by the first rule that
gives an answer, and dropped when none does:

    R1  the official heading printed after it names one instrument ("Article 2 – Right to
        life": ECHR; tables in extract/data/instruments.json);
    R2  the nearest instrument named before it in the same sentence; then the instrument
        named in a short label that introduces this unit with a colon ("Under the ICESCR:"),
        with only units naming none between them, when the unit names none before it;
    R3  the instrument the document cites the same article number of explicitly (the
        nearest such citation before, else the first after), or that an earlier bare
        citation of the number was resolved to;
    R4  the first instrument named after it in the same sentence;
    R5  the nearest instrument named before it in the same paragraph or footnote;
    R6  an instrument named in the heading of its section;
    R7  for a footnote, the last instrument named in the paragraph that cites it; then
        the last instrument named in the previous units of the same section (at most
        LOOKBACK units back); a heading looks back LOOKBACK units whatever their section;
    R8  the instrument of the previous article citation, if at most LOOKBACK units back;
        for a heading, first of all (before R7), the instrument of the previous heading
        that cites an article: headings in a row ("Article 2 – ...", "Article 3 – ..."); when
        the heading cites the next number of that heading, even before R3 (a reprinted text).

"This Article" ("este artículo", "ledit article") is one more mention of the single article
cited just before it, in the same unit or the one before.

A treaty body or court counts as a mention of its treaty ("the Committee against Torture
... Articles 2 and/or 3"). A law the document cites by section is never where a bare
"Article" points, nor a law cited by article where a bare "section" points; a law that
gives effect to a treaty (the UK Human Rights Act 1998 and the ECHR) stands for it.

Sections and rules ("section 58", "Rule 35") are resolved by R2-R5 only, and only to a
national instrument: a bare "section 3" is far more often a part of a report.

National instruments keep the document's own name; spellings of one law are merged on a
key made of its content words without determiners, qualifiers ("new", "revised") and the
name of a State ("Criminal Code of Kazakhstan" = "new Criminal Code" = "Criminal Code");
any constitution of the State is one instrument. The record's name is the spelling the
document uses most in explicit citations, the others are `instrument_aliases`.

Public API:
    find_articles(doc) -> list[LegalArticle]
    articles_in(unit_id, start, end, articles) -> list[str]
    parse_references(text) -> list[Reference]      (the grammar alone, for tests and tools)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Literal

from extract.finders.instruments import (
    Instrument,
    InstrumentMatch,
    all_instruments,
    article_titles,
    find_instruments,
    fold,
    instrument,
    resolve_instrument,
)
from extract.finders.states import find_states, lookup_state
from extract.structure.units import DocText
from schemas import LegalArticle, Mention, Section

Family = Literal["article", "section", "rule"]
Kind = Literal["national", "international"]

LOOKBACK = 6
MAX_RANGE = 30  # a longer range ("articles 1 to 300") is kept as its two ends

# ------------------------------------------------------------------ tables

# A keyword followed by a number. "s" alone only before a space and at most three digits ("s 16",
# not the possessive "country‘s 2008" however its apostrophe is printed).
KEYWORD_RE = re.compile(
    r"(?<![\w/.\-])"
    r"(?:(?P<art>[Aa]rt[ií]culos?|ART[IÍ]CULOS?|[Aa]rticles?|ARTICLES?|[Aa]rts?\.\.?|ARTS?\.)"
    r"|(?P<sec>[Ss]ections?|SECTIONS?|[Ss]ecs?\.|(?<!['’‘`´])ss?\.|(?<!['’‘`´])s(?=\s\d{1,3}(?!\d)))"
    r"|(?P<rule>[Rr]ules?|[Rr]egulations?|[Rr]eglas?))"
    r"\s{0,3}(?=\d)"
)
NUM_RE = re.compile(r"(\d{1,4})(?:\s?(bis|ter|quater)|([A-Za-z]))?(?![\w])")
SUB_PAREN_RE = re.compile(
    r"\s?\(\s?((?:\d{1,3}[a-z]?|[a-z]{1,2}|[ivxl]{1,6})(?:\s?[/,]\s?(?:\d{1,3}|[a-z]{1,2}|[ivxl]{1,6})){0,5})\s?\)"
)
SUB_SIBLING_RE = re.compile(
    r"\s{0,3}(?:,(?:\s{1,3}(?:and|or|y|o|et|ou))?|\s(?:and|or|y|o|et|ou))\s{1,3}\(\s?(\d{1,3}[a-z]?|[a-z]{1,2}|[ivxl]{1,6})\s?\)(?![\w(])"
)
SUB_DOT_RE = re.compile(r"\.(\d{1,3})(?![\d.]|\.\d)")
SUB_WORD_RE = re.compile(
    r",?\s{1,3}(?:paragraphs?|paras?\.|párrafos?|parágrafos?|apartados?|incisos?|numerales?|alinéas?|paragraphes?|al\.|§)"
    r"\s{0,3}(\d{1,3}|[a-z])(?![\w])(?:\s?,(?=\s{1,3}(?:of|de|del|du)\s))?"
)
DESC_PAREN_RE = re.compile(r"\s{0,3}\(([^()\n]{3,160})\)")
SEP_RE = re.compile(
    r"\s{0,3}(?:,\s{0,3}(?:(?:and|y|e|et|or|o|ou)\s{1,3})?|\s(?:and/or|and|y|e|et|or|o|ou|&)\s{1,3})"
    r"(?:(?:[Aa]rt[ií]culos?|[Aa]rticles?|[Aa]rts?\.|[Ss]ections?|ss?\.|s|[Rr]ules?)\s{0,3})?(?=\d)"
)
RANGE_RE = re.compile(r"\s{0,3}(?:-|–|to|through|a|al|à|au|hasta)\s{0,3}(?=\d)")
OF_RE = re.compile(r",?\s{1,3}(?:of|under|de|del|du|des)\s{1,3}|,?\s{1,3}de\s?l['’]\s{0,2}|,?\s{1,3}d['’]\s{0,2}")
KEYWORD_AFTER_NAME_RE = re.compile(r"(?:['’]s)?\s{1,3}(?:[Aa]rt[ií]culos?|[Aa]rticles?|[Aa]rts?\.)\s{0,3}\d")
COMMA_RE = re.compile(r"\s{0,3}[,;:]\s{1,3}")
GAP_RE = re.compile(r"\s{1,3}")
PRE_GAP_RE = re.compile(r"(?:['’]s)?\s{1,3}$")
# What may follow the last number of a list when the list continued by a comma or
# "and": anything else ("Article 174, 15 activists") means the number was not an item.
LIST_END_RE = re.compile(
    r"\s{0,3}(?:$|[,;.:)\]]|\(|[A-Z]|(?:of|de|del|du|des|and|y|et|or|o|ou|under|in|to|on|at|by|for|from|with|which|that|"
    r"is|are|was|were|has|have|had|as|also|la|el|en|que|qui|se|le|les|su|sus|et|establece|dispone|prevé)(?![\w]))"
)
# "this Article", "the said article", "este artículo", "ledit article": the article just cited.
THIS_ARTICLE_RE = re.compile(
    r"(?<![\w])(?:(?:[Tt]his|[Tt]hat|[Tt]he said|[Tt]he same|[Ss]aid)\s[Aa]rticle|(?:[Ee]ste|[Dd]icho|[Ee]l mismo|[Ee]l citado)\s"
    r"art[íi]culo|(?:[Cc]et|[Ll]edit|[Ll]e même)\sarticle)(?!\s{0,3}\d)(?![\w])"
)
NUMBER_TAG_RE = re.compile(r"\s{0,3}(?:N[o°º]|n[o°º]|N\.\s?º|n\.\s?º|Nr|núm|Núm|Num|num|[Nn]úmero|[Nn]umber)\.?\s?\d")
# After a citation and its name, another list with its own name: "... of the ICCPR and 10 and 11 of the ECHR".
CONTINUE_RE = re.compile(r"\s{0,3}(?:,\s{0,3})?(?:and|y|e|et|as well as)?\s{1,3}(?=\d)")
PARA_BEFORE_RE = re.compile(
    r"(?<![\w])(?:[Pp]aragraphs?|[Pp]aras?\.|[Pp]árrafos?|[Pp]arágrafos?|[Ii]ncisos?|[Nn]umeral|[Aa]linéas?|[Pp]aragraphes?)"
    r"\s{0,3}(\d{1,3}|[a-z])\s{1,3}(?:of|de|del|du)\s{1,3}(?:the\s{1,3}|l['’]\s?)?$"
)
COMMA_ONLY_RE = re.compile(r"\s{0,3},\s{0,3}")
SENTENCE_END_RE = re.compile(r"(?<=[.!?;])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9¿¡])")

# The noun-phrase grammar of a name.
NAME_TOKEN_RE = re.compile(
    r"[ \t\r\n]{0,4}(?:"
    r"(?P<tag>(?:N[o°º]|n[o°º]|Nr|núm|Núm|Num|num)\.?\s?(?=\d)|Número\s(?=\d)|[Nn]umber\s(?=\d))"
    r"|(?P<w>[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*)"
    r"|(?P<n>\d{1,4}(?:[./-]\d{1,5}){0,3})"
    r"|(?P<p>\((?:[A-Z][A-Za-z]{1,7}|\d{4})\))"
    r"|(?P<c>,)"
    r"|(?P<q>[“\"«]\s?[A-ZÀ-Ý][^“”\"«»\n]{1,118}[”\"»])"
    r"|(?P<ap>['’])"
    r")"
)
OPEN_QUOTES = '“"«‘'
CLOSE_QUOTES = '”"»’'
DETERMINERS = frozenset("the la el los las le les".split())
ANAPHORIC = frozenset(
    "this that these its their his her said same present above aforementioned su sus esta este estas estos dicha "
    "dicho mismo misma presente cette ce ces ladite ledit son sa ses".split()
)
QUALIFIERS = frozenset(
    "new current revised amended old former nueva nuevo actual vigente nouveau nouvelle actuel".split()
)
CONJ = frozenset("and y e et or o ou".split())
CONN = frozenset(
    "of on for the against to in with relating relative concerning from de del la las los el sobre en para contra "
    "relativa relativo con du des aux au a à sur pour contre por".split()
)
# Head words of instrument names. ROMANCE_HEADS come first in their names and may be
# followed directly by capitalised words ("Ley Orgánica", "Decreto Presidencial").
NATIONAL_HEADS = frozenset(
    "code codes act law constitution decree ordinance statute regulations regulation rules bill order proclamation "
    "edict charter codigo ley constitucion decreto reglamento estatuto ordenanza loi decret ordonnance reglement "
    "statut arrete".split()
)
INTERNATIONAL_HEADS = frozenset(
    "convention covenant protocol treaty declaration principles guidelines pact convencion convenio pacto tratado "
    "declaracion protocolo principios directrices pacte protocole traite declaration principes".split()
)
HEADS = NATIONAL_HEADS | INTERNATIONAL_HEADS
ROMANCE_HEADS = frozenset(
    "codigo ley constitucion decreto reglamento estatuto ordenanza loi decret ordonnance reglement statut arrete "
    "convencion convenio pacto tratado declaracion protocolo pacte protocole traite".split()
)
CONSTITUTION_HEADS = frozenset({"constitution", "constitucion"})
# Lower-case words a law's name may carry: "criminal code", "Código penal", "Code pénal".
LOWER_NAME_WORDS = frozenset(
    "criminal penal civil procedural procedure administrative labour labor tax electoral family land military "
    "penitentiary constitutional organic federal national political procesal organico organica nacional federal "
    "militar laboral electoral administrativo administrativa fiscal tributario familiar politica constitucional "
    "penitenciario penale administratif militaire travail procedure politique constitutionnel penitentiaire "
    "organique national nationale".split()
)
# Lower-case nouns that, after "of the"/"del", point back to the instrument just named.
ANAPHORIC_NOUNS = frozenset("text texto texte instrument instrumento norma law ley loi cuerpo".split())
CONSTITUTION_FILLERS = frozenset("nacional national political politica federal politique".split())
STATE_WORDS = frozenset(
    "republic republica republique bolivarian bolivariana plurinational plurinacional islamic federal federative "
    "kingdom state estado etat united unidos".split()
)
# Generic short forms that count even in lower case ("the convention", "la constitución").
LOWER_GENERICS = frozenset("constitution constitucion convention convencion covenant pacto pacte charter".split())
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
LEAD_STOP = frozenset(
    "according under in for as with by from to on since pursuant despite see also both tanto segun conforme "
    "selon dans sous en de del when while if although although whereas".split()
)
# Connectives that may follow an English head word inside one name ("Law on ...", "Code of ...").
HEAD_CONN = frozenset(
    "of on for relating concerning regarding against to de del sobre relativa relativo relative relatif du des aux "
    "au sur pour contre la las los el".split()
)
# Lower-case head words that may open a name or short form ("the constitution", "del código penal").
LOWER_HEAD_FIRST = frozenset(
    "codigo constitucion constitution convention convencion covenant pacto pacte charter".split()
)
# ... and those that may close one after a lower-case modifier ("criminal code"; not "criminal law").
LOWER_HEAD_AFTER = frozenset("code codigo constitution constitucion".split())
# ... and those that open one before a lower-case modifier, in French ("code pénal", "code du travail").
LOWER_HEAD_BEFORE = frozenset(["code"])
TITLE_LEAD_RE = re.compile(r"^[\s\-–—:.(]{0,6}")
TITLE_STOP = frozenset("to of the and for from in on a an with or".split())
KEYWORD_WORDS = frozenset("article articles art arts articulo articulos section sections sec secs rule rules".split())

# ------------------------------------------------------------------ types


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


@dataclass(slots=True)
class Reference:
    """One reference phrase: its items and how it attaches to an instrument."""

    start: int
    end: int
    family: Family
    items: list[tuple[str, str | None]]
    name: Name | None = None
    blocked: bool = False  # attached to something that is not an instrument ("section 3 of this report")
    shouting: bool = False  # "ARTICLE 19" in capitals: the organisation, when nothing attaches


@dataclass(slots=True)
class _NationalInfo:
    kind: Kind
    head: str
    explicit: Counter[str] = field(default_factory=Counter)
    seen: Counter[str] = field(default_factory=Counter)
    order: dict[str, int] = field(default_factory=dict)
    short: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Unit:
    """A paragraph, footnote or heading as the finder walks it."""

    index: int
    id: str
    text: str
    page: int
    source: Literal["paragraph", "footnote", "heading"]
    section: str | None
    anchor: str | None
    matches: dict[int, InstrumentMatch] = field(default_factory=dict)
    mentions: list[tuple[int, int, Ref]] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def mention(self, start: int, end: int) -> Mention:
        if self.source == "heading":
            # A heading has no paragraph record; its section's id stands in (as Anchor does).
            return Mention(paragraph=self.id, page=self.page, text=self.text[start:end], start=start, end=end)
        return Mention(
            paragraph=None if self.source == "footnote" else self.id,
            footnote=self.id if self.source == "footnote" else None,
            page=self.page,
            text=self.text[start:end],
            start=start,
            end=end,
        )


# ------------------------------------------------------------------ names


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


def parse_name(text: str, pos: int) -> Name | None:
    """Read a national or unknown instrument name (or a generic short form) starting at `pos`.

    Returns None when no instrument name starts there. Linear: each token is read once
    and a name has at most 30 tokens.
    """
    p = pos
    anaphoric = False
    # determiners and anaphora: "the", "this", "su", "ladite"
    for _ in range(3):
        m = NAME_TOKEN_RE.match(text, p)
        if not m or not m.group("w"):
            break
        f = fold(m.group("w"))
        if f in DETERMINERS:
            p = m.end()
        elif f in ANAPHORIC:
            anaphoric = True
            p = m.end()
        else:
            break
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


# ------------------------------------------------------------------ references


def _parse_items(text: str, pos: int) -> tuple[list[tuple[str, str | None]], int]:
    """The numbers of a reference and their subs, from just after the keyword."""
    items: list[tuple[str, str | None]] = []
    first = True
    comma = False
    last = pos
    while True:
        m = NUM_RE.match(text, pos)
        if not m:
            break
        num = m.group(1) + (m.group(2) or m.group(3) or "")
        if not first:
            n = int(m.group(1))
            if len(m.group(1)) == 4 and 1800 <= n <= 2099 and not all(len(a) >= 4 for a, _ in items):
                break
            if comma and not LIST_END_RE.match(text, _skip_subs(text, m.end())):
                break  # "Article 174, 15 activists": not an item
        p = m.end()
        subs: list[str] = []
        sp = SUB_PAREN_RE.match(text, p)
        if sp:
            parts = [s.strip() for s in re.split(r"[/,]", sp.group(1))]
            p = sp.end()
            nested = SUB_PAREN_RE.match(text, p)
            if nested and len(parts) == 1:
                parts = [f"{parts[0]}({nested.group(1).strip()})"]
                p = nested.end()
            subs = parts
            # "2(1)(a) and (c)": a sibling of the last sub, printed alone
            while (sib := SUB_SIBLING_RE.match(text, p)) is not None:
                last_sub = subs[-1]
                cut = last_sub.rfind("(")
                subs.append(f"{last_sub[:cut]}({sib.group(1)})" if cut > 0 else sib.group(1))
                p = sib.end()
        else:
            sd = SUB_DOT_RE.match(text, p)
            if sd:
                subs = [sd.group(1)]
                p = sd.end()
            else:
                sw = SUB_WORD_RE.match(text, p)
                if sw:
                    subs = [sw.group(1)]
                    p = sw.end()
        if subs:
            items.extend((num, s) for s in subs)
        else:
            items.append((num, None))
        pos = last = p
        first = False
        rm = RANGE_RE.match(text, pos)
        if rm and not subs:
            m2 = NUM_RE.match(text, rm.end())
            if m2 and m2.group(1).isdigit():
                lo, hi = int(m.group(1)), int(m2.group(1))
                if lo < hi:
                    if hi - lo <= MAX_RANGE:
                        items.extend((str(k), None) for k in range(lo + 1, hi + 1))
                    else:
                        items.append((str(hi), None))
                    pos = last = m2.end()
        desc = DESC_PAREN_RE.match(text, pos)
        if desc and not SUB_PAREN_RE.match(text, pos):
            nxt = SEP_RE.match(text, desc.end())
            if nxt:
                pos = desc.end()
        sep = SEP_RE.match(text, pos)
        if not sep:
            break
        comma = COMMA_ONLY_RE.fullmatch(sep.group(0)) is not None
        pos = sep.end()
    return items, last


def _skip_subs(text: str, pos: int) -> int:
    for rx in (SUB_PAREN_RE, SUB_DOT_RE):
        m = rx.match(text, pos)
        if m:
            return m.end()
    return pos


class _Reader:
    """Reads names for one document: the instrument table, abbreviations the document defines."""

    def __init__(self, abbreviations: dict[str, Name] | None = None) -> None:
        self.abbreviations = abbreviations or {}

    def name_at(self, text: str, pos: int, matches: dict[int, InstrumentMatch], strong: bool = False) -> Name | None:
        """The name starting at `pos` (after determiners), or None.

        `strong` asks for a name that can follow a number with nothing between
        ("article 3 ECHR"): a table instrument, a defined abbreviation or a law whose
        name carries a head word and a capital.
        """
        p = pos
        anaphoric = False
        for _ in range(3):
            m = NAME_TOKEN_RE.match(text, p)
            if not m or not m.group("w"):
                break
            f = fold(m.group("w"))
            if f in DETERMINERS or f in ANAPHORIC:
                anaphoric = anaphoric or f in ANAPHORIC
                p = m.end()
                while p < len(text) and text[p] == " ":
                    p += 1
            else:
                break
        while p < len(text) and text[p].isspace():
            p += 1
        if p + 1 < len(text) and text[p] in OPEN_QUOTES and text[p + 1] not in OPEN_QUOTES:
            # 'art. 5 de la “Ley Orgánica de Puertos”': the name inside the quotation marks
            inner = self.name_at(text, p + 1, matches, strong)
            close = text[inner.end : inner.end + 1] if inner is not None else ""
            if inner is not None and inner.ref is not None and close and close in CLOSE_QUOTES:
                return inner
        hit = matches.get(p)
        if hit is not None and hit.via != "body":
            inst = hit.instrument
            return Name(
                hit.start, hit.end, hit.text, ref=Ref("international", inst.id, _head_of(inst)), instrument=inst
            )
        word = re.match(r"[A-Z][A-Za-z]{1,9}(?![\w])", text[p : p + 12])
        if word and word.group(0) in self.abbreviations:
            a = self.abbreviations[word.group(0)]
            return Name(p, p + len(word.group(0)), word.group(0), ref=a.ref, instrument=a.instrument, short=True)
        if anaphoric and not strong:
            nm = re.match(r"[^\W\d_]+", text[p : p + 30])
            if not nm or fold(nm.group(0)) in ANAPHORIC_NOUNS:
                end = p + nm.end() if nm else p
                return Name(pos, end, text[pos:end].strip(), generic="*")  # "in its article 9", "of the same"
            if nm.group(0)[0].islower() and fold(nm.group(0)) not in HEADS:
                return None  # "section 3 of this report"
        name = parse_name(text, p)
        if name is None:
            nm = re.match(r"[^\W\d_]+", text[p : p + 30])
            if nm and not strong and fold(nm.group(0)) in ANAPHORIC_NOUNS:
                return Name(p, p + nm.end(), nm.group(0), generic="*")
            return None
        if name.ref is None and name.generic is None:
            return None if strong else name
        if strong and name.ref is None:
            return None
        if strong and not any(c.isupper() for c in name.surface):
            return None
        if name.generic is not None and anaphoric:
            name.start = pos
            name.surface = text[pos : name.end]
        return name

    def references(self, text: str, matches: dict[int, InstrumentMatch]) -> list[Reference]:
        out: list[Reference] = []
        done = 0
        ends = _ends(matches)
        for km in KEYWORD_RE.finditer(text):
            if km.start() < done:
                continue  # "s 16 and s 12": the second keyword was read with the first
            family: Family = "article" if km.group("art") else "section" if km.group("sec") else "rule"
            items, pos = _parse_items(text, km.end())
            if family == "rule":
                items = [(a, b) for a, b in items if len(a.rstrip("abcdefghijklmnopqrstuvwxyz")) <= 3]
            if not items:
                continue  # "Regulations 2004" is a name with its year, not rule 2004
            ref = Reference(km.start(), pos, family, items, shouting=km.group(0).strip().isupper())
            para = PARA_BEFORE_RE.search(text, max(done, km.start() - 60), km.start())
            if para and len(items) == 1 and items[0][1] is None:
                ref.items = [(items[0][0], para.group(1))]  # "paragraph 3 of article 19"
                ref.start = para.start()
            self._attach(text, ref, matches, ends, km.start())
            done = ref.end
            out.append(ref)
            while ref.name is not None and (more := CONTINUE_RE.match(text, ref.end)):
                items, pos = _parse_items(text, more.end())
                nxt = Reference(more.end(), pos, family, items)
                self._attach(text, nxt, matches, ends, more.end())
                if not items or nxt.name is None or nxt.blocked:
                    break  # only a list with a name of its own continues the citation
                out.append(nxt)
                done = nxt.end
                ref = nxt
        return out

    def _attach(
        self,
        text: str,
        ref: Reference,
        matches: dict[int, InstrumentMatch],
        ends: dict[int, InstrumentMatch],
        kw_start: int,
    ) -> None:
        pos = ref.end
        of = OF_RE.match(text, pos)
        if of:
            name = self.name_at(text, of.end(), matches)
            if name is not None and (name.ref is not None or name.generic is not None):
                ref.name, ref.end = name, max(name.end, ref.end)
                return
            if name is not None or _lower_noun(text, of.end()):
                ref.blocked = True  # "section 4 of this report", "article 3 of the Guidelines draft"
                return
        desc = DESC_PAREN_RE.match(text, pos)
        if desc:
            inner = self.name_at(text, desc.start(1), matches, strong=True)
            if inner is not None and inner.end == desc.end(1):
                ref.name, ref.end = inner, desc.end()
                return
            after = OF_RE.match(text, desc.end())
            if after:
                name = self.name_at(text, after.end(), matches)
                if name is not None and (name.ref is not None or name.generic is not None):
                    ref.name, ref.end = name, name.end
                    return
        for rx in (COMMA_RE, GAP_RE):
            g = rx.match(text, pos)
            if g:
                name = self.name_at(text, g.end(), matches, strong=True)
                if name is not None and name.ref is not None:
                    if KEYWORD_AFTER_NAME_RE.match(text, name.end):
                        break  # "UDHR Article 8, ICCPR Article 2": that name heads the next citation
                    ref.name, ref.end = name, name.end
                    return
        # a name just before the keyword: "ECHR Articles 2 and 3", "ICCPR Article 9"
        head = text[max(0, kw_start - 12) : kw_start]
        gap = PRE_GAP_RE.search(head)
        if gap:
            end = kw_start - len(gap.group(0))
            m = ends.get(end)
            if m is not None and m.via != "body":
                inst = m.instrument
                ref.name = Name(
                    m.start, m.end, m.text, ref=Ref("international", inst.id, _head_of(inst)), instrument=inst
                )
                ref.start = m.start
                return
            word = re.search(r"(?<![\w])[A-Z][A-Za-z]{1,9}$", text[max(0, end - 12) : end])
            if word and word.group(0) in self.abbreviations:
                a = self.abbreviations[word.group(0)]
                ref.name = Name(
                    end - len(word.group(0)), end, word.group(0), ref=a.ref, instrument=a.instrument, short=True
                )
                ref.start = ref.name.start


def _ends(matches: dict[int, InstrumentMatch]) -> dict[int, InstrumentMatch]:
    return {m.end: m for m in matches.values()}


def _lower_noun(text: str, pos: int) -> bool:
    """'of the report', 'of his book': a lower-case noun phrase that is not an instrument."""
    m = re.match(
        r"(?:(?:the|this|that|its|his|her|their|la|el|le|su|sus|les|los|las)\s{1,3})?[a-zà-ÿ]{3,}", text[pos : pos + 40]
    )
    return bool(m)


def _head_of(inst: Instrument) -> str:
    for t in re.findall(r"[^\W_]+", fold(inst.name)):
        if t in HEADS:
            return t
    return next(iter(inst.heads), "convention")


def parse_references(text: str) -> list[Reference]:
    """The reference grammar alone over one text (no document context, no resolution)."""
    matches = {m.start: m for m in find_instruments(text, bodies=False)}
    return _Reader().references(text, matches)


# ------------------------------------------------------------------ the document


def _heading_units(doc: DocText) -> dict[str, Section]:
    return {s.id: s for s in doc.sections if s.title and s.title.strip()}


def _walk(doc: DocText) -> list[_Unit]:
    """Units in reading order, each section's heading just before the first unit of the section."""
    sections = _heading_units(doc)
    out: list[_Unit] = []
    emitted: set[str] = set()
    parents = {s.id: s.parent for s in doc.sections}

    def emit_heading(sid: str | None) -> None:
        chain = []
        while sid is not None and sid not in emitted:
            chain.append(sid)
            sid = parents.get(sid)
        for s in reversed(chain):
            emitted.add(s)
            sec = sections.get(s)
            if sec is not None:
                out.append(_Unit(len(out), sec.id, sec.title, sec.page_start, "heading", sec.parent, None))

    for u in doc.units:
        if u.section is not None and u.section not in emitted:
            emit_heading(u.section)
        out.append(
            _Unit(len(out), u.id, u.text, u.page, "footnote" if u.is_footnote else "paragraph", u.section, u.anchor)
        )
    for sid in sections:
        if sid not in emitted:
            emit_heading(sid)
    for u in out:
        if u.source == "heading":
            u.section = u.id
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SENTENCE_END_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


DEFINITION_RE = re.compile(
    r"\s{0,3}\(\s?(?:hereinafter(?: the)?\s|en adelante(?: la| el)?\s|ci-après\s)?[\"“']?([A-Z][A-Za-z0-9]{1,9})[\"”']?\s?\)"
)


def _definitions(unit: _Unit, names: Sequence[Name], table: dict[str, Name]) -> None:
    """Abbreviations a unit defines for instruments it names: 'the 1998 Human Rights Act (HRA)'."""
    for n in names:
        if n.ref is None or n.generic is not None:
            continue
        m = DEFINITION_RE.match(unit.text, n.end)
        if not m or m.group(1) in table:
            continue
        abbr = fold(m.group(1))
        initials = fold(_initials(n.surface))
        if sum(c.isupper() for c in m.group(1)) >= 2 and abbr[:1] == initials[:1] and _subsequence(abbr, initials):
            table[m.group(1)] = n


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _capitalised_head(surface: str) -> bool:
    return any(w[0].isupper() and fold(w) in HEADS for w in WORD_RE.findall(surface))


def _inside(spans: Sequence[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, 1 << 30)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@lru_cache(maxsize=64)
def _abbreviation_re(abbreviations: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/.])(?:" + "|".join(map(re.escape, abbreviations)) + r")(?![\w/])")


def _context(unit: _Unit, reader: _Reader) -> list[Name]:
    """Every instrument named in a unit (treaty bodies included), in text order."""
    names: list[Name] = []
    for m in sorted(unit.matches.values(), key=lambda m: m.start):
        inst = m.instrument
        names.append(Name(m.start, m.end, m.text, ref=Ref("international", inst.id, _head_of(inst)), instrument=inst))
    text = unit.text
    if reader.abbreviations:
        for m in _abbreviation_re(tuple(sorted(reader.abbreviations))).finditer(text):
            a = reader.abbreviations[m.group(0)]
            names.append(Name(m.start(), m.end(), m.group(0), ref=a.ref, instrument=a.instrument, short=True))
    covered = sorted((n.start, n.end) for n in names)
    taken_until = 0
    # A law's name holds a head word: read names only in a window before each head word.
    for h in HEAD_SEARCH_RE.finditer(text):
        if h.start() < taken_until or _inside(covered, h.start()):
            continue
        if h.group(0)[0].islower() and fold(h.group(0)) not in LOWER_HEAD_FIRST:
            if NUMBER_TAG_RE.match(text, h.end()):
                pass  # "la loi n° 2004-228"
            elif fold(h.group(0)) not in LOWER_HEAD_AFTER:
                continue
            else:
                before = LAST_WORD_RE.search(text, max(0, h.start() - 30), h.start())
                if before is None or fold(before.group(1)) not in LOWER_NAME_WORDS:
                    continue  # "the act of", "a law that": a lower-case head names a law only after "criminal", "penal"...
        for w in WORD_RE.finditer(text, max(taken_until, h.start() - NAME_WINDOW), h.end()):
            word = w.group(0)
            f = fold(word)
            if not word[0].isupper() and f not in HEADS and f not in LOWER_NAME_WORDS and f not in DETERMINERS:
                continue
            if _inside(covered, w.start()):
                continue
            name = parse_name(text, w.start())
            if name is None or (name.ref is None and name.generic is None) or name.end < h.end():
                continue
            if any(a < name.end and name.start < b for a, b in covered):
                break
            if name.generic is not None and name.generic not in LOWER_GENERICS and not _capitalised_head(name.surface):
                break  # "the law", "a code": words, not short forms of a name
            names.append(name)
            taken_until = name.end
            break
    names.sort(key=lambda n: n.start)
    return names


class _Resolver:
    """Walks the units in order, resolving generic short forms and keeping what was named where."""

    def __init__(self, units: list[_Unit]) -> None:
        self.units = units
        self.history: list[Ref] = []
        self.national: dict[str, _NationalInfo] = {}
        self.intl_surfaces: dict[str, Counter[str]] = {}
        self.instruments: dict[str, Instrument] = {}

    def generic(self, head: str, before: Sequence[Ref] = (), year: str | None = None) -> Ref | None:
        """The most recent instrument with this head word ('*': any; a year must be in its name)."""
        if head in CONSTITUTION_HEADS and year is None:
            return Ref("national", "constitution", head)
        for r in islice(chain(reversed(before), reversed(self.history)), GENERIC_DEPTH):
            if year is not None and (r.kind != "national" or year not in r.key.split()):
                continue
            if head == "*" or r.head == head:
                return r
        return None

    def note(self, name: Name, ref: Ref, explicit: bool) -> None:
        surface = _clean_surface(name.surface)
        if ref.kind == "international" and name.instrument is not None:
            self.instruments[ref.key] = name.instrument
            if name.generic is None:
                self.intl_surfaces.setdefault(ref.key, Counter())[surface] += 1
            return
        info = self.national.setdefault(ref.key, _NationalInfo(ref.kind, ref.head))
        if name.generic is None or ref.key == "constitution":
            info.seen[surface] += 1
            info.order.setdefault(surface, len(info.order))
            if name.short:
                info.short.add(surface)
            elif explicit:
                info.explicit[surface] += 1

    def walk_unit(self, unit: _Unit, names: list[Name]) -> None:
        local: list[Ref] = []
        for n in names:
            ref = n.ref if n.ref is not None else self.generic(n.generic or "*", local, n.year)
            if ref is None:
                continue
            n.ref = ref
            if ref.kind == "international" and n.instrument is None:
                n.instrument = self.instruments.get(ref.key)
            self.note(n, ref, explicit=False)
            unit.mentions.append((n.start, n.end, ref))
            local.append(ref)
        starts = [m[0] for m in unit.mentions]
        for r in unit.refs:
            if r.name is None:
                continue
            if r.name.ref is None and r.name.generic is not None:
                cut = bisect_left(starts, r.start)
                r.name.ref = self.generic(r.name.generic, local[max(0, cut - GENERIC_DEPTH) : cut], r.name.year)
                if r.name.ref is None:
                    later = islice((m[2] for m in unit.mentions[bisect_left(starts, r.end) :]), GENERIC_DEPTH)
                    r.name.ref = next((x for x in later if r.name.generic in ("*", x.head)), None)
                if r.name.ref is not None and r.name.ref.kind == "international":
                    r.name.instrument = self.instruments.get(r.name.ref.key)
            if r.name.ref is not None:
                self.note(r.name, r.name.ref, explicit=True)
        self.history.extend(m[2] for m in unit.mentions)


def _clean_surface(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,;:")
    s = re.sub(r"^(?:[Tt]he|[Ll]a|[Ee]l|[Ll]os|[Ll]as|[Ll]e|[Ll]es)\s", "", s)
    s = re.sub(r"^[Ll]['’]\s?", "", s)
    return s


@dataclass(slots=True)
class _Trail:
    """What the document has cited so far, for R3 and R8, and how it cites each instrument."""

    explicit: dict[tuple[str, str], list[tuple[tuple[int, int], Ref]]]
    families: dict[str, set[str]]
    resolved: dict[tuple[str, str], Ref] = field(default_factory=dict)
    last_article: tuple[int, Ref] | None = None
    last_heading_article: Ref | None = None
    last_heading_number: str | None = None
    headings: dict[str, _Unit] = field(default_factory=dict)
    by_id: dict[str, _Unit] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _titles() -> dict[str, list[tuple[str, str, frozenset[str]]]]:
    """Official article headings by their first word: (instrument id, article, content words)."""
    out: dict[str, list[tuple[str, str, frozenset[str]]]] = {}
    for inst_id, titles in article_titles().items():
        for number, title in titles.items():
            words = [fold(w) for w in WORD_RE.findall(title)]
            need = frozenset(w for w in words if w not in TITLE_STOP)
            if need:
                out.setdefault(words[0], []).append((inst_id, number, need))
    return out


def _by_title(text: str, ref: Reference) -> Ref | None:
    """R1: an article read by its official heading ('Article 2 – Right to life')."""
    tail = TITLE_LEAD_RE.sub("", text[ref.end : ref.end + 140], count=1)
    words = [fold(w) for w in WORD_RE.findall(tail)[:14]]
    if not words:
        return None
    numbered, anywhere = set(), set()
    for inst_id, number, need in _titles().get(words[0], ()):
        if need <= set(words[: len(need) + 4]):
            if any(a == number for a, _ in ref.items):
                numbered.add(inst_id)
            elif len(need) >= 2:
                anywhere.add(inst_id)
    found = numbered or anywhere
    if len(found) != 1:
        return None
    inst = instrument(found.pop())
    return Ref("international", inst.id, _head_of(inst)) if inst is not None else None


def _next_number(prev: str | None, cur: str) -> bool:
    """'13' → '14': the article heading right after the previous one, as in a reprinted text."""
    return prev is not None and prev.isdigit() and cur.isdigit() and int(cur) == int(prev) + 1


LABEL_WORDS = 16
"""Words of a label that introduces a list ('International Covenant on ... (ICESCR):'); a longer
paragraph ending in a colon introduces a quotation more often than a list of articles."""


def _introduced_by(units: list[_Unit], unit: _Unit) -> _Unit | None:
    """The short label that introduces this unit with a colon and names an instrument ("ICESCR:"),
    when only units naming none stand between them in the same section (the items of its list)."""
    if unit.source == "heading":
        return None
    for back in range(1, LOOKBACK + 1):
        j = unit.index - back
        if j < 0:
            return None
        prev = units[j]
        if prev.source == "footnote" and unit.source != "footnote":
            continue  # the notes of a list item
        if prev.source != unit.source or prev.section != unit.section:
            return None
        if prev.text.rstrip().endswith(":") and prev.mentions:
            return prev if len(prev.text.split()) <= LABEL_WORDS else None
        if prev.mentions or prev.text.rstrip().endswith(":"):
            return None
    return None


def _resolve_bare(units: list[_Unit], unit: _Unit, ref: Reference, trail: _Trail) -> Ref | None:
    """Rules R1-R8 of the module docstring, in that order."""
    national_only = ref.family != "article"

    def view(r: Ref) -> Ref:
        return _incorporated(r) if ref.family == "article" else r

    def ok(r: Ref) -> bool:
        fams = trail.families.get(r.key)
        if fams and ref.family not in fams:
            return False  # a law the document cites by section is not where a bare 'Article 8' points
        if not national_only:
            return True
        if r.kind != "national":
            return False
        return ref.family != "rule" or r.head in ("rules", "regulations", "reglas", "reglamento")

    def pick(ms: Iterable[Ref]) -> Ref | None:
        return next((v for v in map(view, ms) if ok(v)), None)

    if not national_only:
        titled = _by_title(unit.text, ref)
        if titled is not None:
            return titled  # R1
    if not unit.sentences:
        unit.sentences = _sentences(unit.text)
        unit.starts = [m[0] for m in unit.mentions]
    si = bisect_right(unit.sentences, (ref.start, 1 << 30)) - 1
    sent = unit.sentences[si] if si >= 0 else (0, len(unit.text))
    cut = bisect_left(unit.starts, ref.start)  # mentions before the reference: [0, cut)
    ms = unit.mentions

    def back(stop: int = 0) -> Iterable[Ref]:
        for i in range(cut - 1, -1, -1):
            if ms[i][0] < stop:
                return
            if ms[i][1] <= ref.start:
                yield ms[i][2]

    found = pick(back(sent[0]))
    if found is not None:
        return found  # R2
    intro = _introduced_by(units, unit) if pick(back()) is None else None
    if intro is not None:
        found = pick(m[2] for m in reversed(intro.mentions))
        if found is not None:
            return found  # R2b: "Under the ICESCR:" then "Articles 11 and 15 - ..."
    prev_heading = trail.last_heading_article if unit.source == "heading" else None
    if prev_heading is not None and ok(prev_heading) and _next_number(trail.last_heading_number, ref.items[0][0]):
        return prev_heading  # R8 first: 'Article 13', then 'Article 14' of one text reprinted
    here = (unit.index, ref.start)
    for article, _ in ref.items:
        cands = [c for c in trail.explicit.get((ref.family, article), []) if ok(view(c[1]))]
        if cands:
            prior = [c for c in cands if c[0] < here]
            return view((prior[-1] if prior else cands[0])[1])  # R3
        done = trail.resolved.get((ref.family, article))
        if done is not None and ok(done):
            return done  # R3, a bare citation of the same number resolved before
    found = pick(m[2] for m in islice(ms, bisect_left(unit.starts, ref.end), None) if m[1] <= sent[1])
    if found is not None:
        return found  # R4
    found = pick(back())
    if found is not None:
        return found  # R5
    if national_only:
        return None
    if unit.source == "heading" and trail.last_heading_article is not None:
        return trail.last_heading_article  # R8 (headings in a row: 'Article 2 – ...', 'Article 3 – ...')
    if unit.source != "heading" and unit.section is not None:
        heading = trail.headings.get(unit.section)
        if heading is not None:
            found = pick(m[2] for m in reversed(heading.mentions))
            if found is not None:
                return found  # R6
    if unit.source == "footnote":
        anchor = trail.by_id.get(unit.anchor) if unit.anchor is not None else None
        if anchor is not None:
            found = pick(m[2] for m in reversed(anchor.mentions))
            if found is not None:
                return found  # R7 (the citing paragraph)
    for back in range(1, LOOKBACK + 1):
        j = unit.index - back
        if j < 0:
            break
        prev = units[j]
        if unit.source != "heading" and prev.section != unit.section and prev.source != "heading":
            break
        found = pick(m[2] for m in reversed(prev.mentions))
        if found is not None:
            return found  # R7
        if prev.source == "heading" and unit.source != "heading":
            break
    if trail.last_article is not None and unit.index - trail.last_article[0] <= LOOKBACK:
        return trail.last_article[1]  # R8
    return None


def find_articles(doc: DocText) -> list[LegalArticle]:
    """Every article, section or rule the document cites, one record per (article, sub, instrument)."""
    units = _walk(doc)
    reader = _Reader({})
    resolver = _Resolver(units)
    for u in units:
        u.matches = {m.start: m for m in find_instruments(u.text)}
        names = _context(u, reader)
        _definitions(u, names, reader.abbreviations)
        u.refs = reader.references(u.text, {s: m for s, m in u.matches.items() if m.via != "body"})
        resolver.walk_unit(u, names)

    # R3 needs every explicit citation of the document, before and after.
    explicit: dict[tuple[str, str], list[tuple[tuple[int, int], Ref]]] = {}
    for u in units:
        for r in u.refs:
            if r.name is not None and r.name.ref is not None:
                for article, _ in r.items:
                    explicit.setdefault((r.family, article), []).append(((u.index, r.start), r.name.ref))

    national_keys = _merge_national(resolver)
    families: dict[str, set[str]] = {}
    for u in units:
        for r in u.refs:
            if r.name is not None and r.name.ref is not None:
                families.setdefault(national_keys.get(r.name.ref.key, r.name.ref.key), set()).add(r.family)
    trail = _Trail(explicit, families)
    trail.headings = {u.id: u for u in units if u.source == "heading"}
    trail.by_id = {u.id: u for u in units if u.source != "heading"}
    records: dict[tuple[str, str | None, str, str], list[tuple[_Unit, Reference]]] = {}
    order: list[tuple[str, str | None, str, str]] = []
    last_single: tuple[int, tuple[str, str | None, str, str]] | None = None  # for "this Article"
    for u in units:
        anaphors = [Reference(m.start(), m.end(), "article", []) for m in THIS_ARTICLE_RE.finditer(u.text)]
        for r in sorted([*u.refs, *anaphors], key=lambda r: r.start):
            if not r.items:
                # "under this Article": the one article cited just before, in this unit or the one before
                if last_single is not None and last_single[0] >= u.index - 1:
                    records[last_single[1]].append((u, r))
                continue
            if r.blocked:
                continue
            target = r.name.ref if r.name is not None else None
            if r.name is None:
                if r.shouting or re.match(r"['’]s\b", u.text[r.end : r.end + 3]):
                    continue  # ARTICLE 19, the organisation
                target = _resolve_bare(units, u, r, trail)
                if target is not None:
                    for article, _ in r.items:
                        trail.resolved.setdefault((r.family, article), target)
            if target is None:
                continue
            if r.family == "article":
                target = _incorporated(target)
                trail.last_article = (u.index, target)
                if u.source == "heading":
                    trail.last_heading_article = target
                    trail.last_heading_number = r.items[-1][0]
            if target.kind == "international" and target.key not in resolver.instruments:
                inst = instrument(target.key)
                if inst is not None:
                    resolver.instruments[inst.id] = inst
            key_ref = national_keys.get(target.key, target.key)
            for article, sub in r.items:
                k = (article, sub, target.kind, key_ref)
                if k not in records:
                    records[k] = []
                    order.append(k)
                records[k].append((u, r))
            if r.family == "article":
                last_single = (u.index, k) if len(r.items) == 1 else None

    out: list[LegalArticle] = []
    for i, k in enumerate(order, 1):
        article, sub, kind, key = k
        name, aliases = _display(resolver, kind, key)
        mentions: list[Mention] = []
        seen: set[tuple[str, int, int]] = set()
        for u, r in records[k]:
            if (u.id, r.start, r.end) in seen:
                continue
            seen.add((u.id, r.start, r.end))
            mentions.append(u.mention(r.start, r.end))
        out.append(
            LegalArticle(
                id=f"art{i}",
                article=article,
                sub=sub,
                instrument=name,
                instrument_kind=kind,
                instrument_aliases=aliases,
                mentions=mentions,
            )
        )
    return out


def _merge_national(resolver: _Resolver) -> dict[str, str]:
    """A law named without its year joins the one spelling with a year: 'Trade Union Law' -> '... of 2014'."""
    dated: dict[str, list[str]] = {}
    for k in resolver.national:
        words = k.split()
        if any(w.isdigit() for w in words):
            dated.setdefault(" ".join(w for w in words if not w.isdigit()), []).append(k)
    out: dict[str, str] = {}
    for k in list(resolver.national):
        with_year = [d for d in dated.get(k, []) if d != k]
        if len(with_year) > 1:
            # several laws of that name ('Public Order Act 2004', '... 2009'): the one the document
            # names most, when it is named at least twice as often as the next
            ranked = sorted(((resolver.national[d].seen.total(), d) for d in with_year), reverse=True)
            with_year = [ranked[0][1]] if ranked[0][0] >= 2 * max(1, ranked[1][0]) else []
        if len(with_year) == 1:
            out[k] = with_year[0]
            target = resolver.national[with_year[0]]
            src = resolver.national[k]
            target.explicit.update(src.explicit)
            target.seen.update(src.seen)
            for s, o in src.order.items():
                target.order.setdefault(s, len(target.order) + o)
    return out


def _incorporated(target: Ref) -> Ref:
    """A law that gives effect to a treaty cites the treaty's articles: the UK Human Rights Act 1998."""
    if target.kind != "national":
        return target
    inst = incorporating_laws().get(target.key)
    if inst is None:
        return target
    return Ref("international", inst.id, _head_of(inst))


@lru_cache(maxsize=1)
def incorporating_laws() -> dict[str, Instrument]:
    out: dict[str, Instrument] = {}
    for inst in all_instruments():
        for law in inst.incorporated_by:
            out[national_key(law, "act")] = inst
    return out


def _display(resolver: _Resolver, kind: Kind, key: str) -> tuple[str, list[str]]:
    if kind == "international" and key in resolver.instruments:
        inst = resolver.instruments[key]
        surfaces = resolver.intl_surfaces.get(key, Counter())
        aliases = [s for s, _ in surfaces.most_common() if fold(s) != fold(inst.name)]
        return inst.name, aliases
    info = resolver.national.get(key)
    if info is None or not info.seen:
        return key, []
    # the spelling cited most, without "new" or "revised" (kept among the aliases)
    pool: Counter[str] = Counter()
    full = Counter({s: n for s, n in info.seen.items() if s not in info.short}) or info.seen
    for surface, n in (info.explicit or full).items():
        pool[QUALIFIER_LEAD_RE.sub("", surface) or surface] += n
    best = max(pool, key=lambda s: (s[:1].isupper(), pool[s], len(s), -info.order.get(s, 0)))
    return best, [s for s in sorted(info.seen, key=lambda s: info.order.get(s, 0)) if s != best]


def articles_in(unit_id: str, start: int, end: int, articles: Iterable[LegalArticle]) -> list[str]:
    """Ids of the legal-article records with a mention inside [start, end) of one paragraph or footnote."""
    out = []
    for a in articles:
        for m in a.mentions:
            inside = m.start is not None and m.end is not None and start <= m.start and m.end <= end
            if inside and unit_id in (m.paragraph, m.footnote):
                out.append(a.id)
                break
    return out


__all__ = ["Reference", "articles_in", "find_articles", "parse_name", "parse_references"]
