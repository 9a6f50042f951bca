"""Tag recommendations and section titles with themes of the OHCHR Universal Human Rights Index (UHRI).

The theme list and the rules are package data (data/uhri_themes.json): each theme
has keywords per language (plus acronyms read in every language), extra phrases
read only in headings, and a few combinations of cues ("women" with "violence"
is violence against women) that may also name blocking cues, so a theme is tagged
on its own evidence only (generic "discrimination" is racial discrimination only
when no other ground such as disability or sexual orientation is named). The
rules are transparent on purpose: a reader can see why a text got a theme, and a
wrong tag is fixed by editing a word list.

Matching works on word tokens (case and accents folded, hyphen and space alike)
with a dictionary keyed by a keyword's first word, so it is linear in the text.
At each place the longest keyword wins, which lets a specific phrase shadow the
general words inside it ('human rights education' is not also 'education');
keywords of equal length all count, so an exact word never hides a prefix one.

Public API:
    theme_list() -> list[ThemeDef]
    tag_text(text, lang="en", heading=False) -> list[str]          theme ids
    tag_sections(sections, lang="en") -> dict[section id, list[theme id]]
    tag_recommendations(recs, sections, lang="en") -> list[Theme]
    apply_themes(recs, themes) -> list[Recommendation]               copies with `themes` filled
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract import DATA_DIR
from extract.text.fold import fold
from schemas import Recommendation, Section, Theme

DATA = DATA_DIR / "uhri_themes.json"

TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class ThemeDef:
    id: str
    label: str
    group: str


@dataclass(frozen=True, slots=True)
class _Keyword:
    words: tuple[tuple[str, bool, bool], ...]  # (folded or exact word, is_prefix, case_sensitive)
    themes: tuple[str, ...]


@dataclass(slots=True)
class _Matcher:
    exact: dict[str, list[_Keyword]]
    prefix: dict[str, list[_Keyword]]  # first three letters of a prefix word → keywords


@dataclass(frozen=True, slots=True)
class _Rules:
    taxonomy: str
    themes: tuple[ThemeDef, ...]
    by_id: dict[str, ThemeDef]
    order: dict[str, int]  # theme id → its place in the Index's list
    text: dict[str, _Matcher]
    heading: dict[str, _Matcher]
    combinations: tuple[tuple[frozenset[str], frozenset[str], tuple[str, ...]], ...]  # (all, none, add)


def _parse_keyword(kw: str) -> tuple[tuple[str, bool, bool], ...]:
    case = kw.startswith("=")
    body = kw[1:] if case else kw
    words = []
    for raw in re.findall(r"[^\W_]+\*?", body):
        prefix = raw.endswith("*")
        w = raw.rstrip("*")
        words.append((w if case else fold(w), prefix, case))
    return tuple(words)


def _add(m: _Matcher, kw: str, theme: str) -> None:
    words = _parse_keyword(kw)
    if not words:
        return
    first, is_prefix, case = words[0]
    key = _Keyword(words, (theme,))
    if is_prefix and len(first) >= 3:
        m.prefix.setdefault(fold(first)[:3], []).append(key)
    else:
        m.exact.setdefault(first if case else fold(first), []).append(key)


def _merge(m: _Matcher) -> _Matcher:
    """One entry per distinct keyword, carrying all its themes; longest keywords first."""

    def merged(lst: list[_Keyword]) -> list[_Keyword]:
        acc: dict[tuple, list[str]] = {}
        for k in lst:
            acc.setdefault(k.words, [])
            for t in k.themes:
                if t not in acc[k.words]:
                    acc[k.words].append(t)
        out = [_Keyword(w, tuple(ts)) for w, ts in acc.items()]
        out.sort(key=lambda k: (-len(k.words), -sum(len(w[0]) for w in k.words)))
        return out

    return _Matcher({k: merged(v) for k, v in m.exact.items()}, {k: merged(v) for k, v in m.prefix.items()})


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    themes = tuple(ThemeDef(t["id"], t["label"], t["group"]) for t in data["themes"])
    text: dict[str, _Matcher] = {}
    heading: dict[str, _Matcher] = {}
    # the languages the keywords are written in; any other reads with the English ones (see tag_text)
    langs = sorted({code for t in data["themes"] for code in t["keywords"] if code != "any"})
    for lang in langs:
        m = _Matcher({}, {})
        for t in data["themes"]:
            for kw in [*t["keywords"].get(lang, []), *t["keywords"].get("any", [])]:
                _add(m, kw, t["id"])
        for flag, per_lang in data.get("flags", {}).items():
            if flag.startswith("_") and isinstance(per_lang, dict):
                for kw in per_lang.get(lang, []):
                    _add(m, kw, flag)
        h = _Matcher({k: list(v) for k, v in m.exact.items()}, {k: list(v) for k, v in m.prefix.items()})
        for t in data["themes"]:
            for kw in t.get("headings", []):
                _add(h, kw, t["id"])
        text[lang] = _merge(m)
        heading[lang] = _merge(h)
    combos = tuple(
        (frozenset(c["all"]), frozenset(c.get("none", ())), tuple(c["add"])) for c in data.get("combinations", [])
    )
    order = {t.id: i for i, t in enumerate(themes)}
    return _Rules(data["taxonomy"], themes, {t.id: t for t in themes}, order, text, heading, combos)


def theme_list() -> list[ThemeDef]:
    """Every UHRI theme the package knows, in the Index's order."""
    return list(_rules().themes)


def _matches(kw: _Keyword, raw: list[str], folded: list[str], i: int) -> bool:
    if i + len(kw.words) > len(raw):
        return False
    for j, (w, is_prefix, case) in enumerate(kw.words):
        tok = raw[i + j] if case else folded[i + j]
        if not (tok.startswith(w) if is_prefix else tok == w):
            return False
    return True


def _scan(text: str, m: _Matcher) -> list[str]:
    raw = TOKEN.findall(text)
    folded = [fold(t) for t in raw]
    found: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        f = folded[i]
        best: list[_Keyword] = []  # every keyword of the longest length matching here: ties all count
        lists = [m.exact.get(f, ()), m.prefix.get(f[:3], ())]
        if raw[i] != f:
            lists.append(m.exact.get(raw[i], ()))
        for lst in lists:
            for k in lst:  # longest first: the first match is this list's best
                if best and len(k.words) < len(best[0].words):
                    break
                if _matches(k, raw, folded, i):
                    if best and len(k.words) > len(best[0].words):
                        best = []
                    best.append(k)
                    break
        if not best:
            i += 1
            continue
        for k in best:
            found.extend(k.themes)
        i += len(best[0].words)
    return found


def tag_text(text: str, lang: str = "en", heading: bool = False) -> list[str]:
    """Ids of the UHRI themes `text` concerns, in the Index's order (no duplicates)."""
    r = _rules()
    code = (lang or "en")[:2].lower()
    matchers = r.heading if heading else r.text
    m = matchers.get(code, matchers["en"])
    hits = set(_scan(text, m))
    for need, block, add in r.combinations:  # in the data's order: a combination may block on an earlier one's themes
        if need <= hits and not block & hits:
            hits.update(add)
    return sorted((h for h in hits if h in r.order), key=r.order.__getitem__)


def tag_sections(sections: Iterable[Section], lang: str = "en") -> dict[str, list[str]]:
    """Theme ids per section id, read from the section titles (with the heading-only phrases)."""
    return {s.id: tag_text(s.title or "", lang, heading=True) for s in sections}


def _section_chain(sid: str | None, by_id: dict[str, Section]) -> list[str]:
    out = []
    seen: set[str] = set()
    while sid and sid in by_id and sid not in seen:
        seen.add(sid)
        out.append(sid)
        sid = by_id[sid].parent
    return out


def tag_recommendations(recs: Sequence[Recommendation], sections: Sequence[Section], lang: str = "en") -> list[Theme]:
    """Theme records for a document: each theme with the sections and recommendations it tags.

    A recommendation gets the themes of its own text and those of the nearest
    enclosing section whose title names a theme ("Freedom of expression" flows
    into the recommendations listed under it).
    """
    r = _rules()
    by_section = tag_sections(sections, lang)
    by_id = {s.id: s for s in sections}
    rec_tags: dict[str, list[str]] = {}
    for rec in recs:
        tags = tag_text(rec.text, lang)
        for sid in _section_chain(rec.section, by_id):
            if by_section.get(sid):
                tags = [*tags, *(t for t in by_section[sid] if t not in tags)]
                break
        rec_tags[rec.id] = tags
    secs: dict[str, list[str]] = {}
    rids: dict[str, list[str]] = {}
    for sid, ts in by_section.items():
        for t in ts:
            secs.setdefault(t, []).append(sid)
    for rid, ts in rec_tags.items():
        for t in ts:
            rids.setdefault(t, []).append(rid)
    return [
        Theme(
            id=t.id, label=t.label, taxonomy=r.taxonomy, sections=secs.get(t.id, []), recommendations=rids.get(t.id, [])
        )
        for t in r.themes
        if t.id in secs or t.id in rids
    ]


def apply_themes(recs: Sequence[Recommendation], themes: Sequence[Theme]) -> list[Recommendation]:
    """Copies of `recs` whose `themes` list the ids of the Theme records that tag them."""
    per: dict[str, list[str]] = {}
    for th in themes:
        for rid in th.recommendations:
            per.setdefault(rid, []).append(th.id)
    return [rec.model_copy(update={"themes": per.get(rec.id, [])}) for rec in recs]
