"""A child process for the reliability tests.

`edit` opens the database and applies a deterministic stream of `Store.rate` edits to one case.
After each call returns (its transaction has committed) it writes one line to standard output
and flushes it, so the parent knows exactly which edits were acknowledged:

    E17 H3 II 42        evidence, hypothesis, value (`clear` for unrated), sequence number

Every edit's rationale is `<who> <seq>`, so the row in the database names the edit that wrote it.

`open-race` opens each of several databases at the same moment as a twin process does.

`crash-import` imports a case and kills its own process from inside the import transaction,
after the case's first rows are written and before it commits.

The parent computes the same stream with `planned_edits`, so it also knows which edit was in
flight when it killed the child.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

VALUES: tuple[str | None, ...] = ("CC", "C", "N", "I", "II", "NA", None)


class Edit(NamedTuple):
    evidence: str
    hypothesis: str
    value: str | None
    seq: int

    def line(self) -> str:
        return f"{self.evidence} {self.hypothesis} {self.value or 'clear'} {self.seq}"

    @staticmethod
    def parse(line: str) -> Edit:
        evidence, hypothesis, value, seq = line.split()
        return Edit(evidence, hypothesis, None if value == "clear" else value, int(seq))


def cells(spec: str) -> list[tuple[str, str]]:
    """`E1-E20xH1-H4` → every (evidence, hypothesis) pair of those ranges."""
    match = re.fullmatch(r"E(\d+)-E(\d+)xH(\d+)-H(\d+)", spec)
    if not match:
        raise ValueError(f"bad cell range {spec!r}")
    e1, e2, h1, h2 = map(int, match.groups())
    return [(f"E{e}", f"H{h}") for e in range(e1, e2 + 1) for h in range(h1, h2 + 1)]


def planned_edits(seed: int, specs: list[str], count: int | None = None) -> Iterator[Edit]:
    """The stream of edits for `seed` over the cells of `specs` (endless when count is None)."""
    rng = random.Random(seed)
    pool = [cell for spec in specs for cell in cells(spec)]
    seq = 0
    while count is None or seq < count:
        evidence, hypothesis = rng.choice(pool)
        yield Edit(evidence, hypothesis, rng.choice(VALUES), seq)
        seq += 1


OWN_CELLS = "E1-E3xH1-H2"  # the cells of each writer's own case in `mixed`


class Step(NamedTuple):
    """One step of `mixed`: `rate` in the shared case, `own` rate or `undo` in the writer's
    own case, or `import` of a new small case."""

    op: str
    edit: Edit | None
    seq: int

    def line(self) -> str:
        return f"{self.op} {self.edit.line() if self.edit else '-'} {self.seq}"


def mixed_plan(seed: int, shared: list[str], steps: int) -> list[Step]:
    """A deterministic mix of rating, undoing and importing; an undo is planned only when the
    writer's own case has a rating of its to undo (never the case's import)."""
    rng = random.Random(seed)
    pool = [cell for spec in shared for cell in cells(spec)]
    own = cells(OWN_CELLS)
    plan: list[Step] = []
    undoable = 0
    for seq in range(steps):
        roll = rng.random()
        if roll < 0.45:
            evidence, hypothesis = rng.choice(pool)
            plan.append(Step("rate", Edit(evidence, hypothesis, rng.choice(VALUES), seq), seq))
        elif roll < 0.7 or (roll < 0.9 and undoable == 0):
            evidence, hypothesis = rng.choice(own)
            plan.append(Step("own", Edit(evidence, hypothesis, rng.choice(VALUES), seq), seq))
            undoable += 1
        elif roll < 0.9:
            plan.append(Step("undo", None, seq))
            undoable -= 1
        else:
            plan.append(Step("import", None, seq))
    return plan


def own_case_yaml(who: str, slug: str, rated: bool) -> str:
    ratings = ", ratings: {H1: CC, H2: I}" if rated else ""
    return (
        f"format: claimmap/1\ncase: {{title: {slug}, slug: {slug}, question: Which?}}\n"
        "hypotheses: [{id: H1, label: One}, {id: H2, label: Two}]\nevidence:\n"
        + "".join(f"  - {{id: E{e}, summary: 'Item {e} of {who}'{ratings}}}\n" for e in (1, 2, 3))
    )


def _mixed(args: argparse.Namespace) -> None:
    from claimmap.formats.casefile_read import parse_case_text
    from claimmap.store.case_store import Store

    store = Store.open(args.db, who=None if args.db.startswith("postgresql") else args.who)
    own = store.import_document(parse_case_text(own_case_yaml(args.who, f"own-{args.who}", False)))
    sys.stdout.write(f"own {own.id}\n")
    sys.stdout.flush()
    if args.ready:
        Path(args.ready).touch()
    if args.go:
        _wait_for(Path(args.go))
    for step in mixed_plan(args.seed, args.cells, args.count):
        edit = step.edit
        if step.op == "rate" and edit:
            why = f"{args.who} {edit.seq}"
            store.rate(args.case, edit.evidence, edit.hypothesis, edit.value, why)
        elif step.op == "own" and edit:
            why = f"{args.who} {edit.seq}"
            store.rate(own.id, edit.evidence, edit.hypothesis, edit.value, why)
        elif step.op == "undo":
            assert store.undo(own.id) is not None
        else:
            slug = f"{args.who}-import-{step.seq}"
            store.import_document(parse_case_text(own_case_yaml(args.who, slug, True)))
        sys.stdout.write(step.line() + "\n")
        sys.stdout.flush()
    store.close()


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.001)


def _edit(args: argparse.Namespace) -> None:
    from claimmap.store.case_store import Store

    store = Store.open(args.db, who=args.who)
    if args.ready:
        Path(args.ready).touch()
    if args.go:
        _wait_for(Path(args.go))
    out = sys.stdout
    for edit in planned_edits(args.seed, args.cells, args.count):
        store.rate(
            args.case,
            edit.evidence,
            edit.hypothesis,
            edit.value,
            f"{args.who} {edit.seq}",
        )
        if args.ack_delay:
            time.sleep(args.ack_delay)  # widens the committed-but-not-acknowledged window
        out.write(edit.line() + "\n")  # one write() per line: a pipe never gets half of one
        out.flush()
    store.close()


def _crash_import(args: argparse.Namespace) -> None:
    from claimmap.formats.casefile_read import read_case_file
    from claimmap.store import document_io
    from claimmap.store.case_store import Store

    store = Store.open(args.db, who="crasher")
    doc = read_case_file(args.file)

    def rating_rows_then_die(
        doc_evidence: object,
        default_analyst: object,
        case_id: int,
        keys: document_io.Keys,
        *rest: object,
    ) -> object:
        # Called inside the import's transaction once the case, its hypotheses and its
        # evidence are written, before the ratings. Report how far it got, then die without
        # any cleanup, as a kill or a power cut would.
        written = {name: len(ids) for name, ids in keys.ids.items() if ids}
        sys.stdout.write(f"case {case_id} written {sorted(written.items())}\n")
        sys.stdout.flush()
        os._exit(3)

    document_io.rating_rows = rating_rows_then_die  # type: ignore[assignment]
    store.import_document(doc)
    sys.stdout.write("import returned\n")  # never expected
    sys.stdout.flush()


def _open_race(args: argparse.Namespace) -> None:
    from claimmap.store.case_store import Store

    meet = Path(args.meet)
    for i, db in enumerate(args.dbs):
        # a two-party barrier per database: say I am here, wait for the other one
        (meet / f"{i}.{args.me}").touch()
        _wait_for(meet / f"{i}.{args.other}")
        try:
            # on PostgreSQL the login is who opens; a name cannot be given
            store = Store.open(db, who=None if db.startswith("postgresql") else args.me)
            store.list_cases()
            store.close()
        except Exception as exc:
            first = str(exc).splitlines()[0] if str(exc) else ""
            sys.stdout.write(f"{i} FAIL {type(exc).__name__}: {first}\n")
        else:
            sys.stdout.write(f"{i} ok\n")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="mode", required=True)
    edit = sub.add_parser("edit")
    edit.add_argument("--db", required=True)
    edit.add_argument("--case", type=int, required=True)
    edit.add_argument("--who", required=True)
    edit.add_argument("--seed", type=int, required=True)
    edit.add_argument("--cells", action="append", required=True, help="e.g. E1-E20xH1-H4")
    edit.add_argument("--count", type=int, help="how many edits (default: until killed)")
    edit.add_argument("--ack-delay", type=float, default=0.0, help="seconds from commit to ack")
    edit.add_argument("--ready", help="touch this file once the database is open")
    edit.add_argument("--go", help="wait for this file before the first edit")
    crash = sub.add_parser("crash-import")
    crash.add_argument("--db", required=True)
    crash.add_argument("--file", required=True)
    mixed = sub.add_parser("mixed")
    mixed.add_argument("--db", required=True)
    mixed.add_argument("--case", type=int, required=True, help="the shared case")
    mixed.add_argument("--who", required=True)
    mixed.add_argument("--seed", type=int, required=True)
    mixed.add_argument("--cells", action="append", required=True)
    mixed.add_argument("--count", type=int, required=True)
    mixed.add_argument("--ready")
    mixed.add_argument("--go")
    race = sub.add_parser("open-race")
    race.add_argument("--meet", required=True, help="folder for the barrier files")
    race.add_argument("--me", required=True)
    race.add_argument("--other", required=True)
    race.add_argument("dbs", nargs="+")
    args = parser.parse_args(argv)
    modes = {"edit": _edit, "mixed": _mixed, "crash-import": _crash_import, "open-race": _open_race}
    modes[args.mode](args)


if __name__ == "__main__":
    main()
