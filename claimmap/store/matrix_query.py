"""A stored case as a scoring Matrix, read column-wise: one query per table, no ORM objects,
and the rating cube filled with numpy fancy indexing rather than a Python loop per cell."""

from __future__ import annotations

import numpy as np
from sqlalchemy import Connection

from claimmap.scoring.matrix import RATING_CODES, UNRATED, Link, Matrix

_CODES = {label: code for label, code in RATING_CODES.items()}


def _column_rows(conn: Connection, sql: str, case_id: int) -> list[tuple]:
    return [tuple(row) for row in conn.exec_driver_sql(sql, (case_id,))]


def read_matrix(conn: Connection, case_id: int) -> Matrix:
    hyps = _column_rows(
        conn,
        "SELECT id, key, label, prior FROM hypotheses WHERE case_id = ? ORDER BY position, id",
        case_id,
    )
    evs = _column_rows(
        conn,
        "SELECT e.id, e.key, e.summary, e.credibility, e.relevance, s.reliability "
        "FROM evidence e LEFT JOIN sources s ON s.id = e.source_id "
        "WHERE e.case_id = ? ORDER BY e.position, e.id",
        case_id,
    )
    (lead,) = conn.exec_driver_sql("SELECT analyst FROM cases WHERE id = ?", (case_id,)).one()
    cells = conn.exec_driver_sql(
        "SELECT r.evidence_id, r.hypothesis_id, a.name, r.value FROM ratings r "
        "JOIN analysts a ON a.id = r.analyst_id WHERE r.case_id = ?",
        (case_id,),
    ).all()
    # The case's own analyst first, then the others by name, so results are stable.
    analysts = [lead, *sorted({c[2] for c in cells} - {lead})]
    cube = np.full((len(analysts), len(evs), len(hyps)), UNRATED, dtype=np.int8)
    if cells:
        h_index = {row[0]: i for i, row in enumerate(hyps)}
        e_index = {row[0]: i for i, row in enumerate(evs)}
        a_index = {name: i for i, name in enumerate(analysts)}
        ev_ids, hyp_ids, names, values = zip(*cells, strict=True)
        cube[
            np.fromiter((a_index[n] for n in names), np.intp, len(cells)),
            np.fromiter((e_index[e] for e in ev_ids), np.intp, len(cells)),
            np.fromiter((h_index[h] for h in hyp_ids), np.intp, len(cells)),
        ] = np.fromiter((_CODES[v] for v in values), np.int8, len(cells))
    links = conn.exec_driver_sql(
        "SELECT l.key, l.kind, "
        "COALESCE(fe.key, fa.key, fh.key), COALESCE(th.key, te.key, tl.key) FROM links l "
        "LEFT JOIN evidence fe ON fe.id = l.from_evidence_id "
        "LEFT JOIN assumptions fa ON fa.id = l.from_assumption_id "
        "LEFT JOIN hypotheses fh ON fh.id = l.from_hypothesis_id "
        "LEFT JOIN hypotheses th ON th.id = l.to_hypothesis_id "
        "LEFT JOIN evidence te ON te.id = l.to_evidence_id "
        "LEFT JOIN links tl ON tl.id = l.to_link_id "
        "WHERE l.case_id = ? ORDER BY l.position, l.id",
        (case_id,),
    ).all()
    return Matrix(
        hypotheses=tuple(h[1] for h in hyps),
        evidence=tuple(e[1] for e in evs),
        analysts=tuple(analysts),
        ratings=cube,
        credibility=tuple(e[3] for e in evs),
        relevance=tuple(e[4] for e in evs),
        reliability=tuple(e[5] for e in evs),
        priors=np.array([np.nan if h[3] is None else h[3] for h in hyps], dtype=np.float64),
        hypothesis_labels=tuple(h[2] for h in hyps),
        evidence_labels=tuple(e[2] for e in evs),
        links=tuple(Link(id=k, kind=kind, source=src, target=dst) for k, kind, src, dst in links),
    )
