"""Follow-ups: what a submission says became of the recommendations of an earlier review.

A later-cycle submission assesses earlier recommendations in two ways: it
cites them by number (in the text or a note: 'recommendations 56.6 and 56.8')
or names them in words ('during the first UPR the State accepted a
recommendation to …'). Either way the verdict is a sentence near the
citation: in the note itself, in the paragraph the note is anchored in, or
in the next paragraphs of the same section. The finder reads structure
first (which citations were printed together, where a note is anchored,
where a section ends) and words only for the verdict, from each language's
`followups.json`. A passage that cites without judging is `unclear`, never
dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from extract.lang import abbreviations, language, load
from extract.structure.units import DocText, TextUnit
from extract.text.fold import fold
from extract.text.quotes import SINGLE_PAIRS, quoted_spans
from extract.text.sentences import split_sentences
from schemas import ExtractWarning, FollowUp, FollowUpStatus, StateResponse, UPRRecommendationCitation

MAX_NEXT_PARAGRAPHS = 6
"""How far past its citing paragraph a verdict is looked for, at most: a passage also ends with its section
or where the next passage starts."""

SUBJECT_WORDS = 20
TOPIC_WORDS = 4
"""A marker closes a short phrase ('… on violence against women[3]'); the words before it are the lead-in's."""


class FollowUpRules(BaseModel):
    """One language's cues (extract/lang/<code>/followups.json)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    earlier_review: tuple[str, ...]
    recommendation: str
    own_recommendation: str
    not_assessed: tuple[str, ...] = ()
    not_reference: tuple[str, ...] = Field(
        default=(), description="a sentence about the submission itself, or saying no recommendation was made"
    )
    responses: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    regressed: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    implemented: tuple[str, ...] = ()
    not_implemented: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    welcome: str = Field(description="which weak cues welcome (the others regret)")
    other_body: str = Field(
        description="a paragraph opening with another body's view (a treaty body) is its view, not a verdict"
    )
    contrast_inside: str
    concession_start: str
    subject: str
    generic: tuple[str, ...] = Field(
        default=(), description="words too common in assessments to tell one topic from another ('rights')"
    )
    joiners: tuple[str, ...] = Field(default=(), description="words joining numbers cited together ('and')")
    question: str = Field(description="how a question opens ('How has …', '¿…'): a question neither cites nor judges")
    list_word: str = Field(description="the word that heads each item of a list of recommendations ('Recommendation')")


@dataclass(frozen=True, slots=True)
class Cues:
    """A language's rules, compiled once."""

    earlier: re.Pattern[str]
    recommendation: re.Pattern[str]
    own: re.Pattern[str]
    not_assessed: re.Pattern[str] | None
    not_reference: re.Pattern[str] | None
    responses: tuple[tuple[StateResponse, re.Pattern[str]], ...]
    regressed: re.Pattern[str] | None
    partial: re.Pattern[str] | None
    implemented: re.Pattern[str] | None
    not_implemented: re.Pattern[str] | None
    weak: re.Pattern[str] | None
    welcome: re.Pattern[str]
    other_body: re.Pattern[str]
    contrast_inside: re.Pattern[str]
    concession_start: re.Pattern[str]
    subject: re.Pattern[str]
    generic: frozenset[str]
    joiner: re.Pattern[str]
    question: re.Pattern[str]
    list_lead: re.Pattern[str]


RESPONSE_ORDER: tuple[StateResponse, ...] = ("accepted_claimed_implemented", "rejected", "noted", "accepted")
"""The most specific answer wins: 'accepted and claims it implemented' also says 'accepted'."""


def _any(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _function_words(lang: str) -> tuple[str, ...]:
    data = language(lang)
    return data.function_words if data else ()


@cache
def cues(lang: str) -> Cues | None:
    rules = load(lang, "followups", FollowUpRules)
    if rules is None:
        return None
    responses = tuple(
        (name, pat) for name in RESPONSE_ORDER if (pat := _any(rules.responses.get(name, ()))) is not None
    )
    return Cues(
        earlier=_any(rules.earlier_review) or re.compile(r"(?!)"),
        recommendation=re.compile(rules.recommendation, re.IGNORECASE),
        own=re.compile(rules.own_recommendation, re.IGNORECASE),
        not_assessed=_any(rules.not_assessed),
        not_reference=_any(rules.not_reference),
        responses=responses,
        regressed=_any(rules.regressed),
        partial=_any(rules.partial),
        implemented=_any(rules.implemented),
        not_implemented=_any(rules.not_implemented),
        weak=_any(rules.weak),
        welcome=re.compile(rules.welcome, re.IGNORECASE),
        other_body=re.compile(rules.other_body, re.IGNORECASE),
        contrast_inside=re.compile(rules.contrast_inside, re.IGNORECASE),
        concession_start=re.compile(rules.concession_start, re.IGNORECASE),
        subject=re.compile(rules.subject, re.IGNORECASE),
        generic=frozenset(fold(w) for w in rules.generic) | frozenset(fold(w) for w in _function_words(lang)),
        joiner=re.compile(
            r"^[\s,;&/()–-]*(?:(?:" + "|".join(map(re.escape, rules.joiners)) + r")\b)?[\s,;&/()–-]*$", re.IGNORECASE
        ),
        question=re.compile(rules.question, re.IGNORECASE),
        list_lead=re.compile(
            r"^[\s,;]*(?:(?:" + "|".join(map(re.escape, rules.joiners)) + r")\s+)?(?:" + rules.list_word + r")?\s*$",
            re.IGNORECASE,
        ),
    )


def has_rules(lang: str) -> bool:
    return cues(lang) is not None


# ---------------------------------------------------------------- sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    unit: TextUnit
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.unit.text[self.start : self.end]


def _sentences(unit: TextUnit, lang: str) -> list[Sentence]:
    """The unit's sentences, trimmed of surrounding white space (offsets into the unit's text)."""
    out = []
    for a, b in split_sentences(unit.text, abbreviations(lang)):
        text = unit.text[a:b]
        lead = len(text) - len(text.lstrip())
        tail = len(text.rstrip())
        if tail > lead:
            out.append(Sentence(unit, a + lead, a + tail))
    return out


def _masked(text: str, c: Cues) -> str:
    """The sentence with quoted words, the recommendation's own wording and the State's answer blanked.

    'accepted a recommendation to "continue to review …"' or 'accepted and claimed to have implemented'
    say what was asked and answered, not what the submission finds.
    """
    spans = quoted_spans(text, SINGLE_PAIRS)
    spans += [m.span("s") for m in c.subject.finditer(text)]
    spans += [m.span() for _, pat in c.responses for m in pat.finditer(text)]
    return _blank(text, spans)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with each span turned to spaces, offsets kept."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


# ---------------------------------------------------------------- the verdict


@dataclass(frozen=True, slots=True)
class Verdict:
    status: FollowUpStatus
    sentence: Sentence
    cues: tuple[str, ...]


def _hits(pat: re.Pattern[str] | None, text: str, inside: Sequence[tuple[int, int]] = ()) -> list[str]:
    """The cue words `pat` finds, leaving out any inside a span of `inside` ('removed' in 'not been removed')."""
    if pat is None:
        return []
    return [
        m.group(0).strip()
        for m in pat.finditer(text)
        if m.group(0).strip() and not any(a <= m.start() and m.end() <= b for a, b in inside)
    ]


def _spans(pat: re.Pattern[str] | None, text: str) -> list[tuple[int, int]]:
    return [] if pat is None else [m.span() for m in pat.finditer(text)]


def _question(sentence: str, c: Cues) -> bool:
    """A question asks ('How has the State …', even without its mark); it neither cites nor judges."""
    return sentence.rstrip(' "”’)»').endswith("?") or bool(c.question.match(sentence))


def judge(
    sentence: str, following: str | None, c: Cues, weak: bool = False
) -> tuple[FollowUpStatus, tuple[str, ...]] | None:
    """The status one sentence gives (with the next one when it opens with a contrast), or None if it gives none.

    With `weak`, a concern counts as 'not implemented' and a welcome as 'implemented'.
    """
    if _question(sentence, c):
        return None
    if (c.not_assessed is not None and c.not_assessed.search(sentence)) or c.other_body.search(sentence):
        return None  # what another body found is not the submission's verdict
    text = _masked(sentence, c)
    regressed = _hits(c.regressed, text)
    partial = _hits(c.partial, text)
    neg = _hits(c.not_implemented, text)
    pos = _hits(c.implemented, text, _spans(c.not_implemented, text))
    weak_pos: list[str] = []
    weak_neg: list[str] = []
    for hit in _hits(c.weak, text):
        (weak_pos if c.welcome.match(hit) else weak_neg).append(hit)
    contrast = bool(c.contrast_inside.search(text) or c.concession_start.search(text))
    if not weak and contrast and (pos or weak_pos) and (neg or weak_neg) and (weak_pos or weak_neg):
        return "partially_implemented", tuple(pos + weak_pos + neg + weak_neg)  # 'we welcome X, but are concerned'
    if weak:
        pos += weak_pos
        neg += weak_neg
    if regressed:
        return "regressed", tuple(regressed)
    if partial:
        return "partially_implemented", tuple(partial)
    if pos and neg:
        return "partially_implemented", tuple(pos + neg)
    if pos and c.contrast_inside.search(text):
        return "partially_implemented", tuple(pos)
    if (neg or pos) and c.concession_start.search(text):
        return "partially_implemented", tuple(pos + neg)
    if neg:
        return "not_implemented", tuple(neg)
    if (pos or weak_pos) and following is not None:
        # 'X has been introduced / is to be commended. However, Y has yet to be realised': a step and its limit
        nxt = _masked(following, c)
        later = _hits(c.not_implemented, nxt)  # a concern in the next sentence is not a verdict on this one
        if later and c.contrast_inside.match(" " + nxt.lstrip()):
            return "partially_implemented", tuple(pos + weak_pos + later)
    if pos:
        return "implemented", tuple(pos)
    return None


def _follows(b: Sentence, a: Sentence) -> bool:
    """`b` is printed right after `a`: later in the same unit, or opening the next one."""
    if b.unit is a.unit:
        return b.start > a.start
    return not b.unit.text[: b.start].strip()


def find_verdict(window: Sequence[Sentence], c: Cues, opening: TextUnit | None = None) -> Verdict | None:
    """The first sentence that judges; a concern or a welcome alone only if no sentence judges more plainly.

    When the passage's `opening` paragraph already voices a concern or a welcome before that sentence,
    the verdict is printed from there: the plainer sentence further on sets its status.
    """
    first: Verdict | None = None
    for weak in (False, True):
        for i, s in enumerate(window):
            following = window[i + 1].text if i + 1 < len(window) and _follows(window[i + 1], s) else None
            got = judge(s.text, following, c, weak)
            if got is None:
                continue
            if weak:
                return Verdict(got[0], s, got[1])
            if first is None and opening is not None:
                first = _first_judging([x for x in window[:i] if x.unit is opening], c)
            if first is not None:  # the passage's verdict opens there; the plainer sentence sets its status
                return Verdict(got[0], first.sentence, first.cues + got[1])
            return Verdict(got[0], s, got[1])
    return None


def _first_judging(window: Sequence[Sentence], c: Cues) -> Verdict | None:
    for s in window:
        got = judge(s.text, None, c, True)
        if got is not None:
            return Verdict(got[0], s, got[1])
    return None


def state_response(window: Sequence[Sentence], c: Cues) -> StateResponse | None:
    """What the passage says the State answered, read only in sentences about recommendations."""
    for want in RESPONSE_ORDER:
        for s in window:
            if not c.recommendation.search(s.text) and want != "accepted_claimed_implemented":
                continue
            text = _blank(s.text, quoted_spans(s.text, SINGLE_PAIRS))
            for name, pat in c.responses:
                if name == want and pat.search(text):
                    return name
    return None


def subject(window: Sequence[Sentence], c: Cues) -> str | None:
    for s in window[:3]:
        m = c.subject.search(s.text)
        if m:
            words = m.group("s").split()
            return " ".join(words[:SUBJECT_WORDS]).strip(" ,\"“”'‘’") or None
    return None


# ---------------------------------------------------------------- passages


@dataclass(slots=True)
class Passage:
    """Where an assessment starts: the citations printed together, or a sentence naming an earlier review."""

    unit: TextUnit
    start: int
    citations: list[UPRRecommendationCitation]


def citation_groups(doc: DocText, cits: Sequence[UPRRecommendationCitation], c: Cues) -> list[Passage]:
    """Recommendations printed together ('56.6, 56.10 and 56.8') are one passage; a new phrase starts another."""
    out: list[Passage] = []
    for cit in cits:
        uid = cit.paragraph or cit.footnote
        unit = doc.unit(uid) if uid else None
        if unit is None or cit.start is None or cit.end is None:
            continue
        last = out[-1] if out else None
        if last is not None and last.unit.id == unit.id:
            prev = last.citations[-1]
            if prev.start == cit.start or (
                prev.end is not None and prev.end <= cit.start and c.joiner.match(unit.text[prev.end : cit.start])
            ):
                last.citations.append(cit)
                continue
            if prev.end is not None and prev.end <= cit.start and _same_list(unit.text[prev.end : cit.start], c):
                last.citations.append(cit)
                continue
        out.append(Passage(unit, cit.start, [cit]))
    return out


def _same_list(gap: str, c: Cues) -> bool:
    """'Recommendation 3: …; Recommendation 15: …' in one note is one list: the gap is the first's wording."""
    return False if len(gap) > 400 else bool(c.list_lead.match(gap.rsplit(";", 1)[-1].rsplit(".", 1)[-1]))


Position = tuple[int, int]
"""(paragraph index, char offset): where in the body a passage starts."""


@dataclass(slots=True)
class Body:
    """The paragraphs in reading order, with what a passage's window needs to know about them."""

    paras: list[TextUnit]
    index: dict[str, int]
    parent: dict[str, str | None]
    lang: str
    cues: Cues
    split: dict[str, list[Sentence]] = field(default_factory=dict)
    """Each unit's sentences, split once: every passage's window reads the same paragraphs again."""

    def sentences(self, unit: TextUnit, start: int = 0) -> list[Sentence]:
        """The unit's sentences from the one holding `start` on."""
        if unit.id not in self.split:
            self.split[unit.id] = _sentences(unit, self.lang)
        return [x for x in self.split[unit.id] if x.end > start] if start else self.split[unit.id]

    @classmethod
    def of(cls, doc: DocText, c: Cues) -> Body:
        paras = list(doc.paragraphs())
        return cls(
            paras,
            {p.id: i for i, p in enumerate(paras)},
            {sec.id: sec.parent for sec in doc.sections},
            doc.language,
            c,
        )

    def within(self, section: str | None, root: str | None) -> bool:
        """`section` is `root` or one of its sub-sections."""
        seen = 0
        while section is not None and seen < 20:
            if section == root:
                return True
            section, seen = self.parent.get(section), seen + 1
        return section == root

    def introduces(self, passage: Passage, numbered: Sequence[Position]) -> bool:
        """A sentence naming the earlier review just before the numbered passages of its section opens them."""
        where = self.position(passage)
        following = _next(where, numbered)
        if where is None or following is None or following[0] - where[0] > MAX_NEXT_PARAGRAPHS:
            return False
        return all(
            self.within(self.paras[i].section, self.paras[where[0]].section) for i in range(where[0], following[0] + 1)
        )

    def position(self, passage: Passage) -> Position | None:
        unit = passage.unit
        if not unit.is_footnote:
            i = self.index.get(unit.id)
            if i is None:
                return None
            held = self.sentences(unit, passage.start)
            return (i, held[0].start if held else passage.start)
        if unit.anchor is not None and unit.anchor in self.index:
            return (self.index[unit.anchor], 0)
        if unit.section is not None:
            first = next((i for i, p in enumerate(self.paras) if p.section == unit.section), None)
            return None if first is None else (first, 0)
        return None


def window(body: Body, passage: Passage, stop: Position | None, after: Position | None = None) -> list[Sentence]:
    """The sentences a verdict may be in: the passage's note, then the body from the passage on.

    The body part ends where the next passage starts, where the passage's section (with its
    sub-sections) ends, or MAX_NEXT_PARAGRAPHS paragraphs on.
    """
    out: list[Sentence] = []
    if passage.unit.is_footnote:
        out += body.sentences(passage.unit)
    where = body.position(passage)
    if where is None:
        return out
    first, start = where
    section = body.paras[first].section
    own = [
        x for x in body.sentences(body.paras[first]) if x.start >= start and (stop is None or (first, x.start) < stop)
    ]
    before = [
        x for x in body.sentences(body.paras[first]) if x.end <= start and (after is None or (first, x.start) > after)
    ]
    # A number closing its sentence ('… (Rec. 6).') is judged by what precedes it; a sentence naming
    # the review in words introduces what follows, and looks back only when nothing follows.
    cited_here = bool(passage.citations) and not passage.unit.is_footnote
    out += own + before if cited_here else own
    wording = body.paras[first].text.rstrip().endswith(":")  # '… made a recommendation that:' — its words follow
    for i in range(first + 1, min(len(body.paras), first + 1 + MAX_NEXT_PARAGRAPHS)):
        p = body.paras[i]
        if not body.within(p.section, section):
            break
        if wording and (i == first + 1 or p.kind in ("quote", "bullet")):
            continue  # the recommendation's own wording, printed after the colon: not a verdict
        wording = False
        sents = body.sentences(p)
        if sents and body.cues.other_body.search(sents[0].text):
            continue  # another body's view, reported: not the submission's verdict
        if stop is not None and any((i, sent.start) >= stop for sent in sents):
            out += [sent for sent in sents if (i, sent.start) < stop]
            break
        out += sents
    return out if cited_here else out + before


def _earlier_reference(s: Sentence, c: Cues) -> bool:
    """A sentence that names a recommendation of an earlier review in words.

    It names the earlier review ('the first UPR', 'the 2008 review') and a recommendation or
    the State's answer; an answer alone ('accepted all of its recommendations') is an earlier
    review's only where the paragraph names one, since other bodies make recommendations too.
    """
    text = s.text
    if _question(text, c) or c.own.search(text) or (c.not_reference is not None and c.not_reference.search(text)):
        return False
    answered = any(pat.search(text) for _, pat in c.responses)
    if c.earlier.search(text):
        return answered or bool(c.recommendation.search(text))
    if not c.earlier.search(s.unit.text):
        return False
    for name, pat in c.responses:
        for m in pat.finditer(text):
            if name != "accepted_claimed_implemented" and c.recommendation.search(text[m.end() : m.end() + 40]):
                return True
    return False


def word_passages(doc: DocText, body: Body, c: Cues) -> list[Passage]:
    """Sentences that name an earlier review's recommendation in words (an ask's own sentence is not one)."""
    out = []
    for p in doc.paragraphs():
        if p.kind == "heading_note":
            continue
        for s in body.sentences(p):
            if _earlier_reference(s, c):
                out.append(Passage(p, s.start, []))
    return out


# ---------------------------------------------------------------- the finder


def _next(pos: Position | None, starts: Sequence[Position]) -> Position | None:
    if pos is None:
        return None
    return min((q for q in starts if q > pos), default=None)


def _previous(pos: Position | None, starts: Sequence[Position]) -> Position | None:
    """The start of the passage before, if it is in the same paragraph: sentences before it are its own."""
    if pos is None:
        return None
    q = max((q for q in starts if q < pos), default=None)
    return q if q is not None and q[0] == pos[0] else None


def find_follow_ups(doc: DocText, citations: Sequence[object]) -> tuple[list[FollowUp], list[ExtractWarning]]:
    c = cues(doc.language)
    if c is None:
        return [], []
    cits = [x for x in citations if isinstance(x, UPRRecommendationCitation)]
    body = Body.of(doc, c)
    numbered = citation_groups(doc, cits, c)
    starts = [q for q in (body.position(p) for p in numbered) if q is not None]
    claimed: set[str] = set()  # units a numbered passage reads, so a sentence there is not a second passage
    found: list[FollowUp] = []
    for passage in numbered:
        at = body.position(passage)
        win = window(body, passage, _next(at, starts), _previous(at, starts))
        claimed.update(s.unit.id for s in win)
        about = topic(passage, numbered, body, c)
        if about:
            win = [x for x in win if x.unit is passage.unit or _mentions(x.unit.text, about)]
        found.append(_record(passage, win, c, len(found) + 1))
    in_words = [p for p in word_passages(doc, body, c) if p.unit.id not in claimed]
    numbered_starts = starts
    starts = sorted(starts + [q for q in (body.position(p) for p in in_words) if q is not None])
    for passage in in_words:
        if passage.unit.id in claimed:
            continue
        if body.introduces(passage, numbered_starts) and not _judges_itself(passage, body, c):
            continue
        at = body.position(passage)
        win = window(body, passage, _next(at, starts), _previous(at, starts))
        verdict = find_verdict(win, c, passage.unit)
        if verdict is None:
            continue
        claimed.update(s.unit.id for s in win[: win.index(verdict.sentence) + 1])
        found.append(_record(passage, win, c, len(found) + 1, verdict))
    return found, _warnings(found)


def _judges_itself(passage: Passage, body: Body, c: Cues) -> bool:
    """The passage's own paragraph gives a plain verdict (not only a concern) from its sentence on."""
    return any(judge(s.text, None, c) is not None for s in body.sentences(passage.unit, passage.start))


_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def topic(passage: Passage, passages: Sequence[Passage], body: Body, c: Cues) -> set[str]:
    """What a note's recommendations are about, when one sentence cites several notes for several topics.

    'accepted recommendations on counter-terrorism[2], violence against women[3] and armed conflict[4]':
    each marker closes its own topic, and the verdict on note 3 is where the text speaks of violence
    against women. Returns the topic's distinctive words, or nothing when the note has no siblings.
    """
    unit = passage.unit
    if not unit.is_footnote or unit.anchor is None or unit.anchor_offset is None or unit.anchor not in body.index:
        return set()
    para = body.paras[body.index[unit.anchor]]
    sentence = next((x for x in body.sentences(para) if x.start <= unit.anchor_offset <= x.end + 1), None)
    if sentence is None:
        return set()
    offsets = sorted(
        {
            p.unit.anchor_offset
            for p in passages
            if p.unit.is_footnote
            and p.unit.anchor == unit.anchor
            and p.unit.anchor_offset is not None
            and sentence.start <= p.unit.anchor_offset <= sentence.end + 1
        }
    )
    if len(offsets) < 2:
        return set()
    before = [o for o in offsets if o < unit.anchor_offset]
    start = before[-1] if before else sentence.start
    words = _WORD.findall(para.text[start : unit.anchor_offset])[-TOPIC_WORDS:]  # the phrase the marker closes
    return {fold(w) for w in words} - c.generic


def _mentions(text: str, words: set[str]) -> bool:
    return bool(words & {fold(w) for w in _WORD.findall(text)})


def _warnings(found: Sequence[FollowUp]) -> list[ExtractWarning]:
    unclear = [f for f in found if f.status == "unclear"]
    if not unclear:
        return []
    return [
        ExtractWarning(
            code="follow_up_without_verdict",
            message=(
                f"{len(unclear)} cited earlier recommendation(s) with no verdict found near the citation: "
                + ", ".join("/".join(f.numbers) or f.id for f in unclear[:8])
            ),
            page=unclear[0].page,
        )
    ]


def _record(passage: Passage, win: Sequence[Sentence], c: Cues, n: int, verdict: Verdict | None = None) -> FollowUp:
    verdict = verdict or find_verdict(win, c, passage.unit)
    numbers: list[str] = []
    for cit in passage.citations:
        if cit.parsed.number not in numbers:
            numbers.append(cit.parsed.number)
    report = next((cit.parsed.source_symbol for cit in passage.citations if cit.parsed.source_symbol), None)
    upto = win.index(verdict.sentence) + 1 if verdict else len(win)
    if verdict is None:
        head = next((s for s in win if s.unit is passage.unit and s.end > passage.start), win[0] if win else None)
        sentence = head
    else:
        sentence = verdict.sentence
    unit = sentence.unit if sentence else passage.unit
    return FollowUp(
        id=f"fu{n}",
        numbers=numbers,
        report=report,
        subject=subject(win, c),
        state_response=state_response(win[:upto], c),
        status=verdict.status if verdict else "unclear",
        text=sentence.text if sentence else unit.text[:300],
        cues=list(dict.fromkeys(verdict.cues)) if verdict else [],
        citations=[cit.id for cit in passage.citations],
        paragraph=None if unit.is_footnote else unit.id,
        footnote=unit.id if unit.is_footnote else None,
        start=sentence.start if sentence else None,
        end=sentence.end if sentence else None,
        page=unit.page,
    )
