"""The store never loses an edit whose commit returned, and two processes can edit at once.

Child processes run `tests/helpers/edit_stream.py`, which applies a deterministic stream of
`Store.rate` edits and acknowledges each on stdout after the call returns. Every edit's
rationale is `<who> <seq>`, and the change log records who made each edit, so the database
itself says which edit wrote what; the checks below replay the expected edits and compare
exactly.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

import pytest
from helpers import pg_server
from helpers.edit_stream import Edit, Step, mixed_plan, planned_edits

from claimmap.formats.casefile_read import parse_case_text
from claimmap.store import document_io
from claimmap.store.case_store import Store
from claimmap.store.engine import HEAD_REVISION

HELPER = Path(__file__).parent / "helpers" / "edit_stream.py"
CLAIMMAP = Path(sys.executable).parent / "claimmap"
HANG_GUARD_S = 120  # only to turn a hung child into a failure; never a performance assertion

Cell = tuple[str, str]
State = dict[Cell, tuple[str, str | None]]  # (evidence, hypothesis) → (value, rationale)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may touch the user's real database."""
    monkeypatch.setenv("CLAIMMAP_DB", str(tmp_path / "default-must-not-be-used.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("CLAIMMAP_ANALYST", raising=False)


class Target:
    """One test's database on one engine. On SQLite every process writes the same file under
    the name it is given; on PostgreSQL each name is a login of its own (the server knows who
    writes), so each writer's ratings are a layer of their own."""

    def __init__(self, engine: str, tmp_path: Path, pg_url: str | None, path: Path | None = None):
        self.engine = engine
        self.path = path or tmp_path / "claimmap.db"
        self.pg_url = pg_url
        self.shared_layer = engine == "sqlite"

    def url(self, who: str) -> str:
        if self.pg_url is None:
            return str(self.path)
        pg_server.ensure_login(self.pg_url, who)
        return pg_server.as_login(self.pg_url, who)

    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        if self.pg_url is None:
            conn = sqlite3.connect(self.path)
            try:
                return conn.execute(sql, tuple(params)).fetchall()
            finally:
                conn.close()
        with pg_server.connect(self.pg_url) as conn:
            return [tuple(r) for r in conn.execute(sql.replace("?", "%s"), tuple(params))]

    def integrity(self) -> str:
        if self.pg_url is None:
            return "\n".join(r[0] for r in self.query("PRAGMA integrity_check"))
        # The server checks its own pages; what can go wrong here is the rows, checked below.
        return "ok"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Target:
    pg = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    if pg is not None:
        Store.open(pg).close()  # the schema belongs to the database's owner, as in a team
    return Target(request.param, tmp_path, pg)


def case_yaml(
    n_evidence: int, n_hypotheses: int, title: str = "Stress case", ratings: str = ""
) -> str:
    hyps = ", ".join(f"{{id: H{h}, label: 'Hyp {h}'}}" for h in range(1, n_hypotheses + 1))
    evs = "\n".join(
        f"  - {{id: E{e}, summary: 'Evidence {e}'{ratings if e == 1 else ''}}}"
        for e in range(1, n_evidence + 1)
    )
    return (
        f"format: claimmap/1\ncase: {{title: {title}, question: Which one?}}\n"
        f"hypotheses: [{hyps}]\nevidence:\n{evs}\n"
    )


def new_case_db(target: Target, n_evidence: int = 24, n_hypotheses: int = 4) -> int:
    store = Store.open(target.url("setup"), who="setup")
    try:
        return store.import_document(parse_case_text(case_yaml(n_evidence, n_hypotheses))).id
    finally:
        store.close()


def edit_command(db: Target, case_id: int, who: str, seed: int, cells: list[str]) -> list[str]:
    cmd = [sys.executable, str(HELPER), "edit", "--db", db.url(who), "--case", str(case_id)]
    cmd += ["--who", who, "--seed", str(seed)]
    for spec in cells:
        cmd += ["--cells", spec]
    return cmd


def integrity(db: Target | Path) -> str:
    return (db if isinstance(db, Target) else Target("sqlite", db.parent, None, db)).integrity()


def query(db: Target, sql: str, params: Iterable[object] = ()) -> list[tuple]:
    return db.query(sql, params)


def stored_ratings(db: Target, case_id: int, who: str | None = None) -> State:
    """The case's cells; on PostgreSQL those of `who`'s layer (None: the importer's)."""
    sql = (
        "SELECT e.key, h.key, r.value, r.rationale FROM ratings r "
        "JOIN evidence e ON e.id = r.evidence_id JOIN hypotheses h ON h.id = r.hypothesis_id "
        "JOIN analysts a ON a.id = r.analyst_id WHERE r.case_id = ?"
    )
    params: list[object] = [case_id]
    if not db.shared_layer:
        sql += " AND a.name = ?"
        params.append(who or "setup")
    rows = query(db, sql, params)
    return {(e, h): (v, why) for e, h, v, why in rows}


def rate_changes(db: Target, who: str) -> list[tuple[int, str, str]]:
    """(change id, action, after) of the edits `who` logged, oldest first."""
    return query(
        db, "SELECT id, action, after FROM changes WHERE who = ? AND op = 'edit' ORDER BY id", [who]
    )


def action_of(edit: Edit, old: str | None) -> str:
    return (
        f"rate {edit.evidence} × {edit.hypothesis}: {old or 'unrated'} → {edit.value or 'unrated'}"
    )


def replay(state: State, edits: list[tuple[str, Edit]]) -> list[str]:
    """Apply (who, edit) pairs in order to `state`; the change-log actions they must produce."""
    actions = []
    for who, edit in edits:
        cell = (edit.evidence, edit.hypothesis)
        old = state.get(cell, (None, None))[0]
        actions.append(action_of(edit, old))
        if edit.value is None:
            state.pop(cell, None)
        else:
            state[cell] = (edit.value, f"{who} {edit.seq}")
    return actions


class LineReader:
    """Lines of a child's stdout, read on a thread so the test can wait with a hang guard."""

    def __init__(self, proc: subprocess.Popen[bytes]):
        assert proc.stdout is not None
        self.stream = proc.stdout
        self.lines: queue.Queue[bytes] = queue.Queue()
        self.thread = threading.Thread(target=self._pump, daemon=True)
        self.thread.start()

    def _pump(self) -> None:
        for line in iter(self.stream.readline, b""):
            self.lines.put(line)
        self.lines.put(b"")  # end of stream

    def next(self) -> bytes:
        try:
            return self.lines.get(timeout=HANG_GUARD_S)
        except queue.Empty:
            raise AssertionError("child process produced no output; it seems to hang") from None

    def rest(self) -> list[bytes]:
        self.thread.join(HANG_GUARD_S)
        assert not self.thread.is_alive(), "child's stdout never closed"
        out = []
        while (line := self.lines.get_nowait()) != b"":
            out.append(line)
        return out


# -- SIGKILL mid-stream -------------------------------------------------------------------


def test_sigkill_mid_stream_keeps_every_acknowledged_edit(target: Target, tmp_path: Path) -> None:
    db = target
    case_id = new_case_db(db)
    cells = ["E1-E20xH1-H4"]
    state: State = {}
    total_landed = 0
    # Three children in turn on the same file, each killed at a different point; each later
    # one starts on a database that was left by a killed writer (hot WAL, recovery on open).
    # The pause before each kill moves it to a different point of the edit that follows the
    # last acknowledgement read (one edit takes a millisecond or two). In the last round the
    # child waits a little between an edit's commit and its acknowledgement, so the kill
    # usually falls in that gap: committed but not acknowledged.
    rounds = ((200, 0.0, 0.0), (263, 0.0008, 0.0), (347, 0.004, 0.005))
    for round_, (kill_after, pause, ack_delay) in enumerate(rounds):
        who = f"killed{round_}"
        if not db.shared_layer:
            state = {}  # each login rates in a layer of its own
        err_path = tmp_path / f"{who}.err"
        with err_path.open("wb") as err:
            proc = subprocess.Popen(
                [
                    *edit_command(db, case_id, who, seed=100 + round_, cells=cells),
                    *("--ack-delay", str(ack_delay)),
                ],
                stdout=subprocess.PIPE,
                stderr=err,
            )
        reader = LineReader(proc)
        acked: list[bytes] = []
        try:
            while len(acked) < kill_after:
                line = reader.next()
                assert line, f"child ended early:\n{err_path.read_text()}"
                acked.append(line)
            time.sleep(pause)
            assert proc.poll() is None, "the child must still be writing when it is killed"
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(HANG_GUARD_S) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        # Lines the child wrote before it died are acknowledged too; a write() of one short
        # line to a pipe is atomic, so there is no torn line (but tolerate one, unacknowledged).
        acked += reader.rest()
        complete = [line.decode() for line in acked if line.endswith(b"\n")]
        assert len(complete) >= len(acked) - 1
        n_acked = len(complete)
        plan = list(islice(planned_edits(100 + round_, cells), n_acked + 1))
        assert [line.rstrip("\n") for line in complete] == [e.line() for e in plan[:n_acked]]
        in_flight = plan[n_acked]

        assert integrity(db) == "ok"

        logged = rate_changes(db, who)
        # Every acknowledged edit is logged; the one in flight may have committed just before
        # the kill (before its line was written), nothing later can have.
        assert len(logged) in (n_acked, n_acked + 1), (len(logged), n_acked, in_flight)
        landed = plan[: len(logged)]
        expected_actions = replay(state, [(who, e) for e in landed])
        assert [action for _, action, _ in logged] == expected_actions
        for (_, _, after), edit in zip(logged, landed, strict=True):
            if edit.value is not None:
                assert json.dumps(f"{who} {edit.seq}") in after
        # The cells hold exactly what the landed edits wrote, last one per cell winning; in
        # particular the in-flight edit is in the ratings exactly when it is in the log.
        assert stored_ratings(db, case_id, who) == state
        total_landed += len(logged)

    # The database still works for the store after three crashes.
    store = Store.open(db.url("after"), who="after")
    try:
        store.rate(case_id, "E1", "H1", "CC", "after the crashes")
        assert stored_ratings(db, case_id, "after")[("E1", "H1")] == ("CC", "after the crashes")
    finally:
        store.close()
    assert query(db, "SELECT count(*) FROM changes")[0][0] == 1 + total_landed + 1
    assert integrity(db) == "ok"


# -- two processes at once ----------------------------------------------------------------


def start_together(cmds: dict[str, list[str]], tmp_path: Path) -> dict[str, tuple[int, str, str]]:
    """Run the children so their first edits start at the same moment; each opens the store,
    says it is ready, and waits for the go file. Returns who → (exit code, stdout, stderr)."""
    go = tmp_path / "go"
    procs = {}
    for who, cmd in cmds.items():
        ready = tmp_path / f"ready-{who}"
        procs[who] = subprocess.Popen(
            [*cmd, "--ready", str(ready), "--go", str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    try:
        deadline = time.monotonic() + HANG_GUARD_S
        while not all((tmp_path / f"ready-{who}").exists() for who in cmds):
            assert all(p.poll() is None for p in procs.values()), "a child died before starting"
            assert time.monotonic() < deadline, "children never got ready"
            time.sleep(0.005)
        go.touch()
        results = {}
        for who, proc in procs.items():
            out, err = proc.communicate(timeout=HANG_GUARD_S)
            results[who] = (proc.returncode, out, err)
        return results
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def check_serial_history(db: Target, case_id: int, plans: dict[str, list[Edit]]) -> None:
    """Each writer's edits are all logged in its own order; merged in commit order (change
    ids) they explain every logged `old → new` and the final content of every cell."""
    if not db.shared_layer:  # one layer per login: each writer's history stands alone
        for who, plan in plans.items():
            check_serial_history_of(db, case_id, who, plan)
        return
    by_id: list[tuple[int, str, str, Edit]] = []
    for who, plan in plans.items():
        logged = rate_changes(db, who)
        assert len(logged) == len(plan), (who, len(logged), len(plan))
        by_id += [(cid, action, who, e) for (cid, action, _), e in zip(logged, plan, strict=True)]
    by_id.sort()
    state: State = {}
    expected = replay(state, [(who, e) for _, _, who, e in by_id])
    assert [action for _, action, _, _ in by_id] == expected
    assert stored_ratings(db, case_id) == state


def check_serial_history_of(db: Target, case_id: int, who: str, plan: list[Edit]) -> None:
    logged = rate_changes(db, who)
    assert len(logged) == len(plan), (who, len(logged), len(plan))
    state: State = {}
    assert [action for _, action, _ in logged] == replay(state, [(who, e) for e in plan])
    assert stored_ratings(db, case_id, who) == state


def test_two_processes_editing_at_once_both_succeed(target: Target, tmp_path: Path) -> None:
    db = target
    case_id = new_case_db(db)
    count = 150
    cells = {"A": ["E1-E10xH1-H4", "E21-E24xH1-H4"], "B": ["E11-E20xH1-H4", "E21-E24xH1-H4"]}
    seeds = {"A": 1, "B": 2}
    cmds = {
        who: [*edit_command(db, case_id, who, seeds[who], cells[who]), "--count", str(count)]
        for who in cells
    }
    results = start_together(cmds, tmp_path)

    plans = {who: list(planned_edits(seeds[who], cells[who], count)) for who in cells}
    for who, (code, out, err) in results.items():
        assert "database is locked" not in err, err
        assert "Traceback" not in err, err
        assert code == 0, err
        assert out.splitlines() == [e.line() for e in plans[who]]
    shared = {(e.evidence, e.hypothesis) for e in plans["A"]} & {
        (e.evidence, e.hypothesis) for e in plans["B"]
    }
    assert shared, "the plans must overlap on some cells"
    assert integrity(db) == "ok"
    assert query(db, "SELECT count(*) FROM changes")[0][0] == 1 + 2 * count
    check_serial_history(db, case_id, plans)
    # A shared cell ends with one of the two writers' last values for it, as the replay says;
    # spelled out here once more for the reader.
    if not db.shared_layer:
        return  # on PostgreSQL no cell is shared: each login has a layer of its own
    final = stored_ratings(db, case_id)
    for cell in shared:
        lasts = {
            who: next((e for e in reversed(plan) if (e.evidence, e.hypothesis) == cell), None)
            for who, plan in plans.items()
        }
        candidates = {
            (e.value, f"{who} {e.seq}") if e.value else None
            for who, e in lasts.items()
            if e is not None
        }
        assert final.get(cell) in candidates


def test_two_cli_rate_loops_at_once_both_succeed(target: Target) -> None:
    db = target
    case_id = new_case_db(db, n_evidence=6, n_hypotheses=3)
    count = 4
    cells = {"cliA": ["E1-E3xH1-H3", "E6-E6xH1-H3"], "cliB": ["E4-E5xH1-H3", "E6-E6xH1-H3"]}
    plans = {
        who: list(planned_edits(i, spec, count)) for i, (who, spec) in enumerate(cells.items())
    }
    barrier = threading.Barrier(len(plans))
    results: dict[str, list[subprocess.CompletedProcess[str]]] = {who: [] for who in plans}

    def loop(who: str) -> None:
        barrier.wait(HANG_GUARD_S)
        for e in plans[who]:
            results[who].append(
                subprocess.run(
                    [
                        *(str(CLAIMMAP), "--db", db.url(who), "--who", who, "rate", "stress-case"),
                        *(e.evidence, e.hypothesis, e.value or "clear", "-r", f"{who} {e.seq}"),
                    ],
                    capture_output=True,
                    text=True,
                    timeout=HANG_GUARD_S,
                )
            )

    threads = [threading.Thread(target=loop, args=(who,)) for who in plans]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG_GUARD_S * count)
    for who, runs in results.items():
        assert len(runs) == count
        for e, run in zip(plans[who], runs, strict=True):
            assert "database is locked" not in run.stderr, run.stderr
            assert run.returncode == 0, run.stderr
            assert run.stdout == f"{e.evidence} × {e.hypothesis}: {e.value or 'unrated'}\n"
    assert integrity(db) == "ok"
    check_serial_history(db, case_id, plans)


OPEN_RACE_ROUNDS = 10


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
@pytest.mark.parametrize("start", ["new", "old"])
def test_two_processes_opening_a_database_that_needs_migrating_both_succeed(
    tmp_path: Path, start: str, engine: str, request: pytest.FixtureRequest
) -> None:
    from contextlib import ExitStack

    from claimmap.store.engine import make_engine, upgrade

    stack = ExitStack()
    request.addfinalizer(stack.close)
    if engine == "sqlite":
        dbs: list[Path | str] = [tmp_path / f"race{i}.db" for i in range(OPEN_RACE_ROUNDS)]
        urls = [f"sqlite:///{db}" for db in dbs]
    else:
        admin = request.getfixturevalue("pg_admin")
        dbs = urls = [
            stack.enter_context(pg_server.fresh_database(admin)) for _ in range(OPEN_RACE_ROUNDS)
        ]
    if start == "old":
        for url in urls:
            old = make_engine(url)
            upgrade(old, "0001")
            old.dispose()
    meet = tmp_path / "meet"
    meet.mkdir()
    base = [sys.executable, str(HELPER), "open-race", "--meet", str(meet)]
    procs = {
        who: subprocess.Popen(
            [*base, "--me", who, "--other", other, *map(str, dbs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who, other in (("A", "B"), ("B", "A"))
    }
    outputs = {}
    for who, proc in procs.items():
        out, err = proc.communicate(timeout=HANG_GUARD_S)
        assert proc.returncode == 0, err
        outputs[who] = out
    failures = [
        f"{who}: {line}"
        for who, out in outputs.items()
        for line in out.splitlines()
        if not line.endswith(" ok")
    ]
    assert not failures, "\n".join(failures)
    for db in dbs:
        if isinstance(db, Path):
            assert integrity(db) == "ok"
        else:
            assert Target("postgresql", tmp_path, db).query(
                "SELECT version_num FROM alembic_version"
            ) == [(HEAD_REVISION,)]


# -- a crash during import ------------------------------------------------------------------


def _rated_case(title: str) -> str:
    return case_yaml(3, 2, title=title, ratings=", ratings: {H1: CC, H2: I}")


def test_failure_inside_import_leaves_nothing(
    target: Target, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = target
    store = Store.open(db.url("me"), who="me")
    try:
        kept = store.import_document(parse_case_text(_rated_case("Kept case")))
        kept_doc = store.export_document(kept.id)
        before = {
            name: query(db, f"SELECT * FROM {name} ORDER BY id")
            for name in ("cases", "hypotheses", "evidence", "ratings", "analysts", "changes")
        }
        reached: list[int] = []
        real = document_io.rating_rows

        def failing_rating_rows(*args: object, **kwargs: object) -> object:
            real(*args, **kwargs)  # type: ignore[arg-type]
            keys = args[3]
            assert isinstance(keys, document_io.Keys)
            # the new case's hypotheses and evidence are already written in this transaction
            reached.append(len(keys.ids["hypotheses"]) + len(keys.ids["evidence"]))
            raise RuntimeError("injected failure in the middle of an import")

        monkeypatch.setattr(document_io, "rating_rows", failing_rating_rows)
        with pytest.raises(RuntimeError, match="injected"):
            store.import_document(parse_case_text(_rated_case("Doomed case")))
        assert reached == [5]
        # A failed --replace must not lose the case it was replacing either.
        with pytest.raises(RuntimeError, match="injected"):
            store.import_document(parse_case_text(_rated_case("Kept case")), replace=True)
        assert reached == [5, 5]
        monkeypatch.undo()

        after = {name: query(db, f"SELECT * FROM {name} ORDER BY id") for name in before}
        assert after == before
        assert [c.slug for c in store.list_cases()] == ["kept-case"]
        assert store.export_document(kept.id) == kept_doc
        # and the store is usable afterwards: the same import now works
        doomed = store.import_document(parse_case_text(_rated_case("Doomed case")))
        assert doomed.ratings == 2
    finally:
        store.close()
    assert integrity(db) == "ok"


def test_process_killed_inside_import_leaves_nothing(target: Target, tmp_path: Path) -> None:
    db = target
    store = Store.open(db.url("me"), who="me")
    try:
        store.import_document(parse_case_text(_rated_case("Kept case")))
    finally:
        store.close()
    tables = ("cases", "hypotheses", "evidence", "ratings", "analysts", "changes")
    before = {name: query(db, f"SELECT * FROM {name} ORDER BY id") for name in tables}
    file = tmp_path / "doomed.yaml"
    file.write_text(_rated_case("Doomed case"), encoding="utf-8")

    run = subprocess.run(
        [
            sys.executable,
            str(HELPER),
            "crash-import",
            "--db",
            db.url("crasher"),
            "--file",
            str(file),
        ],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )
    # exit code 3 and this line: the child died inside the transaction, after writing rows
    assert run.returncode == 3, run.stderr
    assert run.stdout.startswith("case 2 written [('evidence', 3), ('hypotheses', 2)")

    assert integrity(db) == "ok"
    after = {name: query(db, f"SELECT * FROM {name} ORDER BY id") for name in tables}
    assert after == before
    assert query(db, "SELECT slug FROM cases") == [("kept-case",)]


# -- many processes rating, importing and undoing ---------------------------------------------


def own_replay(plan: list[Step], who: str) -> tuple[State, list[str]]:
    """A writer's own case after its `own` ratings and undos; the log actions they produce."""
    state: State = {}
    done: list[tuple[Cell, tuple[str, str | None] | None, str]] = []
    actions = []
    for step in plan:
        if step.op == "own" and step.edit:
            e = step.edit
            cell = (e.evidence, e.hypothesis)
            old = state.get(cell)
            action = action_of(e, old[0] if old else None)
            actions.append(action)
            done.append((cell, old, action))
            if e.value is None:
                state.pop(cell, None)
            else:
                state[cell] = (e.value, f"{who} {e.seq}")
        elif step.op == "undo":
            cell, old, action = done.pop()
            actions.append(f"undo: {action}")
            if old is None:
                state.pop(cell, None)
            else:
                state[cell] = old
    return state, actions


@pytest.mark.parametrize("writers", [2, 8])
def test_processes_rating_importing_and_undoing_at_once(
    target: Target, tmp_path: Path, writers: int
) -> None:
    db = target
    case_id = new_case_db(db, n_evidence=12)
    count = 240 // writers
    shared = ["E1-E12xH1-H4"]  # every writer rates the same cells
    names = [f"mix{i}" for i in range(writers)]
    cmds = {
        who: [
            *(sys.executable, str(HELPER), "mixed", "--db", db.url(who), "--case", str(case_id)),
            *("--who", who, "--seed", str(500 + i), "--cells", shared[0], "--count", str(count)),
        ]
        for i, who in enumerate(names)
    }
    results = start_together(cmds, tmp_path)
    plans = {who: mixed_plan(500 + i, shared, count) for i, who in enumerate(names)}
    own_ids = {}
    for who, (code, out, err) in results.items():
        assert code == 0 and err == "", err  # no error of any kind reached the writer
        first, *rest = out.splitlines()
        own_ids[who] = int(first.split()[1])
        assert rest == [step.line() for step in plans[who]]  # every step acknowledged
    assert {op for plan in plans.values() for op in (s.op for s in plan)} == {
        "rate",
        "own",
        "undo",
        "import",
    }

    # The shared case: every acknowledged rating, in commit order, explains the log and cells.
    rate_plans = {
        who: [s.edit for s in plan if s.op == "rate" and s.edit] for who, plan in plans.items()
    }
    logged = {
        who: query(
            db,
            "SELECT id, action FROM changes WHERE who = ? AND case_id = ? ORDER BY id",
            [who, case_id],
        )
        for who in names
    }
    if db.shared_layer:
        merged = sorted(
            (cid, action, who, edit)
            for who in names
            for (cid, action), edit in zip(logged[who], rate_plans[who], strict=True)
        )
        state: State = {}
        assert [a for _, a, _, _ in merged] == replay(state, [(w, e) for _, _, w, e in merged])
        assert stored_ratings(db, case_id) == state
    else:
        for who in names:
            state = {}
            expected = replay(state, [(who, e) for e in rate_plans[who]])
            assert [a for _, a in logged[who]] == expected
            assert stored_ratings(db, case_id, who) == state

    # Each writer's own case: its ratings and undos, replayed, are what is stored and logged.
    for who in names:
        state, actions = own_replay(plans[who], who)
        own_log = query(
            db, "SELECT action FROM changes WHERE case_id = ? ORDER BY id", [own_ids[who]]
        )
        assert [a for (a,) in own_log] == [f"import case own-{who}", *actions]
        assert stored_ratings(db, own_ids[who], who) == state
        # every import is there, whole
        for step in plans[who]:
            if step.op == "import":
                slug = f"{who}-import-{step.seq}"
                rows = query(
                    db,
                    "SELECT count(*) FROM ratings r JOIN cases c ON c.id = r.case_id "
                    "WHERE c.slug = ?",
                    [slug],
                )
                assert rows == [(6,)], slug

    # The log and the tables agree: one entry per step, each undo reversing a distinct edit
    # that is now marked undone (or dead, once a later edit ended its redo).
    total = 1 + sum(1 + len(plan) for plan in plans.values())
    assert query(db, "SELECT count(*) FROM changes") == [(total,)]
    undo_refs = query(db, "SELECT ref_id FROM changes WHERE op = 'undo'")
    assert (
        len(undo_refs)
        == len({r for (r,) in undo_refs})
        == sum(s.op == "undo" for plan in plans.values() for s in plan)
    )
    assert sorted(r for (r,) in undo_refs) == [
        i
        for (i,) in query(
            db, "SELECT id FROM changes WHERE state IN ('undone', 'dead') ORDER BY id"
        )
    ]
    assert integrity(db) == "ok"
