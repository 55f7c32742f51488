"""Provenance: who copied whom in each reuse pair, and the outlet network that results.

Typical use, after ``narratrace.reuse.find_reuse``::

    directions = infer_directions(result.pairs, articles_by_id)   # {(a, b): Direction}
    graph = build_outlet_network(result.pairs, directions, articles_by_id)
    write_network(graph, "out/")          # outlet_edges.csv, outlets.gexf, outlets.graphml
    stories = story_dags(result.pairs, directions, articles_by_id)

Every ``Direction`` lists its ``Evidence`` (date, credit, text_shape, outlet_prior, story_role, wire_sibling,
shared_quote, undecided) with log-odds weights; ``ProvenanceOptions`` holds the weights. Evidence too
weak or in conflict leaves the source undecided (``Direction.source`` None), its ``undecided`` item
saying which way it leaned.

>>> from narratrace.provenance import extract_credits
>>> [c.outlet_text for c in extract_credits("Sputnikenews.com reports: Two officials said ...")]
['Sputnikenews.com']
"""

from __future__ import annotations

from narratrace.provenance.credits import Credit, extract_credits, names_match, normalise_outlet
from narratrace.provenance.direction import infer_directions
from narratrace.provenance.evidence import ProvenanceOptions
from narratrace.provenance.network import build_outlet_network, story_dags, write_network
from narratrace.provenance.types import Direction, Evidence

__all__ = [
    "Credit",
    "Direction",
    "Evidence",
    "ProvenanceOptions",
    "build_outlet_network",
    "extract_credits",
    "infer_directions",
    "names_match",
    "normalise_outlet",
    "story_dags",
    "write_network",
]
