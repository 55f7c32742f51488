"""Score a tagger on labelled PTC articles: SI, TC (gold spans given) and the joint score."""

from __future__ import annotations

import time
from dataclasses import dataclass

from narratrace.techniques.data import PTCArticle
from narratrace.techniques.scoring import ClassificationScore, SpanScore, score_joint, score_si, score_tc
from narratrace.techniques.tagger import TechniqueTagger


@dataclass(frozen=True)
class EvaluationReport:
    """All the task's measures for one tagger on one set of articles."""

    n_articles: int
    si: SpanScore
    tc: ClassificationScore
    joint: SpanScore
    predict_seconds: float


def evaluate_tagger(tagger: TechniqueTagger, articles: list[PTCArticle], batch_size: int = 32) -> EvaluationReport:
    gold = {a.article_id: list(a.spans) for a in articles}
    predicted = {}
    started = time.perf_counter()
    for batch_start in range(0, len(articles), batch_size):
        batch = articles[batch_start : batch_start + batch_size]
        for article, spans in zip(batch, tagger.predict([a.text for a in batch]), strict=True):
            predicted[article.article_id] = spans
    predict_seconds = time.perf_counter() - started
    classified = {a.article_id: tagger.classify(a.text, list(a.spans)) for a in articles}
    return EvaluationReport(
        n_articles=len(articles),
        si=score_si(predicted, gold),
        tc=score_tc(classified, gold),
        joint=score_joint(predicted, gold),
        predict_seconds=predict_seconds,
    )


def format_report(report: EvaluationReport) -> str:
    """Plain-text table of the measures (what the CLI prints)."""
    lines = [
        f"articles: {report.n_articles}",
        f"SI    P {report.si.precision:.3f}  R {report.si.recall:.3f}  F1 {report.si.f1:.3f}"
        f"  ({report.si.n_predicted} predicted, {report.si.n_gold} gold spans after merging)",
        f"TC    micro-F1 {report.tc.micro_f1:.3f}  ({report.tc.n_gold} gold rows)",
        f"joint P {report.joint.precision:.3f}  R {report.joint.recall:.3f}  F1 {report.joint.f1:.3f}",
        "per-technique TC F1:",
    ]
    lines += [f"  {name:<36} {f1:.3f}" for name, f1 in report.tc.per_technique_f1.items()]
    return "\n".join(lines)
