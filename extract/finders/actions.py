"""The leading verb of a recommendation and its category on the UPR Info action scale.

The UPR Info scale sorts recommendations by how much they ask of the State:
1 minimal action (seek or share: help from, or information with, others),
2 continuing action (continue, maintain, pursue), 3 considering action
(consider, explore, study, review), 4 general action (ensure, strengthen,
promote, take measures), 5 specific action (ratify, repeal, adopt, establish,
investigate). The verb lists and the framings live per language in
lang/<code>/actions.json; data/action_verbs.json's `_about` documents the mapping.

How a text is read: a lead-in naming who is asked ("The Government should",
"We recommend that the State", "Recomendamos al Estado", "Nous recommandons à
l'État de") is skipped; framings are then peeled off the front. A transparent
framing ("Take steps to", "Continue to", "Redouble efforts to") sets a category
and lets the next verb be the reported one; an opaque one ("Consider",
"Envisage the possibility of", "Seek") is the verb itself. The category is the
lowest of the framings' and the verb's, so "Continue to ratify" is (Ratify, 2),
"Take steps to ratify" is (Ratify, 4) and "Consider ratifying" is (Consider, 3).

Public API:
    classify_action(text, lang="en") -> Action
    leading_verb(text, lang="en") -> tuple[str | None, int | None]
    opens_with_verb(text, lang="en", as_printed=False) -> bool
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from extract import DATA_DIR
from extract.lang import load_each
from extract.text.fold import fold
from schemas import Action

DATA = DATA_DIR / "action_verbs.json"
"""What all languages share: the scale and its documentation."""


class FramingData(BaseModel):
    """A phrase peeled off before the verb: 'Take steps to' (transparent) or 'Consider' (the verb itself)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str
    category: int | None
    label: str | None
    transparent: bool


class ActionWords(BaseModel):
    """A language's action-verb tables: extract/lang/<code>/actions.json."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lead_ins: tuple[str, ...]
    framings: tuple[FramingData, ...]
    verbs: dict[str, tuple[str, ...]]
    particles: tuple[str, ...] = ()
    forms: dict[str, str] = {}
    phrases: dict[str, int] = {}


HEAD_CHARS = 400
"""Only the opening of a recommendation is read: the verb is always near the front."""

LEADING_JUNK = re.compile(r"^[\s\u2022\u25aa\u25cf\u25a0\u2013\u2014\uf0b7\uf0a7\uf076\uf0d8*•·>\-–—\"“”‘’'«»]+")
LEADING_NUMBER = re.compile(r"^(?:\(?(?:\d{1,3}(?:\.\d{1,3}){0,2}|[a-z]|[ivxlc]{1,5})[.)]|\(\w{1,4}\))\s+", re.I)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
NOT_VERBS = frozenset(
    "the a an this that these those we it they he she its their our in on by for with all any each every "
    "as at to of from there here if when where while although because and or but not no".split()
)
"""Words that can open a recommendation-like sentence but never as its verb."""

MAX_FRAMINGS = 5
PHRASE_CHARS = 40
MAX_SUBJECT_WORDS = 10
"""How many words a lead-in's addressee may take ('al Estado Plurinacional de Bolivia')."""


OPENING_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
"""A word as `opens_with_verb` counts them (a hyphen ends it: 'Re-establish' opens with 'Re')."""
PARTICLES = frozenset("to para".split())
"""Words before an infinitive ('To ensure', 'Para garantizar')."""
ADVERB_ENDINGS = ("ly", "mente", "ment")
"""An adverb may come before the imperative ('Immediately release ...')."""
ADVERB_JOINERS = frozenset({"and", "or", "y", "o", "et", "ou"})
DETERMINERS = frozenset(
    "the a an this that these those we it they there our its their el la los las un una lo le les nous il ils "
    "ce cette ces que".split()
)
"""First words that show a sentence opens with a subject, not with an imperative."""


@dataclass(frozen=True, slots=True)
class _Framing:
    pattern: re.Pattern[str]
    category: int | None
    label: str | None
    transparent: bool


@dataclass(frozen=True, slots=True)
class _Lang:
    lead_ins: tuple[re.Pattern[str], ...]
    framings: tuple[_Framing, ...]
    verbs: dict[str, tuple[str, int]]  # folded lemma → (display lemma, category)
    forms: dict[str, str]  # folded form → folded lemma
    particles: frozenset[str]
    phrases: tuple[tuple[str, str, int], ...]  # (folded phrase, display, category), longest first


@lru_cache(maxsize=1)
def _tables() -> dict[str, _Lang]:
    out: dict[str, _Lang] = {}
    for lang, cfg in load_each("actions", ActionWords).items():
        verbs: dict[str, tuple[str, int]] = {}
        for cat, words in cfg.verbs.items():
            for w in words:
                verbs.setdefault(fold(w), (w, int(cat)))
        forms = {fold(k): fold(v) for k, v in cfg.forms.items()}
        phrases = sorted(((fold(p), p, int(c)) for p, c in cfg.phrases.items()), key=lambda x: -len(x[0]))
        out[lang] = _Lang(
            lead_ins=tuple(re.compile(p, re.I) for p in cfg.lead_ins),
            framings=tuple(
                _Framing(re.compile(f.pattern, re.I), f.category, f.label, f.transparent) for f in cfg.framings
            ),
            verbs=verbs,
            forms=forms,
            particles=frozenset(cfg.particles),
            phrases=tuple(phrases),
        )
    return out


def _candidates(word: str, lang: str) -> list[str]:
    """Lemma guesses for an inflected word (regular morphology only; irregular forms are in the table)."""
    w = word
    out = [w]
    if lang == "en":
        if w.endswith("ies"):
            out.append(w[:-3] + "y")
        if w.endswith("ied"):
            out.append(w[:-3] + "y")
        if w.endswith("ing") and len(w) > 5:
            stem = w[:-3]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
        if w.endswith("ed") and len(w) > 4:
            stem = w[:-2]
            out += [stem, w[:-1]]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
        if w.endswith("es"):
            out.append(w[:-2])
        if w.endswith("s"):
            out.append(w[:-1])
    elif lang == "es":
        base = w[:-2] if w.endswith("se") and len(w) > 5 else w  # enclitic: "esforzándose"
        out.append(base)
        for suf, reps in (("ando", ("ar",)), ("iendo", ("er", "ir")), ("yendo", ("uir",))):
            if base.endswith(suf):
                out += [base[: -len(suf)] + r for r in reps]
        for suf, reps in (
            ("quen", ("car",)),
            ("que", ("car",)),
            ("guen", ("gar",)),
            ("gue", ("gar",)),
            ("cen", ("zar",)),
            ("ce", ("zar",)),
            ("en", ("ar",)),
            ("e", ("ar",)),
            ("an", ("er", "ir")),
            ("a", ("er", "ir")),
        ):
            if base.endswith(suf) and len(base) > len(suf) + 2:
                out += [base[: -len(suf)] + r for r in reps]
                break
        if not base.endswith("se"):
            out.append(base + "se")
    elif lang == "fr":
        for suf, reps in (
            ("issant", ("ir",)),
            ("isse", ("ir",)),
            ("issent", ("ir",)),
            ("ant", ("er",)),
            ("ent", ("er",)),
            ("e", ("er",)),
        ):
            if w.endswith(suf) and len(w) > len(suf) + 2:
                out += [w[: -len(suf)] + r for r in reps]
                break
    return out


def _lookup(word: str, t: _Lang, lang: str) -> tuple[str, int] | None:
    f = fold(word)
    if f in t.forms:
        f = t.forms[f]
    for c in _candidates(f, lang):
        hit = t.verbs.get(c)
        if hit:
            return hit
    return None


def _strip_front(s: str) -> str:
    for _ in range(3):
        s2 = LEADING_NUMBER.sub("", LEADING_JUNK.sub("", s))
        if s2 == s:
            break
        s = s2
    return s


def _known_verb_at(s: str, t: _Lang, lang: str) -> bool:
    """The table's test, used while skipping a lead-in: a known verb or framing starts `s`."""
    m = WORD.match(s)
    if not m:
        return False
    return _lookup(m.group(), t, lang) is not None or any(f.pattern.match(s) for f in t.framings)


def _verb_after(s: str, start: int, t: _Lang, lang: str) -> int | None:
    """Where the first verb after a lead-in starts, skipping the few words that name the addressee."""
    pos = start
    for _ in range(MAX_SUBJECT_WORDS + 1):
        if pos >= len(s):
            return None
        if _known_verb_at(s[pos:], t, lang):
            return pos
        m = WORD.search(s, pos)
        if not m or s[pos : m.start()].strip(" ,'’"):
            return None  # punctuation other than a comma: no verb here
        nxt = WORD.search(s, m.end())
        if not nxt:
            return None
        pos = nxt.start()
    return None


def _display(lemma: str) -> str:
    return lemma[:1].upper() + lemma[1:]


def leading_verb(text: str, lang: str = "en") -> tuple[str | None, int | None]:
    """(verb, category) of a recommendation; (None, None) when no verb opens it."""
    tables = _tables()
    code = (lang or "en")[:2].lower()
    t = tables.get(code, tables["en"])
    if code not in tables:
        code = "en"
    s = _strip_front(text[:HEAD_CHARS])
    stripped = False
    if not _known_verb_at(s, t, code):
        for lead in t.lead_ins:
            m = lead.match(s)
            if not m:
                continue
            at = _verb_after(s, m.end(), t, code)
            if at is not None:
                s = s[at:]
                stripped = True
                break
    cats: list[int] = []
    label: str | None = None
    for _ in range(MAX_FRAMINGS):
        for f in t.framings:
            m = f.pattern.match(s)
            if not m or m.end() == 0:
                continue
            if not f.transparent:
                w = WORD.match(s)
                hit = _lookup(w.group(), t, code) if w else None
                cat = f.category if f.category is not None else (hit[1] if hit else None)
                verb = hit[0] if hit else (w.group() if w else None)
                return (_display(verb) if verb else None), _lowest([*cats, cat])
            if f.category is not None:
                cats.append(f.category)
            if f.label:
                label = f.label
            s = s[m.end() :]
            break
        else:
            break
    low = fold(s[:PHRASE_CHARS])
    for folded, display, cat in t.phrases:
        if low.startswith(folded) and (len(low) == len(folded) or not low[len(folded)].isalnum()):
            return _display(display), _lowest([*cats, cat])
    m = WORD.match(s)
    if m:
        hit = _lookup(m.group(), t, code)
        if hit:
            verb = hit[0]
            nxt = WORD.match(s[m.end() :].lstrip())
            if nxt and fold(nxt.group()) in t.particles:
                verb = f"{verb} {fold(nxt.group())}"
            return _display(verb), _lowest([*cats, hit[1]])
    if label:
        return label, _lowest(cats)
    if m and not stripped and not cats and fold(m.group()) not in NOT_VERBS and m.group()[:1].isupper():
        # an imperative the table does not know: report it, leave the category open
        return m.group(), None
    return None, None


def opens_with_verb(text: str, lang: str = "en", *, as_printed: bool = False) -> bool:
    """Whether the text's own first word is its leading verb ('Repeal ...', 'To ensure ...', 'Derogue ...').

    The verb `leading_verb` finds must be the first word, not one found behind a
    lead-in it skips ('Que el Estado ...'). By default the word may follow 'To'
    or adverbs and be inflected (its first two letters meet the lemma's), as
    submissions write asks. `as_printed` asks for the UPR's own print instead:
    a capitalised word that is the lemma itself ('Enshrine ...'), which tells a
    quoted recommendation from prose that happens to start with a verb.
    """
    if as_printed:
        tokens = text.split(None, 2)
        if not tokens or not tokens[0][:1].isupper():
            return False
        first = tokens[1] if tokens[0] in ("To", "to") and len(tokens) > 1 else tokens[0]
        verb, category = leading_verb(text[:200], lang)
        return verb is not None and category is not None and first.strip(",;:").casefold() == verb.casefold()
    words = [w.casefold() for w in OPENING_WORD.findall(text[:160])[:8]]
    while words and (
        words[0] in PARTICLES
        or words[0].endswith(ADVERB_ENDINGS)
        or (words[0] in ADVERB_JOINERS and len(words) > 1 and words[1].endswith(ADVERB_ENDINGS))
    ):
        words.pop(0)  # 'Immediately and unconditionally release ...'
    if not words or words[0] in DETERMINERS:
        return False
    verb, category = leading_verb(text[:HEAD_CHARS], lang)
    if category is None or not verb:
        return False
    return fold(verb)[:2] == fold(words[0])[:2]


def _lowest(cats: list[int | None]) -> int | None:
    real = [c for c in cats if c is not None]
    return min(real) if real else None


def classify_action(text: str, lang: str = "en") -> Action:
    """The Action record (leading verb, UPR Info category 1-5) of a recommendation's text."""
    verb, cat = leading_verb(text, lang)
    return Action(verb=verb, category=cat)
