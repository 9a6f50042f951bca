"""Folding text for comparison: one meaning per function, named for it.

- `fold`: the comparison key of a word or phrase: case, accents and
  apostrophe style ignored ('Perú' = 'PERU', 'd’Ivoire' = "d'ivoire"). The
  result may be shorter or longer than the input (NFKD, casefold's 'ß' → 'ss'),
  so it is for comparing, never for offsets.
- `fold_aligned`: the same idea one character for one, so a match found in the
  folded text has the same offsets in the original; it keeps case and only
  flattens letters that have a plain Latin base, quotes and hyphens.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Casefolded, without accents, apostrophes plain (cached: the same words recur)."""
    if s.isascii():
        return s.casefold()
    s = unicodedata.normalize("NFKD", s.translate(_APOSTROPHES))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


_ALIGNED: dict[int, str] = {}
for _cp in range(0xC0, 0x250):
    _base = unicodedata.normalize("NFKD", chr(_cp))[:1]
    if _base.isascii() and _base.isalpha() and _base != chr(_cp):
        _ALIGNED[_cp] = _base
_ALIGNED.update({ord("’"): "'", ord("‘"): "'", ord("\u00a0"): " ", ord("‐"): "-", ord("‑"): "-"})


def fold_aligned(text: str) -> str:
    """Accents off, quotes and hyphens plain, one character for one, so offsets stay valid."""
    return text.translate(_ALIGNED)
