"""The bulk corroboration count against its definition, item by item, on random cases: few
hypotheses (many items share a pattern of signs) and many (nearly every item has its own,
enough patterns to span several of the blocks the agreement table is worked out in)."""

from __future__ import annotations

import numpy as np
import pytest

from claimmap.teaching.quality import _BLOCK, corroborating


def _by_definition(signs, sources, usable):
    """f backs e when f may corroborate, has a source other than e's, and points every one
    of e's rated hypotheses the way e does (e must have a source and a rated cell)."""
    backers, distinct = [], []
    for e in range(len(signs)):
        directed = np.flatnonzero(signs[e])
        found = []
        if sources[e] is not None and len(directed):
            found = [
                f
                for f in range(len(signs))
                if usable[f]
                and sources[f] is not None
                and sources[f] != sources[e]
                and all(signs[f, h] == signs[e, h] for h in directed)
            ]
        backers.append(found)
        distinct.append(len({sources[f] for f in found}))
    return backers, distinct


@pytest.mark.parametrize(("seed", "hyps"), [(1, 3), (2, 3), (3, 12)])
def test_counts_match_the_definition_across_blocks(seed, hyps):
    rng = np.random.default_rng(seed)
    n = _BLOCK + 150
    # on 12 hypotheses the directed cells are few, so that items still back one another
    p = [0.3, 0.4, 0.3] if hyps == 3 else [0.15, 0.7, 0.15]
    signs = rng.choice([-1.0, 0.0, 1.0], size=(n, hyps), p=p)
    if hyps == 12:
        assert len(np.unique(signs, axis=0)) > _BLOCK  # several blocks of patterns
    sources = [None if rng.random() < 0.1 else f"S{rng.integers(9)}" for _ in range(n)]
    usable = rng.random(n) > 0.1
    backers, distinct = _by_definition(signs, sources, usable)
    got, totals, got_distinct = corroborating(signs, sources, usable)
    assert got == backers
    assert totals.tolist() == [len(b) for b in backers]
    assert got_distinct.tolist() == distinct
    assert max(distinct) >= 3  # the case exercises several sources per item
    first, _, _ = corroborating(signs, sources, usable, most=2)
    assert first == [b[:2] for b in backers]
