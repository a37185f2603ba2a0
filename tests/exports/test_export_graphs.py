"""GraphML read back by networkx (and its yEd data checked), AIF read back as JSON: nodes,
edges and attributes compared with the case."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest
from export_tools import NASTY, nasty_case, norm, rating_relations, sample, texts
from hypothesis import given, settings
from hypothesis import strategies as st

from claimmap.formats.export_aif import render_aif
from claimmap.formats.export_graphml import render_graphml
from claimmap.model.document import CaseDocument, Evidence

SAMPLES = ["hts-idlib-2018", "broad-street-cholera-1854", "kpg-extinction"]
YED = "{http://www.yworks.com/xml/graphml}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def hyp_text(h) -> str:
    return f"{norm(h.label)} — {norm(h.statement)}" if norm(h.statement) else norm(h.label)


def claims(doc: CaseDocument) -> dict[str, str]:
    out = {h.id: hyp_text(h) for h in doc.hypotheses}
    out |= {ev.id: norm(ev.summary) for ev in doc.evidence}
    return out | {a.id: norm(a.statement) for a in doc.assumptions}


def check_graphml(doc: CaseDocument, data: bytes) -> None:
    g = nx.read_graphml(io.BytesIO(data))
    assert g.is_directed()
    assert g.graph["title"] == norm(doc.case.title)
    for node, text in claims(doc).items():
        assert g.nodes[node]["text"] == text
    for h in doc.hypotheses:
        d = g.nodes[h.id]
        assert (d["kind"], d["label"]) == ("hypothesis", norm(h.label))
        assert isinstance(d["strength"], float) and 0.0 <= d["strength"] <= 1.0
        assert d.get("prior") == h.prior
    for ev in doc.evidence:
        d = g.nodes[ev.id]
        assert d["kind"] == "evidence" and d.get("credibility") == ev.credibility
        assert d.get("source") == ev.source
        if ev.notes:
            assert d["notes"] == ev.notes.replace("\r\n", "\n")
    for s in doc.sources:
        assert (g.nodes[s.id]["kind"], g.nodes[s.id]["reliability"]) == ("source", s.reliability)
        assert g.nodes[s.id]["label"] == norm(s.title)
    rated = {(u, v, d["relation"]) for u, v, d in g.edges(data=True) if d["role"] == "rating"}
    assert rated == rating_relations(doc)
    for ev in doc.evidence:
        for hyp, cell in ev.ratings.items():
            if (ev.id, hyp) in g.edges and not ev.ratings_by:
                assert g.edges[ev.id, hyp]["rating"] == cell.rating.value
    for link in doc.links:
        assert g.nodes[link.id]["link_kind"] == link.kind.value
        assert g.edges[link.from_, link.id]["role"] == "premise"
        assert g.edges[link.id, link.to]["relation"] == link.kind.value
    sources = {(u, v) for u, v, d in g.edges(data=True) if d["relation"] == "source"}
    assert sources == {(ev.source, ev.id) for ev in doc.evidence if ev.source}


def check_yed(doc: CaseDocument, data: bytes) -> None:
    root = ET.fromstring(data)
    keys = {k.get("id"): k.get("yfiles.type") for k in root.iter(f"{GRAPHML}key")}
    assert "nodegraphics" in keys.values() and "edgegraphics" in keys.values()
    assert len(keys) == len(list(root.iter(f"{GRAPHML}key")))  # ids are unique
    labels = {}
    for node in root.iter(f"{GRAPHML}node"):
        shape = node.find(f".//{YED}ShapeNode")
        assert shape is not None
        labels[node.get("id")] = shape.find(f"{YED}NodeLabel").text
        fill = shape.find(f"{YED}Fill").get("color")
        assert fill.startswith("#") and len(fill) == 7
    for h in doc.hypotheses:
        assert labels[h.id].startswith(f"{h.id}\n")
    colors = Counter(e.find(f".//{YED}LineStyle").get("color") for e in root.iter(f"{GRAPHML}edge"))
    assert sum(colors.values()) == len(list(root.iter(f"{GRAPHML}edge")))


@pytest.mark.parametrize("name", SAMPLES)
def test_graphml_reads_back_with_every_attribute(name):
    doc = sample(name)
    data = render_graphml(doc)
    check_graphml(doc, data)
    check_yed(doc, data)


def test_a_retracted_item_bears_on_no_hypothesis():
    doc = sample("hts-idlib-2018")
    first = doc.evidence[0]
    assert any(c.rating.value in ("C", "CC", "I", "II") for c in first.ratings.values())
    retracted = Evidence.model_validate({**first.model_dump(by_alias=True), "flags": ["retracted"]})
    doc = doc.model_copy(update={"evidence": [retracted, *doc.evidence[1:]]})
    data = render_graphml(doc)
    check_graphml(doc, data)  # its relations are compared with the (retraction-aware) case
    g = nx.read_graphml(io.BytesIO(data))
    assert not [v for _, v, d in g.out_edges(first.id, data=True) if d["role"] == "rating"]


def test_graphml_survives_nasty_text():
    doc = nasty_case(NASTY)
    data = render_graphml(doc)
    check_graphml(doc, data)
    check_yed(doc, data)


@settings(max_examples=25, deadline=None)
@given(words=st.lists(texts, min_size=27, max_size=27))
def test_graphml_survives_random_text(words):
    doc = nasty_case(words)
    check_graphml(doc, render_graphml(doc))


def check_aif(doc: CaseDocument, text: str) -> None:
    aif = json.loads(text)
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    assert len(nodes) == len(aif["nodes"])
    assert {n["type"] for n in aif["nodes"]} <= {"I", "RA", "CA", "L", "YA"}
    assert all(set(n) >= {"nodeID", "text", "type", "timestamp"} for n in aif["nodes"])
    assert all(set(e) >= {"edgeID", "fromID", "toID"} for e in aif["edges"])
    # Hypotheses are marked as ARG-tech's ACH tools mark them: L -> YA Hypothesising -> I;
    # a source asserts its evidence: L (its speaker in locutions/participants) -> YA -> I.
    hyping = [n for n in nodes if nodes[n]["text"] == "Hypothesising"]
    marked = {e["toID"] for e in aif["edges"] if e["fromID"] in hyping}
    assert {aif["claimmap"]["nodes"][n]["id"] for n in marked} == {h.id for h in doc.hypotheses}
    people = {p["participantID"]: p["firstname"] for p in aif["participants"]}
    titles = {s.id: norm(s.title) for s in doc.sources}  # a speaker's name is one line
    for loc in aif["locutions"]:
        source = aif["claimmap"]["nodes"][loc["nodeID"]]["source"]
        assert people[loc["personID"]] == titles[source]
    assert len(aif["locutions"]) == len([e for e in doc.evidence if e.source])
    dialogue = {n for n in nodes if nodes[n]["type"] in ("L", "YA")}
    for n in dialogue:
        del nodes[n]
    aif["edges"] = [e for e in aif["edges"] if not {e["fromID"], e["toID"]} & dialogue]
    origin = aif["claimmap"]["nodes"]
    i_nodes = {origin[n]["id"]: nodes[n]["text"] for n in nodes if nodes[n]["type"] == "I"}
    assert i_nodes == claims(doc)
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for e in aif["edges"]:
        assert e["fromID"] in nodes and e["toID"] in nodes
        outgoing.setdefault(e["fromID"], []).append(e["toID"])
        incoming.setdefault(e["toID"], []).append(e["fromID"])
    by_case_id = {origin[n].get("id") or origin[n].get("link"): n for n in nodes}

    def ends(s_node: str) -> tuple[str, str]:
        # premise → S → conclusion; an undercut's CA-node may point at this S-node too
        (start,) = [m for m in incoming[s_node] if nodes[m]["type"] == "I"]
        (end,) = outgoing[s_node]
        name = origin[start].get("id") or origin[start].get("link")
        return name, origin[end].get("id") or origin[end].get("link")

    ratings = set()
    for n, node in nodes.items():
        if "rating" in origin[n]:
            kind = {"RA": "support", "CA": "attack"}[node["type"]]
            assert (
                node["text"] == {"RA": "Default Inference", "CA": "Default Conflict"}[node["type"]]
            )
            ratings.add((*ends(n), kind))
    assert ratings == rating_relations(doc)
    for link in doc.links:
        s_node = by_case_id[link.id]
        assert nodes[s_node]["type"] == ("RA" if link.kind.value == "support" else "CA")
        assert ends(s_node) == (link.from_, link.to)
        if link.kind.value == "undercut":  # an undercut attacks the S-node of its link
            assert nodes[by_case_id[link.to]]["type"] in ("RA", "CA")


@pytest.mark.parametrize("name", SAMPLES)
def test_aif_reads_back_as_the_case(name):
    doc = sample(name)
    check_aif(doc, render_aif(doc))


@settings(max_examples=40, deadline=None)
@given(words=st.lists(texts, min_size=27, max_size=27))
def test_aif_survives_random_text(words):
    doc = nasty_case(words)
    check_aif(doc, render_aif(doc))


def test_aif_survives_nasty_text():
    doc = nasty_case(NASTY)
    check_aif(doc, render_aif(doc))
