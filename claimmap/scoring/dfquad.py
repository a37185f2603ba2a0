"""DF-QuAD argument strength (Rago, Toni, Aurisicchio & Baroni 2016) on the claimmap graph.

Every node has a base score τ: a hypothesis its prior (½ when none is given), an evidence item
min(1, ½ · w_reliability · w_credibility). The incoming supports and attacks are each
aggregated with F(v₁…vₙ) = 1 − ∏(1 − vᵢ) (F of nothing is 0), and with vₐ, vₛ the aggregated
attack and support

    σ = τ − τ·(vₐ − vₛ)          if vₐ ≥ vₛ
    σ = τ + (1 − τ)·(vₛ − vₐ)    otherwise.

An edge delivers (source strength) × (edge weight) × (the fraction undercuts leave of it).
All nodes are updated together (Jacobi) from the base scores until the largest change is
below `tol`; an acyclic graph converges exactly in (depth + 1) rounds. If a cyclic graph has
not converged after `max_iter` rounds, iteration continues with damping ½ (x ← ½x + ½·update)
for up to `max_iter` more rounds; `converged` reports the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import Draws, Method, step
from .graph import Graph, SegmentProduct, build_graph
from .view import View


def combine(tau: np.ndarray, attack: np.ndarray, support: np.ndarray) -> np.ndarray:
    """σ from base score τ and aggregated attack vₐ and support vₛ (all broadcastable)."""
    diff = support - attack
    return np.where(diff <= 0.0, tau + tau * diff, tau + (1.0 - tau) * diff)


def rating_weights(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Attack and support weight of each rating cell: |m|/2 on the side of its sign."""
    return np.maximum(0.0, -values) / 2.0, np.maximum(0.0, values) / 2.0


@dataclass
class Solution:
    strengths: np.ndarray  # (..., N)
    converged: bool
    iterations: int
    edge_factor: np.ndarray  # (..., K + U): fraction of each link undercuts leave
    out_factor: np.ndarray  # (..., N): fraction undercuts leave of every edge leaving a node


class Solver:
    """Fixpoint of DF-QuAD on a Graph, batched over leading axes of τ, values and base."""

    def __init__(self, graph: Graph, tol: float = 1e-12, max_iter: int = 1000) -> None:
        self.g = graph
        self.tol = tol
        self.max_iter = max_iter
        n, k = graph.n_nodes, graph.src.size
        self.att = SegmentProduct(graph.tgt[graph.attack], n)
        self.sup = SegmentProduct(graph.tgt[~graph.attack], n)
        self.cut_edge_mask = graph.u_edge >= 0
        self.cut_edge = SegmentProduct(graph.u_edge[self.cut_edge_mask], k + graph.u_src.size)
        self.cut_node = SegmentProduct(graph.u_node[~self.cut_edge_mask], n)
        # Items whose force can change while the fixpoint is sought: targets of a link, or of
        # an undercut of all their edges. Every other item delivers its base score (or 0 when
        # killed) in every round, so its share of the rating block is worked out once a solve.
        # (Multiplied in that order, a score may differ from an item-by-item product in its
        # last binary digit; every figure of the sample cases and the export case is the same.)
        moving = np.concatenate([graph.tgt, graph.u_node[graph.u_node >= 0]])
        self.moving = np.unique(moving[moving >= graph.n_hyp]) - graph.n_hyp
        self.still = np.setdiff1d(np.arange(n - graph.n_hyp), self.moving)

    def solve(
        self,
        tau: np.ndarray,
        values: np.ndarray,
        kill: np.ndarray | None = None,
    ) -> Solution:
        """tau (..., N) base scores; values (..., E, H) ratings; kill (..., N) forces σ = 0."""
        g = self.g
        batch = np.broadcast_shapes(tau.shape[:-1], values.shape[:-2])
        if kill is not None:
            batch = np.broadcast_shapes(batch, kill.shape[:-1])
        tau = np.broadcast_to(tau, (*batch, g.n_nodes))
        a_w, s_w = rating_weights(values)
        s = np.where(kill, 0.0, tau) if kill is not None else tau.copy()
        f = np.ones((*batch, g.src.size + g.u_src.size))
        out = np.ones((*batch, g.n_nodes))
        block = self._rating_block(s, a_w, s_w)
        damping = 0.0
        for it in range(1, 2 * self.max_iter + 1):
            if it == self.max_iter + 1:
                damping = 0.5
            s_new, f_new, out_new = self._update(tau, s, f, out, block)
            if kill is not None:
                s_new = np.where(kill, 0.0, s_new)
            if damping:
                s_new = damping * s + (1 - damping) * s_new
                f_new = damping * f + (1 - damping) * f_new
                out_new = damping * out + (1 - damping) * out_new
            delta = _max_delta(s_new, s, f_new, f, out_new, out)
            s, f, out = s_new, f_new, out_new
            if delta <= self.tol or not g.has_links:
                return Solution(s, True, it, f, out)
        return Solution(s, False, 2 * self.max_iter, f, out)

    def parts(
        self, s: np.ndarray, f: np.ndarray, out: np.ndarray, a_w: np.ndarray, s_w: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The factors (1 − delivered force) of the rating block, (..., E, H) for attacks and
        supports, and the products of those of the explicit links into every node, (..., N)."""
        delivered = s * out  # what each node can send along its outgoing edges
        ev = delivered[..., self.g.n_hyp :, None]
        r_att, r_sup = _let_through(ev, a_w), _let_through(ev, s_w)
        return r_att, r_sup, *self._links_into(delivered, f)

    def _links_into(self, delivered: np.ndarray, f: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per node (..., N), the products of (1 − delivered force) of the explicit attack
        and support links into it: new arrays, which the caller may change."""
        g = self.g
        k = g.src.size
        if not k:
            return np.ones(delivered.shape), np.ones(delivered.shape)
        edge = delivered[..., g.src] * f[..., :k]
        return self.att(1.0 - edge[..., g.attack]), self.sup(1.0 - edge[..., ~g.attack])

    def _rating_block(self, s: np.ndarray, a_w: np.ndarray, s_w: np.ndarray) -> RatingBlock:
        """The still items' factors into every hypothesis, multiplied out once (they deliver
        their first-round strength throughout), and the moving items' rating weights."""
        ev = s[..., self.g.n_hyp :, None]
        still, moving = self.still, self.moving
        return RatingBlock(
            _none_of(ev[..., still, :], a_w[..., still, :]),
            _none_of(ev[..., still, :], s_w[..., still, :]),
            a_w[..., moving, :],
            s_w[..., moving, :],
        )

    def _update(
        self,
        tau: np.ndarray,
        s: np.ndarray,
        f: np.ndarray,
        out: np.ndarray,
        block: RatingBlock,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        g = self.g
        k = g.src.size
        delivered = s * out  # what each node can send along its outgoing edges
        if g.u_src.size:
            cut = 1.0 - delivered[..., g.u_src] * f[..., k:]
            f_new = self.cut_edge(cut[..., self.cut_edge_mask])
            out_new = self.cut_node(cut[..., ~self.cut_edge_mask])
        else:
            f_new, out_new = f, out
        p_att, p_sup = self._links_into(delivered, f)
        att, sup = block.still_attack, block.still_support
        if self.moving.size:
            ev = delivered[..., g.n_hyp + self.moving, None]
            att = att * _none_of(ev, block.moving_attack)
            sup = sup * _none_of(ev, block.moving_support)
        p_att[..., : g.n_hyp] *= att
        p_sup[..., : g.n_hyp] *= sup
        return combine(tau, 1.0 - p_att, 1.0 - p_sup), f_new, out_new


@dataclass
class RatingBlock:
    """The rating edges' part of every hypothesis' aggregated attack and support, (..., H)
    for the items that never change, and the weights (..., M, H) of the M that may."""

    still_attack: np.ndarray
    still_support: np.ndarray
    moving_attack: np.ndarray
    moving_support: np.ndarray


def _let_through(strength: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """1 − strength·weight, in one buffer: on Monte Carlo batches the temporaries of the
    plain expression cost more than the arithmetic (the values are the same)."""
    force = np.multiply(strength, weight)
    np.subtract(1.0, force, out=force)
    return force


def _none_of(strength: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """∏ₑ(1 − strengthₑ·weightₑₕ) over the items (axis -2): the chance that no item's force
    gets through."""
    return np.asarray(np.prod(_let_through(strength, weight), axis=-2))


def _max_delta(*pairs: np.ndarray) -> float:
    delta = 0.0
    for new, old in zip(pairs[::2], pairs[1::2], strict=True):
        if new.size:
            delta = max(delta, float(np.max(np.abs(new - old))))
    return delta


class DFQuAD(Method):
    name = "dfquad"
    label = "Argument strength (DF-QuAD)"
    higher_is_better = True

    def __init__(self, tol: float = 1e-12, max_iter: int = 1000) -> None:
        self.tol = tol
        self.max_iter = max_iter
        self._cache: dict[int, tuple[object, Solver]] = {}

    def solver(self, view: View) -> Solver:
        key = id(view.matrix)
        hit = self._cache.get(key)
        if hit is None or hit[0] is not view.matrix:
            hit = (view.matrix, Solver(build_graph(view.matrix), self.tol, self.max_iter))
            self._cache = {key: hit}
        return hit[1]

    def separable_for(self, view: View) -> bool:
        return not self.solver(view).g.has_links

    @staticmethod
    def node_tau(view: View) -> np.ndarray:
        base = view.base
        tau = np.broadcast_to(view.tau, (*base.shape[:-1], view.tau.shape[0]))
        return np.concatenate([tau, base], axis=-1)

    def solve(self, view: View, kill: np.ndarray | None = None) -> Solution:
        return self.solver(view).solve(self.node_tau(view), view.values, kill)

    def scores(self, view: View) -> np.ndarray:
        if self.separable_for(view):
            return self._closed_form(view)
        return self.solve(view).strengths[..., : len(view.hypotheses)]

    def draw_scores(self, view: View, draws: Draws) -> np.ndarray:
        if not self.separable_for(view):
            return self.scores(draws.view)

        def tables() -> list[tuple[np.ndarray, np.ndarray]]:
            return [rating_weights(v) for v in draws.levels]

        def side(i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            lo, mid, hi = (t[i] for t in draws.table(("weights", self), tables))
            return lo, mid, hi

        a_w = draws.pick_shared(("attack", self), lambda: side(0))
        s_w = draws.pick_shared(("support", self), lambda: side(1))
        return self._closed_form(view, draws.base, a_w, s_w)

    def _closed_form(
        self,
        view: View,
        base: np.ndarray | None = None,
        a_w: np.ndarray | None = None,
        s_w: np.ndarray | None = None,
    ) -> np.ndarray:
        if a_w is None or s_w is None:
            a_w, s_w = rating_weights(view.values)
        ev = (view.base if base is None else base)[..., :, None]
        return combine(view.tau, 1.0 - _none_of(ev, a_w), 1.0 - _none_of(ev, s_w))

    def contributions(self, view: View) -> np.ndarray:
        sol = self.solve(view)
        g = self.solver(view).g
        h = g.n_hyp
        a_w, s_w = rating_weights(view.values)
        ev = sol.strengths[h:]
        contrib = ev[:, None] * (s_w - a_w)
        if g.src.size:  # explicit evidence → hypothesis links
            mask = (g.src >= h) & (g.tgt < h)
            sign = np.where(g.attack[mask], -1.0, 1.0)
            np.add.at(contrib, (g.src[mask] - h, g.tgt[mask]), sign * ev[g.src[mask] - h])
        return contrib

    def keys(self, view: View) -> np.ndarray:
        return self.scores(view)

    def leave_one_out(self, view: View) -> np.ndarray:
        e, h = view.shape
        if e == 0:
            return np.zeros((0, h))
        if not self.separable_for(view):
            return self._loo_general(view)
        a_w, s_w = rating_weights(view.values)
        ev = view.base[:, None]
        p_att = _loo_prod(1.0 - ev * a_w)
        p_sup = _loo_prod(1.0 - ev * s_w)
        return combine(view.tau, 1.0 - p_att, 1.0 - p_sup)

    def _loo_general(self, view: View) -> np.ndarray:
        """With explicit links. Removing an item that is the source of no link or undercut
        only takes its rating edges away (when no hypothesis is a link source either): the
        other strengths stay, so its hypotheses are re-aggregated in closed form. Items that
        feed links are removed by batched fixpoint solves, a chunk of items at a time."""
        e, h = view.shape
        n = h + e
        solver = self.solver(view)
        g = solver.g
        sources = np.concatenate([g.src, g.u_src])
        linked = np.arange(e) if np.any(sources < h) else np.unique(sources - h)
        sol = self.solve(view)
        a_w, s_w = rating_weights(view.values)
        r_att, r_sup, l_att, l_sup = solver.parts(
            sol.strengths, sol.edge_factor, sol.out_factor, a_w, s_w
        )
        out = combine(
            view.tau,
            1.0 - l_att[:h] * _loo_prod(r_att),
            1.0 - l_sup[:h] * _loo_prod(r_sup),
        )
        chunk = max(1, 2_000_000 // max(1, e * h + n))
        for lo in range(0, linked.size, chunk):  # chunks of items, each one batched solve
            items = linked[lo : lo + chunk]
            kill = np.zeros((items.size, n), dtype=bool)
            kill[np.arange(items.size), h + items] = True
            out[items] = self.solve(view, kill).strengths[:, :h]
        return out

    def move_keys(self, view: View, delta: float) -> np.ndarray:
        if not self.separable_for(view):
            raise NotImplementedError("move_keys needs a graph without explicit links")
        a_w, s_w = rating_weights(view.values)
        ev = view.base[:, None]
        moved = np.where(view.rated, step(view.values, delta), view.values)
        na_w, ns_w = rating_weights(moved)
        p_att = _loo_prod(1.0 - ev * a_w) * (1.0 - ev * na_w)
        p_sup = _loo_prod(1.0 - ev * s_w) * (1.0 - ev * ns_w)
        return combine(view.tau, 1.0 - p_att, 1.0 - p_sup)

    def details(self, view: View) -> dict[str, object]:
        sol = self.solve(view)
        g = self.solver(view).g
        strengths = sol.strengths[g.n_hyp :]
        return {
            "converged": sol.converged,
            "iterations": sol.iterations,
            "evidence_strength": {
                eid: float(v) for eid, v in zip(view.evidence, strengths, strict=True)
            },
            "skipped_links": list(g.skipped),
        }


def _loo_prod(factors: np.ndarray) -> np.ndarray:
    """(E, H) → (E, H): product over all rows except row e, without division."""
    e = factors.shape[0]
    ones = np.ones((1, *factors.shape[1:]))
    prefix = np.concatenate([ones, np.cumprod(factors, axis=0)[:-1]], axis=0)
    suffix = np.concatenate([np.cumprod(factors[::-1], axis=0)[::-1][1:], ones], axis=0)
    return prefix * suffix if e else factors
