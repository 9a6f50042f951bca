"""spaCy glue of the case finder: the name-word attribute, token patterns, tags on demand."""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from extract.finders import nlp as nlp_mod
from extract.finders.cases.names import _caps_surname, _name_like
from extract.finders.cases.rules import _HYPHENS, _QUOTES, MAX_NAME_TOKENS, rules_for

CAPS_CHAIN = 3
"""Capital surnames in a row after a given name, at most ('Luis ESCOBAR UGAS')."""


def _token_name_like(t: Token) -> bool:
    """A name word, or a surname printed in capitals right after one ('Juan PÉREZ')."""
    if _name_like(t.text):
        return True
    prev = [x.text for x in t.doc[max(0, t.i - CAPS_CHAIN) : t.i]]
    return _caps_surname(prev, t.text)


if not Token.has_extension("upr_name_like"):
    Token.set_extension("upr_name_like", getter=_token_name_like)


@cache
def _matcher(pipeline: str, language: str) -> Matcher:
    """Token patterns: an honorific and name words; runs of name words joined by particles or hyphens;
    'the <Place> Five' style group names."""
    nlp = nlp_mod.load(pipeline)
    rules = rules_for(language)
    m = Matcher(nlp.vocab)
    name_tok = {"_": {"upr_name_like": True}}
    glue = {"LOWER": {"IN": sorted(rules.particles | _HYPHENS | _QUOTES)}, "OP": "*"}
    tail: list[dict] = []
    for _ in range(MAX_NAME_TOKENS - 2):
        tail += [glue, {**name_tok, "OP": "?"}]
    m.add("RUN", [[name_tok, glue, name_tok, *tail]], greedy="LONGEST")
    m.add("HON", [[{"ORTH": {"IN": sorted(rules.honorifics)}}, name_tok, *tail]], greedy="LONGEST")
    if rules.group_numbers:
        m.add("GROUP", [[{"LOWER": "the"}, name_tok, {"ORTH": {"IN": sorted(rules.group_numbers)}}]], greedy="LONGEST")
    return m


def _tagged(nlp: Language, doc: Doc) -> bool:
    """Part-of-speech tags on `doc`, added once and only when asked for (the tagger costs as much as the NER)."""
    if "upr_tagged" not in doc.user_data:
        doc.user_data["upr_tagged"] = nlp_mod.tag(nlp, doc)
    return bool(doc.user_data["upr_tagged"])
