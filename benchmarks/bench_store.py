"""Store benchmarks: `python benchmarks/bench_store.py [--hypotheses 50 --evidence 5000 --analysts 5]`.

Times the bulk paths on the shared synthetic case: validating the case document, importing it
(one transaction, with its change-log snapshot), reading it back as a scoring Matrix
(column-wise), exporting it as a document, and one rating edit. Each bulk figure is also given
as a ratio to a baseline measured in the same run on the same machine: raw sqlite3 inserting
or selecting the same number of rating rows, the floor any store pays.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hypotheses", type=int, default=50)
    parser.add_argument("--evidence", type=int, default=5000)
    parser.add_argument("--analysts", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
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
    for label, seconds in t.items():
        ratio = ""
        if label.startswith("import"):
            ratio = f"  ({seconds / raw_insert:.1f}× raw insert)"
        elif label.startswith("read") or label.startswith("export"):
            ratio = f"  ({seconds / raw_select:.1f}× raw select)"
        print(f"{label:<28} {seconds * 1000:>9.1f} ms{ratio}")


if __name__ == "__main__":
    main()
