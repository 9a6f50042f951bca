"""Citations in paragraphs and footnotes: UN symbols, earlier UPR recommendations, links,
treaty-body communications, court cases, and whatever else a footnote cites.

Each finder is a pure function over one unit's text that returns exact offsets, so a
citation's `text` is always `unit.text[start:end]`. Earlier UPR recommendations are the
delicate part: numbers are everywhere (paragraphs, dates, sections, money), so a number
counts only in recommendation context: after the word "recommendation(s)" (English,
Spanish, French), with a group of recommending States in brackets after a dotted number,
or as a paragraph of a Working Group report cited by its symbol.

Public API:
    find_citations(doc) -> list[Citation]
    find_rec_refs(text, context="") -> list[RecRef]
    find_urls(text) -> list[URLMatch]
    find_communications(text) -> list[CommunicationMatch]
    find_court_cases(text) -> list[CourtCaseMatch]
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from extract import DATA_DIR
from extract.finders.actions import opens_with_verb
from extract.finders.states import find_states
from extract.finders.symbols import RESOLUTION_TYPES, SymbolMatch, find_symbols, symbol_from_url
from extract.lang import LanguageData, language, languages, load_each
from extract.structure.units import DocText, TextUnit
from extract.text.fold import fold
from schemas import (
    Citation,
    CommunicationParsed,
    CourtCaseCitation,
    CourtCaseParsed,
    OtherCitation,
    TreatyBodyViewCitation,
    UNDocumentCitation,
    UNDocumentParsed,
    UPRRecommendationCitation,
    UPRRecommendationParsed,
    URLCitation,
    URLParsed,
)

# ---------------------------------------------------------------- word lists


class CitationWords(BaseModel):
    """One language's words (extract/lang/<code>/citations.json); every language's are read in every document."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count_words: tuple[str, ...] = ()
    response_verbs: tuple[str, ...] = ()
    provision_words: tuple[str, ...] = ()
    not_state_words: tuple[str, ...] = ()
    own_recommendation_words: tuple[str, ...] = ()
    own_recommendation_openers: tuple[str, ...] = ()
    case_particles: tuple[str, ...] = ()
    case_stop: tuple[str, ...] = ()
    other_body_words: tuple[str, ...] = ()


def _every(field: str) -> frozenset[str]:
    return frozenset(w for words in load_each("citations", CitationWords).values() for w in getattr(words, field))


_W = json.loads((DATA_DIR / "citation_words.json").read_text(encoding="utf-8"))
MONTHS: frozenset[str] = frozenset(
    fold(name)
    for code in languages()
    for names in (language(code) or LanguageData(code=code, name=code)).months
    for name in names
    if name == names[0] or len(name) > 4  # the full name and its variants ('setiembre'), not 'sep'
)
"""Month names, folded: a number followed by one is a date, not a recommendation."""
COUNT_WORDS: frozenset[str] = _every("count_words")
OTHER_BODIES: frozenset[str] = frozenset(_W["other_bodies"]) | _every("other_body_words")
OWN_REC_WORDS: frozenset[str] = _every("own_recommendation_words")
RESPONSE_VERBS: frozenset[str] = _every("response_verbs")
OWN_REC_OPENERS: frozenset[str] = _every("own_recommendation_openers")
CASE_PARTICLES: frozenset[str] = frozenset(_W["case_particles"]) | _every("case_particles")
CASE_STOP: frozenset[str] = _every("case_stop")
PROVISION_WORDS: frozenset[str] = _every("provision_words")
NOT_STATE_WORDS: frozenset[str] = frozenset(w.casefold() for w in _every("not_state_words"))
COMMITTEE_NAMES: tuple[str, ...] = tuple(b for _, b in _W["committees"])
COMMITTEES = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_W["committees"])), re.IGNORECASE)
"""Every committee pattern in one expression: the group that matched names the body."""
COURT_NAMES: tuple[str, ...] = tuple(c for _, c in _W["courts"])
COURTS = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_W["courts"])))
"""Every court pattern in one expression: the group that matched names the court."""
_TLDS = "|".join(_W["bare_domains"])

_LOWER = str.maketrans({c: c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜ"})
"""Lower case without changing any offset, for texts where str.lower would."""

REC_WORD = re.compile(r"rec(?:ommendations?|omendaci(?:ón|on|ones)|ommandations?|\.s|s?\b\.?)(?![\w-])")
"""The word that puts a number in recommendation context (English, Spanish, French); run on _low(text)."""

REC_NUMBER_FILLER = re.compile(
    r"[ \t]?(?:(?:Nos?\.|N[°ºo]s?\.?|n[°ºo]s?\.?|numbers?|núms?\.?|números?|numéros?|#)[ \t]?)?[:(]?[ \t]?",
    re.IGNORECASE,
)
"""What may stand between the word and the first number ("recommendations Nos. 124.4")."""

GENERAL_REC = re.compile(
    r"(?:general|générales?|generales?)\s*$|^\s*(?:générales?|generales?|general)\b",
    re.IGNORECASE,
)
"""CEDAW's and CERD's general recommendations are not UPR recommendations."""

UPR_CONTEXT = re.compile(
    r"\bUPR\b|\bEPU\b|periodic review|peri[oó]dico universal|p[ée]riodique universel|previous review|"
    r"(?:first|second|third|last|previous|earlier) (?:cycle|review)|Working Group|Grupo de Trabajo|"
    r"Groupe de travail|A/HRC/",
    re.IGNORECASE,
)
"""A bare "Recommendation 10" is a UPR one only where the unit (or its anchor) speaks of the review."""

PARAGRAPH_WORD = re.compile(
    r"(?:paragraphs?|paras?\.?|párrafos?|párr\.?|parr\.?|paragraphes?|§§?)[ \t]?$", re.IGNORECASE
)
"""A Working Group report's paragraph NN.N is one of its recommendations."""

ARTICLES = re.compile(r"^(?:the|la|le|las|los|les|el|l['’])\s+", re.IGNORECASE)

OTHER_SIGNAL = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|\b(?:ibid|idem|supra|op\. cit|loc\. cit)\b|^\s*(?:id\.|see|ver|véase|voir|cf\.?)\s|"
    r"\b(?:pp?|paras?|párr|art)\.\s?\d|\b(?:available at|disponible en|disponible sur|accessed|consultado)\b",
    re.IGNORECASE,
)
OTHER_SOURCE = re.compile(
    r"\b(?:Report|Informe|Rapport|Act|Law|Ley|Loi|Decree|Decreto|Décret|Resolution|Resolución|Résolution|"
    r"Statement|Letter|Judgment|Sentencia|Arrêt|Press Release|Survey|Study|Estudio|Étude|Gaceta|Bulletin|"
    r"Journal|Review|Guidance|Guidelines|Code|Bill|Constitution|Constitución)\b"
)
"""Signs that a footnote cites a source (so it gets an 'other' citation when nothing else matched)."""

COMMUNICATION_NUMBER = re.compile(r"/(?:19|20)?\d\d(?![\d/])")
COMMUNICATION_WORD = re.compile(
    r"\b(?:communications?|comunicaci(?:ón|on|ones)|views|opinions?|opiniones|opinión|dictamen|"
    r"constatations|avis|petitions?|petici(?:ón|on|ones))\b"
    r"[^.;:\d\n]{0,30}?(?:Nos?\.?|N[°ºo]\.?|n[°ºo]\.?|núm\.?|numbers?|número|numéro)?[ \t]?$",
    re.IGNORECASE,
)
"""A treaty body's (or a UN working group's) decision on an individual complaint: "Communication No. 45/2012"."""

CASE_LINK = re.compile(r" (?:(?:vs?|Vs|VS)\.?|versus|c\.) (?=[A-Z(])")
"""The 'v.' between the parties of a case name."""

CASE_JOINTS = frozenset({"and", "y", "e", "et", "&"})
CASE_LINK_WORDS = frozenset({"v", "v.", "vs", "vs.", "Vs", "Vs.", "VS", "VS.", "versus", "c."})
COMMITTEE_BEFORE = 160
COMMITTEE_AFTER = 80
NONSPACE = re.compile(r"\S+")
CASE_LEFT_CHARS = 100
CASE_RIGHT_CHARS = 140
CASE_WORDS = 10
"""How far a party's name may reach from the 'v.' (characters and words)."""
CASE_PREFIX = re.compile(r"^(?:Casos|Caso|Cases of|Case of|Cases|Case|Affaires|Affaire|Cas)\s+", re.IGNORECASE)
YEAR = re.compile(r"[(\[]((?:19|20)\d\d)[)\]]")

URL_SCHEME = re.compile(r"(?:https?|ftp)://|www\d{0,2}\.")
"""A link starts with a scheme or 'www.' (run on _low(text))..."""
URL_BARE = re.compile(rf"\.(?:{_TLDS})/")
"""... or is a bare domain followed by a path ("ohchr.org/...")."""
URL_BODY = re.compile(r"[^\s<>\"“”‘’\[\]{}|\\^`]+")
URL_BEFORE = frozenset("@/.-_")
DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")

URL_TRAILING = ".,;:!?'’\"”)]}»"
URL_TOKEN = re.compile(r"[^\s<>\"“”‘’\[\]{}|\\^`]+")
URL_CONTINUES = re.compile(r"[/_=?&%#]|\.(?:pdf|html?|aspx?|php|docx?|jsp|cfm|xml|xlsx?|rtf|txt|cgi)\b", re.I)
"""A next line continues a broken link when it carries path syntax or ends in a file extension."""
URL_DANGLING = "-_=&?%#~"
"""A link cut right after these goes on in the next piece (a full stop or a slash may end a link)."""
NOT_URL_PIECE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[a-z]{1,4}/[a-z]{1,4}\W*$", re.IGNORECASE)
"""A date ("12/05/2011") or a word pair ("and/or") after a link is not the rest of it."""

# ---------------------------------------------------------------- numbers

NUMBER = re.compile(r"(\d{1,3})(?:\.(\d{1,3}))?(?![\d%])(?!\.\d)(?!,\d)")
DOT_DIGIT = re.compile(r"\.\d")
DOTTED_NUMBER = re.compile(r"\d{1,3}\.\d{1,3}(?![\d%])(?!\.\d)(?!,\d)")
NUMBER_BEFORE = frozenset("0123456789.,/$€£-")
"""A character before a number that makes it part of something else (a date, money, a longer number)."""
SUB_ITEM = re.compile(r"(\d{1,3})\s?\((\d{1,2})\)(?![\w(])")
"""A report paragraph's numbered item printed 'NN(M)' ('A/HRC/8/25, paras. 56(2) and 56(3)'): recommendation NN.M."""
RANGE_LINK = re.compile(r"\s{0,3}[-–—]\s{0,3}|\s{1,3}(?:to|a|al|à|au)\s{1,3}")
LIST_LINK = re.compile(
    r"\s{0,3}[,;]\s{0,3}(?:(?:and|y|e|et|&|or|o|ou|as well as)\s{1,3})?|\s{1,3}(?:and|y|e|et|&|or|o|ou|as well as)\s{1,3}"
)
GROUP_SPLIT = re.compile(r"\s{0,3}[,;]\s{0,3}(?:(?:and|y|e|et)\s{1,3})?|\s{1,3}(?:and|y|e|et|&)\s{1,3}")
OF_AFTER = re.compile(r"\s{0,3}(?:\([a-z]{1,3}\)\s{0,3})?(?:of|by|from|made by|del|de la|de los|du|des|de l['’])\s")
"""What joins a recommendation's number to the body that made it ("... 12 (a) of the Special Rapporteur")."""
LABEL_TAIL = re.compile(r"^\s{0,3}(?:\([^()]{0,40}\)\s{0,3})?[:.–—-]?\s{0,3}")
"""What may follow a recommendation's number before its text: "Recommendation 5 (Not accepted): Consider ..."."""
PARAGRAPH_NUMBER_AFTER = re.compile(r"\.\s+[A-ZÀ-Þ]")
GROUP_GAP = re.compile(r"\s{0,3}\(")
NAME_LIKE = re.compile(r"^[A-ZÀ-Þ][^\d()]*(?:\([^\d()]*\))?$")
SENTENCE_END = re.compile(r"[.!?][)\]\"”’]?\s+(?=[A-ZÀ-Þ“\"(])")
MAX_RANGE = 60
MAX_GROUP = 300
MAX_CHAIN = 40
REVIEW_BEFORE = 250
REVIEW_AFTER = 150
"""How near the review must be named for a bare "recommendation 10" (characters before and after)."""
MAX_VERB_CHECKS = 64
"""Imperative-style checks per text: a real paragraph quotes far fewer recommendations."""


@dataclass(frozen=True, slots=True)
class RecRef:
    """One earlier recommendation cited by number: text[start:end] is the number (or range) and its States."""

    start: int
    end: int
    number: str
    states: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class URLMatch:
    start: int
    end: int
    url: str
    """The link without the spaces a line break put inside it."""


@dataclass(frozen=True, slots=True)
class CommunicationMatch:
    start: int
    end: int
    number: str
    committee: str | None = None


@dataclass(frozen=True, slots=True)
class CourtCaseMatch:
    start: int
    end: int
    name: str
    court: str | None = None
    year: str | None = None


# ---------------------------------------------------------------- recommendation references


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    numbers: list[str]
    dotted: bool
    states: list[str] | None = None
    known: int = 0


@dataclass(slots=True)
class _Chain:
    start: int
    end: int
    items: list[_Item] = field(default_factory=list)


def _state_spans(s: str) -> list[tuple[int, int]]:
    """Spans of the State names in a string."""
    return [(a, b) for a, b, _ in find_states(s)]


def _group_end(text: str, start: int) -> int | None:
    """End of the bracketed group opening at text[start] == '(' (one level of nesting), or None."""
    depth = 0
    limit = min(len(text), start + MAX_GROUP)
    for i in range(start, limit):
        c = text[i]
        if c == "(":
            depth += 1
            if depth > 2:
                return None
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _group_states(content: str) -> tuple[list[str], int] | None:
    """The States a bracket names, as printed (leading article dropped), and how many are known States.

    None when a piece of the bracket is not a name ("para. 12", "2008", "supported").
    """
    spans = _state_spans(content)
    cuts: list[tuple[int, int]] = []
    depth = 0
    paren_at = [0] * (len(content) + 1)
    for i, c in enumerate(content):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        paren_at[i + 1] = depth
    for m in GROUP_SPLIT.finditer(content):
        if paren_at[m.start()] > 0 or any(a < m.end() and m.start() < b for a, b in spans):
            continue
        cuts.append((m.start(), m.end()))
    pieces: list[tuple[int, int]] = []
    pos = 0
    for a, b in cuts:
        pieces.append((pos, a))
        pos = b
    pieces.append((pos, len(content)))
    states: list[str] = []
    known = 0
    for a, b in pieces:
        piece = content[a:b].strip()
        if not piece:
            continue
        piece = ARTICLES.sub("", piece)
        if any(a <= s < b for s, _ in spans):
            known += 1
        elif not _name_like(piece):
            return None
        states.append(piece)
    return (states, known) if states else None


def _dotted_numbers(text: str) -> list[re.Match[str]]:
    """Numbers like 124.4 (found from their full stop, which is cheaper than a look-behind)."""
    out = []
    for d in DOT_DIGIT.finditer(text):
        s = a = d.start()
        while a > 0 and s - a < 4 and text[a - 1].isdigit():
            a -= 1
        if a == s or s - a > 3 or (a > 0 and text[a - 1] in NUMBER_BEFORE):
            continue
        m = DOTTED_NUMBER.match(text, a)
        if m:
            out.append(m)
    return out


def _name_like(piece: str) -> bool:
    """A State name the table may lack: capitalised words (particles aside), no digits, not a position."""
    if not NAME_LIKE.match(piece):
        return False
    words = piece.replace("(", " ").replace(")", " ").split()
    if not 0 < len(words) <= 6 or any(w.casefold() in NOT_STATE_WORDS for w in words):
        return False
    return all(w[:1].isupper() or w in CASE_PARTICLES for w in words)


def _parse_chain(text: str, pos: int) -> _Chain | None:
    """Numbers, ranges and bracketed State groups joined by commas/'and' from `pos` on."""
    chain = _Chain(pos, pos)
    kind: bool | None = None
    while len(chain.items) < MAX_CHAIN:
        m = NUMBER.match(text, pos)
        if m is None or (pos > 0 and (text[pos - 1].isdigit() or text[pos - 1] in "$€£")):
            break
        dotted = m.group(2) is not None
        if kind is not None and dotted != kind:
            break
        kind = dotted
        numbers = [m.group(0)]
        end = m.end()
        r = RANGE_LINK.match(text, end)
        m2 = NUMBER.match(text, r.end()) if r else None
        if m2 and (m2.group(2) is not None) == dotted:
            numbers = _expand(m.group(0), m2.group(0))
            end = m2.end()
        elif m2 and dotted and int(m2.group(1)) > int(m.group(2)):  # 122.17-18
            numbers = _expand(m.group(0), f"{m.group(1)}.{m2.group(1)}")
            end = m2.end()
        if not dotted and _followed_by_month(text, end):
            break
        item = _Item(m.start(), end, numbers, dotted)
        gm = GROUP_GAP.match(text, end)
        if gm:
            g = gm.end() - 1
            ge = _group_end(text, g)
            if ge is not None:
                got = _group_states(text[g + 1 : ge - 1])
                if got is not None:
                    item.states, item.known = got
                    item.end = ge
        chain.items.append(item)
        chain.end = item.end
        sep = LIST_LINK.match(text, item.end)
        if sep is None or sep.end() == item.end:
            break
        pos = sep.end()
    return chain if chain.items else None


def _expand(a: str, b: str) -> list[str]:
    """56.7-56.10 → 56.7, 56.8, 56.9, 56.10; 56.7-10 reads the same; other ranges keep their ends."""
    ha, _, la = a.partition(".")
    hb, _, lb = b.partition(".")
    if not la:  # whole numbers: 10-12
        lo, hi = int(a), int(b)
        return [str(n) for n in range(lo, hi + 1)] if 0 < hi - lo <= MAX_RANGE else [a, b]
    if ha == hb and 0 < int(lb) - int(la) <= MAX_RANGE:
        return [f"{ha}.{n}" for n in range(int(la), int(lb) + 1)]
    return [a, b]


def _followed_by_month(text: str, end: int) -> bool:
    word = text[end : end + 12].strip().split(" ", 1)[0].strip(".,")
    return fold(word) in MONTHS


def _low(text: str) -> str:
    """Lower case with offsets kept: str.lower is fast but may lengthen a rare character ("İ")."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER)


def _rec_words(low: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
    """The recommendation words of a lower-cased text that start a word."""
    it = REC_WORD.finditer(low, pos, len(low) if endpos is None else endpos)
    return [m for m in it if m.start() == 0 or not low[m.start() - 1].isalnum()]


def _keyword_before(text: str, start: int) -> re.Match[str] | None:
    """The recommendation word ending just before `start` (only the allowed filler between)."""
    window = text[max(0, start - 48) : start]
    for m in _rec_words(_low(window)):
        f = REC_NUMBER_FILLER.match(window, m.end())
        if f and f.end() == len(window):
            return m
    return None


def _provision_before(text: str, start: int) -> bool:
    """Whether the number is an article's or section's ("Article 19.3 (Norway)"), not a recommendation's."""
    words = text[max(0, start - 24) : start].split()
    return bool(words) and words[-1].strip(".,(").casefold() in PROVISION_WORDS


def _general(text: str, kw_start: int, kw_end: int) -> bool:
    return bool(GENERAL_REC.search(text[max(0, kw_start - 12) : kw_start])) or bool(
        GENERAL_REC.match(text[kw_end : kw_end + 12])
    )


def _report_paragraph(text: str, start: int, report_ends: list[int]) -> bool:
    """Whether `start` follows "<WG report symbol>, paragraph(s)"."""
    window = text[max(0, start - 16) : start]
    m = PARAGRAPH_WORD.search(window)
    if m is None:
        return False
    at = max(0, start - 16) + m.start()
    return any(0 <= at - e <= 4 and text[e:at].strip(" ,)") == "" for e in report_ends)


@dataclass(slots=True)
class _Scope:
    """What the whole-number rule asks of one text, computed once: where the review is named."""

    text: str
    context: str
    upr_document: bool | Callable[[], bool]
    verb_checks: int = MAX_VERB_CHECKS
    _hits: list[int] | None = None

    def review_near(self, lo: int, hi: int) -> bool:
        if self._hits is None:
            self._hits = [m.start() for m in UPR_CONTEXT.finditer(self.text)]
        i = bisect_left(self._hits, lo)
        return (i < len(self._hits) and self._hits[i] < hi) or bool(self.context and UPR_CONTEXT.search(self.context))

    def about_upr(self) -> bool:
        if callable(self.upr_document):
            self.upr_document = self.upr_document()
        return self.upr_document

    def imperative(self, s: str) -> bool:
        if self.verb_checks <= 0 or not self.about_upr():
            return False
        self.verb_checks -= 1
        return opens_with_verb(s, as_printed=True)  # the UPR prints its recommendations so ("Enshrine ...")


def _bare_numbers_cited(text: str, kw: re.Match[str], chain: _Chain, seen: bool, scope: _Scope) -> bool:
    """Whether "Recommendation 10" cites an earlier UPR recommendation (whole numbers are everywhere).

    It does with the review named nearby (or in a footnote's anchor), or, in a document about
    the UPR, when a recommendation in the UPR's imperative style follows the number.
    """
    before = text[max(0, kw.start() - 40) : kw.start()].split()
    if before and (before[-1].lower() in COUNT_WORDS or before[-1].isdigit()):
        return False  # "made ten recommendations" counts them
    if any(w.strip("(“\"'") in OTHER_BODIES for w in before[-3:]):
        return False  # "CERD Recommendation 18"
    after_chain = text[chain.end : chain.end + 80]
    of = OF_AFTER.match(after_chain)
    if of and any(w.strip(".,;:’'s") in OTHER_BODIES for w in after_chain[of.end() :].split()[:5]):
        return False  # "Recommendation 12 (a) of the Special Rapporteur"
    first = chain.items[0]
    after = text[first.end : first.end + 160]
    if PARAGRAPH_NUMBER_AFTER.match(after) and len(chain.items) == 1:
        return False  # a heading "Recommendations" followed by paragraph "4. The Government..."
    if after.startswith(":"):
        words = [w.strip(".,;:").lower() for w in after[1:].split()[:14]]
        if words and (words[0] in OWN_REC_OPENERS or OWN_REC_WORDS.intersection(words)):
            return False  # "Recommendation 2: The Government should ..." is the document's own
    if seen:
        return True
    if scope.review_near(kw.start() - REVIEW_BEFORE, chain.end + REVIEW_AFTER):
        return True
    if any(w.strip(".,;:").casefold() in RESPONSE_VERBS for w in before[-4:]) and scope.about_upr():
        return True  # "The State rejected Recommendation 7" in a document about the review
    if "." in kw.group(0) and text[: kw.start()].rstrip().endswith("(") and scope.about_upr():
        return True  # "(Rec. 15)", "(Rec.s 9 and 10)": a reference in brackets, in a document about the review
    return len(chain.items) == 1 and scope.imperative(LABEL_TAIL.sub("", after, count=1))


def find_rec_refs(
    text: str,
    context: str = "",
    report_ends: list[int] | None = None,
    upr_document: bool | Callable[[], bool] = False,
) -> list[RecRef]:
    """Earlier UPR recommendations cited by number in `text`, one RecRef per number.

    `context` is extra text that may show the unit speaks of the UPR (a footnote's anchor
    paragraph); `report_ends` are the end offsets of Working Group report symbols in `text`;
    `upr_document` says the document speaks of the UPR somewhere (a callable is asked only if needed).
    A range or list followed by one bracket of States gives every number the whole group.
    """
    report_ends = report_ends or []
    scope = _Scope(text, context, upr_document)
    chains: list[tuple[_Chain, bool]] = []  # (chain, keyword-led)
    taken: list[tuple[int, int]] = []  # spans of dotted chains, accepted or not
    taken_until = -1
    for m in _dotted_numbers(text):
        if m.start() < taken_until:
            continue
        chain = _parse_chain(text, m.start())
        if chain is None:
            continue
        taken_until = chain.end
        taken.append((chain.start, chain.end))
        kw = _keyword_before(text, chain.start)
        base = max(0, chain.start - 48)
        keyword_led = kw is not None and not _general(text, base + kw.start(), base + kw.end())
        by_states = any(i.known for i in chain.items) and not _provision_before(text, chain.start)
        if keyword_led or by_states or _report_paragraph(text, chain.start, report_ends):
            chains.append((chain, keyword_led))
    if "(" in text:
        for chain in _sub_item_chains(text, report_ends, taken):
            taken.append((chain.start, chain.end))
            chains.append((chain, True))
    for m in _rec_words(_low(text)) if "ec" in text or "EC" in text else ():
        f = REC_NUMBER_FILLER.match(text, m.end())
        if f is None or _general(text, m.start(), m.end()):
            continue
        pos = f.end()
        nm = NUMBER.match(text, pos)
        if nm is None or nm.group(2) is not None or any(a <= pos < b for a, b in taken):
            continue
        chain = _parse_chain(text, pos)
        if chain is not None and _bare_numbers_cited(text, m, chain, bool(chains), scope):
            chains.append((chain, True))
    out: list[RecRef] = []
    for chain, _ in sorted(chains, key=lambda c: c[0].start):
        pending: list[_Item] = []
        for item in chain.items:
            pending.append(item)
            if item.states is None:
                continue
            for p in pending:  # a bracket after a run of bare numbers belongs to the whole run
                start = p.start
                end = item.end if p is not item and p.states is None else p.end
                states = p.states if p.states is not None else item.states
                out.extend(RecRef(start, end, n, tuple(states)) for n in p.numbers)
            pending = []
        out.extend(RecRef(p.start, p.end, n) for p in pending for n in p.numbers)
    return out


def _sub_item_chains(text: str, report_ends: list[int], taken: list[tuple[int, int]]) -> list[_Chain]:
    """'paras. 56(2), 56(3) and 56(5)' in a text citing a Working Group report, or after a recommendation word.

    Only there: elsewhere 'NN(M)' is an article's or a section's sub-paragraph ('Article 19(3)').
    """
    out: list[_Chain] = []
    end = -1
    for m in SUB_ITEM.finditer(text):
        if m.start() < end or any(a <= m.start() < b for a, b in taken):
            continue
        if (m.start() > 0 and text[m.start() - 1].isalnum()) or _provision_before(text, m.start()):
            continue
        cited_report = any(e <= m.start() for e in report_ends) and PARAGRAPH_WORD.search(
            text[max(0, m.start() - 16) : m.start()]
        )
        if not (cited_report or _keyword_before(text, m.start())):
            continue
        chain = _Chain(m.start(), m.end())
        cur: re.Match[str] | None = m
        while cur is not None and len(chain.items) < MAX_CHAIN:
            chain.items.append(_Item(cur.start(), cur.end(), [f"{cur.group(1)}.{cur.group(2)}"], True))
            chain.end = cur.end()
            sep = LIST_LINK.match(text, cur.end())
            cur = SUB_ITEM.match(text, sep.end()) if sep is not None and sep.end() > cur.end() else None
        end = chain.end
        if OF_AFTER.match(text, chain.end):
            continue  # 'para. 4(2) of the Act': another text's paragraph
        out.append(chain)
    return out


# ---------------------------------------------------------------- links


def find_urls(text: str) -> list[URLMatch]:
    """Links, rejoined when a line break put a space inside them, trailing punctuation left out."""
    out: list[URLMatch] = []
    pos = 0
    for start in _url_starts(text):
        if start < pos:
            continue
        m = URL_BODY.match(text, start)
        if m is None:
            continue
        end = m.end()
        pieces = [m.group()]
        # a space inside the link where the next piece clearly continues the path
        while end < len(text) and text[end] == " " and len(pieces) < 6:
            t = URL_TOKEN.match(text, end + 1)
            if t is None:
                break
            nxt = t.group()
            last = pieces[-1]
            if last[-1] in ",;)" or nxt.lower().startswith(("http", "www.")) or NOT_URL_PIECE.match(nxt):
                break
            stripped = nxt.rstrip(URL_TRAILING)
            if not stripped:
                break
            if URL_CONTINUES.search(stripped) or (last[-1] in URL_DANGLING and stripped.isalnum()):
                pieces.append(nxt)
                end = t.end()
            else:
                break
        while end > start and text[end - 1] in URL_TRAILING:
            if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
                break
            end -= 1
        printed = text[start:end]
        url = printed.replace(" ", "")
        if len(url) > 8:
            out.append(URLMatch(start, end, url))
        pos = max(end, m.end())
    return out


def _url_starts(text: str) -> list[int]:
    """Where links begin: at a scheme or 'www.', or at the first letter of a bare domain with a path."""
    low = _low(text)
    starts: set[int] = set()
    if "://" in low or "www" in low:
        for m in URL_SCHEME.finditer(low):
            a = m.start()
            if a == 0 or not (low[a - 1].isalnum() or low[a - 1] in URL_BEFORE):
                starts.add(a)
    for m in URL_BARE.finditer(low):
        a = m.start()
        while a > 0 and low[a - 1] in DOMAIN_CHARS:
            a -= 1
        if a < m.start() and low[a].isalnum() and (a == 0 or not (low[a - 1] in URL_BEFORE or low[a - 1] == ":")):
            starts.add(a)
    return sorted(starts)


def _host(url: str) -> str | None:
    try:
        u = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return None
    return u.hostname


# ---------------------------------------------------------------- communications and court cases


def _committee(hits: list[tuple[int, str]], start: int, end: int) -> str | None:
    """The body named nearest to a communication number (160 characters before, 80 after)."""
    i = bisect_left(hits, (start - COMMITTEE_BEFORE, ""))
    best: tuple[int, str] | None = None
    while i < len(hits) and hits[i][0] < end + COMMITTEE_AFTER:
        d = abs(hits[i][0] - start)
        if best is None or d < best[0]:
            best = (d, hits[i][1])
        i += 1
    return best[1] if best else None


def find_communications(text: str) -> list[CommunicationMatch]:
    """Treaty-body views and communications ("Communication No. 45/2012", "Opinion No. 17/2003")."""
    out = []
    hits: list[tuple[int, str]] | None = None
    for n in COMMUNICATION_NUMBER.finditer(text):
        a = s = n.start()
        while a > 0 and s - a < 6 and text[a - 1].isdigit():
            a -= 1
        if a == s or s - a > 5:
            continue
        lo = max(0, a - 64)
        w = COMMUNICATION_WORD.search(text, lo, a)
        if w is None:
            continue
        start = w.start()
        if hits is None:
            hits = [
                (m.start(), COMMITTEE_NAMES[int(m.lastgroup[1:])]) for m in COMMITTEES.finditer(text) if m.lastgroup
            ]
        out.append(CommunicationMatch(start, n.end(), text[a : n.end()], _committee(hits, start, n.end())))
    return out


def _case_token_ok(tok: str) -> bool:
    core = tok.strip("()[],;:'\"“”‘’")
    return bool(core) and (core[0].isupper() or core in CASE_PARTICLES or core[0] == "(")


def find_court_cases(text: str) -> list[CourtCaseMatch]:
    """Case names "X v. Y", "X v Y", "Caso X Vs. Venezuela", "Affaire X c. France"."""
    out: list[CourtCaseMatch] = []
    last_end = 0
    for m in CASE_LINK.finditer(text):
        if m.start() < last_end or m.start() == 0 or text[m.start() - 1].isspace():
            continue
        left = _case_left(text, m.start(), last_end)
        right = _case_right(text, m.end())
        if left is None or right is None:
            continue
        name = CASE_PREFIX.sub("", text[left:right])
        tail = text[right : right + 60]
        year = YEAR.search(tail) or YEAR.search(text[max(0, left - 10) : left])
        cm = COURTS.search(tail)
        court = COURT_NAMES[int(cm.lastgroup[1:])] if cm and cm.lastgroup else None
        out.append(CourtCaseMatch(left, right, name, court, year.group(1) if year else None))
        last_end = right
    return out


def _tokens_back(text: str, lo: int, hi: int) -> Iterator[tuple[int, str]]:
    """The words of text[lo:hi] from right to left, at most CASE_WORDS of them, with their offsets."""
    e = hi
    for _ in range(CASE_WORDS):
        while e > lo and text[e - 1].isspace():
            e -= 1
        if e <= lo:
            return
        s = e - 1
        while s > lo and not text[s - 1].isspace():
            s -= 1
        yield s, text[s:e]
        e = s


def _case_left(text: str, at: int, floor: int) -> int | None:
    """Start of the first party's name, walking back over capitalised words and particles.

    Brackets inside the name are crossed ("R (on the application of X) v ..."); an opening
    bracket with no closing one, a clause's comma, a symbol or a sentence word ends it.
    """
    toks: list[tuple[int, str]] = []
    start = None
    depth = 0
    for s, tok in _tokens_back(text, max(floor, at - CASE_LEFT_CHARS), at):
        toks.append((s, tok))
        if (
            depth == 0
            and start is not None
            and (tok.endswith((",", ";", ":")) or (tok.endswith(".") and not (len(tok) <= 3 and tok[0].isupper())))
        ):
            break  # "R." or "St." may sit inside a name; any other full stop ends the sentence before it
        depth += tok.count(")") - tok.count("(")
        if depth < 0:  # the bracket that holds the case name
            core = tok.lstrip("(")
            if core[:1].isupper() and "(" not in core:
                start = s + len(tok) - len(core)
            break
        if depth == 0 and ("/" in tok or any(ch.isdigit() for ch in tok)):
            break
        if depth > 0 or _case_token_ok(tok):
            if depth == 0 and tok in CASE_STOP:
                break
            start = s
            if depth == 0 and CASE_PREFIX.match(tok + " "):
                break  # "Case of X v. Y", "Caso X Vs. Y": nothing before belongs to the name
            continue
        break
    if start is None:
        return None
    for s, tok in reversed(toks):  # never start on a particle or a court's bracket ('(QB) and X v Y')
        if s < start:
            continue
        if tok not in CASE_PARTICLES and not (tok.startswith("(") and tok.endswith(")")):
            start = max(start, s)
            break
    first = text[start : start + 1]
    return start if first.isupper() or first in '(“"' else None


def _case_right(text: str, at: int) -> int | None:
    """End of the second party's name, walking on over capitalised words and particles.

    The name ends before a bracket (a year, an application number), at a clause's comma,
    at a sentence's full stop, and before another case's 'v.'.
    """
    last_word_end = None
    joint_at = None  # where the last "and"/"y" sat: a second case may start after it
    for n, t in enumerate(NONSPACE.finditer(text, at, min(len(text), at + CASE_RIGHT_CHARS))):
        tok = t.group()
        if tok in CASE_LINK_WORDS and joint_at is not None:
            return joint_at  # "X Vs. Venezuela y Z Vs. Venezuela": two cases
        if n >= CASE_WORDS or tok[:1] in "([" or tok in CASE_LINK_WORDS or not _case_token_ok(tok):
            break
        if tok in CASE_JOINTS and last_word_end is not None:
            joint_at = last_word_end
        core = tok.rstrip(".,;:)([]")
        trail = tok[len(core) :]
        if core and core not in CASE_PARTICLES:
            last_word_end = t.start() + len(core)  # trailing particles are dropped
        if any(c in trail for c in ",;:([") or (trail[:1] == "." and len(core) > 3 and not core.isupper()):
            break  # the name ends with the clause or the sentence ("... v. Freedonia. Judgment of ...")
    return last_word_end


# ---------------------------------------------------------------- the document


RECOMMENDED_AFTER = re.compile(
    r"\s{0,3}(?:(?:has|had|also|then|explicitly|specifically|ya|también|a|ont|avait|avaient|aussi)\s+){0,2}"
    r"(?:recommended|recomend(?:ó|aron|aba|aban)|recommandé|recommandait|recommandaient)\b",
    re.I,
)
STATE_JOIN = re.compile(r"\s*(?:,|,?\s*and)\s*(?:the\s+)?")
RECOMMENDED_BEFORE = re.compile(
    r"\b(?:recommendations?\s+(?:(?:made|put\s+forward|given)\s+)?(?:by|from)\s+(?:the\s+)?"
    r"|recomendaci(?:ón|ones)\s+(?:(?:hechas?|formuladas?)\s+)?(?:por|de)\s+(?:el\s+|la\s+)?"
    r"|recommandations?\s+(?:(?:faites?|formulées?)\s+)?(?:par|de)\s+(?:la\s+|le\s+|l['’])?)$",
    re.I,
)


def recommending_states(paragraph: str) -> list[str]:
    """The States a paragraph says made a recommendation ('the Russian Federation recommended',
    'France and Spain recommended', 'the recommendation by Brazil'), from the first sentence
    that says so; [] when none does."""
    bounds = _sentence_bounds(paragraph)
    for a, b in itertools.pairwise(bounds):
        sentence = paragraph[a:b]
        groups: list[list[tuple[int, int]]] = []
        for s, e in _state_spans(sentence):
            if groups and STATE_JOIN.fullmatch(sentence[groups[-1][-1][1] : s]):
                groups[-1].append((s, e))
            else:
                groups.append([(s, e)])
        for g in groups:
            start, end = g[0][0], g[-1][1]
            if RECOMMENDED_AFTER.match(sentence, end) or RECOMMENDED_BEFORE.search(
                sentence[max(0, start - 60) : start]
            ):
                return [sentence[s:e] for s, e in g]
    return []


def _sentence_bounds(text: str) -> list[int]:
    """Cut at every stop before a capital, abbreviations too: a shorter span keeps a citation with its nearest source."""
    return [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text) + 1]


def _source_symbol(unit: TextUnit, reports: list[SymbolMatch], at: int, bounds: list[int]) -> str | None:
    """The Working Group report the same footnote (or sentence) cites for a recommendation number."""
    if not reports:
        return None
    before = [r for r in reports if r.end <= at]
    after = [r for r in reports if r.start >= at]
    if unit.is_footnote:
        pick = before[-1] if before else (after[0] if after else None)
        return pick.parsed.symbol if pick else None
    lo = max(b for b in bounds if b <= at)
    hi = min(b for b in bounds if b > at)
    same_before = [r for r in before if r.start >= lo]
    same_after = [r for r in after if r.end < hi]
    pick = (same_before[-1] if same_before else None) or (same_after[0] if same_after else None)
    pick = pick or (before[-1] if before else None)
    return pick.parsed.symbol if pick else None


def _is_report(p: UNDocumentParsed) -> bool:
    """A symbol under which recommendations are numbered: an HRC document, not a resolution or a WG.6 paper."""
    return p.series == "A/HRC" and p.document_type not in RESOLUTION_TYPES and p.number is not None


def find_citations(doc: DocText) -> list[Citation]:
    """Every citation in the document's paragraphs and footnotes, ids cit1.. in reading order."""
    by_id = {u.id: u for u in doc.units}
    speaks_of_upr: bool | None = None

    def upr_document() -> bool:
        nonlocal speaks_of_upr
        if speaks_of_upr is None:
            speaks_of_upr = any(UPR_CONTEXT.search(u.text) for u in doc.units)
        return speaks_of_upr

    found: list[tuple[int, int, int, Citation]] = []  # (unit order, start, seq, citation)
    for order, unit in enumerate(doc.units):
        for seq, cit in enumerate(_unit_citations(unit, by_id, upr_document)):
            found.append((order, cit.start or 0, seq, cit))
    found.sort(key=lambda x: x[:3])
    out: list[Citation] = []
    for n, (_, _, _, cit) in enumerate(found, 1):
        cit.id = f"cit{n}"
        out.append(cit)
    return out


def _unit_citations(unit: TextUnit, by_id: dict[str, TextUnit], upr_document: Callable[[], bool]) -> list[Citation]:
    text = unit.text
    where = {
        "paragraph": None if unit.is_footnote else unit.id,
        "footnote": unit.id if unit.is_footnote else None,
        "page": unit.page,
    }
    out: list[Citation] = []

    def base(start: int, end: int) -> dict:
        return {"id": "", "text": text[start:end], "start": start, "end": end, **where}

    symbols = find_symbols(text)
    urls = find_urls(text)
    url_spans = [(u.start, u.end) for u in urls]
    for s in symbols:
        in_url = any(a <= s.start < b for a, b in url_spans)
        parsed = s.parsed.model_copy(update={"from_url": True}) if in_url else s.parsed
        out.append(UNDocumentCitation(**base(s.start, s.end), parsed=parsed))
    for u in urls:
        out.append(URLCitation(**base(u.start, u.end), parsed=URLParsed(url=u.url, host=_host(u.url))))
        if any(u.start <= s.start < u.end for s in symbols):
            continue
        p = symbol_from_url(u.url)
        if p is not None:
            out.append(UNDocumentCitation(**base(u.start, u.end), parsed=p))

    reports = [s for s in symbols if _is_report(s.parsed)]
    anchor = by_id.get(unit.anchor) if unit.anchor else None
    refs = find_rec_refs(
        text, context=anchor.text if anchor else "", report_ends=[r.end for r in reports], upr_document=upr_document
    )
    if refs:
        bounds = _sentence_bounds(text)
        # a note that gives only the number: the citing sentence names who made it ('X recommended ...')
        told = recommending_states(anchor.text) if anchor is not None and unit.is_footnote else []
        for r in refs:
            src = _source_symbol(unit, reports, r.start, bounds)
            states = list(r.states) or (told if len(refs) == 1 else [])
            out.append(
                UPRRecommendationCitation(
                    **base(r.start, r.end),
                    parsed=UPRRecommendationParsed(number=r.number, states=states, source_symbol=src),
                )
            )
    for s in symbols:  # "CCPR/C/90/D/1234/2004" is a committee's views on communication 1234/2004
        if s.parsed.document_type == "D" and s.parsed.number:
            parsed_view = CommunicationParsed(number=s.parsed.number, committee=s.parsed.body)
            out.append(TreatyBodyViewCitation(**base(s.start, s.end), parsed=parsed_view))
    for c in find_communications(text):
        out.append(
            TreatyBodyViewCitation(
                **base(c.start, c.end), parsed=CommunicationParsed(number=c.number, committee=c.committee)
            )
        )
    for k in find_court_cases(text):
        out.append(
            CourtCaseCitation(**base(k.start, k.end), parsed=CourtCaseParsed(name=k.name, court=k.court, year=k.year))
        )
    if unit.is_footnote and not out:
        stripped = text.strip()
        if stripped and (OTHER_SIGNAL.search(stripped) or OTHER_SOURCE.search(stripped)):
            a = text.index(stripped[0])
            out.append(OtherCitation(**base(a, a + len(stripped))))
    return out
