"""A newcomer's first minute, on the installed program in a real terminal (tmux).

`claimmap demo` is started in a detached tmux session of a fixed size; the test reads the
screen with `capture-pane`, waits for the matrix, moves the cursor with the keys the footer
and help teach (`l` right, `j` down), rates a cell, waits until the rating is on screen and in
the database, quits with ctrl+q and checks the rating is still there once the program has
ended. Nothing waits a fixed time: every wait polls, with a generous time limit.

Skipped when tmux is missing, except in CI, where `.ci/run` installs it and a missing tmux is
a failure.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from claimmap.formats.casefile_read import read_case_file
from claimmap.store.case_store import Store

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_cases" / "hts-idlib-2018.yaml"
CLAIMMAP = Path(sys.executable).with_name("claimmap")
WIDTH, HEIGHT = 120, 36
TIMEOUT = 30.0

# the matrix's keys (claimmap/tui/widgets/matrix_table.py)
KEY_FOR = {"CC": "C", "C": "c", "N": "n", "I": "i", "II": "I", "NA": "N"}
# the new rating is the first of these that differs from the sample's
PREFERRED = ("II", "CC", "N")

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"),
    reason="tmux is not installed (CI installs it; `apt-get install tmux` here)",
)


def wait_for(what: str, check: Callable[[], object], screen: Callable[[], str]) -> object:
    """Poll `check` until it returns something truthy; fail with the screen if it never does."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"gave up after {TIMEOUT:.0f} s waiting for {what}; the screen:\n{screen()}")


def row_ratings(text: str, evidence: str, count: int) -> list[str] | None:
    """The last `count` cells of the matrix row for `evidence` (every cell must be rated)."""
    for line in text.splitlines():
        words = line.split()
        if words[:1] == [evidence] and len(words) > count:
            return words[-count:]
    return None


def stored(db: Path, slug: str, evidence: str, hypothesis: str) -> str | None:
    if not db.exists():
        return None
    store = Store.open(str(db))
    try:
        doc = store.export_document(store.resolve_case(slug).id)
    except Exception:  # the demo has not imported the case yet
        return None
    finally:
        store.close()
    cell = next(ev for ev in doc.evidence if ev.id == evidence).ratings.get(hypothesis)
    return cell.rating.value if cell else None


def test_a_newcomer_rates_a_cell_in_the_demo_and_finds_it_saved(tmp_path: Path) -> None:
    if TMUX is None:
        pytest.fail("tmux is missing in CI: .ci/run should have installed it")
    assert CLAIMMAP.exists(), f"the console script is not installed at {CLAIMMAP}"

    # The cell: second evidence item, second hypothesis (cursor starts on E1 x H1).
    doc = read_case_file(SAMPLE)
    slug = doc.case.slug or ""
    row = doc.evidence[1]
    hyps = [h.id for h in doc.hypotheses]
    hypothesis = hyps[1]
    assert set(row.ratings) == set(hyps), "the chosen row must be fully rated to read it"
    old = row.ratings[hypothesis].rating.value
    new = next(v for v in PREFERRED if v != old)

    db = tmp_path / "newcomer.db"
    exit_file = tmp_path / "exit-status"
    socket = f"claimmap-test-{os.getpid()}"
    tmux = [TMUX, "-L", socket, "-f", os.devnull]
    target = "newcomer"
    # The tmux server passes its environment on to the program. COLUMNS and LINES (which can
    # be set inside a pytest run) would override the pane's size, since the terminal size is
    # looked up with shutil.get_terminal_size.
    # A newcomer has no CLAIMMAP_ANALYST (conftest sets one): with it the TUI would first ask
    # whether to rate as that new analyst.
    dropped = ("COLUMNS", "LINES", "TMUX", "CLAIMMAP_ANALYST")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # The shell records the exit status, then lingers so a crash stays readable on the pane.
    command = (
        f"{shlex.quote(str(CLAIMMAP))} demo; echo $? > {shlex.quote(str(exit_file))}; sleep 60"
    )

    def screen() -> str:
        out = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", target],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        return out.stdout

    def keys(*names: str) -> None:
        for name in names:  # one at a time, as typed
            subprocess.run([*tmux, "send-keys", "-t", target, name], check=True, env=env)

    subprocess.run(
        [
            *tmux,
            "new-session",
            "-d",
            "-s",
            target,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "-e",
            f"CLAIMMAP_DB={db}",
            "-e",
            "TERM=xterm-256color",
            "-e",
            f"HOME={tmp_path / 'home'}",
            "sh",
            "-c",
            command,
        ],
        check=True,
        cwd=tmp_path,
        env=env,
    )
    try:
        wait_for(
            "the matrix",
            lambda: (
                (text := screen())
                and "ratings:" in text
                and "H1" in text
                and row_ratings(text, "E1", len(hyps))
                and row_ratings(text, row.id, len(hyps))
            ),
            screen,
        )
        before = row_ratings(screen(), row.id, len(hyps))
        assert before is not None and before[1] == old, screen()

        keys("l", "j", KEY_FOR[new])

        def on_screen() -> bool:
            cells = row_ratings(screen(), row.id, len(hyps))
            return cells is not None and cells[1] == new

        wait_for(f"{row.id} x {hypothesis} to show {new}", on_screen, screen)
        wait_for(
            f"{row.id} x {hypothesis} = {new} in the database",
            lambda: stored(db, slug, row.id, hypothesis) == new,
            screen,
        )

        keys("C-q")
        wait_for("claimmap to end", exit_file.exists, screen)
        wait_for("the exit status", lambda: exit_file.read_text().strip(), screen)
        assert exit_file.read_text().strip() == "0", screen()
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False, env=env)

    assert stored(db, slug, row.id, hypothesis) == new
