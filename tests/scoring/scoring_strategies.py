"""Hypothesis strategies for random small cases (shared by the scoring property tests)."""

from hypothesis import strategies as st

from claimmap.scoring import Link, Matrix

LABELS = ["CC", "C", "N", "I", "II", "NA", None]
LEVELS = ["High", "Medium", "Low", "1", "2", "3", "4", "5", "6", None]
LETTERS = ["A", "B", "C", "D", "E", "F", None]


@st.composite
def matrices(draw, max_h: int = 4, max_e: int = 6, max_a: int = 3, links: bool = True):
    n_h = draw(st.integers(1, max_h))
    n_e = draw(st.integers(0, max_e))
    n_a = draw(st.integers(1, max_a))
    hyps = [f"H{i}" for i in range(n_h)]
    evs = [f"E{i}" for i in range(n_e)]
    analysts = [f"A{i}" for i in range(n_a)]
    cells = []
    for a in analysts:
        for e in evs:
            for h in hyps:
                label = draw(st.sampled_from(LABELS))
                if label is not None:
                    cells.append((a, e, h, label))
    found = []
    if links and n_e:
        nodes = hyps + evs
        for i in range(draw(st.integers(0, 4))):
            src = draw(st.sampled_from(evs))
            kind = draw(st.sampled_from(["support", "attack", "undercut"]))
            if kind == "undercut":  # weakens an earlier link, or every edge leaving an item
                targets = [ln.id for ln in found] + evs
                tgt = draw(st.sampled_from(targets))
            else:
                tgt = draw(st.sampled_from(nodes))
            if src != tgt:
                found.append(Link(f"L{i}", kind, src, tgt))
    return Matrix.build(
        hyps,
        evs,
        cells,
        analysts=analysts,
        credibility=[draw(st.sampled_from(LEVELS)) for _ in evs],
        relevance=[draw(st.sampled_from(["High", "Medium", "Low", None])) for _ in evs],
        reliability=[draw(st.sampled_from(LETTERS)) for _ in evs],
        priors=[draw(st.one_of(st.none(), st.floats(0.01, 1))) for _ in hyps],
        links=found,
    )
