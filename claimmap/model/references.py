"""Checks across a case document that field-level validation cannot make: ids and references.

Each item's references are checked by one function per collection against the case's ids
(`item_problems`), so a whole file and a single edited item (`item_check`) go through the same
rules, and an edit of one item in a big case never walks the others."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from graphlib import CycleError, TopologicalSorter
from typing import Any

from claimmap.model.case_keys import ids_of
from claimmap.model.collections import COLLECTIONS as COLLECTIONS  # re-exported for callers
from claimmap.model.document import CaseDocument, Hypothesis, Link, RatingCell
from claimmap.model.enums import LinkKind, RelationKind
from claimmap.model.problems import Loc, Problem, format_loc


class Pools:
    """Each kind's ids, with where each was first used; and unions of kinds (a link may start
    at evidence, an assumption or a hypothesis), each merged once however many links ask."""

    def __init__(self) -> None:
        self.by_kind: dict[str, dict[str, Loc]] = {name: {} for name in COLLECTIONS}
        self._unions: dict[tuple[str, ...], dict[str, Loc]] = {}

    def __getitem__(self, kind: str) -> dict[str, Loc]:
        return self.by_kind[kind]

    def union(self, *kinds: str) -> dict[str, Loc]:
        if kinds not in self._unions:
            merged: dict[str, Loc] = {}
            for kind in kinds:
                merged.update(self.by_kind[kind])
            self._unions[kinds] = merged
        return self._unions[kinds]


def _known(ids: dict[str, Loc]) -> str:
    names = ", ".join(sorted(ids)) or "none"
    if len(ids) > 12:
        names = ", ".join(sorted(ids)[:12]) + f", … ({len(ids)} in all)"
    return f"(known: {names})"


def first_uses(ids: Mapping[str, Sequence[str]]) -> tuple[Pools, list[Problem]]:
    """Each collection's ids by where they are first used, and a problem for every later use
    of an id: ids are unique across the whole case."""
    problems: list[Problem] = []
    first_use: dict[str, Loc] = {}
    pools = Pools()
    for name in COLLECTIONS:
        for index, key in enumerate(ids[name]):
            loc: Loc = (name, index, "id")
            if key in first_use:
                where = format_loc(first_use[key][:2])
                problems.append(Problem(loc, f"duplicate id {key!r} (first used at {where})"))
                continue
            first_use[key] = loc
            pools.by_kind[name][key] = loc
    return pools, problems


def find_reference_problems(doc: CaseDocument) -> list[Problem]:
    pools, problems = first_uses(ids_of(doc))
    for i, hyp in enumerate(doc.hypotheses):
        problems.extend(_hypothesis(i, hyp, pools, doc.analyst))
    problems.extend(problem for problem, _ in find_cycles(doc.hypotheses, doc.links))
    for name in ("evidence", "assumptions", "indicators"):
        check = _CHECKS[name]
        for i, item in enumerate(getattr(doc, name)):
            problems.extend(check(i, item, pools, doc.analyst))

    if doc.judgement is not None and doc.judgement.hypothesis is not None:
        hyps = pools["hypotheses"]
        _need(problems, doc.judgement.hypothesis, hyps, "hypothesis", ("judgement", "hypothesis"))
    for i, mark in enumerate(doc.reviewed):
        _, _, item = mark.partition(":")
        if item:
            _need(problems, item, pools["evidence"], "evidence", ("reviewed", i))

    for i, link in enumerate(doc.links):
        problems.extend(_link(i, link, pools, doc.analyst))
    return problems


def item_problems(
    collection: str, index: int, item: Any, pools: Pools, analyst: str
) -> list[Problem]:
    """The problems with the references of item `index` of `collection` (its own id's
    uniqueness and loops through it are checked apart: `first_uses`, `find_cycles`)."""
    check = _CHECKS.get(collection)  # a source refers to nothing
    return check(index, item, pools, analyst) if check else []


def _need(problems: list[Problem], ref: str, pool: dict[str, Loc], kind: str, loc: Loc) -> None:
    if ref not in pool:
        problems.append(Problem(loc, f"unknown {kind} {ref!r} {_known(pool)}"))


def _hypothesis(i: int, hyp: Any, pools: Pools, analyst: str) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for j, rel in enumerate(hyp.relations):
        loc = ("hypotheses", i, "relations", j, "target")
        _need(problems, rel.target, pools["hypotheses"], "hypothesis", loc)
        if rel.target == hyp.id:
            problems.append(Problem(loc, f"{hyp.id} cannot be related to itself"))
        if (rel.kind, rel.target) in seen:
            problems.append(Problem(loc, f"{hyp.id} {rel.kind.value} {rel.target} is listed twice"))
        seen.add((rel.kind, rel.target))
    return problems


def _evidence(i: int, ev: Any, pools: Pools, analyst: str) -> list[Problem]:
    problems: list[Problem] = []
    hyps = pools.by_kind["hypotheses"]
    if ev.source is not None:
        _need(problems, ev.source, pools["sources"], "source", ("evidence", i, "source"))
    if not hyps.keys() >= ev.ratings.keys():  # the usual case, as one set operation
        _cells(problems, ev.ratings, hyps, ("evidence", i, "ratings"))
    for name, cells in ev.ratings_by.items():
        if name == analyst:
            problems.append(
                Problem(
                    ("evidence", i, "ratings_by", name),
                    f"{name!r} is the file's own analyst: put these under `ratings`",
                )
            )
        if not hyps.keys() >= cells.keys():
            _cells(problems, cells, hyps, ("evidence", i, "ratings_by", name))
    return problems


def _cells(
    problems: list[Problem], cells: dict[str, RatingCell], hyps: dict[str, Loc], loc: Loc
) -> None:
    for hyp_id in cells:
        _need(problems, hyp_id, hyps, "hypothesis", (*loc, hyp_id))


def _assumption(i: int, assumption: Any, pools: Pools, analyst: str) -> list[Problem]:
    problems: list[Problem] = []
    for j, hyp_id in enumerate(assumption.hypotheses):
        _need(
            problems, hyp_id, pools["hypotheses"], "hypothesis", ("assumptions", i, "hypotheses", j)
        )
    return problems


def _indicator(i: int, indicator: Any, pools: Pools, analyst: str) -> list[Problem]:
    problems: list[Problem] = []
    loc = ("indicators", i, "hypothesis")
    _need(problems, indicator.hypothesis, pools["hypotheses"], "hypothesis", loc)
    return problems


def _link(i: int, link: Any, pools: Pools, analyst: str) -> list[Problem]:
    problems: list[Problem] = []
    premises = pools.union("evidence", "assumptions", "hypotheses")
    _need(
        problems, link.from_, premises, "evidence, assumption or hypothesis", ("links", i, "from")
    )
    to_loc: Loc = ("links", i, "to")
    if link.kind is LinkKind.UNDERCUT:
        _need(problems, link.to, pools["links"], "link", to_loc)
    else:
        _need(
            problems,
            link.to,
            pools.union("hypotheses", "evidence"),
            "hypothesis or evidence",
            to_loc,
        )
    if link.to in (link.from_, link.id):
        problems.append(Problem(to_loc, f"link {link.id} cannot point at itself"))
    return problems


_CHECKS: dict[str, Callable[[int, Any, Pools, str], list[Problem]]] = {
    "hypotheses": _hypothesis,
    "evidence": _evidence,
    "assumptions": _assumption,
    "indicators": _indicator,
    "links": _link,
}


def find_cycles(
    hypotheses: Sequence[Hypothesis], links: Sequence[Link]
) -> list[tuple[Problem, set[str]]]:
    """Loops that make no sense: a hypothesis that (through others) subsumes itself, and
    undercut links that attack each other in a ring (none of them could be stored first).
    Each is reported at its earliest member, with the ids of all its members."""
    sub_edges = [
        (hyp.id, rel.target)
        for hyp in hypotheses
        for rel in hyp.relations
        if rel.kind is RelationKind.SUBSUMES and rel.target != hyp.id
    ]
    undercut_edges = [
        (link.id, link.to)
        for link in links
        if link.kind is LinkKind.UNDERCUT and link.to != link.id
    ]
    if not (_has_cycle(sub_edges) or _has_cycle(undercut_edges)):
        return []  # the usual case, told without loading the graph library
    import networkx as nx  # here, not at the top: only a case with a loop needs it

    subsumes = nx.DiGraph(sub_edges)
    undercuts = nx.DiGraph(undercut_edges)
    index = {
        **{h.id: ("hypotheses", i, "relations") for i, h in enumerate(hypotheses)},
        **{lk.id: ("links", i, "to") for i, lk in enumerate(links)},
    }
    cycles = []
    for graph, what in ((subsumes, "subsumes relations"), (undercuts, "undercut links")):
        for ring in nx.strongly_connected_components(graph):
            if len(ring) > 1:
                first = min(ring, key=lambda key: index[key][:2])
                edges = nx.find_cycle(graph.subgraph(ring), source=first)
                path = " → ".join([first, *(target for _, target in edges)])
                cycles.append((Problem(index[first], f"{what} form a cycle: {path}"), set(ring)))
    return cycles


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
