"""A stored case as a scoring Matrix, read column-wise: one query per table, no ORM objects,
and the rating cube filled with numpy fancy indexing rather than a Python loop per cell."""

from __future__ import annotations

import itertools
import json

import numpy as np
from sqlalchemy import Connection

from claimmap.scoring.matrix import RATING_CODES, UNRATED, Link, Matrix
from claimmap.store.driver_sql import marks, run


def _column_rows(conn: Connection, sql: str, case_id: int) -> list[tuple]:
    return [tuple(row) for row in run(conn, sql, (case_id,))]


def _positions(ids: np.ndarray, known: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Map row ids to their positions in the matrix, vectorised (known ids are unique)."""
    order = np.argsort(known)
    return np.asarray(position[order[np.searchsorted(known[order], ids)]])


def read_matrix(conn: Connection, case_id: int) -> Matrix:
    hyps = _column_rows(
        conn,
        "SELECT id, key, label, prior FROM hypotheses WHERE case_id = ? ORDER BY position, id",
        case_id,
    )
    evs = _column_rows(
        conn,
        "SELECT e.id, e.key, e.summary, e.credibility, e.relevance, s.reliability, e.flags "
        "FROM evidence e LEFT JOIN sources s ON s.id = e.source_id "
        "WHERE e.case_id = ? ORDER BY e.position, e.id",
        case_id,
    )
    (lead,) = run(conn, "SELECT analyst FROM cases WHERE id = ?", (case_id,)).one()
    # Codes are computed by the database, so Python only moves integers into one array.
    codes = " ".join(f"WHEN '{label}' THEN {code}" for label, code in RATING_CODES.items())
    raw = conn.connection.driver_connection
    assert raw is not None
    cells = raw.execute(
        marks(
            conn,
            f"SELECT evidence_id, hypothesis_id, analyst_id, CASE value {codes} END "
            "FROM ratings WHERE case_id = ?",
        ),
        (case_id,),
    ).fetchall()
    names = {int(i): str(n) for i, n in conn.exec_driver_sql("SELECT id, name FROM analysts")}
    table = np.fromiter(itertools.chain.from_iterable(cells), np.int64, 4 * len(cells))
    table = table.reshape(len(cells), 4)
    present = {names[i] for i in np.unique(table[:, 2]).tolist()}
    # The case's own analyst first, then the others by name, so results are stable.
    analysts = [lead, *sorted(present - {lead})]
    cube = np.full((len(analysts), len(evs), len(hyps)), UNRATED, dtype=np.int8)
    if len(cells):
        by_name = {name: i for i, name in enumerate(analysts)}
        a_ids = np.array(sorted(names))
        a_pos = np.array([by_name.get(names[i], 0) for i in a_ids.tolist()])
        cube[
            _positions(table[:, 2], a_ids, a_pos),
            _positions(table[:, 0], np.array([e[0] for e in evs]), np.arange(len(evs))),
            _positions(table[:, 1], np.array([h[0] for h in hyps]), np.arange(len(hyps))),
        ] = table[:, 3].astype(np.int8)
    links = run(
        conn,
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
    # Most items carry no flags; skip the JSON parse for them.
    flags = tuple(() if e[6] == "[]" else tuple(json.loads(e[6])) for e in evs)
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
        flags=flags if any(flags) else (),
    )
