"""The bipolar argument graph behind DF-QuAD, as index arrays.

Nodes are the hypotheses (0..H-1) then the evidence items (H..H+E-1). Ratings give one
implicit edge per rated cell, kept as a dense (E, H) block: CC/C support the hypothesis and
I/II attack it, with weight |m|/2 (CC and II full, C and I half). Explicit links add
support/attack edges between any two nodes. An undercut weakens an edge rather than a node:
its target is a link id (that link) or a node id (every edge leaving that node, including an
evidence item's rating edges); the edge keeps the fraction 1 − F(undercutter strengths).
An attack whose target is a link id is read as an undercut; other links whose ends are not
known ids are skipped and listed in `skipped`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .matrix import Matrix


class SegmentProduct:
    """Product of (..., M) values grouped by a fixed target index into (..., size)."""

    def __init__(self, targets: np.ndarray, size: int) -> None:
        self.size = size
        self.order = np.argsort(targets, kind="stable")
        ordered = targets[self.order]
        self.unique, self.starts = np.unique(ordered, return_index=True)

    def __call__(self, values: np.ndarray) -> np.ndarray:
        out = np.ones((*values.shape[:-1], self.size))
        if self.unique.size:
            prods = np.multiply.reduceat(values[..., self.order], self.starts, axis=-1)
            out[..., self.unique] = prods
        return out


@dataclass(frozen=True)
class Graph:
    n_hyp: int
    n_ev: int
    src: np.ndarray  # (K,) support/attack edge sources (node index)
    tgt: np.ndarray  # (K,) targets
    attack: np.ndarray  # (K,) bool
    u_src: np.ndarray  # (U,) undercut sources
    u_edge: np.ndarray  # (U,) targeted edge index in 0..K+U-1, or -1
    u_node: np.ndarray  # (U,) targeted node (all its outgoing edges), or -1
    skipped: tuple[str, ...] = field(default_factory=tuple)

    @property
    def n_nodes(self) -> int:
        return self.n_hyp + self.n_ev

    @property
    def has_links(self) -> bool:
        return bool(self.src.size or self.u_src.size)


def build_graph(matrix: Matrix) -> Graph:
    h, e = len(matrix.hypotheses), len(matrix.evidence)
    nodes = {hid: i for i, hid in enumerate(matrix.hypotheses)}
    for i, eid in enumerate(matrix.evidence):
        nodes.setdefault(eid, h + i)
    plain = [
        ln
        for ln in matrix.links
        if ln.kind in ("support", "attack") and ln.source in nodes and ln.target in nodes
    ]
    cutters = [
        ln
        for ln in matrix.links
        if ln.source in nodes
        and (ln.kind == "undercut" or (ln.kind == "attack" and ln.target not in nodes))
    ]
    plain_ids = {ln.id for ln in plain}
    while True:  # drop undercuts whose target is neither a node nor a kept link
        cut_ids = {ln.id for ln in cutters}
        keep = [
            ln
            for ln in cutters
            if ln.target in nodes
            or (ln.target != ln.id and (ln.target in plain_ids or ln.target in cut_ids))
        ]
        if len(keep) == len(cutters):
            break
        cutters = keep
    edge_index = {ln.id: i for i, ln in enumerate([*plain, *cutters])}
    u_edge = [edge_index.get(ln.target, -1) if ln.target not in nodes else -1 for ln in cutters]
    u_node = [nodes.get(ln.target, -1) for ln in cutters]
    used = plain_ids | {ln.id for ln in cutters}
    return Graph(
        n_hyp=h,
        n_ev=e,
        src=np.array([nodes[ln.source] for ln in plain], dtype=np.int64),
        tgt=np.array([nodes[ln.target] for ln in plain], dtype=np.int64),
        attack=np.array([ln.kind == "attack" for ln in plain], dtype=bool),
        u_src=np.array([nodes[ln.source] for ln in cutters], dtype=np.int64),
        u_edge=np.array(u_edge, dtype=np.int64),
        u_node=np.array(u_node, dtype=np.int64),
        skipped=tuple(ln.id for ln in matrix.links if ln.id not in used),
    )
