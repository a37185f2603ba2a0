"""Shared by the interface tests."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

REPO = Path(__file__).resolve().parents[2]
HTS = REPO / "sample_cases" / "hts-idlib-2018.yaml"


def fresh_run(script: str, *args: str) -> Any:
    """Run `script` in a fresh interpreter (nothing imported yet) from the repository; what
    its last line of output says, as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


async def until(pilot: Pilot[None], test: Callable[[], object], step: float = 0.01) -> None:
    """Pause until `test()` is true (at most 400 steps)."""
    for _ in range(400):
        if test():
            return
        await pilot.pause(step)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and every message they posted is handled."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settle_tables(pilot: Pilot[None], rounds: int = 20) -> None:
    """Settle, then wait until every DataTable on screen has measured its new rows: a
    DataTable sizes its columns when it is next idle, which on a loaded machine can come
    after the rows are drawn (a picture taken then has the headers' widths)."""
    from textual.widgets import DataTable

    await settle(pilot)
    for _ in range(rounds):
        tables = pilot.app.screen.query(DataTable)
        # the table's own bookkeeping of rows and cells it has yet to measure
        if not any(t._require_update_dimensions or t._updated_cells for t in tables):
            break
        await pilot.pause(0.05)
    await pilot.pause()
