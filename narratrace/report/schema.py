"""The JSON Schema of ``analysis.json``: the core (articles, inputs) plus each registered stage's part.

``docs/analysis.schema.json`` is this module's output (``python -m narratrace.report.schema``); a test keeps
the two equal, so the documented schema always matches the registry.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from narratrace import stages as registry
from narratrace.analysis import AnyStage


def analysis_schema(stages: Sequence[AnyStage] | None = None) -> dict[str, Any]:
    """The schema of a document made by ``stages`` (default: every registered stage)."""
    schema: dict[str, Any] = json.loads(files("narratrace.report").joinpath("schema_core.json").read_text("utf-8"))
    article = schema["$defs"]["article"]["properties"]
    for stage in registry.STAGES if stages is None else stages:
        part = copy.deepcopy(stage.schema())
        schema["properties"].update(part.get("properties", {}))
        schema["required"].extend(part.get("required", []))
        article.update(part.get("article_properties", {}))
        schema["$defs"].update(part.get("$defs", {}))
    return schema


if __name__ == "__main__":
    print(json.dumps(analysis_schema(), indent=2, ensure_ascii=False))
