"""Checks across a case document that field-level validation cannot make: ids and references."""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

from claimmap.model.collections import COLLECTIONS as COLLECTIONS  # re-exported for callers
from claimmap.model.document import CaseDocument, RatingCell
from claimmap.model.enums import LinkKind, RelationKind
from claimmap.model.problems import Loc, Problem, format_loc


def _known(ids: dict[str, Loc]) -> str:
    names = ", ".join(sorted(ids)) or "none"
    if len(ids) > 12:
        names = ", ".join(sorted(ids)[:12]) + f", … ({len(ids)} in all)"
    return f"(known: {names})"


def find_reference_problems(doc: CaseDocument) -> list[Problem]:
    problems: list[Problem] = []
    first_use: dict[str, Loc] = {}
    by_kind: dict[str, dict[str, Loc]] = {name: {} for name in COLLECTIONS}
    for name in COLLECTIONS:
        for index, item in enumerate(getattr(doc, name)):
            loc: Loc = (name, index, "id")
            if item.id in first_use:
                where = format_loc(first_use[item.id][:2])
                problems.append(Problem(loc, f"duplicate id {item.id!r} (first used at {where})"))
                continue
            first_use[item.id] = loc
            by_kind[name][item.id] = loc

    hyps, sources, evidence = by_kind["hypotheses"], by_kind["sources"], by_kind["evidence"]
    links, assumptions = by_kind["links"], by_kind["assumptions"]

    def need(ref: str, pool: dict[str, Loc], kind: str, loc: Loc) -> None:
        if ref not in pool:
            problems.append(Problem(loc, f"unknown {kind} {ref!r} {_known(pool)}"))

    for i, hyp in enumerate(doc.hypotheses):
        seen: set[tuple[str, str]] = set()
        for j, rel in enumerate(hyp.relations):
            loc = ("hypotheses", i, "relations", j, "target")
            need(rel.target, hyps, "hypothesis", loc)
            if rel.target == hyp.id:
                problems.append(Problem(loc, f"{hyp.id} cannot be related to itself"))
            if (rel.kind, rel.target) in seen:
                problems.append(
                    Problem(loc, f"{hyp.id} {rel.kind.value} {rel.target} is listed twice")
                )
            seen.add((rel.kind, rel.target))
    problems.extend(_cycle_problems(doc))

    def check_cells(cells: dict[str, RatingCell], loc: Loc) -> None:
        if hyps.keys() >= cells.keys():
            return  # the usual case, checked as one set operation (a big case has a million)
        for hyp_id in cells:
            need(hyp_id, hyps, "hypothesis", (*loc, hyp_id))

    for i, ev in enumerate(doc.evidence):
        if ev.source is not None:
            need(ev.source, sources, "source", ("evidence", i, "source"))
        check_cells(ev.ratings, ("evidence", i, "ratings"))
        for analyst, cells in ev.ratings_by.items():
            if analyst == doc.analyst:
                problems.append(
                    Problem(
                        ("evidence", i, "ratings_by", analyst),
                        f"{analyst!r} is the file's own analyst: put these under `ratings`",
                    )
                )
            check_cells(cells, ("evidence", i, "ratings_by", analyst))

    for i, assumption in enumerate(doc.assumptions):
        for j, hyp_id in enumerate(assumption.hypotheses):
            need(hyp_id, hyps, "hypothesis", ("assumptions", i, "hypotheses", j))

    for i, indicator in enumerate(doc.indicators):
        need(indicator.hypothesis, hyps, "hypothesis", ("indicators", i, "hypothesis"))

    if doc.judgement is not None and doc.judgement.hypothesis is not None:
        need(doc.judgement.hypothesis, hyps, "hypothesis", ("judgement", "hypothesis"))

    for i, mark in enumerate(doc.reviewed):
        _, _, item = mark.partition(":")
        if item:
            need(item, evidence, "evidence", ("reviewed", i))

    premises = {**evidence, **assumptions, **hyps}
    targets = {**hyps, **evidence}  # built once, not once per link
    for i, link in enumerate(doc.links):
        need(link.from_, premises, "evidence, assumption or hypothesis", ("links", i, "from"))
        to_loc: Loc = ("links", i, "to")
        if link.kind is LinkKind.UNDERCUT:
            need(link.to, links, "link", to_loc)
        else:
            need(link.to, targets, "hypothesis or evidence", to_loc)
        if link.to in (link.from_, link.id):
            problems.append(Problem(to_loc, f"link {link.id} cannot point at itself"))
    return problems


def _cycle_problems(doc: CaseDocument) -> list[Problem]:
    """Loops that make no sense: a hypothesis that (through others) subsumes itself, and
    undercut links that attack each other in a ring (none of them could be stored first)."""
    sub_edges = [
        (hyp.id, rel.target)
        for hyp in doc.hypotheses
        for rel in hyp.relations
        if rel.kind is RelationKind.SUBSUMES and rel.target != hyp.id
    ]
    undercut_edges = [
        (link.id, link.to)
        for link in doc.links
        if link.kind is LinkKind.UNDERCUT and link.to != link.id
    ]
    if not (_has_cycle(sub_edges) or _has_cycle(undercut_edges)):
        return []  # the usual case, told without loading the graph library
    import networkx as nx  # here, not at the top: only a case with a loop needs it

    subsumes = nx.DiGraph(sub_edges)
    undercuts = nx.DiGraph(undercut_edges)
    index = {
        **{h.id: ("hypotheses", i, "relations") for i, h in enumerate(doc.hypotheses)},
        **{lk.id: ("links", i, "to") for i, lk in enumerate(doc.links)},
    }
    problems = []
    for graph, what in ((subsumes, "subsumes relations"), (undercuts, "undercut links")):
        for ring in nx.strongly_connected_components(graph):
            if len(ring) > 1:
                first = min(ring, key=lambda key: index[key][:2])
                edges = nx.find_cycle(graph.subgraph(ring), source=first)
                path = " → ".join([first, *(target for _, target in edges)])
                problems.append(Problem(index[first], f"{what} form a cycle: {path}"))
    return problems


def _has_cycle(edges: list[tuple[str, str]]) -> bool:
    """Whether the directed edges hold a loop (the standard library's topological sort
    refuses one); networkx then names it."""
    if len(edges) < 2:
        return False  # a cycle needs two edges at least (an item pointing at itself is refused)
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    try:
        TopologicalSorter(graph).prepare()
    except CycleError:
        return True
    return False
