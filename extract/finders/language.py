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

SAMPLE = 60_000
"""Characters read at most for the script: plenty for a language, and it bounds the time on huge inputs."""

WORD_SAMPLE = 25_000
"""Characters whose words are looked up: a few thousand function words decide."""

MIN_HITS = 3
"""Fewer function-word hits than this and the text is too short to tell."""

WORD = re.compile(r"[^\W\d_]+")

STOP_WORDS: dict[str, dict[str, frozenset[str]]] = {
    "latin": {
        lang: frozenset(words.split())
        for lang, words in {
            "en": "the of and to in is that for are on with as by this be was it an or not from which have has at "
            "its their been were they should also all other these who but such there would more any can may will into",
            "es": "de la que el en los del las por con una para es su al lo como más pero sus le ha este se no y a o "
            "un sobre entre también sin esta ser son fue han desde todo estado derechos",
            "fr": "de la le les et des du en un une est que pour dans qui par sur au pas ce aux se plus avec sont ont "
            "été cette il ne nous ses leur ou mais comme être droits",
            "pt": "de a o que e do da em um para com não uma os no se na por mais as dos como mas ao ele das à seu "
            "sua ou quando muito nos já está também pelo pela foi são direitos",
            "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
            "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über",
            "it": "di e il la che in per un del della è non le con si una da al dei sono gli alla anche nel delle "
            "come più ha ma questo ad essere stato diritti",
            "nl": "de en van het een in is dat op te zijn met voor niet die aan er ook als bij door om maar wordt "
            "werd naar uit dan",
        }.items()
    },
    "cyrillic": {
        lang: frozenset(words.split())
        for lang, words in {
            "ru": "и в не на что с по как это из за от для к о но его все так же она был было они бы при или уже "
            "если до только",
            "uk": "і в не на що з по як це із за від для до у та але його вже або якщо при було були",
            "bg": "и в не на че с по като това от за да се е са но той тя те ще бъде или при",
        }.items()
    },
}
"""The commonest function words of each language, grouped by the script they are written in."""

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
"""Unicode blocks that name a language (or, for Cyrillic, a group told apart by STOP_WORDS)."""


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
def _index(script: str) -> dict[str, tuple[str, ...]]:
    """Word → the languages of `script` that list it."""
    out: dict[str, list[str]] = {}
    for lang, words in STOP_WORDS[script].items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(v) for w, v in out.items()}


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
    if script not in STOP_WORDS:
        return script
    index = _index(script)
    hits: Counter[str] = Counter()
    for w, n in Counter(WORD.findall(sample[:WORD_SAMPLE].casefold())).items():
        for lang in index.get(w, ()):
            hits[lang] += n
    if not hits or hits.most_common(1)[0][1] < MIN_HITS:
        return "und"
    return hits.most_common(1)[0][0]
