"""Who wrote a submission: organisations named by cover cues, self-descriptions, letterheads and repetition."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cache

from extract.finders.metadata.cues import Cues, load_cues
from extract.finders.metadata.dates import MONTHS
from extract.finders.metadata.members import LEGAL_SUFFIXES, continues_enumeration, members
from extract.finders.metadata.view import View, ws
from extract.finders.states import lookup_state
from extract.text.fold import fold

ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9&.\-]{1,11}$")
PAREN_ACRONYM = re.compile(r"^\(([A-ZÁÉÍÓÚÑ][A-Za-zÁÉÍÓÚÑ0-9&.\-]{1,11})\)$")
TOKEN = re.compile(r"\S+")
LEADING_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2})[.)º]?\s+(?=\S)")
GLUED_NOTE = re.compile(r"^(.*[^\W\d_][’'‟]?s?)\.?\d{1,2}$")
GLUED_PAREN_NOTE = re.compile(r"^(\([^()]+\))\d{1,2}$")
"""'(U.K.)1': a footnote mark fused to a closing parenthesis."""
LEADING = "“\"«‘'(¿¡[{"
TRAILING_PUNCT = ".,;:)”\"»’'!?]}"
ABBREVIATIONS_WITH_DOT = frozenset("inc. ltd. co. dept. st. u.k. u.s. a.c. e.v. no. corp. assn. intl. int.".split())
NAME_STOP_WORDS = frozenset(
    "para sobre acerca respecto relativo relativa sur concernant relatif regarding concerning about submission "
    "submissions report reports informe examen review contribution contribución contribucion upr epu session sesión "
    "sesion cycle ciclo cycle response respuesta statement declaration déclaration briefing presentación "
    "presentacion presenta presented submitted prepared universal periodic periódico periodico périodique "
    "stakeholder persona contact contacto tel tel. email e-mail website".split()
)
"""Words that end an organisation's name even when capitalised (all-capital titles)."""

CO_AUTHOR_JOINERS = frozenset({"and", "&", "y", "et", "with", "e"})

ARTICLES = ("the ", "la ", "el ", "le ", "les ", "los ", "las ", "l’", "l'")

NOT_NAME_STARTS = frozenset(
    "this these those that we our it its an a he she they their his her whilst while however although previous "
    "further furthermore moreover also in on at for as with from by to if when since there here "
    "finally lastly firstly secondly thirdly additionally "
    "este esta estos estas nuestra nuestro nuestras nuestros el la los las en su sus con por ce cette nous notre "
    "ces dans il elle when what how why where who which cuándo cuando qué cómo dónde quién porqué quand comment "
    "pourquoi où".split()
)
"""First words that make a capitalised run a sentence opening, not a name."""

GENERIC_WORDS = frozenset(
    "human rights derechos humanos droits homme de l human-rights right law laws state states government "
    "committee mechanism popular anual annual alternative report informe national nacional international general "
    "council consejo public público publico social civil society sociedad united kingdom nations naciones unies "
    "republic república republica bolivarian bolivariana executive summary introduction conclusion conclusions "
    "child children niños women mujeres mujer persons people policy policies section part chapter annex anexo".split()
)
"""Words that alone never make an organisation's name ("Human Rights", "Derechos Humanos", "Committee")."""

WEIGHTS = {
    "cover": 3.0,
    "title": 2.5,
    "furniture": 2.5,
    "head": 2.0,
    "self": 2.0,
    "about": 2.0,
    "letterhead": 2.0,
    "fallback": 1.0,
    "signature": 1.0,
    "metadata": 2.0,
}
"""How much one cue hit counts, by where it was found."""

MIN_SCORE = 2.0
CO_AUTHOR_SHARE = 0.5
CO_AUTHOR_SOURCES = frozenset({"cover", "title", "furniture", "about", "self", "list"})
"""A second author must be named where authors are named, not only in passing."""
MAX_RUN_WORDS = 28
"""A run of capitalised words longer than this is a title, not a name (two joined names fit)."""
HEAD_CUE_CHARS = 300
SIGNATURE_PARAGRAPHS = 3
FALLBACK_PARAGRAPHS = 40
FALLBACK_MIN_COUNT = 3


def _clean_token(raw: str) -> tuple[str, str]:
    """(core, trailing punctuation) of a whitespace token."""
    glued_paren = GLUED_PAREN_NOTE.match(raw.rstrip(",;:."))
    if glued_paren:
        return glued_paren.group(1), "."
    if PAREN_ACRONYM.match(raw.rstrip(",;:.")):
        return raw.rstrip(",;:."), raw[len(raw.rstrip(",;:.")) :]
    core = raw.lstrip(LEADING)
    tail = ""
    while core and core[-1] in TRAILING_PUNCT and core.casefold() not in ABBREVIATIONS_WITH_DOT:
        if core[-1] == ")" and "(" in core:
            break
        tail = core[-1] + tail
        core = core[:-1]
    glued = GLUED_NOTE.match(core)
    if glued:  # "Kingdom’s1", "Mujeres2": a footnote mark fused to the word
        core, tail = glued.group(1), "." + tail
    for poss in ("’s", "'s", "‟s"):
        if core.endswith(poss):
            core = core[: -len(poss)]
            tail = poss + tail
    return core, tail


def _nameish(core: str, prev: str | None) -> bool:
    if not core:
        return False
    if PAREN_ACRONYM.match(core):
        return True
    c0 = next((c for c in core if c.isalnum()), "")
    if c0.isupper():
        return True
    return bool(core.isdigit() and len(core) <= 3 and prev and fold(prev) in {"article", "artículo", "articulo"})


def _name_follows(toks: list[str], words: list[str]) -> bool:
    """Whether the tokens go on with a name's capitalised word (an article may come first).

    A name set in capitals goes on only in capitals: 'COMITÉ VECINAL X para el Resumen' ends at 'para'.
    """
    caps = bool(words) and all(w.isupper() for w in words if any(c.isalpha() for c in w))
    for raw in toks[:2]:
        core = _clean_token(raw)[0]
        if fold(core) in load_cues().articles:
            continue
        return _nameish(core, None) and fold(core).split("-")[0] not in NAME_STOP_WORDS and (not caps or core.isupper())
    return False


def _run_forward(text: str) -> str:
    """The run of capitalised words (with connectors) that `text` starts with: an organisation's name."""
    cues = load_cues()
    words: list[str] = []
    prev = None
    toks = TOKEN.findall(text[:400])
    for i, raw in enumerate(toks):
        core, tail = _clean_token(raw)
        f = fold(core)
        if not words and (f + " " in ARTICLES or f in {"l", "d"}):
            continue
        if (
            f in NAME_STOP_WORDS
            and not (core.islower() and f in cues.connectors and _name_follows(toks[i + 1 :], words))
        ) or (f in MONTHS):
            break  # 'X para el Examen' ends the name; 'Vigía Ciudadana para la Seguridad' does not
        # 'SCID I would like to submit': a one-letter word before a lowercase one opens a sentence
        # (short-circuit: the next token is cleaned only after a one-letter capital)
        if (
            words
            and len(core) == 1
            and core.isupper()
            and i + 1 < len(toks)
            and _clean_token(toks[i + 1])[0][:1].islower()
        ):
            break
        if f in cues.connectors and words:
            words.append(core)
        elif _nameish(core, prev) or (prev is not None and fold(prev) in load_cues().open_connectors):
            if tail.startswith(("’s", "'s", "‟s")):
                nxt = _clean_token(toks[i + 1])[0] if i + 1 < len(toks) else ""
                if nxt[:1].isupper() and fold(nxt) not in NAME_STOP_WORDS:
                    words.append(core + tail[:2])  # "Children’s Commissioner": the possessive is part of the name
                    prev = core
                    continue
            words.append(core)
        else:
            break
        prev = core
        if (tail and tail[0] in ",;:!?.)’'‟") or len(words) >= MAX_RUN_WORDS:
            break
        if PAREN_ACRONYM.match(core):
            nxt = fold(_clean_token(toks[i + 1])[0]) if i + 1 < len(toks) else ""
            if nxt not in CO_AUTHOR_JOINERS:
                break  # "(BID)" closes the name unless another author follows
    while words and fold(words[-1]) in cues.connectors:
        words.pop()
    return " ".join(words)


def _with_parens(core: str, raw: str, tail: str) -> str:
    """A word of a spelt-out gloss keeps its bracket ('HRAG (Harbour ... Group) with'), so the gloss can go later."""
    if raw.lstrip(LEADING.replace("(", "")).startswith("(") and not core.startswith("("):
        core = "(" + core
    if tail.startswith(")") and not core.endswith(")"):
        core += ")"
    return core


def _run_backward(text: str) -> str:
    """The run of capitalised words that `text` ends with."""
    cues = load_cues()
    toks = TOKEN.findall(text[-400:])
    words: list[str] = []
    for i in range(len(toks) - 1, -1, -1):
        raw = toks[i]
        core, tail = _clean_token(raw)
        if words and tail and tail[0] in ",;:!?.":
            break  # the sentence or list item before the name
        if not words and tail and tail[0] in ",;:!?." and core.casefold() not in ABBREVIATIONS_WITH_DOT:
            break  # "CSW –" or "Consortium-" may stand before the cue, a finished sentence may not
        f = fold(core)
        if core in {"-", "–", "—", "|"} and not words:
            continue
        if f in NAME_STOP_WORDS or f in MONTHS:
            break
        prev = _clean_token(toks[i - 1])[0] if i > 0 else None
        if f in cues.connectors and words:
            words.append(core)
        elif _nameish(core.rstrip("-–—"), prev) or (
            not words and prev is not None and fold(prev) in load_cues().open_connectors
        ):
            words.append(_with_parens(core.rstrip("-–—"), raw, tail))
        else:
            break
        if len(words) >= MAX_RUN_WORDS:
            break
    words.reverse()
    while words and (fold(words[0]) in cues.connectors):
        words.pop(0)
    while words and fold(words[-1]) in cues.connectors:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class _Glue:
    """What joins the names of a printed list of authors, built once from data/doc_kinds.json."""

    after: re.Pattern[str]
    """Before the next name: ', and', '; y', '&', ' - ', with an agent and an article ('A - B y por la C')."""
    before: re.Pattern[str]
    """After the previous name: the same glue read backwards."""
    article: re.Pattern[str]


@cache
def _glue() -> _Glue:
    cues = load_cues()
    words = [w for w in cues.conjunctions if w.isalpha()]
    conj = "|".join(map(re.escape, words))
    arts = "|".join(map(re.escape, sorted(cues.articles)))
    elided = "|".join(map(re.escape, cues.elided_articles))
    agents = "|".join(map(re.escape, cues.agents))
    return _Glue(
        after=re.compile(
            rf"^\s*(?:,\s*(?:{conj})?|;\s*(?:{conj})?|{conj}|&|[-–])\s+(?:(?:{agents})\s+(?:(?:{arts})\s+|{elided})?)?",
            re.I,
        ),
        before=re.compile(rf"(?:,\s*(?:{conj})?|;\s*(?:{conj})?|\b(?:{conj})|&)\s*$", re.I),
        article=re.compile(rf"\s*((?:{arts})\s+)?", re.I),
    )


NOTE_MARK = re.compile(r"^\d{1,2}(?=[\s,;])")
LIST_SEP = " ¦ "
"""Separates the authors of a printed list ("A (AA), B y C (CC)"): always split there."""


def _split_last_conjunction(run: str) -> list[str]:
    """'Convite y Acción Solidaria': in 'A, B y C' the last conjunction separates two list items."""
    parts = re.split(r"\s+(?:and|y|et|&)\s+(?=\S)", run)
    if len(parts) < 2:
        return [run]
    return [" and ".join(parts[:-1]) if len(parts) > 2 else parts[0], parts[-1]]


def _list_forward(text: str) -> str:
    """The names a cue introduces, as a list: 'A (AA), B and C' → 'A (AA) ¦ B ¦ C'."""
    runs: list[str] = []
    conjunctions = 0
    rest = text
    for _ in range(12):
        run = _run_forward(rest)
        if not run:
            break
        if runs and fold(run).rstrip(".") in LEGAL_SUFFIXES:
            runs[-1] += ", " + run  # "Harbour Analysis, Inc."
        else:
            runs.append(run)
        idx = rest.find(run.split()[-1])
        after = rest[idx + len(run.split()[-1]) :] if idx >= 0 else ""
        after = after.lstrip(")’'‟s") if after[:1] in ")’'‟" else after
        after = NOTE_MARK.sub("", after)  # 'Mujeres2 y por la …': a footnote mark after the name
        glue = _glue().after.match(after)
        if not glue:
            break
        if glue.group().strip() == ",":
            nxt = _run_forward_enumeration(after[glue.end() :])
            if nxt and continues_enumeration(runs[-1], nxt):
                runs[-1] += ", " + nxt  # '... para la Seguridad, la Defensa y la Fuerza Armada': one name
                break
        conjunctions += bool(re.search(r"(?i)\b(?:and|y|et)\b|&", glue.group()))
        rest = after[glue.end() :]
    if len(runs) == 2 and not conjunctions and len(_split_last_conjunction(runs[-1])) < 2:
        runs = runs[:1]  # "Vigía, Asociación Norvaliana de ...": a description in apposition, not a co-author
    elif len(runs) > 1:
        runs[-1:] = _split_last_conjunction(runs[-1])
    return LIST_SEP.join(runs)


def _run_forward_enumeration(text: str) -> str:
    """The words a comma's continuation runs to: its article, then the name run."""
    m = _glue().article.match(text)
    lead = m.group(1) or "" if m else ""
    run = _run_forward(text[m.end() if m else 0 :])
    return (lead + run).strip() if run else ""


def _list_backward(text: str) -> str:
    """The names before a cue, as a list ('A (AA), B y C (CC) someten ...')."""
    runs: list[str] = []
    conjunctions = 0
    rest = text
    for _ in range(12):
        run = _run_backward(rest)
        if not run:
            break
        runs.insert(0, run)
        idx = rest.rfind(run.split()[0])
        before = rest[:idx] if idx >= 0 else ""
        before = re.sub(r"(?i)\b(?:the|la|el|los|las|le|les)\s*$", "", before)
        glue = _glue().before.search(before)
        if not glue or not before[: glue.start()].rstrip():
            break
        conjunctions += bool(re.search(r"(?i)\b(?:and|y|et)\b|&", glue.group()))
        rest = before[: glue.start()].rstrip()
    if len(runs) == 2 and not conjunctions and len(_split_last_conjunction(runs[-1])) < 2:
        runs = runs[:1]  # "X, a description of X, presents ..."
    elif len(runs) > 1:
        runs[-1:] = _split_last_conjunction(runs[-1])
    return LIST_SEP.join(runs)


def _acronym_matches(short: str, long: str) -> bool:
    """Whether `long` spells out `short` (its letters in order, the first one opening a word)."""
    s = [c for c in short.casefold() if c.isalnum()]
    words = [w for w in re.split(r"[\s\-–/]+", long) if w]
    if not s or not words or len(words) < 2:
        return False
    if short.casefold() in (w.casefold().strip("().,;:") for w in words):
        return False  # "JUSTICE Stakeholder Submission" does not spell out JUSTICE
    lf = " ".join(words).casefold()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        c = s[si]
        while li >= 0 and (lf[li] != c or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    first = fold(words[0])[:1]
    return first == s[0]


SPELT_MAX_WORDS = 16


def _spelt_tail(acronym: str, before: str) -> str | None:
    """The shortest tail of the clause before '(ACR)' that spells the acronym and opens with a capital,
    dates and all: 'Comité de Familiares de los Desaparecidos de Mayo de 2019 (COFADEM)'."""
    clause = re.split(r"[.;:!?]\s", before)[-1]
    words = clause.split()[-SPELT_MAX_WORDS:]
    for k in range(2, len(words) + 1):
        tail = words[-k:]
        if tail[0][:1].isupper() and _acronym_matches(acronym, " ".join(tail)):
            return " ".join(tail)
    return None


def _acronym_map(v: View) -> dict[str, str]:
    """Acronyms the document spells out: 'Full Name (ACR)' and 'ACR (Full Name)'."""
    out: dict[str, str] = {}
    texts = [*v.blocks, *v.paragraphs[:60], *v.furniture]
    for text in texts:
        for m in re.finditer(r"\(([^()]{2,90})\)", text):
            inner = m.group(1).strip()
            before = text[: m.start()].rstrip()
            if ACRONYM.match(inner.replace(" ", "")) and " " not in inner.strip():
                long = _run_backward(before)
                if not _acronym_matches(inner, long):
                    long = _spelt_tail(inner, before) or long
                ws = long.split()
                # keep the shortest tail of the run that still spells the acronym
                for k in range(len(ws), 0, -1):
                    cand = " ".join(ws[-k:])
                    if _acronym_matches(inner, cand):
                        best = cand
                        for kk in range(1, k):
                            c2 = " ".join(ws[-kk:])
                            if _acronym_matches(inner, c2) and fold(ws[-kk])[:1] == fold(inner)[:1]:
                                best = c2
                                break
                        out.setdefault(inner, best)
                        break
            else:
                short = before.split()[-1] if before.split() else ""
                short = short.strip(LEADING + TRAILING_PUNCT)
                if ACRONYM.match(short) and _acronym_matches(short, inner):
                    out.setdefault(short, _run_forward(inner) or inner)
    return out


def _strip_name(name: str, cues: Cues) -> str:
    s = LEADING_NUMBER.sub("", ws(name))
    s = re.sub(r"\s*\([^()]{1,80}\)", "", s).strip()  # printed acronyms and glosses go
    changed = True
    while changed:
        changed = False
        for a in ARTICLES:
            if s.casefold().startswith(a) and len(s) > len(a) + 2:
                s = s[len(a) :].lstrip()
                changed = True
        for p in cues.prefixes:
            if fold(s).startswith(fold(p) + " ") and len(s.split()) > len(p.split()) + 1:
                if p in ("Fundación", "Organización", "Organization", "Organisation"):
                    continue  # part of many names ("Organization for Defending ...")
                s = s[len(p) :].lstrip()
                changed = True
    for suf in cues.suffixes:
        if s.endswith(" " + suf):
            s = s[: -len(suf) - 1].rstrip(" ,")
    for role in cues.role_titles:  # 'Freedonia Alliance Project Coordinator', from a signature
        if fold(s).endswith(" " + fold(role)) and len(s.split()) > len(role.split()) + 1:
            head = s[: len(s) - len(role)].rstrip(" ,")
            if fold(head.split()[-1]) not in cues.connectors:  # 'Office of the President' is a name
                s = head
            break
    return s.strip(" -–—,:;/")


def _is_state_only(name: str) -> bool:
    return (
        lookup_state(name) is not None or lookup_state(re.sub(r"^(?:the|la|el)\s+", "", name, flags=re.I)) is not None
    )


def _valid_name(name: str, cues: Cues) -> bool:
    if not name or len(name) < 2 or len(name.split()) > 14:
        return False
    if not any(c.isalpha() for c in name):
        return False
    words = [fold(w) for w in name.split()]
    if words[0] in NOT_NAME_STARTS or all(w in GENERIC_WORDS or w in cues.connectors for w in words):
        return False
    if len(words) == 1 and words[0] in cues.head_words and not name.isupper():
        return False  # "Consortium" alone is a word; "JUSTICE" set in capitals is a name
    if _is_state_only(name):
        return False
    return not any(p.search(name) for p in cues.stop_names)


@dataclass(slots=True)
class _Cand:
    name: str
    score: float = 0.0
    sources: set[str] = field(default_factory=set)
    lists: set[str] = field(default_factory=set)
    """The printed author lists ('by A, B and C') the name was read from."""


def _case_fix(name: str, full: str) -> str:
    """An all-capital name as the document writes it in running text, when it does."""
    if not name.isupper() or len(name) < 4 or " " not in name:
        return name
    pat = re.compile(re.escape(name).replace(r"\ ", r"\s+"), re.I)
    for m in pat.finditer(full):
        s = m.group()
        if not s.isupper():
            return ws(s)
    return name


def _expand(name: str, acronyms: dict[str, str], v: View) -> str:
    if " " in name or not ACRONYM.match(name):
        return name
    if name in acronyms:
        return acronyms[name]
    for line in v.cover[:12] + v.blocks[:6]:
        for cand in (_run_forward(line.strip()), ws(line).strip(" .,:;")):
            if cand and cand != name and len(cand.split()) <= 14 and _acronym_matches(name, cand):
                return cand
    return name


def _count(name: str, full_folded: str) -> int:
    """How often the document prints `name` (a substring count: fast, and names rarely hide inside words)."""
    return full_folded.count(fold(name)) if name else 0


CONJOINED = re.compile(r"(?i)(?:^|\s)(?:and|&|y|et)\s")
"""Authors joined by a conjunction ('A and B'), not a name followed by its description ('A, B')."""
JOINERS = re.compile(r"\s+(?:and|&|y|et|e|with)\s+|\s*,\s+|\s*;\s+")
CAPS_JOINERS = re.compile(r"\s+(?:AND|&|Y|ET|WITH)\s+|\s*,\s+|\s*;\s+")


def _split_co_authors(
    name: str, raw: str, full_folded: str, acronyms: dict[str, str], known: Collection[str] = ()
) -> list[str]:
    """'A and B' is two organisations when each part stands on its own in the document.

    `known`: folded names already found as candidates (a lone capitalised word may be one of them).
    """
    if LIST_SEP.strip() in raw:
        out = []
        for piece in raw.split(LIST_SEP.strip()):
            piece = ws(piece)
            stripped = re.sub(r"\s*\([^()]{1,80}\)", "", piece).strip()
            out.extend(_split_co_authors(stripped, piece, full_folded, acronyms, known) if stripped else [])
        return out
    if re.search(r"\)\s*(?:,|and|&|y|et|with)\s", raw):
        pieces = re.split(r"(?<=\))\s*(?:,\s*(?:and\s+|y\s+|et\s+)?|and\s+|&\s+|y\s+|et\s+|with\s+)", raw)
        return [p for p in pieces if p.strip()]
    caps = name.isupper()  # a banner set in capitals: 'X AND Y'
    joiners = CAPS_JOINERS if caps else JOINERS
    parts = joiners.split(name)
    if len(parts) < 2:
        return [name]
    if any(_is_state_only(p.strip()) for p in parts):
        return []  # "Child Protection and the United Kingdom": a topic, not authors
    whole = _count(name, full_folded)
    raw_has_acronyms = len(re.findall(r"\([A-Z][A-Za-z&.\-]{1,11}\)", raw)) >= len(parts)
    defined = {fold(x) for x in acronyms.values()}
    ok = []
    for p in parts:
        p = p.strip()
        words = p.split()
        if not words:
            return [name]
        # in capitals every word looks like an acronym: a lone word must be a name the document uses elsewhere
        is_acr = len(words) == 1 and (fold(p) in known if caps else ACRONYM.match(p) is not None)
        if len(words) < 2 and not is_acr:
            return [name]
        attested = _count(p, full_folded) > whole or fold(p) in defined or is_acr or raw_has_acronyms
        if not attested:
            return [name]
        ok.append(p)
    return ok


def organisations(v: View) -> list[str]:
    """The authors the cues name, then every member a joint submission lists (each once)."""
    names = _named_authors(v)
    for m in members(v):
        name = _strip_name(m, load_cues())  # legal forms go as they do for every author
        key = fold(name)
        if not key or any(key in fold(n) for n in names):
            continue  # already found, whole or inside a longer name
        # a name found that is only a fragment of this member ('Comité Vecinal') gives way to it
        names = [n for n in names if fold(n) not in key] + [name]
    return names


def _named_authors(v: View) -> list[str]:
    cues = load_cues()
    acronyms = _acronym_map(v)
    full_folded = fold(v.full + " " + " ".join(v.cover) + " " + " ".join(v.furniture))
    cands: dict[str, _Cand] = {}
    expanded = {fold(x) for x in acronyms.values()}

    def add(raw: str, weight: float, source: str) -> None:
        raw = ws(raw)
        if not raw:
            return
        base = _strip_name(raw, cues)
        if not base:
            return
        parts = _split_co_authors(base, raw, full_folded, acronyms, cands.keys())
        for part in parts:
            name = _strip_name(_expand(_strip_name(part, cues), acronyms, v), cues)
            name = _case_fix(name, v.full)
            if not _valid_name(name, cues):
                continue
            key = fold(name)
            c = cands.setdefault(key, _Cand(name))
            c.score += weight
            c.sources.add(source)
            if len(parts) > 1:
                c.sources.add("list")
                if source != "fallback":
                    c.lists.add(raw)
                if CONJOINED.search(raw):
                    c.sources.add("conjoined")

    def scan(text: str, weight: float, source: str) -> None:
        for p in cues.before:
            for m in p.finditer(text):
                is_about = p.pattern.startswith("\\babout")
                if (p.pattern.startswith("^") or is_about) and m.start() != 0:
                    continue
                run = _run_forward(text[m.end() :]) if is_about else _list_forward(text[m.end() :])
                add(run, WEIGHTS["about"] if is_about else weight, "about" if is_about else source)
        for p in cues.after:
            for m in p.finditer(text):
                head = text[: m.start()]
                where = TRAILING_PLACE.search(head)
                if where and _is_state_only(where.group(1)):
                    head = head[: where.start()]  # 'X, U.S.A. submits': the author's country is not its name
                run = _list_backward(head)
                first = run.split(LIST_SEP.strip())[0].split()[:1]
                pre = text[: m.start()]
                pre = pre[: pre.rfind(first[0])] if first and first[0] in pre else ""
                if re.search(r"(?i)\b(?:a|an|un|una|une)\s*$", pre):
                    continue  # "a Party Nation Report": some report, not this document
                add(run, weight, source)

    def scan_self(text: str) -> None:
        """'X is a charity ...' at a sentence start: the document introducing its author."""
        for p in cues.self_:
            for m in p.finditer(text[:600]):
                before = text[: m.start()].rstrip()
                run = _run_backward(before)
                if not run:
                    continue
                idx = before.rfind(run.split()[0])
                pre = before[:idx].rstrip() if idx >= 0 else before
                pre = re.sub(r"(?i)\b(?:the|la|el|le|l’|l')\s*$", "", pre).rstrip().rstrip("“\"«‘'").rstrip()
                if pre and not re.search(r"(?:[.:;!?]|^\d{1,2}[.)º]?\)?|\d{1,2}[.)º-])$", pre):
                    continue  # mid-sentence: not the document speaking of itself
                add(run, WEIGHTS["self"], "self")

    for i, line in enumerate(v.cover[:40]):
        scan(line, WEIGHTS["cover"], "cover")
        spaced = line + " "  # a cue may end the line ('... contribution of' / next line: the name)
        if i + 1 < len(v.cover) and any(
            (m := p.search(spaced)) and not spaced[m.end() :].strip()
            for p in cues.before
            if not p.pattern.startswith("^")
        ):
            add(_list_forward(_lines_list(v.cover, i + 1)), WEIGHTS["cover"], "cover")  # "by:" / next lines: names
    line_names = set(cands)
    for block in v.blocks[:12]:
        if block not in v.cover:
            before = set(cands)
            scan(block, WEIGHTS["cover"], "cover")
            for k in set(cands) - before:
                # a name a single line already gave, grown by the line above it, is that line's name
                if any(
                    n != k
                    and (k.endswith(" " + n) or (k.startswith(n + " ") and _is_state_only(cands[k].name[len(n) :])))
                    for n in line_names
                ):
                    del cands[k]  # a line's name run into the line before it, or into a State on the next
                    continue
                for n in line_names & set(cands):
                    if k.startswith(n + " ") and _ends_a_line(cands[n].name, v.cover) and "cover" in cands[k].sources:
                        cands[k].score += cands[n].score  # 'X and Harbourside' / 'University ...': a name the
                        cands[k].sources |= cands[n].sources  # line break cut is the block's whole name
                        del cands[n]
    for t in v.titles:
        scan(t, WEIGHTS["title"], "title")
        bare = _strip_name(t, cues)
        org_like = any(fold(w) in cues.head_words for w in bare.split()) and fold(bare) not in cands
        if org_like and _run_forward(t) == ws(t) and not any(p.search(t) for p in cues.stop_names):
            add(t, WEIGHTS["title"] / 2, "title")  # a title that is only an organisation's name: the author's
    for t in v.furniture:
        scan(t, WEIGHTS["furniture"], "furniture")
        if not any(p.search(t) for p in cues.stop_names) and _run_forward(t) == ws(t):
            add(t, WEIGHTS["furniture"] / 2, "furniture")
    for i, t in enumerate(v.head):
        if i < 3:
            scan(t[:HEAD_CUE_CHARS], WEIGHTS["head"], "head")
        scan_self(t)
    _letterhead(v, add)
    _signature(v, add, cues)
    _metadata_author(v, add, cues, full_folded)

    org_named: set[str] = set()
    for c in cands.values():
        n = _count(c.name, full_folded)
        c.score += min(n, 6) * 0.4
        named_like_org = any(fold(w) in cues.head_words for w in c.name.split()) or fold(c.name) in expanded
        if named_like_org:
            org_named.add(fold(c.name))
        listed = "conjoined" in c.sources and c.sources & {"cover", "title"}
        if n < 2 and not named_like_org and "self" not in c.sources and not listed:
            # a one-off capitalised run (a person, a title) is not an author, unless it says it is one
            # or the cover lists it among the authors ("Submission on behalf of: A (AA) and B")
            c.score = 0.0
    merged = [c for c in _merge(cands) if c.score > 0]
    if not merged:
        return _fallback(v, cues)
    best = max(c.score for c in merged)
    if best < MIN_SCORE:
        fb = _fallback(v, cues)
        if fb:
            return fb
    top = max(merged, key=lambda c: c.score)
    keep = [
        c
        for c in merged
        if c is top
        or (
            c.score >= max(MIN_SCORE, best * CO_AUTHOR_SHARE)
            and c.sources & CO_AUTHOR_SOURCES
            # a running header that names no organisation ('Supporting Victims of Road Crashes', a slogan
            # under the logo) may be the author when nothing else is, never a co-author beside one
            and (c.sources != {"furniture"} or fold(c.name) in org_named)
        )
        or (c.lists & top.lists and c.score >= MIN_SCORE)  # printed in the top author's own list of authors
    ]
    if not keep:
        keep = [max(merged, key=lambda c: c.score)]
    order = {id(c): i for i, c in enumerate(cands.values())}
    cover_folded = fold(" ".join(v.cover[:40]))

    def printed_at(c: _Cand) -> tuple[int, int]:
        at = cover_folded.find(fold(c.name))
        return (at if at >= 0 else len(cover_folded), order.get(id(c), len(order)))

    keep.sort(key=printed_at)  # as printed: the cover's order, then the order found
    return [c.name for c in keep]


TRAILING_PLACE = re.compile(r",\s*([^,;:]{2,40}?)\s*$")
LINE_JOINER = re.compile(r"^(?:and|&|y|et|with|con|avec)$", re.I)
CONTACT_LINE = re.compile(r"^(?:https?://|www\.)\S+$|^\S+@\S+$", re.I)
"""A web or mail address under an author's name, between two listed authors."""


def _lines_list(lines: list[str], start: int) -> str:
    """The authors a cue ending a line lists on the lines below ('Joint submission by:' / A / & / B), as one text.

    A line is taken only while a joiner links it to the previous one (a line that is just '&', or a line
    ending or starting with 'and'), so an address or a title under a single author is never run into it.
    """
    out = lines[start].strip()
    j = start + 1
    while j < len(lines) and j <= start + 8:
        nxt = lines[j].strip()
        if CONTACT_LINE.match(nxt):
            j += 1
            continue
        if LINE_JOINER.match(nxt) and j + 1 < len(lines):
            out = f"{out} {nxt} {lines[j + 1].strip()}"
            j += 2
            continue
        last, first = (out.split() or [""])[-1], (nxt.split() or [""])[0]
        if LINE_JOINER.match(last) or LINE_JOINER.match(first):
            out = f"{out} {nxt}"
            j += 1
            continue
        break
    return out


def _ends_a_line(name: str, lines: list[str]) -> bool:
    """Whether some cover line ends with `name` (as printed, bar closing punctuation)."""
    return any(fold(ln.rstrip(" .,;:")).endswith(fold(name)) for ln in lines)


def _letterhead(v: View, add: Callable[[str, float, str], None]) -> None:
    """A block at the top of the cover that is nothing but a name is often the organisation's letterhead."""
    for t in v.blocks[:5]:
        t = ws(t)
        run = _run_forward(t)
        if run and len(run) >= 0.8 * len(t.rstrip(" .:")):
            add(run, WEIGHTS["letterhead"], "letterhead")


def _metadata_author(v: View, add: Callable[[str, float, str], None], cues: Cues, full_folded: str) -> None:
    """The PDF's Author field, when it is an organisation's name the document also prints (a person, or
    'Microsoft Word', is neither)."""
    name = _strip_name(v.pdf_author or "", cues)
    if any(fold(w) in cues.head_words for w in name.split()) and _count(name, full_folded) >= 1:
        add(name, WEIGHTS["metadata"], "metadata")


def _signature(v: View, add: Callable[[str, float, str], None], cues: Cues) -> None:
    """Organisation-like names in the last paragraphs: a signature, or the author's own publications annexed."""
    seen: Counter[str] = Counter()
    for text in v.paragraphs[-SIGNATURE_PARAGRAPHS:]:
        for run in _runs(text):
            name = _strip_name(run, cues)
            if (
                len(name.split()) >= 2
                and any(fold(w) in cues.head_words for w in name.split())
                and _count(name, fold(v.full)) >= 2
            ):
                k = fold(name)
                seen[k] += 1
                if seen[k] <= 2:
                    add(name, WEIGHTS["signature"], "signature")


def _runs(text: str) -> Iterable[str]:
    """Every maximal run of capitalised words in `text`."""
    for m in re.finditer(r"(?:^|(?<=[\s(“\"‘]))[A-ZÁÉÍÓÚÑ]", text):
        prev = text[: m.start()].rstrip()
        if prev and prev.split()[-1][:1].isupper() and not prev.endswith((".", ",", ";", ":", ")", "”", '"', "’")):
            continue  # inside a run already taken from its start
        run = _run_forward(text[m.start() :])
        if run:
            yield run


def _merge(cands: dict[str, _Cand]) -> list[_Cand]:
    """One candidate per organisation: a shorter form inside a longer one adds to it."""
    items = sorted(cands.values(), key=lambda c: -len(c.name))
    out: list[_Cand] = []
    for c in items:
        key = fold(c.name)
        host = next(
            (
                o
                for o in out
                if re.search(r"(?<!\w)" + re.escape(key) + r"(?!\w)", fold(o.name))
                and (
                    len(key.split()) >= max(1, len(fold(o.name).split()) - 3)
                    or fold(o.name).startswith(key + ",")  # the name before an enumeration inside it
                )
            ),
            None,
        )
        if host is not None and (len(key.split()) >= 2 or ACRONYM.match(c.name)):
            host.score += c.score
            host.sources |= c.sources
            host.lists |= c.lists
        else:
            out.append(c)
    return out


def _fallback(v: View, cues: Cues) -> list[str]:
    """No cue named an author: the organisation-like name the document repeats most."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for text in v.paragraphs[:FALLBACK_PARAGRAPHS]:
        for m in re.finditer(r"(?:^|(?<=[\s(“\"]))[A-ZÁÉÍÓÚÑ]", text):
            if m.start() > 0 and text[m.start() - 1 : m.start()] not in ' (“"':
                continue
            prev = text[: m.start()].rstrip()
            if prev and prev[-1:].isalpha() and prev.split()[-1][:1].isupper():
                continue  # inside a run already counted from its start
            if not prev or prev[-1:] in ".:;!?":
                continue  # a sentence's first words are often not a name ("Que el Consejo ...")
            run = _strip_name(_run_forward(text[m.start() :]), cues)
            if len(run.split()) < 2 or not _valid_name(run, cues):
                continue
            if not any(fold(w) in cues.head_words for w in run.split()):
                continue
            k = fold(run)
            counts[k] += 1
            names.setdefault(k, run)
    if not counts:
        return []
    k, n = counts.most_common(1)[0]
    return [names[k]] if n >= FALLBACK_MIN_COUNT else []
