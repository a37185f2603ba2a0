"""AIF (Argument Interchange Format) in the AIFdb JSON layout that OVA and AIFdb read.

Hypotheses, evidence items and assumptions are I-nodes (information). Every support, from a
CC/C rating or an explicit link, is an RA-node (rule application, "Default Inference") with
the edges premise → RA → conclusion; every attack, from an I/II rating or a link, is a CA-node
(conflict, "Default Conflict") premise → CA → target. An undercut is a CA-node whose target is
the RA- or CA-node of the link it undercuts, which is how AIF attacks an inference.

Node and edge ids are decimal strings as in AIFdb. AIF has no place for sources, ratings or
weights; the extra top-level object `claimmap` maps each node id back to the case (readers
ignore keys they do not know).
"""

from __future__ import annotations

import json
from typing import Any

from claimmap.formats.argument_graph import build_argument_graph
from claimmap.model.document import CaseDocument

SCHEME = {"support": ("RA", "Default Inference"), "attack": ("CA", "Default Conflict")}
SCHEME["undercut"] = SCHEME["attack"]


def aif_document(doc: CaseDocument) -> dict[str, Any]:
    graph = build_argument_graph(doc)
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, Any]] = []
    origin: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}

    def node(kind: str, text: str, about: dict[str, Any]) -> str:
        node_id = str(len(nodes) + 1)
        nodes.append({"nodeID": node_id, "text": text, "type": kind})
        origin[node_id] = about
        return node_id

    def edge(start: str, end: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": start, "toID": end, "formEdgeID": None}
        )

    for n, d in graph.nodes(data=True):
        if d["kind"] in ("hypothesis", "evidence", "assumption"):
            ids[n] = node("I", d.get("text", ""), {"id": n, "kind": d["kind"]})
    for n, d in graph.nodes(data=True):  # links first, so that undercuts can name them
        if d["kind"] == "link":
            kind, text = SCHEME[d["link_kind"]]
            ids[n] = node(kind, text, {"link": n, "kind": d["link_kind"]})
    for u, v, d in graph.edges(data=True):
        if d["role"] == "rating":
            kind, text = SCHEME[d["relation"]]
            about = {"evidence": u, "hypothesis": v, "rating": d["rating"]}
            middle = node(kind, text, about)
            edge(ids[u], middle)
            edge(middle, ids[v])
        elif d["role"] in ("premise", "conclusion"):
            edge(ids[u], ids[v])
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "claimmap": {
            "title": graph.graph["title"],
            "question": graph.graph["question"],
            "nodes": origin,
        },
    }


def render_aif(doc: CaseDocument) -> str:
    return json.dumps(aif_document(doc), ensure_ascii=False, indent=1) + "\n"
