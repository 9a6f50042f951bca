"""Character-level facts about PDF text: ligatures, private-use bullets, font styles.

Kept as tables apart from the reader so a new PDF producer's quirk is one
entry here, not a branch in the reader.
"""

from __future__ import annotations

import re

BULLET = "•"

# Presentation-form ligatures and other glyphs that stand for several letters.
LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}

# Symbol/Wingdings fonts put their bullets in the private-use area; Word's
# "Symbol" bullet is U+F0B7, its square and arrow bullets sit nearby.
PRIVATE_USE_BULLETS = frozenset(
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0a5\uf0e0\uf0f0\uf0d7\uf071\uf075\uf0ad\uf02d\uf0be\uf09f\uf06c\uf0b2"
)
# Visible bullet characters found in real submissions.
BULLET_CHARS = frozenset("•◦▪▫■□●○◆◇►▶➢➤✓✔–—‣⁃∙·*-")

# Characters that become a plain space.
SPACES = frozenset("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t")
# Characters dropped outright (zero-width and direction marks).
DROPPED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f")

SOFT_HYPHEN = "\u00ad"
HYPHENS = frozenset("-\u2010\u2011" + SOFT_HYPHEN)


def normalise_char(text: str) -> str:
    """The text one PDF glyph contributes (may be empty or several letters)."""
    if len(text) == 1:
        if text in SPACES:
            return " "
        if text in DROPPED:
            return ""
        if text in PRIVATE_USE_BULLETS:
            return BULLET
        lig = LIGATURES.get(text)
        if lig is not None:
            return lig
        if "\ue000" <= text <= "\uf8ff":
            # Other private-use glyphs are symbol-font pictures with no text meaning.
            return BULLET
        return text
    if text.startswith("(cid:"):
        return ""
    return "".join(normalise_char(c) for c in text) if len(text) > 1 else text


_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b|bd\b", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique|-it\b|,i\b|\bit$", re.IGNORECASE)
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def font_family(fontname: str) -> str:
    """Font name without the subset prefix ('ABCDEF+Arial-Bold' → 'Arial-Bold')."""
    return _SUBSET.sub("", fontname)


def font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) read from the font's name, the only place most PDFs say it."""
    name = font_family(fontname)
    return bool(_BOLD.search(name)), bool(_ITALIC.search(name))
