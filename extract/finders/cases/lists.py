"""Names listed together and descriptions set off after a name ('X, a journalist, and Y')."""

from __future__ import annotations

from spacy.tokens import Doc

from extract.finders.cases.context import _Marks, _Mention
from extract.finders.cases.model import _tagged
from extract.finders.cases.rules import _CONNECTORS, _POSSESSIVES, LanguageRules


def _joined(doc: Doc, end: int, start: int, rules: LanguageRules) -> bool:
    """Only list punctuation, 'and' or an honorific between two names."""
    between = doc[end:start]
    return 0 < len(between) <= 4 and all(
        t.lower_ in _CONNECTORS or t.text in _POSSESSIVES or t.text in rules.honorifics for t in between
    )


APPOSITION_MAX = 18
"""Tokens of a description set off by commas after a name ('X, owner of a TV station known for ..., and Y')."""
DESCRIPTOR_MAX = 6
"""Tokens of a description printed before a listed name ('and his 16 year-old daughter Y')."""
LIST_LOOKAHEAD = 3
"""Names skipped inside a description when looking for the next name of a list ('X, of Z, and Y')."""
_SEPARATORS = _CONNECTORS | {";"}
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_STOPS = frozenset({".", "!", "?", ":"})


def _describes(doc: Doc, i: int, j: int, rules: LanguageRules, marks: _Marks) -> bool:
    """Whether doc[i:j] can be a description of a name: short, with no event, speech, relative
    pronoun, auxiliary or (where the pipeline can tell) finite verb, so not a clause of its own."""
    if not 0 < j - i <= APPOSITION_MAX:
        return False
    for k in range(i, j):
        t = doc[k]
        if (
            k in marks.events
            or t.text in _STOPS
            or t.lower_ in rules.relative_pronouns
            or t.lower_ in rules.auxiliaries
        ):
            return False
    if rules.speech_re.search(doc[i:j].text):
        return False
    if _tagged(marks.nlp, doc):
        return not any(t.tag_ in _FINITE_TAGS or "Fin" in t.morph.get("VerbForm") for t in doc[i:j])
    return True


def _linked(doc: Doc, end: int, start: int, rules: LanguageRules, marks: _Marks | None) -> bool:
    """Two names of one list, descriptions and all: 'X and Y', 'X, a journalist, and Y',
    'X, owner of Z; and Y', 'X and his daughter Y' (each name is a subject or object of the clause)."""
    if _joined(doc, end, start, rules):
        return True
    if marks is None or start - end < 2:
        return False
    j = start
    if doc[j - 1].text == ",":
        j -= 1  # 'and his daughter, Y'
    k = j
    if j in marks.role_ends or doc[j - 1].lower_ in rules.relatives:
        while k - 1 > end and j - (k - 1) <= DESCRIPTOR_MAX and doc[k - 1].lower_ not in _SEPARATORS:
            k -= 1
        if not _describes(doc, k, j, rules, marks):
            return False
    elif j != start:
        return False
    sep = k
    while sep - 1 >= end and doc[sep - 1].lower_ in _SEPARATORS:
        sep -= 1
    if sep == k:
        return False  # no list punctuation or conjunction before the second name
    if sep == end:
        return k < start  # 'X and his daughter Y'
    # 'X, <description>, and Y': the description opens with a comma right after X
    return doc[end].text == "," and _describes(doc, end + 1, sep, rules, marks)


def _group_of(
    best: _Mention, ms: list[_Mention], doc: Doc, rules: LanguageRules, marks: _Marks | None = None
) -> list[_Mention]:
    """The mention and the names listed with it ('X and Y were sentenced', 'X, a journalist, and Y were
    arrested'); a name inside a description of a listed one ('X, of Z, and Y') is not in the list."""
    if best.pronoun_of:
        return [best]
    named = [m for m in ms if not m.pronoun_of]
    i = named.index(best)
    group = [best]
    lo = hi = i
    while True:
        prev = next(
            (
                k
                for k in range(lo - 1, max(-1, lo - 1 - LIST_LOOKAHEAD), -1)
                if _linked(doc, named[k].end, named[lo].start, rules, marks)
            ),
            None,
        )
        if prev is None:
            break
        group.insert(0, named[prev])
        lo = prev
    while True:
        nxt = next(
            (
                k
                for k in range(hi + 1, min(len(named), hi + 1 + LIST_LOOKAHEAD))
                if _linked(doc, named[hi].end, named[k].start, rules, marks)
            ),
            None,
        )
        if nxt is None:
            break
        group.append(named[nxt])
        hi = nxt
    return group


ROLE_APPOSITION_GAP = 8
"""Tokens between a role and the comma of the name set off after it ('a prisoner charged with ..., X,')."""


def _role_apposition(doc: Doc, rs: int, re_: int, marks: _Marks) -> bool:
    """'One female prisoner charged with terrorist offences, X, is held ...': a name set off by commas
    right after a noun phrase headed by a role names that person, whatever the model read it as."""
    if rs < 2 or doc[rs - 1].text != "," or re_ >= len(doc) or doc[re_].text not in {",", ".", ";", "(", ")"}:
        return False
    for j in range(rs - 1, max(0, rs - 1 - ROLE_APPOSITION_GAP) - 1, -1):
        if j in marks.role_ends:
            return True
        if j < rs - 1 and (doc[j].text in {",", ";", ":", "."} or doc[j].is_sent_start):
            return False
    return False


def _apposition_head(
    best: _Mention, ms: list[_Mention], doc: Doc, cue: int, rules: LanguageRules, marks: _Marks
) -> _Mention:
    """The subject a participle after an apposition belongs to: in 'X, of the group Z, was attacked'
    the nearest name, Z, sits inside the description of X, and X was attacked."""
    c = cue - 1
    while c > best.end and (doc[c].lower_ in rules.auxiliaries or doc[c].lower_ in rules.agent_gap):
        c -= 1
    if c < best.end or doc[c].text != ",":
        return best
    if best.end < c and doc[best.end].text == "," and _set_off(doc, best.end + 1, c, rules, marks):
        return best  # best is itself the described name: 'X, a journalist, was arrested'
    # the outermost name whose set-off phrase runs to the verb: a place inside it is no subject
    for h in sorted((m for m in ms if not m.pronoun_of and m.end < best.start), key=lambda m: m.start):
        if doc[h.end].text == "," and _set_off(doc, h.end + 1, c, rules, marks):
            return h
    return best


def _set_off(doc: Doc, i: int, j: int, rules: LanguageRules, marks: _Marks) -> bool:
    """What commas set off after a name: a description, which a relative clause may close
    ('X, a student in Y, Z, who is active in human rights, was beaten')."""
    if _describes(doc, i, j, rules, marks):
        return True
    for k in range(i + 2, j):
        if doc[k].lower_ in rules.relative_pronouns and doc[k - 1].text == ",":
            clause = doc[k:j]
            return (
                _describes(doc, i, k - 1, rules, marks)
                and len(clause) <= APPOSITION_MAX
                and not any(t.text in _STOPS or t.i in marks.events for t in clause)
            )
    return False
