"""The case as one argument graph, shared by every map export (Argdown, DOT, GraphML, AIF,
Mermaid) so that none of them derives the edges on its own.

Nodes (attribute `kind`): `hypothesis`, `evidence`, `assumption`, `source` and `link`.
Edges (attribute `relation`): `support`, `attack`, `undercut` and `source`.

* A rated cell becomes an edge evidence → hypothesis (`role="rating"`): support when the
  mean numeric rating over the analysts who gave one is positive (CC, C), attack when it is
  negative (I, II); N, NA and unrated cells give no edge.
* An explicit link L from X to Y becomes a node L (kind `link`) with the edges X → L
  (`role="premise"`) and L → Y (`role="conclusion"`), both carrying the link's kind. A link
  is a node so that an undercut, whose target is another link, has something to point at:
  the undercut U of link L is the path premise → U → L. Argdown arguments, AIF RA/CA nodes
  and the small diamonds of the DOT map are these link nodes.
* A source reports the evidence items that cite it: source → evidence, relation `source`.

Attribute values are only str, int, float and bool (no None), so GraphML can carry them.
Text is cleaned of control characters (XML cannot hold most of them) but otherwise kept.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import networkx as nx
import numpy as np

from claimmap.formats.casefile_matrix import Rationales, matrix_from_document, rationales_of
from claimmap.model.document import CaseDocument
from claimmap.scoring.dfquad import DFQuAD, rating_weights
from claimmap.scoring.matrix import CODE_LABELS, UNRATED, Matrix
from claimmap.scoring.view import View, build_view

# C0/C1 controls other than tab and newline, and Unicode's non-characters: XML forbids or
# discourages them, HTML calls them parse errors, and no text means anything by them.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
    + "]"
)


def clean(text: str | None) -> str:
    """Text without control characters; carriage returns become newlines."""
    if not text:
        return ""
    if text.isprintable():  # no control, non-character or carriage return: as it is
        return text
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str | None) -> str:
    """Clean text with every run of whitespace (newlines included) as one space."""
    return " ".join(clean(text).split())


def display_lines(text: str | None, limit: int = 160, width: int = 36) -> list[str]:
    """Text for a box in a drawing: one line, cut at `limit` characters, wrapped."""
    line = one_line(text)
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return textwrap.wrap(line, width, break_on_hyphens=False) or [""]


def statement_text(label: str, statement: str) -> str:
    """A hypothesis as one proposition: its label, then its statement when it has one."""
    label, statement = one_line(label), one_line(statement)
    return f"{label} — {statement}" if statement else label


def _put(attrs: dict[str, Any], **values: Any) -> dict[str, Any]:
    """Set the attributes that have a value (GraphML cannot carry None)."""
    for key, value in values.items():
        if value is None or value == "":
            continue
        attrs[key] = clean(value) if isinstance(value, str) else value
    return attrs


def strengths(view: View) -> dict[str, float]:
    """DF-QuAD strength of every hypothesis and evidence item."""
    if not view.hypotheses:
        return {}
    solved = DFQuAD().solve(view).strengths
    ids = [*view.hypotheses, *view.evidence]
    return {i: float(s) for i, s in zip(ids, solved, strict=True)}


def build_argument_graph(
    doc: CaseDocument,
    matrix: Matrix | None = None,
    rationales: Rationales | None = None,
    *,
    solved: tuple[View, dict[str, float]] | None = None,
    rated: np.ndarray | None = None,
) -> nx.DiGraph:
    """The case as a graph. `matrix` is the case's scoring matrix when the caller has one
    already; the rating edges and strengths come from its group view, as scoring sees them
    (the mean over analysts; a retracted item's ratings count for nothing). The ratings are
    read from the matrix, so `doc` may be one without them when `rationales` (keyed as
    `casefile_matrix.rationales_of` keys them) come with it.

    `solved`: the group view of `matrix` and its `strengths`, when the caller has them;
    `rated`: an (evidence x hypotheses) mask of the rating edges wanted (default every one),
    for a view that shows a few hundred of a big case's hundred thousand (such a view
    never reads an item's `ratings` summary, which is then left out)."""
    graph = nx.DiGraph(title=one_line(doc.case.title), question=one_line(doc.case.question))
    if matrix is None:
        matrix = matrix_from_document(doc)
    if rationales is None:
        rationales = rationales_of(doc)
    if solved is None:
        group = build_view(matrix)
        solved = (group, strengths(group))
    view, strength = solved
    for order, h in enumerate(doc.hypotheses):
        attrs = _put(
            {"kind": "hypothesis", "order": order},
            label=one_line(h.label),
            statement=clean(h.statement),
            text=statement_text(h.label, h.statement),
            prior=h.prior,
        )
        if h.id in strength:
            attrs["strength"] = strength[h.id]
        graph.add_node(h.id, **attrs)
    for s in doc.sources:
        graph.add_node(
            s.id,
            **_put(
                {"kind": "source", "reliability": s.reliability.value},
                label=one_line(s.title),
                text=one_line(s.title),
                author=s.author,
                source_kind=s.kind.value,
                date=s.date,
                reference=s.reference,
                notes=s.notes,
            ),
        )
    for a in doc.assumptions:
        graph.add_node(
            a.id,
            **_put(
                {"kind": "assumption", "grade": a.grade.value if a.grade else "ungraded"},
                label=one_line(a.statement),
                text=one_line(a.statement),
                hypotheses=" ".join(a.hypotheses),
                notes=a.notes,
            ),
        )
    _add_evidence(graph, doc, strength, view, matrix, rationales, rated)
    for link in doc.links:
        kind = link.kind.value
        graph.add_node(link.id, **_put({"kind": "link", "link_kind": kind}, notes=link.notes))
    for link in doc.links:  # after all link nodes exist: an undercut may name a later link
        kind = link.kind.value
        graph.add_edge(link.from_, link.id, relation=kind, role="premise")
        graph.add_edge(link.id, link.to, relation=kind, role="conclusion")
    return graph


def _add_evidence(
    graph: nx.DiGraph,
    doc: CaseDocument,
    strength: dict[str, float],
    view: View,
    matrix: Matrix,
    rationales: Rationales,
    rated: np.ndarray | None,
) -> None:
    attack, support = rating_weights(view.values)
    weights = support + attack
    if rated is not None:
        weights = np.where(rated, weights, 0.0)
    hyps = [h.id for h in doc.hypotheses]
    cube = matrix.ratings
    with_why = {(e, h) for _, e, h in rationales}
    # every rating edge, item by item, and each analyst's code on it, read in one pass
    items, columns = np.nonzero(weights)
    bounds = np.searchsorted(items, np.arange(len(doc.evidence) + 1)).tolist()
    edge_codes = cube[:, items, columns].T.tolist()
    edge_weight = weights[items, columns].tolist()
    edge_supports = (support[items, columns] > 0).tolist()
    edge_column = columns.tolist()
    # the label of each combination of codes, as "C/I" (analysts in the matrix's order)
    labels: dict[tuple[int, ...], str] = {}
    for codes in map(tuple, edge_codes):
        if codes not in labels:
            said = dict.fromkeys(CODE_LABELS[c] for c in codes if c != UNRATED)
            labels[codes] = "/".join(said)
    lead_codes = cube[0].tolist() if rated is None else None
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for e, ev in enumerate(doc.evidence):
        summary = one_line(ev.summary)
        attrs = _put(
            {"kind": "evidence", "evidence_kind": ev.kind.value},
            label=summary,
            text=summary,
            source=ev.source,
            date=ev.date,
            credibility=ev.credibility,
            relevance=ev.relevance.value if ev.relevance else None,
            notes=ev.notes,
            tags=" ".join(one_line(t) for t in ev.tags),
            ratings=None if lead_codes is None else _ratings_text(hyps, lead_codes[e]),
        )
        if ev.id in strength:
            attrs["strength"] = strength[ev.id]
        graph.add_node(ev.id, **attrs)
        if ev.source:
            edges.append((ev.source, ev.id, {"relation": "source", "role": "source"}))
        for k in range(bounds[e], bounds[e + 1]):
            hyp = hyps[edge_column[k]]
            edge = {
                "relation": "support" if edge_supports[k] else "attack",
                "role": "rating",
                "weight": edge_weight[k],
            }
            label = labels[tuple(edge_codes[k])]
            if label:
                edge["rating"] = label
            if (ev.id, hyp) in with_why:
                texts = (rationales.get((who, ev.id, hyp)) for who in matrix.analysts)
                why = "; ".join(one_line(t) for t in texts if t)
                if why:
                    edge["rationale"] = clean(why)
            edges.append((ev.id, hyp, edge))
    # after the items: every end exists, so the nodes keep their order and each node's
    # edges the order they were made in
    graph.add_edges_from(edges)


def _ratings_text(hyps: list[str], codes: list[int]) -> str:
    """An item's ratings as `H1=C; H2=I`: the exports carry it, a view (`rated`) leaves it out."""
    return "; ".join(
        f"{h}={CODE_LABELS[c]}" for h, c in zip(hyps, codes, strict=True) if c != UNRATED
    )


def nodes_of(graph: nx.DiGraph, kind: str) -> list[str]:
    return [n for n, d in graph.nodes(data=True) if d["kind"] == kind]


def link_ends(graph: nx.DiGraph, link: str) -> tuple[str, str]:
    """The premise and the target of a link node."""
    premise = next(u for u, _, d in graph.in_edges(link, data=True) if d["role"] == "premise")
    return premise, next(iter(graph.successors(link)))


def focus(graph: nx.DiGraph, limit: int) -> tuple[nx.DiGraph, str]:
    """The graph with at most `limit` evidence items, for drawings that would otherwise take
    minutes to lay out and be unreadable: every hypothesis and assumption, the items that push
    hardest on some hypothesis (strength × rating weight; case order breaks ties), their
    sources, and the links whose ends are all kept. The note says what was left out."""
    evidence = nodes_of(graph, "evidence")
    if len(evidence) <= limit:
        return graph, ""
    push = {}
    for e in evidence:  # through the adjacency dicts: edge views cost more than the work
        strength = graph.nodes[e].get("strength", 0.5)
        weights = [d["weight"] for d in graph.succ[e].values() if d["role"] == "rating"]
        push[e] = max([0.0, *(strength * w for w in weights)])
    chosen = sorted(evidence, key=lambda e: -push[e])[:limit]
    keep = {n for n, d in graph.nodes(data=True) if d["kind"] in ("hypothesis", "assumption")}
    keep |= set(chosen)
    keep |= {u for e in chosen for u in graph.predecessors(e) if graph.nodes[u]["kind"] == "source"}
    ends = {n: link_ends(graph, n) for n in nodes_of(graph, "link")}
    while True:  # a link is drawn when its premise and its target are (an undercut's target
        # is a link, so undercuts come in on a later round)
        more = {n for n, (a, b) in ends.items() if n not in keep and a in keep and b in keep}
        if not more:
            break
        keep |= more
    note = (
        f"showing {limit} of {len(evidence)} evidence items, those that push hardest on a "
        "hypothesis; the dot, graphml, argdown and aif exports hold them all"
    )
    # Built in the graph's own order (a subgraph view would follow the set's hash order,
    # and the drawings would change from run to run).
    shown = nx.DiGraph(**graph.graph)
    shown.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n in keep)
    succ = graph.succ  # the kept nodes' edges alone, in graph.edges' order
    shown.add_edges_from(
        (u, v, d) for u in graph if u in keep for v, d in succ[u].items() if v in keep
    )
    return shown, note


# Up to this many evidence items the whole map is readable; past it, drawings show the
# distinguishing view by default.
HANDFUL = 8


def signed_ratings(graph: nx.DiGraph, evidence: str, hypotheses: list[str]) -> list[float]:
    """The item's pull on each hypothesis: +weight for support, -weight for attack, 0 for
    none (N, NA, unrated)."""
    pull = {h: 0.0 for h in hypotheses}
    for h, d in graph.succ[evidence].items():  # not out_edges: a view per item costs more
        if d["role"] == "rating" and h in pull:
            pull[h] = d["weight"] if d["relation"] == "support" else -d["weight"]
    return [pull[h] for h in hypotheses]


def _all_alike(pulls: list[float]) -> bool:
    """True for an item's pulls when it bears on every hypothesis alike: it cannot tell them
    apart."""
    return bool(pulls) and pulls[0] != 0.0 and all(p == pulls[0] for p in pulls)


def _usual(pulls: list[float]) -> float:
    """An item's usual pull: the most common one, the weakest on a tie."""
    return max(set(pulls), key=lambda p: (pulls.count(p), -abs(p)))


def distinguishing(graph: nx.DiGraph) -> tuple[nx.DiGraph, str]:
    """The map as the question needs it: per hypothesis, the evidence that tells it apart.

    * An item rated the same on every hypothesis proves nothing: its rating edges are left
      out (and the item, unless a link still joins it).
    * Of every other item, only the ratings that differ from its usual one are drawn (an
      item consistent with four hypotheses and inconsistent with one is drawn with the one
      edge that matters; its four "C" edges would only say again what it says of all).
    * Sources are not drawn (each item's box names its source): their dashed edges fan out
      across the whole map and cause many crossings. Items and assumptions left with no
      edge at all are not drawn either.
    * Items are grouped by the first hypothesis they bear on (_drawing_order). Graphviz clusters,
      one box per hypothesis with its evidence, were tried and made the drawings of the
      sample cases cross more, not less (benchmarks/map_crossings.py).
    The note counts what was left out. A case with at most HANDFUL items is returned whole:
    it is readable as it is."""
    evidence = nodes_of(graph, "evidence")
    if len(evidence) <= HANDFUL:
        return graph, ""
    kind = {n: d["kind"] for n, d in graph.nodes(data=True)}
    hypotheses = [n for n in graph if kind[n] == "hypothesis"]
    pulls = {e: signed_ratings(graph, e, hypotheses) for e in evidence}
    same = {e for e, pull in pulls.items() if _all_alike(pull)}
    usual = {e: _usual(pull) for e, pull in pulls.items()}
    edges = list(graph.edges(data=True))  # walked twice; a big map has tens of thousands
    linked = {
        n for u, v, d in edges if d["role"] != "source" and d["role"] != "rating" for n in (u, v)
    }
    drop_nodes = {e for e in same if e not in linked} | {n for n in graph if kind[n] == "source"}
    # each node's drawn edges, in the graph's order
    drawn: dict[str, list[tuple[str, dict[str, Any]]]] = {
        n: [] for n in graph if n not in drop_nodes
    }
    same_edges = repeated = 0
    for u, v, d in edges:
        if u in drop_nodes or v in drop_nodes:
            same_edges += u in same
            continue
        if d["role"] == "rating":
            pull = d["weight"] if d["relation"] == "support" else -d["weight"]
            if u in same:
                same_edges += 1
                continue
            if pull == usual[u]:
                repeated += 1
                continue
        drawn[u].append((v, d))
    joined = {n for u, ends in drawn.items() if ends for n in (u, *(v for v, _ in ends))}
    alone = [n for n in drawn if kind[n] in ("evidence", "assumption") and n not in joined]
    for n in alone:
        del drawn[n]
    shown = nx.DiGraph(**graph.graph)
    shown.add_nodes_from((n, graph.nodes[n]) for n in _drawing_order(drawn, hypotheses))
    shown.add_edges_from((u, v, d) for u, ends in drawn.items() for v, d in ends)
    parts = []
    if same:
        parts.append(
            f"{len(same)} items rated the same on every hypothesis left out ({same_edges} edges)"
        )
    if repeated:
        parts.append(f"{repeated} edges that repeat an item's usual rating left out")
    if alone:
        parts.append(f"{len(alone)} items that rate and link nothing left out")
    parts.append("sources named in each box; `--full` draws everything")
    return shown, "; ".join(parts)


def _drawing_order(
    drawn: dict[str, list[tuple[str, dict[str, Any]]]], hypotheses: list[str]
) -> list[str]:
    """The nodes in drawing order: the hypotheses, then each item after the first hypothesis
    it bears on (a stable sort, so the case's order within). Graphviz starts its crossing
    reduction from this order; on the sample cases it ends with fewer crossings than from
    case order (see benchmarks/map_crossings.py)."""
    place = {h: i for i, h in enumerate(hypotheses)}

    def key(node: str) -> tuple[int, int]:
        if node in place:
            return (0, place[node])
        targets = [place[v] for v, _ in drawn[node] if v in place]
        return (1, min(targets, default=len(place)))

    return sorted(drawn, key=key)
