"""Score the theme tagger against OHCHR's own theme assignments in its thematic lists.

The lists of 2014 and 2019 use earlier UHRI labels: `label_map.json` maps each to
one of this package's theme ids where the concept is the same. Only themes the
list itself uses at least once (after mapping) are scored, less those an
unmapped earlier label may also cover, so a theme the earlier taxonomy lacked
never counts against the tagger. The current list (2025) is scored on every theme.

    python eval/themes/score.py [--show FP|FN] [--theme ID] [--half odd|even]

Groups of persons (the Index's second dimension) are scored with --groups on
the 2019 and 2025 lists (the 2014 list names too few), on the groups both the
list and the package know; `label_map.json`'s "groups" maps the lists' labels.
"Public officials", which the 2025 list gives to nearly every recommendation as
its addressee, and "general" are not scored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from extract.finders import themes as T
from extract.finders.wgreport import split_states

HERE = Path(__file__).resolve().parent


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").casefold().replace(" and ", " & ")
    return re.sub(r"\s+", " ", s).strip(" .;:,")


def rec_text(text: str) -> str:
    """The recommendation without its recommending States, cut off as the tool cuts them from a report."""
    return split_states(text)[0]


def gold_ids(rec: dict, labels: dict, also: dict, by_label: dict) -> set[str]:
    out: set[str] = set()
    for t in rec["themes"]:
        tid = labels.get(t) if labels else by_label.get(norm(t))
        if tid:
            out.add(tid)
        out.update(also.get(t, ()))
    return out


def tally(
    cycle: int,
    recs: list[dict],
    golds: list[set[str]],
    scored: set[str],
    tag: Callable[[str, str], list[str]],
    args: argparse.Namespace,
) -> tuple[int, int, int]:
    """(true, false, missed) tags over `scored`, printing the misses `--show` asks for."""
    tp = fp = fn = 0
    for r, g in zip(recs, golds, strict=True):
        p = set(tag(rec_text(r["text"]), "en")) & scored
        g &= scored
        tp += len(p & g)
        fp += len(p - g)
        fn += len(g - p)
        if args.show:
            bad = (p - g) if args.show == "FP" else (g - p)
            if args.theme:
                bad &= {args.theme}
            if bad:
                print(f"  c{cycle} {r['number']} {args.show} {sorted(bad)}: {rec_text(r['text'])[:220]}")
    return tp, fp, fn


def score_groups(cycle: int, args: argparse.Namespace) -> tuple[int, int, int]:
    data = json.loads((HERE / f"slovenia_c{cycle}.json").read_text(encoding="utf-8"))
    mp = json.loads((HERE / "label_map.json").read_text(encoding="utf-8"))["groups"]
    known = {g.id for g in T.group_list()}
    golds = [{mp[norm(x)] for x in r["groups"] if mp.get(norm(x))} for r in data["recommendations"]]
    scored = set().union(*golds) & known
    return tally(cycle, data["recommendations"], golds, scored, T.tag_groups, args)


def score(cycle: int, args: argparse.Namespace) -> tuple[int, int, int]:
    data = json.loads((HERE / f"slovenia_c{cycle}.json").read_text(encoding="utf-8"))
    mp = json.loads((HERE / "label_map.json").read_text(encoding="utf-8"))
    by_label = {norm(t.label): t.id for t in T.theme_list()}
    labels = mp["labels"] if cycle < 4 else {}
    also = mp["also"] if cycle < 4 else {}
    group_ids = {t.id for t in T.theme_list() if t.id == "lgbti-persons"}
    recs = data["recommendations"]
    if args.half:
        recs = [r for i, r in enumerate(recs) if i % 2 == (1 if args.half == "odd" else 0)]
    golds = [gold_ids(r, labels, also, by_label) for r in recs]
    if cycle < 4:
        scored = set().union(*golds)
        for lab, ids in mp["conflicts"].items():
            if any(lab in r["themes"] for r in recs):
                scored -= set(ids)
    else:
        scored = set(by_label.values())
    scored -= group_ids
    return tally(cycle, recs, golds, scored, T.tag_text, args)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", choices=["FP", "FN"])
    ap.add_argument("--theme")
    ap.add_argument("--half", choices=["odd", "even"])
    ap.add_argument("--cycles", default="2,3,4")
    ap.add_argument("--groups", action="store_true", help="score groups of persons (2019 and 2025 lists)")
    args = ap.parse_args()
    tot = [0, 0, 0]
    cycles = [int(x) for x in args.cycles.split(",")]
    for c in [c for c in cycles if c > 2] if args.groups else cycles:
        tp, fp, fn = (score_groups if args.groups else score)(c, args)
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"cycle {c}: tp {tp} fp {fp} fn {fn}  P {p:.3f} R {r:.3f} F1 {f:.3f}")
    tp, fp, fn = tot
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"all: P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f}")


if __name__ == "__main__":
    main()
