"""Names: spelling keys, comparison of two spellings, and the shape of a name word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from rapidfuzz import fuzz

from extract.finders.cases.rules import LanguageRules
from extract.text.fold import fold_aligned

_TRANSLIT = (
    (re.compile(r"x"), "ks"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
    (re.compile(r"^ie"), "e"),
    (re.compile(r"(?<=[aeiou])i(?=[aeiou])"), ""),
    (re.compile(r"ck|q|c(?=[aou])"), "k"),
    (re.compile(r"([a-z])\1"), r"\1"),
)


@cache
def translit_key(token: str) -> str:
    """A spelling key that ignores the usual romanisation variants (Dorzhiyev/Dorzhiev, Maks/Max)."""
    s = re.sub(r"[^a-z]", "", fold_aligned(token).lower())
    for pat, rep in _TRANSLIT:
        s = pat.sub(rep, s)
    return s


def _same_token(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    if min(len(a), len(b)) < 4:
        return False
    return fuzz.ratio(a, b) >= 85


def name_keys(name: str, particles: frozenset[str] = frozenset()) -> list[str]:
    """The comparable tokens of a name: no particles, quotes or dots, transliteration-folded."""
    return list(_name_keys(name, particles))


@cache
def _name_keys(name: str, particles: frozenset[str]) -> tuple[str, ...]:
    keys = []
    for t in re.findall(r"[^\W\d_][\w'’.-]*", name):
        if t.lower() in particles:
            continue
        for part in re.split(r"[-'’.]", t):
            if part.lower() in particles or part.lower() in {"al", "el", "o", "d"}:
                continue
            k = translit_key(part)
            if k:
                keys.append(k)
    return tuple(keys)


def same_person(a: str, b: str, particles: frozenset[str] = frozenset()) -> bool:
    """Whether two spellings of two name words or more name the same person."""
    ka, kb = name_keys(a, particles), name_keys(b, particles)
    if len(ka) < 2 or len(kb) < 2:
        return False
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    if all(any(_same_token(s, t) for t in long_) for s in short):
        # every word of the shorter spelling is in the longer one, and they start alike, or the
        # shorter one is the longer one's surnames ('Ibáñez Mora', 'Rodrigo Ibáñez Mora')
        tail = long_[len(long_) - len(short) :]
        return _same_token(short[0], long_[0]) or all(_same_token(x, y) for x, y in zip(short, tail, strict=True))
    return _same_token(ka[0], kb[0]) and _same_token(ka[-1], kb[-1])


def _name_like(text: str) -> bool:
    """A capitalised word (not all capitals, which is how headings are printed) or an initial."""
    if not text or not text[0].isupper() or not text[0].isalpha():
        return False
    if len(text) == 2 and text[1] == ".":
        return True
    if not any(c.islower() for c in text):
        return False
    if len(text) > 2 and text[1] in "'’" and text[2].islower():
        return False  # French elision: "L’administration", "D’après"
    return all(c.isalpha() or c in "'’.-" for c in text)


CAPS_SURNAME_MIN = 3
"""Letters of a surname printed in capitals, at least: shorter capital words are mostly acronyms."""


def _caps_word(text: str) -> bool:
    """A word printed all in capitals ('PÉREZ', 'O'NEILL', 'GARCÍA-MORA'), long enough not to be an acronym."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= CAPS_SURNAME_MIN
        and text[0].isalpha()
        and all(c.isupper() for c in letters)
        and all(c.isalpha() or c in "'’-" for c in text)
    )


def _caps_surname(prev: Sequence[str], text: str) -> bool:
    """A surname printed in capitals after a given name ('Juan PÉREZ', 'Ana María PÉREZ GIL'): the
    capital word follows a capitalised name word, or another such surname that does."""
    if not _caps_word(text):
        return False
    for w in reversed(prev):
        if _caps_word(w):
            continue
        return _name_like(w) and not (len(w) == 2 and w[1] == ".")
    return False


def _is_full(name: str, rules: LanguageRules) -> bool:
    """Two name words or more, initials not counted."""
    return sum(1 for k in name_keys(name, rules.particles) if len(k) > 1) >= 2


def _surname_of(key: str, spelling: str, rules: LanguageRules) -> bool:
    words = [k for k in name_keys(spelling, rules.particles)[1:] if len(k) > 1]
    return any(_same_token(key, k) for k in words[-2:])


def _accents(s: str) -> int:
    return sum(1 for c in s if ord(c) > 127 and c.isalpha())


def _search_pattern(spellings: Iterable[str]) -> re.Pattern[str] | None:
    alts = []
    for s in sorted(set(spellings), key=len, reverse=True):
        toks = fold_aligned(s).split()
        if toks:
            alts.append(r"[\s]+".join(re.escape(t) for t in toks))
    if not alts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])")
