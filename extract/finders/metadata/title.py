"""A document's title: the one the layout or the PDF gives, else the cover's largest type."""

from __future__ import annotations

from extract.finders.metadata.view import View, ws


def title_of(v: View) -> str | None:
    if v.titles:
        return ws(v.titles[0])
    if not v.cover_styled:
        return None
    biggest = max(ln.size for ln in v.cover_styled[:15])
    if biggest <= 0:
        return None
    parts = [ln.text.strip() for ln in v.cover_styled[:15] if ln.size >= biggest - 0.5 and ln.text.strip()]
    return ws(" ".join(parts)) or None
