"""A case file's document as a scoring Matrix, so a file can be scored without a database."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from claimmap.model.document import PLAIN_CELLS, CaseDocument, RatingCell
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


Rationales = dict[tuple[str, str, str], str]  # (analyst, evidence, hypothesis) -> why


def rationales_of(doc: CaseDocument) -> Rationales:
    """The document's rationales, keyed as `Store.case_columns` reads them."""
    found: Rationales = {}
    for ev in doc.evidence:
        for who, cells in ((doc.analyst, ev.ratings), *ev.ratings_by.items()):
            for hyp, cell in cells.items():
                if cell.rationale is not None:
                    found[who, ev.id, hyp] = cell.rationale
    return found


def without_ratings(doc: CaseDocument) -> CaseDocument:
    """The document with every evidence item's ratings left out (they live in a cube)."""
    evidence = [ev.model_copy(update={"ratings": {}, "ratings_by": {}}) for ev in doc.evidence]
    return doc.model_copy(update={"evidence": evidence})


def rated_document(shell: CaseDocument, matrix: Matrix, rationales: Rationales) -> CaseDocument:
    """The inverse of keeping ratings in columns: `shell`'s items carrying the ratings of
    `matrix` (whose evidence and hypotheses are the shell's, in order) and their rationales.
    For the views that read a whole document; a cell without a rationale is one of a few
    shared objects, as in the store's own reader."""
    plain = {code: PLAIN_CELLS[label] for label, code in RATING_CODES.items()}
    n_items = len(shell.evidence)
    # Per analyst, every rated cell in one numpy pass (row-major: by item, then hypothesis),
    # cut into one dict per item: a million cells without a Python step per cell and item.
    layers: list[list[dict[str, RatingCell]]] = []
    for a in range(len(matrix.analysts)):
        items, hyps = np.nonzero(matrix.ratings[a] != UNRATED)
        names = [matrix.hypotheses[h] for h in hyps.tolist()]
        cells = [plain[c] for c in matrix.ratings[a][items, hyps].tolist()]
        bounds = np.searchsorted(items, np.arange(n_items + 1)).tolist()
        layers.append(
            [dict(zip(names[lo:hi], cells[lo:hi], strict=True)) for lo, hi in pairwise(bounds)]
        )
    analyst_at = {who: a for a, who in enumerate(matrix.analysts)}
    item_at = {ev.id: e for e, ev in enumerate(shell.evidence)}
    for (who, item, hyp), why in rationales.items():
        if who not in analyst_at or item not in item_at:
            continue
        row = layers[analyst_at[who]][item_at[item]]
        if hyp in row:  # a rationale belongs to a rated cell
            row[hyp] = RatingCell.model_construct(rating=row[hyp].rating, rationale=why)
    evidence = []
    for e, ev in enumerate(shell.evidence):
        by = {who: layers[a][e] for a, who in enumerate(matrix.analysts)}
        own = by.pop(shell.analyst, {})
        others = {who: cells for who, cells in sorted(by.items()) if cells}
        evidence.append(ev.model_copy(update={"ratings": own, "ratings_by": others}))
    return shell.model_copy(update={"evidence": evidence})
