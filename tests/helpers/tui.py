"""Shared by the interface tests."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

REPO = Path(__file__).resolve().parents[2]
HTS = REPO / "sample_cases" / "hts-idlib-2018.yaml"


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and every message they posted is handled."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
