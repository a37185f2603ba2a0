"""Terminal-interface benchmarks: `.venv/bin/python benchmarks/bench_tui.py [--runs 7]`.

Everything is measured in the same run, on this machine, and printed as one table with the
targets from the TUI issue:

1. Start-up, in a real pseudo-terminal (120x36, TERM=xterm-256color): the time from spawning
   the process to its first painted frame, for `claimmap open hts-idlib-2018` and for a bare
   Textual app showing one label (`benchmarks/tui_bare_app.py`), interleaved, median of
   `--runs` each after one discarded warm-up. For claimmap the time to the first frame that
   shows the matrix is given too. Target: claimmap within 1.5x of the bare app.
2. The generated case with 5,000 evidence items (`synthetic_case(seed=1, hypotheses=5,
   evidence=5000, analysts=1)`), written to a database by a separate process first:
   - headless (`app.run_test(size=(120, 36))`, in a process of its own that runs only the
     interface): time from the app's start to the matrix being loaded and populated
     (MatrixTable.row_count == 5000) and idle; then `--keys` rating keystrokes on one cell,
     each timed until the cell's value changed in the table (the repaint request), until
     `pilot.press` returned (the screen has refreshed) and until the save worker finished
     (`app.workers.wait_for_complete()`); every keystroke is then checked in the database,
     outside the timing. Peak RSS of that process (ru_maxrss).
   - for real, `claimmap open` in a pseudo-terminal: time to the first frame showing the
     matrix ("5000/5000 evidence"), rating keystrokes timed until the terminal receives the
     next frame, and the process's peak RSS (VmHWM) before it quits.
   Targets: interactive within 1.5 s, a rating keystroke saved and repainted within 50 ms
   (median), peak RSS under 400 MB.

Nothing is written into the repository: the databases live in a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import resource
import select
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

PYTHON = sys.executable
CLAIMMAP = str(Path(sys.executable).with_name("claimmap"))
BARE = str(HERE / "tui_bare_app.py")
BARE_MARKER = b"bare textual app is ready"
HTS = REPO / "sample_cases" / "hts-idlib-2018.yaml"
ROWS, COLS = 36, 120
EVIDENCE = 5000
KEY_FOR = {"CC": "C", "C": "c", "N": "n", "I": "i", "II": "I", "NA": "N"}

# -- a pseudo-terminal ---------------------------------------------------------------------------


class Pty:
    """One process on a pseudo-terminal, its output read and time-stamped as it arrives."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.start = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.out = bytearray()
        self.chunks: list[tuple[float, int]] = []  # (seconds since start, bytes so far)

    def read(self, timeout: float) -> bool:
        """Read what arrives within `timeout` seconds; False once the terminal has closed."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        self.out += data
        self.chunks.append((time.perf_counter() - self.start, len(self.out)))
        return True

    def wait_for(self, test: Callable[[bytes], bool], limit: float = 30.0) -> float:
        """Seconds from the start until the output first passed `test` (read as it came)."""
        deadline = time.perf_counter() + limit
        while not test(bytes(self.out)):
            if time.perf_counter() > deadline or not self.read(0.02):
                tail = bytes(self.out[-2000:])
                raise RuntimeError(f"gave up waiting; the output ended with {tail!r}")
        return self.when(test)

    def when(self, test: Callable[[bytes], bool]) -> float:
        """The arrival time of the first chunk after which the output passed `test`."""
        for at, size in self.chunks:
            if test(bytes(self.out[:size])):
                return at
        raise ValueError("never")

    def quiet(self, gap: float = 0.1, limit: float = 5.0) -> None:
        """Read until nothing has arrived for `gap` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            before = len(self.out)
            if not self.read(gap) or len(self.out) == before:
                return

    def send(self, data: bytes) -> float:
        os.write(self.master, data)
        return time.perf_counter()

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return kb / 1024

    def close(self) -> None:
        """ctrl+q, then wait for the process (killing it only if it will not go)."""
        try:
            self.send(b"\x11")
            deadline = time.perf_counter() + 15
            while self.proc.poll() is None and time.perf_counter() < deadline:
                self.read(0.05)
            if self.proc.poll() is None:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        finally:
            os.close(self.master)


def painted(out: bytes) -> bool:
    """The first frame: the first cell drawn with a colour after the terminal setup."""
    return b"\x1b[38;5;" in out or b"\x1b[48;5;" in out or b"\x1b[38;2;" in out


def term_env(db: Path) -> dict[str, str]:
    """The size comes from the terminal alone: COLUMNS and LINES would override it."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return {**env, "TERM": "xterm-256color", "CLAIMMAP_DB": str(db)}


def startup_runs(db: Path, runs: int) -> dict[str, list[float]]:
    def matrix(out: bytes) -> bool:
        return b"ratings:" in out and b"E18" in out

    times: dict[str, list[float]] = {"bare": [], "claimmap": [], "claimmap_matrix": []}
    for i in range(runs + 1):  # the first round warms the caches and is not counted
        order = ("bare", "claimmap") if i % 2 else ("claimmap", "bare")
        for which in order:
            if which == "bare":
                term = Pty([PYTHON, BARE], term_env(db))
                try:
                    first = term.wait_for(painted)
                    term.wait_for(lambda out: BARE_MARKER in out)
                finally:
                    term.close()
                if i:
                    times["bare"].append(first)
            else:
                term = Pty([CLAIMMAP, "open", "hts-idlib-2018"], term_env(db))
                try:
                    first = term.wait_for(painted)
                    shown = term.wait_for(matrix)
                finally:
                    term.close()
                if i:
                    times["claimmap"].append(first)
                    times["claimmap_matrix"].append(shown)
    return times


def real_5000(db: Path, slug: str, keys: int) -> dict[str, float]:
    """`claimmap open` on the 5,000-item case in a pseudo-terminal."""
    marker = f"{EVIDENCE}/{EVIDENCE} evidence".encode()
    term = Pty([CLAIMMAP, "open", slug], term_env(db))
    try:
        first = term.wait_for(painted)
        shown = term.wait_for(lambda out: marker in out)
        term.quiet(0.3)
        lags = []
        for k in range(keys):
            value = ("II", "CC")[k % 2]
            before = len(term.out)
            sent = term.send(KEY_FOR[value].encode())
            term.wait_for(lambda out, before=before: len(out) > before, limit=10)
            lags.append(term.chunks[-1][0] + term.start - sent)
            term.quiet(0.05)
        rss = term.peak_rss_mb()
    finally:
        term.close()
    return {
        "first_frame": first,
        "matrix": shown,
        "key_to_frame_median": statistics.median(lags),
        "rss_mb": rss,
    }


# -- the 5,000-item case -------------------------------------------------------------------------


def make_db(db: Path) -> str:
    """Generate and import the case (run in a process of its own); prints the slug."""
    from synthetic import synthetic_case

    from claimmap.model.document import CaseDocument
    from claimmap.store.case_store import Store

    data = synthetic_case(seed=1, hypotheses=5, evidence=EVIDENCE, analysts=1).case_dict()
    store = Store.open(str(db))
    case = store.import_document(CaseDocument.model_validate(data))
    store.close()
    return case.slug


def stored_value(db: Path, case_id: int, evidence: str, hypothesis: str) -> str | None:
    """One cell straight from SQLite: cheap enough to check every keystroke."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT r.value FROM ratings r JOIN evidence e ON e.id = r.evidence_id "
            "JOIN hypotheses h ON h.id = r.hypothesis_id "
            "WHERE r.case_id = ? AND e.key = ? AND h.key = ?",
            (case_id, evidence, hypothesis),
        ).fetchone()
    return row[0] if row else None


def headless(db: Path, slug: str, keys: int) -> dict[str, float]:
    """Run only the interface on the case, headless, and time it (in a process of its own)."""
    started = time.perf_counter()
    from claimmap.store.case_store import Store
    from claimmap.tui.app import ClaimmapApp
    from claimmap.tui.screens.case_screen import CaseScreen
    from claimmap.tui.widgets.matrix_table import MatrixTable

    imports = time.perf_counter() - started
    store = Store.open(str(db))
    case_id = store.resolve_case(slug).id
    result: dict[str, float] = {"imports": imports}
    last: list[str] = []

    async def run() -> None:
        app = ClaimmapApp(store, case_id)
        t0 = time.perf_counter()
        async with app.run_test(size=(COLS, ROWS)) as pilot:
            while not (isinstance(app.screen, CaseScreen) and app.screen.state is not None):
                await asyncio.sleep(0.002)
            result["state_loaded"] = time.perf_counter() - t0
            screen = app.screen
            table = screen.query_one(MatrixTable)
            while table.row_count < EVIDENCE:
                await asyncio.sleep(0.002)
            result["rows_populated"] = time.perf_counter() - t0
            await pilot.pause()
            result["interactive"] = time.perf_counter() - t0
            await app.workers.wait_for_complete()

            here = table.current()
            assert here is not None, "the cursor is not on a rating cell"
            evidence, hypothesis = here
            current = stored_value(db, case_id, evidence, hypothesis)
            values = ("II", "CC") if current != "II" else ("CC", "II")

            changed: list[float] = []
            repaint_line = table.repaint

            def timed_repaint(*args: object, **kwargs: object) -> None:
                repaint_line(*args, **kwargs)  # type: ignore[arg-type]
                changed.append(time.perf_counter())

            table.repaint = timed_repaint  # type: ignore[method-assign]
            committed: list[float] = []
            store_rate = store.rate

            def timed_rate(*args: object, **kwargs: object) -> None:
                store_rate(*args, **kwargs)  # type: ignore[arg-type]
                committed.append(time.perf_counter())

            store.rate = timed_rate  # type: ignore[method-assign]
            done: list[float] = []
            repaint, pressed, saved = [], [], []
            for k in range(keys):
                value = values[k % 2]
                changed.clear()
                t = time.perf_counter()
                await pilot.press(KEY_FOR[value])
                pressed.append(time.perf_counter() - t)
                await app.workers.wait_for_complete()
                saved.append(time.perf_counter() - t)
                assert changed, "the cell was not repainted"
                repaint.append(changed[0] - t)
                assert committed, "the rating was not written"
                done.append(max(changed[0], committed[-1]) - t)
                committed.clear()
                line = table.render_line(table.cursor_row + 1 - int(table.scroll_offset.y)).text
                shown = line[table._fixed_width :].split()[
                    table.cursor_column - table.column_offset
                ]
                assert shown == value, f"the cell shows {shown!r}, not {value!r}"
                assert stored_value(db, case_id, evidence, hypothesis) == value, "not saved"
                last[:] = [evidence, hypothesis, value]
            result["key_repaint_median"] = statistics.median(repaint)
            result["key_done_median"] = statistics.median(done)
            result["key_done_max"] = max(done)
            result["key_press_median"] = statistics.median(pressed)
            result["key_saved_median"] = statistics.median(saved)
            result["key_saved_max"] = max(saved)

    asyncio.run(run())
    # the last keystroke once more, through the store's own API
    evidence, hypothesis, value = last
    doc = store.export_document(case_id)
    cell = next(ev for ev in doc.evidence if ev.id == evidence).ratings[hypothesis]
    assert cell.rating.value == value, (cell, value)
    store.close()
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# -- the report ----------------------------------------------------------------------------------


def child(*args: str) -> str:
    out = subprocess.run(
        [PYTHON, __file__, *args], capture_output=True, text=True, check=True, cwd=REPO
    )
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each app")
    parser.add_argument("--keys", type=int, default=50, help="rating keystrokes, headless")
    parser.add_argument("--real-keys", type=int, default=20, help="keystrokes in the terminal")
    parser.add_argument("--make-db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--headless", nargs=2, metavar=("DB", "SLUG"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.make_db:
        print(make_db(args.make_db))
        return
    if args.headless:
        print(json.dumps(headless(Path(args.headless[0]), args.headless[1], args.keys)))
        return

    from claimmap.formats.casefile_read import read_case_file
    from claimmap.store.case_store import Store

    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimmap-bench-tui-") as folder:
        hts_db = Path(folder) / "hts.db"
        store = Store.open(str(hts_db))
        store.import_document(read_case_file(HTS))
        store.close()
        print(f"start-up: {args.runs} runs of each app, interleaved ...", file=sys.stderr)
        start = startup_runs(hts_db, args.runs)

        big_db = Path(folder) / "big.db"
        print(f"generating the {EVIDENCE}-item case ...", file=sys.stderr)
        slug = child("--make-db", str(big_db))
        print("headless run on it ...", file=sys.stderr)
        head = json.loads(child("--headless", str(big_db), slug, "--keys", str(args.keys)))
        print("real terminal run on it ...", file=sys.stderr)
        real = real_5000(big_db, slug, args.real_keys)

    bare = statistics.median(start["bare"])
    first = statistics.median(start["claimmap"])
    matrix = statistics.median(start["claimmap_matrix"])
    ms = 1000.0
    rows: list[tuple[str, str, str, str]] = [
        ("bare Textual app: first frame", f"{bare * ms:.0f} ms", "baseline", ""),
        (
            "claimmap open HTS: first frame",
            f"{first * ms:.0f} ms ({first / bare:.2f}x)",
            "<= 1.5x bare",
            "pass" if first <= 1.5 * bare else "FAIL",
        ),
        (
            "claimmap open HTS: first matrix frame",
            f"{matrix * ms:.0f} ms ({matrix / bare:.2f}x)",
            "<= 1.5x bare",
            "pass" if matrix <= 1.5 * bare else "FAIL",
        ),
        (
            f"{EVIDENCE} items, headless: matrix interactive",
            f"{head['interactive'] * ms:.0f} ms",
            "<= 1500 ms",
            "pass" if head["interactive"] <= 1.5 else "FAIL",
        ),
        ("   of which: case loaded (state)", f"{head['state_loaded'] * ms:.0f} ms", "", ""),
        ("   of which: table populated", f"{head['rows_populated'] * ms:.0f} ms", "", ""),
        ("   (imports before the app starts)", f"{head['imports'] * ms:.0f} ms", "", ""),
        (
            f"{EVIDENCE} items, real terminal: first matrix frame",
            f"{real['matrix'] * ms:.0f} ms (first frame {real['first_frame'] * ms:.0f} ms)",
            "<= 1500 ms",
            "pass" if real["matrix"] <= 1.5 else "FAIL",
        ),
        (
            f"{EVIDENCE} items: key -> committed and repainted (median)",
            f"{head['key_done_median'] * ms:.1f} ms (max {head['key_done_max'] * ms:.0f})",
            "<= 50 ms",
            "pass" if head["key_done_median"] <= 0.05 else "FAIL",
        ),
        (
            "   incl. the pilot's own idle waits (median)",
            f"{head['key_saved_median'] * ms:.1f} ms (max {head['key_saved_max'] * ms:.0f})",
            "",
            "",
        ),
        (
            "   repaint alone: cell updated (median)",
            f"{head['key_repaint_median'] * ms:.1f} ms",
            "",
            "",
        ),
        ("   pilot.press returned (median)", f"{head['key_press_median'] * ms:.1f} ms", "", ""),
        (
            "   real terminal: key -> next frame (median)",
            f"{real['key_to_frame_median'] * ms:.1f} ms",
            "<= 50 ms",
            "pass" if real["key_to_frame_median"] <= 0.05 else "FAIL",
        ),
        (
            f"{EVIDENCE} items: peak RSS, headless process",
            f"{head['rss_mb']:.0f} MB",
            "< 400 MB",
            "pass" if head["rss_mb"] < 400 else "FAIL",
        ),
        (
            f"{EVIDENCE} items: peak RSS, claimmap open",
            f"{real['rss_mb']:.0f} MB",
            "< 400 MB",
            "pass" if real["rss_mb"] < 400 else "FAIL",
        ),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"TUI benchmark ({COLS}x{ROWS}, median of {args.runs} start-ups, {args.keys} keys)")
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    runs = ", ".join(
        f"{name}: " + " ".join(f"{t * ms:.0f}" for t in times) for name, times in start.items()
    )
    print(f"start-up runs (ms) {runs}")
    print(f"total {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
