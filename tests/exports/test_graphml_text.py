"""claimmap writes GraphML as strings, for speed; networkx's own writer is the judge: for any
graph of the attribute types GraphML knows, the bytes must be the ones networkx writes."""

from __future__ import annotations

import io

import networkx as nx
import numpy as np
import pytest
from export_tools import sample
from hypothesis import given, settings
from hypothesis import strategies as st

from claimmap.formats.argument_graph import build_argument_graph
from claimmap.formats.graphml_text import GraphMLText

# text as the argument graph leaves it (no control characters), markup characters included
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t&<>\"'"),
    max_size=12,
)
VALUES = st.one_of(TEXT, st.integers(-(2**40), 2**40), st.floats(allow_nan=False), st.booleans())
NAMES = st.sampled_from(["kind", "label", "weight", "rating", "x"])
IDS = st.sampled_from(["H1", "H2", "E1", "E2", "S1", "L1", "a&b", 'q"t'])


def networkx_writes(graph: nx.DiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=False)
    return buffer.getvalue()


def ours(graph: nx.DiGraph) -> bytes:
    nodes = dict(graph.nodes(data=True))
    edges = {(u, v): d for u, v, d in graph.edges(data=True)}
    return GraphMLText().write(graph, nodes, edges)


@settings(max_examples=300, deadline=None)
@given(
    graph_data=st.dictionaries(st.sampled_from(["title", "question"]), VALUES, max_size=2),
    nodes=st.lists(st.tuples(IDS, st.dictionaries(NAMES, VALUES, max_size=4)), max_size=6),
    edges=st.lists(st.tuples(IDS, IDS, st.dictionaries(NAMES, VALUES, max_size=3)), max_size=8),
)
def test_the_same_bytes_as_networkx_for_any_attributes(graph_data, nodes, edges):
    """Mixed types under one name get a key each, as networkx gives them."""
    graph = nx.DiGraph(**graph_data)
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    assert ours(graph) == networkx_writes(graph)


def test_numpy_values_and_an_unsupported_type():
    graph = nx.DiGraph()
    graph.add_node("H1", strength=np.float64(0.25), order=np.int64(3), plain=0.25)
    graph.add_edge("E1", "H1", weight=np.float32(0.5))
    assert ours(graph) == networkx_writes(graph)
    graph.add_node("H2", parts=[1, 2])
    with pytest.raises(TypeError, match="does not support type"):
        ours(graph)


@pytest.mark.parametrize("name", ["hts-idlib-2018", "kpg-extinction"])
def test_the_same_bytes_as_networkx_for_a_case_argument_graph(name):
    graph = build_argument_graph(sample(name))
    assert ours(graph) == networkx_writes(graph)


def test_extra_xml_goes_first_in_each_element():
    graph = nx.DiGraph(title="t")
    graph.add_edge("E1", "H1", rating="C")
    text = (
        GraphMLText(namespaces={"y": "urn:y"}, keys='<key id="k"/>')
        .write(
            graph,
            {"E1": {}, "H1": {"kind": "hypothesis"}},
            {("E1", "H1"): {"rating": "C"}},
            {"H1": "<y:a/>"},
            {("E1", "H1"): "<y:b/>"},
        )
        .decode("utf-8")
    )
    assert '<graphml xmlns:y="urn:y" xmlns="http://graphml.graphdrawing.org/xmlns"' in text
    assert '<key id="k"/><graph' in text
    assert '<node id="E1"/>' in text  # empty, as lxml writes it
    assert '<node id="H1"><y:a/><data key="d1">hypothesis</data></node>' in text
    assert '<edge source="E1" target="H1"><y:b/><data key="d2">C</data></edge>' in text
