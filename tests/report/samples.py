"""Hand-made analyses for the report tests: small, readable, and covering every report section."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import networkx as nx

from narratrace.analysis import Analysis, StageContext
from narratrace.clean import clean_article
from narratrace.clean.types import ArticleWarning, CleanArticle
from narratrace.ingest.article import Article, content_id
from narratrace.pipeline import analysis_from_results
from narratrace.provenance.corpus import ReuseCorpus
from narratrace.provenance.stage import ReuseAnalysis
from narratrace.provenance.types import Direction, Evidence
from narratrace.report.analysis_json import build_analysis_document
from narratrace.reuse.types import AlignedPassage, Edit, ReuseCluster, ReusePair
from narratrace.techniques.span import TechniqueSpan as Span
from narratrace.techniques.stage import TechniqueAnalysis

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = "</script><img src=x onerror=alert(1)>"

LEGEND = [
    {
        "name": "Loaded_Language",
        "definition": "Words with strong emotional implications.",
        "example": "a <b>brutal</b> regime",
    },
    {
        "name": "Name_Calling,Labeling",
        "definition": "Labelling the target as something feared.",
        "example": "terrorist-linked 'rescuers'",
    },
    {
        "name": "Doubt",
        "title": "Casting doubt",
        "definition": "Questioning the credibility of someone.",
        "example": "so-called volunteers",
    },
]


def _article(text: str, outlet: str, title: str, url: str, published: str) -> CleanArticle:
    article = Article(
        id=content_id(text, title, outlet, url),
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        source_path=f"{outlet}.txt",
    )
    return clean_article(article)


def _passage(a: str, b: str, needle_a: str, needle_b: str, score: float) -> AlignedPassage:
    a_start, b_start = a.index(needle_a), b.index(needle_b)
    return AlignedPassage(a_start, a_start + len(needle_a), b_start, b_start + len(needle_b), score)


def sample_analysis(hostile: bool = False) -> Analysis:
    """Three articles: B copies A with edits, C shares a quote with A. ``hostile`` puts markup everywhere."""
    evil = f" {SCRIPT} {BREAKOUT}" if hostile else ""
    shared = "Officials said the evacuation of the volunteers would begin on Sunday near the border."
    quote = '"We will not abandon them," the minister said.'
    text_a = f"Allies discuss an evacuation.{evil}\n\n{shared} The so-called rescuers are a brutal gang.\n\n{quote}\n"
    text_b = (
        f"Read more: other news\n\nBREAKING{evil}\n\n"
        "Officials said the evacuation of the volunteers would start on Sunday near the northern border. "
        "The so-called rescuers are a brutal gang.\n"
    )
    text_c = f"A different story about the region.{evil}\n\n{quote}\n"
    outlet = f"Outlet {SCRIPT}" if hostile else "Daily Wire Service"
    a = _article(
        text_a,
        outlet,
        f"Title {BREAKOUT}" if hostile else "Allies discuss evacuation",
        "javascript:alert(1)" if hostile else "https://example.org/a",
        "2018-07-20",
    )
    b = _article(
        text_b,
        "copycat.example" + (BREAKOUT if hostile else ""),
        "Evacuation to start" + evil,
        " JaVaScRiPt:alert(2)" if hostile else "http://copycat.example/b",
        "2018-07-22",
    )
    c = _article(text_c, "quotes.example", "Region story", "data:text/html,<script>alert(3)</script>", "2018-07-23")
    b = replace(b, warnings=(ArticleWarning("date_mismatch", "header date 2021-04-13 differs from text" + evil),))

    ta, tb = a.article.text, b.article.text
    p1 = _passage(
        ta,
        tb,
        shared[:-1],
        "Officials said the evacuation of the volunteers would start on Sunday near the northern border",
        0.86,
    )
    changed_a, changed_b = ta.index("begin"), tb.index("start")
    added_b = tb.index("northern ")
    edits = (
        Edit("changed", changed_a, changed_a + 5, changed_b, changed_b + 5, "begin", "start"),
        Edit(
            "added",
            p1.a_end - len("border"),
            p1.a_end - len("border"),
            added_b,
            added_b + len("northern "),
            "",
            "northern ",
        ),
    )
    pair_ab = (
        ReusePair(a.id, b.id, (p1,), edits, "copy", 0.5, 0.6)
        if a.id < b.id
        else ReusePair(
            b.id, a.id, (AlignedPassage(p1.b_start, p1.b_end, p1.a_start, p1.a_end, 0.86),), (), "copy", 0.6, 0.5
        )
    )
    tc = c.article.text
    qa, qc = ta.index(quote), tc.index(quote)
    first, second = sorted([(a.id, qa), (c.id, qc)])
    pair_ac = ReusePair(
        first[0],
        second[0],
        (AlignedPassage(first[1], first[1] + len(quote), second[1], second[1] + len(quote), 1.0),),
        (),
        "shared_quote",
        0.2,
        0.4,
    )
    direction = Direction(
        a.id,
        0.83,
        (
            Evidence("date", a.id, 0.7, f"published 2 days earlier{evil}"),
            Evidence("containment", a.id, 0.3, "B adds words inside the shared passage"),
        ),
    )
    graph = nx.DiGraph()
    graph.add_node(a.article.outlet, articles=1)
    graph.add_node(b.article.outlet, articles=1)
    graph.add_edge(
        a.article.outlet, b.article.outlet, weight=3, examples=f'["{a.id}", "{b.id}"]', first_seen="2018-07-22"
    )
    spans = {
        a.id: [
            Span(ta.index("so-called"), ta.index("so-called") + 9, "Doubt", 0.9),
            Span(
                ta.index("so-called"),
                ta.index("gang") + 4,
                "Name_Calling,Labeling",
                0.7,
                (("Loaded_Language", 0.5), ("<script>alert(1)</script>", 0.4)),
            ),
            Span(ta.index("brutal"), ta.index("brutal") + 6, "Loaded_Language", 0.4),
        ],
        b.id: [Span(tb.index("brutal gang"), tb.index("brutal gang") + 11, "Loaded_Language", 0.95)],
    }
    articles = [a, b, c]
    reuse = ReuseAnalysis(
        pairs=[pair_ab, pair_ac],
        clusters=[ReuseCluster("cluster-1", ((a.id, qa, qa + len(quote)), (c.id, qc, qc + len(quote))), a.id)],
        directions={(pair_ab.a, pair_ab.b): direction},
        network=graph,
        corpus=ReuseCorpus.from_clean(articles),
    )
    techniques = TechniqueAnalysis(
        model="default",
        spans=spans,
        profiles={
            a.id: {"Doubt": 40.0, "Name_Calling,Labeling": 40.0, "Loaded_Language": 40.0},
            b.id: {"Loaded_Language": 45.5},
        },
        outlet_profiles={
            a.article.outlet or "": {"Doubt": 40.0, "Loaded_Language": 40.0},
            b.article.outlet or "": {"Loaded_Language": 45.5},
        },
    )
    analysis = analysis_from_results(StageContext(articles, results={"reuse": reuse, "techniques": techniques}))
    analysis.inputs = ("corpus/",)
    return analysis


def sample_document(hostile: bool = False) -> dict[str, Any]:
    doc = build_analysis_document(sample_analysis(hostile))
    doc["technique_legend"] = LEGEND
    return doc
