"""Sentence windows: the few runs of sentences worth running the NER on."""

from __future__ import annotations

from extract.finders.cases.rules import _CAPS_PAIR, LanguageRules
from extract.text.sentences import split_sentences


def sentences(text: str, rules: LanguageRules) -> list[tuple[int, int]]:
    """Sentence bounds by punctuation, not after the language's abbreviations or an initial."""
    return split_sentences(text, rules.abbreviations)


def _has_name_shape(text: str, rules: LanguageRules) -> bool:
    """Two capitalised words in a row, not both institution words; or an honorific before one."""
    for m in _CAPS_PAIR.finditer(text):
        a, b = m.group(1), m.group(2)
        if a in rules.honorifics or a + "." in rules.honorifics:
            return True
        if not rules.common(a) or not rules.common(b):
            return True
    return False


def _has_cue(text: str, rules: LanguageRules) -> bool:
    return bool(rules.event_re.search(text) or rules.role_re.search(text) or rules.relative_re.search(text))


def windows(text: str, rules: LanguageRules) -> list[tuple[int, int, list[tuple[int, int, int]]]]:
    """Runs of sentences worth NER: a cue and a name shape, plus the sentence before one that
    only resumes a name with a pronoun. Returns (start, end, [(start, end, sentence index)])."""
    sents = sentences(text, rules)
    pick = [False] * len(sents)
    for i, (a, b) in enumerate(sents):
        s = text[a:b]
        if not _has_cue(s, rules):
            continue
        if _has_name_shape(s, rules):
            pick[i] = True
        if rules.pronoun_re.search(s):
            pick[i] = True
            j = i - 1
            while j >= 0 and j >= i - 2:
                if _has_name_shape(text[sents[j][0] : sents[j][1]], rules):
                    pick[j] = True
                    break
                j -= 1
    out: list[tuple[int, int, list[tuple[int, int, int]]]] = []
    for i, (a, b) in enumerate(sents):
        if not pick[i]:
            continue
        if out and i > 0 and pick[i - 1]:
            out[-1][2].append((a, b, i))
            out[-1] = (out[-1][0], b, out[-1][2])
        else:
            out.append((a, b, [(a, b, i)]))
    return out
