"""Store benchmarks: `python benchmarks/bench_store.py [--hypotheses 50 --evidence 5000 --analysts 5] [--db URL]`.

Times the bulk paths on the shared synthetic case: validating the case document, importing it
(one transaction, with its change-log snapshot), reading it back as a scoring Matrix
(column-wise), exporting it as a document, and one rating edit. Each bulk figure is also given
as a ratio to a baseline measured in the same run on the same machine: raw sqlite3 inserting
or selecting the same number of rating rows, the floor any store pays.

With `--db postgresql+psycopg://USER@HOST/DB` the same steps also run on that PostgreSQL server
in the same run (in a scratch database it creates and drops, so the login needs CREATEDB), and
each PostgreSQL figure is given as a ratio to SQLite's; targets: reading the matrix within 2×
of SQLite, one rating under 20 ms (the median of RATINGS ratings, each undone again).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_case

from claimmap.model.document import CaseDocument
from claimmap.store.case_store import Store


def _timed(label: str, fn, results: dict[str, float]):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    results[label] = time.perf_counter() - start
    return value


def _raw_baselines(rows: list[tuple[int, int, int, str]], folder: Path) -> tuple[float, float]:
    path = folder / "raw.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, e INT, h INT, a INT, v TEXT, why TEXT)")
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO r (e, h, a, v) VALUES (?, ?, ?, ?)", rows)
    insert = time.perf_counter() - start
    start = time.perf_counter()
    conn.execute("SELECT e, h, a, v FROM r").fetchall()
    select = time.perf_counter() - start
    conn.close()
    return insert, select


RATINGS = 21


def _rating_median(store: Store, case_id: int) -> tuple[float, float]:
    """Median seconds of one rating and of its undo, over RATINGS different cells."""
    rates, undos = [], []
    for i in range(RATINGS):
        start = time.perf_counter()
        store.rate(case_id, f"E{i + 2}", "H2", "CC")
        rates.append(time.perf_counter() - start)
        start = time.perf_counter()
        store.undo(case_id)
        undos.append(time.perf_counter() - start)
    return float(np.median(rates)), float(np.median(undos))


def _postgres_steps(url: str, doc: CaseDocument, expected_cube: np.ndarray) -> dict[str, float]:
    """The same steps on a scratch database of the server at `url`."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    scratch = f"claimmap_bench_{os.getpid()}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{scratch}"')
    t: dict[str, float] = {}
    try:
        store = Store.open(make_url(url).set(database=scratch).render_as_string(False))
        summary = _timed("import (one transaction)", lambda: store.import_document(doc), t)
        matrix = _timed("read matrix (column-wise)", lambda: store.matrix(summary.id), t)
        _timed("export document", lambda: store.export_document(summary.id), t)
        _timed("rate one cell", lambda: store.rate(summary.id, "E1", "H1", "II"), t)
        _timed("undo that rating", lambda: store.undo(summary.id), t)
        t["rate one cell (median)"], t["undo one rating (median)"] = _rating_median(
            store, summary.id
        )
        store.close()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.dispose()
    # on the server the file's unattributed ("default") ratings are the importing login's
    assert matrix.ratings.shape == expected_cube.shape, "matrix read back differs"
    assert np.array_equal(np.sort(matrix.ratings, axis=0), np.sort(expected_cube, axis=0))
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hypotheses", type=int, default=50)
    parser.add_argument("--evidence", type=int, default=5000)
    parser.add_argument("--analysts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--db", metavar="URL", help="also run on this PostgreSQL server, as ratios to SQLite"
    )
    args = parser.parse_args()

    case = synthetic_case(
        args.seed, hypotheses=args.hypotheses, evidence=args.evidence, analysts=args.analysts
    )
    data = case.case_dict()
    expected = case.matrix()
    cells = int((expected.ratings != -128).sum())
    t: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        doc = _timed("validate document", lambda: CaseDocument.model_validate(data), t)
        store = Store.open(os.path.join(folder, "bench.db"), who="bench")
        summary = _timed("import (one transaction)", lambda: store.import_document(doc), t)
        matrix = _timed("read matrix (column-wise)", lambda: store.matrix(summary.id), t)
        _timed("export document", lambda: store.export_document(summary.id), t)
        _timed("rate one cell", lambda: store.rate(summary.id, "E1", "H1", "II"), t)
        _timed("undo that rating", lambda: store.undo(summary.id), t)
        if args.db:
            t["rate one cell (median)"], t["undo one rating (median)"] = _rating_median(
                store, summary.id
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
        db_size = os.path.getsize(os.path.join(folder, "bench.db"))
        store.close()
        rows = [(1, 1, 1, "C")] * cells
        raw_insert, raw_select = _raw_baselines(rows, Path(folder))

    # The stored matrix must be the generated one, or the timing means nothing.
    assert matrix.hypotheses == expected.hypotheses and matrix.evidence == expected.evidence
    order = [matrix.analysts.index(a) for a in expected.analysts]
    assert np.array_equal(matrix.ratings[order], expected.ratings), "matrix read back differs"

    print(
        f"case: {args.hypotheses} hypotheses × {args.evidence} evidence × {args.analysts} "
        f"analysts = {cells:,} rated cells; database {db_size / 1e6:.1f} MB; "
        f"peak resident memory {peak / 1e6:.0f} MB"
    )
    print(
        f"baseline raw sqlite3: insert {raw_insert * 1000:.0f} ms, select {raw_select * 1000:.0f} ms"
    )
    pg = _postgres_steps(args.db, doc, expected.ratings) if args.db else {}
    if pg:
        print(f"{'':<28} {'SQLite':>12} {'PostgreSQL':>14}  (× SQLite)")
    for label, seconds in t.items():
        ratio = ""
        if label.startswith("import"):
            ratio = f"  ({seconds / raw_insert:.1f}× raw insert)"
        elif label.startswith("read") or label.startswith("export"):
            ratio = f"  ({seconds / raw_select:.1f}× raw select)"
        if label in pg:
            ratio = f" {pg[label] * 1000:>11.1f} ms  ({pg[label] / seconds:.2f}×)" + ratio
        print(f"{label:<28} {seconds * 1000:>9.1f} ms{ratio}")


if __name__ == "__main__":
    main()
