"""The argument map as a tree: question → hypotheses → the evidence and links that support or
undermine each → their sources, with DF-QuAD strengths. The Map tab draws this tree.

It is read off the same argument graph every map export uses (`formats.argument_graph`), so
the tab and the exported maps always show the same relations and strengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from claimmap.scoring.ranking import leader_mask
from claimmap.tui.case_state import CaseState

if TYPE_CHECKING:  # networkx loads with the first map, in its worker, not when a case opens
    import networkx as nx

LINK_DEPTH = 3  # links can form cycles; a few levels are enough to read


@dataclass
class MapNode:
    kind: str  # "question", "hypothesis", "evidence", "source", "link", "group"
    id: str
    label: str
    relation: str | None = None  # "support", "attack" or "undercut" toward the parent
    rating: str | None = None
    strength: float | None = None
    leader: bool = False
    children: list[MapNode] = field(default_factory=list)


def build_map(state: CaseState) -> MapNode:
    from claimmap.formats.argument_graph import build_argument_graph, nodes_of, rates_the_same

    snap = state.snapshot
    graph = build_argument_graph(snap.doc, snap.matrix)
    hypotheses = nodes_of(graph, "hypothesis")
    strength = np.array([graph.nodes[h].get("strength", 0.0) for h in hypotheses])
    leaders = leader_mask(strength) if hypotheses else np.zeros(0, bool)
    root = MapNode("question", "", snap.doc.case.question)
    # Items that bear on every hypothesis alike tell none apart: each branch folds them
    # into one node so that the items that matter are the ones in view.
    same = {e for e in nodes_of(graph, "evidence") if rates_the_same(graph, e, hypotheses)}
    for h, leads in zip(hypotheses, leaders, strict=True):
        node = MapNode("hypothesis", h, _label(graph, h), strength=_strength(graph, h))
        node.leader = bool(leads)
        rated = []
        for ev, _, edge in graph.in_edges(h, data=True):
            if edge["role"] != "rating":
                continue
            child = MapNode(
                "evidence",
                ev,
                _label(graph, ev),
                relation=edge["relation"],
                rating=edge.get("rating"),
                strength=_strength(graph, ev),
                children=_sources(graph, ev) + _links(graph, ev),
            )
            order = (edge["relation"] != "support", -edge["weight"], -(child.strength or 0.0))
            rated.append((order, child))
        rated.sort(key=lambda r: r[0])  # support before attack, strongest first
        telling = [child for _, child in rated if child.id not in same]
        alike = [child for _, child in rated if child.id in same]
        if alike:
            label = f"{len(alike)} items that rate the same everywhere (they tell nothing apart)"
            telling.append(MapNode("group", "", label, children=alike))
        node.children = telling + _links(graph, h)
        root.children.append(node)
    return root


def _label(graph: nx.DiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


def _strength(graph: nx.DiGraph, node: str) -> float | None:
    value = graph.nodes[node].get("strength")
    return None if value is None else float(value)


def _sources(graph: nx.DiGraph, evidence: str) -> list[MapNode]:
    nodes = []
    for source, _, edge in graph.in_edges(evidence, data=True):
        if edge["role"] == "source":
            attrs = graph.nodes[source]
            kind = attrs.get("source_kind", "other")
            label = f"{_label(graph, source)} ({kind}, reliability {attrs['reliability']})"
            nodes.append(MapNode("source", source, label))
    return nodes


def _links(graph: nx.DiGraph, target: str, depth: int = 0) -> list[MapNode]:
    """The explicit links into `target`, each with the links into it and into its premise."""
    from claimmap.formats.argument_graph import link_ends

    nodes = []
    for link in graph.predecessors(target):
        if graph.nodes[link]["kind"] != "link":
            continue
        premise, _ = link_ends(graph, link)
        node = MapNode(
            "link",
            link,
            f"{premise}: {_label(graph, premise)}",
            relation=graph.nodes[link]["link_kind"],
            strength=_strength(graph, premise),
        )
        if depth < LINK_DEPTH:
            node.children = _links(graph, link, depth + 1) + _links(graph, premise, depth + 1)
        nodes.append(node)
    return nodes


def without_ranking(node: MapNode, *, ratings_too: bool = False) -> MapNode:
    """The map with no leader star and no strength anywhere (blind rating must not show the
    ranking on any tab), and with no ratings either while the case hides colleagues' ones."""
    node.leader = False
    node.strength = None
    if ratings_too:
        node.rating = None
    for child in node.children:
        without_ranking(child, ratings_too=ratings_too)
    return node


def without_colleagues(root: MapNode, left: int) -> MapNode:
    """The map for an analyst still rating on their own: the map's supports and attacks come
    from the case analyst's ratings, which must not show yet, so only the hypotheses stay."""
    without_ranking(root, ratings_too=True)
    for hypothesis in root.children:
        note = f"evidence shown once you have rated every cell ({left} left)"
        hypothesis.children = [MapNode("group", "", note)]
    return root
