"""Team store benchmarks: `python benchmarks/bench_team.py [--hypotheses 50 --evidence 5000 --analysts 5]`.

What several analysts on one case add to an edit, on the shared synthetic case in a SQLite
file (in-process, median and maximum of RUNS):

- a rating as the case's own analyst (no name check) and as a colleague already in the case
  (the check that refuses an unknown name: one lookup that stops at the first match);
- an undo when nobody else has edited the case since (no conflict check) and when a colleague
  rated RUNS cells since (the rows compared, the colleague's entries read);
- an undo refused because a colleague changed the same item since;
- `history(case, 50, who=...)` on a log of a few hundred entries.

The baseline is the first line: an edit with none of the team checks.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_case

from claimmap.model.document import CaseDocument
from claimmap.store.case_store import Store
from claimmap.store.errors import UndoConflict

RUNS = 21


def _each(fn: Callable[[int], object]) -> list[float]:
    times = []
    for i in range(RUNS):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return times


def _refused(store: Store, case_id: int) -> None:
    try:
        store.undo(case_id)
    except UndoConflict:
        return
    raise AssertionError("the undo over a colleague's change was not refused")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hypotheses", type=int, default=50)
    parser.add_argument("--evidence", type=int, default=5000)
    parser.add_argument("--analysts", type=int, default=5)
    args = parser.parse_args()
    case = synthetic_case(
        0, hypotheses=args.hypotheses, evidence=args.evidence, analysts=args.analysts
    )
    doc = CaseDocument.model_validate(case.case_dict())
    colleague = case.analysts[-1]
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "team.db")
        owner = Store.open(path, who="owner")
        case_id = owner.import_document(doc).id
        ana, bob = Store.open(path, who="ana"), Store.open(path, who="bob")

        results["rate as the case's analyst (baseline)"] = _each(
            lambda i: owner.rate(case_id, f"E{i + 1}", "H1", "CC")
        )
        results[f"rate as {colleague} (name checked)"] = _each(
            lambda i: ana.rate(case_id, f"E{i + 1}", "H2", "II", analyst=colleague)
        )
        results["undo, nobody else edited since"] = _each(lambda i: ana.undo(case_id))
        for i in range(RUNS):
            ana.rate(case_id, f"E{i + 1}", "H3", "CC", analyst=colleague)
        for i in range(RUNS):
            bob.rate(case_id, f"E{i + 1}", "H4", "N", analyst="bob", new_analyst=True)
        results[f"undo, a colleague made {RUNS} edits since"] = _each(lambda i: ana.undo(case_id))
        ana.update_item(case_id, "H1", {"label": "ana's"})
        bob.update_item(case_id, "H1", {"label": "bob's"})
        results["undo refused (colleague changed the item)"] = _each(
            lambda i: _refused(ana, case_id)
        )
        entries = len(owner.history(case_id, 1_000_000))
        results[f"history of one analyst ({entries} entries)"] = _each(
            lambda i: owner.history(case_id, 50, who="bob")
        )
        for store in (owner, ana, bob):
            store.close()

    cells = args.hypotheses * args.evidence * args.analysts
    print(
        f"case: {args.hypotheses} hypotheses × {args.evidence} evidence × {args.analysts} "
        f"analysts (~{cells:,} cells), SQLite; median and max of {RUNS}"
    )
    base = float(np.median(next(iter(results.values()))))
    for label, times in results.items():
        median = float(np.median(times))
        print(
            f"{label:<46} {median * 1000:>8.1f} ms  max {max(times) * 1000:>8.1f} ms"
            f"  ({median / base:.2f}× baseline)"
        )


if __name__ == "__main__":
    main()
