"""Names of States → ISO 3166-1 alpha-3, for the State under review and recommending States.

UPR documents name States in UN style ("Bolivia (Plurinational State of)"), in ISO
style ("Korea, Republic of"), informally ("the UK") and in Spanish or French. One
table (extract/data/un_state_names.json, UN Member and observer States only, so that
territories such as "Réunion" never turn a French word into a State) plus pycountry's
English and translated names covers them. Matching works on word tokens, so it is
linear in the text and never cuts a word ("Cuban" is not "Cuba").

Public API:
    lookup_state(name, adjectives=False) -> StateRef | None
    state_word(word) -> bool
    find_states(text, adjectives=False) -> list[tuple[int, int, StateRef]]
    state_ref(iso3) -> StateRef | None
    closest_state(name) -> StateRef | None       (what a misprinted name most likely means)
"""

from __future__ import annotations

import gettext
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from extract import DATA_DIR
from extract.lang import read_languages
from extract.text.fold import fold
from schemas import StateRef

DATA = DATA_DIR / "un_state_names.json"

WORD = re.compile(r"[^\W_]+")
"""A token: a run of letters/digits. Apostrophes, hyphens and brackets separate tokens."""

ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}|(?<![\w.])(?:EE\.\s?UU\.)|\b[A-Z]{2,4}\b")
"""Dotted or all-capital abbreviations ("U.K.", "EE.UU.", "DPRK"); looked up in the table's abbreviation list."""

GAP_OK = re.compile(r"[\s,'’\-–()]*")
"""What may stand between the tokens of one name ("Bolivia (Plurinational State of)", "Côte d'Ivoire")."""

NAME_FUNCTION_WORDS = frozenset(
    "in of the and to from for by with on at as is are was were that this its en de del la le les el los las du des "
    "et y à au aux a sur por para que".split()
)
"""Capitalised at a sentence start, these may touch an ambiguous name without making it a person or a place."""

MAX_TOKENS = 12


@dataclass(frozen=True, slots=True)
class _Entry:
    iso3: str
    adjective: bool = False
    ambiguous: bool = False
    blocked: bool = False  # a longer non-State name ("Northern Ireland"): swallow the span, report nothing
    closing_paren: bool = False  # the printed name ends with ")" (UN style): include it in the span


def _key(name: str) -> tuple[str, ...]:
    return tuple(fold(t) for t in WORD.findall(name))


def _variants(name: str) -> list[str]:
    """ISO-style inverted names ('Korea, Republic of') also read 'Republic of Korea' and 'Korea'."""
    out = [name]
    if "," in name:
        head, _, tail = name.partition(",")
        tail = tail.strip()
        out.append(f"{tail} {head}".strip())
        out.append(f"{head} ({tail})")
    return out


@dataclass(slots=True)
class _Table:
    names: dict[tuple[str, ...], _Entry]
    lengths: dict[str, tuple[int, ...]]  # first token → candidate name lengths, longest first
    canonical: dict[str, str]
    abbreviations: dict[str, str]


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    states: dict[str, dict] = data["states"]
    ambiguous = {_key(n) for n in data["ambiguous"]["names"]}
    names: dict[tuple[str, ...], _Entry] = {}
    conflicts: set[tuple[str, ...]] = set()

    def add(name: str, iso3: str, *, adjective: bool = False, explicit: bool = False) -> None:
        k = _key(name)
        if not k or len(k) > MAX_TOKENS:
            return
        entry = _Entry(iso3, adjective, k in ambiguous, False, name.rstrip().endswith(")"))
        old = names.get(k)
        if old is not None and old.iso3 != iso3:
            if explicit:
                names[k] = entry
            else:
                conflicts.add(k)
            return
        if old is None or (entry.closing_paren and not old.closing_paren):
            names[k] = entry

    # explicit table first: it wins every clash
    for iso3, rec in states.items():
        for n in [rec["name"], *rec.get("also", []), *rec.get("es", []), *rec.get("fr", [])]:
            add(n, iso3, explicit=True)
    explicit_keys = set(names)
    # pycountry's ISO names and their Spanish/French translations, for spellings the table lacks
    for iso3, extra in _pycountry_names(frozenset(states)).items():
        for n in extra:
            for v in _variants(n):
                if _key(v) not in explicit_keys:
                    add(v, iso3)
    for k in conflicts:
        if k not in explicit_keys:
            names.pop(k, None)
    for iso3, rec in states.items():
        for a in rec.get("adjectives", []):
            k = _key(a)
            if k not in names:
                names[k] = _Entry(iso3, adjective=True, ambiguous=k in ambiguous)
    for n in data["not_states"]["names"]:
        names[_key(n)] = _Entry("", blocked=True)

    lengths: dict[str, set[int]] = {}
    for k in names:
        lengths.setdefault(k[0], set()).add(len(k))
    return _Table(
        names=names,
        lengths={t: tuple(sorted(v, reverse=True)) for t, v in lengths.items()},
        canonical={iso3: rec["name"] for iso3, rec in states.items()},
        abbreviations=dict(data["abbreviations"]),
    )


def _pycountry_names(members: frozenset[str]) -> dict[str, list[str]]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a declared dependency
        return {}
    translations = []
    for lang in read_languages():  # the names in the languages the tool reads; pycountry's own are English
        if lang == "en":
            continue
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]))
        except OSError:  # pragma: no cover - locale files missing
            continue
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        if c.alpha_3 not in members:
            continue
        base = [c.name, *(getattr(c, a, None) or "" for a in ("official_name", "common_name"))]
        base = [b for b in base if b]
        extra = list(base)
        for t in translations:
            extra.extend(t.gettext(b) for b in base)
        out[c.alpha_3] = extra
    return out


def state_ref(iso3: str) -> StateRef | None:
    """The StateRef of a UN Member or observer State, named with its UN English short name."""
    name = _table().canonical.get(iso3.upper())
    return StateRef(name=name, iso3=iso3.upper()) if name else None


def lookup_state(name: str, adjectives: bool = False) -> StateRef | None:
    """The State a whole string names ("the Russian Federation", "Reino Unido", "U.K."), or None.

    A leading article is ignored; demonyms ("Kazakh", "venezolano") count only with
    `adjectives=True`.
    """
    t = _table()
    s = name.strip().strip(".,;:")
    if s in t.abbreviations:
        return state_ref(t.abbreviations[s])
    if name.strip() in t.abbreviations:
        return state_ref(t.abbreviations[name.strip()])
    k = _key(s)
    e = t.names.get(k)  # with its article first: "the former Yugoslav Republic of Macedonia" is listed so
    if (e is None or e.blocked) and k and k[0] in ARTICLES:
        e = t.names.get(k[1:])
    if e is None or e.blocked or (e.adjective and not adjectives):
        return None
    return state_ref(e.iso3)


ARTICLES = frozenset({"the", "la", "le", "el", "l"})

CLOSE_ENOUGH = 0.88
"""How alike (difflib ratio on folded words) a misprinted name must be to a listed one to be suggested."""


@lru_cache(maxsize=4096)
def closest_state(name: str) -> StateRef | None:
    """The State a misprinted or broken name most likely means ('Bosnia an Herzegovina'), or None.

    Only for telling an analyst what a name that `lookup_state` refuses may be:
    never used to accept a name silently.
    """
    import difflib

    t = _table()
    k = _key(name)
    if k and k[0] in ARTICLES:
        k = k[1:]
    target = " ".join(k)
    if not target:
        return None
    best, best_ratio = "", 0.0
    for key, e in t.names.items():
        if e.blocked or e.adjective:
            continue
        cand = " ".join(key)
        if abs(len(cand) - len(target)) > 0.3 * len(target):
            continue
        r = difflib.SequenceMatcher(None, target, cand).ratio()
        if r > best_ratio:
            best, best_ratio = e.iso3, r
    return state_ref(best) if best and best_ratio >= CLOSE_ENOUGH else None


@lru_cache(maxsize=16384)
def state_word(word: str) -> bool:
    """Whether one word names a State or its people ('Cuba', 'venezolano', 'Kazakh', 'haïtienne').

    Names that are also personal names or places ('Jordan', 'Chad', 'Georgia') do
    not count, so a caller may treat the word as never part of a person's name.
    """
    k = _key(word)
    if len(k) != 1:
        return False
    e = _table().names.get(k)
    return e is not None and not e.blocked and not e.ambiguous


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper()


def _word_before(text: str, pos: int) -> tuple[str, str] | None:
    """(word, gap) of the word ending just before `pos`, looking back a little."""
    window = text[max(0, pos - 60) : pos]
    ms = list(WORD.finditer(window))
    if not ms:
        return None
    m = ms[-1]
    return m.group(), window[m.end() :]


def _word_after(text: str, pos: int) -> tuple[str, str] | None:
    """(word, gap) of the word starting just after `pos`."""
    m = WORD.search(text, pos, pos + 60)
    if m is None:
        return None
    return m.group(), text[pos : m.start()]


def _touching_capital(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word sits right before `start` or right after `end` (space between only).

    That is how a personal or place name shows ("Michael Jordan", "Lake Chad",
    "Jordan Valley", "Atlanta, Georgia"); in an all-capital line it proves nothing.
    """
    name = WORD.match(text, start)
    name_upper = bool(name) and name.group().isupper() and len(name.group()) > 1
    after = _word_after(text, end)
    if after is not None:
        word, gap = after
        if gap.strip() == "" and _capitalised(word) and not (name_upper and word.isupper()):
            return True
    before = _word_before(text, start)
    if before is not None:
        word, gap = before
        if (
            _capitalised(word)
            and fold(word) not in NAME_FUNCTION_WORDS
            and not (name_upper and word.isupper())
            and (gap.strip() == "" or (gap.strip() == "," and not word.isupper()))
        ):
            # "Atlanta, Georgia": a capitalised word then a comma marks a US state, unless
            # it is itself a State in a list ("Armenia, Georgia")
            return not (gap.strip() == "," and lookup_state(word) is not None)
    return False


CAPITALISED_WORD = re.compile(r"(?<![^\W_])[^\W\d_a-zß-ÿ][^\W_]*")
"""A word whose first letter is not lower-case: where a State's name may begin."""


def find_states(text: str, adjectives: bool = False) -> list[tuple[int, int, StateRef]]:
    """Every State named in `text`, as (start, end, StateRef) with exact offsets, left to right.

    Longest name first ("Democratic Republic of the Congo" is not "Congo"); the first
    word must be capitalised; names that are also persons or places ("Chad", "Jordan",
    "Georgia") count only where no capitalised word touches them. Linear in len(text):
    only capitalised words that begin some name are looked at more closely.
    """
    t = _table()
    out: list[tuple[int, int, StateRef]] = []
    pos = 0
    for m in CAPITALISED_WORD.finditer(text):
        if m.start() < pos or not _capitalised(m.group()):
            continue
        lens = t.lengths.get(fold(m.group()))
        if not lens:
            continue
        # the words that follow, as far as the longest name that starts with this one
        words = [m]
        while len(words) < lens[0]:
            nxt = WORD.search(text, words[-1].end(), words[-1].end() + 40)
            if nxt is None or not GAP_OK.fullmatch(text[words[-1].end() : nxt.start()]):
                break
            words.append(nxt)
        hit = None
        for ln in lens:
            if ln > len(words):
                continue
            e = t.names.get(tuple(fold(w.group()) for w in words[:ln]))
            if e is not None:
                hit = (words[ln - 1].end(), e)
                break
        if hit is None:
            continue
        end, e = hit
        pos = end
        if e.blocked or (e.adjective and not adjectives) or (e.ambiguous and _touching_capital(text, m.start(), end)):
            continue
        if e.closing_paren and text[end : end + 1] == ")":
            end += 1
        ref = state_ref(e.iso3)
        if ref is not None:
            out.append((m.start(), end, ref))
    out.extend(_find_abbreviations(text))
    out.sort(key=lambda x: x[0])
    return _drop_overlaps(out)


def _find_abbreviations(text: str) -> list[tuple[int, int, StateRef]]:
    t = _table()
    out = []
    for m in ABBREVIATION.finditer(text):
        s = m.group()
        iso3 = t.abbreviations.get(s) or t.abbreviations.get(s.replace(" ", ""))
        if iso3 is None:
            continue
        if s == "US" and _shouting(text, m.start(), m.end()):
            continue  # "JOIN US": the pronoun in an all-capital line
        ref = state_ref(iso3)
        if ref is not None:
            out.append((m.start(), m.end(), ref))
    return out


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether a word next to [start, end) is in capitals (then 'US' is likely the pronoun)."""
    abbreviations = _table().abbreviations
    near = WORD.findall(text[max(0, start - 40) : start])[-1:] + WORD.findall(text[end : end + 40])[:1]
    return any(len(w) > 1 and w.isupper() and w not in abbreviations for w in near)


def _drop_overlaps(hits: list[tuple[int, int, StateRef]]) -> list[tuple[int, int, StateRef]]:
    out: list[tuple[int, int, StateRef]] = []
    for h in hits:
        if out and h[0] < out[-1][1]:
            if h[1] - h[0] > out[-1][1] - out[-1][0]:
                out[-1] = h
            continue
        out.append(h)
    return out
