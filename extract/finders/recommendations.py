"""The recommendations a stakeholder submission makes (NGO, joint and NHRI submissions).

Submissions put their asks in many places: a closing section ("Recommendations",
"Recomendaciones", "Recommandations", "Priorities for action") with or without
sub-sections, lists introduced by a lead-in ("We call on the Government of X to:",
"The Government should:", "Que el Estado:"), lists closing each thematic section,
run-in labels ("Recommendation: ..."), bold paragraphs, headings that are
themselves an ask ("Recommendation 1: ...", "The Government should ..."), and
single sentences in the body ("The Government should ...",
"We recommend that ...", "Recomendamos al Estado ...").

How a paragraph is read, in document order:

* Others' words never count: a paragraph opening with a quotation mark, a
  `quote` paragraph, a label citing an earlier recommendation ("UPR
  Recommendation 10:"), a sentence inside an open quotation, and sentences whose
  subject is another body ("The Committee recommends ...", past-tense reports).
* A lead-in (a closing sentence ending in ':' that names recommendations, carries
  a strong cue or frames an ask, or one pointing at "the following") opens a list
  and is never part of an item; the list runs over its bullets (or, after a weak
  lead-in, the bullets that read as asks) and numbered items in series, and ends
  at the first other paragraph or when the text leaves the lead-in's section.
  Questions are never items.
* Inside a recommendation section every bullet is an item, other paragraphs only
  when they read as an ask (open with a verb, "That ...", an organ of the State
  with a modal, a first-person frame).
* Elsewhere only sentences with an explicit frame count, from that sentence on
  while the following sentences keep the modal ("... should ... . Specifically,
  it should ..."); a following sentence with a frame of its own is a new ask. Such narrative asks carry no number.

Sub-bullets fold into their parent item when the layout shows the nesting
(deeper `indent`, or lettered items under a numbered one). Cues are data:
lang/<code>/recommendations.json per language, data/recommendation_cues.json
for what they share (and what each key means).

Public API:
    find_recommendations(doc, lang=None, id_prefix="rec") -> list[Recommendation]
    lead_in_start(text, in_context=False, lang="en") -> int | None
    link_articles(recs, articles) -> list[Recommendation]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from extract import DATA_DIR
from extract.finders.actions import classify_action, opens_with_verb
from extract.finders.language import detect_language
from extract.finders.states import lookup_state
from extract.lang import abbreviations, load_each
from extract.structure.units import DocText, TextUnit
from extract.text.sentences import split_sentences
from schemas import ExtractWarning, LegalArticle, Recommendation, Section

DATA = DATA_DIR / "recommendation_cues.json"
"""What all languages share: quotation marks, and the meaning of each cue."""

HEAD = 400
"""Characters of a sentence the frame patterns look at: frames are always near the start."""

SUBJECT_WORDS = 12
"""Words a subject may take before its modal ('The government of Freedonia, and its Court of Appeal judges')."""

MODAL_REACH = 160
"""Characters into a sentence a subject's modal may sit."""

CARRIED_WORDS = 3
"""Words of a lower-case paragraph that carries an item on (fewer: a stray note marker or a page number)."""

CONNECTORS = frozenset("and of y de del et du des".split())
"""Words that join the names of a compound subject ('The UK and Scottish Governments')."""

GLYPHS = re.compile(
    r"^[\s\u2022\u25aa\u25cf\u25a0\u25e6\u2023\u2219\u00b7\u2013\u2014\uf0b7\uf0a7\uf076\uf0d8\uf0fc*>-]+"
)
SPACES = re.compile(r"\s+")
THAT = re.compile(r"(?:that\s|que\s|qu['\u2019])", re.I)
"""A subjunctive ask: 'That the State ratify ...', 'Que el Estado derogue ...', 'Qu'il soit procédé ...'."""
WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
LETTERED = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[.)]?$")
MIN_INLINE_ITEMS = 2
MIN_INLINE_WORDS = 4
PRINTED_NUMBER = re.compile(r"^\s*\(?(?P<n>\d{1,2}|[a-z])(?:\.-|\.\)|[.)]|\s?[-\u2013])\s+(?=[^\W\d_])")
"""A list number the text still carries: '1.- ', '2) ', 'a. ', '3 – '."""
REVERSED_CLOSE = "\u201f\u201b"
"""'‟' and '‛': printed where a font maps the closing mark of a '„…‟' pair; they close an open quotation."""


# ---------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class _Lang:
    heading: tuple[re.Pattern[str], ...]
    heading_not: tuple[re.Pattern[str], ...]
    scope_end: re.Pattern[str]
    label: re.Pattern[str]
    quoted_label: re.Pattern[str]
    rec_cue: re.Pattern[str]
    rec_noun: re.Pattern[str]
    strong_cue: re.Pattern[str]
    necessity: re.Pattern[str]
    forward_cue: re.Pattern[str]
    needed: re.Pattern[str]
    we_strong: re.Pattern[str]
    we_weak: re.Pattern[str]
    we_belief: re.Pattern[str]
    not_author: re.Pattern[str]
    actor: re.Pattern[str]
    treaty_voice: re.Pattern[str]
    modal: re.Pattern[str]
    advice_modal: re.Pattern[str]
    generic_plural: re.Pattern[str]
    determiner: re.Pattern[str]
    review_frame: tuple[re.Pattern[str], ...]
    review_object: re.Pattern[str]
    adverbial: re.Pattern[str]
    bad_subject_start: re.Pattern[str]
    bad_subject_word: re.Pattern[str]
    question_lead: re.Pattern[str]
    other_voice: re.Pattern[str]
    short_lead: re.Pattern[str]
    elaboration: re.Pattern[str]
    clause_frame: re.Pattern[str]
    that_verb: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Cues:
    langs: dict[str, _Lang]
    quote_open: str
    quote_close: str
    conjunctions: tuple[str, ...]

    def any(self, pick: Callable[[_Lang], re.Pattern[str]], text: str) -> bool:
        return any(pick(t).search(text) for t in self.langs.values())


NEVER = r"(?!x)x"


class RecommendationCues(BaseModel):
    """A language's cues (extract/lang/<code>/recommendations.json): regexes, matched case-insensitively."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: tuple[str, ...]
    heading_not: tuple[str, ...]
    scope_end: str
    label: str
    quoted_label: str
    rec_cue: str
    rec_noun: str
    strong_cue: str
    necessity: str
    forward_cue: str
    we_strong: str
    we_weak: str
    we_belief: str
    not_author: str
    actor: str
    treaty_voice: str
    modal: str
    advice_modal: str
    generic_plural: str
    determiner: str
    review_frame: tuple[str, ...]
    review_object: str
    adverbial: str
    bad_subject_start: str
    bad_subject_word: str
    question_lead: str = NEVER
    other_voice: str = NEVER
    """A lead-in reporting another body's asks ('The Committee made the following recommendations:')."""
    short_lead: str = NEVER
    """A lead-in too short to read alone ('These include:'): the sentence before it says what follows."""
    elaboration: str = NEVER
    """A sentence that spells out the ask before it ('This means ...'): part of that ask."""
    clause_frame: str = NEVER
    """A coordinator after which a clause opens with an ask frame ('..., and we recommend that ...')."""
    that_verb: str = NEVER
    """A weak frame verb in the present with a that-clause in the subjunctive ('urge that detainees be heard')."""
    needed: str = NEVER
    """What a lead-in says the following is ('the following is necessary:'): its items are asks."""


def _compiled(value: str | tuple[str, ...]) -> re.Pattern[str] | tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        return re.compile(value, re.I)
    return tuple(re.compile(p, re.I) for p in value)


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    langs = {
        code: _Lang(**{name: _compiled(value) for name, value in t.model_dump().items()})
        for code, t in load_each("recommendations", RecommendationCues).items()
    }
    return _Cues(
        langs=langs,
        quote_open=raw["quote_open"],
        quote_close=raw["quote_close"],
        conjunctions=tuple(raw["conjunctions"]),
    )


# ---------------------------------------------------------------- neighbours


def _language(doc: DocText) -> str:
    """The document's language: detected from its paragraphs (the DocText default is only a guess)."""
    sample = " ".join(u.text for u in doc.paragraphs())[:20000]
    code = detect_language(sample) if sample else "und"
    return code if code in _cues().langs else (doc.language or "en")


# ---------------------------------------------------------------- sentences


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """The shared splitter with the language's abbreviations; spans end at their last printed character."""
    out = []
    for a, b in split_sentences(text, abbreviations(lang)):
        end = a + len(text[a:b].rstrip())
        if end > a:
            out.append((a, end))
    return out


def _inside_quotes(text: str, positions: list[int]) -> list[bool]:
    """For each position (ascending), whether it sits inside a quotation opened earlier; one pass over the text."""
    cues = _cues()
    opening = {q for q in cues.quote_open if q not in "\"'\u2018"}
    closing = {q for q in cues.quote_close if q not in "\"'\u2019"}
    out: list[bool] = []
    depth = straight = 0
    i = 0
    for pos in positions:
        while i < pos:
            ch = text[i]
            if ch in opening and not (ch in REVERSED_CLOSE and depth > 0):
                depth += 1
            elif ch in closing or ch in REVERSED_CLOSE:
                depth = max(0, depth - 1)
            elif ch == '"':
                straight ^= 1
            i += 1
        out.append(depth > 0 or straight == 1)
    return out


# ---------------------------------------------------------------- readings of one text


def lead_in_start(text: str, in_context: bool = False, lang: str = "en") -> int | None:
    """Offset of a closing lead-in sentence ("We call on the Government to:"), or None.

    A last sentence ending in ':' is a lead-in when the text already sits among
    recommendations (`in_context`), names recommendations or requests, carries a
    strong cue ('recommend', 'should', 'urge') or frames an ask itself ("Que el
    Estado:"); a narrative colon ("... in the following areas:") is not. One ending in a stop is a
    lead-in only when it points at what follows ("set out below").
    """
    cues = _cues()
    spans = _sentences(text, lang)
    if not spans:
        return None
    s, e = spans[-1]
    last = text[s:e].rstrip()
    if last.endswith(":") and len(spans) > 1 and _cues().any(lambda t: t.short_lead, last):
        last = text[spans[-2][0] : e].rstrip()  # "... has offered further recommendations. These include:"
    if last.endswith(":"):
        if in_context or cues.any(lambda t: t.rec_noun, last) or _asks_outright(last):
            return s
        if _frames_ask(last) or _asks_whether(last) or _belief_lead(last):
            return s
        if cues.any(lambda t: t.forward_cue, last) and cues.any(lambda t: t.needed, last):
            return s  # '… believes that the following is necessary:'
        return None
    forward = last.endswith((".", ";")) and cues.any(lambda t: t.forward_cue, last)
    if forward and cues.any(lambda t: t.rec_cue, last):
        return s
    return None


@dataclass(frozen=True, slots=True)
class _Label:
    end: int
    quoted: bool
    number: str | None


def _label(text: str) -> _Label | None:
    """A run-in label: 'Recommendation:' (own) or 'UPR Recommendation 10:' (someone else's)."""
    head = text[:HEAD]
    for t in _cues().langs.values():
        if t.quoted_label.match(head):
            return _Label(0, True, None)
    for t in _cues().langs.values():
        m = t.label.match(head)
        if m:
            return _Label(m.end(), False, m.group("num"))
    return None


PASSIVE_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:be|ser|être)\b", re.I)
"""A modal in the passive asks whatever its subject: 'must be reviewed', 'debe ser revisado'."""
SUBJECT_TAIL = 4
"""Words before a lead-in's modal read for its subject."""


def _asks_outright(lead: str) -> bool:
    """A strong cue in a lead-in: 'We recommend:', 'The State should:'. A modal alone counts only with an
    organ of the State as its subject, not where a body's own duties are set out ('el consejo comunal deberá:')."""
    for t in _cues().langs.values():
        for m in t.strong_cue.finditer(lead):
            modal = t.modal.match(lead, m.start())
            if modal is None or modal.end() < m.end():
                return True
            if t.forward_cue.search(lead) or PASSIVE_AFTER.match(lead, m.end()):
                return True  # 'The following measures must be taken:', 'X must be reviewed to ensure that:'
            subject = " ".join(lead[: m.start()].split()[-SUBJECT_TAIL:])  # '… in order to do so, the UK must:'
            if _actor_in(subject, t) or _state_subject(subject.split(", ")[-1].removeprefix("the ")):
                return True
    return _actor_modal(lead)


def _belief_lead(lead: str) -> bool:
    """'ACAT UK considers:', 'We believe that:': the author's views follow, as items (asks among them count)."""
    st = GLYPHS.sub("", lead).strip().rstrip(":").strip()
    for t in _cues().langs.values():
        m = t.we_weak.match(st)
        if m and t.we_belief.search(m.group("verb") or m.group("verb2") or ""):
            return st[m.end() :].strip() == "" or bool(THAT.fullmatch(st[m.end() :].strip() + " "))
    return False


def _asks_whether(lead: str) -> bool:
    """A lead-in put as a question to the State ('Would the Government consider:'): its items are asks."""
    return _cues().any(lambda t: t.question_lead, GLYPHS.sub("", lead).strip())


def _frames_ask(lead: str) -> bool:
    """A lead-in that asks someone to act ('We urge the Government to:'), as opposed to a narrative colon."""
    st = GLYPHS.sub("", lead).strip()
    return bool(THAT.match(st)) or _trigger(st)


def _first_word(s: str) -> str:
    m = WORD.search(s[:80])
    return m.group().casefold() if m else ""


def _imperative(s: str, lang: str) -> bool:
    """An imperative or infinitive opens the text, and no subject with its modal does ('The State should')."""
    if _cues().any(lambda t: t.modal, s[:60]):
        return False
    return opens_with_verb(s, lang)


def _strip_adverbials(s: str) -> int:
    pos = 0
    for _ in range(3):
        for t in _cues().langs.values():
            m = t.adverbial.match(s, pos)
            if m and m.end() > pos:
                pos = m.end()
                break
        else:
            break
    return pos


def _actor_in(subject: str, t: _Lang, head: bool = False) -> bool:
    """Whether an organ of the State is named in `subject` (as its head noun when `head`)."""
    for m in t.actor.finditer(subject):
        if subject[m.end() : m.end() + 2] in ("\u2019s", "'s"):
            continue  # "Freedonia's statements", "the Government's plan": not the actor itself
        if t.generic_plural.fullmatch(m.group()) and not t.determiner.match(subject):
            continue  # "Governments must ...": States in general, not the State under review
        if head and not _heads(subject[: m.start()], t):
            continue  # "The landlord wishing to evict them from Freedonia must ...": Freedonia is not the subject
        return True
    return False


def _heads(before: str, t: _Lang) -> bool:
    """Only a determiner, names and at most two modifiers come before the actor noun."""
    lower = 0
    for w in WORD.findall(before):
        if w[:1].isupper() or t.determiner.fullmatch(w) or w.casefold() in CONNECTORS:
            continue
        lower += 1
        if lower > 2 or w.casefold().endswith(("ing", "ed")):
            return False
    return True


def _state_subject(subject: str) -> bool:
    words = [w for w in subject.split() if w]
    if not words or len(words) > 6 or not all(w[:1].isupper() or w.casefold() in ("the", "of", "and") for w in words):
        return False
    return lookup_state(subject) is not None


def _actor_modal(s: str, any_subject: bool = False) -> bool:
    """An organ of the State (or the State) is the subject of a modal: 'The Government should ...'.

    With `any_subject` (inside a recommendations block) any plain subject will do, so the
    passive asks such blocks are full of count too ('The fast-track scheme should be abolished').
    """
    head = s[:HEAD]
    pos = _strip_adverbials(head)
    rest = head[pos:]
    cues = _cues()
    for t in cues.langs.values():
        mm = t.modal.search(rest, 0, MODAL_REACH)
        if not mm:
            continue
        subject = rest[: mm.start()].strip(" ,")
        if not subject or len(subject.split()) > SUBJECT_WORDS:
            continue
        if any(q in subject for q in cues.quote_open + cues.quote_close if q not in "'\u2019"):
            continue
        if t.bad_subject_start.match(subject) or t.bad_subject_word.search(subject):
            continue
        if any_subject or _actor_in(subject, t, head=True):
            return True
        if _state_subject(subject.removeprefix("The ").removeprefix("the ")):
            return True
    return False


def _frame(s: str, review: bool = True) -> bool:
    """A first-person or named-author ask: 'We recommend ...', 'X believes that Y should ...', 'X calls on Z to'."""
    head = s[:HEAD]
    pos = _strip_adverbials(head)
    cues = _cues()
    for t in cues.langs.values():
        m = t.we_strong.match(head, pos)
        if m and not _other_author(head, m, t):
            return True
    for t in cues.langs.values():
        m = t.we_weak.match(head, pos)
        if not m or _other_author(head, m, t):
            continue
        verb_end = m.end()
        after = head[verb_end:]
        verb = m.group("verb") or m.group("verb2") or ""
        if t.we_belief.search(verb):
            clause = re.split(r"[,;]", after, maxsplit=1)[0]
            if cues.any(lambda x: x.advice_modal, clause):
                return True
            continue
        if _asks_someone(after, review):
            return True
        if t.that_verb.match(head, m.start("verb") if m.group("verb") else m.start("verb2")):
            return True
    return False


def _asks_someone(after: str, review: bool = True) -> bool:
    """After 'urge', 'request', 'call on': a that-clause with a modal or an actor, or an actor as object."""
    cues = _cues()
    words = WORD.findall(after[:160])
    that = bool(words) and words[0].casefold() in ("that", "que")
    reach = " ".join(words[: 9 if that else 6])
    if any(_actor_in(reach, x) for x in cues.langs.values()):
        return True
    if review and not that and any(x.review_object.match(after.lstrip()) for x in cues.langs.values()):
        return True  # "We urge the Human Rights Council to ...": an ask made through the review
    return that and cues.any(lambda x: x.modal, after)


def _other_author(head: str, m: re.Match[str], t: _Lang) -> bool:
    verb_at = m.start("verb") if m.group("verb") else m.start("verb2")
    return bool(t.not_author.search(head[m.start() : verb_at]))


def _review_frame(s: str) -> bool:
    """A request to the review itself: 'The review may wish to ask the Government how ...'."""
    head = s[:HEAD]
    pos = _strip_adverbials(head)
    return any(p.match(head, pos) for t in _cues().langs.values() for p in t.review_frame)


def _trigger(s: str, review: bool = True) -> bool:
    """A sentence that makes an ask on its own, wherever it stands (`review`: asks put through the review count)."""
    st = s.strip()
    if not st or st.endswith("?") or st[0] in _cues().quote_open:
        return False
    if _cues().any(lambda t: t.treaty_voice, st[:HEAD]):
        return False  # "urges the State party to ...": a treaty body's words reported
    if _frame(st, review) or _actor_modal(st) or (review and _review_frame(st)):
        return True
    # '..., and we recommend that they be withdrawn': the ask opens inside the sentence
    return any(
        _frame(st[m.end() :], review) for t in _cues().langs.values() for m in t.clause_frame.finditer(st[:HEAD])
    )


def _rec_like(s: str, lang: str, review: bool = True, scope: bool = False) -> bool:
    """Whether a paragraph inside a recommendation block reads as an ask (judged on its first sentence).

    `scope`: the paragraph sits in a recommendations section, where a modal makes an ask
    whatever its subject.
    """
    st = GLYPHS.sub("", s).strip()
    if not st or st.endswith("?"):
        return False
    if THAT.match(st):
        return True
    if any(t.necessity.match(st, _strip_adverbials(st)) for t in _cues().langs.values()):
        return True
    quoted = st[0] in _cues().quote_open or _cues().any(lambda t: t.treaty_voice, st[:HEAD])
    if scope and not quoted and _actor_modal(st, any_subject=True):
        return True
    if scope and any(_imperative(st, code) for code in _cues().langs):
        return True  # a recommendations section of a document in two languages: each half in its own
    return _imperative(st, lang) or _trigger(st, review)


def _has_modal(s: str) -> bool:
    return _cues().any(lambda t: t.modal, s)


# ---------------------------------------------------------------- sections


def _bare_title(title: str) -> str:
    t = GLYPHS.sub("", title).strip()
    return re.sub(r"^(?:[IVXLC]+|[A-Za-z]|\d+(?:\.\d+)*)(?:[.)]|\s+[-–—])\s+", "", t)


def _heading_ends_scope(title: str) -> bool:
    t = _bare_title(title)
    return any(lang.scope_end.match(t) for lang in _cues().langs.values())


def _heading_is_rec(title: str, lang: str = "en") -> bool:
    t = _bare_title(title)
    for cues in _cues().langs.values():
        if any(p.match(t) for p in cues.heading) and not any(p.search(t) for p in cues.heading_not):
            return True
    return lead_in_start(t, lang=lang) == 0 and t.endswith(":")


def _section_tree(sections: list[Section], lang: str = "en") -> tuple[set[str], dict[str, set[str]]]:
    """(ids of recommendation sections, each section's id → itself and its descendants).

    Nesting is read from levels in document order as well as from `parent`, so a
    sub-heading whose parent link is missing still falls under its heading.
    """
    scope: set[str] = set()
    under: dict[str, set[str]] = {}
    stack: list[Section] = []
    by_id = {s.id: s for s in sections}
    for s in sections:
        while stack and stack[-1].level >= s.level:
            stack.pop()
        ancestors = {a.id for a in stack}
        p = s.parent
        while p is not None and p in by_id and p not in ancestors:
            ancestors.add(p)
            p = by_id[p].parent
        under[s.id] = {s.id}
        for a in ancestors:
            under.setdefault(a, {a}).add(s.id)
        if _heading_ends_scope(s.title):
            stack.clear()  # an appendix or notes heading closes every open block
        elif _heading_is_rec(s.title, lang) or ancestors & scope:
            scope.add(s.id)
        stack.append(s)
    return scope, under


# ---------------------------------------------------------------- drafts


@dataclass(slots=True)
class _Draft:
    order: float
    parts: list[str]
    units: list[TextUnit]
    number: str | None
    section: str | None
    page: int
    kind: str = "body"
    indent: int = 0
    open: bool = False
    """The item ends in ':' and its sub-items follow."""

    def text(self) -> str:
        return _clean(" ".join(p for p in self.parts if p.strip()))


def _clean(s: str) -> str:
    s = GLYPHS.sub("", s)
    return SPACES.sub(" ", s).strip()


def _starts_quoted(text: str) -> bool:
    s = GLYPHS.sub("", text).lstrip()
    return bool(s) and s[0] in _cues().quote_open


def _body_asks(u: TextUnit, text: str, order: float, lang: str) -> list[_Draft]:
    """Narrative asks in a paragraph: each triggering sentence and the modal sentences that follow it."""
    out: list[_Draft] = []
    spans, led = _after_leads(text, _sentences(text, lang))
    quoted = _inside_quotes(text, [s for s, _ in spans])
    i = 0
    while i < len(spans):
        s, e = spans[i]
        sent = text[s:e]
        asks = _rec_like(sent, lang) if i in led else _trigger(sent)  # after a lead-in its ask form suffices
        if quoted[i] or not asks:
            i += 1
            continue
        j = i + 1
        while j < len(spans):
            ns, ne = spans[j]
            nxt = text[ns:ne].rstrip()
            if nxt.endswith((":", "?")) or quoted[j] or _trigger(nxt):
                break
            if not _has_modal(nxt) and not _cues().any(lambda t: t.elaboration, nxt.lstrip()[:HEAD]):
                break  # a sentence that asks on its own ('The State should also ...') is an ask of its own
            j += 1
        end = spans[j - 1][1]
        out.append(_Draft(order + i / 100, [text[s:end]], [u], None, u.section, u.page))
        i = j
    return out


INLINE_LEAD = re.compile(r":\s+(?=[¿¡]?[^\W\d_])")
"""A colon inside a sentence before a capital: what follows may be an ask (a quotation after it is someone's words)."""


def _lead_of_own_asks(lead: str) -> bool:
    """A lead-in naming or making asks, in the submission's own voice (not a treaty body's reported)."""
    cues = _cues()
    if cues.any(lambda t: t.treaty_voice, lead) or cues.any(lambda t: t.other_voice, lead):
        return False
    return cues.any(lambda t: t.rec_noun, lead) or cues.any(lambda t: t.strong_cue, lead)


def _after_leads(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], set[int]]:
    """Sentences, with what follows a lead-in's colon inside one as a sentence of its own
    ('… sea parte de nuestras recomendaciones estos planteamientos: Que el Estado cumpla …'),
    and the indices of those that follow such a lead-in."""
    out: list[tuple[int, int]] = []
    led: set[int] = set()
    for s, e in spans:
        m = INLINE_LEAD.search(text, s, e)
        opens = text[m.end() : m.end() + 2].lstrip("¿¡")[:1] if m is not None else ""
        if m is not None and opens.isupper() and _lead_of_own_asks(text[s : m.start()]):
            out.append((s, m.start() + 1))
            led.add(len(out))
            out.append((m.end(), e))
        else:
            out.append((s, e))
    return out, led


class _Walker:
    """The document walk: one pass over the paragraphs, keeping the current list."""

    def __init__(self, doc: DocText, lang: str) -> None:
        self.lang = lang
        self.scope, self.under = _section_tree(doc.sections, lang)
        self.drafts: list[_Draft] = []
        self.active = False
        self.list_section: str | None = None
        self.item: _Draft | None = None
        self.strong = False
        """The list's lead-in asks outright ('We recommend that:'), so its bullets need no reading."""
        self.bare_scope = {
            s.id
            for s in doc.sections
            if s.id in self.scope
            and _cues().any(lambda t: t.rec_noun, _bare_title(s.title).strip(" .:"))
            and len(WORD.findall(s.title)) <= 2
        }
        """Recommendation sections whose heading is the bare word, their paragraphs all asks."""
        self.numbered: set[str | None] = set()
        """Recommendation sections in which a numbered paragraph has been met."""
        self.foreign = False
        """The list's lead-in reports another body's asks: its items are not the submission's own."""

    def within_list(self, u: TextUnit) -> bool:
        """Whether `u` still sits under the section the list's lead-in stood in."""
        if self.list_section is None:
            return u.section is None
        return u.section in self.under.get(self.list_section, {self.list_section})

    def end_list(self) -> None:
        self.active = False
        self.item = None

    def start_list(self, u: TextUnit, lead: str = "") -> None:
        self.active = True
        self.list_section = u.section
        self.item = None
        self.strong = not lead or _cues().any(lambda t: t.strong_cue, lead) or _asks_whether(lead) or _belief_lead(lead)
        lead_st = GLYPHS.sub("", lead).strip()
        self.foreign = (
            bool(lead_st)
            and _cues().any(lambda t: t.other_voice, lead_st)
            and not _frame(lead_st)
            and not _actor_modal(lead_st)
        )

    def add(self, d: _Draft) -> _Draft:
        self.drafts.append(d)
        return d

    def walk(self, units: Iterable[TextUnit]) -> list[_Draft]:
        for k, u in enumerate(units):
            self.step(float(k), u)
        return self.drafts

    def step(self, order: float, u: TextUnit) -> None:
        text = u.text
        if not text.strip():
            return
        if self.active and not self.within_list(u):
            self.end_list()
        in_scope = u.section in self.scope
        if u.kind == "quote" or _starts_quoted(text):
            return  # someone else's words; a list may go on after them
        lab = _label(text)
        if lab is not None and lab.quoted:
            self.end_list()
            return
        if lab is not None:
            self.labelled(order, u, lab)
            return
        context = in_scope or self.active
        lead = lead_in_start(text, context, self.lang)
        listy = u.kind == "bullet" or u.number is not None
        if lead is not None:
            bare = not text[:lead].strip() and len(WORD.findall(text[lead:])) <= 6  # "Que el Estado:" alone
            if context and (
                u.kind == "bullet"
                or (listy and self.item is not None and u.kind == self.item.kind and not bare)
                or (u.number is not None and _imperative(text, self.lang))
            ):
                self.item = self.add(self.item_draft(order, u, text))
                self.item.open = True  # a parent item; kept only if sub-items fold into it
                return
            prefix = text[:lead]
            if prefix.strip():
                if context and _rec_like(prefix, self.lang, review=False):
                    self.add(_Draft(order, [prefix], [u], u.number, u.section, u.page))
                elif not context:
                    self.drafts.extend(_body_asks(u, prefix, order, self.lang))
            # a sub-lead inside a list that asks outright ('Para subsanar …:' under 'X recomienda:') asks too
            inherit = self.active and self.strong and self.within_list(u) and not text[:lead].strip()
            self.start_list(u, _lead_text(text, lead, self.lang))
            self.strong = self.strong or inherit
            return
        if context:
            if self.foreign and self.active and (u.kind == "bullet" or self.item is None):
                # another body's list or the one ask it quotes after its lead-in: not the submission's own
                self.item = _Draft(order, [], [u], None, u.section, u.page, kind=u.kind, indent=u.indent)
                return
            if self.fold(u):
                return
            first = _first_sentence(text, self.lang)
            bullet_ok = u.kind == "bullet" and (in_scope or self.strong)
            # in a recommendations section the first numbered paragraph after a lead-in opens its series
            # (elsewhere numbered paragraphs are as often the document's own narrative numbering)
            opens_series = self.active and self.strong and self.item is None and _number(u) is not None and in_scope
            if (
                bullet_ok
                or opens_series
                or self.next_in_series(u)
                or self.scope_series(u, in_scope)
                or _rec_like(first, self.lang, scope=in_scope)
            ):
                asks = [] if u.kind != "body" or _number(u) is not None else _body_asks(u, text, order, self.lang)
                if len(asks) > 1 and not self.active:
                    self.drafts.extend(asks)  # a paragraph of prose making several asks, each its own sentence
                    return
                self.item = self.add_item(order, u, text)
                return
            self.end_list()
        if u.bold and _rec_like(_first_sentence(text, self.lang), self.lang):
            self.add(_Draft(order, [text], [u], u.number, u.section, u.page))  # a boxed or bold ask: all of it
            return
        self.drafts.extend(_body_asks(u, text, order, self.lang))

    def labelled(self, order: float, u: TextUnit, lab: _Label) -> None:
        body = u.text[lab.end :]
        number = lab.number or u.number  # "Recommendation 3:" names the ask; the paragraph number otherwise
        lead = lead_in_start(body, True, self.lang)
        if lead is not None:
            prefix = body[:lead]
            if prefix.strip():
                self.add(_Draft(order, [prefix], [u], number, u.section, u.page))
            self.start_list(u)
            return
        if body.strip():
            self.end_list()
            self.add(_Draft(order, [body], [u], number, u.section, u.page))
        else:
            self.start_list(u)

    def next_in_series(self, u: TextUnit) -> bool:
        """A numbered paragraph that follows the previous item of a lead-in's list in the same numbering."""
        prev = self.item
        number = _number(u)
        if not self.active or prev is None or prev.number is None or number is None:
            return False
        return _successor(prev.number, number)

    def scope_series(self, u: TextUnit, in_scope: bool) -> bool:
        """In a recommendations section, a numbered paragraph that follows the previous numbered item of the
        same series is an item too, lead-in or not and whatever its wording ('21. Rehabilitation of ...')."""
        number = _number(u)
        if not in_scope or number is None:
            return False
        first = u.section not in self.numbered
        self.numbered.add(u.section)
        prev = self.item
        if prev is None or prev.number is None or prev.section != u.section:
            # the first numbered paragraph of a section headed by the word alone ('Recommendations.')
            return first and (_bare_number(number) or "").isdigit() and u.section in self.bare_scope
        return _successor(prev.number, number)

    def add_item(self, order: float, u: TextUnit, text: str) -> _Draft:
        """A list item, and each item lettered in sequence inside its text, one ask each."""
        pieces = _inline_items(text)
        last = self.add(self.item_draft(order, u, pieces[0][1]))
        for i, (letter, piece) in enumerate(pieces[1:], start=1):
            last = self.add(
                _Draft(order + i / 100, [piece], [u], letter, u.section, u.page, kind=u.kind, indent=u.indent)
            )
        return last  # sub-items below fold into the last one printed

    def item_draft(self, order: float, u: TextUnit, text: str) -> _Draft:
        number = _number(u)
        if u.number is None and number is not None:
            text = PRINTED_NUMBER.sub("", text, count=1)  # '1.- Control de ...': the number is not the ask
        return _Draft(order, [text], [u], number, u.section, u.page, kind=u.kind, indent=u.indent)

    def fold(self, u: TextUnit) -> bool:
        """Fold a sub-item into the open item above it when the layout shows the nesting."""
        parent = self.item
        if parent is None or u.section != parent.section:
            return False  # a heading between them ends the item: the next list is the next section's own
        deeper = u.indent > parent.indent
        lettered_under_number = (
            parent.number is not None
            and not LETTERED.match(parent.number)
            and (u.kind == "bullet" or (u.number is not None and LETTERED.match(u.number) is not None))
        )
        bullets_under_number = parent.open and lettered_under_number
        # a paragraph opening in lower case is the item's own text carried over a page or a layout break
        carried = (
            u.text[:1].islower()
            and u.kind == parent.kind == "body"
            and u.section == parent.section
            and u.section in self.bare_scope
            and len(WORD.findall(u.text)) >= CARRIED_WORDS
        )
        if deeper or bullets_under_number or carried:
            parent.parts.append(u.text)
            parent.units.append(u)
            return True
        return False


@lru_cache(maxsize=1)
def _inline_item() -> re.Pattern[str]:
    """An item lettered inside the running text of a list item: ', c) que …, d) que …, y e) …'."""
    conj = "|".join(map(re.escape, _cues().conjunctions))
    return re.compile(rf"(?:[,;]\s*(?:(?:{conj})\s+)?|\s(?:{conj})\s+)(?P<l>[a-z]|\d{{1,2}})\)\s+(?=[^\W\d_])")


def _inline_items(text: str) -> list[tuple[str | None, str]]:
    """(letter, text) of the item and of each item lettered in sequence inside it ('…, c) que …, d) que …')."""
    hits = list(_inline_item().finditer(text))
    run: list[re.Match[str]] = []
    for m in hits:
        if run and not _next_label(run[-1].group("l"), m.group("l")):
            if len(run) >= MIN_INLINE_ITEMS:
                break
            run = []
        run.append(m)
    if len(run) < MIN_INLINE_ITEMS:
        return [(None, text)]
    out: list[tuple[str | None, str]] = []
    start, letter = 0, None
    for m in run:
        out.append((letter, text[start : m.start()]))
        start, letter = m.end(), m.group("l")
    out.append((letter, text[start:]))
    if any(len(WORD.findall(p)) < MIN_INLINE_WORDS for _, p in out):
        return [(None, text)]  # 'articles 2 a), b) and c) of the Covenant': letters of a citation, not asks
    return out


def _next_label(a: str, b: str) -> bool:
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    return a.isalpha() and b.isalpha() and ord(b) == ord(a) + 1


def _number(u: TextUnit) -> str | None:
    """The paragraph's list number: the layout's, else one printed at its start that the layout left in the text."""
    if u.number is not None:
        return u.number
    m = PRINTED_NUMBER.match(u.text)
    return m.group("n") if m else None


def _successor(prev: str, cur: str) -> bool:
    """'2.1' → '2.2', '26' → '27': the next number of the same series."""
    a, b = (_bare_number(prev) or "").split("."), (_bare_number(cur) or "").split(".")
    if len(a) != len(b) or not all(x.isdigit() for x in a + b):
        return False
    return a[:-1] == b[:-1] and int(b[-1]) == int(a[-1]) + 1


def _bare_number(number: str | None) -> str | None:
    """The printed number without its punctuation: '21.' → '21', '(b)' → 'b', '2.1' stays."""
    if number is None:
        return None
    bare = number.strip().strip("()").rstrip(".)").strip()
    return bare or None


def _lead_text(text: str, lead: int, lang: str) -> str:
    """The lead-in from `lead` on, with the sentence before it when it is too short to say what follows."""
    own = text[lead:]
    if not _cues().any(lambda t: t.short_lead, own.strip()):
        return own
    spans = _sentences(text[:lead], lang)
    return text[spans[-1][0] :] if spans else own


def _first_sentence(text: str, lang: str) -> str:
    spans = _sentences(text, lang)
    return text[spans[0][0] : spans[0][1]] if spans else text


def _heading_asks(doc: DocText, first_unit: dict[str, int], units: Sequence[TextUnit], lang: str) -> list[_Draft]:
    """Headings that are an ask themselves: labelled ('Recommendation 1: ...'), an organ of the State with a
    modal, or an imperative set in display type right after a lead-in ('… the UK must:' / 'Adopt a plan.')."""
    out: list[_Draft] = []
    for s in doc.sections:
        lab = _label(s.title)
        if lab is not None and lab.quoted:
            continue
        at = first_unit.get(s.id)
        before = units[at - 1].text.rstrip() if at is not None and at > 0 else ""
        if lab is not None:
            body, number = s.title[lab.end :].strip(), lab.number
        elif _actor_modal(s.title):
            body, number = s.title.strip(), s.number  # "13. The Government should set a target ..."
        elif before.endswith(":") and lead_in_start(before, False, lang) is not None and _imperative(s.title, lang):
            body, number = s.title.strip(), s.number
        else:
            continue
        if len(body.split()) < 3 or body.endswith(":"):
            continue
        order = first_unit.get(s.id, 10**9) - 0.5
        out.append(_Draft(order, [body], [], number, s.id, s.page_start))
    return out


def _section_first_units(units: list[TextUnit]) -> dict[str, int]:
    first: dict[str, int] = {}
    for k, u in enumerate(units):
        if u.section is not None:
            first.setdefault(u.section, k)
    return first


def find_recommendations(doc: DocText, lang: str | None = None, id_prefix: str = "rec") -> list[Recommendation]:
    """Every recommendation the submission makes, in reading order, one record per item.

    `lang` ('en', 'es', 'fr') steers the action verbs; when it is missing or
    undetermined ('und') the language is read from the paragraphs.
    """
    lang = lang if lang in _cues().langs else _language(doc)
    units = list(doc.paragraphs())
    drafts = _Walker(doc, lang).walk(units)
    drafts.extend(_heading_asks(doc, _section_first_units(units), units, lang))
    drafts.sort(key=lambda d: d.order)
    sections = {s.id: s for s in doc.sections}
    out: list[Recommendation] = []
    seen: set[str] = set()
    for d in drafts:
        if d.open and len(d.units) < 2:
            continue  # an item ending in ':' that nothing folded into: a lead-in after all
        text = d.text()
        if len(WORD.findall(text)) < 3 or text.casefold() in seen or text.endswith("?"):
            continue  # too short, a repeat, or a question put to the State (not an ask)
        seen.add(text.casefold())
        sec = sections.get(d.section) if d.section else None
        out.append(
            Recommendation(
                id=f"{id_prefix}{len(out) + 1}",
                text=text,
                number=_bare_number(d.number),
                section=d.section,
                action=classify_action(text, lang),
                page=max(1, d.page),
                bbox=(sec.bbox if sec is not None and not d.units and sec.bbox else (0.0, 0.0, 0.0, 0.0)),
                paragraphs=[u.id for u in d.units],
            )
        )
    return out


def link_articles(recs: list[Recommendation], articles: list[LegalArticle]) -> list[Recommendation]:
    """Each recommendation with the ids of the legal provisions mentioned inside its own text."""
    out: list[Recommendation] = []
    for r in recs:
        paras = set(r.paragraphs)
        ids = [a.id for a in articles if any(m.paragraph in paras and m.text and m.text in r.text for m in a.mentions)]
        out.append(r.model_copy(update={"legal_articles": ids}) if ids else r)
    return out


def check(doc: DocText, recs: Sequence[Recommendation]) -> list[ExtractWarning]:
    """What an analyst should look at: a recommendations heading with nothing under it, a numbering that skips.

    Only for submissions (reports check themselves in `wgreport`); quiet on a
    clean document, since every numbered list that runs 1, 2, 3 ... passes.
    """
    if doc.kind not in ("ngo_submission", "joint_submission", "nhri_submission"):
        return []
    out: list[ExtractWarning] = []
    lang = _language(doc)
    scope, under = _section_tree(list(doc.sections), lang)
    with_recs = {r.section for r in recs if r.section}
    for s in doc.sections:
        if s.id in scope and _heading_is_rec(s.title, lang) and not (under.get(s.id, {s.id}) & with_recs):
            out.append(
                ExtractWarning(
                    code="recommendations_heading_empty",
                    message=f"no recommendation found under the heading {s.title!r} (page {s.page_start})",
                    page=s.page_start,
                )
            )
    by_section: dict[str | None, list[Recommendation]] = {}
    for r in recs:
        if r.number and r.number.isdigit():
            by_section.setdefault(r.section, []).append(r)
    for items in by_section.values():
        numbers = [int(r.number or 0) for r in items]
        if len(numbers) < 3 or numbers != sorted(numbers):
            continue
        missing = [n for n in range(numbers[0], numbers[-1] + 1) if n not in set(numbers)]
        if missing and len(missing) <= len(numbers):
            shown = ", ".join(str(n) for n in missing[:10]) + (" …" if len(missing) > 10 else "")
            out.append(
                ExtractWarning(
                    code="recommendation_numbering_gap",
                    message=f"recommendations numbered {numbers[0]}–{numbers[-1]} lack {shown}: not found or not printed",
                    page=items[0].page,
                )
            )
    return out
