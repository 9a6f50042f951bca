"""The cue tables, compiled once: extract/data/doc_kinds.json and each language's metadata.json."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from extract import DATA_DIR
from extract.finders.metadata.words import merged
from extract.text.fold import fold

DATA = DATA_DIR / "doc_kinds.json"


@dataclass(frozen=True, slots=True)
class Cues:
    un_cover: list[re.Pattern[str]]
    masthead: frozenset[str]
    """A UN masthead's words ('UNITED NATIONS', 'A', 'General Assembly'): never a title."""
    un_kinds: list[tuple[str, list[re.Pattern[str]]]]
    symbol_suffix: dict[str, str]
    other_kinds: list[re.Pattern[str]]
    joint: list[re.Pattern[str]]
    nhri_names: list[re.Pattern[str]]
    nhri_self: list[re.Pattern[str]]
    submission: list[re.Pattern[str]]
    before: list[re.Pattern[str]]
    after: list[re.Pattern[str]]
    self_: list[re.Pattern[str]]
    prefixes: list[str]
    suffixes: list[str]
    connectors: frozenset[str]
    conjunctions: tuple[str, ...]
    prepositions: frozenset[str]
    articles: frozenset[str]
    elided_articles: tuple[str, ...]
    open_connectors: frozenset[str]
    agents: tuple[str, ...]
    role_titles: tuple[str, ...]
    stop_names: list[re.Pattern[str]]
    head_words: frozenset[str]
    member_lists: list[re.Pattern[str]]
    not_authors: list[re.Pattern[str]]
    authoring: list[re.Pattern[str]]
    upr_context: list[re.Pattern[str]]
    cycles: dict[int, tuple[int, int]]
    """The Working Group sessions each UPR cycle held (first, last)."""
    not_submission: list[re.Pattern[str]]


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    d = json.loads(DATA.read_text(encoding="utf-8"))

    def comp(ps: Iterable[str]) -> list[re.Pattern[str]]:
        return [re.compile(p, re.I) for p in ps]

    org = d["organisations"]
    words = merged()
    order = d["un_kinds"]["order"]
    unknown = set(words.un_kinds) - set(order)
    if unknown:
        raise ValueError(f"UN document kinds missing from {DATA}: {sorted(unknown)}")
    return Cues(
        un_cover=comp([*d["un_cover"]["patterns"], *words.un_cover]),
        masthead=frozenset(w.casefold() for w in d["un_cover"]["masthead"]["words"]),
        un_kinds=[(kind, comp(words.un_kinds.get(kind, ()))) for kind in order],
        symbol_suffix={k: v for k, v in d["un_kinds"]["symbol_suffix"].items() if not k.startswith("_")},
        other_kinds=comp(words.other_kinds),
        joint=comp([*d["joint"]["patterns"], *words.joint]),
        nhri_names=comp(words.nhri_names),
        nhri_self=comp(words.nhri_self),
        submission=comp(words.submission),
        before=comp(org["before"]),
        after=comp(org["after"]),
        self_=comp(org["self"]),
        prefixes=sorted(org["legal_forms"]["prefixes"], key=len, reverse=True),
        suffixes=sorted(org["legal_forms"]["suffixes"], key=len, reverse=True),
        connectors=frozenset(c.casefold() for c in org["connectors"]),
        conjunctions=tuple(org["conjunctions"]),
        prepositions=frozenset(org["prepositions"]),
        articles=frozenset(org["articles"]),
        elided_articles=tuple(org["elided_articles"]),
        open_connectors=frozenset(org["open_connectors"]),
        agents=tuple(org["agents"]),
        role_titles=tuple(sorted(org["role_titles"], key=len, reverse=True)),
        stop_names=comp(org["stop_names"]["patterns"]),
        head_words=frozenset(fold(w) for w in words.organisation_words),  # compared with fold(word) everywhere
        member_lists=comp(words.member_lists),
        not_authors=comp(words.not_authors),
        authoring=comp(words.authoring),
        upr_context=comp(words.upr_context),
        cycles={int(k): (int(v[0]), int(v[1])) for k, v in d["cycles"].items() if not k.startswith("_")},
        not_submission=comp(words.not_submission),
    )
