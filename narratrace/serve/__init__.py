"""The service: one analysis, read-only, over HTTP (FastAPI) — the report at ``/``, JSON under ``/api``.

``create_app(doc)`` builds the application for an analysis.json document; ``narratrace serve OUT`` runs it
with uvicorn on 127.0.0.1. ``DocumentIndex`` holds the look-ups without the web framework.
"""

from narratrace.serve.app import create_app
from narratrace.serve.index import DocumentIndex

__all__ = ["DocumentIndex", "create_app"]
