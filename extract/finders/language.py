"""Which language a document is written in (ISO 639-1), offline and in linear time.

Function words make up a large share of any running text and differ between
languages that share a script, so counting them is enough for whole documents;
scripts other than Latin and Cyrillic are told by their letters alone. No model,
no network: the tool must run anywhere.

Public API:
    detect_language(text) -> str   ("en", "es", "fr", "ru", ...; "und" when undetermined)
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from extract.lang import language, languages

SAMPLE = 60_000
"""Characters read at most for the script: plenty for a language, and it bounds the time on huge inputs."""

WORD_SAMPLE = 25_000
"""Characters whose words are looked up: a few thousand function words decide."""

MIN_HITS = 3
"""Fewer function-word hits than this and the text is too short to tell."""

WORD = re.compile(r"[^\W\d_]+")

SCRIPTS: list[tuple[str, tuple[tuple[int, int], ...]]] = [
    ("cyrillic", ((0x0400, 0x052F),)),
    ("ar", ((0x0600, 0x06FF), (0x0750, 0x077F))),
    ("he", ((0x0590, 0x05FF),)),
    ("el", ((0x0370, 0x03FF),)),
    ("hi", ((0x0900, 0x097F),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("ko", ((0xAC00, 0xD7AF), (0x1100, 0x11FF))),
    ("ja", ((0x3040, 0x30FF),)),
    ("zh", ((0x4E00, 0x9FFF),)),
]
"""Unicode blocks that name a language (or, for Cyrillic, a group told apart by function words)."""


SCRIPT_LETTERS: list[tuple[str, re.Pattern[str]]] = [
    ("latin", re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")),
    *(
        (name, re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges) + "]"))
        for name, ranges in SCRIPTS
    ),
]
"""One character class per script, counted by the regex engine (fast on long texts)."""

LATIN = SCRIPT_LETTERS[0][1]
NOT_OTHER_SCRIPT = re.compile(r"[\x00-\u024f\u1e00-\u1eff\u2000-\u206f\s\d]+")
"""Latin letters, digits, spaces and punctuation: what is left after removing them is another script."""
LATIN_PROBE = 20_000


@cache
def _indexes() -> dict[str, dict[str, tuple[str, ...]]]:
    """Per script, word → the languages written in it that list it (extract/lang/<code>/language.json)."""
    out: dict[str, dict[str, list[str]]] = {}
    for code in languages():
        data = language(code)
        if data is None or not data.function_words:
            continue
        by_word = out.setdefault(data.script, {})
        for w in data.function_words:
            by_word.setdefault(w, []).append(code)
    return {script: {w: tuple(v) for w, v in words.items()} for script, words in out.items()}


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language most of `text` is written in, or "und"."""
    sample = text[:SAMPLE]
    other = NOT_OTHER_SCRIPT.sub("", sample)  # the letters outside Latin, if any
    latin = len(LATIN.findall(sample[:LATIN_PROBE]))
    if len(other) * 20 < latin:
        scripts: Counter[str] = Counter({"latin": latin})
    else:
        scripts = Counter({name: len(p.findall(other)) for name, p in SCRIPT_LETTERS[1:]})
        scripts["latin"] = len(LATIN.findall(sample))
        scripts = +scripts  # drop the scripts not seen
    if not scripts:
        return "und"
    script, _ = scripts.most_common(1)[0]
    if "ja" in scripts and script == "zh":
        script = "ja"  # Japanese mixes kanji with kana; Chinese has no kana
    index = _indexes().get(script)
    if index is None:
        return script
    hits: Counter[str] = Counter()
    for w, n in Counter(WORD.findall(sample[:WORD_SAMPLE].casefold())).items():
        for lang in index.get(w, ()):
            hits[lang] += n
    if not hits or hits.most_common(1)[0][1] < MIN_HITS:
        return "und"
    return hits.most_common(1)[0][0]
