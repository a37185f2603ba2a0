"""The quick loop test that spares most cases the graph library agrees with networkx."""

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from claimmap.model.references import _has_cycle

NODES = st.sampled_from(["H1", "H2", "H3", "H4", "L1", "L2"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NODES, NODES).filter(lambda e: e[0] != e[1]), max_size=8))
def test_has_cycle_agrees_with_networkx(edges: list[tuple[str, str]]) -> None:
    assert _has_cycle(edges) == (not nx.is_directed_acyclic_graph(nx.DiGraph(edges)))


def test_has_cycle_by_hand() -> None:
    assert _has_cycle([("H1", "H2"), ("H2", "H3"), ("H3", "H1")])
    assert not _has_cycle([("H1", "H2"), ("H2", "H3"), ("H1", "H3")])
    assert _has_cycle([("L1", "L2"), ("L2", "L1")])
    assert not _has_cycle([("L1", "L2")])
