"""AIF (Argument Interchange Format) in the AIFdb JSON layout that OVA and AIFdb read.

Hypotheses, evidence items and assumptions are I-nodes (information). Every support, from a
CC/C rating or an explicit link, is an RA-node (rule application, "Default Inference") with
the edges premise → RA → conclusion; every attack, from an I/II rating or a link, is a CA-node
(conflict, "Default Conflict") premise → CA → target. An undercut is a CA-node whose target is
the RA- or CA-node of the link it undercuts, which is how AIF attacks an inference.

Each hypothesis is marked as ARG-tech's ACH tools mark one: an L-node (locution) -> YA-node
"Hypothesising" -> the hypothesis's I-node. Each evidence item with a source is asserted by
it: L-node "<source> : <summary>" -> YA "Asserting" -> I-node, with the source as the
locution's speaker in `locutions` and `participants`, as AIFdb writes dialogue.

Node and edge ids are decimal strings as in AIFdb; every node has a `timestamp` (a fixed
one, so that exporting twice gives the same file) and the S-nodes their `scheme`. AIF has no
place for ratings' strength, weights or credibility; the extra top-level object `claimmap`
maps each node id back to the case (readers ignore keys they do not know), and claimmap's
AIF reader uses it to give back the ids and the CC/II ratings.
"""

from __future__ import annotations

import json
from typing import Any

from claimmap.formats.argument_graph import build_argument_graph
from claimmap.model.document import CaseDocument

SCHEME = {"support": ("RA", "Default Inference"), "attack": ("CA", "Default Conflict")}
SCHEME["undercut"] = SCHEME["attack"]


# AIFdb requires a timestamp on every node; a fixed one keeps exports reproducible.
TIMESTAMP = "2000-01-01 00:00:00"


def aif_document(doc: CaseDocument) -> dict[str, Any]:
    graph = build_argument_graph(doc)
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, Any]] = []
    origin: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    locutions: list[dict[str, str]] = []
    participants: dict[str, dict[str, str]] = {}

    def node(kind: str, text: str, about: dict[str, Any], scheme: str = "") -> str:
        node_id = str(len(nodes) + 1)
        entry = {"nodeID": node_id, "text": text, "type": kind, "timestamp": TIMESTAMP}
        if scheme:
            entry["scheme"] = scheme
        nodes.append(entry)
        origin[node_id] = about
        return node_id

    def said(speaker: str, text: str, about: dict[str, Any], act: str, target: str) -> None:
        """L-node "speaker : text" -> YA-node `act` -> the I-node `target`."""
        locution = node("L", f"{speaker} : {text}", about)
        illocution = node("YA", act, {"act": act}, act)
        edge(locution, illocution)
        edge(illocution, target)
        if "source" in about:
            person = participants.setdefault(
                about["source"],
                {"participantID": str(len(participants) + 1), "firstname": speaker, "surname": ""},
            )
            locutions.append({"nodeID": locution, "personID": person["participantID"]})

    def edge(start: str, end: str) -> None:
        edges.append(
            {"edgeID": str(len(edges) + 1), "fromID": start, "toID": end, "formEdgeID": None}
        )

    for n, d in graph.nodes(data=True):
        if d["kind"] in ("hypothesis", "evidence", "assumption"):
            about = {"id": n, "kind": d["kind"]}
            if d["kind"] == "hypothesis":
                about["label"] = d.get("label", n)
            ids[n] = node("I", d.get("text", ""), about)
    for n, d in graph.nodes(data=True):
        if d["kind"] == "hypothesis":
            said("claimmap", d.get("text", ""), {"hypothesis": n}, "Hypothesising", ids[n])
        elif d["kind"] == "evidence" and d.get("source") in graph:
            title = graph.nodes[d["source"]].get("label") or d["source"]
            about = {"source": d["source"]}
            said(title, d.get("text", ""), about, "Asserting", ids[n])
    for n, d in graph.nodes(data=True):  # links first, so that undercuts can name them
        if d["kind"] == "link":
            kind, text = SCHEME[d["link_kind"]]
            ids[n] = node(kind, text, {"link": n, "kind": d["link_kind"]}, text)
    for u, v, d in graph.edges(data=True):
        if d["role"] == "rating":
            kind, text = SCHEME[d["relation"]]
            about = {"evidence": u, "hypothesis": v, "rating": d["rating"]}
            middle = node(kind, text, about, text)
            edge(ids[u], middle)
            edge(middle, ids[v])
        elif d["role"] in ("premise", "conclusion"):
            edge(ids[u], ids[v])
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": list(participants.values()),
        "claimmap": {
            "title": graph.graph["title"],
            "question": graph.graph["question"],
            "nodes": origin,
        },
    }


def render_aif(doc: CaseDocument) -> str:
    # One value per line, not indented: any indent sends json to its pure-Python encoder,
    # which took four times as long on a 5,000-item map (0.59 s against 0.14 s).
    return json.dumps(aif_document(doc), ensure_ascii=False, separators=(",\n", ": ")) + "\n"
