"""Would a reporting-cue gate pay? Share of text it keeps vs share of attributions it would lose.

    NARRATRACE_SHARED=../shared nice python -m bench.attribution_gate [--cache DIR]

A gate would run the encoder and the parser only on paragraphs (or sentences, with their neighbours) holding
a reporting word (any inflection of ``data/reporting_verbs.txt``, "according") or a quotation mark. On the
PolNeAR dev split this prints, per gate, the share of characters kept and the share of the shipped model's
attributions (found on the whole text) and of the gold ones that lie wholly inside the kept text: a gate
can only be as good as that share.
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from narratrace.claims.attribution import cached_token_inputs, load_attribution_model
from narratrace.claims.attribution_data import PARTS, load_corpus, split_corpus
from narratrace.claims.attribution_features import REPORTING_LEMMAS

SHARED = Path(os.environ.get("NARRATRACE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
IRREGULAR = {"say": "said", "tell": "told", "think": "thought", "feel": "felt", "find": "found", "know": "knew known",
             "write": "wrote written", "show": "shown"}  # fmt: skip
WORD, QUOTE = re.compile(r"[A-Za-z]+"), re.compile('["“”«»]')
SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"”’')\]]*|\n|$)\s*")
Regions = Callable[[str], list[tuple[int, int]]]


def reporting_forms() -> frozenset[str]:
    """A generous superset of the inflections of the reporting lemmas (a gate must not miss any)."""
    forms = {"according"}
    for lemma in REPORTING_LEMMAS:
        stem = lemma.removesuffix("e")
        forms.update(IRREGULAR.get(lemma, "").split())
        forms.update({lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", stem + "ing", lemma + "ing"})
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    return frozenset(forms)


def cued(text: str, forms: frozenset[str]) -> bool:
    return bool(QUOTE.search(text)) or any(w.lower() in forms for w in WORD.findall(text))


def paragraph_gate(forms: frozenset[str]) -> Regions:
    def regions(text: str) -> list[tuple[int, int]]:
        bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\n?", text) if m.end() > m.start()]
        return [(s, e) for s, e in bounds if cued(text[s:e], forms)]

    return regions


def sentence_gate(forms: frozenset[str], neighbours: int) -> Regions:
    def regions(text: str) -> list[tuple[int, int]]:
        bounds = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.end() > m.start()]
        hits = [cued(text[s:e], forms) for s, e in bounds]
        return [b for i, b in enumerate(bounds) if any(hits[max(0, i - neighbours) : i + neighbours + 1])]

    return regions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="encoder inputs per article (bench.attribution's)")
    args = parser.parse_args()
    _, dev = split_corpus(load_corpus(SHARED / "data" / "attribution"))
    predicted = load_attribution_model().predict_gold([a.text for a in dev], cached_token_inputs(dev, args.cache))
    forms = reporting_forms()
    gates = {"paragraph": paragraph_gate(forms), "sentence": sentence_gate(forms, 0)}
    gates["sentence +-1"] = sentence_gate(forms, 1)
    print("| gate | characters kept | model's attributions inside | gold attributions inside |\n|---|---|---|---|")
    for name, regions in gates.items():
        kept = total = found_in = found = gold_in = gold = 0
        for article, linked in zip(dev, predicted, strict=True):
            mask = np.zeros(len(article.text) + 1, dtype=bool)
            for start, end in regions(article.text):
                mask[start:end] = True
            kept, total = kept + int(mask[:-1].sum()), total + len(article.text)
            for spans in [[s for s in (a.source, a.cue, a.content) if s] for a in linked]:
                found, found_in = found + 1, found_in + all(mask[s:e].all() for s, e in spans)
            for g in article.attributions:
                spans = [s for s in (g.part(p) for p in PARTS) if s]
                gold, gold_in = gold + 1, gold_in + all(mask[s:e].all() for s, e in spans)
        print(f"| {name} | {kept / total:.3f} | {found_in / found:.3f} of {found} | {gold_in / gold:.3f} of {gold} |")


if __name__ == "__main__":
    main()
