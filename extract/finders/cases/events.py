"""Per-window analysis: mentions, pronouns, and which mention each cue word attaches to."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from spacy.tokens import Doc, Token

from extract.finders.cases.context import _Collector, _Context, _Evidence, _Marks, _Mention, _UnitState
from extract.finders.cases.lists import _apposition_head, _group_of, _joined, _linked
from extract.finders.cases.mentions import _candidates, _is_citation, _name_count, _named_after, _official_context
from extract.finders.cases.rules import (
    _POSSESSIVES,
    MODAL_REACH,
    PRONOUN_REACH,
    ROLE_REACH,
    STRONG_REACH,
    WEAK_REACH,
    LanguageRules,
    _norm_phrase,
)
from extract.structure.units import TextUnit
from extract.text.quotes import quote_at, quoted_spans


def _is_agent(doc: Doc, end: int, cue: int, matched: str, rules: LanguageRules) -> bool:
    """Whether the name ending at `end` is the subject of the active verb at `cue`."""
    if _norm_phrase(matched) not in rules.agent_verbs:
        return False
    between = [t.lower_ for t in doc[end:cue]]
    return all(w in rules.agent_gap for w in between)


def _gap(a: int, b: int, m: _Mention) -> int:
    if b <= m.start:
        return m.start - b
    if a >= m.end:
        return a - m.end
    return 0


_BY = frozenset({"by", "par", "por"})


def _by_a_count(doc: Doc, b: int) -> bool:
    """'beaten by 233 to 187', 'battu par 211 voix': the cue counts votes."""
    return b + 1 < len(doc) and doc[b].lower_ in _BY and doc[b + 1].like_num


def _passive(doc: Doc, a: int, rules: LanguageRules) -> bool:
    """Whether the participle at `a` follows a passive auxiliary ('was reportedly beaten', 'fue detenido')."""
    j = a - 1
    while j >= 0 and (doc[j].lower_ in rules.agent_gap or doc[j].lower_.endswith("ly") or doc[j].lower_ == "not"):
        j -= 1
    return j >= 0 and doc[j].lower_ in rules.passive_auxiliaries


def _named_kin(best: _Mention, ms: list[_Mention], doc: Doc, rules: LanguageRules) -> _Mention | None:
    """The relative named right after a possessive ('his son, Y', 'su hija Y'), when `best` is that possessive."""
    if not best.pronoun_of or best.end >= len(doc) or doc[best.end].lower_ not in rules.relatives:
        return None
    return next((m for m in ms if not m.pronoun_of and best.end < m.start <= best.end + 3), None)


_Cue = tuple[str, int, int, str, int]
"""kind ('event' or 'role'), token start, token end, text as printed, offset in the unit"""


@dataclass(slots=True)
class _Window:
    """One window's Doc and where its sentences start, by token."""

    doc: Doc
    ui: int
    unit: TextUnit
    offset: int
    """where the window starts in its unit"""
    tok_sent: list[int]
    """global sentence id of each token"""
    sent_first: dict[int, int] = field(default_factory=dict)
    """first token of each sentence id"""
    sent_starts: set[int] = field(default_factory=set)
    """first word token of each sentence"""
    sent_spans: list[tuple[int, int]] = field(default_factory=list)


def _analyse(
    ui: int,
    unit: TextUnit,
    offset: int,
    sent_bounds: list[tuple[int, int, int]],
    doc: Doc,
    ctx: _Context,
    state: _UnitState,
    out: _Collector,
) -> None:
    """Find the mentions of one window and attach its cues to them."""
    rules = ctx.rules
    win = _register_sentences(ui, unit, offset, sent_bounds, doc, out)
    cues = _find_cues(doc, offset, rules)
    cue_at, marks = _cue_positions(doc, cues, rules, ctx)
    names = _find_names(win, ctx, cue_at, marks, out)
    if state.quotes is None:
        state.quotes = quoted_spans(unit.text)
    for mn in names:
        mn.quote = quote_at(state.quotes, offset + doc[mn.start].idx)
    _spread_citations(names, doc, rules)
    mentions = _resolve_pronouns(win, names, rules, marks, state, out)
    _mark_speakers(mentions, doc, rules)
    _attach_cues(win, cues, mentions, rules, marks, out)
    _link_relatives(names, doc, rules, out)
    _group_events(win, cues, ctx, out)


def _register_sentences(
    ui: int, unit: TextUnit, offset: int, sent_bounds: list[tuple[int, int, int]], doc: Doc, out: _Collector
) -> _Window:
    """Give the window's sentences their global ids and map tokens to them."""
    win = _Window(doc, ui, unit, offset, [0] * len(doc))
    for a, b, idx in sent_bounds:
        sid = len(out.sentences)
        out.sentences.append((ui, a, b))
        out.order.append(idx)
        span = doc.char_span(a - offset, b - offset, alignment_mode="expand")
        if span is not None and len(span):
            first = next((t.i for t in span if not (t.is_punct or t.is_space or t.text in "•▪●")), span.start)
            win.sent_starts.add(first)
            win.sent_spans.append((span.start, span.end))
            win.sent_first[sid] = span.start
            for i in range(span.start, span.end):
                win.tok_sent[i] = sid
    return win


def _find_cues(doc: Doc, offset: int, rules: LanguageRules) -> list[_Cue]:
    """Event and role words of the window, without the penalty word of a prison term."""
    cues: list[_Cue] = []
    terms = [(m.start(), m.end()) for m in rules.term_re.finditer(doc.text) if m.group("pen") or m.group("fixed")]
    for kind, pattern in (("event", rules.event_re), ("role", rules.role_re)):
        for m in pattern.finditer(doc.text):
            in_term = any(a <= m.start() < b for a, b in terms)
            if kind == "event" and in_term and rules.event_of(m.group(0)) in {"imprisoned", "detained", "died"}:
                continue  # 'imprisonment' in 'three years' imprisonment' is the term, not an event
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and len(span):
                cues.append((kind, span.start, span.end, m.group(0), offset + m.start()))
    return cues


def _cue_positions(
    doc: Doc, cues: list[_Cue], rules: LanguageRules, ctx: _Context
) -> tuple[tuple[set[int], set[int], set[int], set[int]], _Marks]:
    """Token indices where strong cues start, weak events start, roles (and relatives) end and
    events end; and the marks that tell a description from a clause."""
    cue_starts = {c[1] for c in cues if c[0] == "role" or not rules.is_weak(c[3])}
    weak_starts = {c[1] for c in cues if c[0] == "event" and rules.is_weak(c[3])}
    cue_ends = {c[2] for c in cues if c[0] == "role"}
    for m in rules.relative_re.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            cue_ends.add(span.end)
    event_ends = {c[2] for c in cues if c[0] == "event"}
    marks = _Marks(
        events=frozenset(i for c in cues if c[0] == "event" for i in range(c[1], c[2])),
        role_ends=frozenset(c[2] for c in cues if c[0] == "role"),
        nlp=ctx.nlp,
    )
    return (cue_starts, weak_starts, cue_ends, event_ends), marks


def _find_names(
    win: _Window,
    ctx: _Context,
    cue_at: tuple[set[int], set[int], set[int], set[int]],
    marks: _Marks,
    out: _Collector,
) -> list[_Mention]:
    """The window's name mentions (surnames of known full names included), recorded as occurrences."""
    doc, rules = win.doc, ctx.rules
    spans = _candidates(doc, ctx, cue_at, win.sent_starts, win.sent_spans, marks)
    covered = {i for s, e, _, _ in spans for i in range(s, e)}
    # a surname printed alone after the full name was given ('Verell was sentenced')
    known = out.surnames | {
        t.text for s, e, _, _ in spans if _name_count(doc, s, e) >= 2 for t in _surnames(doc, s, e, rules)
    }
    spans += [
        (i, i + 1, False, None)
        for i, t in enumerate(doc)
        if i not in covered and t.text in known and t._.upr_name_like and len(t.text) > 2
    ]
    spans.sort()
    names: list[_Mention] = []
    for s, e, official, hon in spans:
        nxt = doc[e].lower_ if e < len(doc) else ""
        owned = doc[e + 1].lower_ if e + 1 < len(doc) and doc[e].text in _POSSESSIVES else ""
        if nxt in rules.institution_heads or owned in rules.named_after:
            continue  # 'the Valdt government', 'Valdt's regime': an adjective, not a mention of the man
        if _body_after(doc, e, rules):
            continue  # 'the Valdt press association': a name the body carries, no antecedent of 'he'
        if _named_after(doc, s, rules):
            continue  # 'el gobierno de X', 'la escuela X', 'Prix X': a body or place named for the person
        if s > 0 and doc[s - 1].lower_ in rules.locatives:
            continue  # 'held at Northgate House': a place
        text = doc[s:e].text
        mn = _Mention(s, e, text, win.tok_sent[s], honorific=hon)
        mn.official = official or _official_context(doc, s, e, rules)
        mn.citation = _is_citation(doc, s, e, win.unit)
        names.append(mn)
        if _name_count(doc, s, e) >= 2:
            out.surnames.update(t.text for t in _surnames(doc, s, e, rules) if t._.upr_name_like and len(t.text) > 2)
        ev = out.ev(text)
        ev.official |= mn.official
        at = (win.ui, win.offset + doc[s].idx)
        ev.occurrences.append(at)
        ev.first = min(ev.first, at)
    return names


def _surnames(doc: Doc, s: int, e: int, rules: LanguageRules) -> list[Token]:
    """The words of a full name after its given names: the first word, and any known given name
    right after it with a word still to come ('Ana María X'), are no surnames."""
    j = s + 1
    while j < e - 1 and doc[j].lower_ in rules.given_names:
        j += 1
    return list(doc[j:e])


BODY_GAP = 2
"""Lower-case words allowed between a name and the body word after it ('the X | press | association')."""


def _body_after(doc: Doc, e: int, rules: LanguageRules) -> bool:
    """A body's word within a few lower-case words after the name ('the X journalists' association',
    'the X human rights prize'): the body bears the name, the person is not spoken of."""
    j, words = e, 0
    while j < len(doc) and words <= BODY_GAP:
        t = doc[j]
        if t.lower_ in rules.institution_bodies:
            return True
        if t.text in _POSSESSIVES:
            j += 1
            continue
        if not (t.is_alpha and t.is_lower) or t.lower_ in rules.stop_words:
            return False
        j += 1
        words += 1
    return False


def _spread_citations(names: list[_Mention], doc: Doc, rules: LanguageRules) -> None:
    """Authors are printed in lists: 'A and B (2006)', 'by A and B' make both of them authors."""
    for _ in range(2):
        for a, b in pairwise(names):
            if (a.citation or b.citation) and _joined(doc, a.end, b.start, rules):
                a.citation = b.citation = True


def _resolve_pronouns(
    win: _Window, names: list[_Mention], rules: LanguageRules, marks: _Marks, state: _UnitState, out: _Collector
) -> list[_Mention]:
    """Names and pronouns in text order: a pronoun resumes the last name, or the last list of names."""
    doc, tok_sent = win.doc, win.tok_sent
    mentions: list[_Mention] = []
    ni = 0
    prev: _Mention | None = None
    for i, t in enumerate(doc):
        while ni < len(names) and names[ni].start <= i:
            cur = names[ni]
            mentions.append(cur)
            if prev is not None and _linked(doc, prev.end, cur.start, rules, marks):
                state.last_group = (*state.last_group, cur.text)
                state.group_quoted = state.group_quoted or cur.quote is not None
            else:
                state.last_group = (cur.text,)
                state.group_quoted = cur.quote is not None
            state.last_single = cur.text
            state.last_quote = cur.quote
            state.last_sent = out.order[cur.sent]
            if cur.text not in state.recent[-1:]:
                state.recent.append(cur.text)
            prev = cur
            ni += 1
        if prev is not None and i < prev.end:
            continue
        low = t.lower_
        distance = out.order[tok_sent[i]] - state.last_sent
        if distance > PRONOUN_REACH:
            continue
        if (low in rules.pron_sg or low in rules.pron_pl) and _resolved_nearer(doc, i, rules):
            continue  # 'le inflige al condenado': the pronoun doubles the object printed after it
        if low in rules.pron_sg and state.last_single:
            quote = state.last_quote
            if quote is not None and not quote[0] < win.offset + t.idx < quote[1]:
                continue  # a name quoted from someone else is no antecedent outside the quotation
            mentions.append(_Mention(i, i + 1, t.text, tok_sent[i], pronoun_of=(state.last_single,)))
        elif low in rules.pron_pl and distance <= 1 and not state.group_quoted:
            group = state.last_group if len(state.last_group) >= 2 else tuple(dict.fromkeys(state.recent[-2:]))
            if len(group) >= 2:
                mentions.append(_Mention(i, i + 1, t.text, tok_sent[i], pronoun_of=group))
    return mentions


def _resolved_nearer(doc: Doc, i: int, rules: LanguageRules) -> bool:
    """An object pronoun whose object is printed a few words on, after 'a'/'al': a person noun or
    a name ('le dijo a su madre', 'le inflige al condenado'), which is its antecedent, not a name before."""
    if doc[i].lower_ not in rules.doubled_pronouns:
        return False
    for j in range(i + 1, min(len(doc), i + 1 + DOUBLING_REACH)):
        t = doc[j]
        if t.is_punct:
            return False
        if t.lower_ in rules.doubling_markers:
            words = [x for x in doc[j + 1 : j + 4] if not x.is_punct and x.lower_ not in rules.doubling_determiners]
            if not words:
                return False
            w = words[0]
            return w._.upr_name_like or w.lower_ in rules.person_nouns or w.lower_ in rules.relatives
    return False


DOUBLING_REACH = 4
"""Words between a doubled object pronoun and the 'a' that introduces its object."""


def _mark_speakers(mentions: list[_Mention], doc: Doc, rules: LanguageRules) -> None:
    """A speaker or a source ('Ms. X stated that...', 'according to X') takes no cue after it."""
    speech_at = {}
    for m in rules.speech_re.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            speech_at[span.start] = span.end
    for m in mentions:
        if m.pronoun_of:
            continue
        j = m.end
        while j < len(doc) and (doc[j].lower_ in rules.agent_gap or doc[j].text in _POSSESSIVES):
            j += 1
        if j in speech_at or any(
            speech_at.get(k) in (m.start, m.start - 1) for k in range(max(0, m.start - 4), m.start)
        ):
            m.speaker = True


def _attach_cues(
    win: _Window, cues: list[_Cue], mentions: list[_Mention], rules: LanguageRules, marks: _Marks, out: _Collector
) -> None:
    """Each cue goes to the nearest mention of its sentence (and the names listed with it)."""
    by_sent: dict[int, list[_Mention]] = {}
    for m in mentions:
        if not m.speaker:
            by_sent.setdefault(m.sent, []).append(m)
    for cue in cues:
        ms = by_sent.get(win.tok_sent[cue[1]], [])
        if not ms:
            continue
        if cue[0] == "role":
            _attach_role(win.doc, cue, ms, rules, out)
        else:
            _attach_event(win, cue, ms, rules, marks, out)


def _nearest(doc: Doc, a: int, b: int, ms: list[_Mention], rules: LanguageRules) -> _Mention:
    """The mention closest to the cue at [a, b); before a passive participle, its subject."""
    best = min(ms, key=lambda m: (_gap(a, b, m), m.start > a))
    if best.start >= b and _passive(doc, a, rules):
        # 'X, ..., was beaten and expelled for wearing the word Y': the subject comes before
        before = [m for m in ms if m.end <= a]
        if before:
            best = max(before, key=lambda m: m.end)
    return best


def _attach_role(doc: Doc, cue: _Cue, ms: list[_Mention], rules: LanguageRules, out: _Collector) -> None:
    _, a, b, matched, _ = cue
    best = _nearest(doc, a, b, ms, rules)
    if _gap(a, b, best) > ROLE_REACH:
        return
    role = rules.role_of(matched) or matched.lower()
    for m in _group_of(best, ms, doc, rules):  # a role is one name's: 'X, a journalist, and Y'
        if not m.citation:
            for nm in m.pronoun_of or (m.text,):
                if role not in out.ev(nm).roles:
                    out.ev(nm).roles.append(role)


def _attach_event(
    win: _Window, cue: _Cue, ms: list[_Mention], rules: LanguageRules, marks: _Marks, out: _Collector
) -> None:
    doc, tok_sent = win.doc, win.tok_sent
    _, a, b, matched, at = cue
    best = _nearest(doc, a, b, ms, rules)
    gap = _gap(a, b, best)
    weak = rules.is_weak(matched)
    if _by_a_count(doc, b):
        return  # 'defeated/beaten by 233 votes to 187': a vote, not a person's fate
    if any(t.lower_ in rules.modals for t in doc[max(win.sent_first.get(tok_sent[a], 0), a - MODAL_REACH) : a]):
        return  # 'should be sentenced', 'should drop all charges': asked for, not what happened
    if best.end <= a and _is_agent(doc, best.end, a, matched, rules):
        # 'X had accused the president', 'X arrested Y': X did it; the event is the one after
        after = [m for m in ms if m.start >= b]
        if not after:
            return
        best = min(after, key=lambda m: m.start)
        gap = _gap(a, b, best)
    if gap > (WEAK_REACH if weak else STRONG_REACH):
        return
    kin = _named_kin(best, ms, doc, rules)
    if kin is not None:
        best = kin  # 'the killing of his son, Y': the event is the son's, and he is named
    elif best.end <= a and not best.pronoun_of:
        best = _apposition_head(best, ms, doc, a, rules, marks)
    etype = rules.event_of(matched) or matched.lower()
    for m in _group_of(best, ms, doc, rules, marks):
        if m.citation:
            continue
        for nm in m.pronoun_of or (m.text,):
            ev = out.ev(nm)
            ev.events.append((tok_sent[a], at, matched, etype))
            ev.strong += 0 if weak else 1


def _link_relatives(names: list[_Mention], doc: Doc, rules: LanguageRules, out: _Collector) -> None:
    """ "X's wife, Y" makes Y part of X's case."""
    for m in names:
        j = m.start - 1
        while j >= 0 and doc[j].text in {",", "("}:
            j -= 1
        if j >= 1 and doc[j].lower_ in rules.relatives:
            k = j - 1
            if doc[k].text in _POSSESSIVES:
                k -= 1
            owner = next((o for o in names if o.end - 1 == k and o is not m), None)
            if owner is not None:
                out.ev(m.text).relative_of.add(owner.text)


def _group_events(win: _Window, cues: list[_Cue], ctx: _Context, out: _Collector) -> None:
    """Named groups ('the Port Salin Five') and the events of their sentences."""
    doc, tok_sent, rules = win.doc, win.tok_sent, ctx.rules
    for mid, s, e in ctx.matcher(doc):
        if doc.vocab.strings[mid] != "GROUP":
            continue
        name = doc[s + 1 : e].text
        gev = out.groups.setdefault(name, _Evidence())
        gev.first = min(gev.first, (win.ui, win.offset + doc[s + 1].idx))
        for kind, a, b, matched, at in cues:
            if kind == "event" and tok_sent[a] == tok_sent[s] and min(abs(a - e), abs(s - b)) <= STRONG_REACH:
                gev.events.append((tok_sent[a], at, matched, rules.event_of(matched) or matched.lower()))
                gev.strong += 0 if rules.is_weak(matched) else 1
