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
    group_list() -> list[ThemeDef]
    tag_text(text, lang="en", heading=False) -> list[str]          theme ids
    tag_groups(text, lang="en", heading=False) -> list[str]        group ids
    tag_sections(sections, lang="en") -> dict[section id, list[theme id]]
    tag_recommendations(recs, sections, lang="en") -> list[Theme]  themes, then groups
    apply_themes(recs, themes) -> list[Recommendation]               copies with `themes` and `groups` filled
    apply_to_sections(sections, themes) -> list[Section]             the same for sections

Groups of persons are the Index's second dimension: who a recommendation
concerns (women & girls, children, Roma, detainees...), apart from what it is
about. A group is never a theme: the Index tags "Roma children's access to
education" with the theme education and the groups Roma and children, and a
recommendation on LGBTI persons with its themes (equality, gender-based
violence) and the group LGBTI.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

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
    groups: tuple[ThemeDef, ...]
    group_order: dict[str, int]
    implied: dict[str, tuple[str, ...]]  # theme id → the groups of persons it is about
    group_text: dict[str, _Matcher]
    group_heading: dict[str, _Matcher]


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
    groups = tuple(ThemeDef(g["id"], g["label"], "Groups of persons") for g in data.get("groups", []))
    group_text: dict[str, _Matcher] = {}
    group_heading: dict[str, _Matcher] = {}
    for lang in langs:
        m = _Matcher({}, {})
        for g in data.get("groups", []):
            for kw in [*g["keywords"].get(lang, []), *g["keywords"].get("any", [])]:
                _add(m, kw, g["id"])
        h = _Matcher({k: list(v) for k, v in m.exact.items()}, {k: list(v) for k, v in m.prefix.items()})
        for g in data.get("groups", []):
            for kw in g.get("headings", []):
                _add(h, kw, g["id"])
        group_text[lang] = _merge(m)
        group_heading[lang] = _merge(h)
    by_id = {t.id: t for t in (*themes, *groups)}
    return _Rules(
        data["taxonomy"],
        themes,
        by_id,
        order,
        text,
        heading,
        combos,
        groups,
        {g.id: i for i, g in enumerate(groups)},
        {t: tuple(gs) for t, gs in data.get("theme_groups", {}).items() if not t.startswith("_")},
        group_text,
        group_heading,
    )


def theme_list() -> list[ThemeDef]:
    """Every UHRI theme the package knows, in the Index's order."""
    return list(_rules().themes)


def group_list() -> list[ThemeDef]:
    """Every group of persons the package knows, in the Index's order."""
    return list(_rules().groups)


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


def _for_language(matchers: dict[str, _Matcher], lang: str) -> _Matcher:
    """The language's keywords; a language the data does not write reads with the English ones."""
    return matchers.get((lang or "en")[:2].lower(), matchers["en"])


def tag_text(text: str, lang: str = "en", heading: bool = False) -> list[str]:
    """Ids of the UHRI themes `text` concerns, in the Index's order (no duplicates)."""
    r = _rules()
    hits = set(_scan(text, _for_language(r.heading if heading else r.text, lang)))
    for need, block, add in r.combinations:  # in the data's order: a combination may block on an earlier one's themes
        if need <= hits and not block & hits:
            hits.update(add)
    return sorted((h for h in hits if h in r.order), key=r.order.__getitem__)


def tag_groups(text: str, lang: str = "en", heading: bool = False, themes: Sequence[str] | None = None) -> list[str]:
    """Ids of the groups of persons `text` names or its themes are about, in the Index's order (no duplicates).

    `themes`: the text's themes when the caller has them already (they are read otherwise).
    """
    r = _rules()
    hits = set(_scan(text, _for_language(r.group_heading if heading else r.group_text, lang)))
    for theme in tag_text(text, lang, heading) if themes is None else themes:
        hits.update(r.implied.get(theme, ()))
    return sorted((h for h in hits if h in r.group_order), key=r.group_order.__getitem__)


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


def _with_section(
    own: list[str], sid: str | None, by_section: dict[str, list[str]], by_id: dict[str, Section]
) -> list[str]:
    """`own` plus the tags of the nearest enclosing section whose title has any."""
    for s in _section_chain(sid, by_id):
        if by_section.get(s):
            return [*own, *(t for t in by_section[s] if t not in own)]
    return own


def _both(text: str, lang: str, heading: bool = False) -> tuple[list[str], list[str]]:
    """(theme ids, group ids) of one text, its themes read once."""
    themes = tag_text(text, lang, heading)
    return themes, tag_groups(text, lang, heading, themes)


def tag_recommendations(recs: Sequence[Recommendation], sections: Sequence[Section], lang: str = "en") -> list[Theme]:
    """Theme and group records for a document: each with the sections and recommendations it tags.

    A recommendation gets the themes (and groups) of its own text and those of
    the nearest enclosing section whose title names one ("Freedom of
    expression" flows into the recommendations listed under it).
    """
    r = _rules()
    by_id = {s.id: s for s in sections}
    titles = {s.id: _both(s.title or "", lang, heading=True) for s in sections}
    texts = {rec.id: _both(rec.text, lang) for rec in recs}
    out: list[Theme] = []
    dimensions: tuple[tuple[int, Literal["theme", "group"], tuple[ThemeDef, ...]], ...] = (
        (0, "theme", r.themes),
        (1, "group", r.groups),
    )
    for k, dimension, defs in dimensions:
        by_section = {sid: tags[k] for sid, tags in titles.items()}
        secs: dict[str, list[str]] = {}
        rids: dict[str, list[str]] = {}
        for sid, ts in by_section.items():
            for t in ts:
                secs.setdefault(t, []).append(sid)
        for rec in recs:
            for t in _with_section(texts[rec.id][k], rec.section, by_section, by_id):
                rids.setdefault(t, []).append(rec.id)
        out.extend(
            Theme(
                id=t.id,
                label=t.label,
                taxonomy=r.taxonomy,
                dimension=dimension,
                sections=secs.get(t.id, []),
                recommendations=rids.get(t.id, []),
            )
            for t in defs
            if t.id in secs or t.id in rids
        )
    return out


def _tagged(themes: Sequence[Theme], field: str) -> dict[str, dict[str, list[str]]]:
    """record id → {'themes': [...], 'groups': [...]} from the Theme records' `field` lists."""
    per: dict[str, dict[str, list[str]]] = {}
    for th in themes:
        key = "themes" if th.dimension == "theme" else "groups"
        for rid in getattr(th, field):
            per.setdefault(rid, {"themes": [], "groups": []})[key].append(th.id)
    return per


def apply_themes(recs: Sequence[Recommendation], themes: Sequence[Theme]) -> list[Recommendation]:
    """Copies of `recs` whose `themes` and `groups` list the ids of the records that tag them."""
    per = _tagged(themes, "recommendations")
    return [rec.model_copy(update=per.get(rec.id, {"themes": [], "groups": []})) for rec in recs]


def apply_to_sections(sections: Sequence[Section], themes: Sequence[Theme]) -> list[Section]:
    """Copies of `sections` whose `themes` and `groups` list the ids of the records whose titles name them."""
    per = _tagged(themes, "sections")
    return [s.model_copy(update=per[s.id]) if s.id in per else s for s in sections]
