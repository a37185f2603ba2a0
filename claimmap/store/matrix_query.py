"""A stored case as a scoring Matrix, read column-wise: one query per table, no ORM objects,
and the rating cube filled with numpy fancy indexing rather than a Python loop per cell."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

import numpy as np

from claimmap.scoring.matrix import RATING_CODES, UNRATED, Link, Matrix
from claimmap.store import prefetch
from claimmap.store.cells_sql import LABELS, STATE_SQL, cells_sql
from claimmap.store.driver_sql import dialect, fetch_all, slots

if TYPE_CHECKING:
    from claimmap.store.driver_sql import AnyConnection

Rationales = dict[tuple[str, str, str], str]  # (analyst, evidence, hypothesis) -> why
_CHUNK = 500  # ids in one IN (...) list


def _positions(ids: np.ndarray, known: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Map row ids to their positions in the matrix (known ids are unique): through a table
    indexed by id, as a case's own rows are numbered closely by the database; by a sorted
    search when they are spread too thinly for such a table."""
    if not len(ids):
        return np.zeros(0, np.intp)
    low, high = int(known.min()), int(known.max())
    if int(ids.min()) < low or int(ids.max()) > high:
        raise ValueError("a rating row names an item or hypothesis of another case")
    if high - low > 4 * len(known) + 4096:
        order = np.argsort(known)
        return np.asarray(position[order[np.searchsorted(known[order], ids)]])
    table = np.zeros(high - low + 1, np.intp)
    table[known - low] = position
    return table[ids - low]


def _numbers(text: str | None) -> np.ndarray:
    return np.zeros(0, np.int64) if not text else np.fromstring(text, np.int64, sep=",")


def _cell_table(
    conn: AnyConnection,
    case_id: int,
    hyp_ids: list[int],
    analyst_ids: list[int],
    why: bool,
    only: list[int] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Every rating of the case as rows (evidence id, hypothesis id, analyst id, code), and
    (with `why`) the ids of the rating rows that carry a rationale.

    A million ratings fetched as a million Python tuples take seconds to build; here the
    database packs each rating into one integer (hypothesis, analyst and value, offset from
    the smallest ids) and joins them into one text, which numpy parses in C. Evidence ids
    come in a second text from the same rows, in the same order; the rows with a rationale
    in a third, from the same pass over the table. `only`: these analysts' ratings alone."""
    if not hyp_ids or not analyst_ids:
        return np.zeros((0, 4), np.int64), np.zeros(0, np.int64)
    h_low, a_low = min(hyp_ids), min(analyst_ids)
    a_span = max(analyst_ids) - a_low + 1
    sql = cells_sql(dialect(conn), h_low, a_low, a_span, why, only)
    found = None
    if dialect(conn) == "sqlite":  # read already, at start-up (store/prefetch.py)?
        found = prefetch.take(_database(conn), sql, case_id, lambda: _state(conn))
    ((evidence, cells, with_why),) = found or fetch_all(conn, sql, (case_id,))
    packed_cells = _numbers(cells)
    rest, value = np.divmod(packed_cells, 8)
    hyp, analyst = np.divmod(rest, a_span)
    codes = np.array([RATING_CODES[label] for label in LABELS], np.int64)
    table = np.column_stack([_numbers(evidence), hyp + h_low, analyst + a_low, codes[value]])
    return table, _numbers(with_why)


def _state(conn: AnyConnection) -> tuple[Any, ...]:
    return tuple(fetch_all(conn, STATE_SQL)[0])


def _database(conn: AnyConnection) -> str | None:
    """The SQLite file the connection reads, as the prefetch names it."""
    if isinstance(conn, sqlite3.Connection):  # SQLite's own record of the file it opened
        return str(fetch_all(conn, "PRAGMA database_list")[0][2]) or None
    return conn.engine.url.database


def read_matrix(conn: AnyConnection, case_id: int, *, colleagues: bool = True) -> Matrix:
    """The case's matrix; without `colleagues`, with the case analyst's ratings alone (one
    layer of the cube, a fifth of a five-analyst case's rows to read)."""
    return _read(conn, case_id, why=False, colleagues=colleagues)[0]


def read_columns(conn: AnyConnection, case_id: int) -> tuple[Matrix, Rationales]:
    """The matrix and every rationale in the case, by (analyst, evidence key, hypothesis
    key): few cells carry one, so the cube and this map hold the case's ratings without an
    object per cell. The rows with a rationale are found in the matrix's own pass."""
    return _read(conn, case_id, why=True)


def _read(
    conn: AnyConnection, case_id: int, why: bool, colleagues: bool = True
) -> tuple[Matrix, Rationales]:
    hyps = fetch_all(
        conn,
        "SELECT id, key, label, prior FROM hypotheses WHERE case_id = ? ORDER BY position, id",
        (case_id,),
    )
    evs = fetch_all(
        conn,
        "SELECT e.id, e.key, e.summary, e.credibility, e.relevance, s.reliability, e.flags "
        "FROM evidence e LEFT JOIN sources s ON s.id = e.source_id "
        "WHERE e.case_id = ? ORDER BY e.position, e.id",
        (case_id,),
    )
    ((lead,),) = fetch_all(conn, "SELECT analyst FROM cases WHERE id = ?", (case_id,))
    names = {int(i): str(n) for i, n in fetch_all(conn, "SELECT id, name FROM analysts")}
    only = None if colleagues else [i for i, name in names.items() if name == lead]
    table, explained = _cell_table(conn, case_id, [h[0] for h in hyps], list(names), why, only)
    present: set[str] = set()
    if len(table):  # the analysts with a rating: counted, not sorted (a million rows)
        first = min(names)
        rated = np.flatnonzero(np.bincount(table[:, 2] - first)) + first
        present = {names[i] for i in rated.tolist()}
    # The case's own analyst first, then the others by name, so results are stable.
    analysts = [lead, *sorted(present - {lead})]
    cube = np.full((len(analysts), len(evs), len(hyps)), UNRATED, dtype=np.int8)
    if len(table):
        by_name = {name: i for i, name in enumerate(analysts)}
        a_ids = np.array(sorted(names))
        a_pos = np.array([by_name.get(names[i], 0) for i in a_ids.tolist()])
        cube[
            _positions(table[:, 2], a_ids, a_pos),
            _positions(table[:, 0], np.array([e[0] for e in evs]), np.arange(len(evs))),
            _positions(table[:, 1], np.array([h[0] for h in hyps]), np.arange(len(hyps))),
        ] = table[:, 3].astype(np.int8)
    links = fetch_all(
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
    )
    # Most items carry no flags; skip the JSON parse for them.
    flags = tuple(() if e[6] == "[]" else tuple(json.loads(e[6])) for e in evs)
    matrix = Matrix(
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
    return matrix, _rationales(conn, explained.tolist()) if why else {}


def _rationales(conn: AnyConnection, row_ids: list[int]) -> Rationales:
    found: Rationales = {}
    for at in range(0, len(row_ids), _CHUNK):
        chunk = row_ids[at : at + _CHUNK]
        rows = fetch_all(
            conn,
            "SELECT a.name, e.key, h.key, r.rationale FROM ratings r "
            "JOIN analysts a ON a.id = r.analyst_id "
            "JOIN evidence e ON e.id = r.evidence_id "
            "JOIN hypotheses h ON h.id = r.hypothesis_id "
            f"WHERE r.id IN ({slots(chunk)})",
            tuple(chunk),
        )
        found.update({(str(a), str(e), str(h)): str(text) for a, e, h, text in rows})
    return found
