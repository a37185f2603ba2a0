"""The argument map as plain data: question → hypotheses → the evidence and links that support
or undermine each → their sources, with DF-QuAD strengths. The Map tab draws this tree."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from claimmap.scoring.dfquad import DFQuAD
from claimmap.scoring.ranking import leader_mask
from claimmap.scoring.view import build_view
from claimmap.tui.case_state import CaseState

SUPPORTING = {"CC": 2, "C": 1}
UNDERMINING = {"II": 2, "I": 1}


@dataclass
class MapNode:
    kind: str  # "question", "hypothesis", "evidence", "source", "link"
    id: str
    label: str
    relation: str | None = None  # "support", "attack" or "undercut" toward the parent
    rating: str | None = None
    strength: float | None = None
    leader: bool = False
    children: list[MapNode] = field(default_factory=list)


def build_map(state: CaseState) -> MapNode:
    doc = state.doc
    view = build_view(state.matrix, doc.analyst)
    method = DFQuAD()
    hyp_strength = method.scores(view) if view.hypotheses else np.zeros(0)
    leaders = leader_mask(method.oriented(hyp_strength)) if view.hypotheses else np.zeros(0)
    ev_strength: dict[str, float] = {}
    if view.hypotheses and view.evidence:
        ev_strength = dict(method.details(view)["evidence_strength"])  # type: ignore[call-overload]
    sources = {s.id: s for s in doc.sources}
    links_to: dict[str, list[str]] = {}
    for link in doc.links:
        links_to.setdefault(link.to, []).append(link.id)
    link_by_id = {lk.id: lk for lk in doc.links}
    labels = {h.id: h.label for h in doc.hypotheses} | {e.id: e.summary for e in doc.evidence}
    labels |= {a.id: a.statement for a in doc.assumptions}

    def source_node(source_id: str | None) -> list[MapNode]:
        source = sources.get(source_id or "")
        if source is None:
            return []
        label = f"{source.title} ({source.kind.value}, reliability {source.reliability.value})"
        return [MapNode("source", source.id, label)]

    def link_nodes(target: str, depth: int = 0) -> list[MapNode]:
        nodes = []
        for link_id in links_to.get(target, []):
            link = link_by_id[link_id]
            node = MapNode(
                "link",
                link.id,
                f"{link.from_}: {labels.get(link.from_, link.from_)}",
                relation=link.kind.value,
                strength=ev_strength.get(link.from_),
            )
            if depth < 3:  # links can form cycles; a few levels are enough to read
                node.children = link_nodes(link.id, depth + 1) + link_nodes(link.from_, depth + 1)
            nodes.append(node)
        return nodes

    root = MapNode("question", "", doc.case.question)
    for h, hyp in enumerate(doc.hypotheses):
        node = MapNode(
            "hypothesis",
            hyp.id,
            hyp.label,
            strength=float(hyp_strength[h]),
            leader=bool(leaders[h]),
        )
        rated = []
        for ev in doc.evidence:
            cell = ev.ratings.get(hyp.id)
            if cell is None or cell.rating.value not in SUPPORTING | UNDERMINING:
                continue
            value = cell.rating.value
            relation = "support" if value in SUPPORTING else "attack"
            weight = SUPPORTING.get(value) or UNDERMINING[value]
            child = MapNode(
                "evidence",
                ev.id,
                ev.summary,
                relation=relation,
                rating=value,
                strength=ev_strength.get(ev.id),
                children=source_node(ev.source) + link_nodes(ev.id),
            )
            rated.append((relation != "support", -weight, -(child.strength or 0.0), child))
        rated.sort(key=lambda r: r[:3])  # support before attack, strongest first
        node.children = [r[3] for r in rated] + link_nodes(hyp.id)
        root.children.append(node)
    return root
