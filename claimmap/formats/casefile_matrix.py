"""A case file's document as a scoring Matrix, so a file can be scored without a database."""

from __future__ import annotations

import numpy as np

from claimmap.model.document import CaseDocument
from claimmap.scoring.matrix import RATING_CODES, UNRATED, Link, Matrix


def matrix_from_document(doc: CaseDocument) -> Matrix:
    hyps = [h.id for h in doc.hypotheses]
    others = sorted({who for ev in doc.evidence for who in ev.ratings_by})
    analysts = [doc.analyst, *others]
    h_index = {h: i for i, h in enumerate(hyps)}
    cube = np.full((len(analysts), len(doc.evidence), len(hyps)), UNRATED, dtype=np.int8)
    for e, ev in enumerate(doc.evidence):
        layers = [(0, ev.ratings)] + [(1 + others.index(w), c) for w, c in ev.ratings_by.items()]
        for a, cells in layers:
            for hyp, cell in cells.items():
                cube[a, e, h_index[hyp]] = RATING_CODES[cell.rating.value]
    reliability = {s.id: s.reliability.value for s in doc.sources}
    return Matrix(
        hypotheses=tuple(hyps),
        evidence=tuple(ev.id for ev in doc.evidence),
        analysts=tuple(analysts),
        ratings=cube,
        credibility=tuple(ev.credibility for ev in doc.evidence),
        relevance=tuple(ev.relevance.value if ev.relevance else None for ev in doc.evidence),
        reliability=tuple(reliability.get(ev.source) if ev.source else None for ev in doc.evidence),
        priors=np.array([np.nan if h.prior is None else h.prior for h in doc.hypotheses], float),
        hypothesis_labels=tuple(h.label for h in doc.hypotheses),
        evidence_labels=tuple(ev.summary for ev in doc.evidence),
        links=tuple(Link(lk.id, lk.kind.value, lk.from_, lk.to) for lk in doc.links),
        flags=tuple(tuple(f.value for f in ev.flags) for ev in doc.evidence)
        if any(ev.flags for ev in doc.evidence)
        else (),
    )
