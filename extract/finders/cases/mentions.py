"""Name spans of a window: NER persons and token-pattern runs, with titles and bodies told apart."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Token

from extract.finders import nlp as nlp_mod
from extract.finders.cases.context import _Context, _Marks
from extract.finders.cases.lists import _linked, _role_apposition
from extract.finders.cases.model import _tagged
from extract.finders.cases.rules import (
    _ARTICLES,
    _HYPHENS,
    _NAME_LIKE_LABELS,
    _OF_WORDS,
    _PARTY_SEPARATORS,
    _POSSESSIVES,
    _QUOTES,
    MAX_NAME_TOKENS,
    LanguageRules,
)
from extract.finders.states import lookup_state, state_word
from extract.structure.units import TextUnit


def _strip(doc: Doc, start: int, end: int, rules: LanguageRules) -> tuple[int, int, bool, str | None]:
    """Name bounds inside a candidate span, without titles, articles and possessives."""
    official = False
    honorific = None
    while start < end:
        t = doc[start]
        low = t.text.lower()
        if t.text in rules.honorifics:
            honorific = t.text
        elif low in rules.official_titles or low.rstrip(".") in rules.official_titles:
            official = not (start > 0 and doc[start - 1].lower_ in rules.former)
        elif low not in _ARTICLES and low not in rules.particles:
            break
        start += 1
    while end > start and (
        doc[end - 1].text in _POSSESSIVES
        or doc[end - 1].text in _HYPHENS
        or doc[end - 1].text in _QUOTES
        or doc[end - 1].lower_ in rules.particles
    ):
        end -= 1
    return start, end, official, honorific


def _is_glue(t: Token, rules: LanguageRules) -> bool:
    return t.lower_ in rules.particles or t.text in _HYPHENS or t.text in _QUOTES


def _nickname_quotes(doc: Doc, start: int, end: int) -> set[int]:
    """Quote marks around a nickname inside a name ('Rodrigo "Rigo" Mora'); other quotes end a name."""
    ok: set[int] = set()
    for i in range(start + 1, end - 3):
        if (
            doc[i].text in _QUOTES
            and doc[i + 2].text in _QUOTES
            and doc[i - 1]._.upr_name_like
            and doc[i + 1]._.upr_name_like
            and doc[i + 3]._.upr_name_like
        ):
            ok.update((i, i + 2))
    return ok


def _valid_runs(doc: Doc, start: int, end: int, rules: LanguageRules) -> list[tuple[int, int]]:
    """Split [start, end) at words that are never part of a name; keep the name-shaped pieces."""
    quotes = _nickname_quotes(doc, start, end)
    runs: list[tuple[int, int]] = []
    cur: int | None = None
    for i in range(start, end + 1):
        ok = False
        if i < end:
            t = doc[i]
            low = t.text.lower().strip(".")
            ok = (
                t._.upr_name_like
                and not rules.common(low)
                and t.text not in rules.honorifics
                and t.lower_ not in rules.cue_words
                and t.lower_ not in rules.number_words
            ) or (cur is not None and _is_glue(t, rules) and (t.text not in _QUOTES or i in quotes))
        if ok and cur is None:
            cur = i
        elif not ok and cur is not None:
            s, e = cur, i
            while e > s and _is_glue(doc[e - 1], rules):
                e -= 1
            if e > s:
                runs.append((s, e))
            cur = None
    return runs


def _merge_adjacent_runs(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join pattern runs that touch: the matcher caps a run's length, so an institution's title and
    the name printed right after it ('Tribunal ... de Control Ana Lucía | Ferro Ibarra') come apart."""
    out: list[tuple[int, int, str]] = []
    for sp in sorted(spans, key=lambda x: x[0]):
        if out and sp[2] == "run" and out[-1][2] == "run" and out[-1][1] == sp[0]:
            out[-1] = (out[-1][0], sp[1], "run")
        else:
            out.append(sp)
    return out


def _name_count(doc: Doc, s: int, e: int) -> int:
    """Name words of a span, initials not counted."""
    return sum(1 for t in doc[s:e] if t._.upr_name_like and not (len(t.text) == 2 and t.text[1] == "."))


def _title_like(doc: Doc, s: int, e: int) -> bool:
    """A heading printed in title case ('Dr. X Remains Behind Bars Without Trial'): most long words capitalised."""
    words = [t.text for t in doc[s:e] if t.is_alpha and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _official_context(doc: Doc, s: int, e: int, rules: LanguageRules) -> bool:
    """A title printed just before the name ('President X', 'the Home Secretary, X',
    'el alcalde de Valencia X') unless it is a former one, or an official role in apposition."""
    j, steps = s - 1, 0
    while j >= 0 and steps < 5:
        t = doc[j]
        low = t.text.lower()
        two = f"{doc[j - 1].lower_} {low}" if j > 0 else ""
        if two in rules.official_titles:
            return not (j > 1 and doc[j - 2].lower_ in rules.former)
        if low in rules.official_titles or low.rstrip(".") in rules.official_titles:
            return not (j > 0 and doc[j - 1].lower_ in rules.former)
        if rules.role_of(low) or low in rules.relatives:
            return False
        if (t.is_punct and t.text != ",") or (t.text == "," and steps > 0):
            return False
        j -= 1
        steps += 1
    tail = doc[e : min(len(doc), e + 6)].text
    m = re.match(r"\s*,\s*(?:the\s+|a\s+|an\s+|el\s+|la\s+|le\s+)?", tail)
    if m and tail[m.end() :].split(" ", 1)[0].lower() not in rules.former:
        om = rules.official_roles.match(tail, m.end())
        return om is not None and not _civil_role(doc[e : min(len(doc), e + 16)].text, m.end(), rules)
    return False


CIVIL_REACH = 90
"""Characters after an official-sounding role in which its body is named ('president of the ... organization')."""


def _civil_role(text: str, at: int, rules: LanguageRules) -> bool:
    """'X, president of the human rights organization Y': the role is held in a civil-society body,
    so X is no official of the State (a minister or a State's president has no such word)."""
    clause = re.split(r"[,;.()]", text[at : at + CIVIL_REACH], maxsplit=1)[0]
    return rules.civil_body_re.search(clause) is not None


def _is_citation(doc: Doc, s: int, e: int, unit: TextUnit) -> bool:
    """A name printed as an author: in a note 'Smith, J.', 'Smith (2010)', 'by Jane Smith'; anywhere,
    'by Jane Smith' right after a quoted title ('“Title” by X')."""
    before_text = doc.text[max(0, doc[s].idx - 12) : doc[s].idx]
    if re.search(r"[”\"’»]\s*,?\s*(?:by|por|par|de)\s+$", before_text, re.IGNORECASE):
        return True
    if re.match(
        r"\s*\(\s*(?:19|20)\d\d[a-z]?\s*\)\s*[,.:]?\s*[“\"‘«]", doc.text[doc[e - 1].idx + len(doc[e - 1]) :][:40]
    ):
        return True  # 'X (2006), “Title”': a reference, wherever the list of references stands
    if not unit.is_footnote:
        return False
    after = doc[e : min(len(doc), e + 3)].text
    if re.match(r"\s*,\s*[A-Z]\.", after) or re.match(r"\s*\(\s*(?:19|20)\d\d", after):
        return True
    before = doc[max(0, s - 2) : s].text.lower()
    return bool(re.search(r"(?<!\w)(?:by|por|par|eds?\.?|see|ver|voir)\s*$", before))


def _named_after(doc: Doc, s: int, rules: LanguageRules) -> bool:
    """An institution or place word printed right before the name, or before 'of'/'de' and the name."""
    j = s - 1
    if j >= 0 and doc[j].lower_ in _OF_WORDS:
        j -= 1
    if j >= 0 and doc[j].lower_ in rules.named_after:
        return True
    # 'la escuela secundaria básica X': the kind of school between the word and the name
    for k in range(j, max(-1, j - NAMED_AFTER_MODIFIERS), -1):
        t = doc[k]
        if not (t.is_alpha and t.is_lower) or t.lower_ in rules.cue_words or t.lower_ in rules.stop_words:
            return False
        if k - 1 >= 0 and doc[k - 1].lower_ in rules.named_after:
            return True
    return False


NAMED_AFTER_MODIFIERS = 2
"""Lower-case words allowed between an institution word and the name it bears."""


def _common_edge(doc: Doc, s: int, e: int, ctx: _Context) -> tuple[int, int]:
    """Bounds of a pattern run without leading common words ('Penas Crueles', 'Observatorio Cívico
    Ana Ruiz') or demonyms ('Briton X'); (s, s) when every word is a common one."""
    words = [i for i in range(s, e) if doc[i]._.upr_name_like]
    if words and all(doc[i].lower_ in ctx.lexicon for i in words):
        return s, s
    while s < e and (doc[s].lower_ in ctx.lexicon or _demonym(doc[s].text) or _is_glue(doc[s], ctx.rules)):
        s += 1
    return s, e


def _capitalised_cue_beside(doc: Doc, s: int, e: int) -> bool:
    """A capitalised word right before or after the run ('the Detained Fast Track'): the run
    belongs to a title, since cue words in running prose are lower case."""
    before = doc[s - 1] if s > 0 else None
    after = doc[e] if e < len(doc) else None
    return any(t is not None and t.is_alpha and t.text[0].isupper() for t in (before, after))


_LIST_CONJUNCTIONS = frozenset({"and", "y", "e", "et"})


def _in_title(doc: Doc, s: int, e: int, rules: LanguageRules) -> bool:
    """Whether [s, e) is part of a longer capitalised title holding an institution word
    ('Convención contra la Tortura y Otros Tratos o Penas Crueles', 'Juzgado Tercero de Control')."""
    for step, i in ((-1, s - 1), (1, e)):
        while 0 <= i < len(doc):
            t = doc[i]
            if t.lower_ in _PARTY_SEPARATORS:
                break  # 'Caso X vs. Venezuela': the other party is not part of the name
            far = i + step
            if t.lower_ in _LIST_CONJUNCTIONS and 0 <= far < len(doc) and doc[far].text[:1].islower():
                break  # 'X y la de la Juez ...': a list goes on, a title would not ('Tortura y Otros Tratos')
            if t.text[:1].isupper() and t.is_alpha:
                if rules.common(t.text) and not state_word(t.text) and t.lower_ not in rules.cue_words:
                    return True  # a State beside a name ('de Malí X') makes no title; 'Corte' does
            elif t.lower_ not in rules.title_connectors and t.text not in _HYPHENS:
                break
            i += step
    return False


@cache
def _demonym(word: str) -> bool:
    return lookup_state(word, adjectives=True) is not None and lookup_state(word) is None


def _candidates(
    doc: Doc,
    ctx: _Context,
    cue_at: tuple[set[int], set[int], set[int], set[int]],
    sent_starts: set[int],
    sent_spans: list[tuple[int, int]],
    marks: _Marks | None = None,
) -> list[tuple[int, int, bool, str | None]]:
    """Name spans of a window: NER persons, honorific runs, and (with a model) the pattern runs
    that a cue or a recognised name vouches for; without a model, every pattern run.

    `cue_at` holds the token indices where strong cues start, where weak event words start,
    and where role words end."""
    cue_starts, weak_starts, cue_ends, event_ends = cue_at
    rules, nlp, matcher = ctx.rules, ctx.nlp, ctx.matcher
    person_labels = nlp_mod.person_labels(nlp)
    with_model = bool(person_labels)
    ner = [(e.start, e.end) for e in doc.ents if e.label_ in person_labels]
    ner_of = {i: (s, e) for s, e in ner for i in range(s, e)}
    other = {i: e.label_ for e in doc.ents if e.label_ not in person_labels for i in range(e.start, e.end)}

    def proper(i: int) -> bool:
        return _tagged(nlp, doc) and nlp_mod.is_proper_noun(doc[i])

    def title_like(i: int) -> bool:
        return any(a <= i < b and _title_like(doc, a, b) for a, b in sent_spans)

    spans: list[tuple[int, int, str]] = []
    grown: set[tuple[int, int]] = set()
    for mid, s, e in matcher(doc):
        label = doc.vocab.strings[mid]
        hits = {ner_of[i] for i in range(s, e) if i in ner_of} if with_model else set()
        if label == "HON":
            if len(hits) == 1:
                hit = hits.pop()
                grown.add(hit)
                spans.append((s, max(hit[1], s + 2), "hon"))
            elif with_model and title_like(s):
                spans.append((s, s + 2, "hon"))
            else:
                spans.append((s, e, "hon"))
        elif label == "RUN":
            if len(hits) > 1:
                continue  # two names the model told apart
            if not hits:
                spans.append((s, e, "run"))
                continue
            # the model drew this name's bounds: grow them by the run to the right (a second
            # surname), and to the left over a first name the model missed ('Timur X') but not
            # over a sentence's first word unless it is tagged a proper noun ('Provide X Y')
            hit = hits.pop()
            left = hit[0]
            if s < hit[0] and (s not in sent_starts or proper(s)):
                left = s
            grown.add(hit)
            spans.append((left, max(e, hit[1]), "ner"))
    spans += [(s, e, "ner") for s, e in ner if (s, e) not in grown]
    spans = _merge_adjacent_runs(spans)

    accepted: list[tuple[int, int, bool, str | None]] = []
    pending: list[tuple[int, int, bool, str | None]] = []
    in_titles: set[tuple[int, int, bool, str | None]] = set()
    taken: set[int] = set()
    for s, e, how in sorted(spans, key=lambda x: (x[2] != "hon", x[2] != "ner", x[0])):
        s2, e2, official, honorific = _strip(doc, s, e, rules)
        if (
            how == "ner"
            and e2 - s2 >= 2
            and (doc[s2].lower_ in rules.stop_words or (s2 in sent_starts and not proper(s2)))
        ):
            s2 += 1  # 'While Mora', 'Close X': a sentence's first word the model took into the name
        for rs, re_ in _valid_runs(doc, s2, e2, rules):
            titled = False
            if how == "run":
                rs, re_ = _common_edge(doc, rs, re_, ctx)
                if rs >= re_:
                    continue
                titled = _in_title(doc, rs, re_, rules)
            elif all(doc[i].lower_ in ctx.lexicon for i in range(rs, re_) if doc[i]._.upr_name_like):
                continue  # 'Undue Delay', 'Long Term': common words the model took for a name
            if lookup_state(doc[rs:re_].text) is not None:
                continue
            n = _name_count(doc, rs, re_)
            if n == 0 or n > MAX_NAME_TOKENS or any(i in taken for i in range(rs, re_)):
                continue
            hon = honorific if rs == s2 else None
            if n == 1 and how == "run":
                continue
            if n == 1 and how == "ner" and not any(i in ner_of for i in range(rs, re_)):
                continue
            item = (rs, re_, official, hon)
            if how == "run" and titled:
                # printed right after an institution's title ('la Corte Primera ... X, Y y Z'): a name
                # only when listed with names found on their own
                in_titles.add(item)
                pending.append(item)
                continue
            if how == "run" and with_model:
                labels = {other[i] for i in range(rs, re_) if i in other}
                # a cue beside the run vouches for it: 'journalist X', 'X was arrested', 'the
                # detention of X', 'the X litigation'; right beside it, even where the model read
                # an organisation or a place (unknown foreign names often are)
                near = any(rs - k in cue_ends for k in (0, 1, 2)) or any(re_ + k in cue_starts for k in (0, 1, 2, 3))
                beside = (
                    rs in event_ends
                    or (rs - 1 in event_ends and doc[rs - 1].lower_ in rules.title_connectors)
                    or re_ in weak_starts
                    or re_ in cue_starts
                    or rs in cue_ends
                ) and not _capitalised_cue_beside(doc, rs, re_)
                appositive = marks is not None and _role_apposition(doc, rs, re_, marks)
                vouched = not title_like(rs) and (
                    (near and not labels) or ((beside or appositive) and labels <= _NAME_LIKE_LABELS)
                )
                if not vouched:
                    pending.append(item)
                    continue
            accepted.append(item)
            taken.update(range(rs, re_))
    # names listed with an accepted name are names too ('X, Y and Z')
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            rs, re_ = item[0], item[1]
            if any(i in taken for i in range(rs, re_)):
                pending.remove(item)
                continue
            m = None if item in in_titles else marks  # a titled run joins a plain list only
            if any(_linked(doc, a[1], rs, rules, m) or _linked(doc, re_, a[0], rules, m) for a in accepted):
                accepted.append(item)
                taken.update(range(rs, re_))
                pending.remove(item)
                changed = True
    return sorted(accepted)
