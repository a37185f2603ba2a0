"""The names of a case's item collections, without the models: light enough for start-up."""

from __future__ import annotations

COLLECTIONS = ("hypotheses", "sources", "evidence", "assumptions", "indicators", "links")
SINGULAR = {
    "hypotheses": "hypothesis",
    "sources": "source",
    "evidence": "evidence",
    "assumptions": "assumption",
    "indicators": "indicator",
    "links": "link",
}
