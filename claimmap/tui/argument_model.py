"""The argument map as a tree: question → hypotheses → the evidence and links that support or
undermine each → their sources, with DF-QuAD strengths. The Map tab draws this tree.

It is read off the same argument graph every map export uses (`formats.argument_graph`), so
the tab and the exported maps always show the same relations and strengths.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from claimmap.scoring.dfquad import rating_weights
from claimmap.scoring.ranking import leader_mask
from claimmap.scoring.view import build_view
from claimmap.tui.case_state import CaseState

if TYPE_CHECKING:  # networkx loads with the first map, in its worker, not when a case opens
    import networkx as nx

LINK_DEPTH = 3  # links can form cycles; a few levels are enough to read
BRANCH_LIMIT = 300  # items listed under one hypothesis (and in its group of alike items)


class MapNode:
    """One node of the tree. A hypothesis's items are made when the tree first asks for its
    `children` (`load`): a big case's tab shows the hypotheses, and a branch only once it
    is opened. `count` is how many children there are, known without making them."""

    __slots__ = (
        "_children",
        "_hidden",
        "_load",
        "count",
        "id",
        "kind",
        "label",
        "leader",
        "more",
        "rating",
        "relation",
        "strength",
    )

    def __init__(
        self,
        kind: str,  # "question", "hypothesis", "evidence", "source", "link", "group"
        id: str,
        label: str,
        relation: str | None = None,  # "support", "attack" or "undercut" toward the parent
        rating: str | None = None,
        strength: float | None = None,
        leader: bool = False,
        children: list[MapNode] | None = None,
        more: int = 0,  # children left out (a big branch lists its strongest BRANCH_LIMIT)
        load: tuple[int, Callable[[], list[MapNode]]] | None = None,  # (count, maker)
    ) -> None:
        self.kind, self.id, self.label = kind, id, label
        self.relation, self.rating, self.strength = relation, rating, strength
        self.leader, self.more = leader, more
        self._children = children or []
        self._load = load[1] if load else None
        self.count = load[0] if load else len(self._children)
        self._hidden: bool | None = None  # set by `without_ranking` before the children exist

    @property
    def children(self) -> list[MapNode]:
        if self._load is not None:
            make, self._load = self._load, None
            self._children = make()
            if self._hidden is not None:
                for child in self._children:
                    without_ranking(child, ratings_too=self._hidden)
        return self._children

    @children.setter
    def children(self, nodes: list[MapNode]) -> None:
        self._children, self._load, self.count = nodes, None, len(nodes)


def build_map(state: CaseState) -> MapNode:
    """The tree, with at most BRANCH_LIMIT items under a hypothesis (the strongest) and in
    its group of alike items: the rest are counted in `more`. A big case has a hundred
    thousand rating edges and a tree that shows a few hundred at a time."""
    from claimmap.bulk import import_lasting

    graphs = import_lasting("claimmap.formats.argument_graph")  # networkx comes with it
    build_argument_graph, strengths = graphs.build_argument_graph, graphs.strengths
    snap = state.snapshot
    view = build_view(snap.matrix)
    strength = strengths(view)
    attack, support = rating_weights(view.values)
    weight = support + attack
    pull = np.where(support > 0, weight, -weight)
    # Items that bear on every hypothesis alike tell none apart: each branch folds them
    # into one node so that the items that matter are the ones in view.
    same = np.zeros(len(view.evidence), bool)
    if len(view.hypotheses):
        same = (pull[:, 0] != 0) & (pull == pull[:, :1]).all(axis=1)
    item_strength = np.array([strength.get(e, 0.0) for e in view.evidence])
    order = np.arange(len(view.evidence))
    branches = []
    rated = np.zeros(weight.shape, bool)
    for h in range(len(view.hypotheses)):
        edges = np.flatnonzero(weight[:, h])
        # support before attack, strongest first, then case order
        ranked = edges[
            np.lexsort((order[edges], -item_strength[edges], -weight[edges, h], pull[edges, h] < 0))
        ]
        telling, alike = ranked[~same[ranked]], ranked[same[ranked]]
        rated[telling[:BRANCH_LIMIT], h] = rated[alike[:BRANCH_LIMIT], h] = True
        branches.append((telling, alike))
    graph = build_argument_graph(
        snap.doc, snap.matrix, snap.rationales, solved=(view, strength), rated=rated
    )
    hypotheses = list(view.hypotheses)
    scores = np.array([strength.get(h, 0.0) for h in hypotheses])
    leaders = leader_mask(scores) if hypotheses else np.zeros(0, bool)
    hypothesis_nodes = []
    for h, (leads, (telling, alike)) in enumerate(zip(leaders, branches, strict=True)):
        hyp = hypotheses[h]
        links = _links(graph, hyp)
        shown = telling[:BRANCH_LIMIT].tolist()
        count = len(shown) + bool(len(alike)) + len(links)
        node = MapNode(
            "hypothesis",
            hyp,
            _label(graph, hyp),
            strength=_strength(graph, hyp),
            leader=bool(leads),
            more=len(telling) - len(shown),
            load=(count, partial(_branch, graph, view.evidence, hyp, shown, alike, links)),
        )
        hypothesis_nodes.append(node)
    return MapNode("question", "", snap.doc.case.question, children=hypothesis_nodes)


def _branch(
    graph: nx.DiGraph,
    evidence: Sequence[str],
    hyp: str,
    shown: list[int],
    alike: np.ndarray,
    links: list[MapNode],
) -> list[MapNode]:
    """A hypothesis's children: its strongest items, the group of alike items, its links."""
    nodes = [_rated(graph, evidence[e], hyp) for e in shown]
    if len(alike):
        label = f"{len(alike)} items that rate the same everywhere (they tell nothing apart)"
        group = MapNode("group", "", label, more=max(0, len(alike) - BRANCH_LIMIT))
        group.children = [_rated(graph, evidence[e], hyp) for e in alike[:BRANCH_LIMIT].tolist()]
        nodes.append(group)
    return nodes + links


def _rated(graph: nx.DiGraph, evidence: str, hypothesis: str) -> MapNode:
    """An evidence item under a hypothesis it bears on, with its sources and links."""
    edge = graph.edges[evidence, hypothesis]
    return MapNode(
        "evidence",
        evidence,
        _label(graph, evidence),
        relation=edge["relation"],
        rating=edge.get("rating"),
        strength=_strength(graph, evidence),
        children=_sources(graph, evidence) + _links(graph, evidence),
    )


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
    if node._load is not None:  # children still to be made are hidden as they are made
        node._hidden = ratings_too
        return node
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
